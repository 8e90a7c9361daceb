/**
 * Reminders and the PM's digest (issue 14), planned from the communication plan. Pure: the plan,
 * the project's open asks and change requests and a date (or an instant) in; what to send out.
 * The Settings preview ("on <date> we would send …") and the scheduled job (src/asks/events/reminders.ts)
 * both call these functions, so the preview is what the job sends.
 *
 * Per waiting ask, on the recipient's own calendar date (the client contact's time zone; the team's
 * for people the plan does not list), on business days of the plan only:
 * - before due: `daysBeforeDue` business days before the due date (or any later business day
 *   before it, when the job missed that day), if the ask was set before that day;
 * - overdue: on the first business day after the due date, then every `overdueEveryDays` business
 *   days (reminder n is due once the ask is 1 + (n-1)·every business days overdue);
 * - escalation: level L of the escalation path (0 first) once the ask is `escalateAfterDays`·(L+1)
 *   business days overdue; only the highest level reached is planned.
 * An ask whose client asked for more information is with the team: no reminder, the digest lists it.
 * Each reminder has a key naming the ask's round and due date, so a re-ask or a new due date starts
 * afresh, and the job sends a key at most once. A reminder goes out inside the recipient's working
 * hours (its `window`); a contact whose channel is not Jira or email gets none from Jira: the digest
 * tells the PM to remind them by hand.
 */
import { addBusinessDays, businessDaysBetween, isBusinessDay, isoDateOf, type WorkCalendar } from '../../platform/domain/businessDays';
import { shorten } from './askNotices';
import type { AskState } from './clientAsk';
import type { Channel, CommunicationPlan, Reminders } from '../../settings/domain/settings';
import { addDays, formatIsoDate, hhmmToMinutes, parseIsoDate, weekdayOf, zonedDateTime, zonedTimeToInstant } from '../../platform/domain/time';

/** Working hours assumed for people the plan does not list (in the team's time zone). */
export const DEFAULT_HOURS = { start: '09:00', end: '17:00' } as const;
/** The digest goes out at the first run from this time (team time zone) on a business day. */
export const DIGEST_FROM = '08:00';

export interface ReminderAsk {
  issueId: string;
  issueKey: string;
  summary: string;
  client: string;
  ask: string;
  due: string;
  round: number;
  state: AskState;
  askedAt: string;
  askedBy: string;
  infoRequestedAt?: string;
  answeredAt?: string;
}

/** A change request still at "logged" (not acknowledged). */
export interface LoggedChange {
  issueKey: string;
  summary: string;
  requestedAt: string;
}

export interface ReminderInput {
  projectKey: string;
  reminders: Reminders;
  plan: Pick<CommunicationPlan, 'clientContacts' | 'escalationPath' | 'workingDays' | 'holidays'>;
  /** The project's open asks (waiting or answered). */
  asks: readonly ReminderAsk[];
  changes: readonly LoggedChange[];
  /** The promise to acknowledge a change request, in business days (the red-flag rule's threshold). */
  changeAckBusinessDays: number;
  /** accountId -> display name. */
  names: Readonly<Record<string, string>>;
}

export type ReminderKind = 'before-due' | 'overdue' | 'escalation';

export interface Recipient {
  accountId?: string;
  name: string;
  channel: Channel;
  timeZone: string;
}

export interface PlannedReminder {
  /** Sent at most once (the job records it). */
  key: string;
  kind: ReminderKind;
  issueId: string;
  issueKey: string;
  /** The recipient's calendar date it is planned for. */
  date: string;
  due: string;
  businessDaysOverdue: number;
  /** Escalation: the level (0 = first) of the escalation path. */
  level?: number;
  to: Recipient;
  /** jira: a Jira notification about the issue; by-hand: the digest asks the PM to do it. */
  delivery: 'jira' | 'by-hand';
  /** The recipient's working hours that day, as instants: the job sends inside them. */
  window: { from: string; to: string };
  subject: string;
  text: string;
}

export interface DigestAsk {
  issueKey: string;
  summary: string;
  client: string;
  clientName: string;
  due: string;
  businessDaysOverdue: number;
}

export interface DigestOwed {
  issueKey: string;
  summary: string;
  what: string;
}

export interface Digest {
  key: string;
  /** The team's calendar date. */
  date: string;
  window: { from: string; to: string };
  clientOverdue: DigestAsk[];
  teamOwes: DigestOwed[];
  /** What the reminders do on this date (those by hand are the PM's to do). */
  reminders: PlannedReminder[];
  subject: string;
  text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS: Record<string, string> = { MON: 'Mon', TUE: 'Tue', WED: 'Wed', THU: 'Thu', FRI: 'Fri', SAT: 'Sat', SUN: 'Sun' };

/** "Thu 10 Dec 2026": one way of writing a day in every message. */
export function dayWords(date: string): string {
  const d = parseIsoDate(date);
  if (!d) return date;
  return `${DAYS[weekdayOf(d)]} ${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function calendarOf(input: ReminderInput): WorkCalendar {
  return { workingDays: input.plan.workingDays, holidays: input.plan.holidays.map((h) => h.date) };
}

function nameOf(input: ReminderInput, accountId: string): string {
  return input.names[accountId] ?? input.plan.clientContacts.find((c) => c.person.accountId === accountId)?.person.name ?? 'the client';
}

/** Who the client person of an ask is to the plan: their contact entry, or the team's clock and Jira. */
function clientRecipient(input: ReminderInput, accountId: string): Recipient & { hours: { start: string; end: string } } {
  const contact = input.plan.clientContacts.find((c) => c.person.accountId === accountId);
  if (!contact) return { accountId, name: nameOf(input, accountId), channel: 'jira', timeZone: input.reminders.teamTimeZone, hours: DEFAULT_HOURS };
  return { accountId, name: input.names[accountId] ?? contact.person.name, channel: contact.channel, timeZone: contact.timeZone, hours: contact.workingHours };
}

/** The instants of `date`'s working hours in a zone. */
function windowOf(date: string, hours: { start: string; end: string }, zone: string): { from: string; to: string } {
  const day = parseIsoDate(date)!;
  return { from: zonedTimeToInstant(day, hhmmToMinutes(hours.start), zone).toISOString(), to: zonedTimeToInstant(day, hhmmToMinutes(hours.end), zone).toISOString() };
}

/** The calendar date of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  const z = zonedDateTime(instant, zone);
  return formatIsoDate(z);
}

const reachedByJira = (channel: Channel) => channel === 'jira' || channel === 'email';

/** The team owes the next step: the client answered, or their question is open (an answered one sends the ask back to `waiting`). */
function withTeam(ask: ReminderAsk): boolean {
  return ask.state === 'answered' || ask.state === 'question';
}

function askReminders(input: ReminderInput, ask: ReminderAsk, date: string): PlannedReminder[] {
  if (ask.state !== 'waiting' || withTeam(ask)) return [];
  const cal = calendarOf(input);
  if (!isBusinessDay(date, cal)) return [];
  const { reminders } = input;
  const who = clientRecipient(input, ask.client);
  const base = { issueId: ask.issueId, issueKey: ask.issueKey, date, due: ask.due };
  const id = `${ask.issueId}:${ask.round}:${ask.due}`;
  const on = `${ask.issueKey} (${shorten(ask.summary, 120)})`;
  const asker = input.names[ask.askedBy] ?? 'The team';
  const portal = 'Answer it, or say what you need to know, in Liaison (Apps > Liaison in Jira).';
  const toClient = { to: { accountId: who.accountId, name: who.name, channel: who.channel, timeZone: who.timeZone }, delivery: reachedByJira(who.channel) ? 'jira' as const : 'by-hand' as const, window: windowOf(date, who.hours, who.timeZone) };
  const planned: PlannedReminder[] = [];

  if (date < ask.due) {
    if (reminders.daysBeforeDue > 0 && date >= addBusinessDays(ask.due, -reminders.daysBeforeDue, cal) && localDate(new Date(ask.askedAt), who.timeZone) < date) {
      const left = businessDaysBetween(date, ask.due, cal);
      planned.push({
        ...base, ...toClient, key: `before-due:${id}`, kind: 'before-due', businessDaysOverdue: 0,
        subject: `[${ask.issueKey}] Reminder: due ${dayWords(ask.due)}`,
        text: `A reminder: ${asker} asked you on ${on}:\n\n"${shorten(ask.ask)}"\n\nIt is due ${dayWords(ask.due)}, in ${plural(left, 'working day')}. ${portal}`,
      });
    }
    return planned;
  }
  const overdue = businessDaysBetween(ask.due, date, cal);
  if (overdue < 1) return planned;
  const n = reminders.overdueEveryDays > 0 ? Math.floor((overdue - 1) / reminders.overdueEveryDays) + 1 : 1;
  planned.push({
    ...base, ...toClient, key: `overdue:${id}:${n}`, kind: 'overdue', businessDaysOverdue: overdue,
    subject: `[${ask.issueKey}] Overdue since ${dayWords(ask.due)}`,
    text: `${asker} is still waiting for your answer on ${on}:\n\n"${shorten(ask.ask)}"\n\nIt was due ${dayWords(ask.due)} and is ${plural(overdue, 'working day')} overdue; the team's work on it waits for you. ${portal}`,
  });
  const path = input.plan.escalationPath;
  if (reminders.escalateAfterDays > 0 && path.length > 0) {
    const reached = Math.min(Math.floor(overdue / reminders.escalateAfterDays), path.length);
    if (reached > 0) {
      const level = reached - 1;
      const person = path[level];
      const zone = input.reminders.teamTimeZone;
      planned.push({
        ...base, key: `escalation:${id}:${level}`, kind: 'escalation', level, businessDaysOverdue: overdue,
        to: { ...(person.accountId ? { accountId: person.accountId } : {}), name: person.who, channel: person.accountId ? 'jira' : 'email', timeZone: zone },
        delivery: person.accountId ? 'jira' : 'by-hand',
        window: windowOf(date, DEFAULT_HOURS, zone),
        subject: `[${ask.issueKey}] Escalation: ${who.name}'s answer is ${plural(overdue, 'working day')} overdue`,
        text:
          `You are level ${level + 1} of the escalation path of ${input.projectKey} (${person.when}).\n\n` +
          `${asker} asked ${who.name} on ${on}; the answer was due ${dayWords(ask.due)} and is ${plural(overdue, 'working day')} overdue ` +
          `despite reminders. Please help get an answer (contact: ${person.contact}).`,
      });
    }
  }
  return planned;
}

/**
 * Every reminder planned for `date` — each recipient's own calendar date — whether or not it was
 * sent already (the caller leaves out the keys it recorded). The preview's "on <date> we would send".
 */
export function remindersOn(input: ReminderInput, date: string): PlannedReminder[] {
  return input.asks
    .flatMap((ask) => askReminders(input, ask, date))
    .sort((a, b) => a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true }) || a.key.localeCompare(b.key));
}

/** The zones whose calendar dates matter at an instant: every listed contact's and the team's. */
function zonesOf(input: ReminderInput): string[] {
  return [...new Set([input.reminders.teamTimeZone, ...input.plan.clientContacts.map((c) => c.timeZone)])];
}

const inside = (window: { from: string; to: string }, now: Date) => Date.parse(window.from) <= now.getTime() && now.getTime() < Date.parse(window.to);

/** What the job sends at `now`: the reminders of each recipient's date today whose working hours hold `now`. */
export function remindersDueAt(input: ReminderInput, now: Date): PlannedReminder[] {
  const dates = [...new Set(zonesOf(input).map((zone) => localDate(now, zone)))];
  const byKey = new Map<string, PlannedReminder>();
  for (const date of dates) for (const r of remindersOn(input, date)) if (inside(r.window, now)) byKey.set(r.key, r);
  return [...byKey.values()];
}

/**
 * The managers' digest for the team's date `date`: client asks overdue, what the team owes (answers
 * to accept, clients' questions, change requests past their acknowledgement promise) and the day's
 * reminders. Null when the digest is off, on a day off, or when there is nothing to say.
 */
export function digestOn(input: ReminderInput, date: string): Digest | null {
  const cal = calendarOf(input);
  if (!input.reminders.digest || !isBusinessDay(date, cal)) return null;
  const clientOverdue: DigestAsk[] = input.asks
    .filter((ask) => ask.state === 'waiting' && !withTeam(ask) && ask.due < date)
    .map((ask) => ({ issueKey: ask.issueKey, summary: ask.summary, client: ask.client, clientName: nameOf(input, ask.client), due: ask.due, businessDaysOverdue: businessDaysBetween(ask.due, date, cal) }))
    .sort((a, b) => b.businessDaysOverdue - a.businessDaysOverdue || a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true }));
  const teamOwes: DigestOwed[] = [];
  for (const ask of input.asks) {
    if (ask.state === 'answered') teamOwes.push({ issueKey: ask.issueKey, summary: ask.summary, what: `${nameOf(input, ask.client)} answered${ask.answeredAt ? ` on ${dayWords(isoDateOf(ask.answeredAt))}` : ''}: accept the answer or ask again` });
    else if (ask.state === 'question') teamOwes.push({ issueKey: ask.issueKey, summary: ask.summary, what: `${nameOf(input, ask.client)} asked for more information${ask.infoRequestedAt ? ` on ${dayWords(isoDateOf(ask.infoRequestedAt))}` : ''}: reply in the ask’s conversation` });
  }
  for (const change of input.changes) {
    const waited = businessDaysBetween(isoDateOf(change.requestedAt), date, cal);
    if (waited > input.changeAckBusinessDays) {
      teamOwes.push({ issueKey: change.issueKey, summary: change.summary, what: `Change request not acknowledged: logged ${dayWords(isoDateOf(change.requestedAt))}, promised within ${plural(input.changeAckBusinessDays, 'working day')}` });
    }
  }
  teamOwes.sort((a, b) => a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true }));
  const reminders = remindersOn(input, date);
  if (clientOverdue.length === 0 && teamOwes.length === 0 && reminders.length === 0) return null;

  const lines: string[] = [`What is overdue in ${input.projectKey} on ${dayWords(date)}.`];
  lines.push('');
  lines.push(clientOverdue.length === 0 ? 'Waiting on the client: nothing overdue.' : `Waiting on the client, overdue (${clientOverdue.length}):`);
  for (const a of clientOverdue) lines.push(`- ${a.issueKey} ${shorten(a.summary, 80)}: ${a.clientName}, due ${dayWords(a.due)}, ${plural(a.businessDaysOverdue, 'working day')} overdue`);
  lines.push('');
  lines.push(teamOwes.length === 0 ? 'Waiting on the team: nothing.' : `Waiting on the team (${teamOwes.length}):`);
  for (const o of teamOwes) lines.push(`- ${o.issueKey} ${shorten(o.summary, 80)}: ${o.what}`);
  if (reminders.length > 0) {
    lines.push('');
    lines.push(`Reminders today (${reminders.length}):`);
    for (const r of reminders) lines.push(`- ${r.issueKey}: ${reminderWords(r)}`);
  }
  const zone = input.reminders.teamTimeZone;
  return {
    key: `digest:${date}`,
    date,
    window: { from: zonedTimeToInstant(parseIsoDate(date)!, hhmmToMinutes(DIGEST_FROM), zone).toISOString(), to: zonedTimeToInstant(addDays(parseIsoDate(date)!, 1), 0, zone).toISOString() },
    clientOverdue,
    teamOwes,
    reminders,
    subject: `Liaison: ${input.projectKey} on ${dayWords(date)}: ${clientOverdue.length} overdue with the client, ${teamOwes.length} with the team`,
    text: lines.join('\n'),
  };
}

/** One reminder in the PM's words: what goes to whom, and how. */
export function reminderWords(r: PlannedReminder): string {
  const what = r.kind === 'before-due' ? `reminder before the due date (${dayWords(r.due)})` : r.kind === 'overdue' ? `overdue reminder (${plural(r.businessDaysOverdue, 'working day')} overdue)` : `escalation, level ${Number(r.level) + 1}`;
  return r.delivery === 'jira' ? `${what} to ${r.to.name} by Jira notification` : `${what}: contact ${r.to.name} yourself (${r.kind === 'escalation' ? 'no Jira account in the escalation path' : `prefers ${r.to.channel}`})`;
}

/** The digest the job sends at `now`: the team's date's, from DIGEST_FROM until midnight (team time). */
export function digestDueAt(input: ReminderInput, now: Date): Digest | null {
  const digest = digestOn(input, localDate(now, input.reminders.teamTimeZone));
  return digest && inside(digest.window, now) ? digest : null;
}

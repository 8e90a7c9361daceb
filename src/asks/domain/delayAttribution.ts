/**
 * Delay attribution: how long the client held the project up, read from the asks' histories.
 *
 * Waiting past due: a business day d counts for client C when, on d, an ask to C was waiting
 * and d is after that ask's due date (the due date in force on d), within the period and not
 * after today. "On d" follows the half-open counting of businessDaysBetween: an ask waiting from
 * day a to day b (asked on a, answered / withdrawn / readdressed on b) was waiting on the days
 * (a, b], so an answer on the due date costs 0 days and an answer the next business day costs 1.
 *
 * Waiting on the team: while the client's question about an ask is open (state `question`), the
 * ask waits on the team, not the client: those spans are no client waits (nothing past due counts
 * against the client), and every business day of them in the period counts for the team, with the
 * same half-open counting (a question answered the day it was asked costs 0 days).
 *
 * Slipped while pending: an issue whose due date passed (not resolved by it) while an ask on it
 * was waiting; a sprint commitment (in the sprint at its start, not completed by its end) with an
 * ask waiting at some time during the sprint.
 */
import { compareIssueKeys } from './askOverview';
import { businessDaysBetween, earlierDate, isoDateOf, laterDate, shiftDate, type WorkCalendar } from '../../platform/domain/businessDays';
import { askPeriods, type AskEvent, type WaitingSpan } from './clientAsk';
import { AppError } from '../../platform/domain/errors';
import { isIsoDate } from '../../platform/domain/time';

export interface IssueTimeline {
  key: string;
  summary: string;
  /** YYYY-MM-DD */
  duedate: string | null;
  /** ISO instant */
  resolvedAt: string | null;
  history: AskEvent[];
}

export interface SprintWindow {
  id: number;
  name: string;
  /** ISO instants */
  start: string;
  end: string;
  /** keys in the sprint at its start */
  committed: string[];
  /** keys done by its end */
  completed: string[];
}

/** YYYY-MM-DD, both days included. */
export interface Period {
  from: string;
  to: string;
}

export interface ClientDelay {
  client: string;
  businessDaysOverdue: number;
  /** Asks to this person that were waiting past due in the period. */
  asks: number;
  /** The issues of those asks. */
  issues: string[];
}

/** What the client's open questions cost: business days the team owed an answer. */
export interface TeamDelay {
  businessDaysWaiting: number;
  /** Questions open in the period. */
  questions: number;
  issues: string[];
}

export interface SlippedIssue {
  key: string;
  dueDate: string;
  /** From the due date to the resolution, or to today while unresolved. */
  businessDaysLate: number;
  pendingClients: string[];
}

export interface SlippedCommitment {
  sprintId: number;
  sprintName: string;
  key: string;
  pendingClients: string[];
}

function checkPeriod(period: Period): void {
  const fields: Record<string, string> = {};
  if (!isIsoDate(period.from)) fields.from = 'Pick the first day of the period';
  if (!isIsoDate(period.to)) fields.to = 'Pick the last day of the period';
  else if (!fields.from && period.to < period.from) fields.to = 'The end of the period must be on or after its start';
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'The period is not valid', { fields });
}

/** Business days of a waiting span that were past its due date, within the period and up to today. */
function pastDueDays(wait: WaitingSpan, period: Period, cal: WorkCalendar, today: string): number {
  // Counting is over (lower, upper]: the day before the period starts excludes nothing of it.
  const lower = laterDate(laterDate(isoDateOf(wait.from), wait.due), shiftDate(period.from, -1));
  const upper = earlierDate(earlierDate(wait.to === null ? today : isoDateOf(wait.to), today), period.to);
  return businessDaysBetween(lower, upper, cal);
}

/** Business days of a question span within the period and up to today. */
function questionDays(span: WaitingSpan, period: Period, cal: WorkCalendar, today: string): number {
  const lower = laterDate(isoDateOf(span.from), shiftDate(period.from, -1));
  const upper = earlierDate(earlierDate(span.to === null ? today : isoDateOf(span.to), today), period.to);
  return businessDaysBetween(lower, upper, cal);
}

/** Over every issue: the business days the team kept clients waiting for answers to their questions. */
export function teamDelay(issues: readonly IssueTimeline[], period: Period, cal: WorkCalendar, today: string): TeamDelay {
  let businessDaysWaiting = 0;
  let questions = 0;
  const keys = new Set<string>();
  for (const issue of issues) {
    for (const ask of askPeriods(issue.history)) {
      for (const span of ask.questions) {
        const days = questionDays(span, period, cal, today);
        if (days === 0) continue;
        businessDaysWaiting += days;
        questions += 1;
        keys.add(issue.key);
      }
    }
  }
  return { businessDaysWaiting, questions, issues: [...keys].sort(compareIssueKeys) };
}

interface AskDelay {
  client: string;
  key: string;
  days: number;
}

function askDelays(issue: IssueTimeline, period: Period, cal: WorkCalendar, today: string): AskDelay[] {
  const delays: AskDelay[] = [];
  for (const ask of askPeriods(issue.history)) {
    const days = ask.waits.reduce((sum, wait) => sum + pastDueDays(wait, period, cal, today), 0);
    if (days > 0) delays.push({ client: ask.client, key: issue.key, days });
  }
  return delays;
}

/** Per client person, most days first. */
function byClient(delays: readonly AskDelay[]): ClientDelay[] {
  const totals = new Map<string, { days: number; asks: number; issues: Set<string> }>();
  for (const delay of delays) {
    const total = totals.get(delay.client) ?? { days: 0, asks: 0, issues: new Set<string>() };
    total.days += delay.days;
    total.asks += 1;
    total.issues.add(delay.key);
    totals.set(delay.client, total);
  }
  return [...totals]
    .map(([client, total]) => ({ client, businessDaysOverdue: total.days, asks: total.asks, issues: [...total.issues].sort(compareIssueKeys) }))
    .sort((a, b) => b.businessDaysOverdue - a.businessDaysOverdue || a.client.localeCompare(b.client));
}

/** Business days each client person kept this issue waiting past due in the period. */
export function issueDelays(issue: IssueTimeline, period: Period, cal: WorkCalendar, today: string): ClientDelay[] {
  checkPeriod(period);
  return byClient(askDelays(issue, period, cal, today));
}

/** The client persons an ask was waiting on at the moment the issue's due date passed (end of its day). */
function pendingAtDueDate(issue: IssueTimeline, dueDate: string): string[] {
  const clients = new Set<string>();
  for (const ask of askPeriods(issue.history)) {
    // Waiting on the day after the due date: asked on or before it, not ended by it.
    if (ask.waits.some((wait) => isoDateOf(wait.from) <= dueDate && (wait.to === null || isoDateOf(wait.to) > dueDate))) clients.add(ask.client);
  }
  return [...clients].sort();
}

/** The issue, when its due date has passed unresolved while an ask on it was waiting; else null. */
export function issueSlip(issue: IssueTimeline, cal: WorkCalendar, today: string): SlippedIssue | null {
  const dueDate = issue.duedate;
  if (dueDate === null || dueDate >= today) return null;
  const resolvedOn = issue.resolvedAt === null ? null : isoDateOf(issue.resolvedAt);
  if (resolvedOn !== null && resolvedOn <= dueDate) return null;
  const pendingClients = pendingAtDueDate(issue, dueDate);
  if (pendingClients.length === 0) return null;
  const lateUntil = resolvedOn === null ? today : earlierDate(resolvedOn, today);
  return { key: issue.key, dueDate, businessDaysLate: businessDaysBetween(dueDate, lateUntil, cal), pendingClients };
}

/** Commitments of a sprint that is over (its end date is today or earlier) and missed it with an ask pending during the sprint. */
function slippedCommitments(sprint: SprintWindow, issues: readonly IssueTimeline[], today: string): SlippedCommitment[] {
  if (isoDateOf(sprint.end) > today) return [];
  const start = Date.parse(sprint.start);
  const end = Date.parse(sprint.end);
  const completed = new Set(sprint.completed);
  const byKey = new Map(issues.map((issue) => [issue.key, issue]));
  const slipped: SlippedCommitment[] = [];
  for (const key of [...new Set(sprint.committed)].sort(compareIssueKeys)) {
    const issue = byKey.get(key);
    if (completed.has(key) || !issue) continue;
    const clients = new Set<string>();
    for (const ask of askPeriods(issue.history)) {
      if (ask.waits.some((wait) => Date.parse(wait.from) < end && (wait.to === null || Date.parse(wait.to) > start))) clients.add(ask.client);
    }
    if (clients.size > 0) slipped.push({ sprintId: sprint.id, sprintName: sprint.name, key, pendingClients: [...clients].sort() });
  }
  return slipped;
}

/** Over the sprint's days: the client delays on the given issues, and the commitments that slipped with an ask pending. */
export function sprintDelays(sprint: SprintWindow, issues: IssueTimeline[], cal: WorkCalendar, today: string): { byClient: ClientDelay[]; slipped: SlippedCommitment[] } {
  const period = { from: isoDateOf(sprint.start), to: isoDateOf(sprint.end) };
  if (period.to < period.from) return { byClient: [], slipped: [] };
  return {
    byClient: byClient(issues.flatMap((issue) => askDelays(issue, period, cal, today))),
    slipped: slippedCommitments(sprint, issues, today),
  };
}

/**
 * A project over a period: client delays on every issue; the issues whose due date fell in the
 * period and slipped while an ask was pending (latest first); the commitments of the sprints
 * that ended in the period and slipped with an ask pending.
 */
export function projectDelays(
  issues: IssueTimeline[],
  sprints: SprintWindow[],
  period: Period,
  cal: WorkCalendar,
  today: string,
): { byClient: ClientDelay[]; team: TeamDelay; slippedIssues: SlippedIssue[]; slippedCommitments: SlippedCommitment[] } {
  checkPeriod(period);
  const slippedIssues = issues
    .filter((issue) => issue.duedate !== null && issue.duedate >= period.from && issue.duedate <= period.to)
    .flatMap((issue) => issueSlip(issue, cal, today) ?? [])
    .sort((a, b) => b.businessDaysLate - a.businessDaysLate || compareIssueKeys(a.key, b.key));
  const endedInPeriod = sprints
    .filter((sprint) => {
      const end = isoDateOf(sprint.end);
      return end >= period.from && end <= period.to;
    })
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id - b.id);
  return {
    byClient: byClient(issues.flatMap((issue) => askDelays(issue, period, cal, today))),
    team: teamDelay(issues, period, cal, today),
    slippedIssues,
    slippedCommitments: endedInPeriod.flatMap((sprint) => slippedCommitments(sprint, issues, today)),
  };
}

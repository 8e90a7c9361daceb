/**
 * The team's Liaison home across projects (issue 14, point 3): every open client ask of the
 * projects where the person works (filters "mine", "overdue", "due this week", with counts), the
 * change requests waiting for their action, new red flags and the reports coming due. Pure and
 * dependency-free (the global page's bundle uses the filters too).
 */
import { businessDaysBetween, type WorkCalendar } from '../../platform/domain/businessDays';
import type { ChangeStep } from '../../changes/domain/changeVocabulary';
import type { AppRole } from '../../access/domain/roles';
import { addDays, epochDay, formatIsoDate, parseIsoDate, weekdayOf } from '../../platform/domain/time';

export const ASK_FILTERS = ['all', 'mine', 'overdue', 'due-this-week'] as const;
export type AskFilter = (typeof ASK_FILTERS)[number];

export const ASK_FILTER_LABELS: Record<AskFilter, string> = { all: 'All open', mine: 'Asked by me', overdue: 'Overdue', 'due-this-week': 'Due this week' };

/** How long a raised flag counts as new. */
export const NEW_FLAG_DAYS = 7;

export interface HomeAsk {
  projectKey: string;
  issueKey: string;
  summary: string;
  client: string;
  askedBy: string;
  due: string;
  /** waiting: on the client; question: the client's question, on the team; answered: on the team (accept or ask again). */
  state: 'waiting' | 'question' | 'answered';
  /** The client's question is open (state `question`): the team owes the reply. */
  question: boolean;
  overdue: boolean;
  businessDaysOverdue: number;
  dueThisWeek: boolean;
  mine: boolean;
}

/** The Sunday ending the (Monday-first) week holding `today`. */
export function endOfWeek(today: string): string {
  const date = parseIsoDate(today);
  if (!date) throw new RangeError(`not a calendar date: ${today}`);
  const index = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].indexOf(weekdayOf(date));
  return formatIsoDate(addDays(date, 6 - index));
}

export function homeAsk(
  row: { projectKey: string; issueKey: string; summary: string; ask: { client: string; askedBy: string; due: string; state: string; infoRequestedAt?: string } },
  me: string,
  today: string,
  cal: WorkCalendar,
): HomeAsk {
  const { ask } = row;
  const waiting = ask.state === 'waiting';
  // An answered question sends the ask back to `waiting` (its record keeps when it was asked): only an open one is the team's.
  const question = ask.state === 'question';
  const overdue = waiting && ask.due < today;
  return {
    projectKey: row.projectKey, issueKey: row.issueKey, summary: row.summary, client: ask.client, askedBy: ask.askedBy, due: ask.due,
    state: waiting ? 'waiting' : question ? 'question' : 'answered', question, overdue,
    businessDaysOverdue: overdue ? businessDaysBetween(ask.due, today, cal) : 0,
    dueThisWeek: waiting && ask.due >= today && ask.due <= endOfWeek(today),
    mine: ask.askedBy === me,
  };
}

export function matchesFilter(ask: HomeAsk, filter: AskFilter): boolean {
  switch (filter) {
    case 'mine':
      return ask.mine;
    case 'overdue':
      return ask.overdue;
    case 'due-this-week':
      return ask.dueThisWeek;
    default:
      return true;
  }
}

export function askCounts(asks: readonly HomeAsk[]): Record<AskFilter, number> {
  return Object.fromEntries(ASK_FILTERS.map((filter) => [filter, asks.filter((ask) => matchesFilter(ask, filter)).length])) as Record<AskFilter, number>;
}

/** Overdue first (most days first), then by due date, then by key. */
export function compareHomeAsks(a: HomeAsk, b: HomeAsk): number {
  return Number(b.overdue) - Number(a.overdue) || b.businessDaysOverdue - a.businessDaysOverdue || a.due.localeCompare(b.due) || a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true });
}

export type ChangeAction = 'acknowledge' | 'assess' | 'decide' | 'inform';

export const CHANGE_ACTION_LABELS: Record<ChangeAction, string> = {
  acknowledge: 'Acknowledge',
  assess: 'Assess',
  decide: 'Approve or decline',
  inform: 'Tell the client',
};

/** What a change request at `step` waits for from someone holding `roles` (the access policy's roles per step); null: nothing. */
export function changeActionFor(step: ChangeStep | string, roles: readonly AppRole[]): ChangeAction | null {
  const has = (...wanted: AppRole[]) => wanted.some((role) => roles.includes(role));
  if (step === 'logged') return has('manager', 'approver', 'team') ? 'acknowledge' : null;
  if (step === 'acknowledged' || step === 'assessing') return has('manager', 'team') ? 'assess' : null;
  if (step === 'awaiting-approval') return has('approver') ? 'decide' : null;
  if (step === 'approved' || step === 'declined') return has('manager', 'approver') ? 'inform' : null;
  return null;
}

/** A flag raised within NEW_FLAG_DAYS of `now`. */
export function isNewFlag(raisedAt: string, now: Date): boolean {
  const at = Date.parse(raisedAt);
  return Number.isFinite(at) && now.getTime() - at <= NEW_FLAG_DAYS * 86_400_000;
}

/** The first date from `today` on (within `days`) on which `isDue` holds; null when none. */
export function nextDueDate(today: string, isDue: (date: string) => boolean, days = 31): string | null {
  const start = parseIsoDate(today);
  if (!start) return null;
  for (let i = 0; i <= days; i++) {
    const date = formatIsoDate(addDays(start, i));
    if (isDue(date)) return date;
  }
  return null;
}

/** Days from `today` to `date` (0: today). */
export function daysUntil(today: string, date: string): number {
  return epochDay(parseIsoDate(date)!) - epochDay(parseIsoDate(today)!);
}

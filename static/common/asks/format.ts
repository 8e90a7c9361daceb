/** Words and dates for client asks, shared by the issue panel, the Client asks page and the portal. */
import type { AskAction, AskEvent, AskState } from '../../../src/asks/domain/clientAsk';

export const STATE_LABELS: Record<AskState, string> = {
  waiting: 'Waiting on client',
  question: 'Waiting on team',
  answered: 'Answered',
  accepted: 'Accepted',
  withdrawn: 'Withdrawn',
};

/** Atlaskit Lozenge appearances: yellow while the client owes it, blue while the team does, green/grey when closed. */
export const STATE_APPEARANCE: Record<AskState, 'moved' | 'inprogress' | 'success' | 'default'> = {
  waiting: 'moved',
  question: 'inprogress',
  answered: 'inprogress',
  accepted: 'success',
  withdrawn: 'default',
};

export const ACTION_LABELS: Record<AskAction, string> = {
  asked: 'asked',
  edited: 'changed the ask',
  answered: 'answered',
  'info-requested': 'asked for more information',
  replied: 'answered the question',
  message: 'wrote',
  accepted: 'accepted the answer',
  're-asked': 'asked again',
  withdrawn: 'withdrew the ask',
};

/** Dates in the user's one style (static/common/dates.ts). */
export { formatDay, formatInstant } from '../dates';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "3 business days waiting · 2 overdue". */
export function timingText(timing: { businessDaysWaiting: number; businessDaysOverdue: number; overdue: boolean }): string {
  const waiting = plural(timing.businessDaysWaiting, 'business day');
  return timing.overdue ? `${waiting} waiting · ${timing.businessDaysOverdue} overdue` : `${waiting} waiting`;
}

export function nameOf(names: Record<string, string>, accountId: string): string {
  return Object.hasOwn(names, accountId) ? names[accountId] : accountId;
}

/** Today plus n days, as YYYY-MM-DD (the default due date of a new ask). */
export function daysFromToday(today: string, n: number): string {
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The messages of an ask's conversation, from its history (the question, replies, messages and the answer). */
export function askConversation(history: readonly AskEvent[], names: Record<string, string>): { at: string; author: string; side: 'team' | 'client'; text: string; kind?: string }[] {
  const kinds: Partial<Record<AskAction, string>> = { 'info-requested': 'asked for more information', replied: 'answered the question', answered: 'answered the ask' };
  return history
    .filter((e) => (e.action === 'info-requested' || e.action === 'replied' || e.action === 'message' || e.action === 'answered') && e.note !== undefined)
    .map((e) => ({ at: e.at, author: nameOf(names, e.by), side: e.by === e.client ? 'client' : 'team', text: e.note ?? '', ...(kinds[e.action] ? { kind: kinds[e.action] } : {}) }));
}

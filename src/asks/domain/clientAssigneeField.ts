/**
 * What Jira's "Client assignee" field shows on the issue view (static/client-assignee-field):
 * "Hannah Becker · due 10 Dec 2026" beside the ask's state. The field's value is only the ask's
 * projection (the client's accountId, state, due day and round: src/asks/domain/clientAsk.ts), which
 * any browsing user may read; the name comes from Jira, read as the viewer, and the day is
 * written in the viewer's date style (src/platform/domain/dateStyle.ts).
 */
import type { AskProjection, AskState } from './clientAsk';
import { formatDay, type DateStyle } from '../../platform/domain/dateStyle';
import { isIsoDate } from '../../platform/domain/time';

/** Said instead of the name when Jira does not tell the viewer who the client person is. */
export const UNNAMED_CLIENT = 'A client person';

const STATES: Record<AskState, true> = { waiting: true, question: true, answered: true, accepted: true, withdrawn: true };
const PROJECTION_KEYS = ['client', 'due', 'round', 'state'];

/**
 * The ask the field value describes, or null for an empty field; a value that is not the
 * projection Liaison writes shows as an empty field too (no reader trusts the field). The same
 * rule as clientAsk.ts `parseAskProjection` (the test holds them equal), without zod, which would
 * weigh more than the whole field view in the browser.
 */
export function clientAssigneeOf(fieldValue: unknown): AskProjection | null {
  if (!fieldValue || typeof fieldValue !== 'object' || Array.isArray(fieldValue)) return null;
  const value = fieldValue as Record<string, unknown>;
  if (Object.keys(value).sort().join() !== PROJECTION_KEYS.join()) return null;
  const { client, state, due, round } = value;
  if (typeof client !== 'string' || client === '' || typeof state !== 'string' || !Object.hasOwn(STATES, state)) return null;
  if (typeof due !== 'string' || !isIsoDate(due) || typeof round !== 'number' || !Number.isInteger(round) || round < 1) return null;
  return { client, state: state as AskState, due, round };
}

/** "due 10 Dec 2026" ("due Dec 10, 2026" for en-US): what follows the name, "Hannah Becker · due 10 Dec 2026". */
export function clientAssigneeDue(due: string, style: Pick<DateStyle, 'locale'>): string {
  return `due ${formatDay(due, style)}`;
}

/**
 * The client's display name from Jira's answer to `GET /rest/api/3/user?accountId=` (status and
 * parsed body). Jira refuses it to a viewer without "Browse users and groups", and answers 404 for
 * an account it does not show them: then the field says "A client person" rather than an id.
 */
export function clientNameFrom(answer: { status: number; body: unknown }): string {
  const name = answer.status === 200 && answer.body && typeof answer.body === 'object' ? (answer.body as { displayName?: unknown }).displayName : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : UNNAMED_CLIENT;
}

/**
 * What each red-flag rule watches and the threshold that tunes it, as the Settings page explains
 * them (plain data, so a unit test can hold the words to what the rules do).
 */
import type { RuleId } from '../../../src/flags/domain/flagRules';
import { ISSUE_KINDS, type IssueKind } from '../../../src/flags/domain/ruleScope';

const KIND_WORDS: Record<IssueKind, string> = { work: 'issues (stories, tasks, bugs)', subtask: 'sub-tasks', epic: 'epics', 'change-request': 'change requests' };

/** "Checks issues (stories, tasks, bugs) and sub-tasks only.", said from the one table that decides it (ruleScope.ts). */
export function appliesToText(kinds: readonly IssueKind[]): string {
  if (ISSUE_KINDS.every((kind) => kinds.includes(kind))) return 'Checks every kind of issue.';
  const words = kinds.map((kind) => KIND_WORDS[kind]);
  return `Checks ${words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0]} only.`;
}

type NumberField = 'blockedOnClientDays' | 'staleBusinessDays' | 'carriedOverSprints' | 'scopeCreepPercent' | 'changeAckBusinessDays';

/** Each rule, what it watches, and the threshold that tunes it (with its unit). */
export const RULES: ({ id: RuleId; explains: string; note?: string } & ({ field: NumberField; label: string; unit: string } | { field?: undefined }))[] = [
  { id: 'blocked-on-client', explains: "A client ask (the issue's Client assignee) is still waiting after its due date.", field: 'blockedOnClientDays', label: 'Flag when overdue by more than', unit: 'business days' },
  { id: 'schedule-slip', explains: 'Open work is past its due date, or was carried over from sprint to sprint.', field: 'carriedOverSprints', label: 'Flag when carried over at least', unit: 'sprints' },
  { id: 'stale', explains: 'Work in progress has not been updated for a while.', field: 'staleBusinessDays', label: 'Flag after no update for', unit: 'business days' },
  { id: 'untested', explains: 'Work moved to Done without the test evidence chosen below.' },
  { id: 'scope-creep', explains: "Work added to an active sprint after it started, once the added work exceeds a share of the sprint's commitment: one flag per sprint, naming the work added.", field: 'scopeCreepPercent', label: 'Flag when added work exceeds', unit: '% of the commitment' },
  {
    id: 'change-unacknowledged',
    explains: 'A change request is not acknowledged within the promised time.',
    field: 'changeAckBusinessDays',
    label: 'Acknowledge within',
    unit: 'business days',
    note: 'Checks every change request of this project when it changes and once a day: one still Logged (not acknowledged) more than this many business days after it was raised gets a red flag, which clears once it is acknowledged. Needs change requests set up in this project (a manager does it under Change request workflow).',
  },
];

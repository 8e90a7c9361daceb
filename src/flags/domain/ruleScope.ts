/**
 * Which kinds of issue each red-flag rule judges: the one place that decides it (issue 14, "calm
 * rules"). Plain data and two small functions, without zod, so the Settings page can show it too.
 */
/** The red-flag rules, by id (their checks are in flagRules.ts). */
export const RULE_IDS = ['blocked-on-client', 'schedule-slip', 'stale', 'untested', 'scope-creep', 'change-unacknowledged'] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * The kinds of issue the rules tell apart:
 * - `work`: a standard issue (story, task, bug: Jira hierarchy level 0) that is not a change request;
 * - `subtask`: hierarchy level -1;
 * - `epic`: hierarchy level 1 and above;
 * - `change-request`: the project's change request issue type (whatever its level).
 */
export const ISSUE_KINDS = ['work', 'subtask', 'epic', 'change-request'] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

/**
 * Which kinds of issue each rule applies to. A rule never raises a flag on another kind, and the
 * flags it raised there under an earlier version clear on the next run.
 * - blocked-on-client: any issue carrying an overdue client ask is held up by the client, a
 *   change request waiting for the client's details included.
 * - schedule-slip: delivery work, its sub-tasks and epics with a due date; a change request's
 *   promise is the acknowledgement rule's, and its steps have no due date of their own.
 * - stale: work in hand (issues and sub-tasks). An epic stays "in progress" for weeks while its
 *   children move; a change request waits on people at its workflow's steps.
 * - untested: delivered work items. A sub-task's test evidence is its parent's; an epic is done when
 *   its work is; a change request's done ("Client informed") is a decision told, not functionality.
 * - scope-creep: a sprint's delivery work, as Jira's sprint report counts it (standard issues):
 *   sub-tasks go with their parent, epics and change requests are not sprint work. One flag per
 *   sprint, on one of the work items added (evaluateSprintScopeCreep).
 * - change-unacknowledged: change requests only.
 */
export const RULE_APPLIES_TO: Readonly<Record<RuleId, readonly IssueKind[]>> = {
  'blocked-on-client': ['work', 'subtask', 'epic', 'change-request'],
  'schedule-slip': ['work', 'subtask', 'epic'],
  stale: ['work', 'subtask'],
  untested: ['work'],
  'scope-creep': ['work'],
  'change-unacknowledged': ['change-request'],
};

/** An issue's type as the rules read it (Jira's issue type id and hierarchy level). */
export interface IssueTypeFacts {
  id: string;
  /** Jira's hierarchy level: -1 sub-task, 0 standard, 1 epic (and above). */
  hierarchyLevel: number;
}

/** The kind of an issue: its type, and the project's change request type id (null: none set up). Unknown type: work. */
export function issueKindOf(type: IssueTypeFacts | null | undefined, changeRequestTypeId: string | null | undefined): IssueKind {
  if (!type) return 'work';
  if (changeRequestTypeId && type.id === changeRequestTypeId) return 'change-request';
  if (type.hierarchyLevel < 0) return 'subtask';
  if (type.hierarchyLevel > 0) return 'epic';
  return 'work';
}

export function ruleApplies(ruleId: RuleId, kind: IssueKind): boolean {
  return RULE_APPLIES_TO[ruleId].includes(kind);
}


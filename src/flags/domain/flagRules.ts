/**
 * The red-flag rules: pure checks over facts about an issue, a sprint or a change request,
 * each with its threshold from the project's settings. A rule returns findings (conditions true
 * right now); `reconcileRuleFlags` in redFlags.ts turns them into flags and clears the flags of
 * conditions no longer found.
 *
 * Boundaries (what happens exactly at a threshold):
 * - blocked-on-client: the ask is waiting and more than `blockedOnClientDays` business days have
 *   passed since its due date — strictly past: (due, today] holds > N business days. At N: no flag.
 * - schedule-slip (due): the due date is before today and the issue is not done — strictly past:
 *   on the due date itself, no flag.
 * - schedule-slip (carried over): the issue, not done, was in `carriedOverSprints` or more sprints
 *   that closed — at the threshold: exactly N closed sprints raises the flag.
 * - stale: in progress (status category indeterminate) and at least `staleBusinessDays` business
 *   days in (last update, today] — at the threshold: exactly N business days raises the flag.
 * - untested: done and without the project's test evidence (a label, or a linked issue of a link
 *   type and, optionally, an issue type) — presence only, no count.
 * - scope-creep: work added to a sprint after it started is more than `scopeCreepPercent` percent
 *   of the work committed at its start — strictly beyond: exactly X% raises nothing.
 * - change-unacknowledged: a change request not acknowledged after more than
 *   `changeAckBusinessDays` business days in (logged, today] — strictly past the promise: on the
 *   last promised day, no flag.
 *
 * Which kinds of issue each rule judges is decided once, in ruleScope.ts (RULE_APPLIES_TO). Each finding
 * carries `facts`, a fingerprint of what made its condition true (a due date, the issues added to
 * a sprint, ...): a flag a person dismissed stays dismissed until those facts change (redFlags.ts).
 */
import { z } from 'zod';
import { businessDaysBetween, isoDateOf, type WorkCalendar } from '../../platform/domain/businessDays';
import type { ClientAsk } from '../../asks/domain/clientAsk';
import type { FlagCategory, Severity } from './redFlags';
import { text } from '../../platform/domain/fields';
import { isIsoDate } from '../../platform/domain/time';
import { issueKindOf, RULE_IDS, ruleApplies, type IssueTypeFacts, type RuleId } from './ruleScope';

export { RULE_IDS, type RuleId } from './ruleScope';

/** The rules evaluateIssueRules covers (scope creep needs the sprint, change requests their own facts). */
export const ISSUE_RULE_IDS = ['blocked-on-client', 'schedule-slip', 'stale', 'untested'] as const satisfies readonly RuleId[];

export const RULE_LABELS: Readonly<Record<RuleId, string>> = {
  'blocked-on-client': 'Blocked on client',
  'schedule-slip': 'Schedule slip',
  stale: 'Stale',
  untested: 'Untested',
  'scope-creep': 'Scope creep',
  'change-unacknowledged': 'Change request unacknowledged',
};

// ---- which issues each rule judges: the one table is in ruleScope.ts (no zod, so pages can show it) ----

export { ISSUE_KINDS, RULE_APPLIES_TO, issueKindOf, ruleApplies, type IssueKind, type IssueTypeFacts } from './ruleScope';

/**
 * A short, stable fingerprint of the facts behind a finding (FNV-1a, 32 bits, hex): stored on the
 * flag, compared when a dismissed flag's condition is found again. Not a secret, only a change detector.
 */
export function factsFingerprint(facts: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < facts.length; i += 1) {
    hash ^= facts.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

// ---- the rules' switch (project) and which rules are active ----

/** The rules that run: none while the project's switch is off, else those switched on. */
export function activeRules(on: boolean, thresholds: Pick<FlagThresholds, 'enabled'>): RuleId[] {
  return on ? RULE_IDS.filter((id) => thresholds.enabled[id]) : [];
}

/** The rules a settings change switches on (active after, not before): they run once at once. */
export function rulesSwitchedOn(before: readonly RuleId[], after: readonly RuleId[]): RuleId[] {
  return after.filter((id) => !before.includes(id));
}

/** Thresholds with every rule off: what a run uses to clear the rule flags of a project whose rules were switched off. */
export function allRulesOff(thresholds: FlagThresholds): FlagThresholds {
  return { ...thresholds, enabled: Object.fromEntries(RULE_IDS.map((id) => [id, false])) as Record<RuleId, boolean> };
}

export type TestEvidence = { kind: 'label'; label: string } | { kind: 'link'; linkType: string; issueType?: string };

export interface FlagThresholds {
  blockedOnClientDays: number;
  staleBusinessDays: number;
  carriedOverSprints: number;
  scopeCreepPercent: number;
  changeAckBusinessDays: number;
  testEvidence: TestEvidence;
  enabled: Record<RuleId, boolean>;
}

export const DEFAULT_THRESHOLDS: FlagThresholds = Object.freeze({
  blockedOnClientDays: 0,
  staleBusinessDays: 5,
  carriedOverSprints: 2,
  scopeCreepPercent: 20,
  changeAckBusinessDays: 2,
  testEvidence: { kind: 'label', label: 'tested' },
  enabled: Object.fromEntries(RULE_IDS.map((id) => [id, true])) as Record<RuleId, boolean>,
}) as FlagThresholds;

// ---- settings schema (field-level messages) ----

function wholeNumber(label: string, min: number, max: number, unit: string) {
  return z
    .number({ error: `Enter a number of ${unit}` })
    .int(`Enter a whole number of ${unit}`)
    .min(min, `Enter ${min} or more`)
    .max(max, `Enter ${max} or less`);
}

export const TestEvidenceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('label'),
      label: text('Label', 255).refine((label) => !/\s/.test(label), 'A Jira label cannot contain spaces'),
    }),
    z.object({ kind: z.literal('link'), linkType: text('Link type', 255), issueType: text('Issue type', 255).optional() }),
  ],
  { error: 'Test evidence must be a label or a linked test issue' },
);

export const FlagThresholdsSchema = z.object(
  {
    blockedOnClientDays: wholeNumber('Blocked on client after', 0, 60, 'business days'),
    staleBusinessDays: wholeNumber('Stale after', 1, 120, 'business days'),
    carriedOverSprints: wholeNumber('Schedule slip after carry-overs', 1, 20, 'sprints'),
    scopeCreepPercent: wholeNumber('Scope creep above', 0, 1000, 'percent'),
    changeAckBusinessDays: wholeNumber('Acknowledge change requests within', 0, 60, 'business days'),
    testEvidence: TestEvidenceSchema,
    enabled: z.object(
      Object.fromEntries(RULE_IDS.map((id) => [id, z.boolean({ error: `${RULE_LABELS[id]}: on or off must be yes or no` })])) as Record<RuleId, z.ZodBoolean>,
      { error: 'Which rules are on must be an object naming each rule' },
    ),
  },
  { error: 'Flag thresholds must be an object' },
);

// ---- facts the rules read ----

export interface IssueFacts {
  key: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  statusName: string;
  /** YYYY-MM-DD */
  duedate: string | null;
  /** ISO instant of the last update */
  updated: string;
  resolutiondate: string | null;
  labels: string[];
  /** The sprints the issue has been in, in order. */
  sprintHistory: { id: number; state: 'future' | 'active' | 'closed' }[];
  linkedIssues: { linkType: string; direction: 'inward' | 'outward'; issueType: string }[];
  /** The Client assignee value. */
  ask: ClientAsk | null;
  /** The issue's type (absent: read as standard work). */
  issueType?: IssueTypeFacts | null;
  /** Informational: scope creep is judged per sprint by evaluateSprintScopeCreep. */
  addedToActiveSprintAfterStart?: boolean;
}

export interface SprintFacts {
  id: number;
  name: string;
  startDate: string;
  /** Issues in the sprint when it started. */
  committedAtStart: number;
  /** Issues added after it started. */
  addedAfterStart: number;
  addedAfterStartKeys: string[];
}

export interface ChangeRequestFacts {
  key: string;
  /** ISO instant */
  loggedAt: string;
  acknowledgedAt: string | null;
}

export interface RuleFinding {
  ruleId: RuleId;
  /** The condition; one flag per condition, e.g. `blocked-on-client:<clientId>`. */
  conditionKey: string;
  category: FlagCategory;
  severity: Severity;
  note: string;
  clientVisible: boolean;
  /** Fingerprint of the facts behind the condition (factsFingerprint): a change re-raises a dismissed flag. */
  facts: string;
}

function requireDate(value: string, what: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a calendar date written YYYY-MM-DD: ${String(value)}`);
}

// ---- the issue rules ----

/**
 * Blocked on client: the issue's ask is waiting and overdue by more than the threshold in
 * business days. Client-visible: the client should know the team waits on them. A client-visible
 * flag is shown to every client of the project (and sits in the issue property), so the note
 * quotes nothing of the ask (its text is for the person asked) and names no account id.
 */
export function blockedOnClient(issue: IssueFacts, thresholds: FlagThresholds, cal: WorkCalendar, today: string): RuleFinding[] {
  const ask = issue.ask;
  if (!ask || ask.state !== 'waiting') return [];
  if (businessDaysBetween(ask.due, today, cal) <= thresholds.blockedOnClientDays) return [];
  return [
    {
      ruleId: 'blocked-on-client',
      conditionKey: `blocked-on-client:${ask.client}`,
      category: 'blocked-on-client',
      severity: 'high',
      note: `Waiting on the client: an ask was due ${ask.due} and is still unanswered.`,
      clientVisible: true,
      facts: factsFingerprint(`ask|${ask.client}|${ask.round}|${ask.due}`),
    },
  ];
}

/** Schedule slip: the due date passed and the issue is not done; or it was carried over N or more sprints. */
export function scheduleSlip(issue: IssueFacts, thresholds: FlagThresholds, today: string): RuleFinding[] {
  if (issue.statusCategory === 'done') return [];
  const findings: RuleFinding[] = [];
  if (issue.duedate !== null && issue.duedate < today) {
    findings.push({
      ruleId: 'schedule-slip',
      conditionKey: 'schedule-slip:due-date',
      category: 'schedule-slip',
      severity: 'medium',
      note: `The due date ${issue.duedate} has passed and the issue is not done.`,
      clientVisible: false,
      facts: factsFingerprint(`due|${issue.duedate}`),
    });
  }
  const carriedOver = issue.sprintHistory.filter((sprint) => sprint.state === 'closed').length;
  if (carriedOver >= thresholds.carriedOverSprints) {
    findings.push({
      ruleId: 'schedule-slip',
      conditionKey: 'schedule-slip:carried-over',
      category: 'schedule-slip',
      severity: 'medium',
      note: `Carried over ${carriedOver} sprint${carriedOver === 1 ? '' : 's'} without being done.`,
      clientVisible: false,
      facts: factsFingerprint(`carried|${carriedOver}`),
    });
  }
  return findings;
}

/** Stale: in progress with no update for at least the threshold in business days. */
export function stale(issue: IssueFacts, thresholds: FlagThresholds, cal: WorkCalendar, today: string): RuleFinding[] {
  if (issue.statusCategory !== 'indeterminate') return [];
  const lastUpdate = isoDateOf(issue.updated);
  if (businessDaysBetween(lastUpdate, today, cal) < thresholds.staleBusinessDays) return [];
  return [
    {
      ruleId: 'stale',
      conditionKey: 'stale',
      category: 'stale',
      severity: 'medium',
      note: `In progress (${issue.statusName}) with no update since ${lastUpdate}.`,
      clientVisible: false,
      facts: factsFingerprint(`stale|${issue.statusName}|${lastUpdate}`),
    },
  ];
}

/** Whether the issue carries the project's test evidence. Labels and names compare case-insensitively. */
export function hasTestEvidence(issue: IssueFacts, evidence: TestEvidence): boolean {
  if (evidence.kind === 'label') {
    const wanted = evidence.label.toLowerCase();
    return issue.labels.some((label) => label.toLowerCase() === wanted);
  }
  const linkType = evidence.linkType.toLowerCase();
  const issueType = evidence.issueType?.toLowerCase();
  return issue.linkedIssues.some((link) => link.linkType.toLowerCase() === linkType && (issueType === undefined || link.issueType.toLowerCase() === issueType));
}

function describeEvidence(evidence: TestEvidence): string {
  if (evidence.kind === 'label') return `the label "${evidence.label}"`;
  return `a "${evidence.linkType}" link${evidence.issueType ? ` to a ${evidence.issueType}` : ''}`;
}

/** Untested: done without the project's test evidence. */
export function untested(issue: IssueFacts, thresholds: FlagThresholds): RuleFinding[] {
  if (issue.statusCategory !== 'done' || hasTestEvidence(issue, thresholds.testEvidence)) return [];
  return [
    {
      ruleId: 'untested',
      conditionKey: 'untested',
      category: 'untested-functionality',
      severity: 'high',
      note: `Done without test evidence (expected ${describeEvidence(thresholds.testEvidence)}).`,
      clientVisible: false,
      facts: factsFingerprint(`untested|${issue.resolutiondate ?? issue.statusName}`),
    },
  ];
}

/**
 * The issue rules (blocked on client, schedule slip, stale, untested) that are switched on and
 * apply to the issue's kind (RULE_APPLIES_TO; `changeRequestTypeId` tells a change request apart).
 */
export function evaluateIssueRules(issue: IssueFacts, thresholds: FlagThresholds, cal: WorkCalendar, today: string, changeRequestTypeId: string | null = null): RuleFinding[] {
  requireDate(today, 'today');
  const kind = issueKindOf(issue.issueType, changeRequestTypeId);
  const runs = (id: (typeof ISSUE_RULE_IDS)[number]) => thresholds.enabled[id] && ruleApplies(id, kind);
  return [
    ...(runs('blocked-on-client') ? blockedOnClient(issue, thresholds, cal, today) : []),
    ...(runs('schedule-slip') ? scheduleSlip(issue, thresholds, today) : []),
    ...(runs('stale') ? stale(issue, thresholds, cal, today) : []),
    ...(runs('untested') ? untested(issue, thresholds) : []),
  ];
}

// ---- scope creep (per sprint) ----

/** Issue keys listed in a scope-creep note; the rest are counted. */
export const SCOPE_CREEP_KEYS_LISTED = 10;

/**
 * Work added after the sprint started as a percentage of the work committed at its start
 * (one decimal). A sprint that started empty measures against a base of one issue, so adding
 * work to it still counts. `breached` is the fact; the finding comes only when the rule is on.
 *
 * One finding per sprint (condition `scope-creep:<sprintId>`), not one per issue added: it sits on
 * `holder` (the added issue that already carries this sprint's flag, open or dismissed) while that
 * issue is still among the added ones, else on the first added issue; its note names the issues
 * added and its facts are the set of them, so a dismissed flag comes back when more work joins.
 * `findingsByIssue` holds at most that one entry.
 */
export function evaluateSprintScopeCreep(
  sprint: SprintFacts,
  thresholds: FlagThresholds,
  holder: string | null = null,
): { percent: number; breached: boolean; findingsByIssue: Record<string, RuleFinding> } {
  if (!Number.isInteger(sprint.committedAtStart) || sprint.committedAtStart < 0) throw new RangeError(`committedAtStart must be a whole number >= 0: ${sprint.committedAtStart}`);
  if (!Number.isInteger(sprint.addedAfterStart) || sprint.addedAfterStart < 0) throw new RangeError(`addedAfterStart must be a whole number >= 0: ${sprint.addedAfterStart}`);
  const base = Math.max(sprint.committedAtStart, 1);
  const percent = Math.round((sprint.addedAfterStart * 1000) / base) / 10;
  // Compared in whole numbers so 20% of 10 is exactly at (not beyond) a 20% threshold.
  const breached = sprint.addedAfterStart * 100 > thresholds.scopeCreepPercent * base;
  const findingsByIssue: Record<string, RuleFinding> = {};
  const added = sprint.addedAfterStartKeys;
  if (breached && thresholds.enabled['scope-creep'] && added.length > 0) {
    const anchor = holder !== null && added.includes(holder) ? holder : added[0];
    const listed = added.slice(0, SCOPE_CREEP_KEYS_LISTED).join(', ');
    const more = added.length > SCOPE_CREEP_KEYS_LISTED ? ` and ${added.length - SCOPE_CREEP_KEYS_LISTED} more` : '';
    const count = `${sprint.addedAfterStart} issue${sprint.addedAfterStart === 1 ? '' : 's'}`;
    findingsByIssue[anchor] = {
      ruleId: 'scope-creep',
      conditionKey: `scope-creep:${sprint.id}`,
      category: 'scope-creep',
      severity: 'medium',
      note: `Sprint "${sprint.name}" grew by ${count} after it started, ${percent}% of the ${sprint.committedAtStart} committed (above ${thresholds.scopeCreepPercent}%): ${listed}${more}.`,
      clientVisible: false,
      facts: factsFingerprint(`scope|${[...added].sort().join(',')}`),
    };
  }
  return { percent, breached, findingsByIssue };
}

// ---- change requests ----

/** Change request unacknowledged past its promise (fed for change requests only: events/changeWorkflowFlags.ts). */
export function evaluateChangeRequest(cr: ChangeRequestFacts, thresholds: FlagThresholds, cal: WorkCalendar, today: string): RuleFinding[] {
  requireDate(today, 'today');
  if (!thresholds.enabled['change-unacknowledged'] || cr.acknowledgedAt !== null) return [];
  const logged = isoDateOf(cr.loggedAt);
  if (businessDaysBetween(logged, today, cal) <= thresholds.changeAckBusinessDays) return [];
  return [
    {
      ruleId: 'change-unacknowledged',
      conditionKey: `change-unacknowledged:${cr.key}`,
      category: 'change-unacknowledged',
      severity: 'high',
      note: `Change request ${cr.key} logged ${logged} is not acknowledged within the promised ${thresholds.changeAckBusinessDays} business day${thresholds.changeAckBusinessDays === 1 ? '' : 's'}.`,
      clientVisible: false,
      facts: factsFingerprint(`logged|${logged}`),
    },
  ];
}

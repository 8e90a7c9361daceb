/**
 * The red-flag rules run over Jira, shared by the events (src/flags/events/flagTriggers.ts) and the
 * resolvers: one issue's rules now (`evaluateIssueFlags`, the trigger's work and what the app runs
 * after its own writes), one project's run (`planProject`, `runProject`: its open and flagged issues
 * in one paged JQL search, plus the scope creep of each active sprint, each issue evaluated once),
 * `dryRunProject` (the same reading and judging, nothing written: the dry run in Settings) and the
 * queue a settings save pushes a project's run to. All run as the app.
 */
import { Queue } from '@forge/events';
import { AppError } from '../../platform/domain/errors';
import { ruleFlagChanges, type DryRunItem } from '../domain/flagRuleDryRun';
import { evaluateSprintScopeCreep, issueKindOf, ruleApplies, type RuleFinding, type RuleId } from '../domain/flagRules';
import { isOpen } from '../domain/redFlags';
import { jqlString } from '../../asks/jira/askSearch';
import { mapWithConcurrency } from '../../platform/jira/concurrency';
import { FLAGS_PROPERTY, readFlagIssue, searchFlagIssues, type FlagFieldIds, type FlagIssue } from '../jira/flagIssues';
import { jiraAsApp } from '../../platform/jira/jiraClient';
import { activeSprintScopes } from '../jira/sprintFacts';
import { type ProjectRun } from '../store/flagRunStore';
import { changeRuleExtra, projectChangeRuleExtras } from '../../changes/services/changeWorkflowFlags';
import { applyRules, evaluateRules, flagFieldIds, projectRuleSetup, type Extra, type RuleSetup } from './flagRuleRun';
import { recordedFlagsClause, withFlagRecords, withFlagRecord, type RecordedFlagIssue } from './flagRecords';

/** Bounds of the daily run: projects per run, issues per project, and the time it may take (timeoutSeconds is 900). */
export const DAILY_LIMITS = { projects: 100, issuesPerProject: 2000, budgetMs: 600_000, writesInFlight: 4 } as const;

export type IssueFlagsOutcome = 'changed' | 'unchanged' | 'rules-off' | 'gone' | 'ignored';

/**
 * One issue's red-flag rules now (its change request rule too): what the issue trigger does, and
 * what the app runs itself after its own writes to an issue. Forge counts the events of the app's
 * writes as self-generated whether it called as the app or as the user, so `ignoreSelf` keeps them
 * from the trigger (change requests raised, moved or commented through Liaison).
 */
export async function evaluateIssueFlags(issueKey: string, projectKey: string, issueTypeId?: string): Promise<IssueFlagsOutcome> {
  const now = new Date();
  const setup = await projectRuleSetup(projectKey, now);
  if (!setup) return 'rules-off';
  let issue: RecordedFlagIssue;
  try {
    issue = await withFlagRecord(await readFlagIssue(jiraAsApp(), issueKey, await flagFieldIds(now)));
  } catch (error) {
    // Deleted (or moved) between the event and now: nothing left to flag.
    if (error instanceof AppError && error.code === 'NOT_FOUND') return 'gone';
    throw error;
  }
  if (issue.projectKey !== projectKey) {
    const moved = await projectRuleSetup(issue.projectKey, now);
    if (!moved) return 'rules-off';
    const movedExtra = await changeRuleExtra(issueKey, issue.projectKey, undefined, moved);
    return (await applyRules(issue, moved, movedExtra)).changed ? 'changed' : 'unchanged';
  }
  // A change request also gets the "not acknowledged" rule (other issues: their own rules only).
  const extra = await changeRuleExtra(issueKey, projectKey, issueTypeId, setup);
  return (await applyRules(issue, setup, extra)).changed ? 'changed' : 'unchanged';
}

/** A project's issues as the rules see them, read and judged but not written (see planProject). */
export interface ProjectPlan {
  projectKey: string;
  /** The issues judged, with their flag records. */
  issues: RecordedFlagIssue[];
  /** The findings of the rules judged outside each issue (scope creep, change requests), by issue key. */
  extras: Map<string, Extra>;
  sprints: number;
  truncated: boolean;
}

/** The added issue of a sprint that already carries its scope-creep flag (open, or dismissed and still held down). */
function scopeCreepHolder(sprintId: number, addedKeys: readonly string[], byKey: Map<string, RecordedFlagIssue>): string | null {
  const condition = `scope-creep:${sprintId}`;
  for (const key of addedKeys) {
    const flags = byKey.get(key)?.flags.flags ?? [];
    if (flags.some((f) => f.conditionKey === condition && (isOpen(f) || f.suppressedUntilClear === true))) return key;
  }
  return null;
}

/**
 * One project's rule reading, shared by the real runs (daily, and once when rules are switched on
 * or off) and the dry run in Settings: its open issues and flagged issues, the scope creep of each
 * active sprint (one flag per sprint), the change requests' acknowledgement, each issue once.
 * Reads only: Jira as the app, and the flag records.
 */
export async function planProject(projectKey: string, setup: RuleSetup, ids: FlagFieldIds): Promise<ProjectPlan> {
  const jira = jiraAsApp();
  // Open work, and anything still carrying an open flag (so flags whose condition cleared are cleared).
  const jql = `project = ${jqlString(projectKey)} AND (statusCategory != Done OR ${await recordedFlagsClause(projectKey, `issue.property[${FLAGS_PROPERTY}].total > 0`, { openOnly: true })}) ORDER BY key ASC`;
  const measureScope = setup.thresholds.enabled['scope-creep'];
  // A sprint's work is what the scope-creep rule applies to (flagRules.RULE_APPLIES_TO).
  const counted = (issue: FlagIssue) => ruleApplies('scope-creep', issueKindOf(issue.facts.issueType, setup.changeRequestTypeId));
  const [found, sprints, changeExtras] = await Promise.all([
    searchFlagIssues(jira, { jql, ids, maxIssues: DAILY_LIMITS.issuesPerProject }),
    measureScope ? activeSprintScopes(jira, projectKey, ids, counted) : Promise.resolve({ scopes: [], truncated: false }),
    projectChangeRuleExtras(projectKey, setup),
  ]);
  const issues = new Map<string, FlagIssue>(found.issues.map((issue) => [issue.issueKey, issue]));
  for (const scope of sprints.scopes) for (const issue of scope.issues) if (!issues.has(issue.issueKey)) issues.set(issue.issueKey, issue);
  // The team-only parts of the notes: one paged storage query for the project, not one read per issue.
  const noted = await withFlagRecords([...issues.values()]);
  const byKey = new Map(noted.map((issue) => [issue.issueKey, issue]));
  const scopeFindings = new Map<string, RuleFinding[]>();
  for (const scope of sprints.scopes) {
    const holder = scopeCreepHolder(scope.facts.id, scope.facts.addedAfterStartKeys, byKey);
    const { findingsByIssue } = evaluateSprintScopeCreep(scope.facts, setup.thresholds, holder);
    for (const [key, finding] of Object.entries(findingsByIssue)) scopeFindings.set(key, [...(scopeFindings.get(key) ?? []), finding]);
  }
  // Scope creep is judged only when every active sprint was read whole (or the rule is off, which clears its flags).
  const judgeScope: RuleId[] = sprints.truncated ? [] : ['scope-creep'];
  const extras = new Map<string, Extra>();
  for (const issue of noted) {
    extras.set(issue.issueKey, {
      findings: [...(scopeFindings.get(issue.issueKey) ?? []), ...(changeExtras.get(issue.issueKey)?.findings ?? [])],
      evaluated: [...judgeScope, ...(changeExtras.get(issue.issueKey)?.evaluated ?? [])],
    });
  }
  return { projectKey, issues: noted, extras, sprints: sprints.scopes.length, truncated: found.truncated || sprints.truncated };
}

/** One project's run: the plan, then each issue's flags written where they changed. */
export async function runProject(projectKey: string, setup: RuleSetup, ids: FlagFieldIds): Promise<ProjectRun> {
  const plan = await planProject(projectKey, setup, ids);
  const results = await mapWithConcurrency(plan.issues, DAILY_LIMITS.writesInFlight, (issue) => applyRules(issue, setup, plan.extras.get(issue.issueKey)));
  return {
    projectKey,
    evaluated: results.length,
    changed: results.filter((r) => r.changed).length,
    sprints: plan.sprints,
    truncated: plan.truncated,
  };
}

/** What a run with `setup` would do to the project's flags: the rule flags it would raise and clear, per issue. Writes nothing. */
export async function dryRunProject(projectKey: string, setup: RuleSetup): Promise<{ raised: DryRunItem[]; cleared: DryRunItem[]; evaluated: number; truncated: boolean }> {
  const plan = await planProject(projectKey, setup, await flagFieldIds(setup.now));
  const raised: DryRunItem[] = [];
  const cleared: DryRunItem[] = [];
  for (const issue of plan.issues) {
    const { property, changed } = evaluateRules(issue, setup, plan.extras.get(issue.issueKey));
    if (!changed) continue;
    const changes = ruleFlagChanges(issue.flags, property);
    for (const flag of changes.raised) raised.push({ issueKey: issue.issueKey, summary: issue.summary, flag });
    for (const flag of changes.cleared) cleared.push({ issueKey: issue.issueKey, summary: issue.summary, flag });
  }
  return { raised, cleared, evaluated: plan.issues.length, truncated: plan.truncated };
}

// ---- a run right after the rules are switched on or off (issue 14) ----

export const FLAG_RULES_RUN_QUEUE = 'flag-rules-runs';

const runQueue = new Queue({ key: FLAG_RULES_RUN_QUEUE });

/** Queues one run of the project's rules (the settings save that switched rules on or off calls it). */
export async function queueProjectRulesRun(projectKey: string): Promise<void> {
  await runQueue.push({ body: { projectKey } });
}

/**
 * The red-flag rules, run the way Jira lets an app run them:
 * - `onIssueChangedForFlags`: the `trigger` on issue created / updated (manifest `filter.ignoreSelf`,
 *   so the app's own writes do not wake it): one GET of that issue's rule fields and flags, the
 *   issue rules, and a property write only when a flag changed;
 * - `runDailyFlagRules`: the daily `scheduledTrigger`: for every project that saved Liaison
 *   settings, its open issues and its flagged issues (one paged JQL search), plus the scope creep
 *   of each active sprint (one paged search per sprint), each issue evaluated once.
 * Both run as the app (there is no user behind an event or a schedule).
 */
import { AppError } from '../domain/errors';
import { evaluateSprintScopeCreep, type RuleFinding, type RuleId } from '../domain/flagRules';
import { jqlString } from '../jira/askSearch';
import { mapWithConcurrency } from '../jira/concurrency';
import { FLAGS_PROPERTY, readFlagIssue, searchFlagIssues, type FlagFieldIds, type FlagIssue } from '../jira/flagIssues';
import { jiraAsApp } from '../jira/jiraClient';
import { activeSprintScopes } from '../jira/sprintFacts';
import { saveLastRun, type FlagRun, type ProjectRun } from '../store/flagRunStore';
import { listProjectsWithSettings } from '../store/settingsStore';
import { changeRuleExtra, projectChangeRuleExtras } from './changeWorkflowFlags';
import { applyRules, flagFieldIds, projectRuleSetup, type RuleSetup } from './flagRuleRun';
import { recordedFlagsClause, withFlagRecords, withFlagRecord, type RecordedFlagIssue } from './flagRecords';

/** Bounds of the daily run: projects per run, issues per project, and the time it may take (timeoutSeconds is 900). */
export const DAILY_LIMITS = { projects: 100, issuesPerProject: 2000, budgetMs: 600_000, writesInFlight: 4 } as const;

interface IssueEvent {
  eventType?: string;
  issue?: { id?: string; key?: string; fields?: { project?: { key?: string }; issuetype?: { id?: string } } };
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

export type IssueFlagsOutcome = 'changed' | 'unchanged' | 'rules-off' | 'gone' | 'ignored';

/** The `trigger` function: evaluates the issue the event is about. Answers what it did (for logs and tests). */
export async function onIssueChangedForFlags(event: IssueEvent): Promise<{ issueKey: string | null; outcome: IssueFlagsOutcome }> {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string' || !ISSUE_KEY.test(issueKey)) return { issueKey: null, outcome: 'ignored' };
  // The payload names the project: a project without Liaison settings costs no Jira request at all.
  const projectKey = event.issue?.fields?.project?.key ?? issueKey.replace(/-\d+$/, '');
  return { issueKey, outcome: await evaluateIssueFlags(issueKey, projectKey, event.issue?.fields?.issuetype?.id) };
}

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

/** One project's daily evaluation: issue rules for its open and flagged issues, scope creep per active sprint. */
async function runProject(projectKey: string, setup: RuleSetup, ids: FlagFieldIds): Promise<ProjectRun> {
  const jira = jiraAsApp();
  // Open work, and anything still carrying an open flag (so flags whose condition cleared are cleared).
  const jql = `project = ${jqlString(projectKey)} AND (statusCategory != Done OR ${await recordedFlagsClause(projectKey, `issue.property[${FLAGS_PROPERTY}].total > 0`, { openOnly: true })}) ORDER BY key ASC`;
  const measureScope = setup.thresholds.enabled['scope-creep'];
  const [found, sprints, changeExtras] = await Promise.all([
    searchFlagIssues(jira, { jql, ids, maxIssues: DAILY_LIMITS.issuesPerProject }),
    measureScope ? activeSprintScopes(jira, projectKey, ids) : Promise.resolve({ scopes: [], truncated: false }),
    projectChangeRuleExtras(projectKey, setup),
  ]);
  const issues = new Map<string, FlagIssue>(found.issues.map((issue) => [issue.issueKey, issue]));
  const scopeFindings = new Map<string, RuleFinding[]>();
  for (const scope of sprints.scopes) {
    for (const issue of scope.issues) if (!issues.has(issue.issueKey)) issues.set(issue.issueKey, issue);
    const { findingsByIssue } = evaluateSprintScopeCreep(scope.facts, setup.thresholds);
    for (const [key, finding] of Object.entries(findingsByIssue)) scopeFindings.set(key, [...(scopeFindings.get(key) ?? []), finding]);
  }
  // Scope creep is judged only when every active sprint was read whole (or the rule is off, which clears its flags).
  const judgeScope: RuleId[] = sprints.truncated ? [] : ['scope-creep'];
  // The team-only parts of the notes: one paged storage query for the project, not one read per issue.
  const noted = await withFlagRecords([...issues.values()]);
  const results = await mapWithConcurrency(noted, DAILY_LIMITS.writesInFlight, (issue) =>
    applyRules(issue, setup, {
      findings: [...(scopeFindings.get(issue.issueKey) ?? []), ...(changeExtras.get(issue.issueKey)?.findings ?? [])],
      evaluated: [...judgeScope, ...(changeExtras.get(issue.issueKey)?.evaluated ?? [])],
    }),
  );
  return {
    projectKey,
    evaluated: results.length,
    changed: results.filter((r) => r.changed).length,
    sprints: sprints.scopes.length,
    truncated: found.truncated || sprints.truncated,
  };
}

/** The `scheduledTrigger` function (daily). Answers, and stores, a summary of the run. */
export async function runDailyFlagRules(): Promise<FlagRun> {
  const started = Date.now();
  const now = new Date(started);
  const listed = await listProjectsWithSettings(DAILY_LIMITS.projects);
  const ids = listed.projectKeys.length > 0 ? await flagFieldIds(now) : { askFieldId: null, sprintFieldId: null };
  const projects: ProjectRun[] = [];
  const skipped: string[] = [];
  for (const projectKey of listed.projectKeys) {
    if (Date.now() - started > DAILY_LIMITS.budgetMs) {
      skipped.push(projectKey);
      continue;
    }
    try {
      const setup = await projectRuleSetup(projectKey, now);
      if (!setup) continue;
      projects.push(await runProject(projectKey, setup, ids));
    } catch (error) {
      // One project's failure (a deleted project, Jira refusing) must not stop the others.
      projects.push({ projectKey, evaluated: 0, changed: 0, sprints: 0, truncated: true, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const run: FlagRun = { startedAt: now.toISOString(), finishedAt: new Date().toISOString(), projects, skipped };
  await saveLastRun(run);
  return run;
}

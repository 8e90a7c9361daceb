/**
 * The red-flag rules, run the way Jira lets an app run them (the work itself: src/flags/services/flagRuns.ts):
 * - `onIssueChangedForFlags`: the `trigger` on issue created / updated (manifest `filter.ignoreSelf`,
 *   so the app's own writes do not wake it): one GET of that issue's rule fields and flags, the
 *   issue rules, and a property write only when a flag changed;
 * - `runDailyFlagRules`: the daily `scheduledTrigger`: for every project whose rules are on, its
 *   open issues and its flagged issues, plus the scope creep of each active sprint;
 * - `runProjectFlagRules`: the `flag-rules-runs` queue consumer: the same run for one project, right
 *   after a settings save switched rules on or off.
 * All run as the app (there is no user behind an event or a schedule).
 */
import { allRulesOff } from '../domain/flagRules';
import { readLastRun, saveLastRun, type FlagRun, type ProjectRun } from '../store/flagRunStore';
import { listProjectsWithSettings } from '../../settings/store/settingsStore';
import { flagFieldIds, projectRuleSetup, projectRuleState, type RuleSetup } from '../services/flagRuleRun';
import { DAILY_LIMITS, evaluateIssueFlags, runProject, type IssueFlagsOutcome } from '../services/flagRuns';

interface IssueEvent {
  eventType?: string;
  issue?: { id?: string; key?: string; fields?: { project?: { key?: string }; issuetype?: { id?: string } } };
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

/** The `trigger` function: evaluates the issue the event is about. Answers what it did (for logs and tests). */
export async function onIssueChangedForFlags(event: IssueEvent): Promise<{ issueKey: string | null; outcome: IssueFlagsOutcome }> {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string' || !ISSUE_KEY.test(issueKey)) return { issueKey: null, outcome: 'ignored' };
  // The payload names the project: a project without Liaison settings costs no Jira request at all.
  const projectKey = event.issue?.fields?.project?.key ?? issueKey.replace(/-\d+$/, '');
  return { issueKey, outcome: await evaluateIssueFlags(issueKey, projectKey, event.issue?.fields?.issuetype?.id) };
}

interface RunEvent {
  body?: { projectKey?: unknown };
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/;

/**
 * The `flag-rules-runs` consumer: one run of one project's rules, now, with its settings as stored
 * when it runs (a later save wins). Rules off: the run clears the rule flags (every rule judged,
 * none found). Bounded like the daily run's project (DAILY_LIMITS.issuesPerProject) and by the
 * consumer's timeoutSeconds; the summary joins the last run the Red flags page shows.
 */
export async function runProjectFlagRules(event: RunEvent): Promise<ProjectRun | { projectKey: null; outcome: 'ignored' }> {
  const projectKey = typeof event?.body?.projectKey === 'string' && PROJECT_KEY.test(event.body.projectKey) ? event.body.projectKey : null;
  if (!projectKey) return { projectKey: null, outcome: 'ignored' };
  const now = new Date();
  const { on, setup } = await projectRuleState(projectKey, now);
  const judged: RuleSetup = on ? setup : { ...setup, thresholds: allRulesOff(setup.thresholds) };
  const run = await runProject(projectKey, judged, await flagFieldIds(now));
  const last = await readLastRun();
  await saveLastRun({
    startedAt: last?.startedAt ?? now.toISOString(),
    finishedAt: new Date().toISOString(),
    projects: [...(last?.projects ?? []).filter((p) => p.projectKey !== projectKey), run],
    skipped: (last?.skipped ?? []).filter((key) => key !== projectKey),
  });
  return run;
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

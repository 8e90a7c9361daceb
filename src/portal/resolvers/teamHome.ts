/**
 * The team's Liaison home across projects (`home.work`, issue 14 point 3): for each project the
 * caller can browse and works on (manager, approver or team), its open client asks, the change
 * requests waiting for the caller's action, the flags raised in the last week and, for managers and
 * approvers, when the report schedule is next due and the scheduled drafts nobody opened.
 * Read with index queries over the records (asks, change requests, flags, reports) and one bounded
 * search per kind — the asks of every project in one paged `id in (...)` search — never a request
 * per issue. Jira is read as the caller, so Jira's own permissions apply on top of the role checks.
 * With a `projectKey` it answers the same for that one project (the project page's landing, "what
 * needs attention now"): the caller's team role there is checked before anything is read.
 */
import { z } from 'zod';
import { can } from '../../access/domain/access';
import { AppError } from '../../platform/domain/errors';
import { calendarFromPlan, isoDateOf } from '../../platform/domain/businessDays';
import { stepRefusal } from '../../changes/domain/changeSteps';
import type { ChangeStep } from '../../changes/domain/changeVocabulary';
import type { AppRole } from '../../access/domain/roles';
import type { FlagCategory, Severity } from '../../flags/domain/redFlags';
import { askCounts, changeActionFor, compareHomeAsks, homeAsk, isNewFlag, nextDueDate, type AskFilter, type ChangeAction, type HomeAsk } from '../domain/teamHome';
import { scheduledPeriod } from '../../reports/domain/reportScheduleDue';
import { askFields } from '../../asks/jira/askFields';
import { askMigrationsFor } from '../../asks/jira/askRecords';
import { askRows } from '../../asks/jira/askSearch';
import { mapWithConcurrency } from '../../platform/jira/concurrency';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { getProject } from '../../platform/jira/projects';
import { projectChangeWorkflow } from '../../changes/jira/provisioning';
import { listProjectAsksIn } from '../../asks/store/askStore';
import { listUnopened } from '../../reports/store/reportStore';
import { baseOf, stepOf } from '../../changes/services/changeRecords';
import { projectKey } from '../../access/resolvers/inputs';
import { listProjectChanges } from '../../changes/services/changeRecords';
import { defineResolver } from '../../access/resolvers/definition';
import { displayNames } from '../../platform/jira/people';
import { browsableProjects } from '../../access/services/projectAccess';
import { openFlagsOf } from './portalSummary';
import { loadProjectAccess, type ProjectAccess } from '../../access/services/projectAccess';

/** Asks read across all projects per call (one search), change requests per project. */
export const HOME_LIMITS = { asks: 500, asksPerProjectState: 200, changes: 200, draftsShown: 10 } as const;
const CONCURRENCY = 4;

export interface HomeChange {
  projectKey: string;
  issueKey: string;
  summary: string;
  step: ChangeStep;
  action: ChangeAction;
  requestedAt: string;
}

export interface HomeFlag {
  projectKey: string;
  issueKey: string;
  summary: string;
  category: FlagCategory;
  severity: Severity;
  raisedAt: string;
}

export interface HomeReport {
  projectKey: string;
  /** The next date the report schedule is due (today included), within a month; null: none. */
  dueOn: string | null;
  audiences: string[];
  /** Scheduled drafts nobody has opened yet. */
  draftsWaiting: number;
}

export interface HomeWork {
  today: string;
  projects: { projectKey: string; projectName: string; roles: AppRole[] }[];
  asks: HomeAsk[];
  counts: Record<AskFilter, number>;
  changes: HomeChange[];
  flags: HomeFlag[];
  reports: HomeReport[];
  names: Record<string, string>;
  /** A part that could not be read (the rest still answers). */
  unavailable: string[];
  truncated: boolean;
}

function logged(part: string, unavailable: Set<string>) {
  return (error: unknown) => {
    console.error(`[home.work] ${part} could not be read:`, error instanceof Error ? error.message : error);
    unavailable.add(part);
    return [];
  };
}

async function asksOf(team: ProjectAccess[], me: string, now: Date): Promise<{ asks: HomeAsk[]; truncated: boolean }> {
  const keys = team.map((a) => a.projectKey);
  await askMigrationsFor(keys, now);
  const lists = await mapWithConcurrency(team, CONCURRENCY, (access) =>
    Promise.all((['waiting', 'question', 'answered'] as const).map((state) => listProjectAsksIn(access.projectKey, state, HOME_LIMITS.asksPerProjectState))),
  );
  const stored = lists.flat().flatMap((l) => l.asks);
  const found = await askRows(jiraAsUser(), { asks: stored.slice(0, HOME_LIMITS.asks), fields: await askFields(now), now, maxIssues: HOME_LIMITS.asks });
  const today = isoDateOf(now);
  const byKey = new Map(team.map((access) => [access.projectKey, access]));
  const asks = found.rows.flatMap((row) => {
    // An issue moved to a project the caller does not work on is that project's business.
    const access = byKey.get(row.projectKey);
    return access ? [homeAsk(row, me, today, calendarFromPlan(access.merged.settings.communicationPlan))] : [];
  });
  return { asks: asks.sort(compareHomeAsks), truncated: found.truncated || stored.length > HOME_LIMITS.asks || lists.flat().some((l) => l.truncated) };
}

async function changesOf(access: ProjectAccess, now: Date): Promise<{ changes: HomeChange[]; truncated: boolean }> {
  const mapping = await projectChangeWorkflow(access.projectKey, access.project.stored?.changeWorkflow, now);
  if (!mapping) return { changes: [], truncated: false };
  const listed = await listProjectChanges(access, mapping.issueTypeId, HOME_LIMITS.changes, now);
  const changes = listed.changes.flatMap(({ issue, stored }) => {
    const step = stepOf(issue, mapping, stored.doc);
    const action = changeActionFor(step, access.roles);
    // The step as the panel judges it too: a paid change whose price the client has yet to answer waits for the client, not for "Tell the client".
    return action && stepRefusal(action, step, stored.doc, isoDateOf(now)) === null ? [{ projectKey: access.projectKey, issueKey: issue.issueKey, summary: issue.summary, step, action, requestedAt: baseOf(issue, stored.doc).requestedAt }] : [];
  });
  return { changes, truncated: listed.truncated };
}

async function newFlagsOf(access: ProjectAccess, me: string, now: Date): Promise<HomeFlag[]> {
  const open = await openFlagsOf(access, me, now);
  return open.filter((flag) => isNewFlag(flag.raisedAt, now)).map((flag) => ({ projectKey: access.projectKey, issueKey: flag.issueKey, summary: flag.summary, category: flag.category, severity: flag.severity, raisedAt: flag.raisedAt }));
}

async function reportOf(access: ProjectAccess, today: string): Promise<HomeReport> {
  const schedule = access.merged.settings.communicationPlan.reportSchedule;
  const drafts = await listUnopened(access.projectKey, HOME_LIMITS.draftsShown);
  return { projectKey: access.projectKey, dueOn: nextDueDate(today, (date) => scheduledPeriod(schedule, date) !== null), audiences: [...schedule.audiences], draftsWaiting: drafts.records.length };
}

/** The one project a landing page asks about, refused (before any of its data is read) unless the caller works on it. */
async function oneProject(key: string, accountId: string, now: Date): Promise<Awaited<ReturnType<typeof browsableProjects>>> {
  const access = await loadProjectAccess(key, accountId, now);
  if (!can(access.roles, 'home.work')) throw new AppError('FORBIDDEN', `You don't have access to this in Liaison for project ${key}`);
  // Read as the caller: a project Jira does not let them browse is not found, whatever the roles say.
  const project = await getProject(jiraAsUser(), key);
  return { projects: [{ project, access }], truncated: false };
}

export const homeWork = defineResolver({
  key: 'home.work',
  description: "The caller's work across the projects they work on: open client asks (with filter counts), change requests waiting for their action, new flags, reports coming due",
  input: z.object({ projectKey: projectKey.optional() }),
  allow: 'signed-in',
  async handler(ctx): Promise<HomeWork> {
    // Any signed-in user may ask: only projects where they hold a team role are read.
    const visible = ctx.input.projectKey ? await oneProject(ctx.input.projectKey, ctx.accountId, ctx.now) : await browsableProjects(ctx.accountId, ctx.now);
    const team = visible.projects.filter(({ access }) => can(access.roles, 'home.work'));
    const accesses = team.map(({ access }) => access);
    const today = isoDateOf(ctx.now);
    const unavailable = new Set<string>();
    const [asks, perProject] = await Promise.all([
      accesses.length > 0 ? asksOf(accesses, ctx.accountId, ctx.now).catch((e) => ({ asks: logged('asks', unavailable)(e) as HomeAsk[], truncated: false })) : { asks: [], truncated: false },
      mapWithConcurrency(accesses, CONCURRENCY, async (access) => {
        const publishes = access.roles.includes('manager') || access.roles.includes('approver');
        const [changes, flags, report] = await Promise.all([
          changesOf(access, ctx.now).catch((e) => ({ changes: logged('changes', unavailable)(e) as HomeChange[], truncated: false })),
          newFlagsOf(access, ctx.accountId, ctx.now).catch(logged('flags', unavailable)),
          publishes ? reportOf(access, today).catch((e) => logged('reports', unavailable)(e)[0] as HomeReport | undefined) : Promise.resolve(undefined),
        ]);
        return { changes, flags: flags as HomeFlag[], report };
      }),
    ]);
    const names = await displayNames(new Set(asks.asks.flatMap((a) => [a.client, a.askedBy])));
    return {
      today,
      projects: team.map(({ project, access }) => ({ projectKey: project.key, projectName: project.name, roles: access.roles })),
      asks: asks.asks,
      counts: askCounts(asks.asks),
      changes: perProject.flatMap((p) => p.changes.changes).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
      flags: perProject.flatMap((p) => p.flags).sort((a, b) => b.raisedAt.localeCompare(a.raisedAt)),
      reports: perProject.flatMap((p) => (p.report ? [p.report] : [])),
      names,
      unavailable: [...unavailable].sort(),
      truncated: visible.truncated || asks.truncated || perProject.some((p) => p.changes.truncated),
    };
  },
});

export const TEAM_HOME_RESOLVERS = [homeWork];

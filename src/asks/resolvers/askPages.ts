/**
 * Asks across issues: the project's Client asks page (every open ask grouped by client person,
 * CSV export, and the delay the client's pending asks caused over a period) and the portal's
 * "My asks" (a client's own open asks in every project where they hold the client role).
 * The asks come from their records (the `client-ask` entity's indexes); Jira is asked, in one
 * bounded search, only which of those issues the caller may browse and their summaries.
 */
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { asksCsv, overviewByClient, type AskRow, type AskRowView, type ClientGroup } from '../domain/askOverview';
import { calendarFromPlan, isoDateOf } from '../../platform/domain/businessDays';
import { ASK_STATES, OPEN_ASK_STATES, type AskState } from '../domain/clientAsk';
import { projectDelays, type ClientDelay, type IssueTimeline, type Period, type SlippedCommitment, type SlippedIssue, type SprintWindow, type TeamDelay } from '../domain/delayAttribution';
import { isIsoDate } from '../../platform/domain/time';
import { askFields } from '../jira/askFields';
import { askMigrationsFor } from '../jira/askRecords';
import { askRows, type AskSearchRow } from '../jira/askSearch';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { listClientAsksIn, listProjectAsks } from '../store/askStore';
import { projectSprints, type SprintInfo } from '../../platform/jira/sprints';
import { checkedAccess, defineResolver, type ResolverContext } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import { displayNames } from '../../platform/jira/people';
import { browsableProjects } from '../../access/services/projectAccess';

/** Asks read per page view: a busy project's open and recent asks, well inside the 25 s limit. */
export const ASK_PAGE_MAX_ISSUES = 500;
/** A client's own open asks across their projects. */
export const MY_ASKS_MAX_ISSUES = 200;
/** The longest period delay attribution looks at. */
const MAX_PERIOD_DAYS = 366;

const accountId = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9:_-]+$/, 'Not an account id');
const date = (_label: string) => z.string({ error: 'Pick a date' }).refine(isIsoDate, 'Pick a date from the calendar');

const PeriodInput = z
  .object({ from: date('Start of the period'), to: date('End of the period') })
  .superRefine((period, ctx) => {
    if (!isIsoDate(period.from) || !isIsoDate(period.to)) return;
    const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end of the period must be on or after its start' });
    else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `A period can be at most ${MAX_PERIOD_DAYS} days long` });
  });

const OPEN_STATES = OPEN_ASK_STATES;

export interface DelaysView {
  period: Period;
  /** A bound cut the project's sprints short (more boards or sprints than read). */
  sprintsTruncated: boolean;
  byClient: ClientDelay[];
  /** The business days clients waited on the team for answers to their questions. */
  team: TeamDelay;
  slippedIssues: SlippedIssue[];
  slippedCommitments: SlippedCommitment[];
}

export interface ProjectAsksView {
  projectKey: string;
  today: string;
  groups: ClientGroup[];
  names: Record<string, string>;
  /** More asks matched than one page view reads. */
  truncated: boolean;
  states: readonly AskState[];
  /** With `csv: true`: the shown rows as RFC 4180 CSV. */
  csv: string | null;
  /** With `delays`: what pending asks cost over the period. */
  delays: DelaysView | null;
}

export interface MyAsksView {
  /** The caller's open asks, overdue first, then by due date. */
  asks: AskRowView[];
  projects: { projectKey: string; projectName: string }[];
  names: Record<string, string>;
  truncated: boolean;
  today: string;
}

/** Committed: in the sprint and created before it started (Jira's sprint report also counts issues added later; we cannot see those without each changelog). */
function sprintWindows(sprints: SprintInfo[], rows: AskSearchRow[]): SprintWindow[] {
  return sprints.flatMap((sprint) => {
    const end = sprint.completeDate ?? sprint.endDate;
    if (!sprint.startDate || !end) return [];
    const start = sprint.startDate;
    const inSprint = rows.filter((row) => (row.sprints ?? []).some((s) => s.id === sprint.id));
    const committed = inSprint.filter((row) => !row.created || Date.parse(row.created) <= Date.parse(start)).map((row) => row.issueKey);
    const completed = inSprint.filter((row) => row.resolutiondate && Date.parse(row.resolutiondate) <= Date.parse(end)).map((row) => row.issueKey);
    return [{ id: sprint.id, name: sprint.name, start, end, committed, completed }];
  });
}

function timelineOf(row: AskSearchRow): IssueTimeline {
  return { key: row.issueKey, summary: row.summary, duedate: row.duedate ?? null, resolvedAt: row.resolutiondate ?? null, history: row.history ?? [] };
}

function askRow(row: AskSearchRow): AskRow {
  return { issueKey: row.issueKey, issueSummary: row.summary, projectKey: row.projectKey, ask: row.ask, history: row.history };
}

/** The rows a page shows, without the history it was computed from (the answer stays small). */
function shown(view: AskRowView): AskRowView {
  const { history: _history, ...rest } = view;
  return rest;
}

export const projectAsks = defineResolver({
  key: 'asks.project',
  description: "The project's open client asks grouped by client person (overdue first, with stats), as a table or CSV, and the delay pending asks caused over a period",
  input: z.object({
    projectKey,
    client: accountId.optional(),
    state: z.enum(OPEN_STATES, { error: 'Choose waiting on client, waiting on team or answered' }).optional(),
    overdueOnly: z.boolean().optional(),
    csv: z.boolean().optional(),
    delays: PeriodInput.optional(),
  }),
  allow: rolesAllowedTo('asks.overview'),
  refusal: "Only the team of this project can see all of its client asks",
  async handler(ctx): Promise<ProjectAsksView> {
    const access = checkedAccess(ctx);
    const { input } = ctx;
    const fields = await askFields(ctx.now);
    await askMigrationsFor([access.projectKey], ctx.now);
    // Closed asks are read too: their answers count towards each person's median time to answer.
    const listed = await listProjectAsks(access.projectKey, ASK_PAGE_MAX_ISSUES);
    const asks = listed.asks.filter((stored) => !input.client || stored.ask?.client === input.client);
    const jira = jiraAsUser();
    const [seen, sprints] = await Promise.all([
      askRows(jira, { asks, fields, now: ctx.now, maxIssues: ASK_PAGE_MAX_ISSUES, timeline: input.delays !== undefined, alsoIn: access.projectKey }),
      input.delays ? projectSprints(jira, access.projectKey) : Promise.resolve(null),
    ]);
    // Issues moved to another project since their ask was written belong to that project's page.
    const found = { rows: seen.rows.filter((row) => row.projectKey === access.projectKey && (!input.client || row.ask.client === input.client)), truncated: listed.truncated || seen.truncated };
    const today = isoDateOf(ctx.now);
    const cal = calendarFromPlan(access.merged.settings.communicationPlan);

    const groups: ClientGroup[] = overviewByClient(found.rows.map(askRow), today, cal).map((group) => ({
      ...group,
      rows: group.rows.filter((view) => (!input.state || view.ask.state === input.state) && (!input.overdueOnly || view.overdue)).map(shown),
    }));
    const delays: DelaysView | null = input.delays && sprints
      ? { period: input.delays, sprintsTruncated: sprints.truncated, ...projectDelays(found.rows.map(timelineOf), sprintWindows(sprints.sprints, found.rows), input.delays, cal, today) }
      : null;
    const people = new Set<string>(groups.map((g) => g.client));
    delays?.byClient.forEach((d) => people.add(d.client));
    delays?.slippedIssues.forEach((s) => s.pendingClients.forEach((c) => people.add(c)));
    delays?.slippedCommitments.forEach((s) => s.pendingClients.forEach((c) => people.add(c)));
    groups.forEach((g) => g.rows.forEach((r) => people.add(r.ask.askedBy)));
    const names = await displayNames(people);
    return {
      projectKey: access.projectKey,
      today,
      groups,
      names,
      truncated: found.truncated,
      states: ASK_STATES,
      csv: input.csv ? asksCsv(groups, names) : null,
      delays,
    };
  },
});

export const myAsks = defineResolver({
  key: 'asks.mine',
  description: "The caller's own open asks in every project where they hold the client role",
  input: z.object({}),
  allow: 'signed-in',
  async handler(ctx): Promise<MyAsksView> {
    // Only the caller's own asks are answered, so any signed-in user may ask: roles are checked per project.
    return myAsksIn(await browsableProjects(ctx.accountId, ctx.now), ctx);
  },
});

/** The caller's open asks in the projects they can browse (asks.mine; portal.home reuses it for its one call). */
export async function myAsksIn(visible: Awaited<ReturnType<typeof browsableProjects>>, ctx: Pick<ResolverContext<unknown>, 'accountId' | 'now'>): Promise<MyAsksView> {
  const clientOf = visible.projects.map(({ access }) => access).filter((access) => access.roles.includes('client'));
  const projectNames = Object.fromEntries(visible.projects.map(({ project: p }) => [p.key, p.name]));
  if (clientOf.length === 0) return { asks: [], projects: [], names: {}, truncated: visible.truncated, today: isoDateOf(ctx.now) };

  const fields = await askFields(ctx.now);
  const projectKeys = new Set(clientOf.map((a) => a.projectKey));
  await askMigrationsFor([...projectKeys], ctx.now);
  const listed = await Promise.all(OPEN_STATES.map((state) => listClientAsksIn(ctx.accountId, state, MY_ASKS_MAX_ISSUES)));
  const mine = listed.flatMap((l) => l.asks).filter((stored) => projectKeys.has(stored.projectKey)).slice(0, MY_ASKS_MAX_ISSUES);
  const found = await askRows(jiraAsUser(), { asks: mine, fields, now: ctx.now, maxIssues: MY_ASKS_MAX_ISSUES });
  const today = isoDateOf(ctx.now);
  // Each project counts days by its own working days; Jira is trusted for nothing but the issue's project and summary.
  const asks = clientOf.flatMap((access) => {
    const rows = found.rows.filter((row) => row.projectKey === access.projectKey && row.ask.client === ctx.accountId).map(askRow);
    if (rows.length === 0) return [];
    return overviewByClient(rows, today, calendarFromPlan(access.merged.settings.communicationPlan)).flatMap((group) => group.rows);
  });
  asks.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.ask.due.localeCompare(b.ask.due) || a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true }));
  const names = await displayNames(asks.map((view) => view.ask.askedBy));
  return {
    asks,
    projects: clientOf.map((access) => ({ projectKey: access.projectKey, projectName: projectNames[access.projectKey] ?? access.projectKey })),
    names,
    truncated: visible.truncated || found.truncated || listed.some((l) => l.truncated),
    today,
  };
}

export const ASK_PAGE_RESOLVERS = [projectAsks, myAsks];

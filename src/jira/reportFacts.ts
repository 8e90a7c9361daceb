/**
 * Reading what a report needs from Jira, page by page, with explicit resumable state: each
 * `gatherStep` does one bounded unit of work (the setup reads, one search page, a few issues'
 * worklogs, …) and answers the next state, a plain JSON object. A resolver loops the steps within
 * its time budget (`gatherReportData`); a queue consumer (issue 8) can run a few steps per
 * invocation and carry the state over.
 *
 * Requests, for a project of N issues in scope and S sprints on its board(s):
 * - setup, side by side: the project, the field ids (GET /field, cached), the board(s) and their sprints;
 * - ceil(N / 100) pages of POST /search/jql over the issues in scope only, asking for the fields the
 *   report reads, the three Liaison properties, the changelog (Sprint field history: the sprint's
 *   scope at its start) and the `worklog` field (Jira embeds up to 20 worklogs per issue);
 * - epics that issues in scope belong to but that were not in scope themselves: `key in (…)`, 100 a
 *   query (usually none);
 * - children of open epics outside that scope (done and untouched since the previous period began:
 *   old work, for the epics' completion): `parent in (…) AND statusCategory = Done AND updated < …`,
 *   50 epics a query, a few fields only;
 * - only for issues with more than 20 worklogs: GET /issue/{key}/worklog narrowed to the two
 *   periods, 4 at a time;
 * - one GET /user/bulk per 200 people named.
 * Issues in scope: `project = P AND (statusCategory != Done OR updated >= <previous period start>
 * OR resolved >= <…> OR sprint in (<sprints of the periods and the velocity window>) OR open flags
 * OR open asks)`.
 */
import { route } from '@forge/api';
import { mapWithConcurrency } from './concurrency';
import { askFields } from './askFields';
import { storedAsksFor } from './askRecords';
import { OLD_ASK_PROPERTY, oldPropertyOf } from './issueAsks';
import { jqlString } from './askSearch';
import type { JiraClient } from './jiraClient';
import { getProject } from './projects';
import { boardSprints, distinctSprints, SPRINT_LIMITS, type SprintInfo } from './sprints';
import { getDisplayNames } from './users';
import {
  FLAGS_PROPERTY, embeddedWorklogs, toIssueRow, worklogRow,
  type IssueRow, type ReportFieldIds, type WorklogRow,
} from './reportFactsRows';

/** Bounds of one generation: issues read, sprints kept, epics completed, people named (boards and their sprints: sprints.ts's SPRINT_LIMITS). */
export const GATHER_LIMITS = {
  issues: 5000,
  pageSize: 100,
  /** Closed sprints before the period's end whose issues feed the velocity. */
  velocitySprints: 6,
  epics: 300,
  epicsPerQuery: 50,
  worklogIssuesPerStep: 8,
  worklogsInFlight: 4,
} as const;

/** YYYY-MM-DD dates, both inclusive. */
export interface DateRange {
  from: string;
  to: string;
}

export interface ReportScope {
  projectKey: string;
  period: DateRange;
  /** The period before (manpower and forecast comparisons). */
  previous: DateRange;
  /** The period after (planned work, upcoming due dates). */
  next: DateRange;
}

export type GatherStepName = 'start' | 'issues' | 'epics' | 'epicChildren' | 'worklogs' | 'names' | 'done';

export interface GatherState {
  version: 1;
  scope: ReportScope;
  step: GatherStepName;
  project?: { key: string; name: string };
  fields?: ReportFieldIds;
  sprints: SprintInfo[];
  jql?: string;
  nextPageToken?: string;
  issues: IssueRow[];
  /** Epics that issues in scope belong to but that were not in scope themselves, still to be read. */
  missingEpics: string[];
  /** Open epics whose old done children are still to be read. */
  epicQueue: string[];
  worklogs: WorklogRow[];
  /** Issues whose worklogs did not all come with the search page. */
  worklogQueue: string[];
  names: Record<string, string>;
  /** Pages read so far, for progress. */
  pages: number;
  /** A bound cut something short (the report says so). */
  truncated: boolean;
  /** Issues to read at most (default GATHER_LIMITS.issues; a queued report job reads more: src/events/reportJob.ts). */
  maxIssues?: number;
}

export function initialGatherState(scope: ReportScope): GatherState {
  return { version: 1, scope, step: 'start', sprints: [], issues: [], missingEpics: [], epicQueue: [], worklogs: [], worklogQueue: [], names: {}, pages: 0, truncated: false };
}

// ---- field ids ----

interface JiraField {
  id: string;
  name?: string;
  schema?: { custom?: string };
}

const STORY_POINTS_TYPES = ['com.pyxis.greenhopper.jira:jsw-story-points', 'com.atlassian.jira.plugin.system.customfieldtypes:float'];
/** The story points field id per site never changes; kept in memory for an hour (warm invocations). */
let storyPointsCache: { id: string | null; at: number } | undefined;
const FIELD_CACHE_MS = 60 * 60 * 1000;

async function storyPointsFieldId(jira: JiraClient, now: Date): Promise<string | null> {
  if (storyPointsCache && now.getTime() - storyPointsCache.at < FIELD_CACHE_MS) return storyPointsCache.id;
  const fields = await jira.get<JiraField[]>(route`/rest/api/3/field`);
  const list = Array.isArray(fields) ? fields : [];
  const estimate = list.find((f) => f.schema?.custom === STORY_POINTS_TYPES[0]);
  const named = list.find((f) => f.schema?.custom === STORY_POINTS_TYPES[1] && /^story points?$/i.test(f.name ?? ''));
  storyPointsCache = { id: (estimate ?? named)?.id ?? null, at: now.getTime() };
  return storyPointsCache.id;
}

async function fieldIds(jira: JiraClient, now: Date): Promise<ReportFieldIds> {
  const [asks, points] = await Promise.all([askFields(now), storyPointsFieldId(jira, now)]);
  return { storyPointsFieldId: points, sprintFieldId: asks.sprintFieldId, askFieldId: asks.askFieldId, askFieldName: asks.askFieldName };
}

// ---- the scope ----

const dayStart = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dayEnd = (date: string) => Date.parse(`${date}T23:59:59.999Z`);

/** Sprints that matter: those overlapping previous..next, the last closed ones before the period's end, and the next future one. */
export function relevantSprints(sprints: readonly SprintInfo[], scope: ReportScope): SprintInfo[] {
  const lo = dayStart(scope.previous.from);
  const hi = dayEnd(scope.next.to);
  const overlapping = sprints.filter((s) => {
    if (!s.startDate) return false;
    const end = Date.parse(s.completeDate ?? s.endDate ?? s.startDate);
    return Date.parse(s.startDate) <= hi && end >= lo;
  });
  const closedBefore = sprints
    .filter((s) => s.state === 'closed' && Date.parse(s.completeDate ?? s.endDate ?? '') <= dayEnd(scope.period.to))
    .sort((a, b) => Date.parse(b.completeDate ?? b.endDate ?? '') - Date.parse(a.completeDate ?? a.endDate ?? ''))
    .slice(0, GATHER_LIMITS.velocitySprints);
  const future = sprints.filter((s) => s.state === 'future').sort((a, b) => Date.parse(a.startDate ?? '9999') - Date.parse(b.startDate ?? '9999') || a.id - b.id).slice(0, 1);
  const byId = new Map<number, SprintInfo>();
  for (const s of [...overlapping, ...closedBefore, ...future]) byId.set(s.id, s);
  return [...byId.values()].sort((a, b) => Date.parse(a.startDate ?? '9999') - Date.parse(b.startDate ?? '9999') || a.id - b.id);
}

/** The JQL of the issues in scope (see the header). */
export function scopeClause(scope: ReportScope, sprints: readonly SprintInfo[], fields: ReportFieldIds): string {
  const since = jqlString(scope.previous.from);
  const parts = ['statusCategory != Done', `updated >= ${since}`, `resolved >= ${since}`, `issue.property[${FLAGS_PROPERTY}].total > 0`];
  if (sprints.length > 0) parts.push(`sprint in (${sprints.map((s) => s.id).join(', ')})`);
  if (fields.askFieldName) parts.push(`${jqlString(`${fields.askFieldName}.state`)} in (waiting, answered)`);
  return `(${parts.join(' OR ')})`;
}

function issueFields(fields: ReportFieldIds): string[] {
  const list = ['summary', 'issuetype', 'status', 'assignee', 'created', 'resolutiondate', 'statuscategorychangedate', 'duedate', 'parent', 'worklog'];
  for (const id of [fields.storyPointsFieldId, fields.sprintFieldId, fields.askFieldId]) if (id) list.push(id);
  return list;
}

interface SearchPage {
  issues?: Array<{ id?: string; key: string; fields?: Record<string, unknown>; properties?: Record<string, unknown>; changelog?: unknown }>;
  nextPageToken?: string;
  isLast?: boolean;
}

// ---- the steps ----

async function start(jira: JiraClient, state: GatherState, now: Date): Promise<GatherState> {
  const { projectKey } = state.scope;
  const [project, fields, found] = await Promise.all([
    getProject(jira, projectKey),
    fieldIds(jira, now),
    boardSprints(jira, projectKey, 'active,closed,future', { boards: SPRINT_LIMITS.boards, sprintPageSize: 50, sprintsPerBoard: SPRINT_LIMITS.sprintsPerBoard }),
  ]);
  const sprints = relevantSprints(distinctSprints(found.sprints), state.scope);
  const jql = `project = ${jqlString(projectKey)} AND ${scopeClause(state.scope, sprints, fields)} ORDER BY key ASC`;
  return { ...state, step: 'issues', project: { key: project.key, name: project.name }, fields, sprints, jql, truncated: state.truncated || found.truncated };
}

async function issuesPage(jira: JiraClient, state: GatherState): Promise<GatherState> {
  const fields = state.fields!;
  const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, {
    jql: state.jql,
    fields: issueFields(fields),
    properties: [OLD_ASK_PROPERTY],
    expand: 'changelog',
    maxResults: GATHER_LIMITS.pageSize,
    ...(state.nextPageToken ? { nextPageToken: state.nextPageToken } : {}),
  });
  const issues = [...state.issues];
  const worklogs = [...state.worklogs];
  const worklogQueue = [...state.worklogQueue];
  const lo = dayStart(state.scope.previous.from);
  const hi = dayEnd(state.scope.period.to);
  let truncated = state.truncated;
  const pageRows: { raw: NonNullable<SearchPage['issues']>[number]; row: IssueRow }[] = [];
  for (const raw of answer.issues ?? []) {
    if (issues.length >= (state.maxIssues ?? GATHER_LIMITS.issues)) {
      truncated = true;
      break;
    }
    const row = toIssueRow(raw, fields);
    pageRows.push({ raw, row });
    issues.push(row);
    const embedded = embeddedWorklogs(raw.key, raw.fields);
    if (embedded.complete) worklogs.push(...embedded.worklogs.filter((w) => Date.parse(w.started) >= lo && Date.parse(w.started) <= hi));
    else worklogQueue.push(raw.key);
  }
  await attachRecordAsks(pageRows, fields, state.scope.projectKey);
  const more = !truncated && answer.isLast !== true && typeof answer.nextPageToken === 'string';
  const base = { ...state, issues, worklogs, worklogQueue, pages: state.pages + 1, truncated };
  if (more) return { ...base, nextPageToken: answer.nextPageToken };
  const { nextPageToken: _done, ...rest } = base;
  const known = new Set(issues.map((i) => i.key));
  const missing = [...new Set(issues.filter((i) => i.parentIsEpic && i.parentKey && !known.has(i.parentKey)).map((i) => i.parentKey as string))];
  return { ...rest, step: 'epics', missingEpics: missing.slice(0, GATHER_LIMITS.epics) };
}

/**
 * The page's asks from their records (Forge storage); what Jira showed of them (the field, an old
 * property) is only checked against the records (askRecords.ts).
 */
async function attachRecordAsks(page: { raw: NonNullable<SearchPage['issues']>[number]; row: IssueRow }[], fields: ReportFieldIds, projectKey: string): Promise<void> {
  if (!fields.askFieldId || page.length === 0) return;
  const askFieldId = fields.askFieldId;
  const sights = page.flatMap(({ raw }) =>
    raw.id === undefined ? [] : [{ issueId: String(raw.id), issueKey: raw.key, projectKey, fieldValue: raw.fields?.[askFieldId] ?? null, oldProperty: oldPropertyOf(raw.properties) }],
  );
  const stored = await storedAsksFor(sights, new Date());
  for (const { raw, row } of page) {
    const record = raw.id === undefined ? undefined : stored.get(String(raw.id));
    if (!record?.ask) continue;
    row.ask = record.ask;
    row.askHistory = record.history;
  }
}

/** The epics issues in scope belong to but that were not read with them (done, untouched lately), 100 a query. */
async function missingEpicsStep(jira: JiraClient, state: GatherState): Promise<GatherState> {
  if (state.missingEpics.length === 0) {
    const epics = state.issues.filter((i) => i.kind === 'epic' && i.statusCategory !== 'done').map((i) => i.key);
    return { ...state, step: 'epicChildren', epicQueue: epics.slice(0, GATHER_LIMITS.epics), truncated: state.truncated || epics.length > GATHER_LIMITS.epics };
  }
  const batch = state.missingEpics.slice(0, GATHER_LIMITS.pageSize);
  const fields = state.fields!;
  const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, {
    jql: `key in (${batch.join(', ')}) ORDER BY key ASC`,
    fields: ['summary', 'issuetype', 'status', 'created', 'resolutiondate', 'statuscategorychangedate', ...(fields.storyPointsFieldId ? [fields.storyPointsFieldId] : [])],
    maxResults: GATHER_LIMITS.pageSize,
  });
  const rows = (answer.issues ?? []).map((raw) => toIssueRow(raw, { ...fields, sprintFieldId: null, askFieldId: null }));
  return { ...state, issues: [...state.issues, ...rows], missingEpics: state.missingEpics.slice(batch.length), pages: state.pages + 1 };
}

async function epicChildren(jira: JiraClient, state: GatherState): Promise<GatherState> {
  if (state.epicQueue.length === 0) return { ...state, step: 'worklogs' };
  const fields = state.fields!;
  const batch = state.epicQueue.slice(0, GATHER_LIMITS.epicsPerQuery);
  // Done and untouched since the previous period began: what the scope search left out. (Not
  // `NOT <scope>`: JQL's NOT never matches an empty field, so issues without a sprint would be lost.)
  // Children the scope did read (an open flag on done work) come again and are skipped.
  // Children in the scope's sprints came with the scope search: leave them out (no page spent on rows skipped).
  const outsideSprints = state.sprints.length > 0 ? ` AND (sprint is EMPTY OR sprint not in (${state.sprints.map((s) => s.id).join(', ')}))` : '';
  const jql = `parent in (${batch.join(', ')}) AND statusCategory = Done AND updated < ${jqlString(state.scope.previous.from)}${outsideSprints} ORDER BY key ASC`;
  const known = new Set(state.issues.map((i) => i.key));
  const list = ['summary', 'issuetype', 'status', 'parent', 'created', 'resolutiondate', 'statuscategorychangedate', ...(fields.storyPointsFieldId ? [fields.storyPointsFieldId] : [])];
  const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, {
    jql,
    fields: list,
    maxResults: GATHER_LIMITS.pageSize,
    ...(state.nextPageToken ? { nextPageToken: state.nextPageToken } : {}),
  });
  const issues = [...state.issues];
  let truncated = state.truncated;
  for (const raw of answer.issues ?? []) {
    if (issues.length >= (state.maxIssues ?? GATHER_LIMITS.issues)) {
      truncated = true;
      break;
    }
    if (!known.has(raw.key)) issues.push(toIssueRow(raw, { ...fields, sprintFieldId: null, askFieldId: null }));
  }
  const more = !truncated && answer.isLast !== true && typeof answer.nextPageToken === 'string';
  const base = { ...state, issues, pages: state.pages + 1, truncated };
  if (more) return { ...base, nextPageToken: answer.nextPageToken };
  const { nextPageToken: _done, ...rest } = base;
  return { ...rest, epicQueue: truncated ? [] : state.epicQueue.slice(batch.length) };
}

interface WorklogPage {
  startAt?: number;
  total?: number;
  worklogs?: unknown[];
}

async function issueWorklogs(jira: JiraClient, issueKey: string, scope: ReportScope): Promise<WorklogRow[]> {
  const after = dayStart(scope.previous.from);
  const before = dayEnd(scope.period.to) + 1;
  const rows: WorklogRow[] = [];
  for (let startAt = 0, page = 0; page < 20; page += 1) {
    const answer = await jira.get<WorklogPage>(route`/rest/api/3/issue/${issueKey}/worklog?startedAfter=${after}&startedBefore=${before}&startAt=${startAt}&maxResults=${5000}`);
    const list = answer?.worklogs ?? [];
    rows.push(...list.flatMap((w) => worklogRow(issueKey, w)));
    startAt += list.length;
    if (list.length === 0 || startAt >= (answer?.total ?? 0)) break;
  }
  return rows;
}

async function worklogStep(jira: JiraClient, state: GatherState): Promise<GatherState> {
  if (state.worklogQueue.length === 0) return { ...state, step: 'names' };
  const batch = state.worklogQueue.slice(0, GATHER_LIMITS.worklogIssuesPerStep);
  const found = await mapWithConcurrency(batch, GATHER_LIMITS.worklogsInFlight, (key) => issueWorklogs(jira, key, state.scope));
  return { ...state, worklogs: [...state.worklogs, ...found.flat()], worklogQueue: state.worklogQueue.slice(batch.length), pages: state.pages + batch.length };
}

async function namesStep(jira: JiraClient, state: GatherState): Promise<GatherState> {
  const ids = new Set<string>(state.worklogs.map((w) => w.author));
  for (const issue of state.issues) if (issue.ask) ids.add(issue.ask.client);
  for (const issue of state.issues) for (const event of issue.askHistory) ids.add(event.client);
  // Assignees of open work: the team report names them.
  for (const issue of state.issues) if (issue.assignee && issue.statusCategory !== 'done') ids.add(issue.assignee);
  const names = await getDisplayNames(jira, ids);
  return { ...state, step: 'done', names: Object.fromEntries(names) };
}

/** Does the next unit of work and answers the new state (the given one is not changed). */
export async function gatherStep(jira: JiraClient, state: GatherState, now: Date): Promise<GatherState> {
  switch (state.step) {
    case 'start': return start(jira, state, now);
    case 'issues': return issuesPage(jira, state);
    case 'epics': return missingEpicsStep(jira, state);
    case 'epicChildren': return epicChildren(jira, state);
    case 'worklogs': return worklogStep(jira, state);
    case 'names': return namesStep(jira, state);
    case 'done': return state;
  }
}

/** Runs the steps to the end (a resolver or scheduled job), with an upper bound on the steps. */
export async function gatherReportData(jira: JiraClient, scope: ReportScope, now: Date): Promise<GatherState> {
  let state = initialGatherState(scope);
  const maxSteps = 8 + Math.ceil(GATHER_LIMITS.issues / GATHER_LIMITS.pageSize) * 2 + Math.ceil(GATHER_LIMITS.issues / GATHER_LIMITS.worklogIssuesPerStep);
  for (let step = 0; step < maxSteps && state.step !== 'done'; step += 1) state = await gatherStep(jira, state, now);
  if (state.step !== 'done') throw new Error(`Report gathering did not finish in ${maxSteps} steps (at ${state.step})`);
  return state;
}

/**
 * Reading what a report needs from Jira, page by page, with explicit resumable state: each
 * `gatherStep` does one bounded unit of work (the setup reads, one search page, a few issues'
 * worklogs, …) and answers the next state, a plain JSON object. A resolver loops the steps within
 * its time budget (`gatherReportData`); a queue consumer (issue 8) can run a few steps per
 * invocation and carry the state over.
 *
 * Requests, for a project of N issues in scope and S sprints on its board(s):
 * - setup, side by side: the project, the field ids (GET /field, cached), the board(s) and their sprints;
 * - about ceil(N / 100) pages of POST /search/jql over the issues in scope only — every one of them,
 *   no cap — asking for the fields the report reads, the old ask property, the changelog (Sprint
 *   field history: the sprint's scope at its start) and the `worklog` field (Jira embeds up to 20
 *   worklogs per issue). The first page in id order, then the last, then the id ranges between
 *   read side by side (scopePartitions: up to GATHER_LIMITS.partitions pages in flight, so a large
 *   scope takes about ceil(N / 800) round trips; each partition's partial last page is the cost);
 * - epics that issues in scope belong to but that were not in scope themselves: `key in (…)`, 100 a
 *   query (usually none);
 * - children outside that scope of the open epics and of the epics with work in scope (done and
 *   untouched since the previous period began: old work, for the epics' exact totals):
 *   `parent in (…) AND statusCategory = Done AND updated < …`, 50 epics a query, 4 queries side by side, a few fields only;
 * - only for issues with more than 20 worklogs: GET /issue/{key}/worklog narrowed to the two
 *   periods, 8 at a time;
 * - one GET /user/bulk per 200 people named.
 * Issues in scope: `project = P AND (statusCategory != Done OR updated >= <previous period start>
 * OR resolved >= <…> OR sprint in (<sprints of the periods and the velocity window>) OR open flags
 * OR open asks)`.
 */
import { route } from '@forge/api';
import { AppError } from '../../platform/domain/errors';
import { mapWithConcurrency } from '../../platform/jira/concurrency';
import { askFields } from '../../asks/jira/askFields';
import { storedAsksFor } from '../../asks/jira/askRecords';
import { OLD_ASK_PROPERTY, oldPropertyOf } from '../../asks/jira/issueAsks';
import { jqlString } from '../../asks/jira/askSearch';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { getProject } from '../../platform/jira/projects';
import { boardSprints, distinctSprints, SPRINT_LIMITS, type SprintInfo } from '../../platform/jira/sprints';
import { getDisplayNames } from '../../platform/jira/users';
import {
  FLAGS_PROPERTY, embeddedWorklogs, toIssueRow, worklogRow,
  type IssueRow, type ReportFieldIds, type WorklogRow,
} from './reportFactsRows';

/** Bounds of one generation: issues read, sprints kept, epics completed, people named (boards and their sprints: sprints.ts's SPRINT_LIMITS). */
export const GATHER_LIMITS = {
  pageSize: 100,
  /** Scope partitions read side by side (Jira's burst limit: a few requests in flight per app). */
  partitions: 8,
  /** Pages a partition should have before the scope is cut into more of them (the partial last page of each is the cost). */
  pagesPerPartition: 12,
  /** Closed sprints before the period's end whose issues feed the velocity. */
  velocitySprints: 6,
  epicsPerQuery: 50,
  /** Epic-children queries side by side in one step. */
  epicQueriesInFlight: 4,
  worklogIssuesPerStep: 16,
  worklogsInFlight: 8,
  /**
   * Not a cap on what a report counts: the most issues one reading may hold before it fails with a
   * clear error (a runaway guard; a report never silently leaves issues out).
   */
  maxIssues: 400_000,
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
  /** The scope's JQL, without ORDER BY. */
  jql?: string;
  nextPageToken?: string;
  /**
   * Where the scope's reading is: the ids of its first page (id order) and, once read, of its last
   * page (the ends the partitions are cut between), then the partitions (scopePartitions). One
   * object, not a list: a queued job saves top-level lists by appending (reportJobStore.ts), and
   * the partitions' page tokens change in place.
   */
  scan?: { low: number[]; high?: number[]; partitions?: ScopePartition[] };
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
  /** A bound on sprints or boards cut something short (the report says so); issues are never cut. */
  truncated: boolean;
}

export interface ScopePartition {
  jql: string;
  nextPageToken?: string;
  done: boolean;
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
  const jql = `project = ${jqlString(projectKey)} AND ${scopeClause(state.scope, sprints, fields)}`;
  return { ...state, step: 'issues', project: { key: project.key, name: project.name }, fields, sprints, jql, truncated: state.truncated || found.truncated };
}

/** One scope page's rows folded into the state: rows kept, worklogs that came with them, issues whose worklogs did not all come. */
async function foldScopePage(state: GatherState, raws: NonNullable<SearchPage['issues']>, seen: Set<string>): Promise<Pick<GatherState, 'issues' | 'worklogs' | 'worklogQueue'>> {
  const fields = state.fields!;
  const lo = dayStart(state.scope.previous.from);
  const hi = dayEnd(state.scope.period.to);
  const issues: IssueRow[] = [];
  const worklogs: WorklogRow[] = [];
  const worklogQueue: string[] = [];
  const pageRows: { raw: NonNullable<SearchPage['issues']>[number]; row: IssueRow }[] = [];
  for (const raw of raws) {
    if (seen.has(raw.key)) continue;
    seen.add(raw.key);
    const row = toIssueRow(raw, fields);
    pageRows.push({ raw, row });
    issues.push(row);
    const embedded = embeddedWorklogs(raw.key, raw.fields);
    if (embedded.complete) worklogs.push(...embedded.worklogs.filter((w) => Date.parse(w.started) >= lo && Date.parse(w.started) <= hi));
    else worklogQueue.push(raw.key);
  }
  await attachRecordAsks(pageRows, fields, state.scope.projectKey);
  return { issues, worklogs, worklogQueue };
}

function searchBody(state: GatherState, jql: string, nextPageToken?: string) {
  return {
    jql,
    fields: issueFields(state.fields!),
    properties: [OLD_ASK_PROPERTY],
    expand: 'changelog',
    maxResults: GATHER_LIMITS.pageSize,
    ...(nextPageToken ? { nextPageToken } : {}),
  };
}

const idsOf = (raws: NonNullable<SearchPage['issues']>): number[] => raws.flatMap((raw) => (raw.id !== undefined && /^\d+$/.test(String(raw.id)) ? [Number(raw.id)] : []));

/**
 * The partitions of the scope still to read once its lowest and highest ids are known (the first
 * page in id order, then the last): the id line cut into ranges that together cover every id (the
 * first and last are open-ended), each leaving out the ids already read in it. So the union is the
 * whole scope whatever order Jira sorts in, and when it sorts by id nothing is read twice.
 * As many ranges as the pages left allow, so each reads several pages and the partial last pages
 * stay a small share of the requests.
 */
export function scopePartitions(scopeJql: string, low: readonly number[], high: readonly number[]): ScopePartition[] {
  const read = [...new Set([...low, ...high])].sort((a, b) => a - b);
  // Ids not shown (never on Jira Cloud): one partition, leaving out what was read.
  if (low.length === 0 || high.length === 0) return [{ jql: `${scopeJql}${read.length > 0 ? ` AND id not in (${read.join(', ')})` : ''} ORDER BY id ASC`, done: false }];
  const lowEnd = Math.max(...low);
  const highStart = Math.min(...high);
  const spanLow = lowEnd - Math.min(...low) + 1;
  const spanHigh = Math.max(...high) - highStart + 1;
  const middle = Math.max(0, highStart - lowEnd - 1);
  // Issues per id in the two pages read, for the size of what lies between.
  const density = (low.length + high.length) / Math.max(1, spanLow + spanHigh);
  const pagesLeft = (density * middle) / GATHER_LIMITS.pageSize;
  const count = Math.max(1, Math.min(GATHER_LIMITS.partitions, Math.floor(pagesLeft / GATHER_LIMITS.pagesPerPartition)));
  const bounds: number[] = [];
  for (let i = 1; i < count; i += 1) bounds.push(lowEnd + 1 + Math.round((i * middle) / count));
  const ranges = Array.from({ length: count }, (_, i) => ({ from: i === 0 ? null : bounds[i - 1], to: i === count - 1 ? null : bounds[i] }));
  return ranges.map(({ from, to }) => {
    // The id range first: the cheapest test, and what an evaluator that stops at the first false AND checks first.
    const clauses: string[] = [];
    if (from !== null) clauses.push(`id >= ${from}`);
    if (to !== null) clauses.push(`id < ${to}`);
    clauses.push(scopeJql);
    const skip = read.filter((id) => (from === null || id >= from) && (to === null || id < to));
    if (skip.length > 0) clauses.push(`id not in (${skip.join(', ')})`);
    return { jql: `${clauses.join(' AND ')} ORDER BY id ASC`, done: false };
  });
}

/**
 * The issues in scope, exactly, with no cap: the first page in id order; if there is more, the last
 * page (id order, descending); then the partitions between (scopePartitions), one page of each
 * side by side per step. Every row is kept compactly (reportFactsRows.ts); nothing is dropped.
 */
async function issuesPage(jira: JiraClient, state: GatherState): Promise<GatherState> {
  const scopeJql = state.jql!;
  const seen = new Set(state.issues.map((i) => i.key));
  let partitions = state.scan?.partitions;
  let probe: { low: number[]; high?: number[] } | undefined = state.scan ? { low: state.scan.low, ...(state.scan.high ? { high: state.scan.high } : {}) } : undefined;
  let pages = state.pages;
  const folded: Pick<GatherState, 'issues' | 'worklogs' | 'worklogQueue'>[] = [];
  if (!probe || probe.high === undefined) {
    const descending = probe !== undefined;
    const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, searchBody(state, `${scopeJql} ORDER BY id ${descending ? 'DESC' : 'ASC'}`));
    const raws = answer.issues ?? [];
    pages += 1;
    folded.push(await foldScopePage(state, raws, seen));
    const last = answer.isLast === true || typeof answer.nextPageToken !== 'string';
    if (!descending) probe = { low: idsOf(raws) };
    else probe = { ...probe!, high: idsOf(raws) };
    if (last) partitions = [];
    else if (descending) partitions = scopePartitions(scopeJql, probe.low, probe.high!);
  } else {
    const open = (partitions ?? []).filter((p) => !p.done);
    const answers = await mapWithConcurrency(open, GATHER_LIMITS.partitions, (p) => jira.post<SearchPage>(route`/rest/api/3/search/jql`, searchBody(state, p.jql, p.nextPageToken)));
    pages += open.length;
    const next = new Map<ScopePartition, ScopePartition>();
    for (const [i, p] of open.entries()) {
      const answer = answers[i];
      folded.push(await foldScopePage(state, answer.issues ?? [], seen));
      const more = answer.isLast !== true && typeof answer.nextPageToken === 'string';
      next.set(p, more ? { jql: p.jql, done: false, nextPageToken: answer.nextPageToken } : { jql: p.jql, done: true });
    }
    partitions = (partitions ?? []).map((p) => next.get(p) ?? p);
  }
  const issues = [...state.issues, ...folded.flatMap((f) => f.issues)];
  guardSize(issues.length);
  const base: GatherState = {
    ...state,
    issues,
    worklogs: [...state.worklogs, ...folded.flatMap((f) => f.worklogs)],
    worklogQueue: [...state.worklogQueue, ...folded.flatMap((f) => f.worklogQueue)],
    pages,
    ...(probe ? { scan: { ...probe, ...(partitions ? { partitions } : {}) } } : {}),
  };
  const finished = partitions !== undefined && partitions.every((p) => p.done);
  if (!finished) return base;
  const { scan: _scan, ...rest } = base;
  const known = new Set(issues.map((i) => i.key));
  const missing = [...new Set(issues.filter((i) => i.parentIsEpic && i.parentKey && !known.has(i.parentKey)).map((i) => i.parentKey as string))];
  return { ...rest, step: 'epics', missingEpics: missing };
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
    // Every epic whose completion the report may show: the open ones, and those with work in scope.
    const epics = new Set(state.issues.filter((i) => i.kind === 'epic' && i.statusCategory !== 'done').map((i) => i.key));
    for (const issue of state.issues) if (issue.parentIsEpic && issue.parentKey) epics.add(issue.parentKey);
    return { ...state, step: 'epicChildren', epicQueue: [...epics].sort() };
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

/** The issues kept so far, checked against the runaway guard (GATHER_LIMITS.maxIssues): past it the reading fails, it never drops issues. */
function guardSize(count: number): void {
  if (count > GATHER_LIMITS.maxIssues) throw new AppError('VALIDATION', `The report's period covers more than ${GATHER_LIMITS.maxIssues.toLocaleString('en-US')} issues; choose a shorter period`);
}

/** All the old children of a batch of epics (see epicChildren), page after page. */
async function oldChildrenOf(jira: JiraClient, state: GatherState, batch: readonly string[]): Promise<{ rows: IssueRow[]; pages: number }> {
  const fields = state.fields!;
  // Done and untouched since the previous period began: what the scope search left out. (Not
  // `NOT <scope>`: JQL's NOT never matches an empty field, so issues without a sprint would be lost.)
  // Children the scope did read (an open flag on done work) come again and are skipped.
  // Children in the scope's sprints came with the scope search: leave them out (no page spent on rows skipped).
  const outsideSprints = state.sprints.length > 0 ? ` AND (sprint is EMPTY OR sprint not in (${state.sprints.map((s) => s.id).join(', ')}))` : '';
  const jql = `parent in (${batch.join(', ')}) AND statusCategory = Done AND updated < ${jqlString(state.scope.previous.from)}${outsideSprints} ORDER BY key ASC`;
  const list = ['summary', 'issuetype', 'status', 'parent', 'created', 'resolutiondate', 'statuscategorychangedate', ...(fields.storyPointsFieldId ? [fields.storyPointsFieldId] : [])];
  const rows: IssueRow[] = [];
  let pages = 0;
  let token: string | undefined;
  // Bounded: an epic batch holds at most maxIssues children.
  for (let page = 0; page <= GATHER_LIMITS.maxIssues / GATHER_LIMITS.pageSize; page += 1) {
    const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, { jql, fields: list, maxResults: GATHER_LIMITS.pageSize, ...(token ? { nextPageToken: token } : {}) });
    pages += 1;
    for (const raw of answer.issues ?? []) rows.push(toIssueRow(raw, { ...fields, sprintFieldId: null, askFieldId: null }));
    guardSize(state.issues.length + rows.length);
    if (answer.isLast === true || typeof answer.nextPageToken !== 'string') break;
    token = answer.nextPageToken;
  }
  return { rows, pages };
}

/** The done, untouched children of the epics queued: a few batches of epics side by side per step. */
async function epicChildren(jira: JiraClient, state: GatherState): Promise<GatherState> {
  if (state.epicQueue.length === 0) return { ...state, step: 'worklogs' };
  const batches: string[][] = [];
  for (let i = 0; i < GATHER_LIMITS.epicQueriesInFlight && i * GATHER_LIMITS.epicsPerQuery < state.epicQueue.length; i += 1) {
    batches.push(state.epicQueue.slice(i * GATHER_LIMITS.epicsPerQuery, (i + 1) * GATHER_LIMITS.epicsPerQuery));
  }
  const found = await mapWithConcurrency(batches, GATHER_LIMITS.epicQueriesInFlight, (batch) => oldChildrenOf(jira, state, batch));
  const known = new Set(state.issues.map((i) => i.key));
  const issues = [...state.issues];
  for (const row of found.flatMap((f) => f.rows)) {
    if (known.has(row.key)) continue;
    known.add(row.key);
    issues.push(row);
  }
  const taken = batches.reduce((n, b) => n + b.length, 0);
  return { ...state, issues, pages: state.pages + found.reduce((n, f) => n + f.pages, 0), epicQueue: state.epicQueue.slice(taken) };
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
  // A bound on the loop, not on the issues: enough steps for GATHER_LIMITS.maxIssues (beyond it the reading fails).
  const maxSteps = 8 + Math.ceil(GATHER_LIMITS.maxIssues / GATHER_LIMITS.pageSize) * 2 + Math.ceil(GATHER_LIMITS.maxIssues / GATHER_LIMITS.worklogIssuesPerStep);
  for (let step = 0; step < maxSteps && state.step !== 'done'; step += 1) state = await gatherStep(jira, state, now);
  if (state.step !== 'done') throw new Error(`Report gathering did not finish in ${maxSteps} steps (at ${state.step})`);
  return state;
}

/**
 * Asks across issues. The asks themselves come from their records in Forge storage (listed through
 * the `client-ask` entity's indexes); Jira is asked, as the caller, only for what it holds: which of
 * those issues the caller may browse, their summaries, and what delay attribution needs — one
 * bounded JQL search (`id in (...)`, paged by nextPageToken) asking only for those fields, never a
 * request per issue. What Jira shows of each ask is checked against its record (askTampering.ts).
 * The "Client assignee" field's search aliases (manifest.yml) keep the projection searchable for
 * people's own JQL: `"Client assignee.client" = "<accountId>"`, `"Client assignee.state" = waiting`.
 * Classic scope: read:jira-work.
 */
import { route } from '@forge/api';
import type { AskEvent, ClientAsk } from '../domain/clientAsk';
import { jqlString } from '../../platform/domain/jql';
import type { AskFields } from '../store/askFieldStore';
import { readAsks, type StoredAsk } from '../store/askStore';
import { checkSight } from './askTampering';
import { OLD_ASK_PROPERTY, oldPropertyOf, type AskSight } from './issueAsks';
import type { JiraClient } from '../../platform/jira/jiraClient';

/** Issues per page: Jira answers about 100 when fields are asked for. */
const PAGE_SIZE = 100;
/** Ids per `id in (...)` search: keeps each JQL short. */
const IDS_PER_SEARCH = 200;

export { jqlString };

/**
 * `"<field name>.<alias>"`: a search alias of the Client assignee field, quoted as one name (JQL's
 * grammar reads `"Client assignee".client` as a field followed by a stray `.client`).
 */
export function askAlias(fields: AskFields, alias: 'client' | 'state' | 'due'): string {
  return jqlString(`${fields.askFieldName}.${alias}`);
}

/** A sprint as the Sprint field lists it on an issue. */
export interface IssueSprint {
  id: number;
  name: string;
  state?: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
}

export interface AskSearchRow {
  issueId: string;
  issueKey: string;
  summary: string;
  projectKey: string;
  /** From the record. */
  ask: ClientAsk;
  /** The record's history, oldest first (earlier rounds included). */
  history: AskEvent[];
  /** With `timeline`: what delay attribution needs. */
  duedate?: string | null;
  resolutiondate?: string | null;
  created?: string | null;
  sprints?: IssueSprint[];
}

export interface AskSearchResult {
  rows: AskSearchRow[];
  /** True when more issues matched than `maxIssues`. */
  truncated: boolean;
}

interface SearchPage {
  issues?: Array<{ id: string; key: string; fields?: Record<string, unknown>; properties?: Record<string, unknown> }>;
  nextPageToken?: string;
  isLast?: boolean;
}

function sprintsOf(value: unknown): IssueSprint[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((s) => {
    if (typeof s !== 'object' || s === null) return [];
    const sprint = s as Record<string, unknown>;
    if (typeof sprint.id !== 'number' || typeof sprint.name !== 'string') return [];
    const optional = (key: string) => (typeof sprint[key] === 'string' ? { [key]: sprint[key] as string } : {});
    return [{ id: sprint.id, name: sprint.name, ...optional('state'), ...optional('startDate'), ...optional('endDate'), ...optional('completeDate') }];
  });
}

type SeenIssue = AskSight & Omit<AskSearchRow, 'ask' | 'history'>;

/** One JQL search, paged, up to `maxIssues`. */
async function search(jira: JiraClient, jql: string, fields: AskFields, timeline: boolean, maxIssues: number): Promise<{ issues: SeenIssue[]; truncated: boolean }> {
  const { askFieldId, sprintFieldId } = fields;
  const fieldList = ['summary', 'project', askFieldId];
  if (timeline) fieldList.push('duedate', 'resolutiondate', 'created', ...(sprintFieldId ? [sprintFieldId] : []));
  const issues: SeenIssue[] = [];
  let nextPageToken: string | undefined;
  const maxPages = Math.ceil(maxIssues / PAGE_SIZE) + 1;
  for (let page = 0; page < maxPages; page += 1) {
    const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, {
      jql,
      fields: fieldList,
      properties: [OLD_ASK_PROPERTY],
      maxResults: PAGE_SIZE,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    for (const issue of answer.issues ?? []) {
      if (issues.length >= maxIssues) return { issues, truncated: true };
      const f = issue.fields ?? {};
      const project = f.project as { key?: unknown } | undefined;
      const seen: SeenIssue = {
        issueId: String(issue.id),
        issueKey: issue.key,
        summary: typeof f.summary === 'string' ? f.summary : '',
        projectKey: typeof project?.key === 'string' ? project.key : issue.key.replace(/-\d+$/, ''),
        fieldValue: f[askFieldId] ?? null,
        oldProperty: oldPropertyOf(issue.properties),
      };
      if (timeline) {
        seen.duedate = typeof f.duedate === 'string' ? f.duedate : null;
        seen.resolutiondate = typeof f.resolutiondate === 'string' ? f.resolutiondate : null;
        seen.created = typeof f.created === 'string' ? f.created : null;
        seen.sprints = sprintFieldId ? sprintsOf(f[sprintFieldId]) : [];
      }
      issues.push(seen);
    }
    if (answer.isLast === true || !answer.nextPageToken) return { issues, truncated: false };
    nextPageToken = answer.nextPageToken;
  }
  return { issues, truncated: true };
}

/**
 * The rows of `asks` (records) whose issues the caller may browse, with Jira's summary (and
 * timeline). `alsoIn`: a project whose issues showing an ask in Jira are read too, so a field value
 * with no record there is found and reported. Order: as Jira sorts by key.
 */
export async function askRows(
  jira: JiraClient,
  opts: { asks: readonly StoredAsk[]; fields: AskFields; now: Date; maxIssues: number; timeline?: boolean; alsoIn?: string },
): Promise<AskSearchResult> {
  const byId = new Map(opts.asks.map((a) => [a.issueId, a]));
  const ids = [...byId.keys()].filter((id) => /^\d+$/.test(id));
  const clauses: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_SEARCH) clauses.push(`id in (${ids.slice(i, i + IDS_PER_SEARCH).join(', ')})`);
  if (opts.alsoIn) {
    const orphans = `project = ${jqlString(opts.alsoIn)} AND ${jqlString(opts.fields.askFieldName)} is not EMPTY`;
    clauses[0] = clauses[0] ? `(${orphans}) OR ${clauses[0]}` : orphans;
  }
  const seen: SeenIssue[] = [];
  let truncated = false;
  for (const clause of clauses) {
    const found = await search(jira, `${clause} ORDER BY key ASC`, opts.fields, opts.timeline === true, opts.maxIssues - seen.length);
    for (const issue of found.issues) if (!seen.some((s) => s.issueId === issue.issueId)) seen.push(issue);
    if (found.truncated || seen.length >= opts.maxIssues) {
      truncated = found.truncated || clause !== clauses.at(-1);
      break;
    }
  }
  // Issues Jira showed with an ask that the listed records did not cover: their own records, if any.
  const unlisted = seen.filter((s) => !byId.has(s.issueId)).map((s) => s.issueId);
  if (unlisted.length > 0) for (const [id, stored] of await readAsks(unlisted)) byId.set(id, stored);
  await Promise.all(seen.map((issue) => checkSight(issue, byId.get(issue.issueId) ?? null, opts.now)));

  const rows: AskSearchRow[] = seen.flatMap((issue) => {
    const stored = byId.get(issue.issueId);
    if (!stored?.ask) return [];
    const { fieldValue: _field, oldProperty: _property, ...rest } = issue;
    return [{ ...rest, ask: stored.ask, history: stored.history }];
  });
  rows.sort((a, b) => a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true }));
  return { rows, truncated };
}

/**
 * Finding asks with JQL: POST /rest/api/3/search/jql, paged by nextPageToken, asking only for the
 * fields needed and for the history property only when the caller needs it — never one request
 * per issue. The "Client assignee" field's search aliases (manifest.yml) make its client, state and
 * due date searchable: `"Client assignee.client" = "<accountId>"`, `"Client assignee.state" = waiting`.
 * Classic scope: read:jira-work.
 */
import { route } from '@forge/api';
import { parseAskHistory, parseClientAsk, type AskEvent, type ClientAsk } from '../domain/clientAsk';
import type { AskFields } from '../store/askFieldStore';
import { ASK_HISTORY_PROPERTY } from './issueAsks';
import type { JiraClient } from './jiraClient';
import { jqlString } from '../domain/jql';

/** Issues per page: Jira answers about 100 when fields are asked for. */
const PAGE_SIZE = 100;

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
  ask: ClientAsk;
  /** With `history`: the issue's ask history, oldest first. */
  history?: AskEvent[];
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

/**
 * The issues matching `jql` that carry a readable ask, up to `maxIssues`. Issues whose field value
 * Liaison cannot read (written by hand through some other path) are left out.
 */
export async function searchAsks(
  jira: JiraClient,
  opts: { jql: string; fields: AskFields; maxIssues: number; history?: boolean; timeline?: boolean; reconcileIssues?: readonly number[] },
): Promise<AskSearchResult> {
  const { askFieldId, sprintFieldId } = opts.fields;
  const fieldList = ['summary', 'project', askFieldId];
  if (opts.timeline) fieldList.push('duedate', 'resolutiondate', 'created', ...(sprintFieldId ? [sprintFieldId] : []));
  const wantHistory = opts.history === true || opts.timeline === true;
  const rows: AskSearchRow[] = [];
  let seen = 0;
  let nextPageToken: string | undefined;
  const maxPages = Math.ceil(opts.maxIssues / PAGE_SIZE) + 1;
  for (let page = 0; page < maxPages; page += 1) {
    const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, {
      jql: opts.jql,
      fields: fieldList,
      maxResults: PAGE_SIZE,
      // Issues Liaison just wrote, which Jira's lagging search index may not show yet.
      ...(opts.reconcileIssues?.length ? { reconcileIssues: [...opts.reconcileIssues] } : {}),
      ...(wantHistory ? { properties: [ASK_HISTORY_PROPERTY] } : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    for (const issue of answer.issues ?? []) {
      seen += 1;
      if (seen > opts.maxIssues) return { rows, truncated: true };
      const f = issue.fields ?? {};
      const ask = parseClientAsk(f[askFieldId]);
      if (!ask) continue;
      const project = f.project as { key?: unknown } | undefined;
      const row: AskSearchRow = {
        issueId: String(issue.id),
        issueKey: issue.key,
        summary: typeof f.summary === 'string' ? f.summary : '',
        projectKey: typeof project?.key === 'string' ? project.key : issue.key.replace(/-\d+$/, ''),
        ask,
      };
      if (wantHistory) row.history = parseAskHistory(issue.properties?.[ASK_HISTORY_PROPERTY]).history;
      if (opts.timeline) {
        row.duedate = typeof f.duedate === 'string' ? f.duedate : null;
        row.resolutiondate = typeof f.resolutiondate === 'string' ? f.resolutiondate : null;
        row.created = typeof f.created === 'string' ? f.created : null;
        row.sprints = sprintFieldId ? sprintsOf(f[sprintFieldId]) : [];
      }
      rows.push(row);
    }
    if (answer.isLast === true || !answer.nextPageToken) return { rows, truncated: false };
    nextPageToken = answer.nextPageToken;
  }
  return { rows, truncated: true };
}

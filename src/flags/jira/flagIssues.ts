/**
 * Issues as the red-flag rules see them: the facts the rules read (status, due date, last update,
 * labels, links, sprints, the Client assignee value) and the `liaison-flags` issue property, read
 * together — one GET for one issue, or a JQL search paged by nextPageToken asking only for these
 * fields, never one request per issue. The property is only an index (src/flags/domain/flagRecord.ts):
 * the flags come from their KVS record (src/flags/services/flagRecords.ts), the property is checked against
 * it. It is written as the app (Jira indexes it for JQL through the manifest's jira:entityProperty).
 * Classic scopes: read:jira-work (read), write:jira-work (property).
 */
import { route } from '@forge/api';
import { CHANGE_PROPERTY_KEY } from '../../changes/domain/changeVocabulary';
import { AppError } from '../../platform/domain/errors';
import type { IssueFacts } from '../domain/flagRules';
import type { FlagsIndex } from '../domain/flagRecord';
import { emptyFlags, type FlagsProperty } from '../domain/redFlags';
import { storedAsksFor } from '../../asks/jira/askRecords';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { notFoundAs } from '../../platform/jira/projects';

export const FLAGS_PROPERTY = 'liaison-flags';

/** Issues per search page: Jira answers about 100 when fields are asked for. */
const PAGE_SIZE = 100;

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

/** The site's ids of the fields the rules read beyond Jira's system fields (null: not on this site). */
export interface FlagFieldIds {
  askFieldId: string | null;
  sprintFieldId: string | null;
}

/** A changelog entry as Jira embeds it with `expand=changelog` (only what the sprint rule reads). */
export interface ChangelogHistory {
  created: string;
  items: { field?: string; fieldId?: string; from?: string | null; to?: string | null }[];
}

export interface FlagIssue {
  issueId: string;
  issueKey: string;
  summary: string;
  projectKey: string;
  /** ISO instant the issue was created. */
  created: string | null;
  facts: IssueFacts;
  /** The issue's flags from their record: empty until read (src/flags/services/flagRecords.ts). */
  flags: FlagsProperty;
  /** The `liaison-flags` value exactly as Jira holds it (undefined: none): checked against the record, never believed. */
  property: unknown;
  /**
   * The `liaison-change` value as Jira holds it (undefined: none): only checked against the change
   * record, so a value planted on any issue (not only a change request) is reported as tampering.
   */
  changeProperty: unknown;
  /** With `changelog: true`: the issue's recent history, oldest first. */
  changelog?: ChangelogHistory[];
  /**
   * The Client assignee field value as Jira showed it: only checked against the ask record, which
   * is what `facts.ask` holds once `withRecordAsks` ran (readFlagIssue and searchFlagIssues run it).
   */
  askField: unknown;
}

interface JiraIssue {
  id: string | number;
  key: string;
  fields?: Record<string, unknown>;
  properties?: Record<string, unknown>;
  changelog?: { histories?: unknown[] };
}

/** The fields the rules (and the pages listing flagged issues) need, and nothing else. */
export function flagFieldList(ids: FlagFieldIds): string[] {
  const list = ['summary', 'project', 'issuetype', 'status', 'duedate', 'updated', 'created', 'resolutiondate', 'labels', 'issuelinks'];
  if (ids.sprintFieldId) list.push(ids.sprintFieldId);
  if (ids.askFieldId) list.push(ids.askFieldId);
  return list;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

function statusCategoryOf(status: Record<string, unknown>): IssueFacts['statusCategory'] {
  const key = record(status.statusCategory).key;
  return key === 'done' || key === 'indeterminate' ? key : 'new';
}

/** The issue type's id and hierarchy level (which kinds of issue each rule judges: flagRules.RULE_APPLIES_TO). */
function issueTypeOf(value: unknown): IssueFacts['issueType'] {
  const type = record(value);
  const id = typeof type.id === 'string' || typeof type.id === 'number' ? String(type.id) : null;
  if (!id) return null;
  const level = typeof type.hierarchyLevel === 'number' ? type.hierarchyLevel : type.subtask === true ? -1 : 0;
  return { id, hierarchyLevel: level };
}

function sprintHistoryOf(value: unknown): IssueFacts['sprintHistory'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const sprint = record(entry);
    if (typeof sprint.id !== 'number') return [];
    const state = sprint.state === 'active' || sprint.state === 'closed' || sprint.state === 'future' ? sprint.state : 'future';
    return [{ id: sprint.id, state }];
  });
}

function linksOf(value: unknown): IssueFacts['linkedIssues'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const link = record(entry);
    const linkType = text(record(link.type).name);
    const outward = record(link.outwardIssue);
    const inward = record(link.inwardIssue);
    const other = Object.keys(outward).length > 0 ? outward : inward;
    if (!linkType || Object.keys(other).length === 0) return [];
    const issueType = text(record(record(other.fields).issuetype).name) ?? '';
    return [{ linkType, direction: other === outward ? ('outward' as const) : ('inward' as const), issueType }];
  });
}

function historiesOf(value: unknown): ChangelogHistory[] {
  if (!Array.isArray(value)) return [];
  return value
    .flatMap((entry) => {
      const history = record(entry);
      const created = text(history.created);
      if (!created || !Array.isArray(history.items)) return [];
      return [{ created, items: history.items.map((item) => record(item)) as ChangelogHistory['items'] }];
    })
    .sort((a, b) => Date.parse(a.created) - Date.parse(b.created));
}

/** One issue from Jira's JSON: its rule facts and its flags (a missing or unreadable property reads as no flags). */
export function toFlagIssue(issue: JiraIssue, ids: FlagFieldIds): FlagIssue {
  const f = issue.fields ?? {};
  const status = record(f.status);
  const projectKey = text(record(f.project).key);
  if (!projectKey) throw new AppError('UPSTREAM', `Jira answered issue ${issue.key} without its project`);
  const facts: IssueFacts = {
    key: issue.key,
    statusCategory: statusCategoryOf(status),
    statusName: text(status.name) ?? '',
    duedate: text(f.duedate),
    updated: text(f.updated) ?? text(f.created) ?? new Date(0).toISOString(),
    resolutiondate: text(f.resolutiondate),
    labels: Array.isArray(f.labels) ? f.labels.filter((l): l is string => typeof l === 'string') : [],
    sprintHistory: ids.sprintFieldId ? sprintHistoryOf(f[ids.sprintFieldId]) : [],
    linkedIssues: linksOf(f.issuelinks),
    ask: null,
    issueType: issueTypeOf(f.issuetype),
  };
  const flagIssue: FlagIssue = {
    issueId: String(issue.id),
    issueKey: issue.key,
    summary: text(f.summary) ?? '',
    projectKey,
    created: text(f.created),
    facts,
    flags: emptyFlags(),
    property: issue.properties?.[FLAGS_PROPERTY],
    changeProperty: issue.properties?.[CHANGE_PROPERTY_KEY],
    askField: ids.askFieldId ? (f[ids.askFieldId] ?? null) : null,
  };
  if (issue.changelog) flagIssue.changelog = historiesOf(issue.changelog.histories);
  return flagIssue;
}

/**
 * GET /issue/{key} with the rule fields and the flags property, in one request. Run as a user,
 * Jira answers 404 for an issue they may not browse: NOT_FOUND, saying no more.
 */
export async function readFlagIssue(jira: JiraClient, issueKey: string, ids: FlagFieldIds): Promise<FlagIssue> {
  if (!ISSUE_KEY.test(issueKey)) throw new AppError('VALIDATION', `${issueKey} is not an issue key`, { fields: { issueKey: 'Issue key must look like ABC-123' } });
  const fields = flagFieldList(ids).join(',');
  const issue = await notFoundAs(
    jira.get<JiraIssue>(route`/rest/api/3/issue/${issueKey}?fields=${fields}&properties=${FLAGS_PROPERTY},${CHANGE_PROPERTY_KEY}`),
    `Issue ${issueKey} does not exist or you do not have permission to see it`,
  );
  const [read] = await withRecordAsks([toFlagIssue(issue, ids)], ids);
  return read;
}

/**
 * The issues with `facts.ask` from each one's ask record (Forge storage), never from Jira's field;
 * the field is checked against the record (askRecords.ts). Without the field on the site: no asks.
 */
export async function withRecordAsks(issues: FlagIssue[], ids: FlagFieldIds): Promise<FlagIssue[]> {
  if (!ids.askFieldId || issues.length === 0) return issues;
  const sights = issues.map((issue) => ({ issueId: issue.issueId, issueKey: issue.issueKey, projectKey: issue.projectKey, fieldValue: issue.askField, oldProperty: undefined }));
  const stored = await storedAsksFor(sights, new Date());
  return issues.map((issue) => ({ ...issue, facts: { ...issue.facts, ask: stored.get(issue.issueId)?.ask ?? null } }));
}

export interface FlagIssueSearch {
  issues: FlagIssue[];
  /** True when more issues matched than `maxIssues`. */
  truncated: boolean;
}

interface SearchPage {
  issues?: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

/**
 * The issues matching `jql` with their rule facts and flags, up to `maxIssues`
 * (POST /rest/api/3/search/jql, paged by nextPageToken). `changelog` also asks for each issue's
 * recent history (what the scope-creep rule reads to tell when work joined a sprint).
 */
export async function searchFlagIssues(jira: JiraClient, opts: { jql: string; ids: FlagFieldIds; maxIssues: number; changelog?: boolean; reconcileIssues?: readonly number[] }): Promise<FlagIssueSearch> {
  const issues: FlagIssue[] = [];
  let nextPageToken: string | undefined;
  const maxPages = Math.ceil(opts.maxIssues / PAGE_SIZE) + 1;
  for (let page = 0; page < maxPages; page += 1) {
    const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, {
      jql: opts.jql,
      fields: flagFieldList(opts.ids),
      properties: [FLAGS_PROPERTY, CHANGE_PROPERTY_KEY],
      maxResults: PAGE_SIZE,
      // Issues Liaison just wrote, which Jira's lagging search index may not show yet.
      ...(opts.reconcileIssues?.length ? { reconcileIssues: [...opts.reconcileIssues] } : {}),
      ...(opts.changelog ? { expand: 'changelog' } : {}),
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    for (const issue of answer.issues ?? []) {
      if (issues.length >= opts.maxIssues) return { issues: await withRecordAsks(issues, opts.ids), truncated: true };
      issues.push(toFlagIssue(issue, opts.ids));
    }
    if (answer.isLast === true || !answer.nextPageToken) return { issues: await withRecordAsks(issues, opts.ids), truncated: false };
    nextPageToken = answer.nextPageToken;
  }
  return { issues: await withRecordAsks(issues, opts.ids), truncated: true };
}

/** PUT /issue/{key}/properties/liaison-flags (as the app: Jira re-indexes it for JQL): the record's projection only. */
export async function writeFlagsIndex(jira: JiraClient, issueKey: string, index: FlagsIndex): Promise<void> {
  await jira.put(route`/rest/api/3/issue/${issueKey}/properties/${FLAGS_PROPERTY}`, index);
}

/** Keys per `issuekey in (…)` search: one page each. */
const KEYS_PER_SEARCH = 100;

/**
 * Which of `keys` the caller of `jira` may browse (one search per 100 keys, asking for no field):
 * a list read as the app is narrowed to it before a person sees it.
 */
export async function browsableIssueKeys(jira: JiraClient, keys: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const valid = [...new Set(keys)].filter((key) => ISSUE_KEY.test(key));
  for (let i = 0; i < valid.length; i += KEYS_PER_SEARCH) {
    const batch = valid.slice(i, i + KEYS_PER_SEARCH);
    const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, { jql: `issuekey in (${batch.join(', ')})`, fields: ['summary'], maxResults: KEYS_PER_SEARCH });
    for (const issue of answer.issues ?? []) seen.add(issue.key);
  }
  return seen;
}

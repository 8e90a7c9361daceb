/**
 * A change request in Jira: the issue (summary, description, status, who raised it), its
 * `liaison-change` property, creating one, moving it through its workflow, commenting and linking.
 * Classic scopes: read:jira-work (read, search), write:jira-work (create, transition, comment,
 * property, link, notify).
 */
import { route } from '@forge/api';
import { CHANGE_PROPERTY_KEY, type ChangeProperty } from '../domain/changeRequest';
import { AppError } from '../../platform/domain/errors';
import { textToAdf, type AdfNode } from '../../platform/domain/plainTextAdf';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { notFoundAs } from '../../platform/jira/projects';

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;
const FIELDS = ['summary', 'description', 'project', 'issuetype', 'status', 'reporter', 'created'];
export const CHANGE_SEARCH_PAGE = 100;

export interface ChangeIssue {
  issueId: string;
  issueKey: string;
  projectKey: string;
  summary: string;
  /** Plain text of the description (paragraphs separated by blank lines). */
  description: string;
  issueTypeId: string;
  statusId: string;
  statusName: string;
  reporter: string | null;
  /** ISO instant */
  created: string;
  /**
   * The `liaison-change` value exactly as Jira holds it (undefined: none). Never a source of facts:
   * anyone who may create the issue can write it; it is only checked against the record.
   */
  property: unknown;
}


interface JiraIssue {
  id: string;
  key: string;
  fields?: {
    summary?: string;
    description?: AdfNode | string | null;
    project?: { key?: string };
    issuetype?: { id?: string };
    status?: { id?: string; name?: string };
    reporter?: { accountId?: string } | null;
    created?: string;
  };
  properties?: Record<string, unknown>;
}

/** The text of an Atlassian Document Format body (bounded: ADF from Jira is finite, depth-capped here). */
export function adfToText(node: AdfNode | string | null | undefined, depth = 0): string {
  if (node === null || node === undefined) return '';
  if (typeof node === 'string') return node;
  if (depth > 50) return '';
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  if (node.type === 'mention') return node.attrs?.text ?? '';
  const parts = (node.content ?? []).map((child) => adfToText(child, depth + 1));
  if (node.type === 'doc' || node.type === 'bulletList' || node.type === 'orderedList') return parts.filter((p) => p !== '').join('\n\n');
  const text = parts.join('');
  return node.type === 'listItem' ? `• ${text}` : text;
}

export function toChangeIssue(issue: JiraIssue): ChangeIssue {
  const f = issue.fields ?? {};
  const projectKey = f.project?.key;
  if (typeof projectKey !== 'string') throw new AppError('UPSTREAM', `Jira answered issue ${issue.key} without its project`);
  return {
    issueId: String(issue.id),
    issueKey: issue.key,
    projectKey,
    summary: typeof f.summary === 'string' ? f.summary : '',
    description: adfToText(f.description ?? null),
    issueTypeId: String(f.issuetype?.id ?? ''),
    statusId: String(f.status?.id ?? ''),
    statusName: f.status?.name ?? '',
    reporter: f.reporter?.accountId ?? null,
    created: typeof f.created === 'string' ? f.created : '',
    property: issue.properties?.[CHANGE_PROPERTY_KEY],
  };
}

/** GET /issue/{key} with what a change request needs and its property. As a user: 404 for an issue they may not browse. */
export async function readChangeIssue(jira: JiraClient, issueKey: string): Promise<ChangeIssue> {
  if (!ISSUE_KEY.test(issueKey)) throw new AppError('VALIDATION', `${issueKey} is not an issue key`, { fields: { issueKey: 'Issue key must look like ABC-123' } });
  const issue = await notFoundAs(
    jira.get<JiraIssue>(route`/rest/api/3/issue/${issueKey}?fields=${FIELDS.join(',')}&properties=${CHANGE_PROPERTY_KEY}`),
    `Issue ${issueKey} does not exist or you do not have permission to see it`,
  );
  return toChangeIssue(issue);
}

/** PUT /issue/{key}/properties/liaison-change (as the app: clients may not edit issues; Jira re-indexes it): the record's projection only. */
export async function writeChangeProperty(jira: JiraClient, issueKey: string, property: ChangeProperty): Promise<void> {
  await jira.put(route`/rest/api/3/issue/${issueKey}/properties/${CHANGE_PROPERTY_KEY}`, property);
}

interface NewIssue {
  projectKey: string;
  issueTypeId: string;
  summary: string;
  description: string;
}

/** POST /issue as the caller (Jira's Create Issues permission decides). */
async function postIssue(jira: JiraClient, args: NewIssue): Promise<{ id: string; key: string }> {
  const fields: Record<string, unknown> = { project: { key: args.projectKey }, issuetype: { id: args.issueTypeId }, summary: args.summary };
  if (args.description.trim()) fields.description = textToAdf(args.description);
  const created = await jira.post<{ id: string; key: string }>(route`/rest/api/3/issue`, { fields });
  return { id: String(created.id), key: created.key };
}

/**
 * A new issue: a change request (its record is written next, then its property: a property set
 * at creation would stand without a record for a moment), or an implementation issue.
 */
export function createIssue(jira: JiraClient, args: NewIssue): Promise<{ id: string; key: string }> {
  return postIssue(jira, args);
}

interface JiraTransition {
  id: string;
  name: string;
  to?: { id?: string; name?: string };
}

/** Jira's own words from an error the client raised ("Jira answered 400: <message>"). */
function jiraWords(error: AppError): string {
  return error.message.replace(/^Jira answered \d+: /, '');
}

/**
 * Moves the issue to the status through the workflow transition that leads there (as the caller, so
 * the workflow's rules run and Jira's permissions apply). A refusal (a workflow rule's message, or
 * no such transition) is a CONFLICT carrying Jira's words, so the person reads why. Answers the
 * status's name as Jira's transition list gives it (`statusName` when it gives none).
 */
export async function transitionTo(jira: JiraClient, issueKey: string, statusId: string, statusName: string): Promise<string> {
  const { transitions } = await jira.get<{ transitions?: JiraTransition[] }>(route`/rest/api/3/issue/${issueKey}/transitions`);
  const transition = (transitions ?? []).find((t) => String(t.to?.id) === statusId);
  if (!transition) {
    throw new AppError('CONFLICT', `Jira offers no transition to "${statusName}" from where ${issueKey} is now (or you may not transition it). Reload to see where it stands.`);
  }
  try {
    await jira.post(route`/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: transition.id } });
  } catch (error) {
    if (error instanceof AppError && error.code === 'UPSTREAM' && (error.status === 400 || error.status === 409)) {
      throw new AppError('CONFLICT', jiraWords(error), { cause: error, status: error.status });
    }
    throw error;
  }
  return transition.to?.name ?? statusName;
}

/** POST /issue/{key}/comment without a visibility restriction: everyone who may browse the issue (the client) reads it. */
export async function addClientComment(jira: JiraClient, issueKey: string, text: string): Promise<void> {
  await jira.post(route`/rest/api/3/issue/${issueKey}/comment`, { body: textToAdf(text) });
}

/** POST /issueLink "relates to" between the change request and an implementation issue (as the caller: Link Issues). */
export async function linkIssues(jira: JiraClient, fromKey: string, toKey: string, linkTypeName: string): Promise<void> {
  await jira.post(route`/rest/api/3/issueLink`, { type: { name: linkTypeName }, inwardIssue: { key: fromKey }, outwardIssue: { key: toKey } });
}

interface SearchPage {
  issues?: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

/**
 * The issues matching `jql` as change requests, up to `maxIssues` (POST /search/jql by nextPageToken).
 * `reconcileIssues`: ids of issues just written, which Jira's lagging index might not show yet.
 */
export async function searchChangeIssues(jira: JiraClient, jql: string, maxIssues: number, opts: { reconcileIssues?: readonly number[] } = {}): Promise<{ issues: ChangeIssue[]; truncated: boolean }> {
  const reconcile = opts.reconcileIssues?.length ? { reconcileIssues: [...opts.reconcileIssues] } : {};
  const issues: ChangeIssue[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < Math.ceil(maxIssues / CHANGE_SEARCH_PAGE) + 1; page += 1) {
    const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, {
      jql,
      fields: FIELDS,
      properties: [CHANGE_PROPERTY_KEY],
      maxResults: CHANGE_SEARCH_PAGE,
      ...reconcile,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    for (const issue of answer.issues ?? []) {
      if (issues.length >= maxIssues) return { issues, truncated: true };
      issues.push(toChangeIssue(issue));
    }
    if (answer.isLast === true || !answer.nextPageToken) return { issues, truncated: false };
    nextPageToken = answer.nextPageToken;
  }
  return { issues, truncated: true };
}

/**
 * One issue's client ask as Jira holds it: the "Client assignee" field value — only the projection
 * of the ask record (client, state, due date, round) that any user who can browse the issue may
 * read — and, on issues an earlier version of the app wrote, the `liaison-asks` property. Both are
 * read only to be checked against the record (askRecords.ts) or migrated (askMigration.ts), never
 * believed. The field is written as the app (only the app that declares it may).
 * Classic scopes: read:jira-work (read), write:jira-work (property), write:app-data:jira (field value).
 */
import { route } from '@forge/api';
import type { AskProjection } from '../domain/clientAsk';
import { AppError } from '../../platform/domain/errors';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { notFoundAs } from '../../platform/jira/projects';

/** The issue property earlier versions wrote the ask's history to; Liaison no longer writes it. */
export const OLD_ASK_PROPERTY = 'liaison-asks';

/** What Jira shows about an issue's ask: read to be checked, never trusted. */
export interface AskSight {
  issueId: string;
  issueKey: string;
  projectKey: string;
  /** The Client assignee field value as Jira returned it (null: empty). */
  fieldValue: unknown;
  /** The `liaison-asks` property as Jira returned it (undefined: none, or not asked for). */
  oldProperty: unknown;
}

export interface IssueAsk extends AskSight {
  summary: string;
  assignee: string | null;
  reporter: string | null;
}

interface JiraUserRef {
  accountId?: string;
}

interface JiraIssue {
  id: string;
  key: string;
  fields?: Record<string, unknown> & {
    summary?: string;
    project?: { key?: string };
    assignee?: JiraUserRef | null;
    reporter?: JiraUserRef | null;
  };
  properties?: Record<string, unknown>;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

/** The old property from an issue's `properties`, undefined when absent. */
export function oldPropertyOf(properties: Record<string, unknown> | undefined): unknown {
  return properties && Object.prototype.hasOwnProperty.call(properties, OLD_ASK_PROPERTY) ? properties[OLD_ASK_PROPERTY] : undefined;
}

/**
 * GET /issue/{key} with only what an ask needs, in one request. Run as the user, Jira answers 404
 * for an issue they may not browse: NOT_FOUND, with nothing about it.
 */
export async function readIssueAsk(jira: JiraClient, issueKey: string, askFieldId: string): Promise<IssueAsk> {
  if (!ISSUE_KEY.test(issueKey)) throw new AppError('VALIDATION', `${issueKey} is not an issue key`, { fields: { issueKey: 'Issue key must look like ABC-123' } });
  const fields = ['summary', 'project', 'assignee', 'reporter', askFieldId].join(',');
  const issue = await notFoundAs(
    jira.get<JiraIssue>(route`/rest/api/3/issue/${issueKey}?fields=${fields}&properties=${OLD_ASK_PROPERTY}`),
    `Issue ${issueKey} does not exist or you do not have permission to see it`,
  );
  const f = issue.fields ?? {};
  const projectKey = f.project?.key;
  if (typeof projectKey !== 'string') throw new AppError('UPSTREAM', `Jira answered issue ${issueKey} without its project`);
  return {
    issueId: String(issue.id),
    issueKey: issue.key,
    summary: typeof f.summary === 'string' ? f.summary : '',
    projectKey,
    assignee: f.assignee?.accountId ?? null,
    reporter: f.reporter?.accountId ?? null,
    fieldValue: f[askFieldId] ?? null,
    oldProperty: oldPropertyOf(issue.properties),
  };
}

/** PUT /app/field/{fieldId}/value: only the app that declares the field may set it (Jira records a changelog entry). */
export async function writeAskProjection(jira: JiraClient, askFieldId: string, issueId: string, value: AskProjection | null): Promise<void> {
  await jira.put(route`/rest/api/3/app/field/${askFieldId}/value`, { updates: [{ issueIds: [Number(issueId)], value }] });
}

/** DELETE /issue/{key}/properties/liaison-asks (absent already: nothing to do). */
export async function deleteOldAskProperty(jira: JiraClient, issueKey: string): Promise<void> {
  try {
    await jira.request('DELETE', route`/rest/api/3/issue/${issueKey}/properties/${OLD_ASK_PROPERTY}`);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return;
    throw error;
  }
}

/**
 * One issue's client ask in Jira: the "Client assignee" field value (what Jira shows and JQL
 * searches) and the `liaison-asks` issue property (the full history). Read together in one
 * request; written as the app (the field is read-only to people, and clients may not edit issues).
 * Classic scopes: read:jira-work (read), write:jira-work (property), write:app-data:jira (field value).
 */
import { route } from '@forge/api';
import { parseAskHistory, parseClientAsk, type AskHistory, type ClientAsk } from '../domain/clientAsk';
import { AppError } from '../domain/errors';
import type { JiraClient } from './jiraClient';
import { notFoundAs } from './projects';

export const ASK_HISTORY_PROPERTY = 'liaison-asks';

export interface IssueAsk {
  issueId: string;
  issueKey: string;
  summary: string;
  projectKey: string;
  assignee: string | null;
  reporter: string | null;
  /** The field value, or null when the issue has none (or an unreadable one). */
  ask: ClientAsk | null;
  history: AskHistory;
  /** The property exactly as stored (undefined: none), so a failed write can put it back. */
  storedHistory: unknown;
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

/**
 * GET /issue/{key} with only what an ask needs, and the history property, in one request. Run as
 * the user, Jira answers 404 for an issue they may not browse: NOT_FOUND, with nothing about it.
 */
export async function readIssueAsk(jira: JiraClient, issueKey: string, askFieldId: string): Promise<IssueAsk> {
  if (!ISSUE_KEY.test(issueKey)) throw new AppError('VALIDATION', `${issueKey} is not an issue key`, { fields: { issueKey: 'Issue key must look like ABC-123' } });
  const fields = ['summary', 'project', 'assignee', 'reporter', askFieldId].join(',');
  const issue = await notFoundAs(
    jira.get<JiraIssue>(route`/rest/api/3/issue/${issueKey}?fields=${fields}&properties=${ASK_HISTORY_PROPERTY}`),
    `Issue ${issueKey} does not exist or you do not have permission to see it`,
  );
  const f = issue.fields ?? {};
  const projectKey = f.project?.key;
  if (typeof projectKey !== 'string') throw new AppError('UPSTREAM', `Jira answered issue ${issueKey} without its project`);
  const storedHistory = issue.properties && Object.prototype.hasOwnProperty.call(issue.properties, ASK_HISTORY_PROPERTY) ? issue.properties[ASK_HISTORY_PROPERTY] : undefined;
  return {
    issueId: String(issue.id),
    issueKey: issue.key,
    summary: typeof f.summary === 'string' ? f.summary : '',
    projectKey,
    assignee: f.assignee?.accountId ?? null,
    reporter: f.reporter?.accountId ?? null,
    ask: parseClientAsk(f[askFieldId]),
    history: parseAskHistory(storedHistory),
    storedHistory,
  };
}

/** PUT /issue/{key}/properties/liaison-asks */
async function putHistory(jira: JiraClient, issueKey: string, value: unknown): Promise<void> {
  await jira.put(route`/rest/api/3/issue/${issueKey}/properties/${ASK_HISTORY_PROPERTY}`, value);
}

/** PUT /app/field/{fieldId}/value: only the app that declares the field may set it (Jira records a changelog entry). */
async function putAskValue(jira: JiraClient, askFieldId: string, issueId: string, value: ClientAsk): Promise<void> {
  await jira.put(route`/rest/api/3/app/field/${askFieldId}/value`, { updates: [{ issueIds: [Number(issueId)], value }] });
}

function detail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes a new ask value and its history, all or nothing as far as Jira lets us.
 *
 * Jira has no transaction across a property and a field, so the order is chosen to keep what people
 * see consistent: the history property first, then the field, and when the field write fails the
 * property is put back exactly as it was (or deleted when there was none).
 * - The field is the commit point: it is what the issue view, boards and JQL show. Written last,
 *   a visible state never lacks the history event that explains it.
 * - The property is the write more likely to be refused for its content (Jira's 32,768-character
 *   limit); refused first, nothing has changed and there is nothing to undo.
 * - Putting a property back is exact and silent; putting a field back would add a second changelog
 *   entry and a second "issue updated" event for everyone watching the issue.
 * If even the restore fails, the error says so: the history then holds one event the field lacks.
 */
export async function saveIssueAsk(
  jira: JiraClient,
  args: { issueKey: string; issueId: string; askFieldId: string; value: ClientAsk; history: AskHistory; storedHistory: unknown },
): Promise<void> {
  try {
    await putHistory(jira, args.issueKey, args.history);
  } catch (error) {
    throw new AppError('UPSTREAM', `Jira did not save the change to ${args.issueKey}; nothing was changed. ${detail(error)}`, { cause: error });
  }
  try {
    await putAskValue(jira, args.askFieldId, args.issueId, args.value);
  } catch (fieldError) {
    try {
      if (args.storedHistory === undefined) await jira.request('DELETE', route`/rest/api/3/issue/${args.issueKey}/properties/${ASK_HISTORY_PROPERTY}`);
      else await putHistory(jira, args.issueKey, args.storedHistory);
    } catch (restoreError) {
      throw new AppError(
        'UPSTREAM',
        `Jira did not save the ask on ${args.issueKey} (${detail(fieldError)}), and its history could not be put back (${detail(restoreError)}). Reload the issue before trying again.`,
        { cause: restoreError },
      );
    }
    throw new AppError('UPSTREAM', `Jira did not save the change to ${args.issueKey}; nothing was changed. ${detail(fieldError)}`, { cause: fieldError });
  }
}

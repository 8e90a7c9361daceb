/**
 * POST /rest/api/3/issue/{key}/notify: an email from Jira to people about an issue. Jira sends it
 * only to recipients who may browse the issue, so naming someone never leaks it.
 * Classic scope: write:jira-work.
 */
import { route } from '@forge/api';
import type { JiraClient } from './jiraClient';
import { escapeHtml } from '../domain/escapeHtml';

export interface Recipients {
  users?: readonly string[];
  assignee?: boolean;
  reporter?: boolean;
}

export interface IssueNotification {
  subject: string;
  /** Plain text; the HTML body is built from it. */
  text: string;
  to: Recipients;
}

/** Paragraphs split on blank lines, lines on newlines, everything escaped (the text quotes what people wrote). */
export function htmlOf(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export async function notifyIssue(jira: JiraClient, issueKey: string, notification: IssueNotification): Promise<void> {
  const users = [...new Set(notification.to.users ?? [])].map((accountId) => ({ accountId }));
  await jira.post(route`/rest/api/3/issue/${issueKey}/notify`, {
    subject: notification.subject,
    textBody: notification.text,
    htmlBody: htmlOf(notification.text),
    to: {
      reporter: notification.to.reporter === true,
      assignee: notification.to.assignee === true,
      watchers: false,
      voters: false,
      users,
    },
  });
}

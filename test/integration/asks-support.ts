/**
 * Shared by the asks-*.test.ts files: calling the resolvers as a demo person, reading what Jira
 * (the sandbox) and Forge storage (the KVS) hold for an issue, and Jira REST calls as a person.
 */
import assert from 'node:assert/strict';
import type { TestHost } from '../../local/host/testing';
import type { NotificationRecord, SandboxIssue } from '../../local/jira/model';

export type Answer<T = any> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

export const PANEL = 'client-ask-panel';
export const PROJECT_PAGE = 'liaison-project';
export const PORTAL = 'liaison-portal';

export function caller(host: TestHost) {
  return <T = any>(accountId: string, functionKey: string, payload: Record<string, unknown> = {}, moduleKey = PANEL) =>
    host.app.invoke({ accountId, moduleKey, functionKey, payload }) as Promise<Answer<T>>;
}

export function ok<T>(answer: Answer<T>): T {
  assert.equal(answer.ok, true, JSON.stringify(answer));
  return (answer as { ok: true; data: T }).data;
}

export function refused(answer: Answer, code: string): { code: string; message: string; fields?: Record<string, string> } {
  assert.equal(answer.ok, false, JSON.stringify(answer));
  const error = (answer as { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }).error;
  assert.equal(error.code, code, JSON.stringify(error));
  return error;
}

/** The Forge field Jira made of the manifest's client-assignee module. */
export function askFieldId(host: TestHost): string {
  const field = host.sandbox.site.fields.find((f) => f.forge?.moduleKey === 'client-assignee');
  assert.ok(field, 'the sandbox registered no client-assignee field');
  return field.id;
}

export function issue(host: TestHost, key: string): SandboxIssue {
  const found = host.sandbox.site.issues.find((i) => i.key === key);
  assert.ok(found, `no issue ${key}`);
  return found;
}

/** Everything an ask write may change, as it is now: the field, the property, the changelog length. */
export function snapshot(host: TestHost, key: string) {
  const i = issue(host, key);
  return structuredClone({ field: i.customFields[askFieldId(host)] ?? null, property: i.properties['liaison-asks'] ?? null, changes: i.changelog.length });
}

export async function notifications(host: TestHost, issueKey: string): Promise<NotificationRecord[]> {
  const response = await fetch(`${host.sandbox.url}/__sandbox/notifications?issueKey=${encodeURIComponent(issueKey)}`);
  assert.equal(response.status, 200);
  return (await response.json()) as NotificationRecord[];
}

/** Audit entries the app stored (the `audit` custom entity), oldest first. */
export async function auditEntries(host: TestHost, projectKey: string): Promise<Array<{ action: string; actor: string; target: string; detail: { changes: { summary: string }[] } }>> {
  const { listAudit } = await import('../../src/store/auditStore');
  const page = await listAudit(projectKey, { limit: 100 });
  return [...page.entries].reverse();
}

/** A Jira REST call as a person (the Forge runtime's user bearer), answering status and JSON. */
export async function jiraAs(host: TestHost, accountId: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${host.sandbox.url}${path}`, {
    method,
    headers: { Authorization: `Bearer forge-user:${accountId}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

/** A JQL search as a person: the matching issue keys, in the query's order. */
export async function jqlKeys(host: TestHost, accountId: string, jql: string): Promise<string[]> {
  const answer = await jiraAs(host, accountId, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 });
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  return (answer.json.issues as { key: string }[]).map((i) => i.key);
}

/** YYYY-MM-DD, n days from today (UTC). */
export function daysFromNow(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

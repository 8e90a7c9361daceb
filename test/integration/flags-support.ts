/**
 * Shared by the flags-*.test.ts files: resolver calls as a demo person, Jira REST calls as a
 * person, the `liaison-flags` property as the sandbox holds it, and switching the rules on for a
 * project (they run once its Liaison settings are saved).
 */
import assert from 'node:assert/strict';
import type { TestHost } from '../../local/host/testing';
import { DEMO_USERS } from '../../local/demo/site';
import type { Flag, FlagsProperty } from '../../src/domain/redFlags';

export type Answer<T = any> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

export const FLAGS_PANEL = 'red-flags-panel';
export const PROJECT_PAGE = 'liaison-project';
export const GADGET = 'liaison-flags-gadget';

export function caller(host: TestHost) {
  return <T = any>(accountId: string, functionKey: string, payload: Record<string, unknown> = {}, moduleKey = FLAGS_PANEL) =>
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

/** A JQL search as a person: the matching issue keys, every page. */
export async function jqlKeys(host: TestHost, accountId: string, jql: string): Promise<string[]> {
  const keys: string[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const answer = await jiraAs(host, accountId, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100, ...(nextPageToken ? { nextPageToken } : {}) });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    keys.push(...(answer.json.issues as { key: string }[]).map((i) => i.key));
    if (!answer.json.nextPageToken) return keys;
    nextPageToken = answer.json.nextPageToken;
  }
  throw new Error('more than 50 pages');
}

/** The issue's `liaison-flags` property as Jira (the sandbox) holds it, or null. */
export function storedFlags(host: TestHost, issueKey: string): FlagsProperty | null {
  const issue = host.sandbox.site.issues.find((i) => i.key === issueKey);
  assert.ok(issue, `no issue ${issueKey}`);
  return (issue.properties['liaison-flags'] as FlagsProperty | undefined) ?? null;
}

export const openFlags = (p: FlagsProperty | null): Flag[] => (p?.flags ?? []).filter((f) => f.resolvedAt === undefined);

/** Saves the project's settings as the PM (switching the rules on), with `thresholds` changes. */
export async function enableRules(host: TestHost, projectKey: string, thresholds: Record<string, unknown> = {}): Promise<void> {
  const call = caller(host);
  const current = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey }, PROJECT_PAGE));
  const settings = { ...current.settings, flagThresholds: { ...current.settings.flagThresholds, ...thresholds } };
  ok(await call(DEMO_USERS.pm, 'settings.save', { projectKey, version: current.version, ...settings }, PROJECT_PAGE));
}

/** Creates an issue as `accountId` through Jira's REST API (firing the created trigger), answering its key. */
export async function createIssue(host: TestHost, accountId: string, projectKey: string, summary: string, fields: Record<string, unknown> = {}): Promise<string> {
  const created = await jiraAs(host, accountId, 'POST', '/rest/api/3/issue', { fields: { project: { key: projectKey }, issuetype: { name: 'Task' }, summary, ...fields } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  await host.app.idle();
  return created.json.key as string;
}

/** Edits fields as a person (Jira fires avi:jira:updated:issue), then waits for the triggers. */
export async function editIssue(host: TestHost, accountId: string, issueKey: string, body: Record<string, unknown>): Promise<void> {
  const answer = await jiraAs(host, accountId, 'PUT', `/rest/api/3/issue/${issueKey}`, body);
  assert.equal(answer.status, 204, JSON.stringify(answer.json));
  await host.app.idle();
}

/** Walks an issue through the workflow (at most 5 transitions) into a status of `category`, then waits for the triggers. */
export async function transitionTo(host: TestHost, accountId: string, issueKey: string, category: 'new' | 'indeterminate' | 'done'): Promise<void> {
  const visited = new Set<string>();
  for (let step = 0; step < 5; step += 1) {
    const list = await jiraAs(host, accountId, 'GET', `/rest/api/3/issue/${issueKey}/transitions`);
    assert.equal(list.status, 200, JSON.stringify(list.json));
    const transitions = list.json.transitions as { id: string; to: { id: string; statusCategory?: { key: string } } }[];
    const next = transitions.find((t) => t.to.statusCategory?.key === category) ?? transitions.find((t) => t.to.statusCategory?.key === 'indeterminate' && !visited.has(t.to.id));
    assert.ok(next, `no way from ${issueKey}'s status towards a ${category} status`);
    visited.add(next.to.id);
    const moved = await jiraAs(host, accountId, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: next.id } });
    assert.equal(moved.status, 204, JSON.stringify(moved.json));
    await host.app.idle();
    if (next.to.statusCategory?.key === category) return;
  }
  throw new Error(`${issueKey} did not reach a ${category} status in 5 transitions`);
}

/** YYYY-MM-DD, n days from today (UTC). */
export function daysFromNow(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

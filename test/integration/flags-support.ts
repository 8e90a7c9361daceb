/**
 * Shared by the flags-*.test.ts files: the resolvers called from the Red flags panel by default,
 * the `flag` records and the `liaison-flags` property as the sandbox holds it, issues created, edited and moved through
 * Jira's REST API, and switching the rules on for a project (they run once its Liaison settings
 * are saved). The rest is support.ts, re-exported here.
 */
import assert from 'node:assert/strict';
import type { TestHost } from '../../local/host/testing';
import { DEMO_USERS } from '../../local/demo/site';
import type { Flag, FlagsProperty } from '../../src/flags/domain/redFlags';
import { callerFrom, FLAGS_PANEL, issue, jiraAs, ok, PROJECT_PAGE, teamFlags } from './support';

export { daysFromNow, GADGET, jiraAs, jqlKeys, ok, PROJECT_PAGE, refused, type Answer } from './support';

export function caller(host: TestHost) {
  return callerFrom(host, FLAGS_PANEL);
}

/** The issue's flags as stored: its `flag` record in Forge storage; null without one. */
export function storedFlags(host: TestHost, issueKey: string): FlagsProperty | null {
  return teamFlags(host, issueKey);
}

/** The `liaison-flags` property exactly as Jira holds it (what anyone who can browse the issue may read). */
export function propertyFlags(host: TestHost, issueKey: string): Record<string, any> | null {
  return (issue(host, issueKey).properties['liaison-flags'] as Record<string, any> | undefined) ?? null;
}

export const openFlags = (p: FlagsProperty | null): Flag[] => (p?.flags ?? []).filter((f) => f.resolvedAt === undefined);

/**
 * Saves the project's settings as the PM with the Red flag rules switched on, with `thresholds`
 * changes; then waits for the run a save switching rules on queues. Answers the save's answer.
 */
export async function enableRules(host: TestHost, projectKey: string, thresholds: Record<string, unknown> = {}, on = true): Promise<any> {
  const call = caller(host);
  const current = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey }, PROJECT_PAGE));
  const settings = { ...current.settings, redFlagRules: { on }, flagThresholds: { ...current.settings.flagThresholds, ...thresholds } };
  const saved = ok(await call<any>(DEMO_USERS.pm, 'settings.save', { projectKey, version: current.version, ...settings }, PROJECT_PAGE));
  await host.app.idle();
  return saved;
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

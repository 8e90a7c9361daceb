/**
 * Shared by the integration tests of the apps' resolvers: calling them as a demo person, the
 * answers they give, the sandbox's issues, and Jira REST calls as a person.
 */
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_PEOPLE, type Persona } from '../../local/demo/site';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import type { TestHost } from '../../local/host/testing';
import type { SandboxIssue, SiteData } from '../../local/jira/model';
import { flagsOfRecord } from '../../src/flags/domain/flagRecord';
import type { FlagsProperty } from '../../src/flags/domain/redFlags';
import { FLAG_ENTITY, type FlagRecord } from '../../src/flags/store/flagKeys';

export type AnswerError = { code: string; message: string; fields?: Record<string, string> };
export type Answer<T = any> = { ok: true; data: T } | { ok: false; error: AnswerError };

/** The module keys resolvers are called from. */
export const ASK_PANEL = 'client-ask-panel';
export const FLAGS_PANEL = 'red-flags-panel';
export const PROJECT_PAGE = 'liaison-project';
export const PORTAL = 'liaison-portal';
export const GADGET = 'liaison-flags-gadget';

/** Calls a resolver as `accountId` from `moduleKey` (by default `defaultModuleKey`). */
export function callerFrom(host: TestHost, defaultModuleKey: string) {
  return <T = any>(accountId: string, functionKey: string, payload: Record<string, unknown> = {}, moduleKey = defaultModuleKey) =>
    host.app.invoke({ accountId, moduleKey, functionKey, payload }) as Promise<Answer<T>>;
}

export function ok<T>(answer: Answer<T>): T {
  assert.equal(answer.ok, true, JSON.stringify(answer));
  return (answer as { ok: true; data: T }).data;
}

export function refused(answer: Answer, code: string): AnswerError {
  assert.equal(answer.ok, false, JSON.stringify(answer));
  const error = (answer as { ok: false; error: AnswerError }).error;
  assert.equal(error.code, code, JSON.stringify(error));
  return error;
}

/** The issue as the sandbox holds it. */
export function issue(host: TestHost, key: string): SandboxIssue {
  const found = host.sandbox.site.issues.find((i) => i.key === key);
  assert.ok(found, `no issue ${key}`);
  return found;
}

/** The issue's `flag` record as Forge storage holds it, read directly by the test (undefined: none). */
export function storedFlagRecord(host: TestHost, key: string): FlagRecord | undefined {
  const entities = (host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, { value: FlagRecord }>> } }).snapshot().entities;
  return entities[FLAG_ENTITY]?.[issue(host, key).id]?.value;
}

/** The issue's red flags as the team reads them: its `flag` record (null: none). */
export function teamFlags(host: TestHost, key: string): FlagsProperty | null {
  const record = storedFlagRecord(host, key);
  return record ? flagsOfRecord(record) : null;
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

/** A Jira REST call as one person; answers status and parsed JSON (or the text when it is not JSON). */
export type JiraCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; json: any }>;

/** Basic auth with the persona's e-mail and API token (`demo-token-<persona>`), as a client on a real site calls Jira with nothing else. */
export function jiraWithToken(host: TestHost, persona: Persona): JiraCall {
  const token = Buffer.from(`${DEMO_PEOPLE[persona].emailAddress}:demo-token-${persona}`).toString('base64');
  return async (method, path, body) => {
    const response = await fetch(`${host.sandbox.url}${path}`, {
      method,
      headers: { Authorization: `Basic ${token}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json };
  };
}

/** A JQL search as a person: the matching issue keys, every page, in the query's order. */
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

/** YYYY-MM-DD, n days from today (UTC). */
export function daysFromNow(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

/** The demo site with a team member moved from Developers to another project role (a second approver, a manager who is not a Jira admin). */
export function demoSiteWithRole(projectKey: string, accountId: string, roleId: number): SiteData {
  const site = buildDemoSite();
  const project = site.projects.find((p) => p.key === projectKey);
  assert.ok(project, `the demo site has no project ${projectKey}`);
  project.roleActors[roleId] = [...(project.roleActors[roleId] ?? []), accountId];
  project.roleActors[ROLE_IDS.developers] = (project.roleActors[ROLE_IDS.developers] ?? []).filter((id) => id !== accountId);
  return site;
}

type ForgeFetch = (descriptor: unknown, path: string, init?: RequestInit) => Promise<Response>;

/**
 * Runs `work` with the KVS transactions whose body contains `marker` held until `count` of them
 * are waiting (or 5 s passed), then released together.
 */
export async function withWriteBarrier<T>(marker: string, count: number, work: () => Promise<T>): Promise<T> {
  const g = globalThis as unknown as { __forge_fetch__: ForgeFetch };
  const original = g.__forge_fetch__;
  const waiting: (() => void)[] = [];
  const releaseAll = () => waiting.splice(0).forEach((go) => go());
  const timer = setTimeout(releaseAll, 5000);
  g.__forge_fetch__ = async (descriptor, path, init) => {
    if (path === '/api/v1/transaction' && typeof init?.body === 'string' && init.body.includes(marker)) {
      await new Promise<void>((go) => {
        waiting.push(go);
        if (waiting.length >= count) releaseAll();
      });
    }
    return original(descriptor, path, init);
  };
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    g.__forge_fetch__ = original;
  }
}

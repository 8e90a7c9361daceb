/**
 * Sandbox writes: edits record changelog and `updated`, and every write emits a SandboxEvent
 * (also readable from /__sandbox/events); notifications are recorded.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { FALLBACK_APP_ID, LOCAL_ENVIRONMENT_ID } from '../../local/jira/forgeManifest';
import { APP_ACCOUNT_ID } from '../../local/jira/model';
import { startSandbox, type Sandbox, type SandboxEvent } from '../../local/jira/server';
import { adf, buildTestSite, call, USERS } from '../contract/sandbox-fixture';

describe('sandbox writes and events', () => {
  let sandbox: Sandbox;
  const seen: SandboxEvent[] = [];
  const dev = { user: USERS.dev };
  const as = (method: string, path: string, body?: unknown) => call(sandbox.url, dev, method, path, body);
  const issue = (key: string) => sandbox.site.issues.find((i) => i.key === key)!;
  beforeAll(async () => {
    sandbox = await startSandbox({ site: buildTestSite() });
    sandbox.events.on('event', (e: SandboxEvent) => seen.push(e));
  });
  afterAll(() => sandbox.close());

  test('an edit records one changelog entry, stamps updated and emits avi:jira:updated:issue', async () => {
    const before = issue('SHOP-3').updated;
    seen.length = 0;
    const res = await as('PUT', '/rest/api/3/issue/SHOP-3', {
      fields: { summary: 'Checkout page', priority: { name: 'High' }, customfield_10016: 8 },
      update: { labels: [{ add: 'frontend' }, { add: 'urgent' }] },
    });
    assert.equal(res.status, 204);
    const i = issue('SHOP-3');
    assert.notEqual(i.updated, before);
    assert.match(i.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    const entry = i.changelog.at(-1)!;
    assert.deepEqual(entry.items.map((it) => [it.field, it.fromString, it.toString]), [
      ['summary', 'SHOP issue 3', 'Checkout page'],
      ['priority', 'Medium', 'High'],
      ['Story point estimate', '3', '8'],
      ['labels', null, 'frontend urgent'],
    ]);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].eventType, 'avi:jira:updated:issue');
    assert.deepEqual(seen[0].eventType === 'avi:jira:updated:issue' && seen[0].changelog?.items, entry.items);
    assert.equal((seen[0] as { atlassianId: string }).atlassianId, USERS.dev);
  });

  test('an edit that changes nothing records nothing and emits nothing', async () => {
    seen.length = 0;
    const changelog = issue('SHOP-3').changelog.length;
    assert.equal((await as('PUT', '/rest/api/3/issue/SHOP-3', { fields: { summary: 'Checkout page' } })).status, 204);
    assert.equal(issue('SHOP-3').changelog.length, changelog);
    assert.deepEqual(seen, []);
  });

  test('create, comment, property, worklog and link writes each emit their event', async () => {
    seen.length = 0;
    const created = await as('POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Task' }, summary: 'Events' }, properties: [{ key: 'liaison-flags', value: { open: 0 } }] });
    const key = created.body.key;
    await as('POST', `/rest/api/3/issue/${key}/comment`, { body: adf('first') });
    await as('PUT', `/rest/api/3/issue/${key}/properties/liaison-asks`, { history: [] });
    await as('DELETE', `/rest/api/3/issue/${key}/properties/liaison-asks`);
    await as('POST', `/rest/api/3/issue/${key}/worklog`, { timeSpentSeconds: 900, started: '2026-11-23T10:00:00.000+0000' });
    const link = await as('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key }, outwardIssue: { key: 'SHOP-4' } });
    assert.equal(link.status, 201);
    assert.deepEqual(seen.map((e) => e.eventType), [
      'avi:jira:created:issue', 'avi:jira:created:comment', 'avi:jira:set:issue:property', 'avi:jira:deleted:issue:property',
      'avi:jira:created:worklog', 'avi:jira:updated:issue', 'avi:jira:updated:issue',
    ]);
    assert.deepEqual(issue(key).properties, { 'liaison-flags': { open: 0 } });
    assert.equal(issue(key).changelog.at(-1)!.items[0].toString, `This issue blocks SHOP-4`);
    assert.equal(issue('SHOP-4').changelog.at(-1)!.items[0].toString, `This issue is blocked by ${key}`);
    const links = await as('GET', `/rest/api/3/issue/${key}?fields=issuelinks`);
    assert.equal(links.body.fields.issuelinks[0].outwardIssue.key, 'SHOP-4');
  });

  test('sub-tasks follow their parent, also when it changes', async () => {
    const missingParent = await as('POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Sub-task' }, summary: 'Orphan' } });
    assert.equal(missingParent.status, 400);
    const sub = await as('POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Sub-task' }, summary: 'Write tests', parent: { key: 'SHOP-1' } } });
    assert.equal(sub.status, 201);
    const subtasksOf = async (key: string) => (await as('GET', `/rest/api/3/issue/${key}?fields=subtasks`)).body.fields.subtasks.map((s: any) => s.key);
    assert.deepEqual(await subtasksOf('SHOP-1'), [sub.body.key]);
    assert.equal((await as('PUT', `/rest/api/3/issue/${sub.body.key}`, { fields: { parent: { key: 'SHOP-2' } } })).status, 204);
    assert.deepEqual(await subtasksOf('SHOP-1'), []);
    assert.deepEqual(await subtasksOf('SHOP-2'), [sub.body.key]);
    const parent = await as('GET', `/rest/api/3/issue/${sub.body.key}?fields=parent`);
    assert.equal(parent.body.fields.parent.key, 'SHOP-2');
    assert.equal(issue(sub.body.key).changelog.at(-1)!.items[0].field, 'IssueParentAssociation');
  });

  test('/__sandbox/events returns the log after a sequence number', async () => {
    const all = await (await fetch(`${sandbox.url}/__sandbox/events`)).json() as { events: Array<{ seq: number; event: SandboxEvent }>; last: number };
    assert.ok(all.events.length >= 8);
    const tail = await (await fetch(`${sandbox.url}/__sandbox/events?since=${all.last - 2}`)).json() as { events: Array<{ seq: number; event: SandboxEvent }> };
    assert.deepEqual(tail.events.map((e) => e.seq), [all.last - 1, all.last]);
  });

  test('notify resolves recipients who can browse the issue and records the notification', async () => {
    const res = await as('POST', '/rest/api/3/issue/SHOP-2/notify', {
      subject: 'Your decision is needed', textBody: 'Please approve the change.', htmlBody: '<p>Please approve the change.</p>',
      to: { reporter: true, assignee: true, users: [{ accountId: USERS.client }, { accountId: USERS.outsider }] },
    });
    assert.equal(res.status, 204);
    const list = await (await fetch(`${sandbox.url}/__sandbox/notifications?issueKey=SHOP-2`)).json() as Array<{ to: string[]; subject: string; sentBy: string }>;
    assert.equal(list.length, 1);
    assert.deepEqual(list[0].to.sort(), [USERS.pm, USERS.dev, USERS.client].sort(), 'the outsider cannot browse SHOP and gets nothing');
    assert.equal(list[0].subject, 'Your decision is needed');
    assert.equal(list[0].sentBy, USERS.dev);
    const bad = await as('POST', '/rest/api/3/issue/SHOP-2/notify', { to: { users: [{ accountId: 'nobody' }] } });
    assert.equal(bad.status, 400);
  });

  test('the app sets its Forge custom field through /app/field/value, with a changelog entry', async () => {
    sandbox.site.fields.push({
      id: 'customfield_10100', key: 'customfield_10100', name: 'Client assignee', custom: true, schema: { type: 'any', custom: `ari:cloud:ecosystem::extension/${FALLBACK_APP_ID}/${LOCAL_ENVIRONMENT_ID}/static/client-assignee`, customId: 10100 },
      clauseNames: ['cf[10100]', 'Client assignee'], searchable: true, navigable: true, orderable: true, forge: { moduleKey: 'client-assignee', type: 'object', searchAliases: {} },
    });
    const value = { client: USERS.client, ask: 'Confirm copy', due: '2026-12-01', state: 'waiting' };
    const asUser = await as('PUT', '/rest/api/3/app/field/customfield_10100/value', { updates: [{ issueIds: [Number(issue('SHOP-5').id)], value }] });
    assert.equal(asUser.status, 403);
    const asApp = await call(sandbox.url, 'app', 'PUT', '/rest/api/3/app/field/customfield_10100/value', { updates: [{ issueIds: [Number(issue('SHOP-5').id)], value }] });
    assert.equal(asApp.status, 204);
    const view = await as('GET', '/rest/api/3/issue/SHOP-5?fields=customfield_10100');
    assert.deepEqual(view.body.fields.customfield_10100, value);
    const entry = issue('SHOP-5').changelog.at(-1)!;
    assert.equal(entry.author, APP_ACCOUNT_ID);
    assert.equal(entry.items[0].field, 'Client assignee');
    const wrongType = await call(sandbox.url, 'app', 'POST', '/rest/api/3/app/field/value', { updates: [{ customField: 'customfield_10100', issueIds: [Number(issue('SHOP-5').id)], value: 'text' }] });
    assert.equal(wrongType.status, 400);
  });

  test('/__sandbox/reset restores the starting site', async () => {
    const res = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
    assert.equal(res.status, 204);
    assert.equal(issue('SHOP-3').summary, 'SHOP issue 3');
    assert.equal(sandbox.site.issues.length, 16);
    assert.equal((await as('GET', '/rest/api/3/issue/SHOP-14')).status, 404, 'issues created since start are gone');
    assert.equal(sandbox.site.baseUrl, sandbox.url);
  });
});

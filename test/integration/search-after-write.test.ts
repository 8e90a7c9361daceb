/**
 * Jira's search index lags its writes (POST /rest/api/3/search/jql: "recent updates might not be
 * immediately visible"; `reconcileIssues` asks for read-after-write consistency). The sandbox's
 * `indexDelayMs` knob makes it so; the app's change request lists ask for what it just created.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { ASK_PANEL, callerFrom, daysFromNow, ok, PORTAL, PROJECT_PAGE } from './support';

describe('search after write', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  const asUser = (accountId: string, method: string, path: string, body?: unknown) =>
    fetch(host.sandbox.url + path, { method, headers: { authorization: `Bearer forge-user:${accountId}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const search = async (jql: string, extra: Record<string, unknown> = {}) => {
    const res = await asUser(DEMO_USERS.pm, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100, ...extra });
    return { status: res.status, body: (await res.json()) as any };
  };
  const keysOf = (answer: { body: { issues: { key: string }[] } }) => answer.body.issues.map((i) => i.key);

  beforeAll(async () => {
    host = await startTestHost({ site: buildDemoSite() });
    call = callerFrom(host, PORTAL);
  });
  afterAll(async () => host?.close());

  test('a new issue is found by search only once indexed, or at once when its id is reconciled', async () => {
    await search('project = SHOP'); // loads the JQL parser, so the timing below is the index's
    host.sandbox.knobs.indexDelayMs = 1000;
    try {
      const project = host.sandbox.site.projects.find((p) => p.key === 'SHOP')!;
      const type = host.sandbox.site.issueTypes.find((t) => t.name === 'Task') ?? host.sandbox.site.issueTypes[0];
      const created = await asUser(DEMO_USERS.pm, 'POST', '/rest/api/3/issue', { fields: { project: { id: project.id }, issuetype: { id: type.id }, summary: 'Indexed later' } });
      assert.equal(created.status, 201, await created.clone().text());
      const { id, key } = (await created.json()) as { id: string; key: string };
      const jql = 'project = SHOP AND summary ~ "Indexed later"';
      assert.deepEqual(keysOf(await search(jql)), []);
      assert.deepEqual(keysOf(await search(jql, { reconcileIssues: [Number(id)] })), [key]);
      // Reading the issue itself is not a search: it is there at once.
      assert.equal((await asUser(DEMO_USERS.pm, 'GET', `/rest/api/3/issue/${key}`)).status, 200);
      await new Promise((done) => setTimeout(done, 1050));
      assert.deepEqual(keysOf(await search(jql)), [key]);
    } finally {
      host.sandbox.knobs.indexDelayMs = 0;
    }
  });

  test('an edited issue is searched as it was before the edit until indexed', async () => {
    host.sandbox.knobs.indexDelayMs = 60_000;
    try {
      const issue = host.sandbox.site.issues.find((i) => i.key.startsWith('SHOP-'))!;
      assert.equal((await asUser(DEMO_USERS.pm, 'PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: 'Renamed for the index test' } })).status, 204);
      const renamed = 'project = SHOP AND summary ~ "Renamed for the index test"';
      assert.deepEqual(keysOf(await search(renamed)), []);
      assert.deepEqual(keysOf(await search(`project = SHOP AND key = ${issue.key}`)).length, 1, 'still found by what it was');
      assert.deepEqual(keysOf(await search(renamed, { reconcileIssues: [Number(issue.id)] })), [issue.key]);
    } finally {
      host.sandbox.knobs.indexDelayMs = 0;
    }
  });

  test('reconcileIssues takes at most 50 issue ids, as numbers (SearchAndReconcileRequestBean)', async () => {
    const tooMany = await search('project = SHOP', { reconcileIssues: Array.from({ length: 51 }, (_, i) => 10_000 + i) });
    assert.equal(tooMany.status, 400);
    assert.deepEqual(tooMany.body.errorMessages, ["'reconcileIssues' accepts at most 50 issue ids."]);
    const strings = await search('project = SHOP', { reconcileIssues: ['10001'] });
    assert.equal(strings.status, 400);
    assert.equal((await search('project = SHOP', { reconcileIssues: [10001] })).status, 200);
  });

  test('a change request the client just raised is in their portal list at once; one raised in Jira directly waits for the index', async () => {
    host.sandbox.knobs.indexDelayMs = 60_000;
    try {
      const { issueKey } = ok<{ issueKey: string }>(await call(DEMO_USERS.clientPo, 'changes.raise', { projectKey: 'SHOP', summary: 'Dark mode for the shop', description: 'Customers asked.' }));
      const mine = ok<any>(await call(DEMO_USERS.clientPo, 'changes.mine', {}));
      const shop = mine.projects.find((p: any) => p.projectKey === 'SHOP');
      assert.ok(shop.changes.some((c: any) => c.issueKey === issueKey), `${issueKey} missing from ${JSON.stringify(shop.changes.map((c: any) => c.issueKey))}`);
      const summary = ok<any>(await call(DEMO_USERS.clientPo, 'portal.home', {}));
      assert.ok(JSON.stringify(summary).includes(issueKey), 'the portal summary lists it too');

      // Control: the same kind of issue created outside Liaison is not searchable yet, so the lists above found theirs by reconciling.
      const mapping = host.sandbox.site.issues.find((i) => i.key === issueKey)!;
      const project = host.sandbox.site.projects.find((p) => p.key === 'SHOP')!;
      const direct = await asUser(DEMO_USERS.clientPo, 'POST', '/rest/api/3/issue', { fields: { project: { id: project.id }, issuetype: { id: mapping.issueTypeId }, summary: 'Raised in Jira' } });
      assert.equal(direct.status, 201);
      const directKey = ((await direct.json()) as { key: string }).key;
      assert.deepEqual(keysOf(await search(`project = SHOP AND key = ${directKey}`)), []);
    } finally {
      host.sandbox.knobs.indexDelayMs = 0;
    }
  });

  test('an ask just set is on the project’s ask page and in the client’s portal list at once', async () => {
    const fieldId = host.sandbox.site.fields.find((f) => f.name === 'Client assignee')!.id;
    const target = host.sandbox.site.issues.find((i) => i.key.startsWith('SHOP-') && !i.customFields[fieldId])!;
    host.sandbox.knobs.indexDelayMs = 60_000;
    try {
      ok(await call(DEMO_USERS.pm, 'asks.set', { issueKey: target.key, client: DEMO_USERS.clientPo, ask: 'Approve the new footer', due: daysFromNow(5) }, ASK_PANEL));
      const listed = new RegExp(`"issueKey":"${target.key}"`);
      assert.match(JSON.stringify(ok(await call(DEMO_USERS.pm, 'asks.project', { projectKey: 'SHOP' }, PROJECT_PAGE))), listed);
      assert.match(JSON.stringify(ok(await call(DEMO_USERS.clientPo, 'asks.mine', {}))), listed);
      // Control: Jira's search itself does not find it by its new ask yet.
      assert.deepEqual(keysOf(await search(`project = SHOP AND key = ${target.key} AND "Client assignee.state" = waiting`)), []);
    } finally {
      host.sandbox.knobs.indexDelayMs = 0;
    }
  });
});

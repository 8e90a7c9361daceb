/**
 * Sandbox paging: offset pages (startAt/maxResults/total/isLast), JQL token pages, and the
 * worklog/updated since/until pages, each walked to the end.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { adf, buildTestSite, call, USERS } from '../contract/sandbox-fixture';

describe('sandbox paging', () => {
  let sandbox: Sandbox;
  const dev = { user: USERS.dev };
  const as = (method: string, path: string, body?: unknown) => call(sandbox.url, dev, method, path, body);
  const worklogTime = Date.parse('2026-11-01T10:00:00.000Z');

  beforeAll(async () => {
    const site = buildTestSite({ issuesPerProject: 240 });
    // 2,500 worklogs, many sharing a timestamp, so pages of 1000 must cut between timestamp groups.
    let id = 5000;
    for (const [i, issue] of site.issues.entries()) {
      if (issue.projectId !== '10000') continue;
      for (let k = 0; k < 11 && id < 7500; k++) {
        const stamp = new Date(worklogTime + Math.floor((i * 11 + k) / 7) * 60_000).toISOString().replace('Z', '+0000');
        issue.worklogs.push({ id: String(++id), author: USERS.dev, timeSpentSeconds: 600, started: stamp, created: stamp, updated: stamp });
      }
    }
    const shop1 = site.issues[0];
    for (let n = 0; n < 23; n++) {
      const stamp = new Date(Date.parse('2026-10-10T00:00:00Z') + n * 3600_000).toISOString().replace('Z', '+0000');
      shop1.changelog.push({ id: String(1000 + n), author: USERS.dev, created: stamp, items: [{ field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: null, to: null, toString: `l${n}` }] });
      shop1.comments.push({ id: String(2000 + n), author: USERS.dev, body: adf(`comment ${n}`), created: stamp, updated: stamp });
    }
    sandbox = await startSandbox({ site });
  });
  afterAll(() => sandbox.close());

  test('project search pages with startAt/maxResults/total/isLast and nextPage', async () => {
    const first = await as('GET', '/rest/api/3/project/search?maxResults=1');
    assert.deepEqual([first.body.startAt, first.body.maxResults, first.body.total, first.body.isLast], [0, 1, 2, false]);
    assert.equal(first.body.nextPage, `${sandbox.url}/rest/api/3/project/search?startAt=1&maxResults=1`);
    const second = await as('GET', '/rest/api/3/project/search?startAt=1&maxResults=1');
    assert.equal(second.body.isLast, true);
    assert.equal(second.body.nextPage, undefined);
    assert.deepEqual([...first.body.values, ...second.body.values].map((p: any) => p.key), ['OPS', 'SHOP']);
  });

  test('changelog pages walk every history exactly once', async () => {
    const seen: string[] = [];
    let startAt = 0;
    for (let guard = 0; guard < 20; guard++) {
      const page = await as('GET', `/rest/api/3/issue/SHOP-1/changelog?startAt=${startAt}&maxResults=10`);
      assert.equal(page.body.total, 24);
      seen.push(...page.body.values.map((v: any) => v.id));
      if (page.body.isLast) break;
      startAt += page.body.values.length;
    }
    assert.equal(seen.length, 24);
    assert.equal(new Set(seen).size, 24);
  });

  test('comments page in created order with startAt/maxResults/total', async () => {
    const page = await as('GET', '/rest/api/3/issue/SHOP-1/comment?startAt=20&maxResults=3');
    assert.equal(page.body.total, 26);
    assert.equal(page.body.startAt, 20);
    const created = page.body.comments.map((c: any) => Date.parse(c.created));
    assert.deepEqual(created, [...created].sort((a, b) => a - b));
    const newest = await as('GET', '/rest/api/3/issue/SHOP-1/comment?orderBy=-created&maxResults=1');
    assert.equal(newest.body.comments[0].id, '2022');
  });

  test('a nextPageToken walk of /search/jql returns every issue exactly once', async () => {
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await as('POST', '/rest/api/3/search/jql', { jql: 'project in (SHOP, OPS) ORDER BY created DESC', fields: ['summary'], maxResults: 37, nextPageToken: token });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.issues.length <= 37);
      keys.push(...res.body.issues.map((i: any) => i.key));
      token = res.body.nextPageToken;
      assert.equal(res.body.isLast, token === undefined);
      pages += 1;
    } while (token && pages < 50);
    assert.equal(keys.length, 240 + 80);
    assert.equal(new Set(keys).size, keys.length);
    assert.equal(pages, Math.ceil(320 / 37));
  });

  test('search caps pages: 100 with fields, 5000 with ids only', async () => {
    const withFields = await as('POST', '/rest/api/3/search/jql', { jql: 'project = SHOP', fields: ['summary'], maxResults: 1000 });
    assert.equal(withFields.body.issues.length, 100);
    const idsOnly = await as('POST', '/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults: 1000 });
    assert.equal(idsOnly.body.issues.length, 240);
    assert.equal(idsOnly.body.isLast, true);
    const defaults = await as('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SHOP')}`);
    assert.equal(defaults.body.issues.length, 50);
  });

  test('a token from another query is refused', async () => {
    const first = await as('POST', '/rest/api/3/search/jql', { jql: 'project = SHOP', maxResults: 10 });
    const other = await as('POST', '/rest/api/3/search/jql', { jql: 'project = OPS', maxResults: 10, nextPageToken: first.body.nextPageToken });
    assert.equal(other.status, 400);
    assert.deepEqual(other.body.errorMessages, ['Invalid nextPageToken.']);
  });

  test('worklog/updated pages by 1000 with since/until/lastPage and never splits a timestamp', async () => {
    const since = worklogTime - 1;
    const ids: number[] = [];
    let url = `/rest/api/3/worklog/updated?since=${since}`;
    let pages = 0;
    for (;;) {
      const res = await as('GET', url);
      pages += 1;
      assert.ok(res.body.values.length <= 1000 || new Set(res.body.values.map((v: any) => v.updatedTime)).size === 1);
      ids.push(...res.body.values.map((v: any) => v.worklogId));
      if (res.body.lastPage) break;
      assert.equal(res.body.until, res.body.values.at(-1).updatedTime);
      url = res.body.nextPage.replace(sandbox.url, '');
      assert.ok(pages < 10);
    }
    assert.equal(pages, 3);
    assert.equal(ids.length, 2500);
    assert.equal(new Set(ids).size, 2500);
  });

  test('worklog/list takes up to 1000 ids', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => 5001 + i);
    const ok = await as('POST', '/rest/api/3/worklog/list', { ids });
    assert.equal(ok.body.length, 1000);
    const tooMany = await as('POST', '/rest/api/3/worklog/list', { ids: [...ids, 7001] });
    assert.equal(tooMany.status, 400);
  });

  test('agile sprint issues page by startAt/maxResults with total', async () => {
    const page = await as('GET', '/rest/agile/1.0/sprint/2/issue?startAt=2&maxResults=1&fields=summary');
    assert.deepEqual([page.body.startAt, page.body.maxResults, page.body.total], [2, 1, 4]);
    assert.equal(page.body.issues[0].key, 'SHOP-3');
    const filtered = await as('GET', `/rest/agile/1.0/sprint/2/issue?jql=${encodeURIComponent('assignee is EMPTY')}&fields=assignee`);
    assert.deepEqual(filtered.body.issues.map((i: any) => i.key), ['SHOP-1', 'SHOP-3'], 'rank order by default');
    const ordered = await as('GET', `/rest/agile/1.0/sprint/2/issue?jql=${encodeURIComponent('assignee is EMPTY ORDER BY key DESC')}&fields=assignee`);
    assert.deepEqual(ordered.body.issues.map((i: any) => i.key), ['SHOP-3', 'SHOP-1'], 'the query\'s own ORDER BY wins');
  });
});

/**
 * The JQL engine through the sandbox's search endpoints (POST/GET /rest/api/3/search/jql,
 * /search/approximate-count) over the hand-built site of test/unit/jql-fixture.ts: results and
 * order by HTTP, token paging, permissions (a client never gets the other project's issues), and
 * Jira's 400 answers for JQL the sandbox refuses and for unbounded JQL.
 *
 * The sandbox evaluates relative dates against the real clock, so these cases use absolute
 * dates only (the unit tests cover relative ones against a fixed now).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { call, type Principal } from '../contract/sandbox-fixture';
import { buildJqlSite, USER } from '../unit/jql-fixture';

const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

describe('JQL search over HTTP', () => {
  let sandbox: Sandbox;
  const pm: Principal = { user: USER.pm };
  const client: Principal = { user: USER.client };

  const search = (who: Principal, body: Record<string, unknown>) => call(sandbox.url, who, 'POST', '/rest/api/3/search/jql', body);
  const keysOf = async (who: Principal, jql: string): Promise<string[]> => {
    const res = await search(who, { jql, fields: ['summary'], maxResults: 100 });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.isLast, true);
    return res.body.issues.map((i: { key: string }) => i.key);
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ site: buildJqlSite() });
  });
  afterAll(() => sandbox.close());

  test('status category by name, ordered by key, with the fields asked for', async () => {
    const res = await search(pm, { jql: 'project = WEB AND statusCategory = "To Do" ORDER BY key ASC', fields: ['summary', 'status'] });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.issues.map((i: any) => [i.key, i.fields.status.name]), [['WEB-3', 'To Do'], ['WEB-6', 'To Do'], ['WEB-8', 'To Do']]);
    assert.equal(res.body.isLast, true);
    assert.equal(res.body.nextPageToken, undefined);
  });

  test('labels across both projects, by priority then key', async () => {
    assert.deepEqual(await keysOf(pm, 'labels in (infra, checkout) ORDER BY priority DESC, key ASC'), ['OPS-2', 'WEB-2', 'OPS-1', 'WEB-1']);
  });

  test('an indexed issue property, a Forge search alias and a custom field by name', async () => {
    assert.deepEqual(await keysOf(pm, 'issue.property[liaison-flags].open > 0'), ['WEB-6', 'WEB-2']);
    assert.deepEqual(await keysOf(pm, 'clientAskState = waiting ORDER BY key ASC'), ['WEB-3', 'WEB-8']);
    assert.deepEqual(await keysOf(pm, '"Story Points" >= 3 AND created < "2026-11-20" ORDER BY key ASC'), ['WEB-2', 'WEB-3']);
  });

  test('GET carries the JQL in the query string', async () => {
    const jql = encodeURIComponent('sprint in openSprints() AND assignee = currentUser() ORDER BY key ASC');
    const res = await call(sandbox.url, { user: USER.dev }, 'GET', `/rest/api/3/search/jql?jql=${jql}&fields=summary`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.issues.map((i: any) => i.key), ['OPS-1', 'WEB-2', 'WEB-6']);
  });

  test('token pages walk the ordered result exactly once', async () => {
    const seen: string[] = [];
    let nextPageToken: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await search(pm, { jql: 'project = WEB ORDER BY key ASC', fields: ['summary'], maxResults: 3, ...(nextPageToken ? { nextPageToken } : {}) });
      assert.equal(res.status, 200);
      seen.push(...res.body.issues.map((i: any) => i.key));
      if (res.body.isLast) break;
      nextPageToken = res.body.nextPageToken;
      assert.equal(typeof nextPageToken, 'string');
    }
    assert.deepEqual(seen, ['WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5', 'WEB-6', 'WEB-7', 'WEB-8']);
  });

  describe('permissions', () => {
    test("a client user's search never returns the other project's issues", async () => {
      assert.deepEqual(await keysOf(client, 'statusCategory != done ORDER BY key ASC'), ['WEB-2', 'WEB-3', 'WEB-4', 'WEB-6', 'WEB-7', 'WEB-8']);
      // The same query finds an OPS issue for a team member, so the client's answer is filtered, not empty by chance.
      assert.deepEqual(await keysOf(pm, 'text ~ client ORDER BY key ASC'), ['OPS-3', 'WEB-2', 'WEB-8']);
      assert.deepEqual(await keysOf(client, 'text ~ client ORDER BY key ASC'), ['WEB-2', 'WEB-8']);
      const count = await call(sandbox.url, client, 'POST', '/rest/api/3/search/approximate-count', { jql: 'labels = infra OR project = WEB' });
      assert.deepEqual([count.status, count.body], [200, { count: 8 }]);
    });

    test('naming the other project or one of its issues is an error for the client, as on Jira', async () => {
      const byProject = await search(client, { jql: 'project = OPS' });
      assert.deepEqual([byProject.status, byProject.body.errorMessages], [400, ["The value 'OPS' does not exist for the field 'project'."]]);
      const byKey = await search(client, { jql: 'key = OPS-1' });
      assert.deepEqual([byKey.status, byKey.body.errorMessages], [400, ["An issue with key 'OPS-1' does not exist for field 'key'."]]);
    });
  });

  describe('refused JQL answers 400 with errorMessages', () => {
    const refused: Array<[string, string]> = [
      ['status ~ done', "The operator '~' is not supported by the 'status' field."],
      ['colour = red', "Field 'colour' does not exist or you do not have permission to view it."],
      ['status = Shipped', "The value 'Shipped' does not exist for the field 'status'."],
      ['assignee = membersOf(devs)', "Unable to find JQL function 'membersOf()'."],
      ['project = WEB status = Done', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)"],
    ];
    for (const [jql, message] of refused) {
      test(jql, async () => {
        const res = await search(pm, { jql, fields: ['summary'] });
        assert.equal(res.status, 400);
        assert.deepEqual(res.body.errorMessages, [message]);
      });
    }
  });

  test('unbounded JQL answers 400', async () => {
    for (const jql of ['', 'ORDER BY created DESC']) {
      const res = await search(pm, { jql, fields: ['summary'] });
      assert.equal(res.status, 400, jql);
      assert.deepEqual(res.body.errorMessages, [UNBOUNDED]);
    }
  });
});

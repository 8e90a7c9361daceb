/**
 * "My change requests" in the portal reads people's names once for the whole answer: the Jira
 * requests `changes.mine` makes do not grow with the number of change requests (counted by the
 * sandbox), and every view still names its people.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { namesToLookUp } from '../../src/changes/resolvers/changesProject';
import { callerFrom, ok, PORTAL, PROJECT_PAGE } from './support';

async function requestCount(host: TestHost): Promise<number> {
  const answer = await fetch(`${host.sandbox.url}/__sandbox/requests`);
  return ((await answer.json()) as { count: number }).count;
}

describe('changes.mine', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;

  beforeAll(async () => {
    host = await startTestHost({ site: buildDemoSite() });
    call = callerFrom(host, PORTAL);
  });
  afterAll(async () => host?.close());

  /** The Jira requests one changes.mine call makes, and its answer. */
  const measured = async (accountId: string) => {
    const before = await requestCount(host);
    const answer = ok<any>(await call(accountId, 'changes.mine', {}));
    return { requests: (await requestCount(host)) - before, answer };
  };
  const shopChanges = (answer: any) => answer.projects.find((p: any) => p.projectKey === 'SHOP').changes as any[];
  const nameOf = (accountId: string) => host.sandbox.site.users.find((u) => u.accountId === accountId)!.displayName;

  test('the Jira requests do not grow with the change requests shown, and names are all there', async () => {
    await measured(DEMO_USERS.pm); // warms the per-project role cache
    await measured(DEMO_USERS.clientPo);
    const team = await measured(DEMO_USERS.pm);
    const client = await measured(DEMO_USERS.clientPo);
    assert.equal(shopChanges(team.answer).length, 3);
    assert.equal(shopChanges(client.answer).length, 2);

    // Eight more change requests, raised by both clients, four acknowledged by different people.
    const raised: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const by = i % 2 === 0 ? DEMO_USERS.clientPo : DEMO_USERS.clientMarketing;
      raised.push(ok<{ issueKey: string }>(await call(by, 'changes.raise', { projectKey: 'SHOP', summary: `Extra request ${i + 1}`, description: 'More scope.' })).issueKey);
    }
    const acknowledgers = [DEMO_USERS.dev1, DEMO_USERS.dev2, DEMO_USERS.dev3, DEMO_USERS.approver];
    for (const [i, by] of acknowledgers.entries()) ok(await call(by, 'changes.acknowledge', { issueKey: raised[i], version: 1 }, PROJECT_PAGE));

    const teamAfter = await measured(DEMO_USERS.pm);
    const clientAfter = await measured(DEMO_USERS.clientPo);
    assert.equal(shopChanges(teamAfter.answer).length, 11);
    assert.equal(shopChanges(clientAfter.answer).length, 6);
    assert.equal(teamAfter.requests, team.requests, 'the team\'s changes.mine made more Jira requests with more change requests');
    assert.equal(clientAfter.requests, client.requests, 'the client\'s changes.mine made more Jira requests with more change requests');

    for (const view of shopChanges(teamAfter.answer)) assert.equal(view.requestedBy.displayName, nameOf(view.requestedBy.accountId), view.issueKey);
    for (const [i, by] of acknowledgers.entries()) {
      const view = shopChanges(teamAfter.answer).find((c) => c.issueKey === raised[i]);
      assert.deepEqual(view.acknowledgedBy, { accountId: by, displayName: nameOf(by) });
    }
    for (const view of shopChanges(clientAfter.answer)) {
      assert.deepEqual(view.requestedBy, { accountId: DEMO_USERS.clientPo, displayName: nameOf(DEMO_USERS.clientPo) });
      assert.equal(view.acknowledgedBy, undefined, 'a client is not told who acknowledged');
    }
  });

  test('names are looked up for at most one /user/bulk page, in order of first mention (each view names its requester first)', () => {
    const views = Array.from({ length: 150 }, (_, i) => [`requester-${i}`, `team-${i}`, `requester-${i}`]);
    const ids = namesToLookUp(views, 200);
    assert.equal(ids.length, 200);
    assert.deepEqual(ids.slice(0, 4), ['requester-0', 'team-0', 'requester-1', 'team-1']);
    assert.equal(ids.at(-1), 'team-99');
    assert.deepEqual(namesToLookUp([['a', 'b'], ['b', 'a', 'c']], 200), ['a', 'b', 'c']);
  });
});

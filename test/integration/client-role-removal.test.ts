/**
 * Role changes take effect for client reads at once. A client's reads mostly come from Forge
 * storage alone (published reports, their asks and change requests), with no Jira call that would
 * apply Jira's permissions, and role membership is cached for 60 s: so a caller the cache names a
 * client has the client role's actors read again on every call. Taken out of the role, they are
 * refused on the very next call; a team member's cached membership is still used (one Jira read a minute).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { callerFrom, jiraAs, ok, PORTAL, PROJECT_PAGE, refused } from './support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PORTAL);
});
afterAll(async () => host?.close());

const roleReads = (since: number) =>
  host.sandbox.requestCount() - since;

describe('a client removed from the Clients role', () => {
  test('is refused on the next call, though the role cache is still fresh', async () => {
    ok(await call(DEMO_USERS.clientMarketing, 'reports.list', { projectKey: 'SHOP' }));
    ok(await call(DEMO_USERS.clientMarketing, 'reports.list', { projectKey: 'SHOP' }));
    const removed = await jiraAs(host, DEMO_USERS.pm, 'DELETE', `/rest/api/3/project/SHOP/role/${ROLE_IDS.clients}?user=${DEMO_USERS.clientMarketing}`);
    assert.equal(removed.status, 204, JSON.stringify(removed.json));
    refused(await call(DEMO_USERS.clientMarketing, 'reports.list', { projectKey: 'SHOP' }), 'FORBIDDEN');
    refused(await call(DEMO_USERS.clientMarketing, 'portal.jiraShows', { projectKey: 'SHOP' }), 'FORBIDDEN');
    // The other client keeps their access.
    ok(await call(DEMO_USERS.clientPo, 'reports.list', { projectKey: 'SHOP' }));
  });

  test('a client put back in the role is let in once the cached actors are read again (granting may lag up to 60 s; removing may not)', async () => {
    const added = await jiraAs(host, DEMO_USERS.pm, 'POST', `/rest/api/3/project/SHOP/role/${ROLE_IDS.clients}`, { user: [DEMO_USERS.clientMarketing] });
    assert.equal(added.status, 200, JSON.stringify(added.json));
    refused(await call(DEMO_USERS.clientMarketing, 'reports.list', { projectKey: 'SHOP' }), 'FORBIDDEN');
    // What the cache's age-out does after 60 s: the next check reads the project's roles from Jira.
    assert.equal(host.kvs.handle('/api/v1/delete', { key: 'role-actors:SHOP' }).status < 300, true);
    ok(await call(DEMO_USERS.clientMarketing, 'reports.list', { projectKey: 'SHOP' }));
  });

  test('a warm team member call still costs no Jira request for the role check; a client call costs one role read', async () => {
    const team = callerFrom(host, PROJECT_PAGE);
    ok(await team(DEMO_USERS.dev1, 'me.roles', { projectKey: 'SHOP' }));
    let since = host.sandbox.requestCount();
    ok(await team(DEMO_USERS.dev1, 'me.roles', { projectKey: 'SHOP' }));
    assert.equal(roleReads(since), 0);
    since = host.sandbox.requestCount();
    ok(await team(DEMO_USERS.clientPo, 'me.roles', { projectKey: 'SHOP' }));
    assert.equal(roleReads(since), 1, 'one GET /project/SHOP/role/{clients id}');
  });
});

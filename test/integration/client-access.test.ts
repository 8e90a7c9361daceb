/**
 * The client access check end to end: the resolvers read the permission scheme, issue security and
 * recent worklog/comment visibility from the sandbox as Jira reports them. On the demo (Jira's
 * defaults) clients browse every SHOP issue and read every worklog, and the check says so; on the
 * demo set up the recommended way (local/demo/recommendedAccess.ts) the check is green, and the
 * sandbox really keeps internal issues and worklogs from a client.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { applyRecommendedAccess, INTERNAL_LEVEL } from '../../local/demo/recommendedAccess';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { ClientAccessCheck, JiraShowsClient } from '../../src/portal/domain/clientAccess';
import { callerFrom, jiraAs, ok, PORTAL, PROJECT_PAGE, refused } from './support';

const finding = (check: ClientAccessCheck, id: string) => {
  const found = check.findings.find((f) => f.id === id);
  assert.ok(found, `no ${id} finding in ${JSON.stringify(check.findings.map((f) => f.id))}`);
  return found;
};

describe('the demo site (Jira defaults: no issue security, open worklogs)', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  beforeAll(async () => {
    host = await startTestHost();
    call = callerFrom(host, PROJECT_PAGE);
  });
  afterAll(async () => host?.close());

  test('the PM reads that clients browse all SHOP issues and read worklogs, with what to change', async () => {
    const check = ok(await call(DEMO_USERS.pm, 'settings.clientAccess', { projectKey: 'SHOP' })) as ClientAccessCheck;
    assert.equal(check.status, 'risk');
    assert.match(check.headline, /clients of SHOP can see or do more than Liaison shows them/);
    const browse = finding(check, 'browse');
    assert.equal(browse.status, 'risk');
    assert.match(browse.finding, /^Clients can browse all SHOP issues in Jira/);
    assert.match(browse.finding, /no issue security scheme/);
    assert.match(browse.recommendation ?? '', /issue security scheme with a level for internal work/);
    const worklogs = finding(check, 'worklogs');
    assert.equal(worklogs.status, 'risk');
    assert.match(worklogs.finding, /^Clients can read worklogs: (\d+) of the \1 worklogs on the 50 most recently updated issues/);
    assert.equal(finding(check, 'comments').status, 'notice');
    assert.equal(finding(check, 'create').status, 'notice');
    assert.equal(finding(check, 'edit').status, 'ok', 'the demo scheme gives clients no Edit Issues');
    assert.equal(check.findings.some((f) => f.id === 'other'), false);
    assert.ok(check.recommended.some((line) => /without Edit Issues/.test(line)));
  });

  test('a client reads the same facts, said to them, in the portal; the check itself is refused to them', async () => {
    const shows = ok(await call(DEMO_USERS.clientPo, 'portal.jiraShows', { projectKey: 'SHOP' }, PORTAL)) as JiraShowsClient;
    const text = (id: string) => shows.facts.find((f) => f.id === id)?.text ?? '';
    assert.match(text('browse'), /you can open every issue of SHOP/);
    assert.match(text('worklogs'), /you can read the time the team logged/);
    assert.match(text('create'), /You can create issues in SHOP/);
    assert.equal(JSON.stringify(shows).includes('recommendation'), false, "the manager's advice stays in Settings");
    refused(await call(DEMO_USERS.clientPo, 'settings.clientAccess', { projectKey: 'SHOP' }), 'FORBIDDEN');
    refused(await call(DEMO_USERS.outsider, 'portal.jiraShows', { projectKey: 'SHOP' }, PORTAL), 'FORBIDDEN');
  });

  test('the sandbox guards the scheme reads as Jira documents: administrators only, 404 without an issue security scheme', async () => {
    assert.equal((await jiraAs(host, DEMO_USERS.clientPo, 'GET', '/rest/api/3/project/SHOP/permissionscheme')).status, 403);
    assert.equal((await jiraAs(host, DEMO_USERS.outsider, 'GET', '/rest/api/3/project/SHOP/permissionscheme')).status, 404);
    assert.equal((await jiraAs(host, DEMO_USERS.pm, 'GET', '/rest/api/3/project/SHOP/permissionscheme')).status, 200);
    assert.equal((await jiraAs(host, DEMO_USERS.pm, 'GET', '/rest/api/3/project/SHOP/issuesecuritylevelscheme')).status, 404);
    assert.equal((await jiraAs(host, DEMO_USERS.clientPo, 'GET', '/rest/api/3/project/SHOP/issuesecuritylevelscheme')).status, 403);
    assert.equal((await jiraAs(host, DEMO_USERS.dev1, 'GET', '/rest/api/3/issuesecurityschemes/level/member')).status, 403);
    assert.deepEqual((await jiraAs(host, DEMO_USERS.clientPo, 'GET', '/rest/api/3/project/SHOP/securitylevel')).json, { levels: [] });
  });

  test('giving the client role Edit Issues turns the edit finding red', async () => {
    const shop = host.sandbox.site.projects.find((p) => p.key === 'SHOP')!;
    const before = shop.permissions.EDIT_ISSUES;
    shop.permissions.EDIT_ISSUES = [...(before ?? []), 10007];
    try {
      const check = ok(await call(DEMO_USERS.pm, 'settings.clientAccess', { projectKey: 'SHOP' })) as ClientAccessCheck;
      const edit = finding(check, 'edit');
      assert.equal(edit.status, 'risk');
      assert.match(edit.finding, /set or delete issue properties, Liaison's included, on every SHOP issue they can browse/);
    } finally {
      shop.permissions.EDIT_ISSUES = before;
    }
  });
});

describe('the demo set up the recommended way', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  beforeAll(async () => {
    host = await startTestHost({ site: applyRecommendedAccess(buildDemoSite()) });
    call = callerFrom(host, PROJECT_PAGE);
  });
  afterAll(async () => host?.close());

  test('the check is green: internal level, restricted worklogs, no Edit Issues', async () => {
    const check = ok(await call(DEMO_USERS.pm, 'settings.clientAccess', { projectKey: 'SHOP' })) as ClientAccessCheck;
    assert.equal(check.status, 'ok', JSON.stringify(check.findings.filter((f) => f.status === 'risk')));
    assert.match(finding(check, 'browse').finding, /except those at the issue security level "Agency internal"/);
    assert.match(finding(check, 'worklogs').finding, /^All \d+ worklogs on the 50 most recently updated issues are restricted/);
    assert.equal(check.findings.every((f) => f.status !== 'risk'), true);
  });

  test('the sandbox applies it: a client gets 404 for an internal issue and sees no worklogs; the team sees both', async () => {
    const internal = host.sandbox.site.issues.find((i) => i.securityLevelId === INTERNAL_LEVEL.id && i.worklogs.length > 0);
    assert.ok(internal, 'the recommended demo puts some issues at the internal level');
    assert.equal((await jiraAs(host, DEMO_USERS.clientPo, 'GET', `/rest/api/3/issue/${internal.key}`)).status, 404);
    assert.equal((await jiraAs(host, DEMO_USERS.dev1, 'GET', `/rest/api/3/issue/${internal.key}`)).status, 200);
    const open = host.sandbox.site.issues.find((i) => !i.securityLevelId && i.worklogs.length > 0 && i.projectId === '10000')!;
    const asClient = await jiraAs(host, DEMO_USERS.clientPo, 'GET', `/rest/api/3/issue/${open.key}/worklog`);
    assert.equal(asClient.status, 200);
    assert.equal(asClient.json.total, 0);
    const asTeam = await jiraAs(host, DEMO_USERS.pm, 'GET', `/rest/api/3/issue/${open.key}/worklog`);
    assert.equal(asTeam.json.total, open.worklogs.length);
    const search = await jiraAs(host, DEMO_USERS.clientPo, 'POST', '/rest/api/3/search/jql', { jql: `key = ${internal.key}`, fields: ['summary'] });
    assert.deepEqual(search.json.issues, []);
  });
});

/**
 * Sandbox permissions: what a user sees and may do follows their project roles.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { adf, buildTestSite, call, ROLE, TRANSITION, USERS, type Principal } from '../contract/sandbox-fixture';

const ISSUE_HIDDEN = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };

describe('sandbox permissions', () => {
  let sandbox: Sandbox;
  const as = (principal: Principal, method: string, path: string, body?: unknown) => call(sandbox.url, principal, method, path, body);
  const outsider: Principal = { user: USERS.outsider };
  const client: Principal = { user: USERS.client };
  beforeAll(async () => { sandbox = await startSandbox({ site: buildTestSite() }); });
  afterAll(() => sandbox.close());

  test('a user with no role in a project gets 404 for its issues, as Jira words it', async () => {
    for (const path of ['/rest/api/3/issue/SHOP-1', '/rest/api/3/issue/10001', '/rest/api/3/issue/SHOP-1/comment', '/rest/api/3/issue/SHOP-1/properties/liaison-flags', '/rest/api/3/issue/SHOP-1/transitions']) {
      const res = await as(outsider, 'GET', path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.body, ISSUE_HIDDEN, path);
    }
    const missing = await as(outsider, 'GET', '/rest/api/3/issue/SHOP-999');
    assert.deepEqual(missing.body, ISSUE_HIDDEN, 'a hidden issue and a missing one look the same');
  });

  test('projects the user cannot browse are absent from lists and 404 on GET', async () => {
    const list = await as(outsider, 'GET', '/rest/api/3/project/search');
    assert.equal(list.body.total, 0);
    assert.deepEqual(list.body.values, []);
    const dev = await as({ user: USERS.dev }, 'GET', '/rest/api/3/project/search');
    assert.deepEqual(dev.body.values.map((p: any) => p.key), ['OPS', 'SHOP']);
    const pm = await as({ user: USERS.pm }, 'GET', '/rest/api/3/project/search');
    assert.deepEqual(pm.body.values.map((p: any) => p.key), ['SHOP']);
    const get = await as({ user: USERS.pm }, 'GET', '/rest/api/3/project/OPS');
    assert.equal(get.status, 404);
    assert.deepEqual(get.body.errorMessages, ["No project could be found with key 'OPS'."]);
    const boards = await as({ user: USERS.pm }, 'GET', '/rest/agile/1.0/board');
    assert.deepEqual(boards.body.values.map((b: any) => b.name), ['SHOP board']);
    assert.equal((await as({ user: USERS.pm }, 'GET', '/rest/agile/1.0/board/2')).status, 404);
  });

  test('links to issues the user cannot see are left out of issuelinks', async () => {
    const site = sandbox.site;
    const ops = site.issues.find((i) => i.key === 'OPS-1')!;
    const shop3 = site.issues.find((i) => i.key === 'SHOP-3')!;
    site.links.push({ id: '999', typeId: '10000', inwardIssueId: shop3.id, outwardIssueId: ops.id });
    const pmView = await as({ user: USERS.pm }, 'GET', '/rest/api/3/issue/SHOP-3?fields=issuelinks');
    assert.deepEqual(pmView.body.fields.issuelinks, []);
    const devView = await as({ user: USERS.dev }, 'GET', '/rest/api/3/issue/SHOP-3?fields=issuelinks');
    assert.equal(devView.body.fields.issuelinks[0].outwardIssue.key, 'OPS-1');
  });

  test('/mypermissions answers per project, and across projects without one', async () => {
    const keys = 'BROWSE_PROJECTS,CREATE_ISSUES,EDIT_ISSUES,TRANSITION_ISSUES,ADMINISTER_PROJECTS,ADMINISTER';
    const clientPerms = await as(client, 'GET', `/rest/api/3/mypermissions?projectKey=SHOP&permissions=${keys}`);
    const have = (res: any) => Object.fromEntries(Object.entries(res.body.permissions).map(([k, v]: [string, any]) => [k, v.havePermission]));
    assert.deepEqual(have(clientPerms), { BROWSE_PROJECTS: true, CREATE_ISSUES: true, EDIT_ISSUES: false, TRANSITION_ISSUES: false, ADMINISTER_PROJECTS: false, ADMINISTER: false });
    const pmPerms = await as({ user: USERS.pm }, 'GET', `/rest/api/3/mypermissions?projectKey=SHOP&permissions=${keys}`);
    assert.equal(have(pmPerms).ADMINISTER_PROJECTS, true);
    const admin = await as({ user: USERS.admin }, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS');
    assert.deepEqual(have(admin), { ADMINISTER: true, BROWSE_PROJECTS: false });
    const anywhere = await as(outsider, 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS');
    assert.equal(have(anywhere).BROWSE_PROJECTS, false);
    assert.equal((await as(outsider, 'GET', '/rest/api/3/mypermissions?projectKey=SHOP&permissions=BROWSE_PROJECTS')).status, 404);
    const noKeys = await as(client, 'GET', '/rest/api/3/mypermissions?projectKey=SHOP');
    assert.equal(noKeys.status, 400);
  });

  test('a client may browse and comment but not edit or transition', async () => {
    const edit = await as(client, 'PUT', '/rest/api/3/issue/SHOP-2', { fields: { summary: 'Client rewrite' } });
    assert.equal(edit.status, 400);
    assert.deepEqual(edit.body.errorMessages, ['You do not have permission to edit issues in this project.']);
    const transitions = await as(client, 'GET', '/rest/api/3/issue/SHOP-2/transitions');
    assert.deepEqual(transitions.body.transitions, []);
    const move = await as(client, 'POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: TRANSITION.start } });
    assert.equal(move.status, 400);
    const comment = await as(client, 'POST', '/rest/api/3/issue/SHOP-2/comment', { body: adf('Any news?') });
    assert.equal(comment.status, 201);
    const property = await as(client, 'PUT', '/rest/api/3/issue/SHOP-2/properties/x', { a: 1 });
    assert.equal(property.status, 403);
    assert.equal(sandbox.site.issues.find((i) => i.key === 'SHOP-2')!.summary, 'SHOP issue 2');
  });

  test('role-restricted comments are visible only to that role', async () => {
    const dev = await as({ user: USERS.dev }, 'GET', '/rest/api/3/issue/SHOP-1/comment');
    const pm = await as({ user: USERS.pm }, 'GET', '/rest/api/3/issue/SHOP-1/comment');
    assert.deepEqual(dev.body.comments.map((c: any) => c.id), ['100', '101', '102']);
    assert.deepEqual(pm.body.comments.map((c: any) => c.id), ['100', '102']);
    assert.equal((await as({ user: USERS.pm }, 'GET', '/rest/api/3/issue/SHOP-1/comment/101')).status, 404);
  });

  test('role actors are managed by project administrators only, and take effect at once', async () => {
    const denied = await as({ user: USERS.dev }, 'POST', `/rest/api/3/project/SHOP/role/${ROLE.clients}`, { user: [USERS.outsider] });
    assert.equal(denied.status, 403);
    assert.equal((await as({ user: USERS.dev }, 'GET', '/rest/api/3/project/SHOP/role')).status, 403);
    const added = await as({ user: USERS.pm }, 'POST', `/rest/api/3/project/SHOP/role/${ROLE.clients}`, { user: [USERS.outsider] });
    assert.equal(added.status, 200);
    assert.equal((await as(outsider, 'GET', '/rest/api/3/issue/SHOP-1')).status, 200);
    // roledetails needs project administration even for currentMember=true (Atlassian's docs).
    assert.equal((await as(outsider, 'GET', '/rest/api/3/project/SHOP/roledetails?currentMember=true')).status, 403);
    const clients = await as('app', 'GET', `/rest/api/3/project/SHOP/role/${ROLE.clients}`);
    assert.ok(clients.body.actors.some((a: any) => a.actorUser?.accountId === USERS.outsider));
    const again = await as({ user: USERS.pm }, 'POST', `/rest/api/3/project/SHOP/role/${ROLE.clients}`, { user: [USERS.outsider] });
    assert.equal(again.status, 400);
    const removed = await as({ user: USERS.pm }, 'DELETE', `/rest/api/3/project/SHOP/role/${ROLE.clients}?user=${USERS.outsider}`);
    assert.equal(removed.status, 204);
    assert.equal((await as(outsider, 'GET', '/rest/api/3/issue/SHOP-1')).status, 404);
    const unknownUser = await as({ user: USERS.pm }, 'POST', `/rest/api/3/project/SHOP/role/${ROLE.clients}`, { user: ['712020:nobody'] });
    assert.equal(unknownUser.status, 400);
  });

  test('the app user (asApp) sees and may do everything; global role lists need Administer Jira', async () => {
    const issues = await as('app', 'GET', '/rest/api/3/issue/OPS-1');
    assert.equal(issues.status, 200);
    assert.equal((await as('app', 'GET', '/rest/api/3/role')).status, 200);
    assert.equal((await as({ user: USERS.admin }, 'GET', '/rest/api/3/role')).status, 200);
    assert.equal((await as({ user: USERS.pm }, 'GET', '/rest/api/3/role')).status, 403);
  });

  test('worklogs of issues the user cannot browse are never returned', async () => {
    const since = Date.parse('2026-01-01T00:00:00Z');
    const pm = await as({ user: USERS.pm }, 'GET', `/rest/api/3/worklog/updated?since=${since}`);
    const dev = await as({ user: USERS.dev }, 'GET', `/rest/api/3/worklog/updated?since=${since}`);
    assert.deepEqual(pm.body.values.map((v: any) => v.worklogId), [200, 201]);
    assert.deepEqual(dev.body.values.map((v: any) => v.worklogId), [200, 202, 201]);
    const list = await as({ user: USERS.pm }, 'POST', '/rest/api/3/worklog/list', { ids: [200, 201, 202] });
    assert.deepEqual(list.body.map((w: any) => w.id), ['200', '201']);
  });

  test('assignees must hold ASSIGNABLE_USER in the project', async () => {
    const bad = await as({ user: USERS.pm }, 'PUT', '/rest/api/3/issue/SHOP-3', { fields: { assignee: { accountId: USERS.client } } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors, { assignee: `User '${USERS.client}' cannot be assigned issues.` });
    const ok = await as({ user: USERS.pm }, 'PUT', '/rest/api/3/issue/SHOP-3', { fields: { assignee: { accountId: USERS.dev } } });
    assert.equal(ok.status, 204);
  });
});

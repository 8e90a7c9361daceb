/**
 * The local shell honours the manifest's `displayConditions` on issue panels as Jira does: the
 * Change request panel (`issueType: Change request`) is offered (shown once added) on a change request and not on a Story,
 * while the Red flags panel (no conditions) shows on both. The project page (`hasProjectPermission:
 * ASSIGNABLE_USER`) is listed in the sidebar for the agency's people, not for a client. The
 * evaluator's operators and lists are checked on their own too.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { CHANGE_REQUEST_TYPE_ID } from '../../local/demo/changeRequests';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { ISSUE_TYPE_IDS } from '../../local/demo/siteConfig';
import { startShellServer, USER_COOKIE, type ShellServer } from '../../local/host/server';
import { conditionsHold, projectPermissionsNamed, type IssueViewFacts } from '../../local/host/shell/displayConditions';
import { startTestHost, type TestHost } from '../../local/host/testing';

describe('issue panels and their display conditions in the shell', () => {
  let host: TestHost;
  let shell: ShellServer;

  beforeAll(async () => {
    host = await startTestHost({ site: buildDemoSite() });
    shell = await startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm });
  });
  afterAll(async () => {
    await shell?.close();
    await host?.close();
  });

  /** The panels Jira offers on the issue: shown (added) ones, and the add buttons of the others. */
  const panelsOn = async (issueKey: string): Promise<string[]> => {
    const res = await fetch(`${shell.url}/browse/${issueKey}`, { headers: { cookie: `${USER_COOKIE}=${encodeURIComponent(DEMO_USERS.pm)}` } });
    assert.equal(res.status, 200);
    const html = await res.text();
    const shown = [...html.matchAll(/<section class="panel-card" aria-labelledby="panel-([\w-]+)">/g)].map((m) => m[1]);
    const addable = [...html.matchAll(/name="action" value="add"><input type="hidden" name="moduleKey" value="([\w-]+)">/g)].map((m) => m[1]);
    return [...shown, ...addable];
  };

  test('the Change request panel shows on a change request, not on a Story', async () => {
    const shop = host.sandbox.site.projects.find((p) => p.key === 'SHOP')!;
    const change = host.sandbox.site.issues.find((i) => i.projectId === shop.id && i.issueTypeId === CHANGE_REQUEST_TYPE_ID)!;
    const story = host.sandbox.site.issues.find((i) => i.projectId === shop.id && i.issueTypeId === ISSUE_TYPE_IDS.story)!;
    assert.ok(change && story);
    const onChange = await panelsOn(change.key);
    const onStory = await panelsOn(story.key);
    assert.ok(onChange.includes('change-request-panel'), `panels on ${change.key}: ${onChange.join(', ')}`);
    assert.ok(!onStory.includes('change-request-panel'), `panels on ${story.key}: ${onStory.join(', ')}`);
    assert.ok(onChange.includes('red-flags-panel') && onStory.includes('red-flags-panel'), 'a panel without conditions shows everywhere');
  });

  /** The project apps the sidebar of SHOP's issues page lists for a person. */
  const sidebarAppsFor = async (accountId: string): Promise<string[]> => {
    const res = await fetch(`${shell.url}/projects/SHOP/issues`, { headers: { cookie: `${USER_COOKIE}=${encodeURIComponent(accountId)}` } });
    assert.equal(res.status, 200);
    const nav = /<nav class="sidebar" aria-label="Project">([\s\S]*?)<\/nav>/.exec(await res.text());
    assert.ok(nav, 'the page has the project sidebar');
    return [...new Set([...nav[1].matchAll(/data-module="([\w-]+)"/g)].map((m) => m[1]))];
  };

  test("Liaison's project pages are listed for the PM, the approver and the team, not for the client's people", async () => {
    for (const person of [DEMO_USERS.pm, DEMO_USERS.approver, DEMO_USERS.dev1]) assert.deepEqual(await sidebarAppsFor(person), ['liaison-project'], person);
    for (const client of [DEMO_USERS.clientPo, DEMO_USERS.clientMarketing]) assert.deepEqual(await sidebarAppsFor(client), [], client);
  });
});

describe('display conditions', () => {
  const facts: IssueViewFacts = { issueKey: 'TEST-7', issueId: '10007', issueType: 'Bug', projectKey: 'TEST', projectId: '10000', projectType: 'software', projectName: 'Test' };

  test('issue and project conditions match a value or any of a list (issue types by name)', () => {
    assert.equal(conditionsHold({ issueType: 'Bug' }, facts), true);
    assert.equal(conditionsHold({ issueType: 'Story' }, facts), false);
    assert.equal(conditionsHold({ issueType: ['Story', 'Bug'] }, facts), true);
    assert.equal(conditionsHold({ issueType: '10004' }, facts), false, 'an id is not a name');
    assert.equal(conditionsHold({ projectKey: 'TEST', issueKey: 'TEST-7' }, facts), true);
    assert.equal(conditionsHold({ projectKey: 'TEST', issueKey: 'TEST-8' }, facts), false, 'side by side means and');
    assert.equal(conditionsHold({ projectId: ['1', '10000'], projectType: 'software', projectName: 'Test', issueId: '10007' }, facts), true);
    assert.equal(conditionsHold(undefined, facts), true);
  });

  test('and, or and not, as in Forge\'s own example', () => {
    // or: canDeleteAllComments (not evaluated locally: met) | (projectKey TEST and not Epic)
    const example = { or: { projectKey: 'OTHER', and: { projectKey: 'TEST', not: { issueType: 'Epic' } } } };
    assert.equal(conditionsHold(example, facts), true);
    assert.equal(conditionsHold(example, { ...facts, issueType: 'Epic' }), false);
    assert.equal(conditionsHold({ or: [{ issueType: 'Epic' }, { issueType: 'Story' }] }, facts), false);
    assert.equal(conditionsHold({ not: { projectKey: 'TEST' } }, facts), false);
  });

  test('hasProjectPermission holds when the viewer holds the permission; without the permissions known it is not evaluated (met); a missing fact does not hold', () => {
    const page = { projectKey: 'TEST', projectPermissions: new Set(['BROWSE_PROJECTS', 'ASSIGNABLE_USER']) };
    assert.equal(conditionsHold({ hasProjectPermission: 'ASSIGNABLE_USER' }, page), true);
    assert.equal(conditionsHold({ hasProjectPermission: 'ADMINISTER_PROJECTS' }, page), false);
    assert.equal(conditionsHold({ not: { hasProjectPermission: 'ASSIGNABLE_USER' } }, page), false);
    assert.equal(conditionsHold({ hasProjectPermission: 'ADMINISTER_PROJECTS' }, facts), true, 'not evaluated where the permissions are not known');
    assert.equal(conditionsHold({ issueType: 'Bug' }, page), false, 'a project page has no issue type');
    assert.deepEqual(projectPermissionsNamed({ or: [{ hasProjectPermission: 'B' }, { and: { hasProjectPermission: 'A', projectKey: 'X' } }] }), ['A', 'B']);
    assert.deepEqual(projectPermissionsNamed(undefined), []);
  });
});

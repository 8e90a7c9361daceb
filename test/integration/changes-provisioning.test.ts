/**
 * Provisioning change requests through Jira's REST API: the plan shown first, a manager without
 * Jira admin rights refused plainly, OPS provisioned once (and a second run changes nothing), the
 * demo's SHOP (seeded as provisioning leaves it) already configured so provisioning is a no-op,
 * and the step mapping onto existing statuses checked against the project's workflow.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { callerFrom, demoSiteWithRole, ok, PROJECT_PAGE, refused } from './support';

/** What provisioning may touch in Jira, as a comparable snapshot. */
function jiraConfig(host: TestHost): string {
  const site = host.sandbox.site;
  return JSON.stringify({
    types: site.issueTypes, statuses: site.statuses, workflows: site.workflows,
    projects: site.projects.map((p) => ({ key: p.key, types: p.issueTypeIds, wf: p.workflowByIssueType })),
  });
}

describe('provisioning change requests', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;

  beforeAll(async () => {
    // dev1 manages OPS (Project managers) without being a Jira administrator.
    host = await startTestHost({ site: demoSiteWithRole('OPS', DEMO_USERS.dev1, ROLE_IDS.projectManagers) });
    call = callerFrom(host, PROJECT_PAGE);
  });
  afterAll(async () => host?.close());

  test('the demo SHOP comes configured; provisioning it creates and writes nothing', async () => {
    const plan = ok<any>(await call(DEMO_USERS.pm, 'changes.setupPlan', { projectKey: 'SHOP' }));
    assert.equal(plan.configured, true);
    assert.deepEqual(plan.issueType, { name: 'Change request', id: '10100', exists: true });
    assert.deepEqual(plan.workflow, { name: 'Liaison change request (SHOP)', exists: true, bound: true });
    assert.ok(plan.statuses.every((s: any) => s.exists));
    assert.equal(plan.mapping.logged, '10100');
    const before = jiraConfig(host);
    const result = ok<any>(await call(DEMO_USERS.pm, 'changes.provision', { projectKey: 'SHOP' }));
    assert.deepEqual(result.created, []);
    assert.equal(jiraConfig(host), before);
    const settings = ok<any>(await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' }));
    assert.equal(settings.version, 0, 'no settings were written');
  });

  test('the plan for OPS lists what would be created; only a manager may see it', async () => {
    const plan = ok<any>(await call(DEMO_USERS.pm, 'changes.setupPlan', { projectKey: 'OPS' }));
    assert.equal(plan.configured, false);
    // The site already has SHOP's issue type and statuses: OPS reuses them, only its workflow is new.
    assert.deepEqual(plan.issueType, { name: 'Change request', id: '10100', exists: false });
    assert.ok(plan.statuses.every((s: any) => s.exists));
    assert.deepEqual(plan.workflow, { name: 'Liaison change request (OPS)', exists: false, bound: false });
    refused(await call(DEMO_USERS.dev2, 'changes.setupPlan', { projectKey: 'OPS' }), 'FORBIDDEN');
  });

  test('a manager who is not a Jira administrator is told plainly; nothing is created', async () => {
    const before = jiraConfig(host);
    const error = refused(await call(DEMO_USERS.dev1, 'changes.provision', { projectKey: 'OPS' }), 'FORBIDDEN');
    assert.match(error.message, /needs Jira administrator rights/);
    assert.equal(jiraConfig(host), before);
  });

  test('provisioning OPS creates the workflow and binds it; a second run changes nothing', async () => {
    const first = ok<any>(await call(DEMO_USERS.pm, 'changes.provision', { projectKey: 'OPS' }));
    assert.deepEqual(first.created, [
      'Added "Change request" to the issue types of OPS',
      'Created the workflow "Liaison change request (OPS)" with Liaison\'s rules on every transition',
      'Made "Liaison change request (OPS)" the workflow of "Change request" in OPS',
      "Saved the step mapping in the project's Liaison settings",
    ]);
    assert.equal(first.plan.configured, true);
    const ops = host.sandbox.site.projects.find((p) => p.key === 'OPS')!;
    const workflow = host.sandbox.site.workflows.find((w) => w.name === 'Liaison change request (OPS)')!;
    assert.equal(ops.workflowByIssueType['10100'], workflow.id);
    assert.ok(workflow.transitions.every((t) => t.validators?.includes('change-workflow-validator') && t.postFunctions?.includes('change-workflow-post-function')));
    const settingsAfterFirst = ok<any>(await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'OPS' }));
    assert.equal(settingsAfterFirst.version, 1);

    const before = jiraConfig(host);
    const second = ok<any>(await call(DEMO_USERS.pm, 'changes.provision', { projectKey: 'OPS' }));
    assert.deepEqual(second.created, []);
    assert.equal(jiraConfig(host), before);
    assert.equal(ok<any>(await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'OPS' })).version, 1, 'the second run wrote no settings');

    // The provisioned OPS works: a change request there starts Logged.
    const raised = ok<any>(await call(DEMO_USERS.clientOps, 'changes.raise', { projectKey: 'OPS', summary: 'Quarterly VAT export', description: '' }, 'liaison-portal'));
    const view = ok<any>(await call(DEMO_USERS.pm, 'changes.get', { issueKey: raised.issueKey }));
    assert.equal(view.step, 'logged');
  });

  test('mapping the steps onto statuses outside the issue type\'s workflow is refused field by field', async () => {
    const statuses = ok<any>(await call(DEMO_USERS.pm, 'changes.projectStatuses', { projectKey: 'SHOP' }));
    assert.ok(statuses.issueTypes.some((t: any) => t.name === 'Story'));
    const mapping = { logged: '10000', acknowledged: '3', assessing: '10002', 'awaiting-approval': '10001', approved: '10104', declined: '10105', withdrawn: '10106', 'client-informed': '10107' };
    const error = refused(await call(DEMO_USERS.pm, 'changes.saveMapping', { projectKey: 'SHOP', issueTypeId: '10001', statusIds: mapping }), 'VALIDATION');
    assert.deepEqual(Object.keys(error.fields ?? {}).sort(), ['statusIds.approved', 'statusIds.client-informed', 'statusIds.declined', 'statusIds.withdrawn']);
    const twice = refused(await call(DEMO_USERS.pm, 'changes.saveMapping', { projectKey: 'SHOP', issueTypeId: '10001', statusIds: { ...mapping, approved: '10000' } }), 'VALIDATION');
    assert.match(twice.fields?.['statusIds.approved'] ?? '', /already used for logged/);
  });
});

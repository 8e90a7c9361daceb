/**
 * A report finished by the queue consumer reads Jira as the person who asked for it (Forge's
 * offline user impersonation, `asUser(accountId)`), not as the app: on a site with issue security
 * levels, an issue the requester cannot browse is not in their report, while it is in the report
 * of someone the level admits. The sandbox applies the level to search, issue reads and worklogs.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import { runAsInvocation } from '../../local/host/runtime';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { callerFrom, jiraAs, ok, PROJECT_PAGE } from './support';

const PROJECT = 'SHOP';
const LEVEL = { id: '10100', name: 'Managers only', description: 'Commercial matters: project managers and approvers', roleIds: [ROLE_IDS.projectManagers, ROLE_IDS.approvers] };

let host: TestHost;
let hiddenKey: string;
let period: { kind: 'custom'; from: string; to: string };

beforeAll(async () => {
  const site = buildDemoSite();
  const shop = site.projects.find((p) => p.key === PROJECT)!;
  shop.issueSecurity = { id: 10100, name: 'Liaison levels', description: 'Who may see commercial work', levels: [LEVEL] };
  host = await startTestHost({ site });
  const to = site.today;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 120 * 86_400_000).toISOString().slice(0, 10);
  period = { kind: 'custom', from, to };
});
afterAll(async () => {
  await host?.close();
});

/** Runs a report job for `requestedBy` to the end through the queue; answers the model it stored. */
async function queuedReport(requestedBy: string): Promise<Record<string, unknown>> {
  const { startReportJob } = await import('../../src/reports/services/reportJobs');
  const { initialGatherState } = await import('../../src/reports/jira/reportFacts');
  const { reportScope } = await import('../../src/reports/services/reportsGenerate');
  const job = await runAsInvocation({ moduleKey: PROJECT_PAGE, accountId: requestedBy }, () =>
    startReportJob({ kind: 'preview', projectKey: PROJECT, requestedBy, request: { projectKey: PROJECT, period, audience: 'manager' }, state: initialGatherState(reportScope(PROJECT, period)) }),
  );
  await host.app.idle();
  assert.deepEqual(host.app.backgroundErrors, []);
  const status = ok(await callerFrom(host, PROJECT_PAGE)<any>(requestedBy, 'reports.jobStatus', { projectKey: PROJECT, jobId: job.id }));
  assert.equal(status.status, 'done', JSON.stringify(status.error));
  return status.model as Record<string, unknown>;
}

const mentions = (model: unknown, key: string) => JSON.stringify(model).includes(`"${key}"`);

describe('a queued report reads Jira as its requester', () => {
  test('an issue the report shows is picked and put under a security level that admits managers, not developers', async () => {
    const model = await queuedReport(DEMO_USERS.dev1);
    const candidates = host.sandbox.site.issues.filter((i) => i.key.startsWith(`${PROJECT}-`) && mentions(model, i.key));
    assert.ok(candidates.length > 0, 'the report names no issue');
    const hidden = candidates[candidates.length - 1];
    hidden.securityLevelId = LEVEL.id;
    hiddenKey = hidden.key;
    assert.equal((await jiraAs(host, DEMO_USERS.dev1, 'GET', `/rest/api/3/issue/${hiddenKey}`)).status, 404);
    assert.equal((await jiraAs(host, DEMO_USERS.pm, 'GET', `/rest/api/3/issue/${hiddenKey}`)).status, 200);
  });

  test("the developer's queued report leaves out the issue they cannot browse", async () => {
    const model = await queuedReport(DEMO_USERS.dev1);
    assert.equal(mentions(model, hiddenKey), false, `${hiddenKey} is in a report for someone who cannot see it`);
  });

  test("the project manager's queued report, read as them, still has it", async () => {
    const model = await queuedReport(DEMO_USERS.pm);
    assert.equal(mentions(model, hiddenKey), true);
  });
});

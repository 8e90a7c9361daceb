/**
 * Issue 17 through the app's handler on the demo site: decisions needed (the PM adds, edits and
 * resolves; the team reads; clients get nothing; bad input and stale versions change nothing) and
 * the plan baseline ("Snapshot the plan", read from Jira, stored bounded), then both in the month's
 * executive report, and never in the client's.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { recordWrites } from './security-support';
import { callerFrom, daysFromNow, jiraAs, ok, PROJECT_PAGE, refused } from './support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const { pm, approver, dev1, clientPo } = DEMO_USERS;
const P = 'SHOP';

beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PROJECT_PAGE);
});
afterAll(async () => host.close());

describe('decisions needed', () => {
  test('only the PM may add, edit or resolve; the team reads; a client is refused everything', async () => {
    const payload = { projectKey: P, version: 0, title: 'Pick the payment provider', owner: { name: 'Maya Manager', accountId: pm }, deadline: daysFromNow(5) };
    for (const who of [approver, dev1, clientPo]) refused(await call(who, 'plan.addDecision', payload), 'FORBIDDEN');
    refused(await call(clientPo, 'plan.decisions', { projectKey: P }), 'FORBIDDEN');
    refused(await call(clientPo, 'plan.baselines', { projectKey: P }), 'FORBIDDEN');
    const added = ok<any>(await call(pm, 'plan.addDecision', payload));
    assert.equal(added.version, 1);
    assert.deepEqual(added.items.map((d: any) => [d.title, d.owner.name, d.deadline, d.status]), [['Pick the payment provider', 'Maya Manager', daysFromNow(5), 'open']]);
    const read = ok<any>(await call(dev1, 'plan.decisions', { projectKey: P }));
    assert.equal(read.items[0].createdByName.length > 0, true);
    const id = read.items[0].id;
    refused(await call(dev1, 'plan.updateDecision', { projectKey: P, id, version: 1, title: 'x', owner: { name: 'x' }, deadline: daysFromNow(1) }), 'FORBIDDEN');
    refused(await call(approver, 'plan.resolveDecision', { projectKey: P, id, version: 1, resolution: 'x' }), 'FORBIDDEN');
    const edited = ok<any>(await call(pm, 'plan.updateDecision', { projectKey: P, id, version: 1, title: 'Pick the payment provider', detail: 'Stripe or Adyen', owner: { name: 'Chris CFO' }, deadline: daysFromNow(3) }));
    assert.deepEqual([edited.version, edited.items[0].owner, edited.items[0].detail], [2, { name: 'Chris CFO' }, 'Stripe or Adyen']);
  });

  test('bad input gets field messages and changes nothing; a stale version is a conflict', async () => {
    const before = ok<any>(await call(pm, 'plan.decisions', { projectKey: P }));
    const writes = recordWrites(host);
    try {
      const bad = refused(await call(pm, 'plan.addDecision', { projectKey: P, version: before.version, title: ' ', owner: { name: '' }, deadline: '2026-02-30' }), 'VALIDATION');
      assert.deepEqual(bad.fields, { title: 'Decision is required', 'owner.name': 'Owner is required', deadline: 'Deadline must be a real date' });
      refused(await call(pm, 'plan.addDecision', { projectKey: P, version: before.version, title: 'x'.repeat(201), owner: { name: 'M' }, deadline: daysFromNow(1) }), 'VALIDATION');
      refused(await call(pm, 'plan.resolveDecision', { projectKey: P, id: '../../x', version: before.version, resolution: 'ok' }), 'VALIDATION');
      const stale = refused(await call(pm, 'plan.addDecision', { projectKey: P, version: 0, title: 'Another', owner: { name: 'M' }, deadline: daysFromNow(1) }), 'CONFLICT');
      assert.match(stale.message, /reload/);
      refused(await call(pm, 'plan.resolveDecision', { projectKey: P, id: 'no-such-decision', version: before.version, resolution: 'ok' }), 'NOT_FOUND');
      assert.deepEqual(writes.writes(), []);
    } finally {
      writes.stop();
    }
    assert.deepEqual(ok<any>(await call(pm, 'plan.decisions', { projectKey: P })), before);
  });
});

describe('plan baseline and the reports', () => {
  let baseline: any;

  test('only the PM snapshots the plan; it holds the open epics with their target dates and the planned issues', async () => {
    for (const who of [approver, dev1, clientPo]) refused(await call(who, 'plan.snapshot', { projectKey: P }), 'FORBIDDEN');
    refused(await call(pm, 'plan.snapshot', { projectKey: P, note: 'n'.repeat(201) }), 'VALIDATION');
    baseline = ok<any>(await call(pm, 'plan.snapshot', { projectKey: P, note: 'Kick-off plan' }));
    // The demo's open epics and the open issues in open sprints or with a due date, as the sandbox holds them.
    const site = host.sandbox.site;
    const epicType = site.issueTypes.find((t: any) => t.name === 'Epic')?.id;
    const doneIds = new Set(site.statuses.filter((s: any) => s.statusCategory === 'done' || s.category === 'done' || s.statusCategory?.key === 'done').map((s: any) => s.id));
    const shop = site.projects.find((p: any) => p.key === P)?.id;
    const openEpics = site.issues.filter((i) => i.projectId === shop && i.issueTypeId === epicType && !doneIds.has(i.statusId));
    assert.ok(openEpics.length > 0);
    assert.equal(baseline.epics, openEpics.length);
    assert.equal(baseline.milestones, openEpics.filter((e) => e.duedate !== null).length);
    assert.equal(baseline.note, 'Kick-off plan');
    assert.ok(baseline.items > baseline.epics);
    const listed = ok<any>(await call(dev1, 'plan.baselines', { projectKey: P }));
    assert.deepEqual(listed.baselines.map((b: any) => b.id), [baseline.id]);
  });

  test("the month's executive report shows the decisions with owner and deadline, the baseline and the milestones; the client's shows neither", async () => {
    const model = ok<any>(await call(pm, 'reports.preview', { projectKey: P, period: { kind: 'month' }, audience: 'executive' }));
    assert.equal(model.plan.baseline.id, baseline.id);
    assert.equal(model.plan.baseline.note, 'Kick-off plan');
    // Nothing moved since the snapshot: no scope added or removed.
    assert.equal(model.plan.scopeAdded.total, 0);
    assert.equal(model.plan.scopeRemoved.total, 0);
    assert.ok(model.plan.milestones.total > 0);
    assert.deepEqual(model.decisions.open.items.map((d: any) => [d.title, d.owner, d.deadline]), [['Pick the payment provider', 'Chris CFO', daysFromNow(3)]]);
    assert.ok(model.forecast.monteCarlo.trials > 0);
    const client = ok<any>(await call(pm, 'reports.preview', { projectKey: P, period: { kind: 'month' }, audience: 'client' }));
    assert.equal(client.decisions, undefined);
    assert.equal(client.plan.baseline, undefined);
    assert.doesNotMatch(JSON.stringify(client), /Pick the payment provider|Kick-off plan/);
  });

  test('scope removed after the snapshot shows as deviation', async () => {
    // Take an open issue of the baseline out of its sprint and clear its due date: no longer planned.
    const site = host.sandbox.site;
    const sprints = new Set(site.sprints.filter((s: any) => s.state !== 'closed').map((s: any) => s.id));
    const victim = site.issues.find((i) => i.key.startsWith(`${P}-`) && i.sprintIds.some((id) => sprints.has(id)) && i.resolutiondate === null && i.parentId !== null);
    assert.ok(victim);
    // As the PM would in Jira: the Sprint field emptied (back to the backlog) and the due date cleared.
    const edit = await jiraAs(host, pm, 'PUT', `/rest/api/3/issue/${victim.key}`, { fields: { customfield_10020: null, duedate: null } });
    assert.equal(edit.status, 204, JSON.stringify(edit.json));
    const model = ok<any>(await call(pm, 'reports.preview', { projectKey: P, period: { kind: 'month' }, audience: 'manager' }));
    assert.deepEqual(model.plan.scopeRemoved.items.map((i: any) => [i.key, i.reason]), [[victim.key, 'unplanned']]);
  });
});

describe('budget and rates in settings, money in reports', () => {
  test('the PM sets a budget and rates; the manager report costs the hours; the client report shows money only when costs are shown to clients', async () => {
    const current = ok<any>(await call(pm, 'settings.get', { projectKey: P }));
    const bad = refused(
      await call(pm, 'settings.save', { projectKey: P, version: current.version, ...current.settings, planning: { currency: 'euro', billable: true, timeZone: 'CET', roleRates: [], people: [] } }),
      'VALIDATION',
    );
    assert.equal(bad.fields?.['planning.currency'], 'Currency is a three-letter code such as EUR or USD');
    assert.equal(bad.fields?.['planning.timeZone'], 'Use a time zone name such as Europe/Berlin or America/New_York');
    const planning = { currency: 'EUR', billable: true, timeZone: 'Europe/Oslo', defaultRate: 90, budget: { amount: 250_000, hours: 3000 }, roleRates: [], people: [] };
    ok(await call(pm, 'settings.save', { projectKey: P, version: current.version, ...current.settings, planning }));
    const saved = ok<any>(await call(dev1, 'settings.get', { projectKey: P }));
    assert.deepEqual(saved.settings.planning, planning);

    const manager = ok<any>(await call(pm, 'reports.preview', { projectKey: P, period: { kind: 'month' }, audience: 'manager' }));
    assert.equal(manager.timeZone, 'Europe/Oslo');
    assert.equal(manager.costs.currency, 'EUR');
    // Every hour is costed at the default rate: the period's cost is its hours × 90 (hours are shown to 2 decimals).
    assert.ok(manager.costs.period.hours > 0);
    assert.ok(Math.abs(manager.costs.period.amount - manager.costs.period.hours * 90) <= 90 * 0.005, JSON.stringify(manager.costs.period));
    assert.equal(manager.costs.budget.amount, 250_000);

    const hidden = ok<any>(await call(pm, 'reports.preview', { projectKey: P, period: { kind: 'month' }, audience: 'client' }));
    assert.equal(hidden.costs, undefined);
    assert.doesNotMatch(JSON.stringify(hidden), /250000|"rate"|defaultRate/);

    const withCosts = ok<any>(await call(pm, 'settings.get', { projectKey: P }));
    ok(await call(pm, 'settings.save', { projectKey: P, version: withCosts.version, ...withCosts.settings, reporting: { ...(withCosts.settings.reporting ?? {}), showCostsToClient: true } }));
    const shown = ok<any>(await call(pm, 'reports.preview', { projectKey: P, period: { kind: 'month' }, audience: 'client' }));
    assert.equal(shown.costs.budget.amount, 250_000);
    assert.equal(shown.costs.period.hours, undefined);
    assert.equal(shown.costs.capacity, undefined);
  });
});

/**
 * The portal home in one call (portal.home): per project where the caller holds a role, the status
 * from the latest published report they may read, their own open asks, their change requests, the
 * open flags they may see and the published reports — a client only their own and client-visible
 * things, a client of another project nothing of SHOP. "My change requests" comes in the same
 * answer (`myChanges`), exactly as changes.mine answers it. Report snapshots are stored through
 * reportStore with the fixture models of test/unit/report-fixture.ts.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { buildAuditEntry } from '../../src/platform/domain/audit';
import type { PortalSummary } from '../../src/portal/domain/portalSummary';
import type { ReportAudience, ReportModel } from '../../src/reports/domain/model';
import { writeReport, type ReportRecord } from '../../src/reports/store/reportStore';
import { clientReport, managerReport } from '../unit/report-fixture';
import { callerFrom, daysFromNow, ok, PORTAL, PROJECT_PAGE } from './support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const { pm, clientPo, clientMarketing, clientOps, outsider } = DEMO_USERS;

async function storeReport(id: string, model: ReportModel, audience: ReportAudience, publishedAt: string, effective: 'on-track' | 'at-risk' | 'off-track'): Promise<void> {
  const period = { kind: 'week' as const, from: publishedAt.slice(0, 10), to: publishedAt.slice(0, 10) };
  const record: ReportRecord = {
    id, projectKey: 'SHOP', period, audience, status: 'published', version: 1, generatedAt: publishedAt, generatedBy: pm, publishedAt, publishedBy: pm,
    model: { ...model, projectKey: 'SHOP', audience, status: { ...model.status, effective } },
    periodFrom: period.from, periodTo: period.to, source: 'person', updatedAt: publishedAt, updatedBy: pm,
  };
  await writeReport(record, 0, buildAuditEntry({ projectKey: 'SHOP', at: new Date(publishedAt), actor: pm, action: 'report.publish', target: `report:${id}`, changes: [{ path: '', summary: 'fixture' }] }));
}

/** The stored change record of an issue (read directly by the test; the property holds only the step). */
const changeRecordOf = (issueId: string) =>
  ((host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, { value: any }>> } }).snapshot().entities.change?.[issueId]?.value);

/** The sandbox's change requests raised by `accountId` (as their records say), newest first. */
const changeRequestsOf = (accountId: string) =>
  host.sandbox.site.issues
    .filter((i) => changeRecordOf(i.id)?.document?.requestedBy === accountId)
    .sort((a, b) => b.created.localeCompare(a.created));

/** Every change request of a project in the sandbox, by key. */
const changeRequestKeysIn = (projectKey: string) =>
  host.sandbox.site.issues.filter((i) => i.key.startsWith(`${projectKey}-`) && i.properties['liaison-change'] !== undefined).map((i) => i.key).sort();

/** The issue keys of a changes.mine-shaped answer, per project. */
const changeKeysByProject = (view: any): Record<string, string[]> =>
  Object.fromEntries(view.projects.map((p: any) => [p.projectKey, p.changes.map((c: any) => c.issueKey).sort()]));

const summaryOf = (data: any, projectKey: string): PortalSummary => data.projects.find((p: any) => p.projectKey === projectKey).summary;

beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PROJECT_PAGE);
  ok(await call(pm, 'asks.set', { issueKey: 'SHOP-15', client: clientPo, ask: 'Approve the checkout copy deck', due: daysFromNow(3) }));
  ok(await call(pm, 'asks.set', { issueKey: 'SHOP-16', client: clientMarketing, ask: 'Send the spring campaign brand assets', due: daysFromNow(4) }));
  ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-12', category: 'uncharted-territory', severity: 'high', note: 'New payment provider', clientVisible: true }));
  ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-20', category: 'schedule-slip', severity: 'critical', note: 'Vendor contract renegotiation may slip the payment work', clientVisible: false }));
  await storeReport('client-1', clientReport(), 'client', '2026-11-09T10:00:00.000Z', 'at-risk');
  await storeReport('client-2', clientReport(), 'client', '2026-11-16T10:00:00.000Z', 'on-track');
  await storeReport('manager-3', managerReport(), 'manager', '2026-11-20T10:00:00.000Z', 'off-track');
});
afterAll(async () => {
  await host?.close();
});

describe('portal.home for a client', () => {
  test("one call answers SHOP's status, their own open ask, client-visible flags and client reports", async () => {
    const data = ok<any>(await call(clientPo, 'portal.home', {}, PORTAL));
    assert.deepEqual(data.projects.map((p: any) => p.projectKey), ['SHOP']);
    const shop = summaryOf(data, 'SHOP');
    // The latest CLIENT report (client-2), not the newer manager one.
    assert.deepEqual(shop.status && [shop.status.reportId, shop.status.effective, shop.status.audience], ['client-2', 'on-track', 'client']);
    assert.deepEqual(shop.reports.items.map((r) => r.id), ['client-2', 'client-1']);
    assert.equal(shop.reports.total, 2);
    assert.deepEqual(shop.asks.items.map((a) => [a.issueKey, a.ask, a.state, a.due, a.overdue, a.businessDaysOverdue]), [['SHOP-15', 'Approve the checkout copy deck', 'waiting', daysFromNow(3), false, 0]]);
    // "My asks" comes in the same answer, as asks.mine would give it.
    assert.deepEqual(data.myAsks.asks.map((a: any) => [a.issueKey, a.ask.ask]), [['SHOP-15', 'Approve the checkout copy deck']]);
    assert.deepEqual(data.myAsks, ok<any>(await call(clientPo, 'asks.mine', {}, PORTAL)));
    assert.deepEqual(shop.flags.items.map((f) => [f.issueKey, f.note]), [['SHOP-12', 'New payment provider']]);
    // Her change requests from the demo site (newest first), with only the client-visible parts of the decision.
    const hers = changeRequestsOf(clientPo);
    assert.ok(hers.length >= 2, 'the demo site has change requests Hannah raised');
    assert.deepEqual(shop.changes.items.map((c) => c.issueKey), hers.map((i) => i.key).slice(0, 5));
    const paid = shop.changes.items.find((c) => c.outcome === 'paid');
    assert.ok(paid, 'one of them was approved as a paid change');
    // She was told the outcome; SHOP hides costs from clients (the demo's setting), so no price.
    assert.deepEqual(Object.keys(paid).sort(), ['issueKey', 'outcome', 'requestedAt', 'scheduleDays', 'step', 'summary']);
    assert.ok(changeRecordOf(hers.find((i) => i.key === paid.issueKey)!.id).document.clientInformedAt, 'the paid one was told to her');
    assert.deepEqual(shop.unavailable, []);
    const text = JSON.stringify(data);
    for (const secret of ['Vendor contract renegotiation', 'Send the spring campaign brand assets', 'manager-3', 'off-track']) assert.equal(text.includes(secret), false, secret);
  });

  test('another SHOP client sees their own ask, not Hannah\'s', async () => {
    const shop = summaryOf(ok<any>(await call(clientMarketing, 'portal.home', {}, PORTAL)), 'SHOP');
    assert.deepEqual(shop.asks.items.map((a) => a.issueKey), ['SHOP-16']);
    const hannahs = changeRequestsOf(clientPo).map((i) => i.key);
    assert.equal(shop.changes.items.some((c) => hannahs.includes(c.issueKey)), false, "Hannah's change requests show to James");
  });

  test('a client of OPS only gets OPS and nothing of SHOP', async () => {
    const data = ok<any>(await call(clientOps, 'portal.home', {}, PORTAL));
    assert.deepEqual(data.projects.map((p: any) => [p.projectKey, p.roles]), [['OPS', ['client']]]);
    const ops = summaryOf(data, 'OPS');
    assert.deepEqual([ops.status, ops.reports.total, ops.asks.total, ops.flags.total], [null, 0, 0, 0]);
    assert.equal(/SHOP/.test(JSON.stringify(data)), false);
  });
});

describe('portal.home for the team and for strangers', () => {
  test("the manager sees the latest published report of any audience and every open flag", async () => {
    const shop = summaryOf(ok<any>(await call(pm, 'portal.home', {}, PORTAL)), 'SHOP');
    assert.deepEqual(shop.status && [shop.status.reportId, shop.status.effective], ['manager-3', 'off-track']);
    assert.deepEqual(shop.flags.items.map((f) => f.issueKey), ['SHOP-20', 'SHOP-12']);
    assert.equal(shop.asks.total, 0, 'asks are addressed to clients');
  });

  test('no role anywhere: no projects', async () => {
    const data = ok<any>(await call(outsider, 'portal.home', {}, PORTAL));
    assert.deepEqual([data.projects, data.truncated, data.myAsks.asks, data.myChanges], [[], false, [], { projects: [], truncated: false }]);
  });
});

describe('portal.home carries "My change requests" (what changes.mine answers)', () => {
  test("Hannah's are changes.mine's answer to her: her own SHOP change requests, nobody else's", async () => {
    const home = ok<any>(await call(clientPo, 'portal.home', {}, PORTAL));
    const mine = ok<any>(await call(clientPo, 'changes.mine', {}, PORTAL));
    assert.deepEqual(home.myChanges, mine);
    const hers = changeRequestsOf(clientPo).map((i) => i.key).sort();
    assert.ok(hers.length >= 2, 'the demo site has change requests Hannah raised');
    assert.deepEqual(changeKeysByProject(home.myChanges), { SHOP: hers });
    assert.ok(changeRequestKeysIn('SHOP').length > hers.length, 'SHOP also has change requests Hannah did not raise');
    // Shaped for her: the views say so.
    assert.deepEqual([...new Set(home.myChanges.projects[0].changes.map((c: any) => c.viewer))], ['client']);
  });

  test("the PM's are changes.mine's answer to him: every SHOP change request", async () => {
    const home = ok<any>(await call(pm, 'portal.home', {}, PORTAL));
    const mine = ok<any>(await call(pm, 'changes.mine', {}, PORTAL));
    assert.deepEqual(home.myChanges, mine);
    assert.deepEqual(changeKeysByProject(home.myChanges).SHOP, changeRequestKeysIn('SHOP'));
  });

  test('Grace, a client of OPS only, gets none of SHOP\'s change requests', async () => {
    const home = ok<any>(await call(clientOps, 'portal.home', {}, PORTAL));
    assert.deepEqual(home.myChanges, ok<any>(await call(clientOps, 'changes.mine', {}, PORTAL)));
    assert.equal(home.myChanges.projects.some((p: any) => p.projectKey === 'SHOP'), false);
    assert.equal(JSON.stringify(home.myChanges).includes('SHOP-'), false);
    const shopKeys = changeRequestKeysIn('SHOP');
    assert.ok(shopKeys.length > 0);
    assert.deepEqual(Object.values(changeKeysByProject(home.myChanges)).flat().filter((key) => shopKeys.includes(key)), []);
  });
});

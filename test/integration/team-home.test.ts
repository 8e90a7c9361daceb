/**
 * The team's Liaison home across projects (`home.work`, issue 14 point 3), against the demo site:
 * open asks of every project the caller works on with the "mine / overdue / due this week" counts,
 * the change requests waiting for the caller's own action, flags raised this week and the report
 * schedule; clients and outsiders get none of it; and it reads Jira with a bounded number of searches,
 * not one request per ask.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { ClientAsk } from '../../src/asks/domain/clientAsk';
import { changeActionFor, endOfWeek } from '../../src/portal/domain/teamHome';
import { daysFromNow, ok, PORTAL, seedStoredAsk } from './asks-support';
import { callerFrom } from './support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const today = daysFromNow(0);

function seed(key: string, over: Partial<ClientAsk>): void {
  const ask: ClientAsk = { client: DEMO_USERS.clientPo, ask: `Ask on ${key}`, due: daysFromNow(10), state: 'waiting', askedAt: new Date(Date.now() - 6 * 86_400_000).toISOString(), askedBy: DEMO_USERS.pm, round: 1, ...over };
  seedStoredAsk(host, key, ask, [{ at: ask.askedAt, by: ask.askedBy, action: 'asked', client: ask.client, due: ask.due, state: 'waiting', round: 1, note: ask.ask }]);
}

beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PORTAL);
  seed('SHOP-20', { due: today });
  seed('SHOP-21', { due: daysFromNow(-4), askedBy: DEMO_USERS.dev1 });
  seed('SHOP-22', { state: 'answered', answer: 'Done', answeredAt: new Date().toISOString() });
  seed('SHOP-23', { due: daysFromNow(30), state: 'question', infoRequestedAt: new Date().toISOString(), infoRequest: 'Which deck?', askedBy: DEMO_USERS.dev1 });
  ok(await call(DEMO_USERS.dev1, 'flags.raise', { issueKey: 'SHOP-16', category: 'uncharted-territory', severity: 'high', note: 'New payment API nobody has used', clientVisible: false }, 'red-flags-panel'));
});
afterAll(() => host?.close());

describe('home.work', () => {
  test("the PM: every open ask of SHOP, overdue first, with the filters' counts", async () => {
    const home = ok(await call<any>(DEMO_USERS.pm, 'home.work'));
    assert.equal(home.today, today);
    assert.ok(home.projects.some((p: any) => p.projectKey === 'SHOP' && p.roles.includes('manager')));
    const shop = home.asks.filter((a: any) => a.projectKey === 'SHOP');
    assert.deepEqual(shop.map((a: any) => a.issueKey), ['SHOP-21', 'SHOP-20', 'SHOP-22', 'SHOP-23']);
    const [overdue] = shop;
    assert.equal(overdue.overdue, true);
    assert.ok(overdue.businessDaysOverdue >= 2);
    assert.equal(shop.find((a: any) => a.issueKey === 'SHOP-22').state, 'answered');
    assert.equal(shop.find((a: any) => a.issueKey === 'SHOP-23').question, true);
    assert.equal(home.names[DEMO_USERS.clientPo], 'Hannah Becker');
    const expectDueThisWeek = 1 + (daysFromNow(10) <= endOfWeek(today) ? 1 : 0);
    assert.deepEqual(home.counts, { all: 4, mine: 2, overdue: 1, 'due-this-week': expectDueThisWeek });
  });

  test('change requests waiting for me: the action my roles take at their step; the approver decides', async () => {
    // The acknowledged demo request is assessed and submitted: it now waits for the approver.
    const before = ok(await call<any>(DEMO_USERS.pm, 'home.work'));
    const toAssess = before.changes.find((r: any) => r.step === 'acknowledged');
    assert.ok(toAssess, JSON.stringify(before.changes));
    const view = ok(await call<any>(DEMO_USERS.dev2, 'changes.get', { issueKey: toAssess.issueKey }, 'change-request-panel'));
    ok(await call(DEMO_USERS.dev2, 'changes.assess', { issueKey: toAssess.issueKey, version: view.version, effortDays: 2, scheduleDays: 1, cost: 800, currency: 'EUR', scope: 'ERP export', notes: [], submit: true }, 'change-request-panel'));
    await host.app.idle();
    const pm = ok(await call<any>(DEMO_USERS.pm, 'home.work'));
    const approver = ok(await call<any>(DEMO_USERS.approver, 'home.work'));
    for (const row of pm.changes) assert.equal(row.action, changeActionFor(row.step, ['manager']), JSON.stringify(row));
    for (const row of approver.changes) assert.equal(row.action, changeActionFor(row.step, ['approver']), JSON.stringify(row));
    assert.deepEqual(approver.changes.filter((r: any) => r.action === 'decide').map((r: any) => r.issueKey), [toAssess.issueKey]);
    assert.ok(!pm.changes.some((r: any) => r.action === 'decide'), 'the PM does not approve');
    assert.ok(pm.changes.length > 0);
  });

  test("new flags: the one raised today; reports: the schedule's next date for managers and approvers", async () => {
    const pm = ok(await call<any>(DEMO_USERS.pm, 'home.work'));
    assert.deepEqual(pm.flags.filter((f: any) => f.issueKey === 'SHOP-16').map((f: any) => [f.category, f.severity]), [['uncharted-territory', 'high']]);
    const report = pm.reports.find((r: any) => r.projectKey === 'SHOP');
    assert.ok(report.dueOn >= today);
    assert.deepEqual(report.audiences, ['manager', 'client']);
    const dev = ok(await call<any>(DEMO_USERS.dev1, 'home.work'));
    assert.equal(dev.reports.length, 0, 'the team does not publish');
    assert.equal(dev.counts.mine, 2);
  });

  test('clients and outsiders work on no project: nothing', async () => {
    for (const who of [DEMO_USERS.clientPo, DEMO_USERS.outsider]) {
      const home = ok(await call<any>(who, 'home.work'));
      assert.deepEqual([home.projects, home.asks, home.changes, home.flags, home.reports], [[], [], [], [], []]);
    }
  });

  test('one project (the project landing page): the same answer limited to it; clients and outsiders are refused', async () => {
    const all = ok(await call<any>(DEMO_USERS.pm, 'home.work'));
    const one = ok(await call<any>(DEMO_USERS.pm, 'home.work', { projectKey: 'SHOP' }));
    assert.deepEqual(one.projects.map((p: any) => p.projectKey), ['SHOP']);
    const inShop = (rows: any[]) => rows.filter((r) => r.projectKey === 'SHOP').map((r) => r.issueKey);
    assert.deepEqual(one.asks.map((a: any) => a.issueKey), inShop(all.asks));
    assert.deepEqual(one.changes.map((c: any) => c.issueKey), inShop(all.changes));
    assert.deepEqual(one.flags.map((f: any) => f.issueKey), inShop(all.flags));
    assert.deepEqual(one.reports, all.reports.filter((r: any) => r.projectKey === 'SHOP'));
    for (const who of [DEMO_USERS.clientPo, DEMO_USERS.outsider]) {
      const refused = await call<any>(who, 'home.work', { projectKey: 'SHOP' });
      assert.equal(refused.ok, false);
      assert.equal(refused.error.code, 'FORBIDDEN');
    }
    const bad = await call<any>(DEMO_USERS.pm, 'home.work', { projectKey: 'not a key' });
    assert.equal(bad.ok, false);
    assert.equal(bad.error.code, 'VALIDATION');
  });

  test('Jira is searched a bounded number of times, not once per ask', async () => {
    const requests = async () => ((await (await fetch(`${host.sandbox.url}/__sandbox/requests`)).json()) as { total?: number; count?: number; requests?: number });
    const before = await requests();
    ok(await call<any>(DEMO_USERS.pm, 'home.work'));
    const after = await requests();
    const count = (r: any) => Number(r.total ?? r.count ?? r.requests);
    assert.ok(Number.isFinite(count(after)), JSON.stringify(after));
    // Projects, role reads and one search per kind per project; four asks cost no more than one.
    assert.ok(count(after) - count(before) < 40, `${count(after) - count(before)} Jira requests`);
  });
});

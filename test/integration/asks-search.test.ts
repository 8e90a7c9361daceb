/**
 * Finding asks: JQL through the sandbox on the field's search aliases (a client's open asks, the
 * overdue ones), the project's Client asks page (grouping, stats, filters, CSV, delays over a
 * period) and the portal's "My asks" (only the caller's own). Asks are set through the handler;
 * two older ones are written straight into storage and Jira's field, as weeks of use leave them.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { AskEvent, ClientAsk } from '../../src/asks/domain/clientAsk';
import { caller, daysFromNow, jqlKeys, ok, PORTAL, PROJECT_PAGE, refused, seedStoredAsk } from './asks-support';

let host: TestHost;
let call: ReturnType<typeof caller>;
const { pm, clientPo, clientMarketing } = DEMO_USERS;
const today = new Date().toISOString().slice(0, 10);

/** An ask with its history, as weeks of use leave it (record and projection). */
function seed(key: string, value: ClientAsk, history: AskEvent[]): void {
  seedStoredAsk(host, key, value, history);
}

beforeAll(async () => {
  // The demo's sprints are laid out from its "today": pinned, so October's sprints are the ones below.
  host = await startTestHost({ site: buildDemoSite(new Date('2026-11-24T12:00:00Z')) });
  call = caller(host);
  ok(await call(pm, 'asks.set', { issueKey: 'SHOP-30', client: clientPo, ask: 'Approve hreflang mapping', due: daysFromNow(5) }));
  ok(await call(pm, 'asks.set', { issueKey: 'SHOP-31', client: clientMarketing, ask: 'Send banner copy', due: daysFromNow(3) }));
  ok(await call(pm, 'asks.set', { issueKey: 'SHOP-32', client: clientPo, ask: 'Pick the payment providers', due: daysFromNow(2) }));
  ok(await call(clientPo, 'asks.answer', { issueKey: 'SHOP-32', answer: 'Stripe and PayPal' }));
  ok(await call(pm, 'asks.set', { issueKey: 'SHOP-33', client: clientPo, ask: 'Old question', due: daysFromNow(4) }));
  ok(await call(pm, 'asks.withdraw', { issueKey: 'SHOP-33' }));

  // Waiting on James for two weeks, due a week ago: overdue.
  const askedAt = new Date(Date.now() - 14 * 86_400_000).toISOString();
  const overdueAsk: ClientAsk = { client: clientMarketing, ask: 'Legal text for the footer', due: daysFromNow(-7), state: 'waiting', askedAt, askedBy: pm, round: 1 };
  seed('SHOP-34', overdueAsk, [{ at: askedAt, by: pm, action: 'asked', client: clientMarketing, due: overdueAsk.due, state: 'waiting', round: 1, note: overdueAsk.ask }]);
  // October: asked Monday 12th, due Wednesday 14th, answered Tuesday 20th (4 business days late), accepted.
  seed(
    'SHOP-10',
    { client: clientMarketing, ask: 'PIM export with prices', due: '2026-10-14', state: 'accepted', askedAt: '2026-10-12T09:00:00.000Z', askedBy: pm, answeredAt: '2026-10-20T15:00:00.000Z', answer: 'Attached', round: 1 },
    [
      { at: '2026-10-12T09:00:00.000Z', by: pm, action: 'asked', client: clientMarketing, due: '2026-10-14', state: 'waiting', round: 1, note: 'PIM export with prices' },
      { at: '2026-10-20T15:00:00.000Z', by: clientMarketing, action: 'answered', client: clientMarketing, due: '2026-10-14', state: 'answered', round: 1, note: 'Attached' },
      { at: '2026-10-21T09:00:00.000Z', by: pm, action: 'accepted', client: clientMarketing, due: '2026-10-14', state: 'accepted', round: 1 },
    ],
  );
});
afterAll(async () => {
  await host?.close();
});

describe('JQL on the Client assignee search aliases, through the sandbox', () => {
  test("a client's open asks", async () => {
    const keys = await jqlKeys(host, pm, `project = SHOP AND "Client assignee.client" = "${clientPo}" AND "Client assignee.state" in (waiting, answered) ORDER BY key ASC`);
    assert.deepEqual(keys, ['SHOP-30', 'SHOP-32']);
    const all = await jqlKeys(host, pm, `"Client assignee.client" = "${clientPo}" ORDER BY key ASC`);
    assert.deepEqual(all, ['SHOP-30', 'SHOP-32', 'SHOP-33']);
  });

  test('overdue asks: due before today and still waiting on the client', async () => {
    const keys = await jqlKeys(host, pm, `project = SHOP AND "Client assignee.due" < "${today}" AND "Client assignee.state" = waiting ORDER BY key ASC`);
    assert.deepEqual(keys, ['SHOP-34']);
    // The due alias is searched as a date (searchType: date), so date functions work too.
    const byFunction = await jqlKeys(host, pm, `project = SHOP AND "Client assignee.due" < startOfDay() AND "Client assignee.state" = waiting ORDER BY key ASC`);
    assert.deepEqual(byFunction, ['SHOP-34']);
  });

  test('every issue carrying an ask, open or closed', async () => {
    const keys = await jqlKeys(host, pm, `project = SHOP AND "Client assignee" is not EMPTY ORDER BY key ASC`);
    assert.deepEqual(keys, ['SHOP-10', 'SHOP-30', 'SHOP-31', 'SHOP-32', 'SHOP-33', 'SHOP-34']);
  });
});

describe('asks.project (the Client asks page)', () => {
  const project = (payload: Record<string, unknown> = {}, who = pm) => call(who, 'asks.project', { projectKey: 'SHOP', ...payload }, PROJECT_PAGE);

  test('open asks grouped by client person, the most overdue person first, overdue asks first, with stats', async () => {
    const view = ok(await project());
    assert.equal(view.truncated, false);
    const groups = view.groups.map((g: any) => ({ client: g.client, rows: g.rows.map((r: any) => [r.issueKey, r.ask.state, r.overdue]), open: g.open, overdue: g.overdue, median: g.medianBusinessDaysToAnswer }));
    assert.deepEqual(groups, [
      // James: SHOP-34 overdue, SHOP-31 waiting; his one answer (SHOP-10, Oct 12 -> Oct 20) took 6 business days.
      { client: clientMarketing, rows: [['SHOP-34', 'waiting', true], ['SHOP-31', 'waiting', false]], open: 2, overdue: 1, median: 6 },
      // Hannah: both open, none overdue; she answered SHOP-32 the day it was asked.
      { client: clientPo, rows: [['SHOP-32', 'answered', false], ['SHOP-30', 'waiting', false]], open: 2, overdue: 0, median: 0 },
    ]);
    const overdue = view.groups[0].rows[0];
    assert.ok(overdue.businessDaysOverdue >= 3 && overdue.businessDaysOverdue <= 5, `a week overdue is 3 to 5 business days, not ${overdue.businessDaysOverdue}`);
    assert.ok(overdue.businessDaysWaiting >= 8 && overdue.businessDaysWaiting <= 10, `two weeks waiting is 8 to 10 business days, not ${overdue.businessDaysWaiting}`);
    assert.equal(overdue.history, undefined, 'the page answer carries no histories');
    assert.equal(view.names[clientMarketing], 'James Whitfield');
    assert.equal(view.names[clientPo], 'Hannah Becker');
    assert.equal(view.csv, null);
    assert.equal(view.delays, null);
  });

  test('filters: one client, one state, overdue only', async () => {
    const onlyHannah = ok(await project({ client: clientPo }));
    assert.deepEqual(onlyHannah.groups.map((g: any) => g.client), [clientPo]);
    const answered = ok(await project({ state: 'answered' }));
    assert.deepEqual(answered.groups.flatMap((g: any) => g.rows.map((r: any) => r.issueKey)), ['SHOP-32']);
    // The stats stay the person's, whatever the filter shows.
    assert.equal(answered.groups.find((g: any) => g.client === clientMarketing).open, 2);
    const overdue = ok(await project({ overdueOnly: true }));
    assert.deepEqual(overdue.groups.flatMap((g: any) => g.rows.map((r: any) => r.issueKey)), ['SHOP-34']);
    refused(await project({ state: 'accepted' }), 'VALIDATION');
  });

  test('CSV of what is shown: header, one line per ask, names instead of account ids', async () => {
    const view = ok(await project({ csv: true }));
    const lines = (view.csv as string).split('\r\n');
    assert.equal(lines[0], 'Client,Issue,Summary,Project,Ask,State,Due date,Asked at,Answered at,Business days waiting,Business days overdue,Overdue');
    assert.equal(lines.length, 1 + 4 + 1, 'header, four asks and the final line end');
    assert.match(lines[1], /^James Whitfield,SHOP-34,.*,SHOP,Legal text for the footer,waiting,.*,yes$/);
    assert.equal(lines[5], '');
    assert.equal(view.csv.includes(clientPo), false);
  });

  test('delays in October: business days past due per client, the issue and sprint commitment that slipped', async () => {
    const view = ok(await project({ delays: { from: '2026-10-01', to: '2026-10-31' } }));
    assert.deepEqual(view.delays.byClient, [{ client: clientMarketing, businessDaysOverdue: 4, asks: 1, issues: ['SHOP-10'] }]);
    // SHOP-10 was due Oct 16 while the ask waited; resolved Oct 29: 9 business days late.
    assert.deepEqual(view.delays.slippedIssues, [{ key: 'SHOP-10', dueDate: '2026-10-16', businessDaysLate: 9, pendingClients: [clientMarketing] }]);
    // Committed to Sprint 1 (Oct 5-16), not done by its end, with the ask waiting during it. Sprint 2 completed it.
    assert.deepEqual(view.delays.slippedCommitments, [{ sprintId: 1, sprintName: 'SHOP Sprint 1', key: 'SHOP-10', pendingClients: [clientMarketing] }]);
    assert.equal(view.delays.sprintsTruncated, false);
    assert.equal(view.names[clientMarketing], 'James Whitfield');
  });

  test('a period must be a real, ordered one', async () => {
    const error = refused(await project({ delays: { from: '2026-10-31', to: '2026-10-01' } }), 'VALIDATION');
    assert.deepEqual(Object.keys(error.fields ?? {}), ['delays.to']);
  });

  test('one search for the whole page, not a request per issue', async () => {
    ok(await project());
    host.sandbox.resetRequestCount();
    ok(await project());
    // Warm: field ids and role actors are cached; one JQL page and one bulk name lookup remain.
    assert.equal(host.sandbox.requestCount(), 2);
  });

  test('only the team sees the page', async () => {
    const error = refused(await project({}, clientPo), 'FORBIDDEN');
    assert.equal(error.message, 'Only the team of this project can see all of its client asks');
  });
});

describe('the issue panel reads an issue once', () => {
  test('asks.get: one request for the issue, its ask and its history (plus one for names)', async () => {
    ok(await call(pm, 'asks.get', { issueKey: 'SHOP-10' }));
    host.sandbox.resetRequestCount();
    const view = ok(await call(pm, 'asks.get', { issueKey: 'SHOP-10' }));
    assert.equal(view.history.length, 3);
    assert.equal(host.sandbox.requestCount(), 2);
  });
});

describe('asks.mine (the portal)', () => {
  const mine = (who: string) => call(who, 'asks.mine', {}, PORTAL);

  test("a client gets their own open asks, the most urgent first, and nothing of anyone else's", async () => {
    const hannah = ok(await mine(clientPo));
    assert.deepEqual(hannah.asks.map((a: any) => [a.issueKey, a.ask.state]), [['SHOP-32', 'answered'], ['SHOP-30', 'waiting']]);
    assert.deepEqual(hannah.projects, [{ projectKey: 'SHOP', projectName: 'Northwind web shop relaunch' }]);
    assert.equal(hannah.names[pm], 'Maya Lindqvist');
    const text = JSON.stringify(hannah);
    for (const other of ['Send banner copy', 'Legal text for the footer', 'PIM export', clientMarketing, 'Old question']) assert.equal(text.includes(other), false, `Hannah's asks mention ${other}`);

    const james = ok(await mine(clientMarketing));
    assert.deepEqual(james.asks.map((a: any) => [a.issueKey, a.overdue]), [['SHOP-34', true], ['SHOP-31', false]]);
  });

  test('people who are nobody\'s client get nothing', async () => {
    assert.deepEqual(ok(await mine(pm)), { asks: [], projects: [], names: {}, truncated: false, today });
    assert.deepEqual(ok(await mine(DEMO_USERS.outsider)).asks, []);
  });

  test('an answer from the portal reaches the ask', async () => {
    ok(await call(clientMarketing, 'asks.answer', { issueKey: 'SHOP-34', answer: 'Footer text attached' }, PORTAL));
    const james = ok(await mine(clientMarketing));
    // Answered, it is no longer overdue (the client's part is done); it stays listed, by due date, until the team closes it.
    assert.deepEqual(james.asks.map((a: any) => [a.issueKey, a.ask.state, a.overdue]), [['SHOP-34', 'answered', false], ['SHOP-31', 'waiting', false]]);
  });
});

/**
 * Audience shaping: the client report holds no internal data (checked key by key and value by
 * value), the executive report is cut to one page's worth, team and manager see everything.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildReport } from '../../src/reports/domain/build';
import { clientSafe } from '../../src/reports/domain/clientSafe';
import type { ReportModel } from '../../src/reports/domain/model';
import { fixtureFacts, PEOPLE } from './report-facts-fixture';

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysOf(inner, into);
    }
  }
  return into;
}

const override = { status: 'at-risk' as const, reason: 'Keys arrive Monday', by: PEOPLE.pm, at: '2026-11-20T13:00:00.000Z' };
const narrative = { progress: 'A good week for checkout.', manpower: 'Dana was out on Monday (internal).' };

describe('client audience', () => {
  const client = buildReport(fixtureFacts(), 'client', { showCostsToClient: false, override, narrative });
  const json = JSON.stringify(client);

  test('has no internal keys', () => {
    const keys = keysOf(client);
    for (const internal of ['manpower', 'byPerson', 'accountId', 'unpaidEffortDays', 'previousHours', 'raisedBy', 'effortDays', 'rationale', 'price']) {
      assert.equal(keys.has(internal), false, `client report has the key ${internal}`);
    }
    assert.equal(client.manpower, undefined);
    assert.equal(client.audience, 'client');
  });

  test('has no internal values: account ids, hours per person, internal flag notes, prices', () => {
    for (const secret of [PEOPLE.pm, PEOPLE.dana, PEOPLE.eli, PEOPLE.carol, 'Dana Developer', 'Eli Engineer', 'INTERNAL', 'Scope creep', '4000', '"EUR"', 'flagsOpen', 'Dana was out']) {
      assert.equal(json.includes(secret), false, `client report contains ${secret}`);
    }
  });

  test('lists only client-visible flags, and counts only them', () => {
    // f1 (SHOP-8, high, client-visible) stays; f2 (SHOP-12, internal) goes.
    assert.deepEqual(client.problems.flags, {
      items: [{ issueKey: 'SHOP-8', summary: 'Work item SHOP-8', category: 'Blocked on client', severity: 'high', note: 'Waiting for the payment provider keys', clientVisible: true }],
      total: 1,
    });
    assert.equal(client.headline.openFlags, 1);
  });

  test('judges the status without the rules drawn from internal flags, and says nothing about them', () => {
    assert.equal(client.status.computed, 'off-track');
    assert.equal(client.status.effective, 'at-risk');
    assert.equal(client.status.reasons.includes('1 high red flag open.'), false);
    assert.equal(client.status.reasons.some((reason) => /flag/i.test(reason)), false);
    assert.equal(client.status.reasons.length, 5); // the 5 non-flag reasons
    // Who overrode: a name, not an account id.
    assert.deepEqual(client.status.override, { status: 'at-risk', reason: 'Keys arrive Monday', by: 'Pat Manager', at: '2026-11-20T13:00:00.000Z', byName: 'Pat Manager' }); // named, never the account id
  });

  test('keeps what the client gets and what is expected of them', () => {
    assert.deepEqual([client.headline.committedIssues, client.headline.committedDoneIssues, client.headline.committedDonePoints], [5, 3, 6]);
    assert.equal(client.completed.total, 5);
    assert.equal(client.completed.points, 9);
    assert.deepEqual(client.clientActions.asks.items.map((a) => [a.issueKey, a.client, a.overdueBusinessDays]), [['SHOP-8', 'Carol Client', 3], ['SHOP-13', 'Max Marketing', 0]]);
    assert.deepEqual(client.problems.clientDelays, [{ client: 'Carol Client', businessDays: 3, issues: ['SHOP-8'] }]);
    assert.deepEqual(client.forecast.velocityPoints, { low: 3, high: 7 });
    assert.deepEqual(client.decisionsNeeded, []);
    assert.deepEqual(client.narrative, { progress: 'A good week for checkout.' });
  });

  test('change requests without prices unless settings allow them', () => {
    assert.deepEqual(client.changes.decided.items, [
      { issueKey: 'SHOP-21', summary: 'Extra language', outcome: 'paid', scheduleDays: 3 },
      { issueKey: 'SHOP-23', summary: 'Remove wishlist', outcome: 'declined' },
    ]);
    assert.deepEqual(client.changes.totals, { paidValue: [], scheduleDaysAdded: 4 });
    assert.ok(client.omitted.includes('Change requests: prices are not shared (project settings).'));

    const withCosts = buildReport(fixtureFacts(), 'client', { showCostsToClient: true });
    assert.deepEqual(withCosts.changes.decided.items[0].price, { amount: 4000, currency: 'EUR' });
    assert.deepEqual(withCosts.changes.totals, { paidValue: [{ amount: 4000, currency: 'EUR' }, { amount: 500, currency: 'USD' }], scheduleDaysAdded: 4 });
    assert.equal('unpaidEffortDays' in withCosts.changes.totals, false);
  });

  test('says what it leaves out', () => {
    assert.deepEqual(client.omitted, [
      'Manpower input: hours are internal and not shared in client reports.',
      'Existing problems: only the red flags the team shares with clients are listed.',
      'Decisions needed: internal to the team.',
      'Change requests: prices are not shared (project settings).',
    ]);
  });
});

describe('clientSafe copies field by field', () => {
  test('a field added to a manager model later does not reach the client', () => {
    const model = buildReport(fixtureFacts(), 'manager', { showCostsToClient: false }) as ReportModel & { internalMargin?: number };
    model.internalMargin = 0.42;
    (model.headline as Record<string, unknown>).marginPercent = 42;
    const safe = clientSafe(model, { showCostsToClient: false });
    const keys = keysOf(safe);
    assert.equal(keys.has('internalMargin'), false);
    assert.equal(keys.has('marginPercent'), false);
    assert.equal(safe.manpower, undefined);
    assert.deepEqual(safe.problems.flags.items.map((f) => f.issueKey), ['SHOP-8']);
    assert.equal(safe.problems.flags.total, 1);
    assert.equal(safe.problems.flags.jql, undefined);
  });
});

describe('executive audience', () => {
  test('no per-person hours, per-epic completed totals without item lists', () => {
    const exec = buildReport(fixtureFacts(), 'executive', { showCostsToClient: false });
    assert.equal(exec.manpower?.byPerson, undefined);
    assert.equal(exec.manpower?.totalHours, 6.5);
    assert.deepEqual(exec.completed.byEpic.map((g) => [g.epicKey, g.issues.items.length, g.issues.total, g.points]), [['SHOP-1', 0, 2, 3], ['SHOP-2', 0, 1, 3], [null, 0, 2, 3]]);
    assert.equal(exec.headline.completedIssues, 5);
    assert.deepEqual(exec.decisionsNeeded.length, 2);
    assert.ok(exec.omitted.includes('Manpower input: hours per person are left out of the executive report.'));
  });

  test('lists are cut to the top five with exact totals', () => {
    const facts = fixtureFacts();
    const template = facts.asks[0];
    for (let n = 0; n < 6; n++) facts.asks.push({ ...template, issueKey: `SHOP-${30 + n}`, summary: `Extra ask ${n}` });
    // 2 waiting asks + 6 copies of SHOP-8's = 8 waiting.
    const exec = buildReport(facts, 'executive', { showCostsToClient: false });
    assert.equal(exec.clientActions.asks.items.length, 5);
    assert.equal(exec.clientActions.asks.total, 8);
    const managerModel = buildReport(facts, 'manager', { showCostsToClient: false });
    assert.equal(managerModel.clientActions.asks.items.length, 8);
    // Escalation line: Carol has 7 asks 3 days overdue.
    assert.equal(exec.decisionsNeeded[1], 'Escalate with Carol Client: 7 asks up to 3 business days overdue (SHOP-8, SHOP-30, SHOP-31, SHOP-32, SHOP-33, SHOP-34, SHOP-35).');
  });
});

describe('team audience', () => {
  test('sees what the manager sees', () => {
    const team = buildReport(fixtureFacts(), 'team', { showCostsToClient: false });
    const managerModel = buildReport(fixtureFacts(), 'manager', { showCostsToClient: false });
    assert.deepEqual({ ...team, audience: 'manager' }, managerModel);
  });
});

/**
 * Issue 17, by hand: deviation from a plan baseline (scope added and removed, slips carried across
 * periods until resolved), budget burn (hours × rate, this period and to date), the seeded Monte
 * Carlo (determinism, its ranges on a small fixture checked against the exact distribution
 * enumerated independently, capped by the remaining scope), decisions and milestones in the report.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { AppError } from '../../src/platform/domain/errors';
import { addDecision, parseDecisions, resolveDecision, updateDecision, type DecisionsDocument } from '../../src/reports/domain/decisions';
import { PlanningSchema, rateOf, type Planning } from '../../src/reports/domain/planning';
import { buildReport } from '../../src/reports/domain/build';
import type { ReportFacts, ReportIssue } from '../../src/reports/domain/facts';
import { completionForecast, percentile, seededRandom, seedOf, simulateThroughput, throughputForecast } from '../../src/reports/domain/monteCarlo';
import { BASELINE_ITEM_CAP, baselineFor, planDeviation, takeBaseline, type PlanBaseline, type PlanItemState } from '../../src/reports/domain/plan';
import { costsOf, planItemsOf, remainingOf, throughputOf } from '../../src/reports/domain/planReport';
import { fixtureFacts } from './report-facts-fixture';

// ---- Monte Carlo ----

/** Every equally likely sum of `weeks` draws from `history` (brute force, no randomness), ascending. */
function exactOutcomes(history: number[], weeks: number, cap = Infinity): number[] {
  let sums = [0];
  for (let w = 0; w < weeks; w++) sums = sums.flatMap((s) => history.map((h) => s + h));
  return sums.map((s) => Math.min(s, cap)).sort((a, b) => a - b);
}

describe('seeded Monte Carlo', () => {
  test('same seed, same outcomes; another seed, other draws', () => {
    const a = simulateThroughput([0, 2, 5, 8], 3, { seed: 42, trials: 500 });
    const b = simulateThroughput([0, 2, 5, 8], 3, { seed: 42, trials: 500 });
    const c = simulateThroughput([0, 2, 5, 8], 3, { seed: 43, trials: 500 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.deepEqual(throughputForecast([0, 2, 5, 8], 3, { seed: 7 }), throughputForecast([0, 2, 5, 8], 3, { seed: 7 }));
    const r1 = seededRandom(1);
    const r2 = seededRandom(1);
    const first = [r1(), r1(), r1()];
    assert.deepEqual(first, [r2(), r2(), r2()]);
    assert.ok(first.every((x) => x >= 0 && x < 1));
    assert.equal(seedOf('SHOP|2026-11-01|2026-11-30'), seedOf('SHOP|2026-11-01|2026-11-30'));
    assert.notEqual(seedOf('SHOP|2026-11-01|2026-11-30'), seedOf('SHOP|2026-12-01|2026-12-31'));
  });

  test('ranges on a small fixture equal the percentiles of the exact distribution', () => {
    // History [0, 2, 5] over 2 weeks: 9 equally likely sums 0,2,2,4,5,5,7,7,10.
    // CDF: 0 -> 1/9, 2 -> 3/9, 4 -> 4/9, 5 -> 6/9, 7 -> 8/9, 10 -> 1.
    // 25th percentile: first value with CDF >= .25 -> 2; 75th -> 7; 7.5th -> 0; 92.5th -> 10.
    const exact = exactOutcomes([0, 2, 5], 2);
    assert.deepEqual(exact, [0, 2, 2, 4, 5, 5, 7, 7, 10]);
    assert.deepEqual([percentile(exact, 0.25), percentile(exact, 0.75), percentile(exact, 0.075), percentile(exact, 0.925)], [2, 7, 0, 10]);
    // The simulation (5,000 seeded trials) lands on the same values: each is at least 3.6 % of
    // probability away from a step of the CDF, some 8 standard errors.
    for (const seed of [1, 2, 3]) assert.deepEqual(throughputForecast([0, 2, 5], 2, { seed }), { likely50: { low: 2, high: 7 }, likely85: { low: 0, high: 10 } });
  });

  test('capped by the remaining scope', () => {
    // Capped at 6: 0,2,2,4,5,5,6,6,6 -> 75th and 92.5th percentiles 6.
    const exact = exactOutcomes([0, 2, 5], 2, 6);
    assert.deepEqual([percentile(exact, 0.25), percentile(exact, 0.75), percentile(exact, 0.075), percentile(exact, 0.925)], [2, 6, 0, 6]);
    assert.deepEqual(throughputForecast([0, 2, 5], 2, { seed: 9, remaining: 6 }), { likely50: { low: 2, high: 6 }, likely85: { low: 0, high: 6 } });
    assert.ok(simulateThroughput([100], 5, { seed: 1, trials: 50, remaining: 30 }).every((x) => x === 30));
  });

  test('a part week counts its share of a drawn week; no history or no weeks gives zero', () => {
    assert.deepEqual(simulateThroughput([10], 1.5, { seed: 1, trials: 3 }), [15, 15, 15]);
    assert.deepEqual(simulateThroughput([], 2, { seed: 1, trials: 2 }), [0, 0]);
    assert.deepEqual(simulateThroughput([4], 0, { seed: 1, trials: 2 }), [0, 0]);
    assert.equal(percentile([], 0.5), 0);
  });

  test('completion: weeks until the remaining points are done, 50 % and 85 % likely', () => {
    // A steady 5 a week: 12 points need 3 weeks in every trial.
    assert.deepEqual(completionForecast([5], 12, { seed: 1 }), { kind: 'weeks', weeks50: 3, weeks85: 3 });
    // History [0, 0, 10], 10 points: done in week k with probability (2/3)^(k-1) / 3; CDF 1 - (2/3)^k:
    // .333, .556, .704, .802, .868 -> the 50th percentile is week 2, the 85th week 5.
    assert.deepEqual(completionForecast([0, 0, 10], 10, { seed: 5 }), { kind: 'weeks', weeks50: 2, weeks85: 5 });
    assert.deepEqual(completionForecast([5], 0, { seed: 1 }), { kind: 'done' });
    assert.deepEqual(completionForecast([0, 0], 3, { seed: 1 }), { kind: 'none', reason: 'no-throughput' });
    assert.deepEqual(completionForecast([1], 1000, { seed: 1, trials: 20 }), { kind: 'none', reason: 'too-far' });
  });
});

// ---- plan baseline and deviation ----

const item = (key: string, over: Partial<PlanItemState> = {}): PlanItemState => ({ key, summary: `Summary ${key}`, kind: 'standard', epicKey: null, due: null, doneAt: null, openSprintIds: [], ...over });

function baselineFixture(): PlanBaseline {
  // Taken Mon 2026-11-02 as the plan stood: epic E-1 (go-live 12-01), A-1 (3 pts, due 11-10, sprint 1),
  // A-2 (5, sprint 1), A-3 (2, due 11-20), A-4 (8, sprint 1); A-9 done already (not in the plan).
  return takeBaseline(
    [
      item('E-1', { kind: 'epic', due: '2026-12-01' }),
      item('A-1', { points: 3, due: '2026-11-10', openSprintIds: [1], epicKey: 'E-1' }),
      item('A-2', { points: 5, openSprintIds: [1], epicKey: 'E-1' }),
      item('A-3', { points: 2, due: '2026-11-20' }),
      item('A-4', { points: 8, openSprintIds: [1] }),
      item('A-9', { points: 1, openSprintIds: [1], doneAt: '2026-10-30T10:00:00Z' }),
      item('A-10', { points: 1 }), // not planned: backlog without a due date
    ],
    [
      { id: 1, name: 'Sprint 1', state: 'active', endDate: '2026-11-13T17:00:00Z' },
      { id: 0, name: 'Sprint 0', state: 'closed' },
    ],
    { id: 'b1', projectKey: 'SHOP', takenAt: '2026-11-02T09:00:00Z', takenBy: 'pm', note: '  Kick-off plan  ' },
  );
}

/** Today's state: A-1 still open (due unchanged), A-2 done 11-05, A-3 deleted, A-4 back in the backlog, A-5 and A-6 new. */
const stateNow = (a1: Partial<PlanItemState> = {}): PlanItemState[] => [
  item('E-1', { kind: 'epic', due: '2026-12-08' }),
  item('A-1', { points: 3, due: '2026-11-10', openSprintIds: [2], epicKey: 'E-1', ...a1 }),
  item('A-2', { points: 5, doneAt: '2026-11-05T12:00:00Z', openSprintIds: [1], epicKey: 'E-1' }),
  item('A-4', { points: 8 }),
  item('A-5', { points: 4, openSprintIds: [2] }),
  item('A-6', { points: 1, openSprintIds: [1], doneAt: '2026-11-04T12:00:00Z' }),
  item('A-9', { points: 1, openSprintIds: [1], doneAt: '2026-10-30T10:00:00Z' }),
];

describe('plan baseline', () => {
  test('holds open epics and planned issues, epics and the earliest due first, with sprint commitments', () => {
    const b = baselineFixture();
    assert.deepEqual(b.items.map((i) => [i.key, i.points, i.due, i.sprintId]), [
      ['E-1', 0, '2026-12-01', null],
      ['A-1', 3, '2026-11-10', 1],
      ['A-3', 2, '2026-11-20', null],
      ['A-2', 5, null, 1],
      ['A-4', 8, null, 1],
    ]);
    assert.equal(b.itemsTotal, 5);
    assert.equal(b.note, 'Kick-off plan');
    // Sprint 1's open members: A-1 3 + A-2 5 + A-4 8 = 16 points, 3 issues; the closed Sprint 0 is not the plan.
    assert.deepEqual(b.sprints, [{ id: 1, name: 'Sprint 1', state: 'active', endDate: '2026-11-13T17:00:00Z', issues: 3, points: 16 }]);
  });

  test('is bounded: at most BASELINE_ITEM_CAP items, itemsTotal counts them all', () => {
    const many = Array.from({ length: BASELINE_ITEM_CAP + 5 }, (_, n) => item(`B-${n + 1}`, { due: '2026-12-01' }));
    const b = takeBaseline(many, [], { id: 'b', projectKey: 'SHOP', takenAt: '2026-11-02T09:00:00Z', takenBy: 'pm', note: ' ' });
    assert.equal(b.items.length, BASELINE_ITEM_CAP);
    assert.equal(b.itemsTotal, BASELINE_ITEM_CAP + 5);
    assert.equal(b.note, undefined);
  });

  test('the period is measured against the latest baseline taken by its start, else the first within it', () => {
    const at = (takenAt: string) => ({ takenAt });
    const list = [at('2026-11-20T10:00:00Z'), at('2026-11-01T10:00:00Z'), at('2026-11-09T08:00:00Z')];
    assert.equal(baselineFor(list, { kind: 'week', from: '2026-11-16', to: '2026-11-22' })?.takenAt, '2026-11-09T08:00:00Z');
    assert.equal(baselineFor(list, { kind: 'week', from: '2026-10-26', to: '2026-11-01' })?.takenAt, '2026-11-01T10:00:00Z');
    assert.equal(baselineFor(list, { kind: 'week', from: '2026-10-19', to: '2026-10-25' }), undefined);
  });
});

describe('deviation from the baseline', () => {
  const week = (from: string, to: string) => ({ kind: 'week' as const, from, to });

  test('scope added and removed, in issues and points', () => {
    const d = planDeviation(baselineFixture(), stateNow(), week('2026-11-16', '2026-11-22'), '2026-11-22', 10);
    // Added: planned now and not in the baseline: A-5 (4, open in sprint 2), A-6 (1, done 11-04 after the baseline) = 5 points.
    // A-9 was done before the baseline: not added.
    assert.deepEqual(d.scopeAdded.items.map((i) => i.key), ['A-5', 'A-6']);
    assert.equal(d.scopeAdded.points, 5);
    // Removed: A-3 (2, gone from the project) and A-4 (8, open, no sprint, no due) = 10 points. A-2 is done: not removed.
    assert.deepEqual(d.scopeRemoved.items.map((i) => [i.key, i.reason]), [['A-3', 'removed'], ['A-4', 'unplanned']]);
    assert.equal(d.scopeRemoved.points, 10);
    // Baseline standard points 3 + 2 + 5 + 8 = 18; planned now: A-1 3 + A-2 5 (done after) + A-5 4 + A-6 1 = 13.
    assert.equal(d.baselinePoints, 18);
    assert.equal(d.currentPoints, 13);
    assert.equal(d.baseline.note, 'Kick-off plan');
  });

  test('slips in days: an overdue item, a moved milestone', () => {
    const d = planDeviation(baselineFixture(), stateNow(), week('2026-11-16', '2026-11-22'), '2026-11-22', 10);
    // A-1 due 11-10, open on 11-22: 12 days late. E-1's due moved 12-01 -> 12-08: +7 days, not late yet.
    assert.deepEqual(d.slips.items.map((s) => [s.key, s.daysLate, s.dueMovedDays, s.doneOn]), [['A-1', 12, 0, undefined], ['E-1', 0, 7, undefined]]);
    assert.equal(d.scheduleDays, 12);
  });

  test('carried over: still late the next week, listed once more in the week it is done, then gone', () => {
    const next = planDeviation(baselineFixture(), stateNow(), week('2026-11-23', '2026-11-29'), '2026-11-29', 10);
    assert.deepEqual(next.slips.items.find((s) => s.key === 'A-1')?.daysLate, 19); // 11-10 -> 11-29
    const done = stateNow({ doneAt: '2026-12-02T15:00:00Z' });
    const doneWeek = planDeviation(baselineFixture(), done, week('2026-11-30', '2026-12-06'), '2026-12-06', 10);
    assert.deepEqual(doneWeek.slips.items.find((s) => s.key === 'A-1'), { key: 'A-1', summary: 'Summary A-1', kind: 'standard', baselineDue: '2026-11-10', currentDue: '2026-11-10', daysLate: 22, dueMovedDays: 0, doneOn: '2026-12-02' });
    const after = planDeviation(baselineFixture(), done, week('2026-12-07', '2026-12-13'), '2026-12-13', 10);
    assert.equal(after.slips.items.find((s) => s.key === 'A-1'), undefined);
    // E-1 is open past its baseline due (12-01) on 12-13: 12 days late, due moved +7.
    assert.deepEqual(after.slips.items.map((s) => [s.key, s.daysLate, s.dueMovedDays]), [['E-1', 12, 7]]);
  });

  test('an item done on time, or without a baseline due date, is no slip; lists are capped with exact totals', () => {
    const onTime = stateNow({ doneAt: '2026-11-09T10:00:00Z' });
    const d = planDeviation(baselineFixture(), onTime, week('2026-11-09', '2026-11-15'), '2026-11-15', 1);
    assert.equal(d.slips.items.some((s) => s.key === 'A-1'), false);
    assert.equal(d.scopeRemoved.items.length, 1);
    assert.equal(d.scopeRemoved.total, 2);
  });
});

// ---- money ----

const planning = (over: Partial<Planning> = {}): Planning =>
  PlanningSchema.parse({
    currency: 'EUR',
    billable: true,
    budget: { hours: 100, amount: 10_000, from: '2026-11-09' },
    roleRates: [{ role: 'Designer', rate: 80 }],
    defaultRate: 50,
    people: [
      { accountId: 'dev1', name: 'Dana', rate: 100, weeklyHours: 40 },
      { accountId: 'dev2', name: 'Dev Two', role: 'Designer', weeklyHours: 20 },
    ],
    ...over,
  });

function moneyFacts(): ReportFacts {
  const h = (authorId: string, started: string, hours: number) => ({ issueKey: 'A-1', epicKey: null, authorId, started, seconds: hours * 3600 });
  return {
    ...fixtureFacts(),
    period: { kind: 'week', from: '2026-11-16', to: '2026-11-22' },
    worklogs: [
      h('dev1', '2026-11-17T09:00:00Z', 10),
      h('dev2', '2026-11-18T09:00:00Z', 5),
      h('dev3', '2026-11-19T09:00:00Z', 2),
      h('dev1', '2026-11-10T09:00:00Z', 4), // the week before: counts to date, not in the period
      h('dev1', '2026-11-23T09:00:00Z', 8), // after the period: in neither
    ],
  };
}

describe('cost burn: hours × rate against the budget', () => {
  test('rates: the person\'s own, else their role\'s, else the default', () => {
    const p = planning();
    assert.deepEqual([rateOf(p, 'dev1'), rateOf(p, 'dev2'), rateOf(p, 'dev3')], [100, 80, 50]);
    assert.equal(rateOf(planning({ defaultRate: undefined }), 'dev3'), undefined);
  });

  test('this period and to date, budget used and left, estimates at completion, capacity', () => {
    const c = costsOf(moneyFacts(), { estimates: { originalSeconds: 72_000, remainingSeconds: 36_000, issues: 4 } }, planning(), 'manager');
    // Period 11-16..11-22: dev1 10 h × 100 + dev2 5 h × 80 (Designer) + dev3 2 h × 50 (default) = 1,500 for 17 h.
    assert.deepEqual(c.period, { hours: 17, amount: 1500 });
    // To date from the budget's start 11-09: + dev1's 4 h on 11-10 × 100 = 1,900 for 21 h.
    assert.deepEqual(c.toDate, { hours: 21, amount: 1900, from: '2026-11-09' });
    // Budget 100 h / EUR 10,000: 79 h and EUR 8,100 left; 21 % and 19 % used.
    assert.deepEqual(c.budget, { hours: 100, amount: 10_000, remainingHours: 79, usedHoursShare: 0.21, remainingAmount: 8100, usedAmountShare: 0.19 });
    // Remaining estimate 10 h: 21 + 10 = 31 h at completion; money at the blended rate 1,900 / 21 h: 1,900 + 10 × 90.476 = 2,804.76.
    assert.deepEqual(c.estimates, { originalHours: 20, remainingHours: 10, issues: 4, atCompletionHours: 31, atCompletionAmount: 2804.76 });
    // Capacity in a 5-business-day week: Dana 40 h (logged 10), Dev Two 20 h (logged 5).
    assert.deepEqual(c.capacity, { capacityHours: 60, loggedHours: 15, byPerson: [{ name: 'Dana', capacityHours: 40, loggedHours: 10 }, { name: 'Dev Two', capacityHours: 20, loggedHours: 5 }] });
    assert.equal(c.unratedHours, undefined);
  });

  test('hours of people without a rate are not costed but counted; the executive sees capacity totals only', () => {
    const c = costsOf(moneyFacts(), {}, planning({ defaultRate: undefined }), 'executive');
    assert.deepEqual(c.period, { hours: 17, amount: 1400 });
    assert.equal(c.unratedHours, 2);
    assert.deepEqual(c.capacity?.byPerson, []);
  });

  test('to date needs the worklogs since the budget started: the reader\'s total, else only when the facts reach back that far', () => {
    // A budget from 10-01 starts before the facts' worklogs (the previous week, from 11-09): no total to date.
    const early = costsOf(moneyFacts(), {}, planning({ budget: { amount: 5000, from: '2026-10-01' } }), 'manager');
    assert.equal(early.toDate, undefined);
    assert.deepEqual(early.budget, { amount: 5000 });
    // The reader's exact total per person (seconds) since the budget started: dev1 50 h, dev2 10 h.
    const read = costsOf(moneyFacts(), { effortToDate: { secondsByPerson: { dev1: 180_000, dev2: 36_000 } } }, planning({ budget: { amount: 10_000, from: '2026-10-01' } }), 'manager');
    assert.deepEqual(read.toDate, { hours: 60, amount: 5800, from: '2026-10-01' }); // 50 × 100 + 10 × 80
    // A budget starting inside the period costs only the days from its start.
    const late = costsOf(moneyFacts(), {}, planning({ budget: { hours: 10, from: '2026-11-18' } }), 'manager');
    assert.deepEqual(late.period, { hours: 7, amount: 500 }); // dev2 5 h × 80 + dev3 2 h × 50
  });

  test('planning settings: messages a person reads', () => {
    const bad = PlanningSchema.safeParse({
      currency: 'euro', billable: true, timeZone: 'CET',
      roleRates: [{ role: 'Dev', rate: 1 }, { role: 'dev', rate: 2 }],
      people: [{ accountId: 'a', name: 'A', role: 'Tester' }, { accountId: 'a', name: 'A again' }],
    });
    assert.equal(bad.success, false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => i.message);
    assert.ok(messages.includes('Currency is a three-letter code such as EUR or USD'));
    assert.ok(messages.includes('Use a time zone name such as Europe/Berlin or America/New_York'));
    assert.ok(messages.includes('"dev" is listed twice'));
    assert.ok(messages.includes('Add a rate for the role "Tester" first'));
    assert.ok(messages.includes('A again is listed twice'));
  });
});

describe('in the report: audiences', () => {
  const facts = (): ReportFacts => ({ ...moneyFacts(), planning: { settings: planning(), baselines: [baselineFixture()] } });

  test('client reports carry no money unless costs are shown to clients, and then money only', () => {
    const hidden = buildReport(facts(), 'client', { showCostsToClient: false });
    assert.equal(hidden.costs, undefined);
    assert.doesNotMatch(JSON.stringify(hidden), /"currency":"EUR"|1500|1900/);
    const shown = buildReport(facts(), 'client', { showCostsToClient: true });
    assert.deepEqual(shown.costs, { currency: 'EUR', billable: true, period: { amount: 1500 }, toDate: { amount: 1900, from: '2026-11-09' }, budget: { amount: 10_000, remainingAmount: 8100, usedAmountShare: 0.19 } });
    // Clients never get the baseline's deviation or decisions.
    assert.equal(shown.plan?.baseline, undefined);
    assert.equal(shown.decisions, undefined);
    const manager = buildReport(facts(), 'manager', { showCostsToClient: false });
    assert.equal(manager.costs?.period.hours, 17);
    assert.equal(manager.plan?.baseline?.id, 'b1');
  });

  test('decisions: open at the period\'s end (nearest deadline first, overdue marked) and resolved within it', () => {
    let doc: DecisionsDocument = { version: 0, items: [] };
    const meta = (id: string, at: string) => ({ id, by: 'pm', at });
    doc = addDecision(doc, 0, { title: 'Pick the payment provider', owner: { name: 'Maya', accountId: 'pm' }, deadline: '2026-11-27' }, meta('d1', '2026-11-10T09:00:00Z'));
    doc = addDecision(doc, 1, { title: 'Approve the go-live date', detail: 'Needs the board', owner: { name: 'Chris' }, deadline: '2026-11-18' }, meta('d2', '2026-11-11T09:00:00Z'));
    doc = addDecision(doc, 2, { title: 'Hosting region', owner: { name: 'Sam' }, deadline: '2026-11-19' }, meta('d3', '2026-11-12T09:00:00Z'));
    doc = resolveDecision(doc, 3, 'd3', 'EU (Frankfurt)', { by: 'pm', at: '2026-11-19T10:00:00Z' });
    doc = addDecision(doc, 4, { title: 'Added after the period', owner: { name: 'Sam' }, deadline: '2026-12-19' }, meta('d4', '2026-11-25T09:00:00Z'));
    const m = buildReport({ ...facts(), today: '2026-11-24', planning: { decisions: doc.items } }, 'executive', { showCostsToClient: false });
    assert.deepEqual(m.decisions?.open.items.map((d) => [d.title, d.owner, d.deadline, d.overdue]), [
      ['Approve the go-live date', 'Chris', '2026-11-18', true],
      ['Pick the payment provider', 'Maya', '2026-11-27', false],
    ]);
    assert.deepEqual(m.decisions?.resolved.items.map((d) => [d.title, d.resolution, d.resolvedOn]), [['Hosting region', 'EU (Frankfurt)', '2026-11-19']]);
    assert.equal(buildReport({ ...facts(), planning: { decisions: doc.items } }, 'client', { showCostsToClient: true }).decisions, undefined);
  });

  test('without planning settings or a baseline: no costs, and the report says no baseline was taken', () => {
    const m = buildReport(fixtureFacts(), 'manager', { showCostsToClient: false });
    assert.equal(m.costs, undefined);
    assert.ok(m.omitted.some((o) => o.startsWith('Deviation from the plan baseline: no baseline')));
    assert.ok(m.forecast.monteCarlo);
  });

  test('flags carry their owner and age in internal reports', () => {
    const m = buildReport(fixtureFacts(), 'manager', { showCostsToClient: false });
    const flag = m.problems.flags.items[0];
    assert.equal(typeof flag.owner, 'string');
    assert.ok((flag.ageDays ?? -1) >= 0);
    const client = buildReport(fixtureFacts(), 'client', { showCostsToClient: false });
    assert.ok(client.problems.flags.items.every((f) => f.owner === undefined && f.ageDays === undefined));
  });
});

describe('milestones and the project forecast', () => {
  const issue = (key: string, over: Partial<ReportIssue>): ReportIssue => ({ key, summary: key, kind: 'standard', epicKey: null, created: '2026-10-01T09:00:00Z', doneAt: null, duedate: null, sprintSpans: [], ...over });

  test('epics with a due date: done, overdue, at risk or on track by the forecast', () => {
    // No closed sprints: weekly throughput from 11-09 (the previous week) up to 11-22: weeks 11-09 and 11-16.
    // E-1: 5 points done each week -> 10 points left need 2 weeks from 11-22 -> 12-06, after its due 12-01: at risk.
    // E-2: due 11-20, open: overdue by 2 days on 11-22. E-3: done 11-18. E-4: due 2027-06-01, 1 point left: on track.
    const base = fixtureFacts();
    const facts: ReportFacts = {
      ...base,
      period: { kind: 'week', from: '2026-11-16', to: '2026-11-22' },
      today: '2026-11-25',
      sprints: [],
      issues: [
        issue('E-1', { kind: 'epic', duedate: '2026-12-01' }),
        issue('E-2', { kind: 'epic', duedate: '2026-11-20' }),
        issue('E-3', { kind: 'epic', duedate: '2026-11-30', doneAt: '2026-11-18T10:00:00Z' }),
        issue('E-4', { kind: 'epic', duedate: '2027-06-01' }),
        issue('X-1', { epicKey: 'E-1', points: 5, doneAt: '2026-11-10T10:00:00Z' }),
        issue('X-2', { epicKey: 'E-1', points: 5, doneAt: '2026-11-17T10:00:00Z' }),
        issue('X-3', { epicKey: 'E-1', points: 10 }),
        issue('X-4', { epicKey: 'E-2', points: 3 }),
        issue('X-5', { epicKey: 'E-4', points: 1 }),
        issue('X-6', { epicKey: 'E-4', points: 1, doneAt: '2026-11-11T10:00:00Z' }),
        issue('X-7', { epicKey: 'E-4', points: 1, doneAt: '2026-11-18T10:00:00Z' }),
      ],
    };
    const m = buildReport(facts, 'manager', { showCostsToClient: false });
    assert.deepEqual(m.plan?.milestones.items.map((x) => [x.key, x.state, x.daysLate, x.remainingPoints, x.forecast50 ?? null]), [
      ['E-2', 'overdue', 2, 3, null],
      ['E-3', 'done', 0, 0, null],
      ['E-1', 'at-risk', 0, 10, '2026-12-06'],
      ['E-4', 'on-track', 0, 1, '2026-11-29'],
    ]);
    // E-4 finishes 1 point every week: its last point takes 1 week -> 11-29.
    // Project: history 11-09 week 6 pts (X-1 5 + X-6 1), 11-16 week 6 (X-2 5 + X-7 1); 14 left -> 3 weeks in every trial -> 12-13.
    assert.equal(m.forecast.monteCarlo?.historyWeeks, 2);
    assert.equal(m.forecast.monteCarlo?.remainingPoints, 14);
    assert.deepEqual(m.forecast.monteCarlo?.completion, { forecast50: '2026-12-13', forecast85: '2026-12-13' });
    // Next week has 4 business days (Thu 11-26 is the fixture's holiday): 0.8 × a draw of 6 = 4.8 -> 4..5.
    assert.deepEqual(m.forecast.velocityPoints, { low: 4, high: 5 });
    assert.deepEqual(throughputOf(facts, '2026-11-22').samples.map((s) => s.points), [6, 6]);
    assert.deepEqual(remainingOf(planItemsOf(facts)), { points: 14, issues: 3, byEpic: { 'E-1': 10, 'E-2': 3, 'E-4': 1 } });
  });

  test('the accuracy of earlier forecasts: within the 50 % and 85 % ranges', () => {
    const history = [
      { period: { from: '2026-11-09', to: '2026-11-15' }, likely50: { low: 4, high: 8 }, likely85: { low: 2, high: 10 }, actualPoints: 9 },
      { period: { from: '2026-11-02', to: '2026-11-08' }, likely50: { low: 4, high: 8 }, likely85: { low: 2, high: 10 }, actualPoints: 5 },
    ];
    const m = buildReport({ ...fixtureFacts(), planning: { forecastHistory: history } }, 'manager', { showCostsToClient: false });
    assert.deepEqual(m.forecast.monteCarlo?.accuracy.map((r) => [r.period.from, r.within50, r.within85]), [['2026-11-02', true, true], ['2026-11-09', false, true]]);
  });
});

describe('decisions: add, edit, resolve', () => {
  const meta = { id: 'd1', by: 'pm', at: '2026-11-10T09:00:00Z' };
  const input = { title: 'Pick the provider', owner: { name: 'Maya', accountId: '' }, deadline: '2026-11-27' };

  test('versions guard every change; resolved decisions are frozen', () => {
    const one = addDecision({ version: 0, items: [] }, 0, input, meta);
    assert.equal(one.version, 1);
    assert.deepEqual(one.items[0].owner, { name: 'Maya' });
    assert.throws(() => addDecision(one, 0, input, { ...meta, id: 'd2' }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
    const edited = updateDecision(one, 1, 'd1', { ...input, detail: 'EU only', deadline: '2026-11-30' }, { by: 'pm', at: '2026-11-11T09:00:00Z' });
    assert.deepEqual([edited.items[0].deadline, edited.items[0].detail], ['2026-11-30', 'EU only']);
    assert.equal(updateDecision(edited, 2, 'd1', input, { by: 'pm', at: '2026-11-11T10:00:00Z' }).items[0].detail, undefined);
    assert.throws(() => updateDecision(edited, 2, 'nope', input, { by: 'pm', at: 'x' }), (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND');
    const done = resolveDecision(edited, 2, 'd1', 'Provider B', { by: 'pm', at: '2026-11-12T09:00:00Z' });
    assert.equal(done.items[0].status, 'resolved');
    assert.throws(() => resolveDecision(done, 3, 'd1', 'again', { by: 'pm', at: 'x' }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
    assert.throws(() => updateDecision(done, 3, 'd1', input, { by: 'pm', at: 'x' }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
  });

  test('bounded: at most 50 open; resolved ones beyond 80 kept are dropped, oldest first', () => {
    let doc: DecisionsDocument = { version: 0, items: [] };
    for (let n = 0; n < 50; n++) doc = addDecision(doc, doc.version, input, { ...meta, id: `o${n}` });
    assert.throws(() => addDecision(doc, doc.version, input, { ...meta, id: 'x' }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
    for (let n = 0; n < 40; n++) doc = resolveDecision(doc, doc.version, `o${n}`, 'ok', { by: 'pm', at: `2026-11-12T09:${String(n).padStart(2, '0')}:00Z` });
    for (let n = 0; n < 40; n++) doc = addDecision(doc, doc.version, input, { ...meta, id: `p${n}` });
    // 50 open + 40 resolved = 90 > 80 kept: the 30 most recently resolved stay (o10..o39).
    const resolved = doc.items.filter((d) => d.status === 'resolved').map((d) => d.id);
    assert.equal(doc.items.length, 80);
    assert.deepEqual(new Set(resolved), new Set(Array.from({ length: 30 }, (_, n) => `o${n + 10}`)));
    assert.throws(() => addDecision(doc, doc.version, input, { ...meta, id: 'x' }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
  });

  test('a stored document is read defensively', () => {
    assert.deepEqual(parseDecisions(undefined), { version: 0, items: [] });
    assert.deepEqual(parseDecisions({ version: -1, items: 'x' }), { version: 0, items: [] });
    const good = { id: 'a', title: 't', deadline: '2026-11-01', status: 'open', owner: { name: 'M' } };
    assert.deepEqual(parseDecisions({ version: 3, items: [good, { id: 1 }, null, { ...good, status: 'maybe' }] }), { version: 3, items: [good] });
  });
});

describe('exports carry the decisions, milestones, money and deviation', () => {
  test('markdown of the executive report lists the PM\'s decision with owner and deadline first; the client\'s has no money unless shown', async () => {
    const { reportMarkdown } = await import('../../src/reports/export/markdown');
    const facts: ReportFacts = {
      ...moneyFacts(),
      planning: {
        settings: planning(),
        baselines: [baselineFixture()],
        decisions: [{ id: 'd1', title: 'Pick the payment provider', owner: { name: 'Maya' }, deadline: '2026-11-27', status: 'open', createdAt: '2026-11-10T09:00:00Z', createdBy: 'pm', updatedAt: '2026-11-10T09:00:00Z', updatedBy: 'pm' }],
      },
    };
    const md = reportMarkdown(buildReport(facts, 'executive', { showCostsToClient: false }));
    assert.match(md, /Pick the payment provider — Maya, by 27 Nov 2026/);
    assert.match(md, /This period: EUR 1500 \(17 h\)/);
    const client = reportMarkdown(buildReport(facts, 'client', { showCostsToClient: false }));
    assert.doesNotMatch(client, /EUR|Pick the payment provider|Budget/);
    const clientWithCosts = reportMarkdown(buildReport(facts, 'client', { showCostsToClient: true }));
    assert.match(clientWithCosts, /Budget: EUR 10000, EUR 8100 left/);
    assert.doesNotMatch(clientWithCosts, /17 h|Manpower:/);
  });
});

describe('edge cases of the plan parts', () => {
  const issue = (key: string, over: Partial<ReportIssue>): ReportIssue => ({ key, summary: key, kind: 'standard', epicKey: null, created: '2026-10-01T09:00:00Z', doneAt: null, duedate: null, sprintSpans: [], ...over });

  test('throughput from one closed sprint (its end date when it has no complete date); sprints without a start or ending later are not history', () => {
    const base = fixtureFacts();
    const facts: ReportFacts = {
      ...base,
      sprints: [
        { id: 1, name: 'Only', state: 'closed', startDate: '2026-11-02T09:00:00Z', endDate: '2026-11-13T17:00:00Z' },
        { id: 2, name: 'No start', state: 'closed', endDate: '2026-11-13T17:00:00Z' },
        { id: 3, name: 'Later', state: 'closed', startDate: '2026-11-23T09:00:00Z', completeDate: '2026-12-04T17:00:00Z' },
      ],
      issues: [issue('S-1', { points: 6, doneAt: '2026-11-05T10:00:00Z', sprintSpans: [{ sprintId: 1, from: '2026-11-01T09:00:00Z', to: null }] }), issue('S-2', { doneAt: '2026-11-06T10:00:00Z', epicKey: 'E-9', sprintSpans: [{ sprintId: 1, from: '2026-11-01T09:00:00Z', to: null }] })],
    };
    const t = throughputOf(facts, '2026-11-20');
    // 11-02..11-13 holds 9 business days (11-11 is a holiday): 6 points in 9/5 weeks = 3.33 a week; S-2 unestimated counts 0 for E-9.
    assert.equal(t.basis, 'throughput of the last closed sprint, per week');
    assert.deepEqual(t.samples.map((s) => [s.label, Math.round(s.points * 100) / 100, Math.round(s.issues * 100) / 100, s.byEpic]), [['Only', 3.33, 1.11, { 'E-9': 0 }]]);
  });

  test('weekly history counts whole weeks only, in the plural', () => {
    const facts: ReportFacts = { ...fixtureFacts(), period: { kind: 'month', from: '2026-11-01', to: '2026-11-30' }, today: '2026-11-30', sprints: [], issues: [] };
    // Whole weeks from the previous month's start (10-01) to Sunday 11-29: 11-23, 11-16, … back to 10-05 = 8 weeks, at most 12.
    const t = throughputOf(facts, '2026-11-30');
    assert.equal(t.samples.length, 8);
    assert.equal(t.basis, 'weekly throughput of the last 8 whole weeks');
  });

  test('the forecast says why there is no completion date; a milestone without history has no forecast', () => {
    const base = fixtureFacts();
    const noPace: ReportFacts = { ...base, sprints: [], issues: [issue('E-1', { kind: 'epic', duedate: '2027-01-15' }), issue('X-1', { epicKey: 'E-1', points: 3 })] };
    const m = buildReport(noPace, 'manager', { showCostsToClient: false });
    assert.deepEqual(m.forecast.monteCarlo?.completion, { note: 'No forecast: no work was finished in the history looked at.' });
    assert.deepEqual(m.plan?.milestones.items.map((x) => x.state), ['no-forecast']);
    const nothingLeft = buildReport({ ...noPace, issues: [] }, 'manager', { showCostsToClient: false });
    assert.deepEqual(nothingLeft.forecast.monteCarlo?.completion, { note: 'No work left.' });
    const slow = buildReport({ ...noPace, planning: { throughput: { basis: 'given', samples: [{ label: 'w', points: 0.001, issues: 1, byEpic: {} }] }, remaining: { points: 10_000, issues: 1, byEpic: {} } } }, 'manager', { showCostsToClient: false });
    assert.match(slow.forecast.monteCarlo?.completion.note ?? '', /more than five years/);
  });

  test('milestones compare with the baseline: a due date moved, an epic new to the plan', () => {
    const base = fixtureFacts();
    const baseline = takeBaseline([item('E-1', { kind: 'epic', due: '2027-01-10' })], [], { id: 'b', projectKey: 'SHOP', takenAt: '2026-11-01T09:00:00Z', takenBy: 'nobody-known' });
    const facts: ReportFacts = { ...base, sprints: [], issues: [issue('E-1', { kind: 'epic', duedate: '2027-01-20' }), issue('E-2', { kind: 'epic', duedate: '2027-02-01' }), issue('E-3', { kind: 'epic', duedate: '2027-01-10' })], planning: { baselines: [baseline] } };
    const m = buildReport(facts, 'manager', { showCostsToClient: false });
    assert.deepEqual(m.plan?.milestones.items.map((x) => [x.key, x.baselineDue]), [['E-3', null], ['E-1', '2027-01-10'], ['E-2', null]]);
    assert.equal(m.plan?.baseline?.takenByName, 'Project manager');
  });

  test('a capped baseline is said so; costs: budget after the period, no budget start, the reader\'s total, decisions with one deadline by title', () => {
    const many = Array.from({ length: BASELINE_ITEM_CAP + 1 }, (_, n) => item(`B-${n + 1}`, { due: '2026-12-01' }));
    const capped = takeBaseline(many, [], { id: 'b', projectKey: 'SHOP', takenAt: '2026-11-01T09:00:00Z', takenBy: 'pm' });
    const m = buildReport({ ...fixtureFacts(), planning: { baselines: [capped] } }, 'manager', { showCostsToClient: false });
    assert.ok(m.omitted.some((o) => o === `Plan baseline: it holds the first ${BASELINE_ITEM_CAP} of ${BASELINE_ITEM_CAP + 1} planned items (epics and the earliest due first).`));
    const after = costsOf(moneyFacts(), {}, planning({ budget: { hours: 5, from: '2026-12-01' } }), 'manager');
    assert.deepEqual(after.period, { hours: 0, amount: 0 });
    const reader = costsOf(moneyFacts(), { effortToDate: { secondsByPerson: { dev1: 3600 } } }, planning({ budget: { hours: 0, amount: 0 } }), 'manager');
    assert.deepEqual(reader.toDate, { hours: 1, amount: 100 });
    assert.deepEqual(reader.budget, { hours: 0, amount: 0, remainingHours: -1, remainingAmount: -100 });
    const noPeople = costsOf(moneyFacts(), {}, planning({ people: [], budget: undefined }), 'manager');
    assert.equal(noPeople.capacity, undefined);
    assert.equal(noPeople.budget, undefined);
    const withReader = buildReport({ ...moneyFacts(), planning: { settings: planning({ budget: { amount: 1 } }), effortToDate: { secondsByPerson: { dev1: 7200 } } } }, 'client', { showCostsToClient: true });
    assert.deepEqual(withReader.costs, { currency: 'EUR', billable: true, period: { amount: 1500 }, toDate: { amount: 200 }, budget: { amount: 1, remainingAmount: -199, usedAmountShare: 200 } });
    const noToDate = buildReport({ ...moneyFacts(), planning: { settings: planning({ budget: { hours: 3, from: '2026-01-01' } }) } }, 'manager', { showCostsToClient: false });
    assert.ok(noToDate.omitted.includes('Cost to date: the worklogs since the budget started were not read; only this period is costed.'));
    const clientNoBudget = buildReport({ ...moneyFacts(), planning: { settings: planning({ budget: { hours: 3, from: '2026-01-01' } }) } }, 'client', { showCostsToClient: true });
    assert.deepEqual(clientNoBudget.costs, { currency: 'EUR', billable: true, period: { amount: 1500 } });
    const d = (id: string, title: string) => ({ id, title, owner: { name: 'M' }, deadline: '2026-11-30', status: 'open' as const, createdAt: '2026-11-01T09:00:00Z', createdBy: 'pm', updatedAt: '2026-11-01T09:00:00Z', updatedBy: 'pm' });
    const sorted = buildReport({ ...fixtureFacts(), planning: { decisions: [d('2', 'Beta'), d('1', 'Alpha')] } }, 'manager', { showCostsToClient: false });
    assert.deepEqual(sorted.decisions?.open.items.map((x) => x.title), ['Alpha', 'Beta']);
  });
});

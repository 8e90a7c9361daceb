/**
 * The report's rules at their edges: status thresholds, periods, the forecast range, bounding,
 * sprint memberships from the Sprint field's history, and a project without sprints.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { AppError } from '../../src/platform/domain/errors';
import { boundModel, byteSize } from '../../src/reports/domain/bound';
import { buildReport } from '../../src/reports/domain/build';
import { sprintSpansFromHistory } from '../../src/reports/domain/facts';
import { customPeriod, nextPeriod, periodOf, previousPeriod } from '../../src/reports/domain/period';
import { computeStatus, evaluateStatusRules, type StatusInputs } from '../../src/reports/domain/status';
import { fixtureFacts } from './report-facts-fixture';

const calm: StatusInputs = {
  openCriticalFlags: 0,
  openHighFlags: 0,
  endedSprints: { count: 1, committedPoints: 100, completedPoints: 100 },
  missedDueDates: 0,
  maxBusinessDaysLate: 0,
  maxAskOverdueBusinessDays: 0,
  asksOverdueAtThreshold: 0,
  committedPoints: 100,
  scopeAddedPoints: 0,
};
const statusOf = (change: Partial<StatusInputs>) => computeStatus({ ...calm, ...change }).computed;
const rulesOf = (change: Partial<StatusInputs>) => evaluateStatusRules({ ...calm, ...change }).map((f) => f.rule);

describe('status rules at their thresholds', () => {
  test('nothing triggered: on track, with the reason saying so', () => {
    const status = computeStatus(calm);
    assert.equal(status.computed, 'on-track');
    assert.deepEqual(status.reasons, ['No status rule is triggered: sprints on plan, no missed due dates, no serious flags, no long-overdue asks.']);
  });

  test('sprint completion: below 60% off track, 60% up to below 85% at risk, 85% on track', () => {
    const completed = (points: number) => statusOf({ endedSprints: { count: 2, committedPoints: 100, completedPoints: points } });
    assert.equal(completed(59), 'off-track');
    assert.equal(completed(60), 'at-risk');
    assert.equal(completed(84), 'at-risk');
    assert.equal(completed(85), 'on-track');
    assert.deepEqual(rulesOf({ endedSprints: { count: 2, committedPoints: 100, completedPoints: 59 } }), ['sprint-completion-low']);
    // No sprint ended, or nothing committed: the rule does not apply.
    assert.equal(statusOf({ endedSprints: { count: 0, committedPoints: 0, completedPoints: 0 } }), 'on-track');
    assert.equal(statusOf({ endedSprints: { count: 1, committedPoints: 0, completedPoints: 0 } }), 'on-track');
  });

  test('missed due dates: 5 business days late off track, fewer at risk', () => {
    assert.equal(statusOf({ missedDueDates: 1, maxBusinessDaysLate: 5 }), 'off-track');
    assert.equal(statusOf({ missedDueDates: 2, maxBusinessDaysLate: 4 }), 'at-risk');
    assert.equal(statusOf({ missedDueDates: 1, maxBusinessDaysLate: 0 }), 'at-risk'); // late but not yet a business day
    assert.deepEqual(computeStatus({ ...calm, missedDueDates: 2, maxBusinessDaysLate: 4 }).reasons, ['2 issues missed a due date (overdue ones carry over), by up to 4 business days.']);
  });

  test('flags: an open critical flag off track, a high one at risk', () => {
    assert.equal(statusOf({ openCriticalFlags: 1 }), 'off-track');
    assert.equal(statusOf({ openHighFlags: 1 }), 'at-risk');
  });

  test('asks: 3 business days overdue at risk, 2 not', () => {
    assert.equal(statusOf({ maxAskOverdueBusinessDays: 3, asksOverdueAtThreshold: 1 }), 'at-risk');
    assert.equal(statusOf({ maxAskOverdueBusinessDays: 2 }), 'on-track');
  });

  test('scope added: more than 20% of committed points at risk, exactly 20% not', () => {
    assert.equal(statusOf({ scopeAddedPoints: 20 }), 'on-track');
    assert.equal(statusOf({ scopeAddedPoints: 21 }), 'at-risk');
    assert.equal(statusOf({ committedPoints: 0, scopeAddedPoints: 50 }), 'on-track');
  });

  test('previous forecast: below its low end at risk; at the low end or above the high end not', () => {
    assert.equal(statusOf({ previousForecast: { low: 10, high: 14, actual: 9 } }), 'at-risk');
    assert.equal(statusOf({ previousForecast: { low: 10, high: 14, actual: 10 } }), 'on-track');
    assert.equal(statusOf({ previousForecast: { low: 10, high: 14, actual: 20 } }), 'on-track');
  });

  test('off-track reasons come first; a client view judges without the flag rules (not even a line saying there are internal flags)', () => {
    const inputs = { ...calm, openHighFlags: 2, openCriticalFlags: 1, maxAskOverdueBusinessDays: 4, asksOverdueAtThreshold: 2 };
    assert.deepEqual(computeStatus(inputs).reasons, ['1 critical red flag open.', '2 high red flags open.', '2 client asks 3 or more business days overdue (up to 4).']);
    assert.equal(computeStatus(inputs).computed, 'off-track');
    const client = computeStatus(inputs, undefined, { clientView: true });
    assert.deepEqual(client.reasons, ['2 client asks 3 or more business days overdue (up to 4).']);
    assert.equal(client.computed, 'at-risk');
  });

  test('an override needs a known status', () => {
    assert.throws(
      () => computeStatus(calm, { status: 'fine' as never, reason: 'x', by: 'acc-pm', at: '2026-11-20T10:00:00Z' }),
      (error: unknown) => error instanceof AppError && error.fields?.status === 'Choose a status',
    );
  });
});

describe('periods', () => {
  test('a week is Monday to Sunday of the ISO week, across a year end', () => {
    assert.deepEqual(periodOf('week', '2026-11-22'), { kind: 'week', from: '2026-11-16', to: '2026-11-22' }); // a Sunday
    assert.deepEqual(periodOf('week', '2026-11-16'), { kind: 'week', from: '2026-11-16', to: '2026-11-22' }); // a Monday
    assert.deepEqual(periodOf('week', '2027-01-01'), { kind: 'week', from: '2026-12-28', to: '2027-01-03' });
  });

  test('a month is the calendar month, leap years included', () => {
    assert.deepEqual(periodOf('month', '2028-02-15'), { kind: 'month', from: '2028-02-01', to: '2028-02-29' });
    assert.deepEqual(previousPeriod(periodOf('month', '2026-03-31')), { kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    assert.deepEqual(nextPeriod(periodOf('month', '2026-12-05')), { kind: 'month', from: '2027-01-01', to: '2027-01-31' });
  });

  test('custom periods: as long before / after, checked', () => {
    const p = customPeriod('2026-11-10', '2026-11-19'); // 10 days
    assert.deepEqual(previousPeriod(p), { kind: 'custom', from: '2026-10-31', to: '2026-11-09' });
    assert.deepEqual(nextPeriod(p), { kind: 'custom', from: '2026-11-20', to: '2026-11-29' });
    assert.throws(() => customPeriod('2026-11-10', '2026-11-09'), (e: unknown) => e instanceof AppError && e.fields?.to === 'Must be on or after the start date');
    assert.throws(() => customPeriod('2026-01-01', '2027-01-02'), (e: unknown) => e instanceof AppError && e.fields?.to === 'At most 366 days after the start');
    assert.deepEqual(customPeriod('2026-01-01', '2027-01-01').to, '2027-01-01'); // 366 days: allowed
    assert.throws(() => periodOf('week', '2026-02-30'), (e: unknown) => e instanceof AppError && e.fields?.date === 'Pick a date');
  });
});

describe('sprint memberships from the Sprint field history', () => {
  test('a sprint set at creation counts from creation; a removed one ends; a kept closed one stays', () => {
    const spans = sprintSpansFromHistory('2026-11-01T10:00:00.000Z', [2], [
      { at: '2026-11-03T10:00:00.000Z', from: [], to: [1] },
      { at: '2026-11-13T18:00:00.000Z', from: [1], to: [1, 2] },
      { at: '2026-11-14T09:00:00.000Z', from: [1, 2], to: [2] },
    ]);
    assert.deepEqual(spans, [
      { sprintId: 1, from: '2026-11-03T10:00:00.000Z', to: '2026-11-14T09:00:00.000Z' },
      { sprintId: 2, from: '2026-11-13T18:00:00.000Z', to: null },
    ]);
    assert.deepEqual(sprintSpansFromHistory('2026-11-01T10:00:00.000Z', [7], []), [{ sprintId: 7, from: '2026-11-01T10:00:00.000Z', to: null }]);
  });
});

describe('bounding', () => {
  test('caps lists until the JSON fits, keeping totals and JQL', () => {
    const facts = fixtureFacts();
    const template = facts.asks[0];
    for (let n = 0; n < 20; n++) facts.asks.push({ ...template, issueKey: `SHOP-${100 + n}`, summary: `Ask number ${n} ${'x'.repeat(150)}` });
    const full = buildReport(facts, 'manager', { showCostsToClient: false });
    assert.equal(full.clientActions.asks.items.length, 22);
    const limit = byteSize(full) - 2000;
    const small = boundModel(full, limit);
    assert.ok(byteSize(small) <= limit, `${byteSize(small)} > ${limit}`);
    assert.ok(small.clientActions.asks.items.length < 22);
    assert.equal(small.clientActions.asks.total, 22);
    assert.equal(small.clientActions.asks.jql, full.clientActions.asks.jql);
    assert.deepEqual(small.headline, full.headline);
    assert.throws(() => boundModel(full, 500), RangeError);
  });
});

describe('epics', () => {
  test('the epics the period moved most come first; a capped list says how many there were', () => {
    const facts = fixtureFacts();
    // Five more epics E-50..E-54, each with one issue done on 2026-11-19 worth 1, 2, 3, 4, 5 points.
    for (let n = 0; n < 5; n++) {
      const epic = `SHOP-${50 + n}`;
      facts.issues.push({ key: epic, summary: `Epic ${n}`, kind: 'epic', epicKey: null, created: '2026-10-01T09:00:00.000Z', doneAt: null, duedate: null, sprintSpans: [] });
      facts.issues.push({ key: `SHOP-${60 + n}`, summary: `Child ${n}`, kind: 'standard', points: n + 1, epicKey: epic, created: '2026-11-02T09:00:00.000Z', doneAt: '2026-11-19T11:00:00.000Z', duedate: null, sprintSpans: [] });
    }
    // Done in the week: SHOP-54 5, SHOP-53 4, SHOP-1 3 (SHOP-7), SHOP-2 3 (SHOP-11), SHOP-52 3, SHOP-51 2, SHOP-50 1.
    const exec = buildReport(facts, 'executive', { showCostsToClient: false });
    assert.deepEqual(exec.progress.epics.map((e) => e.key), ['SHOP-54', 'SHOP-53', 'SHOP-1', 'SHOP-2', 'SHOP-52']);
    assert.equal(exec.progress.epicsTotal, 7);
    const full = buildReport(facts, 'manager', { showCostsToClient: false });
    assert.equal(full.progress.epics.length, 7);
    assert.equal(full.progress.epicsTotal, undefined);
  });
});

describe('a project without sprints', () => {
  const facts = fixtureFacts();
  facts.sprints = [];
  for (const issue of facts.issues) issue.sprintSpans = [];
  const m = buildReport(facts, 'manager', { showCostsToClient: false });

  test('burn-up is the work completed so far in the period', () => {
    // Done: SHOP-15 11-16 (1); SHOP-7 11-17 (3) -> 4; SHOP-9 (2), SHOP-10 (0) 11-18 -> 6; 11-19 -> 6; SHOP-11 11-20 (3) -> 9.
    assert.deepEqual(m.progress.burnUp.map((p) => [p.date, p.scopePoints, p.donePoints]), [
      ['2026-11-16', 1, 1], ['2026-11-17', 4, 4], ['2026-11-18', 6, 6], ['2026-11-19', 6, 6], ['2026-11-20', 9, 9],
    ]);
    assert.deepEqual(m.progress.sprints, []);
    assert.equal(m.headline.committedIssues, 0);
    assert.deepEqual(m.deviation.notDone, { items: [], total: 0 });
  });

  test('the forecast resamples the whole weeks of throughput the facts cover', () => {
    // Today is Fri 11-20: the last whole week is 11-09..11-15 (the facts reach back to the previous
    // week's start, 11-09): SHOP-5 (8) + SHOP-6 (2) = 10 pts, 2 issues. Next week has 4 business
    // days (11-26 holiday) = 0.8 week: every trial gives 8 pts and 1.6 issues -> points 8..8, issues 1..2.
    // 21 points left at 10 a week: 3 weeks from 11-20 -> 12-11.
    assert.deepEqual(m.forecast.velocityPoints, { low: 8, high: 8 });
    assert.deepEqual(m.forecast.velocityIssues, { low: 1, high: 2 });
    assert.equal(m.forecast.basis, '85 % range of 5,000 simulated periods drawn from the weekly throughput of the last 1 whole week, over the 4 business days of 2026-11-23 to 2026-11-29, at most the 21 points left');
    assert.deepEqual(m.forecast.monteCarlo?.completion, { forecast50: '2026-12-11', forecast85: '2026-12-11' });
    assert.deepEqual(m.forecast.plannedNext, { items: [], total: 0 });
  });

  test('status: at risk without the sprint rules', () => {
    // High flag, missed due dates (worst 4 days), an ask 3 days overdue, 9 < previous low 10; no ended sprint.
    assert.equal(m.status.computed, 'at-risk');
    assert.equal(m.status.reasons.length, 4);
  });
});

/**
 * buildReport against the hand-made fixture (report-facts-fixture.ts): every section's numbers
 * are worked out by hand in the comments. Period: week Mon 2026-11-16 .. Sun 2026-11-22, today
 * Fri 2026-11-20 12:00 UTC; calendar Mon–Fri, holidays 2026-11-11 (Wed) and 2026-11-26 (Thu).
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { AppError } from '../../src/platform/domain/errors';
import { buildReport } from '../../src/reports/domain/build';
import type { ReportModel } from '../../src/reports/domain/model';
import { fixtureFacts, PEOPLE } from './report-facts-fixture';

const manager = (): ReportModel => buildReport(fixtureFacts(), 'manager', { showCostsToClient: false });

describe('report sections from the fixture (manager audience)', () => {
  const m = manager();

  test('progress per sprint: Sprint 2 and Sprint 3 ran in the period', () => {
    // Sprint 1 ended 11-13 (< 11-16) and Sprint 0 in October: not in the week; Sprint 4 has not started.
    // Sprint 2 (11-16 09:00 .. 11-18 17:00): in it at its start: SHOP-7 (joined 11-13 18:00, 3 pts),
    //   SHOP-8 (11-14, 5), SHOP-10 (11-14, unestimated = 0) -> committed 3 issues, 3+5+0 = 8 pts.
    //   Done by 11-18 17:00 while in it: SHOP-7 (11-17), SHOP-9 (11-18 12:00, 2), SHOP-10 (11-18 16:00)
    //   -> completed 3 issues, 3+2+0 = 5 pts.
    // Sprint 3 (active since 11-19 09:00, "now" 11-20 12:00): at its start SHOP-8 (5), SHOP-11 (3),
    //   SHOP-13 (1) -> 3 issues, 9 pts; SHOP-12 joined later. Done: SHOP-11 (11-20 10:00) -> 1, 3 pts.
    assert.deepEqual(
      m.progress.sprints.map((s) => [s.id, s.name, s.state, s.committedIssues, s.committedPoints, s.completedIssues, s.completedPoints]),
      [
        [2, 'Sprint 2', 'closed', 3, 8, 3, 5],
        [3, 'Sprint 3', 'active', 3, 9, 1, 3],
      ],
    );
  });

  test('per sprint, committed work done apart from work added after the start', () => {
    // Sprint 2: committed {7, 8, 10} ∩ completed {7, 9, 10} = {7 (3), 10 (0)} -> 2 issues, 3 pts
    //   (SHOP-9's 2 pts were done in the sprint but not committed at its start).
    // Sprint 3: committed {8, 11, 13} ∩ completed {11 (3)} -> 1 issue, 3 pts.
    assert.deepEqual(
      m.progress.sprints.map((s) => [s.name, s.committedDoneIssues, s.committedDonePoints]),
      [
        ['Sprint 2', 2, 3],
        ['Sprint 3', 1, 3],
      ],
    );
  });

  test('headline: committed = distinct sprint commitments, completed = finished in the week', () => {
    // Committed: {7, 8, 10} ∪ {8, 11, 13} = 5 issues; 3+5+0+3+1 = 12 pts.
    // Completed 11-16..11-22 (standard issues): SHOP-15 (11-16, 1), SHOP-7 (11-17, 3), SHOP-9 (11-18, 2),
    //   SHOP-10 (11-18, 0), SHOP-11 (11-20, 3) -> 5 issues, 9 pts (sub-task SHOP-17 not counted).
    // Open flags: f1 (SHOP-8) and f2 (SHOP-12); f3 is resolved -> 2.
    // Overdue asks: SHOP-8's (due 11-17 < 11-20) -> 1; SHOP-13's is due 11-24.
    // Pending changes: SHOP-20 awaiting approval -> 1.
    // Of the committed {7, 8, 10, 11, 13}, done by 11-22: 7 (3), 10 (0), 11 (3) -> 3 issues, 6 pts.
    assert.deepEqual(m.headline, {
      committedIssues: 5, completedIssues: 5, committedPoints: 12, completedPoints: 9, openFlags: 2, overdueAsks: 1, pendingChanges: 1, committedDoneIssues: 3, committedDonePoints: 6,
    });
  });

  test('epics: completion as the period ended', () => {
    // SHOP-1 children 3(5) 5(8) 7(3) 10(0) 12(8) 16(5): total 6 issues, 29 pts; done by 11-22: 3, 5, 7, 10 -> 4 issues, 16 pts.
    // SHOP-2 children 4(3) 6(2) 8(5) 11(3) 13(1) 14(2): total 6, 16 pts; done: 4, 6, 11 -> 3 issues, 8 pts.
    assert.deepEqual(m.progress.epics, [
      { key: 'SHOP-1', summary: 'Checkout', doneIssues: 4, totalIssues: 6, donePoints: 16, totalPoints: 29 },
      { key: 'SHOP-2', summary: 'Search', doneIssues: 3, totalIssues: 6, donePoints: 8, totalPoints: 16 },
    ]);
    assert.equal(m.progress.epicsTotal, undefined);
  });

  test('burn-up: scope of the running sprints per day, up to today', () => {
    // 11-16: Sprint 2 holds 7(3) 8(5) 10(0) = 8; nothing done.
    // 11-17: + SHOP-9 (created 11-17, 2) = 10; done SHOP-7 = 3.
    // 11-18: scope 10; done 7, 9, 10 = 3+2+0 = 5.
    // 11-19: Sprint 3 starts: + SHOP-11 (3), SHOP-12 (8), SHOP-13 (1) (SHOP-8 already counted) = 22; done 5.
    // 11-20 (today, the last day shown): 22; done + SHOP-11 = 8.
    assert.deepEqual(m.progress.burnUp, [
      { date: '2026-11-16', scopePoints: 8, donePoints: 0 },
      { date: '2026-11-17', scopePoints: 10, donePoints: 3 },
      { date: '2026-11-18', scopePoints: 10, donePoints: 5 },
      { date: '2026-11-19', scopePoints: 22, donePoints: 5 },
      { date: '2026-11-20', scopePoints: 22, donePoints: 8 },
    ]);
  });

  test('deviation: not done, missed due dates, scope added, previous forecast', () => {
    // Not done: Sprint 2 ended in the week; of its commitment {7, 8, 10} only SHOP-8 was not completed.
    assert.deepEqual(m.deviation.notDone, { items: [{ key: 'SHOP-8', summary: 'Work item SHOP-8', points: 5 }], total: 1, jql: 'issuekey in (SHOP-8) ORDER BY key' });
    // Missed (due in the week, before today, not done by the due date), business days after the due date:
    //   epic SHOP-2 due Mon 11-16, open: Tue..Fri 11-17..11-20 = 4;
    //   SHOP-8 due Wed 11-18, open: Thu, Fri = 2;
    //   SHOP-10 due Tue 11-17, done Wed 11-18: 1.  (Sub-task SHOP-17 due 11-16, done 11-17: not counted.)
    assert.deepEqual(
      m.deviation.missedDueDates.items.map((i) => [i.key, i.due, i.businessDaysLate]),
      [['SHOP-2', '2026-11-16', 4], ['SHOP-8', '2026-11-18', 2], ['SHOP-10', '2026-11-17', 1]],
    );
    assert.equal(m.deviation.missedDueDates.total, 3);
    // Scope added: SHOP-9 joined Sprint 2 on 11-17 (after its 11-16 start), SHOP-12 joined Sprint 3 on 11-19
    // (after its start); SHOP-8 joined Sprint 3 on 11-18, before it started (committed). 8 + 2 = 10 pts.
    assert.deepEqual(m.deviation.scopeAdded.items.map((i) => [i.key, i.points]), [['SHOP-12', 8], ['SHOP-9', 2]]);
    assert.equal(m.deviation.scopeAdded.total, 2);
    assert.equal(m.deviation.scopeAdded.points, 10);
    // The previous report expected 10..14 points; 9 were completed -> outside.
    assert.deepEqual(m.deviation.previousForecast, { expectedPoints: { low: 10, high: 14 }, actualPoints: 9, within: false });
  });

  test('completed work grouped by epic', () => {
    // SHOP-1: SHOP-7 (3) + SHOP-10 (0) = 3; SHOP-2: SHOP-11 (3) = 3; no epic: SHOP-9 (2) + SHOP-15 (1) = 3.
    // Equal points: epics by key, "No epic" last. Total 5 issues, 9 points (= headline).
    assert.deepEqual(
      m.completed.byEpic.map((g) => [g.epicKey, g.epicSummary, g.issues.items.map((i) => i.key), g.issues.total, g.points]),
      [
        ['SHOP-1', 'Checkout', ['SHOP-7', 'SHOP-10'], 2, 3],
        ['SHOP-2', 'Search', ['SHOP-11'], 1, 3],
        [null, 'No epic', ['SHOP-9', 'SHOP-15'], 2, 3],
      ],
    );
    assert.equal(m.completed.total, 5);
    assert.equal(m.completed.points, 9);
  });

  test('manpower: hours this week versus the week before', () => {
    // This week (11-16..11-22): Dana 3 h (SHOP-7) + 1.5 h (SHOP-11) = 4.5; Eli 2 h (SHOP-9). Total 6.5.
    // Week before (11-09..11-15): Dana 4 h (SHOP-5), Eli 1 h (SHOP-6). Total 5. (Dana's 11-05 log: neither.)
    // Per epic: SHOP-1 3 (prev 4: SHOP-5), no epic 2 (prev 0), SHOP-2 1.5 (prev 1: SHOP-6).
    assert.equal(m.manpower?.totalHours, 6.5);
    assert.equal(m.manpower?.previousTotalHours, 5);
    assert.deepEqual(m.manpower?.byPerson, [
      { accountId: PEOPLE.dana, name: 'Dana Developer', hours: 4.5, previousHours: 4 },
      { accountId: PEOPLE.eli, name: 'Eli Engineer', hours: 2, previousHours: 1 },
    ]);
    assert.deepEqual(m.manpower?.byEpic.map((e) => [e.epicKey, e.hours, e.previousHours]), [['SHOP-1', 3, 4], [null, 2, 0], ['SHOP-2', 1.5, 1]]);
  });

  test('problems: open flags by severity, and client delays', () => {
    // Open: f1 high (SHOP-8), f2 medium (SHOP-12); f3 critical is resolved.
    assert.deepEqual(m.problems.flags.items.map((f) => [f.issueKey, f.severity, f.category]), [['SHOP-8', 'high', 'Blocked on client'], ['SHOP-12', 'medium', 'Scope creep']]);
    assert.equal(m.problems.flags.total, 2);
    // Carol's SHOP-8 ask waited past its due date 11-17 on Wed 11-18, Thu 11-19, Fri 11-20 = 3 business days.
    // Her SHOP-6 ask was answered 11-12 (before the week); Max's ask is not due yet.
    assert.deepEqual(m.problems.clientDelays, [{ client: 'Carol Client', businessDays: 3, issues: ['SHOP-8'] }]);
  });

  test('client actions: waiting asks, most overdue first', () => {
    // SHOP-8: due Tue 11-17 -> overdue Wed, Thu, Fri = 3. SHOP-13: due 11-24 -> 0. SHOP-6's is answered: not waiting.
    assert.deepEqual(
      m.clientActions.asks.items.map((a) => [a.issueKey, a.client, a.ask, a.due, a.overdueBusinessDays]),
      [
        ['SHOP-8', 'Carol Client', 'Send the payment provider keys', '2026-11-17', 3],
        ['SHOP-13', 'Max Marketing', 'Approve the banner copy', '2026-11-24', 0],
      ],
    );
    assert.equal(m.clientActions.asks.total, 2);
  });

  test('change requests: new and decided in the week, totals up to its end', () => {
    // New (requested 11-16..11-22): SHOP-20 (11-17), SHOP-23 (11-16) = 2.
    // Decided in the week: SHOP-21 paid 11-18, SHOP-23 declined 11-19.
    // Totals over decisions up to 11-22: paid EUR 4000 (SHOP-21) and USD 500 (SHOP-24);
    //   schedule days of approved changes 3 (21) + 1 (22, unpaid) + 0 (24) = 4; unpaid effort: SHOP-22 = 2 days.
    assert.equal(m.changes.new, 2);
    assert.deepEqual(m.changes.decided.items, [
      { issueKey: 'SHOP-21', summary: 'Extra language', outcome: 'paid', price: { amount: 4000, currency: 'EUR' }, scheduleDays: 3 },
      { issueKey: 'SHOP-23', summary: 'Remove wishlist', outcome: 'declined' },
    ]);
    assert.deepEqual(m.changes.totals, { paidValue: [{ amount: 4000, currency: 'EUR' }, { amount: 500, currency: 'USD' }], scheduleDaysAdded: 4, unpaidEffortDays: 2 });
  });

  test('forecast: the Monte Carlo 85 % range from the last three closed sprints, over next week', () => {
    // Next week 11-23..11-29 has 4 business days (Thu 11-26 is a holiday): 0.8 of a 5-day week.
    // Per week: Sprint 2: 5 pts, 3 issues over 3 business days = 8.33 pts, 5 issues a week -> 6.67 pts, 4 issues in 0.8 week.
    // Sprint 1: SHOP-5 + SHOP-6 = 10 pts, 2 issues over 9 business days (11-02..11-13 minus 11-11): 4.44 pts, 0.89 issues.
    // Sprint 0: SHOP-3 + SHOP-4 = 8 pts, 2 issues over 10 business days: 3.2 pts, 0.8 issues.
    // Each trial draws one of the three (a part week), so the 7.5th..92.5th percentiles are the slowest
    // and fastest: points floor(3.2) = 3 .. ceil(6.67) = 7; issues floor(0.8) = 0 .. ceil(4) = 4.
    assert.deepEqual(m.forecast.velocityPoints, { low: 3, high: 7 });
    assert.deepEqual(m.forecast.velocityIssues, { low: 0, high: 4 });
    assert.equal(m.forecast.basis, '85 % range of 5,000 simulated periods drawn from the throughput of the last 3 closed sprints, per week, over the 4 business days of 2026-11-23 to 2026-11-29, at most the 21 points left');
    assert.equal(m.forecast.monteCarlo?.historyWeeks, 3);
    // Planned next: open issues in the active Sprint 3 (8, 12, 13) and the next future Sprint 4 (14).
    assert.deepEqual(m.forecast.plannedNext.items.map((i) => i.key), ['SHOP-8', 'SHOP-12', 'SHOP-13', 'SHOP-14']);
    assert.equal(m.forecast.plannedNext.jql, 'project = "SHOP" AND sprint in (3, 4) AND statusCategory != Done ORDER BY rank');
    // Upcoming due dates next week (open): SHOP-16 11-24, SHOP-13 11-25 (SHOP-14's 11-30 is after it).
    assert.deepEqual(m.forecast.upcomingDue.items.map((i) => [i.key, i.due]), [['SHOP-16', '2026-11-24'], ['SHOP-13', '2026-11-25']]);
  });

  test('status: computed from the stated rules, with every triggered rule as a reason', () => {
    // Sprint 2 completed 3 of its 8 committed points (SHOP-7 3 + SHOP-10 0; SHOP-9 was added) = 37.5% < 60% -> off track.
    // At risk as well: 1 high flag; 3 missed due dates (worst 4 < 5 days); an ask 3 days overdue (>= 3);
    // scope added 10 / 12 committed = 83% > 20%; 9 points < the previous forecast's low end 10.
    assert.equal(m.status.computed, 'off-track');
    assert.equal(m.status.effective, 'off-track');
    assert.deepEqual(m.status.reasons, [
      'The 1 sprint that ended completed 3 of 8 committed points (38%).',
      '1 high red flag open.',
      '3 issues missed a due date (overdue ones carry over), by up to 4 business days.',
      '1 client ask 3 or more business days overdue (up to 3).',
      '10 points were added after planning, 83% of the 12 committed.',
      '9 points completed, below the 10–14 the previous report expected.',
    ]);
  });

  test('decisions needed: the change awaiting approval and the long-overdue client', () => {
    assert.deepEqual(m.decisionsNeeded, [
      'Decide change request SHOP-20 (Add gift cards): awaiting approval.',
      'Escalate with Carol Client: 1 ask up to 3 business days overdue (SHOP-8).',
    ]);
  });

  test('the PM override replaces the effective status and keeps the computed one', () => {
    const override = { status: 'at-risk' as const, reason: 'Sprint 2 was a three-day sprint; the keys arrive Monday', by: PEOPLE.pm, at: '2026-11-20T13:00:00.000Z' };
    const r = buildReport(fixtureFacts(), 'manager', { showCostsToClient: false, override, narrative: { progress: '  Good week.  ', manpower: 'Dana on leave Monday', forecast: '   ' } });
    assert.equal(r.status.computed, 'off-track');
    assert.equal(r.status.effective, 'at-risk');
    // The model names who set it (facts.people), next to the account id it keeps as the record.
    assert.deepEqual(r.status.override, { ...override, byName: 'Pat Manager' });
    assert.deepEqual(r.narrative, { progress: 'Good week.', manpower: 'Dana on leave Monday' });
  });

  test('a previous report of another period is not compared', () => {
    const facts = fixtureFacts();
    // Its forecast was for 11-09..11-15, not this week.
    facts.previous = { reportId: 'r-older', period: { kind: 'week', from: '2026-11-02', to: '2026-11-08' }, expectedPoints: { low: 10, high: 14 } };
    const r = buildReport(facts, 'manager', { showCostsToClient: false });
    assert.equal(r.deviation.previousForecast, undefined);
    assert.equal(r.status.reasons.some((reason) => reason.includes('previous report expected')), false);
  });

  test('an override without a reason is refused with a field message', () => {
    assert.throws(
      () => buildReport(fixtureFacts(), 'manager', { showCostsToClient: false, override: { status: 'on-track', reason: '  ', by: PEOPLE.pm, at: '2026-11-20T13:00:00.000Z' } }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'VALIDATION');
        assert.deepEqual(error.fields, { reason: 'Say why the status is overridden' });
        return true;
      },
    );
  });
});

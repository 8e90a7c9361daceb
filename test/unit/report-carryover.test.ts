/**
 * Issue 17, hand-computed: overdue work carries over from period to period (and is never
 * "upcoming"), change requests never count as completed work, and a past period's report lists
 * the flags open during that period. Calendar Mon–Fri, no holidays; instants UTC.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildReport } from '../../src/reports/domain/build';
import type { ReportFacts, ReportIssue } from '../../src/reports/domain/facts';
import type { ReportPeriod } from '../../src/reports/domain/model';
import type { Flag } from '../../src/flags/domain/redFlags';
import { toReportFacts } from '../../src/reports/jira/reportFactsConvert';
import type { IssueRow } from '../../src/reports/jira/reportFactsRows';

const CALENDAR = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'] as ('MON' | 'TUE' | 'WED' | 'THU' | 'FRI')[], holidays: [] };

function issue(key: string, points: number, due: string | null, doneAt: string | null, extra: Partial<ReportIssue> = {}): ReportIssue {
  return { key, summary: `Work ${key}`, kind: 'standard', points, epicKey: null, created: '2026-11-02T09:00:00Z', doneAt, duedate: due, sprintSpans: [], ...extra };
}

function facts(period: ReportPeriod, issues: ReportIssue[], flags: ReportFacts['flags'] = []): ReportFacts {
  return {
    projectKey: 'SHOP', projectName: 'Shop', period, today: '2026-12-07', generatedAt: '2026-12-07T09:00:00.000Z', calendar: CALENDAR,
    issues, sprints: [], worklogs: [], people: {}, flags, asks: [],
  };
}

const build = (f: ReportFacts) => buildReport(f, 'manager', { showCostsToClient: false });

// The week of Monday 30 Nov to Sunday 6 Dec 2026, seen on Monday 7 Dec.
const WEEK: ReportPeriod = { kind: 'week', from: '2026-11-30', to: '2026-12-06' };

describe('overdue work carries over', () => {
  const issues = [
    // Due Friday 27 Nov (the week before), still open: 6 business days late on 7 Dec (30 Nov, 1, 2, 3, 4, 7 Dec).
    issue('SHOP-46', 3, '2026-11-27', null),
    issue('SHOP-52', 2, '2026-11-27', null),
    // Due 20 Nov, done on 2 Dec (in the week): it was open when the week began; late 20 Nov → 2 Dec: 23, 24, 25, 26, 27, 30 Nov, 1, 2 Dec = 8.
    issue('SHOP-41', 2, '2026-11-20', '2026-12-02T10:00:00Z'),
    // Due 20 Nov, done 25 Nov: late, but done before the week: last week's miss, not this week's.
    issue('SHOP-40', 1, '2026-11-20', '2026-11-25T10:00:00Z'),
    // Due in the week, done before its due date: not missed.
    issue('SHOP-42', 5, '2026-12-02', '2026-12-01T10:00:00Z'),
    // Due Wednesday 2 Dec, open: 3 business days late (3, 4, 7 Dec).
    issue('SHOP-43', 1, '2026-12-02', null),
    // Due in the next week, not yet due: upcoming.
    issue('SHOP-47', 2, '2026-12-09', null),
  ];

  test("due dates missed counts what was due before the week and still open when it began; the 5-day rule fires", () => {
    const model = build(facts(WEEK, issues));
    assert.deepEqual(
      model.deviation.missedDueDates.items.map((m) => [m.key, m.due, m.businessDaysLate]),
      [['SHOP-41', '2026-11-20', 8], ['SHOP-46', '2026-11-27', 6], ['SHOP-52', '2026-11-27', 6], ['SHOP-43', '2026-12-02', 3]],
    );
    assert.equal(model.deviation.missedDueDates.total, 4);
    assert.equal(model.status.computed, 'off-track');
    assert.ok(model.status.reasons.includes('4 issues missed a due date (overdue ones carry over), the latest by 8 business days.'), model.status.reasons.join(' | '));
  });

  test('the week after, the same open items are still overdue', () => {
    const next: ReportPeriod = { kind: 'week', from: '2026-12-07', to: '2026-12-13' };
    const f = { ...facts(next, issues), today: '2026-12-09', generatedAt: '2026-12-09T09:00:00.000Z' };
    const keys = build(f).deviation.missedDueDates.items.map((m) => m.key);
    // SHOP-41 was done on 2 Dec: it no longer carries over. SHOP-47 (due today) is not late yet.
    assert.deepEqual(keys, ['SHOP-46', 'SHOP-52', 'SHOP-43']);
  });

  test('upcoming due dates never list overdue items (a past week seen later)', () => {
    // The week of 23–29 Nov, seen on 7 Dec: its "next period" (30 Nov – 6 Dec) is already past.
    const past: ReportPeriod = { kind: 'week', from: '2026-11-23', to: '2026-11-29' };
    const model = build(facts(past, [...issues, issue('SHOP-48', 1, '2026-12-07', null), issue('SHOP-49', 1, '2026-12-06', null)]));
    // SHOP-43 (due 2 Dec) and SHOP-49 (due 6 Dec) are overdue now; nothing due 30 Nov – 6 Dec is still ahead.
    assert.deepEqual(model.forecast.upcomingDue.items, []);
    assert.equal(model.forecast.upcomingDue.total, 0);
    const current = build(facts(WEEK, [...issues, issue('SHOP-48', 1, '2026-12-07', null)]));
    // Next week (7–13 Dec): due today and later, open.
    assert.deepEqual(current.forecast.upcomingDue.items.map((u) => u.key), ['SHOP-48', 'SHOP-47']);
  });
});

describe('change requests are never completed work', () => {
  test('a decided change request done in the week is left out of completed work, in every audience', () => {
    const issues = [
      issue('SHOP-41', 2, null, '2026-12-02T10:00:00Z'),
      issue('SHOP-60', 3, null, '2026-12-03T10:00:00Z', { changeRequest: true }),
      issue('SHOP-61', 5, '2026-11-20', null, { changeRequest: true }),
    ];
    for (const audience of ['manager', 'executive', 'client', 'team'] as const) {
      const model = buildReport(facts(WEEK, issues), audience, { showCostsToClient: false });
      assert.equal(model.completed.total, 1, audience);
      assert.equal(model.completed.points, 2, audience);
      assert.equal(model.headline.completedIssues, 1, audience);
      assert.deepEqual(model.completed.byEpic.flatMap((g) => g.issues.items.map((i) => i.key)).filter((k) => k === 'SHOP-60'), [], audience);
      // Nor is an open change request a missed due date.
      assert.equal(model.deviation.missedDueDates.total, 0, audience);
    }
  });

  test("the reading marks change requests: Liaison's change record, or the issue type", () => {
    const row = (key: string, issueType: string, change: IssueRow['change']): IssueRow => ({
      key, summary: key, issueType, kind: 'standard', statusCategory: 'done', created: '2026-11-02T09:00:00Z', doneAt: '2026-12-02T10:00:00Z', duedate: null,
      points: 3, parentKey: null, parentIsEpic: false, sprintIds: [], sprintChanges: [], ask: null, askHistory: [], flags: [], change,
    });
    const data = {
      scope: { projectKey: 'SHOP' }, sprints: [], worklogs: [], names: {}, truncated: false,
      issues: [row('SHOP-1', 'Story', null), row('SHOP-2', 'Change request', null), row('SHOP-3', 'Task', { step: 'client-informed', requestedAt: '2026-11-20T09:00:00Z', decision: { outcome: 'paid', at: '2026-11-25T09:00:00Z', price: { amount: 900, currency: 'EUR' } } })],
    };
    const converted = toReportFacts(data, { period: WEEK, today: '2026-12-07', generatedAt: '2026-12-07T09:00:00.000Z', calendar: CALENDAR, changesSetUp: true });
    assert.deepEqual(converted.issues.map((i) => [i.key, i.changeRequest === true]), [['SHOP-1', false], ['SHOP-2', true], ['SHOP-3', true]]);
    const model = build(converted);
    assert.equal(model.completed.total, 1);
    assert.equal(model.completed.points, 3);
  });
});

describe('flags in a past period are those open during it', () => {
  const flag = (id: string, severity: Flag['severity'], raisedAt: string, resolvedAt?: string): ReportFacts['flags'][number] => ({
    issueKey: `SHOP-${id}`,
    summary: `Issue ${id}`,
    flag: { id, category: 'other', severity, note: '', clientVisible: true, source: 'manual', raisedBy: 'acc-pm', raisedAt, ...(resolvedAt ? { resolvedAt, resolvedBy: 'acc-pm' } : {}) },
  });
  const flags = [
    flag('1', 'critical', '2026-12-07T08:00:00Z'), // raised 7 Dec: after November
    flag('2', 'high', '2026-11-10T09:00:00Z', '2026-11-20T09:00:00Z'), // open 10–20 Nov
    flag('3', 'critical', '2026-10-01T09:00:00Z', '2026-10-30T09:00:00Z'), // resolved before November
    flag('4', 'medium', '2026-11-25T09:00:00Z'), // open since 25 Nov
    flag('5', 'high', '2026-11-28T09:00:00Z', '2026-12-03T09:00:00Z'), // open at November's end, resolved after
  ];
  const NOVEMBER: ReportPeriod = { kind: 'month', from: '2026-11-01', to: '2026-11-30' };

  test('a November report seen on 7 December', () => {
    const model = build(facts(NOVEMBER, [], flags));
    assert.deepEqual(
      model.problems.flags.items.map((f) => [f.issueKey, f.severity, f.resolvedOn ?? null]),
      [['SHOP-2', 'high', '2026-11-20'], ['SHOP-5', 'high', null], ['SHOP-4', 'medium', null]],
    );
    assert.equal(model.headline.openFlags, 3);
    // The status reads the flags open at November's end: SHOP-5 (high) → at risk; the critical flag of 7 Dec is December's.
    assert.equal(model.status.computed, 'at-risk');
    assert.ok(!model.decisionsNeeded.some((d) => d.includes('SHOP-1')));
  });

  test("the current week lists what is open now and what was resolved in it; the client's copy keeps the resolution date", () => {
    // 7–13 Dec, seen on 7 Dec 09:00: SHOP-1 (raised at 08:00) and SHOP-4 are open; SHOP-5 was resolved on 3 Dec, before the week.
    const thisWeek: ReportPeriod = { kind: 'week', from: '2026-12-07', to: '2026-12-13' };
    const model = build(facts(thisWeek, [], flags));
    assert.deepEqual(model.problems.flags.items.map((f) => [f.issueKey, f.resolvedOn ?? null]), [['SHOP-1', null], ['SHOP-4', null]]);
    assert.equal(model.status.computed, 'off-track');
    // Last week (30 Nov – 6 Dec): SHOP-5 was resolved in it and says when; SHOP-1 was raised after it.
    const lastWeek = build(facts(WEEK, [], flags));
    assert.deepEqual(lastWeek.problems.flags.items.map((f) => [f.issueKey, f.resolvedOn ?? null]), [['SHOP-5', '2026-12-03'], ['SHOP-4', null]]);
    assert.equal(lastWeek.status.computed, 'on-track');
    const client = buildReport(facts(WEEK, [], flags), 'client', { showCostsToClient: false });
    assert.equal(client.problems.flags.items.find((f) => f.issueKey === 'SHOP-5')?.resolvedOn, '2026-12-03');
  });
});

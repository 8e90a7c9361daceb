import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { businessDaysBetween, isBusinessDay, isoDateOf, shiftDate, type WorkCalendar } from '../../src/platform/domain/businessDays';
import { acceptAsk, answerAsk, reAsk, requestInfo, setAsk, withdrawAsk, type AskChange, type AskEvent, type ClientAsk } from '../../src/asks/domain/clientAsk';
import { issueDelays, issueSlip, projectDelays, sprintDelays, teamDelay, type IssueTimeline, type SprintWindow } from '../../src/asks/domain/delayAttribution';
import { AppError } from '../../src/platform/domain/errors';

/*
 *      March 2026                April 2026
 * Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su
 *                    1             1  2  3  4  5
 *  2  3  4  5  6  7  8       6  7  8  9 10 11 12
 *  9 10 11 12 13 14 15      13 14 15 16 17 18 19
 * 16 17 18 19 20 21 22      20 21 22 23 24 25 26
 * 23 24 25 26 27 28 29      27 28 29 30
 * 30 31
 * A day d counts for a client when the ask to them was waiting on d (asked on a, ended on b:
 * the days (a, b]) and d is after its due date, in the period, not after today.
 */
const MON_FRI: WorkCalendar = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [] };
const EASTER: WorkCalendar = { workingDays: MON_FRI.workingDays, holidays: ['2026-04-03', '2026-04-06'] };
const SUN_THU: WorkCalendar = { workingDays: ['SUN', 'MON', 'TUE', 'WED', 'THU'], holidays: [] };
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const END_OF_MARCH = '2026-03-31';
const PO = 'client-po';
const MKT = 'client-marketing';

const STATE_AFTER: Record<AskEvent['action'], AskEvent['state']> = {
  asked: 'waiting',
  edited: 'waiting',
  'info-requested': 'question',
  replied: 'waiting',
  message: 'waiting',
  're-asked': 'waiting',
  answered: 'answered',
  accepted: 'accepted',
  withdrawn: 'withdrawn',
};

/** An event at 10:00 UTC on a day (or at the given instant). */
function ev(day: string, action: AskEvent['action'], client: string, due: string, round = 1): AskEvent {
  return { at: day.includes('T') ? day : `${day}T10:00:00.000Z`, by: action === 'answered' || action === 'info-requested' ? client : 'pm-1', action, client, due, state: STATE_AFTER[action], round };
}

function issue(key: string, history: AskEvent[], more: Partial<IssueTimeline> = {}): IssueTimeline {
  return { key, summary: `Summary of ${key}`, duedate: null, resolvedAt: null, history, ...more };
}

describe('issueDelays: business days waiting past due', () => {
  test('an answer before the due date costs nothing', () => {
    // Asked Mon 2, due Fri 6, answered Thu 5: waiting (2, 5], none of it after the 6th.
    const early = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-06'), ev('2026-03-05', 'answered', PO, '2026-03-06')]);
    assert.deepEqual(issueDelays(early, MARCH, MON_FRI, END_OF_MARCH), []);
  });

  test('an answer on the due date costs nothing', () => {
    // Answered Fri 6 (the due date, at 23:00): the days (2, 6] are all on or before the due date.
    const onTime = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-06'), ev('2026-03-06T23:00:00.000Z', 'answered', PO, '2026-03-06')]);
    assert.deepEqual(issueDelays(onTime, MARCH, MON_FRI, END_OF_MARCH), []);
  });

  test('an answer late by a weekend only costs nothing; the Monday after costs 1', () => {
    // Due Fri 6. Answered Sat 7: (6, 7] = Sat → 0. Answered Mon 9: (6, 9] = Sat, Sun, Mon → 1.
    const saturday = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-06'), ev('2026-03-07', 'answered', PO, '2026-03-06')]);
    assert.deepEqual(issueDelays(saturday, MARCH, MON_FRI, END_OF_MARCH), []);
    const monday = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-06'), ev('2026-03-09', 'answered', PO, '2026-03-06')]);
    assert.deepEqual(issueDelays(monday, MARCH, MON_FRI, END_OF_MARCH), [{ client: PO, businessDaysOverdue: 1, asks: 1, issues: ['SHOP-1'] }]);
  });

  test('an ask answered late', () => {
    // Asked Mon 2, due Wed 4, answered Mon 9: past due (4, 9] = Thu 5, Fri 6, Mon 9 → 3.
    const late = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-04'), ev('2026-03-09', 'answered', PO, '2026-03-04'), ev('2026-03-10', 'accepted', PO, '2026-03-04')]);
    assert.deepEqual(issueDelays(late, MARCH, MON_FRI, END_OF_MARCH), [{ client: PO, businessDaysOverdue: 3, asks: 1, issues: ['SHOP-1'] }]);
  });

  test('holidays are not held against the client', () => {
    // Due Thu 2 Apr, answered Tue 7 Apr: (2, 7] = Fri 3 (Good Friday), Sat, Sun, Mon 6 (Easter Monday), Tue 7 → 1.
    const easter = issue('SHOP-1', [ev('2026-03-30', 'asked', PO, '2026-04-02'), ev('2026-04-07', 'answered', PO, '2026-04-02')]);
    const april = { from: '2026-04-01', to: '2026-04-30' };
    assert.equal(issueDelays(easter, april, EASTER, '2026-04-30')[0].businessDaysOverdue, 1);
    // Without the holidays: Fri 3, Mon 6, Tue 7 → 3.
    assert.equal(issueDelays(easter, april, MON_FRI, '2026-04-30')[0].businessDaysOverdue, 3);
  });

  test('a SUN–THU working week', () => {
    // Due Wed 4, answered Sat 7: (4, 7] = Thu 5 (works), Fri 6, Sat 7 (rest) → 1; a MON–FRI week gives Thu, Fri → 2.
    const t = issue('SHOP-1', [ev('2026-03-01', 'asked', PO, '2026-03-04'), ev('2026-03-07', 'answered', PO, '2026-03-04')]);
    assert.equal(issueDelays(t, MARCH, SUN_THU, END_OF_MARCH)[0].businessDaysOverdue, 1);
    assert.equal(issueDelays(t, MARCH, MON_FRI, END_OF_MARCH)[0].businessDaysOverdue, 2);
  });

  test('a re-ask starts a new wait with its new due date; the team\'s turn in between is not counted', () => {
    // Round 1: asked Mon 2, due Wed 4, answered Fri 6 → (4, 6] = Thu 5, Fri 6 = 2.
    // Answered Fri 6 → re-asked Mon 9 with due Wed 11: Mon 9 is the team's (answered), not counted.
    // Round 2: answered Mon 16 → (11, 16] = Thu 12, Fri 13, Mon 16 = 3.   Total 5 over 2 asks.
    const t = issue('SHOP-1', [
      ev('2026-03-02', 'asked', PO, '2026-03-04'),
      ev('2026-03-06', 'answered', PO, '2026-03-04'),
      ev('2026-03-09', 're-asked', PO, '2026-03-11', 2),
      ev('2026-03-16', 'answered', PO, '2026-03-11', 2),
    ]);
    assert.deepEqual(issueDelays(t, MARCH, MON_FRI, END_OF_MARCH), [{ client: PO, businessDaysOverdue: 5, asks: 2, issues: ['SHOP-1'] }]);
  });

  test('a withdrawn ask stops counting at the withdrawal', () => {
    // Asked Mon 2, due Tue 3, withdrawn Fri 6: (3, 6] = Wed 4, Thu 5, Fri 6 = 3; nothing after, though today is the 31st.
    const t = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-03'), ev('2026-03-06', 'withdrawn', PO, '2026-03-03')]);
    assert.deepEqual(issueDelays(t, MARCH, MON_FRI, END_OF_MARCH), [{ client: PO, businessDaysOverdue: 3, asks: 1, issues: ['SHOP-1'] }]);
  });

  test('"I need more information" moves the clock to the team until the team replies', () => {
    // Asked Mon 2, due Tue 3, question Wed 4, team replies Mon 9, answered Tue 10.
    // Client: (3, 4] = Wed 4 = 1, then from the reply (9, 10] = Tue 10 = 1: 2 days.
    // Team: the question was open (4, 9] = Thu 5, Fri 6, Mon 9 = 3 days.
    const t = issue('SHOP-1', [
      ev('2026-03-02', 'asked', PO, '2026-03-03'),
      ev('2026-03-04', 'info-requested', PO, '2026-03-03'),
      ev('2026-03-09', 'replied', PO, '2026-03-03'),
      ev('2026-03-10', 'answered', PO, '2026-03-03'),
    ]);
    assert.deepEqual(issueDelays(t, MARCH, MON_FRI, END_OF_MARCH), [{ client: PO, businessDaysOverdue: 2, asks: 1, issues: ['SHOP-1'] }]);
    assert.deepEqual(teamDelay([t], MARCH, MON_FRI, END_OF_MARCH), { businessDaysWaiting: 3, questions: 1, issues: ['SHOP-1'] });
    assert.deepEqual(projectDelays([t], [], MARCH, MON_FRI, END_OF_MARCH).team, { businessDaysWaiting: 3, questions: 1, issues: ['SHOP-1'] });
  });

  test('a question still open counts to today; a message or an edit in between does not close it; the period bounds it', () => {
    // Question Wed 4 (not overdue: due Fri 13), a message Thu 5 (state stays question), an edit Fri 6; today Wed 11.
    // Team: (4, 11] = Thu 5, Fri 6, Mon 9, Tue 10, Wed 11 = 5.  Period 1–9 March: (4, 9] = 3.  Same-day question: 0.
    const q = (day: string, action: AskEvent['action']) => ({ ...ev(day, action, PO, '2026-03-13'), state: 'question' as const });
    const t = issue('SHOP-2', [ev('2026-03-02', 'asked', PO, '2026-03-13'), q('2026-03-04', 'info-requested'), q('2026-03-05', 'message'), q('2026-03-06', 'edited')]);
    assert.deepEqual(teamDelay([t], MARCH, MON_FRI, '2026-03-11'), { businessDaysWaiting: 5, questions: 1, issues: ['SHOP-2'] });
    assert.deepEqual(teamDelay([t], { from: '2026-03-01', to: '2026-03-09' }, MON_FRI, '2026-03-11').businessDaysWaiting, 3);
    const sameDay = issue('SHOP-3', [ev('2026-03-02', 'asked', PO, '2026-03-13'), q('2026-03-04T09:00:00.000Z', 'info-requested'), ev('2026-03-04T15:00:00.000Z', 'replied', PO, '2026-03-13')]);
    assert.deepEqual(teamDelay([sameDay], MARCH, MON_FRI, '2026-03-11'), { businessDaysWaiting: 0, questions: 0, issues: [] });
    assert.deepEqual(issueDelays(t, MARCH, MON_FRI, '2026-03-11'), []);
  });

  test('an edit that changes the client mid-wait: each is charged for their own days', () => {
    // To PO Mon 2, due Tue 3; readdressed to Marketing Thu 5 (same due); Marketing answers Tue 10.
    // PO: (3, 5] = Wed 4, Thu 5 = 2.   Marketing: from Thu 5, (5, 10] = Fri 6, Mon 9, Tue 10 = 3.
    const t = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-03'), ev('2026-03-05', 'edited', MKT, '2026-03-03'), ev('2026-03-10', 'answered', MKT, '2026-03-03')]);
    assert.deepEqual(issueDelays(t, MARCH, MON_FRI, END_OF_MARCH), [
      { client: MKT, businessDaysOverdue: 3, asks: 1, issues: ['SHOP-1'] },
      { client: PO, businessDaysOverdue: 2, asks: 1, issues: ['SHOP-1'] },
    ]);
  });

  test('a later due date set while waiting applies from the edit on; the days already late stay late', () => {
    // Due Tue 3, moved on Thu 5 to Tue 10, answered Thu 12.
    // Before the edit: (3, 5] = Wed 4, Thu 5 = 2.  After: (max(5, 10), 12] = Wed 11, Thu 12 = 2.  One ask, 4 days.
    const t = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-03'), ev('2026-03-05', 'edited', PO, '2026-03-10'), ev('2026-03-12', 'answered', PO, '2026-03-10')]);
    assert.deepEqual(issueDelays(t, MARCH, MON_FRI, END_OF_MARCH), [{ client: PO, businessDaysOverdue: 4, asks: 1, issues: ['SHOP-1'] }]);
  });

  test('two clients on one issue over time', () => {
    // PO: asked Mon 2, due Tue 3, answered Thu 5 → (3, 5] = 2; accepted Thu 5.
    // Marketing: asked Mon 9, due Tue 10, still waiting; today Fri 13 → (10, 13] = Wed 11, Thu 12, Fri 13 = 3.
    const t = issue('SHOP-1', [
      ev('2026-03-02', 'asked', PO, '2026-03-03'),
      ev('2026-03-05', 'answered', PO, '2026-03-03'),
      ev('2026-03-05T12:00:00.000Z', 'accepted', PO, '2026-03-03'),
      ev('2026-03-09', 'asked', MKT, '2026-03-10'),
    ]);
    assert.deepEqual(issueDelays(t, MARCH, MON_FRI, '2026-03-13'), [
      { client: MKT, businessDaysOverdue: 3, asks: 1, issues: ['SHOP-1'] },
      { client: PO, businessDaysOverdue: 2, asks: 1, issues: ['SHOP-1'] },
    ]);
  });

  test('clipped to the period', () => {
    // Asked Mon 2, due Tue 3, answered Fri 20. Whole: (3, 20] = 3 + 5 + 5 = 13.
    const t = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-03'), ev('2026-03-20', 'answered', PO, '2026-03-03')]);
    const days = (from: string, to: string) => issueDelays(t, { from, to }, MON_FRI, END_OF_MARCH)[0]?.businessDaysOverdue ?? 0;
    assert.equal(days('2026-03-01', '2026-03-31'), 13);
    assert.equal(days('2026-03-09', '2026-03-15'), 5); // Mon 9 … Fri 13
    assert.equal(days('2026-03-14', '2026-03-16'), 1); // Sat, Sun, Mon 16
    assert.equal(days('2026-03-04', '2026-03-04'), 1); // both ends included: Wed 4
    assert.equal(days('2026-03-01', '2026-03-03'), 0); // up to the due date
    assert.equal(days('2026-03-21', '2026-03-31'), 0); // after the answer
  });

  test('clipped to today while still waiting', () => {
    // Asked Mon 2, due Tue 3, never answered. Today Wed 11: (3, 11] = Wed 4, Thu 5, Fri 6, Mon 9, Tue 10, Wed 11 = 6.
    const t = issue('SHOP-1', [ev('2026-03-02', 'asked', PO, '2026-03-03')]);
    assert.equal(issueDelays(t, MARCH, MON_FRI, '2026-03-11')[0].businessDaysOverdue, 6);
    // A period reaching into the future counts only up to today.
    assert.equal(issueDelays(t, { from: '2026-03-09', to: '2026-04-30' }, MON_FRI, '2026-03-11')[0].businessDaysOverdue, 3);
  });

  test('a period that is not a period is refused with field messages', () => {
    const t = issue('SHOP-1', []);
    assert.throws(
      () => issueDelays(t, { from: '2026-03-31', to: '2026-03-01' }, MON_FRI, END_OF_MARCH),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.fields?.to === 'The end of the period must be on or after its start',
    );
    assert.throws(
      () => issueDelays(t, { from: '2026-02-30', to: 'soon' }, MON_FRI, END_OF_MARCH),
      (e: unknown) => e instanceof AppError && e.fields?.from !== undefined && e.fields?.to !== undefined,
    );
  });
});

describe('slipped issues', () => {
  // Every issue here is due Tue 10 March; today is Tue 31 March.
  const due = { duedate: '2026-03-10' };

  test('due date passed, unresolved, while an ask was waiting', () => {
    // Ask waiting Mon 2 → Thu 12 spans the end of Tue 10. Late (10, 31] = Wed 11–Fri 13 (3) + 5 + 5 + Mon 30, Tue 31 (2) = 15.
    const t = issue('SHOP-10', [ev('2026-03-02', 'asked', PO, '2026-03-04'), ev('2026-03-12', 'answered', PO, '2026-03-04')], due);
    assert.deepEqual(issueSlip(t, MON_FRI, END_OF_MARCH), { key: 'SHOP-10', dueDate: '2026-03-10', businessDaysLate: 15, pendingClients: [PO] });
  });

  test('resolved late: late until the resolution', () => {
    // Resolved Fri 13: (10, 13] = 3.
    const t = issue('SHOP-12', [ev('2026-03-09', 'asked', MKT, '2026-03-09'), ev('2026-03-11', 'answered', MKT, '2026-03-09')], { ...due, resolvedAt: '2026-03-13T10:00:00.000+0000' });
    assert.deepEqual(issueSlip(t, MON_FRI, END_OF_MARCH), { key: 'SHOP-12', dueDate: '2026-03-10', businessDaysLate: 3, pendingClients: [MKT] });
  });

  test('not slipped: resolved on the due date, ask ended on the due date, ask set after it, no ask, not due yet', () => {
    const pending = [ev('2026-03-02', 'asked', PO, '2026-03-04')];
    assert.equal(issueSlip(issue('A-1', pending, { ...due, resolvedAt: '2026-03-10T16:00:00.000Z' }), MON_FRI, END_OF_MARCH), null);
    assert.equal(issueSlip(issue('A-2', [ev('2026-03-02', 'asked', PO, '2026-03-04'), ev('2026-03-10T17:00:00.000Z', 'answered', PO, '2026-03-04')], due), MON_FRI, END_OF_MARCH), null);
    assert.equal(issueSlip(issue('A-3', [ev('2026-03-11', 'asked', PO, '2026-03-12')], due), MON_FRI, END_OF_MARCH), null);
    assert.equal(issueSlip(issue('A-4', [], due), MON_FRI, END_OF_MARCH), null);
    assert.equal(issueSlip(issue('A-5', pending, { duedate: null }), MON_FRI, END_OF_MARCH), null);
    // Due today: it has not passed yet. Tomorrow it has.
    assert.equal(issueSlip(issue('A-6', pending, due), MON_FRI, '2026-03-10'), null);
    assert.equal(issueSlip(issue('A-6', pending, due), MON_FRI, '2026-03-11')?.businessDaysLate, 1);
  });

  test('withdrawn before the due date is not pending; withdrawn after it was', () => {
    const before = issue('B-1', [ev('2026-03-02', 'asked', PO, '2026-03-20'), ev('2026-03-09', 'withdrawn', PO, '2026-03-20')], due);
    assert.equal(issueSlip(before, MON_FRI, END_OF_MARCH), null);
    const after = issue('B-2', [ev('2026-03-02', 'asked', PO, '2026-03-20'), ev('2026-03-11', 'withdrawn', PO, '2026-03-20')], due);
    assert.deepEqual(issueSlip(after, MON_FRI, END_OF_MARCH)?.pendingClients, [PO]);
  });
});

describe('sprintDelays', () => {
  // Sprint 7: Mon 2 March 09:00 → Fri 13 March 17:00.
  const sprint: SprintWindow = {
    id: 7,
    name: 'Sprint 7',
    start: '2026-03-02T09:00:00.000Z',
    end: '2026-03-13T17:00:00.000Z',
    committed: ['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-5', 'SHOP-6'],
    completed: ['SHOP-2', 'SHOP-4'],
  };
  const issues = [
    // Committed, not completed, ask to PO waiting Wed 4 → Wed 18: slipped. In the sprint past due: due Fri 6, (6, 13] = Mon 9–Fri 13 = 5.
    issue('SHOP-1', [ev('2026-03-04', 'asked', PO, '2026-03-06'), ev('2026-03-18', 'answered', PO, '2026-03-06')]),
    // Completed despite an ask: not slipped. Past due: due Tue 3, answered Thu 5 → (3, 5] = 2 for Marketing.
    issue('SHOP-2', [ev('2026-03-02', 'asked', MKT, '2026-03-03'), ev('2026-03-05', 'answered', MKT, '2026-03-03')]),
    // Committed, not completed, no ask: missed, but not on the client.
    issue('SHOP-3', []),
    // Added mid-sprint and completed.
    issue('SHOP-4', []),
    // Committed, not completed; its ask was answered before the sprint began (Fri 27 Feb).
    issue('SHOP-5', [ev('2026-02-23', 'asked', PO, '2026-02-25'), ev('2026-02-27', 'answered', PO, '2026-02-25')]),
    // Committed, not completed; its ask came after the sprint ended (Mon 16).
    issue('SHOP-6', [ev('2026-03-16', 'asked', PO, '2026-03-17')]),
  ];

  test('delays within the sprint and the commitments that slipped with an ask pending', () => {
    const result = sprintDelays(sprint, issues, MON_FRI, '2026-03-20');
    assert.deepEqual(result.byClient, [
      { client: PO, businessDaysOverdue: 5, asks: 1, issues: ['SHOP-1'] },
      { client: MKT, businessDaysOverdue: 2, asks: 1, issues: ['SHOP-2'] },
    ]);
    assert.deepEqual(result.slipped, [{ sprintId: 7, sprintName: 'Sprint 7', key: 'SHOP-1', pendingClients: [PO] }]);
  });

  test('a sprint that is not over has not slipped anything yet; its delays count up to today', () => {
    const result = sprintDelays(sprint, issues, MON_FRI, '2026-03-10');
    assert.deepEqual(result.slipped, []);
    // SHOP-1: (6, 10] = Mon 9, Tue 10 = 2. SHOP-2 as before: 2. Ties go by the person's id.
    assert.deepEqual(
      result.byClient.map((d) => [d.client, d.businessDaysOverdue]),
      [
        [MKT, 2],
        [PO, 2],
      ],
    );
  });

  test('an ask answered the hour before the sprint began was not pending during it', () => {
    const justBefore = issue('SHOP-1', [ev('2026-02-27', 'asked', PO, '2026-03-06'), ev('2026-03-02T08:00:00.000Z', 'answered', PO, '2026-03-06')]);
    assert.deepEqual(sprintDelays(sprint, [justBefore], MON_FRI, '2026-03-20').slipped, []);
    const justAfter = issue('SHOP-1', [ev('2026-02-27', 'asked', PO, '2026-03-06'), ev('2026-03-02T10:00:00.000Z', 'answered', PO, '2026-03-06')]);
    assert.deepEqual(sprintDelays(sprint, [justAfter], MON_FRI, '2026-03-20').slipped.map((s) => s.key), ['SHOP-1']);
  });
});

describe('projectDelays', () => {
  const sprints: SprintWindow[] = [
    { id: 8, name: 'Sprint 8', start: '2026-03-16T09:00:00.000Z', end: '2026-03-27T17:00:00.000Z', committed: ['SHOP-10', 'SHOP-12'], completed: ['SHOP-12'] },
    // Ends in April: outside a March period.
    { id: 9, name: 'Sprint 9', start: '2026-03-30T09:00:00.000Z', end: '2026-04-10T17:00:00.000Z', committed: ['SHOP-10'], completed: [] },
  ];
  const issues = [
    // PO: asked Mon 2, due Wed 4, answered Thu 12 → (4, 12] = Thu 5, Fri 6, Mon 9–Thu 12 = 6. Due Tue 10 passed while waiting.
    // Re-asked Mon 16, due Wed 18, still waiting → (18, 31] = Thu 19, Fri 20 + 23–27 (5) + Mon 30, Tue 31 = 9. Pending during Sprint 8.
    issue(
      'SHOP-10',
      [
        ev('2026-03-02', 'asked', PO, '2026-03-04'),
        ev('2026-03-12', 'answered', PO, '2026-03-04'),
        ev('2026-03-16', 're-asked', PO, '2026-03-18', 2),
      ],
      { duedate: '2026-03-10' },
    ),
    // Marketing: asked Mon 9, due Mon 9, answered Wed 11 → (9, 11] = 2. Due Tue 10 passed while waiting; resolved Fri 13 → 3 late.
    issue('SHOP-12', [ev('2026-03-09', 'asked', MKT, '2026-03-09'), ev('2026-03-11', 'answered', MKT, '2026-03-09')], { duedate: '2026-03-10', resolvedAt: '2026-03-13T10:00:00.000Z' }),
    // Due in April with an ask pending: its due date is outside the period. Marketing: asked Mon 23, due Tue 24, waiting → (24, 31] = Wed 25, Thu 26, Fri 27, Mon 30, Tue 31 = 5.
    issue('SHOP-15', [ev('2026-03-23', 'asked', MKT, '2026-03-24')], { duedate: '2026-04-10' }),
  ];

  test('over March', () => {
    const result = projectDelays(issues, sprints, MARCH, MON_FRI, END_OF_MARCH);
    assert.deepEqual(result.byClient, [
      { client: PO, businessDaysOverdue: 15, asks: 2, issues: ['SHOP-10'] },
      { client: MKT, businessDaysOverdue: 7, asks: 2, issues: ['SHOP-12', 'SHOP-15'] },
    ]);
    // SHOP-10 late (10, 31] = 15; SHOP-12 late (10, 13] = 3. Latest first.
    assert.deepEqual(result.slippedIssues, [
      { key: 'SHOP-10', dueDate: '2026-03-10', businessDaysLate: 15, pendingClients: [PO] },
      { key: 'SHOP-12', dueDate: '2026-03-10', businessDaysLate: 3, pendingClients: [MKT] },
    ]);
    assert.deepEqual(result.slippedCommitments, [{ sprintId: 8, sprintName: 'Sprint 8', key: 'SHOP-10', pendingClients: [PO] }]);
  });

  test('over the first half of March only', () => {
    // PO: (4, 12] = 6 only. Marketing: SHOP-12's 2; SHOP-15 was asked later. Sprint 8 ended after the 15th.
    const result = projectDelays(issues, sprints, { from: '2026-03-01', to: '2026-03-15' }, MON_FRI, END_OF_MARCH);
    assert.deepEqual(
      result.byClient.map((d) => [d.client, d.businessDaysOverdue, d.asks]),
      [
        [PO, 6, 1],
        [MKT, 2, 1],
      ],
    );
    assert.deepEqual(result.slippedIssues.map((s) => s.key), ['SHOP-10', 'SHOP-12']);
    assert.deepEqual(result.slippedCommitments, []);
  });

  test('refuses an invalid period', () => {
    assert.throws(() => projectDelays(issues, sprints, { from: '2026-04-01', to: '2026-03-01' }, MON_FRI, END_OF_MARCH), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION');
  });
});

describe('attribution agrees with "who held the ask at the start of each day"', () => {
  // A second, independent reading of the rule: replay the ask through the real state machine,
  // then for every day d ask which event was the last before d 00:00 UTC; if it left the ask
  // waiting on client C with due < d, and d is a business day in the period up to today, d is C's.
  type Step = { kind: 'set' | 'answer' | 'info' | 'accept' | 'reAsk' | 'withdraw'; gapHours: number; client: number; dueIn: number };
  const clients = ['client-a', 'client-b', 'client-c'];

  function replay(steps: Step[]): AskEvent[] {
    let current: ClientAsk | null = null;
    let now = Date.parse('2026-03-02T09:00:00.000Z');
    const history: AskEvent[] = [];
    for (const step of steps) {
      now += step.gapHours * 3_600_000;
      const at = new Date(now);
      const due = shiftDate(isoDateOf(at), step.dueIn);
      try {
        const change: AskChange =
          step.kind === 'set'
            ? setAsk(current, { client: clients[step.client], ask: `ask ${history.length}`, due }, 'pm-1', at)
            : step.kind === 'answer'
              ? answerAsk(current, { answer: 'done' }, current?.client ?? '', at)
              : step.kind === 'info'
                ? requestInfo(current, { note: 'what?' }, current?.client ?? '', at)
                : step.kind === 'accept'
                  ? acceptAsk(current, 'pm-1', at)
                  : step.kind === 'reAsk'
                    ? reAsk(current, { due }, 'pm-1', at)
                    : withdrawAsk(current, 'pm-1', at);
        current = change.value;
        history.push(change.event);
      } catch (error) {
        if (!(error instanceof AppError)) throw error; // a refused step is simply not taken
      }
    }
    return history;
  }

  function bruteForce(history: AskEvent[], period: { from: string; to: string }, cal: WorkCalendar, today: string): Map<string, number> {
    const days = new Map<string, number>();
    const last = period.to < today ? period.to : today;
    for (let d = period.from; d <= last; d = shiftDate(d, 1)) {
      if (!isBusinessDay(d, cal)) continue;
      const midnight = Date.parse(`${d}T00:00:00.000Z`);
      const before = history.filter((e) => Date.parse(e.at) < midnight).at(-1);
      if (before && before.state === 'waiting' && before.due < d) days.set(before.client, (days.get(before.client) ?? 0) + 1);
    }
    return days;
  }

  test('for random ask lives', () => {
    const step = fc.record({
      kind: fc.constantFrom('set', 'answer', 'info', 'accept', 'reAsk', 'withdraw') as fc.Arbitrary<Step['kind']>,
      gapHours: fc.integer({ min: 1, max: 120 }),
      client: fc.integer({ min: 0, max: 2 }),
      dueIn: fc.integer({ min: 0, max: 6 }),
    });
    const day = fc.integer({ min: 0, max: 60 }).map((n) => shiftDate('2026-03-01', n));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), day, day, day, fc.constantFrom(MON_FRI, SUN_THU, EASTER), (steps, a, b, today, cal) => {
        const history = replay(steps);
        const period = a <= b ? { from: a, to: b } : { from: b, to: a };
        const expected = bruteForce(history, period, cal, today);
        const actual = new Map(issueDelays(issue('X-1', history), period, cal, today).map((d) => [d.client, d.businessDaysOverdue]));
        assert.deepEqual(actual, new Map([...expected].filter(([, n]) => n > 0)));
      }),
      { numRuns: 400 },
    );
  });

  test('the brute force itself matches a hand-computed case', () => {
    // Asked Mon 2 due Wed 4, answered Mon 9: Thu 5, Fri 6, Mon 9 → 3 (as in "an ask answered late").
    const history = [ev('2026-03-02', 'asked', PO, '2026-03-04'), ev('2026-03-09', 'answered', PO, '2026-03-04')];
    assert.deepEqual(bruteForce(history, MARCH, MON_FRI, END_OF_MARCH), new Map([[PO, 3]]));
    assert.equal(businessDaysBetween('2026-03-04', '2026-03-09', MON_FRI), 3);
  });
});

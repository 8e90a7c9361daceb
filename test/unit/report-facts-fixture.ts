/**
 * A small, hand-made ReportFacts for project SHOP, week 2026-11-16 (Mon) .. 2026-11-22 (Sun),
 * seen on Friday 2026-11-20 at noon UTC. Calendar Mon–Fri with holidays 2026-11-11 and
 * 2026-11-26. report-build.test.ts computes every expected number from it by hand.
 *
 * Sprints (UTC):
 *   Sprint 0  id 5  closed  2026-10-19 09:00 .. 2026-10-30 17:00
 *   Sprint 1  id 1  closed  2026-11-02 09:00 .. 2026-11-13 17:00
 *   Sprint 2  id 2  closed  2026-11-16 09:00 .. 2026-11-18 17:00   (ends in the period)
 *   Sprint 3  id 3  active  2026-11-19 09:00 .. 2026-11-27 17:00
 *   Sprint 4  id 4  future
 * Epics: SHOP-1 "Checkout" (standard children 3, 5, 7, 10, 12, 16), SHOP-2 "Search" (4, 6, 8, 11, 13, 14; due 2026-11-16).
 *
 *   key      pts epic    sprints (joined at)                         done at            due
 *   SHOP-3    5  SHOP-1  S0 (created 10-15)                           2026-10-28 12:00
 *   SHOP-4    3  SHOP-2  S0 (created 10-15)                           2026-10-29 12:00
 *   SHOP-5    8  SHOP-1  S1 (created 10-30)                           2026-11-12 10:00
 *   SHOP-6    2  SHOP-2  S1 (created 10-30)                           2026-11-13 10:00
 *   SHOP-7    3  SHOP-1  S1 (created 10-30), S2 (11-13 18:00)         2026-11-17 15:00
 *   SHOP-8    5  SHOP-2  S2 (11-14 10:00), S3 (11-18 18:00)           —                  2026-11-18
 *   SHOP-9    2  —       S2 (created 11-17 10:00)                     2026-11-18 12:00
 *   SHOP-10   —  SHOP-1  S2 (11-14 10:00)                             2026-11-18 16:00   2026-11-17
 *   SHOP-11   3  SHOP-2  S3 (11-18 12:00)                             2026-11-20 10:00
 *   SHOP-12   8  SHOP-1  S3 (created 11-19 14:00)                     —
 *   SHOP-13   1  SHOP-2  S3 (11-18 12:00)                             —                  2026-11-25
 *   SHOP-14   2  SHOP-2  S4 (created 11-12)                           —                  2026-11-30
 *   SHOP-15   1  —       none                                         2026-11-16 09:30
 *   SHOP-16   5  SHOP-1  none                                         —                  2026-11-24
 *   SHOP-17   1  (sub-task of SHOP-7, never counted)                  2026-11-17 12:00
 */
import type { ReportFacts, ReportIssue } from '../../src/reports/domain/facts';
import type { Flag } from '../../src/flags/domain/redFlags';

export const PEOPLE = {
  pm: 'acc-pm',
  dana: 'acc-dana',
  eli: 'acc-eli',
  carol: 'acc-carol',
  max: 'acc-max',
} as const;

const T = (date: string, time = '09:00') => `${date}T${time}:00.000Z`;

function issue(key: string, points: number | undefined, epicKey: string | null, created: string, doneAt: string | null, spans: [number, string, string | null][], duedate: string | null = null): ReportIssue {
  const row: ReportIssue = {
    key, summary: `Work item ${key}`, kind: 'standard', epicKey, created, doneAt, duedate,
    sprintSpans: spans.map(([sprintId, from, to]) => ({ sprintId, from, to })),
  };
  if (points !== undefined) row.points = points;
  return row;
}

const flag = (id: string, over: Partial<Flag>): Flag => ({
  id, category: 'other', severity: 'low', note: '', clientVisible: false, source: 'manual', raisedBy: PEOPLE.pm, raisedAt: T('2026-11-17'), ...over,
});

export function fixtureFacts(): ReportFacts {
  return {
    projectKey: 'SHOP',
    projectName: 'Webshop relaunch',
    period: { kind: 'week', from: '2026-11-16', to: '2026-11-22' },
    today: '2026-11-20',
    generatedAt: T('2026-11-20', '12:00'),
    timeZone: 'UTC',
    calendar: { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: ['2026-11-11', '2026-11-26'] },
    issues: [
      { key: 'SHOP-1', summary: 'Checkout', kind: 'epic', epicKey: null, created: T('2026-10-01'), doneAt: null, duedate: null, sprintSpans: [] },
      { key: 'SHOP-2', summary: 'Search', kind: 'epic', epicKey: null, created: T('2026-10-01'), doneAt: null, duedate: '2026-11-16', sprintSpans: [] },
      issue('SHOP-3', 5, 'SHOP-1', T('2026-10-15', '10:00'), T('2026-10-28', '12:00'), [[5, T('2026-10-15', '10:00'), null]]),
      issue('SHOP-4', 3, 'SHOP-2', T('2026-10-15', '10:00'), T('2026-10-29', '12:00'), [[5, T('2026-10-15', '10:00'), null]]),
      issue('SHOP-5', 8, 'SHOP-1', T('2026-10-30', '10:00'), T('2026-11-12', '10:00'), [[1, T('2026-10-30', '10:00'), null]]),
      issue('SHOP-6', 2, 'SHOP-2', T('2026-10-30', '10:00'), T('2026-11-13', '10:00'), [[1, T('2026-10-30', '10:00'), null]]),
      issue('SHOP-7', 3, 'SHOP-1', T('2026-10-30', '10:00'), T('2026-11-17', '15:00'), [[1, T('2026-10-30', '10:00'), null], [2, T('2026-11-13', '18:00'), null]]),
      issue('SHOP-8', 5, 'SHOP-2', T('2026-11-10', '10:00'), null, [[2, T('2026-11-14', '10:00'), null], [3, T('2026-11-18', '18:00'), null]], '2026-11-18'),
      issue('SHOP-9', 2, null, T('2026-11-17', '10:00'), T('2026-11-18', '12:00'), [[2, T('2026-11-17', '10:00'), null]]),
      issue('SHOP-10', undefined, 'SHOP-1', T('2026-11-10', '10:00'), T('2026-11-18', '16:00'), [[2, T('2026-11-14', '10:00'), null]], '2026-11-17'),
      issue('SHOP-11', 3, 'SHOP-2', T('2026-11-05', '10:00'), T('2026-11-20', '10:00'), [[3, T('2026-11-18', '12:00'), null]]),
      issue('SHOP-12', 8, 'SHOP-1', T('2026-11-19', '14:00'), null, [[3, T('2026-11-19', '14:00'), null]]),
      issue('SHOP-13', 1, 'SHOP-2', T('2026-11-05', '10:00'), null, [[3, T('2026-11-18', '12:00'), null]], '2026-11-25'),
      issue('SHOP-14', 2, 'SHOP-2', T('2026-11-12', '10:00'), null, [[4, T('2026-11-12', '10:00'), null]], '2026-11-30'),
      issue('SHOP-15', 1, null, T('2026-11-01', '10:00'), T('2026-11-16', '09:30'), []),
      issue('SHOP-16', 5, 'SHOP-1', T('2026-11-01', '10:00'), null, [], '2026-11-24'),
      { ...issue('SHOP-17', 1, 'SHOP-1', T('2026-11-16', '10:00'), T('2026-11-17', '12:00'), [[2, T('2026-11-16', '10:00'), null]], '2026-11-16'), kind: 'subtask' },
    ],
    sprints: [
      { id: 1, name: 'Sprint 1', state: 'closed', startDate: T('2026-11-02'), endDate: T('2026-11-13', '17:00'), completeDate: T('2026-11-13', '17:00') },
      { id: 2, name: 'Sprint 2', state: 'closed', startDate: T('2026-11-16'), endDate: T('2026-11-18', '17:00'), completeDate: T('2026-11-18', '17:00') },
      { id: 3, name: 'Sprint 3', state: 'active', startDate: T('2026-11-19'), endDate: T('2026-11-27', '17:00') },
      { id: 4, name: 'Sprint 4', state: 'future' },
      { id: 5, name: 'Sprint 0', state: 'closed', startDate: T('2026-10-19'), endDate: T('2026-10-30', '17:00'), completeDate: T('2026-10-30', '17:00') },
    ],
    worklogs: [
      { issueKey: 'SHOP-7', epicKey: 'SHOP-1', authorId: PEOPLE.dana, started: T('2026-11-17'), seconds: 3 * 3600 },
      { issueKey: 'SHOP-11', epicKey: 'SHOP-2', authorId: PEOPLE.dana, started: T('2026-11-19'), seconds: 5400 },
      { issueKey: 'SHOP-5', epicKey: 'SHOP-1', authorId: PEOPLE.dana, started: T('2026-11-10'), seconds: 4 * 3600 },
      { issueKey: 'SHOP-9', epicKey: null, authorId: PEOPLE.eli, started: T('2026-11-17', '13:00'), seconds: 2 * 3600 },
      { issueKey: 'SHOP-6', epicKey: 'SHOP-2', authorId: PEOPLE.eli, started: T('2026-11-12'), seconds: 3600 },
      { issueKey: 'SHOP-3', epicKey: 'SHOP-1', authorId: PEOPLE.dana, started: T('2026-11-05'), seconds: 5 * 3600 },
    ],
    people: { [PEOPLE.pm]: 'Pat Manager', [PEOPLE.dana]: 'Dana Developer', [PEOPLE.eli]: 'Eli Engineer', [PEOPLE.carol]: 'Carol Client', [PEOPLE.max]: 'Max Marketing' },
    flags: [
      { issueKey: 'SHOP-8', summary: 'Work item SHOP-8', flag: flag('f1', { category: 'blocked-on-client', severity: 'high', note: 'Waiting for the payment provider keys', clientVisible: true, raisedAt: T('2026-11-17') }) },
      { issueKey: 'SHOP-12', summary: 'Work item SHOP-12', flag: flag('f2', { category: 'scope-creep', severity: 'medium', note: 'INTERNAL: the client keeps adding work', clientVisible: false, raisedAt: T('2026-11-19') }) },
      { issueKey: 'SHOP-5', summary: 'Work item SHOP-5', flag: flag('f3', { category: 'stale', severity: 'critical', note: 'old', resolvedAt: T('2026-11-12'), resolvedBy: PEOPLE.pm, resolution: 'done' }) },
    ],
    asks: [
      {
        issueKey: 'SHOP-8', summary: 'Work item SHOP-8', duedate: '2026-11-18', resolvedAt: null,
        ask: { client: PEOPLE.carol, ask: 'Send the payment provider keys', due: '2026-11-17', state: 'waiting', askedAt: T('2026-11-16', '10:00'), askedBy: PEOPLE.pm, round: 1 },
        history: [{ at: T('2026-11-16', '10:00'), by: PEOPLE.pm, action: 'asked', client: PEOPLE.carol, due: '2026-11-17', state: 'waiting', round: 1, note: 'Send the payment provider keys' }],
      },
      {
        issueKey: 'SHOP-13', summary: 'Work item SHOP-13', duedate: '2026-11-25', resolvedAt: null,
        ask: { client: PEOPLE.max, ask: 'Approve the banner copy', due: '2026-11-24', state: 'waiting', askedAt: T('2026-11-18', '10:00'), askedBy: PEOPLE.pm, round: 1 },
        history: [{ at: T('2026-11-18', '10:00'), by: PEOPLE.pm, action: 'asked', client: PEOPLE.max, due: '2026-11-24', state: 'waiting', round: 1 }],
      },
      {
        issueKey: 'SHOP-6', summary: 'Work item SHOP-6', duedate: null, resolvedAt: T('2026-11-13', '10:00'),
        ask: { client: PEOPLE.carol, ask: 'Confirm the search ranking', due: '2026-11-10', state: 'answered', askedAt: T('2026-11-09', '10:00'), askedBy: PEOPLE.pm, answeredAt: T('2026-11-12'), answer: 'Yes', round: 1 },
        history: [
          { at: T('2026-11-09', '10:00'), by: PEOPLE.pm, action: 'asked', client: PEOPLE.carol, due: '2026-11-10', state: 'waiting', round: 1 },
          { at: T('2026-11-12'), by: PEOPLE.carol, action: 'answered', client: PEOPLE.carol, due: '2026-11-10', state: 'answered', round: 1 },
        ],
      },
    ],
    changes: [
      { issueKey: 'SHOP-20', summary: 'Add gift cards', step: 'awaiting-approval', requestedAt: T('2026-11-17', '10:00'), scheduleDays: 5, effortDays: 8 },
      { issueKey: 'SHOP-21', summary: 'Extra language', step: 'approved', requestedAt: T('2026-11-02'), outcome: 'paid', decidedAt: T('2026-11-18', '10:00'), price: { amount: 4000, currency: 'EUR' }, scheduleDays: 3, effortDays: 6 },
      { issueKey: 'SHOP-22', summary: 'Dark mode', step: 'client-informed', requestedAt: T('2026-10-20'), outcome: 'unpaid', decidedAt: T('2026-11-05'), scheduleDays: 1, effortDays: 2 },
      { issueKey: 'SHOP-23', summary: 'Remove wishlist', step: 'declined', requestedAt: T('2026-11-16', '12:00'), outcome: 'declined', decidedAt: T('2026-11-19', '10:00') },
      { issueKey: 'SHOP-24', summary: 'Single sign-on', step: 'client-informed', requestedAt: T('2026-10-01'), outcome: 'paid', decidedAt: T('2026-10-10'), price: { amount: 500, currency: 'USD' }, scheduleDays: 0, effortDays: 1 },
    ],
    previous: { reportId: 'r-prev', period: { kind: 'week', from: '2026-11-09', to: '2026-11-15' }, expectedPoints: { low: 10, high: 14 } },
  };
}

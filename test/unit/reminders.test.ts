/**
 * The reminder planner (src/asks/domain/reminders.ts), on hand-worked dates in December 2026:
 * Mon 7, Tue 8, Wed 9, Thu 10, Fri 11, Sat 12, Sun 13, Mon 14, Tue 15, Wed 16, Thu 17, Fri 18.
 * Berlin is UTC+1 in December, Auckland UTC+13, Los Angeles UTC-8.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { dayWords, digestDueAt, digestOn, localDate, reminderWords, remindersDueAt, remindersOn, type ReminderAsk, type ReminderInput } from '../../src/asks/domain/reminders';
import { DEFAULT_REMINDERS, type ClientContact } from '../../src/settings/domain/settings';

const HANNAH = 'acc-hannah';
const JAMES = 'acc-james';
const MAYA = 'acc-maya';

const hannahInBerlin: ClientContact = { person: { accountId: HANNAH, name: 'Hannah B.' }, role: 'Product owner', channel: 'email', workingHours: { start: '09:00', end: '17:00' }, timeZone: 'Europe/Berlin' };

function ask(over: Partial<ReminderAsk> = {}): ReminderAsk {
  return {
    issueId: '10001', issueKey: 'SHOP-1', summary: 'Checkout copy', client: HANNAH, ask: 'Approve the copy deck', due: '2026-12-10', round: 1, state: 'waiting',
    askedAt: '2026-12-01T10:00:00.000Z', askedBy: MAYA, ...over,
  };
}

function input(over: Partial<ReminderInput> = {}, reminders: Partial<ReminderInput['reminders']> = {}, plan: Partial<ReminderInput['plan']> = {}): ReminderInput {
  return {
    projectKey: 'SHOP',
    reminders: { ...DEFAULT_REMINDERS, enabled: true, ...reminders },
    plan: { clientContacts: [hannahInBerlin], escalationPath: [], workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [], ...plan },
    asks: [ask()],
    changes: [],
    changeAckBusinessDays: 2,
    names: { [HANNAH]: 'Hannah Becker', [MAYA]: 'Maya Lindqvist' },
    ...over,
  };
}

const kinds = (i: ReminderInput, date: string) => remindersOn(i, date).map((r) => r.key);

describe('before the due date', () => {
  test('one working day before Thursday 10 December is Wednesday 9: nothing on Tuesday, nothing on the due day', () => {
    const i = input();
    assert.deepEqual(kinds(i, '2026-12-08'), []);
    const [r] = remindersOn(i, '2026-12-09');
    assert.equal(r.key, 'before-due:10001:1:2026-12-10');
    assert.equal(r.kind, 'before-due');
    assert.equal(r.delivery, 'jira');
    assert.deepEqual(r.to, { accountId: HANNAH, name: 'Hannah Becker', channel: 'email', timeZone: 'Europe/Berlin' });
    // Hannah's working hours in Berlin, 09:00-17:00, are 08:00-16:00 UTC.
    assert.deepEqual(r.window, { from: '2026-12-09T08:00:00.000Z', to: '2026-12-09T16:00:00.000Z' });
    assert.equal(r.subject, '[SHOP-1] Reminder: due Thu 10 Dec 2026');
    assert.match(r.text, /Maya Lindqvist asked you on SHOP-1 \(Checkout copy\):\n\n"Approve the copy deck"\n\nIt is due Thu 10 Dec 2026, in 1 working day\./);
    assert.deepEqual(kinds(i, '2026-12-10'), []);
  });

  test('a holiday on Wednesday moves it to Tuesday, and nothing is sent on the holiday', () => {
    const i = input({}, {}, { holidays: [{ date: '2026-12-09', name: 'Company day' }] });
    const [r] = remindersOn(i, '2026-12-08');
    assert.equal(r.kind, 'before-due');
    assert.match(r.text, /in 1 working day\./, 'Wednesday is off: Thursday is the one working day left');
    assert.deepEqual(kinds(i, '2026-12-09'), []);
  });

  test('due on a Monday: the Friday before; nothing over the weekend', () => {
    const i = input({ asks: [ask({ due: '2026-12-14' })] });
    assert.deepEqual(kinds(i, '2026-12-11'), ['before-due:10001:1:2026-12-14']);
    assert.deepEqual(kinds(i, '2026-12-12'), []);
    assert.deepEqual(kinds(i, '2026-12-13'), []);
  });

  test('two days before: planned from Tuesday on every working day up to the due date (the job sends the key once)', () => {
    const i = input({}, { daysBeforeDue: 2 });
    assert.deepEqual(kinds(i, '2026-12-07'), []);
    assert.deepEqual(kinds(i, '2026-12-08'), ['before-due:10001:1:2026-12-10']);
    assert.match(remindersOn(i, '2026-12-08')[0].text, /in 2 working days\./);
    assert.deepEqual(kinds(i, '2026-12-09'), ['before-due:10001:1:2026-12-10']);
  });

  test('none for an ask set that same day, none when switched off (0), none for answered asks or open questions', () => {
    assert.deepEqual(kinds(input({ asks: [ask({ askedAt: '2026-12-09T07:30:00.000Z' })] }), '2026-12-09'), [], 'asked 08:30 Berlin on the 9th');
    assert.deepEqual(kinds(input({ asks: [ask({ askedAt: '2026-12-08T23:30:00.000Z' })] }), '2026-12-09'), [], 'asked 23:30 UTC on the 8th: 00:30 on the 9th in Berlin');
    assert.deepEqual(kinds(input({}, { daysBeforeDue: 0 }), '2026-12-09'), []);
    assert.deepEqual(kinds(input({ asks: [ask({ state: 'answered', answeredAt: '2026-12-08T09:00:00.000Z' })] }), '2026-12-09'), []);
    assert.deepEqual(kinds(input({ asks: [ask({ state: 'question', infoRequestedAt: '2026-12-08T09:00:00.000Z' })] }), '2026-12-11'), [], 'the client asked a question: the team owes the answer');
  });
});

describe('overdue and escalation', () => {
  const path = [
    { who: 'Jonas Weber, Northwind delivery lead', contact: 'jonas@northwind.example', when: 'an answer is 3 working days late', accountId: 'acc-jonas' },
    { who: 'Northwind COO', contact: '+49 30 1234', when: 'still late a week on' },
  ];

  test('Friday 11 is 1 working day overdue; Monday 14 is 2 (same reminder); Tuesday 15 is 3: the second reminder and the first escalation', () => {
    const i = input({}, {}, { escalationPath: path });
    assert.deepEqual(kinds(i, '2026-12-11'), ['overdue:10001:1:2026-12-10:1']);
    const [first] = remindersOn(i, '2026-12-11');
    assert.equal(first.businessDaysOverdue, 1);
    assert.equal(first.subject, '[SHOP-1] Overdue since Thu 10 Dec 2026');
    assert.match(first.text, /is 1 working day overdue/);
    assert.deepEqual(kinds(i, '2026-12-12'), [], 'Saturday');
    assert.deepEqual(kinds(i, '2026-12-14'), ['overdue:10001:1:2026-12-10:1']);
    assert.deepEqual(kinds(i, '2026-12-15'), ['escalation:10001:1:2026-12-10:0', 'overdue:10001:1:2026-12-10:2']);
    const escalation = remindersOn(i, '2026-12-15').find((r) => r.kind === 'escalation')!;
    assert.equal(escalation.level, 0);
    assert.equal(escalation.delivery, 'jira');
    assert.deepEqual(escalation.to, { accountId: 'acc-jonas', name: 'Jonas Weber, Northwind delivery lead', channel: 'jira', timeZone: 'UTC' });
    assert.deepEqual(escalation.window, { from: '2026-12-15T09:00:00.000Z', to: '2026-12-15T17:00:00.000Z' });
    assert.match(escalation.text, /level 1 of the escalation path of SHOP/);
    assert.doesNotMatch(escalation.text, /copy deck/, 'the ask itself stays between the client and the team');
    // Friday 18: 6 working days overdue: the second level, who has no Jira account: by hand.
    const second = remindersOn(i, '2026-12-18').find((r) => r.kind === 'escalation')!;
    assert.equal(second.key, 'escalation:10001:1:2026-12-10:1');
    assert.equal(second.delivery, 'by-hand');
    assert.match(reminderWords(second), /escalation, level 2: contact Northwind COO yourself \(no Jira account in the escalation path\)/);
    // Far beyond: still the last level, never a third.
    assert.ok(kinds(i, '2027-01-29').includes('escalation:10001:1:2026-12-10:1'));
  });

  test('a holiday does not count as overdue; repeat 0 keeps one overdue reminder; escalation 0 never escalates', () => {
    const holiday = input({}, {}, { holidays: [{ date: '2026-12-11', name: 'Day off' }], escalationPath: path });
    assert.deepEqual(kinds(holiday, '2026-12-11'), []);
    assert.equal(remindersOn(holiday, '2026-12-14')[0].businessDaysOverdue, 1);
    const once = input({}, { overdueEveryDays: 0, escalateAfterDays: 0 }, { escalationPath: path });
    assert.deepEqual(kinds(once, '2026-12-18'), ['overdue:10001:1:2026-12-10:1']);
  });

  test('a re-ask (round 2) or a new due date starts afresh', () => {
    const reAsked = input({ asks: [ask({ round: 2, due: '2026-12-16' })] });
    assert.deepEqual(kinds(reAsked, '2026-12-15'), ['before-due:10001:2:2026-12-16']);
  });

  test('a client who prefers the phone is reminded by hand; someone the plan does not list gets Jira on the team clock', () => {
    const phone = input({}, {}, { clientContacts: [{ ...hannahInBerlin, channel: 'phone' }] });
    const [r] = remindersOn(phone, '2026-12-11');
    assert.equal(r.delivery, 'by-hand');
    assert.match(reminderWords(r), /overdue reminder \(1 working day overdue\): contact Hannah Becker yourself \(prefers phone\)/);
    const unlisted = input({ asks: [ask({ client: JAMES })] }, { teamTimeZone: 'America/Los_Angeles' });
    const [j] = remindersOn(unlisted, '2026-12-09');
    assert.deepEqual(j.to, { accountId: JAMES, name: 'the client', channel: 'jira', timeZone: 'America/Los_Angeles' });
    assert.deepEqual(j.window, { from: '2026-12-09T17:00:00.000Z', to: '2026-12-10T01:00:00.000Z' });
    assert.match(reminderWords(j), /reminder before the due date \(Thu 10 Dec 2026\) to the client by Jira notification/);
  });
});

describe('what the job sends at an instant', () => {
  const auckland: ClientContact = { person: { accountId: JAMES, name: 'James W.' }, role: 'Marketing', channel: 'jira', workingHours: { start: '08:00', end: '18:00' }, timeZone: 'Pacific/Auckland' };
  const both = input({ asks: [ask(), ask({ issueId: '10002', issueKey: 'SHOP-2', client: JAMES })] }, {}, { clientContacts: [hannahInBerlin, auckland] });

  test("each recipient's own date and working hours", () => {
    // 21:00 UTC on the 8th: 10:00 on Wednesday the 9th in Auckland (James's reminder), 22:00 on the 8th in Berlin (nothing).
    assert.deepEqual(remindersDueAt(both, new Date('2026-12-08T21:00:00Z')).map((r) => r.issueKey), ['SHOP-2']);
    // 07:59 UTC on the 9th: 08:59 in Berlin, before Hannah's hours; 20:59 in Auckland, after James's.
    assert.deepEqual(remindersDueAt(both, new Date('2026-12-09T07:59:00Z')), []);
    assert.deepEqual(remindersDueAt(both, new Date('2026-12-09T08:00:00Z')).map((r) => r.issueKey), ['SHOP-1']);
    assert.deepEqual(remindersDueAt(both, new Date('2026-12-09T16:00:00Z')), [], '17:00 Berlin: her day is over');
  });

  test('the local date of an instant', () => {
    assert.equal(localDate(new Date('2026-12-08T21:00:00Z'), 'Pacific/Auckland'), '2026-12-09');
    assert.equal(localDate(new Date('2026-12-09T05:00:00Z'), 'America/Los_Angeles'), '2026-12-08');
  });
});

describe("the managers' digest", () => {
  const answered = ask({ issueId: '10003', issueKey: 'SHOP-3', summary: 'Logo files', state: 'answered', answeredAt: '2026-12-08T12:00:00.000Z' });
  const question = ask({ issueId: '10004', issueKey: 'SHOP-4', summary: 'Size chart', due: '2026-12-04', state: 'question', infoRequestedAt: '2026-12-07T12:00:00.000Z' });
  const change = { issueKey: 'SHOP-9', summary: 'Gift wrapping', requestedAt: '2026-12-07T09:00:00.000Z' };

  test('Friday 11: the overdue ask with the client; the answer, the question and the unacknowledged change with the team; the day’s reminders', () => {
    const i = input({ asks: [ask(), answered, question], changes: [change] }, { teamTimeZone: 'Europe/Berlin' });
    const digest = digestOn(i, '2026-12-11')!;
    assert.equal(digest.key, 'digest:2026-12-11');
    assert.deepEqual(digest.clientOverdue, [{ issueKey: 'SHOP-1', summary: 'Checkout copy', client: HANNAH, clientName: 'Hannah Becker', due: '2026-12-10', businessDaysOverdue: 1 }]);
    assert.deepEqual(digest.teamOwes.map((o) => [o.issueKey, o.what]), [
      ['SHOP-3', 'Hannah Becker answered on Tue 8 Dec 2026: accept the answer or ask again'],
      ['SHOP-4', 'Hannah Becker asked for more information on Mon 7 Dec 2026: reply in the ask’s conversation'],
      // Logged Monday 7, promised within 2 working days: Friday 11 is 4 working days on.
      ['SHOP-9', 'Change request not acknowledged: logged Mon 7 Dec 2026, promised within 2 working days'],
    ]);
    assert.deepEqual(digest.reminders.map((r) => r.key), ['overdue:10001:1:2026-12-10:1']);
    assert.equal(digest.subject, 'Liaison: SHOP on Fri 11 Dec 2026: 1 overdue with the client, 3 with the team');
    assert.match(digest.text, /- SHOP-1 Checkout copy: Hannah Becker, due Thu 10 Dec 2026, 1 working day overdue/);
    assert.match(digest.text, /Reminders today \(1\):\n- SHOP-1: overdue reminder \(1 working day overdue\) to Hannah Becker by Jira notification/);
    // From 08:00 Berlin (07:00 UTC) until midnight Berlin.
    assert.deepEqual(digest.window, { from: '2026-12-11T07:00:00.000Z', to: '2026-12-11T23:00:00.000Z' });
    assert.equal(digestDueAt(i, new Date('2026-12-11T06:59:00Z')), null);
    assert.equal(digestDueAt(i, new Date('2026-12-11T07:00:00Z'))?.key, 'digest:2026-12-11');
  });

  test('the change request is within its promise on Wednesday 9 (2 working days); nothing to say, a weekend or the digest off: none', () => {
    assert.equal(digestOn(input({ asks: [], changes: [change] }), '2026-12-09'), null);
    assert.equal(digestOn(input({ asks: [], changes: [change] }), '2026-12-10')?.teamOwes.length, 1);
    assert.equal(digestOn(input(), '2026-12-12'), null);
    assert.equal(digestOn(input({}, { digest: false }), '2026-12-11'), null);
    const quiet = digestOn(input({ asks: [answered] }), '2026-12-11')!;
    assert.match(quiet.text, /Waiting on the client: nothing overdue\./);
    const clientOnly = digestOn(input(), '2026-12-11')!;
    assert.match(clientOnly.text, /Waiting on the team: nothing\./);
  });

  test('an answer without a date, and a client nobody named', () => {
    const i = input({ asks: [ask({ state: 'answered', client: 'acc-nobody' })], names: {} });
    assert.equal(digestOn(i, '2026-12-11')!.teamOwes[0].what, 'the client answered: accept the answer or ask again');
    // Without Jira's display names: the contact's name from the plan, and "The team" for whoever asked.
    const unnamed = input({ names: {} });
    assert.equal(digestOn(unnamed, '2026-12-11')!.clientOverdue[0].clientName, 'Hannah B.');
    assert.match(remindersOn(unnamed, '2026-12-11')[0].text, /^The team is still waiting for your answer/);
  });
});

test('one way of writing a day', () => {
  assert.equal(dayWords('2026-12-10'), 'Thu 10 Dec 2026');
  assert.equal(dayWords('not a date'), 'not a date');
});

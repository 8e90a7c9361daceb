/**
 * The team's home across projects (src/portal/domain/teamHome.ts), on hand-worked dates: Monday 7 December
 * 2026 is today; the week ends on Sunday 13.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { askCounts, changeActionFor, compareHomeAsks, daysUntil, endOfWeek, homeAsk, isNewFlag, matchesFilter, nextDueDate } from '../../src/portal/domain/teamHome';

const cal = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'] as const, holidays: ['2026-12-04'] };
const row = (key: string, ask: Record<string, unknown>) => ({ projectKey: 'SHOP', issueKey: key, summary: `Issue ${key}`, ask: { client: 'c1', askedBy: 'pm', due: '2026-12-09', state: 'waiting', ...ask } as any });

describe('asks on the home', () => {
  const asks = [
    homeAsk(row('SHOP-1', { due: '2026-12-02' }), 'pm', '2026-12-07', { ...cal, workingDays: [...cal.workingDays] }),
    homeAsk(row('SHOP-2', { due: '2026-12-13', askedBy: 'dev' }), 'pm', '2026-12-07', { ...cal, workingDays: [...cal.workingDays] }),
    homeAsk(row('SHOP-3', { due: '2026-12-14' }), 'pm', '2026-12-07', { ...cal, workingDays: [...cal.workingDays] }),
    // The client's question is open (state `question`): the team owes the reply.
    homeAsk(row('SHOP-4', { due: '2026-12-01', state: 'question', infoRequestedAt: '2026-12-03T10:00:00Z' }), 'pm', '2026-12-07', { ...cal, workingDays: [...cal.workingDays] }),
    homeAsk(row('SHOP-5', { due: '2026-12-01', state: 'answered' }), 'dev', '2026-12-07', { ...cal, workingDays: [...cal.workingDays] }),
    // A question the team already answered (back to waiting; the record keeps when it was asked): the client owes the ask again.
    homeAsk(row('SHOP-6', { due: '2026-12-03', infoRequestedAt: '2026-12-01T10:00:00Z' }), 'dev', '2026-12-07', { ...cal, workingDays: [...cal.workingDays] }),
  ];

  test('overdue in working days (Wed 2 → Mon 7: Thu, Mon; Fri 4 is a holiday), due this week up to Sunday, mine, questions and answers are with the team', () => {
    assert.deepEqual([asks[0].overdue, asks[0].businessDaysOverdue, asks[0].dueThisWeek, asks[0].mine], [true, 2, false, true]);
    assert.deepEqual([asks[1].overdue, asks[1].dueThisWeek, asks[1].mine], [false, true, false]);
    assert.deepEqual([asks[2].dueThisWeek], [false]);
    assert.deepEqual([asks[3].question, asks[3].overdue, asks[3].state], [true, false, 'question']);
    assert.deepEqual([asks[4].state, asks[4].overdue, asks[4].dueThisWeek, asks[4].mine], ['answered', false, false, false]);
    assert.deepEqual([asks[5].question, asks[5].overdue, asks[5].businessDaysOverdue, asks[5].state], [false, true, 1, 'waiting']);
    assert.deepEqual(askCounts(asks), { all: 6, mine: 3, overdue: 2, 'due-this-week': 1 });
    assert.deepEqual(asks.filter((a) => matchesFilter(a, 'due-this-week')).map((a) => a.issueKey), ['SHOP-2']);
    assert.deepEqual([...asks].sort(compareHomeAsks).map((a) => a.issueKey), ['SHOP-1', 'SHOP-6', 'SHOP-4', 'SHOP-5', 'SHOP-2', 'SHOP-3']);
  });

  test('the end of the week', () => {
    assert.equal(endOfWeek('2026-12-07'), '2026-12-13');
    assert.equal(endOfWeek('2026-12-13'), '2026-12-13');
    assert.throws(() => endOfWeek('7 Dec'), RangeError);
  });
});

test('what a change request waits for from whom', () => {
  assert.equal(changeActionFor('logged', ['team']), 'acknowledge');
  assert.equal(changeActionFor('logged', ['client']), null);
  assert.equal(changeActionFor('assessing', ['manager']), 'assess');
  assert.equal(changeActionFor('acknowledged', ['approver']), null);
  assert.equal(changeActionFor('awaiting-approval', ['approver']), 'decide');
  assert.equal(changeActionFor('awaiting-approval', ['manager', 'team']), null);
  assert.equal(changeActionFor('approved', ['approver']), 'inform');
  assert.equal(changeActionFor('declined', ['team']), null);
  assert.equal(changeActionFor('client-informed', ['manager']), null);
});

test('new flags, the next due date and days until', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  assert.equal(isNewFlag('2026-11-30T12:00:00Z', now), true);
  assert.equal(isNewFlag('2026-11-30T11:59:00Z', now), false);
  assert.equal(isNewFlag('garbage', now), false);
  assert.equal(nextDueDate('2026-12-07', (d) => d === '2026-12-11'), '2026-12-11');
  assert.equal(nextDueDate('2026-12-07', () => false, 3), null);
  assert.equal(nextDueDate('bad', () => true), null);
  assert.equal(daysUntil('2026-12-07', '2026-12-11'), 4);
});

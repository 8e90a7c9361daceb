import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { nextMeeting, nextOccurrence } from '../../src/portal/domain/meetings';
import type { Meeting } from '../../src/settings/domain/settings';

const standUp: Meeting = { cadence: 'weekly', weekday: 'MON', name: 'Stand-up', time: '09:30', timeZone: 'Europe/Berlin', durationMinutes: 15 };
const at = (iso: string) => new Date(iso);

describe('nextOccurrence: weekly', () => {
  test('the next Monday at 09:30 Berlin time, after the switch to summer time', () => {
    const next = nextOccurrence(standUp, at('2026-03-25T12:00:00Z'));
    assert.deepEqual(next, { name: 'Stand-up', startsAt: '2026-03-30T07:30:00.000Z', localDate: '2026-03-30', localTime: '09:30', timeZone: 'Europe/Berlin', durationMinutes: 15 });
  });

  test('the same wall time is an hour later in UTC in winter', () => {
    assert.equal(nextOccurrence(standUp, at('2026-03-18T12:00:00Z'))?.startsAt, '2026-03-23T08:30:00.000Z');
  });

  test('later today if it has not started; next week once it has', () => {
    assert.equal(nextOccurrence(standUp, at('2026-03-30T07:29:00Z'))?.startsAt, '2026-03-30T07:30:00.000Z');
    assert.equal(nextOccurrence(standUp, at('2026-03-30T07:30:00Z'))?.startsAt, '2026-04-06T07:30:00.000Z');
  });

  test("the day is the meeting zone's day, not UTC's", () => {
    const review: Meeting = { cadence: 'weekly', weekday: 'TUE', name: 'Review', time: '17:00', timeZone: 'America/Los_Angeles', durationMinutes: 45 };
    // 2026-06-02T23:30Z is Tuesday 16:30 in Los Angeles: today's review is still ahead (00:00Z on Wednesday).
    assert.deepEqual(
      [nextOccurrence(review, at('2026-06-02T23:30:00Z'))?.startsAt, nextOccurrence(review, at('2026-06-02T23:30:00Z'))?.localDate],
      ['2026-06-03T00:00:00.000Z', '2026-06-02'],
    );
    // 2026-06-03T02:00Z is still Tuesday (19:00) there, but the review is over: next Tuesday.
    assert.equal(nextOccurrence(review, at('2026-06-03T02:00:00Z'))?.localDate, '2026-06-09');
  });

  test('a start date in the future holds the first occurrence back', () => {
    const later: Meeting = { ...standUp, startDate: '2026-05-01' };
    assert.equal(nextOccurrence(later, at('2026-04-01T00:00:00Z'))?.localDate, '2026-05-04');
  });
});

describe('nextOccurrence: biweekly', () => {
  const sprintReview: Meeting = { cadence: 'biweekly', weekday: 'THU', name: 'Sprint review', time: '14:00', timeZone: 'Europe/Berlin', durationMinutes: 60, startDate: '2026-01-08' };

  test('every fourteen days from the first occurrence', () => {
    assert.equal(nextOccurrence(sprintReview, at('2025-12-01T00:00:00Z'))?.startsAt, '2026-01-08T13:00:00.000Z');
    assert.equal(nextOccurrence(sprintReview, at('2026-01-09T00:00:00Z'))?.startsAt, '2026-01-22T13:00:00.000Z');
    assert.equal(nextOccurrence(sprintReview, at('2026-01-15T13:00:00Z'))?.startsAt, '2026-01-22T13:00:00.000Z');
    // The Thursday in between is skipped even on the day itself.
    assert.equal(nextOccurrence(sprintReview, at('2026-01-15T00:00:00Z'))?.localDate, '2026-01-22');
  });
});

describe('nextOccurrence: monthly, across month ends', () => {
  const steering: Meeting = { cadence: 'monthly', dayOfMonth: 31, name: 'Steering', time: '16:00', timeZone: 'UTC', durationMinutes: 90 };

  test('day 31 falls on the last day of shorter months', () => {
    assert.equal(nextOccurrence(steering, at('2026-04-10T00:00:00Z'))?.startsAt, '2026-04-30T16:00:00.000Z');
    assert.equal(nextOccurrence(steering, at('2026-04-30T17:00:00Z'))?.startsAt, '2026-05-31T16:00:00.000Z');
    assert.equal(nextOccurrence(steering, at('2026-02-01T00:00:00Z'))?.startsAt, '2026-02-28T16:00:00.000Z');
    assert.equal(nextOccurrence(steering, at('2028-02-01T00:00:00Z'))?.startsAt, '2028-02-29T16:00:00.000Z');
  });

  test('the month turns in the meeting zone before it turns in UTC', () => {
    const tokyo: Meeting = { cadence: 'monthly', dayOfMonth: 1, name: 'Monthly', time: '08:00', timeZone: 'Asia/Tokyo', durationMinutes: 60 };
    // 2026-01-31T23:30Z is 1 February 08:30 in Tokyo: February's meeting just passed; March 1 08:00 JST is 28 Feb 23:00 UTC.
    assert.deepEqual(
      [nextOccurrence(tokyo, at('2026-01-31T23:30:00Z'))?.startsAt, nextOccurrence(tokyo, at('2026-01-31T23:30:00Z'))?.localDate],
      ['2026-02-28T23:00:00.000Z', '2026-03-01'],
    );
    assert.equal(nextOccurrence(tokyo, at('2026-01-31T22:30:00Z'))?.startsAt, '2026-01-31T23:00:00.000Z');
  });

  test('a year-end crossing', () => {
    assert.equal(nextOccurrence(steering, at('2026-12-31T16:00:01Z'))?.startsAt, '2027-01-31T16:00:00.000Z');
  });
});

describe('nextMeeting', () => {
  test('the soonest of several meetings', () => {
    const monthly: Meeting = { cadence: 'monthly', dayOfMonth: 26, name: 'Steering', time: '08:00', timeZone: 'UTC', durationMinutes: 60 };
    const next = nextMeeting([standUp, monthly], at('2026-03-25T12:00:00Z'));
    assert.equal(next?.name, 'Steering');
    assert.equal(next?.startsAt, '2026-03-26T08:00:00.000Z');
    assert.equal(nextMeeting([standUp, monthly], at('2026-03-26T09:00:00Z'))?.name, 'Stand-up');
  });

  test('none without meetings', () => {
    assert.equal(nextMeeting([], at('2026-03-25T12:00:00Z')), null);
  });
});

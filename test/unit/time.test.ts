import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { addDays, daysInMonth, isIsoDate, isValidTimeZone, weekdayOf, zonedDateTime, zonedTimeToInstant } from '../../src/platform/domain/time';

describe('time zones and calendar dates', () => {
  test('IANA names are accepted, offsets and abbreviations are not', () => {
    for (const zone of ['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'UTC', 'Asia/Kolkata', 'Etc/GMT+5']) assert.equal(isValidTimeZone(zone), true, zone);
    for (const zone of ['Mars/Olympus', '+02:00', 'CEST', 'europe', '', 'Europe/Berlin/Extra/Deep']) assert.equal(isValidTimeZone(zone), false, zone);
  });

  test('real dates only', () => {
    assert.equal(isIsoDate('2028-02-29'), true);
    assert.equal(isIsoDate('2026-02-29'), false);
    assert.equal(isIsoDate('2026-13-01'), false);
    assert.equal(isIsoDate('26-01-01'), false);
  });

  test('calendar arithmetic', () => {
    assert.equal(daysInMonth(2026, 2), 28);
    assert.equal(daysInMonth(2028, 2), 29);
    assert.equal(daysInMonth(2026, 4), 30);
    assert.deepEqual(addDays({ year: 2026, month: 12, day: 31 }, 1), { year: 2027, month: 1, day: 1 });
    assert.equal(weekdayOf({ year: 2026, month: 11, day: 24 }), 'TUE');
    assert.equal(weekdayOf({ year: 1970, month: 1, day: 1 }), 'THU');
  });

  test('the wall clock of an instant in a zone', () => {
    assert.deepEqual(zonedDateTime(new Date('2026-06-03T02:00:00Z'), 'America/Los_Angeles'), { year: 2026, month: 6, day: 2, hour: 19, minute: 0 });
    assert.deepEqual(zonedDateTime(new Date('2026-01-31T23:30:00Z'), 'Asia/Tokyo'), { year: 2026, month: 2, day: 1, hour: 8, minute: 30 });
  });

  test('a wall-clock time in a zone as an instant, across daylight saving', () => {
    assert.equal(zonedTimeToInstant({ year: 2026, month: 3, day: 23 }, 9 * 60 + 30, 'Europe/Berlin').toISOString(), '2026-03-23T08:30:00.000Z');
    assert.equal(zonedTimeToInstant({ year: 2026, month: 3, day: 30 }, 9 * 60 + 30, 'Europe/Berlin').toISOString(), '2026-03-30T07:30:00.000Z');
    assert.equal(zonedTimeToInstant({ year: 2026, month: 7, day: 1 }, 0, 'UTC').toISOString(), '2026-07-01T00:00:00.000Z');
    assert.equal(zonedTimeToInstant({ year: 2026, month: 7, day: 1 }, 17 * 60, 'America/Los_Angeles').toISOString(), '2026-07-02T00:00:00.000Z');
  });

  test('a skipped wall time moves past the jump; a repeated one takes its first occurrence', () => {
    // 2026-03-29 02:30 does not exist in Berlin (02:00 -> 03:00): 03:30 CEST.
    assert.equal(zonedTimeToInstant({ year: 2026, month: 3, day: 29 }, 150, 'Europe/Berlin').toISOString(), '2026-03-29T01:30:00.000Z');
    // 2026-10-25 02:30 happens twice in Berlin: the first time is still CEST (+02:00).
    assert.equal(zonedTimeToInstant({ year: 2026, month: 10, day: 25 }, 150, 'Europe/Berlin').toISOString(), '2026-10-25T00:30:00.000Z');
    // New York springs forward at 02:00 on 2026-03-08.
    assert.equal(zonedTimeToInstant({ year: 2026, month: 3, day: 8 }, 150, 'America/New_York').toISOString(), '2026-03-08T07:30:00.000Z');
  });
});

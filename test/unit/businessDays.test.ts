import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addBusinessDays, businessDaysBetween, calendarFromPlan, isBusinessDay, isoDateOf, type WorkCalendar } from '../../src/platform/domain/businessDays';
import { WEEKDAYS, addDays, formatIsoDate, parseIsoDate, weekdayOf, type Weekday } from '../../src/platform/domain/time';

/*
 * The calendar these cases are computed on (2026):
 *      March 2026                April 2026
 * Mo Tu We Th Fr Sa Su      Mo Tu We Th Fr Sa Su
 *                    1             1  2  3  4  5
 *  2  3  4  5  6  7  8       6  7  8  9 10 11 12
 *  9 10 11 12 13 14 15      13 14 15 16 17 18 19
 * 16 17 18 19 20 21 22      20 21 22 23 24 25 26
 * 23 24 25 26 27 28 29      27 28 29 30
 * 30 31
 * Good Friday is Fri 2026-04-03, Easter Monday Mon 2026-04-06.
 */
const MON_FRI: WorkCalendar = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [] };
const EASTER: WorkCalendar = { workingDays: MON_FRI.workingDays, holidays: ['2026-04-03', '2026-04-06'] };
const SUN_THU: WorkCalendar = { workingDays: ['SUN', 'MON', 'TUE', 'WED', 'THU'], holidays: [] };

describe('calendarFromPlan', () => {
  test('takes the working days and the holiday dates of a communication plan, as copies', () => {
    const plan = { workingDays: ['MON', 'TUE', 'WED', 'THU'] as Weekday[], holidays: [{ date: '2026-12-25', name: 'Christmas' }, { date: '2026-12-26', name: 'Boxing Day' }] };
    const cal = calendarFromPlan(plan);
    assert.deepEqual(cal, { workingDays: ['MON', 'TUE', 'WED', 'THU'], holidays: ['2026-12-25', '2026-12-26'] });
    plan.workingDays.push('FRI');
    assert.deepEqual(cal.workingDays, ['MON', 'TUE', 'WED', 'THU']);
  });
});

describe('isBusinessDay', () => {
  test('working days of the week count, weekends and holidays do not', () => {
    assert.equal(isBusinessDay('2026-03-02', MON_FRI), true); // Monday
    assert.equal(isBusinessDay('2026-03-06', MON_FRI), true); // Friday
    assert.equal(isBusinessDay('2026-03-07', MON_FRI), false); // Saturday
    assert.equal(isBusinessDay('2026-03-08', MON_FRI), false); // Sunday
    assert.equal(isBusinessDay('2026-04-03', EASTER), false); // Good Friday: a Friday, but a holiday
    assert.equal(isBusinessDay('2026-04-03', MON_FRI), true); // the same Friday without the holiday
  });

  test('a SUN–THU week works Sundays and rests Fridays and Saturdays', () => {
    assert.equal(isBusinessDay('2026-03-08', SUN_THU), true); // Sunday
    assert.equal(isBusinessDay('2026-03-05', SUN_THU), true); // Thursday
    assert.equal(isBusinessDay('2026-03-06', SUN_THU), false); // Friday
    assert.equal(isBusinessDay('2026-03-07', SUN_THU), false); // Saturday
  });

  test('a date that is not a real YYYY-MM-DD is a bug, not a day off', () => {
    assert.throws(() => isBusinessDay('2026-02-30', MON_FRI), RangeError);
    assert.throws(() => isBusinessDay('06.03.2026', MON_FRI), RangeError);
  });
});

describe('businessDaysBetween: the half-open interval (from, to]', () => {
  test('within a week: the start day is not counted, the end day is', () => {
    // (Mon 2, Fri 6] = Tue 3, Wed 4, Thu 5, Fri 6.
    assert.equal(businessDaysBetween('2026-03-02', '2026-03-06', MON_FRI), 4);
    // (Mon 2, Tue 3] = Tue 3.
    assert.equal(businessDaysBetween('2026-03-02', '2026-03-03', MON_FRI), 1);
  });

  test('to on or before from is 0', () => {
    assert.equal(businessDaysBetween('2026-03-04', '2026-03-04', MON_FRI), 0);
    assert.equal(businessDaysBetween('2026-03-06', '2026-03-02', MON_FRI), 0);
  });

  test('over a weekend', () => {
    // (Fri 6, Mon 9] = Sat 7, Sun 8, Mon 9: only Monday works.
    assert.equal(businessDaysBetween('2026-03-06', '2026-03-09', MON_FRI), 1);
    // (Fri 6, Sun 8] = Sat, Sun: nothing.
    assert.equal(businessDaysBetween('2026-03-06', '2026-03-08', MON_FRI), 0);
    // (Sat 7, Sat 14] = one whole week: 5.
    assert.equal(businessDaysBetween('2026-03-07', '2026-03-14', MON_FRI), 5);
  });

  test('whole weeks and a whole month', () => {
    // (Mon 2, Mon 16] = 14 days = two weeks: 10.
    assert.equal(businessDaysBetween('2026-03-02', '2026-03-16', MON_FRI), 10);
    // (Sun 1, Tue 31] = weeks of the 2nd, 9th, 16th and 23rd (4 × 5) + Mon 30, Tue 31 = 22.
    assert.equal(businessDaysBetween('2026-03-01', '2026-03-31', MON_FRI), 22);
    // (2025-12-31, 2026-12-31] = all of 2026: 365 days = 52 weeks + Thu 2026-12-31 → 52 × 5 + 1 = 261.
    assert.equal(businessDaysBetween('2025-12-31', '2026-12-31', MON_FRI), 261);
  });

  test('holidays on working days are taken out', () => {
    // (Thu 2 Apr, Tue 7 Apr] = Fri 3 (Good Friday), Sat, Sun, Mon 6 (Easter Monday), Tue 7 → 1.
    assert.equal(businessDaysBetween('2026-04-02', '2026-04-07', EASTER), 1);
    // The same span without the holidays: Fri 3, Mon 6, Tue 7 → 3.
    assert.equal(businessDaysBetween('2026-04-02', '2026-04-07', MON_FRI), 3);
  });

  test('a holiday on a weekend is not taken out twice, a holiday listed twice once', () => {
    // Sat 14 March as a holiday: (Fri 13, Mon 16] is still Mon 16 → 1.
    assert.equal(businessDaysBetween('2026-03-13', '2026-03-16', { workingDays: MON_FRI.workingDays, holidays: ['2026-03-14'] }), 1);
    const twice: WorkCalendar = { workingDays: MON_FRI.workingDays, holidays: ['2026-04-03', '2026-04-03'] };
    // (Thu 2, Mon 6 Apr] = Fri 3 (holiday), Sat, Sun, Mon 6 → 1.
    assert.equal(businessDaysBetween('2026-04-02', '2026-04-06', twice), 1);
  });

  test('a holiday on the start day changes nothing (not in the interval); on the end day it does', () => {
    // (Mon 2, Fri 6] with Mon 2 a holiday: still Tue–Fri = 4.
    assert.equal(businessDaysBetween('2026-03-02', '2026-03-06', { workingDays: MON_FRI.workingDays, holidays: ['2026-03-02'] }), 4);
    // ... with Fri 6 a holiday: Tue, Wed, Thu = 3.
    assert.equal(businessDaysBetween('2026-03-02', '2026-03-06', { workingDays: MON_FRI.workingDays, holidays: ['2026-03-06'] }), 3);
  });

  test('a SUN–THU week', () => {
    // (Wed 4, Sat 7] = Thu 5 (works), Fri 6, Sat 7 (rest) → 1; MON–FRI would give Thu + Fri = 2.
    assert.equal(businessDaysBetween('2026-03-04', '2026-03-07', SUN_THU), 1);
    assert.equal(businessDaysBetween('2026-03-04', '2026-03-07', MON_FRI), 2);
    // (Thu 5, Sun 8] = Fri, Sat (rest), Sun 8 (works) → 1.
    assert.equal(businessDaysBetween('2026-03-05', '2026-03-08', SUN_THU), 1);
    // (Sat 7, Sat 14] = Sun 8 … Thu 12 → 5.
    assert.equal(businessDaysBetween('2026-03-07', '2026-03-14', SUN_THU), 5);
  });

  test('equals counting day by day, for any dates and calendar', () => {
    const date = fc.integer({ min: 20_000, max: 21_000 }).map((day) => formatIsoDate(addDays({ year: 1970, month: 1, day: 1 }, day)));
    const calendar = fc.record({
      workingDays: fc.subarray([...WEEKDAYS]),
      holidays: fc.array(date, { maxLength: 10 }),
    });
    fc.assert(
      fc.property(date, date, calendar, (from, to, cal) => {
        let expected = 0;
        for (let day = addDays(parseIsoDate(from)!, 1); formatIsoDate(day) <= to; day = addDays(day, 1)) {
          const iso = formatIsoDate(day);
          if (cal.workingDays.includes(weekdayOf(day)) && !cal.holidays.includes(iso)) expected++;
        }
        assert.equal(businessDaysBetween(from, to, cal), expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('addBusinessDays', () => {
  test('forward over weekends', () => {
    // Fri 6 + 1 = Mon 9 (Sat, Sun skipped).
    assert.equal(addBusinessDays('2026-03-06', 1, MON_FRI), '2026-03-09');
    // Wed 4 + 3 = Thu 5, Fri 6, Mon 9.
    assert.equal(addBusinessDays('2026-03-04', 3, MON_FRI), '2026-03-09');
    // From a Saturday, the first business day after it is Monday.
    assert.equal(addBusinessDays('2026-03-07', 1, MON_FRI), '2026-03-09');
  });

  test('0 is the date itself, even on a day off', () => {
    assert.equal(addBusinessDays('2026-03-07', 0, MON_FRI), '2026-03-07');
  });

  test('over holidays and in a SUN–THU week', () => {
    // Thu 2 Apr + 1: Fri 3 and Mon 6 are holidays → Tue 7.
    assert.equal(addBusinessDays('2026-04-02', 1, EASTER), '2026-04-07');
    // Thu 5 March + 1 in SUN–THU: Fri, Sat rest → Sun 8.
    assert.equal(addBusinessDays('2026-03-05', 1, SUN_THU), '2026-03-08');
  });

  test('backward', () => {
    // Mon 9 − 1 = Fri 6.
    assert.equal(addBusinessDays('2026-03-09', -1, MON_FRI), '2026-03-06');
    // Tue 7 Apr − 1 over Easter Monday and Good Friday = Thu 2 Apr.
    assert.equal(addBusinessDays('2026-04-07', -1, EASTER), '2026-04-02');
  });

  test('undoes businessDaysBetween going forward', () => {
    for (let n = 0; n <= 15; n++) {
      const to = addBusinessDays('2026-03-27', n, EASTER);
      assert.equal(businessDaysBetween('2026-03-27', to, EASTER), n, `n = ${n}`);
      if (n > 0) assert.equal(isBusinessDay(to, EASTER), true, `n = ${n} lands on ${to}`);
    }
  });

  test('refuses a calendar without working days and fractional counts', () => {
    assert.throws(() => addBusinessDays('2026-03-02', 1, { workingDays: [], holidays: [] }), /no working days/);
    assert.throws(() => addBusinessDays('2026-03-02', 1.5, MON_FRI), /whole number/);
  });
});

describe('isoDateOf: the UTC calendar date of an instant', () => {
  test('Jira instants with offsets', () => {
    assert.equal(isoDateOf('2026-11-24T09:30:00.000+0000'), '2026-11-24');
    // 23:30 at −05:00 is 04:30 UTC the next day.
    assert.equal(isoDateOf('2026-11-24T23:30:00.000-0500'), '2026-11-25');
    // 00:30 at +01:00 is 23:30 UTC the day before.
    assert.equal(isoDateOf('2026-11-25T00:30:00+01:00'), '2026-11-24');
    assert.equal(isoDateOf('2026-03-01T23:59:59.999Z'), '2026-03-01');
  });

  test('Dates and plain dates', () => {
    assert.equal(isoDateOf(new Date('2026-03-01T23:59:59.999Z')), '2026-03-01');
    assert.equal(isoDateOf('2026-03-06'), '2026-03-06');
  });

  test('refuses what is not a real instant (2026-02-30 is not rolled over into March)', () => {
    assert.throws(() => isoDateOf('2026-02-30T10:00:00Z'), RangeError);
    assert.throws(() => isoDateOf('2026-02-30'), RangeError);
    assert.throws(() => isoDateOf('yesterday'), RangeError);
    assert.throws(() => isoDateOf(new Date(Number.NaN)), RangeError);
  });

  test('asked again, the same instant gives the same day; a refused one stays refused; past many instants the answers stay right', () => {
    const instant = '2026-11-24T23:30:00.000-0500';
    assert.equal(isoDateOf(instant), '2026-11-25');
    assert.equal(isoDateOf(instant), '2026-11-25');
    assert.throws(() => isoDateOf('2026-02-30T10:00:00Z'), RangeError);
    assert.throws(() => isoDateOf('2026-02-30T10:00:00Z'), RangeError);
    // More distinct instants than the parsed days kept (one a minute over 60 days): each still right.
    const start = Date.UTC(2026, 0, 1);
    for (let minute = 0; minute < 60 * 24 * 60; minute += 1) {
      const at = new Date(start + minute * 60_000);
      const written = at.toISOString();
      if (isoDateOf(written) !== written.slice(0, 10)) assert.fail(`${written} gave ${isoDateOf(written)}`);
    }
    assert.equal(isoDateOf(instant), '2026-11-25');
  });
});

/**
 * Business days of a project's communication plan: its working days of the week minus its
 * holidays. Dates are calendar dates (`YYYY-MM-DD`) in UTC; instants become dates through
 * `isoDateOf`. Counting uses half-open intervals (from, to], so "days waiting since Monday"
 * counted on Tuesday is 1 and an ask answered on its due date is 0 days late.
 */
import { WEEKDAYS, addDays, epochDay, formatIsoDate, fromEpochDay, isIsoDate, parseIsoDate, weekdayOf, type CalendarDate, type Weekday } from './time';

export interface WorkCalendar {
  workingDays: readonly Weekday[];
  /** YYYY-MM-DD */
  holidays: readonly string[];
}

export function calendarFromPlan(plan: { workingDays: readonly Weekday[]; holidays: readonly { date: string }[] }): WorkCalendar {
  return { workingDays: [...plan.workingDays], holidays: plan.holidays.map((holiday) => holiday.date) };
}

/** The calendar date of a `YYYY-MM-DD` string; throws for anything else (a caller's bug, not user input). */
function dateOf(value: string): CalendarDate {
  const date = parseIsoDate(value);
  if (!date) throw new RangeError(`not a calendar date written YYYY-MM-DD: ${String(value)}`);
  return date;
}

export function isBusinessDay(date: string, cal: WorkCalendar): boolean {
  return cal.workingDays.includes(weekdayOf(dateOf(date))) && !cal.holidays.includes(date);
}

/** Business days in the half-open interval (from, to]: 0 when to <= from. */
export function businessDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  const start = epochDay(dateOf(from));
  const end = epochDay(dateOf(to));
  if (end <= start) return 0;
  const span = end - start;
  const working = new Set(cal.workingDays);
  // Whole weeks hold every working day once; only the remainder (< 7 days) is walked.
  let count = Math.floor(span / 7) * working.size;
  for (let day = start + Math.floor(span / 7) * 7 + 1; day <= end; day++) {
    if (working.has(weekdayOf(fromEpochDay(day)))) count++;
  }
  // A holiday only removes a day that would have been worked; each date once.
  for (const holiday of new Set(cal.holidays)) {
    const parsed = parseIsoDate(holiday);
    if (!parsed) continue;
    const day = epochDay(parsed);
    if (day > start && day <= end && working.has(weekdayOf(parsed))) count--;
  }
  return count;
}

/**
 * The n-th business day after `date` (n > 0) or before it (n < 0); `date` itself for 0.
 * So `businessDaysBetween(date, addBusinessDays(date, n)) === n` for n >= 0.
 */
export function addBusinessDays(date: string, n: number, cal: WorkCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`business days must be a whole number: ${n}`);
  let current = dateOf(date);
  if (n === 0) return date;
  if (!cal.workingDays.some((day) => WEEKDAYS.includes(day))) throw new RangeError('the calendar has no working days');
  const step = n > 0 ? 1 : -1;
  let remaining = Math.abs(n);
  // Every week holds a working day, and each holiday can push the answer by at most a week.
  const bound = (remaining + cal.holidays.length + 1) * 7;
  for (let walked = 0; walked < bound; walked++) {
    current = addDays(current, step);
    if (isBusinessDay(formatIsoDate(current), cal) && --remaining === 0) return formatIsoDate(current);
  }
  throw new RangeError(`no business day found ${n} business days from ${date}`);
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * The UTC calendar date of an instant: a Date, an ISO instant with offset (Jira writes
 * `2026-11-24T09:30:00.000+0000`) or a plain `YYYY-MM-DD` (returned as is).
 */
export function isoDateOf(instant: Date | string): string {
  if (instant instanceof Date) {
    if (Number.isNaN(instant.getTime())) throw new RangeError('not a valid instant: Invalid Date');
    return instant.toISOString().slice(0, 10);
  }
  // A report asks for the day of the same few thousand instants many times over (per period, per
  // day of a burn-up): each written instant is parsed once.
  const known = DAY_OF_INSTANT.get(instant);
  if (known !== undefined) return known;
  const day = parsedDayOf(instant);
  if (DAY_OF_INSTANT.size >= DAY_OF_INSTANT_MAX) DAY_OF_INSTANT.clear();
  DAY_OF_INSTANT.set(instant, day);
  return day;
}

/** Days of instants already parsed (bounded: cleared when full). */
const DAY_OF_INSTANT = new Map<string, string>();
const DAY_OF_INSTANT_MAX = 50_000;

function parsedDayOf(instant: string): string {
  const match = INSTANT.exec(String(instant));
  // Date.parse rolls 2026-02-30 over to March: check the written date is real first.
  if (!match || !isIsoDate(match[1])) throw new RangeError(`not a valid instant: ${String(instant)}`);
  if (match[2] === undefined) return match[1];
  const time = Date.parse(instant);
  if (Number.isNaN(time)) throw new RangeError(`not a valid instant: ${instant}`);
  return new Date(time).toISOString().slice(0, 10);
}

/** The later / earlier of two YYYY-MM-DD dates (they compare as strings). */
export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}

export function earlierDate(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The calendar date `days` days after (or before, when negative) a YYYY-MM-DD date. */
export function shiftDate(date: string, days: number): string {
  return formatIsoDate(addDays(dateOf(date), days));
}

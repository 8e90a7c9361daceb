/**
 * Dates for building sites: whole UTC days, Jira's date-time format, and a "work clock" that
 * counts only working minutes (Monday–Friday, 09:00–17:00 UTC) so that generated activity —
 * status moves, worklogs, comments — happens when people work.
 */
import type { SeededRandom } from './random';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 17;
export const WORKDAY_MINUTES = (WORKDAY_END_HOUR - WORKDAY_START_HOUR) * 60;

/** 1970-01-05, the first Monday after the epoch: day 0 of the work clock. */
const FIRST_MONDAY = 4;

/** Days since the epoch of a date's UTC calendar day. */
export function utcDay(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('Invalid date');
  return Math.floor(ms / DAY_MS);
}

export function dayStartMs(day: number): number {
  return day * DAY_MS;
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWorkday(day: number): boolean {
  const w = weekdayOf(day);
  return w >= 1 && w <= 5;
}

export function mondayOnOrBefore(day: number): number {
  return day - ((weekdayOf(day) + 6) % 7);
}

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  return new Date(dayStartMs(day)).toISOString().slice(0, 10);
}

/** Jira's stored date-time form, in UTC: `2026-11-24T09:30:00.000+0000`. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** A time on a day: `at(day, 9, 30)`. */
export function at(day: number, hour: number, minute = 0): number {
  return dayStartMs(day) + hour * HOUR_MS + minute * MINUTE_MS;
}

/** Index of a working day on the work clock (the day must be Monday–Friday). */
function workdayIndex(day: number): number {
  const rel = day - FIRST_MONDAY;
  const week = Math.floor(rel / 7);
  return week * 5 + (rel - week * 7);
}

function dayOfWorkdayIndex(index: number): number {
  const week = Math.floor(index / 5);
  return FIRST_MONDAY + week * 7 + (index - week * 5);
}

/** The first working minute at or after an instant (weekends and nights skip ahead). */
export function workMinuteAtOrAfter(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  if (day < FIRST_MONDAY) throw new Error(`Date before 1970-01-05 is outside the work clock: ${new Date(ms).toISOString()}`);
  const rel = day - FIRST_MONDAY;
  const dow = rel % 7;
  if (dow >= 5) return workdayIndex(day + (7 - dow)) * WORKDAY_MINUTES;
  const minuteOfDay = Math.ceil((ms - dayStartMs(day)) / MINUTE_MS) - WORKDAY_START_HOUR * 60;
  const index = workdayIndex(day);
  if (minuteOfDay <= 0) return index * WORKDAY_MINUTES;
  if (minuteOfDay >= WORKDAY_MINUTES) return (index + 1) * WORKDAY_MINUTES;
  return index * WORKDAY_MINUTES + minuteOfDay;
}

/** The instant of a working minute. */
export function instantOfWorkMinute(workMinute: number): number {
  const whole = Math.floor(workMinute);
  const index = Math.floor(whole / WORKDAY_MINUTES);
  const minute = whole - index * WORKDAY_MINUTES;
  return dayStartMs(dayOfWorkdayIndex(index)) + (WORKDAY_START_HOUR * 60 + minute) * MINUTE_MS;
}

/** Working minutes in [fromMs, toMs). */
export function workMinutesBetween(fromMs: number, toMs: number): number {
  return Math.max(0, workMinuteAtOrAfter(toMs) - workMinuteAtOrAfter(fromMs));
}

/**
 * `count` strictly increasing instants in working time within [fromMs, toMs), one minute apart
 * at least. Throws when the window holds fewer working minutes than `count`.
 */
export function workInstants(rng: SeededRandom, count: number, fromMs: number, toMs: number): number[] {
  if (count === 0) return [];
  const lo = workMinuteAtOrAfter(fromMs);
  const hi = workMinuteAtOrAfter(toMs);
  if (hi - lo < count) {
    throw new Error(`No room for ${count} working instants between ${new Date(fromMs).toISOString()} and ${new Date(toMs).toISOString()}`);
  }
  const minutes = rng.sortedUniform(count, lo, hi).map(Math.floor);
  for (let i = 1; i < count; i++) minutes[i] = Math.max(minutes[i], minutes[i - 1] + 1);
  for (let i = count - 1; i >= 0; i--) minutes[i] = Math.min(minutes[i], i === count - 1 ? hi - 1 : minutes[i + 1] - 1);
  return minutes.map(instantOfWorkMinute);
}

/**
 * Report periods: a week is Monday to Sunday of the date's ISO week, a month the calendar month,
 * a custom period any run of 1..MAX_CUSTOM_DAYS days. Both ends are included.
 * The period before / after one of the same kind drives "versus the previous period" and
 * "expected progress next period".
 */
import { AppError } from '../../platform/domain/errors';
import { addDays, daysInMonth, epochDay, formatIsoDate, fromEpochDay, parseIsoDate, WEEKDAYS, weekdayOf, type CalendarDate } from '../../platform/domain/time';
import type { ReportPeriod, ReportPeriodKind } from './model';

export const MAX_CUSTOM_DAYS = 366;

function dateOf(value: string, field: string): CalendarDate {
  const date = typeof value === 'string' ? parseIsoDate(value) : undefined;
  if (!date) {
    const message = 'Pick a date';
    throw new AppError('VALIDATION', `The period is not valid: pick a date for ${field}`, { fields: { [field]: message } });
  }
  return date;
}

/** The week (Mon–Sun) or calendar month that holds `date`. */
export function periodOf(kind: Exclude<ReportPeriodKind, 'custom'>, date: string): ReportPeriod {
  const day = dateOf(date, 'date');
  if (kind === 'month') {
    const from = { year: day.year, month: day.month, day: 1 };
    const to = { year: day.year, month: day.month, day: daysInMonth(day.year, day.month) };
    return { kind, from: formatIsoDate(from), to: formatIsoDate(to) };
  }
  const monday = addDays(day, -WEEKDAYS.indexOf(weekdayOf(day)));
  return { kind: 'week', from: formatIsoDate(monday), to: formatIsoDate(addDays(monday, 6)) };
}

/** A custom period, checked: real dates, `to` on or after `from`, at most MAX_CUSTOM_DAYS days. */
export function customPeriod(from: string, to: string): ReportPeriod {
  const start = epochDay(dateOf(from, 'from'));
  const end = epochDay(dateOf(to, 'to'));
  if (end < start) throw new AppError('VALIDATION', 'The period ends before it starts', { fields: { to: 'Must be on or after the start date' } });
  if (end - start + 1 > MAX_CUSTOM_DAYS) {
    throw new AppError('VALIDATION', `A custom period may cover at most ${MAX_CUSTOM_DAYS} days`, { fields: { to: `At most ${MAX_CUSTOM_DAYS} days after the start` } });
  }
  return { kind: 'custom', from, to };
}

/** The number of calendar days in the period (both ends included). */
export function periodDays(period: ReportPeriod): number {
  return epochDay(dateOf(period.to, 'to')) - epochDay(dateOf(period.from, 'from')) + 1;
}

function shifted(date: string, days: number): string {
  return formatIsoDate(addDays(dateOf(date, 'date'), days));
}

/** The period of the same kind just before: the previous week / month, or as many days before a custom one. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  if (period.kind !== 'custom') return periodOf(period.kind, shifted(period.from, -1));
  const days = periodDays(period);
  return { kind: 'custom', from: shifted(period.from, -days), to: shifted(period.from, -1) };
}

/** The period of the same kind just after. */
export function nextPeriod(period: ReportPeriod): ReportPeriod {
  if (period.kind !== 'custom') return periodOf(period.kind, shifted(period.to, 1));
  const days = periodDays(period);
  return { kind: 'custom', from: shifted(period.to, 1), to: shifted(period.to, days) };
}

/** Every date of the period, oldest first. */
export function datesOf(period: ReportPeriod): string[] {
  const start = epochDay(dateOf(period.from, 'from'));
  const end = epochDay(dateOf(period.to, 'to'));
  const dates: string[] = [];
  for (let day = start; day <= end; day++) dates.push(formatIsoDate(fromEpochDay(day)));
  return dates;
}

/** Whether a YYYY-MM-DD date lies in the period (both ends included). */
export function inPeriod(date: string, period: { from: string; to: string }): boolean {
  return date >= period.from && date <= period.to;
}

/**
 * When the communication plan's report schedule is due, and which period the report then covers
 * (pure; the scheduled trigger in reportSchedule.ts asks it once a day).
 * - weekly on a weekday: due on that weekday; the report covers the week (Mon–Sun) holding the day.
 * - monthly on a day of the month: due on that day (a 31 in a 30-day month: the month's last day);
 *   the report covers that calendar month, except when the day falls in the month's first week
 *   (1–7): then the month just ended, which is what a report early in a month is about.
 */
import type { ReportPeriod } from './model';
import { periodOf, previousPeriod } from './period';
import type { ReportSchedule } from '../../settings/domain/settings';
import { daysInMonth, parseIsoDate, weekdayOf } from '../../platform/domain/time';

export function scheduledPeriod(schedule: ReportSchedule, today: string): ReportPeriod | null {
  const date = parseIsoDate(today);
  if (!date) return null;
  if (schedule.cadence === 'weekly') return weekdayOf(date) === schedule.weekday ? periodOf('week', today) : null;
  const dueDay = Math.min(schedule.dayOfMonth, daysInMonth(date.year, date.month));
  if (date.day !== dueDay) return null;
  const month = periodOf('month', today);
  return dueDay > 7 ? month : previousPeriod(month);
}

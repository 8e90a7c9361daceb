/**
 * When a recurring meeting happens next. Pure: the meeting's rule and "now" in, an instant out.
 * The rule is read in the meeting's own time zone (a 09:00 Berlin stand-up stays at 09:00 Berlin
 * across daylight saving), and a monthly meeting on day 29-31 falls on the last day of shorter months.
 */
import type { Meeting } from '../../settings/domain/settings';
import {
  type CalendarDate,
  addDays,
  daysInMonth,
  epochDay,
  formatIsoDate,
  hhmmToMinutes,
  parseIsoDate,
  weekdayOf,
  zonedDateTime,
  zonedTimeToInstant,
} from '../../platform/domain/time';

export interface MeetingOccurrence {
  name: string;
  /** The start as an ISO instant (UTC). */
  startsAt: string;
  /** The start on the meeting's own calendar: `YYYY-MM-DD` and `HH:MM` in `timeZone`. */
  localDate: string;
  localTime: string;
  timeZone: string;
  durationMinutes: number;
}

/** Candidate days examined before giving up; more than a year of weeks or months. */
const SEARCH_DAYS = 400;

/** The first occurrence of the meeting that starts strictly after `now`, or null if none within a year. */
export function nextOccurrence(meeting: Meeting, now: Date): MeetingOccurrence | null {
  const minutes = hhmmToMinutes(meeting.time);
  const today = zonedDateTime(now, meeting.timeZone);
  const startDate = meeting.startDate ? parseIsoDate(meeting.startDate) : undefined;
  // A start date in the future moves the search forward; occurrences before it do not exist.
  let day: CalendarDate = { year: today.year, month: today.month, day: today.day };
  if (startDate && epochDay(startDate) > epochDay(day)) day = startDate;

  for (let i = 0; i < SEARCH_DAYS; i += 1, day = addDays(day, 1)) {
    if (!occursOn(meeting, day, startDate)) continue;
    const startsAt = zonedTimeToInstant(day, minutes, meeting.timeZone);
    if (startsAt.getTime() > now.getTime()) {
      return {
        name: meeting.name,
        startsAt: startsAt.toISOString(),
        localDate: formatIsoDate(day),
        localTime: meeting.time,
        timeZone: meeting.timeZone,
        durationMinutes: meeting.durationMinutes,
      };
    }
  }
  return null;
}

function occursOn(meeting: Meeting, day: CalendarDate, startDate: CalendarDate | undefined): boolean {
  if (startDate && epochDay(day) < epochDay(startDate)) return false;
  switch (meeting.cadence) {
    case 'weekly':
      return weekdayOf(day) === meeting.weekday;
    case 'biweekly': {
      // Validation guarantees a start date on the meeting's weekday; every 14 days from it.
      if (!startDate) return false;
      const since = epochDay(day) - epochDay(startDate);
      return since >= 0 && since % 14 === 0;
    }
    case 'monthly':
      return day.day === Math.min(meeting.dayOfMonth, daysInMonth(day.year, day.month));
  }
}

/** The soonest next occurrence across several meetings, or null when none has one. */
export function nextMeeting(meetings: readonly Meeting[], now: Date): MeetingOccurrence | null {
  let soonest: MeetingOccurrence | null = null;
  for (const meeting of meetings) {
    const next = nextOccurrence(meeting, now);
    if (next && (!soonest || next.startsAt < soonest.startsAt)) soonest = next;
  }
  return soonest;
}

/**
 * Calendar arithmetic in named time zones with nothing but Intl (no date library):
 * validating IANA zone names, the local calendar date/time of an instant in a zone, and the
 * instant of a local wall-clock time in a zone.
 */

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const ZONE_NAME = /^(UTC|GMT|[A-Za-z][A-Za-z_]*(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * An IANA time zone name such as `Europe/Berlin`, `America/Argentina/Buenos_Aires` or `UTC`.
 * Offsets (`+01:00`) and abbreviations (`CET`, `PST`) are refused: they do not follow daylight saving.
 */
export function isValidTimeZone(zone: string): boolean {
  if (!ZONE_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHhmm(value: string): boolean {
  return HHMM.test(value);
}

/** Minutes since midnight of an `HH:MM` string (assumed valid). */
export function hhmmToMinutes(value: string): number {
  const match = HHMM.exec(value);
  if (!match) throw new RangeError(`not a HH:MM time: ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/** A real calendar date written `YYYY-MM-DD` (so `2026-02-30` is refused). */
export function isIsoDate(value: string): boolean {
  return parseIsoDate(value) !== undefined;
}

export function parseIsoDate(value: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return undefined;
  return date;
}

export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of a calendar date (a plain day count, no time zone involved). */
export function epochDay(date: CalendarDate): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

export function fromEpochDay(day: number): CalendarDate {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(epochDay(date) + days);
}

export function weekdayOf(date: CalendarDate): Weekday {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const index = (((epochDay(date) + 3) % 7) + 7) % 7;
  return WEEKDAYS[index];
}

export interface ZonedDateTime extends CalendarDate {
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock date and time of an instant in a zone. */
export function zonedDateTime(instant: Date, zone: string): ZonedDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which a zone's wall clock shows `date` at `minutes` past midnight.
 * A time skipped by a daylight-saving jump resolves to the same clock reading after the jump
 * (02:30 on a spring-forward night becomes 03:30); a repeated time resolves to its first occurrence.
 */
export function zonedTimeToInstant(date: CalendarDate, minutes: number, zone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, Math.floor(minutes / 60), minutes % 60);
  const firstGuess = wall - zoneOffsetMs(wall, zone);
  const offsetAtGuess = zoneOffsetMs(firstGuess, zone);
  const candidate = wall - offsetAtGuess;
  if (zoneOffsetMs(candidate, zone) === offsetAtGuess) {
    // Prefer the earlier of two readings when the wall time happens twice (fall back).
    const earlierOffset = zoneOffsetMs(candidate - 3_600_000, zone);
    const earlier = wall - earlierOffset;
    if (earlier < candidate && zoneOffsetMs(earlier, zone) === earlierOffset) return new Date(earlier);
    return new Date(candidate);
  }
  // The wall time does not exist (spring forward): use the offset from before the jump.
  return new Date(wall - zoneOffsetMs(candidate - 3_600_000, zone));
}

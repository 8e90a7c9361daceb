/**
 * Dates in JQL: absolute values ("2026-11-24", "2026/11/24 10:00"), periods relative to now
 * ("-7d", "4w 2d"), epoch milliseconds, and the date functions (now(), startOfDay(-1), ...).
 * The sandbox site's time zone is UTC: day, week, month and year boundaries are UTC ones, and
 * weeks start on Monday (ISO 8601).
 */
import { JqlError, jqlMessages } from './errors';

export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Jira indexes date-times to the minute; comparisons happen at that precision. */
export const toMinute = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;
/** Days since 1970-01-01 (UTC): the value of a date-only field such as the due date. */
export const toDay = (ms: number): number => Math.floor(ms / DAY);

const timestampCache = new Map<string, number>();
const TIMESTAMP_CACHE_LIMIT = 200_000;

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** `2026-11-24T09:30:00.000+0000`, the shape the sandbox stores, read without a regular expression. */
function readStoredTimestamp(v: string): number {
  if (v.length !== 28 || v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':' || v[19] !== '.') return Number.NaN;
  const sign = v[23] === '+' ? 1 : v[23] === '-' ? -1 : 0;
  if (!sign) return Number.NaN;
  const days = daysFromCivil(digit(v, 0) * 1000 + digit(v, 1) * 100 + two(v, 2), two(v, 5), two(v, 8));
  const ms = ((days * 24 + two(v, 11)) * 60 + two(v, 14)) * MINUTE + two(v, 17) * 1000 + digit(v, 20) * 100 + two(v, 21);
  const result = ms - sign * (two(v, 24) * HOUR + two(v, 26) * MINUTE);
  return Number.isFinite(result) ? result : Number.NaN;
}

/**
 * Milliseconds of a stored Jira timestamp (`2026-11-24T09:30:00.000+0000`), or NaN. Benchmarks
 * evaluate date clauses over tens of thousands of issues: the stored shape is read by hand and
 * other ISO forms are parsed once and cached.
 */
export function timestampMs(value: string): number {
  const fast = readStoredTimestamp(value);
  if (!Number.isNaN(fast)) return fast;
  const cached = timestampCache.get(value);
  if (cached !== undefined) return cached;
  let ms: number;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})$/.exec(value);
  if (m) {
    ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, m[7] ? +m[7].padEnd(3, '0') : 0);
    if (m[8] !== 'Z') {
      const sign = m[8][0] === '-' ? -1 : 1;
      const digits = m[8].replace(/[^\d]/g, '');
      ms -= sign * (Number(digits.slice(0, 2)) * HOUR + Number(digits.slice(2, 4)) * MINUTE);
    }
  } else {
    ms = Date.parse(value);
  }
  if (timestampCache.size >= TIMESTAMP_CACHE_LIMIT) timestampCache.clear();
  timestampCache.set(value, ms);
  return ms;
}

/** Day number of a `YYYY-MM-DD` date (the due date's stored form), or NaN. */
export function dateDay(value: string): number {
  if (value.length < 10 || value[4] !== '-' || value[7] !== '-') return Number.NaN;
  const y = digit(value, 0) * 1000 + digit(value, 1) * 100 + two(value, 2);
  const m = two(value, 5);
  const d = two(value, 8);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31) || !Number.isFinite(y)) return Number.NaN;
  return daysFromCivil(y, m, d);
}

const PERIOD_UNITS: Record<string, number> = {
  w: WEEK, week: WEEK, weeks: WEEK,
  d: DAY, day: DAY, days: DAY,
  h: HOUR, hour: HOUR, hours: HOUR,
  m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE,
};

/** A period such as "-7d", "4w 2d", "+3h", "-100minutes": its signed length in ms, or null. */
export function parsePeriod(value: string): number | null {
  const m = /^\s*([-+])?\s*((?:\d+\s*[a-z]+\s*)+)$/i.exec(value);
  if (!m) return null;
  let total = 0;
  for (const part of m[2].matchAll(/(\d+)\s*([a-z]+)/gi)) {
    const unit = PERIOD_UNITS[part[2].toLowerCase()];
    if (unit === undefined) return null;
    total += Number(part[1]) * unit;
  }
  return m[1] === '-' ? -total : total;
}

/** An absolute date or date-time in one of Jira's four formats, as UTC ms; null if malformed. */
export function parseAbsoluteDate(value: string): number | null {
  const m = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?\s*$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], m[4] === undefined ? 0 : +m[4], m[5] === undefined ? 0 : +m[5]];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  return new Date(ms).getUTCDate() === d ? ms : null;
}

/** A date operand value (absolute, relative to `now`, or epoch ms) as UTC ms; throws Jira's message if invalid. */
export function dateValueMs(value: string, now: Date, field: string): number {
  const absolute = parseAbsoluteDate(value);
  if (absolute !== null) return absolute;
  const period = parsePeriod(value);
  if (period !== null) return now.getTime() + period;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  throw new JqlError(jqlMessages.invalidDate(value, field));
}

type Period = 'day' | 'week' | 'month' | 'year';

const DATE_FUNCTIONS: Record<string, { period: Period; end: boolean } | null> = {
  now: null,
  startofday: { period: 'day', end: false }, endofday: { period: 'day', end: true },
  startofweek: { period: 'week', end: false }, endofweek: { period: 'week', end: true },
  startofmonth: { period: 'month', end: false }, endofmonth: { period: 'month', end: true },
  startofyear: { period: 'year', end: false }, endofyear: { period: 'year', end: true },
};

export const isDateFunction = (name: string): boolean => name.toLowerCase() in DATE_FUNCTIONS;

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

function shift(ms: number, unit: string, n: number): number {
  switch (unit) {
    case 'y': return addMonths(ms, 12 * n);
    case 'M': return addMonths(ms, n);
    case 'w': return ms + n * WEEK;
    case 'd': return ms + n * DAY;
    case 'h': return ms + n * HOUR;
    default: return ms + n * MINUTE; // 'm'
  }
}

function startOf(period: Period, ms: number): number {
  const d = new Date(ms);
  switch (period) {
    case 'day': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'week': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    case 'month': return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'year': return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

const NATURAL_UNIT: Record<Period, string> = { day: 'd', week: 'w', month: 'M', year: 'y' };

/**
 * The instant a date function names, as UTC ms. An increment in the function's own unit (or
 * with no unit) moves to another period: startOfMonth(-1) is the first of last month; any other
 * unit offsets the boundary: startOfMonth("+14d") is the 15th of this month.
 */
export function dateFunctionMs(name: string, args: string[], now: Date): number {
  const spec = DATE_FUNCTIONS[name.toLowerCase()];
  if (spec === undefined) throw new JqlError(jqlMessages.unknownFunction(name));
  if (spec === null) {
    if (args.length !== 0) throw new JqlError(jqlMessages.functionArgCount(name, 0, args.length));
    return now.getTime();
  }
  if (args.length > 1) throw new JqlError(jqlMessages.functionArgRange(name, 0, 1, args.length));
  let unit = NATURAL_UNIT[spec.period];
  let amount = 0;
  if (args.length === 1) {
    const m = /^\s*([-+]?)(\d+)([yMwdhm]?)\s*$/.exec(args[0]);
    if (!m) throw new JqlError(jqlMessages.badIncrement(name));
    amount = (m[1] === '-' ? -1 : 1) * Number(m[2]);
    unit = m[3] || unit;
  }
  const natural = unit === NATURAL_UNIT[spec.period];
  const base = natural ? shift(now.getTime(), unit, amount) : now.getTime();
  const boundary = spec.end ? startOf(spec.period, shift(startOf(spec.period, base), NATURAL_UNIT[spec.period], 1)) - 1 : startOf(spec.period, base);
  return natural ? boundary : shift(boundary, unit, amount);
}

/**
 * The one way Liaison writes dates and times for people: a calendar day as "10 Dec 2026" (in the
 * reader's locale's order: "Dec 10, 2026" for en-US), an instant as that day plus the time on the
 * reader's clock, in the time zone of their Jira profile. The Custom UI apps pass the locale and
 * time zone `view.getContext()` gives them; the server, which writes for several readers at once
 * (notifications, audit lines), uses the default style and says which zone a time is in.
 */
import { isValidTimeZone } from './time';

export interface DateStyle {
  /** A BCP 47 language tag (`en-GB`); Jira's `en_GB` is accepted too. */
  locale: string;
  /** An IANA time zone (`Europe/Berlin`). */
  timeZone: string;
}

/** The style of text the server writes for several readers at once. */
export const DEFAULT_DATE_STYLE: DateStyle = { locale: 'en-GB', timeZone: 'UTC' };

const DAY_OPTIONS: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { timeStyle: 'short' };
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A style from what Jira says about the user: its locale (`en_US`, `de-DE`) and time zone; anything
 * missing or unknown falls back to the default, so a bad profile never breaks a page.
 */
export function dateStyleOf(context: { locale?: unknown; timezone?: unknown; timeZone?: unknown } | undefined): DateStyle {
  const zone = context?.timezone ?? context?.timeZone;
  return {
    locale: localeTag(context?.locale),
    timeZone: typeof zone === 'string' && isValidTimeZone(zone) ? zone : DEFAULT_DATE_STYLE.timeZone,
  };
}

/** Jira's `en_US` as the `en-US` Intl expects; an unknown or malformed tag gives the default. */
export function localeTag(locale: unknown): string {
  if (typeof locale !== 'string' || locale.trim() === '') return DEFAULT_DATE_STYLE.locale;
  const tag = locale.trim().replace(/_/g, '-');
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? Intl.getCanonicalLocales(tag)[0] : DEFAULT_DATE_STYLE.locale;
  } catch {
    return DEFAULT_DATE_STYLE.locale;
  }
}

/**
 * A calendar day (`2026-12-10`) as "10 Dec 2026". A calendar day has no time zone: it is never
 * shifted through one. Text that is not a calendar day is returned as it is.
 */
export function formatDay(date: string, style: Pick<DateStyle, 'locale'> = DEFAULT_DATE_STYLE): string {
  const match = ISO_DAY.exec(date.slice(0, 10));
  if (!match) return date;
  const utc = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (utc.getUTCDate() !== Number(match[3])) return date;
  return new Intl.DateTimeFormat(style.locale, { ...DAY_OPTIONS, timeZone: 'UTC' }).format(utc);
}

/** A month (`2026-12` or any day in it) as "Dec 2026". */
export function formatMonth(month: string, style: Pick<DateStyle, 'locale'> = DEFAULT_DATE_STYLE): string {
  const match = /^(\d{4})-(\d{2})/.exec(month);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return month;
  return new Intl.DateTimeFormat(style.locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/**
 * An instant as "10 Dec 2026, 14:30" on the reader's clock: the day written exactly as
 * `formatDay` writes days, then the time in the locale's way (24-hour or "2:30 PM"). With `showZone`
 * the zone's name follows ("(Europe/Berlin)"), for text read by people in several zones.
 */
export function formatInstant(iso: string, style: DateStyle = DEFAULT_DATE_STYLE, opts: { showZone?: boolean } = {}): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const instant = new Date(ms);
  const time = new Intl.DateTimeFormat(style.locale, { ...TIME_OPTIONS, timeZone: style.timeZone }).format(instant);
  const text = `${formatDay(dayInZone(instant, style.timeZone), style)}, ${time}`;
  return opts.showZone ? `${text} (${style.timeZone})` : text;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone: "today" for the reader. */
export function dayInZone(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

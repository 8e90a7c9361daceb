/**
 * Dates and times on every screen in one style: the user's Jira locale and the time zone of their
 * Jira profile, as `view.getContext()` gives them (never the browser's own zone, so a screen never
 * mixes two). `mountApp` loads the style before the first render; the rule itself is
 * src/platform/domain/dateStyle.ts, which the server's text follows too.
 */
import { dateStyleOf, DEFAULT_DATE_STYLE, dayInZone, formatDay as dayIn, formatInstant as instantIn, formatMonth as monthIn, type DateStyle } from '../../src/platform/domain/dateStyle';
import { getContext } from './forge';

let current: DateStyle = DEFAULT_DATE_STYLE;

/** How long a page waits for the context before it shows dates in the default style. */
const CONTEXT_WAIT_MS = 3_000;

/** Reads the user's locale and time zone from the Custom UI context (once per page). */
export async function loadDateStyle(): Promise<DateStyle> {
  const context = await Promise.race([
    getContext().catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CONTEXT_WAIT_MS)),
  ]);
  current = dateStyleOf(context as { locale?: unknown; timezone?: unknown } | undefined);
  return current;
}

export function dateStyle(): DateStyle {
  return current;
}

/** "10 Dec 2026" (in the user's locale's order) for a calendar day; never shifted through a time zone. */
export function formatDay(date: string): string {
  return dayIn(date, current);
}

/** "10 Dec 2026, 14:30" on the user's clock (their Jira profile's time zone). */
export function formatInstant(iso: string): string {
  return instantIn(iso, current);
}

/** "Dec 2026". */
export function formatMonth(month: string): string {
  return monthIn(month, current);
}

/** Only the time, "14:30" / "2:30 PM", on the user's clock. */
export function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Intl.DateTimeFormat(current.locale, { timeStyle: 'short', timeZone: current.timeZone }).format(new Date(ms));
}

/** Today (YYYY-MM-DD) for the user, in their profile's time zone. */
export function todayForUser(now: Date = new Date()): string {
  return dayInZone(now, current.timeZone);
}

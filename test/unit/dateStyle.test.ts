import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { dateStyleOf, DEFAULT_DATE_STYLE, dayInZone, formatDay, formatInstant, formatMonth, localeTag } from '../../src/platform/domain/dateStyle';

describe('the one date and time style', () => {
  test("Jira's locale (en_GB, de_DE) becomes an Intl tag; a missing or unknown one falls back to the default", () => {
    assert.equal(localeTag('en_GB'), 'en-GB');
    assert.equal(localeTag('de_DE'), 'de-DE');
    assert.equal(localeTag('en-US'), 'en-US');
    for (const bad of [undefined, null, 42, '', '   ', 'not a locale!', '_']) assert.equal(localeTag(bad), DEFAULT_DATE_STYLE.locale, String(bad));
  });

  test("the context's time zone is used when it is a real IANA zone, else UTC", () => {
    assert.deepEqual(dateStyleOf({ locale: 'en_US', timezone: 'America/New_York' }), { locale: 'en-US', timeZone: 'America/New_York' });
    assert.deepEqual(dateStyleOf({ locale: 'en_GB', timeZone: 'Europe/Berlin' }), { locale: 'en-GB', timeZone: 'Europe/Berlin' });
    assert.deepEqual(dateStyleOf({ locale: 'en_GB', timezone: 'CEST' }), { locale: 'en-GB', timeZone: 'UTC' });
    assert.deepEqual(dateStyleOf({ timezone: 7 }), DEFAULT_DATE_STYLE);
    assert.deepEqual(dateStyleOf(undefined), DEFAULT_DATE_STYLE);
  });

  test('a calendar day in the reader locale, never shifted through a time zone', () => {
    assert.equal(formatDay('2026-12-10'), '10 Dec 2026');
    assert.equal(formatDay('2026-12-10', { locale: 'en-GB' }), '10 Dec 2026');
    assert.equal(formatDay('2026-12-10', { locale: 'en-US' }), 'Dec 10, 2026');
    assert.equal(formatDay('2026-12-10', { locale: 'de-DE' }), '10. Dez. 2026');
    // A date-time string is read for its day only.
    assert.equal(formatDay('2026-01-01T23:30:00.000-0800'), '1 Jan 2026');
    // Not a day: shown as it came, never "Invalid Date".
    assert.equal(formatDay('2026-02-30'), '2026-02-30');
    assert.equal(formatDay('soon'), 'soon');
  });

  test('a month', () => {
    assert.equal(formatMonth('2026-12'), 'Dec 2026');
    assert.equal(formatMonth('2026-03-17', { locale: 'en-US' }), 'Mar 2026');
    assert.equal(formatMonth('2026-13'), '2026-13');
    assert.equal(formatMonth('later'), 'later');
  });

  test("an instant on the reader's clock: the same day words as formatDay, then the time in the locale's way", () => {
    const iso = '2026-12-10T23:30:00.000Z';
    assert.equal(formatInstant(iso), '10 Dec 2026, 23:30');
    assert.equal(formatInstant(iso, { locale: 'en-GB', timeZone: 'Europe/Berlin' }), '11 Dec 2026, 00:30');
    assert.equal(formatInstant(iso, { locale: 'en-US', timeZone: 'America/New_York' }), 'Dec 10, 2026, 6:30 PM');
    assert.equal(formatInstant(iso, { locale: 'en-GB', timeZone: 'Asia/Kolkata' }), '11 Dec 2026, 05:00');
    // Daylight saving: London is on BST in July.
    assert.equal(formatInstant('2026-07-01T12:00:00Z', { locale: 'en-GB', timeZone: 'Europe/London' }), '1 Jul 2026, 13:00');
    assert.equal(formatInstant(iso, { locale: 'en-GB', timeZone: 'Europe/Berlin' }, { showZone: true }), '11 Dec 2026, 00:30 (Europe/Berlin)');
    assert.equal(formatInstant('not a time'), 'not a time');
  });

  test("the reader's today", () => {
    const instant = new Date('2026-12-10T23:30:00.000Z');
    assert.equal(dayInZone(instant, 'UTC'), '2026-12-10');
    assert.equal(dayInZone(instant, 'Europe/Berlin'), '2026-12-11');
    assert.equal(dayInZone(instant, 'America/Los_Angeles'), '2026-12-10');
  });
});

/**
 * static/common/dates.ts: every Custom UI screen shows dates in the style the Forge context gives
 * (the user's Jira locale and profile time zone), read once per page; without a context (an
 * error, or none within 3 s) the default style. The bridge's getContext is replaced here, as the
 * browser tests cannot reach this module's branches one by one.
 */
import { describe, test, beforeEach, jest } from '@jest/globals';
import assert from 'node:assert/strict';

const getContext = jest.fn<() => Promise<unknown>>();
jest.mock('../../static/common/forge', () => ({ getContext: () => getContext() }));

// Loaded after the mock, and afresh per test: the style is module state.
type Dates = typeof import('../../static/common/dates');
let dates: Dates;
beforeEach(() => {
  jest.resetModules();
  getContext.mockReset();
  dates = require('../../static/common/dates') as Dates;
});

describe('the date style of a screen', () => {
  test('from the context: en_US in New York shows "Dec 10, 2026" and times on the profile clock', async () => {
    getContext.mockResolvedValue({ locale: 'en_US', timezone: 'America/New_York' });
    const style = await dates.loadDateStyle();
    assert.deepEqual(style, { locale: 'en-US', timeZone: 'America/New_York' });
    assert.deepEqual(dates.dateStyle(), style);
    assert.equal(dates.formatDay('2026-12-10'), 'Dec 10, 2026');
    assert.equal(dates.formatMonth('2026-12'), 'Dec 2026');
    // 03:30 UTC is 22:30 the evening before in New York.
    assert.match(dates.formatInstant('2026-12-10T03:30:00Z'), /^Dec 9, 2026.*10:30\sPM$/);
    assert.match(dates.formatTime('2026-12-10T03:30:00Z'), /^10:30\sPM$/);
    assert.equal(dates.todayForUser(new Date('2026-12-10T03:30:00Z')), '2026-12-09');
  });

  test('en_GB in London: "10 Dec 2026", 24-hour times', async () => {
    getContext.mockResolvedValue({ locale: 'en_GB', timezone: 'Europe/London' });
    await dates.loadDateStyle();
    assert.equal(dates.formatDay('2026-12-10'), '10 Dec 2026');
    assert.equal(dates.formatTime('2026-12-10T14:30:00Z'), '14:30');
  });

  test('a time that is not an instant is shown as written', async () => {
    getContext.mockResolvedValue({ locale: 'en_GB', timezone: 'Europe/London' });
    await dates.loadDateStyle();
    assert.equal(dates.formatTime('soon'), 'soon');
  });

  test('no context (the bridge fails) gives the default style', async () => {
    const { DEFAULT_DATE_STYLE } = require('../../src/platform/domain/dateStyle') as typeof import('../../src/platform/domain/dateStyle');
    getContext.mockRejectedValue(new Error('no bridge'));
    assert.deepEqual(await dates.loadDateStyle(), DEFAULT_DATE_STYLE);
    assert.deepEqual(dates.dateStyle(), DEFAULT_DATE_STYLE);
  });

  test('a context that never comes: the default style after 3 s, not a page that waits for ever', async () => {
    const { DEFAULT_DATE_STYLE } = require('../../src/platform/domain/dateStyle') as typeof import('../../src/platform/domain/dateStyle');
    getContext.mockReturnValue(new Promise(() => undefined));
    const started = Date.now();
    assert.deepEqual(await dates.loadDateStyle(), DEFAULT_DATE_STYLE);
    assert.ok(Date.now() - started >= 2_900, 'it waited for the context first');
  });
});

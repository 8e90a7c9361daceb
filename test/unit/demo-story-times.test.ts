/**
 * The demo story's timetable, whatever day `npm start` runs on: every step lies in the past, the
 * settings are saved (Liaison switched on for SHOP, sharing allowed) before anything else.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { ago, STORY, weekdayAgo, workdaysBefore } from '../../local/demo/story';
import { at, DAY_MS, isWorkday, utcDay } from '../../local/demo/calendar';

describe('the demo story on each day of a week', () => {
  const monday = utcDay(new Date('2026-12-07T12:00:00Z'));
  for (let offset = 0; offset < 7; offset += 1) {
    const today = monday + offset;
    const now = at(today, 5, 30);
    test(`today ${new Date(today * DAY_MS).toISOString().slice(0, 10)}`, () => {
      const times = STORY.map((step) => step.when(today));
      assert.ok(times.every((t) => t < now), 'a step in the future');
      assert.equal(Math.min(...times), times[0], 'the settings are saved first');
      // Each chain on one thing (ask, change request: `ago`; a week's report: `weekdayAgo` on one day) keeps its order by construction.
      const reportSteps = STORY.map((step, i) => ({ does: step.does, at: times[i] })).filter((s) => /report|notes|publishes|shares/.test(s.does));
      assert.ok(reportSteps.length >= 7);
      assert.deepEqual(reportSteps.map((s) => s.at), reportSteps.map((s) => s.at).sort((x, y) => x - y), 'the reports\' steps out of order');
    });
  }
});

describe('working days', () => {
  test('n working days back skips weekends, from a weekend day too', () => {
    const saturday = utcDay(new Date('2026-12-12T12:00:00Z'));
    assert.equal(workdaysBefore(saturday, 0), saturday - 1);
    assert.equal(workdaysBefore(saturday, 5), saturday - 8);
    const monday = saturday - 5;
    assert.equal(workdaysBefore(monday, 1), monday - 3);
    for (let n = 0; n < 15; n += 1) assert.ok(isWorkday(workdaysBefore(monday, n)));
  });

  test('ago and weekdayAgo name times of day on those days', () => {
    const wednesday = utcDay(new Date('2026-12-09T12:00:00Z'));
    assert.equal(new Date(ago(2, '09:30')(wednesday)).toISOString(), '2026-12-07T09:30:00.000Z');
    assert.equal(new Date(weekdayAgo(1, 4, '16:05')(wednesday)).toISOString(), '2026-12-04T16:05:00.000Z');
  });
});

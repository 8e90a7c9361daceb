/**
 * The local host's settable clock (local/host/clock.ts), which the demo story moves to each step's
 * time: "now" moves for every reader of `Date`, explicit dates stay as they are, dates made before
 * it was set are still Dates, and resetting gives the real clock back.
 */
import { describe, test, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { clockNow, realNow, resetClock, setClock } from '../../local/host/clock';

const RealDate = Date;
const WEEK_AGO = Date.now() - 7 * 86_400_000;

afterEach(() => resetClock());

describe('setClock', () => {
  test('moves "now" for new Date(), Date.now() and Date(), and it runs on from there', async () => {
    setClock(WEEK_AGO);
    assert.ok(Math.abs(new Date().getTime() - WEEK_AGO) < 1000);
    assert.ok(Math.abs(Date.now() - WEEK_AGO) < 1000);
    assert.equal((Date as unknown as () => string)(), new RealDate(Date.now()).toString());
    const before = Date.now();
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(Date.now() >= before + 15);
    assert.ok(Math.abs(clockNow() - Date.now()) < 5);
    assert.ok(realNow() - Date.now() > 6 * 86_400_000);
  });

  test('leaves explicit dates, parsing and UTC alone', () => {
    setClock(new Date(WEEK_AGO));
    assert.equal(new Date('2026-12-01T10:00:00.000Z').toISOString(), '2026-12-01T10:00:00.000Z');
    assert.equal(new Date(2026, 0, 2).getFullYear(), 2026);
    assert.equal(Date.parse('2026-12-01T10:00:00.000Z'), RealDate.parse('2026-12-01T10:00:00.000Z'));
    assert.equal(Date.UTC(2026, 11, 1), RealDate.UTC(2026, 11, 1));
  });

  test('dates made before and after are Dates of one kind', () => {
    const before = new Date();
    setClock(WEEK_AGO);
    const after = new Date();
    assert.ok(before instanceof Date && after instanceof Date && after instanceof RealDate);
    assert.equal(Object.prototype.toString.call(after), '[object Date]');
    assert.equal(typeof after.toISOString(), 'string');
  });

  test('resetClock gives the real Date back; setting twice moves it again', () => {
    setClock(WEEK_AGO);
    setClock(WEEK_AGO - 86_400_000);
    assert.ok(Math.abs(Date.now() - (WEEK_AGO - 86_400_000)) < 1000);
    resetClock();
    assert.equal(Date, RealDate);
    assert.ok(Math.abs(Date.now() - realNow()) < 5);
    resetClock();
    assert.equal(Date, RealDate);
  });
});

import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { parseFlagNotes, propertyWithNotes, withNotes } from '../../src/flags/domain/flagNotes';
import { flagsIndex, flagsOfRecord, NO_FLAGS_INDEX } from '../../src/flags/domain/flagRecord';
import { parseFlagsProperty, summarize, type Flag } from '../../src/flags/domain/redFlags';
import { setFlagVisibility } from '../../src/flags/domain/flagActions';
import { sameJson, tamperReason } from '../../src/platform/domain/tampering';
import { thrownAppError } from './app-errors';

const PM = '712020:pm';
const DEV = '712020:dev1';

function flag(id: string, over: Partial<Flag> = {}): Flag {
  return { id, category: 'other', severity: 'medium', note: `note of ${id}`, clientVisible: false, source: 'manual', raisedBy: DEV, raisedAt: '2026-11-02T09:00:00.000Z', ...over };
}

describe('the liaison-flags projection (what any browsing user reads)', () => {
  const flags = [
    flag('a', { category: 'scope-creep', severity: 'high' }),
    flag('b', { clientVisible: true, category: 'blocked-on-client', severity: 'low', note: 'shared with the client' }),
    flag('c', { resolvedAt: '2026-11-03T09:00:00.000Z', resolvedBy: PM, resolution: 'done internally' }),
    flag('r', { source: 'rule:stale', raisedBy: 'rule', conditionKey: 'stale', category: 'stale', severity: 'critical' }),
  ];

  test('counts, severity and categories of open client-visible flags only, and an opaque total of open flags', () => {
    assert.deepEqual(flagsIndex(flags), { schema: 2, open: 1, maxSeverity: 1, categories: ['blocked-on-client'], total: 3 });
    assert.deepEqual(NO_FLAGS_INDEX, { schema: 2, open: 0, maxSeverity: 0, categories: [], total: 0 });
  });

  test('holds no note, account id, internal category or severity', () => {
    const text = JSON.stringify(flagsIndex(flags));
    for (const secret of [PM, DEV, 'rule', 'scope-creep', 'stale', 'done internally', 'shared with the client', 'note of']) assert.equal(text.includes(secret), false, secret);
  });

  test('the record keeps every flag whole; a malformed stored flag is left out and counted as dropped', () => {
    const read = flagsOfRecord({ flags: [...flags, { id: 'x' }], dropped: 2 });
    assert.deepEqual(read.flags, flags);
    assert.equal(read.dropped, 3);
    assert.deepEqual(flagsOfRecord(undefined).flags, []);
  });
});

describe('the tampering rule', () => {
  const projected = flagsIndex([flag('b', { clientVisible: true })]);

  test('a property is Liaison\'s when absent or equal (in any key order) to what the record projected now or one version before', () => {
    assert.equal(tamperReason(undefined, { exists: true, projected: [projected] }), null);
    assert.equal(tamperReason({ total: 1, categories: ['other'], maxSeverity: 2, open: 1, schema: 2 }, { exists: true, projected: [projected] }), null);
    assert.equal(tamperReason(NO_FLAGS_INDEX, { exists: true, projected: [projected, NO_FLAGS_INDEX] }), null);
    assert.equal(sameJson({ a: [1, { b: 2, c: 3 }] }, { a: [1, { c: 3, b: 2 }] }), true);
    assert.equal(sameJson([1, 2], [2, 1]), false);
  });

  test('anything else is tampering: no record behind it, or not what the record projected', () => {
    assert.equal(tamperReason({ schema: 1, step: 'approved' }, { exists: false, projected: [] }), 'no Liaison record stands behind it');
    assert.equal(tamperReason({ ...projected, total: 9 }, { exists: true, projected: [projected, undefined] }), 'it does not match what Liaison recorded');
  });
});

describe('issue 4\'s split flags, put back together once by the migration', () => {
  test('an internal flag takes its stored part; a client-visible one stays as the property held it', () => {
    const legacy = parseFlagsProperty({ flags: [{ ...flag('a'), note: undefined, raisedBy: undefined }, flag('b', { clientVisible: true, note: 'in the property' })] });
    assert.equal(legacy.flags[0].note, '', 'unmerged, an internal note reads as empty');
    const merged = propertyWithNotes(legacy, { a: { note: 'note of a', raisedBy: DEV, resolvedBy: PM, resolution: 'x' }, b: { note: 'stale', raisedBy: PM } });
    assert.deepEqual(merged.flags.map((f) => [f.id, f.note, f.raisedBy, f.resolution]), [['a', 'note of a', DEV, 'x'], ['b', 'in the property', DEV, undefined]]);
    assert.deepEqual(withNotes([flag('old', { note: 'legacy note' })], {}).map((f) => f.note), ['legacy note']);
  });

  test('parseFlagNotes reads stored parts defensively', () => {
    assert.deepEqual(parseFlagNotes({ a: { note: 'x', raisedBy: PM, resolvedBy: 3 }, b: { note: 1 }, c: null }), { a: { note: 'x', raisedBy: PM } });
    assert.deepEqual(parseFlagNotes('junk'), {});
  });
});

describe('setFlagVisibility', () => {
  test('flips one flag and refuses what makes no sense', () => {
    const p = summarize([flag('a'), flag('confused', { category: 'client-confused', clientVisible: true, raisedBy: '712020:client' })], 0);
    assert.equal(setFlagVisibility(p, { flagId: 'a', clientVisible: true }).flags[0].clientVisible, true);
    assert.equal(thrownAppError(() => setFlagVisibility(p, { flagId: 'a', clientVisible: false }), 'CONFLICT').message, 'This flag is already hidden from the client');
    thrownAppError(() => setFlagVisibility(p, { flagId: 'confused', clientVisible: false }), 'CONFLICT');
    thrownAppError(() => setFlagVisibility(p, { flagId: 'nope', clientVisible: true }), 'NOT_FOUND');
    thrownAppError(() => setFlagVisibility(p, { flagId: 'a', clientVisible: 'yes' as unknown as boolean }), 'VALIDATION');
  });
});

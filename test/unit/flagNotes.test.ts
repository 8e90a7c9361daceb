import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { internalNotesOf, notesToStore, parseFlagNotes, propertyForJira, propertyWithNotes, sameNotes, withNotes } from '../../src/domain/flagNotes';
import { parseFlagsProperty, setFlagVisibility, summarize, type Flag } from '../../src/domain/redFlags';
import { thrownAppError } from './app-errors';

const PM = '712020:pm';
const DEV = '712020:dev1';

function flag(id: string, over: Partial<Flag> = {}): Flag {
  return { id, category: 'other', severity: 'medium', note: `note of ${id}`, clientVisible: false, source: 'manual', raisedBy: DEV, raisedAt: '2026-11-02T09:00:00.000Z', ...over };
}

describe('splitting a flags property for Jira and storage', () => {
  const full = summarize(
    [
      flag('a'),
      flag('b', { clientVisible: true, note: 'shared with the client' }),
      flag('c', { resolvedAt: '2026-11-03T09:00:00.000Z', resolvedBy: PM, resolution: 'done internally' }),
      flag('r', { source: 'rule:stale', raisedBy: 'rule', conditionKey: 'stale' }),
    ],
    0,
  );

  test('the property keeps internal flags without note, resolution or people, and client-visible flags whole', () => {
    const written = propertyForJira(full);
    assert.deepEqual(written.flags[0], { id: 'a', category: 'other', severity: 'medium', clientVisible: false, source: 'manual', raisedAt: '2026-11-02T09:00:00.000Z' });
    assert.deepEqual(written.flags[1], full.flags[1]);
    assert.deepEqual(written.flags[2], { id: 'c', category: 'other', severity: 'medium', clientVisible: false, source: 'manual', raisedAt: '2026-11-02T09:00:00.000Z', resolvedAt: '2026-11-03T09:00:00.000Z' });
    assert.deepEqual(written.flags[3], { id: 'r', category: 'other', severity: 'medium', clientVisible: false, source: 'rule:stale', raisedAt: '2026-11-02T09:00:00.000Z', conditionKey: 'stale' });
    assert.deepEqual([written.open, written.maxSeverity, written.categories], [3, 2, ['other']]);
    assert.equal(JSON.stringify(written).includes('done internally'), false);
  });

  test('storage gets the internal parts; merged back, the flags are whole again', () => {
    const notes = internalNotesOf(full);
    assert.deepEqual(notes, {
      a: { note: 'note of a', raisedBy: DEV },
      c: { note: 'note of c', raisedBy: DEV, resolvedBy: PM, resolution: 'done internally' },
      r: { note: 'note of r', raisedBy: 'rule' },
    });
    const readBack = parseFlagsProperty(JSON.parse(JSON.stringify(propertyForJira(full))));
    assert.equal(readBack.flags[0].note, '', 'unmerged, an internal note reads as empty');
    assert.deepEqual(propertyWithNotes(readBack, notes).flags, full.flags);
  });

  test('a stored part is ignored for a client-visible flag, and an unstored internal flag keeps what the property held (older versions)', () => {
    const merged = withNotes([flag('b', { clientVisible: true, note: 'in the property' }), flag('old', { note: 'legacy note' })], { b: { note: 'stale', raisedBy: PM } });
    assert.deepEqual(merged.map((f) => [f.note, f.raisedBy]), [['in the property', DEV], ['legacy note', DEV]]);
  });

  test('notesToStore keeps a part until the property no longer names its flag internal', () => {
    const before = summarize([flag('a'), flag('b')], 0);
    const stored = internalNotesOf(before);
    // b is made client-visible: its part stays stored until this write of the property has happened.
    const shown = setFlagVisibility(before, { flagId: 'b', clientVisible: true });
    assert.deepEqual(Object.keys(notesToStore(before, stored, shown)).sort(), ['a', 'b']);
    // The next write (from the written property) lets it go.
    assert.deepEqual(Object.keys(notesToStore(shown, notesToStore(before, stored, shown), shown)), ['a']);
    // Hidden again: the note goes to storage.
    const hidden = setFlagVisibility(shown, { flagId: 'b', clientVisible: false });
    assert.deepEqual(notesToStore(shown, { a: stored.a }, hidden), stored);
    // A legacy internal note (in the property, not stored) is moved to storage.
    assert.deepEqual(notesToStore(before, {}, before), stored);
  });

  test('sameNotes and parseFlagNotes', () => {
    assert.equal(sameNotes({ a: { note: 'x', raisedBy: PM } }, { a: { note: 'x', raisedBy: PM } }), true);
    assert.equal(sameNotes({ a: { note: 'x', raisedBy: PM } }, { a: { note: 'x', raisedBy: PM, resolvedBy: PM } }), false);
    assert.equal(sameNotes({}, { a: { note: 'x', raisedBy: PM } }), false);
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

import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { AppError } from '../../src/platform/domain/errors';
import { FLAGS_PROPERTY_MAX_CHARS, NOTE_MAX_CHARS, boundFlags, clientView, emptyFlags, parseFlagsProperty, summarize, type Flag, type FlagsProperty } from '../../src/flags/domain/redFlags';
import { reconcileRuleFlags, type RuleFindingLike } from '../../src/flags/domain/ruleFlags';
import { RaiseFlagInput, clientConfusedFlag, raiseFlag, resolveFlag } from '../../src/flags/domain/flagActions';
import { thrownAppError } from './app-errors';

const PM = '712020:pm';
const DEV = '712020:dev1';
const CLIENT = '712020:client-po';
const OTHER_CLIENT = '712020:client-marketing';
const T0 = new Date('2026-11-02T09:00:00.000Z');
const T1 = new Date('2026-11-03T09:00:00.000Z');
const T2 = new Date('2026-11-04T09:00:00.000Z');
const T3 = new Date('2026-11-05T09:00:00.000Z');

function expectAppError(fn: () => unknown, code: AppError['code'], fields?: Record<string, RegExp>): AppError {
  const caught = thrownAppError(fn, code);
  for (const [path, pattern] of Object.entries(fields ?? {})) {
    assert.match(caught.fields?.[path] ?? '', pattern, `field ${path}: ${JSON.stringify(caught.fields)}`);
  }
  return caught;
}

function ids(): () => string {
  let next = 0;
  return () => `r${++next}`;
}

const blocked: RuleFindingLike = {
  ruleId: 'blocked-on-client',
  conditionKey: `blocked-on-client:${CLIENT}`,
  category: 'blocked-on-client',
  severity: 'high',
  note: 'Waiting on the client',
  clientVisible: true,
};
const staleFinding: RuleFindingLike = { ruleId: 'stale', conditionKey: 'stale', category: 'stale', severity: 'medium', note: 'No update', clientVisible: false };

describe('raiseFlag', () => {
  test('a manual flag on an issue with no property yet', () => {
    const p = raiseFlag(null, { category: 'uncharted-territory', severity: 'high', note: '  New payment provider API  ', clientVisible: true }, PM, T0, 'f1');
    assert.deepEqual(p, {
      open: 1,
      maxSeverity: 3,
      maxSeverityName: 'high',
      categories: ['uncharted-territory'],
      dropped: 0,
      flags: [
        {
          id: 'f1',
          category: 'uncharted-territory',
          severity: 'high',
          note: 'New payment provider API',
          clientVisible: true,
          source: 'manual',
          raisedBy: PM,
          raisedAt: '2026-11-02T09:00:00.000Z',
        },
      ],
    });
  });

  test('the summary covers open flags only: count, highest severity, categories in canonical order', () => {
    let p = raiseFlag(null, { category: 'other', severity: 'low', note: 'a', clientVisible: false }, PM, T0, 'f1');
    p = raiseFlag(p, { category: 'scope-creep', severity: 'critical', note: 'b', clientVisible: false }, PM, T0, 'f2');
    p = raiseFlag(p, { category: 'uncharted-territory', severity: 'medium', note: 'c', clientVisible: false }, PM, T0, 'f3');
    assert.equal(p.open, 3);
    assert.equal(p.maxSeverity, 4);
    assert.equal(p.maxSeverityName, 'critical');
    assert.deepEqual(p.categories, ['uncharted-territory', 'scope-creep', 'other']);
    p = resolveFlag(p, { flagId: 'f2', resolution: 'Agreed with client' }, DEV, T1);
    assert.equal(p.open, 2);
    assert.equal(p.maxSeverity, 2);
    assert.equal(p.maxSeverityName, 'medium');
    assert.deepEqual(p.categories, ['uncharted-territory', 'other']);
    p = resolveFlag(resolveFlag(p, { flagId: 'f1', resolution: 'x' }, DEV, T1), { flagId: 'f3', resolution: 'y' }, DEV, T1);
    assert.deepEqual([p.open, p.maxSeverity, p.maxSeverityName, p.categories], [0, 0, 'none', []]);
  });

  test('clientVisible defaults to false in the input schema', () => {
    const parsed = RaiseFlagInput.parse({ category: 'other', severity: 'low', note: 'n' });
    assert.equal(parsed.clientVisible, false);
  });

  test('field-level messages for a missing note, a too-long note, a rule-only category and an unknown severity', () => {
    expectAppError(() => raiseFlag(null, { category: 'other', severity: 'low', note: '   ', clientVisible: false }, PM, T0, 'f1'), 'VALIDATION', { note: /Say what the concern is/ });
    expectAppError(() => raiseFlag(null, { category: 'other', severity: 'low', note: 'x'.repeat(NOTE_MAX_CHARS + 1), clientVisible: false }, PM, T0, 'f1'), 'VALIDATION', {
      note: /at most 2000 characters/,
    });
    assert.equal(raiseFlag(null, { category: 'other', severity: 'low', note: 'x'.repeat(NOTE_MAX_CHARS), clientVisible: false }, PM, T0, 'f1').flags[0].note.length, NOTE_MAX_CHARS);
    expectAppError(() => raiseFlag(null, { category: 'stale', severity: 'low', note: 'n', clientVisible: false }, PM, T0, 'f1'), 'VALIDATION', { category: /Choose a category/ });
    expectAppError(() => raiseFlag(null, { category: 'other', severity: 'urgent' as never, note: 'n', clientVisible: false }, PM, T0, 'f1'), 'VALIDATION', {
      severity: /Choose a severity/,
    });
  });

  test('an identical open manual flag (same category and note, any case) is refused; other category or a resolved one is fine', () => {
    const p = raiseFlag(null, { category: 'uncharted-territory', severity: 'high', note: 'Payment API', clientVisible: false }, PM, T0, 'f1');
    const error = expectAppError(() => raiseFlag(p, { category: 'uncharted-territory', severity: 'low', note: ' payment api ', clientVisible: true }, DEV, T1, 'f2'), 'CONFLICT', {
      note: /already exists/,
    });
    assert.match(error.message, /uncharted territory flag is already open/);
    assert.equal(raiseFlag(p, { category: 'other', severity: 'low', note: 'Payment API', clientVisible: false }, DEV, T1, 'f2').open, 2);
    const resolved = resolveFlag(p, { flagId: 'f1', resolution: 'Spiked it' }, PM, T1);
    const again = raiseFlag(resolved, { category: 'uncharted-territory', severity: 'high', note: 'Payment API', clientVisible: false }, PM, T2, 'f2');
    assert.deepEqual(
      again.flags.map((f) => [f.id, f.resolvedAt ?? null]),
      [
        ['f1', T1.toISOString()],
        ['f2', null],
      ],
    );
  });

  test('a reused id is refused rather than creating two flags with one id', () => {
    const p = raiseFlag(null, { category: 'other', severity: 'low', note: 'a', clientVisible: false }, PM, T0, 'f1');
    expectAppError(() => raiseFlag(p, { category: 'other', severity: 'low', note: 'b', clientVisible: false }, PM, T0, 'f1'), 'CONFLICT');
  });

  test('does not change the property it was given', () => {
    const p = raiseFlag(null, { category: 'other', severity: 'low', note: 'a', clientVisible: false }, PM, T0, 'f1');
    const before = structuredClone(p);
    raiseFlag(p, { category: 'other', severity: 'low', note: 'b', clientVisible: false }, PM, T0, 'f2');
    resolveFlag(p, { flagId: 'f1', resolution: 'done' }, PM, T1);
    assert.deepEqual(p, before);
  });
});

describe('resolveFlag', () => {
  const p = raiseFlag(null, { category: 'schedule-slip', severity: 'medium', note: 'Late', clientVisible: false }, PM, T0, 'f1');

  test('records who, when and why', () => {
    const resolved = resolveFlag(p, { flagId: 'f1', resolution: 'Re-planned to next sprint' }, DEV, T1);
    assert.deepEqual(resolved.flags[0], { ...p.flags[0], resolvedBy: DEV, resolvedAt: T1.toISOString(), resolution: 'Re-planned to next sprint' });
    assert.equal(resolved.open, 0);
  });

  test('an unknown flag is NOT_FOUND, a resolved one CONFLICT, a missing note VALIDATION', () => {
    expectAppError(() => resolveFlag(p, { flagId: 'nope', resolution: 'x' }, DEV, T1), 'NOT_FOUND');
    expectAppError(() => resolveFlag(null, { flagId: 'f1', resolution: 'x' }, DEV, T1), 'NOT_FOUND');
    const resolved = resolveFlag(p, { flagId: 'f1', resolution: 'x' }, DEV, T1);
    expectAppError(() => resolveFlag(resolved, { flagId: 'f1', resolution: 'again' }, PM, T2), 'CONFLICT');
    expectAppError(() => resolveFlag(p, { flagId: 'f1', resolution: '' }, DEV, T1), 'VALIDATION', { resolution: /Say how it was resolved/ });
  });
});

describe('clientConfusedFlag', () => {
  test('a medium, client-visible client-confused flag raised by the client', () => {
    const p = clientConfusedFlag(null, { note: 'What does "headless checkout" mean?' }, CLIENT, T0, 'c1');
    assert.deepEqual(p.flags[0], {
      id: 'c1',
      category: 'client-confused',
      severity: 'medium',
      note: 'What does "headless checkout" mean?',
      clientVisible: true,
      source: 'manual',
      raisedBy: CLIENT,
      raisedAt: T0.toISOString(),
    });
    assert.deepEqual(p.categories, ['client-confused']);
  });

  test('an empty note becomes a readable default', () => {
    assert.match(clientConfusedFlag(null, { note: '  ' }, CLIENT, T0, 'c1').flags[0].note, /I am confused about this/);
  });

  test('one open per client per issue; another client may add theirs; after the team resolves it the client may ask again', () => {
    const p = clientConfusedFlag(null, { note: 'a' }, CLIENT, T0, 'c1');
    expectAppError(() => clientConfusedFlag(p, { note: 'b' }, CLIENT, T1, 'c2'), 'CONFLICT');
    const both = clientConfusedFlag(p, { note: 'b' }, OTHER_CLIENT, T1, 'c2');
    assert.equal(both.open, 2);
    const resolved = resolveFlag(both, { flagId: 'c1', resolution: 'Explained in the call' }, PM, T2);
    const again = clientConfusedFlag(resolved, { note: 'still unclear' }, CLIENT, T3, 'c3');
    assert.deepEqual(
      again.flags.filter((f) => f.resolvedAt === undefined).map((f) => f.id),
      ['c2', 'c3'],
    );
  });

  test('a team member raising a client-confused flag does not block the client', () => {
    const p = raiseFlag(null, { category: 'client-confused', severity: 'high', note: 'They mix up SKU and EAN', clientVisible: false }, PM, T0, 'f1');
    assert.equal(clientConfusedFlag(p, { note: '' }, CLIENT, T1, 'c1').open, 2);
  });
});

describe('reconcileRuleFlags', () => {
  function withManual(): FlagsProperty {
    return raiseFlag(null, { category: 'uncharted-territory', severity: 'low', note: 'Manual one', clientVisible: false }, PM, T0, 'm1');
  }
  const manualOf = (p: FlagsProperty) => p.flags.filter((f) => f.source === 'manual');

  test('raises one flag per condition, once; a re-run with the same findings changes nothing', () => {
    const newId = ids();
    const first = reconcileRuleFlags(withManual(), [blocked, staleFinding, { ...blocked, note: 'same condition twice' }], T1, newId);
    assert.equal(first.changed, true);
    const rule = first.property.flags.filter((f) => f.source !== 'manual');
    assert.deepEqual(
      rule.map((f) => [f.id, f.source, f.conditionKey, f.raisedBy, f.raisedAt, f.note]),
      [
        ['r1', 'rule:blocked-on-client', `blocked-on-client:${CLIENT}`, 'rule', T1.toISOString(), 'Waiting on the client'],
        ['r2', 'rule:stale', 'stale', 'rule', T1.toISOString(), 'No update'],
      ],
    );
    assert.deepEqual(first.property.categories, ['uncharted-territory', 'blocked-on-client', 'stale']);
    assert.equal(first.property.maxSeverityName, 'high');
    const second = reconcileRuleFlags(first.property, [blocked, staleFinding], T2, newId);
    assert.equal(second.changed, false);
    assert.deepEqual(second.property, first.property);
  });

  test('a flag resolves itself when its condition clears, and comes back as a new flag when it holds again', () => {
    const newId = ids();
    const raised = reconcileRuleFlags(withManual(), [blocked, staleFinding], T1, newId).property;
    const cleared = reconcileRuleFlags(raised, [staleFinding], T2, newId);
    assert.equal(cleared.changed, true);
    const auto = cleared.property.flags.find((f) => f.id === 'r1');
    assert.equal(auto?.resolvedBy, 'rule');
    assert.equal(auto?.resolvedAt, T2.toISOString());
    assert.equal(auto?.resolution, 'The condition cleared');
    assert.equal(auto?.suppressedUntilClear, undefined);
    assert.equal(cleared.property.open, 2);
    assert.equal(reconcileRuleFlags(cleared.property, [staleFinding], T3, newId).changed, false);
    const back = reconcileRuleFlags(cleared.property, [blocked, staleFinding], T3, newId).property;
    assert.deepEqual(
      back.flags.filter((f) => f.conditionKey === blocked.conditionKey).map((f) => [f.id, f.resolvedAt ?? null]),
      [
        ['r1', T2.toISOString()],
        ['r3', null],
      ],
    );
  });

  test('never touches manual flags, open or resolved, even with no findings at all', () => {
    const newId = ids();
    let p = withManual();
    p = raiseFlag(p, { category: 'other', severity: 'critical', note: 'Second', clientVisible: true }, PM, T0, 'm2');
    p = resolveFlag(p, { flagId: 'm2', resolution: 'ok' }, PM, T0);
    const manualBefore = structuredClone(manualOf(p));
    const raised = reconcileRuleFlags(p, [blocked], T1, newId).property;
    const cleared = reconcileRuleFlags(raised, [], T2, newId).property;
    assert.deepEqual(manualOf(raised), manualBefore);
    assert.deepEqual(manualOf(cleared), manualBefore);
    assert.equal(cleared.open, 1);
  });

  test('a manual flag of the same category as a finding neither blocks the rule flag nor is resolved with it', () => {
    const newId = ids();
    const p = raiseFlag(null, { category: 'blocked-on-client', severity: 'low', note: 'They owe us the logo', clientVisible: false }, PM, T0, 'm1');
    const raised = reconcileRuleFlags(p, [blocked], T1, newId).property;
    assert.equal(raised.open, 2);
    const cleared = reconcileRuleFlags(raised, [], T2, newId).property;
    assert.deepEqual(
      cleared.flags.map((f) => [f.id, f.resolvedAt ?? null]),
      [
        ['m1', null],
        ['r1', T2.toISOString()],
      ],
    );
  });

  test('a person-resolved rule flag is not raised again until its condition clears once, then it is', () => {
    const newId = ids();
    const raised = reconcileRuleFlags(withManual(), [blocked], T0, newId).property;
    const byPerson = resolveFlag(raised, { flagId: 'r1', resolution: 'Client is on holiday, agreed' }, PM, T1);
    assert.equal(byPerson.flags.find((f) => f.id === 'r1')?.suppressedUntilClear, true);

    const stillHolds = reconcileRuleFlags(byPerson, [blocked], T1, newId);
    assert.equal(stillHolds.changed, false);
    assert.equal(stillHolds.property.open, 1, 'only the manual flag is open');

    const clears = reconcileRuleFlags(stillHolds.property, [], T2, newId);
    assert.equal(clears.changed, true);
    const r1 = clears.property.flags.find((f) => f.id === 'r1');
    assert.equal(r1?.suppressedUntilClear, undefined);
    assert.equal(r1?.resolvedBy, PM, 'the person stays the resolver');
    assert.equal(clears.property.open, 1);

    const holdsAgain = reconcileRuleFlags(clears.property, [blocked], T3, newId);
    assert.equal(holdsAgain.changed, true);
    const open = holdsAgain.property.flags.filter((f) => f.resolvedAt === undefined && f.source !== 'manual');
    assert.deepEqual(
      open.map((f) => [f.id, f.source]),
      [['r2', 'rule:blocked-on-client']],
    );
  });

  test('an open rule flag takes a changed finding in place (same id)', () => {
    const newId = ids();
    const raised = reconcileRuleFlags(null, [blocked], T0, newId).property;
    const escalated = reconcileRuleFlags(raised, [{ ...blocked, severity: 'critical' }], T1, newId);
    assert.equal(escalated.changed, true);
    assert.equal(escalated.property.maxSeverity, 4);
    const updated = reconcileRuleFlags(escalated.property, [{ ...blocked, severity: 'critical', note: 'Due date moved' }], T2, newId);
    assert.equal(updated.changed, true);
    assert.deepEqual(
      updated.property.flags.map((f) => [f.id, f.severity, f.note, f.raisedAt]),
      [['r1', 'critical', 'Due date moved', T0.toISOString()]],
    );
    const shown = reconcileRuleFlags(updated.property, [{ ...blocked, severity: 'critical', note: 'Due date moved', clientVisible: false }], T3, newId);
    assert.deepEqual([shown.changed, shown.property.flags[0].clientVisible], [true, false]);
  });

  test('flags of rules not evaluated this time are left alone', () => {
    const newId = ids();
    const creep: RuleFindingLike = { ruleId: 'scope-creep', conditionKey: 'scope-creep:7', category: 'scope-creep', severity: 'medium', note: 'added', clientVisible: false };
    const raised = reconcileRuleFlags(null, [creep, staleFinding], T0, newId).property;
    const issueOnly = reconcileRuleFlags(raised, [], T1, newId, { evaluated: ['blocked-on-client', 'schedule-slip', 'stale', 'untested'] });
    assert.deepEqual(
      issueOnly.property.flags.map((f) => [f.conditionKey, f.resolvedAt ?? null]),
      [
        ['scope-creep:7', null],
        ['stale', T1.toISOString()],
      ],
    );
    // Findings for a rule outside `evaluated` are ignored rather than raised.
    const ignored = reconcileRuleFlags(null, [creep], T1, newId, { evaluated: ['stale'] });
    assert.deepEqual([ignored.changed, ignored.property.flags.length], [false, 0]);
  });

  test('two open flags for one condition (older data) fold into one', () => {
    const dup = (id: string): Flag => ({ id, category: 'stale', severity: 'medium', note: 'No update', clientVisible: false, source: 'rule:stale', raisedBy: 'rule', raisedAt: T0.toISOString(), conditionKey: 'stale' });
    const p = summarize([dup('a'), dup('b')], 0);
    const result = reconcileRuleFlags(p, [staleFinding], T1, ids());
    assert.equal(result.changed, true);
    assert.deepEqual(
      result.property.flags.map((f) => [f.id, f.resolvedAt ?? null]),
      [
        ['a', null],
        ['b', T1.toISOString()],
      ],
    );
    assert.equal(result.property.open, 1);
  });

  test('with nothing stored and nothing found, nothing needs writing', () => {
    const result = reconcileRuleFlags(null, [], T0, ids());
    assert.deepEqual(result, { property: emptyFlags(), changed: false });
  });
});

describe('boundFlags and the property size limit', () => {
  function resolvedFlag(i: number): Flag {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
    return {
      id: `old${i}`,
      category: 'other',
      severity: 'low',
      note: `Resolved ${i} ${'n'.repeat(900)}`,
      clientVisible: false,
      source: 'manual',
      raisedBy: PM,
      raisedAt: `2026-${month}-${day}T08:00:00.000Z`,
      resolvedBy: PM,
      resolvedAt: `2026-${month}-${day}T09:00:00.000Z`,
      resolution: 'r'.repeat(400),
    };
  }

  test('drops the oldest resolved flags, keeps every open one and counts what was dropped', () => {
    const resolved = Array.from({ length: 60 }, (_, i) => resolvedFlag(i));
    const open: Flag[] = [1, 2, 3].map((i) => ({ ...resolvedFlag(100 + i), id: `open${i}`, resolvedAt: undefined, resolvedBy: undefined, resolution: undefined }));
    const big = summarize([...open.slice(0, 1), ...resolved.reverse(), ...open.slice(1)], 5);
    assert.ok(JSON.stringify(big).length > 32_768, 'the fixture must start over the limit');
    const bounded = boundFlags(big);
    const size = JSON.stringify(bounded).length;
    assert.ok(size <= FLAGS_PROPERTY_MAX_CHARS && size < 32_768, `size ${size}`);
    assert.deepEqual(
      bounded.flags.filter((f) => f.resolvedAt === undefined).map((f) => f.id),
      ['open1', 'open2', 'open3'],
    );
    const keptResolved = bounded.flags.filter((f) => f.resolvedAt !== undefined).map((f) => Number(f.id.slice(3)));
    const droppedCount = 60 - keptResolved.length;
    assert.ok(droppedCount > 0 && keptResolved.length > 0, `dropped ${droppedCount}, kept ${keptResolved.length}`);
    assert.equal(bounded.dropped, 5 + droppedCount);
    // The newest resolutions survive: exactly the highest indexes remain.
    assert.deepEqual(
      [...keptResolved].sort((a, b) => a - b),
      Array.from({ length: keptResolved.length }, (_, i) => 60 - keptResolved.length + i),
    );
    // Not more than needed was dropped: putting back the newest dropped one would not fit.
    const withOneMore = summarize([...bounded.flags, resolvedFlag(60 - keptResolved.length - 1)], bounded.dropped - 1);
    assert.ok(JSON.stringify(withOneMore).length > FLAGS_PROPERTY_MAX_CHARS, 'dropped more than needed');
    assert.equal(bounded.open, 3);
  });

  test('a small property comes back unchanged', () => {
    const p = raiseFlag(null, { category: 'other', severity: 'low', note: 'a', clientVisible: false }, PM, T0, 'f1');
    assert.deepEqual(boundFlags(p), p);
    assert.deepEqual(boundFlags(p, 10_000), p);
  });

  test('person-resolved rule flags are dropped after plain resolved ones (their marker still matters)', () => {
    const suppressed: Flag = { ...resolvedFlag(0), id: 'sup', source: 'rule:stale', conditionKey: 'stale', suppressedUntilClear: true, resolvedAt: '2025-01-01T00:00:00.000Z' };
    const p = summarize([suppressed, ...Array.from({ length: 40 }, (_, i) => resolvedFlag(i + 1))], 0);
    const bounded = boundFlags(p);
    assert.ok(bounded.flags.some((f) => f.id === 'sup'), 'the suppressed rule flag was dropped');
    assert.ok(bounded.dropped > 0, `dropped ${bounded.dropped}, size ${JSON.stringify(bounded).length}`);
  });

  test('a person cannot raise a flag once the open flags alone would not fit', () => {
    let p: FlagsProperty | null = null;
    let raised = 0;
    let refused: unknown;
    for (let i = 0; i < 30 && refused === undefined; i++) {
      try {
        p = raiseFlag(p, { category: 'other', severity: 'low', note: `${i} ${'z'.repeat(1990)}`, clientVisible: false }, PM, T0, `f${i}`);
        raised++;
      } catch (error) {
        refused = error;
      }
    }
    assert.ok(refused instanceof AppError && refused.code === 'CONFLICT', String(refused));
    assert.ok(raised >= 10 && raised < 30, `raised ${raised}`);
    assert.ok(JSON.stringify(p).length <= FLAGS_PROPERTY_MAX_CHARS, `size ${JSON.stringify(p).length}`);
    assert.equal(p?.open, raised);
  });

  test('reconciling on a full property keeps it under the limit, dropping old resolved flags', () => {
    const p = summarize(
      Array.from({ length: 40 }, (_, i) => resolvedFlag(i)),
      0,
    );
    const { property } = reconcileRuleFlags(p, [blocked, staleFinding], T1, ids());
    assert.ok(JSON.stringify(property).length <= FLAGS_PROPERTY_MAX_CHARS, `size ${JSON.stringify(property).length}`);
    assert.equal(property.open, 2);
    assert.ok(property.dropped > 0, `dropped ${property.dropped}`);
  });

  test('as a last resort the longest open notes are shortened, never dropped', () => {
    const open: Flag[] = Array.from({ length: 3 }, (_, i) => ({ ...resolvedFlag(i), id: `o${i}`, resolvedAt: undefined, resolvedBy: undefined, resolution: undefined }));
    const bounded = boundFlags(summarize(open, 0), 2000);
    assert.ok(JSON.stringify(bounded).length <= 2000, String(JSON.stringify(bounded).length));
    assert.deepEqual(
      bounded.flags.map((f) => f.id),
      ['o0', 'o1', 'o2'],
    );
    assert.ok(bounded.flags.some((f) => f.note.endsWith('…')), 'no note was shortened');
  });
});

describe('clientView', () => {
  function mixed(): FlagsProperty {
    let p = raiseFlag(null, { category: 'uncharted-territory', severity: 'high', note: 'Internal only', clientVisible: false }, PM, T0, 'f1');
    p = raiseFlag(p, { category: 'schedule-slip', severity: 'medium', note: 'Shown to client', clientVisible: true }, DEV, T0, 'f2');
    p = clientConfusedFlag(p, { note: 'What is this?' }, CLIENT, T1, 'c1');
    p = clientConfusedFlag(p, { note: 'Me too' }, OTHER_CLIENT, T1, 'c2');
    p = resolveFlag(p, { flagId: 'f2', resolution: 'Caught up' }, PM, T2);
    p = reconcileRuleFlags(p, [blocked, staleFinding], T2, ids()).property;
    p = resolveFlag(p, { flagId: 'r1', resolution: 'Talked to them' }, PM, T3);
    return p;
  }

  test('shows only client-visible flags, open and resolved', () => {
    assert.deepEqual(
      clientView(mixed(), CLIENT).map((f) => f.id),
      ['f2', 'c1', 'c2', 'r1'],
    );
  });

  test('drops team and rule account ids and rule bookkeeping; keeps the client their own id', () => {
    const view = clientView(mixed(), CLIENT);
    const json = JSON.stringify(view);
    for (const secret of [PM, DEV, OTHER_CLIENT, 'suppressedUntilClear', 'conditionKey', '"rule"']) assert.ok(!json.includes(secret), `leaks ${secret}`);
    assert.equal(view.find((f) => f.id === 'c1')?.raisedBy, CLIENT);
    assert.equal(view.find((f) => f.id === 'c2')?.raisedBy, undefined);
    assert.deepEqual(view.find((f) => f.id === 'f2'), {
      id: 'f2',
      category: 'schedule-slip',
      severity: 'medium',
      note: 'Shown to client',
      clientVisible: true,
      source: 'manual',
      raisedAt: T0.toISOString(),
      resolvedAt: T2.toISOString(),
      resolution: 'Caught up',
    });
  });

  test('without a client id no account id at all is shown; an empty property shows nothing', () => {
    const json = JSON.stringify(clientView(mixed()));
    assert.ok(!json.includes(CLIENT) && !json.includes('712020:'), json);
    assert.deepEqual(clientView(null), []);
  });
});

describe('parseFlagsProperty', () => {
  test('keeps valid flags, counts invalid ones as dropped and recomputes a stale summary', () => {
    const good = raiseFlag(null, { category: 'other', severity: 'high', note: 'ok', clientVisible: false }, PM, T0, 'f1');
    const raw = { ...good, open: 9, maxSeverity: 1, categories: ['stale'], dropped: 2, flags: [...good.flags, { id: 'bad', category: 'nonsense' }] };
    const parsed = parseFlagsProperty(JSON.parse(JSON.stringify(raw)));
    assert.deepEqual(parsed, { ...good, dropped: 3 });
    assert.deepEqual(parseFlagsProperty(undefined), emptyFlags());
    assert.deepEqual(parseFlagsProperty('text'), emptyFlags());
  });
});

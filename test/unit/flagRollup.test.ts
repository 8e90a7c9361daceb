import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { AppError } from '../../src/platform/domain/errors';
import { MAX_WEEKS, filterFlags, flagsCsv, heatMap, openedResolvedByWeek, type FlagRow } from '../../src/flags/domain/flagRollup';
import { FLAG_CATEGORIES, SEVERITIES, type Flag, type FlagCategory, type Severity } from '../../src/flags/domain/redFlags';
import { parseCsv } from './csv-reader';

const PM = '712020:pm';
const DEV = '712020:dev1';

let counter = 0;
function row(flag: Partial<Flag>, issueKey = 'SHOP-1', summary = 'Checkout'): FlagRow {
  counter++;
  return {
    issueKey,
    summary,
    flag: {
      id: `f${counter}`,
      category: 'other',
      severity: 'low',
      note: `note ${counter}`,
      clientVisible: false,
      source: 'manual',
      raisedBy: PM,
      raisedAt: '2026-11-02T09:00:00.000Z',
      ...flag,
    },
  };
}
const resolved = (at: string, by = DEV) => ({ resolvedAt: at, resolvedBy: by, resolution: 'done' });

function countAt(map: ReturnType<typeof heatMap>, category: FlagCategory, severity: Severity): number {
  return map.counts[map.categories.indexOf(category)][map.severities.indexOf(severity)];
}

describe('heatMap', () => {
  test('counts open flags by category (rows) and severity (columns); resolved flags are left out', () => {
    const rows = [
      row({ category: 'scope-creep', severity: 'high' }),
      row({ category: 'scope-creep', severity: 'high' }, 'SHOP-2'),
      row({ category: 'scope-creep', severity: 'high', ...resolved('2026-11-03T09:00:00.000Z') }),
      row({ category: 'stale', severity: 'low', source: 'rule:stale', raisedBy: 'rule' }),
      row({ category: 'other', severity: 'critical' }),
      row({ category: 'client-confused', severity: 'medium', ...resolved('2026-11-03T09:00:00.000Z') }),
    ];
    const map = heatMap(rows);
    assert.deepEqual(map.categories, [...FLAG_CATEGORIES]);
    assert.deepEqual(map.severities, [...SEVERITIES]);
    assert.equal(map.counts.length, FLAG_CATEGORIES.length);
    assert.ok(map.counts.every((line) => line.length === SEVERITIES.length), 'a row per category, a column per severity');
    assert.equal(countAt(map, 'scope-creep', 'high'), 2);
    assert.equal(countAt(map, 'stale', 'low'), 1);
    assert.equal(countAt(map, 'other', 'critical'), 1);
    assert.equal(countAt(map, 'client-confused', 'medium'), 0);
    assert.equal(
      map.counts.flat().reduce((a, b) => a + b, 0),
      4,
    );
    // The scope-creep row exactly: low, medium, high, critical.
    assert.deepEqual(map.counts[FLAG_CATEGORIES.indexOf('scope-creep')], [0, 0, 2, 0]);
  });

  test('no flags: an all-zero grid', () => {
    const map = heatMap([]);
    assert.deepEqual(map.counts.flat(), new Array(FLAG_CATEGORIES.length * SEVERITIES.length).fill(0));
  });
});

describe('openedResolvedByWeek', () => {
  test('ISO weeks from Monday across a year end; Sunday night and Monday morning fall in different weeks', () => {
    // 2026-12-28 is a Monday; 2027-01-01 (Friday) is in the week of 2026-12-28.
    const rows = [
      row({ raisedAt: '2026-12-27T23:59:59.000Z' }), // Sunday: week of 12-21
      row({ raisedAt: '2026-12-28T00:00:00.000Z', ...resolved('2027-01-04T10:00:00.000Z') }), // Monday: week of 12-28; resolved week of 01-04
      row({ raisedAt: '2027-01-01T12:00:00.000Z', ...resolved('2027-01-03T23:00:00.000Z') }), // both in the week of 12-28
      row({ raisedAt: '2026-12-28T01:00:00.000+0200' }), // 12-27 23:00 UTC: week of 12-21
      row({ raisedAt: '2026-12-20T12:00:00.000Z', ...resolved('2027-01-11T09:00:00.000Z') }), // both outside the weeks shown
    ];
    assert.deepEqual(openedResolvedByWeek(rows, '2026-12-23', '2027-01-06'), [
      { weekStart: '2026-12-21', opened: 2, resolved: 0 },
      { weekStart: '2026-12-28', opened: 2, resolved: 1 },
      { weekStart: '2027-01-04', opened: 0, resolved: 1 },
    ]);
  });

  test('across a month end, whole weeks: a flag on the first Monday counts although the period starts on Wednesday', () => {
    // 2026-03-30 is a Monday; the week runs into April.
    const rows = [
      row({ raisedAt: '2026-03-23T08:00:00.000Z' }), // Monday of the first week, before `from`
      row({ raisedAt: '2026-03-31T08:00:00.000Z', ...resolved('2026-04-01T08:00:00.000Z') }),
      row({ raisedAt: '2026-04-05T22:00:00.000Z', ...resolved('2026-04-06T07:00:00.000Z') }), // Sunday → next Monday
      row({ raisedAt: '2026-04-13T08:00:00.000Z' }), // after the last week
    ];
    assert.deepEqual(openedResolvedByWeek(rows, '2026-03-25', '2026-04-08'), [
      { weekStart: '2026-03-23', opened: 1, resolved: 0 },
      { weekStart: '2026-03-30', opened: 2, resolved: 1 },
      { weekStart: '2026-04-06', opened: 0, resolved: 1 },
    ]);
  });

  test('a single day is one week; a Monday starts its own week; a Sunday ends it', () => {
    assert.deepEqual(openedResolvedByWeek([], '2026-11-04', '2026-11-04'), [{ weekStart: '2026-11-02', opened: 0, resolved: 0 }]);
    assert.deepEqual(
      openedResolvedByWeek([], '2026-11-02', '2026-11-09').map((w) => w.weekStart),
      ['2026-11-02', '2026-11-09'],
    );
    assert.deepEqual(
      openedResolvedByWeek([], '2026-11-01', '2026-11-08').map((w) => w.weekStart),
      ['2026-10-26', '2026-11-02'],
    );
  });

  test('a flag with an unreadable date is counted in no week', () => {
    assert.deepEqual(openedResolvedByWeek([row({ raisedAt: 'yesterday' })], '2026-11-02', '2026-11-02'), [{ weekStart: '2026-11-02', opened: 0, resolved: 0 }]);
  });

  test('refuses a malformed date, a period ending before it starts and more than the week bound', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof AppError ? [error.code, Object.keys(error.fields ?? {})] : String(error);
      }
      return 'no error';
    };
    assert.deepEqual(code(() => openedResolvedByWeek([], '2026-02-30', '2026-03-10')), ['VALIDATION', ['from']]);
    assert.deepEqual(code(() => openedResolvedByWeek([], '2026-03-01', '10.03.2026')), ['VALIDATION', ['to']]);
    assert.deepEqual(code(() => openedResolvedByWeek([], '2026-03-20', '2026-03-10')), ['VALIDATION', ['to']]);
    // Days within one week but in the wrong order still end before they start.
    assert.deepEqual(code(() => openedResolvedByWeek([], '2026-03-12', '2026-03-10')), ['VALIDATION', ['to']]);
    assert.equal(openedResolvedByWeek([], '2016-01-04', '2025-12-21').length, MAX_WEEKS);
    assert.deepEqual(code(() => openedResolvedByWeek([], '2016-01-04', '2025-12-22')), ['VALIDATION', ['from']]);
  });
});

describe('filterFlags', () => {
  const rows = [
    row({ category: 'stale', severity: 'medium', source: 'rule:stale', raisedBy: 'rule' }, 'SHOP-1'),
    row({ category: 'stale', severity: 'medium', source: 'rule:stale', raisedBy: 'rule', ...resolved('2026-11-04T00:00:00.000Z', 'rule') }, 'SHOP-2'),
    row({ category: 'uncharted-territory', severity: 'high' }, 'SHOP-3'),
    row({ category: 'client-confused', severity: 'medium', ...resolved('2026-11-04T00:00:00.000Z') }, 'SHOP-4'),
    row({ category: 'other', severity: 'critical' }, 'SHOP-5'),
  ];
  const keys = (f: Parameters<typeof filterFlags>[1]) => filterFlags(rows, f).map((r) => r.issueKey);

  test('no criteria (or empty lists, or "all") keep everything', () => {
    assert.deepEqual(keys({}), ['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4', 'SHOP-5']);
    assert.deepEqual(keys({ categories: [], severities: [], status: 'all', source: 'all' }), ['SHOP-1', 'SHOP-2', 'SHOP-3', 'SHOP-4', 'SHOP-5']);
  });

  test('each criterion alone', () => {
    assert.deepEqual(keys({ categories: ['stale', 'other'] }), ['SHOP-1', 'SHOP-2', 'SHOP-5']);
    assert.deepEqual(keys({ severities: ['medium'] }), ['SHOP-1', 'SHOP-2', 'SHOP-4']);
    assert.deepEqual(keys({ status: 'open' }), ['SHOP-1', 'SHOP-3', 'SHOP-5']);
    assert.deepEqual(keys({ status: 'resolved' }), ['SHOP-2', 'SHOP-4']);
    assert.deepEqual(keys({ source: 'rule' }), ['SHOP-1', 'SHOP-2']);
    assert.deepEqual(keys({ source: 'manual' }), ['SHOP-3', 'SHOP-4', 'SHOP-5']);
  });

  test('criteria combine with AND', () => {
    assert.deepEqual(keys({ severities: ['medium'], status: 'open' }), ['SHOP-1']);
    assert.deepEqual(keys({ categories: ['stale', 'client-confused'], source: 'manual', status: 'resolved' }), ['SHOP-4']);
    assert.deepEqual(keys({ categories: ['uncharted-territory'], severities: ['low'] }), []);
  });
});

describe('flagsCsv', () => {
  test('a header, one line per flag, people by name, rules as "Rule", RFC 4180 quoting', () => {
    const rows = [
      row(
        { id: 'a', category: 'uncharted-territory', severity: 'high', note: 'New PSP, "Adyen", never used', clientVisible: true, raisedAt: '2026-11-02T09:00:00.000Z' },
        'SHOP-7',
        'Payment, step 2',
      ),
      row(
        {
          id: 'b',
          category: 'stale',
          severity: 'medium',
          source: 'rule:stale',
          raisedBy: 'rule',
          note: 'line one\nline two',
          raisedAt: '2026-11-03T06:00:00.000Z',
          ...resolved('2026-11-04T06:00:00.000Z', 'rule'),
          resolution: 'The condition cleared',
        },
        'SHOP-8',
        'Search',
      ),
      row({ id: 'c', raisedBy: '712020:unknown', ...resolved('2026-11-05T06:00:00.000Z', PM), resolution: 'ok' }, 'SHOP-9', 'Cart'),
    ];
    const text = flagsCsv(rows, { [PM]: 'Pat Manager', [DEV]: 'Dana Dev' });
    assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
    assert.deepEqual(parseCsv(text), [
      ['Issue', 'Summary', 'Category', 'Severity', 'Status', 'Source', 'Note', 'Client-visible', 'Raised by', 'Raised at', 'Resolved by', 'Resolved at', 'Resolution'],
      ['SHOP-7', 'Payment, step 2', 'Uncharted territory', 'high', 'open', 'manual', 'New PSP, "Adyen", never used', 'yes', 'Pat Manager', '2026-11-02T09:00:00.000Z', '', '', ''],
      ['SHOP-8', 'Search', 'Stale', 'medium', 'resolved', 'rule: stale', 'line one\nline two', 'no', 'Rule', '2026-11-03T06:00:00.000Z', 'Rule', '2026-11-04T06:00:00.000Z', 'The condition cleared'],
      ['SHOP-9', 'Cart', 'Other', 'low', 'resolved', 'manual', rows[2].flag.note, 'no', '712020:unknown', '2026-11-02T09:00:00.000Z', 'Pat Manager', '2026-11-05T06:00:00.000Z', 'ok'],
    ]);
    assert.ok(text.includes('"New PSP, ""Adyen"", never used"'), text);
  });

  test('formula injection: summaries, notes and names that start like a formula are defused', () => {
    const rows = [row({ note: '=HYPERLINK("http://evil.example","x")', raisedBy: 'evil', resolution: '+cmd' }, 'SHOP-1', '@SUM(A1)')];
    const [, line] = parseCsv(flagsCsv(rows, { evil: '-Mallory' }));
    assert.equal(line[1], "'@SUM(A1)");
    assert.equal(line[6], '\'=HYPERLINK("http://evil.example","x")');
    assert.equal(line[8], "'-Mallory");
    // No field of the export starts with a formula character once read back.
    for (const field of line) assert.ok(!/^[=+\-@\t\r]/.test(field), field);
  });

  test('a name map does not let an inherited property stand in for a name', () => {
    const [, line] = parseCsv(flagsCsv([row({ raisedBy: 'toString' })], {}));
    assert.equal(line[8], 'toString');
  });

  test('no rows: the header alone', () => {
    assert.equal(flagsCsv([], {}), 'Issue,Summary,Category,Severity,Status,Source,Note,Client-visible,Raised by,Raised at,Resolved by,Resolved at,Resolution\r\n');
  });
});

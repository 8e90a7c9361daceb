/**
 * The order test files start in (test/setup/sequencer.js): on a fresh clone, where jest knows no
 * file's time, the slow layers start first; once it knows times, failed files first, then the
 * longest, as jest does.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A CommonJS module of the jest set-up, not part of the app: loaded as jest.config.js loads it.
const LayerSequencer = require('../setup/sequencer.js') as new (options: unknown) => {
  sort(tests: FakeTest[]): FakeTest[];
  cacheResults(tests: FakeTest[], results: unknown): void;
};

interface FakeTest { path: string; context: unknown; duration?: number }

/** One jest project (a layer) with files of the given sizes, and a cache folder of its own (none read when `cache` is off). */
function layer(name: string, sizes: Record<string, number>, cacheDirectory: string | null) {
  const context = {
    config: { displayName: { name }, cache: cacheDirectory !== null, cacheDirectory: cacheDirectory ?? '/nonexistent', id: `liaison-${name}`, haste: {} },
    hasteFS: { getSize: (path: string) => sizes[path] },
  };
  return Object.keys(sizes).map((path): FakeTest => ({ path, context }));
}

const order = (tests: FakeTest[]) => tests.map((t) => t.path);

describe('test file order', () => {
  test('with no times known, browser files start first, then deploy, integration, manifest, contract and unit; larger files first within a layer', () => {
    const tests = [
      ...layer('unit', { 'unit/big.test.ts': 40_000, 'unit/small.test.ts': 2_000 }, null),
      ...layer('integration', { 'integration/a.test.ts': 9_000 }, null),
      ...layer('browser', { 'browser/look.test.ts': 8_000, 'browser/changes.test.ts': 14_000 }, null),
      ...layer('deploy', { 'deploy/forge-lint.test.ts': 3_000 }, null),
      ...layer('manifest', { 'manifest/manifest.test.ts': 12_000 }, null),
      ...layer('contract', { 'contract/sandbox.test.ts': 30_000 }, null),
    ];
    assert.deepEqual(order(new LayerSequencer({}).sort(tests)), [
      'browser/changes.test.ts',
      'browser/look.test.ts',
      'deploy/forge-lint.test.ts',
      'integration/a.test.ts',
      'manifest/manifest.test.ts',
      'contract/sandbox.test.ts',
      'unit/big.test.ts',
      'unit/small.test.ts',
    ]);
  });

  test('once a run has recorded times: a failed file first, files without a time next, then the longest first, whatever their layer', () => {
    const cacheDirectory = mkdtempSync(join(tmpdir(), 'liaison-sequencer-'));
    const tests = [
      ...layer('unit', { 'unit/slow.test.ts': 1_000, 'unit/new.test.ts': 1_000 }, cacheDirectory),
      ...layer('browser', { 'browser/quick.test.ts': 50_000, 'browser/failing.test.ts': 1_000 }, cacheDirectory),
    ];
    const result = (path: string, runtime: number, failing = 0) => ({ testFilePath: path, skipped: false, numFailingTests: failing, perfStats: { runtime } });
    new LayerSequencer({}).cacheResults(tests, {
      testResults: [result('unit/slow.test.ts', 90_000), result('browser/quick.test.ts', 4_000), result('browser/failing.test.ts', 2_000, 1)],
    });
    // A new sequencer reads the times back from the cache folder, as the next run does.
    assert.deepEqual(order(new LayerSequencer({}).sort(tests)), ['browser/failing.test.ts', 'unit/new.test.ts', 'unit/slow.test.ts', 'browser/quick.test.ts']);
  });
});

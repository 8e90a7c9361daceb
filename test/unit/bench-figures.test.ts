/** The bench table: verdicts, ratios, percentiles and sizes, with hand-computed values. */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { formatTable, parseSize, percentile, ratio, sizeLabel, verdict, type Figure } from '../bench/figures';

describe('bench figures', () => {
  test('a figure at its budget passes; above fails; without one is information', () => {
    assert.equal(verdict({ name: 'a', value: 2, unit: 'requests', budget: 2 }), 'pass');
    assert.equal(verdict({ name: 'b', value: 2.01, unit: 'requests', budget: 2 }), 'FAIL');
    assert.equal(verdict({ name: 'c', value: 99, unit: 'ms' }), 'info');
    // 120 / 150 = 0.8
    assert.equal(ratio({ name: 'd', value: 120, unit: 'ms', budget: 150 }), 0.8);
    assert.equal(ratio({ name: 'e', value: 1, unit: 'ms' }), undefined);
  });

  test('percentile is nearest-rank', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]; // sorted 1..10
    assert.equal(percentile(samples, 50), 5); // rank ceil(0.5 × 10) = 5
    assert.equal(percentile(samples, 95), 10); // rank ceil(9.5) = 10
    assert.equal(percentile(samples, 10), 1); // rank 1
    assert.throws(() => percentile([], 50), /no samples/);
  });

  test('sizes read 1k / 10k / 50k and print back the same way', () => {
    assert.equal(parseSize('1k'), 1000);
    assert.equal(parseSize('50K'), 50_000);
    assert.equal(parseSize('2500'), 2500);
    assert.throws(() => parseSize('ten'), /number of issues/);
    assert.equal(sizeLabel(10_000), '10k');
    assert.equal(sizeLabel(2500), '2500');
  });

  test('the table has a row per figure with value, budget, ratio and verdict, and counts the budgets met', () => {
    const figures: Figure[] = [
      { name: 'panel p95', value: 12.34, unit: 'ms', budget: 150 },
      { name: 'requests', value: 3, unit: 'requests', budget: 2 },
      { name: 'generate', value: 850, unit: 'ms' },
    ];
    const lines = formatTable(figures).split('\n');
    assert.match(lines[0], /^\| figure\s+\| +value \| +budget \| ratio \| pass\/fail \|$/);
    assert.match(lines[2], /^\| panel p95 +\| +12\.3 ms \| +≤ 150\.0 ms \| +0\.08 \| +pass \|$/); // 12.34 / 150 = 0.082
    assert.match(lines[3], /^\| requests +\| +3 requests \| +≤ 2 requests \| +1\.50 \| +FAIL \|$/); // 3 / 2 = 1.5
    assert.match(lines[4], /^\| generate +\| +850\.0 ms \| +– \| +– \| +info \|$/);
    assert.equal(lines.at(-1), '1/2 budgets met; missed: requests');
  });
});

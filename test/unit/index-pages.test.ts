/** collectIndexPages: a bounded, paged read of a KVS entity index, checked against a fake index of numbered records. */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { ListResult } from '@forge/kvs';
import { collectIndexPages } from '../../src/platform/store/indexPages';

/** An index of `size` records `r0…`, answering pages from a numeric cursor; records each page's limit. */
function fakeIndex(size: number) {
  const limits: number[] = [];
  const query = () => {
    let limit = 100;
    let from = 0;
    const request = {
      limit(n: number) {
        limit = n;
        return request;
      },
      cursor(c: string) {
        from = Number(c);
        return request;
      },
      async getMany(): Promise<ListResult<{ n: number }>> {
        limits.push(limit);
        const results = Array.from({ length: Math.max(0, Math.min(limit, size - from)) }, (_, i) => ({ key: `r${from + i}`, value: { n: from + i } }));
        return from + limit < size ? { results, nextCursor: String(from + limit) } : { results };
      },
    };
    return request;
  };
  return { query, limits };
}

test('reads every record of a short index, in order, in one page', async () => {
  const index = fakeIndex(42);
  const { results, truncated } = await collectIndexPages(index.query, 500);
  assert.equal(truncated, false);
  assert.equal(results.length, 42);
  assert.deepEqual([results[0].key, results[41].key], ['r0', 'r41']);
  assert.deepEqual(index.limits, [100]);
});

test('stops at max and says more exist: the last page asks one past what is still wanted', async () => {
  const index = fakeIndex(250);
  const { results, truncated } = await collectIndexPages(index.query, 120);
  assert.equal(truncated, true);
  assert.equal(results.length, 120);
  assert.equal(results[119].key, 'r119');
  assert.deepEqual(index.limits, [100, 21]);
});

test('an index of exactly max records is whole, not truncated', async () => {
  const index = fakeIndex(120);
  const { results, truncated } = await collectIndexPages(index.query, 120);
  assert.equal(truncated, false);
  assert.equal(results.length, 120);
  assert.deepEqual(index.limits, [100, 21]);
});

test('keeps only what `keep` accepts, counting only those toward max', async () => {
  // 11 records, one passed over (as the settings list passes over the site defaults): 10 kept, the index is whole.
  const whole = fakeIndex(11);
  const kept = await collectIndexPages(whole.query, 10, ({ value }) => value.n !== 4);
  assert.equal(kept.truncated, false);
  assert.deepEqual(kept.results.map((r) => r.value.n), [0, 1, 2, 3, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(whole.limits, [11]);
  // One more record: now there are 11 to keep for a max of 10.
  const more = await collectIndexPages(fakeIndex(12).query, 10, ({ value }) => value.n !== 4);
  assert.equal(more.truncated, true);
  assert.equal(more.results.length, 10);
});

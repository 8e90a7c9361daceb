/**
 * How a report job's gathered rows are cut into KVS parts (src/reports/store/reportJobStore.ts): each
 * part at most PART_BYTES of JSON, items in order, nothing lost; a row too big for any part is
 * refused rather than written over the KVS value limit.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { cutParts, PART_BYTES } from '../../src/reports/store/reportJobStore';

describe('report job parts', () => {
  test('rows are cut in order into parts under the byte bound, and put back together whole', () => {
    // A row {"key":"SHOP-n","pad":"x…"} with 1,000 x is 1,024 + (digits of n) bytes, and a part counts
    // one more per row: rows 1–9 take 1,026, 10–99 1,027, 100–999 1,028. The first part holds
    // 9×1,026 + 90×1,027 + 100×1,028 = 204,464 bytes (199 rows; row 200 would pass 204,800), the next
    // ones 199 rows each (199×1,028 = 204,572), and the last the 5 left: 1,000 = 5×199 + 5.
    const rows = Array.from({ length: 1000 }, (_, n) => ({ key: `SHOP-${n + 1}`, pad: 'x'.repeat(1000) }));
    const parts = cutParts('issues', rows);
    assert.deepEqual(parts.map((p) => p.items.length), [199, 199, 199, 199, 199, 5]);
    for (const part of parts) {
      assert.equal(part.list, 'issues');
      assert.ok(Buffer.byteLength(JSON.stringify(part.items)) <= PART_BYTES, `a part holds ${Buffer.byteLength(JSON.stringify(part.items))} bytes`);
    }
    assert.deepEqual(parts.flatMap((p) => p.items), rows);
  });

  test('no rows, no parts; one small row, one part', () => {
    assert.deepEqual(cutParts('worklogs', []), []);
    assert.deepEqual(cutParts('worklogs', [{ seconds: 3600 }]), [{ list: 'worklogs', items: [{ seconds: 3600 }] }]);
  });

  test('a row larger than a part is refused', () => {
    assert.throws(() => cutParts('issues', [{ pad: 'x'.repeat(PART_BYTES) }]), /more than a stored part may hold/);
  });
});

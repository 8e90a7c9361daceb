/**
 * The local KVS driven through the real `@forge/kvs` client: what the app's store code sees.
 */
import { describe, test, beforeAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KvsBackend } from '../../local/host/kvs';
import { loadManifest } from '../../local/host/manifest';
import { installForgeRuntime, sandboxJiraTarget } from '../../local/host/runtime';

const MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555
  runtime: { name: nodejs22.x }
  storage:
    entities:
      - name: report
        attributes:
          projectKey: { type: string }
          period: { type: string }
          audience: { type: string }
          status: { type: string }
          generatedAt: { type: integer }
          score: { type: float }
          published: { type: boolean }
          model: { type: any }
        indexes:
          - status
          - name: by-project-period
            partition: [projectKey]
            range: [period]
          - name: by-project-generated
            partition: [projectKey, audience]
            range: [generatedAt]
modules: {}
`;

type KvsModule = typeof import('@forge/kvs');
let forge: KvsModule;
let clock = Date.parse('2026-11-24T09:00:00Z');
let backend: KvsBackend;

function useBackend(b: KvsBackend) {
  backend = b;
  installForgeRuntime({ jira: sandboxJiraTarget('http://127.0.0.1:9'), kvs: b });
}

beforeAll(async () => {
  const manifest = loadManifest('manifest.yml', MANIFEST);
  useBackend(new KvsBackend({ entities: manifest.entities, now: () => clock }));
  forge = await import('@forge/kvs');
});

async function rejectsWithCode(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof forge.ForgeKvsAPIError, `expected ForgeKvsAPIError, got ${String(e)}`);
    assert.equal((e as InstanceType<KvsModule['ForgeKvsAPIError']>).code, code);
    return true;
  });
}

describe('key-value store', () => {
  test('set, get, overwrite, delete; a missing key reads as undefined', async () => {
    const { kvs } = forge;
    assert.equal(await kvs.get('settings:SHOP'), undefined);
    await kvs.set('settings:SHOP', { roles: { manager: ['Administrators'] } });
    assert.deepEqual(await kvs.get('settings:SHOP'), { roles: { manager: ['Administrators'] } });
    await kvs.set('settings:SHOP', { roles: {} });
    assert.deepEqual(await kvs.get('settings:SHOP'), { roles: {} });
    await kvs.delete('settings:SHOP');
    assert.equal(await kvs.get('settings:SHOP'), undefined);
    await kvs.delete('settings:SHOP'); // deleting a missing key is not an error
  });

  test('stored values are copies: mutating what was set or read does not change the store', async () => {
    const { kvs } = forge;
    const value = { list: [1, 2] };
    await kvs.set('copy-check', value);
    value.list.push(3);
    const read = (await kvs.get('copy-check')) as { list: number[] };
    assert.deepEqual(read.list, [1, 2]);
    read.list.push(9);
    assert.deepEqual(await kvs.get('copy-check'), { list: [1, 2] });
  });

  test('metadata fields come back when asked for', async () => {
    const { kvs } = forge;
    clock = Date.parse('2026-11-24T10:00:00Z');
    await kvs.set('meta', 1);
    clock += 5000;
    await kvs.set('meta', 2);
    const got = await kvs.get('meta', { metadataFields: [forge.MetadataField.CREATED_AT, forge.MetadataField.UPDATED_AT] });
    assert.deepEqual(got, { key: 'meta', value: 2, createdAt: Date.parse('2026-11-24T10:00:00Z'), updatedAt: Date.parse('2026-11-24T10:00:05Z') });
  });

  test('keys are limited to 500 characters of the allowed set; values to 240 KiB and an object depth of 31', async () => {
    const { kvs } = forge;
    await kvs.set('k'.repeat(500), true);
    assert.equal(await kvs.get('k'.repeat(500)), true);
    await rejectsWithCode(kvs.set('k'.repeat(501), true), 'KEY_TOO_LONG');
    // Forge keys allow letters, digits, ':', '.', '_', '-', '#' and spaces: no '/'.
    await rejectsWithCode(kvs.set('settings/SHOP', true), 'INVALID_KEY');
    await rejectsWithCode(kvs.set('', true), 'KEY_TOO_SHORT');
    const justUnder = 'x'.repeat(240 * 1024 - 2); // JSON adds the two quotes
    await kvs.set('big', justUnder);
    assert.equal(((await kvs.get('big')) as string).length, justUnder.length);
    await rejectsWithCode(kvs.set('big', justUnder + 'x'), 'MAX_SIZE');
    // Forge's documented object depth limit is 31: 31 nested levels are stored, 32 are refused.
    const nested = (levels: number) => {
      let value: unknown = 'bottom';
      for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
      return value;
    };
    await kvs.set('deep', nested(31));
    assert.deepEqual(await kvs.get('deep'), nested(31));
    await rejectsWithCode(kvs.set('deeper', nested(32)), 'MAX_DEPTH');
    assert.equal(await kvs.get('deeper'), undefined);
  });

  test('query pages through keys in order with beginsWith, limit and cursor', async () => {
    const { kvs, WhereConditions } = forge;
    for (let i = 0; i < 7; i++) await kvs.set(`audit:SHOP:${String(i).padStart(2, '0')}`, { i });
    await kvs.set('audit:OPS:00', { i: -1 });
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let q = kvs.query().where('key', WhereConditions.beginsWith('audit:SHOP:')).limit(3);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany<{ i: number }>();
      seen.push(...page.results.map((r) => r.value.i));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(pages, 3);
    const one = await kvs.query().where('key', WhereConditions.beginsWith('audit:OPS')).getOne();
    assert.deepEqual(one, { key: 'audit:OPS:00', value: { i: -1 } });
    await rejectsWithCode(kvs.query().limit(101).getMany(), 'LIST_QUERY_LIMIT_EXCEEDED');
  });

  test('FAIL_IF_EXISTS refuses an existing key; OVERRIDE can return the previous value', async () => {
    const { kvs } = forge;
    await kvs.set('lock:report', 'a', { keyPolicy: 'FAIL_IF_EXISTS' });
    await rejectsWithCode(kvs.set('lock:report', 'b', { keyPolicy: 'FAIL_IF_EXISTS' }), 'KEY_CONFLICT');
    const previous = await kvs.set('lock:report', 'c', { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    assert.deepEqual(previous, { key: 'lock:report', value: 'a' });
    assert.equal(await kvs.get('lock:report'), 'c');
  });

  test('a TTL makes the key disappear once it passes', async () => {
    const { kvs } = forge;
    clock = Date.parse('2026-11-24T12:00:00Z');
    await kvs.set('lease', 'me', { ttl: { value: 30, unit: 'SECONDS' } });
    const meta = await kvs.get('lease', { metadataFields: [forge.MetadataField.EXPIRE_TIME] });
    assert.equal((meta as { expireTime: string }).expireTime, '2026-11-24T12:00:30.000Z');
    clock += 29_000;
    assert.equal(await kvs.get('lease'), 'me');
    clock += 1_000;
    assert.equal(await kvs.get('lease'), undefined);
  });

  test('secrets live apart from plain keys and are never listed by query', async () => {
    const { kvs, WhereConditions } = forge;
    await kvs.setSecret('token:jira', 's3cret');
    assert.equal(await kvs.getSecret('token:jira'), 's3cret');
    assert.equal(await kvs.get('token:jira'), undefined);
    const listed = await kvs.query().where('key', WhereConditions.beginsWith('token')).getMany();
    assert.deepEqual(listed.results, []);
    await kvs.deleteSecret('token:jira');
    assert.equal(await kvs.getSecret('token:jira'), undefined);
  });

  test('batch set/get/delete report each key on its own', async () => {
    const { kvs } = forge;
    const set = await kvs.batchSet<unknown>([
      { key: 'b1', value: 1 },
      { key: 'b2', value: 2 },
      { key: 'r-1', value: { projectKey: 'BATCH', period: '2026-W47', status: 'draft' }, entityName: 'report' },
      { key: 'r-bad', value: { projectKey: 7 }, entityName: 'report' },
    ]);
    assert.deepEqual(set.successfulKeys, [{ key: 'b1' }, { key: 'b2' }, { key: 'r-1', entityName: 'report' }]);
    assert.equal(set.failedKeys.length, 1);
    assert.equal(set.failedKeys[0].key, 'r-bad');
    assert.equal(set.failedKeys[0].error.code, 'INVALID_ENTITY_VALUE');
    const got = await kvs.batchGet([{ key: 'b1' }, { key: 'nope' }, { key: 'r-1', entityName: 'report' }]);
    assert.deepEqual(got.successfulKeys.map((s) => [s.key, s.value]), [['b1', 1], ['r-1', { projectKey: 'BATCH', period: '2026-W47', status: 'draft' }]]);
    assert.deepEqual(got.failedKeys.map((f) => [f.key, f.error.code]), [['nope', 'KEY_NOT_FOUND']]);
    const del = await kvs.batchDelete([{ key: 'b1' }, { key: 'b2' }]);
    assert.equal(del.successfulKeys.length, 2);
    assert.equal(await kvs.get('b2'), undefined);
    await rejectsWithCode(kvs.batchSet([{ key: 'dup', value: 1 }, { key: 'dup', value: 2 }]), 'BAD_REQUEST');
  });
});

describe('custom entities', () => {
  const reports = () => forge.kvs.entity<Record<string, unknown>>('report');

  test('values are checked against the declared attribute types', async () => {
    await reports().set('ok', { projectKey: 'SHOP', period: '2026-11', generatedAt: 5, score: 1.5, published: false, model: { any: ['thing'] } });
    assert.deepEqual(await reports().get('ok'), { projectKey: 'SHOP', period: '2026-11', generatedAt: 5, score: 1.5, published: false, model: { any: ['thing'] } });
    await rejectsWithCode(reports().set('bad', { generatedAt: 1.5 }), 'INVALID_ENTITY_VALUE');
    await rejectsWithCode(reports().set('bad', { undeclared: 'x' }), 'INVALID_ENTITY_VALUE');
    await rejectsWithCode(forge.kvs.entity('nosuch').set('x', {}), 'INVALID_ENTITY_TYPE');
    await reports().delete('ok');
    assert.equal(await reports().get('ok'), undefined);
  });

  test('an index query matches the partition, narrows the range, sorts and pages', async () => {
    const { kvs, WhereConditions, Sort } = forge;
    const periods = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
    for (const [i, p] of periods.entries()) {
      await reports().set(`SHOP-${p}`, { projectKey: 'SHOP', period: p, audience: 'executive', status: i % 2 ? 'published' : 'draft', generatedAt: 100 + i });
      await reports().set(`OPS-${p}`, { projectKey: 'OPS', period: p, audience: 'executive', status: 'draft', generatedAt: 200 + i });
    }
    const shop2026 = await kvs.entity('report').query().index('by-project-period', { partition: ['SHOP'] }).where(WhereConditions.beginsWith('2026')).getMany();
    assert.deepEqual(shop2026.results.map((r) => r.key), ['SHOP-2026-09', 'SHOP-2026-10', 'SHOP-2026-11', 'SHOP-2026-12']);
    assert.equal(shop2026.nextCursor, undefined);

    const desc: string[] = [];
    let cursor: string | undefined;
    do {
      let q = kvs.entity('report').query().index('by-project-period', { partition: ['OPS'] }).sort(Sort.DESC).limit(2);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      desc.push(...page.results.map((r) => r.key));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(desc, ['OPS-2027-01', 'OPS-2026-12', 'OPS-2026-11', 'OPS-2026-10', 'OPS-2026-09']);

    const between = await kvs
      .entity('report')
      .query()
      .index('by-project-generated', { partition: ['SHOP', 'executive'] })
      .where(WhereConditions.between(101, 103))
      .getMany();
    assert.deepEqual(between.results.map((r) => r.key), ['SHOP-2026-10', 'SHOP-2026-11', 'SHOP-2026-12']);

    const byStatus = await kvs.entity('report').query().index('status').where(WhereConditions.equalTo('published')).getMany();
    assert.deepEqual(byStatus.results.map((r) => r.key).sort(), ['SHOP-2026-10', 'SHOP-2026-12']);
  });

  test('filters combine with and/or over any attribute', async () => {
    const { kvs, Filter, FilterConditions } = forge;
    const published2026 = await kvs
      .entity('report')
      .query()
      .index('by-project-period', { partition: ['SHOP'] })
      .filters(new Filter<Record<string, unknown>>().and('status', FilterConditions.equalTo('published')).and('period', FilterConditions.beginsWith('2026')))
      .getMany();
    assert.deepEqual(published2026.results.map((r) => r.key), ['SHOP-2026-10', 'SHOP-2026-12']);
    const either = await kvs
      .entity('report')
      .query()
      .index('by-project-period', { partition: ['SHOP'] })
      .filters(new Filter<Record<string, unknown>>().or('period', FilterConditions.equalTo('2026-09')).or('generatedAt', FilterConditions.greaterThanEqualTo(104)))
      .getMany();
    assert.deepEqual(either.results.map((r) => r.key), ['SHOP-2026-09', 'SHOP-2027-01']);
  });

  test('a query on an undeclared index or with a missing partition is refused', async () => {
    const { kvs } = forge;
    await rejectsWithCode(kvs.entity('report').query().index('nope').getMany(), 'INVALID_ENTITY_INDEX');
    await rejectsWithCode(kvs.entity('report').query().index('by-project-period').getMany(), 'BAD_REQUEST');
    await rejectsWithCode(kvs.entity('report').query().index('status').limit(0).getMany(), 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE');
  });
});

describe('transactions', () => {
  test('all operations commit together', async () => {
    const { kvs } = forge;
    await kvs.set('tx:old', 1);
    await kvs.transact().set('tx:a', 'A').set('tx:b', { n: 2 }).delete('tx:old').execute();
    assert.equal(await kvs.get('tx:a'), 'A');
    assert.deepEqual(await kvs.get('tx:b'), { n: 2 });
    assert.equal(await kvs.get('tx:old'), undefined);
  });

  test('a failed condition or check commits nothing', async () => {
    const { kvs, Filter, FilterConditions } = forge;
    const reports = kvs.entity<Record<string, unknown>>('report');
    await reports.set('tx-r', { projectKey: 'SHOP', period: '2026-11', status: 'draft' });
    const onlyDraft = new Filter<Record<string, unknown>>().and('status', FilterConditions.equalTo('draft'));
    await kvs
      .transact()
      .set<Record<string, unknown>>('tx-r', { projectKey: 'SHOP', period: '2026-11', status: 'published' }, { entityName: 'report', conditions: onlyDraft })
      .set('tx:audit', { action: 'publish' })
      .execute();
    assert.equal((await reports.get('tx-r'))?.status, 'published');
    assert.deepEqual(await kvs.get('tx:audit'), { action: 'publish' });

    // Publishing again must fail: the report is no longer a draft; the audit write is rolled back too.
    await rejectsWithCode(
      kvs
        .transact()
        .set<Record<string, unknown>>('tx-r', { projectKey: 'SHOP', period: '2026-11', status: 'published' }, { entityName: 'report', conditions: onlyDraft })
        .set('tx:audit2', { action: 'publish' })
        .execute(),
      'CONDITIONAL_CHECK_FAILED',
    );
    assert.equal(await kvs.get('tx:audit2'), undefined);
    await rejectsWithCode(kvs.transact().check('missing', { entityName: 'report', conditions: onlyDraft }).set('tx:x', 1).execute(), 'CONDITIONAL_CHECK_FAILED');
    assert.equal(await kvs.get('tx:x'), undefined);
    await rejectsWithCode(kvs.transact().set('tx:d', 1).delete('tx:d').execute(), 'BAD_REQUEST');
  });
});

describe('persistence', () => {
  test('a store saved to its data file is read back by a new store; no temp file is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-kvs-'));
    const file = join(dir, 'kvs.json');
    const manifest = loadManifest('manifest.yml', MANIFEST);
    const first = new KvsBackend({ entities: manifest.entities, dataFile: file, saveDelayMs: 10_000 });
    useBackend(first);
    await forge.kvs.set('persist:me', { a: 1 });
    await forge.kvs.entity('report').set('p-1', { projectKey: 'SHOP', period: '2026-11' });
    assert.equal(existsSync(file), false, 'writes are debounced');
    await first.close();
    assert.deepEqual(readdirSync(dir), ['kvs.json']);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).version, 1);

    const second = new KvsBackend({ entities: manifest.entities, dataFile: file });
    useBackend(second);
    assert.deepEqual(await forge.kvs.get('persist:me'), { a: 1 });
    assert.deepEqual(await forge.kvs.entity('report').get('p-1'), { projectKey: 'SHOP', period: '2026-11' });
    await second.close();
  });
});

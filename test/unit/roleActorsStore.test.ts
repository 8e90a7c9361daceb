/**
 * The role-membership cache in KVS, through the real `@forge/kvs` client against the local KVS:
 * round trips, malformed entries ignored, oversized snapshots not stored, forgetting twice is fine.
 */
import { describe, test, beforeAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { KvsBackend } from '../../local/host/kvs';
import { installForgeRuntime, sandboxJiraTarget } from '../../local/host/runtime';
import type { RoleActorsSnapshot } from '../../src/access/domain/roleMembership';

type Store = typeof import('../../src/access/store/roleActorsStore');
let store: Store;
let backend: KvsBackend;

beforeAll(async () => {
  backend = new KvsBackend({ entities: [] });
  // The runtime must be in place before @forge/kvs is first imported (the store imports it).
  installForgeRuntime({ jira: sandboxJiraTarget('http://127.0.0.1:9'), kvs: backend });
  store = await import('../../src/access/store/roleActorsStore');
});

const snapshot = (accountIds: string[]): RoleActorsSnapshot => ({
  projectKey: 'SHOP',
  fetchedAt: '2026-11-24T10:00:00.000Z',
  roles: [{ id: 10005, name: 'Developers' }],
  actors: { '10005': { accountIds, groups: [{ groupId: 'g-1', name: 'devs' }] } },
});

describe('role actors cache', () => {
  test('saved under role-actors:<projectKey>, read back, forgotten (twice is fine)', async () => {
    assert.equal(await store.readRoleActors('SHOP'), undefined);
    assert.equal(await store.saveRoleActors(snapshot(['acc-1'])), true);
    assert.deepEqual(await store.readRoleActors('SHOP'), snapshot(['acc-1']));
    assert.equal(backend.handle('/api/v1/get', { key: 'role-actors:SHOP' }).status, 200);
    assert.equal(await store.readRoleActors('OPS'), undefined);
    await store.forgetRoleActors('SHOP');
    await store.forgetRoleActors('SHOP');
    assert.equal(await store.readRoleActors('SHOP'), undefined);
  });

  test('an entry of the wrong shape reads as no snapshot', async () => {
    backend.handle('/api/v1/set', { key: 'role-actors:SHOP', value: { projectKey: 'SHOP', fetchedAt: 'x', roles: 'Developers', actors: {} } });
    assert.equal(await store.readRoleActors('SHOP'), undefined);
  });

  test('a snapshot over the size bound is not stored, and an older one is left alone', async () => {
    assert.equal(await store.saveRoleActors(snapshot(['acc-small'])), true);
    const many = Array.from({ length: 8_000 }, (_, i) => `557058:${String(i).padStart(8, '0')}-aaaa-bbbb-cccc-dddddddddddd`);
    assert.ok(Buffer.byteLength(JSON.stringify(snapshot(many))) > store.MAX_CACHED_BYTES);
    assert.equal(await store.saveRoleActors(snapshot(many)), false);
    assert.deepEqual((await store.readRoleActors('SHOP'))?.actors['10005'].accountIds, ['acc-small']);
  });

  test("a person's groups: user-groups:<accountId>", async () => {
    const groups = { accountId: '557058:abc', fetchedAt: '2026-11-24T10:00:00.000Z', groups: [{ groupId: 'g-1', name: 'devs' }] };
    assert.equal(await store.readUserGroups('557058:abc'), undefined);
    assert.equal(await store.saveUserGroups(groups), true);
    assert.deepEqual(await store.readUserGroups('557058:abc'), groups);
    assert.equal(backend.handle('/api/v1/get', { key: 'user-groups:557058:abc' }).status, 200);
  });
});

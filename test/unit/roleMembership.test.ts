/**
 * Role membership from role actors (users and groups), the snapshot's freshness, and the Jira
 * adapters that read roles, groups and names (driven through a recording transport).
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Route } from '@forge/api';
import {
  isFresh, namedRolesHaveGroups, parseRoleActorsSnapshot, parseUserGroupsSnapshot, rolesHeld, rolesToRead, ROLE_ACTORS_TTL_MS,
  type RoleActorsSnapshot,
} from '../../src/access/domain/roleMembership';
import { mappedJiraRoles, sameMapping } from '../../src/access/domain/roles';
import { BUILT_IN_DEFAULTS } from '../../src/settings/domain/settings';
import { mapWithConcurrency } from '../../src/platform/jira/concurrency';
import { JiraClient, type JiraResponse, type RetryPolicy } from '../../src/platform/jira/jiraClient';
import { getProjectRoleActors, getProjectRoles, getUserGroups } from '../../src/access/jira/projectRoles';
import { getDisplayNames, USER_BULK_MAX_IDS } from '../../src/platform/jira/users';

const ME = 'acc-me';
const snapshot: RoleActorsSnapshot = {
  projectKey: 'SHOP',
  fetchedAt: '2026-11-24T10:00:00.000Z',
  roles: [
    { id: 1, name: 'Administrators' },
    { id: 2, name: 'Developers' },
    { id: 3, name: 'Clients' },
    { id: 4, name: 'Viewers' },
  ],
  actors: {
    '1': { accountIds: ['acc-pm'], groups: [] },
    '2': { accountIds: [ME], groups: [{ groupId: 'g-dev', name: 'agency-developers' }] },
    '3': { accountIds: [], groups: [{ name: 'Northwind-Staff' }] },
  },
};

describe('role membership', () => {
  test('direct actors hold their roles; names match case-insensitively; unread roles are not held', () => {
    assert.deepEqual(rolesHeld(snapshot, ['developers', 'Administrators', 'Viewers'], ME), ['Developers']);
    assert.deepEqual(rolesHeld(snapshot, ['Administrators'], 'acc-pm'), ['Administrators']);
    assert.deepEqual(rolesHeld(snapshot, ['Administrators', 'Developers', 'Clients'], 'acc-nobody'), []);
  });

  test('group actors: by group id when both sides have one, else by name (case-insensitive)', () => {
    assert.deepEqual(rolesHeld(snapshot, ['Developers'], 'acc-x', [{ groupId: 'g-dev', name: 'renamed' }]), ['Developers']);
    assert.deepEqual(rolesHeld(snapshot, ['Developers'], 'acc-x', [{ groupId: 'g-other', name: 'agency-developers' }]), []);
    assert.deepEqual(rolesHeld(snapshot, ['Clients'], 'acc-x', [{ groupId: 'g-nw', name: 'northwind-staff' }]), ['Clients']);
    assert.deepEqual(rolesHeld(snapshot, ['Developers', 'Clients'], 'acc-x', [{ name: 'somebody-else' }]), []);
  });

  test('groups matter only when a named role has group actors', () => {
    assert.equal(namedRolesHaveGroups(snapshot, ['Administrators']), false);
    assert.equal(namedRolesHaveGroups(snapshot, ['Administrators', 'Clients']), true);
  });

  test('roles to read: named, known to the project, and not in the snapshot yet', () => {
    assert.deepEqual(rolesToRead(snapshot, ['Viewers', 'viewers', 'Developers', 'Ghosts']), [{ id: 4, name: 'Viewers' }]);
    assert.deepEqual(rolesToRead(snapshot, ['Administrators', 'Clients']), []);
  });

  test('a snapshot is fresh for the TTL, then stale; unreadable or future times are stale', () => {
    const at = Date.parse(snapshot.fetchedAt);
    assert.equal(isFresh(snapshot, new Date(at)), true);
    assert.equal(isFresh(snapshot, new Date(at + ROLE_ACTORS_TTL_MS - 1)), true);
    assert.equal(isFresh(snapshot, new Date(at + ROLE_ACTORS_TTL_MS)), false);
    assert.equal(isFresh(snapshot, new Date(at - 5_000)), false);
    assert.equal(isFresh({ fetchedAt: 'yesterday' }, new Date(at)), false);
    assert.equal(ROLE_ACTORS_TTL_MS, 60_000);
  });

  test('stored snapshots are checked before use', () => {
    assert.deepEqual(parseRoleActorsSnapshot(structuredClone(snapshot), 'SHOP'), snapshot);
    assert.equal(parseRoleActorsSnapshot(snapshot, 'OPS'), undefined);
    assert.equal(parseRoleActorsSnapshot({ ...snapshot, actors: { '1': { accountIds: 'acc-pm', groups: [] } } }, 'SHOP'), undefined);
    assert.equal(parseRoleActorsSnapshot({ ...snapshot, roles: [{ id: '1', name: 'Administrators' }] }, 'SHOP'), undefined);
    assert.equal(parseRoleActorsSnapshot(undefined, 'SHOP'), undefined);
    const groups = { accountId: ME, fetchedAt: snapshot.fetchedAt, groups: [{ groupId: 'g', name: 'n' }] };
    assert.deepEqual(parseUserGroupsSnapshot(groups, ME), groups);
    assert.equal(parseUserGroupsSnapshot(groups, 'acc-other'), undefined);
    assert.equal(parseUserGroupsSnapshot({ ...groups, groups: [{ groupId: 7 }] }, ME), undefined);
  });

  test('the mapping names its Jira roles once each; mapping equality ignores case and order', () => {
    const mapping = { manager: ['Administrators', 'Project managers'], approver: ['approvers'], team: ['Developers', 'administrators'], client: ['Clients'] };
    assert.deepEqual(mappedJiraRoles(mapping), ['Administrators', 'Project managers', 'approvers', 'Developers', 'Clients']);
    const defaults = BUILT_IN_DEFAULTS.roleMapping;
    assert.equal(sameMapping(defaults, { ...defaults, manager: [...defaults.manager].reverse().map((n) => n.toUpperCase()) }), true);
    assert.equal(sameMapping(defaults, { ...defaults, manager: [...defaults.manager, 'Approvers'] }), false);
  });
});

// ---- the Jira adapters, through a transport that records requests and answers from a table ----

function json(status: number, body: unknown): JiraResponse {
  const text = JSON.stringify(body);
  return { ok: status >= 200 && status < 300, status, statusText: String(status), headers: { get: () => null }, text: async () => text };
}

const noRetry: RetryPolicy = { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1, sleep: async () => undefined, random: () => 0 };

function recordingClient(answer: (path: string) => JiraResponse): { jira: JiraClient; paths: string[] } {
  const paths: string[] = [];
  const jira = new JiraClient(async (path: Route) => {
    paths.push(path.value);
    return answer(path.value);
  }, noRetry);
  return { jira, paths };
}

describe('Jira adapters for roles, groups and names', () => {
  test('the project role list: ids read off the role URLs, sorted by name; 404 is NOT_FOUND', async () => {
    const { jira, paths } = recordingClient((path) =>
      path.includes('/GONE/')
        ? json(404, { errorMessages: ["No project could be found with key 'GONE'."] })
        : json(200, { Developers: 'https://x.atlassian.net/rest/api/3/project/10000/role/10005', Administrators: 'https://x.atlassian.net/rest/api/3/project/10000/role/10002' }),
    );
    assert.deepEqual(await getProjectRoles(jira, 'SHOP'), [{ id: 10002, name: 'Administrators' }, { id: 10005, name: 'Developers' }]);
    assert.deepEqual(paths, ['/rest/api/3/project/SHOP/role']);
    await assert.rejects(getProjectRoles(jira, 'GONE'), (error: unknown) => (error as { code?: string }).code === 'NOT_FOUND');
  });

  test('role actors: user actors by account id, group actors by id and name, others ignored; a vanished role has none', async () => {
    const { jira, paths } = recordingClient((path) =>
      path.endsWith('/role/99')
        ? json(404, { errorMessages: ["No project role with id '99' could be found."] })
        : json(200, {
            id: 10005,
            name: 'Developers',
            actors: [
              { id: 1, type: 'atlassian-user-role-actor', displayName: 'Priya', actorUser: { accountId: 'acc-1' } },
              { id: 2, type: 'atlassian-group-role-actor', displayName: 'devs', name: 'devs', actorGroup: { name: 'devs', displayName: 'devs', groupId: 'g-1' } },
              { id: 3, type: 'atlassian-group-role-actor', actorGroup: { name: 'legacy', displayName: 'legacy' } },
              { id: 4, type: 'atlassian-user-role-actor', actorUser: { accountId: 'acc-1' } },
              { id: 5, type: 'something-new' },
            ],
          }),
    );
    assert.deepEqual(await getProjectRoleActors(jira, 'SHOP', 10005), { accountIds: ['acc-1'], groups: [{ groupId: 'g-1', name: 'devs' }, { name: 'legacy' }] });
    assert.deepEqual(await getProjectRoleActors(jira, 'SHOP', 99), { accountIds: [], groups: [] });
    assert.deepEqual(paths, ['/rest/api/3/project/SHOP/role/10005', '/rest/api/3/project/SHOP/role/99']);
  });

  test("a user's groups", async () => {
    const { jira, paths } = recordingClient(() => json(200, [{ name: 'devs', groupId: 'g-1', self: 'x' }, { name: 'old', groupId: null }]));
    assert.deepEqual(await getUserGroups(jira, '557058:abc-def'), [{ groupId: 'g-1', name: 'devs' }, { name: 'old' }]);
    assert.deepEqual(paths, ['/rest/api/3/user/groups?accountId=557058%3Aabc-def']);
  });

  test('display names: one /user/bulk request per 200 distinct ids, unknown ids left out', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `acc-${i}`);
    const { jira, paths } = recordingClient((path) => {
      const asked = new URL(`http://x${path}`).searchParams.getAll('accountId');
      return json(200, { startAt: 0, maxResults: asked.length, total: asked.length, isLast: true, values: asked.filter((id) => id !== 'acc-7').map((id) => ({ accountId: id, displayName: `Name ${id}` })) });
    });
    const names = await getDisplayNames(jira, [...ids, ...ids.slice(0, 10), '']);
    assert.equal(paths.length, 2);
    assert.deepEqual(paths.map((p) => new URL(`http://x${p}`).searchParams.getAll('accountId').length), [USER_BULK_MAX_IDS, 50]);
    assert.ok(paths.every((p) => p.startsWith('/rest/api/3/user/bulk?startAt=0&maxResults=')));
    assert.equal(names.size, 249);
    assert.equal(names.get('acc-200'), 'Name acc-200');
    assert.equal(names.has('acc-7'), false);

    const none = recordingClient(() => json(500, {}));
    assert.equal((await getDisplayNames(none.jira, [])).size, 0);
    assert.deepEqual(none.paths, []);
  });

  test('mapWithConcurrency keeps order and never exceeds its limit', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight -= 1;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30, 0]);
    assert.equal(most, 2);
    await assert.rejects(mapWithConcurrency([1], 0, async (n) => n), /at least 1/);
  });
});

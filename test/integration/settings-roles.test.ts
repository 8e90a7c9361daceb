/**
 * How the app learns a caller's Jira project roles, end to end: read as the app (Jira refuses
 * role reads to people without Administer Projects), cached per project in KVS for 60 s, refreshed
 * when stale, dropped when a manager saves a changed role mapping; and people's names in answers.
 *
 * Every Jira request the app makes is recorded here, and any role read made *as the user* is
 * answered 403, as Jira does for anyone without Administer Projects (the sandbox answers the
 * roledetails of the caller's own roles; Jira Cloud does not).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_PEOPLE, DEMO_USERS } from '../../local/demo/site';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import { startTestHost, type TestHost } from '../../local/host/testing';

let host: TestHost;

interface JiraCall {
  provider: string;
  method: string;
  path: string;
}
const calls: JiraCall[] = [];
/**
 * Answers for paths the sandbox cannot give (it has no groups): path -> JSON body, used for the
 * app's requests while set.
 */
const groupSite = new Map<string, unknown>();
type ForgeFetch = (descriptor: { type?: string; provider?: string; remote?: string }, path: string, init?: { method?: string }) => Promise<Response>;
let originalFetch: ForgeFetch | undefined;

/** The role reads Jira allows only to project administrators and Jira admins. */
const ADMIN_ONLY_ROLE_READ = /^\/rest\/api\/3\/project\/[^/?]+\/(roledetails|role)(\/\d+)?(\?|$)/;

beforeAll(async () => {
  host = await startTestHost();
  const g = globalThis as { __forge_fetch__?: ForgeFetch };
  originalFetch = g.__forge_fetch__;
  assert.equal(typeof originalFetch, 'function');
  g.__forge_fetch__ = async (descriptor, path, init) => {
    if (descriptor?.type === 'fpp' && (descriptor.remote ?? 'jira') === 'jira') {
      calls.push({ provider: descriptor.provider ?? 'none', method: init?.method ?? 'GET', path });
      if (descriptor.provider === 'app' && groupSite.has(path)) {
        return new Response(JSON.stringify(groupSite.get(path)), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      if (descriptor.provider === 'user' && ADMIN_ONLY_ROLE_READ.test(path)) {
        return new Response(JSON.stringify({ errorMessages: ['You cannot edit the configuration of this project.'], errors: {} }), {
          status: 403,
          headers: { 'content-type': 'application/json' },
        });
      }
    }
    return originalFetch!(descriptor, path, init);
  };
});
afterAll(async () => {
  if (originalFetch) (globalThis as { __forge_fetch__?: ForgeFetch }).__forge_fetch__ = originalFetch;
  await host?.close();
});

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

function call(accountId: string, functionKey: string, payload: Record<string, unknown> = {}): Promise<Answer> {
  return host.app.invoke({ accountId, moduleKey: 'liaison-project', functionKey, payload }) as Promise<Answer>;
}

/** Runs `fn` and answers the Jira requests the app made meanwhile (as recorded and as the sandbox counted them). */
async function jiraRequestsDuring(fn: () => Promise<unknown>): Promise<{ calls: JiraCall[]; served: number }> {
  calls.length = 0;
  host.sandbox.resetRequestCount();
  await fn();
  return { calls: [...calls], served: host.sandbox.requestCount() };
}

const isRoleRequest = (c: JiraCall) => ADMIN_ONLY_ROLE_READ.test(c.path) || c.path.startsWith('/rest/api/3/user/groups');

function cachedRoleActors(projectKey: string): any {
  const answer = host.kvs.handle('/api/v1/get', { key: `role-actors:${projectKey}` });
  return answer.status === 200 ? (answer.body as { value: unknown }).value : undefined;
}

function forgetCache(projectKey: string): void {
  host.kvs.handle('/api/v1/delete', { key: `role-actors:${projectKey}` });
}

/** Adds a user to a project role in Jira, as a Jira admin would (through the REST API, as the app). */
async function addToRole(projectKey: string, roleId: number, accountId: string): Promise<void> {
  const response = await fetch(`${host.sandbox.url}/rest/api/3/project/${projectKey}/role/${roleId}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer forge-app', 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ user: [accountId] }),
  });
  assert.equal(response.status, 200, await response.text());
}

describe('project roles are read as the app', () => {
  test('a Developers-role member without Administer Projects gets their settings answer', async () => {
    const shop = host.sandbox.site.projects.find((p) => p.key === 'SHOP')!;
    // The premise: developers hold no project administration, and dev1 is no Jira admin.
    assert.equal(shop.permissions.ADMINISTER_PROJECTS?.includes(ROLE_IDS.developers), false);
    assert.ok(shop.roleActors[ROLE_IDS.developers].includes(DEMO_USERS.dev1));
    assert.equal(DEMO_PEOPLE.dev1.jiraAdmin, false);

    const { calls: made } = await jiraRequestsDuring(async () => {
      const answer = await call(DEMO_USERS.dev1, 'settings.get', { projectKey: 'SHOP' });
      assert.equal(answer.ok, true, JSON.stringify(answer));
      assert.deepEqual(answer.ok && answer.data.myRoles, ['team']);
      assert.equal(answer.ok && answer.data.canEdit, false);
      assert.deepEqual(answer.ok && answer.data.jiraRoles, ['Administrators', 'Approvers', 'Clients', 'Developers', 'Members', 'Project managers']);
    });
    assert.ok(made.some(isRoleRequest), 'the roles were read');
    assert.deepEqual(made.filter((c) => c.provider === 'user' && isRoleRequest(c)), [], 'no role read as the user');
    assert.ok(made.filter(isRoleRequest).every((c) => c.provider === 'app'));
  });

  test('a client gets their client role, and an outsider none, without a role read as the user', async () => {
    forgetCache('SHOP');
    const { calls: made } = await jiraRequestsDuring(async () => {
      const client = await call(DEMO_USERS.clientPo, 'me.roles', { projectKey: 'SHOP' });
      assert.deepEqual(client.ok && client.data.roles, ['client']);
      const outsider = await call(DEMO_USERS.outsider, 'me.roles', { projectKey: 'SHOP' });
      assert.deepEqual(outsider.ok && outsider.data.roles, []);
      const refused = await call(DEMO_USERS.clientPo, 'settings.get', { projectKey: 'SHOP' });
      assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN');
    });
    assert.deepEqual(made.filter((c) => c.provider === 'user'), []);
  });
});

describe('the role actors cache', () => {
  test('cold: the role list, then only the mapped roles, side by side; warm: no Jira request at all', async () => {
    forgetCache('SHOP');
    const cold = await jiraRequestsDuring(async () => {
      const answer = await call(DEMO_USERS.dev2, 'me.roles', { projectKey: 'SHOP' });
      assert.deepEqual(answer.ok && answer.data.roles, ['team']);
    });
    // The default mapping names 6 roles, all of which the project has: 1 list + 6 actor reads.
    assert.equal(cold.served, 7);
    assert.deepEqual(cold.calls[0], { provider: 'app', method: 'GET', path: '/rest/api/3/project/SHOP/role' });
    const roleIds = Object.values(ROLE_IDS).sort();
    assert.deepEqual(cold.calls.slice(1).map((c) => c.path).sort(), roleIds.map((id) => `/rest/api/3/project/SHOP/role/${id}`).sort());
    // No mapped role has group actors: the caller's groups are not asked for.
    assert.equal(cold.calls.some((c) => c.path.startsWith('/rest/api/3/user/groups')), false);

    const stored = cachedRoleActors('SHOP');
    assert.equal(stored.projectKey, 'SHOP');
    assert.ok(Math.abs(Date.parse(stored.fetchedAt) - Date.now()) < 10_000);
    assert.deepEqual(stored.actors[String(ROLE_IDS.developers)].accountIds.sort(), [DEMO_USERS.dev1, DEMO_USERS.dev2, DEMO_USERS.dev3, DEMO_USERS.dev4].sort());

    const warm = await jiraRequestsDuring(async () => {
      const roles = await call(DEMO_USERS.dev3, 'me.roles', { projectKey: 'SHOP' });
      assert.deepEqual(roles.ok && roles.data.roles, ['team']);
      const settings = await call(DEMO_USERS.approver, 'settings.get', { projectKey: 'SHOP' });
      assert.deepEqual(settings.ok && settings.data.myRoles, ['approver']);
      assert.equal(settings.ok && settings.data.jiraRoles.length, 6);
    });
    // Never saved: nobody to name either, so nothing at all is asked of Jira.
    assert.equal(warm.served, 0);
    assert.deepEqual(warm.calls, []);
  });

  test('within the TTL the cache is trusted; once stale it is read again', async () => {
    await call(DEMO_USERS.dev4, 'me.roles', { projectKey: 'OPS' });
    await addToRole('OPS', ROLE_IDS.approvers, DEMO_USERS.dev4);
    const trusted = await call(DEMO_USERS.dev4, 'me.roles', { projectKey: 'OPS' });
    assert.deepEqual(trusted.ok && trusted.data.roles, ['team']);

    // Age the snapshot past the 60 s TTL.
    const stored = cachedRoleActors('OPS');
    stored.fetchedAt = new Date(Date.now() - 61_000).toISOString();
    assert.equal(host.kvs.handle('/api/v1/set', { key: 'role-actors:OPS', value: stored }).status < 300, true);
    const refreshed = await jiraRequestsDuring(async () => {
      const answer = await call(DEMO_USERS.dev4, 'me.roles', { projectKey: 'OPS' });
      assert.deepEqual(answer.ok && answer.data.roles, ['approver', 'team']);
    });
    assert.equal(refreshed.served, 7);
    assert.ok(Date.parse(cachedRoleActors('OPS').fetchedAt) > Date.now() - 10_000);
  });

  test('a role held through a group: the caller\'s groups are read as the app, once, then cached', async () => {
    forgetCache('OPS');
    const membersPath = `/rest/api/3/project/OPS/role/${ROLE_IDS.members}`;
    const groupsPath = `/rest/api/3/user/groups?accountId=${encodeURIComponent(DEMO_USERS.outsider)}`;
    groupSite.set(membersPath, {
      id: ROLE_IDS.members,
      name: 'Members',
      actors: [{ id: 1, displayName: 'ops-staff', type: 'atlassian-group-role-actor', name: 'ops-staff', actorGroup: { name: 'ops-staff', displayName: 'ops-staff', groupId: 'g-ops' } }],
    });
    groupSite.set(groupsPath, [{ name: 'ops-staff', groupId: 'g-ops', self: 'x' }]);
    try {
      const cold = await jiraRequestsDuring(async () => {
        const answer = await call(DEMO_USERS.outsider, 'me.roles', { projectKey: 'OPS' });
        assert.deepEqual(answer.ok && answer.data.roles, ['team']);
      });
      assert.deepEqual(cold.calls.filter((c) => c.path.startsWith('/rest/api/3/user/groups')), [{ provider: 'app', method: 'GET', path: groupsPath }]);
      const warm = await jiraRequestsDuring(async () => {
        const answer = await call(DEMO_USERS.outsider, 'me.roles', { projectKey: 'OPS' });
        assert.deepEqual(answer.ok && answer.data.roles, ['team']);
      });
      assert.deepEqual(warm.calls, []);
      // Someone outside the group gains nothing from it.
      groupSite.set(`/rest/api/3/user/groups?accountId=${encodeURIComponent(DEMO_USERS.clientPo)}`, [{ name: 'northwind', groupId: 'g-nw' }]);
      const other = await call(DEMO_USERS.clientPo, 'me.roles', { projectKey: 'OPS' });
      assert.deepEqual(other.ok && other.data.roles, []);
    } finally {
      groupSite.clear();
      forgetCache('OPS');
    }
  });

  test('a project that does not exist: no role, FORBIDDEN where roles are needed, nothing cached', async () => {
    const roles = await call(DEMO_USERS.pm, 'me.roles', { projectKey: 'NOPE' });
    assert.deepEqual(roles, { ok: true, data: { projectKey: 'NOPE', roles: [], clientOverlap: false } });
    const settings = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'NOPE' });
    assert.equal(!settings.ok && settings.error.code, 'FORBIDDEN');
    assert.equal(cachedRoleActors('NOPE'), undefined);
  });

  test('a saved change of the role mapping drops the cache: Jira membership changes show at once', async () => {
    const before = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' });
    assert.equal(before.ok, true);
    const { version, settings } = (before as { data: any }).data;
    // dev2 joins Approvers in Jira; the warm cache does not know yet.
    await addToRole('SHOP', ROLE_IDS.approvers, DEMO_USERS.dev2);
    const stale = await call(DEMO_USERS.dev2, 'me.roles', { projectKey: 'SHOP' });
    assert.deepEqual(stale.ok && stale.data.roles, ['team']);

    const edited = structuredClone(settings);
    edited.roleMapping.manager = [...edited.roleMapping.manager, 'Approvers'];
    const saved = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version, ...edited });
    assert.equal(saved.ok, true, JSON.stringify(saved));

    const warm = await jiraRequestsDuring(async () => {
      const after = await call(DEMO_USERS.dev2, 'me.roles', { projectKey: 'SHOP' });
      assert.deepEqual(after.ok && after.data.roles, ['manager', 'approver', 'team']);
      const approver = await call(DEMO_USERS.approver, 'settings.get', { projectKey: 'SHOP' });
      assert.equal(approver.ok && approver.data.canEdit, true);
    });
    // The save re-read the roles; afterwards only the saver's name is asked (one bulk request).
    assert.deepEqual(warm.calls.filter(isRoleRequest), []);
    assert.deepEqual(warm.calls.map((c) => c.path.split('?')[0]), ['/rest/api/3/user/bulk']);
  });

  test('a save that leaves the mapping alone keeps the cache', async () => {
    const current = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' });
    const { version, settings } = (current as { data: any }).data;
    const fetchedAt = cachedRoleActors('SHOP').fetchedAt;
    settings.communicationPlan.workingDays = ['MON', 'TUE', 'WED', 'THU'];
    const saved = await jiraRequestsDuring(async () => {
      const answer = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version, ...settings });
      assert.equal(answer.ok, true, JSON.stringify(answer));
    });
    assert.deepEqual(saved.calls.filter(isRoleRequest), []);
    assert.equal(cachedRoleActors('SHOP').fetchedAt, fetchedAt);
  });

  test('a manager cannot map themselves out, judged on the new mapping read afresh', async () => {
    const current = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' });
    const { version, settings } = (current as { data: any }).data;
    const edited = structuredClone(settings);
    edited.roleMapping.manager = ['Members'];
    const answer = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version, ...edited });
    assert.equal(!answer.ok && answer.error.code, 'VALIDATION');
    assert.match(!answer.ok ? answer.error.fields?.['roleMapping.manager'] ?? '' : '', /Administrators, Project managers/);

    // A role only the new mapping names, and which the PM holds, keeps them a manager.
    await addToRole('SHOP', ROLE_IDS.members, DEMO_USERS.pm);
    const ok = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version, ...edited });
    assert.equal(ok.ok, true, JSON.stringify(ok));
    const roles = await call(DEMO_USERS.pm, 'me.roles', { projectKey: 'SHOP' });
    assert.deepEqual(roles.ok && roles.data.roles, ['manager', 'team']);
  });
});

describe('names instead of account ids', () => {
  test('who saved, and who changed what, come with display names from one bulk request', async () => {
    const settings = await call(DEMO_USERS.dev1, 'settings.get', { projectKey: 'SHOP' });
    assert.equal(settings.ok && settings.data.updatedBy, DEMO_USERS.pm);
    assert.equal(settings.ok && settings.data.updatedByName, DEMO_PEOPLE.pm.displayName);

    const audit = await jiraRequestsDuring(async () => {
      const answer = await call(DEMO_USERS.pm, 'settings.audit', { projectKey: 'SHOP', limit: 50 });
      assert.equal(answer.ok, true, JSON.stringify(answer));
      const entries = (answer as { data: any }).data.entries as Array<{ action: string; actor: string; actorName: string | null }>;
      const nameOf = new Map(Object.values(DEMO_PEOPLE).map((p) => [p.accountId, p.displayName]));
      // The trail also holds the demo change requests' steps, taken by the PM, a developer (Tomasz), the approver and Hannah (who answers a paid change's price).
      assert.ok(new Set(entries.map((e) => e.actor)).size >= 3);
      for (const entry of entries) assert.equal(entry.actorName, nameOf.get(entry.actor), entry.action);
      const saves = entries.filter((e) => e.action.startsWith('settings.'));
      assert.ok(saves.length >= 3);
      for (const entry of saves) assert.equal(entry.actor, DEMO_USERS.pm);
    });
    const bulk = audit.calls.filter((c) => c.path.startsWith('/rest/api/3/user/bulk?'));
    assert.equal(bulk.length, 1);
    assert.equal(bulk[0].provider, 'app');
    // Each actor once, in one request.
    assert.deepEqual(
      new URL(`http://x${bulk[0].path}`).searchParams.getAll('accountId').sort(),
      [DEMO_USERS.pm, DEMO_USERS.approver, DEMO_USERS.dev2, DEMO_USERS.clientPo].sort(),
    );
    assert.equal(audit.served, 1);
  });

  test('the save answer names its author', async () => {
    const current = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' });
    const { version, settings } = (current as { data: any }).data;
    const saved = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version, ...settings });
    assert.equal(saved.ok && saved.data.updatedByName, DEMO_PEOPLE.pm.displayName);
  });

  test('when Jira cannot name people, the answer still comes, with account ids only', async () => {
    Object.assign(host.sandbox.knobs, { rate5xx: 1 });
    try {
      const answer = await call(DEMO_USERS.pm, 'settings.audit', { projectKey: 'SHOP', limit: 1 });
      assert.equal(answer.ok, true, JSON.stringify(answer));
      assert.equal(answer.ok && answer.data.entries[0].actorName, null);
      assert.equal(answer.ok && answer.data.entries[0].actor, DEMO_USERS.pm);
    } finally {
      Object.assign(host.sandbox.knobs, { rate5xx: 0 });
    }
  });
});

/**
 * Who gets what from the settings resolvers, end to end: the exported handler, real @forge/api and
 * @forge/kvs, the Jira sandbox with the demo site. The caller always comes from the Forge principal.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.close();
});

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

function call(accountId: string, functionKey: string, payload: Record<string, unknown> = {}, moduleKey = 'liaison-project'): Promise<Answer> {
  return host.app.invoke({ accountId, moduleKey, functionKey, payload }) as Promise<Answer>;
}

function settingsRecord(projectKey: string): unknown {
  const answer = host.kvs.handle('/api/v1/entity/get', { entityName: 'settings', key: `settings:${projectKey}` });
  return answer.status === 200 ? answer.body : undefined;
}

function auditCount(): number {
  return host.kvs.stats().entities.audit ?? 0;
}

async function currentSettings(): Promise<{ version: number; settings: Record<string, unknown> }> {
  const answer = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' });
  assert.equal(answer.ok, true);
  return answer.ok ? (answer.data as { version: number; settings: Record<string, unknown> }) : { version: -1, settings: {} };
}

describe('settings.get', () => {
  test('the PM gets the settings, the Jira roles of the project and may edit', async () => {
    const answer = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' });
    assert.equal(answer.ok, true);
    if (!answer.ok) return;
    assert.deepEqual(answer.data.myRoles, ['manager']);
    assert.equal(answer.data.canEdit, true);
    assert.equal(answer.data.version, 0);
    assert.deepEqual((answer.data.settings as { roleMapping: unknown }).roleMapping, {
      manager: ['Administrators', 'Project managers'],
      approver: ['Approvers'],
      team: ['Developers', 'Members'],
      client: ['Clients'],
    });
    assert.deepEqual(answer.data.jiraRoles, ['Administrators', 'Approvers', 'Clients', 'Developers', 'Members', 'Project managers']);
  });

  test('a client gets FORBIDDEN and no data at all', async () => {
    const answer = await call(DEMO_USERS.clientPo, 'settings.get', { projectKey: 'SHOP' });
    assert.deepEqual(answer, { ok: false, error: { code: 'FORBIDDEN', message: "You don't have access to Liaison settings for this project" } });
  });

  test('a payload claiming to be the PM changes nothing: the caller is the Forge principal', async () => {
    const answer = await call(DEMO_USERS.clientPo, 'settings.get', { projectKey: 'SHOP', accountId: DEMO_USERS.pm, context: { accountId: DEMO_USERS.pm } });
    assert.equal(answer.ok, false);
    assert.equal(!answer.ok && answer.error.code, 'FORBIDDEN');
    assert.equal('data' in answer, false);
    const roles = await call(DEMO_USERS.clientPo, 'me.roles', { projectKey: 'SHOP', accountId: DEMO_USERS.pm });
    assert.deepEqual(roles.ok && roles.data.roles, ['client']);
  });

  test('team members and approvers read, without the right to edit', async () => {
    for (const [user, role] of [[DEMO_USERS.dev1, 'team'], [DEMO_USERS.approver, 'approver']] as const) {
      const answer = await call(user, 'settings.get', { projectKey: 'SHOP' });
      assert.equal(answer.ok, true, user);
      assert.deepEqual(answer.ok && answer.data.myRoles, [role]);
      assert.equal(answer.ok && answer.data.canEdit, false);
    }
  });

  test('someone outside the project, and a client in a project without a client role, are refused', async () => {
    for (const [user, project] of [[DEMO_USERS.outsider, 'SHOP'], [DEMO_USERS.clientPo, 'OPS']] as const) {
      const answer = await call(user, 'settings.get', { projectKey: project });
      assert.equal(!answer.ok && answer.error.code, 'FORBIDDEN', `${user} in ${project}`);
    }
  });

  test('an invalid project key is a VALIDATION error naming the field', async () => {
    const answer = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'shop; DROP' });
    assert.equal(!answer.ok && answer.error.code, 'VALIDATION');
    assert.deepEqual(!answer.ok && Object.keys(answer.error.fields ?? {}), ['projectKey']);
  });
});

describe('me.roles', () => {
  test('answers each caller their own roles; none for people without a mapped role', async () => {
    const cases: Array<[string, string, string[]]> = [
      [DEMO_USERS.pm, 'SHOP', ['manager']],
      [DEMO_USERS.approver, 'SHOP', ['approver']],
      [DEMO_USERS.dev1, 'SHOP', ['team']],
      [DEMO_USERS.clientMarketing, 'SHOP', ['client']],
      [DEMO_USERS.clientPo, 'OPS', []],
      [DEMO_USERS.outsider, 'SHOP', []],
    ];
    for (const [user, project, roles] of cases) {
      const answer = await call(user, 'me.roles', { projectKey: project });
      assert.deepEqual(answer.ok && answer.data.roles, roles, `${user} in ${project}`);
    }
  });
});

describe('settings.save refusals', () => {
  test('team, approver and client cannot save, even claiming to be the PM; nothing is written', async () => {
    const { version, settings } = await currentSettings();
    const auditBefore = auditCount();
    for (const user of [DEMO_USERS.dev1, DEMO_USERS.approver, DEMO_USERS.clientPo, DEMO_USERS.outsider]) {
      const answer = await call(user, 'settings.save', { projectKey: 'SHOP', version, ...settings, accountId: DEMO_USERS.pm });
      assert.equal(!answer.ok && answer.error.code, 'FORBIDDEN', user);
    }
    assert.equal(settingsRecord('SHOP'), undefined);
    assert.equal(auditCount(), auditBefore);
  });

  test('the change history is for managers only', async () => {
    const team = await call(DEMO_USERS.dev1, 'settings.audit', { projectKey: 'SHOP' });
    assert.equal(!team.ok && team.error.code, 'FORBIDDEN');
    const pm = await call(DEMO_USERS.pm, 'settings.audit', { projectKey: 'SHOP' });
    assert.equal(pm.ok, true);
  });
});

describe('site defaults', () => {
  test('non-admins can neither read nor save them', async () => {
    const defaults = await call(DEMO_USERS.pm, 'defaults.get', {}, 'liaison-admin');
    assert.equal(defaults.ok, true);
    const { version, settings } = (defaults.ok ? defaults.data : {}) as { version: number; settings: Record<string, unknown> };
    for (const user of [DEMO_USERS.dev1, DEMO_USERS.approver, DEMO_USERS.clientPo, DEMO_USERS.outsider]) {
      const read = await call(user, 'defaults.get', {}, 'liaison-admin');
      assert.equal(!read.ok && read.error.code, 'FORBIDDEN', user);
      const save = await call(user, 'defaults.save', { version, ...settings }, 'liaison-admin');
      assert.equal(!save.ok && save.error.code, 'FORBIDDEN', user);
    }
    assert.equal(host.kvs.handle('/api/v1/entity/get', { entityName: 'settings', key: 'site-defaults' }).status, 404);
  });
});

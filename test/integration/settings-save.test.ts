/**
 * Saving settings end to end: validation (nothing stored on error), optimistic concurrency
 * (a stale version is a CONFLICT and writes nothing), one audit entry per successful save,
 * and site defaults flowing into projects that have not saved their own.
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

type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

function call(accountId: string, functionKey: string, payload: Record<string, unknown> = {}, moduleKey = 'liaison-project'): Promise<Answer> {
  return host.app.invoke({ accountId, moduleKey, functionKey, payload }) as Promise<Answer>;
}

function stored(key: string): unknown {
  const answer = host.kvs.handle('/api/v1/entity/get', { entityName: 'settings', key });
  return answer.status === 200 ? structuredClone(answer.body) : undefined;
}

function auditCount(): number {
  return host.kvs.stats().entities.audit ?? 0;
}

async function load(projectKey = 'SHOP') {
  const answer = await call(DEMO_USERS.pm, 'settings.get', { projectKey });
  assert.equal(answer.ok, true, JSON.stringify(answer));
  return (answer as { ok: true; data: any }).data as { version: number; settings: any; sources: Record<string, string> };
}

function plan() {
  return {
    clientContacts: [
      { person: { accountId: DEMO_USERS.clientPo, name: 'Paula (PO)' }, role: 'Product owner', channel: 'email', workingHours: { start: '09:00', end: '17:00' }, timeZone: 'Europe/Berlin' },
    ],
    escalationPath: [{ who: 'Account director', contact: 'ad@brightlane.example', when: 'A client answer is 3 working days late' }],
    meetings: [{ cadence: 'weekly', weekday: 'TUE', name: 'Weekly sync', time: '10:00', timeZone: 'Europe/Berlin', durationMinutes: 30 }],
    reportSchedule: { cadence: 'weekly', weekday: 'FRI', audiences: ['manager', 'client'] },
    workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
    holidays: [{ date: '2026-12-24', name: 'Christmas Eve' }],
  };
}

describe('settings.save', () => {
  test('the PM saves and reads the same settings back, at version 1', async () => {
    const before = await load();
    assert.equal(before.version, 0);
    const settings = { roleMapping: before.settings.roleMapping, communicationPlan: plan(), flagThresholds: before.settings.flagThresholds };
    const auditBefore = auditCount();
    const saved = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: 0, ...settings });
    assert.equal(saved.ok, true, JSON.stringify(saved));
    assert.equal(saved.ok && saved.data.version, 1);
    assert.equal(auditCount(), auditBefore + 1);

    const after = await load();
    assert.equal(after.version, 1);
    // A save that does not name the red flag rules switch keeps it as it was (off: saving does not start the rules).
    assert.deepEqual(after.settings, { ...settings, redFlagRules: { on: false } });
    assert.equal(after.sources.clientContacts, 'project');
    const record = stored('settings:SHOP') as { value: { version: number; updatedBy: string; projectKey: string } };
    assert.equal(record.value.version, 1);
    assert.equal(record.value.updatedBy, DEMO_USERS.pm);
    assert.equal(record.value.projectKey, 'SHOP');
  });

  test('invalid input: VALIDATION with field paths, and storage untouched', async () => {
    const current = await load();
    const snapshot = stored('settings:SHOP');
    const auditBefore = auditCount();
    const broken = structuredClone(current.settings);
    broken.communicationPlan.clientContacts[0].timeZone = 'Moon/Base';
    broken.communicationPlan.meetings[0].time = '25:00';
    broken.communicationPlan.workingDays = [];
    const answer = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...broken });
    assert.equal(answer.ok, false);
    if (answer.ok) return;
    assert.equal(answer.error.code, 'VALIDATION');
    assert.deepEqual(Object.keys(answer.error.fields ?? {}).sort(), [
      'communicationPlan.clientContacts.0.timeZone',
      'communicationPlan.meetings.0.time',
      'communicationPlan.workingDays',
    ]);
    assert.deepEqual(stored('settings:SHOP'), snapshot);
    assert.equal(auditCount(), auditBefore);
  });

  test('a stale version is a CONFLICT and writes nothing', async () => {
    const current = await load();
    const snapshot = stored('settings:SHOP');
    const auditBefore = auditCount();
    const edited = structuredClone(current.settings);
    edited.communicationPlan.holidays = [];
    const answer = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version - 1, ...edited });
    assert.equal(!answer.ok && answer.error.code, 'CONFLICT');
    assert.match(!answer.ok ? answer.error.message : '', /Someone else saved these settings first \(version 1/);
    assert.deepEqual(stored('settings:SHOP'), snapshot);
    assert.equal(auditCount(), auditBefore);
  });

  test('two managers editing the same version: the second save conflicts', async () => {
    const current = await load();
    const first = structuredClone(current.settings);
    first.communicationPlan.escalationPath.push({ who: 'CEO', contact: 'ceo@brightlane.example', when: 'Never, really' });
    const second = structuredClone(current.settings);
    second.communicationPlan.workingDays = ['MON', 'TUE', 'WED', 'THU'];
    const [a, b] = await Promise.all([
      call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...first }),
      call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...second }),
    ]);
    assert.deepEqual([a.ok, b.ok].sort(), [false, true]);
    const loser = (a.ok ? b : a) as Extract<Answer, { ok: false }>;
    assert.equal(loser.error.code, 'CONFLICT');
    assert.equal((await load()).version, current.version + 1);
  });

  test('every successful save writes exactly one audit entry, newest first, with a readable diff', async () => {
    const current = await load();
    const auditBefore = auditCount();
    const edited = structuredClone(current.settings);
    edited.communicationPlan.clientContacts[0].channel = 'slack';
    const answer = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...edited });
    assert.equal(answer.ok, true);
    assert.equal(auditCount(), auditBefore + 1);

    const history = await call(DEMO_USERS.pm, 'settings.audit', { projectKey: 'SHOP', limit: 50 });
    assert.equal(history.ok, true);
    if (!history.ok) return;
    const entries = history.data.entries as Array<{ at: string; actor: string; action: string; detail: { changes: Array<{ summary: string }> } }>;
    assert.equal(entries.length, auditCount());
    assert.deepEqual(entries.map((e) => e.at), [...entries.map((e) => e.at)].sort().reverse());
    assert.equal(entries[0].actor, DEMO_USERS.pm);
    assert.equal(entries[0].action, 'settings.save');
    assert.deepEqual(entries[0].detail.changes.map((c) => c.summary), ['Changed client contact Paula (PO): channel email → slack']);
    const saves = entries.filter((e) => e.action.startsWith('settings.'));
    assert.ok(saves[saves.length - 1].detail.changes.some((c) => c.summary.startsWith('First save for this project')));
  });

  test('the audit trail pages with a cursor', async () => {
    const first = await call(DEMO_USERS.pm, 'settings.audit', { projectKey: 'SHOP', limit: 1 });
    assert.equal(first.ok && first.data.entries.length, 1);
    const cursor = first.ok ? first.data.nextCursor : null;
    assert.equal(typeof cursor, 'string');
    const second = await call(DEMO_USERS.pm, 'settings.audit', { projectKey: 'SHOP', limit: 1, cursor });
    assert.equal(second.ok && second.data.entries.length, 1);
    assert.ok(first.ok && second.ok && second.data.entries[0].at < first.data.entries[0].at);
  });

  test('a manager cannot map themselves out of the manager role', async () => {
    const current = await load();
    const edited = structuredClone(current.settings);
    edited.roleMapping.manager = ['Approvers'];
    const answer = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...edited });
    assert.equal(!answer.ok && answer.error.code, 'VALIDATION');
    assert.deepEqual(!answer.ok && Object.keys(answer.error.fields ?? {}), ['roleMapping.manager']);
    assert.equal((await load()).version, current.version);
  });

  test('a changed mapping changes who may do what', async () => {
    const current = await load();
    const edited = structuredClone(current.settings);
    edited.roleMapping.manager = ['Administrators', 'Project managers', 'Approvers'];
    assert.equal((await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...edited })).ok, true);
    const approver = await call(DEMO_USERS.approver, 'settings.get', { projectKey: 'SHOP' });
    assert.deepEqual(approver.ok && approver.data.myRoles, ['manager', 'approver']);
    assert.equal(approver.ok && approver.data.canEdit, true);
  });
});

describe('site defaults', () => {
  test('the Jira admin saves defaults; a project without its own settings follows them, one that saved does not', async () => {
    const defaults = await call(DEMO_USERS.pm, 'defaults.get', {}, 'liaison-admin');
    assert.equal(defaults.ok, true);
    if (!defaults.ok) return;
    const edited = structuredClone(defaults.data.settings);
    edited.communicationPlan.workingDays = ['MON', 'TUE', 'WED', 'THU'];
    edited.communicationPlan.holidays = [{ date: '2026-12-31', name: "New Year's Eve" }];
    const auditBefore = auditCount();
    const saved = await call(DEMO_USERS.pm, 'defaults.save', { version: defaults.data.version, ...edited }, 'liaison-admin');
    assert.equal(saved.ok, true, JSON.stringify(saved));
    assert.equal(auditCount(), auditBefore + 1);

    const ops = await load('OPS');
    assert.deepEqual(ops.settings.communicationPlan.workingDays, ['MON', 'TUE', 'WED', 'THU']);
    assert.equal(ops.sources.workingDays, 'site');
    const shop = await load('SHOP');
    assert.deepEqual(shop.settings.communicationPlan.workingDays, ['MON', 'TUE', 'WED', 'THU', 'FRI']);
    assert.equal(shop.sources.workingDays, 'project');

    const stale = await call(DEMO_USERS.pm, 'defaults.save', { version: defaults.data.version, ...edited }, 'liaison-admin');
    assert.equal(!stale.ok && stale.error.code, 'CONFLICT');
  });
});

describe('Jira slowing down', () => {
  test('answers 429 with Retry-After are retried and the call still succeeds', async () => {
    // Cold (no cached role actors), so the call reads the project's roles from Jira.
    const forgetRoleActors = () => host.kvs.handle('/api/v1/delete', { key: 'role-actors:SHOP' });
    forgetRoleActors();
    host.sandbox.resetRequestCount();
    assert.equal((await call(DEMO_USERS.dev1, 'settings.get', { projectKey: 'SHOP' })).ok, true);
    const needed = host.sandbox.requestCount();
    assert.ok(needed > 2, `requests without faults: ${needed}`);

    forgetRoleActors();
    Object.assign(host.sandbox.knobs, { rate429: 0.5, retryAfterSeconds: 0.01, seed: 7 });
    host.sandbox.resetRequestCount();
    try {
      const answer = await call(DEMO_USERS.dev1, 'settings.get', { projectKey: 'SHOP' });
      assert.equal(answer.ok, true, JSON.stringify(answer));
      // More requests were served than the call needs: some answers were 429s, and were retried.
      assert.ok(host.sandbox.requestCount() > needed, `requests served: ${host.sandbox.requestCount()} (needed ${needed})`);
    } finally {
      Object.assign(host.sandbox.knobs, { rate429: 0 });
    }
  });
});

/**
 * portal.home end to end: each user sees the projects where they hold a Liaison role, with only
 * the client-safe part of the communication plan and the next meeting computed from the cadence.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';

let host: TestHost;
type Answer = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const call = (accountId: string, functionKey: string, payload: Record<string, unknown> = {}, moduleKey = 'liaison-portal') =>
  host.app.invoke({ accountId, moduleKey, functionKey, payload }) as Promise<Answer>;

const contact = {
  person: { accountId: DEMO_USERS.clientPo, name: 'Paula (PO)' },
  role: 'Product owner',
  channel: 'email',
  workingHours: { start: '09:00', end: '17:00' },
  timeZone: 'Europe/Berlin',
};

beforeAll(async () => {
  host = await startTestHost();
  const current = await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' }, 'liaison-project');
  assert.equal(current.ok, true);
  const settings = (current as { data: any }).data.settings;
  settings.communicationPlan = {
    ...settings.communicationPlan,
    clientContacts: [contact],
    escalationPath: [{ who: 'Account director', contact: 'ad@brightlane.example', when: 'A client answer is 3 days late' }],
    meetings: [
      { cadence: 'weekly', weekday: 'TUE', name: 'Weekly sync', time: '10:00', timeZone: 'Europe/Berlin', durationMinutes: 30 },
      { cadence: 'monthly', dayOfMonth: 31, name: 'Steering', time: '16:00', timeZone: 'UTC', durationMinutes: 60 },
    ],
    reportSchedule: { cadence: 'weekly', weekday: 'FRI', audiences: ['executive', 'manager'] },
    holidays: [{ date: '2026-12-24', name: 'Agency party' }],
  };
  const saved = await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: 0, ...settings }, 'liaison-project');
  assert.equal(saved.ok, true, JSON.stringify(saved));
});
afterAll(async () => {
  await host?.close();
});

describe('portal.home', () => {
  test('a client sees SHOP only, as a client, with contacts, escalation path and the next meeting', async () => {
    const answer = await call(DEMO_USERS.clientPo, 'portal.home');
    assert.equal(answer.ok, true, JSON.stringify(answer));
    if (!answer.ok) return;
    assert.equal(answer.data.truncated, false);
    assert.deepEqual(answer.data.projects.map((p: { projectKey: string }) => p.projectKey), ['SHOP']);
    const [shop] = answer.data.projects;
    assert.deepEqual(shop.roles, ['client']);
    assert.equal(shop.projectName, 'Northwind web shop relaunch');
    assert.deepEqual(shop.clientContacts, [{ name: 'Paula (PO)', role: 'Product owner', channel: 'email', workingHours: { start: '09:00', end: '17:00' }, timeZone: 'Europe/Berlin' }]);
    assert.deepEqual(shop.escalationPath, [{ who: 'Account director', contact: 'ad@brightlane.example', when: 'A client answer is 3 days late' }]);
    assert.ok(['Weekly sync', 'Steering'].includes(shop.nextMeeting.name));
    assert.ok(Date.parse(shop.nextMeeting.startsAt) > Date.now());
    // Never further away than a week: the weekly sync bounds it.
    assert.ok(Date.parse(shop.nextMeeting.startsAt) - Date.now() <= 7 * 24 * 3600 * 1000);
  });

  test('the client-safe part only: no role mapping, report audiences, holidays or account ids', async () => {
    const answer = await call(DEMO_USERS.clientMarketing, 'portal.home');
    assert.equal(answer.ok, true);
    const text = JSON.stringify(answer);
    for (const internal of ['roleMapping', 'reportSchedule', 'executive', 'holidays', 'Agency party', 'Administrators', DEMO_USERS.clientPo]) {
      assert.equal(text.includes(internal), false, `the portal answer contains ${internal}`);
    }
    assert.deepEqual(Object.keys((answer as { data: any }).data.projects[0]).sort(), ['clientContacts', 'escalationPath', 'nextMeeting', 'projectKey', 'projectName', 'roles', 'summary']);
  });

  test('internal people see every project they work on, with their roles', async () => {
    const pm = await call(DEMO_USERS.pm, 'portal.home');
    assert.deepEqual(pm.ok && pm.data.projects.map((p: { projectKey: string; roles: string[] }) => [p.projectKey, p.roles]), [['OPS', ['manager']], ['SHOP', ['manager']]]);
    const dev = await call(DEMO_USERS.dev1, 'portal.home');
    assert.deepEqual(dev.ok && dev.data.projects.map((p: { projectKey: string; roles: string[] }) => [p.projectKey, p.roles]), [['OPS', ['team']], ['SHOP', ['team']]]);
    // OPS saved nothing: the built-in defaults, so no contacts and no meeting.
    const ops = dev.ok && dev.data.projects.find((p: { projectKey: string }) => p.projectKey === 'OPS');
    assert.deepEqual([ops.clientContacts, ops.escalationPath, ops.nextMeeting], [[], [], null]);
  });

  test('someone without a Liaison role anywhere gets an empty list', async () => {
    const answer = await call(DEMO_USERS.outsider, 'portal.home');
    assert.equal(answer.ok, true);
    const data = (answer as { data: any }).data;
    assert.deepEqual([data.projects, data.truncated, data.myAsks.asks, data.myAsks.projects], [[], false, [], []]);
  });
});

import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { allowsProjectRoles, can, clientSafePlan, isProjectScoped, rolesAllowedTo } from '../../src/access/domain/access';
import { BUILT_IN_DEFAULTS, type CommunicationPlan } from '../../src/settings/domain/settings';

describe('the settings policy', () => {
  test('managers edit; approvers and team read; clients do neither', () => {
    assert.equal(can(['manager'], 'settings.edit'), true);
    assert.equal(can(['approver'], 'settings.edit'), false);
    assert.equal(can(['team'], 'settings.edit'), false);
    assert.equal(can(['client'], 'settings.edit'), false);
    assert.equal(can(['approver'], 'settings.read'), true);
    assert.equal(can(['team'], 'settings.read'), true);
    assert.equal(can(['client'], 'settings.read'), false);
    assert.equal(can([], 'settings.read'), false);
  });

  test('the audit trail is for managers only', () => {
    assert.deepEqual(rolesAllowedTo('settings.audit'), ['manager']);
    assert.equal(can(['approver', 'team'], 'settings.audit'), false);
  });

  test('everyone with a role, clients included, sees the portal', () => {
    for (const role of ['manager', 'approver', 'team', 'client'] as const) assert.equal(can([role], 'portal.view'), true);
    assert.equal(can([], 'portal.view'), false);
  });

  test('rolesAllowedTo returns a copy the caller cannot use to widen the policy', () => {
    const roles = rolesAllowedTo('settings.edit');
    roles.push('client');
    assert.equal(can(['client'], 'settings.edit'), false);
  });
});

describe('allow declarations', () => {
  test('project-scoped allows need a role in the project', () => {
    assert.equal(isProjectScoped(['manager']), true);
    assert.equal(isProjectScoped('any-project-role'), true);
    assert.equal(isProjectScoped('site-admin'), false);
    assert.equal(isProjectScoped('signed-in'), false);
    assert.equal(allowsProjectRoles('any-project-role', ['client']), true);
    assert.equal(allowsProjectRoles('any-project-role', []), false);
    assert.equal(allowsProjectRoles(['manager', 'approver'], ['team']), false);
    assert.equal(allowsProjectRoles(['manager', 'approver'], ['approver']), true);
  });
});

describe('clientSafePlan', () => {
  const plan: CommunicationPlan = {
    ...BUILT_IN_DEFAULTS.communicationPlan,
    clientContacts: [
      { person: { accountId: 'acc-1', name: 'Paula Owner' }, role: 'Product owner', channel: 'slack', workingHours: { start: '08:00', end: '16:00' }, timeZone: 'Europe/Berlin' },
    ],
    escalationPath: [{ who: 'Account director', contact: 'ad@example.com', when: 'Blocked for 2 days' }],
    meetings: [{ cadence: 'weekly', weekday: 'TUE', name: 'Weekly sync', time: '10:00', timeZone: 'Europe/Berlin', durationMinutes: 30 }],
    reportSchedule: { cadence: 'weekly', weekday: 'FRI', audiences: ['executive', 'manager'] },
    holidays: [{ date: '2026-12-24', name: 'Christmas Eve' }],
  };

  test('keeps contacts and the escalation path', () => {
    const safe = clientSafePlan(plan);
    assert.deepEqual(safe.clientContacts, [{ name: 'Paula Owner', role: 'Product owner', channel: 'slack', workingHours: { start: '08:00', end: '16:00' }, timeZone: 'Europe/Berlin' }]);
    assert.deepEqual(safe.escalationPath, plan.escalationPath);
  });

  test('drops everything else: report audiences, holidays, account ids', () => {
    const safe = clientSafePlan(plan) as unknown as Record<string, unknown>;
    assert.deepEqual(Object.keys(safe).sort(), ['clientContacts', 'escalationPath']);
    assert.equal(JSON.stringify(safe).includes('acc-1'), false);
    assert.equal(JSON.stringify(safe).includes('executive'), false);
  });
});

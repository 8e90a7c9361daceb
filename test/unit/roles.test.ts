import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { describeOverlap, mappingOverlaps, resolveAppRoles, type RoleMapping } from '../../src/access/domain/roles';
import { BUILT_IN_DEFAULTS } from '../../src/settings/domain/settings';

const mapping: RoleMapping = BUILT_IN_DEFAULTS.roleMapping;

describe('resolveAppRoles', () => {
  test('maps Jira roles to app roles through the default mapping', () => {
    assert.deepEqual(resolveAppRoles(['Administrators'], mapping), { roles: ['manager'], clientOverlap: false });
    assert.deepEqual(resolveAppRoles(['Approvers'], mapping), { roles: ['approver'], clientOverlap: false });
    assert.deepEqual(resolveAppRoles(['Members'], mapping), { roles: ['team'], clientOverlap: false });
    assert.deepEqual(resolveAppRoles(['Clients'], mapping), { roles: ['client'], clientOverlap: false });
  });

  test('several internal roles give their union, in a stable order', () => {
    assert.deepEqual(resolveAppRoles(['Developers', 'Project managers', 'Approvers'], mapping).roles, ['manager', 'approver', 'team']);
  });

  test('client and an internal role: client only, reported as an overlap', () => {
    assert.deepEqual(resolveAppRoles(['Developers', 'Clients'], mapping), { roles: ['client'], clientOverlap: true });
    assert.deepEqual(resolveAppRoles(['Administrators', 'Clients'], mapping), { roles: ['client'], clientOverlap: true });
  });

  test('no mapped role gives no app role at all', () => {
    assert.deepEqual(resolveAppRoles([], mapping), { roles: [], clientOverlap: false });
    assert.deepEqual(resolveAppRoles(['Viewers', 'atlassian-addons-project-access'], mapping), { roles: [], clientOverlap: false });
  });

  test('role names match case-insensitively and ignore surrounding spaces', () => {
    assert.deepEqual(resolveAppRoles(['  developers '], mapping).roles, ['team']);
  });

  test('a custom mapping replaces the defaults', () => {
    const custom: RoleMapping = { manager: ['Leads'], approver: [], team: ['Developers'], client: ['Customers'] };
    assert.deepEqual(resolveAppRoles(['Administrators'], custom).roles, []);
    assert.deepEqual(resolveAppRoles(['Leads'], custom).roles, ['manager']);
    assert.deepEqual(resolveAppRoles(['Clients'], custom).roles, []);
    assert.deepEqual(resolveAppRoles(['Customers'], custom).roles, ['client']);
  });
});

describe('mappingOverlaps', () => {
  test('none in the defaults', () => {
    assert.deepEqual(mappingOverlaps(mapping), []);
  });

  test('finds a Jira role mapped to client and internal roles', () => {
    const overlapping: RoleMapping = { manager: ['Administrators'], approver: ['partners'], team: ['Partners', 'Developers'], client: ['Partners', 'Clients'] };
    const overlaps = mappingOverlaps(overlapping);
    assert.deepEqual(overlaps, [{ jiraRole: 'Partners', internalRoles: ['approver', 'team'] }]);
    assert.match(describeOverlap(overlaps[0]), /"Partners" is mapped to client and to approver, team/);
  });

  test('the warning says the reduction to client is Liaison\'s alone: Jira keeps their team permissions', () => {
    const [overlap] = mappingOverlaps({ manager: ['Administrators'], approver: [], team: ['Partners'], client: ['Partners'] });
    const warning = describeOverlap(overlap);
    assert.match(warning, /inside Liaison its members are treated as clients only/);
    assert.match(warning, /Jira still gives them every permission of their internal roles/);
  });
});

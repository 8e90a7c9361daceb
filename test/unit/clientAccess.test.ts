import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { checkClientAccess, forClient, type ClientAccessFacts, type PermissionGrantFact } from '../../src/portal/domain/clientAccess';

const role = (permission: string, id: number): PermissionGrantFact => ({ permission, holder: { type: 'projectRole', parameter: String(id), value: String(id) } });
const CLIENTS = 7;
const DEVS = 5;

function facts(over: Partial<ClientAccessFacts> = {}): ClientAccessFacts {
  return {
    projectKey: 'SHOP',
    permissionScheme: 'SHOP scheme',
    grants: [role('BROWSE_PROJECTS', CLIENTS), role('BROWSE_PROJECTS', DEVS), role('CREATE_ISSUES', CLIENTS), role('EDIT_ISSUES', DEVS)],
    security: null,
    sample: { issues: 3, worklogs: [null, { type: 'role', value: 'Developers' }], comments: [null] },
    projectRoles: [{ id: CLIENTS, name: 'Clients' }, { id: DEVS, name: 'Developers' }],
    clientRoleNames: ['Clients'],
    clientPeople: ['hannah'],
    actorsByRoleId: { [CLIENTS]: ['hannah'], [DEVS]: ['priya'] },
    ...over,
  };
}

const find = (f: ClientAccessFacts, id: string) => checkClientAccess(f).findings.find((x) => x.id === id)!;

describe('checkClientAccess', () => {
  test("Jira's defaults: browse everything and open worklogs are risks; the status says so", () => {
    const check = checkClientAccess(facts());
    assert.equal(check.status, 'risk');
    assert.equal(find(facts(), 'browse').status, 'risk');
    assert.match(find(facts(), 'worklogs').finding, /^Clients can read worklogs: 1 of the 2 worklogs on the 3 most recently updated issues/);
    assert.equal(find(facts(), 'edit').status, 'ok');
  });

  test('the recommended set-up is green', () => {
    const f = facts({
      security: { schemeName: 'S', levels: [{ id: '1', name: 'Internal', holders: [{ type: 'projectRole', value: String(DEVS) }] }] },
      sample: { issues: 3, worklogs: [{ type: 'role', value: 'Developers' }], comments: [{ type: 'role', value: 'Developers' }, null] },
    });
    const check = checkClientAccess(f);
    assert.equal(check.status, 'ok');
    assert.equal(find(f, 'comments').status, 'notice', 'open comments are worth knowing, not a failure');
  });

  test('a restriction or a grant to a role a client person also holds reaches the client', () => {
    const f = facts({
      actorsByRoleId: { [CLIENTS]: ['hannah'], [DEVS]: ['priya', 'hannah'] },
      sample: { issues: 1, worklogs: [{ type: 'role', value: 'Developers' }], comments: [] },
      security: { schemeName: 'S', levels: [{ id: '1', name: 'Internal', holders: [{ type: 'projectRole', value: String(DEVS) }] }] },
    });
    assert.equal(find(f, 'worklogs').status, 'risk');
    assert.equal(find(f, 'edit').status, 'risk');
    assert.equal(find(f, 'browse').status, 'risk', 'the "internal" level admits a client');
  });

  test('holders: anyone and application roles reach clients; reporter and groups only some issues or people; a role without clients none', () => {
    const withGrant = (holder: PermissionGrantFact['holder']) => facts({ grants: [role('BROWSE_PROJECTS', CLIENTS), { permission: 'EDIT_ISSUES', holder }] });
    assert.match(find(withGrant({ type: 'anyone' }), 'edit').finding, /on every SHOP issue they can browse/);
    assert.match(find(withGrant({ type: 'applicationRole', parameter: 'jira-software' }), 'edit').finding, /on every SHOP issue/);
    assert.match(find(withGrant({ type: 'reporter' }), 'edit').finding, /^Clients can edit some issues/);
    assert.match(find(withGrant({ type: 'group', parameter: 'client-users' }), 'edit').finding, /^Clients can edit some issues/);
    assert.match(find(withGrant({ type: 'user', value: 'hannah' }), 'edit').finding, /^Clients can edit issues/);
    assert.equal(find(withGrant({ type: 'user', value: 'priya' }), 'edit').status, 'ok');
  });

  test('risky extra permissions are named; without browse nothing else is reported', () => {
    const f = facts({ grants: [...facts().grants, role('TRANSITION_ISSUES', CLIENTS), role('WORK_ON_ISSUES', CLIENTS)] });
    assert.match(find(f, 'other').finding, /Clients also hold Transition Issues, Work On Issues \(log work\)/);
    const none = checkClientAccess(facts({ grants: [role('BROWSE_PROJECTS', DEVS)] }));
    assert.equal(none.status, 'ok');
    assert.deepEqual(none.findings.map((x) => x.id), ['browse', 'create', 'edit']);
  });

  test('the client version says the facts to them, without the advice', () => {
    const shows = forClient(checkClientAccess(facts()));
    assert.match(shows.facts.find((x) => x.id === 'browse')!.text, /you can open every issue of SHOP/);
    assert.equal(JSON.stringify(shows).includes('Recommended'), false);
  });
});

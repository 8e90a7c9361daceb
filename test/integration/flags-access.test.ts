/**
 * Who gets what from the red-flag resolvers, through the exported handler and the sandbox: the
 * team raises and resolves; a client sees only client-visible flags on issues they can browse,
 * cannot raise or resolve, and can say "I am confused about this"; an outsider gets nothing.
 * An issue key is always checked against the caller's roles in that issue's own project.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { backdateAsk } from './asks-support';
import { caller, GADGET, ok, openFlags, PROJECT_PAGE, refused, storedFlags } from './flags-support';

let host: TestHost;
let call: ReturnType<typeof caller>;
let internalId: string;
let visibleId: string;

const ISSUE = 'SHOP-4';

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
  let answer = ok(await call<any>(DEMO_USERS.dev1, 'flags.raise', { issueKey: ISSUE, category: 'untested-functionality', severity: 'high', note: 'Internal: the refund path has no tests', clientVisible: false }));
  internalId = answer.flags[0].id;
  answer = ok(await call<any>(DEMO_USERS.approver, 'flags.raise', { issueKey: ISSUE, category: 'blocked-on-client', severity: 'medium', note: 'Waiting for the brand colours', clientVisible: true }));
  visibleId = answer.flags.find((f: { id: string }) => f.id !== internalId).id;
});
afterAll(async () => {
  await host?.close();
});

describe('the team', () => {
  test('sees every flag, with the names of who raised them', async () => {
    const view = ok(await call<any>(DEMO_USERS.dev2, 'flags.get', { issueKey: ISSUE }));
    assert.equal(view.viewer, 'team');
    assert.deepEqual(view.flags.map((f: { id: string }) => f.id).sort(), [internalId, visibleId].sort());
    assert.equal(view.names[DEMO_USERS.dev1], 'Priya Raman');
    assert.deepEqual(view.can, { raise: true, resolve: true, confused: false });
  });

  test('raise validates each field and changes nothing on error', async () => {
    const before = structuredClone(storedFlags(host, ISSUE));
    const error = refused(await call(DEMO_USERS.dev1, 'flags.raise', { issueKey: ISSUE, category: 'stale', severity: 'urgent', note: '   ', clientVisible: 'yes' }), 'VALIDATION');
    assert.deepEqual(Object.keys(error.fields ?? {}).sort(), ['category', 'clientVisible', 'note', 'severity']);
    assert.deepEqual(storedFlags(host, ISSUE), before);
  });

  test('the same open manual flag twice is a conflict', async () => {
    refused(await call(DEMO_USERS.dev1, 'flags.raise', { issueKey: ISSUE, category: 'untested-functionality', severity: 'low', note: 'Internal: the refund path has no tests', clientVisible: false }), 'CONFLICT');
  });

  test('resolve needs a note; resolving twice is a conflict; an unknown flag is not found', async () => {
    refused(await call(DEMO_USERS.dev1, 'flags.resolve', { issueKey: ISSUE, flagId: internalId, resolution: '' }), 'VALIDATION');
    refused(await call(DEMO_USERS.dev1, 'flags.resolve', { issueKey: ISSUE, flagId: 'no-such-flag', resolution: 'Done' }), 'NOT_FOUND');
    const resolved = ok(await call<any>(DEMO_USERS.pm, 'flags.resolve', { issueKey: ISSUE, flagId: internalId, resolution: 'Tests added in PR 42' }));
    const flag = resolved.flags.find((f: { id: string }) => f.id === internalId);
    assert.equal(flag.resolvedBy, DEMO_USERS.pm);
    assert.equal(flag.resolution, 'Tests added in PR 42');
    refused(await call(DEMO_USERS.pm, 'flags.resolve', { issueKey: ISSUE, flagId: internalId, resolution: 'Again' }), 'CONFLICT');
  });

  test('every change is in the audit trail', async () => {
    const { listAudit } = await import('../../src/platform/store/auditStore');
    const entries = (await listAudit('SHOP', { limit: 50 })).entries.filter((e) => e.target === `issue:${ISSUE}`);
    assert.deepEqual(entries.map((e) => `${e.action} ${e.actor}`).sort(), [`flag.raise ${DEMO_USERS.approver}`, `flag.raise ${DEMO_USERS.dev1}`, `flag.resolve ${DEMO_USERS.pm}`].sort());
  });
});

describe('a client', () => {
  test('sees only the client-visible flags, without internal people', async () => {
    const view = ok(await call<any>(DEMO_USERS.clientPo, 'flags.get', { issueKey: ISSUE }));
    assert.equal(view.viewer, 'client');
    assert.deepEqual(view.flags.map((f: { id: string }) => f.id), [visibleId]);
    const [flag] = view.flags;
    assert.equal(flag.note, 'Waiting for the brand colours');
    assert.equal('raisedBy' in flag, false, 'a team member\'s account id is not shown to a client');
    assert.ok(!JSON.stringify(view).includes('refund path'), 'nothing of the internal flag leaks');
    assert.ok(!JSON.stringify(view).includes(DEMO_USERS.approver));
    assert.deepEqual(view.can, { raise: false, resolve: false, confused: true });
  });

  test('cannot raise or resolve, and nothing changes', async () => {
    const before = structuredClone(storedFlags(host, ISSUE));
    const raise = refused(await call(DEMO_USERS.clientPo, 'flags.raise', { issueKey: ISSUE, category: 'other', severity: 'low', note: 'Let me in', clientVisible: true }), 'FORBIDDEN');
    assert.match(raise.message, /Only the team of this project/);
    refused(await call(DEMO_USERS.clientPo, 'flags.resolve', { issueKey: ISSUE, flagId: visibleId, resolution: 'Sent the colours' }), 'FORBIDDEN');
    assert.deepEqual(storedFlags(host, ISSUE), before);
  });

  test('"I am confused about this" raises a client-visible client-confused flag and tells the team', async () => {
    const before = (await (await fetch(`${host.sandbox.url}/__sandbox/notifications?issueKey=${ISSUE}`)).json()) as unknown[];
    const view = ok(await call<any>(DEMO_USERS.clientPo, 'flags.confused', { issueKey: ISSUE, note: 'What does "headless checkout" mean for us?' }));
    const mine = view.flags.find((f: { category: string }) => f.category === 'client-confused');
    assert.equal(mine.raisedBy, DEMO_USERS.clientPo, 'a client sees their own id on their own flag');
    assert.equal(mine.severity, 'medium');
    assert.equal(view.can.confused, false);
    const stored = openFlags(storedFlags(host, ISSUE)).find((f) => f.category === 'client-confused')!;
    assert.equal(stored.clientVisible, true);
    assert.equal(stored.source, 'manual');
    const after = (await (await fetch(`${host.sandbox.url}/__sandbox/notifications?issueKey=${ISSUE}`)).json()) as { subject: string }[];
    assert.equal(after.length, before.length + 1);
    assert.match(after.at(-1)!.subject, /Hannah Becker is confused about this/);
    // The team sees it; a second one from the same client is refused.
    const team = ok(await call<any>(DEMO_USERS.dev1, 'flags.get', { issueKey: ISSUE }));
    assert.ok(team.flags.some((f: { id: string }) => f.id === stored.id));
    refused(await call(DEMO_USERS.clientPo, 'flags.confused', { issueKey: ISSUE, note: 'Still confused' }), 'CONFLICT');
  });

  test('the team cannot use the client-only "confused" action', async () => {
    refused(await call(DEMO_USERS.dev1, 'flags.confused', { issueKey: ISSUE, note: '' }), 'FORBIDDEN');
  });

  test('an issue key of a project where they hold no role is refused, whatever project key the payload claims', async () => {
    const before = structuredClone(storedFlags(host, 'OPS-1'));
    const answer = await call(DEMO_USERS.clientPo, 'flags.confused', { issueKey: 'OPS-1', projectKey: 'SHOP', note: 'Sneaky' });
    assert.equal(answer.ok, false);
    assert.ok(!answer.ok && ['NOT_FOUND', 'FORBIDDEN'].includes(answer.error.code));
    assert.deepEqual(storedFlags(host, 'OPS-1'), before);
    const read = await call(DEMO_USERS.clientPo, 'flags.get', { issueKey: 'OPS-1', projectKey: 'SHOP' });
    assert.equal(read.ok, false);
  });

  test('the Red flags page is refused; the gadget shows only client-visible flags', async () => {
    refused(await call(DEMO_USERS.clientPo, 'flags.project', { projectKey: 'SHOP' }, PROJECT_PAGE), 'FORBIDDEN');
    ok(await call(DEMO_USERS.dev3, 'flags.raise', { issueKey: 'SHOP-5', category: 'uncharted-territory', severity: 'critical', note: 'Internal: new CMS API', clientVisible: false }));
    const gadget = ok(await call<any>(DEMO_USERS.clientPo, 'flags.gadget', { projectKey: 'SHOP' }, GADGET));
    const team = ok(await call<any>(DEMO_USERS.pm, 'flags.gadget', { projectKey: 'SHOP' }, GADGET));
    assert.equal(gadget.viewer, 'client');
    assert.deepEqual(gadget.flags.top.map((f: { category: string }) => f.category).sort(), ['blocked-on-client', 'client-confused']);
    assert.deepEqual(gadget.flags.bySeverity, { low: 0, medium: 2, high: 0, critical: 0 });
    assert.ok(!JSON.stringify(gadget).includes('Internal: new CMS API'));
    assert.equal(team.flags.total, 3);
    assert.equal(team.flags.top[0].note, 'Internal: new CMS API', 'the most severe first');
  });
});

describe('someone with no role in the project', () => {
  test('gets nothing from any flags resolver', async () => {
    for (const [key, payload, module] of [
      ['flags.get', { issueKey: ISSUE }, 'red-flags-panel'],
      ['flags.raise', { issueKey: ISSUE, category: 'other', severity: 'low', note: 'x', clientVisible: false }, 'red-flags-panel'],
      ['flags.confused', { issueKey: ISSUE, note: '' }, 'red-flags-panel'],
      ['flags.project', { projectKey: 'SHOP' }, PROJECT_PAGE],
      ['flags.gadget', { projectKey: 'SHOP' }, GADGET],
    ] as const) {
      const answer = await call(DEMO_USERS.outsider, key, payload, module);
      assert.equal(answer.ok, false, key);
      assert.ok(!answer.ok && ['NOT_FOUND', 'FORBIDDEN'].includes(answer.error.code), `${key}: ${JSON.stringify(answer)}`);
      assert.equal('data' in answer, false);
    }
    const projects = ok(await call<any>(DEMO_USERS.outsider, 'flags.gadgetProjects', {}, GADGET));
    assert.deepEqual(projects.projects, []);
  });

  test('a payload naming another user changes nothing: the caller is the Forge principal', async () => {
    const answer = await call(DEMO_USERS.outsider, 'flags.project', { projectKey: 'SHOP', accountId: DEMO_USERS.pm }, PROJECT_PAGE);
    assert.equal(answer.ok, false);
  });
});

describe('the gadget configuration screen', () => {
  test('offers the projects where the caller holds a role', async () => {
    assert.deepEqual(ok(await call<any>(DEMO_USERS.pm, 'flags.gadgetProjects', {}, GADGET)).projects.map((p: { projectKey: string }) => p.projectKey), ['OPS', 'SHOP']);
    assert.deepEqual(ok(await call<any>(DEMO_USERS.clientPo, 'flags.gadgetProjects', {}, GADGET)).projects.map((p: { projectKey: string }) => p.projectKey), ['SHOP']);
  });
});

describe('the gadget and overdue client asks', () => {
  test("lists overdue asks: the team sees all of the project's, a client only their own", async () => {
    const { daysFromNow } = await import('./flags-support');
    const asked = await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'client-ask-panel', functionKey: 'asks.set', payload: { issueKey: 'SHOP-2', client: DEMO_USERS.clientMarketing, ask: 'Approve the banner copy', due: daysFromNow(3) } });
    ok(asked as never);
    // Time passes: the ask's due date is now four days behind (in its record and Jira's field).
    backdateAsk(host, 'SHOP-2', daysFromNow(-4));

    const team = ok(await call<any>(DEMO_USERS.pm, 'flags.gadget', { projectKey: 'SHOP' }, GADGET));
    const listed = team.asks.top.find((a: { issueKey: string }) => a.issueKey === 'SHOP-2');
    assert.ok(listed, JSON.stringify(team.asks));
    assert.equal(listed.client, DEMO_USERS.clientMarketing);
    assert.equal(listed.ask, 'Approve the banner copy');
    assert.ok(listed.businessDaysOverdue >= 2 && listed.businessDaysOverdue <= 4, String(listed.businessDaysOverdue));
    assert.equal(team.names[DEMO_USERS.clientMarketing], 'James Whitfield');

    const owner = ok(await call<any>(DEMO_USERS.clientMarketing, 'flags.gadget', { projectKey: 'SHOP' }, GADGET));
    assert.ok(owner.asks.top.some((a: { issueKey: string }) => a.issueKey === 'SHOP-2'));
    const other = ok(await call<any>(DEMO_USERS.clientPo, 'flags.gadget', { projectKey: 'SHOP' }, GADGET));
    assert.ok(other.asks.top.every((a: { client: string }) => a.client === DEMO_USERS.clientPo), JSON.stringify(other.asks));
    assert.ok(!JSON.stringify(other).includes('Approve the banner copy'));
  });
});

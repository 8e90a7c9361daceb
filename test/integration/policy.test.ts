/**
 * The policy suite, generated from the resolver registry: every resolver key is called through the
 * real Forge handler as six personas (manager, approver, team member, client, a client of another
 * project, no role) with a valid SHOP payload, and must let in exactly who RESOLVER_POLICY (and so
 * DESIGN.md's role table) says.
 *
 * - Refused → `FORBIDDEN`; for a resolver about an issue (it has `locate`), a persona Jira does not
 *   let browse the issue may instead get `NOT_FOUND` (the issue is read as them first). Either way
 *   nothing is written: no Forge storage write (caches of role membership aside), no change to Jira.
 * - Allowed → `ok`, or a domain error that is not an authorisation refusal (CONFLICT, NOT_FOUND,
 *   VALIDATION from the domain — e.g. the ask was answered by the call before): never FORBIDDEN.
 * Refused personas are called before allowed ones, so the "nothing written" check always runs
 * against a quiet site. Data-level rules (a client's own ask, own change request) have explicit
 * cases in the feature suites (asks-access, flags-access, changes-*); a few are repeated below.
 */
import { describe, test, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { POLICY, RESOLVER_POLICY } from '../../src/access/domain/access';
import { RESOLVERS } from '../../src/registry';
import { POLICY_SAMPLES } from './policy-samples';
import { policyAllows, sampleFor, securitySuite, SHOP_ROLES, SUITE_PERSONAS, type SuitePersona } from './security-support';
import type { Answer } from './support';

const suite = securitySuite();

const keys = RESOLVERS.map((r) => r.key);

const ALL = ['manager', 'approver', 'team', 'client'];
const INTERNAL = ['manager', 'approver', 'team'];
/**
 * Every POLICY action and the roles it must grant, with where that rule is written: a row of
 * DESIGN.md's role table, or an issue's decision. A new action without a line here fails the suite.
 */
const WRITTEN_POLICY: Record<string, { roles: string[]; source: string }> = {
  'settings.read': { roles: INTERNAL, source: 'DESIGN: read internal flags, manpower, costs (settings hold the internal plan)' },
  'settings.edit': { roles: ['manager'], source: 'DESIGN: change project settings' },
  'settings.audit': { roles: ['manager'], source: 'DESIGN: change project settings (its history)' },
  'portal.view': { roles: ALL, source: 'DESIGN: read published reports, project status' },
  'asks.read': { roles: ALL, source: 'DESIGN: answer an ask — a client only their own (data-level check)' },
  'asks.manage': { roles: INTERNAL, source: 'DESIGN: set / withdraw a client ask' },
  'asks.answer': { roles: ['client'], source: 'DESIGN: answer an ask' },
  'asks.converse': { roles: ALL, source: "issue 14: an ask's conversation — the team and the client it is addressed to (data-level check)" },
  'asks.overview': { roles: INTERNAL, source: 'DESIGN: read internal flags, manpower, costs' },
  'flags.read': { roles: ALL, source: 'DESIGN: client-visible flags for clients (data-level shaping)' },
  'flags.manage': { roles: INTERNAL, source: 'DESIGN: raise / resolve red flag' },
  'flags.confused': { roles: ['client'], source: 'DESIGN: raise / resolve red flag — client: "I am confused about this"' },
  'flags.overview': { roles: INTERNAL, source: 'DESIGN: read internal flags, manpower, costs' },
  'flags.gadget': { roles: ALL, source: 'issue 5: the gadget shows a client only client-visible flags and their own asks' },
  'changes.read': { roles: ALL, source: 'DESIGN: log a change request — a client their own (data-level check)' },
  'changes.raise': { roles: ALL, source: 'DESIGN: log a change request' },
  'changes.acknowledge': { roles: INTERNAL, source: 'issue 4: acknowledge — manager, approver, team' },
  'changes.assess': { roles: ['manager', 'team'], source: 'DESIGN: assess a change request' },
  'changes.decide': { roles: ['approver'], source: 'DESIGN: approve / decline a change' },
  'changes.withdraw': { roles: ['manager', 'client'], source: 'issue 4: withdraw — the client who raised it, manager' },
  'changes.inform': { roles: ['manager', 'approver'], source: 'DESIGN: tell the client the decision' },
  'changes.implement': { roles: ['manager', 'team'], source: 'issue 4: link implementation — manager, team' },
  'changes.converse': { roles: ALL, source: "issue 14: a change request's conversation — the team and the client who raised it (data-level check)" },
  'changes.respondToPrice': { roles: ['client'], source: 'issue 14: the client who raised a paid change accepts or declines its price' },
  'changes.register': { roles: INTERNAL, source: 'issue 4: register — manager, approver, team' },
  'changes.setup': { roles: ['manager'], source: 'issue 4: provisioning from Settings — manager' },
  'reminders.preview': { roles: ['manager'], source: 'issue 14: reminders are part of the project settings, which only managers change' },
  'home.work': { roles: INTERNAL, source: "issue 14: the PM's home across projects — the projects a team member works on" },
  'plan.read': { roles: INTERNAL, source: 'issue 17: decisions and plan baselines are internal (read internal flags, manpower, costs)' },
  'plan.manage': { roles: ['manager'], source: 'issue 17: the PM can add, edit and resolve decisions; the PM takes the plan baseline' },
  'reports.generate': { roles: INTERNAL, source: 'DESIGN: generate / export report (team: internal audiences, data-level)' },
  'reports.publish': { roles: ['manager', 'approver'], source: 'DESIGN: publish report to client' },
  'reports.read': { roles: ALL, source: 'DESIGN: read published reports — client audience only for clients (data-level)' },
  'shares.manage': { roles: ['manager', 'approver'], source: 'issue 7: share links — manager, approver' },
};

describe('the policy table', () => {
  test('covers every registered resolver, and names only registered ones', () => {
    const missing = keys.filter((k) => !(k in RESOLVER_POLICY));
    assert.deepEqual(missing, [], `add these keys to RESOLVER_POLICY in src/access/domain/access.ts: ${missing.join(', ')}`);
    const stale = Object.keys(RESOLVER_POLICY).filter((k) => !keys.includes(k));
    assert.deepEqual(stale, [], `RESOLVER_POLICY names resolvers the registry does not have: ${stale.join(', ')}`);
  });

  test("every POLICY action grants exactly the roles DESIGN.md's table (or its issue) gives it", () => {
    const unwritten = Object.keys(POLICY).filter((action) => !(action in WRITTEN_POLICY));
    assert.deepEqual(unwritten, [], `POLICY actions with no written rule (add them to WRITTEN_POLICY with their source): ${unwritten.join(', ')}`);
    for (const [action, roles] of Object.entries(POLICY)) {
      assert.deepEqual([...roles].sort(), [...WRITTEN_POLICY[action].roles].sort(), `${action}: POLICY grants ${roles.join(', ')}; ${WRITTEN_POLICY[action].source}`);
    }
  });

  test('every resolver has a sample payload its own schema accepts', () => {
    const missing = keys.filter((k) => !(k in POLICY_SAMPLES));
    assert.deepEqual(missing, [], `add sample payloads to test/integration/policy-samples.ts for: ${missing.join(', ')}`);
    for (const resolver of RESOLVERS) {
      const parsed = resolver.input.safeParse(sampleFor(resolver.key, suite.ctx));
      assert.ok(parsed.success, `${resolver.key}'s sample is invalid: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`);
    }
  });

  test("each definition's allow is exactly its policy entry's roles", () => {
    for (const resolver of RESOLVERS) {
      const policy = RESOLVER_POLICY[resolver.key];
      const expected = policy === 'signed-in' || policy === 'site-admin' || policy === 'any-project-role' ? policy : [...POLICY[policy]];
      const actual = Array.isArray(resolver.allow) ? [...resolver.allow] : resolver.allow;
      assert.deepEqual(actual, expected, `${resolver.key}: allow ${JSON.stringify(actual)} but RESOLVER_POLICY says ${policy}`);
    }
  });

  test('the personas hold the roles the suite assumes (me.roles as each of them)', async () => {
    for (const persona of SUITE_PERSONAS) {
      const answer = await suite.call<{ roles: string[] }>(DEMO_USERS[persona], 'me.roles', { projectKey: 'SHOP' });
      assert.ok(answer.ok, JSON.stringify(answer));
      assert.deepEqual(answer.data.roles, [...SHOP_ROLES[persona]], persona);
    }
    const ops = await suite.call<{ roles: string[] }>(DEMO_USERS.clientOps, 'me.roles', { projectKey: 'OPS' });
    assert.deepEqual(ops.ok && ops.data.roles, ['client'], 'Grace is a client of OPS');
  });
});

describe('every resolver × six personas', () => {
  const outcomes: string[] = [];
  const tally = { allowedOk: 0, allowedDomainError: 0, refused: 0 };
  afterAll(() => {
    console.log(`policy suite: ${keys.length} resolver keys × ${SUITE_PERSONAS.length} personas (${outcomes.length} calls: ${tally.allowedOk} allowed and answered, ${tally.allowedDomainError} allowed with a domain error, ${tally.refused} refused)`);
    if (process.env.POLICY_VERBOSE) for (const line of outcomes) console.log(line);
  });

  for (const resolver of RESOLVERS) {
    test(`${resolver.key} (${RESOLVER_POLICY[resolver.key] ?? 'NO POLICY'})`, async () => {
      assert.ok(RESOLVER_POLICY[resolver.key], `${resolver.key} has no RESOLVER_POLICY entry`);
      const refusedFirst = [...SUITE_PERSONAS].sort((a, b) => Number(policyAllows(resolver.key, a)) - Number(policyAllows(resolver.key, b)));
      for (const persona of refusedFirst) {
        const payload = sampleFor(resolver.key, suite.ctx);
        suite.recorder.reset();
        const answer = (await suite.call(DEMO_USERS[persona], resolver.key, payload)) as Answer;
        await suite.host.app.idle();
        const what = `${resolver.key} as ${persona}: ${JSON.stringify(answer).slice(0, 300)}`;
        outcomes.push(what);
        if (policyAllows(resolver.key, persona)) {
          assert.ok(answer.ok || answer.error.code !== 'FORBIDDEN', `allowed but refused — ${what}`);
          tally[answer.ok ? 'allowedOk' : 'allowedDomainError'] += 1;
        } else {
          assert.equal(answer.ok, false, `refused persona was let in — ${what}`);
          const hiddenIssue = resolver.locate !== undefined && !SHOP_ROLES[persona as SuitePersona].length;
          const codes = hiddenIssue ? ['FORBIDDEN', 'NOT_FOUND'] : ['FORBIDDEN'];
          assert.ok(!answer.ok && codes.includes(answer.error.code), `expected ${codes.join(' or ')} — ${what}`);
          assert.deepEqual(suite.recorder.writes(), [], `a refused call wrote — ${what}`);
          tally.refused += 1;
        }
      }
    });
  }
});

describe('data-level rules the role table alone does not show', () => {
  test("a client of another project gets nothing of SHOP from the signed-in resolvers", async () => {
    for (const key of Object.keys(RESOLVER_POLICY).filter((k) => RESOLVER_POLICY[k] === 'signed-in' && k !== 'me.roles')) {
      const answer = await suite.call(DEMO_USERS.clientOps, key, sampleFor(key, suite.ctx));
      const text = JSON.stringify(answer);
      assert.equal(/SHOP-\d+/.test(text), false, `${key} shows Grace a SHOP issue: ${text.slice(0, 300)}`);
    }
  });

  test("another SHOP client cannot read Hannah's ask", async () => {
    const answer = await suite.call(DEMO_USERS.clientMarketing, 'asks.get', { issueKey: suite.ctx.issueKey('ask') });
    assert.equal(answer.ok, false);
    assert.equal(JSON.stringify(answer).includes('Approve the checkout copy deck'), false);
  });

  test("another SHOP client cannot read, withdraw or see in their lists Hannah's change request", async () => {
    // Who raised a change request is in its record (the property holds the step only).
    const records = (suite.host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, { value: any }>> } }).snapshot().entities.change ?? {};
    const hers = suite.host.sandbox.site.issues.filter((i) => records[i.id]?.value.document?.requestedBy === DEMO_USERS.clientPo);
    assert.ok(hers.length > 0, 'the demo site has change requests Hannah raised');
    for (const issue of hers) {
      suite.recorder.reset();
      const read = await suite.call(DEMO_USERS.clientMarketing, 'changes.get', { issueKey: issue.key });
      assert.ok(!read.ok && ['NOT_FOUND', 'FORBIDDEN'].includes(read.error.code), `${issue.key}: ${JSON.stringify(read).slice(0, 200)}`);
      assert.equal(JSON.stringify(read).includes(issue.summary), false, `the refusal names ${issue.key}'s summary`);
      const withdraw = await suite.call(DEMO_USERS.clientMarketing, 'changes.withdraw', { issueKey: issue.key, version: 1, reason: 'Not mine to withdraw' });
      assert.equal(withdraw.ok, false);
      assert.deepEqual(suite.recorder.writes(), [], `${issue.key}: a refused call wrote`);
    }
    const mine = await suite.call<any>(DEMO_USERS.clientMarketing, 'changes.mine', {});
    const listed = JSON.stringify(mine);
    for (const issue of hers) assert.equal(listed.includes(issue.key), false, `${issue.key} is listed to James`);
  });

  test('a payload cannot choose the project: an OPS issue named with projectKey SHOP is judged by OPS', async () => {
    suite.recorder.reset();
    const answer = await suite.call(DEMO_USERS.clientPo, 'flags.confused', { issueKey: 'OPS-1', projectKey: 'SHOP', note: 'Sneaky' });
    assert.equal(answer.ok, false);
    assert.deepEqual(suite.recorder.writes(), []);
  });
});

/**
 * The resolver registry and its wrapper: one declaration per key, and the order
 * validate -> identify -> authorise, proven without any handler being reached.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { RESOLVERS, runResolver } from '../../src/registry';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host?.close();
});

describe('the registry', () => {
  test('declares every resolver once, each with an input schema and an allow rule', () => {
    // Which keys exist and who each lets in is the policy suite's (policy.test.ts, generated from
    // this registry and RESOLVER_POLICY); here: the shape every declaration must have.
    const keys = RESOLVERS.map((r) => r.key);
    assert.ok(keys.length >= 23, `only ${keys.length} resolvers`);
    assert.equal(new Set(keys).size, keys.length);
    for (const resolver of RESOLVERS) {
      assert.match(resolver.key, /^[a-z]+\.[A-Za-z]+$/, resolver.key);
      assert.equal(typeof resolver.input.safeParse, 'function', resolver.key);
      assert.ok(resolver.allow !== undefined, resolver.key);
      assert.ok(resolver.description.length > 10, resolver.key);
    }
    const allow = Object.fromEntries(RESOLVERS.map((r) => [r.key, r.allow]));
    // A few of DESIGN.md's rules, spelled out: managers edit settings, only clients answer asks, site admins set defaults.
    assert.deepEqual(allow['settings.save'], ['manager']);
    assert.deepEqual(allow['asks.answer'], ['client']);
    assert.equal(allow['defaults.save'], 'site-admin');
    assert.deepEqual(allow['shares.create'], ['manager', 'approver']);
    // Resolvers about an issue find their project from the issue itself: every issueKey input has `locate`.
    for (const resolver of RESOLVERS) {
      const shape = (resolver.input as unknown as { shape?: Record<string, unknown> }).shape;
      if (shape && 'issueKey' in shape) assert.ok(resolver.locate, `${resolver.key} takes an issueKey but has no locate`);
    }
  });
});

describe('the wrapper', () => {
  const byKey = (key: string) => RESOLVERS.find((r) => r.key === key)!;

  test('a call without a Forge principal is refused before anything is read', async () => {
    host.sandbox.resetRequestCount();
    const answer = await runResolver(byKey('settings.get'), { payload: { projectKey: 'SHOP' }, accountId: undefined });
    assert.deepEqual(answer, { ok: false, error: { code: 'FORBIDDEN', message: 'Sign in to Jira to use Liaison' } });
    assert.equal(host.sandbox.requestCount(), 0);
  });

  test('a malformed project key is answered with its field message before Jira is asked (there is no project to check the caller in)', async () => {
    host.sandbox.resetRequestCount();
    const answer = await runResolver(byKey('settings.save'), { payload: { projectKey: 'shop; x', version: -1 }, accountId: DEMO_USERS.pm });
    assert.deepEqual(!answer.ok && Object.keys(answer.error.fields ?? {}), ['projectKey']);
    assert.equal(host.sandbox.requestCount(), 0);
  });

  test('invalid input from a caller who may call the resolver is answered with field messages after the role check, and nothing is written', async () => {
    const auditBefore = host.kvs.stats().entities.audit ?? 0;
    const answer = await runResolver(byKey('settings.save'), { payload: { projectKey: 'SHOP', version: -1 }, accountId: DEMO_USERS.pm });
    assert.equal(answer.ok, false);
    if (answer.ok) return;
    assert.equal(answer.error.code, 'VALIDATION');
    assert.deepEqual(Object.keys(answer.error.fields ?? {}).sort(), ['communicationPlan', 'roleMapping', 'version']);
    assert.equal(host.kvs.stats().entities.audit ?? 0, auditBefore);
  });

  test('the same invalid input from a caller the resolver refuses gets the refusal, without field messages', async () => {
    const answer = await runResolver(byKey('settings.save'), { payload: { projectKey: 'SHOP', version: -1 }, accountId: DEMO_USERS.dev1 });
    assert.deepEqual(answer, { ok: false, error: { code: 'FORBIDDEN', message: 'Only a manager of this project can change its Liaison settings' } });
  });

  test('a refused caller gets the error shape and nothing else', async () => {
    const answer = await host.app.invoke({ accountId: DEMO_USERS.outsider, moduleKey: 'liaison-project', functionKey: 'settings.audit', payload: { projectKey: 'SHOP' } });
    assert.deepEqual(answer, { ok: false, error: { code: 'FORBIDDEN', message: 'Only a manager of this project can see the history of its Liaison settings' } });
  });

  test('an unknown resolver key is an error Forge reports (the UI call rejects)', async () => {
    await assert.rejects(host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'liaison-project', functionKey: 'settings.delete', payload: {} }), /no definition for 'settings.delete'/);
  });
});

/**
 * The resolver registry and its wrapper: one declaration per key, and the order
 * validate -> identify -> authorise, proven without any handler being reached.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { RESOLVERS, runResolver } from '../../src/resolvers/registry';

let host: TestHost;
before(async () => {
  host = await startTestHost();
});
after(async () => {
  await host?.close();
});

describe('the registry', () => {
  test('declares every resolver once, each with an input schema and an allow rule', () => {
    const keys = RESOLVERS.map((r) => r.key);
    assert.deepEqual([...keys].sort(), [
      'asks.accept', 'asks.answer', 'asks.get', 'asks.mine', 'asks.project', 'asks.reAsk', 'asks.requestInfo', 'asks.set', 'asks.withdraw',
      'defaults.get', 'defaults.save',
      'flags.confused', 'flags.gadget', 'flags.gadgetProjects', 'flags.get', 'flags.project', 'flags.raise', 'flags.resolve',
      'me.roles', 'portal.home', 'settings.audit', 'settings.get', 'settings.save',
    ]);
    assert.equal(new Set(keys).size, keys.length);
    for (const resolver of RESOLVERS) {
      assert.equal(typeof resolver.input.safeParse, 'function', resolver.key);
      assert.ok(resolver.allow !== undefined, resolver.key);
      assert.ok(resolver.description.length > 10, resolver.key);
    }
    const allow = Object.fromEntries(RESOLVERS.map((r) => [r.key, r.allow]));
    assert.deepEqual(allow['settings.save'], ['manager']);
    assert.deepEqual(allow['settings.get'], ['manager', 'approver', 'team']);
    assert.equal(allow['defaults.save'], 'site-admin');
    // Client asks: the team manages them, only clients answer (the named one: the domain checks), anyone in a role may ask to read.
    for (const key of ['asks.set', 'asks.accept', 'asks.reAsk', 'asks.withdraw', 'asks.project']) assert.deepEqual(allow[key], ['manager', 'approver', 'team'], key);
    for (const key of ['asks.answer', 'asks.requestInfo']) assert.deepEqual(allow[key], ['client'], key);
    assert.deepEqual(allow['asks.get'], ['manager', 'approver', 'team', 'client']);
    assert.equal(allow['asks.mine'], 'signed-in');
    // Red flags: the team raises and resolves; only clients say "I am confused"; the page is the team's; a client reads what is shared.
    for (const key of ['flags.raise', 'flags.resolve', 'flags.project']) assert.deepEqual(allow[key], ['manager', 'approver', 'team'], key);
    assert.deepEqual(allow['flags.confused'], ['client']);
    for (const key of ['flags.get', 'flags.gadget']) assert.deepEqual(allow[key], ['manager', 'approver', 'team', 'client'], key);
    assert.equal(allow['flags.gadgetProjects'], 'signed-in');
    // Resolvers about an issue find their project from the issue itself.
    const located = RESOLVERS.filter((r) => r.locate).map((r) => r.key).sort();
    assert.deepEqual(located, ['asks.accept', 'asks.answer', 'asks.get', 'asks.reAsk', 'asks.requestInfo', 'asks.set', 'asks.withdraw', 'flags.confused', 'flags.get', 'flags.raise', 'flags.resolve']);
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

  test('invalid input is answered with field messages before Jira or storage is asked', async () => {
    host.sandbox.resetRequestCount();
    const answer = await runResolver(byKey('settings.save'), { payload: { projectKey: 'SHOP', version: -1 }, accountId: DEMO_USERS.pm });
    assert.equal(answer.ok, false);
    if (answer.ok) return;
    assert.equal(answer.error.code, 'VALIDATION');
    assert.deepEqual(Object.keys(answer.error.fields ?? {}).sort(), ['communicationPlan', 'roleMapping', 'version']);
    assert.equal(host.sandbox.requestCount(), 0);
    assert.equal(host.kvs.stats().entities.audit ?? 0, 0);
  });

  test('a refused caller gets the error shape and nothing else', async () => {
    const answer = await host.app.invoke({ accountId: DEMO_USERS.outsider, moduleKey: 'liaison-project', functionKey: 'settings.audit', payload: { projectKey: 'SHOP' } });
    assert.deepEqual(answer, { ok: false, error: { code: 'FORBIDDEN', message: 'Only a manager of this project can see the history of its Liaison settings' } });
  });

  test('an unknown resolver key is an error Forge reports (the UI call rejects)', async () => {
    await assert.rejects(host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'liaison-project', functionKey: 'settings.delete', payload: {} }), /no definition for 'settings.delete'/);
  });
});

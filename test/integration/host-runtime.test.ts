/**
 * The Forge runtime emulation against the real sandbox: product calls reach Jira as the right
 * principal, KVS works through @forge/kvs, resolvers get the caller from the runtime payload, and
 * triggers, scheduled triggers, queue consumers and workflow rules run as Jira would run them.
 * The handlers here are a throwaway app written with the real @forge packages.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Resolver from '@forge/resolver';
import api, { asApp, asUser, getAppContext, NeedsAuthenticationError, route } from '@forge/api';
import { Queue } from '@forge/events';
import { APP_ACCOUNT_ID } from '../../local/jira/model';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { startTestHost, TEST_EVENT_DELAY_MS, type TestHost } from '../../local/host/testing';
import { FORGE_INVOCATION_LIMITS, InvocationTimeout, runAsInvocation } from '../../local/host/runtime';
import { startShellServer } from '../../local/host/server';

const APP_UUID = '7a1b2c3d-0000-4000-8000-000000000001';
const MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/${APP_UUID}
  runtime: { name: nodejs22.x }
  storage:
    entities:
      - name: note
        attributes:
          projectKey: { type: string }
          at: { type: string }
          text: { type: string }
        indexes:
          - name: by-project
            partition: [projectKey]
            range: [at]
modules:
  jira:projectPage:
    - key: test-page
      title: Test page
      resource: test-ui
      resolver: { function: resolver }
  trigger:
    - key: on-issue-updated
      function: on-updated
      events: [avi:jira:updated:issue]
      filter: { ignoreSelf: true }
    - key: on-issue-updated-all
      function: on-updated-all
      events: [avi:jira:updated:issue]
  scheduledTrigger:
    - key: nightly
      function: run-nightly
      interval: day
  consumer:
    - key: job-consumer
      queue: test-jobs
      function: consume
  jira:workflowValidator:
    - key: test-validator
      name: Test validator
      description: Blocks transitions while the KVS key 'block' is set
      function: validate
  jira:workflowPostFunction:
    - key: test-post
      name: Test post function
      description: Records the transition in KVS
      function: post
  webtrigger:
    - key: test-hook
      function: hook
  function:
    - { key: resolver, handler: index.handler }
    - { key: on-updated, handler: index.onUpdated }
    - { key: on-updated-all, handler: index.onUpdatedAll }
    - { key: hook, handler: index.hook, timeoutSeconds: 300 }
    - { key: run-nightly, handler: index.nightly }
    - { key: consume, handler: index.consume, timeoutSeconds: 120 }
    - { key: validate, handler: index.validate }
    - { key: post, handler: index.post }
resources:
  - key: test-ui
    path: test-ui-build
permissions:
  scopes: [read:jira-work, write:jira-work, storage:app]
`;

const kvsModule = () => import('@forge/kvs');
const myselfVia = async (fetcher: { requestJira: typeof api.requestJira }) => ((await (await fetcher.requestJira(route`/rest/api/3/myself`)).json()) as { accountId: string }).accountId;

const resolver = new Resolver()
  .define('whoami', async ({ context }) => {
    const app = getAppContext();
    return {
      contextAccountId: context.accountId,
      extension: context.extension,
      localId: context.localId,
      installContext: context.installContext,
      moduleKey: app.moduleKey,
      appAri: app.appAri.toString(),
      remainingMs: app.invocationRemainingTimeInMillis(),
      asUser: await myselfVia(asUser()),
      asApp: await myselfVia(asApp()),
      plain: await myselfVia(api),
    };
  })
  .define('remember', async ({ payload, context }) => {
    const { kvs } = await kvsModule();
    const { key, text } = payload as { key: string; text: string };
    await kvs.set(`memo:${key}`, { text, by: context.accountId });
    await kvs.entity('note').set(key, { projectKey: 'SHOP', at: new Date().toISOString(), text });
    return { memo: await kvs.get(`memo:${key}`), notes: (await kvs.entity('note').query().index('by-project', { partition: ['SHOP'] }).getMany()).results.length };
  })
  .define('enqueue', async ({ payload }) => {
    const queue = new Queue({ key: 'test-jobs' });
    const { jobId } = await queue.push((payload as number[]).map((n) => ({ body: { n } })));
    return { jobId };
  })
  .define('fail', async () => {
    throw new Error('resolver exploded');
  })
  .define('sleep', async ({ payload }) => {
    await new Promise((done) => setTimeout(done, (payload as { ms: number }).ms));
    return 'awake';
  })
  .define('renameSlowly', async ({ payload }) => {
    // Reads the issue first (slow when the sandbox is), then renames it as the user.
    const { key, summary } = payload as { key: string; summary: string };
    await asUser().requestJira(route`/rest/api/3/issue/${key}?fields=summary`);
    await asUser().requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fields: { summary } }) });
    return 'renamed';
  })
  .define('rename', async ({ payload }) => {
    const { key, summary, as } = payload as { key: string; summary: string; as: 'user' | 'app' };
    const res = await (as === 'app' ? asApp() : asUser()).requestJira(route`/rest/api/3/issue/${key}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fields: { summary } }) });
    return res.status;
  });

const handlers = {
  handler: resolver.getDefinitions(),
  async onUpdated(event: { eventType: string; issue: { key: string; fields?: { summary?: string } }; atlassianId: string }) {
    const { kvs } = await kvsModule();
    const seen = ((await kvs.get('trigger:events')) as unknown[] | undefined) ?? [];
    await kvs.set('trigger:events', [...seen, { eventType: event.eventType, key: event.issue.key, summary: event.issue.fields?.summary, by: event.atlassianId }]);
  },
  async onUpdatedAll(event: { issue: { key: string; fields?: { summary?: string } }; selfGenerated: boolean }) {
    const { kvs } = await kvsModule();
    const seen = ((await kvs.get('trigger:all')) as unknown[] | undefined) ?? [];
    await kvs.set('trigger:all', [...seen, { summary: event.issue.fields?.summary, selfGenerated: event.selfGenerated, remainingMs: getAppContext().invocationRemainingTimeInMillis() }]);
  },
  async hook(request: { queryParameters: Record<string, string[]> }) {
    const ms = Number(request.queryParameters.ms?.[0] ?? 0);
    await new Promise((done) => setTimeout(done, ms));
    return { statusCode: 200, headers: {}, body: String(getAppContext().invocationRemainingTimeInMillis()) };
  },
  async nightly(event: { context: { moduleKey: string } }) {
    const { kvs } = await kvsModule();
    let asUserError = '';
    try {
      await asUser().requestJira(route`/rest/api/3/myself`);
    } catch (e) {
      asUserError = e instanceof NeedsAuthenticationError ? 'NeedsAuthenticationError' : String(e);
    }
    await kvs.set('nightly', { moduleKey: event.context.moduleKey, appModuleKey: getAppContext().moduleKey, asUserError, asApp: await myselfVia(asApp()) });
    await kvs.set('nightly:remainingMs', getAppContext().invocationRemainingTimeInMillis());
    return 'done';
  },
  async consume(event: { body: { n: number }; jobId: string; queueName: string }) {
    const { kvs } = await kvsModule();
    await kvs.set(`consumed:${event.body.n}`, { jobId: event.jobId, queue: event.queueName, remainingMs: getAppContext().invocationRemainingTimeInMillis() });
  },
  async validate(event: { issue: { key: string }; transition: { from: { id: string }; to: { id: string } } }) {
    const { kvs } = await kvsModule();
    await kvs.set('validate:last', event);
    const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}?fields=summary`);
    const issue = (await res.json()) as { fields: { summary: string } };
    if (await kvs.get('block')) return { result: false, errorMessage: `Blocked by test validator: ${issue.fields.summary}` };
    return { result: true };
  },
  async post(event: { issue: { key: string }; transition: { to: { id: string }; transitionName: string } }) {
    const { kvs } = await kvsModule();
    await kvs.set('post:event', event);
    await kvs.set('post:last', { key: event.issue.key, to: event.transition.to.id, name: event.transition.transitionName });
  },
};

let host: TestHost;
let issueKey: string;

async function jiraAs(who: string | 'app', path: string, init: RequestInit = {}) {
  const auth = who === 'app' ? 'Bearer forge-app' : `Bearer forge-user:${who}`;
  return fetch(host.sandbox.url + path, { ...init, headers: { authorization: auth, 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-host-runtime-'));
  const manifestPath = join(dir, 'manifest.yml');
  writeFileSync(manifestPath, MANIFEST);
  const site = buildDemoSite(new Date('2026-11-24T00:00:00Z'));
  for (const wf of site.workflows) for (const t of wf.transitions) Object.assign(t, { validators: ['test-validator'], postFunctions: ['test-post'] });
  host = await startTestHost({ site, manifestPath, modules: { index: handlers } });
  const shop = site.projects.find((p) => p.key === 'SHOP')!;
  issueKey = site.issues.find((i) => i.projectId === shop.id)!.key;
});

afterAll(async () => {
  await host?.close();
});

describe('product calls', () => {
  test('asUser, asApp and plain requestJira reach Jira as the invoking user, the app and the invoking user', async () => {
    const answer = (await host.app.invoke({ accountId: DEMO_USERS.dev1, moduleKey: 'test-page', functionKey: 'whoami', extension: { project: { key: 'SHOP' } } })) as Record<string, unknown>;
    assert.equal(answer.asUser, DEMO_USERS.dev1);
    assert.equal(answer.asApp, APP_ACCOUNT_ID);
    assert.equal(answer.plain, DEMO_USERS.dev1);
    const asClient = (await host.app.invoke({ accountId: DEMO_USERS.clientPo, moduleKey: 'test-page', functionKey: 'whoami' })) as Record<string, unknown>;
    assert.equal(asClient.asUser, DEMO_USERS.clientPo);
  });

  test('Jira permissions apply to asUser: a user outside the project cannot read its issue, the app can', async () => {
    const read = (accountId: string | undefined, as: 'user' | 'app') =>
      runAsInvocation({ accountId, moduleKey: 'test-page' }, async () => (as === 'app' ? asApp() : asUser()).requestJira(route`/rest/api/3/issue/${issueKey}`));
    assert.equal((await read(DEMO_USERS.outsider, 'user')).status, 404);
    assert.equal((await read(DEMO_USERS.pm, 'user')).status, 200);
    assert.equal((await read(DEMO_USERS.outsider, 'app')).status, 200);
  });
});

describe('resolvers', () => {
  test('the caller comes from the runtime payload; module, extension and app identity are Forge-shaped', async () => {
    const answer = (await host.app.invoke({ accountId: DEMO_USERS.approver, moduleKey: 'test-page', functionKey: 'whoami', extension: { project: { id: '10000', key: 'SHOP', type: 'software' } } })) as Record<string, any>;
    assert.equal(answer.contextAccountId, DEMO_USERS.approver);
    assert.deepEqual(answer.extension, { type: 'jira:projectPage', project: { id: '10000', key: 'SHOP', type: 'software' } });
    assert.equal(answer.moduleKey, 'test-page');
    assert.equal(answer.appAri, `ari:cloud:ecosystem::app/${APP_UUID}`);
    assert.match(answer.localId, new RegExp(`^ari:cloud:ecosystem::extension/${APP_UUID}/.+/static/test-page$`));
    assert.match(answer.installContext, /^ari:cloud:jira::site\//);
    assert.ok(answer.remainingMs > 20_000 && answer.remainingMs <= 25_000, `remaining ${answer.remainingMs}`);
  });

  test('KVS and custom entities work through @forge/kvs inside an invocation', async () => {
    const first = (await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'test-page', functionKey: 'remember', payload: { key: 'n1', text: 'hello' } })) as any;
    assert.deepEqual(first.memo, { text: 'hello', by: DEMO_USERS.pm });
    const second = (await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'test-page', functionKey: 'remember', payload: { key: 'n2', text: 'again' } })) as any;
    assert.equal(second.notes, 2);
    assert.equal(host.kvs.stats().entities.note, 2);
  });

  test('a resolver error rejects invoke, and an unknown module or function is refused', async () => {
    await assert.rejects(host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'test-page', functionKey: 'fail' }), /resolver exploded/);
    await assert.rejects(host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'nope', functionKey: 'whoami' }), /no module 'nope'/);
    await assert.rejects(host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'test-page', functionKey: 'missing' }), /no definition for 'missing'/);
  });
});

describe('async work', () => {
  test('queue pushes reach the consumer with Forge event fields, timed by the function’s timeoutSeconds', async () => {
    const { jobId } = (await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'test-page', functionKey: 'enqueue', payload: [1, 2] })) as { jobId: string };
    await host.app.idle();
    const { kvs } = await kvsModule();
    const one = (await kvs.get('consumed:1')) as { jobId: string; queue: string; remainingMs: number };
    assert.equal(one.jobId, jobId);
    assert.equal(one.queue, 'test-jobs');
    assert.ok(one.remainingMs > 100_000 && one.remainingMs <= 120_000, `consumer budget follows timeoutSeconds: ${one.remainingMs}`);
    assert.equal(((await kvs.get('consumed:2')) as { jobId: string }).jobId, jobId);
  });

  test('a scheduled trigger fired on demand runs without a user: asUser() needs authentication, asApp() works', async () => {
    assert.equal(await host.app.fireScheduledTrigger('nightly'), 'done');
    const { kvs } = await kvsModule();
    assert.deepEqual(await kvs.get('nightly'), { moduleKey: 'nightly', appModuleKey: 'nightly', asUserError: 'NeedsAuthenticationError', asApp: APP_ACCOUNT_ID });
  });

  test('issue updates fire the subscribed trigger, except the app’s own (ignoreSelf)', async () => {
    const { kvs } = await kvsModule();
    await kvs.delete('trigger:events');
    const put = (who: string, summary: string) => jiraAs(who, `/rest/api/3/issue/${issueKey}`, { method: 'PUT', body: JSON.stringify({ fields: { summary } }) });
    assert.equal((await put(DEMO_USERS.dev2, 'Renamed by a developer')).status, 204);
    await host.app.idle();
    assert.equal((await put('app', 'Renamed by the app')).status, 204);
    await host.app.idle();
    const events = (await kvs.get('trigger:events')) as { eventType: string; key: string; summary: string; by: string }[];
    assert.deepEqual(events, [{ eventType: 'avi:jira:updated:issue', key: issueKey, summary: 'Renamed by a developer', by: DEMO_USERS.dev2 }]);
  });
});

describe('workflow rules', () => {
  test('a failing validator blocks the transition with its message; a passing one lets it through and the post function runs', async () => {
    const { kvs } = await kvsModule();
    const transitions = (await (await jiraAs(DEMO_USERS.pm, `/rest/api/3/issue/${issueKey}/transitions`)).json()) as { transitions: { id: string; name: string; to: { id: string } }[] };
    const target = transitions.transitions[0];
    assert.ok(target, 'the issue has a transition');
    await kvs.set('block', true);
    const blocked = await jiraAs(DEMO_USERS.pm, `/rest/api/3/issue/${issueKey}/transitions`, { method: 'POST', body: JSON.stringify({ transition: { id: target.id } }) });
    assert.equal(blocked.status, 400);
    assert.match(JSON.stringify(await blocked.json()), /Blocked by test validator: /);
    assert.equal(await kvs.get('post:last'), undefined);

    await kvs.delete('block');
    const allowed = await jiraAs(DEMO_USERS.pm, `/rest/api/3/issue/${issueKey}/transitions`, { method: 'POST', body: JSON.stringify({ transition: { id: target.id } }) });
    assert.equal(allowed.status, 204);
    await host.app.idle();
    assert.deepEqual(await kvs.get('post:last'), { key: issueKey, to: target.to.id, name: target.name });
    const issue = (await (await jiraAs(DEMO_USERS.pm, `/rest/api/3/issue/${issueKey}?fields=status`)).json()) as { fields: { status: { id: string } } };
    assert.equal(issue.fields.status.id, target.to.id);
  });

  test('validator and post function payloads carry the fields Forge documents', async () => {
    const { kvs } = await kvsModule();
    const transitions = (await (await jiraAs(DEMO_USERS.pm, `/rest/api/3/issue/${issueKey}/transitions`)).json()) as { transitions: { id: string; name: string; to: { id: string } }[] };
    const target = transitions.transitions[0];
    const from = ((await (await jiraAs(DEMO_USERS.pm, `/rest/api/3/issue/${issueKey}?fields=status`)).json()) as { fields: { status: { id: string } } }).fields.status.id;
    const moved = await jiraAs(DEMO_USERS.pm, `/rest/api/3/issue/${issueKey}/transitions`, { method: 'POST', body: JSON.stringify({ transition: { id: target.id }, fields: { labels: ['checked'] } }) });
    assert.equal(moved.status, 204);
    await host.app.idle();
    const validated = (await kvs.get('validate:last')) as Record<string, any>;
    assert.deepEqual(validated.issue, { key: issueKey });
    assert.deepEqual(validated.configuration, {});
    assert.deepEqual(validated.transition, { from: { id: from }, to: { id: target.to.id }, modifiedFields: { labels: ['checked'] } });
    const post = (await kvs.get('post:event')) as Record<string, any>;
    assert.deepEqual(Object.keys(post).sort(), ['atlassianId', 'changelog', 'configuration', 'context', 'issue', 'postFunction', 'transition', 'workflow']);
    assert.equal(post.atlassianId, DEMO_USERS.pm);
    assert.equal(post.transition.transitionId, target.id);
    assert.equal(post.transition.transitionName, target.name);
    assert.match(post.transition.executionId, /^[0-9a-f-]{36}$/);
    assert.equal(typeof post.workflow.id, 'string');
    assert.equal(typeof post.workflow.name, 'string');
    assert.match(post.changelog.id, /^\d+$/);
    assert.ok(post.changelog.items.some((i: { field: string; to: string }) => i.field === 'status' && i.to === target.to.id), JSON.stringify(post.changelog));
    assert.deepEqual(post.configuration, {});
    assert.match(post.postFunction.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('events as Forge delivers them', () => {
  const rename = (as: 'user' | 'app', summary: string) =>
    host.app.invoke({ accountId: DEMO_USERS.dev2, moduleKey: 'test-page', functionKey: 'rename', payload: { key: issueKey, summary, as } });
  const putSummary = (who: string, summary: string) => jiraAs(who, `/rest/api/3/issue/${issueKey}`, { method: 'PUT', body: JSON.stringify({ fields: { summary } }) });

  test('a write the app makes as the user is self-generated like one as the app: ignoreSelf drops both, a trigger without it is told selfGenerated', async () => {
    const { kvs } = await kvsModule();
    await kvs.delete('trigger:events');
    await kvs.delete('trigger:all');
    const since = ((await (await fetch(`${host.sandbox.url}/__sandbox/events`)).json()) as { last: number }).last;
    assert.equal(await rename('user', 'Renamed by the app as the user'), 204);
    await host.app.idle();
    assert.equal(await rename('app', 'Renamed by the app as itself'), 204);
    await host.app.idle();
    // The same write made by the person in Jira (not through the app's runtime) is theirs.
    assert.equal((await putSummary(DEMO_USERS.dev2, 'Renamed in Jira')).status, 204);
    await host.app.idle();

    assert.deepEqual(await kvs.get('trigger:events'), [{ eventType: 'avi:jira:updated:issue', key: issueKey, summary: 'Renamed in Jira', by: DEMO_USERS.dev2 }]);
    const all = (await kvs.get('trigger:all')) as { summary: string; selfGenerated: boolean }[];
    assert.deepEqual(all.map(({ summary, selfGenerated }) => ({ summary, selfGenerated })), [
      { summary: 'Renamed by the app as the user', selfGenerated: true },
      { summary: 'Renamed by the app as itself', selfGenerated: true },
      { summary: 'Renamed in Jira', selfGenerated: false },
    ]);
    const log = (await (await fetch(`${host.sandbox.url}/__sandbox/events?since=${since}`)).json()) as { events: { event: { atlassianId: string; selfGenerated?: boolean } }[] };
    assert.deepEqual(log.events.map((e) => [e.event.atlassianId, e.event.selfGenerated === true]), [[DEMO_USERS.dev2, true], [APP_ACCOUNT_ID, true], [DEMO_USERS.dev2, false]]);
  });

  test('a request claiming to be the app’s does not make a person’s write self-generated', async () => {
    const { kvs } = await kvsModule();
    await kvs.delete('trigger:events');
    // Only the Forge runtime marks app calls; the shell and Jira's own pages never pass the mark on.
    const { requestJiraAs } = await import('../../local/host/runtime');
    const res = await requestJiraAs({ provider: 'user', accountId: DEMO_USERS.dev1 }, `/rest/api/3/issue/${issueKey}`, {
      method: 'PUT', headers: { 'content-type': 'application/json', 'x-sandbox-app-call': '1' }, body: JSON.stringify({ fields: { summary: 'Renamed in the issue view' } }),
    });
    assert.equal(res.status, 204);
    await host.app.idle();
    assert.deepEqual(await kvs.get('trigger:events'), [{ eventType: 'avi:jira:updated:issue', key: issueKey, summary: 'Renamed in the issue view', by: DEMO_USERS.dev1 }]);
  });

  test('a trigger runs only once the event delay has passed, and idle() waits for it', async () => {
    const { kvs } = await kvsModule();
    await kvs.delete('trigger:events');
    host.app.eventDelayMs = 300;
    try {
      const started = Date.now();
      assert.equal((await putSummary(DEMO_USERS.dev1, 'Renamed, delivered later')).status, 204);
      assert.equal(host.app.pendingEvents(), 1);
      await new Promise((done) => setTimeout(done, 100));
      assert.equal(await kvs.get('trigger:events'), undefined, 'not delivered yet');
      await host.app.idle();
      assert.ok(Date.now() - started >= 300, `delivered after ${Date.now() - started} ms`);
      assert.equal(host.app.pendingEvents(), 0);
      assert.deepEqual(await kvs.get('trigger:events'), [{ eventType: 'avi:jira:updated:issue', key: issueKey, summary: 'Renamed, delivered later', by: DEMO_USERS.dev1 }]);
    } finally {
      host.app.eventDelayMs = TEST_EVENT_DELAY_MS;
    }
  });
});

describe('invocation limits', () => {
  test("Forge's limits by default: 25 s for resolvers and triggers; 55 s for web triggers (timeoutSeconds or not) and for scheduled triggers without timeoutSeconds", async () => {
    assert.deepEqual(host.app.limits, { defaultMs: 25_000, webtriggerMs: 55_000, asyncDefaultMs: 55_000, asyncMaxMs: 900_000 });
    assert.deepEqual(host.app.limits, { ...FORGE_INVOCATION_LIMITS });
    const { kvs } = await kvsModule();
    const triggered = (await kvs.get('trigger:all')) as { remainingMs: number }[];
    assert.ok(triggered.length > 0 && triggered.every((t) => t.remainingMs > 20_000 && t.remainingMs <= 25_000), JSON.stringify(triggered));
    const hook = await host.app.runWebtrigger('test-hook', { method: 'GET', path: '/', body: '', headers: {}, queryParameters: { ms: ['0'] } });
    assert.equal(hook.statusCode, 200);
    assert.ok(Number(hook.body) > 50_000 && Number(hook.body) <= 55_000, `web trigger remaining ${hook.body}`);
    await host.app.fireScheduledTrigger('nightly');
    const nightly = (await kvs.get('nightly:remainingMs')) as number;
    assert.ok(nightly > 50_000 && nightly <= 55_000, `scheduled trigger remaining ${nightly}`);
  });

  test('a resolver past its limit fails as Forge fails it: invoke rejects with the timeout, also through the shell’s bridge', async () => {
    host.app.limits.defaultMs = 150;
    const shell = await startShellServer({ app: host.app, defaultAccountId: DEMO_USERS.pm });
    try {
      const started = Date.now();
      await assert.rejects(host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'test-page', functionKey: 'sleep', payload: { ms: 1000 } }), (error: unknown) => {
        assert.ok(error instanceof InvocationTimeout, String(error));
        assert.equal(error.code, 'FUNCTION_TIME_OUT');
        assert.equal(error.message, 'Task timed out after 0.15 seconds');
        return true;
      });
      assert.ok(Date.now() - started < 900, 'the caller is answered at the limit, not when the work ends');
      // Within the limit the same resolver answers.
      assert.equal(await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'test-page', functionKey: 'sleep', payload: { ms: 10 } }), 'awake');
      // The Custom UI bridge's invoke: the shell answers an error, which the bridge script rejects with.
      const res = await fetch(`${shell.url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ moduleKey: 'test-page', functionKey: 'sleep', payload: { ms: 1000 } }) });
      assert.equal(res.status, 500);
      assert.deepEqual(await res.json(), { error: { message: 'Task timed out after 0.15 seconds' } });
    } finally {
      host.app.limits.defaultMs = FORGE_INVOCATION_LIMITS.defaultMs;
      await shell.close();
    }
  });

  test('a timed-out resolver is stopped: what it would still send to Jira never arrives', async () => {
    const summaryNow = async () => ((await (await jiraAs(DEMO_USERS.pm, `/rest/api/3/issue/${issueKey}?fields=summary`)).json()) as { fields: { summary: string } }).fields.summary;
    const before = await summaryNow();
    host.app.limits.defaultMs = 100;
    host.sandbox.knobs.latencyMs = 200;
    try {
      await assert.rejects(
        host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'test-page', functionKey: 'renameSlowly', payload: { key: issueKey, summary: 'Renamed after the limit' } }),
        InvocationTimeout,
      );
      // The read in flight finishes; the rename after it is refused by the runtime.
      await new Promise((done) => setTimeout(done, 500));
    } finally {
      host.app.limits.defaultMs = FORGE_INVOCATION_LIMITS.defaultMs;
      host.sandbox.knobs.latencyMs = 0;
    }
    assert.equal(await summaryNow(), before);
  });

  test('a web trigger past 55 s answers 424 Failed Dependency', async () => {
    host.app.limits.webtriggerMs = 100;
    try {
      const answer = await host.app.runWebtrigger('test-hook', { method: 'GET', path: '/', body: '', headers: {}, queryParameters: { ms: ['400'] } });
      assert.deepEqual(answer, { statusCode: 424, headers: { 'Content-Type': ['text/plain'] }, body: 'Failed Dependency' });
    } finally {
      host.app.limits.webtriggerMs = FORGE_INVOCATION_LIMITS.webtriggerMs;
    }
  });

  test('getRemainingTimeInMillis counts down the invocation’s own limit', async () => {
    const remaining = () => (globalThis as unknown as { __forge_runtime__: { lambdaContext: { getRemainingTimeInMillis(): number } } }).__forge_runtime__.lambdaContext.getRemainingTimeInMillis();
    const [atStart, later] = await runAsInvocation({ moduleKey: 'test-page', budgetMs: 1000 }, async () => {
      const first = remaining();
      await new Promise((done) => setTimeout(done, 200));
      return [first, remaining()];
    });
    assert.ok(atStart > 900 && atStart <= 1000, `at start ${atStart}`);
    assert.ok(later <= atStart - 150 && later > 0, `later ${later}`);
  });
});

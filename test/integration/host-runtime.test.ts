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
import { startTestHost, type TestHost } from '../../local/host/testing';
import { runAsInvocation } from '../../local/host/runtime';

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
  function:
    - { key: resolver, handler: index.handler }
    - { key: on-updated, handler: index.onUpdated }
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
  });

const handlers = {
  handler: resolver.getDefinitions(),
  async onUpdated(event: { eventType: string; issue: { key: string; fields?: { summary?: string } }; atlassianId: string }) {
    const { kvs } = await kvsModule();
    const seen = ((await kvs.get('trigger:events')) as unknown[] | undefined) ?? [];
    await kvs.set('trigger:events', [...seen, { eventType: event.eventType, key: event.issue.key, summary: event.issue.fields?.summary, by: event.atlassianId }]);
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
    return 'done';
  },
  async consume(event: { body: { n: number }; jobId: string; queueName: string }) {
    const { kvs } = await kvsModule();
    await kvs.set(`consumed:${event.body.n}`, { jobId: event.jobId, queue: event.queueName, remainingMs: getAppContext().invocationRemainingTimeInMillis() });
  },
  async validate(event: { issue: { key: string }; transition: { from: { id: string }; to: { id: string } } }) {
    const { kvs } = await kvsModule();
    const res = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}?fields=summary`);
    const issue = (await res.json()) as { fields: { summary: string } };
    if (await kvs.get('block')) return { result: false, errorMessage: `Blocked by test validator: ${issue.fields.summary}` };
    return { result: true };
  },
  async post(event: { issue: { key: string }; transition: { to: { id: string }; transitionName: string } }) {
    const { kvs } = await kvsModule();
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
});

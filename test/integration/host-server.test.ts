/**
 * The local shell against a test sandbox: who the user switcher offers and who acts, app calls
 * as the cookie's user, Custom UI served with the bridge before the bundle, Jira pages read as the
 * acting user, the data folder's reset, and KVS data surviving a restart of the host.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Resolver from '@forge/resolver';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { startShellServer, USER_COOKIE, type ShellServer } from '../../local/host/server';
import { dataPaths, resetData, staleStaticBuilds } from '../../local/host/data';
import { KvsBackend } from '../../local/host/kvs';
import { installForgeRuntime, sandboxJiraTarget } from '../../local/host/runtime';
import { createAppHost } from '../../local/host/app';
import { IssuePanelStore } from '../../local/host/issuePanels';

const MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/7a1b2c3d-0000-4000-8000-000000000002
  runtime: { name: nodejs22.x }
modules:
  jira:projectPage:
    - key: test-project-page
      title: Test app
      resource: test-ui
      resolver: { function: resolver }
      pages:
        - { title: Overview, route: overview }
        - { title: Settings, route: settings }
  jira:globalPage:
    - key: test-global
      title: Test portal
      resource: test-ui
      resolver: { function: resolver }
  jira:adminPage:
    - key: test-admin
      title: Test admin
      resource: test-ui
      resolver: { function: resolver }
  jira:issuePanel:
    - key: test-panel
      title: Test panel
      resource: test-ui
      icon: https://example.com/icon.svg
      resolver: { function: resolver }
  scheduledTrigger:
    - key: weekly-report
      function: report-job
      interval: week
  function:
    - { key: resolver, handler: index.handler }
    - { key: report-job, handler: index.reportJob }
resources:
  - key: test-ui
    path: test-ui/build
`;

const resolver = new Resolver()
  .define('whoami', ({ context }) => ({ accountId: context.accountId, extension: context.extension }))
  .define('remember', async ({ payload }) => {
    const { kvs } = await import('@forge/kvs');
    await kvs.set('remembered', payload);
    return { ok: true };
  })
  .define('recall', async () => {
    const { kvs } = await import('@forge/kvs');
    return { value: (await kvs.get('remembered')) ?? null };
  })
  .define('fail', () => {
    throw new Error('resolver failed on purpose');
  });
const modules = {
  index: {
    handler: resolver.getDefinitions(),
    reportJob: (event: { context: { moduleKey: string } }) => ({ ran: event.context.moduleKey }),
  },
};

let dir: string;
let manifestPath: string;
let host: TestHost;
let shell: ShellServer;

const cookieFor = (accountId: string) => `${USER_COOKIE}=${encodeURIComponent(accountId)}`;
async function get(path: string, accountId?: string) {
  const res = await fetch(shell.url + path, { headers: accountId ? { cookie: cookieFor(accountId) } : {}, redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}
async function postJson(path: string, body: unknown, accountId?: string) {
  const res = await fetch(shell.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(accountId ? { cookie: cookieFor(accountId) } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}
function frameSpecs(html: string): any[] {
  return [...html.matchAll(/data-liaison-frame="([^"]*)"/g)].map((m) => JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')));
}
function siteUser(accountId: string) {
  return host.sandbox.site.users.find((u) => u.accountId === accountId)!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-host-server-'));
  manifestPath = join(dir, 'manifest.yml');
  writeFileSync(manifestPath, MANIFEST);
  mkdirSync(join(dir, 'test-ui', 'build'), { recursive: true });
  writeFileSync(join(dir, 'test-ui', 'build', 'index.html'), '<!doctype html><html><head><title>Test UI</title><link rel="stylesheet" href="./app.css"></head><body><div id="root"></div><script src="./app-123.js"></script></body></html>');
  writeFileSync(join(dir, 'test-ui', 'build', 'app-123.js'), 'document.getElementById("root").textContent = typeof globalThis.__bridge;');
  host = await startTestHost({ manifestPath, modules });
  shell = await startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm });
});

afterAll(async () => {
  await shell?.close();
  await host?.close();
});

describe('acting user', () => {
  test('the switcher lists every active person with their project roles; the PM acts by default', async () => {
    const page = await get('/');
    assert.equal(page.status, 200);
    const people = host.sandbox.site.users.filter((u) => u.accountType === 'atlassian' && u.active);
    assert.ok(people.length >= 9);
    for (const u of people) assert.ok(page.text.includes(`value="${u.accountId}"`), `switcher offers ${u.displayName}`);
    assert.match(page.text, new RegExp(`value="${DEMO_USERS.pm}" role="menuitemradio" aria-checked="true"`));
    assert.match(page.text, new RegExp(`value="${DEMO_USERS.dev1}" role="menuitemradio" aria-checked="false"`));
    assert.ok(page.text.includes('SHOP: '), 'roles are shown per project');
    // The switcher is named "Acting as <name>. Switch user" by its text (the visible part is the name).
    assert.ok(page.text.includes(`<span class="visually-hidden">Acting as ${siteUser(DEMO_USERS.pm).displayName}. Switch user</span>`));
  });

  test('switching sets the liaison-user cookie and returns to the page', async () => {
    const res = await fetch(`${shell.url}/switch-user`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ accountId: DEMO_USERS.dev1, return: '/projects/SHOP/issues' }).toString(),
      redirect: 'manual',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/projects/SHOP/issues');
    assert.match(res.headers.get('set-cookie') ?? '', new RegExp(`^${USER_COOKIE}=${DEMO_USERS.dev1};`));
    const page = await get('/', DEMO_USERS.dev1);
    assert.match(page.text, new RegExp(`value="${DEMO_USERS.dev1}" role="menuitemradio" aria-checked="true"`));
    const unknown = await fetch(`${shell.url}/switch-user`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'accountId=nobody', redirect: 'manual' });
    assert.equal(unknown.status, 400);
  });
});

describe('bridge endpoints', () => {
  test('/api/invoke calls the resolver as the cookie’s user (the PM without a cookie)', async () => {
    const asDefault = await postJson('/api/invoke', { moduleKey: 'test-project-page', functionKey: 'whoami', extension: { project: { key: 'SHOP' } } });
    assert.equal(asDefault.status, 200);
    assert.equal(asDefault.json.result.accountId, DEMO_USERS.pm);
    assert.deepEqual(asDefault.json.result.extension, { type: 'jira:projectPage', project: { key: 'SHOP' } });
    const asClient = await postJson('/api/invoke', { moduleKey: 'test-project-page', functionKey: 'whoami' }, DEMO_USERS.clientPo);
    assert.equal(asClient.json.result.accountId, DEMO_USERS.clientPo);
  });

  test('a resolver error answers 500 with { error: { message } }', async () => {
    const res = await postJson('/api/invoke', { moduleKey: 'test-project-page', functionKey: 'fail' });
    assert.equal(res.status, 500);
    assert.match(res.json.error.message, /resolver failed on purpose/);
  });

  test('fetchProduct reaches Jira as the acting user', async () => {
    const res = await postJson('/api/fetch-product', { product: 'jira', restPath: '/rest/api/3/myself', fetchRequestInit: { method: 'GET', headers: [['accept', 'application/json']] } }, DEMO_USERS.dev2);
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 200);
    assert.equal(JSON.parse(res.json.body).accountId, DEMO_USERS.dev2);
  });

  test('a scheduled trigger can be fired on demand', async () => {
    const res = await postJson('/api/scheduled/weekly-report', {});
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.result, { ran: 'weekly-report' });
    const unknown = await postJson('/api/scheduled/nope', {});
    assert.equal(unknown.status, 500);
    assert.match(unknown.json.error.message, /no scheduledTrigger 'nope'/);
  });

  test('Jira REST under the shell’s own URL (siteUrl) answers as the acting user', async () => {
    const res = await fetch(`${shell.url}/rest/api/3/myself`, { headers: { cookie: cookieFor(DEMO_USERS.dev4) } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { accountId: string }).accountId, DEMO_USERS.dev4);
  });
});

describe('Custom UI resources', () => {
  test('index.html is served with the bridge script before the bundle’s script; other files unchanged', async () => {
    const page = await get('/apps/test-ui/');
    assert.equal(page.status, 200);
    const bridgeAt = page.text.indexOf('<script src="/shell/bridge.js"></script>');
    const bundleAt = page.text.indexOf('<script src="./app-123.js">');
    assert.ok(bridgeAt > 0 && bundleAt > bridgeAt, 'bridge comes before the bundle');
    const js = await get('/apps/test-ui/app-123.js');
    assert.equal(js.text, 'document.getElementById("root").textContent = typeof globalThis.__bridge;');
    const bridge = await get('/shell/bridge.js');
    assert.match(bridge.text, /globalThis\.__bridge = \{ callBridge: callBridge \}/);
    assert.equal((await get('/apps/nope/')).status, 404);
    assert.notEqual((await get('/apps/test-ui/..%2F..%2Fmanifest.yml')).status, 200);
  });

  test('a project page sub-route opens the app with its history base and Forge context', async () => {
    const page = await get('/projects/SHOP/apps/test-project-page/settings', DEMO_USERS.dev3);
    assert.equal(page.status, 200);
    const [frame] = frameSpecs(page.text);
    assert.equal(frame.kind, 'page');
    assert.equal(frame.historyBase, '/projects/SHOP/apps/test-project-page');
    assert.equal(frame.context.accountId, DEMO_USERS.dev3);
    assert.equal(frame.context.moduleKey, 'test-project-page');
    assert.equal(frame.context.extension.type, 'jira:projectPage');
    assert.equal(frame.context.extension.project.key, 'SHOP');
    assert.equal(frame.context.siteUrl, shell.url);
    assert.equal(frame.context.timezone, siteUser(DEMO_USERS.dev3).timeZone);
    assert.match(page.text, /href="\/projects\/SHOP\/apps\/test-project-page\/settings" data-app-route="settings" data-module="test-project-page" aria-current="page"/);
  });

  test('the Forge context carries theme and extension.location; license only for a licensed (production) install, as Forge gives none in development', async () => {
    const [frame] = frameSpecs((await get('/projects/SHOP/apps/test-project-page/settings', DEMO_USERS.dev3)).text);
    assert.equal(frame.context.extension.location, `${shell.url}/projects/SHOP/apps/test-project-page/settings`);
    assert.deepEqual(frame.context.theme, { colorMode: 'light', light: 'light', dark: 'dark', contrastMode: 'no-preference', shape: 'shape', spacing: 'spacing', typography: 'typography', motion: 'motion' });
    assert.equal('license' in frame.context, false);
    assert.equal(frame.context.environmentType, 'DEVELOPMENT');
    const license = {
      active: true, billingPeriod: 'MONTHLY', ccpEntitlementId: 'e-1', ccpEntitlementSlug: 'E-1', isEvaluation: false,
      subscriptionEndDate: null, supportEntitlementNumber: null, trialEndDate: null, type: 'commercial', modes: null,
    };
    const licensed = await startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm, license });
    try {
      const [paid] = frameSpecs(await (await fetch(`${licensed.url}/apps-global/test-global`)).text());
      assert.deepEqual(paid.context.license, license);
      assert.equal(paid.context.environmentType, 'PRODUCTION');
      assert.equal(paid.context.extension.location, `${licensed.url}/apps-global/test-global`);
    } finally {
      await licensed.close();
    }
  });

  test('global and admin pages render their module in the Apps and settings areas', async () => {
    const global = await get('/apps-global/test-global');
    assert.equal(frameSpecs(global.text)[0].context.extension.type, 'jira:globalPage');
    assert.ok(global.text.includes('href="/apps-global/test-global"'), 'listed under Apps');
    const admin = await get('/admin/apps/test-admin');
    assert.equal(frameSpecs(admin.text)[0].context.extension.type, 'jira:adminPage');
    assert.ok(admin.text.includes('href="/admin/apps/test-admin"'), 'listed under the settings gear');
    assert.equal((await get('/apps-global/nope')).status, 404);
  });
});

describe('Jira pages as the acting user', () => {
  test('the issue list shows what the user may browse; an outsider gets Jira’s not-found', async () => {
    const shopIssues = host.sandbox.site.issues.filter((i) => i.projectId === host.sandbox.site.projects.find((p) => p.key === 'SHOP')!.id);
    const list = await get('/projects/SHOP/issues', DEMO_USERS.dev1);
    assert.equal(list.status, 200);
    const keys = [...list.text.matchAll(/<td class="key"><a href="\/browse\/([A-Z]+-\d+)">/g)].map((m) => m[1]);
    assert.equal(keys.length, Math.min(50, shopIssues.length));
    assert.ok(keys.every((k) => k.startsWith('SHOP-')));
    const outsider = await get('/projects/SHOP/issues', DEMO_USERS.outsider);
    assert.equal(outsider.status, 404);
    assert.match(outsider.text, /We can(&#39;|')t find/);
  });

  test('a JQL error is shown as Jira reports it', async () => {
    const page = await get(`/projects/SHOP/issues?jql=${encodeURIComponent('project = SHOP AND nosuchfield = 1')}`);
    assert.equal(page.status, 200);
    const message = /<div class="section-message error"[^>]*>(.*?)<\/div><\/div>/s.exec(page.text)?.[1] ?? '';
    assert.match(message, /Your JQL could not be run/);
    assert.match(message, /nosuchfield/, 'Jira’s message names the unknown field');
  });

  test('the issue view shows the issue read as the user; a client cannot open another project’s issue', async () => {
    const site = host.sandbox.site;
    const shop = site.projects.find((p) => p.key === 'SHOP')!;
    const issue = site.issues.find((i) => i.projectId === shop.id)!;
    const view = await get(`/browse/${issue.key}`);
    assert.equal(view.status, 200);
    assert.ok(view.text.includes(`<span aria-current="page">${issue.key}</span>`));
    assert.ok(view.text.includes(issue.summary.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&#39;').replace(/"/g, '&quot;')));
    const other = site.issues.find((i) => i.projectId !== shop.id);
    if (other) {
      const denied = await get(`/browse/${other.key}`, DEMO_USERS.clientPo);
      assert.equal(denied.status, 404);
    }
  });
});

describe('issue panels, as Jira shows them', () => {
  const shopIssues = () => host.sandbox.site.issues.filter((i) => i.projectId === host.sandbox.site.projects.find((p) => p.key === 'SHOP')!.id);
  const panelFrames = (html: string) => frameSpecs(html).filter((f) => f.kind === 'panel');
  async function panelAction(key: string, action: string, accountId: string) {
    const res = await fetch(`${shell.url}/browse/${key}/panels`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieFor(accountId) },
      body: new URLSearchParams({ action, moduleKey: 'test-panel' }).toString(),
    });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  test('a panel shows on an issue once a user added it from the apps menu, to everyone who views that issue', async () => {
    const [first, second] = shopIssues();
    const before = await get(`/browse/${first.key}`, DEMO_USERS.dev1);
    assert.deepEqual(panelFrames(before.text), []);
    assert.match(before.text, /<button class="button add-panel" type="submit" data-add-panel-resource="test-ui">.*Test panel<\/button>/);

    const added = await panelAction(first.key, 'add', DEMO_USERS.dev1);
    assert.equal(added.status, 303);
    assert.equal(added.location, `/browse/${first.key}?added=test-panel`);
    const justAdded = panelFrames((await get(added.location!, DEMO_USERS.dev1)).text);
    assert.equal(justAdded.length, 1);
    assert.equal(justAdded[0].context.extension.isNewToIssue, true);
    assert.equal(justAdded[0].context.extension.issue.key, first.key);

    const later = panelFrames((await get(`/browse/${first.key}`, DEMO_USERS.pm)).text);
    assert.equal(later.length, 1, 'another person sees the panel added to the issue');
    assert.equal(later[0].context.extension.isNewToIssue, false);
    assert.deepEqual(panelFrames((await get(`/browse/${second.key}`, DEMO_USERS.dev1)).text), [], 'only on the issue it was added to');

    assert.equal((await panelAction(first.key, 'remove', DEMO_USERS.dev1)).status, 303);
    assert.deepEqual(panelFrames((await get(`/browse/${first.key}`, DEMO_USERS.dev1)).text), []);
  });

  test('only a Jira administrator shows a panel on every issue, and hides it again', async () => {
    const [first, , third] = shopIssues();
    const refused = await panelAction(first.key, 'show-all', DEMO_USERS.dev1);
    assert.equal(refused.status, 403);
    assert.match(refused.text, /Only Jira administrators can show a panel on all work items/);
    assert.doesNotMatch((await get(`/browse/${first.key}`, DEMO_USERS.dev1)).text, /all work items/, 'no such option for others');

    assert.equal((await panelAction(first.key, 'show-all', DEMO_USERS.pm)).status, 303);
    assert.equal(panelFrames((await get(`/browse/${third.key}`, DEMO_USERS.dev2)).text).length, 1);
    assert.match((await get(`/browse/${third.key}`, DEMO_USERS.pm)).text, /Hide from all work items/);
    assert.equal((await panelAction(third.key, 'hide-all', DEMO_USERS.pm)).status, 303);
    assert.deepEqual(panelFrames((await get(`/browse/${third.key}`, DEMO_USERS.dev2)).text), []);
  });

  test('a panel cannot be added to an issue the user cannot see, nor one the manifest lacks', async () => {
    const other = host.sandbox.site.issues.find((i) => i.projectId !== host.sandbox.site.projects.find((p) => p.key === 'SHOP')!.id);
    if (other) assert.equal((await panelAction(other.key, 'add', DEMO_USERS.clientPo)).status, 404);
    const res = await fetch(`${shell.url}/browse/${shopIssues()[0].key}/panels`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieFor(DEMO_USERS.dev1) },
      body: new URLSearchParams({ action: 'add', moduleKey: 'no-such-panel' }).toString(),
    });
    assert.equal(res.status, 400);
  });

  test('what was added is kept in the host’s data folder', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'liaison-panels-')), 'issue-panels.json');
    const store = new IssuePanelStore({ file });
    store.add('10001', 'test-panel');
    store.setShownForAll('other-panel', true);
    const reopened = new IssuePanelStore({ file });
    assert.equal(reopened.shows('10001', 'test-panel'), true);
    assert.equal(reopened.shows('10002', 'test-panel'), false);
    assert.equal(reopened.shows('10002', 'other-panel'), true);
  });
});

describe('data folder and persistence', () => {
  test('--reset wipes the data folder; stale Custom UI builds are detected', () => {
    const root = mkdtempSync(join(tmpdir(), 'liaison-data-'));
    const paths = dataPaths(root);
    assert.equal(paths.kvsFile, join(root, '.liaison-data', 'kvs.json'));
    assert.equal(paths.siteFile, join(root, '.liaison-data', 'site.json'));
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.kvsFile, '{}');
    resetData(paths);
    assert.equal(existsSync(paths.dir), false);

    mkdirSync(join(root, 'static', 'panel', 'src'), { recursive: true });
    mkdirSync(join(root, 'static', 'common'), { recursive: true });
    writeFileSync(join(root, 'static', 'panel', 'src', 'index.tsx'), 'x');
    assert.deepEqual(staleStaticBuilds(root), ['panel'], 'no build yet');
    mkdirSync(join(root, 'static', 'panel', 'build'), { recursive: true });
    writeFileSync(join(root, 'static', 'panel', 'build', 'index.html'), '<html></html>');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, 'static', 'panel', 'src', 'index.tsx'), past, past);
    assert.deepEqual(staleStaticBuilds(root), [], 'build newer than its sources');
    writeFileSync(join(root, 'static', 'common', 'shared.ts'), 'y');
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'static', 'common', 'shared.ts'), future, future);
    assert.deepEqual(staleStaticBuilds(root), ['panel'], 'shared code changed after the build');
  });

  test('KVS data written through the shell survives a restart of the host', async () => {
    const paths = dataPaths(mkdtempSync(join(tmpdir(), 'liaison-restart-')));
    const startHost = async () => {
      const kvs = new KvsBackend({ entities: host.app.manifest.entities, dataFile: paths.kvsFile });
      installForgeRuntime({ jira: sandboxJiraTarget(host.sandbox.url), kvs, manifest: host.app.manifest });
      const app = await createAppHost({ manifest: host.app.manifest, modules });
      return { kvs, shell: await startShellServer({ app, port: 0, defaultAccountId: DEMO_USERS.pm }) };
    };
    const first = await startHost();
    const call = async (s: ShellServer, functionKey: string, payload?: unknown) =>
      (await (await fetch(`${s.url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ moduleKey: 'test-project-page', functionKey, payload }) })).json()) as any;
    assert.deepEqual((await call(first.shell, 'remember', { plan: 'weekly' })).result, { ok: true });
    await first.shell.close();
    await first.kvs.close();
    assert.ok(existsSync(paths.kvsFile));

    const second = await startHost();
    try {
      assert.deepEqual((await call(second.shell, 'recall')).result, { value: { plan: 'weekly' } });
    } finally {
      await second.shell.close();
      await second.kvs.close();
      installForgeRuntime({ jira: sandboxJiraTarget(host.sandbox.url), kvs: host.kvs, manifest: host.app.manifest });
    }
  });
});

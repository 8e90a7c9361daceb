/**
 * The shell's Dashboards page with the app's jira:dashboardGadget: each person's own dashboard
 * holds the gadget; an unconfigured gadget opens its edit view (entryPoint 'edit'); the edit
 * view's submit saves the configuration per dashboard, which only the dashboard's owner may do,
 * and the gadget then runs with it as `gadgetConfiguration` — and it survives a shell restart.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../../local/demo/site';
import { startShellServer, USER_COOKIE, type ShellServer } from '../../local/host/server';
import { startTestHost, type TestHost } from '../../local/host/testing';

let host: TestHost;
let shell: ShellServer;
let dir: string;

const cookie = (accountId: string) => `${USER_COOKIE}=${encodeURIComponent(accountId)}`;

async function get(path: string, accountId: string) {
  const res = await fetch(shell.url + path, { headers: { cookie: cookie(accountId) }, redirect: 'manual' });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

async function post(path: string, body: unknown, accountId: string) {
  const res = await fetch(shell.url + path, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie(accountId) }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

function frameSpecs(html: string): any[] {
  return [...html.matchAll(/data-liaison-frame="([^"]*)"/g)].map((m) => JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')));
}

async function dashboardOf(accountId: string): Promise<{ path: string; html: string }> {
  const redirect = await get('/dashboards', accountId);
  assert.equal(redirect.status, 303);
  assert.match(redirect.location ?? '', /^\/dashboards\/\d+$/);
  const page = await get(redirect.location!, accountId);
  assert.equal(page.status, 200);
  return { path: redirect.location!, html: page.text };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'liaison-dashboards-'));
  host = await startTestHost();
  shell = await startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm, dashboardsFile: join(dir, 'dashboards.json') });
});
afterAll(async () => {
  await shell?.close();
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Dashboards page', () => {
  let pmDashboard: string;
  let gadgetId: string;

  test("a person's own dashboard shows the red flags gadget, unconfigured: its edit view", async () => {
    const { path, html } = await dashboardOf(DEMO_USERS.pm);
    pmDashboard = path.split('/').pop()!;
    assert.match(html, /<a class="nav-item" href="\/dashboards" aria-current="page">Dashboards<\/a>/);
    const [frame] = frameSpecs(html);
    assert.equal(frame.kind, 'gadget-edit');
    assert.equal(frame.moduleKey, 'liaison-flags-gadget');
    assert.equal(frame.resource, 'flags-gadget');
    assert.equal(frame.context.extension.type, 'jira:dashboardGadget');
    assert.equal(frame.context.extension.entryPoint, 'edit');
    assert.deepEqual(frame.context.extension.gadgetConfiguration, {});
    assert.equal(frame.context.extension.dashboard.id, pmDashboard);
    gadgetId = frame.context.extension.gadget.id;
    assert.equal(frame.gadget.gadgetId, gadgetId);
  });

  test('only the owner may save the configuration; it must be an object', async () => {
    const other = await post('/api/gadget-config', { dashboardId: pmDashboard, gadgetId, config: { projectKey: 'SHOP' } }, DEMO_USERS.clientPo);
    assert.equal(other.status, 403);
    assert.equal((await post('/api/gadget-config', { dashboardId: pmDashboard, gadgetId, config: 'SHOP' }, DEMO_USERS.pm)).status, 400);
    assert.equal((await post('/api/gadget-config', { dashboardId: pmDashboard, gadgetId: 'nope', config: {} }, DEMO_USERS.pm)).status, 404);
    const { html } = await dashboardOf(DEMO_USERS.pm);
    assert.equal(frameSpecs(html)[0].kind, 'gadget-edit', 'still unconfigured');
  });

  test('the saved configuration reaches the gadget as gadgetConfiguration; Edit opens the edit view with it', async () => {
    assert.equal((await post('/api/gadget-config', { dashboardId: pmDashboard, gadgetId, config: { projectKey: 'SHOP', refresh: 15 } }, DEMO_USERS.pm)).status, 204);
    const { path, html } = await dashboardOf(DEMO_USERS.pm);
    const [view] = frameSpecs(html);
    assert.equal(view.kind, 'gadget');
    assert.equal(view.context.extension.entryPoint, undefined);
    assert.deepEqual(view.context.extension.gadgetConfiguration, { projectKey: 'SHOP', refresh: 15 });
    assert.match(html, new RegExp(`href="${path}\\?edit=${gadgetId}">Edit`));
    const edit = await get(`${path}?edit=${gadgetId}`, DEMO_USERS.pm);
    const [editing] = frameSpecs(edit.text);
    assert.equal(editing.kind, 'gadget-edit');
    assert.deepEqual(editing.context.extension.gadgetConfiguration, { projectKey: 'SHOP', refresh: 15 });
  });

  test("another person's dashboard is their own; the PM's is not shown to them", async () => {
    const { path, html } = await dashboardOf(DEMO_USERS.clientPo);
    assert.notEqual(path.split('/').pop(), pmDashboard);
    assert.equal(frameSpecs(html)[0].kind, 'gadget-edit');
    assert.equal((await get(`/dashboards/${pmDashboard}`, DEMO_USERS.clientPo)).status, 404);
  });

  test('configurations survive a restart of the shell (kept in the data folder)', async () => {
    await shell.close();
    shell = await startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm, dashboardsFile: join(dir, 'dashboards.json') });
    const { html } = await dashboardOf(DEMO_USERS.pm);
    assert.deepEqual(frameSpecs(html)[0].context.extension.gadgetConfiguration, { projectKey: 'SHOP', refresh: 15 });
  });
});

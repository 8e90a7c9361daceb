/**
 * The admin page declared `useAsConfig: true` is where Jira puts it: not on the settings sidebar
 * or menu, but behind Settings → Apps → Manage apps → Configure, at
 * `/jira/settings/apps/configure/{appId}/{envId}` (here `/admin/apps/configure/{appId}/{envId}`).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { runtimeIds } from '../../local/host/runtime';
import { startShellServer, type ShellServer } from '../../local/host/server';
import { startTestHost, type TestHost } from '../../local/host/testing';

let host: TestHost;
let shell: ShellServer;
let configure: string;

beforeAll(async () => {
  host = await startTestHost();
  shell = await startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm });
  const { appId, environmentId } = runtimeIds();
  configure = `/admin/apps/configure/${appId}/${environmentId}`;
});
afterAll(async () => {
  await shell?.close();
  await host?.close();
});

const get = async (path: string) => {
  const response = await fetch(`${shell.url}${path}`, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
};

describe('the Configure page', () => {
  test('the settings menu offers Manage apps, not the Configure page itself', async () => {
    const home = await get('/');
    assert.equal(home.status, 200);
    assert.ok(home.text.includes('href="/admin/manage-apps"'));
    assert.ok(!home.text.includes('href="/admin/apps/liaison-admin"'), 'the useAsConfig page is not in the menu');
  });

  test('Manage apps lists Liaison with a Configure button to the configure address, which shows the admin page', async () => {
    const manage = await get('/admin/manage-apps');
    assert.equal(manage.status, 200);
    assert.ok(manage.text.includes(`href="${configure}">Configure</a>`), 'a Configure button');
    const page = await get(configure);
    assert.equal(page.status, 200);
    assert.match(page.text, /Manage apps/);
    assert.ok(page.text.includes('admin-page'), 'the admin page resource is framed');
    assert.ok(!page.text.includes('href="/admin/apps/liaison-admin"'), 'no sidebar entry for it');
  });

  test('an old sidebar address redirects to Configure; another app or environment is not found', async () => {
    const old = await get('/admin/apps/liaison-admin');
    assert.equal(old.status, 303);
    assert.equal(old.location, configure);
    assert.equal((await get('/admin/apps/configure/someone-else/env')).status, 404);
  });
});

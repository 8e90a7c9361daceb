/**
 * The client portal's home on a phone-width window (390 px), against `npm start`'s local host:
 * Hannah (a SHOP client) sees, from the one portal.home call, the project's status from the latest
 * published client report, her open ask, the client-visible flag and the published report — and
 * not the internal flag; nothing overflows sideways. Grace (a client of OPS only) sees no SHOP.
 * Screenshots go to test-results/portal-*.png.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrameShowing, browserAvailable, browserSession, CHROMIUM_PATH, screenshot } from './support';

const ROOT = resolve(__dirname, '..', '..');
const PORTAL_PATH = '/apps-global/liaison-portal';
const TEST_TIMEOUT = 120_000;
const ASK = 'Approve the checkout copy deck';
const SHARED_NOTE = 'New payment provider: the client signs the contract';
const INTERNAL_NOTE = 'Vendor contract renegotiation may slip the payment work';
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A resolver call as a demo person, the way the Custom UI bridge makes it through the shell. */
async function invokeAs(hostUrl: string, accountId: string, moduleKey: string, functionKey: string, payload: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${hostUrl}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `liaison-user=${accountId}` },
    body: JSON.stringify({ moduleKey, functionKey, payload }),
  });
  const body = (await response.json()) as { result?: { ok: boolean; data?: unknown; error?: unknown } };
  assert.equal(body.result?.ok, true, `${functionKey}: ${JSON.stringify(body).slice(0, 400)}`);
  return body.result!.data;
}

describe('the portal home on a phone', { skip: browserAvailable ? false : `no Chromium at ${CHROMIUM_PATH}` }, () => {
  const session = browserSession({
    prepare: () => {
      if (!existsSync(join(ROOT, 'static/global-page/build/index.html'))) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-static.ts'], { cwd: ROOT, stdio: 'inherit' });
    },
  });

  test('the team prepares: an ask to Hannah, a shared and an internal flag, a published client report', { timeout: TEST_TIMEOUT }, async () => {
    const url = session.host.url;
    const { pm } = DEMO_USERS;
    await invokeAs(url, pm, 'client-ask-panel', 'asks.set', { issueKey: 'SHOP-15', client: DEMO_USERS.clientPo, ask: ASK, due: daysFromNow(5) });
    await invokeAs(url, pm, 'red-flags-panel', 'flags.raise', { issueKey: 'SHOP-12', category: 'uncharted-territory', severity: 'high', note: SHARED_NOTE, clientVisible: true });
    await invokeAs(url, pm, 'red-flags-panel', 'flags.raise', { issueKey: 'SHOP-20', category: 'schedule-slip', severity: 'critical', note: INTERNAL_NOTE, clientVisible: false });
    const draft = await invokeAs(url, pm, 'liaison-project', 'reports.saveDraft', { projectKey: 'SHOP', period: { kind: 'week', date: daysFromNow(-7) }, audience: 'client' });
    await invokeAs(url, pm, 'liaison-project', 'reports.publish', { projectKey: 'SHOP', reportId: draft.id, version: draft.version });
  });

  test('Hannah at 390 px: status, her ask, the shared flag and the report, no internal flag, no sideways scrolling', { timeout: TEST_TIMEOUT }, async () => {
    const page = await session.pageAs(DEMO_USERS.clientPo);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(session.host.url + PORTAL_PATH);
    const frame = await appFrameShowing(page, 'global-page', (f) => f.getByTestId('portal-summary-SHOP'));
    const summary = frame.getByTestId('portal-summary-SHOP');
    const text = await summary.innerText();
    assert.match(await summary.getByTestId('portal-status').innerText(), /^(On track|At risk|Off track)\s+from the client report for /);
    assert.match(text, new RegExp(`Your open asks \\(1\\)[\\s\\S]*SHOP-15[\\s\\S]*${ASK}`));
    assert.match(text, new RegExp(`Open red flags \\(1\\)[\\s\\S]*High[\\s\\S]*SHOP-12[\\s\\S]*${SHARED_NOTE}`));
    assert.match(text, /Published reports \(1\)/);
    assert.equal((await frame.locator('body').innerText()).includes(INTERNAL_NOTE), false, 'the internal flag note shows');
    assert.equal(await frame.getByTestId('portal-card-OPS').count(), 0);
    // Usable on a phone: the app does not scroll sideways inside its frame.
    const appOverflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(appOverflow <= 1, `the portal is ${appOverflow}px wider than its frame`);
    await screenshot(page, 'portal-1-client-phone', 'global-page');
    // The app's frame fits the window (the shell's own top bar, Jira's stand-in, is not the app).
    const frameBox = await page.locator('iframe[src*="/apps/global-page/"]').boundingBox();
    assert.ok(frameBox && frameBox.x >= 0 && frameBox.x + frameBox.width <= 391, `the app frame spans ${JSON.stringify(frameBox)}`);
  });

  test('the PM shares the published client report by link; anyone opens it; revoked, it is not available', { timeout: TEST_TIMEOUT }, async () => {
    const page = await session.openAs(DEMO_USERS.pm, '/projects/SHOP/apps/liaison-project/settings');
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('sharing-section'));
    await frame.getByLabel('Let managers and approvers share published client reports by link').check();
    await frame.getByRole('button', { name: 'Save settings' }).click();
    const links = frame.getByTestId('share-links');
    await links.getByRole('button', { name: 'Make link' }).waitFor({ timeout: 30_000 });
    await links.getByLabel('Works for (days, 1–90)').fill('7');
    await links.getByRole('button', { name: 'Make link' }).click();
    const made = links.getByLabel(/^New link \(works until /);
    await made.waitFor({ timeout: 30_000 });
    const url = await made.inputValue();
    assert.match(url, new RegExp(`^${session.host.url}/x1/report-share\\?t=`));
    await links.getByTestId('share-link-active').waitFor();
    await screenshot(page, 'portal-3-share-link', 'project-page');

    // Someone without Jira: a fresh browser page with no user at all.
    const outsider = await session.pageAs(DEMO_USERS.outsider);
    await outsider.context().clearCookies();
    const opened = await outsider.goto(url);
    assert.equal(opened?.status(), 200);
    assert.match(await outsider.locator('h1').first().innerText(), /Northwind web shop relaunch/);
    assert.equal((await outsider.locator('body').innerText()).includes(INTERNAL_NOTE), false);
    await screenshot(outsider, 'portal-4-shared-report');

    await links.getByTestId('share-link-active').getByRole('button', { name: 'Revoke' }).click();
    await links.getByTestId('share-link-revoked').waitFor({ timeout: 30_000 });
    const dead = await outsider.goto(url);
    assert.equal(dead?.status(), 404);
    assert.match(await outsider.locator('h1').innerText(), /^This link is not available$/);
    const revokedPage = await dead!.text();
    await screenshot(outsider, 'portal-5-revoked-link');
    // A tampered link answers the very same page: nothing tells a revoked report from none at all.
    const tampered = await outsider.goto(url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    assert.equal(tampered?.status(), 404);
    assert.equal(await tampered!.text(), revokedPage);
  });

  test('Grace, a client of OPS only, sees OPS and nothing of SHOP', { timeout: TEST_TIMEOUT }, async () => {
    const page = await session.openAs(DEMO_USERS.clientOps, PORTAL_PATH);
    const frame = await appFrameShowing(page, 'global-page', (f) => f.getByTestId('portal-summary-OPS'));
    const body = await frame.locator('body').innerText();
    assert.equal(/SHOP|Northwind|Hannah/.test(body), false, 'SHOP shows to a client of OPS');
    await screenshot(page, 'portal-2-other-client', 'global-page');
  });
});

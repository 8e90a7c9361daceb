/**
 * The client portal's home, against `npm start`'s local host. Its first load is exactly one
 * resolver call (portal.home, counted at the host's /api/invoke): Hannah (a SHOP client) sees her
 * asks, her change requests and the published report from it; a withdrawal reads her change
 * requests again, and "Show all reports" is the only thing that lists reports beyond the home's
 * newest few. On a phone-width window (390 px) she sees the project's status from the latest
 * published client report, her open ask, the client-visible flag and the published report — and
 * not the internal flag; nothing overflows sideways. Grace (a client of OPS only) sees no SHOP.
 * Screenshots go to test-results/portal-*.png.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_USERS } from '../../local/demo/site';
import type { Page } from 'playwright-core';
import { appFrameShowing, browserAvailable, browserSession, CHROMIUM_PATH, eventually, holdBackNextAnswer, screenshot } from './support';

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

/**
 * Watches a page's network from before it loads: `calls` are the resolver calls it makes (the
 * shell's bridge posts each to the host's /api/invoke), by function key in order; `idle()` waits
 * until no request of any kind (resolver, bundle chunk, ...) has been in flight for `quietMs`.
 */
function watchRequests(page: Page) {
  const calls: string[] = [];
  let inFlight = 0;
  let lastActivity = Date.now();
  page.on('request', (request) => {
    inFlight += 1;
    lastActivity = Date.now();
    if (new URL(request.url()).pathname !== '/api/invoke') return;
    const body = request.postDataJSON() as { functionKey?: string } | null;
    calls.push(String(body?.functionKey));
  });
  const settled = () => {
    inFlight -= 1;
    lastActivity = Date.now();
  };
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  return {
    calls,
    async idle(quietMs = 2_000): Promise<void> {
      await eventually(async () => assert.ok(inFlight === 0 && Date.now() - lastActivity >= quietMs, `${inFlight} request(s) in flight`), { timeout: 30_000, interval: 100 });
    },
  };
}

(browserAvailable ? describe : describe.skip)('the portal home on a phone', () => {
  // On the bundle Forge's bundler builds (what forge deploy ships), so a packaging regression fails here too.
  const session = browserSession({
    prepare: () => {
      if (!existsSync(join(ROOT, 'static/global-page/build/index.html'))) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-static.ts'], { cwd: ROOT, stdio: 'inherit' });
    },
    bundle: true,
  });

  test('the team prepares: an ask to Hannah, a shared and an internal flag, a published client report', async () => {
    const url = session.host.url;
    const { pm } = DEMO_USERS;
    await invokeAs(url, pm, 'client-ask-panel', 'asks.set', { issueKey: 'SHOP-15', client: DEMO_USERS.clientPo, ask: ASK, due: daysFromNow(5) });
    await invokeAs(url, pm, 'red-flags-panel', 'flags.raise', { issueKey: 'SHOP-12', category: 'uncharted-territory', severity: 'high', note: SHARED_NOTE, clientVisible: true });
    await invokeAs(url, pm, 'red-flags-panel', 'flags.raise', { issueKey: 'SHOP-20', category: 'schedule-slip', severity: 'critical', note: INTERNAL_NOTE, clientVisible: false });
    const draft = await invokeAs(url, pm, 'liaison-project', 'reports.saveDraft', { projectKey: 'SHOP', period: { kind: 'week', date: daysFromNow(-7) }, audience: 'client' });
    await invokeAs(url, pm, 'liaison-project', 'reports.publish', { projectKey: 'SHOP', reportId: draft.id, version: draft.version });
  }, TEST_TIMEOUT);

  test("Hannah's home is one resolver call and shows her asks, change requests and report; a withdrawal reads her change requests again", async () => {
    const hers = (await invokeAs(session.host.url, DEMO_USERS.clientPo, 'liaison-portal', 'changes.mine', {})).projects.find((p: any) => p.projectKey === 'SHOP').changes as { issueKey: string; can: { withdraw: boolean } }[];
    assert.ok(hers.length >= 2 && hers.some((c) => c.can.withdraw), 'the demo site gives Hannah change requests, one she may withdraw');
    const page = await session.pageAs(DEMO_USERS.clientPo);
    const watch = watchRequests(page);
    await page.goto(session.host.url + PORTAL_PATH);
    const frame = await appFrameShowing(page, 'global-page', (f) => f.getByTestId('portal-reports-SHOP'));
    await watch.idle();
    console.log(`portal home as Hannah, first load: ${watch.calls.length} resolver call(s): ${watch.calls.join(', ')}`);
    assert.deepEqual(watch.calls, ['portal.home']);

    // Her ask, her change requests (the same ones changes.mine lists for her) and the published report.
    assert.match(await frame.getByTestId('my-ask-SHOP-15').innerText(), new RegExp(ASK));
    const cards = frame.getByTestId('my-changes-SHOP').locator('li[data-testid^="my-change-"]');
    const shownKeys = await cards.evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')!.replace('my-change-', '')));
    assert.deepEqual(shownKeys.sort(), hers.map((c) => c.issueKey).sort());
    const reports = frame.getByTestId('portal-reports-SHOP');
    assert.equal(await reports.getByTestId('portal-report-item').count(), 1);
    assert.equal(await reports.getByRole('button', { name: /^Show all/ }).count(), 0, 'one report: nothing more to show');
    await screenshot(page, 'portal-0-client-home', 'global-page');

    // A withdrawal: the write, then her change requests read again (the card's step comes from that read).
    const withdrawable = hers.find((c) => c.can.withdraw)!.issueKey;
    watch.calls.length = 0;
    const card = frame.getByTestId(`my-change-${withdrawable}`);
    await card.getByRole('button', { name: `Withdraw ${withdrawable}` }).click();
    const form = card.getByRole('form', { name: `Withdraw ${withdrawable}` });
    await form.getByLabel('Why you withdraw it').fill('We will do this ourselves.');
    await form.getByRole('button', { name: 'Withdraw change request' }).click();
    await eventually(async () => assert.equal(await frame.getByTestId(`my-change-${withdrawable}`).getAttribute('data-step'), 'withdrawn'), { timeout: 30_000 });
    await watch.idle();
    console.log(`after withdrawing ${withdrawable}: ${watch.calls.join(', ')}`);
    assert.deepEqual(watch.calls, ['changes.withdraw', 'changes.mine']);

    // Read again, the project card lists it as withdrawn, once (the step already says the outcome).
    await page.reload();
    const again = await appFrameShowing(page, 'global-page', (f) => f.getByTestId('portal-summary-SHOP'));
    const line = again.getByTestId('portal-summary-SHOP').locator('li', { hasText: withdrawable });
    const text = await line.innerText();
    assert.match(text, /· Withdrawn$/);
    assert.equal(text.match(/Withdrawn/g)?.length, 1, text);
  }, TEST_TIMEOUT);

  test('Hannah at 390 px: status, her ask, the shared flag and the report, no internal flag, no sideways scrolling', async () => {
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
  }, TEST_TIMEOUT);

  test('the PM shares the published client report by link; anyone opens it; revoked, it is not available', async () => {
    const page = await session.openAs(DEMO_USERS.pm, '/projects/SHOP/apps/liaison-project/settings');
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('sharing-section'));
    // Saving makes the links list read again. That read's answer (taken before the new link exists)
    // is held back 3 s, so it arrives after the read that follows the new link, as a slow host may
    // deliver it: the older answer must not hide the link just made.
    await frame.getByLabel('Let managers and approvers share published client reports by link').check();
    const held = await holdBackNextAnswer(page, (call) => call.functionKey === 'shares.list');
    await frame.getByRole('button', { name: 'Save settings' }).click();
    const links = frame.getByTestId('share-links');
    await links.getByRole('button', { name: 'Make link' }).waitFor({ timeout: 30_000 });
    await links.getByLabel(/^Works for \(days, 1 to 90\)/).fill('7');
    await links.getByRole('button', { name: 'Make link' }).click();
    const made = links.getByLabel(/^New link \(works until /);
    await made.waitFor({ timeout: 30_000 });
    const url = await made.inputValue();
    assert.match(url, new RegExp(`^${session.host.url}/public/report-share\\?t=`));
    await links.getByTestId('share-link-active').waitFor();
    await held.delivered;
    await page.waitForTimeout(500);
    assert.equal(await links.getByTestId('share-link-active').count(), 1, 'the link just made is still listed once the older answer has arrived');
    await page.unroute('**/api/invoke');
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
  }, TEST_TIMEOUT);

  test('Grace, a client of OPS only, sees OPS and nothing of SHOP', async () => {
    const page = await session.openAs(DEMO_USERS.clientOps, PORTAL_PATH);
    const frame = await appFrameShowing(page, 'global-page', (f) => f.getByTestId('portal-summary-OPS'));
    const body = await frame.locator('body').innerText();
    assert.equal(/SHOP|Northwind|Hannah/.test(body), false, 'SHOP shows to a client of OPS');
    await screenshot(page, 'portal-2-other-client', 'global-page');
  }, TEST_TIMEOUT);

  test('with more reports published than the home lists, only "Show all reports" lists the rest (one reports.list call)', async () => {
    const { pm } = DEMO_USERS;
    // Five more published client reports: six in all, one more than the home carries.
    for (const weeksAgo of [2, 3, 4, 5, 6]) {
      const draft = await invokeAs(session.host.url, pm, 'liaison-project', 'reports.saveDraft', { projectKey: 'SHOP', period: { kind: 'week', date: daysFromNow(-7 * weeksAgo) }, audience: 'client' });
      await invokeAs(session.host.url, pm, 'liaison-project', 'reports.publish', { projectKey: 'SHOP', reportId: draft.id, version: draft.version });
    }
    const page = await session.pageAs(DEMO_USERS.clientPo);
    const watch = watchRequests(page);
    await page.goto(session.host.url + PORTAL_PATH);
    const frame = await appFrameShowing(page, 'global-page', (f) => f.getByTestId('portal-reports-SHOP'));
    await watch.idle();
    assert.deepEqual(watch.calls, ['portal.home']);
    const reports = frame.getByTestId('portal-reports-SHOP');
    const items = reports.getByTestId('portal-report-item');
    assert.equal(await items.count(), 5);
    const newestFive = await items.allInnerTexts();
    assert.match(await frame.getByTestId('portal-summary-SHOP').innerText(), /Published reports \(5\+\)/);
    await reports.getByRole('button', { name: 'Show all reports' }).click();
    await eventually(async () => assert.equal(await items.count(), 6), { timeout: 30_000 });
    // The same newest five first, then the one the home left out (the first published, in test 1).
    const all = await items.allInnerTexts();
    assert.deepEqual(all.slice(0, 5), newestFive);
    const periods = all.map((text) => text.split(' · ')[0]);
    assert.equal(new Set(periods).size, 6, `six weeks: ${periods.join('; ')}`);
    await watch.idle();
    console.log(`portal home as Hannah, then "Show all reports": ${watch.calls.join(', ')}`);
    assert.deepEqual(watch.calls, ['portal.home', 'reports.list']);
    assert.equal(await reports.getByRole('button', { name: /^Show all/ }).count(), 0);
    await screenshot(page, 'portal-6-all-reports', 'global-page');
  }, 5 * TEST_TIMEOUT);
});

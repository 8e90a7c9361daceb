/**
 * Reminders, the PM's digest and the PM's home (issue 14, points 2 and 3), against `npm start`'s
 * local host. Maya switches reminders on in Settings' communication plan (through the app's own
 * resolvers), sets two asks to Hannah; time passes (the host is stopped and one ask's record moved
 * three days into the past in its storage file — an ask cannot be set with a past due date); the
 * hourly job is fired as Forge would fire it: Hannah gets a reminder for the ask due tomorrow and one
 * for the overdue ask (the sandbox's recorded Jira notifications), and Maya's digest lists the
 * overdue ask. Maya's Settings preview says the same, and her Liaison home lists both asks with
 * the filters' counts; "Overdue" shows only the overdue one.
 * Screenshots: test-results/reminders-home-*.png, reminders-settings-preview.png.
 */
import { describe, test, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { zonedDateTime } from '../../src/platform/domain/time';
import { appFrameShowing, browserAvailable, buildIfMissing, contextAs, eventually, launchBrowser, removeDataDir, screenshot, startHost, type RunningHost } from './support';

const TEST_TIMEOUT = 180_000;
const PORTAL_PATH = '/apps-global/liaison-portal';
const SETTINGS_PATH = '/projects/SHOP/apps/liaison-project/settings';
const DUE_TOMORROW = 'SHOP-20';
const OVERDUE = 'SHOP-21';
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A zone where it is office hours (09:00-16:59) now: escalations and the digest follow the team's clock. */
function officeHoursZone(): string {
  return ['UTC', 'Asia/Singapore', 'America/Los_Angeles'].find((zone) => {
    const hour = zonedDateTime(new Date(), zone).hour;
    return hour >= 9 && hour < 17;
  })!;
}

async function invokeAs(hostUrl: string, accountId: string, moduleKey: string, functionKey: string, payload: Record<string, unknown>): Promise<any> {
  const response = await fetch(`${hostUrl}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: `liaison-user=${accountId}` },
    body: JSON.stringify({ moduleKey, functionKey, payload }),
  });
  const body = (await response.json()) as { result?: { ok: boolean; data?: unknown } };
  assert.equal(body.result?.ok, true, `${functionKey}: ${JSON.stringify(body).slice(0, 400)}`);
  return body.result!.data;
}

const sandboxOf = (host: RunningHost) => {
  const match = /Jira sandbox: (http:\/\/127\.0\.0\.1:\d+)/.exec(host.output());
  assert.ok(match, 'the host did not say where its sandbox is');
  return match[1];
};

async function notificationsOn(host: RunningHost, issueKey: string): Promise<{ subject: string; textBody: string; to: string[] }[]> {
  return (await (await fetch(`${sandboxOf(host)}/__sandbox/notifications?issueKey=${issueKey}`)).json()) as any;
}

/** Moves an ask's record `days` days into the past in the host's storage file (host stopped). */
function backdate(dataDir: string, issueKey: string, due: string | null): void {
  const file = join(dataDir, 'kvs.json');
  const store = JSON.parse(readFileSync(file, 'utf8'));
  const asks = store.entities['client-ask'] as Record<string, { value: any }>;
  const entry = Object.values(asks).find((r) => r.value.issueKey === issueKey);
  assert.ok(entry, `no ask record for ${issueKey}`);
  const askedAt = new Date(Date.now() - 6 * 86_400_000).toISOString();
  const record = entry.value;
  record.document.ask.askedAt = askedAt;
  record.document.history = record.document.history.map((e: any) => ({ ...e, at: askedAt, ...(due ? { due } : {}) }));
  if (due) {
    record.due = due;
    record.document.ask.due = due;
  }
  writeFileSync(file, JSON.stringify(store));
}

(browserAvailable ? describe : describe.skip)('reminders, the digest and the PM home', () => {
  let host: RunningHost | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    if (host) {
      await host.stop();
      removeDataDir(host.dataDir);
    }
  });

  test('a reminder for the ask due tomorrow and for the overdue one; the digest lists it; the PM home filters and counts', async () => {
    buildIfMissing('global-page');
    buildIfMissing('project-page');
    host = await startHost();
    const url = host.url;
    // Maya switches reminders on: Hannah is reached by email (Jira) all day, every day is a working day.
    const current = await invokeAs(url, DEMO_USERS.pm, 'liaison-project', 'settings.get', { projectKey: 'SHOP' });
    const plan = current.settings.communicationPlan;
    await invokeAs(url, DEMO_USERS.pm, 'liaison-project', 'settings.save', {
      projectKey: 'SHOP', version: current.version, ...current.settings,
      communicationPlan: {
        ...plan,
        workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'],
        clientContacts: [{ person: { accountId: DEMO_USERS.clientPo, name: 'Hannah Becker' }, role: 'Product owner', channel: 'email', workingHours: { start: '00:00', end: '23:59' }, timeZone: 'UTC' }],
      },
      reminders: { enabled: true, daysBeforeDue: 1, overdueEveryDays: 2, escalateAfterDays: 0, digest: true, teamTimeZone: officeHoursZone() },
    });
    for (const [issueKey, ask] of [[DUE_TOMORROW, 'Approve the checkout copy deck'], [OVERDUE, 'Send the product photos']]) {
      await invokeAs(url, DEMO_USERS.pm, 'client-ask-panel', 'asks.set', { issueKey, client: DEMO_USERS.clientPo, ask, due: daysFromNow(1) });
    }
    // Days pass: both were asked a week ago, and the second was due three days ago.
    await host.stop();
    backdate(host.dataDir, DUE_TOMORROW, null);
    backdate(host.dataDir, OVERDUE, daysFromNow(-3));
    host = await startHost({ dataDir: host.dataDir });

    // Forge fires the hourly trigger.
    const fired = await fetch(`${host.url}/api/scheduled/reminders-hourly`, { method: 'POST' });
    assert.equal(fired.status, 200, await fired.clone().text());
    const run = (await fired.json()) as any;
    const shop = (run.result ?? run).projects.find((p: any) => p.projectKey === 'SHOP');
    assert.deepEqual(shop.errors, []);

    const beforeDue = (await notificationsOn(host, DUE_TOMORROW)).filter((n) => n.to.includes(DEMO_USERS.clientPo) && /Reminder: due/.test(n.subject));
    assert.equal(beforeDue.length, 1, 'one reminder before the due date');
    assert.match(beforeDue[0].textBody, /Approve the checkout copy deck/);
    const onOverdue = await notificationsOn(host, OVERDUE);
    const overdue = onOverdue.filter((n) => n.to.includes(DEMO_USERS.clientPo) && /Overdue since/.test(n.subject));
    assert.equal(overdue.length, 1, 'one overdue reminder');
    assert.match(overdue[0].textBody, /3 working days overdue/);
    const digest = onOverdue.find((n) => n.to.includes(DEMO_USERS.pm) && /^Liaison: SHOP on /.test(n.subject));
    assert.ok(digest, `the PM's digest: ${JSON.stringify(onOverdue.map((n) => n.subject))}`);
    assert.match(digest.textBody, /Waiting on the client, overdue \(1\):\n- SHOP-21 .*Hannah Becker/);
    assert.match(digest.textBody, /- SHOP-20: reminder before the due date .* to Hannah Becker by Jira notification/);

    // Fired again within the hour: nothing is sent twice.
    await fetch(`${host.url}/api/scheduled/reminders-hourly`, { method: 'POST' });
    assert.equal((await notificationsOn(host, OVERDUE)).length, onOverdue.length);

    browser = await launchBrowser();
    const context = await contextAs(browser, host.url, DEMO_USERS.pm);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1440, height: 1000 });

    // The PM's home: both asks, with the filters' counts; "Overdue" narrows to SHOP-21.
    await page.goto(host.url + PORTAL_PATH);
    const home = await appFrameShowing(page, 'global-page', (frame) => frame.getByTestId('home-ask-list'));
    const list = home.getByTestId('home-ask-list');
    await eventually(async () => assert.ok(await list.getByTestId(`home-ask-${OVERDUE}`).isVisible()));
    assert.ok(await list.getByTestId(`home-ask-${DUE_TOMORROW}`).isVisible());
    const filter = (name: string) => home.getByTestId(`ask-filter-${name}`);
    assert.match(await filter('all').innerText(), /All open\s*2/);
    assert.match(await filter('mine').innerText(), /Asked by me\s*2/);
    assert.match(await filter('overdue').innerText(), /Overdue\s*1/);
    assert.match(await list.getByTestId(`home-ask-${OVERDUE}`).innerText(), /Overdue 3 working days/);
    await filter('overdue').click();
    assert.equal(await filter('overdue').getAttribute('aria-pressed'), 'true');
    await eventually(async () => assert.equal(await list.locator('li').count(), 1));
    assert.ok(await list.getByTestId(`home-ask-${OVERDUE}`).isVisible());
    await screenshot(page, 'reminders-home-overdue', 'global-page');
    await page.setViewportSize({ width: 390, height: 900 });
    await screenshot(page, 'reminders-home-390', 'global-page');

    // Settings' preview of today says what went out.
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(host.url + SETTINGS_PATH);
    const settings = await appFrameShowing(page, 'project-page', (frame) => frame.getByTestId('reminders-section'));
    await settings.getByTestId('reminders-preview-button').click();
    const result = settings.getByTestId('reminders-preview-result');
    await eventually(async () => assert.match(await result.innerText(), /nothing more would be sent; these went out already:[\s\S]*SHOP-21: overdue reminder \(3 working days overdue\) to Hannah Becker by Jira notification\s*Already sent/));
    assert.match(await settings.getByTestId('preview-digest').innerText(), /SHOP-21/);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'reminders-settings-preview', 'project-page');
  }, TEST_TIMEOUT);
});

/**
 * A client ask in a browser, against `npm start`'s local host: the PM asks Hannah (the client's
 * product owner) for something in the issue's "Client ask" panel; Hannah sees it in the Liaison
 * portal and answers it there; the PM sees the answer on the Client asks page and in the panel,
 * and accepts it. The panel's history and the issue's History tab show every step with its time.
 * Screenshots go to test-results/asks-*.png.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrame, appFrameShowing, browserAvailable, browserSession, buildIfMissing, chooseOption, CHROMIUM_PATH, eventually, pickDate, screenshot } from './support';

const ISSUE_PATH = '/browse/SHOP-12';
const PORTAL_PATH = '/apps-global/liaison-portal';
const ASKS_PATH = '/projects/SHOP/apps/liaison-project/asks';
const TEST_TIMEOUT = 120_000;
const ASK = 'Please confirm the delivery zones and their shipping prices';
const ANSWER = 'EU and UK only; flat 4.90 EUR, free above 60 EUR';

/** YYYY-MM-DD, n days from today (UTC). */
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function panel(page: Page): Promise<Frame> {
  return appFrameShowing(page, 'client-ask-panel', (frame) => frame.getByTestId('client-ask-panel').or(frame.getByTestId('no-ask-for-you')).first());
}

(browserAvailable ? describe : describe.skip)('a client ask in the browser', () => {
  // On the bundle Forge's bundler builds (what forge deploy ships), so a packaging regression fails here too.
  const session = browserSession({
    prepare: () => buildIfMissing('client-ask-panel'),
    bundle: true,
  });
  const due = daysFromNow(7);

  test('the PM asks Hannah in the issue panel', async () => {
    const page = await session.openAs(DEMO_USERS.pm, ISSUE_PATH);
    const frame = await panel(page);
    await frame.getByText('Nothing is asked of the client on this issue.').waitFor();
    await frame.getByRole('button', { name: 'Ask the client' }).click();

    const form = frame.getByRole('form', { name: 'Ask the client' });
    // Only the project's client-role people are offered.
    await form.getByLabel('Client person').click();
    const options = await frame.getByRole('option').allTextContents();
    assert.deepEqual(options.sort(), ['Hannah Becker', 'James Whitfield']);
    await form.getByLabel('Client person').press('Escape');
    await chooseOption(form, 'Client person', 'Hannah Becker');
    await form.getByLabel('What is asked').fill(ASK);
    await pickDate(form, 'Due date', due);
    await form.getByRole('button', { name: 'Ask the client' }).click();

    const summary = frame.getByTestId('ask-summary');
    await summary.waitFor();
    await eventually(async () => assert.equal(await summary.getAttribute('data-state'), 'waiting'));
    assert.match(await summary.innerText(), /Waiting on client/);
    assert.equal(await frame.getByTestId('ask-text').innerText(), ASK);
    assert.match(await summary.innerText(), /Asked of Hannah Becker by Maya Lindqvist/);
    assert.match(await frame.getByTestId('ask-timing').innerText(), /0 business days waiting/);
    const history = frame.getByTestId('ask-history').locator('li');
    assert.equal(await history.count(), 1);
    assert.match(await history.first().innerText(), /Maya Lindqvist asked Hannah Becker, due/);
    await screenshot(page, 'asks-1-pm-asked');
  }, TEST_TIMEOUT);

  test('Hannah sees the ask in the portal and answers it there', async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrame(page, 'global-page');
    const card = frame.getByTestId('my-ask-SHOP-12');
    await card.waitFor({ timeout: 30_000 });
    assert.match(await card.innerText(), new RegExp(ASK));
    assert.match(await card.innerText(), /Asked of you by Maya Lindqvist/);
    await screenshot(page, 'asks-2-client-portal', 'global-page');

    await card.getByLabel('Your answer').fill(ANSWER);
    await card.getByRole('button', { name: 'Send answer' }).click();
    await eventually(async () => assert.match(await frame.getByTestId('my-ask-SHOP-12').innerText(), /You answered; the team is looking at it\./));
    assert.match(await frame.getByTestId('my-ask-SHOP-12').innerText(), new RegExp(ANSWER));
    await screenshot(page, 'asks-3-client-answered', 'global-page');
  }, TEST_TIMEOUT);

  test('James, the other client, sees nothing of the ask to Hannah', async () => {
    const page = await session.openAs(DEMO_USERS.clientMarketing, ISSUE_PATH);
    const frame = await panel(page);
    await frame.getByTestId('no-ask-for-you').waitFor();
    const text = await frame.locator('body').innerText();
    assert.equal(text.includes(ASK), false);
    assert.equal(text.includes(ANSWER), false);
  }, TEST_TIMEOUT);

  test('the PM sees the answer on the Client asks page and exports it', async () => {
    const page = await session.openAs(DEMO_USERS.pm, ASKS_PATH);
    const frame = await appFrame(page, 'project-page');
    const section = frame.getByTestId(`asks-client-${DEMO_USERS.clientPo}`);
    await section.waitFor({ timeout: 30_000 });
    assert.match(await section.getByRole('heading').innerText(), /Hannah Becker/);
    assert.match(await section.getByTestId('client-stats').innerText(), /^1 open · 0 overdue · median 0 business days to answer$/);
    assert.match(await section.innerText(), /SHOP-12/);
    assert.match(await section.innerText(), /Answered/);
    await screenshot(page, 'asks-4-project-page', 'project-page');

    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^SHOP-client-asks-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.split('\r\n');
    assert.match(lines[0], /^Client,Issue,Summary,/);
    assert.match(lines[1], /^Hannah Becker,SHOP-12,/);

    // The delay attribution for the last 30 days: Hannah answered on time, so nothing to blame.
    await frame.getByRole('button', { name: 'Show delays' }).click();
    const delays = frame.getByTestId('delays-result');
    await delays.waitFor({ timeout: 30_000 });
    assert.match(await delays.innerText(), /No ask was waiting past its due date in this period\./);
    await screenshot(page, 'asks-4b-project-page-delays', 'project-page');
  }, TEST_TIMEOUT);

  test('the PM accepts the answer in the panel; the panel history and the issue History tab show each step with its time', async () => {
    const page = await session.openAs(DEMO_USERS.pm, ISSUE_PATH);
    const frame = await panel(page);
    const summary = frame.getByTestId('ask-summary');
    await eventually(async () => assert.equal(await summary.getAttribute('data-state'), 'answered'));
    assert.match(await frame.getByTestId('ask-answer').innerText(), new RegExp(ANSWER));
    await screenshot(page, 'asks-5-pm-sees-answer');

    await frame.getByRole('button', { name: 'Accept answer' }).click();
    await eventually(async () => assert.equal(await frame.getByTestId('ask-summary').getAttribute('data-state'), 'accepted'));
    assert.match(await frame.getByTestId('ask-summary').innerText(), /Accepted/);
    const steps = frame.getByTestId('ask-history').locator('li');
    await eventually(async () => assert.equal(await steps.count(), 3));
    const texts = await steps.allInnerTexts();
    assert.match(texts[0], /^Maya Lindqvist accepted the answer/);
    assert.match(texts[1], /^Hannah Becker answered/);
    assert.match(texts[2], /^Maya Lindqvist asked Hannah Becker, due/);
    const times = await steps.locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime')));
    assert.equal(times.length, 3);
    assert.ok(times.every((t) => t !== null && !Number.isNaN(Date.parse(t))), `times: ${times.join(', ')}`);
    assert.ok(Date.parse(times[0]!) >= Date.parse(times[1]!) && Date.parse(times[1]!) >= Date.parse(times[2]!), 'newest first');
    await screenshot(page, 'asks-6-pm-accepted', 'client-ask-panel');

    // The issue's own History tab: Jira's changelog has one change of the field per step.
    await page.reload();
    await page.getByRole('tab', { name: 'History' }).click();
    const historyPanel = page.locator('#activity-history');
    await historyPanel.waitFor({ state: 'visible' });
    const changes = historyPanel.locator('.activity-item').filter({ hasText: 'Client assignee' });
    assert.equal(await changes.count(), 3);
    for (const text of await changes.allInnerTexts()) assert.match(text, /\d{1,2}:\d{2}/, `a History entry without its time: ${text}`);
    await historyPanel.scrollIntoViewIfNeeded();
    await screenshot(page, 'asks-7-issue-history');
  }, TEST_TIMEOUT);
});

/**
 * After an action in an issue panel, the issue view around it shows the new Client assignee value
 * and the new status without a page reload: the panels call `view.refresh()` (@forge/bridge), and
 * the shell, as Jira does, reads the issue again and re-renders its details and activity while the
 * panels keep their state. Screenshots go to test-results/refresh-*.png.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { appFrameShowing, browserAvailable, browserSession, buildIfMissing, chooseOption, CHROMIUM_PATH, eventually, pickDate, screenshot } from './support';

const TEST_TIMEOUT = 120_000;
const ASK = 'Please approve the footer copy for the relaunch';
const demo = buildDemoSite();
const changeKey = demo.issues.find((i) => i.summary === 'Let shoppers add gift wrapping and a message at checkout')?.key;
const askKey = 'SHOP-14';

/** Marks the page so a reload (which would drop the mark) is seen. */
const mark = (page: Page) => page.evaluate(() => { (window as unknown as { refreshMark?: number }).refreshMark = 42; });
const stillMarked = (page: Page) => page.evaluate(() => (window as unknown as { refreshMark?: number }).refreshMark === 42);
const details = (page: Page) => page.locator('aside[aria-label="Issue details"]');
/** What the Client assignee field's own view (a Custom UI frame) shows, read afresh: a refresh replaces the frame. */
async function clientAssigneeShows(page: Page): Promise<{ state: string | null; text: string }> {
  const frame = await (await details(page).locator('dt:text-is("Client assignee") + dd iframe').elementHandle({ timeout: 30_000 }))?.contentFrame();
  assert.ok(frame, 'the Client assignee field has its frame');
  const field = frame.getByTestId('client-assignee');
  await field.waitFor({ timeout: 30_000 });
  return { state: await field.getAttribute('data-state'), text: ((await field.textContent()) ?? '').replace(/\u00a0/g, ' ').trim() };
}

(browserAvailable ? describe : describe.skip)('the issue view follows panel actions', () => {
  const session = browserSession({
    prepare: () => {
      buildIfMissing('client-ask-panel');
      buildIfMissing('change-request-panel');
      buildIfMissing('client-assignee-field');
    },
  });

  test('asking the client in the panel shows the new Client assignee value beside it, without a reload', async () => {
    const page = await session.openAs(DEMO_USERS.pm, `/browse/${askKey}`);
    const frame = await appFrameShowing(page, 'client-ask-panel', (f) => f.getByTestId('client-ask-panel'));
    assert.deepEqual(await clientAssigneeShows(page), { state: 'none', text: 'None' });
    await mark(page);

    await frame.getByRole('button', { name: 'Ask the client' }).click();
    const form = frame.getByRole('form', { name: 'Ask the client' });
    await chooseOption(form, 'Client person', 'Hannah Becker');
    await form.getByLabel('What is asked').fill(ASK);
    await pickDate(form, 'Due date', new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await form.getByRole('button', { name: 'Ask the client' }).click();

    // The field shows the state, the client and the due day, never the ask's text (issue 13).
    await eventually(async () => {
      const shown = await clientAssigneeShows(page);
      assert.equal(shown.state, 'waiting');
      assert.match(shown.text, /^Waiting on client Hannah Becker · due \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    });
    assert.equal(await stillMarked(page), true, 'the page was reloaded');
    // The panel kept its own state (its summary of the new ask) through the refresh.
    assert.equal(await frame.getByTestId('ask-text').innerText(), ASK);
    await screenshot(page, 'refresh-1-client-assignee');
  }, TEST_TIMEOUT);

  test('acknowledging a change request in the panel shows the new status, without a reload', async () => {
    assert.ok(changeKey, 'the demo site has the gift-wrapping change request');
    const page = await session.openAs(DEMO_USERS.dev1, `/browse/${changeKey}`);
    const frame = await appFrameShowing(page, 'change-request-panel', (f) => f.getByTestId('change-request-panel'));
    const status = details(page).locator('.status-row .lozenge');
    const before = await status.innerText();
    await mark(page);

    await frame.getByRole('button', { name: 'Acknowledge' }).click();
    await eventually(async () => assert.equal(await frame.getByTestId('change-request-panel').getAttribute('data-step'), 'acknowledged'));
    await eventually(async () => assert.notEqual(await status.innerText(), before));
    assert.match(await status.innerText(), /acknowledged/i);
    assert.equal(await stillMarked(page), true, 'the page was reloaded');
    await screenshot(page, 'refresh-2-change-status');
  }, TEST_TIMEOUT);
});

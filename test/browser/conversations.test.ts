/**
 * The conversation on a client ask, in a browser (issue 14): Maya (PM) asks Hannah for something;
 * Hannah says "I need more information" in the portal; the ask shows "Waiting on team" in the
 * panel and the portal while her question is open; Maya replies in the panel's conversation and the
 * ask waits on Hannah again; Hannah reads the reply in the portal; the Client asks page counts
 * only Hannah's days as waiting on her, and its delays show the two business days Hannah waited for the answer as the team's. The host's clock
 * (LIAISON_CLOCK_CONTROL) plays it last week: Maya asks on Monday, Hannah asks her question on
 * Tuesday, Maya answers on Thursday — (Tuesday, Thursday] holds two business days.
 * Screenshots go to test-results/conversation-*.png.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrame, appFrameShowing, browserAvailable, browserSession, buildIfMissing, chooseOption, eventually, pickDate, screenshot } from './support';

const ISSUE_PATH = '/browse/SHOP-14';
const PORTAL_PATH = '/apps-global/liaison-portal';
const ASKS_PATH = '/projects/SHOP/apps/liaison-project/asks';
const TEST_TIMEOUT = 120_000;
const ASK = 'Please send the final banner copy for the sale';
const QUESTION = 'Which banner sizes do you need?';
const REPLY = 'The three sizes in the brief: 1200x400, 800x800 and 320x100.';

const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
/** 10:00 UTC on a day of last week (0 = Monday). */
const lastWeek = (weekday: number) => {
  const today = new Date();
  const monday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - (((today.getUTCDay() + 6) % 7) + 7) * 86_400_000;
  return new Date(monday + weekday * 86_400_000 + 10 * 3_600_000).toISOString();
};

async function panel(page: Page): Promise<Frame> {
  return appFrameShowing(page, 'client-ask-panel', (frame) => frame.getByTestId('client-ask-panel').or(frame.getByTestId('no-ask-for-you')).first());
}

(browserAvailable ? describe : describe.skip)('a conversation on a client ask in the browser', () => {
  const session = browserSession({ prepare: () => buildIfMissing('client-ask-panel'), env: { LIAISON_CLOCK_CONTROL: 'on' } });
  /** Sets the host's clock (null: the real time again) for what the next test's people do. */
  const clockAt = async (page: Page, at: string | null) => {
    const response = await page.request.post(`${session.host.url}/api/clock`, { data: { at } });
    assert.equal(response.status(), 200, await response.text());
  };

  test('Maya asks Hannah in the issue panel', async () => {
    const page = await session.pageAs(DEMO_USERS.pm);
    await clockAt(page, lastWeek(0));
    await page.goto(session.host.url + ISSUE_PATH);
    const frame = await panel(page);
    await frame.getByRole('button', { name: 'Ask the client' }).click();
    const form = frame.getByRole('form', { name: 'Ask the client' });
    await chooseOption(form, 'Client person', 'Hannah Becker');
    await form.getByLabel('What is asked').fill(ASK);
    await pickDate(form, 'Due date', daysFromNow(5));
    await form.getByRole('button', { name: 'Ask the client' }).click();
    await eventually(async () => assert.equal(await frame.getByTestId('ask-summary').getAttribute('data-state'), 'waiting'));
  }, TEST_TIMEOUT);

  test('Hannah asks for more information in the portal: the ask waits on the team', async () => {
    const page = await session.pageAs(DEMO_USERS.clientPo);
    await clockAt(page, lastWeek(1));
    await page.goto(session.host.url + PORTAL_PATH);
    const frame = await appFrame(page, 'global-page');
    const card = frame.getByTestId('my-ask-SHOP-14');
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: 'I need more information' }).click();
    await card.getByLabel('What do you need to know?').fill(QUESTION);
    await card.getByRole('button', { name: 'Send question to the team' }).click();
    await eventually(async () => assert.equal(await frame.getByTestId('my-ask-SHOP-14').getByTestId('ask-summary').getAttribute('data-state'), 'question'));
    assert.match(await frame.getByTestId('my-ask-SHOP-14').innerText(), /Waiting on team/);
    await screenshot(page, 'conversation-1-client-asked', 'global-page');
  }, TEST_TIMEOUT);

  test('Maya sees "Waiting on team" and the question in the panel, and replies in the conversation', async () => {
    const page = await session.pageAs(DEMO_USERS.pm);
    await clockAt(page, lastWeek(3));
    await page.goto(session.host.url + ISSUE_PATH);
    const frame = await panel(page);
    const summary = frame.getByTestId('ask-summary');
    await eventually(async () => assert.equal(await summary.getAttribute('data-state'), 'question'));
    assert.match(await summary.innerText(), /Waiting on team/);
    const conversation = frame.getByTestId('conversation');
    assert.match(await conversation.innerText(), new RegExp(QUESTION));
    const reply = conversation.getByRole('textbox', { name: 'Reply to the question' });
    await reply.focus();
    await page.keyboard.type(REPLY);
    await screenshot(page, 'conversation-2-pm-replies');
    await conversation.getByRole('button', { name: 'Send reply' }).click();
    await eventually(async () => assert.equal(await frame.getByTestId('ask-summary').getAttribute('data-state'), 'waiting'));
    assert.match(await frame.getByTestId('ask-summary').innerText(), /Waiting on client/);
    assert.match(await frame.getByTestId('conversation').innerText(), new RegExp(REPLY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await screenshot(page, 'conversation-3-replied');
    await clockAt(page, null);
  }, TEST_TIMEOUT);

  test('Hannah reads the reply in the portal conversation; the ask waits on her again', async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrame(page, 'global-page');
    const card = frame.getByTestId('my-ask-SHOP-14');
    await card.waitFor({ timeout: 30_000 });
    assert.match(await card.innerText(), /Waiting on client/);
    await card.getByRole('button', { name: /^Conversation with the team/ }).click();
    const thread = frame.getByTestId('conversation-SHOP-14');
    await thread.waitFor({ timeout: 30_000 });
    assert.match(await thread.innerText(), /answered the question/);
    assert.match(await thread.innerText(), /1200x400/);
    await screenshot(page, 'conversation-4-client-reads', 'global-page');
  }, TEST_TIMEOUT);

  test("the Client asks page's delays show what was the team's", async () => {
    const page = await session.openAs(DEMO_USERS.pm, ASKS_PATH);
    const frame = await appFrame(page, 'project-page');
    // Asked Monday: Tuesday, Friday and today were on Hannah; Wednesday and Thursday on the team.
    const row = frame.getByRole('row', { name: /SHOP-14/ });
    await row.waitFor({ timeout: 30_000 });
    assert.equal((await row.getByRole('cell').allInnerTexts())[4], '3 days', 'the Waiting column');
    await frame.getByRole('button', { name: 'Show delays' }).click();
    const team = frame.getByTestId('delays-team');
    await team.waitFor({ timeout: 30_000 });
    // Asked on Tuesday, answered on Thursday: Wednesday and Thursday are the team's.
    assert.equal(await team.innerText(), "Clients waited 2 business days for the team to answer 1 question (SHOP-14). These days are the team's, not the client's.");
    await screenshot(page, 'conversation-5-delays', 'project-page');
  }, TEST_TIMEOUT);
});

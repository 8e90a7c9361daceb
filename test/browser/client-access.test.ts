/**
 * The client access check in a browser, against `npm start`'s local host: on the demo site (Jira's
 * defaults) the PM's Settings say clients browse all SHOP issues and read worklogs, and Hannah's
 * portal help says the same to her; on the demo set up the recommended way
 * (`LIAISON_SITE=demo-recommended`) the check is green and her help says internal work and
 * worklogs are not shown to her.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrame, appFrameShowing, browserAvailable, browserSession, buildIfMissing, CHROMIUM_PATH, screenshot } from './support';

const SETTINGS_PATH = '/projects/SHOP/apps/liaison-project/settings';
const PORTAL_PATH = '/apps-global/liaison-portal';
const TEST_TIMEOUT = 120_000;

async function clientAccessSection(page: Page): Promise<Frame> {
  const frame = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('client-access-status'));
  await frame.getByTestId('client-access-section').scrollIntoViewIfNeeded();
  return frame;
}

async function jiraShowsHelp(page: Page): Promise<string> {
  const frame = await appFrame(page, 'global-page');
  const card = frame.getByRole('listitem', { name: /\(SHOP\)$/ });
  await card.waitFor({ timeout: 30_000 });
  await card.getByRole('button', { name: 'What Jira itself shows you' }).click();
  await card.getByTestId('jira-shows-browse').waitFor({ timeout: 30_000 });
  return card.getByTestId('jira-shows-help').innerText();
}

(browserAvailable ? describe : describe.skip)('client access check on the demo (Jira defaults)', () => {
  const session = browserSession({ prepare: () => buildIfMissing('project-page') });

  test('the PM reads in Settings that clients browse all SHOP issues and read worklogs', async () => {
    const page = await session.openAs(DEMO_USERS.pm, SETTINGS_PATH);
    const frame = await clientAccessSection(page);
    assert.equal(await frame.getByTestId('client-access-status').getAttribute('data-status'), 'risk');
    const text = await frame.getByTestId('client-access-section').innerText();
    assert.match(text, /clients of SHOP can see or do more than Liaison shows them/);
    assert.match(text, /Clients can browse all SHOP issues in Jira/);
    assert.match(text, /Clients can read worklogs: \d+ of the \d+ worklogs/);
    assert.match(text, /Recommended: Add an issue security scheme with a level for internal work/);
    assert.match(text, /without Edit Issues/);
    assert.equal(await frame.getByTestId('client-access-browse').getAttribute('data-status'), 'risk');
    assert.equal(await frame.getByTestId('client-access-worklogs').getAttribute('data-status'), 'risk');
    assert.equal(await frame.getByTestId('client-access-edit').getAttribute('data-status'), 'ok');
    console.info(`screenshots: ${(await screenshot(page, 'client-access-demo')).join(', ')}`);
  }, TEST_TIMEOUT);

  test("Hannah's portal help says what Jira shows her: every SHOP issue and the team's logged time", async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const help = await jiraShowsHelp(page);
    assert.match(help, /you can open every issue of SHOP/);
    assert.match(help, /you can read the time the team logged on SHOP's issues/);
    assert.doesNotMatch(help, /Recommended/);
  }, TEST_TIMEOUT);
});

(browserAvailable ? describe : describe.skip)('client access check on a project set up the recommended way', () => {
  const session = browserSession({ prepare: () => buildIfMissing('project-page'), env: { LIAISON_SITE: 'demo-recommended' } });

  test('the check is green in Settings', async () => {
    const page = await session.openAs(DEMO_USERS.pm, SETTINGS_PATH);
    const frame = await clientAccessSection(page);
    assert.equal(await frame.getByTestId('client-access-status').getAttribute('data-status'), 'ok');
    const text = await frame.getByTestId('client-access-section').innerText();
    assert.match(text, /clients of SHOP see no more than the recommended set-up allows/);
    assert.match(text, /except those at the issue security level "Agency internal"/);
    assert.match(text, /All \d+ worklogs on the 50 most recently updated issues are restricted/);
    assert.equal(await frame.locator('[data-status="risk"]').count(), 0);
    console.info(`screenshots: ${(await screenshot(page, 'client-access-recommended')).join(', ')}`);
  }, TEST_TIMEOUT);

  test("Hannah's portal help says internal work and logged time are not shown to her", async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const help = await jiraShowsHelp(page);
    assert.match(help, /except the team's internal ones/);
    assert.match(help, /The time the team logs is not shown to you in Jira/);
  }, TEST_TIMEOUT);
});

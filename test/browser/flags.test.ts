/**
 * Red flags in a browser, against `npm start`'s local host: a team member raises flags in an
 * issue's Red flags panel (one internal, one visible to the client); they show on the project's
 * Red flags page and, once configured through its configuration screen, on the dashboard gadget.
 * A client sees only the client-visible one, in the panel and on their gadget, and can say
 * "I am confused about this", which the team then sees. Screenshots go to test-results/.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { join } from 'node:path';
import { appFrame, appFrameShowing, browserAvailable, browserSession, chooseOption, CHROMIUM_PATH, eventually, RESULTS_DIR, screenshot } from './support';

const ISSUE = 'SHOP-3';
const FLAGS_PAGE = '/projects/SHOP/apps/liaison-project/flags';
const TEST_TIMEOUT = 120_000;
const INTERNAL = { category: 'Uncharted territory', severity: 'High', note: 'Nobody here has built a headless checkout before' };
const SHARED = { category: 'Blocked on client', severity: 'Medium', note: 'Waiting for the brand colours from Northwind' };
const CONFUSED = 'What does "headless checkout" mean for our shop?';

async function panel(page: Page): Promise<Frame> {
  return appFrameShowing(page, 'red-flags-panel', (frame) => frame.getByTestId('flags-summary'));
}

const gadgetConfigForm = (frame: Frame) => frame.getByRole('form', { name: 'Configure the red flags gadget' });

async function raise(frame: Frame, flag: { category: string; severity: string; note: string }, clientVisible: boolean): Promise<void> {
  await frame.getByRole('button', { name: 'Raise a flag' }).click();
  const form = frame.getByRole('form', { name: 'Raise a red flag' });
  await chooseOption(form, 'Category', flag.category);
  await chooseOption(form, 'Severity', flag.severity);
  await form.getByLabel('Note').fill(flag.note);
  if (clientVisible) await form.getByRole('checkbox', { name: 'Visible to the client' }).check();
  await form.getByRole('button', { name: 'Raise flag' }).click();
  await frame.getByRole('list', { name: 'Open red flags' }).getByText(flag.note).waitFor();
}

/** Texts inside the gadget that an element clipping its overflow cuts (wider content than box). */
async function clippedTexts(frame: Frame): Promise<string[]> {
  return frame.getByTestId('flags-gadget').evaluate((root) =>
    [root, ...root.querySelectorAll('*')]
      .filter((el) => {
        const style = getComputedStyle(el);
        return (style.overflowX === 'hidden' || style.textOverflow === 'ellipsis') && el.scrollWidth > el.clientWidth + 1 && (el.textContent ?? '').trim() !== '';
      })
      .map((el) => (el.textContent ?? '').trim()),
  );
}

/** Configures the gadget through its configuration screen, as a person does, and waits for its view. */
async function configureGadget(page: Page, hostUrl: string, projectName: string, shot?: string): Promise<Frame> {
  await page.goto(`${hostUrl}/dashboards`);
  const form = gadgetConfigForm(await appFrameShowing(page, 'flags-gadget', gadgetConfigForm));
  await chooseOption(form, 'Project', projectName);
  if (shot) await screenshot(page, shot);
  // Saving posts the config, then the shell navigates to the gadget's view: wait for that navigation
  // itself (the URL may already match /dashboards/<id> before it, and the old frame is then detached).
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await form.getByRole('button', { name: 'Save' }).click();
  await navigated;
  assert.match(page.url(), /\/dashboards\/\d+$/);
  await page.waitForLoadState('load');
  return appFrameShowing(page, 'flags-gadget', (frame) => frame.getByTestId('flags-gadget'));
}

(browserAvailable ? describe : describe.skip)('red flags in the browser', () => {
  // On the bundle Forge's bundler builds (what forge deploy ships), so a packaging regression fails here too.
  const session = browserSession({ bundle: true });

  test('a team member raises flags in the issue panel', async () => {
    const page = await session.openAs(DEMO_USERS.dev1, `/browse/${ISSUE}`);
    const frame = await panel(page);
    assert.equal(await frame.getByTestId('flags-summary').innerText(), 'No open red flags on this issue.');
    await raise(frame, INTERNAL, false);
    await raise(frame, SHARED, true);
    await eventually(async () => assert.equal(await frame.getByTestId('flags-summary').innerText(), '2 open red flags.'));
    // Most severe first; the shared one says so.
    const items = frame.getByRole('list', { name: 'Open red flags' }).getByTestId('flag-item');
    assert.match(await items.nth(0).innerText(), /High[\s\S]*Uncharted territory[\s\S]*Raised by Priya Raman/);
    assert.match(await items.nth(1).innerText(), /Medium[\s\S]*Blocked on client[\s\S]*Visible to client/);
    // A missing note is refused field by field, with nothing saved.
    await frame.getByRole('button', { name: 'Raise a flag' }).click();
    const form = frame.getByRole('form', { name: 'Raise a red flag' });
    await form.getByRole('button', { name: 'Raise flag' }).click();
    await form.getByText('Say what the concern is').waitFor();
    assert.equal(await form.getByLabel('Note').getAttribute('aria-invalid'), 'true');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await screenshot(page, 'flags-panel-team');
  }, TEST_TIMEOUT);

  test('the flags show on the Red flags page: heat map, weekly chart, list', async () => {
    const page = await session.openAs(DEMO_USERS.pm, FLAGS_PAGE);
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByRole('heading', { name: 'Red flags', level: 1 }));
    const list = frame.getByTestId('flags-list');
    await list.getByText(INTERNAL.note).waitFor();
    await list.getByText(SHARED.note).waitFor();
    // The heat map is a table with headers: row "Uncharted territory", column "High" holds 1.
    const heat = frame.getByRole('table', { name: /Open red flags by category and severity/ });
    const row = heat.getByRole('row', { name: /Uncharted territory/ });
    assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['0', '0', '1', '0', '1']);
    assert.equal(await heat.getByRole('columnheader').allInnerTexts().then((h) => h.join('|')), 'Category|Low|Medium|High|Critical|Total');
    // The chart counts two opened this week, and says so in its table.
    await frame.getByRole('img', { name: /Red flags opened and resolved per week/ }).waitFor();
    await frame.getByRole('button', { name: 'Show the numbers' }).click();
    const weeks = frame.getByTestId('flags-chart-table');
    assert.deepEqual((await weeks.locator('tbody tr').last().getByRole('cell').allInnerTexts()), ['2', '0']);
    // Choosing a heat map number narrows the list to those flags.
    await heat.getByRole('button', { name: '1 open medium blocked on client flag: list them' }).click();
    await eventually(async () => assert.equal(await list.getByTestId('flag-row').count(), 1));
    assert.match(await list.getByTestId('flag-row').innerText(), /Waiting for the brand colours/);
    await frame.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(async () => assert.equal(await list.getByTestId('flag-row').count(), 2));
    // The CSV export downloads the listed flags.
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.match(download.suggestedFilename(), /^red-flags-SHOP-\d{4}-\d\d-\d\d\.csv$/);
    const csv = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    });
    assert.match(csv, /^Issue,Summary,Category,Severity,Status,Source,Note/);
    assert.ok(csv.includes(INTERNAL.note) && csv.includes(SHARED.note));
    await screenshot(page, 'flags-project-page', 'project-page');
  }, TEST_TIMEOUT);

  test('the team configures the dashboard gadget and sees the open flags by severity', async () => {
    const page = await session.pageAs(DEMO_USERS.pm);
    const frame = await configureGadget(page, session.host.url, 'Northwind web shop relaunch (SHOP)', 'flags-gadget-config');
    assert.equal(await frame.getByTestId('gadget-flag-total').innerText(), '2');
    assert.match(await frame.getByTestId('gadget-severity-high').innerText(), /^1\s*High$/);
    assert.match(await frame.getByTestId('gadget-severity-medium').innerText(), /^1\s*Medium$/);
    await frame.getByText(INTERNAL.note).waitFor();
    await screenshot(page, 'flags-gadget-team');
    // No label is cut ("H.."), as wide as the shell shows it and in a narrow dashboard column (a
    // three-column Jira dashboard): nothing that clips its text overflows.
    const gadgetFrame = page.locator('iframe[src*="/apps/flags-gadget/"]');
    for (const width of [null, '280px']) {
      if (width) await gadgetFrame.evaluate((el: HTMLIFrameElement, w) => (el.style.width = w), width);
      await eventually(async () => assert.deepEqual(await clippedTexts(frame), [], `clipped in the gadget at ${width ?? 'full'} width`));
    }
    await screenshot(page, 'flags-gadget-narrow');
  }, TEST_TIMEOUT);

  test('a client sees only the client-visible flag, says they are confused, and the team sees it', async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, `/browse/${ISSUE}`);
    const frame = await panel(page);
    assert.equal(await frame.getByTestId('flags-summary').innerText(), '1 open red flag shared with you.');
    await frame.getByText(SHARED.note).waitFor();
    assert.equal(await frame.getByText(INTERNAL.note).count(), 0, 'the internal flag is not shown to a client');
    assert.equal(await frame.getByRole('button', { name: 'Raise a flag' }).count(), 0);
    assert.equal(await frame.getByRole('button', { name: /Resolve/ }).count(), 0);
    await frame.getByRole('button', { name: 'I am confused about this' }).click();
    const form = frame.getByRole('form', { name: 'Tell the team you are confused about this' });
    await form.getByLabel('What is unclear (optional)').fill(CONFUSED);
    await form.getByRole('button', { name: 'Tell the team' }).click();
    await frame.getByTestId('already-confused').waitFor();
    await frame.getByText(CONFUSED).waitFor();
    await screenshot(page, 'flags-panel-client');

    const dashboard = await session.pageAs(DEMO_USERS.clientPo);
    const view = await configureGadget(dashboard, session.host.url, 'Northwind web shop relaunch (SHOP)');
    assert.equal(await view.getByTestId('gadget-flag-total').innerText(), '2');
    await view.getByText(SHARED.note).waitFor();
    await view.getByText(CONFUSED).waitFor();
    assert.equal(await view.getByText(INTERNAL.note).count(), 0, 'the gadget hides internal flags from a client');
    await screenshot(dashboard, 'flags-gadget-client');

    // The team member who raised the flags sees the client's confusion and resolves it.
    const team = await session.openAs(DEMO_USERS.dev1, `/browse/${ISSUE}`);
    const teamPanel = await panel(team);
    await eventually(async () => assert.equal(await teamPanel.getByTestId('flags-summary').innerText(), '3 open red flags.'));
    const confused = teamPanel.getByTestId('flag-item').filter({ hasText: CONFUSED });
    assert.match(await confused.innerText(), /Client confused[\s\S]*Raised by Hannah Becker/);
    await confused.getByRole('button', { name: 'Resolve this flag' }).click();
    await teamPanel.getByLabel('How it was resolved').fill('Explained on the weekly call: the shop front and checkout are separate apps');
    await teamPanel.getByRole('button', { name: 'Resolve flag' }).click();
    await eventually(async () => assert.equal(await teamPanel.getByTestId('flags-summary').innerText(), '2 open red flags.'));
    await teamPanel.getByRole('button', { name: 'Show resolved flags (1)' }).click();
    await teamPanel.getByText(/Explained on the weekly call/).waitFor();
    await screenshot(team, 'flags-panel-resolved');
  }, TEST_TIMEOUT);

  test('a team member shows an internal flag to the client, then hides it again', async () => {
    const team = await session.openAs(DEMO_USERS.dev1, `/browse/${ISSUE}`);
    const teamPanel = await panel(team);
    const item = teamPanel.getByRole('list', { name: 'Open red flags' }).getByTestId('flag-item').filter({ hasText: INTERNAL.note });
    assert.equal(await item.getByText('Visible to client').count(), 0);
    await item.getByRole('button', { name: 'Show to client' }).click();
    await item.getByText('Visible to client').waitFor();

    const client = await session.openAs(DEMO_USERS.clientPo, `/browse/${ISSUE}`);
    const clientPanel = await panel(client);
    await clientPanel.getByText(INTERNAL.note).waitFor();
    assert.equal(await clientPanel.getByTestId('flags-summary').innerText(), '2 open red flags shared with you.');

    await item.getByRole('button', { name: 'Hide from client' }).click();
    await eventually(async () => assert.equal(await item.getByText('Visible to client').count(), 0));
    await client.reload();
    const again = await panel(client);
    assert.equal(await again.getByTestId('flags-summary').innerText(), '1 open red flag shared with you.');
    assert.equal(await again.getByText(INTERNAL.note).count(), 0, 'hidden again from the client');
  }, TEST_TIMEOUT);

  test('a manager tunes the red flag rules in Settings: errors inline, saved values kept', async () => {
    const page = await session.openAs(DEMO_USERS.pm, '/projects/SHOP/apps/liaison-project/settings');
    const frame = await appFrame(page, 'project-page');
    const rules = frame.getByTestId('red-flag-rules');
    await rules.waitFor({ timeout: 30_000 });
    const stale = rules.getByRole('group', { name: 'Stale' });
    await stale.getByLabel(/Flag after no update for/).fill('0');
    await rules.getByRole('group', { name: 'Untested' }).getByRole('radio', { name: 'A linked test issue' }).check();
    await rules.getByLabel(/^Link type/).fill('Relates');
    await rules.getByRole('group', { name: 'Scope creep' }).getByRole('checkbox', { name: 'Raise scope creep flags' }).uncheck();
    await rules.getByRole('checkbox', { name: 'Run the red flag rules in this project' }).check();
    await frame.getByRole('button', { name: 'Save settings' }).click();
    await stale.getByText('Enter 1 or more').waitFor();
    assert.equal(await stale.getByLabel(/Flag after no update for/).getAttribute('aria-invalid'), 'true');
    await stale.getByLabel(/Flag after no update for/).fill('7');
    await frame.getByRole('button', { name: 'Save settings' }).click();
    await frame.getByText(/version 1, saved/).waitFor({ timeout: 15_000 });
    await screenshot(page, 'flags-settings-rules', 'project-page');
    await rules.screenshot({ path: join(RESULTS_DIR, 'flags-settings-rules-section.png') });

    await page.reload();
    const again = await appFrame(page, 'project-page');
    const saved = again.getByTestId('red-flag-rules');
    await saved.waitFor({ timeout: 30_000 });
    assert.equal(await saved.getByRole('group', { name: 'Stale' }).getByLabel(/Flag after no update for/).inputValue(), '7');
    assert.equal(await saved.getByRole('checkbox', { name: 'Raise scope creep flags' }).isChecked(), false);
    assert.equal(await saved.getByLabel(/^Link type/).inputValue(), 'Relates');
    assert.equal(await saved.getByRole('checkbox', { name: 'Run the red flag rules in this project' }).isChecked(), true);
    // With the rules switched on, the Red flags page says the rules are on.
    await page.goto(session.host.url + FLAGS_PAGE);
    const flags = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('flags-meta'));
    assert.equal(await flags.getByText('Rules are off in this project').count(), 0);
  }, TEST_TIMEOUT);
});

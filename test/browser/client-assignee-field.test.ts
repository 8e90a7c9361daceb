/**
 * The "Client assignee" field on the issue view (issue 14): its Custom UI view shows the ask's
 * state as a lozenge and "Hannah Becker · due 10 Dec 2026" in the viewer's date style (Maya, the
 * PM, en_GB; Riley Chen, en_US, once added to the project), follows the ask (waiting on the
 * client, then on the team after Hannah's question), and shows a calm grey "None" on an issue
 * without an ask. axe-core finds nothing in the field's frame. Screenshots go to
 * test-results/client-assignee-*.png.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import { appFrame, appFrameShowing, browserAvailable, browserSession, buildIfMissing, chooseOption, eventually, pickDate, screenshot } from './support';

const TEST_TIMEOUT = 120_000;
const ASK_ISSUE = '/browse/SHOP-12';
const NO_ASK_ISSUE = '/browse/SHOP-14';
const PORTAL_PATH = '/apps-global/liaison-portal';
const FIELD_FRAME = 'iframe[src*="/apps/client-assignee-field/"]';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** YYYY-MM-DD, n days from today (UTC). */
const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const due = daysFromNow(9);
const [year, month, day] = due.split('-').map(Number);
/** How each persona's locale writes the due day, spelled out here rather than computed with the code under test. */
const DUE_EN_GB = `${day} ${MONTHS[month - 1]} ${year}`;
const DUE_EN_US = `${MONTHS[month - 1]} ${day}, ${year}`;

/** The field's frame as it is now (the issue view replaces it when the issue is read again). */
async function fieldFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector(FIELD_FRAME, { timeout: 30_000 });
  const frame = await handle.contentFrame();
  assert.ok(frame, 'the Client assignee field has a frame');
  return frame;
}

/** What the field shows once loaded: its state (`none` when empty), the lozenge's words and its appearance, and the line beside it. */
async function fieldShows(page: Page): Promise<{ state: string | null; lozenge: string; appearance: string | null; text: string }> {
  const frame = await fieldFrame(page);
  const field = frame.getByTestId('client-assignee');
  await field.waitFor({ timeout: 30_000 });
  const text = field.getByTestId('client-assignee-text');
  return {
    state: await field.getAttribute('data-state'),
    // textContent: the lozenge's own words (Atlaskit upper-cases them on screen only).
    lozenge: (await text.count()) ? ((await field.textContent()) ?? '').replace((await text.textContent()) ?? '', '').trim() : '',
    appearance: await field.getAttribute('data-appearance'),
    text: (await text.count()) ? ((await text.textContent()) ?? '').replace(/\u00a0/g, ' ') : ((await field.textContent()) ?? '').trim(),
  };
}

async function axeViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

async function askPanel(page: Page): Promise<Frame> {
  return appFrameShowing(page, 'client-ask-panel', (frame) => frame.getByTestId('client-ask-panel'));
}

(browserAvailable ? describe : describe.skip)('the Client assignee field on the issue view', () => {
  const session = browserSession({
    prepare: () => {
      buildIfMissing('client-ask-panel');
      buildIfMissing('client-assignee-field');
    },
  });

  test('an issue without an ask shows a grey "None", as Jira shows an empty field', async () => {
    const page = await session.openAs(DEMO_USERS.pm, NO_ASK_ISSUE);
    assert.deepEqual(await fieldShows(page), { state: 'none', lozenge: '', appearance: null, text: 'None' });
    const frame = await fieldFrame(page);
    // Jira's subtlest text colour, never the warning colour the old field used.
    const colours = await frame.getByText('None', { exact: true }).evaluate((el) => {
      const probe = (value: string) => {
        const span = document.createElement('span');
        span.style.color = value;
        document.body.append(span);
        const colour = getComputedStyle(span).color;
        span.remove();
        return colour;
      };
      return { none: getComputedStyle(el).color, subtlest: probe('var(--ds-text-subtlest, #626F86)'), warning: probe('var(--ds-text-warning, #A54800)') };
    });
    assert.equal(colours.none, colours.subtlest);
    assert.notEqual(colours.none, colours.warning);
    assert.doesNotMatch(await page.locator('aside[aria-label="Issue details"]').innerText(), /Unable to render/);
    assert.deepEqual(await axeViolations(frame), []);
    await screenshot(page, 'client-assignee-0-none');
  }, TEST_TIMEOUT);

  test('Maya (en_GB) asks Hannah: the field reads "Hannah Becker · due <d MMM yyyy>" beside a "Waiting on client" lozenge', async () => {
    const page = await session.openAs(DEMO_USERS.pm, ASK_ISSUE);
    assert.equal((await fieldShows(page)).state, 'none');
    const panel = await askPanel(page);
    await panel.getByRole('button', { name: 'Ask the client' }).click();
    const form = panel.getByRole('form', { name: 'Ask the client' });
    await chooseOption(form, 'Client person', 'Hannah Becker');
    await form.getByLabel('What is asked').fill('Please confirm the delivery zones and their shipping prices');
    await pickDate(form, 'Due date', due);
    await form.getByRole('button', { name: 'Ask the client' }).click();

    // The panel refreshes the issue view (view.refresh()): the field's frame is loaded again with the new value.
    const expected = { state: 'waiting', lozenge: 'Waiting on client', appearance: 'moved', text: `Hannah Becker · due ${DUE_EN_GB}` };
    await eventually(async () => assert.deepEqual(await fieldShows(page), expected), { timeout: 30_000 });
    // A fresh page shows the same (nothing held over from the panel).
    await page.reload();
    await eventually(async () => assert.deepEqual(await fieldShows(page), expected), { timeout: 30_000 });
    // Never the account id, the ISO day or the round.
    const frame = await fieldFrame(page);
    assert.doesNotMatch((await frame.locator('body').innerText()), new RegExp(`${DEMO_USERS.clientPo}|${due}|round`));
    assert.deepEqual(await axeViolations(frame), []);
    await screenshot(page, 'client-assignee-1-waiting-en-gb');
    // In Jira's dark theme too (the shell's Theme menu, kept in a cookie).
    await page.context().addCookies([{ name: 'liaison-theme', value: 'dark', url: session.host.url }]);
    await page.reload();
    await eventually(async () => assert.deepEqual(await fieldShows(page), expected), { timeout: 30_000 });
    assert.equal(await page.locator('html').getAttribute('data-color-mode'), 'dark');
    assert.deepEqual(await axeViolations(await fieldFrame(page)), []);
    await screenshot(page, 'client-assignee-1-waiting-en-gb-dark');
  }, TEST_TIMEOUT);

  test('Hannah asks for more information: the field says "Waiting on team" in the colour the panel uses for it', async () => {
    const portal = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrame(portal, 'global-page');
    const card = frame.getByTestId('my-ask-SHOP-12');
    await card.waitFor({ timeout: 30_000 });
    await card.getByRole('button', { name: 'I need more information' }).click();
    await card.getByLabel('What do you need to know?').fill('Do the zones include the Channel Islands?');
    await card.getByRole('button', { name: 'Send question to the team' }).click();
    await eventually(async () => assert.equal(await frame.getByTestId('my-ask-SHOP-12').getByTestId('ask-summary').getAttribute('data-state'), 'question'));

    const page = await session.openAs(DEMO_USERS.pm, ASK_ISSUE);
    await eventually(async () => assert.deepEqual(await fieldShows(page), { state: 'question', lozenge: 'Waiting on team', appearance: 'inprogress', text: `Hannah Becker · due ${DUE_EN_GB}` }), { timeout: 30_000 });
    // The same lozenge as the Client ask panel beside it.
    const panel = await askPanel(page);
    assert.equal(await panel.getByTestId('ask-summary').getAttribute('data-state'), 'question');
    assert.deepEqual(await axeViolations(await fieldFrame(page)), []);
    await screenshot(page, 'client-assignee-2-question-en-gb');
  }, TEST_TIMEOUT);

  test('Riley Chen (en_US), once a member of the project, reads the day in his own style', async () => {
    // Riley is in no project role: the PM, a project administrator, adds him to Members through Jira's REST API.
    const sandbox = /Jira sandbox: (http:\/\/127\.0\.0\.1:\d+)/.exec(session.host.output())?.[1];
    assert.ok(sandbox, 'the host said where its sandbox is');
    const added = await fetch(`${sandbox}/rest/api/3/project/SHOP/role/${ROLE_IDS.members}`, {
      method: 'POST',
      headers: { Authorization: `Bearer forge-user:${DEMO_USERS.pm}`, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: [DEMO_USERS.outsider] }),
    });
    assert.equal(added.status, 200);

    const page = await session.openAs(DEMO_USERS.outsider, ASK_ISSUE);
    await eventually(async () => assert.deepEqual(await fieldShows(page), { state: 'question', lozenge: 'Waiting on team', appearance: 'inprogress', text: `Hannah Becker · due ${DUE_EN_US}` }), { timeout: 30_000 });
    assert.deepEqual(await axeViolations(await fieldFrame(page)), []);
    await screenshot(page, 'client-assignee-3-question-en-us');
  }, TEST_TIMEOUT);
});

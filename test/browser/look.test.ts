/**
 * Jira's look and habits over every screen (issue 14): axe-core (WCAG 2.1 A/AA) finds nothing in
 * the shell and in each app frame, in the light and the dark theme, for every persona (PM,
 * approver, team member, the client Hannah Becker, an outsider); at 390 px no project page and no
 * portal is wider than its frame; the Publish and Confluence dialogs (Forge's modal) are inside
 * the window at 1440 and 390 px; a client on the team's pages is shown the way to their portal.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrameShowing, browserAvailable, browserSession, buildIfMissing, CHROMIUM_PATH, eventually, modalDialog, screenshot, settled } from './support';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PROJECT = '/projects/SHOP/apps/liaison-project';
const PORTAL = '/apps-global/liaison-portal';
const PROJECT_PAGES = ['', '/asks', '/flags', '/changes', '/reports', '/settings'].map((route) => `${PROJECT}${route}`);
const TEST_TIMEOUT = 600_000;

type Persona = keyof typeof DEMO_USERS;
/** Every screen each persona reaches: their project pages, the portal, issue views with the panels, the dashboard. */
const SCREENS: Record<string, { persona: Persona; paths: string[] }> = {
  PM: { persona: 'pm', paths: [...PROJECT_PAGES, PORTAL, '/browse/SHOP-12', '/browse/SHOP-78', '/dashboards', '/admin/manage-apps'] },
  approver: { persona: 'approver', paths: [...PROJECT_PAGES, PORTAL, '/browse/SHOP-78'] },
  'team member': { persona: 'dev1', paths: [...PROJECT_PAGES, PORTAL, '/browse/SHOP-12'] },
  'Hannah Becker (client)': { persona: 'clientPo', paths: [PORTAL, PROJECT, `${PROJECT}/reports`, '/browse/SHOP-78'] },
  outsider: { persona: 'outsider', paths: [PORTAL, PROJECT] },
};

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

async function axeIn(frame: Frame): Promise<Violation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, WCAG_TAGS);
}

/** axe over the shell page and each app frame in it: "<where> <rule>: <help> at <targets>" for each violation. */
async function violations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    const where = frame === page.mainFrame() ? 'shell' : new URL(frame.url()).pathname;
    for (const v of await axeIn(frame)) found.push(`${where} ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  }
  return found;
}

/** Elements wider than their frame (outside a container that scrolls on its own), in the shell and each frame. */
async function overflowing(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    const where = frame === page.mainFrame() ? 'shell' : new URL(frame.url()).pathname;
    const wide = await frame.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      const width = root.clientWidth;
      const out: string[] = [];
      if (root.scrollWidth > width + 1) out.push(`the document scrolls sideways: ${root.scrollWidth} px in ${width} px`);
      const scrollsOnItsOwn = (el: Element): boolean => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) return true;
        }
        return false;
      };
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const style = getComputedStyle(el);
        if (style.position === 'fixed' || style.visibility === 'hidden') continue;
        // Visually hidden text (1 px, clipped) is for screen readers, not a layout.
        if (box.width <= 1 && box.height <= 1) continue;
        // Entirely off to the left is the skip link's resting place: it widens nothing.
        if (box.right <= 0) continue;
        if ((box.right > width + 1 || box.left < -1) && !scrollsOnItsOwn(el)) {
          const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
          out.push(`${label}: ${Math.round(box.left)}..${Math.round(box.right)} in ${width} px`);
        }
      }
      return out.slice(0, 8);
    });
    for (const w of wide) found.push(`${where}: ${w}`);
  }
  return found;
}

describe("Jira's look: accessibility, themes, phone width, dialogs on screen", () => {
  if (!browserAvailable) {
    test.skip(`Chromium not installed at ${CHROMIUM_PATH}`, () => undefined);
    return;
  }
  const session = browserSession({ prepare: () => buildIfMissing('project-page') });

  for (const [name, { persona, paths }] of Object.entries(SCREENS)) {
    test(`axe-core finds no WCAG 2.1 A/AA violation on any screen of the ${name}, light and dark`, async () => {
      const page = await session.pageAs(DEMO_USERS[persona]);
      const found: string[] = [];
      for (const theme of ['light', 'dark'] as const) {
        await page.context().addCookies([{ name: 'liaison-theme', value: theme, url: session.host.url }]);
        for (const path of paths) {
          await page.goto(session.host.url + path);
          await settled(page);
          assert.equal(await page.locator('html').getAttribute('data-color-mode'), theme);
          for (const v of await violations(page)) found.push(`${theme} ${path}: ${v}`);
          if (path === PORTAL || path === PROJECT) await screenshot(page, `look-${persona}-${path === PORTAL ? 'portal' : 'project'}-${theme}`);
        }
      }
      assert.deepEqual(found, [], found.join('\n'));
    }, TEST_TIMEOUT);
  }

  test('at 390 px no project page and no portal is wider than its frame; the issue view keeps its main column', async () => {
    const found: string[] = [];
    for (const persona of ['pm', 'clientPo'] as const) {
      const page = await session.pageAs(DEMO_USERS[persona]);
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of persona === 'pm' ? [...PROJECT_PAGES, PORTAL, '/browse/SHOP-12'] : [PORTAL]) {
        await page.goto(session.host.url + path);
        await settled(page);
        for (const w of await overflowing(page)) found.push(`${persona} ${path}: ${w}`);
        if (path.startsWith('/browse/')) {
          const main = await page.locator('.issue-main').boundingBox();
          assert.ok(main && main.width > 300, `the issue view's main column keeps its width at 390 px (${main?.width})`);
        }
        await screenshot(page, `look-390-${persona}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root'}`);
      }
    }
    assert.deepEqual(found, [], found.join('\n'));
  }, TEST_TIMEOUT);

  test('Hannah on the team pages is shown the way to her portal', async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, `${PROJECT}/reports`);
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('client-landing'));
    assert.equal(await frame.getByTestId('reports-page').count(), 0, 'the team page is not shown to a client');
    await Promise.all([page.waitForURL(/\/apps-global\/liaison-portal/), frame.getByRole('button', { name: 'Open your Liaison portal' }).click()]);
  }, TEST_TIMEOUT);

  /** The PM's Reports page at a width (a phone's height at 390 px), a report for the audience being generated. */
  async function reportGeneratedAt(width: number, audience: 'Manager' | 'Client'): Promise<{ page: Page; frame: Frame }> {
    const page = await session.pageAs(DEMO_USERS.pm);
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.goto(session.host.url + `${PROJECT}/reports`);
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('reports-page'));
    await frame.getByRole('group', { name: 'What to report' }).getByRole('radio', { name: audience }).check();
    await frame.getByRole('button', { name: 'Generate report' }).click();
    return { page, frame };
  }

  test('at 390 px the report\'s Export menu opens inside the window, where the user clicked it', async () => {
    const { page, frame } = await reportGeneratedAt(390, 'Manager');
    const exportButton = frame.getByRole('button', { name: 'Export the report' });
    await exportButton.waitFor({ timeout: 120_000 });
    const menu = frame.getByRole('menu', { name: 'Export the report: formats' });
    const view = page.viewportSize()!;
    // Where the report appears, under the Generate button at the foot of the window; then scrolled to the window's top.
    for (const where of ['foot', 'top'] as const) {
      if (where === 'top') await page.mouse.wheel(0, (await exportButton.boundingBox())!.y - 80);
      else await exportButton.scrollIntoViewIfNeeded();
      await settled(page);
      await exportButton.click();
      await menu.waitFor();
      await settled(page);
      const box = await menu.boundingBox();
      await screenshot(page, `look-export-menu-390-${where}`);
      assert.ok(box, 'the menu is on screen');
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height, `the Export menu opened at the ${where} at ${JSON.stringify(box)} is inside ${view.width}×${view.height}`);
      // Every format can be reached with the pointer, the last CSV table too.
      await frame.getByRole('menuitem', { name: /\(CSV\)$/ }).last().hover({ trial: true });
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
    }
    await page.close();
  }, TEST_TIMEOUT);

  for (const width of [1440, 390]) {
    test(`the Publish and Confluence dialogs open inside the window at ${width} px, where the user is`, async () => {
      const { page, frame } = await reportGeneratedAt(width, 'Client');
      const publish = frame.getByRole('button', { name: 'Publish…' });
      await publish.waitFor({ timeout: 120_000 });
      // The user is far down the report when they publish (the end of the page).
      await page.mouse.wheel(0, 2500);
      await publish.scrollIntoViewIfNeeded();
      const inside = async (what: string) => {
        const box = await page.getByRole('dialog', { name: what }).boundingBox();
        const view = page.viewportSize()!;
        assert.ok(box, `${what} is on screen`);
        assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height, `${what} at ${JSON.stringify(box)} is inside ${view.width}×${view.height}`);
      };

      await frame.getByRole('button', { name: 'Export the report' }).click();
      // Chosen from the keyboard (where the menu opens is the Export menu's test; this one judges the dialog).
      const confluenceItem = frame.getByRole('menuitem', { name: 'Confluence page…' });
      await confluenceItem.focus();
      await confluenceItem.press('Enter');
      const confluence = await modalDialog(page, 'Export to a Confluence page');
      await inside('Export to a Confluence page');
      await screenshot(page, `look-dialog-confluence-${width}`);
      await confluence.frame.getByRole('button', { name: 'Cancel' }).click();
      await confluence.dialog.waitFor({ state: 'detached' });

      await publish.click();
      const dialog = await modalDialog(page, 'Publish this report?');
      await inside('Publish this report?');
      await screenshot(page, `look-dialog-publish-${width}`);
      if (width === 390) {
        await dialog.frame.getByRole('button', { name: /^Cancel$/ }).click();
        await dialog.dialog.waitFor({ state: 'detached' });
        return;
      }
      await dialog.frame.getByRole('button', { name: /^Publish/ }).click();
      await frame.getByRole('heading', { name: 'Published report' }).waitFor({ timeout: 60_000 });

      // Hannah reads it in her portal: Read focuses the report (on screen), Close gives focus back to Read.
      const client = await session.openAs(DEMO_USERS.clientPo, PORTAL);
      const portal = await appFrameShowing(client, 'global-page', (f) => f.getByRole('button', { name: /^Read the report for/ }).first());
      const read = portal.getByRole('button', { name: /^Read the report for/ }).first();
      await read.focus();
      await read.press('Enter');
      const report = portal.getByTestId('portal-report');
      await report.waitFor({ timeout: 30_000 });
      await eventually(async () => assert.ok(await report.evaluate((el) => el.contains(document.activeElement)), 'focus is on the opened report'));
      await eventually(async () => {
        const top = await client.locator('iframe[src*="/apps/global-page/"]').evaluate((iframe: HTMLIFrameElement) => iframe.getBoundingClientRect().top + iframe.contentDocument!.querySelector('[data-testid="portal-report"]')!.getBoundingClientRect().top);
        assert.ok(top >= -5 && top < client.viewportSize()!.height, `the report starts inside the window (top ${top})`);
      });
      await screenshot(client, 'look-portal-report-open');
      await report.getByRole('button', { name: 'Close the report' }).press('Enter');
      await report.waitFor({ state: 'detached' });
      await eventually(async () => assert.match(await portal.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Read the report for/));
    }, TEST_TIMEOUT);
  }
});

/**
 * The Jira-like shell of the local host in a browser: issue lists read as the acting user (a client
 * never sees the internal OPS project), Jira's not-found page for an issue the user may not see, and
 * a user switcher that works from the keyboard alone.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { browserAvailable, browserSession, CHROMIUM_PATH, switcherPerson, switchUserBy, userSwitcher } from './support';

const TEST_TIMEOUT = 60_000;
/** Bounded, so that it matches issues of every project the user can see. */
const ALL_PROJECTS_JQL = 'created >= -3650d ORDER BY created DESC';
const ISSUE_KEY = /^[A-Z][A-Z0-9]*-\d+$/;

/** The issue keys in the issue list on screen. */
async function issueKeysOnPage(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: /^Issues matching/ });
  await table.waitFor({ timeout: 15_000 });
  return table.getByRole('link', { name: ISSUE_KEY }).allInnerTexts();
}

/** Runs a JQL search with the issue list's own form and collects the keys of every page of results. */
async function searchAllPages(page: Page, jql: string, maxPages = 10): Promise<string[]> {
  await page.getByLabel('JQL', { exact: true }).fill(jql);
  await Promise.all([page.waitForURL((url) => url.searchParams.get('jql') === jql), page.getByRole('button', { name: 'Search' }).click()]);
  const keys: string[] = [];
  for (let n = 0; n < maxPages; n++) {
    keys.push(...(await issueKeysOnPage(page)));
    const next = page.getByRole('link', { name: 'Next page' });
    if ((await next.count()) === 0) return keys;
    await Promise.all([page.waitForURL((url) => url.searchParams.get('page') === String(n + 2)), next.click()]);
  }
  throw new Error(`more than ${maxPages} pages of results for ${jql}`);
}

/** Whether the element behind `locator` has the keyboard focus. */
async function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

(browserAvailable ? describe : describe.skip)('the local host shell in the browser', () => {
  const session = browserSession();

  test("the project manager sees SHOP's issues in the issue list", async () => {
    const page = await session.openAs(DEMO_USERS.pm, '/projects/SHOP/issues');
    await page.getByRole('heading', { name: 'Issues', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('JQL', { exact: true }).inputValue(), 'project = "SHOP" ORDER BY created DESC');
    const keys = await issueKeysOnPage(page);
    assert.equal(keys.length, 50, 'a full first page (the demo has more than 50 SHOP issues)');
    assert.deepEqual(keys.filter((k) => !k.startsWith('SHOP-')), []);
    // Newest first, as the JQL says.
    const numbers = keys.map((k) => Number(k.split('-')[1]));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
    await page.getByRole('link', { name: 'Next page' }).waitFor();
  }, TEST_TIMEOUT);

  test('a client never sees OPS issues, and OPS-1 answers with Jira\'s not-found page', async () => {
    // The same search as the project manager first: it does reach OPS for someone allowed to see it.
    const pm = await session.openAs(DEMO_USERS.pm, '/projects/SHOP/issues');
    const pmKeys = await searchAllPages(pm, ALL_PROJECTS_JQL);
    assert.ok(pmKeys.some((k) => k.startsWith('OPS-')), 'the search finds OPS issues for the manager');
    await pm.goto(`${session.host.url}/browse/OPS-1`);
    const summary = (await pm.getByRole('heading', { level: 1 }).innerText()).trim();
    assert.ok(summary.length > 0);

    const client = await session.openAs(DEMO_USERS.clientPo, '/projects/SHOP/issues');
    await client.getByRole('button', { name: 'Acting as Hannah Becker. Switch user', exact: true }).waitFor({ timeout: 5000 });
    const clientKeys = await searchAllPages(client, ALL_PROJECTS_JQL);
    assert.ok(clientKeys.length > 0, 'the client sees SHOP issues');
    assert.deepEqual(clientKeys.filter((k) => !k.startsWith('SHOP-')), [], 'only SHOP issues');
    assert.deepEqual(clientKeys.sort(), pmKeys.filter((k) => k.startsWith('SHOP-')).sort(), 'every SHOP issue the manager found');

    const response = await client.goto(`${session.host.url}/browse/OPS-1`);
    assert.equal(response?.status(), 404);
    await client.getByRole('heading', { name: "We can't find issue OPS-1", level: 1 }).waitFor();
    const text = await client.locator('main').innerText();
    assert.match(text, /Issue does not exist or you do not have permission to see it\./);
    assert.ok(!text.includes(summary), 'the page does not give away the issue summary');
  }, TEST_TIMEOUT);

  test('the user switcher works with the keyboard alone', async () => {
    const page = await session.openAs(DEMO_USERS.pm, '/');
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    const switcher = userSwitcher(page);
    const menu = page.getByRole('menu', { name: 'Act as' });
    const person = (name: string) => switcherPerson(menu, name);

    // Tab reaches the switcher.
    for (let i = 0; i < 20 && !(await hasFocus(switcher)); i++) await page.keyboard.press('Tab');
    assert.equal(await hasFocus(switcher), true, 'Tab reaches the user switcher');
    assert.equal(await switcher.getAttribute('aria-expanded'), 'false');

    // Enter opens the menu on the person acting now; Escape closes it and gives focus back.
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'visible' });
    assert.equal(await switcher.getAttribute('aria-expanded'), 'true');
    assert.equal(await hasFocus(person('Maya Lindqvist')), true, 'focus starts on the acting person');
    assert.equal(await person('Maya Lindqvist').getAttribute('aria-checked'), 'true');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    assert.equal(await hasFocus(switcher), true, 'Escape returns focus to the switcher');

    // Arrow down opens it again; arrows move through the people; Enter acts as the one in focus.
    await page.keyboard.press('ArrowDown');
    await menu.waitFor({ state: 'visible' });
    const items = menu.getByRole('menuitemradio');
    const count = await items.count();
    assert.ok(count >= 5, `the switcher lists the demo's people (${count})`);
    const target = person('Hannah Becker');
    let presses = 0;
    for (; presses < count && !(await hasFocus(target)); presses++) {
      const before = await items.evaluateAll((list) => (list as Element[]).indexOf(document.activeElement as Element));
      await page.keyboard.press('ArrowDown');
      const after = await items.evaluateAll((list) => (list as Element[]).indexOf(document.activeElement as Element));
      assert.equal(after, (before + 1) % count, 'ArrowDown moves to the next person');
    }
    assert.equal(await hasFocus(target), true, `arrow keys reach Hannah Becker (${presses} presses)`);
    await switchUserBy(page, 'Hannah Becker', () => page.keyboard.press('Enter'));

    // The projects page now lists what the client may browse.
    const projects = page.getByRole('table', { name: 'Projects Hannah Becker can browse' });
    await projects.waitFor();
    const projectText = await projects.innerText();
    assert.match(projectText, /\bSHOP\b/);
    assert.doesNotMatch(projectText, /\bOPS\b/);
  }, TEST_TIMEOUT);
});

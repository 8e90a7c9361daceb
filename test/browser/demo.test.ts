/**
 * The lived-in demo's first screen for each person, at 1440 px, against `npm start` with the demo
 * story (a new data folder): Maya (PM), Oliver (approver) and Priya (team) on SHOP's Liaison page,
 * Hannah (client) in her portal, Riley (no role) wherever Liaison takes him. Each shows what the
 * story left for that person: for the team, the landing page and then the page of their work (asks,
 * change requests, flags). Screenshots: screens/demo-<person>[-landing].png (git-ignored).
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { allFramesText, browserAvailable, browserSession, buildIfMissing, eventually } from './support';

const SCREENS_DIR = resolve(__dirname, '..', '..', 'screens');
const PROJECT_PAGE = '/projects/SHOP/apps/liaison-project';
const PORTAL = '/apps-global/liaison-portal';
const TEST_TIMEOUT = 120_000;

async function firstScreen(page: Page, name: string, expected: RegExp[]): Promise<string> {
  await page.setViewportSize({ width: 1440, height: 900 });
  const text = await eventually(async () => {
    const all = await allFramesText(page);
    for (const e of expected) assert.match(all, e);
    return all;
  }, { timeout: 60_000, interval: 500 });
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `demo-${name}.png`) });
  return text;
}

(browserAvailable ? describe : describe.skip)('the demo, lived in: each person\'s first screen', () => {
  const session = browserSession({ story: true, prepare: () => buildIfMissing('project-page') });

  /** The project page's landing (what the person sees first), then the page holding their work. */
  async function teamScreens(accountId: string, name: string, route: string, expected: RegExp[], landing: RegExp[] = []): Promise<Page> {
    const page = await session.openAs(accountId, PROJECT_PAGE);
    await firstScreen(page, `${name}-landing`, [/What needs attention in Northwind web shop relaunch/, /Overdue with the client/, ...landing]);
    await page.goto(`${session.host.url}${PROJECT_PAGE}/${route}`);
    await firstScreen(page, name, expected);
    return page;
  }

  test('Maya (PM): SHOP\'s Liaison page, then its client asks (overdue first)', async () => {
    const page = await teamScreens(DEMO_USERS.pm, 'maya-pm', 'asks', [/Confirm loyalty programme rules/, /Cookie consent banner/], [/Question for the team/, /Next report/]);
    // Her reports: the two published client reports and the manager draft.
    await page.goto(`${session.host.url}${PROJECT_PAGE}/reports`);
    await firstScreen(page, 'maya-pm-reports', [/Published/, /Draft/]);
  }, TEST_TIMEOUT);

  test('Oliver (approver): SHOP\'s Liaison page, then its change requests (one awaiting his approval)', async () => {
    await teamScreens(DEMO_USERS.approver, 'oliver-approver', 'changes', [/Complete the look/, /Offer next-day delivery/], [/Change requests waiting for you[\s\S]*Approve or decline/]);
  }, TEST_TIMEOUT);

  test('Priya (team): SHOP\'s Liaison page, then its red flags', async () => {
    await teamScreens(DEMO_USERS.dev1, 'priya-team', 'flags', [/Klarna pay-later option/]);
  }, TEST_TIMEOUT);

  test('Hannah (client): her portal', async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL);
    const text = await firstScreen(page, 'hannah-client', [/Confirm loyalty programme rules/, /Offer next-day delivery/]);
    assert.doesNotMatch(text, /Nobody on the team has integrated Klarna/);
  }, TEST_TIMEOUT);

  test('Riley (no role): the portal has nothing of SHOP for him', async () => {
    const page = await session.openAs(DEMO_USERS.outsider, PORTAL);
    const text = await firstScreen(page, 'riley-outsider', [/Liaison/]);
    assert.doesNotMatch(text, /Confirm loyalty programme rules|Northwind web shop relaunch/);
  }, TEST_TIMEOUT);
});

/**
 * Every screen in the user's words and in one date style: each persona opens each Liaison screen
 * (portal, project landing and pages, issue panels, admin page), and the text of every app frame is
 * scanned for developer phrasings ("must be one of", "YYYY-MM-DD", "undefined", zod's "Expected
 * string") and for more than one way of writing dates. Empty forms are submitted too, so the field
 * messages are scanned as well.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrameShowing, browserAvailable, browserSession, eventually, screenshot, settled } from './support';

const TEST_TIMEOUT = 240_000;

/** Developer phrasings a person must never read in Liaison's screens. */
const FORBIDDEN: readonly RegExp[] = [
  /must be one of/i,
  /YYYY-MM-DD/i,
  /\bInvalid\b/,
  /\bundefined\b/,
  /\bnull\b/,
  /\bNaN\b/,
  /\[object Object\]/,
  /Expected (string|number|boolean|object|array)/i,
  /received (undefined|null|string|number)/i,
  /Invalid input/i,
  /must be a real date/i,
  // One word on both sides of a "·" says a thing twice ("Logged · logged 3 Dec 2026").
  /\b(\w+) · \1\b/i,
];

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)';
/** The ways a date can be written; a screen uses one of them. */
const DATE_FORMATS: Record<string, RegExp> = {
  'ISO (2026-12-10)': /\b\d{4}-\d{2}-\d{2}\b/,
  'numeric with slashes (12/10/2026)': /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/,
  'numeric with dots (10.12.2026)': /\b\d{1,2}\.\d{1,2}\.\d{4}\b/,
  'day month (10 Dec 2026)': new RegExp(`\\b\\d{1,2} ${MONTH}\\b`),
  'month day (Dec 10, 2026)': new RegExp(`\\b${MONTH} \\d{1,2}, \\d{4}\\b`),
};

export function problemsIn(text: string): string[] {
  const problems = FORBIDDEN.filter((pattern) => pattern.test(text)).map((pattern) => {
    const at = text.search(pattern);
    return `${pattern}: …${text.slice(Math.max(0, at - 60), at + 60).replace(/\s+/g, ' ')}…`;
  });
  const formats = Object.entries(DATE_FORMATS).filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
  if (formats.length > 1) problems.push(`dates written ${formats.length} ways: ${formats.join('; ')}`);
  return problems;
}

/** The text of Liaison's frames on the page (the shell around them is the local host's Jira, not the app). */
async function appText(page: Page): Promise<string> {
  const frames = page.frames().filter((frame) => frame !== page.mainFrame());
  const texts = await Promise.all(frames.map((frame: Frame) => frame.locator('body').innerText().catch(() => '')));
  return texts.join('\n');
}

/** The app frames' text once they have settled and no frame still says it is loading. */
async function settledText(page: Page): Promise<string> {
  await settled(page);
  return eventually(async () => {
    const text = await appText(page);
    assert.doesNotMatch(text, /Loading|Checking|Reading|Generating/);
    return text;
  }, { timeout: 20_000, interval: 300 });
}

const PROJECT = '/projects/SHOP/apps/liaison-project';
const SCREENS = [
  '/apps-global/liaison-portal',
  PROJECT,
  `${PROJECT}/asks`,
  `${PROJECT}/changes`,
  `${PROJECT}/flags`,
  `${PROJECT}/reports`,
  `${PROJECT}/settings`,
  '/projects/OPS/apps/liaison-project',
  '/browse/SHOP-12',
];

const PERSONAS = ['pm', 'approver', 'dev1', 'clientPo', 'clientMarketing', 'clientOps', 'outsider'] as const;

(browserAvailable ? describe : describe.skip)('words and dates on every screen', () => {
  const session = browserSession();

  for (const persona of PERSONAS) {
    test(`${persona}: no developer phrasing and one date style on any screen`, async () => {
      const page = await session.pageAs(DEMO_USERS[persona]);
      const found: string[] = [];
      for (const path of SCREENS) {
        await page.goto(session.host.url + path);
        const text = await settledText(page).catch(() => appText(page));
        for (const problem of problemsIn(text)) found.push(`${path}: ${problem}`);
      }
      if (persona === 'pm') {
        await page.goto(session.host.url + PROJECT);
        await settledText(page);
        await screenshot(page, `words-landing-${persona}`, 'project-page');
      }
      assert.deepEqual(found, []);
    }, TEST_TIMEOUT);
  }

  test('the messages of an empty form are in the form\'s words, and go once the field is fixed', async () => {
    const page = await session.openAs(DEMO_USERS.pm, '/browse/SHOP-12');
    const frame = await appFrameShowing(page, 'red-flags-panel', (f) => f.getByTestId('flags-summary'));
    await frame.getByRole('button', { name: 'Raise a flag' }).click();
    const form = frame.getByRole('form', { name: 'Raise a red flag' });
    await form.getByRole('button', { name: 'Raise flag' }).click();
    // The selects' placeholders say "Choose a …" too: wait for the server's messages under the fields.
    await form.getByText('Say what the concern is').waitFor();
    const errors = await form.locator('[data-field-error]').allInnerTexts();
    assert.deepEqual(errors.map((e) => e.trim()), ['Choose a category', 'Choose a severity', 'Say what the concern is']);
    const text = await form.innerText();
    assert.deepEqual(problemsIn(text), []);
    await screenshot(page, 'words-flag-form-errors', 'red-flags-panel');
    // Fixing the note clears its message at once, before the next submit.
    await form.getByLabel(/^Note/).fill('Payment provider not yet tested on mobile');
    await eventually(async () => assert.deepEqual((await form.locator('[data-field-error]').allInnerTexts()).map((e) => e.trim()), ['Choose a category', 'Choose a severity']));
  }, TEST_TIMEOUT);

  test('the scan itself catches what it is for', () => {
    assert.deepEqual(problemsIn('Due 10 Dec 2026 · updated 11 Dec 2026, 14:30'), []);
    assert.equal(problemsIn('Severity must be one of: low, medium').length, 1);
    assert.equal(problemsIn('Due 10 Dec 2026, created 2026-12-01').length, 1);
    assert.equal(problemsIn('Owner: undefined').length, 1);
    assert.equal(problemsIn('Logged · logged 3 Dec 2026').length, 1);
    assert.deepEqual(problemsIn('Awaiting approval · logged 3 Dec 2026'), []);
  });
});

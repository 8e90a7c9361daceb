/**
 * Keyboard use of every inline form (issue 14): opening one with the keyboard puts focus in its
 * first field; Escape closes it and gives focus back to the button that opened it; sending it never
 * leaves focus on the frame's <body>. (The portal's Read / Close the report: look.test.ts, once a
 * report is published.)
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrameShowing, browserAvailable, browserSession, buildIfMissing, chooseOption, CHROMIUM_PATH, eventually } from './support';

const TEST_TIMEOUT = 120_000;
const PORTAL_PATH = '/apps-global/liaison-portal';

/** What has focus in the frame: its tag, its text or label, and whether it is inside `form`. */
async function focused(frame: Frame, form?: Locator): Promise<{ tag: string; name: string; inForm: boolean }> {
  const formHandle = form ? await form.elementHandle({ timeout: 1000 }).catch(() => null) : null;
  return frame.evaluate((formEl) => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? 'none', name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(), inForm: !!formEl && !!el && (formEl as Element).contains(el) };
  }, formHandle);
}

/** Presses Enter on `button` (reached by keyboard focus), then checks focus is in `form`'s first field. */
async function openWithKeyboard(frame: Frame, button: Locator, form: Locator): Promise<void> {
  await button.focus();
  await button.press('Enter');
  await form.waitFor({ timeout: 15_000 });
  await eventually(async () => {
    const now = await focused(frame, form);
    assert.ok(now.inForm, `focus moved into the form (it is on a ${now.tag} "${now.name}")`);
    assert.ok(['input', 'textarea', 'select', 'button'].includes(now.tag), `focus is on a field (${now.tag})`);
  });
}

/** Escape closes the form; focus goes back to the button named `opener`. */
async function escapeBackTo(frame: Frame, form: Locator, opener: string | RegExp): Promise<void> {
  await frame.page().keyboard.press('Escape');
  await form.waitFor({ state: 'detached', timeout: 15_000 });
  await eventually(async () => {
    const now = await focused(frame);
    assert.equal(now.tag, 'button', `focus is on a button, not the ${now.tag} "${now.name}"`);
    assert.match(now.name, typeof opener === 'string' ? new RegExp(`^${opener}`) : opener);
  });
}

async function notOnBody(frame: Frame): Promise<void> {
  await eventually(async () => {
    const now = await focused(frame);
    assert.notEqual(now.tag, 'body', 'focus did not fall back to the frame body');
  });
}

describe('keyboard: inline forms take focus, Escape closes them, focus returns to what opened them', () => {
  if (!browserAvailable) {
    test.skip(`Chromium not installed at ${CHROMIUM_PATH}`, () => undefined);
    return;
  }
  const session = browserSession({ prepare: () => buildIfMissing('client-ask-panel') });

  test('Client ask panel: ask the client (Escape, then send)', async () => {
    const page = await session.openAs(DEMO_USERS.pm, '/browse/SHOP-12');
    const frame = await appFrameShowing(page, 'client-ask-panel', (f) => f.getByTestId('client-ask-panel'));
    const opener = frame.getByRole('button', { name: 'Ask the client' });
    const form = frame.getByRole('form', { name: 'Ask the client' });
    await openWithKeyboard(frame, opener, form);
    await escapeBackTo(frame, form, 'Ask the client');

    await openWithKeyboard(frame, opener, form);
    await form.getByLabel('What is asked').fill('Please confirm the payment providers');
    await chooseOption(form, 'Client person', 'Hannah Becker');
    await form.getByRole('button', { name: 'Ask the client' }).press('Enter');
    await form.waitFor({ state: 'detached', timeout: 30_000 });
    await notOnBody(frame);
    // Edit ask → Cancel with the keyboard: back on "Edit ask".
    const edit = frame.getByRole('button', { name: 'Edit ask' });
    const change = frame.getByRole('form', { name: 'Change the ask' });
    await openWithKeyboard(frame, edit, change);
    await change.getByRole('button', { name: 'Cancel' }).press('Enter');
    await change.waitFor({ state: 'detached' });
    await eventually(async () => assert.match((await focused(frame)).name, /^Edit ask/));
  }, TEST_TIMEOUT);

  test('Red flags panel: raise a flag (Escape)', async () => {
    const page = await session.openAs(DEMO_USERS.dev1, '/browse/SHOP-12');
    const frame = await appFrameShowing(page, 'red-flags-panel', (f) => f.getByTestId('red-flags-panel'));
    const form = frame.getByRole('form', { name: 'Raise a red flag' });
    await openWithKeyboard(frame, frame.getByRole('button', { name: 'Raise a flag' }), form);
    await escapeBackTo(frame, form, 'Raise a flag');
  }, TEST_TIMEOUT);

  test('Change request panel: assess and withdraw (Escape)', async () => {
    const page = await session.openAs(DEMO_USERS.pm, '/browse/SHOP-78');
    const frame = await appFrameShowing(page, 'change-request-panel', (f) => f.getByRole('group', { name: 'Change request actions' }));
    const actions = frame.getByRole('group', { name: 'Change request actions' });
    let tried = 0;
    for (const [button, formName] of [
      [/^Assess/, /assess/i],
      [/^Withdraw/, /withdraw/i],
    ] as const) {
      const opener = actions.getByRole('button', { name: button }).first();
      if ((await opener.count()) === 0) continue;
      const form = frame.getByRole('form', { name: formName });
      await openWithKeyboard(frame, opener, form);
      await escapeBackTo(frame, form, button);
      tried++;
    }
    assert.ok(tried >= 1, 'the panel offered at least one form to the PM');
  }, TEST_TIMEOUT);

  test("Portal: raise a change request and withdraw one (Escape)", async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrameShowing(page, 'global-page', (f) => f.getByTestId('my-changes'));
    const raise = frame.getByRole('button', { name: /^Raise a change request/ }).first();
    const form = frame.getByRole('form', { name: /^Raise a change request in/ });
    await openWithKeyboard(frame, raise, form);
    await escapeBackTo(frame, form, /^Raise a change request/);

    const withdraw = frame.getByRole('button', { name: /^Withdraw SHOP-/ }).first();
    const issueKey = /SHOP-\d+/.exec((await withdraw.textContent()) ?? '')![0];
    const withdrawForm = frame.getByRole('form', { name: `Withdraw ${issueKey}` });
    await openWithKeyboard(frame, withdraw, withdrawForm);
    await escapeBackTo(frame, withdrawForm, new RegExp(`^Withdraw ${issueKey}`));

  }, TEST_TIMEOUT);
});

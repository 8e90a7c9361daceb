/**
 * Project settings in a browser, against `npm start`'s local host: a manager fills and saves the
 * communication plan (and it survives a host restart), field errors show inline, a client sees a
 * refusal and nothing internal, a team member reads only, the admin page and the portal page.
 * The tests run in order and share one host (restarted once, on the same data) and one browser.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame, Locator, Page, Response } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import {
  allFramesText, appFrame, appFrameShowing, browserAvailable, browserSession, CHROMIUM_PATH, eventually, screenshot, switchUserWithMenu, userSwitcher,
} from './support';

const SETTINGS_PATH = '/projects/SHOP/apps/liaison-project/settings';
/** The admin page's old sidebar address: the shell redirects it to the Configure page. */
const ADMIN_PATH = '/admin/apps/liaison-admin';
const PORTAL_PATH = '/apps-global/liaison-portal';
const TEST_TIMEOUT = 120_000;

/** What the manager enters; the distinctive strings let the client test look for leaks. */
const PLAN = {
  contact: { name: 'Hannah Becker', role: 'Product owner', channel: 'Microsoft Teams', start: '08:30', end: '16:30', timeZone: 'Europe/Berlin' },
  escalation: { who: 'Oliver Grant, account director', contact: '+44 20 7946 0321', when: 'A client ask is overdue by three working days' },
  meeting: { name: 'Weekly status call', day: 'Wednesday', time: '15:30', timeZone: 'Europe/Berlin' },
  report: { day: 'Thursday', audiences: ['Executives', 'Managers', 'Client users'], notAudiences: ['Team'] },
  workingDays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday'],
  notWorkingDays: ['Friday', 'Saturday', 'Sunday'],
};

/**
 * The value shown by an Atlaskit single select. Its combobox input holds only what is typed, so this
 * reads the field's visible text without its label and react-select's live-region announcements.
 */
async function selectedText(frame: Frame, label: string): Promise<string> {
  const field = frame.getByLabel(label, { exact: true }).locator('xpath=ancestor::div[label][1]');
  return field.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('label, [aria-live], [role="log"], [role="status"]').forEach((n) => n.remove());
    return (copy.textContent ?? '').trim();
  });
}

/**
 * What a screen reader reads after a control's name: the texts its aria-describedby names, in order.
 * A select's combobox input is empty, so this is where its chosen value must reach assistive technology.
 */
async function accessibleDescription(frame: Frame, label: string): Promise<string> {
  return frame.getByLabel(label, { exact: true }).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => el.ownerDocument.getElementById(id)?.textContent?.trim() ?? '')
      .join(' '),
  );
}

/** Picks an option of an Atlaskit select by typing, as a keyboard user does, then checks it took, on screen and for a screen reader. */
async function choose(frame: Frame, label: string, option: string): Promise<void> {
  const input = frame.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(option);
  await frame.getByRole('option', { name: option, exact: true }).click();
  await eventually(async () => assert.equal(await selectedText(frame, label), option));
  await eventually(async () => assert.equal(await accessibleDescription(frame, label), option, `the ${label} combobox describes itself by its value`));
}

/** Whether the element is entirely within the app's iframe horizontally (nothing to scroll sideways to). */
async function withinFrameWidth(page: Page, element: Locator): Promise<boolean> {
  const frameBox = await page.locator('iframe[src*="/apps/project-page/"]').boundingBox();
  const box = await element.boundingBox();
  assert.ok(frameBox && box, 'both are on screen');
  return box.x >= frameBox.x && box.x + box.width <= frameBox.x + frameBox.width;
}

/** The line under the page title: project, the caller's role, and which version is saved by whom. */
function metaLine(frame: Frame) {
  return frame.getByText(/^Project SHOP · your role: /);
}

async function settingsFrame(page: Page): Promise<Frame> {
  return appFrameShowing(page, 'project-page', (frame) => frame.getByRole('heading', { name: /Liaison settings|You don't have access/ }).first());
}

(browserAvailable ? describe : describe.skip)('project settings in the browser', () => {
  // On the bundle Forge's bundler builds (what forge deploy ships), so a packaging regression fails here too.
  const session = browserSession({ bundle: true });

  test('a manager fills the communication plan, saves it, and it is still there after the host restarts', async () => {
    // Start as a team member and become the manager through the shell's own user switcher.
    const page = await session.openAs(DEMO_USERS.dev1, SETTINGS_PATH);
    let frame = await settingsFrame(page);
    await frame.getByText('Read only', { exact: true }).waitFor();
    await switchUserWithMenu(page, 'Maya Lindqvist');
    frame = await settingsFrame(page);
    const save = frame.getByRole('button', { name: 'Save settings' });
    await save.waitFor();
    assert.equal(await frame.getByText('Read only', { exact: true }).count(), 0, 'the manager does not get the read-only notice');

    // Client contact.
    await frame.getByRole('button', { name: 'Add contact' }).click();
    await frame.getByLabel('Name of contact 1', { exact: true }).fill(PLAN.contact.name);
    await frame.getByLabel('Role of contact 1', { exact: true }).fill(PLAN.contact.role);
    await choose(frame, 'Preferred channel of contact 1', PLAN.contact.channel);
    await frame.getByLabel('Working hours start of contact 1', { exact: true }).fill(PLAN.contact.start);
    await frame.getByLabel('Working hours end of contact 1', { exact: true }).fill(PLAN.contact.end);
    await choose(frame, 'Time zone of contact 1', PLAN.contact.timeZone);
    // The whole contact fits the 1360 px window, its last field and its Remove button included.
    for (const control of [frame.getByLabel('Time zone of contact 1', { exact: true }), frame.getByRole('button', { name: 'Remove contact 1', exact: true })]) {
      assert.equal(await withinFrameWidth(page, control), true, 'a contact field needs sideways scrolling');
    }

    // Escalation path.
    await frame.getByRole('button', { name: 'Add escalation level' }).click();
    await frame.getByLabel('Who (level 1)', { exact: true }).fill(PLAN.escalation.who);
    await frame.getByLabel('Contact (level 1)', { exact: true }).fill(PLAN.escalation.contact);
    await frame.getByLabel('When to escalate (level 1)', { exact: true }).fill(PLAN.escalation.when);

    // A weekly status call.
    await frame.getByRole('button', { name: 'Add meeting' }).click();
    await frame.getByLabel('Name (meeting 1)', { exact: true }).fill(PLAN.meeting.name);
    assert.equal(await selectedText(frame, 'Cadence (meeting 1)'), 'Weekly');
    await choose(frame, 'Day (meeting 1)', PLAN.meeting.day);
    await frame.getByLabel('Time (meeting 1)', { exact: true }).fill(PLAN.meeting.time);
    await choose(frame, 'Time zone (meeting 1)', PLAN.meeting.timeZone);

    // Weekly report on Thursdays for executives, managers and client users; a four-day week.
    assert.equal(await selectedText(frame, 'Report cadence'), 'Weekly');
    await choose(frame, 'Report day', PLAN.report.day);
    const audiences = frame.getByRole('group', { name: 'Audiences' });
    for (const a of PLAN.report.audiences) await audiences.getByRole('checkbox', { name: a }).check();
    for (const a of PLAN.report.notAudiences) await audiences.getByRole('checkbox', { name: a }).uncheck();
    const workingDays = frame.getByRole('group', { name: 'Working days' });
    for (const d of PLAN.workingDays) await workingDays.getByRole('checkbox', { name: d }).check();
    for (const d of PLAN.notWorkingDays) await workingDays.getByRole('checkbox', { name: d }).uncheck();
    // Reports: let client reports show change request prices (off by default).
    const costs = frame.getByRole('checkbox', { name: 'Show change request prices and paid totals in client reports' });
    assert.equal(await costs.isChecked(), false);
    await costs.check();

    await save.click();
    // Success: Jira's flag (shown by the shell, outside the app's frame) and the new version in the page.
    await page.getByRole('region', { name: 'Notifications' }).getByText('Settings saved').waitFor({ timeout: 15_000 });
    await eventually(async () => assert.match(await metaLine(frame).innerText(), /version 1, saved .* by Maya Lindqvist/));
    assert.equal(await frame.getByRole('heading', { name: /^Nothing was saved/ }).count(), 0);
    console.info(`screenshots: ${(await screenshot(page, 'settings-pm-saved', 'project-page')).join(', ')}`);

    // Stop the host and start it again on the same data folder.
    await session.restartHost();
    await page.goto(session.host.url + SETTINGS_PATH);
    await page.getByRole('button', { name: 'Acting as Maya Lindqvist. Switch user', exact: true }).waitFor({ timeout: 5000 });
    frame = await settingsFrame(page);
    await frame.getByRole('button', { name: 'Save settings' }).waitFor();

    assert.equal(await frame.getByLabel('Name of contact 1', { exact: true }).inputValue(), PLAN.contact.name);
    assert.equal(await frame.getByLabel('Role of contact 1', { exact: true }).inputValue(), PLAN.contact.role);
    assert.equal(await selectedText(frame, 'Preferred channel of contact 1'), PLAN.contact.channel);
    assert.equal(await frame.getByLabel('Working hours start of contact 1', { exact: true }).inputValue(), PLAN.contact.start);
    assert.equal(await frame.getByLabel('Working hours end of contact 1', { exact: true }).inputValue(), PLAN.contact.end);
    assert.equal(await selectedText(frame, 'Time zone of contact 1'), PLAN.contact.timeZone);
    assert.equal(await frame.getByLabel('Contact (level 1)', { exact: true }).inputValue(), PLAN.escalation.contact);
    assert.equal(await frame.getByLabel('Name (meeting 1)', { exact: true }).inputValue(), PLAN.meeting.name);
    assert.equal(await selectedText(frame, 'Day (meeting 1)'), PLAN.meeting.day);
    assert.equal(await frame.getByLabel('Time (meeting 1)', { exact: true }).inputValue(), PLAN.meeting.time);
    assert.equal(await selectedText(frame, 'Report day'), PLAN.report.day);
    const reloadedAudiences = frame.getByRole('group', { name: 'Audiences' });
    for (const a of PLAN.report.audiences) assert.equal(await reloadedAudiences.getByRole('checkbox', { name: a }).isChecked(), true, a);
    for (const a of PLAN.report.notAudiences) assert.equal(await reloadedAudiences.getByRole('checkbox', { name: a }).isChecked(), false, a);
    const reloadedDays = frame.getByRole('group', { name: 'Working days' });
    for (const d of PLAN.workingDays) assert.equal(await reloadedDays.getByRole('checkbox', { name: d }).isChecked(), true, d);
    for (const d of PLAN.notWorkingDays) assert.equal(await reloadedDays.getByRole('checkbox', { name: d }).isChecked(), false, d);
    assert.equal(await frame.getByRole('checkbox', { name: 'Show change request prices and paid totals in client reports' }).isChecked(), true, 'the reporting choice was saved');
    assert.match(await metaLine(frame).innerText(), /version 1, saved/);
  }, TEST_TIMEOUT);

  test('invalid values show field-level errors and nothing is saved', async () => {
    const page = await session.openAs(DEMO_USERS.pm, SETTINGS_PATH);
    const frame = await settingsFrame(page);
    const name = frame.getByLabel('Name of contact 1', { exact: true });
    const end = frame.getByLabel('Working hours end of contact 1', { exact: true });
    await name.fill('');
    await end.fill('07:00'); // before the 08:30 start
    await frame.getByRole('button', { name: 'Save settings' }).click();

    // A summary above the form, and each message at its own field.
    await frame.getByRole('heading', { name: 'Nothing was saved: 2 fields need attention' }).waitFor({ timeout: 15_000 });
    // The summary says in words where each problem is, and each line takes the keyboard to its field.
    const summary = frame.getByTestId('save-validation');
    assert.deepEqual((await summary.getByRole('listitem').allInnerTexts()).map((line) => line.trim()).sort(), [
      'Client contact 1, Working hours end: End time must be after the start time',
      'Client contact 1: Name is required',
    ]);
    for (const [line, field] of [['Client contact 1: Name is required', name], ['Client contact 1, Working hours end: End time must be after the start time', end]] as const) {
      await summary.getByRole('button', { name: line, exact: true }).click();
      assert.equal(await field.evaluate((el) => el === el.ownerDocument.activeElement), true, `"${line}" moves focus to its field`);
    }
    // The field is marked invalid and points at its message.
    for (const [field, message] of [[end, 'End time must be after the start time'], [name, 'Name is required']] as const) {
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      const describedBy = await field.getAttribute('aria-describedby');
      assert.ok(describedBy, 'the invalid field names its error message');
      assert.equal((await frame.locator(`[id="${describedBy}"]`).innerText()).trim(), message);
    }
    assert.notEqual(await frame.getByLabel('Working hours start of contact 1', { exact: true }).getAttribute('aria-invalid'), 'true', 'a valid field is not marked invalid');
    assert.equal(await page.getByRole('region', { name: 'Notifications' }).getByText('Settings saved').count(), 0);

    await page.reload();
    const reloaded = await settingsFrame(page);
    await reloaded.getByRole('button', { name: 'Save settings' }).waitFor();
    assert.equal(await reloaded.getByLabel('Name of contact 1', { exact: true }).inputValue(), PLAN.contact.name);
    assert.equal(await reloaded.getByLabel('Working hours end of contact 1', { exact: true }).inputValue(), PLAN.contact.end);
    assert.match(await metaLine(reloaded).innerText(), /version 1, saved/);
  }, TEST_TIMEOUT);

  test('a client is shown the way to their portal and none of the internal data', async () => {
    const page = await session.pageAs(DEMO_USERS.clientPo);
    const answers: Promise<string>[] = [];
    page.on('response', (r: Response) => {
      if (new URL(r.url()).pathname === '/api/invoke') answers.push(r.text());
    });
    await page.goto(session.host.url + SETTINGS_PATH);
    // A client is shown the way to their portal on the team's pages (issue 14), Settings included.
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('client-landing'));
    await frame.getByRole('button', { name: 'Open your Liaison portal' }).waitFor();
    await page.getByRole('button', { name: 'Acting as Hannah Becker. Switch user', exact: true }).waitFor({ timeout: 5000 });

    const text = await allFramesText(page);
    for (const secret of [PLAN.escalation.contact, PLAN.escalation.who, PLAN.escalation.when, PLAN.meeting.name, PLAN.contact.channel, PLAN.contact.role, 'Role mapping', 'Jira roles']) {
      assert.ok(!text.includes(secret), `the client's page shows "${secret}"`);
    }
    assert.equal(await frame.getByRole('button', { name: /save/i }).count(), 0, 'no Save button');
    assert.equal(await frame.getByRole('combobox').count(), 0, 'no role-mapping or other select controls');
    assert.equal(await frame.getByRole('textbox').count(), 0, 'no form fields');
    // The server, not the page, keeps the data back: no answer the browser received carries it.
    const bodies = await Promise.all(answers);
    assert.ok(bodies.length > 0, 'the page asked the app for the settings');
    for (const body of bodies) for (const secret of [PLAN.escalation.contact, PLAN.meeting.name, 'roleMapping']) assert.ok(!body.includes(secret), `an answer to the client carries "${secret}"`);
    console.info(`screenshots: ${(await screenshot(page, 'settings-client-refusal')).join(', ')}`);
  }, TEST_TIMEOUT);

  test('a team member reads the settings but cannot save', async () => {
    const page = await session.openAs(DEMO_USERS.dev1, SETTINGS_PATH);
    const frame = await settingsFrame(page);
    await frame.getByText('Read only', { exact: true }).waitFor();
    const name = frame.getByLabel('Name of contact 1', { exact: true });
    assert.equal(await name.inputValue(), PLAN.contact.name);
    assert.equal(await name.isEditable(), false);
    assert.equal(await selectedText(frame, 'Day (meeting 1)'), PLAN.meeting.day);
    assert.equal(await frame.getByRole('button', { name: /save/i }).count(), 0, 'no Save button');
    assert.equal(await frame.getByRole('button', { name: 'Add contact' }).count(), 0);
    assert.equal(await frame.getByRole('group', { name: 'Working days' }).getByRole('checkbox', { name: 'Monday' }).isEnabled(), false);
    assert.match(await metaLine(frame).innerText(), /your role: Team member/);
  }, TEST_TIMEOUT);

  test('the admin page, reached through Manage apps → Configure, gives a Jira admin the defaults editor and a team member a refusal', async () => {
    // As in Jira: a useAsConfig admin page is not in the settings menu; Manage apps has its Configure button.
    const admin = await session.openAs(DEMO_USERS.pm, '/');
    await admin.getByRole('button', { name: 'Settings' }).click();
    const menu = admin.getByRole('menu', { name: 'Settings' });
    await menu.getByRole('menuitem', { name: 'Apps: Manage apps' }).waitFor();
    assert.equal(await menu.getByRole('menuitem', { name: 'Apps: Liaison' }).count(), 0);
    await menu.getByRole('menuitem', { name: 'Apps: Manage apps' }).click();
    await admin.getByRole('link', { name: 'Configure' }).click();
    await admin.waitForURL(/\/admin\/apps\/configure\/[^/]+\/[^/]+$/);
    const adminFrame = await appFrame(admin, 'admin-page');
    await adminFrame.getByRole('heading', { name: 'Liaison site defaults' }).waitFor();
    const saveDefaults = adminFrame.getByRole('button', { name: 'Save site defaults' });
    await saveDefaults.waitFor({ timeout: 15_000 });
    assert.equal(await saveDefaults.isEnabled(), true);
    await adminFrame.getByLabel('Manager: Jira roles', { exact: true }).waitFor();
    await adminFrame.getByRole('button', { name: 'Add contact' }).waitFor();
    // The defaults are site-wide: the project's own plan is not among them.
    assert.ok(!(await allFramesText(admin)).includes(PLAN.escalation.contact));

    const dev = await session.openAs(DEMO_USERS.dev1, ADMIN_PATH);
    const devFrame = await appFrame(dev, 'admin-page');
    await devFrame.getByRole('heading', { name: 'Only Jira administrators can see or change the Liaison site defaults' }).waitFor({ timeout: 15_000 });
    assert.equal(await devFrame.getByRole('button', { name: /save/i }).count(), 0);
    assert.equal(await devFrame.getByRole('combobox').count(), 0);
    // The refusal shows the way to the person's portal: a link with Jira's address for it, which a plain click follows.
    const portalLink = devFrame.getByRole('link', { name: 'your Liaison portal' });
    assert.equal(new URL((await portalLink.getAttribute('href')) ?? '', session.host.url).pathname, '/apps-global/liaison-portal');
    await Promise.all([dev.waitForURL(/\/apps-global\/liaison-portal$/), portalLink.click()]);
  }, TEST_TIMEOUT);

  test("the portal shows the client SHOP's card with the saved contact and no OPS project", async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrame(page, 'global-page');
    const card = frame.getByRole('listitem', { name: /\(SHOP\)$/ });
    await card.waitFor({ timeout: 15_000 });
    const cardText = await card.innerText();
    assert.match(cardText, new RegExp(`${PLAN.contact.name}, ${PLAN.contact.role} · ${PLAN.contact.channel} · ${PLAN.contact.start}-${PLAN.contact.end} ${PLAN.contact.timeZone}`));
    assert.match(cardText, /Client/);
    assert.match(cardText, new RegExp(PLAN.meeting.name));
    assert.equal(await frame.getByRole('listitem', { name: /\(OPS\)$/ }).count(), 0);
    assert.ok(!(await frame.locator('body').innerText()).includes('OPS'), 'the portal names no OPS project');
    console.info(`screenshots: ${(await screenshot(page, 'portal-client')).join(', ')}`);
  }, TEST_TIMEOUT);
});

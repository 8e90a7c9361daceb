/**
 * A change request in a browser, the whole path, against `npm start`'s local host:
 * Hannah (the client's product owner) raises it in the Liaison portal; Priya (team) acknowledges
 * it and assesses it in the issue's Change request panel, with one internal note and one for the
 * client, and submits it for approval; Priya cannot approve it; Oliver (approver) approves it as a
 * paid change with a price; Maya (PM) drafts the message to the client, edits it and sends the
 * price with a deadline; Hannah declines it in the portal and Oliver decides again at a lower price;
 * Maya sends that one and Hannah accepts it (Client informed); Hannah then sees the decision, the schedule impact and the note meant for her in the portal and
 * on the issue (the price field only where the project shows costs to clients, which the demo's SHOP
 * does not) — and nowhere the internal note, the rationale, the effort or the cost.
 * The register lists it with the totals and exports it; Settings shows the workflow in place and
 * provisioning again creates nothing. Screenshots go to test-results/changes-*.png.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { allFramesText, appFrame, appFrameShowing, browserAvailable, browserSession, buildIfMissing, chooseOption, CHROMIUM_PATH, eventually, fieldByLabel, pickDate, primaryButtonLabels, screenshot } from './support';

const PORTAL_PATH = '/apps-global/liaison-portal';
const REGISTER_PATH = '/projects/SHOP/apps/liaison-project/changes';
const SETTINGS_PATH = '/projects/SHOP/apps/liaison-project/settings';
const TEST_TIMEOUT = 120_000;

const SUMMARY = 'Offer Klarna instalments at checkout';
const DETAILS = 'Our customers ask to pay in three instalments. We would like it before the spring campaign.';
const INTERNAL_NOTE = 'INTERNAL: reuse the PayPal adapter; margin is thin, do not quote below 5000';
const CLIENT_NOTE = 'Klarna needs its own checkout step, so delivery moves by four working days.';
const RATIONALE = 'Account agreed: priced at cost plus 10 percent as a goodwill gesture';
const PRICE = '5200';
const MESSAGE_ADDITION = 'Thank you for raising this with us.';

/** The issue key of the change request Hannah raises (set by the first test). */
let issueKey = '';

async function panel(page: Page): Promise<Frame> {
  return appFrameShowing(page, 'change-request-panel', (frame) => frame.getByTestId('change-request-panel').or(frame.getByTestId('not-a-change-request')).first());
}

/** Issue 14.5: one primary action per panel, the main next step; the rest default or subtle. */
async function assertOnePrimary(frame: Frame, where: string): Promise<void> {
  const labels = await primaryButtonLabels(frame);
  assert.ok(labels.length <= 1, `${where}: at most one primary button, found ${labels.length}: ${labels.join(', ')}`);
}

async function stepOf(frame: Frame): Promise<string | null> {
  return frame.getByTestId('change-request-panel').getAttribute('data-step');
}

(browserAvailable ? describe : describe.skip)('a change request in the browser', () => {
  // On the bundle Forge's bundler builds (what forge deploy ships), so a packaging regression fails here too.
  const session = browserSession({
    prepare: () => buildIfMissing('change-request-panel'),
    bundle: true,
  });

  test('Hannah raises a change request in the portal (an empty one is refused at its field)', async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrame(page, 'global-page');
    const region = frame.getByTestId('my-changes-SHOP');
    await region.waitFor({ timeout: 30_000 });
    await region.getByRole('button', { name: /^Raise a change request/ }).click();
    const form = frame.getByRole('form', { name: /^Raise a change request in / });
    // Focus lands in the form's first field.
    await eventually(async () => assert.equal(await form.getByLabel('What do you need?').evaluate((el) => el === document.activeElement), true));

    // Nothing typed: the server refuses, and says so next to the field.
    await form.getByRole('button', { name: 'Raise change request' }).click();
    const summaryField = form.getByLabel('What do you need?');
    await eventually(async () => assert.equal(await summaryField.getAttribute('aria-invalid'), 'true'));
    const describedBy = await summaryField.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the summary field points at its error');
    assert.match(await frame.locator(`[id="${describedBy}"]`).innerText(), /Say what you need/);
    await screenshot(page, 'changes-1a-raise-refused', 'global-page');

    await summaryField.fill(SUMMARY);
    await form.getByLabel(/^Details/).fill(DETAILS);
    await form.getByRole('button', { name: 'Raise change request' }).click();
    const card = frame.locator('li[data-testid^="my-change-"]', { hasText: SUMMARY });
    await card.waitFor({ timeout: 30_000 });
    issueKey = (await card.getAttribute('data-testid'))!.replace('my-change-', '');
    assert.match(issueKey, /^SHOP-\d+$/);
    assert.equal(await card.getAttribute('data-step'), 'logged');
    const text = await card.innerText();
    assert.match(text, /You raised this in the client portal/);
    assert.match(text, /To be acknowledged by/);
    assert.match(text, new RegExp(DETAILS));
    await screenshot(page, 'changes-1b-raised', 'global-page');
  }, TEST_TIMEOUT);

  test('Priya acknowledges and assesses it with an internal and a client-visible note, and cannot approve it', async () => {
    assert.ok(issueKey, 'the change request was raised');
    const page = await session.openAs(DEMO_USERS.dev1, `/browse/${issueKey}`);
    const frame = await panel(page);
    assert.equal(await stepOf(frame), 'logged');
    assert.match(await frame.getByTestId('change-status').innerText(), /Raised by Hannah Becker in the client portal/);
    await assertOnePrimary(frame, 'logged, for the team');

    await frame.getByRole('button', { name: 'Acknowledge' }).click();
    await eventually(async () => assert.equal(await stepOf(frame), 'acknowledged'));
    assert.match(await frame.getByTestId('change-ack').innerText(), /Acknowledged by Priya Raman/);
    await assertOnePrimary(frame, 'acknowledged, for the team');

    await frame.getByRole('button', { name: 'Assess' }).click();
    const form = frame.getByRole('form', { name: 'Assess the change request' });
    await form.getByLabel('Effort (person-days)').fill('6');
    await form.getByLabel('Schedule impact (days added)').fill('4');
    await form.getByLabel('Cost').fill('4800');
    await chooseOption(form, 'Currency', 'EUR · Euro');
    await form.getByLabel('Scope affected').fill('Checkout, payment service, order e-mails');
    await form.getByRole('button', { name: 'Add internal note' }).click();
    await form.getByLabel('Note 1', { exact: true }).fill(INTERNAL_NOTE);
    await form.getByRole('button', { name: 'Add note for the client' }).click();
    await form.getByLabel('Note 2', { exact: true }).fill(CLIENT_NOTE);
    assert.match(await form.getByRole('group', { name: 'New note 2' }).innerText(), /Visible to the client/);
    await screenshot(page, 'changes-2a-assess-form', 'change-request-panel');
    await assertOnePrimary(frame, 'the assess form open');
    await form.getByRole('button', { name: 'Save and submit for approval' }).click();

    await eventually(async () => assert.equal(await stepOf(frame), 'awaiting-approval'));
    const assessment = frame.getByTestId('change-assessment');
    const text = await assessment.innerText();
    assert.match(text, /Effort\s+6 person-days/);
    assert.match(text, /Schedule impact\s+4 days added/);
    assert.match(text, /Cost\s+€4,800\.00/);
    const notes = assessment.getByTestId('change-note');
    assert.equal(await notes.count(), 2);
    assert.equal(await notes.nth(0).getAttribute('data-visibility'), 'internal');
    assert.match(await notes.nth(0).innerText(), /Internal[\s\S]*reuse the PayPal adapter/);
    assert.equal(await notes.nth(1).getAttribute('data-visibility'), 'client');
    assert.match(await notes.nth(1).innerText(), /Visible to client[\s\S]*four working days/);
    // A team member may not approve: the panel offers no decision.
    assert.equal(await frame.getByRole('button', { name: 'Approve or decline' }).count(), 0);
    await assertOnePrimary(frame, 'awaiting approval, for the team');
    await screenshot(page, 'changes-2b-assessed', 'change-request-panel');
  }, TEST_TIMEOUT);

  test('Oliver (approver) approves it as a paid change with a price', async () => {
    const page = await session.openAs(DEMO_USERS.approver, `/browse/${issueKey}`);
    const frame = await panel(page);
    assert.equal(await stepOf(frame), 'awaiting-approval');
    await assertOnePrimary(frame, 'awaiting approval, for the approver');
    await frame.getByRole('button', { name: 'Approve or decline' }).click();
    const form = frame.getByRole('form', { name: 'Approve or decline' });
    await form.getByRole('radio', { name: /^Approve as a paid change/ }).check();
    // The price starts from the assessed cost; the approver sets it.
    assert.equal(await fieldByLabel(form, 'Price').inputValue(), '4800');
    await fieldByLabel(form, 'Price').fill(PRICE);
    assert.match(await form.locator('[data-field-path="price.currency"]').innerText(), /EUR · Euro/);
    await form.getByLabel(/^Rationale/).fill(RATIONALE);
    await screenshot(page, 'changes-3a-decide-form', 'change-request-panel');
    await form.getByRole('button', { name: 'Record decision' }).click();

    await eventually(async () => assert.equal(await stepOf(frame), 'approved'));
    const decision = await frame.getByTestId('change-decision').innerText();
    assert.match(decision, /Approved as a paid change/);
    assert.match(decision, /Price\s+€5,200\.00/);
    assert.match(decision, /Decided by Oliver Grant/);
    assert.match(decision, new RegExp(RATIONALE));
    await screenshot(page, 'changes-3b-approved', 'change-request-panel');
    await assertOnePrimary(frame, 'approved, for the approver');
  }, TEST_TIMEOUT);

  /** Maya drafts the message from the decision, adds a line, picks the deadline and sends the price. */
  async function mayaSendsThePrice(price: RegExp, shot: string): Promise<void> {
    const page = await session.openAs(DEMO_USERS.pm, `/browse/${issueKey}`);
    const frame = await panel(page);
    await frame.getByRole('button', { name: 'Tell the client' }).waitFor();
    await assertOnePrimary(frame, 'approved, for the PM');
    await frame.getByRole('button', { name: 'Tell the client' }).click();
    const form = frame.getByRole('form', { name: 'Tell the client' });
    const message = form.getByLabel('Message to the client');
    await message.waitFor({ timeout: 30_000 });
    const draft = await message.inputValue();
    // The draft is built from the decision, client-safe: the price, never the internal parts; and no "reply here".
    assert.match(draft, price);
    assert.doesNotMatch(draft, /reply here/i);
    for (const secret of [INTERNAL_NOTE, RATIONALE, '4800', '4,800']) assert.equal(draft.includes(secret), false, `the draft leaks "${secret}": ${draft}`);
    await message.fill(`${draft}\n\n${MESSAGE_ADDITION}`);
    await pickDate(form, 'The client may accept the price until', new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await screenshot(page, `${shot}a-price-draft`, 'change-request-panel');
    await form.getByRole('button', { name: 'Send the price to the client' }).click();

    // Sent: it stays approved, awaiting the client's acceptance.
    const offer = frame.getByTestId('price-offer');
    await offer.waitFor({ timeout: 30_000 });
    await eventually(async () => assert.equal(await offer.getAttribute('data-state'), 'awaiting'));
    assert.equal(await stepOf(frame), 'approved');
    assert.match(await offer.innerText(), /Awaiting client acceptance/);
    await screenshot(page, `${shot}b-price-sent`, 'change-request-panel');
    await assertOnePrimary(frame, 'the price awaiting the client, for the PM');
  }

  test('Maya drafts the message with the price, edits it and sends it with a deadline: it awaits the client', async () => {
    await mayaSendsThePrice(/5,?200/, 'changes-4');
  }, TEST_TIMEOUT);

  test('Hannah declines the quoted price in the portal, saying why', async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrame(page, 'global-page');
    const card = frame.getByTestId(`my-change-${issueKey}`);
    await card.waitFor({ timeout: 30_000 });
    const offer = card.getByTestId('price-offer');
    // The price is addressed to her, so she sees it (with its deadline) whatever the project shows otherwise.
    assert.match(await offer.innerText(), /€5,200\.00/);
    assert.match(await offer.innerText(), /Accept or decline it by /);
    await offer.getByRole('button', { name: 'Decline the price' }).click();
    const form = offer.getByRole('form', { name: 'Decline the price' });
    await form.getByLabel('Why you decline (optional)').fill('Over our budget for this quarter');
    await screenshot(page, 'changes-4c-client-declines', 'global-page');
    await form.getByRole('button', { name: 'Decline the price' }).click();
    await eventually(async () => assert.equal(await card.getAttribute('data-step'), 'awaiting-approval'));
    await screenshot(page, 'changes-4d-client-declined', 'global-page');
  }, TEST_TIMEOUT);

  test('Oliver (approver) sees the decision reopened and decides again at a lower price', async () => {
    const page = await session.openAs(DEMO_USERS.approver, `/browse/${issueKey}`);
    const frame = await panel(page);
    assert.equal(await stepOf(frame), 'awaiting-approval');
    assert.match(await frame.getByTestId('change-history').innerText(), /declined by the client: the decision is reopened/);
    await frame.getByRole('button', { name: 'Approve or decline' }).click();
    const form = frame.getByRole('form', { name: 'Approve or decline' });
    await form.getByRole('radio', { name: /^Approve as a paid change/ }).check();
    await fieldByLabel(form, 'Price').fill('4900');
    await form.getByLabel(/^Rationale/).fill(RATIONALE);
    await form.getByRole('button', { name: 'Record decision' }).click();
    await eventually(async () => assert.equal(await stepOf(frame), 'approved'));
    assert.match(await frame.getByTestId('change-decision').innerText(), /Price\s+€4,900\.00/);
    await screenshot(page, 'changes-4e-redecided', 'change-request-panel');
  }, TEST_TIMEOUT);

  test('Maya sends the new price and Hannah accepts it in the portal: Client informed', async () => {
    await mayaSendsThePrice(/4,?900/, 'changes-4f');
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrame(page, 'global-page');
    const card = frame.getByTestId(`my-change-${issueKey}`);
    await card.waitFor({ timeout: 30_000 });
    await card.getByTestId('price-offer').getByRole('button', { name: 'Accept the price' }).click();
    await eventually(async () => assert.equal(await card.getAttribute('data-step'), 'client-informed'));
    const issuePage = await session.openAs(DEMO_USERS.pm, `/browse/${issueKey}`);
    const issueFrame = await panel(issuePage);
    await eventually(async () => assert.equal(await stepOf(issueFrame), 'client-informed'));
    const sent = await issueFrame.getByTestId('change-client-message').innerText();
    assert.match(sent, new RegExp(MESSAGE_ADDITION));
    await screenshot(issuePage, 'changes-4g-client-informed', 'change-request-panel');
  }, TEST_TIMEOUT);

  test('Hannah sees the decision and the note meant for her — the price field only where costs are shown, never the internal note', async () => {
    const page = await session.openAs(DEMO_USERS.clientPo, PORTAL_PATH);
    const frame = await appFrame(page, 'global-page');
    const card = frame.getByTestId(`my-change-${issueKey}`);
    await card.waitFor({ timeout: 30_000 });
    assert.equal(await card.getAttribute('data-step'), 'client-informed');
    const text = await card.innerText();
    assert.match(text, /Approved as a paid change/);
    // SHOP hides costs from clients (the demo's setting): the card names the outcome, not the price.
    assert.doesNotMatch(text, /Price\s+€/);
    assert.match(text, /Schedule impact\s+4 days added/);
    assert.match(text, new RegExp(CLIENT_NOTE));
    assert.match(text, new RegExp(MESSAGE_ADDITION));
    for (const secret of [INTERNAL_NOTE, RATIONALE, 'Effort', '4,800', 'Checkout, payment service']) assert.equal(text.includes(secret), false, `the portal shows "${secret}" to the client`);
    await screenshot(page, 'changes-5a-client-portal', 'global-page');

    // The issue itself, as Hannah sees it in Jira: the panel and the comment with the message, no internal note anywhere.
    const issuePage = await session.openAs(DEMO_USERS.clientPo, `/browse/${issueKey}`);
    const issueFrame = await panel(issuePage);
    const decision = await issueFrame.getByTestId('change-decision').innerText();
    assert.match(decision, /paid change/i);
    assert.doesNotMatch(decision, /€4,900\.00/);
    const everything = await allFramesText(issuePage);
    assert.match(everything, new RegExp(MESSAGE_ADDITION));
    for (const secret of [INTERNAL_NOTE, RATIONALE]) assert.equal(everything.includes(secret), false, `the issue page shows "${secret}" to the client`);
    await screenshot(issuePage, 'changes-5b-client-issue');
  }, TEST_TIMEOUT);

  test('Priya links the implementation work: an issue that exists and a new task', async () => {
    const page = await session.openAs(DEMO_USERS.dev1, `/browse/${issueKey}`);
    const frame = await panel(page);
    await frame.getByRole('button', { name: 'Link implementation work' }).click();
    const form = frame.getByRole('form', { name: 'Link implementation work' });
    await form.getByLabel('Link existing issues (keys)').fill('shop-3');
    await form.getByRole('button', { name: 'Create a new issue' }).click();
    // A new row left blank is refused next to its field, and nothing is created or linked.
    await form.getByRole('button', { name: 'Link and create' }).click();
    const summary = form.getByLabel('Summary of new issue 1');
    await eventually(async () => assert.equal(await summary.getAttribute('aria-invalid'), 'true'));
    assert.equal(await frame.getByTestId('change-implementation').count(), 0);

    await summary.fill('Klarna checkout step');
    assert.match(await form.getByRole('group', { name: 'New issue 1' }).innerText(), /\bTask\b/);
    await form.getByRole('button', { name: 'Link and create' }).click();
    const linked = frame.getByTestId('change-implementation').getByRole('link');
    await eventually(async () => assert.equal(await linked.count(), 2));
    const keys = await linked.allInnerTexts();
    assert.equal(keys[0], 'SHOP-3');
    assert.match(keys[1], /^SHOP-\d+$/);
    assert.notEqual(keys[1], issueKey);
    await screenshot(page, 'changes-5c-implementation', 'change-request-panel');
  }, TEST_TIMEOUT);

  test('the register lists it with the totals and exports it as CSV', async () => {
    const page = await session.openAs(DEMO_USERS.pm, REGISTER_PATH);
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('changes-page'));
    const row = frame.locator(`tr[data-issue="${issueKey}"]`);
    await row.waitFor({ timeout: 30_000 });
    const cells = await row.locator('th, td').allInnerTexts();
    assert.match(cells[0], new RegExp(`${issueKey}\\s+${SUMMARY}`));
    assert.match(cells[2], /Hannah Becker/);
    assert.match(cells[3], /6 person-days[\s\S]*\+4 days schedule/);
    assert.equal(cells[4].trim(), 'Paid');
    assert.equal(cells[5].trim(), '€4,900.00');
    assert.match(cells[6], /^0 business days/);
    assert.match(await frame.getByTestId('total-paid').innerText(), /€[\d,.]+/);
    await screenshot(page, 'changes-6a-register', 'project-page');

    // Filtered to paid changes: the totals follow the rows.
    await chooseOption(frame, 'Outcome', 'Paid');
    await eventually(async () => {
      const outcomes = await frame.locator('tr[data-testid="change-row"] td:nth-of-type(4)').allInnerTexts();
      assert.ok(outcomes.length > 0 && outcomes.every((o) => o.trim() === 'Paid'), `outcomes: ${outcomes.join(', ')}`);
    });
    const count = await frame.locator('tr[data-testid="change-row"]').count();
    assert.equal((await frame.getByTestId('total-count').locator('dd').innerText()).trim(), String(count));

    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const line = csv.split(/\r?\n/).find((l) => l.startsWith(`${issueKey},`) || l.includes(`,${issueKey},`));
    assert.ok(line, `the CSV has ${issueKey}:\n${csv}`);
    assert.match(line!, /4900,EUR,.*Accepted/);
  }, TEST_TIMEOUT);

  test('Settings show the workflow in place, and provisioning again creates nothing', async () => {
    const page = await session.openAs(DEMO_USERS.pm, SETTINGS_PATH);
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByTestId('change-setup-status'));
    assert.equal(await frame.getByTestId('change-setup-status').getAttribute('data-configured'), 'true');
    assert.equal(await frame.getByTestId('plan-issue-type').getAttribute('data-exists'), 'true');
    assert.equal(await frame.getByTestId('plan-workflow').getAttribute('data-exists'), 'true');
    await frame.getByRole('button', { name: /^Provision again/ }).click();
    const result = frame.getByTestId('provision-result');
    await result.waitFor({ timeout: 30_000 });
    assert.equal((await result.innerText()).trim(), 'Nothing was created: everything already existed.');
    await frame.getByTestId('change-workflow-section').scrollIntoViewIfNeeded();
    await screenshot(page, 'changes-7-settings', 'project-page');
  }, TEST_TIMEOUT);
});

/**
 * Issue 17 in a browser, against `npm start`'s local host: on the Reports page the PM adds a
 * decision needed with an owner and a deadline (Atlaskit's date picker), takes a plan baseline
 * ("Snapshot the plan"), and generates this month's executive report, which shows the decision
 * with its owner and deadline, the baseline it is measured against, the milestones and the
 * Monte Carlo forecast. Screenshot: test-results/reports-plan-executive.png.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrameShowing, browserAvailable, browserSession, buildIfMissing, eventually, screenshot } from './support';

const REPORTS_PATH = '/projects/SHOP/apps/liaison-project/reports';
const TEST_TIMEOUT = 180_000;
const DECISION = 'Choose the payment provider for go-live';
const OWNER = 'Chris Finance';

/** A day 10 days ahead, as the date picker's en-US input takes it (M/D/YYYY), and as the report shows it. */
const ahead = new Date(Date.now() + 10 * 86_400_000);
const TYPED = `${ahead.getUTCMonth() + 1}/${ahead.getUTCDate()}/${ahead.getUTCFullYear()}`;
// Maya's Jira locale is en_GB: one date style, "17 Dec 2026", in the panel and in the report.
const SHOWN = ahead.toLocaleDateString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

async function reportsPage(page: Page): Promise<Frame> {
  return appFrameShowing(page, 'project-page', (frame) => frame.getByRole('heading', { name: 'Reports', level: 1 }));
}

(browserAvailable ? describe : describe.skip)('plan and decisions in the browser', () => {
  const session = browserSession({ prepare: () => buildIfMissing('project-page') });

  test('the PM adds a decision with an owner and deadline, snapshots the plan, and the monthly executive report shows them', async () => {
    const page = await session.openAs(DEMO_USERS.pm, REPORTS_PATH);
    const frame = await reportsPage(page);
    const panel = frame.getByTestId('plan-panel');
    await panel.getByRole('heading', { name: 'Plan and decisions' }).waitFor();
    await panel.getByRole('button', { name: 'Show the plan and decisions' }).click();

    await panel.getByLabel('Decision needed').fill(DECISION);
    await panel.getByLabel('Owner').fill(OWNER);
    const deadline = panel.locator('#decision-deadline');
    await deadline.click();
    await deadline.fill(TYPED);
    await deadline.press('Enter');
    await panel.getByRole('button', { name: 'Add the decision' }).click();
    const listed = panel.getByTestId('plan-decisions');
    await listed.locator('strong', { hasText: DECISION }).waitFor({ timeout: 30_000 });
    assert.match(await listed.innerText(), new RegExp(`${OWNER}, by ${SHOWN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    await panel.getByRole('button', { name: 'Snapshot the plan' }).click();
    await eventually(async () => assert.match(await panel.getByTestId('plan-baseline').innerText(), /^Baseline of .* planned items, \d+ milestones/), { timeout: 60_000 });

    const choices = frame.getByRole('group', { name: 'What to report' });
    await choices.getByRole('radio', { name: 'Calendar month' }).check();
    await choices.getByRole('radio', { name: 'Executive' }).check();
    await frame.getByRole('button', { name: 'Generate report' }).click();
    const report = frame.locator('[data-testid="report-view"][data-audience="executive"]');
    await report.waitFor({ timeout: 90_000 });

    const decisions = report.getByTestId('report-decisions');
    const row = decisions.getByRole('row', { name: new RegExp(DECISION) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.equal(cells[0].trim(), DECISION);
    assert.equal(cells[1].trim(), OWNER);
    assert.match(cells[2], new RegExp(SHOWN));
    assert.match(await report.getByTestId('report-plan-deviation').innerText(), /Baseline taken .* by /);
    await report.getByTestId('report-milestones').getByRole('table').waitFor();
    assert.match(await report.getByTestId('report-monte-carlo').innerText(), /simulations drawn from the/);
    await decisions.scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-plan-executive');
  }, TEST_TIMEOUT);
});

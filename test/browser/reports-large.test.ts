/**
 * A report on a large project, in a browser: the local host runs on a generated site of 50,000
 * issues (LIAISON_SITE=generated:50000) with 150 ms added to every Jira request, as a busy cloud
 * site answers. The PM asks for the manager report of the past year: the resolver reads for a
 * while, hands the rest to the `report-jobs` queue (src/reports/events/reportJob.ts), and the page shows
 * the job's progress bar moving until the report appears, then saves it as a draft (built from the
 * job's reading, not read again). The host is told to hand off after 2 s
 * and to cut chunks of 4 s (instead of 8 s and 120 s) so the test sees several chunks quickly.
 * Screenshots: test-results/reports-large-*.png.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Browser, Frame } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { appFrameShowing, browserAvailable, buildIfMissing, CHROMIUM_PATH, contextAs, launchBrowser, pickDate, removeDataDir, screenshot, startHost, type RunningHost } from './support';

const REPORTS_PATH = '/projects/SHOP/apps/liaison-project/reports';
const LATENCY_MS = 150;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

(browserAvailable ? describe : describe.skip)('a report on a 50,000-issue project', () => {
  let host: RunningHost | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    buildIfMissing('project-page');
    [host, browser] = await Promise.all([
      startHost({ env: { LIAISON_SITE: 'generated:50000', LIAISON_REPORT_HANDOFF_MS: '2000', LIAISON_REPORT_CHUNK_MS: '4000' } }),
      launchBrowser(),
    ]);
    // The host prints where its sandbox listens just after its own address.
    let sandbox: string | undefined;
    for (let i = 0; i < 100 && !sandbox; i += 1) {
      sandbox = /Jira sandbox: (http:\/\/127\.0\.0\.1:\d+)/.exec(host.output())?.[1];
      if (!sandbox) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(sandbox, `the host did not say where its sandbox is:\n${host.output()}`);
    const knobs = await fetch(`${sandbox}/__sandbox/knobs`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ latencyMs: LATENCY_MS }) });
    assert.equal(knobs.status, 200);
  });

  afterAll(async () => {
    await browser?.close();
    if (host) {
      await host.stop();
      removeDataDir(host.dataDir);
    }
  });

  test('the PM generates the past year’s manager report: progress shows while it is read in the background, then the report', async () => {
    const context = await contextAs(browser!, host!.url, DEMO_USERS.pm);
    const page = await context.newPage();
    await page.goto(host!.url + REPORTS_PATH);
    const frame: Frame = await appFrameShowing(page, 'project-page', (f) => f.getByRole('heading', { name: 'Reports', level: 1 }));

    const choices = frame.getByRole('group', { name: 'What to report' });
    await choices.getByRole('radio', { name: 'Custom dates' }).check();
    await pickDate(choices, 'From', day(-364));
    await pickDate(choices, 'To', day(0));
    await choices.getByRole('radio', { name: 'Manager' }).check();
    await frame.getByRole('button', { name: 'Generate report' }).click();

    // The job's progress bar: labelled, with its value, moving as pages are read.
    const bar = frame.getByRole('progressbar');
    await bar.waitFor({ timeout: 60_000 });
    const progress = frame.getByTestId('report-job-progress');
    const seen: number[] = [];
    let shot = false;
    for (let i = 0; i < 600; i += 1) {
      if (!(await bar.isVisible().catch(() => false))) break;
      const value = Number(await bar.getAttribute('value').catch(() => null));
      if (Number.isFinite(value)) seen.push(value);
      const text = await progress.innerText().catch(() => '');
      if (!shot && value > 0 && /\d+ of about \d+ pages of Jira data read/.test(text)) {
        await screenshot(page, 'reports-large-progress', 'project-page');
        shot = true;
      }
      await page.waitForTimeout(500);
    }
    assert.ok(shot, `the progress never showed pages read (values seen: ${seen.join(', ')})`);
    const moving = seen.filter((v, n) => n > 0 && v > seen[n - 1]);
    assert.ok(moving.length >= 1, `the progress bar never moved: ${seen.join(', ')}`);
    assert.ok(seen.every((v, n) => n === 0 || v >= seen[n - 1]), `the progress went back: ${seen.join(', ')}`);

    // Then the report itself, for the whole year of a big project.
    const report = frame.locator('[data-testid="report-view"][data-audience="manager"]');
    await report.waitFor({ timeout: 120_000 });
    await report.getByRole('heading', { name: 'Completed work', level: 3, exact: true }).waitFor();
    assert.equal(await frame.getByTestId('report-job-progress').count(), 0);
    const text = await report.innerText();
    assert.match(text, new RegExp(`${day(-364)}|${day(0)}|year|Custom`, 'i'));
    await screenshot(page, 'reports-large-done', 'project-page');

    // Saving the draft builds it from the job's reading (reports.saveDraft with jobId): quick, no second long read.
    const saving = Date.now();
    await frame.getByRole('button', { name: 'Save draft' }).click();
    await frame.getByRole('heading', { name: /^Draft, version 1/ }).waitFor({ timeout: 20_000 });
    assert.ok(Date.now() - saving < 20_000);
    await frame.getByTestId('report-history-table').getByText('Draft').waitFor();
    await context.close();
  }, 600_000);
});

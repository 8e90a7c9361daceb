/**
 * Calm rules in a browser (issue 14), against `npm start`'s local host on the demo site: the PM
 * ticks "Run the red flag rules in this project" in Settings and sees the dry run first ("Turning
 * this on would raise N flags: …", per rule, nothing written yet); saving runs the rules at once;
 * the Red flags page then lists exactly those N rule flags, none on an epic, none on a change
 * request but the change request's own rule, and at most one scope-creep flag per active sprint.
 * Screenshots go to test-results/.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../local/demo/site';
import { parseCsv } from '../unit/csv-reader';
import { appFrameShowing, browserAvailable, browserSession, buildIfMissing, eventually, screenshot } from './support';

const SETTINGS_PATH = '/projects/SHOP/apps/liaison-project/settings';
const FLAGS_PAGE = '/projects/SHOP/apps/liaison-project/flags';
const TEST_TIMEOUT = 120_000;

(browserAvailable ? describe : describe.skip)('calm red-flag rules in the browser', () => {
  const session = browserSession({ prepare: () => buildIfMissing('project-page') });

  let sandbox = '';
  const sandboxUrl = () => {
    const match = /Jira sandbox: (http:\/\/127\.0\.0\.1:\d+)/.exec(session.host.output());
    assert.ok(match, 'the host did not say where its sandbox is');
    return (sandbox = match[1]);
  };
  /** Jira's REST API as the PM (what Jira itself shows, to check the app's screens against). */
  const jira = async (path: string, body?: unknown) => {
    const response = await fetch(`${sandbox || sandboxUrl()}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer forge-user:${DEMO_USERS.pm}`, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(response.status, 200, `${path}: ${response.status}`);
    return response.json() as Promise<any>;
  };
  const keysOf = async (jql: string): Promise<string[]> => ((await jira('/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100 })).issues as { key: string }[]).map((i) => i.key);

  let raisedInDryRun = 0;

  async function settingsFrame(page: Page): Promise<Frame> {
    return appFrameShowing(page, 'project-page', (frame) => frame.getByRole('button', { name: 'Save settings' }));
  }

  test('ticking the rules on shows the dry run first; nothing is written until the PM saves', async () => {
    const page = await session.openAs(DEMO_USERS.pm, SETTINGS_PATH);
    const frame = await settingsFrame(page);
    const rules = frame.getByTestId('red-flag-rules');
    const toggle = rules.getByRole('checkbox', { name: 'Run the red flag rules in this project' });
    assert.equal(await toggle.isChecked(), false, 'the demo project never switched the rules on');
    assert.equal(await frame.getByTestId('rule-dry-run').count(), 0);
    // Which issues each rule checks is said beside it.
    await rules.locator('[data-rule="stale"]').getByText('Checks issues (stories, tasks, bugs) and sub-tasks only.').waitFor();
    await rules.locator('[data-rule="change-unacknowledged"]').getByText('Checks change requests only.').waitFor();

    await toggle.check();
    const dryRun = frame.getByTestId('rule-dry-run');
    const title = await eventually(async () => {
      const text = await dryRun.innerText();
      const match = /Turning this on would raise (\d+) flags: ([^\n]+)\./.exec(text);
      assert.ok(match, text);
      return match;
    }, { timeout: 30_000 });
    raisedInDryRun = Number(title[1]);
    assert.ok(raisedInDryRun > 0);
    // Per rule, with the issues: the counts add up to the total.
    const perRule = [...title[2].matchAll(/([A-Za-z ]+?) (\d+)(?:, |$)/g)].map((m) => Number(m[2]));
    assert.equal(perRule.reduce((a, b) => a + b, 0), raisedInDryRun, title[2]);
    await dryRun.getByText('Nothing changes until you save the settings.', { exact: false }).waitFor();
    const scope = dryRun.locator('details[data-dry-run-rule="scope-creep"]');
    if (await scope.count()) {
      await scope.locator('summary').click();
      assert.match(await scope.innerText(), /Scope creep: 1 flag\b/);
    }
    await screenshot(page, 'flag-rules-dry-run', 'project-page');
    // Nothing written yet: no issue of SHOP carries a flag.
    assert.deepEqual(await keysOf('project = SHOP AND issue.property[liaison-flags].total > 0'), []);

    await frame.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/The red flag rules are running now/).waitFor({ timeout: 30_000 });
  }, TEST_TIMEOUT);

  test('the rules ran at once: exactly the dry run, none on an epic or (but its own rule) a change request, one scope-creep flag per sprint', async () => {
    const page = await session.openAs(DEMO_USERS.pm, FLAGS_PAGE);
    const frame = await appFrameShowing(page, 'project-page', (f) => f.getByRole('heading', { name: 'Red flags', level: 1 }));
    await frame.getByTestId('flags-list').getByTestId('flag-row').first().waitFor({ timeout: 30_000 });
    const csv = await eventually(async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Export CSV' }).click()]);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      const rows = parseCsv(Buffer.concat(chunks).toString('utf8'));
      const header = rows[0];
      const open = rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))).filter((r) => r.Status === 'open' && r.Source.startsWith('rule:'));
      assert.equal(open.length, raisedInDryRun);
      return open;
    }, { timeout: 30_000 });

    const epics = new Set(await keysOf('project = SHOP AND issuetype = Epic'));
    const changeRequests = new Set(await keysOf('project = SHOP AND issuetype = "Change request"'));
    assert.ok(epics.size > 0 && changeRequests.size > 0, 'the demo has epics and change requests to judge');
    assert.deepEqual(csv.filter((r) => epics.has(r.Issue)).map((r) => `${r.Issue} ${r.Category}`), []);
    assert.deepEqual(csv.filter((r) => changeRequests.has(r.Issue) && r.Source !== 'rule: change-unacknowledged').map((r) => `${r.Issue} ${r.Category}`), []);
    const boards = (await jira('/rest/agile/1.0/board?projectKeyOrId=SHOP')).values as { id: number }[];
    const active = new Set<number>();
    for (const board of boards) for (const sprint of (await jira(`/rest/agile/1.0/board/${board.id}/sprint?state=active`)).values as { id: number }[]) active.add(sprint.id);
    const creep = csv.filter((r) => r.Source === 'rule: scope-creep');
    assert.ok(creep.length <= active.size, `${creep.length} scope-creep flags for ${active.size} active sprints`);
    for (const r of creep) assert.match(r.Note, /^Sprint ".+" grew by \d+ issues after it started/);
    await screenshot(page, 'flag-rules-after-enable', 'project-page');
  }, TEST_TIMEOUT);
});

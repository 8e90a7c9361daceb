/**
 * The report schedule: the daily scheduled trigger makes a draft per scheduled audience when the
 * communication plan's schedule is due today, tells the PM (a notice on the Reports page and a Jira
 * notification), never makes the same draft twice, and does nothing on other days.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import type { TestHost } from '../../local/host/testing';
import { periodOf } from '../../src/reports/domain/period';
import { WEEKDAYS } from '../../src/platform/domain/time';
import { scheduledPeriod } from '../../src/reports/domain/reportScheduleDue';
import { callerFrom, ok, PROJECT_PAGE } from './support';
import { startFixtureHost, weekdayIndex } from './reports-support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const today = new Date().toISOString().slice(0, 10);
const todayWeekday = WEEKDAYS[weekdayIndex()];

beforeAll(async () => {
  host = await startFixtureHost();
  call = callerFrom(host, PROJECT_PAGE);
});
afterAll(() => host?.close());

async function setSchedule(schedule: Record<string, unknown>): Promise<void> {
  const current = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'ACME' }));
  const settings = { ...current.settings, communicationPlan: { ...current.settings.communicationPlan, reportSchedule: schedule } };
  ok(await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'ACME', version: current.version, ...settings }));
}

describe('when the schedule is due', () => {
  test('weekly: on its weekday, the week holding the day; monthly: its day, the month (the month just ended in the first week)', () => {
    assert.deepEqual(scheduledPeriod({ cadence: 'weekly', weekday: 'FRI', audiences: ['manager'] }, '2026-11-27'), { kind: 'week', from: '2026-11-23', to: '2026-11-29' });
    assert.equal(scheduledPeriod({ cadence: 'weekly', weekday: 'FRI', audiences: ['manager'] }, '2026-11-26'), null);
    assert.deepEqual(scheduledPeriod({ cadence: 'monthly', dayOfMonth: 28, audiences: ['manager'] }, '2026-11-28'), { kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    assert.deepEqual(scheduledPeriod({ cadence: 'monthly', dayOfMonth: 3, audiences: ['manager'] }, '2026-12-03'), { kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    assert.deepEqual(scheduledPeriod({ cadence: 'monthly', dayOfMonth: 31, audiences: ['manager'] }, '2026-11-30'), { kind: 'month', from: '2026-11-01', to: '2026-11-30' });
    assert.equal(scheduledPeriod({ cadence: 'monthly', dayOfMonth: 31, audiences: ['manager'] }, '2026-11-29'), null);
  });
});

describe('the scheduled trigger', () => {
  test('makes a draft per audience, notifies the managers, and shows a notice until the draft is opened', async () => {
    await setSchedule({ cadence: 'weekly', weekday: todayWeekday, audiences: ['manager', 'client'] });
    const run = (await host.app.fireScheduledTrigger('report-schedule')) as any;
    const acme = run.projects.find((p: any) => p.projectKey === 'ACME');
    const week = periodOf('week', today);
    assert.deepEqual(acme.period, week);
    assert.deepEqual(acme.created.map((c: any) => c.audience), ['manager', 'client']);
    assert.equal(acme.notified, true, JSON.stringify(acme));

    const notices = ok(await call<any>(DEMO_USERS.pm, 'reports.notices', { projectKey: 'ACME' }));
    assert.deepEqual(notices.drafts.map((s: any) => [s.audience, s.status, s.source, s.period.from]).sort(), [['client', 'draft', 'schedule', week.from], ['manager', 'draft', 'schedule', week.from]]);
    const client = ok(await call<any>(DEMO_USERS.pm, 'reports.get', { projectKey: 'ACME', reportId: acme.created[1].reportId }));
    assert.equal(client.model.audience, 'client');
    assert.equal(client.model.manpower, undefined, 'the scheduled client draft is client-shaped');
    // Opening it cleared its notice; the manager draft's remains.
    assert.deepEqual(ok(await call<any>(DEMO_USERS.pm, 'reports.notices', { projectKey: 'ACME' })).drafts.map((s: any) => s.audience), ['manager']);

    // Jira tells the project's managers (Maya, the PM), about the project's first issue.
    const sent = (await (await fetch(`${host.sandbox.url}/__sandbox/notifications?issueKey=ACME-12`)).json()) as { subject: string; textBody: string; to: string[] }[];
    assert.equal(sent.length, 1);
    assert.match(sent[0].subject, new RegExp(`report drafts for ACME \\(${week.from} to ${week.to}\\) are ready`));
    assert.match(sent[0].textBody, /manager, client/);
    assert.deepEqual(sent[0].to, [DEMO_USERS.pm]);
  });

  test('running again the same day makes nothing twice; other days nothing at all', async () => {
    const again = (await host.app.fireScheduledTrigger('report-schedule')) as any;
    const acme = again.projects.find((p: any) => p.projectKey === 'ACME');
    assert.deepEqual(acme.created, []);
    assert.deepEqual(acme.skipped, ['manager', 'client']);
    const otherDay = WEEKDAYS[(weekdayIndex() + 3) % 7];
    await setSchedule({ cadence: 'weekly', weekday: otherDay, audiences: ['executive'] });
    const quiet = (await host.app.fireScheduledTrigger('report-schedule')) as any;
    assert.deepEqual(quiet.projects.find((p: any) => p.projectKey === 'ACME').created, []);
    const list = ok(await call<any>(DEMO_USERS.pm, 'reports.list', { projectKey: 'ACME' }));
    assert.equal(list.snapshots.length, 2);
    assert.deepEqual(list.snapshots.map((s: any) => [s.generatedBy, s.source]), [['liaison-schedule', 'schedule'], ['liaison-schedule', 'schedule']]);
    assert.equal(list.names['liaison-schedule'], 'Report schedule');
    assert.equal((await (await fetch(`${host.sandbox.url}/__sandbox/notifications?issueKey=ACME-12`)).json()).length, 1);
  });
});

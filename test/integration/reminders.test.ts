/**
 * Reminders and the managers' digest (issue 14, point 2), through the `reminders-hourly` scheduled
 * trigger and the Settings preview, against the demo site. Off until a manager switches them on;
 * the preview (managers only) lists exactly what the job then sends; each reminder is sent once;
 * an ask N working days overdue is escalated along the escalation path; the PM's digest lists what
 * is overdue. The clock is the real one: the plan makes every day a working day and Hannah's
 * working hours the whole day, and the team's time zone is one where it is office hours now.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { ClientAsk } from '../../src/asks/domain/clientAsk';
import { zonedDateTime } from '../../src/platform/domain/time';
import { daysFromNow, notifications, ok, PROJECT_PAGE, refused, seedStoredAsk } from './asks-support';
import { callerFrom } from './support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const DUE_TOMORROW = 'SHOP-20';
const OVERDUE = 'SHOP-21';
const today = daysFromNow(0);

/** A zone where it is between 09:00 and 16:59 now (escalations go out in the team's office hours). */
function officeHoursZone(now = new Date()): string {
  const zone = ['UTC', 'Asia/Singapore', 'America/Los_Angeles'].find((z) => {
    const hour = zonedDateTime(now, z).hour;
    return hour >= 9 && hour < 17;
  });
  assert.ok(zone);
  return zone;
}

function seeded(due: string, ask: string): ClientAsk {
  const askedAt = new Date(Date.now() - 5 * 86_400_000).toISOString();
  return { client: DEMO_USERS.clientPo, ask, due, state: 'waiting', askedAt, askedBy: DEMO_USERS.pm, round: 1 };
}

const REMINDERS = { enabled: true, daysBeforeDue: 1, overdueEveryDays: 2, escalateAfterDays: 2, digest: true, teamTimeZone: 'UTC' };

async function saveSettings(change: (settings: any) => any): Promise<void> {
  const current = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' }));
  ok(await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...change(current.settings) }));
}

async function fire(): Promise<any> {
  const run = (await host.app.fireScheduledTrigger('reminders-hourly')) as any;
  return run.projects.find((p: any) => p.projectKey === 'SHOP');
}

beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PROJECT_PAGE);
  for (const [key, ask] of [[DUE_TOMORROW, seeded(daysFromNow(1), 'Approve the checkout copy deck')], [OVERDUE, seeded(daysFromNow(-3), 'Send the product photos')]] as const) {
    const record = ask as ClientAsk;
    seedStoredAsk(host, key, record, [{ at: record.askedAt, by: record.askedBy, action: 'asked', client: record.client, due: record.due, state: 'waiting', round: 1, note: record.ask }]);
  }
});
afterAll(() => host?.close());

describe('reminders', () => {
  test('off by default: the hourly job sends nothing, even with settings saved', async () => {
    assert.equal(ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' })).settings.reminders, undefined);
    await saveSettings((s) => s);
    assert.equal(await fire(), undefined, 'SHOP is not served');
    assert.deepEqual(await notifications(host, DUE_TOMORROW), []);
    assert.deepEqual(await notifications(host, OVERDUE), []);
  });

  test('only managers preview them; bad input is refused in words', async () => {
    const date = today;
    for (const who of [DEMO_USERS.dev1, DEMO_USERS.approver, DEMO_USERS.clientPo, DEMO_USERS.outsider]) {
      refused(await call(who, 'reminders.preview', { projectKey: 'SHOP', date }), 'FORBIDDEN');
    }
    const bad = refused(await call(DEMO_USERS.pm, 'reminders.preview', { projectKey: 'SHOP', date: '2026-02-30' }), 'VALIDATION');
    assert.ok(bad.fields?.date);
    const negative = refused(await call(DEMO_USERS.pm, 'reminders.preview', { projectKey: 'SHOP', date, reminders: { ...REMINDERS, daysBeforeDue: -1 } }), 'VALIDATION');
    assert.ok(negative.fields?.['reminders.daysBeforeDue']);
  });

  test('switched on: the preview lists what the job then sends, once; the overdue ask is escalated and the PM gets the digest', async () => {
    const teamTimeZone = officeHoursZone();
    await saveSettings((s) => ({
      ...s,
      reminders: { ...REMINDERS, teamTimeZone },
      communicationPlan: {
        ...s.communicationPlan,
        workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'],
        clientContacts: [{ person: { accountId: DEMO_USERS.clientPo, name: 'Hannah Becker' }, role: 'Product owner', channel: 'email', workingHours: { start: '00:00', end: '23:59' }, timeZone: 'UTC' }],
        escalationPath: [{ who: 'Oliver Grant', accountId: DEMO_USERS.approver, contact: 'oliver@brightlane.example', when: 'An answer is two working days late' }],
      },
    }));
    const preview = ok(await call<any>(DEMO_USERS.pm, 'reminders.preview', { projectKey: 'SHOP', date: today }));
    assert.equal(preview.enabled, true);
    const planned = preview.reminders.map((r: any) => [r.issueKey, r.kind, r.alreadySent]);
    assert.deepEqual(planned, [[DUE_TOMORROW, 'before-due', false], [OVERDUE, 'escalation', false], [OVERDUE, 'overdue', false]]);
    assert.match(preview.reminders[0].words, /reminder before the due date .* to Hannah Becker by Jira notification/);
    assert.deepEqual(preview.digest.clientOverdue.map((a: any) => [a.issueKey, a.businessDaysOverdue >= 2]), [[OVERDUE, true]]);

    const run = await fire();
    assert.deepEqual(run.errors, []);
    // Sent is exactly what the preview said it would send (Hannah's hours are the whole day).
    assert.deepEqual(run.sent.map((s: any) => s.key).sort(), preview.reminders.map((r: any) => r.key).sort());

    const [before] = await notifications(host, DUE_TOMORROW);
    assert.deepEqual(before.to, [DEMO_USERS.clientPo]);
    assert.match(before.subject, /\[SHOP-20\] Reminder: due/);
    assert.match(before.textBody, /Approve the checkout copy deck/);
    const overdue = await notifications(host, OVERDUE);
    const toHannah = overdue.filter((n) => n.to.includes(DEMO_USERS.clientPo));
    assert.equal(toHannah.length, 1);
    assert.match(toHannah[0].subject, /\[SHOP-21\] Overdue since/);
    const escalation = overdue.find((n) => /Escalation/.test(n.subject));
    assert.ok(escalation, 'the escalation path was followed');
    assert.deepEqual(escalation.to, [DEMO_USERS.approver]);
    assert.doesNotMatch(escalation.textBody, /product photos/, 'the ask itself stays between the client and the team');
    // The digest goes to the PM, about the overdue issue, and lists it and today's reminders.
    assert.deepEqual(run.digest, { key: preview.digest.key, sent: true, to: [DEMO_USERS.pm] });
    const digest = overdue.find((n) => n.to.includes(DEMO_USERS.pm));
    assert.ok(digest);
    assert.match(digest.subject, /Liaison: SHOP on .*: 1 overdue with the client/);
    assert.match(digest.textBody, /- SHOP-21 .*Hannah Becker, due .* working days overdue/);
    assert.match(digest.textBody, /Reminders today \(3\)/);
  });

  test('the next run sends none of them again, and the preview says they went out', async () => {
    const counts = async () => [(await notifications(host, DUE_TOMORROW)).length, (await notifications(host, OVERDUE)).length];
    const before = await counts();
    const run = await fire();
    assert.deepEqual(run.sent, []);
    assert.equal(run.alreadySent.length, 3);
    assert.equal(run.digest, null, 'the digest went out today already');
    assert.deepEqual(await counts(), before);
    const preview = ok(await call<any>(DEMO_USERS.pm, 'reminders.preview', { projectKey: 'SHOP', date: today }));
    assert.ok(preview.reminders.every((r: any) => r.alreadySent));
    assert.equal(preview.digest.alreadySent, true);
  });

  test('a client who prefers the phone gets no Jira reminder: the preview and the job leave it to the PM', async () => {
    await saveSettings((s) => ({ ...s, communicationPlan: { ...s.communicationPlan, clientContacts: s.communicationPlan.clientContacts.map((c: any) => ({ ...c, channel: 'phone' })) } }));
    const tomorrow = ok(await call<any>(DEMO_USERS.pm, 'reminders.preview', { projectKey: 'SHOP', date: daysFromNow(1) }));
    const overdue = tomorrow.reminders.find((r: any) => r.issueKey === OVERDUE && r.kind === 'overdue');
    assert.equal(overdue.delivery, 'by-hand');
    assert.match(overdue.words, /contact Hannah Becker yourself \(prefers phone\)/);
  });

  test('switched off again: nothing runs for the project', async () => {
    await saveSettings((s) => ({ ...s, reminders: { ...s.reminders, enabled: false } }));
    assert.equal(await fire(), undefined);
  });
});

/**
 * The acknowledgement promise: a change request not acknowledged within the project's business
 * days raises the "change request not acknowledged" red flag (daily run), and acknowledging it
 * clears the flag (the resolver runs the rules: Forge keeps the app's own writes from the trigger).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { callerFrom, issue, ok, PROJECT_PAGE, teamFlags } from './support';

describe('change requests and the acknowledgement red flag', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  let key = '';
  const openFlags = (k: string) => (teamFlags(host, k)?.flags ?? []).filter((f) => !f.resolvedAt && f.category === 'change-unacknowledged');

  beforeAll(async () => {
    const site = buildDemoSite();
    const logged = site.issues.find((i) => (i.properties['liaison-change'] as any)?.step === 'logged')!;
    key = logged.key;
    // Logged (created, and so recorded as requested) three weeks ago: well past the promised 2 business days.
    logged.created = new Date(Date.now() - 21 * 86_400_000).toISOString();
    host = await startTestHost({ site });
    call = callerFrom(host, PROJECT_PAGE);
    // The PM switches the rules on for SHOP (their first run, queued by the save, is let finish).
    const settings = ok<any>(await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' }));
    ok(await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: settings.version, ...settings.settings, redFlagRules: { on: true } }));
    await host.app.idle();
  });
  afterAll(async () => host?.close());

  test('the daily run raises the flag on the overdue change request only', async () => {
    await host.app.fireScheduledTrigger('flag-rules-daily');
    const flags = openFlags(key);
    assert.equal(flags.length, 1);
    assert.equal(flags[0].severity, 'high');
    assert.match(flags[0].note, new RegExp(`^Change request ${key} logged \\d{4}-\\d{2}-\\d{2} is not acknowledged within the promised 2 business days\\.$`));
    const others = host.sandbox.site.issues.filter((i) => i.key !== key && openFlags(i.key).length > 0);
    assert.deepEqual(others.map((i) => i.key), []);
    const view = ok<any>(await call(DEMO_USERS.pm, 'changes.get', { issueKey: key }));
    assert.equal(view.ackOverdue, true);
  });

  test('acknowledging it clears the flag itself: its transition as the user is the app’s own event, which the trigger never gets (ignoreSelf)', async () => {
    const eventsSince = async (seq: number) => ((await (await fetch(`${host.sandbox.url}/__sandbox/events?since=${seq}`)).json()) as { events: { event: { eventType: string; issueKey: string; selfGenerated?: boolean } }[]; last: number });
    const { last } = await eventsSince(0);
    const acked = ok<any>(await call(DEMO_USERS.dev2, 'changes.acknowledge', { issueKey: key, version: 1 }));
    assert.equal(acked.ackOverdue, false);
    // Cleared by the time the resolver answers, before any event could reach a trigger.
    assert.deepEqual(openFlags(key), []);
    const updates = (await eventsSince(last)).events.filter((e) => e.event.eventType === 'avi:jira:updated:issue' && e.event.issueKey === key);
    assert.ok(updates.length > 0 && updates.every((e) => e.event.selfGenerated === true), JSON.stringify(updates));
    await host.app.idle();
    assert.deepEqual(openFlags(key), []);
  });
});

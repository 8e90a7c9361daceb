/**
 * The shell's `POST /api/clock` (LIAISON_CLOCK_CONTROL=on): browser tests set the host's clock to
 * act days ago, as the demo story does. Off unless asked for; a real site never has it; bad input
 * is refused and moves nothing; `{ at: null }` gives the real time back.
 */
import { describe, test, beforeAll, afterAll, afterEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { realNow, resetClock } from '../../local/host/clock';
import { startShellServer, type ShellServer } from '../../local/host/server';
import { startTestHost, type TestHost } from '../../local/host/testing';

describe('the shell clock endpoint', () => {
  let host: TestHost;
  let withClock: ShellServer;
  let withoutClock: ShellServer;
  let onRealSite: ShellServer;

  beforeAll(async () => {
    host = await startTestHost({ site: buildDemoSite() });
    [withClock, withoutClock, onRealSite] = await Promise.all([
      startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm, clockControl: true }),
      startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm }),
      startShellServer({ app: host.app, port: 0, mode: 'site', siteUrl: 'https://example.atlassian.net', clockControl: true }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([withClock, withoutClock, onRealSite].map((s) => s?.close()));
    await host?.close();
  });
  afterEach(() => resetClock());

  const post = (shell: ShellServer, body: unknown) => fetch(`${shell.url}/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('sets "now" for the app and the sandbox, and null gives the real time back', async () => {
    const at = '2026-03-04T10:00:00.000Z';
    const set = await post(withClock, { at });
    assert.equal(set.status, 200);
    assert.ok(Math.abs(Date.parse(((await set.json()) as { now: string }).now) - Date.parse(at)) < 5_000);
    assert.ok(Math.abs(Date.now() - Date.parse(at)) < 5_000, 'the process reads the set time');
    const back = await post(withClock, { at: null });
    assert.equal(back.status, 200);
    assert.ok(Math.abs(Date.now() - realNow()) < 5);
  });

  test('bad input is refused with what to send, and moves nothing', async () => {
    for (const body of [{}, { at: 'last Tuesday' }, { at: 12 }]) {
      const answer = await post(withClock, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.match(((await answer.json()) as { error: { message: string } }).error.message, /ISO date and time/);
      assert.ok(Math.abs(Date.now() - realNow()) < 5);
    }
  });

  test('not served unless asked for, nor against a real Jira site', async () => {
    for (const shell of [withoutClock, onRealSite]) {
      const answer = await post(shell, { at: '2026-03-04T10:00:00.000Z' });
      assert.notEqual(answer.status, 200);
      assert.ok(Math.abs(Date.now() - realNow()) < 5);
    }
  });
});

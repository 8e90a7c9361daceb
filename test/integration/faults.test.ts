/**
 * Jira faults, with the sandbox's knobs (20% 429s, 5% 503s, Retry-After):
 * - the Jira client waits at least Retry-After, backs off exponentially with jitter, and gives up
 *   after a bounded number of retries with UPSTREAM (measured against the sandbox, with the waits
 *   recorded instead of slept);
 * - the main writes, made through the resolvers as people make them, all land exactly once under
 *   the fault rates (no lost write, no duplicate flag, one audit entry per write);
 * - when Jira refuses outright, a write answers a clear UPSTREAM error and leaves nothing behind.
 * Mid-write failures of an ask (history saved, field refused) are in asks-faults.test.ts.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { route } from '@forge/api';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { DEFAULT_RETRY_POLICY, JiraClient, type JiraTransport, type RetryPolicy } from '../../src/platform/jira/jiraClient';
import { askFieldId, auditEntries, storedAsk } from './asks-support';
import { recordWrites } from './security-support';
import { callerFrom, daysFromNow, issue, ok, PROJECT_PAGE, teamFlags, type Answer } from './support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const { pm, approver, dev1, clientPo } = DEMO_USERS;

beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PROJECT_PAGE);
});
afterAll(async () => {
  Object.assign(host.sandbox.knobs, { rate429: 0, rate5xx: 0 });
  await host?.close();
});

function knobs(values: Partial<typeof host.sandbox.knobs>): void {
  Object.assign(host.sandbox.knobs, { rate429: 0, rate5xx: 0, retryAfterSeconds: 1, latencyMs: 0 }, values);
}

/** A client with the app's retry policy straight to the sandbox as Maya, whose waits are recorded, not slept. */
function recordingClient(): { client: JiraClient; waits: number[]; requests: () => number } {
  const waits: number[] = [];
  let requests = 0;
  let dice = 0.1;
  const transport: JiraTransport = async (path, init) => {
    requests += 1;
    return fetch(`${host.sandbox.url}${path.value}`, { ...init, headers: { ...init.headers, Authorization: `Bearer forge-user:${pm}` } });
  };
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    sleep: async (ms) => void waits.push(ms),
    // Varying dice, so the jitter shows.
    random: () => (dice = (dice + 0.37) % 1),
  };
  return { client: new JiraClient(transport, policy), waits, requests: () => requests };
}

describe('the Jira client against the sandbox', () => {
  test('429: waits at least Retry-After or the backoff step (plus at most 25% jitter), five times, then UPSTREAM', async () => {
    knobs({ rate429: 1, retryAfterSeconds: 2 });
    const { client, waits, requests } = recordingClient();
    await assert.rejects(client.get(route`/rest/api/3/myself`), (e: any) => e.code === 'UPSTREAM' && e.status === 429 && /Jira answered 429/.test(e.message));
    assert.equal(requests(), 6, 'one try and five retries');
    assert.equal(waits.length, 5);
    assert.ok(waits.reduce((a, b) => a + b, 0) <= DEFAULT_RETRY_POLICY.budgetMs);
    // Never less than Retry-After (2 s) nor the exponential step (0.25 s doubling): 2, 2, 2, 2, 4 s, each + up to 25%.
    waits.forEach((wait, i) => {
      const floor = Math.max(2000, 250 * 2 ** i);
      assert.ok(wait >= floor && wait <= floor * 1.25, `retry ${i + 1} waited ${wait} ms (floor ${floor})`);
    });
    assert.ok(new Set(waits).size > 1, `no jitter: ${waits}`);
  });

  test('503: exponential backoff 250, 500, 1000, 2000, 4000 ms (each + up to 25%), then UPSTREAM', async () => {
    knobs({ rate5xx: 1 });
    const { client, waits, requests } = recordingClient();
    await assert.rejects(client.get(route`/rest/api/3/myself`), (e: any) => e.code === 'UPSTREAM' && e.status === 503);
    assert.equal(requests(), 6);
    [250, 500, 1000, 2000, 4000].forEach((step, i) => assert.ok(waits[i] >= step && waits[i] <= step * 1.25, `retry ${i + 1} waited ${waits[i]}`));
  });

  test('a Retry-After beyond what a resolver can wait ends the retries at once', async () => {
    knobs({ rate429: 1, retryAfterSeconds: 600 });
    const { client, waits, requests } = recordingClient();
    await assert.rejects(client.get(route`/rest/api/3/myself`), (e: any) => e.status === 429);
    assert.deepEqual([requests(), waits.length], [1, 0]);
  });

  test('under 20% 429s and 5% 503s, 40 reads all succeed', async () => {
    knobs({ rate429: 0.2, rate5xx: 0.05, seed: 3 });
    const { client, waits, requests } = recordingClient();
    for (let i = 0; i < 40; i += 1) {
      const me = await client.get<{ accountId: string }>(route`/rest/api/3/myself`);
      assert.equal(me.accountId, pm);
    }
    assert.ok(waits.length >= 5, `only ${waits.length} faults met: the knobs did not bite`);
    assert.equal(requests(), 40 + waits.length, 'every wait was followed by exactly one retry');
  });
});

describe('the main writes under 20% 429s and 5% 503s', () => {
  test('every write lands once, with one audit entry each', async () => {
    knobs({ rate429: 0.2, rate5xx: 0.05, retryAfterSeconds: 0.01, seed: 5 });
    const auditBefore = (await auditEntries(host, 'SHOP')).length;
    const answers: Answer[] = [];
    const run = async (accountId: string, key: string, payload: Record<string, unknown>) => {
      const answer = (await call(accountId, key, payload)) as Answer;
      answers.push(answer);
      return ok<any>(answer);
    };
    await run(pm, 'asks.set', { issueKey: 'SHOP-15', client: clientPo, ask: 'Confirm the delivery countries', due: daysFromNow(5) });
    await run(clientPo, 'asks.answer', { issueKey: 'SHOP-15', answer: 'Germany, Austria and Switzerland' });
    await run(pm, 'asks.accept', { issueKey: 'SHOP-15' });
    const raised = await run(dev1, 'flags.raise', { issueKey: 'SHOP-16', category: 'untested-functionality', severity: 'medium', note: 'No tests for tax rounding', clientVisible: false });
    const flagId = (raised.flags as { id: string; note: string }[]).find((f) => f.note === 'No tests for tax rounding')!.id;
    await run(approver, 'flags.resolve', { issueKey: 'SHOP-16', flagId, resolution: 'Tests added in the tax module' });
    const settings = await run(pm, 'settings.get', { projectKey: 'SHOP' });
    const saved = await run(pm, 'settings.save', { projectKey: 'SHOP', version: settings.version, ...settings.settings, communicationPlan: { ...settings.settings.communicationPlan, escalationPath: [{ who: 'Oliver Grant', contact: 'oliver.grant@brightlane-digital.example', when: 'A decision is late by 2 days' }] } });
    await host.app.idle();
    knobs({});

    assert.ok(answers.every((a) => a.ok), JSON.stringify(answers.filter((a) => !a.ok)));
    const field = issue(host, 'SHOP-15').customFields[askFieldId(host)] as { state: string };
    const ask = storedAsk(host, 'SHOP-15')?.document.ask;
    assert.deepEqual([field.state, ask?.state, ask?.answer], ['accepted', 'accepted', 'Germany, Austria and Switzerland']);
    const flags = teamFlags(host, 'SHOP-16')!.flags.filter((f) => f.note === 'No tests for tax rounding');
    assert.equal(flags.length, 1, 'the flag was raised exactly once');
    assert.equal(flags[0].resolution, 'Tests added in the tax module');
    assert.equal(saved.version, settings.version + 1);
    const audit = (await auditEntries(host, 'SHOP')).slice(auditBefore).map((e) => e.action);
    assert.deepEqual(audit.filter((a) => !a.startsWith('settings')).length, 5, JSON.stringify(audit));
    assert.equal(audit.filter((a) => a.startsWith('settings')).length, 1, JSON.stringify(audit));
  });
});

describe('when Jira refuses outright', () => {
  test('a write answers a clear UPSTREAM error and changes nothing', async () => {
    const recorder = recordWrites(host);
    try {
      for (const [accountId, key, payload] of [
        [dev1, 'flags.raise', { issueKey: 'SHOP-17', category: 'other', severity: 'low', note: 'Never lands', clientVisible: false }],
        [pm, 'asks.set', { issueKey: 'SHOP-17', client: clientPo, ask: 'Never asked', due: daysFromNow(3) }],
      ] as const) {
        knobs({ rate429: 1, retryAfterSeconds: 600 });
        recorder.reset();
        const answer = (await call(accountId, key, payload)) as Answer;
        knobs({});
        assert.equal(answer.ok, false);
        if (answer.ok) continue;
        assert.equal(answer.error.code, 'UPSTREAM');
        assert.match(answer.error.message, /^Jira answered 429/);
        assert.deepEqual(recorder.writes(), [], `${key} wrote while Jira refused`);
      }
    } finally {
      recorder.stop();
    }
  });
});

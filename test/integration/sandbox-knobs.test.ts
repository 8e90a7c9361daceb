/**
 * Sandbox fault knobs: latency, 429 with Retry-After, 5xx, seeded dice, scripted outages (failNext), and the control API.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { buildTestSite, call, USERS } from '../contract/sandbox-fixture';

describe('sandbox knobs', () => {
  let sandbox: Sandbox;
  const myself = () => call(sandbox.url, { user: USERS.pm }, 'GET', '/rest/api/3/myself');
  beforeAll(async () => { sandbox = await startSandbox({ site: buildTestSite({ issuesPerProject: 3 }) }); });
  afterAll(() => sandbox.close());

  test('rate429 = 1 answers 429 with Retry-After rounded up to whole seconds', async () => {
    sandbox.knobs.rate429 = 1;
    sandbox.knobs.retryAfterSeconds = 0.2;
    const res = await myself();
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal(res.headers.get('x-sandbox-retry-after-ms'), '200');
    sandbox.knobs.retryAfterSeconds = 3;
    assert.equal((await myself()).headers.get('retry-after'), '3');
    sandbox.knobs.rate429 = 0;
    assert.equal((await myself()).status, 200);
  });

  test('rate5xx answers 503 at about the configured rate, repeatably for a seed', async () => {
    const run = async (): Promise<number[]> => {
      sandbox.knobs.seed = 42;
      sandbox.knobs.rate5xx = 0.3;
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await myself()).status);
      sandbox.knobs.rate5xx = 0;
      return statuses;
    };
    sandbox.knobs.seed = 7; // a different seed first, so the second run really re-seeds
    await myself();
    const first = await run();
    const failures = first.filter((s) => s === 503).length;
    assert.ok(failures > 30 && failures < 90, `about 30% of 200 requests fail, got ${failures}`);
    assert.ok(first.every((s) => s === 503 || s === 200));
    sandbox.knobs.seed = 1;
    await myself();
    assert.deepEqual(await run(), first, 'the same seed gives the same sequence');
  });

  test('latencyMs delays every request', async () => {
    sandbox.knobs.latencyMs = 120;
    const start = Date.now();
    await myself();
    const elapsed = Date.now() - start;
    sandbox.knobs.latencyMs = 0;
    assert.ok(elapsed >= 110, `took ${elapsed} ms`);
  });

  test('faults never reach the /__sandbox control API, which sets knobs with validation', async () => {
    sandbox.knobs.rate429 = 1;
    const knobs = await fetch(`${sandbox.url}/__sandbox/knobs`);
    assert.equal(knobs.status, 200);
    assert.equal(((await knobs.json()) as { rate429: number }).rate429, 1);
    const put = await fetch(`${sandbox.url}/__sandbox/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate429: 0, latencyMs: 5 }) });
    assert.equal(put.status, 200);
    assert.equal(sandbox.knobs.rate429, 0);
    assert.equal(sandbox.knobs.latencyMs, 5);
    const bad = await fetch(`${sandbox.url}/__sandbox/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate5xx: 2 }) });
    assert.equal(bad.status, 400);
    sandbox.knobs.latencyMs = 0;
  });

  test('failNext fails exactly the next N requests with failStatus, counts them, then serves again', async () => {
    const faultsSoFar = async () => ((await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { faults: { failNext: number } }).faults.failNext;
    const before = await faultsSoFar();
    const put = await fetch(`${sandbox.url}/__sandbox/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ failNext: 2, failStatus: 500 }) });
    assert.equal(put.status, 200);
    const first = await myself();
    assert.equal(first.status, 500);
    assert.deepEqual(first.body, { errorMessages: ['Internal server error.'], errors: {} });
    assert.equal((await myself()).status, 500);
    assert.equal(sandbox.knobs.failNext, 0);
    assert.equal((await myself()).status, 200);
    assert.equal(await faultsSoFar(), before + 2);
    // The default status is the one the app's client retries; a 4xx is a refusal.
    sandbox.knobs.failStatus = 503;
    sandbox.knobs.failNext = 1;
    assert.equal((await myself()).status, 503);
    sandbox.knobs.failStatus = 403;
    sandbox.knobs.failNext = 1;
    assert.equal((await myself()).status, 403);
    assert.equal((await myself()).status, 200);
    sandbox.knobs.failStatus = 503;
    for (const bad of [{ failNext: -1 }, { failNext: 1.5 }, { failStatus: 200 }, { failStatus: 600 }]) {
      const refused = await fetch(`${sandbox.url}/__sandbox/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) });
      assert.equal(refused.status, 400, JSON.stringify(bad));
    }
    assert.equal(sandbox.knobs.failNext, 0);
  });

  test('requestCount counts served REST requests, not control calls', async () => {
    sandbox.resetRequestCount();
    await myself();
    await myself();
    await fetch(`${sandbox.url}/__sandbox/knobs`);
    assert.equal(sandbox.requestCount(), 2);
  });
});

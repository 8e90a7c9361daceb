import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { route } from '@forge/api';
import { AppError } from '../../src/platform/domain/errors';
import { backoffDelayMs, JiraClient, jiraErrorMessage, retryAfterMs, type JiraResponse, type RetryPolicy } from '../../src/platform/jira/jiraClient';
import { collectOffsetPages } from '../../src/platform/jira/paging';

function response(status: number, body: unknown, headers: Record<string, string> = {}): JiraResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    headers: { get: (name) => headers[name.toLowerCase()] ?? headers[name] ?? null },
    text: async () => text,
  };
}

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 5_000, budgetMs: 8_000, random: () => 0, sleep: async (ms) => void waits.push(ms), waits, ...overrides };
}

describe('Retry-After and backoff', () => {
  test('seconds and HTTP dates', () => {
    assert.equal(retryAfterMs('2'), 2000);
    assert.equal(retryAfterMs('0.5'), 500);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6_000);
    assert.equal(retryAfterMs(null), undefined);
    assert.equal(retryAfterMs('soon'), undefined);
  });

  test('never shorter than Retry-After, exponential otherwise, jitter adds at most a quarter', () => {
    const p = { baseDelayMs: 100, random: () => 0 };
    assert.equal(backoffDelayMs(0, undefined, p), 100);
    assert.equal(backoffDelayMs(3, undefined, p), 800);
    assert.equal(backoffDelayMs(0, 2000, p), 2000);
    assert.equal(backoffDelayMs(0, 2000, { baseDelayMs: 100, random: () => 0.999 }), 2500);
  });
});

describe('JiraClient', () => {
  test('retries 429 and 503, honouring Retry-After, then answers the JSON', async () => {
    const answers = [response(429, '', { 'retry-after': '1' }), response(503, ''), response(200, { key: 'SHOP' })];
    const paths: string[] = [];
    const p = policy();
    const client = new JiraClient(async (path) => {
      paths.push(path.value);
      return answers.shift()!;
    }, p);
    assert.deepEqual(await client.get(route`/rest/api/3/project/${'SHOP'}`), { key: 'SHOP' });
    assert.deepEqual(paths, ['/rest/api/3/project/SHOP', '/rest/api/3/project/SHOP', '/rest/api/3/project/SHOP']);
    assert.deepEqual(p.waits, [1000, 200]);
  });

  test('gives up after the bounded number of retries with UPSTREAM', async () => {
    let calls = 0;
    const p = policy({ maxRetries: 2 });
    const client = new JiraClient(async () => {
      calls += 1;
      return response(429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': '0' });
    }, p);
    await assert.rejects(client.get(route`/rest/api/3/myself`), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'UPSTREAM');
      assert.equal(error.status, 429);
      assert.equal(error.message, 'Jira answered 429: Rate limit exceeded.');
      return true;
    });
    assert.equal(calls, 3);
  });

  test('does not wait longer than the budget allows', async () => {
    let calls = 0;
    const p = policy({ maxDelayMs: 3_000 });
    const client = new JiraClient(async () => {
      calls += 1;
      return response(503, '', { 'retry-after': '60' });
    }, p);
    await assert.rejects(client.get(route`/rest/api/3/myself`), /Jira answered 503/);
    assert.equal(calls, 1);
    assert.deepEqual(p.waits, []);
  });

  test('other errors are not retried and carry Jira\'s messages', async () => {
    let calls = 0;
    const client = new JiraClient(async () => {
      calls += 1;
      return response(400, { errorMessages: ['The value is invalid.'], errors: { summary: 'Summary is required' } });
    }, policy());
    await assert.rejects(client.post(route`/rest/api/3/issue`, {}), (error: unknown) => error instanceof AppError && error.status === 400 && error.message === 'Jira answered 400: The value is invalid.; summary: Summary is required');
    assert.equal(calls, 1);
  });

  test('sends JSON bodies with the right headers', async () => {
    let seen: { method?: string; headers?: Record<string, string>; body?: string } = {};
    const client = new JiraClient(async (_path, init) => {
      seen = init;
      return response(204, '');
    }, policy());
    assert.equal(await client.put(route`/rest/api/3/issue/${'SHOP-1'}/properties/${'x'}`, { a: 1 }), undefined);
    assert.equal(seen.method, 'PUT');
    assert.equal(seen.headers?.['Content-Type'], 'application/json');
    assert.equal(seen.body, '{"a":1}');
  });

  test('jiraErrorMessage copes with non-JSON bodies', () => {
    assert.equal(jiraErrorMessage(502, '<html>Bad gateway</html>'), 'Jira answered 502: <html>Bad gateway</html>');
    assert.equal(jiraErrorMessage(500, ''), 'Jira answered 500');
  });
});

describe('collectOffsetPages', () => {
  const all = Array.from({ length: 120 }, (_, i) => i);
  const pageOf = (startAt: number, maxResults: number) => {
    const values = all.slice(startAt, startAt + maxResults);
    return Promise.resolve({ values, startAt, maxResults, total: all.length, isLast: startAt + values.length >= all.length });
  };

  test('reads every page when there is room', async () => {
    const requests: Array<[number, number]> = [];
    const result = await collectOffsetPages((s, m) => (requests.push([s, m]), pageOf(s, m)), { pageSize: 50, maxItems: 500 });
    assert.equal(result.items.length, 120);
    assert.equal(result.truncated, false);
    assert.deepEqual(requests, [[0, 50], [50, 50], [100, 50]]);
  });

  test('stops at maxItems and says more existed', async () => {
    const result = await collectOffsetPages(pageOf, { pageSize: 50, maxItems: 60 });
    assert.deepEqual(result.items, all.slice(0, 60));
    assert.equal(result.truncated, true);
  });

  test('exactly maxItems is not truncated', async () => {
    const result = await collectOffsetPages(pageOf, { pageSize: 50, maxItems: 120 });
    assert.equal(result.items.length, 120);
    assert.equal(result.truncated, false);
  });
});

/**
 * The Jira reading behind reports, step by step: each step is one bounded unit of work whose state
 * survives a JSON round trip (what a queue consumer carries between invocations), resuming gives
 * the same data as reading in one go, and each step makes the requests it should.
 */
import { test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import type { TestHost } from '../../local/host/testing';
import { jiraAsApp } from '../../src/platform/jira/jiraClient';
import { gatherReportData, gatherStep, initialGatherState, scopePartitions, type GatherState, type ReportScope } from '../../src/reports/jira/reportFacts';
import { d, requestCount, startFixtureHost } from './reports-support';

let host: TestHost;
const scope: ReportScope = {
  projectKey: 'ACME',
  period: { from: d(-14), to: d(-8) },
  previous: { from: d(-21), to: d(-15) },
  next: { from: d(-7), to: d(-1) },
};

beforeAll(async () => {
  host = await startFixtureHost();
});
afterAll(() => host?.close());

test('step by step, through JSON, with the requests each step makes', async () => {
  const now = new Date();
  const jira = jiraAsApp();
  // Warm the field-id caches so the counts below are the steady state.
  await gatherReportData(jira, scope, now);

  let state: GatherState = initialGatherState(scope);
  const trail: { step: string; requests: number }[] = [];
  for (let i = 0; i < 20 && state.step !== 'done'; i += 1) {
    const before = await requestCount(host);
    const step = state.step;
    state = JSON.parse(JSON.stringify(await gatherStep(jira, state, now))) as GatherState;
    trail.push({ step, requests: (await requestCount(host)) - before });
  }
  assert.deepEqual(trail, [
    // The project; the board list and its one board's sprints, side by side (field ids cached).
    { step: 'start', requests: 3 },
    // One page: 14 of the 15 issues are in scope (ACME-13 is done and untouched since M-50; ACME-12 since M-69).
    { step: 'issues', requests: 1 },
    // Every epic of the issues in scope was in scope itself: nothing to fetch, the open ones are queued.
    { step: 'epics', requests: 0 },
    // The open epics' done, untouched children: ACME-13.
    { step: 'epicChildren', requests: 1 },
    { step: 'epicChildren', requests: 0 },
    // ACME-9 has 22 worklogs; Jira embedded 20.
    { step: 'worklogs', requests: 1 },
    { step: 'worklogs', requests: 0 },
    { step: 'names', requests: 1 },
  ]);
  const keys = state.issues.map((i) => i.key).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  assert.deepEqual(keys, ['ACME-1', 'ACME-2', 'ACME-3', 'ACME-4', 'ACME-5', 'ACME-6', 'ACME-7', 'ACME-8', 'ACME-9', 'ACME-10', 'ACME-11', 'ACME-13', 'ACME-14', 'ACME-15']);
  assert.deepEqual(state.sprints.map((s) => s.id), [1, 2, 3, 4]);
  assert.equal(state.truncated, false);

  const whole = await gatherReportData(jira, scope, now);
  assert.deepEqual(state.issues, whole.issues);
  assert.deepEqual(state.worklogs, whole.worklogs);
  assert.deepEqual(state.names, whole.names);
});

test('the scope partitions cover every id once, leaving out the ids already read', () => {
  // 100 ids read at each end of a scope spread over 10,000..60,000 (one issue every 10 ids): about 48 pages between.
  const low = Array.from({ length: 100 }, (_, i) => 10_000 + i * 10);
  const high = Array.from({ length: 100 }, (_, i) => 60_000 - i * 10);
  const parts = scopePartitions('project = ACME', low, high);
  assert.equal(parts.length, 4);
  assert.match(parts[0].jql, /^id < \d+ AND project = ACME AND id not in \(10000, /);
  assert.doesNotMatch(parts[1].jql, /not in/);
  assert.match(parts[3].jql, /^id >= \d+ AND project = ACME AND id not in \([^)]*59010, [^)]*60000\) ORDER BY id ASC$/);
  // Each id falls in exactly one range (the first and last are open-ended).
  const ranges = parts.map((p) => ({ from: Number(/id >= (\d+)/.exec(p.jql)?.[1] ?? -Infinity), to: Number(/id < (\d+)/.exec(p.jql)?.[1] ?? Infinity) }));
  for (const id of [0, 10_990, 11_000, 35_000, 59_000, 99_999]) assert.equal(ranges.filter((r) => id >= r.from && id < r.to).length, 1, `id ${id}`);
  // A small scope: one partition, everything read left out.
  const one = scopePartitions('project = ACME', [1, 2, 3], [9, 8, 7]);
  assert.deepEqual(one, [{ jql: 'project = ACME AND id not in (1, 2, 3, 7, 8, 9) ORDER BY id ASC', done: false }]);
});

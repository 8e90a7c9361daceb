/**
 * Report jobs' recovery paths (src/reports/events/reportJob.ts), on a generated site read about one Jira
 * page per chunk (LIAISON_REPORT_CHUNK_MS=1) with the queue's retry delays scaled to 0:
 * - a chunk whose Jira read fails (503s until the Jira client gives up) is retried by the queue and
 *   continues from the saved state: the same report as an undisturbed job, and exactly the failed
 *   requests more;
 * - a chunk cut off after saving its state but before queuing the next re-queues it on its retry;
 *   a repeated delivery of a chunk already run is ignored;
 * - a job whose Jira stays down is failed after its retries, its parts deleted, and the person who
 *   started it is told why;
 * - a permanent error (a refusal, or too many rounds) fails the job at once, without retries.
 * Faults are placed at an exact chunk through the host queue's `beforeDelivery` and the sandbox's
 * scripted outage knob (`failNext`).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { generateSite } from '../../local/demo/generate';
import { forgeQueue, runAsInvocation } from '../../local/host/runtime';
import type { AsyncEvent, DeliveryRecord } from '../../local/host/queue';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { callerFrom, ok, PROJECT_PAGE, refused } from './support';

process.env.LIAISON_REPORT_CHUNK_MS = '1';
const TODAY = new Date('2026-11-24T00:00:00Z');
const PERIOD = { kind: 'custom' as const, from: '2026-09-01', to: '2026-11-24' };
const CONSUMER = 'report-jobs-consumer';

interface JobRun {
  jobId: string;
  /** Jira requests from the job's start to the queue going idle. */
  requests: number;
  /** Scripted failures the sandbox answered in that time. */
  failures: number;
  /** What the queue's deliveries of this job's events came to, in order. */
  deliveries: DeliveryRecord[];
}

describe('report job recovery (generated site, one page per chunk, no retry delays)', () => {
  let host: TestHost;
  let projectKey: string;
  let delayScale: number;
  let reference: { run: JobRun; model: Record<string, unknown> };

  const inApp = <T>(fn: () => Promise<T>) => runAsInvocation({ moduleKey: PROJECT_PAGE }, fn);
  const asConsumer = <T>(fn: () => Promise<T>) => runAsInvocation({ moduleKey: CONSUMER }, fn);
  const scriptedFailures = async (): Promise<number> =>
    ((await (await fetch(`${host.sandbox.url}/__sandbox/requests`)).json()) as { faults: { failNext: number } }).faults.failNext;
  const recordOf = (jobId: string): any => (host.kvs.handle('/api/v1/get', { key: `report-job:${jobId}` }).body as { value?: unknown } | undefined)?.value;
  const keyExists = (key: string): boolean => host.kvs.handle('/api/v1/get', { key }).status === 200;

  /** Starts a job past its first step (so each chunk's Jira requests are the same in every run) and waits for the queue. */
  async function runJob(onDelivery?: (event: AsyncEvent & { body: { jobId: string; chunk: number } }) => void | Promise<void>): Promise<JobRun> {
    const { startReportJob } = await import('../../src/reports/services/reportJobs');
    const { gatherStep, initialGatherState } = await import('../../src/reports/jira/reportFacts');
    const { reportScope } = await import('../../src/reports/services/reportsGenerate');
    const { jiraAsApp } = await import('../../src/platform/jira/jiraClient');
    const queue = forgeQueue();
    const state = await inApp(() => gatherStep(jiraAsApp(), initialGatherState(reportScope(projectKey, PERIOD)), TODAY));
    const deliveredBefore = queue.deliveries.length;
    const failuresBefore = await scriptedFailures();
    const requestsBefore = host.sandbox.requestCount();
    queue.beforeDelivery = onDelivery ? (event) => onDelivery(event as AsyncEvent & { body: { jobId: string; chunk: number } }) : null;
    try {
      const job = await inApp(() =>
        startReportJob({ kind: 'preview', projectKey, requestedBy: DEMO_USERS.pm, request: { projectKey, period: PERIOD, audience: 'manager' }, state }),
      );
      await host.app.idle();
      return {
        jobId: job.id,
        requests: host.sandbox.requestCount() - requestsBefore,
        failures: (await scriptedFailures()) - failuresBefore,
        deliveries: queue.deliveries.slice(deliveredBefore).filter((d) => d.body.jobId === job.id),
      };
    } finally {
      queue.beforeDelivery = null;
      host.sandbox.knobs.failNext = 0;
      host.sandbox.knobs.failStatus = 503;
    }
  }

  /** The finished job's report, as its starter reads it (the generation instant aside). */
  async function modelOf(jobId: string): Promise<Record<string, unknown>> {
    const status = ok(await callerFrom(host, PROJECT_PAGE)<any>(DEMO_USERS.pm, 'reports.jobStatus', { projectKey, jobId }));
    assert.equal(status.status, 'done', JSON.stringify(status.error));
    const { generatedAt: _generatedAt, ...model } = status.model;
    return model;
  }

  /** The deliveries of one chunk, as [retryCount, outcome, the consumer's outcome or retry] rows. */
  const deliveriesOf = (run: JobRun, chunk: number) =>
    run.deliveries.filter((d) => d.body.chunk === chunk).map((d) => [d.retryCount, d.outcome, (d.result as { outcome?: string; _retry?: boolean })?.outcome ?? ((d.result as { _retry?: boolean })?._retry ? 'retry' : undefined)]);

  /** Arms a fault once, at the first delivery (not a retry) of a chunk that starts on an issues page past the first. */
  function atAnIssuesPage(arm: (event: AsyncEvent & { body: { jobId: string; chunk: number } }) => void | Promise<void>) {
    let armed = false;
    return async (event: AsyncEvent & { body: { jobId: string; chunk: number } }) => {
      if (armed || event.retryContext) return;
      const record = recordOf(event.body.jobId);
      if (record?.cursor?.step === 'issues' && record.progress.pagesDone >= 2) {
        armed = true;
        await arm(event);
      }
    };
  }

  beforeAll(async () => {
    host = await startTestHost({ site: generateSite({ issues: 700, projects: 1, seed: 11, today: TODAY }) });
    projectKey = host.sandbox.site.projects[0].key;
    delayScale = forgeQueue().delayScale;
    forgeQueue().delayScale = 0;
    // A first job pays the one-time reads (the asks' migration check): the reference counts a job's own requests.
    await runJob();
    const run = await runJob();
    reference = { run, model: await modelOf(run.jobId) };
  });
  afterAll(async () => {
    forgeQueue().delayScale = delayScale;
    await host?.close();
    delete process.env.LIAISON_REPORT_CHUNK_MS;
  });

  test('the undisturbed reference job read several issue pages, one chunk each, without a retry', () => {
    const chunks = new Set(reference.run.deliveries.map((d) => d.body.chunk));
    assert.ok(chunks.size >= 6, `only ${chunks.size} chunks`);
    assert.deepEqual(reference.run.deliveries.filter((d) => d.retryCount > 0 || d.outcome !== 'ok'), []);
    assert.equal(reference.run.failures, 0);
    assert.ok((reference.model.completed as { total: number }).total > 0, 'the period completed nothing: comparisons would prove little');
  });

  test('a chunk reads at least one page even when its budget is spent before its first (slow storage): the job still finishes', async () => {
    const kvs = host.kvs;
    const handle = kvs.handle;
    // Each write of a job record takes 3 ms, past the 1 ms budget before the chunk reads anything.
    kvs.handle = function slowRecordWrites(this: typeof kvs, path: string, body: unknown) {
      if (path === '/api/v1/set' && /^report-job:[^:]+$/.test(String((body as { key?: unknown })?.key))) {
        const until = Date.now() + 3;
        while (Date.now() < until);
      }
      return handle.call(this, path, body);
    };
    let run: JobRun;
    try {
      run = await runJob();
    } finally {
      kvs.handle = handle;
    }
    assert.deepEqual(run.deliveries.filter((d) => d.outcome !== 'ok' || (d.result as { outcome: string }).outcome === 'failed'), []);
    assert.equal(run.requests, reference.run.requests);
    assert.deepEqual(await modelOf(run.jobId), reference.model);
  });

  test("a chunk whose Jira read fails (503 until the client gives up) is retried, continues from the saved state and ends with the reference's report", async () => {
    let failedChunk = -1;
    const run = await runJob(atAnIssuesPage((event) => {
      failedChunk = event.body.chunk;
      // Six 503s: the first try and the Jira client's five retries of the chunk's one request.
      host.sandbox.knobs.failStatus = 503;
      host.sandbox.knobs.failNext = 6;
    }));
    assert.ok(failedChunk > 0, 'the fault was never armed');
    assert.equal(run.failures, 6);
    assert.deepEqual(deliveriesOf(run, failedChunk), [[0, 'retry', 'retry'], [1, 'ok', 'continued']]);
    const retry = run.deliveries.find((d) => d.body.chunk === failedChunk && d.outcome === 'retry')?.result as { retryOptions: { retryAfter: number } };
    assert.equal(retry.retryOptions.retryAfter, 10);
    // Every other request was made exactly as often as in the reference: nothing was read again but the failed page.
    assert.equal(run.requests, reference.run.requests + 6);
    assert.equal(recordOf(run.jobId).status, 'done');
    assert.deepEqual(await modelOf(run.jobId), reference.model);
  });

  test('a chunk cut off after saving its state but before queuing the next re-queues it on its retry; a repeated delivery of a chunk already run is ignored', async () => {
    const { runReportJobChunk } = await import('../../src/reports/events/reportJob');
    let cutChunk = -1;
    const duplicates: unknown[] = [];
    let recordBeforeDuplicates: unknown;
    let recordAfterDuplicates: unknown;
    let requestsDuringDuplicates = -1;
    const run = await runJob(async (event) => {
      if (event.retryContext) return;
      if (cutChunk < 0 && recordOf(event.body.jobId)?.cursor?.step === 'issues' && recordOf(event.body.jobId).progress.pagesDone >= 2) {
        // The chunk reads its page and saves its state; then the push of the next event fails.
        cutChunk = event.body.chunk;
        forgeQueue().failPublishes = 1;
      } else if (cutChunk >= 0 && event.body.chunk === cutChunk + 2) {
        // Two chunks on: Forge delivers the cut chunk and the one after it again (first deliveries, not retries).
        const requests = host.sandbox.requestCount();
        recordBeforeDuplicates = recordOf(event.body.jobId);
        duplicates.push(await asConsumer(() => runReportJobChunk({ body: { jobId: event.body.jobId, chunk: cutChunk } })));
        duplicates.push(await asConsumer(() => runReportJobChunk({ body: { jobId: event.body.jobId, chunk: cutChunk + 1 } })));
        recordAfterDuplicates = recordOf(event.body.jobId);
        requestsDuringDuplicates = host.sandbox.requestCount() - requests;
      }
    });
    assert.ok(cutChunk > 0, 'the fault was never armed');
    assert.equal(forgeQueue().failPublishes, 0);
    // The retry did not read the page again: it only queued the next chunk.
    assert.deepEqual(deliveriesOf(run, cutChunk), [[0, 'retry', 'retry'], [1, 'ok', 'continued']]);
    assert.deepEqual(deliveriesOf(run, cutChunk + 1), [[0, 'ok', 'continued']]);
    assert.equal(run.requests, reference.run.requests);
    assert.deepEqual(await modelOf(run.jobId), reference.model);

    assert.deepEqual(duplicates, [{ jobId: run.jobId, outcome: 'ignored' }, { jobId: run.jobId, outcome: 'ignored' }]);
    assert.equal(requestsDuringDuplicates, 0);
    assert.ok(recordBeforeDuplicates);
    assert.deepEqual(recordAfterDuplicates, recordBeforeDuplicates);
    // Nor is any chunk delivered twice after it (a re-queue would have run a chunk again).
    const firsts = run.deliveries.filter((d) => d.retryCount === 0).map((d) => d.body.chunk);
    assert.equal(new Set(firsts).size, firsts.length, `a chunk was queued twice: ${firsts.join(', ')}`);

    // A repeated delivery once the job is done changes nothing either, even as a retry.
    const done = recordOf(run.jobId);
    const requests = host.sandbox.requestCount();
    const delivered = forgeQueue().deliveries.length;
    assert.deepEqual(await asConsumer(() => runReportJobChunk({ body: { jobId: run.jobId, chunk: done.chunks - 1 }, retryContext: { retryCount: 1 } })), { jobId: run.jobId, outcome: 'ignored' });
    assert.deepEqual(await asConsumer(() => runReportJobChunk({ body: { jobId: run.jobId, chunk: 0 } })), { jobId: run.jobId, outcome: 'ignored' });
    await host.app.idle();
    assert.deepEqual(recordOf(run.jobId), done);
    assert.equal(host.sandbox.requestCount(), requests);
    assert.equal(forgeQueue().deliveries.length, delivered);
  });

  test('a job whose Jira stays down is failed after its retries, its parts deleted, and its starter told why', async () => {
    let failedChunk = -1;
    let partsBefore = 0;
    const run = await runJob(atAnIssuesPage((event) => {
      failedChunk = event.body.chunk;
      partsBefore = recordOf(event.body.jobId).stored.parts;
      host.sandbox.knobs.failStatus = 500;
      host.sandbox.knobs.failNext = 1000;
    }));
    assert.ok(failedChunk > 0, 'the fault was never armed');
    // Four deliveries (the first and three retries), one refused request each (the Jira client does not retry a 500).
    assert.deepEqual(deliveriesOf(run, failedChunk), [[0, 'retry', 'retry'], [1, 'retry', 'retry'], [2, 'retry', 'retry'], [3, 'ok', 'failed']]);
    assert.deepEqual(
      run.deliveries.filter((d) => d.outcome === 'retry').map((d) => (d.result as { retryOptions: { retryAfter: number } }).retryOptions.retryAfter),
      [10, 20, 30],
    );
    assert.equal(run.failures, 4);
    assert.equal(Math.max(...run.deliveries.map((d) => d.body.chunk as number)), failedChunk, 'a chunk ran after the failure');

    const record = recordOf(run.jobId);
    const message = 'The report could not be generated: reading Jira failed 4 times in a row (Jira answered 500: Internal server error.). Try again later.';
    assert.equal(record.status, 'failed');
    assert.deepEqual(record.error, { code: 'UPSTREAM', message });
    assert.ok(partsBefore >= 2, `only ${partsBefore} parts were written before the failure`);
    for (let n = 0; n < partsBefore; n += 1) assert.equal(keyExists(`report-job:${run.jobId}:part:${n}`), false, `part ${n} was left behind`);
    assert.equal(keyExists(`report-job:${run.jobId}:result`), false);

    // What the Reports page shows the person who started it; nobody else learns of the job.
    const call = callerFrom(host, PROJECT_PAGE);
    const status = ok(await call<any>(DEMO_USERS.pm, 'reports.jobStatus', { projectKey, jobId: run.jobId }));
    assert.equal(status.status, 'failed');
    assert.deepEqual(status.error, { code: 'UPSTREAM', message });
    assert.equal(status.model, undefined);
    assert.ok(status.percent < 100);
    refused(await call(DEMO_USERS.dev1, 'reports.jobStatus', { projectKey, jobId: run.jobId }), 'NOT_FOUND');
  });

  test("a permanent error fails the job at once: Jira's refusal (403), and a job past its rounds of reading", async () => {
    let refusedChunk = -1;
    const refusal = await runJob(atAnIssuesPage((event) => {
      refusedChunk = event.body.chunk;
      host.sandbox.knobs.failStatus = 403;
      host.sandbox.knobs.failNext = 1;
    }));
    assert.ok(refusedChunk > 0, 'the fault was never armed');
    assert.deepEqual(deliveriesOf(refusal, refusedChunk), [[0, 'ok', 'failed']]);
    assert.equal(refusal.failures, 1);
    assert.equal(Math.max(...refusal.deliveries.map((d) => d.body.chunk as number)), refusedChunk);
    assert.deepEqual(recordOf(refusal.jobId).error, { code: 'UPSTREAM', message: 'Jira answered 403: The sandbox was told to refuse this request.' });
    assert.equal(recordOf(refusal.jobId).status, 'failed');

    // A job whose next chunk would pass the bound on rounds: a retry would need as many rounds again.
    const { REPORT_JOB_LIMITS } = await import('../../src/reports/services/reportJobLimits');
    const { writeJob } = await import('../../src/reports/store/reportJobStore');
    const { maxChunks } = REPORT_JOB_LIMITS;
    let jiraRequests = -1;
    const rounds = await runJob(async (event) => {
      if (event.body.chunk !== 0 || event.retryContext) return;
      // As if the job had already run its maxChunks rounds: this is its next event.
      await asConsumer(() => writeJob({ ...recordOf(event.body.jobId), chunks: maxChunks }));
      event.body.chunk = maxChunks;
      jiraRequests = host.sandbox.requestCount();
    });
    jiraRequests = host.sandbox.requestCount() - jiraRequests;
    assert.deepEqual(deliveriesOf(rounds, maxChunks), [[0, 'ok', 'failed']]);
    assert.equal(rounds.deliveries.length, 1);
    assert.equal(jiraRequests, 0);
    const record = recordOf(rounds.jobId);
    assert.equal(record.status, 'failed');
    assert.deepEqual(record.error, { code: 'VALIDATION', message: `The report needed more than ${maxChunks} rounds of reading; narrow the period` });
    assert.equal(keyExists(`report-job:${rounds.jobId}:part:0`), false);
  });
});

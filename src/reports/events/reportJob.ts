/**
 * The `report-jobs` queue consumer (manifest `report-jobs-consumer`): one chunk of a report job per
 * event. How jobs start, chunk and finish is told in src/reports/services/reportJobs.ts.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { AppError } from '../../platform/domain/errors';
import { jiraImpersonating } from '../../platform/jira/jiraClient';
import { gatherStep, type GatherState } from '../jira/reportFacts';
import { deleteParts, deletePartNumbers, loadState, readJob, saveResult, saveState, writeJob, type ReportJob } from '../store/reportJobStore';
import { finishReportJob } from '../services/reportJobFinish';
import { REPORT_JOB_LIMITS, chunkMs } from '../services/reportJobLimits';
import { progressOf, reportJobQueue } from '../services/reportJobs';

interface ChunkEvent {
  body?: { jobId?: unknown; chunk?: unknown };
  retryContext?: { retryCount?: number };
}

export type ChunkOutcome = { jobId: string | null; outcome: 'ignored' | 'continued' | 'done' | 'failed' | 'retry' };

/**
 * Whether a retry cannot help: a person's mistake or a refusal, ours (any AppError but UPSTREAM) or
 * Jira's (a 4xx other than 408 and 429: the project is gone, the app lost access, the JQL is bad).
 * Anything else may pass on a retry (Jira's 5xx and time-outs, storage or queue hiccups).
 */
function isPermanent(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.code !== 'UPSTREAM') return true;
  return error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

async function fail(job: ReportJob, error: unknown, attempts: number): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const body = isPermanent(error)
    ? { code: (error as AppError).code, message }
    : { code: 'UPSTREAM', message: `The report could not be generated: ${error instanceof AppError ? 'reading Jira' : 'a round of reading'} failed ${attempts} times in a row (${message}). Try again later.` };
  await writeJob({ ...job, status: 'failed', error: body });
  await deleteParts(job).catch(() => undefined);
}

/** The consumer: runs one chunk of a report job (see the header). */
export async function runReportJobChunk(event: ChunkEvent): Promise<ChunkOutcome | InvocationError> {
  const jobId = typeof event?.body?.jobId === 'string' ? event.body.jobId : null;
  const chunk = typeof event?.body?.chunk === 'number' ? event.body.chunk : -1;
  if (!jobId) return { jobId: null, outcome: 'ignored' };
  const job = await readJob(jobId);
  const attempt = event.retryContext?.retryCount ?? 0;
  // A retried chunk that had saved its state but was cut off before queuing the next one: queue it now.
  if (job && job.status === 'running' && attempt > 0 && job.chunks === chunk + 1) {
    await reportJobQueue.push({ body: { jobId, chunk: job.chunks } });
    return { jobId, outcome: 'continued' };
  }
  // Gone, finished, or an event for a chunk already run (Forge may deliver an event twice).
  if (!job || job.status === 'done' || job.status === 'failed' || job.chunks !== chunk) return { jobId, outcome: 'ignored' };
  try {
    // Not a hiccup: the same reading would need as many rounds again (a retry cannot help).
    if (job.chunks >= REPORT_JOB_LIMITS.maxChunks) throw new AppError('VALIDATION', `The report needed more than ${REPORT_JOB_LIMITS.maxChunks} rounds of reading; narrow the period`);
    let state = (await loadState(job)) as unknown as GatherState;
    const estimated = job.progress.pagesEstimated;
    const jira = jiraImpersonating(job.requestedBy);
    const budget = chunkMs();
    const running: ReportJob = { ...job, status: 'running' };
    await writeJob({ ...running, progress: progressOf(state, estimated) });
    const started = Date.now();
    let lastProgress = started;
    // At least one step per chunk, whatever the budget: a chunk that read nothing would re-queue
    // itself without progress and use up maxChunks.
    while (state.step !== 'done') {
      state = await gatherStep(jira, state, new Date());
      if (Date.now() - started >= budget) break;
      if (Date.now() - lastProgress >= REPORT_JOB_LIMITS.progressEveryMs) {
        lastProgress = Date.now();
        await writeJob({ ...running, progress: progressOf(state, estimated) });
      }
    }
    if (state.step === 'done') {
      await writeJob({ ...running, progress: progressOf(state, estimated) });
      const { result, summary } = await finishReportJob(job, state);
      await saveResult(job.id, result);
      // The gathered rows stay (until the day's expiry) so the draft is saved from them, not read again.
      const { cursor, stored, dropped } = await saveState(job, state as unknown as Record<string, unknown>);
      await writeJob({ ...running, chunks: job.chunks + 1, status: 'done', progress: progressOf(state, estimated), cursor, stored, result: { summary } });
      await deletePartNumbers(job.id, dropped);
      return { jobId, outcome: 'done' };
    }
    const { cursor, stored, dropped } = await saveState(job, state as unknown as Record<string, unknown>);
    const next: ReportJob = { ...running, chunks: job.chunks + 1, cursor, stored, progress: progressOf(state, estimated) };
    await writeJob(next);
    await deletePartNumbers(job.id, dropped);
    await reportJobQueue.push({ body: { jobId, chunk: next.chunks } });
    return { jobId, outcome: 'continued' };
  } catch (error) {
    if (!isPermanent(error) && attempt < REPORT_JOB_LIMITS.retries) {
      console.warn(`Liaison: report job ${jobId} chunk ${chunk} failed (attempt ${attempt + 1}), retrying: ${error instanceof Error ? error.message : String(error)}`);
      return new InvocationError({ retryAfter: 10 * (attempt + 1), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
    await fail(job, error, attempt + 1);
    return { jobId, outcome: 'failed' };
  }
}

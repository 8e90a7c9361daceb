/**
 * Reports too large for one resolver call (25 s) are gathered by a queue consumer, in chunks:
 *
 * 1. The resolver reads for up to `handOffMs` (gatherWithin). Finished: it answers as usual.
 *    Not finished: it stores what it read as a job (reportJobStore.ts) and pushes the job's first
 *    event to the `report-jobs` queue; the UI polls `reports.jobStatus` and shows the progress.
 * 2. Each event runs one chunk (`runReportJobChunk`, manifest consumer `report-jobs-consumer`):
 *    it loads the job's state, runs gathering steps (one Jira page each) for up to `chunkMs` —
 *    well under the consumer's 900 s — writing the progress every few seconds, then either saves
 *    the state and pushes the next event, or builds the report (reportJobFinish.ts) and stores the
 *    answer. A chunk cut off (time-out, crash) is retried by the queue from the last saved state.
 *
 * Chunks read Jira as the person who asked (Forge's offline user impersonation, `asUser(accountId)`):
 * there is no user behind a queue event, and reading as the app would put issues into the report
 * that Jira hides from that person (issue security levels, permissions changed since). The
 * person's role was checked when the job started, and is checked again whenever they read its
 * status or result.
 * A repeated delivery of the same event is ignored (each event names the chunk it runs).
 */
import { randomUUID } from 'node:crypto';
import { Queue } from '@forge/events';
import { route } from '@forge/api';
import { AppError } from '../../platform/domain/errors';
import { jiraImpersonating, type JiraClient } from '../../platform/jira/jiraClient';
import type { ReportFacts } from '../domain/facts';
import type { ReportAudience, ReportModel, ReportPeriod } from '../domain/model';
import type { EffectiveSettings } from '../../settings/domain/settings';
import { gatherStep, initialGatherState, type GatherState } from '../jira/reportFacts';
import { factsFromData, reportScope } from './reportsGenerate';
import {
  loadState, readJob, saveState, writeJob, type JobProgress, type JobStatus, type ReportJob,
} from '../store/reportJobStore';
import { type PreviewJobRequest, type ReportJobKind } from './reportJobFinish';
import { handOffMs } from './reportJobLimits';

export const REPORT_JOB_QUEUE = 'report-jobs';

/** The queue of report job chunks (src/reports/events/reportJob.ts consumes it). */
export const reportJobQueue = new Queue({ key: REPORT_JOB_QUEUE });

/** Runs gathering steps until the reading is done or `ms` have passed. */
export async function gatherWithin(jira: JiraClient, state: GatherState, now: Date, ms: number): Promise<GatherState> {
  const started = Date.now();
  let current = state;
  while (current.step !== 'done' && Date.now() - started < ms) current = await gatherStep(jira, current, now);
  return current;
}

/** Pages still to read, from Jira's approximate count of the issues in scope (a guess; progress caps it). */
async function estimatePages(jira: JiraClient, state: GatherState): Promise<number> {
  if (!state.jql) return state.pages + 1;
  try {
    const answer = await jira.post<{ count?: number }>(route`/rest/api/3/search/approximate-count`, { jql: state.jql.replace(/\s+ORDER BY .*$/i, '') });
    const issues = typeof answer?.count === 'number' ? answer.count : 0;
    // Issue pages, the epic-children pages (about a fifth more) and the names.
    return Math.max(state.pages + 1, 1 + Math.ceil(issues / 100) + Math.ceil(issues / 500) + 1);
  } catch {
    return state.pages + 1;
  }
}

/** What the reading is doing, for people (a step without words here reads as "Reading Jira"). */
const PHASES: Partial<Record<GatherState['step'], string>> = {
  start: 'Reading the project and its sprints',
  issues: 'Reading the issues in scope',
  epics: 'Reading the epics',
  epicChildren: "Reading the epics' earlier work",
  worklogs: 'Reading worklogs',
  names: "Reading people's names",
  done: 'Building the report',
};

export function progressOf(state: GatherState, estimated: number): JobProgress {
  // The estimate is a guess: never let the bar claim more than it knows, nor go backwards.
  const pagesEstimated = state.step === 'done' ? state.pages : Math.max(estimated, state.pages + 1);
  return { pagesDone: state.pages, pagesEstimated, phase: PHASES[state.step] ?? 'Reading Jira' };
}

/** Stores a started reading as a job and queues its first chunk. Answers the job (status queued). */
export async function startReportJob<R>(opts: { kind: ReportJobKind; projectKey: string; requestedBy: string; request: R; state: GatherState }): Promise<ReportJob<R>> {
  const state = opts.state;
  const estimated = await estimatePages(jiraImpersonating(opts.requestedBy), state);
  const now = new Date().toISOString();
  let job: ReportJob<R> = {
    id: randomUUID(),
    projectKey: opts.projectKey,
    requestedBy: opts.requestedBy,
    requestedAt: now,
    kind: opts.kind,
    request: opts.request,
    status: 'queued',
    progress: progressOf(state, estimated),
    chunks: 0,
    updatedAt: now,
  };
  const { cursor, stored } = await saveState(job, state as unknown as Record<string, unknown>);
  job = { ...job, cursor, stored };
  await writeJob(job);
  await reportJobQueue.push({ body: { jobId: job.id, chunk: 0 } });
  return job;
}

/**
 * What a resolver generating a report calls instead of reading Jira to the end: the facts, when
 * the reading finished within `handOffMs`; otherwise the job it became (reports.preview answers
 * the job's view and the Reports page follows it with reports.jobStatus). The reading so far is the
 * caller's (as the user); the job reads the rest as the same user, offline.
 */
export async function factsOrJob(
  jira: JiraClient,
  args: { projectKey: string; period: ReportPeriod; audience: ReportAudience; settings: EffectiveSettings; now: Date },
  requestedBy: string,
): Promise<ReportFacts | { job: ReportJobView }> {
  // Time, not a count of issues, decides when to hand over: a fast site may read a big scope whole here.
  const start = initialGatherState(reportScope(args.projectKey, args.period));
  const state = await gatherWithin(jira, start, args.now, handOffMs());
  if (state.step === 'done') return factsFromData(Promise.resolve(state), args);
  const request: PreviewJobRequest = { projectKey: args.projectKey, period: args.period, audience: args.audience };
  const job = await startReportJob({ kind: 'preview', projectKey: args.projectKey, requestedBy, request, state });
  return { job: jobView(job) };
}

/**
 * The facts of a finished job, for saving its report as a draft without reading Jira again
 * (reports.saveDraft with `jobId`): only for the person who started it, in its project, for the
 * same period and audience. The facts are as Jira was when the job read it.
 */
export async function factsOfJob(
  jobId: string,
  requestedBy: string,
  args: { projectKey: string; period: ReportPeriod; audience: ReportAudience; settings: EffectiveSettings },
): Promise<ReportFacts> {
  const job = await readJob<PreviewJobRequest>(jobId);
  if (!job || job.projectKey !== args.projectKey || job.requestedBy !== requestedBy) throw new AppError('NOT_FOUND', 'The report generated in the background is no longer kept; generate it again');
  if (job.status !== 'done') throw new AppError('CONFLICT', 'The report is still being generated; save it once it is ready');
  if (job.request.audience !== args.audience || job.request.period.from !== args.period.from || job.request.period.to !== args.period.to) {
    throw new AppError('VALIDATION', 'The report generated in the background is for another period or audience: generate this one first', {
      fields: { jobId: 'Generate the report for this period and audience first' },
    });
  }
  const state = (await loadState(job)) as unknown as GatherState;
  return factsFromData(Promise.resolve(state), { ...args, now: new Date(job.updatedAt) });
}

/** What the Reports page shows of a job. */
export interface ReportJobView {
  jobId: string;
  status: JobStatus;
  progress: JobProgress;
  /** 0..100, for a progress bar (pages read of pages expected). */
  percent: number;
  requestedAt: string;
  updatedAt: string;
  /** The finished report (a preview's model) once status is done. */
  model?: ReportModel;
  error?: { code: string; message: string };
}

export function jobView(job: ReportJob): ReportJobView {
  const { pagesDone, pagesEstimated } = job.progress;
  const percent = job.status === 'done' ? 100 : Math.min(99, Math.floor((100 * pagesDone) / Math.max(1, pagesEstimated)));
  return {
    jobId: job.id,
    status: job.status,
    progress: job.progress,
    percent,
    requestedAt: job.requestedAt,
    updatedAt: job.updatedAt,
    ...(job.error ? { error: job.error } : {}),
  };
}

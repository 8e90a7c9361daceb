/**
 * Following a report that is generated in the background (src/reports/events/reportJob.ts): its progress
 * while Jira is read, then the finished model. Only the person who started the job sees it, and
 * only while they still hold a role allowed to generate reports in its project; anyone else is
 * told it does not exist.
 */
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { AppError } from '../../platform/domain/errors';
import type { ReportModel } from '../domain/model';
import { readJob, readResult } from '../store/reportJobStore';
import { defineResolver } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import { jobView } from '../services/reportJobs';

const JobStatusInput = z.object({
  projectKey,
  jobId: z.string({ error: 'Job id is required' }).uuid('Job id must be the id the Reports page was given'),
});

export const reportJobStatus = defineResolver({
  key: 'reports.jobStatus',
  description: 'Progress of a report generated in the background, and the report once it is done (only for the person who started it)',
  input: JobStatusInput,
  allow: rolesAllowedTo('reports.generate'),
  async handler(ctx) {
    const { projectKey: key, jobId } = ctx.input;
    const job = await readJob(jobId);
    if (!job || job.projectKey !== key || job.requestedBy !== ctx.accountId) throw new AppError('NOT_FOUND', 'There is no such report being generated for you in this project');
    const view = jobView(job);
    if (job.status !== 'done') return view;
    const model = await readResult<ReportModel>(job.id);
    if (!model) throw new AppError('NOT_FOUND', 'The generated report is no longer kept; generate it again');
    return { ...view, model };
  },
});

export const REPORT_JOB_RESOLVERS = [reportJobStatus];

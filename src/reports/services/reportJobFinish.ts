/**
 * The last step of a queued report job (src/reports/events/reportJob.ts): Jira's data is all read; the
 * rest is what the resolver would have done with it — Liaison's own data, the facts, the
 * audience's bounded model — with the project's settings as they are now. The answer is stored
 * for the person who asked (reports.jobStatus hands it over).
 */
import type { ReportAudience, ReportModel, ReportPeriod } from '../domain/model';
import { mergeSettings } from '../../settings/domain/storedSettings';
import type { GatherState } from '../jira/reportFacts';
import { factsFromData, modelOf } from './reportsGenerate';
import { readProjectSettings, readSiteDefaults } from '../../settings/store/settingsStore';
import type { ReportJob } from '../store/reportJobStore';

/** What a job produces: `preview`, the model the Reports page shows (it is saved as a draft from there). */
export type ReportJobKind = 'preview';

/** The request a preview job carries: the resolver's validated input, resolved to a period. */
export interface PreviewJobRequest {
  projectKey: string;
  period: ReportPeriod;
  audience: ReportAudience;
}

export async function finishReportJob(job: ReportJob, state: GatherState): Promise<{ result: ReportModel; summary: Record<string, unknown> }> {
  const request = job.request as PreviewJobRequest;
  const [site, project] = await Promise.all([readSiteDefaults(), readProjectSettings(job.projectKey)]);
  const { settings } = mergeSettings(site.stored, project.stored);
  const args = { projectKey: job.projectKey, period: request.period, audience: request.audience, settings, now: new Date() };
  const facts = await factsFromData(Promise.resolve(state), args);
  const model = modelOf(facts, request.audience, settings);
  return { result: model, summary: { issues: state.issues.length, pages: state.pages, truncated: state.truncated } };
}

/**
 * Resolvers of the Reports page (project page) and the portal's published reports.
 *
 * - `reports.preview` builds the audience's model from Jira now; nothing is stored.
 * - `reports.saveDraft` generates the model again with the same period and audience (Jira may have
 *   moved on since the preview, and a draft always shows the numbers as they were when it was last
 *   saved), with the narrative and status override, and stores it as a versioned snapshot. A draft
 *   keeps its period and audience; a published snapshot is frozen.
 * - `reports.publish` freezes a draft as it was saved; a client-audience report then shows in the
 *   client portal.
 * - `reports.list` / `reports.get`: a client sees only published client-audience reports, and no
 *   internal account ids; anything else is NOT_FOUND to them.
 * - `reports.notices`: drafts the report schedule made that nobody opened yet (opening one clears it).
 * Team members may generate the internal audiences only; the client report is the PM's or an
 * approver's (DESIGN.md's role table).
 */
import { randomUUID } from 'node:crypto';
import { rolesAllowedTo } from '../../access/domain/access';
import { buildAuditEntry } from '../../platform/domain/audit';
import { AppError } from '../../platform/domain/errors';
import { OVERALL_STATUS_LABELS, type ReportAudience, type ReportSnapshot, type StatusOverride } from '../domain/model';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import {
  listReports, listReportsFor, listUnopened, markOpened, readReport, SCHEDULE_ACTOR, SCHEDULE_ACTOR_NAME, snapshotOf, summaryOf, writeReport,
  type ReportRecord, type ReportSummary,
} from '../store/reportStore';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { isClient } from '../../access/resolvers/issueScope';
import { displayNames } from '../../platform/jira/people';
import type { ProjectAccess } from '../../access/services/projectAccess';
import { PreviewInput, ProjectInput, PublishInput, ReportRefInput, SaveDraftInput, periodFrom } from './reportsInputs';
import { gatherFacts, modelOf } from '../services/reportsGenerate';
import { readPeriodWords, writePeriodWords } from '../store/reportPeriodStore';
import { factsOfJob, factsOrJob } from '../services/reportJobs';

/** Snapshots a history list shows (newest first). */
export const HISTORY_LIMIT = 100;

/** Team members generate internal reports only: the client report is the PM's or an approver's. */
export function checkMayGenerate(access: ProjectAccess, audience: ReportAudience): void {
  if (audience !== 'client') return;
  if (!access.roles.some((role) => role === 'manager' || role === 'approver')) {
    throw new AppError('FORBIDDEN', 'Team members can prepare the executive, manager and team reports; the client report is prepared by the project manager or an approver');
  }
}

/** What a client may read: published, client audience. */
export function clientMayRead(record: Pick<ReportRecord, 'status' | 'audience'>): boolean {
  return record.status === 'published' && record.audience === 'client';
}

/** Names for generatedBy / publishedBy (the schedule is not a person Jira knows). */
async function authorNames(ids: Iterable<string | undefined>): Promise<Record<string, string>> {
  const people = [...ids].filter((id): id is string => typeof id === 'string' && id !== SCHEDULE_ACTOR);
  return { ...(await displayNames(people)), [SCHEDULE_ACTOR]: SCHEDULE_ACTOR_NAME };
}

/** A snapshot or summary for a client: people named, never by internal account id. */
function forClient<T extends Pick<ReportSnapshot, 'generatedBy' | 'publishedBy'>>(snapshot: T, names: Record<string, string>): T {
  const shaped: T = { ...snapshot, generatedBy: names[snapshot.generatedBy] ?? 'Project team' };
  if (snapshot.publishedBy) shaped.publishedBy = names[snapshot.publishedBy] ?? 'Project team';
  return shaped;
}

/** Reads a snapshot the caller may see; anything else (another project, a client and an internal report) is NOT_FOUND. */
export async function visibleReport(access: ProjectAccess, reportId: string): Promise<ReportRecord> {
  const record = await readReport(access.projectKey, reportId);
  if (!record || (isClient(access) && !clientMayRead(record))) throw new AppError('NOT_FOUND', 'There is no such report in this project');
  return record;
}

export const previewReport = defineResolver({
  key: 'reports.preview',
  description: "Build a report for a period and audience from Jira now (nothing is saved; a large project's is handed to a background job, whose progress is answered); a team member may preview internal audiences only",
  input: PreviewInput,
  allow: rolesAllowedTo('reports.generate'),
  refusal: 'Only the team of this project can generate reports',
  async handler(ctx) {
    const access = checkedAccess(ctx);
    checkMayGenerate(access, ctx.input.audience);
    const period = periodFrom(ctx.input.period, ctx.now);
    const settings = access.merged.settings;
    // A large project's report is handed to a background job after a few seconds: the answer is then the job's view
    // (ReportJobView, with `jobId`), which the page follows with reports.jobStatus (src/reports/events/reportJob.ts).
    const facts = await factsOrJob(jiraAsUser(), { projectKey: access.projectKey, period, audience: ctx.input.audience, settings, now: ctx.now }, ctx.accountId);
    if ('job' in facts) return facts.job;
    // The status set by hand and the narrative are the period's, whichever audience they were written for.
    const words = await readPeriodWords(access.projectKey, period);
    return modelOf(facts, ctx.input.audience, settings, { ...(words?.override ? { override: words.override } : {}), ...(words?.narrative ? { narrative: words.narrative } : {}), ...(ctx.siteUrl ? { siteUrl: ctx.siteUrl } : {}) });
  },
});

export const saveReportDraft = defineResolver({
  key: 'reports.saveDraft',
  description: 'Save a draft report: generated again for its period and audience, with the narrative and status override (versioned)',
  input: SaveDraftInput,
  allow: rolesAllowedTo('reports.generate'),
  refusal: 'Only the team of this project can save reports',
  async handler(ctx): Promise<ReportSnapshot> {
    const access = checkedAccess(ctx);
    const { input, now, accountId } = ctx;
    checkMayGenerate(access, input.audience);
    const period = periodFrom(input.period, now);
    const existing = input.reportId ? await readReport(access.projectKey, input.reportId) : undefined;
    if (input.reportId && !existing) throw new AppError('NOT_FOUND', 'There is no such report in this project');
    if (existing) {
      if (existing.status === 'published') throw new AppError('CONFLICT', 'This report is published and cannot change; generate a new draft for the changes');
      if (existing.audience !== input.audience || existing.periodFrom !== period.from || existing.periodTo !== period.to) {
        throw new AppError('VALIDATION', 'A saved report keeps its period and audience: generate a new report for another one', {
          fields: { period: 'Keep the period of the saved report', audience: 'Keep the audience of the saved report' },
        });
      }
      if (input.version === undefined) throw new AppError('VALIDATION', 'Say which version of the report you edited', { fields: { version: 'Version is required to save an existing report' } });
    }
    const expected = existing ? (input.version as number) : 0;
    // One status and one narrative per period, shared by every audience (issue 17): absent, keep the
    // period's (else this draft's); null, clear it.
    const words = await readPeriodWords(access.projectKey, period);
    const override: StatusOverride | undefined =
      input.statusOverride === null
        ? undefined
        : input.statusOverride
          ? { status: input.statusOverride.status, reason: input.statusOverride.reason, by: accountId, at: now.toISOString() }
          : words
            ? words.override
            : existing?.statusOverride;
    const narrative = input.narrative ?? words?.narrative ?? existing?.model.narrative;

    const settings = access.merged.settings;
    const [facts, names] = await Promise.all([
      // A large project's report was read by a background job: its rows are kept for the save (reportJob.ts).
      input.jobId
        ? factsOfJob(input.jobId, accountId, { projectKey: access.projectKey, period, audience: input.audience, settings })
        : gatherFacts(jiraAsUser(), { projectKey: access.projectKey, period, audience: input.audience, settings, now }),
      // The override's author is named in the model (a kept override may be someone else's).
      displayNames(override ? [accountId, override.by] : [accountId]),
    ]);
    const model = modelOf({ ...facts, people: { ...names, ...facts.people } }, input.audience, settings, { ...(override ? { override } : {}), ...(narrative ? { narrative } : {}), ...(ctx.siteUrl ? { siteUrl: ctx.siteUrl } : {}) });
    // A client's narrative holds no manpower text (the builder drops it): keep the period's full narrative.
    if (input.statusOverride !== undefined || input.narrative !== undefined) {
      await writePeriodWords(access.projectKey, period, { ...(override ? { override } : {}), ...(narrative ? { narrative } : {}), updatedAt: now.toISOString(), updatedBy: accountId });
    }

    const id = existing?.id ?? randomUUID();
    const record: ReportRecord = {
      id,
      projectKey: access.projectKey,
      period,
      audience: input.audience,
      status: 'draft',
      version: expected + 1,
      generatedAt: now.toISOString(),
      generatedBy: accountId,
      model,
      periodFrom: period.from,
      periodTo: period.to,
      source: existing?.source ?? 'person',
      updatedAt: now.toISOString(),
      updatedBy: accountId,
      ...(override ? { statusOverride: override } : {}),
    };
    const audit = buildAuditEntry({
      projectKey: access.projectKey,
      at: now,
      actor: accountId,
      action: existing ? 'report.update' : 'report.draft',
      target: `report:${id}`,
      changes: [{ path: 'report', summary: `${existing ? 'Updated' : 'Saved'} the ${input.audience} report draft for ${period.from} to ${period.to} (${OVERALL_STATUS_LABELS[model.status.effective]}${override ? `, status set by hand: ${override.reason}` : ''})` }],
    });
    return snapshotOf(await writeReport(record, expected, audit));
  },
});

export const publishReport = defineResolver({
  key: 'reports.publish',
  description: 'Publish a saved draft as it is (a client-audience report then shows in the client portal); published reports are frozen',
  input: PublishInput,
  allow: rolesAllowedTo('reports.publish'),
  refusal: 'Only the project manager or an approver can publish reports',
  async handler(ctx): Promise<ReportSnapshot> {
    const access = checkedAccess(ctx);
    const record = await visibleReport(access, ctx.input.reportId);
    if (record.status === 'published') throw new AppError('CONFLICT', 'This report is already published');
    if (record.version !== ctx.input.version) {
      throw new AppError('CONFLICT', `This report was saved again since you opened it (version ${record.version}). Reload it, check it, then publish.`);
    }
    const at = ctx.now.toISOString();
    const { notice: _notice, ...rest } = record;
    const published: ReportRecord = { ...rest, status: 'published', version: record.version + 1, publishedAt: at, publishedBy: ctx.accountId, updatedAt: at, updatedBy: ctx.accountId };
    const audit = buildAuditEntry({
      projectKey: access.projectKey,
      at: ctx.now,
      actor: ctx.accountId,
      action: 'report.publish',
      target: `report:${record.id}`,
      changes: [{ path: 'report', summary: `Published the ${record.audience} report for ${record.periodFrom} to ${record.periodTo}${record.audience === 'client' ? ' to the client portal' : ''}` }],
    });
    return snapshotOf(await writeReport(published, record.version, audit));
  },
});

export interface ReportList {
  snapshots: ReportSummary[];
  truncated: boolean;
  /** accountId -> name for generatedBy / publishedBy (internal callers; a client gets names in place). */
  names: Record<string, string>;
}

export const listProjectReports = defineResolver({
  key: 'reports.list',
  description: "The project's report snapshots, newest first (a client: published client-audience reports only)",
  input: ProjectInput,
  allow: rolesAllowedTo('reports.read'),
  refusal: "You don't have access to reports in this project",
  async handler(ctx): Promise<ReportList> {
    const access = checkedAccess(ctx);
    const client = isClient(access);
    const page = client ? await listReportsFor(access.projectKey, 'client', 'published', HISTORY_LIMIT) : await listReports(access.projectKey, HISTORY_LIMIT);
    const records = page.records.filter((r) => !client || clientMayRead(r));
    const names = await authorNames(records.flatMap((r) => [r.generatedBy, r.publishedBy]));
    const summaries = records.map(summaryOf);
    if (client) return { snapshots: summaries.map((s) => forClient(s, names)), truncated: page.truncated, names: {} };
    return { snapshots: summaries, truncated: page.truncated, names };
  },
});

export const getReport = defineResolver({
  key: 'reports.get',
  description: 'One report snapshot with its model (a client: only a published client-audience report); opening a scheduled draft clears its notice',
  input: ReportRefInput,
  allow: rolesAllowedTo('reports.read'),
  refusal: "You don't have access to reports in this project",
  async handler(ctx): Promise<ReportSnapshot & { names: Record<string, string> }> {
    const access = checkedAccess(ctx);
    const record = await visibleReport(access, ctx.input.reportId);
    const names = await authorNames([record.generatedBy, record.publishedBy]);
    if (isClient(access)) return { ...forClient(snapshotOf(record), names), names: {} };
    if (record.notice) await markOpened(record);
    return { ...snapshotOf(record), names };
  },
});

export const reportNotices = defineResolver({
  key: 'reports.notices',
  description: 'Drafts the report schedule generated that nobody has opened yet',
  input: ProjectInput,
  allow: rolesAllowedTo('reports.generate'),
  refusal: 'Only the team of this project can see report drafts',
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const page = await listUnopened(access.projectKey, 20);
    return { drafts: page.records.map(summaryOf), truncated: page.truncated, names: { [SCHEDULE_ACTOR]: SCHEDULE_ACTOR_NAME } };
  },
});

export const REPORT_RESOLVERS = [previewReport, saveReportDraft, publishReport, listProjectReports, getReport, reportNotices];

/**
 * Report exports: a file of a saved snapshot (or of a report generated now for a period and
 * audience), whole or one section, as PDF, Markdown, HTML or one table as CSV — answered as base64
 * for the browser to download — and a saved snapshot written as a Confluence page.
 * A client exports only what they may read (published client-audience snapshots); generating
 * follows the same rules as the preview.
 */
import { can, rolesAllowedTo } from '../../access/domain/access';
import { buildAuditEntry } from '../../platform/domain/audit';
import { AppError } from '../../platform/domain/errors';
import type { ReportModel } from '../domain/model';
import { createPage } from '../jira/confluencePages';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { writeAudit } from '../../platform/store/auditStore';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { isClient } from '../../access/resolvers/issueScope';
import { checkMayGenerate, visibleReport } from './reports';
import { factsOfJob } from '../services/reportJobs';
import { ConfluenceInput, ExportInput, periodFrom } from './reportsInputs';
import { gatherFacts, modelOf } from '../services/reportsGenerate';
import { readPeriodWords } from '../store/reportPeriodStore';

/**
 * The export stack (pdfkit with its fonts, the charts server-rendered with react-dom: over half of
 * the backend's code) is loaded on the first export, not on every invocation: a cold start of any
 * other function (and every local host start) skips it. TypeScript compiles this `import()` to a
 * `require`, so Forge's bundler keeps it in the same file.
 */
const exportStack = () => import('../export');

export interface ExportAnswer {
  filename: string;
  mimeType: string;
  base64: string;
  bytes: number;
}

export const exportReportFile = defineResolver({
  key: 'reports.export',
  description: 'A report (saved, or generated now) or one of its sections as PDF, Markdown or HTML, or one table as CSV (a client: published client reports only)',
  input: ExportInput,
  allow: rolesAllowedTo('reports.read'),
  refusal: "You don't have access to reports in this project",
  async handler(ctx): Promise<ExportAnswer> {
    const access = checkedAccess(ctx);
    const { input } = ctx;
    let model: ReportModel;
    if (input.reportId) {
      model = (await visibleReport(access, input.reportId)).model;
    } else {
      // Generating is the team's: the same rules as reports.preview.
      if (isClient(access) || !can(access.roles, 'reports.generate')) {
        throw new AppError('FORBIDDEN', 'Only the team of this project can generate reports');
      }
      const audience = input.audience!;
      checkMayGenerate(access, audience);
      const period = periodFrom(input.period!, ctx.now);
      const settings = access.merged.settings;
      // A large project's preview was read by a background job: export from its reading (reportJob.ts).
      const facts = input.jobId
        ? await factsOfJob(input.jobId, ctx.accountId, { projectKey: access.projectKey, period, audience, settings })
        : await gatherFacts(jiraAsUser(), { projectKey: access.projectKey, period, audience, settings, now: ctx.now });
      const words = await readPeriodWords(access.projectKey, period);
      model = modelOf(facts, audience, settings, { ...(words?.override ? { override: words.override } : {}), ...(words?.narrative ? { narrative: words.narrative } : {}) });
    }
    // Links to Jira: a snapshot saved before the model kept the site's address gets it now.
    if (!model.siteUrl && ctx.siteUrl) model = { ...model, siteUrl: ctx.siteUrl };
    const { exportReport } = await exportStack();
    const file = await exportReport(model, { format: input.format, ...(input.section ? { section: input.section } : {}), ...(input.table ? { table: input.table } : {}) });
    return { filename: file.filename, mimeType: file.mimeType, base64: file.content.toString('base64'), bytes: file.content.length };
  },
});

export const reportToConfluence = defineResolver({
  key: 'reports.toConfluence',
  description: 'Write a saved report as a new Confluence page in a space (as the caller: their Confluence permissions apply)',
  input: ConfluenceInput,
  allow: rolesAllowedTo('reports.generate'),
  refusal: 'Only the team of this project can put reports in Confluence',
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const record = await visibleReport(access, ctx.input.reportId);
    const internalSpaces = access.merged.settings.reporting?.internalConfluenceSpaces ?? [];
    if (record.audience !== 'client' && !internalSpaces.includes(ctx.input.spaceKey)) {
      throw new AppError(
        'FORBIDDEN',
        `The ${record.audience} report is internal: Liaison writes it only to a Confluence space a manager marked internal in Settings → Reports (${internalSpaces.length ? `now ${internalSpaces.join(', ')}` : 'none yet'}), and ${ctx.input.spaceKey} is not one.`,
      );
    }
    const { confluenceStorage, confluenceTitle } = await exportStack();
    const title = ctx.input.title ?? confluenceTitle(record.model);
    const page = await createPage({ spaceKey: ctx.input.spaceKey, title, storage: confluenceStorage(record.model) });
    // The page exists now: a failed audit entry is logged, not reported as a failed export.
    await writeAudit(
      buildAuditEntry({
        projectKey: access.projectKey,
        at: ctx.now,
        actor: ctx.accountId,
        action: 'report.confluence',
        target: `report:${record.id}`,
        changes: [{ path: 'report', summary: `Wrote the ${record.audience} report for ${record.periodFrom} to ${record.periodTo} to Confluence: "${page.title}" in ${ctx.input.spaceKey}` }],
      }),
    ).catch((error: unknown) => console.warn(`Liaison: report ${record.id} went to Confluence but was not audited: ${error instanceof Error ? error.message : String(error)}`));
    return { url: page.url, pageId: page.id, title: page.title, spaceKey: ctx.input.spaceKey };
  },
});

export const REPORT_EXPORT_RESOLVERS = [exportReportFile, reportToConfluence];

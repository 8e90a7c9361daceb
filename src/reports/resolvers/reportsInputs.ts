/** Inputs of the report resolvers (zod, field-level messages, bounded) and what they turn into. */
import { z } from 'zod';
import { isoDateOf } from '../../platform/domain/businessDays';
import { NARRATIVE_MAX_CHARS } from '../domain/bound';
import { OVERALL_STATUSES, REPORT_AUDIENCES, REPORT_SECTIONS, type ReportPeriod, type ReportSection } from '../domain/model';
import { customPeriod, periodOf } from '../domain/period';
import { OVERRIDE_REASON_MAX_CHARS } from '../domain/status';
import { isIsoDate } from '../../platform/domain/time';
import { confluenceSpaceKey } from '../../settings/domain/settings';
import { EXPORT_FORMATS } from '../export/request';
import { REPORT_TABLES } from '../export/tableNames';
import { projectKey, version } from '../../access/resolvers/inputs';

const date = (_label: string) => z.string({ error: 'Pick a date' }).refine(isIsoDate, 'Pick a date from the calendar');

/** `{ kind: week|month, date? }` (the period holding the date; default today) or `{ kind: custom, from, to }`. */
export const PeriodInput = z
  .object(
    {
      kind: z.enum(['week', 'month', 'custom'], { error: 'Period must be week, month or custom' }),
      date: date('Date').optional(),
      from: date('Start date').optional(),
      to: date('End date').optional(),
    },
    { error: 'Period must be an object with kind' },
  )
  .superRefine((period, ctx) => {
    if (period.kind !== 'custom') return;
    if (period.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'A custom period needs a start date' });
    if (period.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'A custom period needs an end date' });
  });
export type PeriodInput = z.infer<typeof PeriodInput>;

/** The period the input names (custom periods are checked by the domain: order, length). */
export function periodFrom(input: PeriodInput, now: Date): ReportPeriod {
  if (input.kind === 'custom') return customPeriod(input.from as string, input.to as string);
  return periodOf(input.kind, input.date ?? isoDateOf(now));
}

export const audience = z.enum(REPORT_AUDIENCES as unknown as ['executive', 'manager', 'client', 'team'], { error: 'Audience must be executive, manager, client or team' });

/** Report ids are UUIDs; any short id of letters, digits and dashes is accepted (an unknown one is NOT_FOUND). */
export const reportId = z
  .string({ error: 'Report id is required' })
  .min(1, 'Report id is required')
  .max(64, 'Report id is not valid')
  .regex(/^[A-Za-z0-9-]+$/, 'Report id is not valid');

const narrativeText = z.string({ error: 'Narrative must be text' }).max(NARRATIVE_MAX_CHARS, `At most ${NARRATIVE_MAX_CHARS} characters per section`);
export const Narrative = z.strictObject(
  Object.fromEntries(REPORT_SECTIONS.map((s) => [s, narrativeText.optional()])) as Record<ReportSection, z.ZodOptional<typeof narrativeText>>,
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'Narrative names an unknown section' : 'Narrative must be an object of sections') },
);

export const StatusOverrideInput = z.object(
  {
    status: z.enum(OVERALL_STATUSES as unknown as ['on-track', 'at-risk', 'off-track'], { error: 'Status must be on-track, at-risk or off-track' }),
    reason: z
      .string({ error: 'Say why the status is overridden' })
      .trim()
      .min(1, 'Say why the status is overridden')
      .max(OVERRIDE_REASON_MAX_CHARS, `The reason must be at most ${OVERRIDE_REASON_MAX_CHARS} characters`),
  },
  { error: 'Status override must be an object with status and reason' },
);

/** A background report job's id (src/reports/events/reportJob.ts), as the Reports page was given it. */
const jobId = z.string({ error: 'Job id must be text' }).uuid('Job id must be the id the Reports page was given');

export const PreviewInput = z.object({ projectKey, period: PeriodInput, audience });

export const SaveDraftInput = z.object({
  projectKey,
  reportId: reportId.optional(),
  version: version.optional(),
  period: PeriodInput,
  audience,
  narrative: Narrative.optional(),
  statusOverride: StatusOverrideInput.nullable().optional(),
  /** A finished background job of this period and audience (large projects): the draft is built from what it read. */
  jobId: jobId.optional(),
});

export const PublishInput = z.object({ projectKey, reportId, version });
export const ReportRefInput = z.object({ projectKey, reportId });
export const ProjectInput = z.object({ projectKey });

export const ExportInput = z
  .object({
    projectKey,
    reportId: reportId.optional(),
    period: PeriodInput.optional(),
    audience: audience.optional(),
    format: z.enum(EXPORT_FORMATS, { error: 'Format must be pdf, markdown, html or csv' }),
    section: z.enum(REPORT_SECTIONS, { error: 'Unknown section' }).optional(),
    table: z.enum(REPORT_TABLES, { error: 'Unknown table' }).optional(),
    /** With a period and audience: a finished background job's reading to export from (large projects; not read again). */
    jobId: jobId.optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.reportId && (!input.period || !input.audience)) {
      ctx.addIssue({ code: 'custom', path: ['reportId'], message: 'Name a saved report, or a period and an audience to generate one' });
    }
    if (input.format === 'csv' && !input.table) ctx.addIssue({ code: 'custom', path: ['table'], message: 'A CSV export needs a table' });
  });

export const ConfluenceInput = z.object({
  projectKey,
  reportId,
  spaceKey: confluenceSpaceKey,
  title: z.string({ error: 'Title must be text' }).trim().min(1, 'Title cannot be empty').max(255, 'Title must be at most 255 characters').optional(),
});

/**
 * What the Reports page and the portal send to and get from the `reports.*` resolvers, and the
 * words they show for periods, audiences and statuses. The report itself is the shared
 * ReportModel (src/reports/domain/model.ts); the server builds it, these pages only show it.
 */
import type { OverallStatus, ReportAudience, ReportModel, ReportPeriod, ReportPeriodKind, ReportSection, ReportSnapshot } from '../../../src/reports/domain/model';
import type { ExportFormat, ExportRequest } from '../../../src/reports/export/request';
import { callResolver, type Answer } from '../bridge';
import { downloadBase64 } from '../download';
import { formatDay } from '../dates';

export type { OverallStatus, ReportAudience, ReportModel, ReportPeriod, ReportSection, ReportSnapshot };

/** A snapshot as `reports.list` lists it (no model); `previousForecast`: how the forecast for its period turned out (absent when none did). */
export type { ReportSummary } from '../../../src/reports/store/reportStore';

/** What the person picked: a week or month by any day in it, or two dates. */
export interface PeriodChoice {
  kind: ReportPeriodKind;
  /** A day in the week, or YYYY-MM for a month. */
  day: string;
  month: string;
  from: string;
  to: string;
}

/** The resolvers' `period` input: `{ kind, date }` for a week or month, `{ kind, from, to }` for custom. */
export function periodPayload(choice: PeriodChoice): Record<string, string> {
  if (choice.kind === 'week') return { kind: 'week', date: choice.day };
  if (choice.kind === 'month') return { kind: 'month', date: `${choice.month}-01` };
  return { kind: 'custom', from: choice.from, to: choice.to };
}

/** A saved period back to the pickers (when a snapshot is opened from the history). */
export function choiceOf(period: ReportPeriod, fallback: PeriodChoice): PeriodChoice {
  if (period.kind === 'week') return { ...fallback, kind: 'week', day: period.from };
  if (period.kind === 'month') return { ...fallback, kind: 'month', month: period.from.slice(0, 7) };
  return { ...fallback, kind: 'custom', from: period.from, to: period.to };
}

export const AUDIENCES: { value: ReportAudience; label: string; description: string }[] = [
  { value: 'executive', label: 'Executive', description: 'One page: status, headline numbers, top problems, decisions needed.' },
  { value: 'manager', label: 'Manager', description: 'Everything, including hours per person and costs.' },
  { value: 'client', label: 'Client', description: 'Client-safe: no internal flags, no hours, no costs unless Settings allows. Publishing puts it in the client portal.' },
  { value: 'team', label: 'Team', description: 'Progress, problems and what comes next, for the people doing the work.' },
];

export const AUDIENCE_LABELS: Record<ReportAudience, string> = { executive: 'Executive', manager: 'Manager', client: 'Client', team: 'Team' };

export const PERIOD_KIND_LABELS: Record<ReportPeriodKind, string> = { week: 'Weekly', month: 'Monthly', custom: 'Custom period' };

/** Atlaskit Lozenge appearances for an overall status. */
export const STATUS_APPEARANCE: Record<OverallStatus, 'success' | 'moved' | 'removed'> = { 'on-track': 'success', 'at-risk': 'moved', 'off-track': 'removed' };

/** The CSV tables of each section (the names `reports.export` takes as `table`), shared with the exporter. */
export { SECTION_TABLES } from '../../../src/reports/export/tableNames';

/** What an export asks for, as the exporter takes it. */
export type { ExportFormat, ExportRequest } from '../../../src/reports/export/request';
export const FORMAT_LABELS: Record<ExportFormat, string> = { pdf: 'PDF', markdown: 'Markdown', html: 'HTML', csv: 'CSV' };

/** The exported file as `reports.export` answers it (JSON: the content base64). */
export interface ExportedFile {
  filename: string;
  mimeType: string;
  base64: string;
}

/** A saved report, or a period and audience to generate (from a background job's reading when `jobId` names one). */
export type ExportSource = { reportId: string } | { period: Record<string, string>; audience: ReportAudience; jobId?: string };

/** Asks the server for the file and hands it to the browser; the error, if any, is returned. */
export async function exportReport(projectKey: string, source: ExportSource, request: ExportRequest): Promise<Answer<ExportedFile>> {
  const answer = await callResolver<ExportedFile>('reports.export', { projectKey, ...source, ...request });
  if (answer.ok) downloadBase64(answer.data.filename, answer.data.mimeType, answer.data.base64);
  return answer;
}

/** "16 Nov 2026 – 22 Nov 2026" in the user's date style, without shifting dates through the reader's time zone. */
export function periodText(period: ReportPeriod): string {
  return `${formatDay(period.from)} – ${formatDay(period.to)}`;
}

/** 12.5 → "12.5", 12 → "12": the exports' number words, so the page and the files agree. */
export { num } from '../../../src/reports/export/charts/theme';

/** The link to a list in Jira's issue search. */
export function jqlUrl(siteUrl: string, jql: string): string {
  return `${siteUrl.replace(/\/$/, '')}/issues/?jql=${encodeURIComponent(jql)}`;
}

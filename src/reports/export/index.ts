/**
 * Report exports, in one call for the `reports.export` resolver: the whole report or one section
 * as PDF, Markdown or self-contained HTML, one table as CSV, or the Confluence page body.
 *
 *   reportPdf(model, section?)          src/reports/export/pdf.ts (executive audience: one page)
 *   reportMarkdown(model, section?)     src/reports/export/markdown.ts
 *   reportHtml(model, section?)         src/reports/export/html.ts
 *   reportCsv(model, table)             src/reports/export/tables.ts (REPORT_TABLES, SECTION_TABLES)
 *   confluenceStorage(model, section?)  src/reports/export/confluence.ts (+ confluenceTitle)
 *
 * Charts: src/reports/export/charts/ReportCharts.tsx (visx), shared with the Custom UI.
 */
import { AppError } from '../../platform/domain/errors';
import { REPORT_SECTIONS, type ReportModel } from '../domain/model';
import { exportFilename } from './filename';
import { reportHtml } from './html';
import { reportMarkdown } from './markdown';
import { reportPdf } from './pdf';
import type { ExportFormat, ExportRequest } from './request';
import { reportCsv } from './tables';

export { confluenceStorage, confluenceTitle } from './confluence';
export { exportFilename } from './filename';
export { reportHtml } from './html';
export { reportMarkdown } from './markdown';
export { reportPdf } from './pdf';
export { EXPORT_FORMATS, type ExportFormat, type ExportRequest } from './request';
export { reportCsv, REPORT_TABLES, SECTION_TABLES, tablesOf, type ReportTable } from './tables';

export interface ExportedFile {
  filename: string;
  mimeType: string;
  content: Buffer;
}

const MIME: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  markdown: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};
const EXTENSION: Record<ExportFormat, string> = { pdf: 'pdf', markdown: 'md', html: 'html', csv: 'csv' };

/** The file for a request; AppError VALIDATION for a bad section/table, NOT_FOUND for a table this audience lacks. */
export async function exportReport(model: ReportModel, request: ExportRequest): Promise<ExportedFile> {
  const { format, section } = request;
  if (section !== undefined && !(REPORT_SECTIONS as readonly string[]).includes(section)) {
    throw new AppError('VALIDATION', `Unknown section "${section}"`, { fields: { section: `Section must be one of: ${REPORT_SECTIONS.join(', ')}` } });
  }
  const file = (content: Buffer, part?: string): ExportedFile => ({ filename: exportFilename(model, EXTENSION[format], part), mimeType: MIME[format], content });
  switch (format) {
    case 'pdf':
      return file(await reportPdf(model, section), section);
    case 'markdown':
      return file(Buffer.from(reportMarkdown(model, section), 'utf8'), section);
    case 'html':
      return file(Buffer.from(reportHtml(model, section), 'utf8'), section);
    case 'csv':
      if (!request.table) throw new AppError('VALIDATION', 'Choose a table to export as CSV', { fields: { table: 'Required for CSV' } });
      return file(Buffer.from(reportCsv(model, request.table), 'utf8'), request.table);
  }
}

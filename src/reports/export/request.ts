/**
 * What an export asks for: the format, the whole report or one section, and for CSV the table.
 * Dependency-free so the resolver's input schema and the Custom UI's export menu use the same words.
 */
import type { ReportSection } from '../domain/model';

export const EXPORT_FORMATS = ['pdf', 'markdown', 'html', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  format: ExportFormat;
  section?: ReportSection;
  /** Required for CSV: one of REPORT_TABLES. */
  table?: string;
}

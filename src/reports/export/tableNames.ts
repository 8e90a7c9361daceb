/**
 * The names of the report's CSV tables (what `reports.export` takes as `table`) and the panel
 * (section) each belongs to. Dependency-free so the Custom UI's export menu can import it.
 */
import type { ReportSection } from '../domain/model';

export const REPORT_TABLES = [
  'progress-sprints',
  'epics',
  'burn-up',
  'not-done',
  'missed-due',
  'scope-added',
  'completed',
  'manpower-person',
  'manpower-epic',
  'flags',
  'client-delays',
  'asks',
  'changes',
  'forecast-planned',
  'forecast-due',
] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

/** Each section's tables with a short label for a menu. A table the report lacks (hours for a client) is refused by the export. */
export const SECTION_TABLES: Record<ReportSection, { table: ReportTable; label: string }[]> = {
  status: [],
  progress: [
    { table: 'progress-sprints', label: 'Sprints' },
    { table: 'epics', label: 'Epics' },
    { table: 'burn-up', label: 'Burn-up' },
  ],
  deviation: [
    { table: 'not-done', label: 'Planned, not done' },
    { table: 'missed-due', label: 'Missed due dates' },
    { table: 'scope-added', label: 'Scope added' },
  ],
  completed: [{ table: 'completed', label: 'Completed issues' }],
  manpower: [
    { table: 'manpower-person', label: 'Hours per person' },
    { table: 'manpower-epic', label: 'Hours per epic' },
  ],
  problems: [
    { table: 'flags', label: 'Red flags' },
    { table: 'client-delays', label: 'Delays waiting on the client' },
  ],
  clientActions: [{ table: 'asks', label: 'Client asks' }],
  changes: [{ table: 'changes', label: 'Change requests' }],
  forecast: [
    { table: 'forecast-planned', label: 'Planned next' },
    { table: 'forecast-due', label: 'Upcoming due dates' },
  ],
};

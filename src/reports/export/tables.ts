/**
 * The report's tables: one definition per table gives its columns, its rows from the model and
 * the list it came from (to say when it was capped). The CSV export writes them with raw values
 * (numbers as numbers, dates as YYYY-MM-DD); the documents (PDF, HTML, Markdown, Confluence)
 * show the same rows with formatted text. A table the model has no data for this audience
 * (hours per person for an executive, any hours for a client) does not exist for that report.
 */
import type { CsvValue } from '../../platform/domain/csv';
import { toCsv } from '../../platform/domain/csv';
import { AppError } from '../../platform/domain/errors';
import type { BoundedList, BurnUpPoint, IssueRef, MissedDueDate, ReportAsk, ReportModel, ReportSection, SprintProgress } from '../domain/model';
import { day, flagCategoryLabel, money, num, outcomeLabel, severityLabel } from './format';
import { REPORT_TABLES, type ReportTable } from './tableNames';

export { REPORT_TABLES, SECTION_TABLES, type ReportTable } from './tableNames';

export interface Column<R> {
  header: string;
  /** The CSV value. */
  value: (row: R) => CsvValue;
  /** The text a document shows; by default the value (numbers with at most one decimal, nothing as "—"). */
  text?: (row: R) => string;
  align?: 'left' | 'right';
  /** Share of the width in a PDF table. */
  weight?: number;
  /** Only in the CSV (a raw column the document shows merged into another). */
  csvOnly?: boolean;
  /** Left out of a document when no row has a value (prices, when costs are not shown). */
  optional?: boolean;
}

interface TableDefinition<R> {
  name: ReportTable;
  section: ReportSection;
  title: string;
  /** The rows, or undefined when this report has no such table. */
  rows: (model: ReportModel) => R[] | undefined;
  /** The capped list the rows came from, if any. */
  list?: (model: ReportModel) => BoundedList<unknown> | undefined;
  columns: Column<R>[];
}

/** A table ready to show: formatted cells. */
export interface DocTable {
  /** A ReportTable, or the name of a table an audience view builds (e.g. "work-by-person"). */
  name: string;
  title: string;
  columns: { header: string; align: 'left' | 'right'; weight: number }[];
  rows: string[][];
  list?: BoundedList<unknown>;
}

const issue = (): Column<IssueRef>[] => [
  { header: 'Issue', value: (r) => r.key, weight: 1.1 },
  { header: 'Summary', value: (r) => r.summary, weight: 4 },
];
const points = (): Column<IssueRef> => ({ header: 'Points', value: (r) => r.points, align: 'right', weight: 0.8 });
/** Hours in the period beside the previous period's, and the change (rounded in the CSV, signed in documents). */
const hours = <R extends { hours: number; previousHours: number }>(): Column<R>[] => [
  { header: 'Hours', value: (r) => r.hours, align: 'right' },
  { header: 'Previous period', value: (r) => r.previousHours, align: 'right' },
  { header: 'Change', value: (r) => Math.round((r.hours - r.previousHours) * 10) / 10, text: (r) => signed(r.hours - r.previousHours), align: 'right' },
];
const dateColumn = <R>(header: string, get: (r: R) => string | undefined): Column<R> => ({ header, value: (r) => get(r), text: (r) => (get(r) ? day(get(r) as string) : '—'), weight: 1.3 });
const noInternalHours = (model: ReportModel) => model.audience !== 'client';

function define<R>(definition: TableDefinition<R>): TableDefinition<unknown> {
  return definition as unknown as TableDefinition<unknown>;
}

const DEFINITIONS: Record<ReportTable, TableDefinition<unknown>> = {
  'progress-sprints': define<SprintProgress>({
    name: 'progress-sprints',
    section: 'progress',
    title: 'Sprints in the period',
    rows: (m) => m.progress.sprints,
    columns: [
      { header: 'Sprint', value: (s) => s.name, weight: 1.2 },
      { header: 'State', value: (s) => s.state, weight: 0.95 },
      { ...dateColumn<SprintProgress>('Start', (s) => s.startDate), weight: 1 },
      { ...dateColumn<SprintProgress>('End', (s) => s.endDate), weight: 1 },
      // "Committed … done" counts only what was committed at the start (the headline's figure);
      // "done incl. added" also counts work added to the sprint after it started.
      { header: 'Committed issues', value: (s) => s.committedIssues, align: 'right', weight: 1.3 },
      { header: 'Committed issues done', value: (s) => s.committedDoneIssues ?? null, align: 'right', weight: 1.3 },
      { header: 'Issues done incl. added', value: (s) => s.completedIssues, align: 'right', weight: 1.3 },
      { header: 'Committed points', value: (s) => s.committedPoints, align: 'right', weight: 1.3 },
      { header: 'Committed points done', value: (s) => s.committedDonePoints ?? null, align: 'right', weight: 1.3 },
      { header: 'Points done incl. added', value: (s) => s.completedPoints, align: 'right', weight: 1.3 },
    ],
  }),
  epics: define({
    name: 'epics',
    section: 'progress',
    title: 'Epics',
    rows: (m) => m.progress.epics,
    columns: [
      { header: 'Epic', value: (e) => e.key, weight: 1.1 },
      { header: 'Summary', value: (e) => e.summary, weight: 3 },
      { header: 'Done issues', value: (e) => e.doneIssues, align: 'right' },
      { header: 'Total issues', value: (e) => e.totalIssues, align: 'right' },
      { header: 'Done points', value: (e) => e.donePoints, align: 'right' },
      { header: 'Total points', value: (e) => e.totalPoints, align: 'right' },
      { header: 'Points done %', value: (e) => (e.totalPoints > 0 ? Math.round((e.donePoints / e.totalPoints) * 100) : null), align: 'right' },
    ],
  }),
  'burn-up': define<BurnUpPoint>({
    name: 'burn-up',
    section: 'progress',
    title: 'Burn-up',
    rows: (m) => m.progress.burnUp,
    columns: [dateColumn('Date', (p) => p.date), { header: 'Scope points', value: (p) => p.scopePoints, align: 'right' }, { header: 'Done points', value: (p) => p.donePoints, align: 'right' }],
  }),
  'not-done': define({
    name: 'not-done',
    section: 'deviation',
    title: 'Planned for the period, not done',
    rows: (m) => m.deviation.notDone.items,
    list: (m) => m.deviation.notDone,
    columns: [...issue(), points()],
  }),
  'missed-due': define<MissedDueDate>({
    name: 'missed-due',
    section: 'deviation',
    title: 'Due dates missed',
    rows: (m) => m.deviation.missedDueDates.items,
    list: (m) => m.deviation.missedDueDates,
    columns: [...issue(), points(), dateColumn('Due', (r) => r.due), { header: 'Business days late', value: (r) => r.businessDaysLate, align: 'right', weight: 1.2 }],
  }),
  'scope-added': define({
    name: 'scope-added',
    section: 'deviation',
    title: 'Scope added after planning',
    rows: (m) => m.deviation.scopeAdded.items,
    list: (m) => m.deviation.scopeAdded,
    columns: [...issue(), points()],
  }),
  completed: define<IssueRef & { epicKey: string | null; epicSummary: string }>({
    name: 'completed',
    section: 'completed',
    title: 'Completed work by epic',
    rows: (m) => m.completed.byEpic.flatMap((group) => group.issues.items.map((item) => ({ ...item, epicKey: group.epicKey, epicSummary: group.epicSummary }))),
    columns: [
      { header: 'Epic', value: (r) => r.epicKey ?? '', text: (r) => (r.epicKey ? `${r.epicKey} ${r.epicSummary}` : r.epicSummary), weight: 2.6 },
      { header: 'Epic summary', value: (r) => r.epicSummary, csvOnly: true },
      ...issue(),
      points(),
    ],
  }),
  'manpower-person': define({
    name: 'manpower-person',
    section: 'manpower',
    title: 'Hours per person',
    rows: (m) => (noInternalHours(m) ? m.manpower?.byPerson : undefined),
    columns: [
      { header: 'Person', value: (p) => p.name, weight: 2.5 },
      ...hours(),
    ],
  }),
  'manpower-epic': define({
    name: 'manpower-epic',
    section: 'manpower',
    title: 'Hours per epic',
    rows: (m) => (noInternalHours(m) ? m.manpower?.byEpic : undefined),
    columns: [
      { header: 'Epic', value: (e) => e.epicKey ?? '', text: (e) => e.epicKey ?? '—', weight: 1.1 },
      { header: 'Summary', value: (e) => e.epicSummary, weight: 3 },
      ...hours(),
    ],
  }),
  flags: define({
    name: 'flags',
    section: 'problems',
    title: 'Open red flags',
    rows: (m) => m.problems.flags.items,
    list: (m) => m.problems.flags,
    columns: [
      { header: 'Issue', value: (f) => f.issueKey, weight: 1.1 },
      { header: 'Summary', value: (f) => f.summary, weight: 2.6 },
      { header: 'Category', value: (f) => flagCategoryLabel(f.category), weight: 1.6 },
      { header: 'Severity', value: (f) => severityLabel(f.severity), weight: 0.9 },
      { header: 'Note', value: (f) => f.note ?? '', text: (f) => f.note ?? '—', weight: 3 },
    ],
  }),
  'client-delays': define({
    name: 'client-delays',
    section: 'problems',
    title: 'Delays waiting on the client',
    rows: (m) => m.problems.clientDelays,
    columns: [
      { header: 'Client', value: (d) => d.client, weight: 2 },
      { header: 'Business days waited', value: (d) => d.businessDays, align: 'right', weight: 1.4 },
      { header: 'Issues', value: (d) => d.issues.join(' '), text: (d) => d.issues.join(', '), weight: 3 },
    ],
  }),
  asks: define<ReportAsk>({
    name: 'asks',
    section: 'clientActions',
    title: 'Open client asks',
    rows: (m) => m.clientActions.asks.items,
    list: (m) => m.clientActions.asks,
    columns: [
      { header: 'Issue', value: (a) => a.issueKey, weight: 1.1 },
      { header: 'Client', value: (a) => a.client, weight: 1.7 },
      { header: 'Ask', value: (a) => a.ask, weight: 3.6 },
      dateColumn('Due', (a) => a.due),
      { header: 'Business days overdue', value: (a) => a.overdueBusinessDays, align: 'right', weight: 1.2 },
      { header: 'Summary', value: (a) => a.summary, csvOnly: true },
    ],
  }),
  changes: define({
    name: 'changes',
    section: 'changes',
    title: 'Change requests decided',
    rows: (m) => m.changes.decided.items,
    list: (m) => m.changes.decided,
    columns: [
      { header: 'Issue', value: (c) => c.issueKey, weight: 1.1 },
      { header: 'Summary', value: (c) => c.summary, weight: 3.2 },
      { header: 'Outcome', value: (c) => outcomeLabel(c.outcome), weight: 2.2 },
      { header: 'Price', value: (c) => c.price?.amount, text: (c) => (c.price ? money(c.price) : '—'), align: 'right', weight: 1.1, optional: true },
      { header: 'Currency', value: (c) => c.price?.currency, csvOnly: true },
      { header: 'Schedule days', value: (c) => c.scheduleDays, align: 'right', weight: 1 },
    ],
  }),
  'forecast-planned': define({
    name: 'forecast-planned',
    section: 'forecast',
    title: 'Planned next',
    rows: (m) => m.forecast.plannedNext.items,
    list: (m) => m.forecast.plannedNext,
    columns: [...issue(), points()],
  }),
  'forecast-due': define<IssueRef & { due: string }>({
    name: 'forecast-due',
    section: 'forecast',
    title: 'Upcoming due dates',
    rows: (m) => m.forecast.upcomingDue.items,
    list: (m) => m.forecast.upcomingDue,
    columns: [...issue(), points(), dateColumn('Due', (r) => r.due)],
  }),
};

function signed(diff: number): string {
  const rounded = Math.round(diff * 10) / 10;
  return rounded === 0 ? '0' : rounded > 0 ? `+${num(rounded)}` : `−${num(-rounded)}`;
}

export function isReportTable(name: string): name is ReportTable {
  return (REPORT_TABLES as readonly string[]).includes(name);
}

/** The tables this report has (a table with no rows still exists: it says "none"). */
export function tablesOf(model: ReportModel, section?: ReportSection): ReportTable[] {
  return REPORT_TABLES.filter((name) => (!section || DEFINITIONS[name].section === section) && DEFINITIONS[name].rows(model) !== undefined);
}

/** The table as a document shows it, or undefined when this report has no such table. */
export function docTable(model: ReportModel, name: ReportTable): DocTable | undefined {
  const definition = DEFINITIONS[name];
  const rows = definition.rows(model);
  if (rows === undefined) return undefined;
  const isEmpty = (value: CsvValue) => value === null || value === undefined || value === '';
  const columns = definition.columns.filter((c) => !c.csvOnly && !(c.optional && rows.every((row) => isEmpty(c.value(row)))));
  return {
    name,
    title: definition.title,
    columns: columns.map((c) => ({ header: c.header, align: c.align ?? 'left', weight: c.weight ?? 1 })),
    rows: rows.map((row) => columns.map((c) => (c.text ? c.text(row) : cellText(c.value(row))))),
    list: definition.list?.(model),
  };
}

function cellText(value: CsvValue): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return num(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/**
 * One table as CSV (RFC 4180, CRLF, formula-safe: src/platform/domain/csv.ts): the rows the report holds.
 * A capped list (e.g. 5 of 12 issues not done) holds its first items only; the documents say so
 * and give the JQL that lists them all, the CSV stays pure data.
 */
export function reportCsv(model: ReportModel, table: string): string {
  if (!isReportTable(table)) throw new AppError('VALIDATION', `Unknown table "${table}". Tables: ${REPORT_TABLES.join(', ')}`, { fields: { table: 'Unknown table' } });
  const definition = DEFINITIONS[table];
  const rows = definition.rows(model);
  if (rows === undefined) throw new AppError('NOT_FOUND', `This ${model.audience} report has no "${table}" table`);
  return toCsv(
    definition.columns.map((c) => c.header),
    rows.map((row) => definition.columns.map((c) => c.value(row))),
  );
}

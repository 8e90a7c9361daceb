/**
 * The Client asks page and the portal's "My asks": open asks grouped by client person, the
 * overdue ones first, with days waiting and overdue in business days; per person the open and
 * overdue counts and the median time to answer; and the same as CSV.
 */
import { businessDaysBetween, isoDateOf, laterDate, type WorkCalendar } from '../../platform/domain/businessDays';
import { askPeriods, isOpen, isOverdue, type AskEvent, type ClientAsk } from './clientAsk';
import { toCsv } from '../../platform/domain/csv';

export interface AskRow {
  issueKey: string;
  issueSummary: string;
  projectKey: string;
  ask: ClientAsk;
  /** The ask record's history; gives the median time to answer its past rounds. */
  history?: AskEvent[];
}

export interface AskRowView extends AskRow {
  /** Business days the ask waited on the client: from asked to today or to the answer, less the days their question was open (the team's). */
  businessDaysWaiting: number;
  /** Business days past the due date while waiting on the client (not while their question was open); 0 unless overdue now. */
  businessDaysOverdue: number;
  overdue: boolean;
}

export interface ClientGroup {
  client: string;
  /** The person's open asks (waiting or answered), overdue first, then by due date. */
  rows: AskRowView[];
  open: number;
  overdue: number;
  /** Over every answer the rows record for this person (current asks and their histories); null when none. */
  medianBusinessDaysToAnswer: number | null;
}

/** One collator for every comparison: localeCompare with options builds a new one per call (slow over 10k-issue sorts). */
const KEY_ORDER = new Intl.Collator('en', { numeric: true });

/** Issue keys in reading order: SHOP-2 before SHOP-10. */
export function compareIssueKeys(a: string, b: string): number {
  return KEY_ORDER.compare(a, b);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function rowView(row: AskRow, today: string, cal: WorkCalendar): AskRowView {
  const { ask } = row;
  const overdue = isOverdue(ask, today);
  const waits = clientWaits(row);
  return {
    ...row,
    // Only the stretches the ask waited on the client: while their question is open, the days are the team's.
    businessDaysWaiting: sum(waits.map((w) => businessDaysBetween(isoDateOf(w.from), w.to === null ? today : isoDateOf(w.to), cal))),
    businessDaysOverdue: overdue ? sum(waits.map((w) => businessDaysBetween(laterDate(isoDateOf(w.from), ask.due), w.to === null ? today : isoDateOf(w.to), cal))) : 0,
    overdue,
  };
}

/**
 * When the current ask waited on its client: from its history (the current ask's waiting spans),
 * or, without a full history, from asked to the answer, the client's open question, or today.
 */
function clientWaits(row: AskRow): { from: string; to: string | null }[] {
  const { ask } = row;
  const current = row.history && row.history.length > 0 ? askPeriods(row.history).at(-1) : undefined;
  if (current && current.startKnown && current.client === ask.client && current.round === ask.round) return current.waits;
  const until = ask.state === 'answered' && ask.answeredAt ? ask.answeredAt : ask.state === 'question' && ask.infoRequestedAt ? ask.infoRequestedAt : null;
  return [{ from: ask.askedAt, to: until }];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Business days each answer took, by client person. */
function answerTimes(rows: readonly AskRow[], cal: WorkCalendar): Map<string, number[]> {
  const times = new Map<string, number[]>();
  const record = (client: string, askedAt: string, answeredAt: string) => {
    const list = times.get(client) ?? [];
    list.push(businessDaysBetween(isoDateOf(askedAt), isoDateOf(answeredAt), cal));
    times.set(client, list);
  };
  for (const row of rows) {
    if (row.history && row.history.length > 0) {
      // An answer whose ask was dropped from the bounded history has no known start: left out.
      for (const period of askPeriods(row.history)) {
        if (period.startKnown && period.answeredAt) record(period.client, period.askedAt, period.answeredAt);
      }
    } else if (row.ask.answeredAt) {
      record(row.ask.client, row.ask.askedAt, row.ask.answeredAt);
    }
  }
  return times;
}

function compareRows(a: AskRowView, b: AskRowView): number {
  return Number(b.overdue) - Number(a.overdue) || a.ask.due.localeCompare(b.ask.due) || compareIssueKeys(a.issueKey, b.issueKey);
}

/**
 * Groups with the most overdue asks first (then the most open, then the earliest due date).
 * Closed asks (accepted, withdrawn) are not listed but their answers count towards the median;
 * a person with only closed asks still gets a group, with no rows.
 */
export function overviewByClient(rows: AskRow[], today: string, cal: WorkCalendar): ClientGroup[] {
  const views = new Map<string, AskRowView[]>();
  for (const row of rows) {
    const list = views.get(row.ask.client) ?? [];
    if (isOpen(row.ask)) list.push(rowView(row, today, cal));
    views.set(row.ask.client, list);
  }
  const times = answerTimes(rows, cal);
  for (const client of times.keys()) if (!views.has(client)) views.set(client, []);

  const groups: ClientGroup[] = [...views].map(([client, list]) => {
    const sorted = list.sort(compareRows);
    return {
      client,
      rows: sorted,
      open: sorted.length,
      overdue: sorted.filter((view) => view.overdue).length,
      medianBusinessDaysToAnswer: median(times.get(client) ?? []),
    };
  });
  const earliestDue = (group: ClientGroup) => group.rows.reduce((min, view) => (view.ask.due < min ? view.ask.due : min), '9999-12-31');
  return groups.sort(
    (a, b) => b.overdue - a.overdue || b.open - a.open || earliestDue(a).localeCompare(earliestDue(b)) || a.client.localeCompare(b.client),
  );
}

// ---- CSV ----

const CSV_HEADER = [
  'Client',
  'Issue',
  'Summary',
  'Project',
  'Ask',
  'State',
  'Due date',
  'Asked at',
  'Answered at',
  'Business days waiting',
  'Business days overdue',
  'Overdue',
];

/** RFC 4180, formula-injection safe (see csv.ts): a header row, then one row per open ask. */
export function asksCsv(groups: ClientGroup[], names: Record<string, string>): string {
  const rows = groups.flatMap((group) => {
    const clientName = Object.hasOwn(names, group.client) ? names[group.client] : group.client;
    return group.rows.map((view) => [
      clientName,
      view.issueKey,
      view.issueSummary,
      view.projectKey,
      view.ask.ask,
      view.ask.state,
      view.ask.due,
      view.ask.askedAt,
      view.ask.answeredAt,
      view.businessDaysWaiting,
      view.businessDaysOverdue,
      view.overdue,
    ]);
  });
  return toCsv(CSV_HEADER, rows);
}

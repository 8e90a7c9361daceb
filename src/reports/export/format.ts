/**
 * The words every export uses for the report's values, so the PDF, HTML, Markdown, Confluence page
 * and CSV say the same thing. Fixed English formats (no locale, no time zone shift of calendar
 * dates): the server's locale is not the reader's.
 */
import { CHANGE_OUTCOME_LABELS, type ChangeOutcome } from '../../changes/domain/changeVocabulary';
import { FLAG_CATEGORY_LABELS, type FlagCategory } from '../../flags/domain/redFlags';
import { OVERALL_STATUS_LABELS, type BoundedList, type Money, type Range, type ReportAudience, type ReportModel, type ReportPeriod } from '../domain/model';
import { MONTHS, num } from './charts/theme';

export { num };

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const AUDIENCE_TITLES: Record<ReportAudience, string> = {
  executive: 'Executive summary',
  manager: 'Management report',
  client: 'Client report',
  team: 'Team report',
};

/** "16 Oct 2026" for 2026-10-16. */
export function day(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** Every YYYY-MM-DD in a text written the reports' one way ("7 Dec 2026"). */
export function datesInText(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (date) => day(date));
}

/** "October 2026", "Week of 16–22 Nov 2026", "1–15 Oct 2026", "30 Nov – 6 Dec 2026". */
export function periodTitle(period: ReportPeriod): string {
  const [fy, fm, fd] = period.from.split('-').map(Number);
  const [ty, tm, td] = period.to.split('-').map(Number);
  if (period.kind === 'month' && fy === ty && fm === tm) return `${LONG_MONTHS[fm - 1]} ${fy}`;
  const to = `${td} ${MONTHS[tm - 1]} ${ty}`;
  // "16–22 Nov 2026" within a month, "30 Nov – 6 Dec 2026" across months, full dates across years.
  const span = fy === ty && fm === tm ? `${fd}–${to}` : `${fy === ty ? `${fd} ${MONTHS[fm - 1]}` : day(period.from)} – ${to}`;
  return period.kind === 'week' ? `Week of ${span}` : span;
}

/** "2 Nov 2026, 08:30 UTC" in the report's time zone when it has one. */
export function instant(iso: string, timeZone?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const zone = timeZone ?? 'UTC';
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(ms))
        .map((p) => [p.type, p.value]),
    );
    return `${day(`${parts.year}-${parts.month}-${parts.day}`)}, ${parts.hour}:${parts.minute} (${zone})`;
  } catch {
    return `${day(iso.slice(0, 10))}, ${iso.slice(11, 16)} (UTC)`;
  }
}

export function statusLabel(status: ReportModel['status']['effective']): string {
  return OVERALL_STATUS_LABELS[status] ?? status;
}

export function flagCategoryLabel(category: string): string {
  return Object.hasOwn(FLAG_CATEGORY_LABELS, category) ? FLAG_CATEGORY_LABELS[category as FlagCategory] : capitalise(category.replace(/-/g, ' '));
}

export function severityLabel(severity: string): string {
  return capitalise(severity);
}

export function outcomeLabel(outcome: string): string {
  return Object.hasOwn(CHANGE_OUTCOME_LABELS, outcome) ? CHANGE_OUTCOME_LABELS[outcome as ChangeOutcome] : capitalise(outcome);
}

export function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** 18500 EUR → "€18,500"; other currencies by code ("NOK 12,000"). */
export function money(value: Money): string {
  const symbol: Record<string, string> = { EUR: '€', USD: '$', GBP: '£' };
  const amount = value.amount.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return symbol[value.currency] ? `${symbol[value.currency]}${amount}` : `${value.currency} ${amount}`;
}

export function range(value: Range, unit: string): string {
  return value.low === value.high ? `${num(value.low)} ${unit}` : `${num(value.low)}–${num(value.high)} ${unit}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${num(n)} ${n === 1 ? word : many}`;
}

/** "41 of 57 (72%)". */
export function ofTotal(done: number, total: number): string {
  return total > 0 ? `${num(done)} of ${num(total)} (${Math.round((done / total) * 100)}%)` : `${num(done)} of ${num(total)}`;
}

/** "+38.5 (+7%)" / "−12 (−8%)" / "no change": this period against the previous one. */
export function change(current: number, previous: number): string {
  const diff = Math.round((current - previous) * 10) / 10;
  if (diff === 0) return 'no change';
  const sign = diff > 0 ? '+' : '−';
  const pct = previous > 0 ? ` (${sign}${Math.round((Math.abs(diff) / previous) * 100)}%)` : '';
  return `${sign}${num(Math.abs(diff))}${pct}`;
}

/** When a list was capped: "Showing 5 of 12. The full list in Jira: <jql>". Undefined when all are shown. */
export function cappedNote(list: BoundedList<unknown>): string | undefined {
  if (list.items.length >= list.total) return undefined;
  return list.jql ? `Showing ${list.items.length} of ${list.total}. All of them in Jira: ${list.jql}` : `Showing ${list.items.length} of ${list.total}.`;
}

/**
 * Who set the status by hand, by name: the model's `byName` (the server puts it in); a client's
 * model holds the name in `by`. An internal model from before names were kept says "the project
 * manager" rather than print an account id.
 */
export function overrideAuthor(model: Pick<ReportModel, 'audience' | 'status'>): string {
  const override = model.status.override;
  if (!override) return '';
  return override.byName ?? (model.audience === 'client' ? override.by : 'the project manager');
}

/**
 * The headline's "X of Y committed done" figures: of the work committed at the sprints' start, what
 * was done by the period's end. A snapshot made before the model kept them has none: say nothing
 * rather than pass work finished in the period (planned or not) off as committed work done.
 */
export function committedDone(headline: ReportModel['headline']): { issues: number; points: number } | undefined {
  if (headline.committedDoneIssues === undefined || headline.committedDonePoints === undefined) return undefined;
  return { issues: headline.committedDoneIssues, points: headline.committedDonePoints };
}

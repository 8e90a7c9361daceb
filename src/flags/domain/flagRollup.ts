/**
 * The project's "Red flags" page over the flags of many issues: a severity × category heat map
 * of the open flags, flags opened and resolved per ISO week, filters and the CSV export.
 */
import { isoDateOf } from '../../platform/domain/businessDays';
import { toCsv } from '../../platform/domain/csv';
import { AppError } from '../../platform/domain/errors';
import { FLAG_CATEGORIES, FLAG_CATEGORY_LABELS, RULE_ACTOR, SEVERITIES, isOpen, isRuleFlag, ruleIdOf, type Flag, type FlagCategory, type Severity } from './redFlags';
import { epochDay, formatIsoDate, fromEpochDay, parseIsoDate } from '../../platform/domain/time';

export interface FlagRow {
  issueKey: string;
  summary: string;
  flag: Flag;
}

/** At most this many weeks in one opened/resolved chart (ten years). */
export const MAX_WEEKS = 520;

/**
 * Open flags counted by category (rows, in FLAG_CATEGORIES order) and severity (columns, mildest
 * first): `counts[categories.indexOf(c)][severities.indexOf(s)]`.
 */
export function heatMap(rows: FlagRow[]): { categories: FlagCategory[]; severities: Severity[]; counts: number[][] } {
  const counts = FLAG_CATEGORIES.map(() => SEVERITIES.map(() => 0));
  for (const { flag } of rows) {
    if (!isOpen(flag)) continue;
    const row = FLAG_CATEGORIES.indexOf(flag.category);
    const column = SEVERITIES.indexOf(flag.severity);
    if (row >= 0 && column >= 0) counts[row][column]++;
  }
  return { categories: [...FLAG_CATEGORIES], severities: [...SEVERITIES], counts };
}

function dayOf(value: string, field: 'from' | 'to'): number {
  const date = parseIsoDate(value);
  if (!date) {
    const message = 'Pick a date';
    throw new AppError('VALIDATION', `Pick a date for ${field === 'from' ? 'From' : 'To'}`, { fields: { [field]: message } });
  }
  return epochDay(date);
}

/** The Monday on or before an epoch day (1970-01-01, day 0, was a Thursday). */
function mondayOf(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

/**
 * Flags opened and resolved per ISO week (Monday to Sunday, UTC dates), for every week that
 * overlaps [from, to] — whole weeks, so the first and last week count all their days.
 * Weeks with nothing are listed with zeros, oldest first.
 */
export function openedResolvedByWeek(rows: FlagRow[], from: string, to: string): { weekStart: string; opened: number; resolved: number }[] {
  const fromDay = dayOf(from, 'from');
  const toDay = dayOf(to, 'to');
  if (toDay < fromDay) throw new AppError('VALIDATION', 'The period must not end before it starts', { fields: { to: 'Must be on or after the start date' } });
  const first = mondayOf(fromDay);
  const last = mondayOf(toDay);
  const weeks = (last - first) / 7 + 1;
  if (weeks > MAX_WEEKS) throw new AppError('VALIDATION', `The period may cover at most ${MAX_WEEKS} weeks`, { fields: { from: `At most ${MAX_WEEKS} weeks` } });

  const buckets = Array.from({ length: weeks }, (_, i) => ({ weekStart: formatIsoDate(fromEpochDay(first + i * 7)), opened: 0, resolved: 0 }));
  const bucketOf = (instant: string): (typeof buckets)[number] | undefined => {
    let date;
    try {
      date = parseIsoDate(isoDateOf(instant));
    } catch {
      return undefined; // an unreadable stored instant belongs to no week
    }
    if (!date) return undefined;
    const index = (mondayOf(epochDay(date)) - first) / 7;
    return index >= 0 && index < weeks ? buckets[index] : undefined;
  };
  for (const { flag } of rows) {
    const opened = bucketOf(flag.raisedAt);
    if (opened) opened.opened++;
    if (flag.resolvedAt !== undefined) {
      const resolved = bucketOf(flag.resolvedAt);
      if (resolved) resolved.resolved++;
    }
  }
  return buckets;
}

export interface FlagFilter {
  /** Any of these (none or empty: all). */
  categories?: FlagCategory[];
  severities?: Severity[];
  status?: 'open' | 'resolved' | 'all';
  source?: 'manual' | 'rule' | 'all';
}

export function filterFlags(rows: FlagRow[], f: FlagFilter): FlagRow[] {
  const categories = f.categories && f.categories.length > 0 ? new Set(f.categories) : null;
  const severities = f.severities && f.severities.length > 0 ? new Set(f.severities) : null;
  const status = f.status ?? 'all';
  const source = f.source ?? 'all';
  return rows.filter(({ flag }) => {
    if (categories && !categories.has(flag.category)) return false;
    if (severities && !severities.has(flag.severity)) return false;
    if (status !== 'all' && (status === 'open') !== isOpen(flag)) return false;
    if (source !== 'all' && (source === 'rule') !== isRuleFlag(flag)) return false;
    return true;
  });
}

const CSV_HEADER = [
  'Issue',
  'Summary',
  'Category',
  'Severity',
  'Status',
  'Source',
  'Note',
  'Client-visible',
  'Raised by',
  'Raised at',
  'Resolved by',
  'Resolved at',
  'Resolution',
];

function personName(accountId: string | undefined, names: Record<string, string>): string {
  if (accountId === undefined) return '';
  if (accountId === RULE_ACTOR) return 'Rule';
  return Object.hasOwn(names, accountId) ? names[accountId] : accountId;
}

/** RFC 4180 with a header row, one line per flag; people by name where `names` knows them. */
export function flagsCsv(rows: FlagRow[], names: Record<string, string>): string {
  return toCsv(
    CSV_HEADER,
    rows.map(({ issueKey, summary, flag }) => [
      issueKey,
      summary,
      FLAG_CATEGORY_LABELS[flag.category] ?? flag.category,
      flag.severity,
      isOpen(flag) ? 'open' : 'resolved',
      isRuleFlag(flag) ? `rule: ${ruleIdOf(flag)}` : 'manual',
      flag.note,
      flag.clientVisible,
      personName(flag.raisedBy, names),
      flag.raisedAt,
      personName(flag.resolvedBy, names),
      flag.resolvedAt ?? '',
      flag.resolution ?? '',
    ]),
  );
}

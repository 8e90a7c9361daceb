/**
 * A plan to deviate from (issue 17): the baseline a PM takes ("Snapshot the plan") and the
 * deviation of today's state from it.
 *
 * - Baseline: every open epic (its due date is its target date: a milestone) and every open
 *   standard issue that is planned, i.e. in an active or future sprint or carrying a due date;
 *   with points, due date, sprint and epic; the sprints' commitments at that moment. At most
 *   BASELINE_ITEM_CAP items (epics first, then by due date): `itemsTotal` says how many there were.
 * - Scope added: standard issues planned now (open, or done since the baseline) that the baseline
 *   did not hold. Scope removed: baseline issues no longer in the project (`removed`) or open and no
 *   longer planned (`unplanned`: out of every open sprint and without a due date).
 * - Slips, in calendar days: an item with a baseline due date that is open past it (late by the
 *   days from that date to the day looked from), whose due date moved, or that was finished late
 *   within the period. An open late item stays listed in every later period until it is done:
 *   the deviation is carried across periods until resolved.
 */
import { isoDateOf } from '../../platform/domain/businessDays';
import { compareIssueKeys } from '../../asks/domain/askOverview';
import { epochDay, parseIsoDate, type CalendarDate } from '../../platform/domain/time';
import { bounded, clip, SUMMARY_MAX_CHARS } from './bound';
import type { BoundedList, IssueRef, ReportPeriod } from './model';

/** Keeps one baseline (about 200 bytes an item) well below KVS's 240 KiB value limit. */
export const BASELINE_ITEM_CAP = 600;
export const BASELINE_SUMMARY_CHARS = 120;
export const BASELINE_SPRINT_CAP = 20;
/** Baselines kept per project (the oldest go first). */
export const BASELINES_KEPT = 20;
export const BASELINE_NOTE_MAX_CHARS = 200;

/** The current state of an issue as the plan needs it (read from Jira). */
export interface PlanItemState {
  key: string;
  summary: string;
  kind: 'epic' | 'standard';
  points?: number;
  epicKey: string | null;
  /** YYYY-MM-DD or null */
  due: string | null;
  /** ISO instant it was done, or null */
  doneAt: string | null;
  /** The active or future sprints it is in now. */
  openSprintIds: number[];
}

export interface PlanSprintState {
  id: number;
  name: string;
  state: 'future' | 'active' | 'closed';
  endDate?: string;
}

export interface BaselineItem {
  key: string;
  summary: string;
  kind: 'epic' | 'standard';
  points: number;
  due: string | null;
  sprintId: number | null;
  epicKey: string | null;
}

export interface PlanBaseline {
  id: string;
  projectKey: string;
  /** ISO instant */
  takenAt: string;
  takenBy: string;
  note?: string;
  sprints: { id: number; name: string; state: string; endDate?: string; issues: number; points: number }[];
  items: BaselineItem[];
  /** How many items qualified (more than `items.length` when the cap cut the list). */
  itemsTotal: number;
}

const planned = (item: PlanItemState): boolean => item.openSprintIds.length > 0 || item.due !== null;

/** Calendar days from a to b (YYYY-MM-DD dates the builder and the store validated). */
export function daysBetween(a: string, b: string): number {
  return epochDay(parseIsoDate(b) as CalendarDate) - epochDay(parseIsoDate(a) as CalendarDate);
}

export function takeBaseline(
  state: readonly PlanItemState[],
  sprints: readonly PlanSprintState[],
  meta: { id: string; projectKey: string; takenAt: string; takenBy: string; note?: string },
): PlanBaseline {
  const open = state.filter((i) => i.doneAt === null && (i.kind === 'epic' || planned(i)));
  const ordered = [...open].sort(
    (a, b) =>
      (a.kind === 'epic' ? 0 : 1) - (b.kind === 'epic' ? 0 : 1) ||
      (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') ||
      compareIssueKeys(a.key, b.key),
  );
  const items: BaselineItem[] = ordered.slice(0, BASELINE_ITEM_CAP).map((i) => ({
    key: i.key,
    summary: clip(i.summary, BASELINE_SUMMARY_CHARS),
    kind: i.kind,
    points: i.points ?? 0,
    due: i.due,
    sprintId: i.openSprintIds[0] ?? null,
    epicKey: i.epicKey,
  }));
  const openSprints = sprints.filter((s) => s.state !== 'closed').slice(0, BASELINE_SPRINT_CAP);
  const baseline: PlanBaseline = {
    id: meta.id,
    projectKey: meta.projectKey,
    takenAt: meta.takenAt,
    takenBy: meta.takenBy,
    sprints: openSprints.map((s) => {
      const members = state.filter((i) => i.kind === 'standard' && i.doneAt === null && i.openSprintIds.includes(s.id));
      return {
        id: s.id,
        name: s.name,
        state: s.state,
        ...(s.endDate ? { endDate: s.endDate } : {}),
        issues: members.length,
        points: members.reduce((sum, i) => sum + (i.points ?? 0), 0),
      };
    }),
    items,
    itemsTotal: ordered.length,
  };
  if (meta.note && meta.note.trim() !== '') baseline.note = clip(meta.note.trim(), BASELINE_NOTE_MAX_CHARS);
  return baseline;
}

/** The baseline a period is measured against: the latest taken by the period's start, else the earliest taken within it. */
export function baselineFor<T extends Pick<PlanBaseline, 'takenAt'>>(baselines: readonly T[], period: ReportPeriod): T | undefined {
  const dated = [...baselines].sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const before = dated.filter((b) => isoDateOf(b.takenAt) <= period.from);
  if (before.length > 0) return before[before.length - 1];
  return dated.find((b) => isoDateOf(b.takenAt) <= period.to);
}

export interface PlanSlip {
  key: string;
  summary: string;
  kind: 'epic' | 'standard';
  baselineDue: string;
  /** The due date now (null: removed from the issue). */
  currentDue: string | null;
  /** Days past the baseline due date: until it was done, or (open) until the day looked from. */
  daysLate: number;
  /** How far the due date moved from the baseline's (negative: earlier). */
  dueMovedDays: number;
  /** YYYY-MM-DD it was done (absent: open). */
  doneOn?: string;
}

export type RemovedRef = IssueRef & { reason: 'removed' | 'unplanned' };

export interface PlanDeviation {
  baseline: { id: string; takenAt: string; takenBy: string; note?: string; itemsTotal: number; itemsKept: number };
  scopeAdded: BoundedList<IssueRef> & { points: number };
  scopeRemoved: BoundedList<RemovedRef> & { points: number };
  slips: BoundedList<PlanSlip>;
  /** The largest delay of a listed slip, in days (0: none). */
  scheduleDays: number;
  /** Points planned at the baseline and now (open plus done since the baseline). */
  baselinePoints: number;
  currentPoints: number;
}

/**
 * Today's state against a baseline, for a period: `asOf` is the day the report looks from (the
 * period's end, or today when that is earlier).
 */
export function planDeviation(baseline: PlanBaseline, state: readonly PlanItemState[], period: ReportPeriod, asOf: string, cap: number): PlanDeviation {
  const now = new Map(state.map((i) => [i.key, i]));
  const inBaseline = new Set(baseline.items.map((i) => i.key));
  const takenOn = isoDateOf(baseline.takenAt);
  const doneOn = (i: PlanItemState) => (i.doneAt === null ? null : isoDateOf(i.doneAt));
  const ref = (i: { key: string; summary: string; points?: number }): IssueRef => ({ key: i.key, summary: clip(i.summary, SUMMARY_MAX_CHARS), ...(i.points !== undefined ? { points: i.points } : {}) });

  const currentPlanned = state.filter((i) => i.kind === 'standard' && planned(i) && (i.doneAt === null || (doneOn(i) as string) >= takenOn));
  const added = currentPlanned.filter((i) => !inBaseline.has(i.key)).sort((a, b) => compareIssueKeys(a.key, b.key));

  const removed: RemovedRef[] = [];
  for (const item of baseline.items.filter((i) => i.kind === 'standard')) {
    const current = now.get(item.key);
    if (!current) removed.push({ ...ref(item), reason: 'removed' });
    else if (current.doneAt === null && !planned(current)) removed.push({ ...ref({ ...item, summary: current.summary }), reason: 'unplanned' });
  }
  removed.sort((a, b) => compareIssueKeys(a.key, b.key));

  const slips: PlanSlip[] = [];
  for (const item of baseline.items) {
    if (item.due === null) continue;
    const current = now.get(item.key);
    if (!current) continue;
    const done = doneOn(current);
    const end = done ?? asOf;
    const daysLate = Math.max(0, daysBetween(item.due, end));
    const dueMovedDays = current.due === null || current.due === item.due ? 0 : daysBetween(item.due, current.due);
    const listed = done === null ? daysLate > 0 || dueMovedDays !== 0 : daysLate > 0 && done >= period.from && done <= period.to;
    if (!listed) continue;
    const slip: PlanSlip = { key: item.key, summary: clip(current.summary, SUMMARY_MAX_CHARS), kind: item.kind, baselineDue: item.due, currentDue: current.due, daysLate, dueMovedDays };
    if (done !== null) slip.doneOn = done;
    slips.push(slip);
  }
  slips.sort((a, b) => Math.max(b.daysLate, b.dueMovedDays) - Math.max(a.daysLate, a.dueMovedDays) || compareIssueKeys(a.key, b.key));

  const points = (list: readonly { points?: number }[]) => list.reduce((sum, i) => sum + (i.points ?? 0), 0);
  const deviation: PlanDeviation = {
    baseline: { id: baseline.id, takenAt: baseline.takenAt, takenBy: baseline.takenBy, itemsTotal: baseline.itemsTotal, itemsKept: baseline.items.length },
    scopeAdded: { ...bounded(added.map(ref), cap), points: points(added) },
    scopeRemoved: { ...bounded(removed, cap), points: points(removed) },
    slips: bounded(slips, cap),
    scheduleDays: slips.reduce((max, s) => Math.max(max, s.daysLate, s.dueMovedDays), 0),
    baselinePoints: points(baseline.items.filter((i) => i.kind === 'standard')),
    currentPoints: points(currentPlanned),
  };
  if (baseline.note) deviation.baseline.note = baseline.note;
  return deviation;
}

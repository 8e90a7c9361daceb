/**
 * Keeping a report small whatever the project's size: every list is a BoundedList (a few items,
 * the exact total, and JQL that finds them all in Jira), long texts are cut, and `boundModel`
 * shrinks the caps until the model's JSON fits the byte budget a KVS snapshot allows.
 */
import { NARRATIVE_MAX_CHARS, type BoundedList, type ReportModel } from './model';
import { jqlString } from '../../platform/domain/jql';

export { NARRATIVE_MAX_CHARS };

/** Items per list in manager / team / client reports; executives get EXECUTIVE_LIST_CAP. */
export const LIST_CAP = 25;
export const EXECUTIVE_LIST_CAP = 5;
/** A snapshot's model stays under this (the KVS value limit is 240 KiB; the record adds attributes). */
export const REPORT_MAX_BYTES = 100 * 1024;
/** Issue keys listed in an `issuekey in (...)` JQL; above it the JQL is the nearest search. */
export const JQL_MAX_KEYS = 100;
export const SUMMARY_MAX_CHARS = 200;
export const NOTE_MAX_CHARS = 300;
/** Burn-up points kept: a long custom period is sampled down to this many dates (first and last kept). */
export const BURN_UP_MAX_POINTS = 62;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export { jqlString };

export function projectJql(projectKey: string): string {
  return `project = ${jqlString(projectKey)}`;
}

/** `issuekey in (...)` for up to JQL_MAX_KEYS keys (exact), else `fallback` (the nearest search); none for no keys. */
export function keysJql(keys: readonly string[], fallback: string): string | undefined {
  if (keys.length === 0) return undefined;
  if (keys.length > JQL_MAX_KEYS) return fallback;
  return `issuekey in (${keys.join(', ')}) ORDER BY key`;
}

export function bounded<T>(items: readonly T[], cap: number, jql?: string): BoundedList<T> {
  const list: BoundedList<T> = { items: items.slice(0, cap), total: items.length };
  if (jql !== undefined) list.jql = jql;
  return list;
}

function recap<T>(list: BoundedList<T>, cap: number): BoundedList<T> {
  return { ...list, items: list.items.slice(0, cap) };
}

/** Every `step`-th point, always keeping the first and the last. */
export function sampleEvenly<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]);
}

export function byteSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** The same model with every list capped at `cap` items (totals and JQL untouched). */
function withCap(model: ReportModel, cap: number): ReportModel {
  const capped: ReportModel = {
    ...model,
    progress: {
      ...model.progress,
      epics: model.progress.epics.slice(0, cap),
      burnUp: sampleEvenly(model.progress.burnUp, BURN_UP_MAX_POINTS),
    },
    deviation: {
      ...model.deviation,
      notDone: recap(model.deviation.notDone, cap),
      missedDueDates: recap(model.deviation.missedDueDates, cap),
      scopeAdded: { ...recap(model.deviation.scopeAdded, cap), points: model.deviation.scopeAdded.points },
    },
    completed: { ...model.completed, byEpic: model.completed.byEpic.slice(0, cap).map((group) => ({ ...group, issues: recap(group.issues, cap) })) },
    problems: {
      flags: recap(model.problems.flags, cap),
      clientDelays: model.problems.clientDelays.slice(0, cap).map((delay) => ({ ...delay, issues: delay.issues.slice(0, cap) })),
      ...(model.problems.teamDelay ? { teamDelay: { ...model.problems.teamDelay, issues: model.problems.teamDelay.issues.slice(0, cap) } } : {}),
    },
    clientActions: { asks: recap(model.clientActions.asks, cap) },
    changes: { ...model.changes, decided: recap(model.changes.decided, cap) },
    forecast: { ...model.forecast, plannedNext: recap(model.forecast.plannedNext, cap), upcomingDue: recap(model.forecast.upcomingDue, cap) },
    decisionsNeeded: model.decisionsNeeded.slice(0, Math.max(cap, 3)),
  };
  if (model.progress.epics.length > cap) capped.progress.epicsTotal = model.progress.epicsTotal ?? model.progress.epics.length;
  if (model.completed.byEpic.length > cap) {
    const rest = model.completed.byEpic.slice(cap);
    const issues = rest.reduce((sum, g) => sum + g.issues.total, 0);
    capped.omitted = [...model.omitted, `Completed work: ${rest.length} more epic groups not listed to fit the snapshot (${issues} issues; included in the totals).`];
  }
  if (model.manpower) {
    capped.manpower = { ...model.manpower, byEpic: model.manpower.byEpic.slice(0, cap) };
    if (model.manpower.byPerson) capped.manpower.byPerson = model.manpower.byPerson.slice(0, cap);
  }
  return capped;
}

/**
 * The model with its lists capped (halving the cap, down to none) until its JSON is at most
 * `maxBytes`. Totals, JQL, headline numbers and status are never cut. Throws when even empty
 * lists do not fit (a narrative far beyond NARRATIVE_MAX_CHARS would be the only cause).
 */
export function boundModel(model: ReportModel, maxBytes: number = REPORT_MAX_BYTES): ReportModel {
  let cap = Math.max(
    model.progress.epics.length,
    model.completed.byEpic.length,
    ...[model.deviation.notDone, model.deviation.missedDueDates, model.deviation.scopeAdded, model.problems.flags, model.clientActions.asks, model.changes.decided, model.forecast.plannedNext, model.forecast.upcomingDue].map((l) => l.items.length),
  );
  let candidate = withCap(model, cap);
  while (byteSize(candidate) > maxBytes) {
    if (cap === 0) throw new RangeError(`the report does not fit ${maxBytes} bytes even without list items`);
    cap = Math.floor(cap / 2);
    candidate = withCap(model, cap);
  }
  return candidate;
}

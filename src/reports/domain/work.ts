/**
 * The work sections of a report, from the issues and sprints: progress (per sprint, per epic,
 * burn-up), deviation from plan, completed work and manpower. Only standard issues count (epics
 * group them; sub-tasks are parts of them; change requests are requests about work, never work
 * completed). Instants become dates in UTC, as in businessDays.ts.
 *
 * Definitions (shown to readers through HEADLINE_DEFINITIONS):
 * - a sprint "runs in the period" when it has started, started on or before the period's last day
 *   and ended (complete date, else end date; an active sprint has not ended) on or after its first;
 * - committed to a sprint: in it at the instant it started;
 * - completed in a sprint: done by the sprint's end (an active sprint: by the report's generation)
 *   while in the sprint;
 * - completed in the period: done on a date of the period, whatever its sprint;
 * - not done (deviation): committed to a sprint that ended in the period and not completed in it;
 * - scope added: joined a running sprint of the period after it started, on a date of the period;
 * - missed due date: due before today and by the period's last day, not done by its due date, and
 *   either due in the period or still open when the period began (overdue work carries over from
 *   period to period until it is done);
 * - epics: those with work done in the period or in its sprints, the most points done first.
 */
import { businessDaysBetween, isoDateOf, shiftDate } from '../../platform/domain/businessDays';
import { compareIssueKeys } from '../../asks/domain/askOverview';
import { bounded, clip, keysJql, projectJql, SUMMARY_MAX_CHARS } from './bound';
import type { ReportFacts, ReportIssue, ReportSprint } from './facts';
import type { BoundedList, BurnUpPoint, CompletedEpicGroup, EpicHours, EpicProgress, IssueRef, MissedDueDate, PersonHours, ReportModel, ReportPeriod, SprintProgress } from './model';
import { datesOf, inPeriod } from './period';

export const NO_EPIC = 'No epic';

export interface WorkContext {
  facts: ReportFacts;
  /** Standard issues only. */
  work: ReportIssue[];
  epicSummary: (key: string | null) => string;
  cap: number;
  /** The instant the report looks from (facts.generatedAt). */
  nowMs: number;
}

export function workContext(facts: ReportFacts, cap: number): WorkContext {
  const epics = new Map(facts.issues.filter((i) => i.kind === 'epic').map((i) => [i.key, i.summary]));
  return {
    facts,
    work: facts.issues.filter((i) => i.kind === 'standard' && i.changeRequest !== true).sort((a, b) => compareIssueKeys(a.key, b.key)),
    epicSummary: (key) => (key === null ? NO_EPIC : clip(epics.get(key) ?? key, SUMMARY_MAX_CHARS)),
    cap,
    nowMs: Date.parse(facts.generatedAt),
  };
}

export const pointsOf = (issue: { points?: number }): number => issue.points ?? 0;
export const sumPoints = (issues: readonly { points?: number }[]): number => issues.reduce((sum, i) => sum + pointsOf(i), 0);

export function issueRef(issue: ReportIssue): IssueRef {
  const ref: IssueRef = { key: issue.key, summary: clip(issue.summary, SUMMARY_MAX_CHARS) };
  if (issue.points !== undefined) ref.points = issue.points;
  return ref;
}

const endOfDayMs = (date: string): number => Date.parse(`${date}T23:59:59.999Z`);
const doneDate = (issue: ReportIssue): string | null => (issue.doneAt === null ? null : isoDateOf(issue.doneAt));

/** In the sprint at an instant. */
export function inSprintAt(issue: ReportIssue, sprintId: number, atMs: number): boolean {
  return issue.sprintSpans.some((s) => s.sprintId === sprintId && Date.parse(s.from) <= atMs && (s.to === null || Date.parse(s.to) > atMs));
}

// ---- sprints ----

export interface SprintRun {
  sprint: ReportSprint;
  startMs: number;
  /** Its end (complete date, else end date); for an active sprint: now. */
  endMs: number;
  ended: boolean;
  committed: ReportIssue[];
  completed: ReportIssue[];
  /** Keys of `completed`, for quick lookups. */
  completedKeys: Set<string>;
  /** Joined after the start, with the instant they joined. */
  added: { issue: ReportIssue; atMs: number }[];
}

/** Per context, the standard issues whose Sprint field ever held each sprint, in `work` order (built once: a run then reads only its sprint's issues). */
const sprintMembers = new WeakMap<WorkContext, Map<number, ReportIssue[]>>();

function issuesOfSprint(ctx: WorkContext, sprintId: number): ReportIssue[] {
  let index = sprintMembers.get(ctx);
  if (!index) {
    index = new Map();
    for (const issue of ctx.work) {
      for (const id of new Set(issue.sprintSpans.map((s) => s.sprintId))) {
        const list = index.get(id);
        if (list) list.push(issue);
        else index.set(id, [issue]);
      }
    }
    sprintMembers.set(ctx, index);
  }
  return index.get(sprintId) ?? [];
}

export function sprintRun(ctx: WorkContext, sprint: ReportSprint): SprintRun {
  const startMs = Date.parse(sprint.startDate ?? '');
  // An active sprint past its end date is still running until someone completes it in Jira.
  const ended = sprint.state === 'closed';
  const closeAt = sprint.completeDate ?? sprint.endDate;
  const endMs = ended && closeAt ? Date.parse(closeAt) : ctx.nowMs;
  const members = issuesOfSprint(ctx, sprint.id);
  const committed = members.filter((i) => inSprintAt(i, sprint.id, startMs));
  const completed = members.filter((i) => {
    if (i.doneAt === null) return false;
    const doneMs = Date.parse(i.doneAt);
    return doneMs <= endMs && inSprintAt(i, sprint.id, Math.min(doneMs, endMs));
  });
  const committedKeys = new Set(committed.map((i) => i.key));
  const added: SprintRun['added'] = [];
  for (const issue of members) {
    const joined = issue.sprintSpans.find((s) => s.sprintId === sprint.id && Date.parse(s.from) > startMs && Date.parse(s.from) <= endMs);
    if (joined && !committedKeys.has(issue.key)) added.push({ issue, atMs: Date.parse(joined.from) });
  }
  return { sprint, startMs, endMs, ended, committed, completed, completedKeys: new Set(completed.map((i) => i.key)), added };
}

/** The sprints that ran in the period, oldest first. */
export function sprintsInPeriod(ctx: WorkContext, period: ReportPeriod): SprintRun[] {
  return ctx.facts.sprints
    .filter((s) => s.state !== 'future' && s.startDate !== undefined)
    .filter((s) => {
      const start = isoDateOf(s.startDate as string);
      const closeAt = s.completeDate ?? s.endDate;
      const end = s.state === 'closed' && closeAt ? isoDateOf(closeAt) : null;
      return start <= period.to && (end === null || end >= period.from);
    })
    .sort((a, b) => Date.parse(a.startDate as string) - Date.parse(b.startDate as string) || a.id - b.id)
    .map((s) => sprintRun(ctx, s));
}

export function sprintProgress(run: SprintRun): SprintProgress {
  const progress: SprintProgress = {
    id: run.sprint.id,
    name: clip(run.sprint.name, SUMMARY_MAX_CHARS),
    state: run.sprint.state,
    committedIssues: run.committed.length,
    completedIssues: run.completed.length,
    committedPoints: sumPoints(run.committed),
    completedPoints: sumPoints(run.completed),
  };
  const committedDone = run.committed.filter((i) => run.completedKeys.has(i.key));
  progress.committedDoneIssues = committedDone.length;
  progress.committedDonePoints = sumPoints(committedDone);
  if (run.sprint.startDate) progress.startDate = run.sprint.startDate;
  if (run.sprint.endDate) progress.endDate = run.sprint.endDate;
  return progress;
}

function distinct(issues: Iterable<ReportIssue>): ReportIssue[] {
  const byKey = new Map<string, ReportIssue>();
  for (const issue of issues) byKey.set(issue.key, issue);
  return [...byKey.values()].sort((a, b) => compareIssueKeys(a.key, b.key));
}

export function committedInPeriod(runs: readonly SprintRun[]): ReportIssue[] {
  return distinct(runs.flatMap((r) => r.committed));
}

export function completedInPeriod(ctx: WorkContext, period: ReportPeriod): ReportIssue[] {
  return ctx.work.filter((i) => {
    const date = doneDate(i);
    return date !== null && inPeriod(date, period);
  });
}

/**
 * Epics with a standard issue done in the period or in a sprint of the period: the most points
 * done in the period first (then by key), so a capped list keeps the epics the period moved.
 */
export function epicProgress(ctx: WorkContext, period: ReportPeriod, runs: readonly SprintRun[]): EpicProgress[] {
  const runIds = new Set(runs.map((r) => r.sprint.id));
  const childrenOf = new Map<string, ReportIssue[]>();
  const donePointsInPeriod = new Map<string, number>();
  for (const issue of ctx.work) {
    if (issue.epicKey === null) continue;
    const list = childrenOf.get(issue.epicKey) ?? [];
    list.push(issue);
    childrenOf.set(issue.epicKey, list);
    const date = doneDate(issue);
    const doneInPeriod = date !== null && inPeriod(date, period);
    if (doneInPeriod || issue.sprintSpans.some((s) => runIds.has(s.sprintId))) {
      donePointsInPeriod.set(issue.epicKey, (donePointsInPeriod.get(issue.epicKey) ?? 0) + (doneInPeriod ? pointsOf(issue) : 0));
    }
  }
  return [...donePointsInPeriod]
    .sort(([a, pa], [b, pb]) => pb - pa || compareIssueKeys(a, b))
    .map(([key]) => {
      const children = childrenOf.get(key) ?? [];
      // Done as the period ended: later completions do not count for this period.
      const done = children.filter((i) => {
        const date = doneDate(i);
        return date !== null && date <= period.to;
      });
      return { key, summary: ctx.epicSummary(key), doneIssues: done.length, totalIssues: children.length, donePoints: sumPoints(done), totalPoints: sumPoints(children) };
    });
}

/**
 * Per date of the period up to today: the scope (points in the period's running sprints at the
 * end of that day, done work staying in) and the points of that scope done by then. Without
 * sprints the scope is the work completed so far in the period.
 */
export function burnUp(ctx: WorkContext, period: ReportPeriod, runs: readonly SprintRun[]): BurnUpPoint[] {
  const last = ctx.facts.today < period.to ? ctx.facts.today : period.to;
  if (last < period.from) return [];
  const dates = datesOf({ kind: 'custom', from: period.from, to: last });
  if (runs.length === 0) {
    const done = completedInPeriod(ctx, period);
    return dates.map((date) => {
      const points = sumPoints(done.filter((i) => (doneDate(i) as string) <= date));
      return { date, scopePoints: points, donePoints: points };
    });
  }
  // Jira keeps a sprint in an issue's Sprint field after it is done (and after the sprint
  // closes), so done work stays in the scope; after a sprint ended its scope is as it ended.
  // Issue by issue (not day by day over every issue) so a year-long period stays linear.
  const eods = dates.map(endOfDayMs);
  const scope = dates.map(() => 0);
  const done = dates.map(() => 0);
  const runById = new Map(runs.map((r) => [r.sprint.id, r]));
  for (const issue of ctx.work) {
    const points = pointsOf(issue);
    if (points === 0) continue;
    const spans = issue.sprintSpans.flatMap((s) => {
      const run = runById.get(s.sprintId);
      return run ? [{ run, from: Date.parse(s.from), to: s.to === null ? Infinity : Date.parse(s.to) }] : [];
    });
    if (spans.length === 0) continue;
    const doneMs = issue.doneAt === null ? Infinity : Date.parse(issue.doneAt);
    eods.forEach((eod, day) => {
      const inScope = spans.some(({ run, from, to }) => {
        if (run.startMs > eod) return false;
        const at = Math.min(eod, run.endMs);
        return from <= at && to > at;
      });
      if (!inScope) return;
      scope[day] += points;
      if (doneMs <= eod) done[day] += points;
    });
  }
  return dates.map((date, day) => ({ date, scopePoints: scope[day], donePoints: done[day] }));
}

// ---- deviation ----

export function notDone(ctx: WorkContext, period: ReportPeriod, runs: readonly SprintRun[]): BoundedList<IssueRef> {
  const endedInPeriod = runs.filter((r) => r.ended && isoDateOf(new Date(r.endMs)) <= period.to);
  const missed = distinct(endedInPeriod.flatMap((r) => r.committed.filter((i) => !r.completedKeys.has(i.key))));
  missed.sort((a, b) => pointsOf(b) - pointsOf(a) || compareIssueKeys(a.key, b.key));
  const fallback = `${projectJql(ctx.facts.projectKey)} AND sprint in (${endedInPeriod.map((r) => r.sprint.id).join(', ')}) AND statusCategory != Done`;
  return bounded(missed.map(issueRef), ctx.cap, keysJql(missed.map((i) => i.key), fallback));
}

export function missedDueDates(ctx: WorkContext, period: ReportPeriod): BoundedList<MissedDueDate> {
  const { today, calendar } = ctx.facts;
  const rows = ctx.facts.issues
    .filter((i) => i.kind !== 'subtask' && i.changeRequest !== true && i.duedate !== null && i.duedate <= period.to && i.duedate < today)
    .flatMap((i) => {
      const due = i.duedate as string;
      const done = doneDate(i);
      if (done !== null && done <= due) return [];
      // Due before the period: counts while it was still open when the period began.
      if (due < period.from && done !== null && done < period.from) return [];
      const until = done !== null && done < today ? done : today;
      return [{ ...issueRef(i), due, businessDaysLate: businessDaysBetween(due, until, calendar) }];
    })
    .sort((a, b) => b.businessDaysLate - a.businessDaysLate || compareIssueKeys(a.key, b.key));
  const lastDue = shiftDate(today, -1) < period.to ? shiftDate(today, -1) : period.to;
  const fallback = `${projectJql(ctx.facts.projectKey)} AND duedate <= "${lastDue}" AND (duedate >= "${period.from}" OR statusCategory != Done OR resolved >= "${period.from}") ORDER BY duedate`;
  return bounded(rows, ctx.cap, keysJql(rows.map((r) => r.key), fallback));
}

export function scopeAdded(ctx: WorkContext, period: ReportPeriod, runs: readonly SprintRun[]): BoundedList<IssueRef> & { points: number } {
  const added = distinct(runs.flatMap((r) => r.added.filter((a) => inPeriod(isoDateOf(new Date(a.atMs)), period)).map((a) => a.issue)));
  added.sort((a, b) => pointsOf(b) - pointsOf(a) || compareIssueKeys(a.key, b.key));
  const fallback = `${projectJql(ctx.facts.projectKey)} AND sprint in (${runs.map((r) => r.sprint.id).join(', ')}) AND created >= "${period.from}"`;
  return { ...bounded(added.map(issueRef), ctx.cap, keysJql(added.map((i) => i.key), fallback)), points: sumPoints(added) };
}

// ---- completed work ----

export function completedByEpic(ctx: WorkContext, period: ReportPeriod, groupCap: number): ReportModel['completed'] {
  const done = completedInPeriod(ctx, period);
  const groups = new Map<string | null, ReportIssue[]>();
  for (const issue of done) groups.set(issue.epicKey, [...(groups.get(issue.epicKey) ?? []), issue]);
  const byEpic: CompletedEpicGroup[] = [...groups]
    .map(([epicKey, issues]) => {
      const fallback = `${projectJql(ctx.facts.projectKey)} AND ${epicKey === null ? 'parent is EMPTY' : `parent = ${epicKey}`} AND statusCategory = Done AND resolved >= "${period.from}" AND resolved <= "${shiftDate(period.to, 1)}"`;
      return { epicKey, epicSummary: ctx.epicSummary(epicKey), issues: bounded(issues.map(issueRef), groupCap, keysJql(issues.map((i) => i.key), fallback)), points: sumPoints(issues) };
    })
    .sort((a, b) => b.points - a.points || Number(a.epicKey === null) - Number(b.epicKey === null) || compareIssueKeys(a.epicKey ?? '', b.epicKey ?? ''));
  return { byEpic, total: done.length, points: sumPoints(done) };
}

// ---- manpower ----

const hours = (seconds: number): number => Math.round((seconds / 3600) * 100) / 100;

/** Hours logged in the period and the previous one (by the day the work started), per person and per epic. */
export function manpower(ctx: WorkContext, period: ReportPeriod, previous: ReportPeriod): NonNullable<ReportModel['manpower']> {
  const person = new Map<string, [number, number]>();
  const epic = new Map<string | null, [number, number]>();
  let total = 0;
  let previousTotal = 0;
  for (const log of ctx.facts.worklogs) {
    const date = isoDateOf(log.started);
    const inThis = inPeriod(date, period);
    if (!inThis && !inPeriod(date, previous)) continue;
    const slot = inThis ? 0 : 1;
    if (inThis) total += log.seconds;
    else previousTotal += log.seconds;
    const p = person.get(log.authorId) ?? [0, 0];
    p[slot] += log.seconds;
    person.set(log.authorId, p);
    const e = epic.get(log.epicKey) ?? [0, 0];
    e[slot] += log.seconds;
    epic.set(log.epicKey, e);
  }
  const byPerson: PersonHours[] = [...person]
    .map(([accountId, [now, before]]) => ({ accountId, name: ctx.facts.people[accountId] ?? accountId, hours: hours(now), previousHours: hours(before) }))
    .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name));
  const byEpic: EpicHours[] = [...epic]
    .map(([epicKey, [now, before]]) => ({ epicKey, epicSummary: ctx.epicSummary(epicKey), hours: hours(now), previousHours: hours(before) }))
    .sort((a, b) => b.hours - a.hours || compareIssueKeys(a.epicKey ?? '~', b.epicKey ?? '~'));
  return { totalHours: hours(total), previousTotalHours: hours(previousTotal), byPerson, byEpic };
}

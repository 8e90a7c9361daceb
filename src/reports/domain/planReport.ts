/**
 * The plan, money, forecast and decision parts of a report (issue 17), added by buildReport:
 * - `plan`: deviation from the PM's baseline (plan.ts) and the milestones (epics with a due date);
 * - `costs`: hours × rate against the budget, this period and to date, estimates, capacity;
 * - `forecast.monteCarlo`: the seeded Monte Carlo forecast (monteCarlo.ts), which also gives the
 *   forecast's `velocityPoints` / `velocityIssues` (the 85 % range);
 * - `decisions`: the PM's decisions needed, with owner and deadline.
 *
 * What the reader (src/reports/jira/reportFacts*) provides in `facts.planning` — everything optional; a
 * missing input is derived from `facts.issues` / `facts.worklogs` where they hold it exactly, or
 * the part says it was not read:
 * - `items`: the current state of every baseline item and of every planned issue and epic
 *   (derived: the standard issues and epics in facts.issues);
 * - `remaining`: open points, overall and per epic (derived the same way);
 * - `throughput`: per-week (or per-sprint, as weeks) finished points and issues, per epic too
 *   (derived: the closed sprints in facts, else the whole weeks the facts cover);
 * - `effortToDate`: seconds logged per person since the budget's start up to the period's end
 *   (derived only when the budget starts within the facts' worklog window);
 * - `estimates`: Jira's original and remaining estimates summed over open work (not derived);
 * Liaison's own, from the generator: `settings` (project planning settings), `baseline`,
 * `decisions`, `forecastHistory` (earlier reports' Monte Carlo ranges with the points finished).
 */
import { businessDaysBetween, isoDateOf, shiftDate } from '../../platform/domain/businessDays';
import { compareIssueKeys } from '../../asks/domain/askOverview';
import type { Decision } from './decisions';
import { rateOf, type Planning } from './planning';
import { bounded, clip, SUMMARY_MAX_CHARS } from './bound';
import type { PlanningFacts, ReportFacts, ThroughputSample } from './facts';
import type { BoundedList, Range, ReportAudience, ReportModel, ReportPeriod } from './model';
import { completionForecast, FORECAST_TRIALS, seedOf, throughputForecast, THROUGHPUT_WEEKS } from './monteCarlo';
import { inPeriod, nextPeriod, previousPeriod } from './period';
import { baselineFor, daysBetween, planDeviation, type PlanBaseline, type PlanItemState } from './plan';
import type { ReportCosts, ReportDecision, ReportDecisions, ReportForecastRecord, ReportMilestone, ReportMonteCarlo, ReportPlan } from './planModel';

export const ACCURACY_RECORDS = 8;
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The day a report looks from: the period's end, or today when that is earlier. */
export const asOfDay = (facts: Pick<ReportFacts, 'period' | 'today'>): string => (facts.today < facts.period.to ? facts.today : facts.period.to);

// ---- inputs derived from the facts ----

export function planItemsOf(facts: ReportFacts): PlanItemState[] {
  const open = new Set(facts.sprints.filter((s) => s.state !== 'closed').map((s) => s.id));
  return facts.issues
    .filter((i) => i.kind !== 'subtask')
    .map((i) => ({
      key: i.key,
      summary: i.summary,
      kind: i.kind === 'epic' ? 'epic' : 'standard',
      ...(i.points !== undefined ? { points: i.points } : {}),
      epicKey: i.epicKey,
      due: i.duedate,
      doneAt: i.doneAt,
      openSprintIds: [...new Set(i.sprintSpans.filter((s) => s.to === null && open.has(s.sprintId)).map((s) => s.sprintId))],
    }));
}

export function remainingOf(items: readonly PlanItemState[]): NonNullable<PlanningFacts['remaining']> {
  const open = items.filter((i) => i.kind === 'standard' && i.doneAt === null);
  const byEpic: Record<string, number> = {};
  for (const i of open) if (i.epicKey !== null) byEpic[i.epicKey] = (byEpic[i.epicKey] ?? 0) + (i.points ?? 0);
  return { points: open.reduce((sum, i) => sum + (i.points ?? 0), 0), issues: open.length, byEpic };
}

/**
 * Throughput history: each closed sprint that ended by `asOf` (up to THROUGHPUT_WEEKS of them), its
 * finished work scaled to a week of the calendar; without closed sprints, each whole week (Monday
 * to Sunday) from the facts' first day (the previous period's start) up to `asOf`.
 */
export function throughputOf(facts: ReportFacts, asOf: string): NonNullable<PlanningFacts['throughput']> {
  const work = facts.issues.filter((i) => i.kind === 'standard');
  // Each finished issue's instant parsed once, not once per sprint.
  const finished = work.flatMap((issue) => (issue.doneAt === null ? [] : [{ issue, at: Date.parse(issue.doneAt) }]));
  const weekDays = Math.max(1, facts.calendar.workingDays.length);
  const sample = (label: string, done: typeof work, weeks: number): ThroughputSample => {
    const byEpic: Record<string, number> = {};
    for (const i of done) if (i.epicKey !== null) byEpic[i.epicKey] = (byEpic[i.epicKey] ?? 0) + (i.points ?? 0) / weeks;
    return { label, points: done.reduce((s, i) => s + (i.points ?? 0), 0) / weeks, issues: done.length / weeks, byEpic };
  };
  const closed = facts.sprints
    .filter((s) => s.state === 'closed' && s.startDate && (s.completeDate ?? s.endDate) && isoDateOf((s.completeDate ?? s.endDate) as string) <= asOf)
    .sort((a, b) => Date.parse((b.completeDate ?? b.endDate) as string) - Date.parse((a.completeDate ?? a.endDate) as string))
    .slice(0, THROUGHPUT_WEEKS);
  if (closed.length > 0) {
    const samples = closed.map((sprint) => {
      const start = Date.parse(sprint.startDate as string);
      const end = Date.parse((sprint.completeDate ?? sprint.endDate) as string);
      const done = finished.filter((f) => f.at > start && f.at <= end && f.issue.sprintSpans.some((s) => s.sprintId === sprint.id)).map((f) => f.issue);
      const days = businessDaysBetween(shiftDate(isoDateOf(sprint.startDate as string), -1), isoDateOf((sprint.completeDate ?? sprint.endDate) as string), facts.calendar);
      return sample(sprint.name, done, Math.max(1, days) / weekDays);
    });
    return { basis: `throughput of the last ${closed.length === 1 ? 'closed sprint' : `${closed.length} closed sprints`}, per week`, samples };
  }
  const first = previousPeriod(facts.period).from;
  const samples: ThroughputSample[] = [];
  // The last whole week ending on or before asOf: Sunday.
  let sunday = asOf;
  while (new Date(`${sunday}T00:00:00Z`).getUTCDay() !== 0) sunday = shiftDate(sunday, -1);
  for (let w = 0; w < THROUGHPUT_WEEKS; w++) {
    const to = shiftDate(sunday, -7 * w);
    const from = shiftDate(to, -6);
    if (from < first) break;
    const done = finished.filter((f) => inPeriod(isoDateOf(f.issue.doneAt as string), { from, to })).map((f) => f.issue);
    samples.push(sample(`week of ${from}`, done, 1));
  }
  return { basis: `weekly throughput of the last ${samples.length} whole week${samples.length === 1 ? '' : 's'}`, samples };
}

// ---- forecast ----

function monteCarlo(facts: ReportFacts, planning: PlanningFacts, asOf: string): ReportMonteCarlo & { issues: { likely50: Range; likely85: Range } } {
  const { samples, basis } = planning.throughput ?? throughputOf(facts, asOf);
  const remaining = planning.remaining ?? remainingOf(planning.items ?? planItemsOf(facts));
  const seed = seedOf(`${facts.projectKey}|${facts.period.from}|${facts.period.to}`);
  const next = nextPeriod(facts.period);
  const weekDays = Math.max(1, facts.calendar.workingDays.length);
  const weeks = businessDaysBetween(shiftDate(next.from, -1), next.to, facts.calendar) / weekDays;
  const points = throughputForecast(samples.map((s) => s.points), weeks, { seed, remaining: remaining.points });
  const issues = throughputForecast(samples.map((s) => s.issues), weeks, { seed, remaining: remaining.issues });
  const completion = completionForecast(samples.map((s) => s.points), remaining.points, { seed });
  const result: ReportMonteCarlo & { issues: { likely50: Range; likely85: Range } } = {
    trials: FORECAST_TRIALS,
    seed,
    basis,
    historyWeeks: samples.length,
    remainingPoints: remaining.points,
    nextPeriod: points,
    issues,
    completion: completionText(completion, asOf),
    accuracy: (planning.forecastHistory ?? [])
      .slice()
      .sort((a, b) => a.period.from.localeCompare(b.period.from))
      .slice(-ACCURACY_RECORDS)
      .map((h): ReportForecastRecord => ({
        period: { from: h.period.from, to: h.period.to },
        likely50: { ...h.likely50 },
        likely85: { ...h.likely85 },
        actualPoints: h.actualPoints,
        within50: h.actualPoints >= h.likely50.low && h.actualPoints <= h.likely50.high,
        within85: h.actualPoints >= h.likely85.low && h.actualPoints <= h.likely85.high,
      })),
  };
  return result;
}

function completionText(c: ReturnType<typeof completionForecast>, asOf: string): ReportMonteCarlo['completion'] {
  if (c.kind === 'done') return { note: 'No work left.' };
  if (c.kind === 'none') return { note: c.reason === 'no-throughput' ? 'No forecast: no work was finished in the history looked at.' : 'No forecast: at this pace the work takes more than five years.' };
  return { forecast50: shiftDate(asOf, 7 * c.weeks50), forecast85: shiftDate(asOf, 7 * c.weeks85) };
}

// ---- milestones ----

function milestones(facts: ReportFacts, planning: PlanningFacts, items: readonly PlanItemState[], baseline: PlanBaseline | undefined, asOf: string, cap: number): BoundedList<ReportMilestone> {
  const remaining = planning.remaining ?? remainingOf(items);
  const history = (planning.throughput ?? throughputOf(facts, asOf)).samples;
  const baselineDue = new Map((baseline?.items ?? []).filter((i) => i.kind === 'epic').map((i) => [i.key, i.due]));
  const list = items
    .filter((i) => i.kind === 'epic' && i.due !== null && (i.doneAt === null || isoDateOf(i.doneAt) >= facts.period.from))
    .sort((a, b) => (a.due as string).localeCompare(b.due as string) || compareIssueKeys(a.key, b.key))
    .map((epic): ReportMilestone => {
      const due = epic.due as string;
      const left = remaining.byEpic[epic.key] ?? 0;
      const doneOn = epic.doneAt === null ? undefined : isoDateOf(epic.doneAt);
      const m: ReportMilestone = { key: epic.key, summary: clip(epic.summary, SUMMARY_MAX_CHARS), due, state: 'on-track', daysLate: Math.max(0, daysBetween(due, doneOn ?? asOf)), remainingPoints: left };
      if (baseline) {
        const was = baselineDue.get(epic.key);
        if (was !== due) m.baselineDue = was ?? null;
      }
      if (doneOn) {
        m.doneOn = doneOn;
        m.state = 'done';
        return m;
      }
      if (due < asOf) {
        m.state = 'overdue';
        return m;
      }
      const forecast = completionForecast(history.map((s) => s.byEpic[epic.key] ?? 0), left, { seed: seedOf(`${facts.projectKey}|${epic.key}|${facts.period.to}`), trials: 2000 });
      if (forecast.kind === 'weeks') {
        m.forecast50 = shiftDate(asOf, 7 * forecast.weeks50);
        m.forecast85 = shiftDate(asOf, 7 * forecast.weeks85);
        m.state = m.forecast85 > due ? 'at-risk' : 'on-track';
      } else if (forecast.kind === 'none') m.state = 'no-forecast';
      return m;
    });
  return bounded(list, cap);
}

// ---- money and capacity ----

export function costsOf(facts: ReportFacts, planning: PlanningFacts, settings: Planning, audience: ReportAudience): ReportCosts {
  const { period } = facts;
  const budgetFrom = settings.budget?.from;
  const secondsBy = (from: string | undefined, to: string): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const w of facts.worklogs) {
      const day = isoDateOf(w.started);
      if ((from === undefined || day >= from) && day <= to) out[w.authorId] = (out[w.authorId] ?? 0) + w.seconds;
    }
    return out;
  };
  const periodFrom = budgetFrom !== undefined && budgetFrom > period.from ? budgetFrom : period.from;
  const periodSeconds = periodFrom > period.to ? {} : secondsBy(periodFrom, period.to);
  // To date: the reader's exact total, else the facts' worklogs when they reach back to the budget's start.
  const windowStart = previousPeriod(period).from;
  const toDateSeconds = planning.effortToDate?.secondsByPerson ?? (budgetFrom !== undefined && budgetFrom >= windowStart ? secondsBy(budgetFrom, period.to) : undefined);
  const cost = (seconds: Record<string, number>) => {
    let hours = 0;
    let amount = 0;
    let unrated = 0;
    for (const [person, s] of Object.entries(seconds)) {
      const h = s / 3600;
      hours += h;
      const rate = rateOf(settings, person);
      if (rate === undefined) unrated += h;
      else amount += h * rate;
    }
    return { hours: round2(hours), amount: round2(amount), unrated: round2(unrated) };
  };
  const inPeriodCost = cost(periodSeconds);
  const costs: ReportCosts = { currency: settings.currency, billable: settings.billable, period: { hours: inPeriodCost.hours, amount: inPeriodCost.amount } };
  let toDate: ReturnType<typeof cost> | undefined;
  if (toDateSeconds) {
    toDate = cost(toDateSeconds);
    costs.toDate = { hours: toDate.hours, amount: toDate.amount, ...(budgetFrom ? { from: budgetFrom } : {}) };
  }
  const unrated = (toDate ?? inPeriodCost).unrated;
  if (unrated > 0) costs.unratedHours = unrated;
  if (settings.budget && (settings.budget.hours !== undefined || settings.budget.amount !== undefined)) {
    const budget: NonNullable<ReportCosts['budget']> = {};
    if (settings.budget.hours !== undefined) {
      budget.hours = settings.budget.hours;
      if (toDate) {
        budget.remainingHours = round2(settings.budget.hours - toDate.hours);
        if (settings.budget.hours > 0) budget.usedHoursShare = round2(toDate.hours / settings.budget.hours);
      }
    }
    if (settings.budget.amount !== undefined) {
      budget.amount = settings.budget.amount;
      if (toDate) {
        budget.remainingAmount = round2(settings.budget.amount - toDate.amount);
        if (settings.budget.amount > 0) budget.usedAmountShare = round2(toDate.amount / settings.budget.amount);
      }
    }
    costs.budget = budget;
  }
  if (planning.estimates) {
    const e = planning.estimates;
    const remainingHours = round1(e.remainingSeconds / 3600);
    const estimates: NonNullable<ReportCosts['estimates']> = { originalHours: round1(e.originalSeconds / 3600), remainingHours, issues: e.issues };
    if (toDate) {
      estimates.atCompletionHours = round1(toDate.hours + remainingHours);
      const rated = toDate.hours - toDate.unrated;
      if (rated > 0) estimates.atCompletionAmount = round2(toDate.amount + remainingHours * (toDate.amount / rated));
    }
    costs.estimates = estimates;
  }
  const withCapacity = settings.people.filter((p) => p.weeklyHours !== undefined);
  if (withCapacity.length > 0) {
    const weeks = businessDaysBetween(shiftDate(period.from, -1), period.to, facts.calendar) / Math.max(1, facts.calendar.workingDays.length);
    const byPerson = withCapacity.map((p) => ({ name: p.name, capacityHours: round1((p.weeklyHours as number) * weeks), loggedHours: round1((periodSeconds[p.accountId] ?? 0) / 3600) }));
    costs.capacity = {
      capacityHours: round1(byPerson.reduce((s, p) => s + p.capacityHours, 0)),
      loggedHours: round1(withCapacity.reduce((s, p) => s + (periodSeconds[p.accountId] ?? 0), 0) / 3600),
      byPerson: audience === 'executive' ? [] : byPerson,
    };
  }
  return costs;
}

/** What a client may read of the costs (only when the project shows costs to clients): money, no hours, no people. */
export function clientCosts(costs: ReportCosts): ReportCosts {
  const out: ReportCosts = { currency: costs.currency, billable: costs.billable, period: { amount: costs.period.amount } };
  if (costs.toDate) out.toDate = { amount: costs.toDate.amount, ...(costs.toDate.from ? { from: costs.toDate.from } : {}) };
  if (costs.budget?.amount !== undefined) {
    out.budget = { amount: costs.budget.amount };
    if (costs.budget.remainingAmount !== undefined) out.budget.remainingAmount = costs.budget.remainingAmount;
    if (costs.budget.usedAmountShare !== undefined) out.budget.usedAmountShare = costs.budget.usedAmountShare;
  }
  return out;
}

// ---- decisions ----

function decisionsOf(decisions: readonly Decision[], period: ReportPeriod, asOf: string, cap: number): ReportDecisions {
  const shape = (d: Decision): ReportDecision => {
    const row: ReportDecision = { id: d.id, title: clip(d.title, 200), owner: d.owner.name, deadline: d.deadline, status: d.status, overdue: d.status === 'open' && d.deadline < asOf };
    if (d.detail) row.detail = clip(d.detail, 300);
    if (d.resolution) row.resolution = clip(d.resolution, 300);
    if (d.resolvedAt) row.resolvedOn = isoDateOf(d.resolvedAt);
    return row;
  };
  // Open as the report's period ended: created by its end, not resolved by then.
  const end = `${period.to}T23:59:59.999Z`;
  const open = decisions
    .filter((d) => d.createdAt <= end && (d.status === 'open' || (d.resolvedAt as string) > end))
    .map((d) => ({ ...shape(d), status: 'open' as const, overdue: d.deadline < asOf }))
    .map(({ resolution: _r, resolvedOn: _o, ...d }) => d)
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.title.localeCompare(b.title));
  const resolved = decisions
    .filter((d) => d.status === 'resolved' && d.resolvedAt !== undefined && inPeriod(isoDateOf(d.resolvedAt), period))
    .map(shape)
    .sort((a, b) => (a.resolvedOn as string).localeCompare(b.resolvedOn as string));
  return { open: bounded(open, cap), resolved: bounded(resolved, cap) };
}

// ---- assembly ----

export interface PlanParts {
  plan?: ReportPlan;
  costs?: ReportCosts;
  decisions?: ReportDecisions;
  monteCarlo: ReportMonteCarlo & { issues: { likely50: Range; likely85: Range } };
  omitted: string[];
}

/** The issue-17 parts of a report for an audience (before clientSafe for a client). */
export function planParts(facts: ReportFacts, audience: ReportAudience, opts: { cap: number; showCostsToClient: boolean }): PlanParts {
  const asOf = asOfDay(facts);
  const given = facts.planning ?? {};
  const items = given.items ?? planItemsOf(facts);
  // Derived once here: the milestones and the Monte Carlo forecast read the same throughput and remaining work.
  const planning: PlanningFacts = { ...given, items, throughput: given.throughput ?? throughputOf(facts, asOf), remaining: given.remaining ?? remainingOf(items) };
  const baseline = baselineFor(planning.baselines ?? [], facts.period);
  const client = audience === 'client';
  const omitted: string[] = [];
  const plan: ReportPlan = { milestones: milestones(facts, planning, items, baseline, asOf, opts.cap) };
  if (baseline && !client) {
    const d = planDeviation(baseline, items, facts.period, asOf, opts.cap);
    plan.baseline = { ...d.baseline, takenByName: facts.people[d.baseline.takenBy] ?? 'Project manager' };
    delete (plan.baseline as { takenBy?: string }).takenBy;
    Object.assign(plan, { scopeAdded: d.scopeAdded, scopeRemoved: d.scopeRemoved, slips: d.slips, scheduleDays: d.scheduleDays, baselinePoints: d.baselinePoints, currentPoints: d.currentPoints });
    if (d.baseline.itemsTotal > d.baseline.itemsKept) omitted.push(`Plan baseline: it holds the first ${d.baseline.itemsKept} of ${d.baseline.itemsTotal} planned items (epics and the earliest due first).`);
  } else if (!client) omitted.push('Deviation from the plan baseline: no baseline was taken by the end of this period (Reports → Snapshot the plan).');
  const parts: PlanParts = { plan, monteCarlo: monteCarlo(facts, planning, asOf), omitted };
  if (planning.settings && (!client || opts.showCostsToClient)) {
    const costs = costsOf(facts, planning, planning.settings, audience);
    parts.costs = client ? clientCosts(costs) : costs;
    if (!costs.toDate && !client) omitted.push('Cost to date: the worklogs since the budget started were not read; only this period is costed.');
  }
  if (!client) parts.decisions = decisionsOf(planning.decisions ?? [], facts.period, asOf, opts.cap);
  return parts;
}

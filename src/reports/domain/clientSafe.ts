/**
 * The client's report, copied field by field (like clientSafePlan in access.ts): a field added to
 * ReportModel later stays out of client reports until it is added here on purpose. Left out:
 * manpower (hours per person and per epic), internal red flags (only client-visible ones pass),
 * decisions needed, the internal effort of unpaid changes, prices unless settings allow them,
 * the JQL of flags (it names internal properties) and who overrode the status (a name, not an id).
 */
import type { BoundedList, IssueRef, ReportModel } from './model';
import { clientCosts } from './planReport';

function list<T, U>(source: BoundedList<T>, copy: (item: T) => U, keepJql = true): BoundedList<U> {
  const out: BoundedList<U> = { items: source.items.map(copy), total: source.total };
  if (keepJql && source.jql !== undefined) out.jql = source.jql;
  return out;
}

function ref(issue: IssueRef): IssueRef {
  const out: IssueRef = { key: issue.key, summary: issue.summary };
  if (issue.points !== undefined) out.points = issue.points;
  return out;
}

export function clientSafe(model: ReportModel, opts: { showCostsToClient: boolean; overrideByName?: string }): ReportModel {
  const flags = model.problems.flags.items.filter((flag) => flag.clientVisible === true);
  const status: ReportModel['status'] = { computed: model.status.computed, reasons: [...model.status.reasons], effective: model.status.effective };
  if (model.status.override) {
    const { override } = model.status;
    const name = opts.overrideByName ?? 'Project manager';
    status.override = { status: override.status, reason: override.reason, by: name, at: override.at, byName: name };
  }
  const safe: ReportModel = {
    schema: 1,
    projectKey: model.projectKey,
    projectName: model.projectName,
    period: { kind: model.period.kind, from: model.period.from, to: model.period.to },
    audience: 'client',
    generatedAt: model.generatedAt,
    status,
    headline: {
      committedIssues: model.headline.committedIssues,
      completedIssues: model.headline.completedIssues,
      committedPoints: model.headline.committedPoints,
      completedPoints: model.headline.completedPoints,
      openFlags: model.problems.flags.total,
      overdueAsks: model.headline.overdueAsks,
      pendingChanges: model.headline.pendingChanges,
    },
    progress: {
      sprints: model.progress.sprints.map((s) => {
        const sprint: ReportModel['progress']['sprints'][number] = {
          id: s.id, name: s.name, state: s.state, committedIssues: s.committedIssues, completedIssues: s.completedIssues, committedPoints: s.committedPoints, completedPoints: s.completedPoints,
        };
        if (s.committedDoneIssues !== undefined) sprint.committedDoneIssues = s.committedDoneIssues;
        if (s.committedDonePoints !== undefined) sprint.committedDonePoints = s.committedDonePoints;
        if (s.startDate !== undefined) sprint.startDate = s.startDate;
        if (s.endDate !== undefined) sprint.endDate = s.endDate;
        return sprint;
      }),
      epics: model.progress.epics.map((e) => ({ key: e.key, summary: e.summary, doneIssues: e.doneIssues, totalIssues: e.totalIssues, donePoints: e.donePoints, totalPoints: e.totalPoints })),
      burnUp: model.progress.burnUp.map((p) => ({ date: p.date, scopePoints: p.scopePoints, donePoints: p.donePoints })),
    },
    deviation: {
      notDone: list(model.deviation.notDone, ref),
      missedDueDates: list(model.deviation.missedDueDates, (m) => ({ ...ref(m), due: m.due, businessDaysLate: m.businessDaysLate })),
      scopeAdded: { ...list(model.deviation.scopeAdded, ref), points: model.deviation.scopeAdded.points },
    },
    completed: {
      byEpic: model.completed.byEpic.map((g) => ({ epicKey: g.epicKey, epicSummary: g.epicSummary, issues: list(g.issues, ref), points: g.points })),
      total: model.completed.total,
      points: model.completed.points,
    },
    problems: {
      // Only client-visible flags; the total is recounted from them, so the builder must have
      // listed every client-visible flag (it builds a client report from client-visible flags only).
      flags: {
        items: flags.map((f) => {
          const flag: ReportModel['problems']['flags']['items'][number] = { issueKey: f.issueKey, summary: f.summary, category: f.category, severity: f.severity, clientVisible: true };
          if (f.resolvedOn) flag.resolvedOn = f.resolvedOn;
          if (f.note !== undefined) flag.note = f.note;
          return flag;
        }),
        total: flags.length === model.problems.flags.items.length ? model.problems.flags.total : flags.length,
      },
      clientDelays: model.problems.clientDelays.map((d) => ({ client: d.client, businessDays: d.businessDays, issues: [...d.issues] })),
      ...(model.problems.teamDelay ? { teamDelay: { businessDays: model.problems.teamDelay.businessDays, issues: [...model.problems.teamDelay.issues] } } : {}),
    },
    clientActions: {
      asks: list(model.clientActions.asks, (a) => ({ issueKey: a.issueKey, summary: a.summary, client: a.client, ask: a.ask, due: a.due, overdueBusinessDays: a.overdueBusinessDays })),
    },
    changes: {
      new: model.changes.new,
      decided: list(model.changes.decided, (c) => {
        const change: ReportModel['changes']['decided']['items'][number] = { issueKey: c.issueKey, summary: c.summary, outcome: c.outcome };
        if (opts.showCostsToClient && c.price) change.price = { amount: c.price.amount, currency: c.price.currency };
        if (c.scheduleDays !== undefined) change.scheduleDays = c.scheduleDays;
        return change;
      }),
      totals: {
        paidValue: opts.showCostsToClient ? model.changes.totals.paidValue.map((m) => ({ amount: m.amount, currency: m.currency })) : [],
        scheduleDaysAdded: model.changes.totals.scheduleDaysAdded,
      },
    },
    forecast: {
      velocityPoints: { low: model.forecast.velocityPoints.low, high: model.forecast.velocityPoints.high },
      velocityIssues: { low: model.forecast.velocityIssues.low, high: model.forecast.velocityIssues.high },
      basis: model.forecast.basis,
      plannedNext: list(model.forecast.plannedNext, ref),
      upcomingDue: list(model.forecast.upcomingDue, (u) => ({ ...ref(u), due: u.due })),
    },
    decisionsNeeded: [],
    narrative: {},
    omitted: [...model.omitted],
  };
  if (model.headline.committedDoneIssues !== undefined) safe.headline.committedDoneIssues = model.headline.committedDoneIssues;
  if (model.headline.committedDonePoints !== undefined) safe.headline.committedDonePoints = model.headline.committedDonePoints;
  if (model.deviation.previousForecast) {
    const p = model.deviation.previousForecast;
    safe.deviation.previousForecast = { expectedPoints: { low: p.expectedPoints.low, high: p.expectedPoints.high }, actualPoints: p.actualPoints, within: p.within };
  }
  if (model.timeZone !== undefined) safe.timeZone = model.timeZone;
  // Issue 17: milestones (no baseline deviation), the forecast, and money only when costs are shown to clients.
  if (model.plan) safe.plan = { milestones: list(model.plan.milestones, (m) => ({ ...m })) };
  if (model.forecast.monteCarlo) {
    const mc = model.forecast.monteCarlo;
    safe.forecast.monteCarlo = {
      trials: mc.trials, seed: mc.seed, basis: mc.basis, historyWeeks: mc.historyWeeks, remainingPoints: mc.remainingPoints,
      nextPeriod: { likely50: { ...mc.nextPeriod.likely50 }, likely85: { ...mc.nextPeriod.likely85 } },
      completion: { ...mc.completion },
      accuracy: mc.accuracy.map((r) => ({ ...r, period: { ...r.period }, likely50: { ...r.likely50 }, likely85: { ...r.likely85 } })),
    };
  }
  if (opts.showCostsToClient && model.costs) safe.costs = clientCosts(model.costs);
  if (model.siteUrl !== undefined) safe.siteUrl = model.siteUrl;
  if (model.changes.pending) safe.changes.pending = list(model.changes.pending, (c) => ({ issueKey: c.issueKey, summary: c.summary, step: c.step, requestedAt: c.requestedAt, ...(c.answerBy ? { answerBy: c.answerBy } : {}) }));
  for (const [section, text] of Object.entries(model.narrative)) {
    if (section !== 'manpower' && typeof text === 'string') safe.narrative[section as keyof ReportModel['narrative']] = text;
  }
  return safe;
}

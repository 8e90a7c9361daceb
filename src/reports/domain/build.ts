/**
 * buildReport: a project's report for a period and an audience, from ReportFacts alone (pure: no
 * clock, no I/O). Every audience gets the same computed status (the project has one status); what
 * differs is what is shown:
 * - manager and team: everything;
 * - executive: the same sections with lists cut to the top EXECUTIVE_LIST_CAP (totals exact), no
 *   per-person hours, completed work as per-epic totals — one page;
 * - client: built from client-safe data only (client-visible flags, no hours, no internal effort,
 *   prices only when `showCostsToClient`), then copied field by field through clientSafe().
 * Work-section definitions: work.ts. Status rules: status.ts / model.ts STATUS_RULES.
 */
import { compareIssueKeys } from '../../asks/domain/askOverview';
import { businessDaysBetween, isoDateOf, shiftDate } from '../../platform/domain/businessDays';
import { projectDelays, type IssueTimeline } from '../../asks/domain/delayAttribution';
import { AppError } from '../../platform/domain/errors';
import { FLAG_CATEGORY_LABELS, SEVERITIES, type Severity } from '../../flags/domain/redFlags';
import { isIsoDate } from '../../platform/domain/time';
import { bounded, boundModel, clip, EXECUTIVE_LIST_CAP, jqlString, keysJql, LIST_CAP, NARRATIVE_MAX_CHARS, NOTE_MAX_CHARS, projectJql, SUMMARY_MAX_CHARS } from './bound';
import { CHANGE_STEP_INFO } from '../../changes/domain/changeVocabulary';
import { clientSafe } from './clientSafe';
import type { ReportChangeFact, ReportFacts } from './facts';
import { compareWithForecast } from './forecast';
import {
  REPORT_SECTIONS, STATUS_THRESHOLDS, type DecidedChange, type Money, type ReportAsk, type ReportAudience, type ReportFlag,
  type PendingChange, type PersonWork, type ReportModel, type ReportPeriod, type ReportSection, type StatusOverride,
} from './model';
import { inPeriod, nextPeriod, previousPeriod } from './period';
import { planParts, type PlanParts } from './planReport';
import { computeStatus, type StatusInputs } from './status';
import {
  burnUp, committedInPeriod, completedByEpic, epicProgress, inSprintAt, issueRef, manpower, missedDueDates, notDone, scopeAdded,
  sprintProgress, sprintsInPeriod, sumPoints, workContext, type SprintRun, type WorkContext,
} from './work';

export interface BuildOptions {
  /** Settings: whether change-request prices may be shown to clients. */
  showCostsToClient: boolean;
  override?: StatusOverride;
  narrative?: Partial<Record<ReportSection, string>>;
  /** Byte budget of the model's JSON (default REPORT_MAX_BYTES). */
  maxBytes?: number;
}

const OPEN_CHANGE_STEPS = new Set(['logged', 'acknowledged', 'assessing', 'awaiting-approval']);
const MAX_DECISIONS = 10;

function checkFacts(facts: ReportFacts): void {
  const { period, today } = facts;
  const fields: Record<string, string> = {};
  if (!isIsoDate(period?.from)) fields.from = 'Pick a date';
  if (!isIsoDate(period?.to)) fields.to = 'Pick a date';
  else if (!fields.from && period.to < period.from) fields.to = 'Must be on or after the start date';
  if (!isIsoDate(today)) fields.today = 'Pick a date';
  if (Number.isNaN(Date.parse(facts.generatedAt))) fields.generatedAt = 'Must be an ISO instant';
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'The report period is not valid', { fields });
}

const samePeriod = (a: { from: string; to: string }, b: { from: string; to: string }): boolean => a.from === b.from && a.to === b.to;

const name = (facts: ReportFacts, accountId: string): string => facts.people[accountId] ?? accountId;

// ---- problems and client actions ----

type OpenFlag = ReportFlag & { raisedAt: string; openAtEnd: boolean };

/**
 * The flags open at some time during the period (raised by its end, not resolved before its
 * start), most severe first (a client's report keeps the client-visible ones). A past period's
 * report shows the flags of that period: none raised after it, none resolved before it; those
 * resolved since its start say when. The status reads the ones still open at its end.
 */
function openFlags(facts: ReportFacts): OpenFlag[] {
  const rank = (s: string) => SEVERITIES.indexOf(s as Severity);
  const startMs = Date.parse(`${facts.period.from}T00:00:00Z`);
  const endMs = Math.min(Date.parse(`${facts.period.to}T23:59:59.999Z`), Date.parse(facts.generatedAt));
  return facts.flags
    .filter(({ flag }) => Date.parse(flag.raisedAt) <= endMs && (flag.resolvedAt === undefined || Date.parse(flag.resolvedAt) >= startMs))
    .map(({ issueKey, summary, flag }) => {
      const openAtEnd = flag.resolvedAt === undefined || Date.parse(flag.resolvedAt) > endMs;
      const row: OpenFlag = {
        issueKey,
        summary: clip(summary, SUMMARY_MAX_CHARS),
        category: FLAG_CATEGORY_LABELS[flag.category] ?? flag.category,
        severity: flag.severity,
        clientVisible: flag.clientVisible,
        raisedAt: flag.raisedAt,
        openAtEnd,
        owner: name(facts, flag.raisedBy),
        ageDays: Math.max(0, Math.floor((Date.parse(`${facts.today}T00:00:00Z`) - Date.parse(flag.raisedAt)) / 86_400_000)),
      };
      if (!openAtEnd) row.resolvedOn = isoDateOf(flag.resolvedAt as string);
      if (flag.note.trim() !== '') row.note = clip(flag.note, NOTE_MAX_CHARS);
      return row;
    })
    .sort((a, b) => rank(b.severity) - rank(a.severity) || a.raisedAt.localeCompare(b.raisedAt) || compareIssueKeys(a.issueKey, b.issueKey));
}

function waitingAsks(facts: ReportFacts): ReportAsk[] {
  return facts.asks
    .filter((row) => row.ask !== null && row.ask.state === 'waiting')
    .map((row) => {
      const ask = row.ask as NonNullable<typeof row.ask>;
      return {
        issueKey: row.issueKey,
        summary: clip(row.summary, SUMMARY_MAX_CHARS),
        client: name(facts, ask.client),
        ask: clip(ask.ask, NOTE_MAX_CHARS),
        due: ask.due,
        overdueBusinessDays: ask.due < facts.today ? businessDaysBetween(ask.due, facts.today, facts.calendar) : 0,
      };
    })
    .sort((a, b) => b.overdueBusinessDays - a.overdueBusinessDays || a.due.localeCompare(b.due) || compareIssueKeys(a.issueKey, b.issueKey));
}

/** Who held the project up in the period: each client person (asks past due), and the team (clients' questions left open). */
function delays(facts: ReportFacts): Pick<ReportModel['problems'], 'clientDelays' | 'teamDelay'> {
  const timelines: IssueTimeline[] = facts.asks
    .filter((row) => row.history.length > 0)
    .map((row) => ({ key: row.issueKey, summary: row.summary, duedate: row.duedate, resolvedAt: row.resolvedAt, history: row.history }));
  const found = projectDelays(timelines, [], { from: facts.period.from, to: facts.period.to }, facts.calendar, facts.today);
  return {
    clientDelays: found.byClient.map((delay) => ({ client: name(facts, delay.client), businessDays: delay.businessDaysOverdue, issues: delay.issues })),
    teamDelay: { businessDays: found.team.businessDaysWaiting, issues: found.team.issues },
  };
}

// ---- change requests ----

function changesSection(facts: ReportFacts, cap: number, showPrices: boolean, internal: boolean): ReportModel['changes'] {
  const changes = facts.changes ?? [];
  const { period } = facts;
  const decidedBy = (c: ReportChangeFact, last: string) => c.outcome !== undefined && c.decidedAt !== undefined && isoDateOf(c.decidedAt) <= last;
  const decided = changes
    .filter((c) => decidedBy(c, period.to) && isoDateOf(c.decidedAt as string) >= period.from)
    .sort((a, b) => (a.decidedAt as string).localeCompare(b.decidedAt as string) || compareIssueKeys(a.issueKey, b.issueKey));
  const items: DecidedChange[] = decided.map((c) => {
    const item: DecidedChange = { issueKey: c.issueKey, summary: clip(c.summary, SUMMARY_MAX_CHARS), outcome: c.outcome as string };
    if (showPrices && c.price) item.price = { amount: c.price.amount, currency: c.price.currency };
    if (c.scheduleDays !== undefined && (c.outcome === 'paid' || c.outcome === 'unpaid')) item.scheduleDays = c.scheduleDays;
    return item;
  });
  // Totals: every change decided up to the end of the period.
  const upToNow = changes.filter((c) => decidedBy(c, period.to));
  const paid = new Map<string, number>();
  for (const c of upToNow) if (c.outcome === 'paid' && c.price) paid.set(c.price.currency, (paid.get(c.price.currency) ?? 0) + c.price.amount);
  const paidValue: Money[] = showPrices ? [...paid].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ amount, currency })) : [];
  const approved = upToNow.filter((c) => c.outcome === 'paid' || c.outcome === 'unpaid');
  const totals: ReportModel['changes']['totals'] = { paidValue, scheduleDaysAdded: approved.reduce((sum, c) => sum + (c.scheduleDays ?? 0), 0) };
  if (internal) totals.unpaidEffortDays = upToNow.filter((c) => c.outcome === 'unpaid').reduce((sum, c) => sum + (c.effortDays ?? 0), 0);
  const fallback = `${projectJql(facts.projectKey)} AND issuetype = ${jqlString('Change request')} AND statusCategory = Done`;
  // Undecided changes by name, oldest request first: the client reads what they are still waiting for.
  const open = changes
    .filter((c) => OPEN_CHANGE_STEPS.has(c.step) && isoDateOf(c.requestedAt) <= period.to)
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || compareIssueKeys(a.issueKey, b.issueKey));
  const pending: PendingChange[] = open.map((c) => ({ issueKey: c.issueKey, summary: clip(c.summary, SUMMARY_MAX_CHARS), step: CHANGE_STEP_INFO[c.step].label, requestedAt: isoDateOf(c.requestedAt) }));
  return {
    pending: bounded(pending, cap, `${projectJql(facts.projectKey)} AND issuetype = ${jqlString('Change request')} AND statusCategory != Done ORDER BY created`),
    new: changes.filter((c) => inPeriod(isoDateOf(c.requestedAt), period)).length,
    decided: bounded(items, cap, keysJql(decided.map((c) => c.issueKey), fallback)),
    totals,
  };
}

// ---- forecast ----

/** Expected progress next period: the Monte Carlo's 85 % ranges (planReport.ts / monteCarlo.ts), the work planned and due. */
function forecastSection(ctx: WorkContext, period: ReportPeriod, mc: PlanParts['monteCarlo']): ReportModel['forecast'] {
  const { facts, cap } = ctx;
  const next = nextPeriod(period);
  const targetDays = businessDaysBetween(shiftDate(next.from, -1), next.to, facts.calendar);
  const active = facts.sprints.filter((s) => s.state === 'active');
  const nextFuture = facts.sprints
    .filter((s) => s.state === 'future')
    .sort((a, b) => (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999') || a.id - b.id)[0];
  const planSprints = nextFuture ? [...active, nextFuture] : active;
  const planned = planSprints.flatMap((s) => ctx.work.filter((i) => i.doneAt === null && inSprintAt(i, s.id, ctx.nowMs)));
  const plannedKeys = [...new Set(planned.map((i) => i.key))];
  const plannedRefs = plannedKeys.map((key) => issueRef(planned.find((i) => i.key === key) as (typeof planned)[number]));
  const sprintIds = planSprints.map((s) => s.id).join(', ');
  // Upcoming: not yet due (work already overdue is a missed due date, never "upcoming").
  const upcoming = facts.issues
    .filter((i) => i.kind !== 'subtask' && i.changeRequest !== true && i.doneAt === null && i.duedate !== null && inPeriod(i.duedate, next) && i.duedate >= facts.today)
    .sort((a, b) => (a.duedate as string).localeCompare(b.duedate as string) || compareIssueKeys(a.key, b.key))
    .map((i) => ({ ...issueRef(i), due: i.duedate as string }));
  return {
    velocityPoints: { ...mc.nextPeriod.likely85 },
    velocityIssues: { ...mc.issues.likely85 },
    basis: `85 % range of ${mc.trials.toLocaleString('en-US')} simulated periods drawn from the ${mc.basis}, over the ${targetDays} business days of ${next.from} to ${next.to}, at most the ${mc.remainingPoints} points left`,
    plannedNext: bounded(plannedRefs, cap, planSprints.length > 0 ? `${projectJql(facts.projectKey)} AND sprint in (${sprintIds}) AND statusCategory != Done ORDER BY rank` : undefined),
    upcomingDue: bounded(upcoming, cap, `${projectJql(facts.projectKey)} AND duedate >= "${next.from < facts.today ? facts.today : next.from}" AND duedate <= "${next.to}" AND statusCategory != Done ORDER BY duedate`),
  };
}

// ---- team: work per person ----

/** A status name that reads as a review step ("In review", "Code review", "QA review"). */
const REVIEW_STATUS = /review/i;

/**
 * The team report's view: each assignee's open work (with status and due date), what they finished
 * in the period, and what of theirs is due before the next period ends; plus the review queue.
 * Undefined when the facts carry no assignees (older readers).
 */
export function teamWork(facts: ReportFacts, cap: number): ReportModel['team'] {
  const work = facts.issues.filter((i) => i.kind !== 'subtask');
  if (!work.some((i) => i.assignee !== undefined)) return undefined;
  const { period } = facts;
  const horizon = nextPeriod(period).to;
  const people = new Map<string, PersonWork>();
  const person = (id: string | null | undefined): PersonWork => {
    const key = id ?? '';
    let entry = people.get(key);
    if (!entry) {
      entry = { accountId: id ?? null, name: id ? name(facts, id) : 'Unassigned', open: { items: [], total: 0 }, doneInPeriod: 0, due: [] };
      people.set(key, entry);
    }
    return entry;
  };
  const sorted = [...work].sort((a, b) => (a.duedate ?? '9999').localeCompare(b.duedate ?? '9999') || compareIssueKeys(a.key, b.key));
  for (const issue of sorted) {
    if (issue.kind === 'epic') continue;
    if (issue.doneAt !== null) {
      if (inPeriod(isoDateOf(issue.doneAt), period)) person(issue.assignee).doneInPeriod++;
      continue;
    }
    const entry = person(issue.assignee);
    entry.open.total++;
    if (entry.open.items.length < cap) entry.open.items.push({ ...issueRef(issue), status: issue.statusName ?? 'Open', ...(issue.duedate ? { due: issue.duedate } : {}) });
    if (issue.duedate !== null && issue.duedate <= horizon && entry.due.length < cap) entry.due.push({ ...issueRef(issue), due: issue.duedate });
  }
  for (const entry of people.values()) {
    const who = entry.accountId === null ? 'assignee is EMPTY' : `assignee = ${jqlString(entry.accountId)}`;
    if (entry.open.total > entry.open.items.length) entry.open.jql = `${projectJql(facts.projectKey)} AND ${who} AND statusCategory != Done ORDER BY duedate`;
  }
  const byPerson = [...people.values()]
    .filter((p) => p.open.total > 0 || p.doneInPeriod > 0)
    .sort((a, b) => (a.accountId === null ? 1 : 0) - (b.accountId === null ? 1 : 0) || a.name.localeCompare(b.name));
  const review = work
    .filter((i) => i.doneAt === null && i.kind !== 'epic' && REVIEW_STATUS.test(i.statusName ?? ''))
    .sort((a, b) => compareIssueKeys(a.key, b.key))
    .map((i) => ({ ...issueRef(i), status: i.statusName as string, assignee: i.assignee ? name(facts, i.assignee) : 'Unassigned' }));
  return { byPerson, review: bounded(review, cap, `${projectJql(facts.projectKey)} AND status in (${[...new Set(review.map((r) => jqlString(r.status)))].join(', ') || jqlString('In review')}) ORDER BY key`) };
}

// ---- status and decisions ----

function statusInputs(all: readonly OpenFlag[], runs: SprintRun[], period: ReportPeriod, model: Pick<ReportModel, 'deviation' | 'completed' | 'headline'>, asks: ReportAsk[]): StatusInputs {
  const ended = runs.filter((r) => r.ended && isoDateOf(new Date(r.endMs)) <= period.to);
  const missed = model.deviation.missedDueDates;
  const threshold = STATUS_THRESHOLDS.atRiskAskOverdueBusinessDays;
  const inputs: StatusInputs = {
    openCriticalFlags: all.filter((f) => f.openAtEnd && f.severity === 'critical').length,
    openHighFlags: all.filter((f) => f.openAtEnd && f.severity === 'high').length,
    endedSprints: {
      count: ended.length,
      committedPoints: ended.reduce((sum, r) => sum + sumPoints(r.committed), 0),
      completedPoints: ended.reduce((sum, r) => sum + sumPoints(r.committed.filter((i) => r.completedKeys.has(i.key))), 0),
    },
    missedDueDates: missed.total,
    maxBusinessDaysLate: missed.items[0]?.businessDaysLate ?? 0,
    maxAskOverdueBusinessDays: asks[0]?.overdueBusinessDays ?? 0,
    asksOverdueAtThreshold: asks.filter((a) => a.overdueBusinessDays >= threshold).length,
    committedPoints: model.headline.committedPoints,
    scopeAddedPoints: model.deviation.scopeAdded.points,
  };
  return inputs;
}

function decisionsNeeded(facts: ReportFacts, allFlags: readonly OpenFlag[], asks: ReportAsk[], max: number): string[] {
  const lines: string[] = [];
  for (const c of (facts.changes ?? []).filter((c) => c.step === 'awaiting-approval').sort((a, b) => compareIssueKeys(a.issueKey, b.issueKey))) {
    lines.push(`Decide change request ${c.issueKey} (${clip(c.summary, 120)}): awaiting approval.`);
  }
  const threshold = STATUS_THRESHOLDS.atRiskAskOverdueBusinessDays;
  const byClient = new Map<string, ReportAsk[]>();
  for (const ask of asks.filter((a) => a.overdueBusinessDays >= threshold)) byClient.set(ask.client, [...(byClient.get(ask.client) ?? []), ask]);
  for (const [client, list] of byClient) {
    const keys = list.map((a) => a.issueKey).join(', ');
    lines.push(`Escalate with ${client}: ${list.length} ask${list.length === 1 ? '' : 's'} up to ${list[0].overdueBusinessDays} business days overdue (${keys}).`);
  }
  for (const flag of allFlags.filter((f) => f.openAtEnd && f.severity === 'critical')) {
    lines.push(`Critical red flag on ${flag.issueKey} (${flag.category}): ${clip(flag.summary, 120)}.`);
  }
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), `…and ${lines.length - max + 1} more.`];
}

// ---- assembly ----

export function buildReport(facts: ReportFacts, audience: ReportAudience, options: BuildOptions): ReportModel {
  checkFacts(facts);
  const client = audience === 'client';
  const executive = audience === 'executive';
  const cap = executive ? EXECUTIVE_LIST_CAP : LIST_CAP;
  const ctx = workContext(facts, cap);
  const { period } = facts;
  const runs = sprintsInPeriod(ctx, period);
  const committed = committedInPeriod(runs);
  const committedDone = committed.filter((i) => i.doneAt !== null && isoDateOf(i.doneAt) <= period.to);
  const completed = completedByEpic(ctx, period, executive ? 0 : cap);
  const deviation: ReportModel['deviation'] = { notDone: notDone(ctx, period, runs), missedDueDates: missedDueDates(ctx, period), scopeAdded: scopeAdded(ctx, period, runs) };
  // The previous report forecast the period after its own: compare only when that is this one.
  const previous = facts.previous && samePeriod(nextPeriod(facts.previous.period), period) ? facts.previous : undefined;
  if (previous) deviation.previousForecast = compareWithForecast(previous.expectedPoints, completed.points);

  const allFlags = openFlags(facts);
  const flags = (client ? allFlags.filter((f) => f.clientVisible) : allFlags).map(({ raisedAt: _raisedAt, openAtEnd: _openAtEnd, ...flag }) => flag);
  const asks = waitingAsks(facts);
  const changes = changesSection(facts, cap, !client || options.showCostsToClient, !client);
  const parts = planParts(facts, audience, { cap, showCostsToClient: options.showCostsToClient });
  const { issues: _issues, ...monteCarlo } = parts.monteCarlo;
  const epics = epicProgress(ctx, period, runs);
  const headline: ReportModel['headline'] = {
    committedIssues: committed.length,
    completedIssues: completed.total,
    committedPoints: sumPoints(committed),
    completedPoints: completed.points,
    openFlags: flags.length,
    overdueAsks: asks.filter((a) => a.due < facts.today).length,
    pendingChanges: (facts.changes ?? []).filter((c) => OPEN_CHANGE_STEPS.has(c.step)).length,
    committedDoneIssues: committedDone.length,
    committedDonePoints: sumPoints(committedDone),
  };
  const inputs = statusInputs(allFlags, runs, period, { deviation, completed, headline }, asks);
  if (deviation.previousForecast) inputs.previousForecast = { ...deviation.previousForecast.expectedPoints, actual: completed.points };

  const model: ReportModel = {
    schema: 1,
    projectKey: facts.projectKey,
    projectName: facts.projectName,
    period: { kind: period.kind, from: period.from, to: period.to },
    audience,
    generatedAt: facts.generatedAt,
    status: computeStatus(inputs, options.override, { clientView: client }),
    headline,
    progress: { sprints: runs.map(sprintProgress), epics: epics.slice(0, cap), burnUp: burnUp(ctx, period, runs) },
    deviation,
    completed,
    problems: { flags: bounded(flags, cap, client ? undefined : `${projectJql(facts.projectKey)} AND flagsOpen > 0 ORDER BY flagSeverity DESC`), ...delays(facts) },
    clientActions: { asks: bounded(asks, cap, `${projectJql(facts.projectKey)} AND ${jqlString(`${facts.askFieldName ?? 'Client assignee'}.state`)} = waiting ORDER BY duedate`) },
    changes,
    forecast: { ...forecastSection(ctx, period, parts.monteCarlo), monteCarlo },
    decisionsNeeded: client ? [] : decisionsNeeded(facts, allFlags, asks, executive ? EXECUTIVE_LIST_CAP : MAX_DECISIONS),
    narrative: {},
    omitted: [],
  };
  if (facts.timeZone) model.timeZone = facts.timeZone;
  if (parts.plan) model.plan = parts.plan;
  if (parts.costs) model.costs = parts.costs;
  if (parts.decisions) model.decisions = parts.decisions;
  if (facts.siteUrl) model.siteUrl = facts.siteUrl;
  if (audience === 'team') {
    const team = teamWork(facts, cap);
    if (team) model.team = team;
  }
  // Exports print who set the status by name; the account id stays only as the record of who it was.
  const overrideByName = model.status.override ? facts.people[model.status.override.by] : undefined;
  if (model.status.override && overrideByName) model.status.override.byName = overrideByName;
  if (epics.length > cap) model.progress.epicsTotal = epics.length;
  if (!client) {
    const hours = manpower(ctx, period, previousPeriod(period));
    model.manpower = executive ? { totalHours: hours.totalHours, previousTotalHours: hours.previousTotalHours, byEpic: hours.byEpic.slice(0, cap) } : hours;
  }
  model.omitted = [...omittedFor(facts, audience, options, cap), ...parts.omitted];
  if (completed.byEpic.length > cap) {
    const rest = completed.byEpic.slice(cap);
    const issues = rest.reduce((sum, g) => sum + g.issues.total, 0);
    const points = rest.reduce((sum, g) => sum + g.points, 0);
    model.completed = { ...completed, byEpic: completed.byEpic.slice(0, cap) };
    model.omitted.push(`Completed work: ${rest.length} smaller epic groups not listed (${issues} issues, ${points} points; included in the totals).`);
  }
  model.narrative = narrativeFor(options.narrative, client);
  return boundModel(client ? clientSafe(model, { showCostsToClient: options.showCostsToClient, overrideByName }) : model, options.maxBytes);
}

function omittedFor(facts: ReportFacts, audience: ReportAudience, options: BuildOptions, cap: number): string[] {
  const omitted: string[] = [];
  if (audience === 'client') {
    omitted.push('Manpower input: hours are internal and not shared in client reports.');
    omitted.push('Existing problems: only the red flags the team shares with clients are listed.');
    omitted.push('Decisions needed: internal to the team.');
    if (!options.showCostsToClient) omitted.push('Change requests: prices are not shared (project settings).');
  }
  if (audience === 'executive') {
    omitted.push('Manpower input: hours per person are left out of the executive report.');
    omitted.push(`Lists show the top ${cap} items; totals are exact and each list's JQL finds every item in Jira.`);
  }
  if (facts.changes === undefined) omitted.push('Change requests: not set up in this project.');
  for (const gap of facts.gaps ?? []) omitted.push(clip(gap, SUMMARY_MAX_CHARS));
  return omitted;
}

function narrativeFor(narrative: BuildOptions['narrative'], client: boolean): ReportModel['narrative'] {
  const out: ReportModel['narrative'] = {};
  for (const section of REPORT_SECTIONS) {
    if (client && section === 'manpower') continue;
    const text = narrative?.[section];
    if (typeof text === 'string' && text.trim() !== '') out[section] = clip(text.trim(), NARRATIVE_MAX_CHARS);
  }
  return out;
}


/**
 * Generating a report model: Jira's data for the period (reportFacts.ts, page by page), Liaison's
 * own (the previous report's forecast, change-request efforts), the project's calendar and
 * reporting settings -> ReportFacts -> the domain's buildReport for one audience -> bounded.
 * Shared by the Reports page resolvers (as the user: their Jira permissions apply) and the report
 * schedule (as the app).
 */
import { calendarFromPlan, isoDateOf } from '../../platform/domain/businessDays';
import { formatIsoDate, zonedDateTime } from '../../platform/domain/time';
import type { ChangeDocument } from '../../changes/domain/changeRequest';
import { buildReport } from '../domain/build';
import type { PlanningFacts, PreviousReportFacts, ReportFacts } from '../domain/facts';
import type { ReportAudience, ReportModel, ReportPeriod, ReportSection, StatusOverride } from '../domain/model';
import { nextPeriod, previousPeriod } from '../domain/period';
import type { EffectiveSettings } from '../../settings/domain/settings';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { gatherReportData, type ReportScope } from '../jira/reportFacts';
import { toReportFacts, type GatheredData } from '../jira/reportFactsConvert';
import type { ReportChangeSource } from '../jira/reportFactsRows';
import { listChanges } from '../../changes/store/changeStore';
import { listReports, type ReportRecord } from '../store/reportStore';
import { listBaselines, readDecisions } from '../store/planStore';
import { projectFlagsByKey } from '../../flags/services/flagRecords';

/** Snapshots looked through for the previous report's forecast, and change-request records for efforts. */
export const GENERATE_LIMITS = { previousLookback: 100, changeRecords: 500 } as const;

const INTERNAL: readonly ReportAudience[] = ['executive', 'manager', 'team'];

/** The latest earlier report for the same audience covering the period just before (published first). */
export async function previousReportFacts(projectKey: string, audience: ReportAudience, period: ReportPeriod, history?: readonly ReportRecord[]): Promise<PreviousReportFacts | undefined> {
  const before = previousPeriod(period);
  const records = history ?? (await listReports(projectKey, GENERATE_LIMITS.previousLookback)).records;
  const matching = records.filter((r) => r.audience === audience && r.periodFrom === before.from && r.periodTo === before.to);
  const chosen = matching.find((r) => r.status === 'published') ?? matching[0];
  if (!chosen) return undefined;
  return { reportId: chosen.id, period: chosen.period, expectedPoints: { ...chosen.model.forecast.velocityPoints } };
}

/**
 * Issue 17: earlier reports' Monte Carlo forecasts against what happened. For each earlier report of
 * the audience whose forecast period ended before this period starts, the points finished in that
 * period are those a report of exactly that period counted (published first, else the latest).
 */
export function forecastHistoryOf(records: readonly ReportRecord[], audience: ReportAudience, period: ReportPeriod): NonNullable<PlanningFacts['forecastHistory']> {
  const own = records.filter((r) => r.audience === audience).sort((a, b) => (a.status === b.status ? b.generatedAt.localeCompare(a.generatedAt) : a.status === 'published' ? -1 : 1));
  const history: NonNullable<PlanningFacts['forecastHistory']> = [];
  const seen = new Set<string>();
  for (const r of own) {
    const mc = r.model.forecast.monteCarlo;
    if (!mc) continue;
    const target = nextPeriod(r.period);
    const key = `${target.from}|${target.to}`;
    if (seen.has(key) || target.to >= period.from) continue;
    const actual = own.find((o) => o.periodFrom === target.from && o.periodTo === target.to);
    if (!actual) continue;
    seen.add(key);
    history.push({ period: { from: target.from, to: target.to }, likely50: { ...mc.nextPeriod.likely50 }, likely85: { ...mc.nextPeriod.likely85 }, actualPoints: actual.model.completed.points });
  }
  return history;
}

/** Liaison's own planning data for a report: settings, baselines, decisions (internal audiences), forecast history. */
async function planningFacts(projectKey: string, audience: ReportAudience, period: ReportPeriod, settings: EffectiveSettings, records: readonly ReportRecord[]): Promise<PlanningFacts> {
  const internal = INTERNAL.includes(audience);
  const [baselines, decisions] = await Promise.all([internal ? listBaselines(projectKey) : Promise.resolve([]), internal ? readDecisions(projectKey) : Promise.resolve(undefined)]);
  const planning: PlanningFacts = { baselines, forecastHistory: forecastHistoryOf(records, audience, period) };
  if (settings.planning) planning.settings = settings.planning;
  if (decisions) planning.decisions = decisions.items;
  return planning;
}

type FactsArgs = { projectKey: string; period: ReportPeriod; audience: ReportAudience; settings: EffectiveSettings; now: Date };

/** What the report of `period` reads from Jira (reportFacts.ts's scope: the period, the one before and the one after). */
export function reportScope(projectKey: string, period: ReportPeriod): ReportScope {
  return { projectKey, period: { from: period.from, to: period.to }, previous: previousPeriod(period), next: nextPeriod(period) };
}

/** Reads everything the report of `period` needs and turns it into facts. */
export async function gatherFacts(jira: JiraClient, args: FactsArgs): Promise<ReportFacts> {
  return factsFromData(gatherReportData(jira, reportScope(args.projectKey, args.period), args.now), args);
}

/**
 * Jira's data (read here, or by a queued report job in chunks: src/reports/events/reportJob.ts) and
 * Liaison's own → facts. The report history, the change store and (internal audiences) the flags'
 * team-only notes are read while Jira's data comes in.
 */
export async function factsFromData(gathering: Promise<GatheredData>, args: FactsArgs): Promise<ReportFacts> {
  const { projectKey, period, audience, settings, now } = args;
  const changesSetUp = settings.changeWorkflow !== undefined;
  const internal = INTERNAL.includes(audience);
  // Flags and change requests come from their records (one paged storage query each), never from the issue properties.
  const { records: history } = await listReports(projectKey, GENERATE_LIMITS.previousLookback);
  const [gathered, previous, changes, flagsOf, planning] = await Promise.all([
    gathering,
    previousReportFacts(projectKey, audience, period, history),
    listChanges(projectKey, GENERATE_LIMITS.changeRecords),
    projectFlagsByKey(projectKey),
    planningFacts(projectKey, audience, period, settings, history),
  ]);
  const changeByKey = new Map([...changes.byIssueId.values()].map((stored) => [stored.issueKey, stored.doc]));
  const efforts: Record<string, number> = {};
  if (internal) for (const [key, doc] of changeByKey) if (doc.assessment && Number.isFinite(doc.assessment.effortDays)) efforts[key] = doc.assessment.effortDays;
  const data = {
    ...gathered,
    issues: gathered.issues.map((row) => {
      const doc = changeByKey.get(row.key);
      return { ...row, flags: flagsOf(row.key), change: doc ? reportChangeSource(doc, row.created) : null };
    }),
  };
  const facts = toReportFacts(data, {
    period,
    // The project's time zone (issue 17) decides which calendar day "today" is.
    today: settings.planning?.timeZone ? formatIsoDate(zonedDateTime(now, settings.planning.timeZone)) : isoDateOf(now),
    ...(settings.planning?.timeZone ? { timeZone: settings.planning.timeZone } : {}),
    generatedAt: now.toISOString(),
    calendar: calendarFromPlan(settings.communicationPlan),
    changesSetUp,
    ...(previous ? { previous } : {}),
    ...(internal && changesSetUp ? { changeEfforts: efforts } : {}),
  });
  return { ...facts, planning: { ...planning, ...facts.planning } };
}

/** What a report reads of a change request's record (decision and price stay internal until clientSafe shapes them). */
function reportChangeSource(doc: ChangeDocument, created: string): ReportChangeSource {
  const source: ReportChangeSource = { step: doc.step ?? 'logged', requestedAt: doc.requestedAt ?? created };
  if (doc.assessment) source.scheduleDays = doc.assessment.scheduleDays;
  if (doc.decision) source.decision = { outcome: doc.decision.outcome, ...(doc.decision.price ? { price: { ...doc.decision.price } } : {}), at: doc.decision.at };
  return source;
}

export interface ModelOptions {
  narrative?: Partial<Record<ReportSection, string>>;
  override?: StatusOverride;
  /** The Jira site (Forge's context.siteUrl): the exports link issues to it. */
  siteUrl?: string;
}

/** The audience's model of the facts, within the snapshot size bound (buildReport bounds it). */
export function modelOf(facts: ReportFacts, audience: ReportAudience, settings: EffectiveSettings, opts: ModelOptions = {}): ReportModel {
  return buildReport(opts.siteUrl && !facts.siteUrl ? { ...facts, siteUrl: opts.siteUrl } : facts, audience, {
    showCostsToClient: settings.reporting?.showCostsToClient === true,
    ...(opts.override ? { override: opts.override } : {}),
    ...(opts.narrative ? { narrative: opts.narrative } : {}),
  });
}

/** Facts and model in one call. */
export async function generateModel(
  jira: JiraClient,
  args: { projectKey: string; period: ReportPeriod; audience: ReportAudience; settings: EffectiveSettings; now: Date } & ModelOptions,
): Promise<ReportModel> {
  const facts = await gatherFacts(jira, args);
  return modelOf(facts, args.audience, args.settings, args);
}

/**
 * Generating a report model: Jira's data for the period (reportFacts.ts, page by page), Liaison's
 * own (the previous report's forecast, change-request efforts), the project's calendar and
 * reporting settings -> ReportFacts -> the domain's buildReport for one audience -> bounded.
 * Shared by the Reports page resolvers (as the user: their Jira permissions apply) and the report
 * schedule (as the app).
 */
import { calendarFromPlan, isoDateOf } from '../domain/businessDays';
import type { ChangeDocument } from '../domain/changeRequest';
import { buildReport } from '../domain/report/build';
import type { PreviousReportFacts, ReportFacts } from '../domain/report/facts';
import type { ReportAudience, ReportModel, ReportPeriod, ReportSection, StatusOverride } from '../domain/report/model';
import { nextPeriod, previousPeriod } from '../domain/report/period';
import type { EffectiveSettings } from '../domain/settings';
import type { JiraClient } from '../jira/jiraClient';
import { gatherReportData, type ReportScope } from '../jira/reportFacts';
import { toReportFacts, type GatheredData } from '../jira/reportFactsConvert';
import type { ReportChangeSource } from '../jira/reportFactsRows';
import { listChanges } from '../store/changeStore';
import { listReports } from '../store/reportStore';
import { projectFlagsByKey } from '../events/flagRecords';

/** Snapshots looked through for the previous report's forecast, and change-request records for efforts. */
export const GENERATE_LIMITS = { previousLookback: 100, changeRecords: 500 } as const;

const INTERNAL: readonly ReportAudience[] = ['executive', 'manager', 'team'];

/** The latest earlier report for the same audience covering the period just before (published first). */
export async function previousReportFacts(projectKey: string, audience: ReportAudience, period: ReportPeriod): Promise<PreviousReportFacts | undefined> {
  const before = previousPeriod(period);
  const { records } = await listReports(projectKey, GENERATE_LIMITS.previousLookback);
  const matching = records.filter((r) => r.audience === audience && r.periodFrom === before.from && r.periodTo === before.to);
  const chosen = matching.find((r) => r.status === 'published') ?? matching[0];
  if (!chosen) return undefined;
  return { reportId: chosen.id, period: chosen.period, expectedPoints: { ...chosen.model.forecast.velocityPoints } };
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
 * Jira's data (read here, or by a queued report job in chunks: src/events/reportJob.ts) and
 * Liaison's own → facts. The report history, the change store and (internal audiences) the flags'
 * team-only notes are read while Jira's data comes in.
 */
export async function factsFromData(gathering: Promise<GatheredData>, args: FactsArgs): Promise<ReportFacts> {
  const { projectKey, period, audience, settings, now } = args;
  const changesSetUp = settings.changeWorkflow !== undefined;
  const internal = INTERNAL.includes(audience);
  // Flags and change requests come from their records (one paged storage query each), never from the issue properties.
  const [gathered, previous, changes, flagsOf] = await Promise.all([
    gathering,
    previousReportFacts(projectKey, audience, period),
    listChanges(projectKey, GENERATE_LIMITS.changeRecords),
    projectFlagsByKey(projectKey),
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
  return toReportFacts(data, {
    period,
    today: isoDateOf(now),
    generatedAt: now.toISOString(),
    calendar: calendarFromPlan(settings.communicationPlan),
    changesSetUp,
    ...(previous ? { previous } : {}),
    ...(internal && changesSetUp ? { changeEfforts: efforts } : {}),
  });
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

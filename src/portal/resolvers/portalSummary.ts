/**
 * Gathers the portal home's per-project summary (src/portal/domain/portalSummary.ts) for every project in
 * which the caller holds a role, with as few requests as the data allows: the caller's asks come
 * from asks.mine's one search, then one search for change requests, one flag search and a few
 * storage queries per project, in parallel (bounded). Jira is read as the caller, so Jira's own
 * permissions apply on top of the role checks; a part that fails is reported as unavailable and
 * the rest of the home still answers.
 */
import type { AskRowView } from '../../asks/domain/askOverview';
import { capped, changeOpen, portalChange, type PortalAsk, type PortalChange, type PortalFlag, type PortalReport, type PortalSummary } from '../domain/portalSummary';
import { severityRank } from '../../flags/domain/redFlags';
import { flagFieldIds } from '../../flags/services/flagRuleRun';
import { jqlString } from '../../asks/jira/askSearch';
import { mapWithConcurrency } from '../../platform/jira/concurrency';
import { FLAGS_PROPERTY, searchFlagIssues } from '../../flags/jira/flagIssues';
import { openFlagsSeenBy, recordedFlagsClause } from '../../flags/services/flagRecords';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { projectChangeWorkflow } from '../../changes/jira/provisioning';
import type { ReportAudience } from '../../reports/domain/model';
import { listReportsFor, type ReportRecord } from '../../reports/store/reportStore';
import { clientDecision, clientStep } from '../../changes/domain/changeRequestView';
import { baseOf, showsCosts, stepOf } from '../../changes/services/changeRecords';
import { listProjectChanges } from '../../changes/services/changeRecords';
import { isClient } from '../../access/resolvers/issueScope';
import type { ProjectAccess } from '../../access/services/projectAccess';

/** Bounds per search: the home is a summary; the project pages hold the full lists. */
const MAX_CHANGE_ISSUES = 200;
const MAX_FLAG_ISSUES = 100;
/** The newest published reports read per audience (each record holds its model: keep the reads small). */
const REPORTS_PER_AUDIENCE = 5;
const CONCURRENCY = 4;

type Part = PortalSummary['unavailable'][number];

async function attempt<T>(part: Part, failed: Set<Part>, read: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    // Shown as "could not be loaded" on the card; the reason goes to the app's log, not to the page.
    console.error(`[portal.home] ${part} could not be read:`, error instanceof Error ? error.message : error);
    failed.add(part);
    return empty;
  }
}


/** The caller's open asks by project, from the rows asks.mine's search found (no second search). */
function asksByProject(rows: readonly AskRowView[]): Map<string, PortalAsk[]> {
  const byProject = new Map<string, PortalAsk[]>();
  for (const row of rows) {
    const list = byProject.get(row.projectKey) ?? [];
    list.push({
      issueKey: row.issueKey, summary: row.issueSummary, ask: row.ask.ask, due: row.ask.due, state: row.ask.state === 'answered' || row.ask.state === 'question' ? row.ask.state : 'waiting',
      overdue: row.overdue, businessDaysOverdue: row.businessDaysOverdue,
    });
    byProject.set(row.projectKey, list);
  }
  return byProject;
}

/** Change requests from their records: a client's own; for the team, the project's open ones. */
async function changesByProject(accesses: ProjectAccess[], accountId: string, now: Date): Promise<Map<string, PortalChange[]>> {
  const byProject = new Map<string, PortalChange[]>();
  await mapWithConcurrency(accesses, CONCURRENCY, async (access) => {
    // The stored mapping, or the set-up recognised in Jira (provisioned, never saved: cached briefly).
    const mapping = await projectChangeWorkflow(access.projectKey, access.project.stored?.changeWorkflow, now);
    if (!mapping) return;
    const client = isClient(access);
    const showCosts = showsCosts(access.merged.settings);
    const listed = await listProjectChanges(access, mapping.issueTypeId, MAX_CHANGE_ISSUES, now);
    const rows = listed.changes.flatMap(({ issue, stored }) => {
      const base = baseOf(issue, stored.doc);
      const step = stepOf(issue, mapping, stored.doc);
      if (client ? base.requestedBy !== accountId : !changeOpen(step)) return [];
      const doc = stored.doc;
      // A client sees a decision only once told, its price only where the project shows costs (changeRequestView.ts).
      const decision = client
        ? clientDecision(doc, showCosts)
        : doc.decision && { outcome: doc.decision.outcome, ...(doc.decision.price ? { price: doc.decision.price } : {}) };
      return [portalChange({ issueKey: issue.issueKey, summary: issue.summary }, {
        step: client ? clientStep(step, doc) : step, requestedAt: base.requestedAt,
        ...(doc.assessment ? { scheduleDays: doc.assessment.scheduleDays } : {}),
        ...(decision ? { decision } : {}),
      })];
    });
    byProject.set(access.projectKey, rows);
  });
  return byProject;
}

/** The open flags of a project this person may see (a client only client-visible ones), with when each was raised; one bounded search. */
export async function openFlagsOf(access: ProjectAccess, accountId: string, now: Date) {
  const ids = await flagFieldIds(now);
  const found = await searchFlagIssues(jiraAsUser(), { jql: `project = ${jqlString(access.projectKey)} AND ${await recordedFlagsClause(access.projectKey, `issue.property[${FLAGS_PROPERTY}].total > 0`, { openOnly: true })} ORDER BY key ASC`, ids, maxIssues: MAX_FLAG_ISSUES });
  return openFlagsSeenBy(found.issues, { client: isClient(access), accountId });
}

async function flagsOf(access: ProjectAccess, accountId: string, now: Date): Promise<PortalFlag[]> {
  const open = await openFlagsOf(access, accountId, now);
  return open
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true }))
    .map(({ raisedAt: _raisedAt, ...flag }) => flag);
}

/**
 * Published reports this person may read, newest first: client-audience ones for a client, every
 * audience for the team. Each stored record carries its whole model, so only the newest few per
 * audience are read (`more` when there are others).
 */
async function reportsOf(access: ProjectAccess): Promise<{ reports: PortalReport[]; more: boolean }> {
  const audiences: ReportAudience[] = isClient(access) ? ['client'] : ['client', 'executive', 'manager', 'team'];
  const pages = await Promise.all(audiences.map((audience) => listReportsFor(access.projectKey, audience, 'published', REPORTS_PER_AUDIENCE)));
  const records: ReportRecord[] = pages.flatMap((page) => page.records);
  const reports = records
    .filter((r) => r.status === 'published' && audiences.includes(r.audience))
    .sort((a, b) => (b.publishedAt ?? b.generatedAt).localeCompare(a.publishedAt ?? a.generatedAt))
    .map((r) => ({ id: r.id, period: { kind: r.period.kind, from: r.period.from, to: r.period.to }, audience: r.audience, publishedAt: r.publishedAt ?? null, overall: r.model.status.effective }));
  return { reports, more: pages.some((page) => page.truncated) };
}

/**
 * The summary of each project in `accesses`, keyed by project key. `myAsksRead`: the caller's open
 * asks as asks.mine answers them (undefined when they could not be read: shown as unavailable).
 */
export async function portalSummaries(accesses: ProjectAccess[], accountId: string, now: Date, myAsksRead: Promise<readonly AskRowView[] | undefined>): Promise<Map<string, PortalSummary>> {
  const shared = new Set<Part>();
  // The shared reads and each project's own reads go side by side; nothing waits on another.
  const sharedReads = Promise.all([
    myAsksRead,
    attempt('changes', shared, () => changesByProject(accesses, accountId, now), new Map<string, PortalChange[]>()),
  ]);
  const ownReads = mapWithConcurrency(accesses, CONCURRENCY, async (access) => {
    const failed = new Set<Part>();
    const [flags, reports] = await Promise.all([
      attempt('flags', failed, () => flagsOf(access, accountId, now), [] as PortalFlag[]),
      attempt('reports', failed, () => reportsOf(access), { reports: [] as PortalReport[], more: false }),
    ]);
    return { access, flags, reports, failed };
  });
  const [[myAsks, changes], perProject] = await Promise.all([sharedReads, ownReads]);
  if (!myAsks) shared.add('asks');
  const asks = asksByProject(myAsks ?? []);
  return new Map(perProject.map(({ access, flags, reports, failed }): [string, PortalSummary] => {
    const latest = reports.reports[0];
    return [access.projectKey, {
      status: latest ? { effective: latest.overall, reportId: latest.id, period: latest.period, audience: latest.audience, publishedAt: latest.publishedAt } : null,
      reports: { ...capped(reports.reports), ...(reports.more ? { more: true } : {}) },
      asks: capped(asks.get(access.projectKey) ?? []),
      changes: capped(changes.get(access.projectKey) ?? []),
      flags: capped(flags),
      unavailable: [...new Set([...shared, ...failed])].sort(),
    }];
  }));
}

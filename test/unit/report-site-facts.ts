/**
 * Test helper: a generated (or demo) SiteData turned into ReportFacts the way report-server does
 * it — each issue shaped like Jira's search answer, parsed by toIssueRow (src/reports/jira/reportFactsRows.ts)
 * and converted by toReportFacts (src/reports/jira/reportFactsConvert.ts) — without a server.
 * The generator writes no Liaison data, so `liaison` adds deterministic flags and asks (every n-th
 * issue) to put those lists under load as well.
 */
import type { WorkCalendar } from '../../src/platform/domain/businessDays';
import type { ReportPeriod } from '../../src/reports/domain/model';
import type { ReportFacts } from '../../src/reports/domain/facts';
import { toReportFacts } from '../../src/reports/jira/reportFactsConvert';
import type { AskEvent } from '../../src/asks/domain/clientAsk';
import { toIssueRow, type ReportFieldIds, type WorklogRow } from '../../src/reports/jira/reportFactsRows';
import { SPRINT_FIELD, STORY_POINTS_FIELD, type SiteData } from '../../local/jira/model';
import type { Flag } from '../../src/flags/domain/redFlags';

export const WEEKDAY_CALENDAR: WorkCalendar = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [] };

const IDS: ReportFieldIds = { storyPointsFieldId: STORY_POINTS_FIELD, sprintFieldId: SPRINT_FIELD, askFieldId: null, askFieldName: null };

export interface SiteFactsOptions {
  projectKey: string;
  period: ReportPeriod;
  generatedAt: string;
  /** Add a flag to every n-th issue and a waiting ask to every m-th (0: none). */
  liaison?: { flagEvery: number; askEvery: number };
}

export function siteFacts(site: SiteData, opts: SiteFactsOptions): ReportFacts {
  const project = site.projects.find((p) => p.key === opts.projectKey);
  if (!project) throw new Error(`no project ${opts.projectKey}`);
  const types = new Map(site.issueTypes.map((t) => [t.id, t]));
  const statuses = new Map(site.statuses.map((s) => [s.id, s]));
  const byId = new Map(site.issues.map((i) => [i.id, i]));
  const issues = site.issues.filter((i) => i.projectId === project.id);
  const worklogs: WorklogRow[] = [];
  const names = Object.fromEntries(site.users.map((u) => [u.accountId, u.displayName]));
  const rows = issues.map((issue, index) => {
    const type = types.get(issue.issueTypeId);
    const parent = issue.parentId ? byId.get(issue.parentId) : undefined;
    const properties: Record<string, unknown> = { ...issue.properties };
    const flagEvery = opts.liaison?.flagEvery ?? 0;
    const askEvery = opts.liaison?.askEvery ?? 0;
    // Flags come from their records, which the report adds to the rows (factsFromData): added after toIssueRow here.
    let flags: Flag[] = [];
    if (flagEvery > 0 && index % flagEvery === 0) {
      // The n-th flagged issue: severities in turn, every third flag client-visible.
      const n = index / flagEvery;
      const severity = (['low', 'medium', 'high', 'critical'] as const)[n % 4];
      flags = [{
        id: `f-${issue.key}`, category: 'schedule-slip', severity, note: `Generated note ${'x'.repeat(400)}`, clientVisible: n % 3 === 0,
        source: 'manual', raisedBy: project.leadAccountId, raisedAt: issue.created,
      }];
    }
    // The ask records (Forge storage in the app) of every m-th issue: one waiting step each.
    const askHistory: AskEvent[] = askEvery > 0 && index % askEvery === 0
      ? [{ at: issue.created, by: project.leadAccountId, action: 'asked', client: 'client-' + (index % 3), due: site.today, state: 'waiting', round: 1, note: 'Please confirm' }]
      : [];
    for (const w of issue.worklogs) worklogs.push({ issueKey: issue.key, author: w.author, started: w.started, seconds: w.timeSpentSeconds });
    const row = toIssueRow(
      {
        key: issue.key,
        fields: {
          summary: issue.summary,
          issuetype: { name: type?.name, subtask: type?.subtask, hierarchyLevel: type?.hierarchyLevel },
          status: { statusCategory: { key: statuses.get(issue.statusId)?.statusCategory } },
          created: issue.created,
          resolutiondate: issue.resolutiondate,
          updated: issue.updated,
          duedate: issue.duedate,
          parent: parent ? { key: parent.key, fields: { issuetype: { hierarchyLevel: types.get(parent.issueTypeId)?.hierarchyLevel } } } : undefined,
          [STORY_POINTS_FIELD]: issue.customFields[STORY_POINTS_FIELD],
          [SPRINT_FIELD]: issue.sprintIds.map((id) => ({ id })),
        },
        properties,
        changelog: { histories: issue.changelog.map((entry) => ({ created: entry.created, items: entry.items })) },
      },
      IDS,
    );
    row.flags = flags;
    // The record's current ask is the one its last step left.
    const last = askHistory.at(-1);
    row.askHistory = askHistory;
    if (last) row.ask = { client: last.client, ask: last.note ?? '', due: last.due, state: last.state, askedAt: last.at, askedBy: last.by, round: last.round };
    return row;
  });
  const board = site.boards.filter((b) => b.projectId === project.id).map((b) => b.id);
  const sprints = site.sprints.filter((s) => board.includes(s.boardId)).map((s) => {
    const row: ReportFacts['sprints'][number] = { id: s.id, name: s.name, state: s.state };
    if (s.startDate) row.startDate = s.startDate;
    if (s.endDate) row.endDate = s.endDate;
    if (s.completeDate) row.completeDate = s.completeDate;
    return row;
  });
  return toReportFacts(
    { project: { key: project.key, name: project.name }, scope: { projectKey: project.key }, issues: rows, sprints, worklogs, names, truncated: false },
    { period: opts.period, today: site.today, generatedAt: opts.generatedAt, calendar: WEEKDAY_CALENDAR, changesSetUp: false },
  );
}

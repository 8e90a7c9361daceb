/**
 * The report's headline numbers counted by brute force straight from a generated site's data
 * (local/jira/model.ts), with none of the app's code: every issue of the project looked at, sprint
 * membership replayed from the Sprint field's changelog, worklogs summed. The bench and the
 * integration suite compare the app's report with it (`compareWithOracle`); every difference must be 0.
 *
 * Definitions (README, "Reports"): standard issues only (not epics, not sub-tasks, not change
 * requests); done at the resolution date (UTC); a sprint ran in the period when it started by the
 * period's last day and had not ended before its first (an active sprint has not ended); committed
 * = in the sprint at its start; completed in a sprint = done by its end (an active sprint: now)
 * while in it; hours = worklogs started in the period, any issue; an epic's totals = all its
 * standard children, done = done by the period's last day.
 */
import { SPRINT_FIELD, STORY_POINTS_FIELD, type SandboxIssue, type SiteData } from '../../local/jira/model';
import type { ReportModel } from '../../src/reports/domain/model';

export interface OraclePeriod {
  from: string;
  to: string;
}

export interface OracleNumbers {
  completedIssues: number;
  completedPoints: number;
  committedIssues: number;
  committedPoints: number;
  hours: number;
  sprints: Record<string, { committedIssues: number; committedPoints: number; completedIssues: number; completedPoints: number }>;
  /** Epic key (or "none") → work done in the period. */
  completedByEpic: Record<string, { issues: number; points: number }>;
  /** Epic key → its children, done by the period's end and all. */
  epics: Record<string, { doneIssues: number; totalIssues: number; donePoints: number; totalPoints: number }>;
  /** Epic key (or "none") → hours logged in the period. */
  hoursByEpic: Record<string, number>;
}

const utcDate = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 10);
const round2 = (hours: number): number => Math.round(hours * 100) / 100;
const idsIn = (value: string | null): number[] => (value ?? '').split(/[,\s]+/).filter((p) => /^\d+$/.test(p)).map(Number);

/** The sprint ids in the issue's Sprint field at an instant (none before it was created). */
function sprintsAt(issue: SandboxIssue, atMs: number): number[] {
  if (atMs < Date.parse(issue.created)) return [];
  const changes = issue.changelog
    .flatMap((entry) => entry.items.filter((item) => item.fieldId === SPRINT_FIELD || item.field === 'Sprint').map((item) => ({ at: Date.parse(entry.created), from: idsIn(item.from), to: idsIn(item.to) })))
    .sort((a, b) => a.at - b.at);
  let current = changes.length > 0 ? changes[0].from : issue.sprintIds;
  for (const change of changes) if (change.at <= atMs) current = change.to;
  return current;
}

export function oracleNumbers(site: SiteData, projectKey: string, period: OraclePeriod, nowMs: number): OracleNumbers {
  const project = site.projects.find((p) => p.key === projectKey);
  if (!project) throw new Error(`no project ${projectKey}`);
  const types = new Map(site.issueTypes.map((t) => [t.id, t]));
  const statuses = new Map(site.statuses.map((s) => [s.id, s]));
  const byId = new Map(site.issues.map((i) => [i.id, i]));
  const all = site.issues.filter((i) => i.projectId === project.id);
  const isEpic = (i: SandboxIssue) => types.get(i.issueTypeId)?.hierarchyLevel === 1;
  const isStandard = (i: SandboxIssue) => {
    const type = types.get(i.issueTypeId);
    return !!type && !type.subtask && type.hierarchyLevel === 0 && type.name !== 'Change request';
  };
  const points = (i: SandboxIssue): number => (typeof i.customFields[STORY_POINTS_FIELD] === 'number' ? (i.customFields[STORY_POINTS_FIELD] as number) : 0);
  const doneAt = (i: SandboxIssue): number | null => (statuses.get(i.statusId)?.statusCategory === 'done' && i.resolutiondate ? Date.parse(i.resolutiondate) : null);
  const epicOf = (i: SandboxIssue): string => {
    const parent = i.parentId ? byId.get(i.parentId) : undefined;
    if (!parent) return 'none';
    if (types.get(i.issueTypeId)?.subtask) return parent.parentId && isEpic(byId.get(parent.parentId)!) ? byId.get(parent.parentId)!.key : 'none';
    return isEpic(parent) ? parent.key : 'none';
  };
  const inPeriod = (date: string) => date >= period.from && date <= period.to;
  const work = all.filter(isStandard);

  const out: OracleNumbers = { completedIssues: 0, completedPoints: 0, committedIssues: 0, committedPoints: 0, hours: 0, sprints: {}, completedByEpic: {}, epics: {}, hoursByEpic: {} };
  for (const issue of work) {
    const done = doneAt(issue);
    if (done !== null && inPeriod(utcDate(new Date(done).toISOString()))) {
      out.completedIssues += 1;
      out.completedPoints += points(issue);
      const group = (out.completedByEpic[epicOf(issue)] ??= { issues: 0, points: 0 });
      group.issues += 1;
      group.points += points(issue);
    }
    const epic = epicOf(issue);
    if (epic !== 'none') {
      const e = (out.epics[epic] ??= { doneIssues: 0, totalIssues: 0, donePoints: 0, totalPoints: 0 });
      e.totalIssues += 1;
      e.totalPoints += points(issue);
      if (done !== null && utcDate(new Date(done).toISOString()) <= period.to) {
        e.doneIssues += 1;
        e.donePoints += points(issue);
      }
    }
  }

  const boards = new Set(site.boards.filter((b) => b.projectId === project.id).map((b) => b.id));
  const committedAnywhere = new Set<string>();
  for (const sprint of site.sprints.filter((s) => boards.has(s.boardId) && s.state !== 'future' && s.startDate)) {
    const startMs = Date.parse(sprint.startDate as string);
    const closeAt = sprint.completeDate ?? sprint.endDate;
    const endMs = sprint.state === 'closed' && closeAt ? Date.parse(closeAt) : nowMs;
    const ran = utcDate(sprint.startDate as string) <= period.to && (sprint.state !== 'closed' || !closeAt || utcDate(closeAt) >= period.from);
    if (!ran) continue;
    const row = { committedIssues: 0, committedPoints: 0, completedIssues: 0, completedPoints: 0 };
    for (const issue of work) {
      if (sprintsAt(issue, startMs).includes(sprint.id)) {
        row.committedIssues += 1;
        row.committedPoints += points(issue);
        if (!committedAnywhere.has(issue.key)) {
          committedAnywhere.add(issue.key);
          out.committedIssues += 1;
          out.committedPoints += points(issue);
        }
      }
      const done = doneAt(issue);
      if (done !== null && done <= endMs && sprintsAt(issue, done).includes(sprint.id)) {
        row.completedIssues += 1;
        row.completedPoints += points(issue);
      }
    }
    out.sprints[String(sprint.id)] = row;
  }

  const seconds: Record<string, number> = {};
  let total = 0;
  for (const issue of all) {
    for (const log of issue.worklogs) {
      if (!inPeriod(utcDate(log.started))) continue;
      total += log.timeSpentSeconds;
      const epic = isEpic(issue) ? 'none' : epicOf(issue);
      seconds[epic] = (seconds[epic] ?? 0) + log.timeSpentSeconds;
    }
  }
  out.hours = round2(total / 3600);
  for (const [epic, s] of Object.entries(seconds)) out.hoursByEpic[epic] = round2(s / 3600);
  return out;
}

export interface OracleRow {
  metric: string;
  app: number;
  oracle: number;
  /** Sum of absolute differences (lists: over every entry the report lists, plus entries missing on either side). */
  difference: number;
}

const abs = (a: number, b: number) => Math.round(Math.abs(a - b) * 100) / 100;

/** The app's manager model against the oracle: one row per headline number or list. */
export function compareWithOracle(model: ReportModel, oracle: OracleNumbers): OracleRow[] {
  const rows: OracleRow[] = [];
  const single = (metric: string, app: number, expected: number) => rows.push({ metric, app, oracle: expected, difference: abs(app, expected) });
  single('issues done', model.completed.total, oracle.completedIssues);
  single('points done', model.completed.points, oracle.completedPoints);
  single('issues committed', model.headline.committedIssues, oracle.committedIssues);
  single('points committed', model.headline.committedPoints, oracle.committedPoints);
  single('hours', model.manpower?.totalHours ?? -1, oracle.hours);

  // Per sprint: every sprint that ran in the period, on both sides.
  let sprintDiff = 0;
  const sprintIds = new Set([...model.progress.sprints.map((s) => String(s.id)), ...Object.keys(oracle.sprints)]);
  let sprintSum = 0;
  for (const id of sprintIds) {
    const app = model.progress.sprints.find((s) => String(s.id) === id);
    const want = oracle.sprints[id];
    if (!app || !want) {
      sprintDiff += 1;
      continue;
    }
    sprintDiff += abs(app.committedIssues, want.committedIssues) + abs(app.committedPoints, want.committedPoints) + abs(app.completedIssues, want.completedIssues) + abs(app.completedPoints, want.completedPoints);
    sprintSum += want.completedPoints;
  }
  rows.push({ metric: `per sprint (${sprintIds.size} sprints: committed/done issues and points)`, app: sprintSum, oracle: sprintSum, difference: sprintDiff });

  // Per epic, completed work: the groups the report lists, plus the exact totals of the rest.
  let groupDiff = 0;
  for (const group of model.completed.byEpic) {
    const want = oracle.completedByEpic[group.epicKey ?? 'none'] ?? { issues: 0, points: 0 };
    groupDiff += abs(group.issues.total, want.issues) + abs(group.points, want.points);
  }
  const listedGroups = new Set(model.completed.byEpic.map((g) => g.epicKey ?? 'none'));
  const unlisted = Object.entries(oracle.completedByEpic).filter(([k]) => !listedGroups.has(k));
  const sumBy = (xs: [string, { issues: number; points: number }][]) => xs.reduce((n, [, g]) => n + g.issues, 0);
  groupDiff += abs(model.completed.byEpic.reduce((n, g) => n + g.issues.total, 0) + sumBy(unlisted), oracle.completedIssues);
  rows.push({ metric: `per epic, done in the period (${model.completed.byEpic.length} groups listed of ${Object.keys(oracle.completedByEpic).length})`, app: model.completed.byEpic.length, oracle: model.completed.byEpic.length, difference: groupDiff });

  // Per epic, progress: each listed epic's done and total issues and points.
  let epicDiff = 0;
  for (const epic of model.progress.epics) {
    const want = oracle.epics[epic.key];
    if (!want) {
      epicDiff += 1;
      continue;
    }
    epicDiff += abs(epic.doneIssues, want.doneIssues) + abs(epic.totalIssues, want.totalIssues) + abs(epic.donePoints, want.donePoints) + abs(epic.totalPoints, want.totalPoints);
  }
  rows.push({ metric: `per epic, progress (${model.progress.epics.length} epics listed)`, app: model.progress.epics.length, oracle: model.progress.epics.length, difference: epicDiff });

  // Per epic, hours.
  let hoursDiff = 0;
  for (const epic of model.manpower?.byEpic ?? []) hoursDiff += abs(epic.hours, oracle.hoursByEpic[epic.epicKey ?? 'none'] ?? 0);
  rows.push({ metric: `per epic, hours (${model.manpower?.byEpic.length ?? 0} listed)`, app: model.manpower?.byEpic.length ?? 0, oracle: model.manpower?.byEpic.length ?? 0, difference: hoursDiff });
  return rows;
}

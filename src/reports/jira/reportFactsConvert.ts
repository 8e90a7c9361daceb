/**
 * From what was read from Jira (reportFacts.ts's gathered rows) and Liaison's own data to the
 * `ReportFacts` the domain builds reports from. Pure: no I/O, no clock (the caller passes today).
 * The unit size test turns a generated site into facts with the same function.
 */
import type { WorkCalendar } from '../../platform/domain/businessDays';
import { CHANGE_ISSUE_TYPE_NAME } from '../../changes/domain/changeVocabulary';
import { sprintSpansFromHistory, type PreviousReportFacts, type ReportAskFact, type ReportChangeFact, type ReportFacts, type ReportFlagFact, type ReportIssue } from '../domain/facts';
import type { ReportPeriod } from '../domain/model';
import type { IssueRow, WorklogRow } from './reportFactsRows';
import type { SprintInfo } from '../../platform/jira/sprints';

/** What the gathering produced (a finished GatherState satisfies it). */
export interface GatheredData {
  project?: { key: string; name: string };
  scope: { projectKey: string };
  issues: IssueRow[];
  sprints: SprintInfo[];
  worklogs: WorklogRow[];
  names: Record<string, string>;
  truncated: boolean;
  fields?: { askFieldName: string | null };
}

export interface FactsContext {
  period: ReportPeriod;
  /** YYYY-MM-DD in the project's calendar. */
  today: string;
  /** ISO instant. */
  generatedAt: string;
  calendar: WorkCalendar;
  timeZone?: string;
  previous?: PreviousReportFacts;
  /** Change requests are set up in the project (its settings hold the change workflow). */
  changesSetUp: boolean;
  /** Internal assessed effort per change-request issue key (from the change store). */
  changeEfforts?: Record<string, number>;
  /** Extra limits that cut something short, for `gaps`. */
  gaps?: string[];
}

/** The epic of each issue: its parent when that is an epic; a sub-task's, its parent's epic. */
function epicOf(row: IssueRow, byKey: ReadonlyMap<string, IssueRow>): string | null {
  if (row.kind === 'epic') return null;
  if (row.kind === 'subtask') {
    const parent = row.parentKey ? byKey.get(row.parentKey) : undefined;
    return parent && parent.kind !== 'subtask' ? epicOf(parent, byKey) : null;
  }
  if (!row.parentKey) return null;
  const parent = byKey.get(row.parentKey);
  return row.parentIsEpic || parent?.kind === 'epic' ? row.parentKey : null;
}

function issueOf(row: IssueRow, epicKey: string | null): ReportIssue {
  const issue: ReportIssue = {
    key: row.key,
    summary: row.summary,
    kind: row.kind,
    epicKey,
    created: row.created,
    doneAt: row.doneAt,
    duedate: row.duedate,
    sprintSpans: sprintSpansFromHistory(row.created, row.sprintIds, row.sprintChanges),
  };
  if (row.change !== null || row.issueType === CHANGE_ISSUE_TYPE_NAME) issue.changeRequest = true;
  if (row.points !== null) issue.points = row.points;
  if (row.assignee !== undefined) issue.assignee = row.assignee;
  if (row.statusName !== undefined) issue.statusName = row.statusName;
  return issue;
}

function changeOf(row: IssueRow, efforts: Record<string, number> | undefined): ReportChangeFact | null {
  const change = row.change;
  if (!change) return null;
  const fact: ReportChangeFact = { issueKey: row.key, summary: row.summary, step: change.step, requestedAt: change.requestedAt };
  if (change.decision) {
    fact.outcome = change.decision.outcome;
    fact.decidedAt = change.decision.at;
    if (change.decision.price) fact.price = { amount: change.decision.price.amount, currency: change.decision.price.currency };
  }
  if (typeof change.scheduleDays === 'number') fact.scheduleDays = change.scheduleDays;
  const effort = efforts?.[row.key];
  if (typeof effort === 'number') fact.effortDays = effort;
  return fact;
}

export function toReportFacts(data: GatheredData, ctx: FactsContext): ReportFacts {
  const byKey = new Map(data.issues.map((row) => [row.key, row]));
  const epics = new Map(data.issues.map((row) => [row.key, epicOf(row, byKey)]));
  const issues = data.issues.map((row) => issueOf(row, epics.get(row.key) ?? null));

  const flags: ReportFlagFact[] = data.issues.flatMap((row) => row.flags.map((flag) => ({ issueKey: row.key, summary: row.summary, flag })));
  const asks: ReportAskFact[] = data.issues
    .filter((row) => row.ask !== null || row.askHistory.length > 0)
    .map((row) => ({ issueKey: row.key, summary: row.summary, ask: row.ask, history: row.askHistory, duedate: row.duedate, resolvedAt: row.doneAt }));
  const changeFacts = data.issues.flatMap((row) => changeOf(row, ctx.changeEfforts) ?? []);

  const gaps = [...(ctx.gaps ?? [])];
  if (data.truncated) gaps.push('The project has more boards or sprints than one report reads: the oldest closed sprints were left out of the velocity (every issue in the period is counted).');

  const facts: ReportFacts = {
    projectKey: data.project?.key ?? data.scope.projectKey,
    projectName: data.project?.name ?? data.scope.projectKey,
    period: ctx.period,
    today: ctx.today,
    generatedAt: ctx.generatedAt,
    calendar: ctx.calendar,
    issues,
    sprints: data.sprints.map((s) => ({ ...s })),
    worklogs: data.worklogs.map((w) => ({ issueKey: w.issueKey, epicKey: epics.get(w.issueKey) ?? null, authorId: w.author, started: w.started, seconds: w.seconds })),
    people: { ...data.names },
    flags,
    asks,
  };
  if (ctx.timeZone) facts.timeZone = ctx.timeZone;
  if (ctx.changesSetUp || changeFacts.length > 0) facts.changes = changeFacts;
  if (ctx.previous) facts.previous = ctx.previous;
  if (data.fields?.askFieldName) facts.askFieldName = data.fields.askFieldName;
  if (gaps.length > 0) facts.gaps = gaps;
  return facts;
}

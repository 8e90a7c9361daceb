/**
 * What report generation keeps of each Jira issue, sprint and worklog: compact rows parsed out of
 * Jira's JSON (pure functions, no I/O), so a page of 100 issues shrinks to what the report needs
 * before the next page is read, and the gathering state stays small enough to carry between
 * invocations of a queue consumer (issue 8).
 */
import type { ChangeOutcome, ChangeStep, Price } from '../../changes/domain/changeRequest';
import type { AskEvent, ClientAsk } from '../../asks/domain/clientAsk';
import type { Flag } from '../../flags/domain/redFlags';

export const FLAGS_PROPERTY = 'liaison-flags';

/** The site's ids of the fields reports read beyond Jira's system fields (null: not on this site). */
export interface ReportFieldIds {
  storyPointsFieldId: string | null;
  sprintFieldId: string | null;
  askFieldId: string | null;
  /** The Client assignee field's name, for its JQL aliases (null without the field). */
  askFieldName: string | null;
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

/** What a report reads of a change request's record. */
export interface ReportChangeSource {
  step: ChangeStep;
  requestedAt: string;
  scheduleDays?: number;
  decision?: { outcome: ChangeOutcome; price?: Price; at: string };
}

/** A change of the issue's Sprint field: the sprint ids before and after. */
export interface SprintChange {
  at: string;
  from: number[];
  to: number[];
}

export interface IssueRow {
  key: string;
  summary: string;
  issueType: string;
  kind: 'epic' | 'standard' | 'subtask';
  statusCategory: StatusCategoryKey;
  /** The status's name ("In review"), for the team report's review queue. */
  statusName?: string;
  /** accountId of the assignee (null: unassigned), for the team report. */
  assignee?: string | null;
  created: string;
  /** When it entered a done status (resolution date, else the status category change); null while not done. */
  doneAt: string | null;
  duedate: string | null;
  points: number | null;
  parentKey: string | null;
  /** The parent is an epic (Jira embeds the parent's issue type). */
  parentIsEpic: boolean;
  /** Sprint ids in the Sprint field now. */
  sprintIds: number[];
  /** Changes of the Sprint field, oldest first (from the changelog Jira embedded). */
  sprintChanges: SprintChange[];
  ask: ClientAsk | null;
  askHistory: AskEvent[];
  /** Red flags: from the issue's `flag` record (the property is only a JQL index), filled in by factsFromData. */
  flags: Flag[];
  /** Change requests: from the issue's `change` record, filled in by factsFromData; null for any other issue. */
  change: ReportChangeSource | null;
}

export interface WorklogRow {
  issueKey: string;
  author: string;
  /** ISO instant the work started. */
  started: string;
  seconds: number;
}

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** Sprint ids in a changelog value of the Sprint field (`"12, 14"`). */
export function sprintIdsIn(value: unknown): number[] {
  if (typeof value !== 'string') return [];
  return value
    .split(/[,\s]+/)
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
}

function sprintChangesOf(changelog: unknown, sprintFieldId: string | null): SprintChange[] {
  const histories = Array.isArray(record(changelog).histories) ? (record(changelog).histories as unknown[]) : [];
  const changes: SprintChange[] = [];
  for (const entry of histories) {
    const history = record(entry);
    const at = text(history.created);
    if (!at || !Array.isArray(history.items)) continue;
    for (const raw of history.items) {
      const item = record(raw);
      const isSprint = (sprintFieldId !== null && item.fieldId === sprintFieldId) || item.field === 'Sprint';
      if (!isSprint) continue;
      const from = sprintIdsIn(item.from);
      const to = sprintIdsIn(item.to);
      if (from.join() !== to.join()) changes.push({ at, from, to });
    }
  }
  return changes.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function statusCategoryOf(status: Record<string, unknown>): StatusCategoryKey {
  const key = record(status.statusCategory).key;
  return key === 'done' || key === 'indeterminate' ? key : 'new';
}

/** One issue of a search page, as the report keeps it. */
export function toIssueRow(issue: { key: string; fields?: Record<string, unknown>; properties?: Record<string, unknown>; changelog?: unknown }, ids: ReportFieldIds): IssueRow {
  const f = issue.fields ?? {};
  const type = record(f.issuetype);
  const status = record(f.status);
  const parent = record(f.parent);
  const sprints = ids.sprintFieldId && Array.isArray(f[ids.sprintFieldId]) ? (f[ids.sprintFieldId] as unknown[]) : [];
  const points = ids.storyPointsFieldId ? finite(f[ids.storyPointsFieldId]) : undefined;
  const props = issue.properties ?? {};
  const statusCategory = statusCategoryOf(status);
  const parentType = record(record(parent.fields).issuetype);
  const kind = type.subtask === true ? 'subtask' : type.hierarchyLevel === 1 || (type.hierarchyLevel === undefined && type.name === 'Epic') ? 'epic' : 'standard';
  return {
    key: issue.key,
    summary: text(f.summary) ?? '',
    issueType: text(type.name) ?? '',
    kind,
    statusCategory,
    ...(text(status.name) ? { statusName: text(status.name) as string } : {}),
    ...('assignee' in f ? { assignee: text(record(f.assignee).accountId) } : {}),
    created: text(f.created) ?? new Date(0).toISOString(),
    doneAt: statusCategory === 'done' ? (text(f.resolutiondate) ?? text(f.statuscategorychangedate) ?? text(f.updated)) : null,
    duedate: text(f.duedate),
    points: points ?? null,
    parentKey: text(parent.key),
    parentIsEpic: parentType.hierarchyLevel === 1,
    sprintIds: sprints.flatMap((s) => (typeof record(s).id === 'number' ? [record(s).id as number] : [])),
    sprintChanges: sprintChangesOf(issue.changelog, ids.sprintFieldId),
    // The ask, flags and change request come from their records, attached after the search: never from Jira.
    ask: null,
    askHistory: [],
    flags: [],
    change: null,
  };
}

/** The worklogs Jira embedded in the issue's `worklog` field, and whether that was all of them. */
export function embeddedWorklogs(issueKey: string, fields: Record<string, unknown> | undefined): { worklogs: WorklogRow[]; complete: boolean } {
  const field = record(fields?.worklog);
  const list = Array.isArray(field.worklogs) ? field.worklogs : [];
  const worklogs = list.flatMap((raw) => worklogRow(issueKey, raw));
  const total = finite(field.total) ?? list.length;
  return { worklogs, complete: total <= list.length };
}

export function worklogRow(issueKey: string, raw: unknown): WorklogRow[] {
  const w = record(raw);
  const author = text(record(w.author).accountId);
  const started = text(w.started);
  const seconds = finite(w.timeSpentSeconds);
  if (!author || !started || seconds === undefined) return [];
  return [{ issueKey, author, started, seconds }];
}

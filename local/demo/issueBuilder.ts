/**
 * Turns issue drafts (what happened to an issue, as dated events) into SandboxIssues with
 * consistent ids, keys, changelogs and worklogs. Every status move must be a transition of the
 * project's workflow, every event must fall between the issue's creation and today, and a
 * person's worklogs never overlap or leave the 09:00–17:00 working day.
 */
import {
  SPRINT_FIELD, STORY_POINTS_FIELD,
  type AccountId, type AdfDoc, type ChangelogEntry, type ChangelogItem, type CommentRecord, type SandboxIssue,
  type SandboxProject, type SiteData, type WorkflowDef, type WorklogRecord,
} from '../jira/model';
import { DAY_MS, MINUTE_MS, WORKDAY_MINUTES, WORKDAY_START_HOUR, dayStartMs, isWorkday, jiraDateTime } from './calendar';
import { plainDoc } from './adf';
import type { SeededRandom } from './random';
import { RESOLUTION_DONE, STATUS_IDS, type Progress } from './siteConfig';

export interface StatusMove { at: number; by: AccountId; to: Progress }
export interface SprintMove { at: number; by: AccountId; sprintIds: number[] }
export interface AssigneeMove { at: number; by: AccountId; to: AccountId | null }

/** Time someone logged on the issue: `entries` worklogs adding up to about `hours`, inside [fromMs, toMs). */
export interface WorkPlan {
  author: AccountId;
  fromMs: number;
  toMs: number;
  hours: number;
  entries: number;
  /** Worklog comments to choose from (none: worklogs without comment). */
  notes?: readonly string[];
}

export interface CommentPlan {
  at: number;
  author: AccountId;
  body: AdfDoc;
  visibility?: { type: 'role' | 'group'; value: string };
}

export interface IssueDraft {
  projectKey: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  priorityId: string;
  labels: string[];
  storyPoints?: number;
  duedate: string | null;
  reporter: AccountId;
  created: number;
  /** Assignee when created; later changes are `assigneeMoves`. */
  assignee: AccountId | null;
  assigneeMoves: AssigneeMove[];
  /** Sprints the issue was created in (no changelog entry: set on the create screen). */
  initialSprintIds: number[];
  sprintMoves: SprintMove[];
  statusMoves: StatusMove[];
  work: WorkPlan[];
  comments: CommentPlan[];
  parent: IssueDraft | null;
  /** Filled by materializeIssues. */
  issue?: SandboxIssue;
}

export function newDraft(fields: Pick<IssueDraft, 'projectKey' | 'issueTypeId' | 'summary' | 'reporter' | 'created'> & Partial<IssueDraft>): IssueDraft {
  return {
    description: null,
    priorityId: '3',
    labels: [],
    duedate: null,
    assignee: null,
    assigneeMoves: [],
    initialSprintIds: [],
    sprintMoves: [],
    statusMoves: [],
    work: [],
    comments: [],
    parent: null,
    ...fields,
  };
}

/** Books people's working time day by day so that their worklogs never overlap. */
export class WorkLedger {
  /** `${accountId}|${day}` -> first free working minute of that day. */
  private readonly booked = new Map<string, number>();

  /**
   * Books up to `minutes` for `author` on `day`, not before `earliest` nor after `latest`
   * (working minutes since 09:00). Returns the booked [start, end) or null when the day is full.
   */
  book(author: AccountId, day: number, minutes: number, earliest = 0, latest = WORKDAY_MINUTES): { start: number; end: number } | null {
    const key = `${author}|${day}`;
    const free = this.booked.get(key) ?? 0;
    const start = Math.ceil(Math.max(free, earliest) / 15) * 15;
    const end = Math.min(start + minutes, latest);
    if (end - start < 30) return null;
    this.booked.set(key, end);
    return { start, end };
  }
}

/** Working minutes since 09:00 of an instant on its own day, clamped to the working day. */
function minuteInWorkday(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const minutes = (ms - dayStartMs(day)) / MINUTE_MS - WORKDAY_START_HOUR * 60;
  return Math.min(WORKDAY_MINUTES, Math.max(0, Math.ceil(minutes)));
}

function findTransition(workflow: WorkflowDef, fromStatusId: string, toStatusId: string): boolean {
  return workflow.transitions.some((t) => t.to === toStatusId && (t.from.length === 0 || t.from.includes(fromStatusId)));
}

export interface MaterializeContext {
  site: SiteData;
  rng: SeededRandom;
  ledger: WorkLedger;
  /** Start of today (UTC): nothing in the site happened at or after it. */
  todayStartMs: number;
}

/**
 * Creates the issues of `drafts` in the site, in order of creation (so keys grow with time), and
 * sets `draft.issue`. Parents must be created no later than their children.
 */
export function materializeIssues(ctx: MaterializeContext, drafts: IssueDraft[]): void {
  const { site } = ctx;
  const projects = new Map<string, SandboxProject>(site.projects.map((p) => [p.key, p]));
  const workflows = new Map<string, WorkflowDef>();
  for (const w of site.workflows) {
    workflows.set(w.id, w);
    workflows.set(w.name, w);
  }
  const statusNames = new Map(site.statuses.map((s) => [s.id, s.name]));
  const sprintNames = new Map(site.sprints.map((s) => [s.id, s.name]));
  const userNames = new Map(site.users.map((u) => [u.accountId, u.displayName]));
  const nextKey = new Map<string, number>();
  for (const issue of site.issues) {
    const [projectKey, n] = issue.key.split('-');
    nextKey.set(projectKey, Math.max(nextKey.get(projectKey) ?? 0, Number(n)));
  }

  const order = drafts.map((draft, index) => ({ draft, index }));
  order.sort((a, b) => a.draft.created - b.draft.created || a.index - b.index);
  for (const { draft } of order) {
    const project = projects.get(draft.projectKey);
    if (!project) throw new Error(`Draft '${draft.summary}' names unknown project ${draft.projectKey}`);
    if (draft.parent && !draft.parent.issue) throw new Error(`Draft '${draft.summary}' is created before its parent '${draft.parent.summary}'`);
    const workflowRef = project.workflowByIssueType[draft.issueTypeId];
    const workflow = workflows.get(workflowRef);
    if (!workflow) throw new Error(`Project ${project.key} has no workflow for issue type ${draft.issueTypeId}`);
    if (draft.created >= ctx.todayStartMs) throw new Error(`Draft '${draft.summary}' is created in the future`);

    const keyNumber = (nextKey.get(project.key) ?? 0) + 1;
    nextKey.set(project.key, keyNumber);
    const id = String(++site.counters.issue);
    const key = `${project.key}-${keyNumber}`;
    const nameOf = (accountId: AccountId | null): string | null => (accountId === null ? null : userNames.get(accountId) ?? accountId);
    const sprintList = (ids: number[]): { ids: string | null; names: string | null } =>
      ids.length === 0 ? { ids: null, names: null } : { ids: ids.join(', '), names: ids.map((s) => sprintNames.get(s) ?? String(s)).join(', ') };

    // Every dated event becomes one changelog entry; events are applied in time order.
    type Event = { at: number; by: AccountId; apply: () => ChangelogItem[] };
    let statusId = workflow.initialStatusId;
    let assignee = draft.assignee;
    let sprintIds = [...draft.initialSprintIds];
    let resolvedAt: number | null = null;
    const events: Event[] = [];
    for (const move of draft.assigneeMoves) {
      events.push({
        at: move.at, by: move.by,
        apply: () => {
          const items: ChangelogItem[] = [{ field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: assignee, fromString: nameOf(assignee), to: move.to, toString: nameOf(move.to) }];
          assignee = move.to;
          return items;
        },
      });
    }
    for (const move of draft.sprintMoves) {
      events.push({
        at: move.at, by: move.by,
        apply: () => {
          const before = sprintList(sprintIds);
          const after = sprintList(move.sprintIds);
          sprintIds = [...move.sprintIds];
          return [{ field: 'Sprint', fieldtype: 'custom', fieldId: SPRINT_FIELD, from: before.ids, fromString: before.names, to: after.ids, toString: after.names }];
        },
      });
    }
    for (const move of draft.statusMoves) {
      events.push({
        at: move.at, by: move.by,
        apply: () => {
          const to = STATUS_IDS[move.to];
          if (!findTransition(workflow, statusId, to)) {
            throw new Error(`${key}: workflow '${workflow.name}' has no transition ${statusNames.get(statusId)} → ${statusNames.get(to)}`);
          }
          const items: ChangelogItem[] = [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: statusId, fromString: statusNames.get(statusId) ?? null, to, toString: statusNames.get(to) ?? null }];
          const wasDone = statusId === STATUS_IDS.done;
          const isDone = to === STATUS_IDS.done;
          if (isDone && !wasDone) {
            items.unshift({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: RESOLUTION_DONE.id, toString: RESOLUTION_DONE.name });
            resolvedAt = move.at;
          } else if (wasDone && !isDone) {
            items.unshift({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: RESOLUTION_DONE.id, fromString: RESOLUTION_DONE.name, to: null, toString: null });
            resolvedAt = null;
          }
          statusId = to;
          return items;
        },
      });
    }
    events.sort((a, b) => a.at - b.at);
    const changelog: ChangelogEntry[] = [];
    let latest = draft.created;
    for (const event of events) {
      if (event.at < draft.created || event.at >= ctx.todayStartMs) {
        throw new Error(`${key} '${draft.summary}': event at ${new Date(event.at).toISOString()} is outside [created, today)`);
      }
      changelog.push({ id: String(++site.counters.changelog), author: event.by, created: jiraDateTime(event.at), items: event.apply() });
      latest = Math.max(latest, event.at);
    }

    const comments: CommentRecord[] = draft.comments
      .slice()
      .sort((a, b) => a.at - b.at)
      .map((c) => {
        if (c.at < draft.created || c.at >= ctx.todayStartMs) throw new Error(`${key}: comment outside [created, today)`);
        latest = Math.max(latest, c.at);
        const record: CommentRecord = { id: String(++site.counters.comment), author: c.author, body: c.body, created: jiraDateTime(c.at), updated: jiraDateTime(c.at) };
        if (c.visibility) record.visibility = { ...c.visibility };
        return record;
      });

    const worklogs = logWork(ctx, draft);
    for (const w of worklogs) latest = Math.max(latest, Date.parse(w.updated));

    const customFields: Record<string, unknown> = {};
    if (draft.storyPoints !== undefined) customFields[STORY_POINTS_FIELD] = draft.storyPoints;
    const issue: SandboxIssue = {
      id,
      key,
      projectId: project.id,
      issueTypeId: draft.issueTypeId,
      statusId,
      summary: draft.summary,
      description: draft.description,
      assignee,
      reporter: draft.reporter,
      creator: draft.reporter,
      created: jiraDateTime(draft.created),
      updated: jiraDateTime(latest),
      resolutiondate: statusId === STATUS_IDS.done && resolvedAt !== null ? jiraDateTime(resolvedAt) : null,
      duedate: draft.duedate,
      labels: [...draft.labels],
      priorityId: draft.priorityId,
      parentId: draft.parent?.issue?.id ?? null,
      sprintIds,
      customFields,
      properties: {},
      changelog,
      comments,
      worklogs,
    };
    site.issues.push(issue);
    draft.issue = issue;
  }
}

/** The worklogs of a draft's work plans, booked in the people's working days. */
function logWork(ctx: MaterializeContext, draft: IssueDraft): WorklogRecord[] {
  const worklogs: WorklogRecord[] = [];
  for (const plan of draft.work) {
    const fromMs = Math.max(plan.fromMs, draft.created);
    const toMs = Math.min(plan.toMs, ctx.todayStartMs);
    if (toMs <= fromMs || plan.entries <= 0 || plan.hours <= 0) continue;
    const firstDay = Math.floor(fromMs / DAY_MS);
    const lastDay = Math.floor((toMs - 1) / DAY_MS);
    const days: number[] = [];
    for (let d = firstDay; d <= lastDay; d++) if (isWorkday(d)) days.push(d);
    if (days.length === 0) continue;
    const perEntry = Math.max(30, Math.round((plan.hours * 60) / plan.entries / 15) * 15);
    for (let n = 0; n < plan.entries; n++) {
      // A few tries: the chosen day may already be full for this person.
      for (let attempt = 0; attempt < 3; attempt++) {
        const day = ctx.rng.pick(days);
        const earliest = day === firstDay ? minuteInWorkday(fromMs) : 0;
        const latest = day === lastDay ? minuteInWorkday(toMs) : WORKDAY_MINUTES;
        const slot = ctx.ledger.book(plan.author, day, perEntry, earliest, latest);
        if (!slot) continue;
        const startedMs = dayStartMs(day) + (WORKDAY_START_HOUR * 60 + slot.start) * MINUTE_MS;
        const loggedMs = dayStartMs(day) + (WORKDAY_START_HOUR * 60 + slot.end) * MINUTE_MS;
        const worklog: WorklogRecord = {
          id: '',
          author: plan.author,
          timeSpentSeconds: (slot.end - slot.start) * 60,
          started: jiraDateTime(startedMs),
          created: jiraDateTime(loggedMs),
          updated: jiraDateTime(loggedMs),
        };
        if (plan.notes && plan.notes.length > 0) worklog.comment = plainDoc(ctx.rng.pick(plan.notes));
        worklogs.push(worklog);
        break;
      }
    }
  }
  worklogs.sort((a, b) => (a.started < b.started ? -1 : a.started > b.started ? 1 : 0));
  for (const w of worklogs) w.id = String(++ctx.site.counters.worklog);
  return worklogs;
}

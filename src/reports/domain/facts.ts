/**
 * ReportFacts: everything `buildReport` needs, as plain data. report-server gathers it from Jira
 * (paged JQL searches with only the needed fields, the project's sprints, worklogs) and Liaison's
 * own data (flags, asks, change requests, the previous report); tests build it by hand.
 *
 * Scope the gatherer should cover (so every section's numbers are exact):
 * - `issues`: every epic of the project, and every non-epic issue that (a) belongs to a sprint
 *   that overlaps the period, the active sprint(s), the next future sprint or one of the recent
 *   closed sprints used for velocity; or (b) is done within the period or the forecast window; or
 *   (c) has a due date in the period or the next period; or (d) is a child of a listed epic (for the
 *   epics' completion). Sub-tasks may be left out: the report counts standard issues only.
 * - `sprints`: the project's sprints (closed ones may be limited to the recent ones).
 * - `worklogs`: entries started within the previous period and the period.
 * - `flags`, `asks`, `changes`: the project's, whatever their state (the builder filters).
 * Instants are ISO strings with offset; dates `YYYY-MM-DD`. The builder never reads the clock:
 * `today` and `generatedAt` are facts.
 */
import type { WorkCalendar } from '../../platform/domain/businessDays';
import type { ChangeOutcome, ChangeStep, Price } from '../../changes/domain/changeVocabulary';
import type { AskEvent, ClientAsk } from '../../asks/domain/clientAsk';
import type { Flag } from '../../flags/domain/redFlags';
import type { ReportPeriod, Range } from './model';
import type { Decision } from './decisions';
import type { Planning } from './planning';
import type { PlanBaseline, PlanItemState } from './plan';

/** One sample of throughput history (a closed sprint or a week), scaled to a week. */
export interface ThroughputSample {
  label: string;
  /** Points and issues finished, per week of the sample. */
  points: number;
  issues: number;
  byEpic: Record<string, number>;
}

/** What the plan sections of a report read (planReport.ts builds them). */
export interface PlanningFacts {
  settings?: Planning;
  /** Every baseline the project kept (the builder picks the one for the period). */
  baselines?: PlanBaseline[];
  items?: PlanItemState[];
  remaining?: { points: number; issues: number; byEpic: Record<string, number> };
  throughput?: { basis: string; samples: ThroughputSample[] };
  effortToDate?: { from?: string; secondsByPerson: Record<string, number> };
  estimates?: { originalSeconds: number; remainingSeconds: number; issues: number };
  decisions?: Decision[];
  forecastHistory?: { period: { from: string; to: string }; likely50: Range; likely85: Range; actualPoints: number }[];
}


/** A stretch of time an issue was in a sprint: from `from` (ISO instant) until `to` (null: still in it). */
export interface SprintSpan {
  sprintId: number;
  from: string;
  to: string | null;
}

export interface ReportIssue {
  key: string;
  summary: string;
  /** Epics are the grouping level; sub-tasks are not counted. */
  kind: 'epic' | 'standard' | 'subtask';
  /** A change request (its issue type, or Liaison holds a change record for it): never counted as work done. */
  changeRequest?: boolean;
  /** Story points (absent: unestimated, counted as 0 points). */
  points?: number;
  /** The epic this issue belongs to (its parent when the parent is an epic). */
  epicKey: string | null;
  /** ISO instant */
  created: string;
  /** When the issue entered a done status (ISO instant); null while it is not done. */
  doneAt: string | null;
  /** YYYY-MM-DD or null */
  duedate: string | null;
  /** Its sprint memberships, oldest first (see sprintSpansFromHistory). */
  sprintSpans: SprintSpan[];
  /** Who holds it now (accountId; null: unassigned; absent: not read). The team report groups by it. */
  assignee?: string | null;
  /** Its Jira status name now ("In review"): the team report's review queue. */
  statusName?: string;
}

export interface ReportSprint {
  id: number;
  name: string;
  state: 'future' | 'active' | 'closed';
  /** ISO instants; future sprints may have none. */
  startDate?: string;
  endDate?: string;
  completeDate?: string;
}

export interface ReportWorklog {
  issueKey: string;
  /** The epic of the issue the time was logged on (null: no epic). */
  epicKey: string | null;
  authorId: string;
  /** ISO instant the work started (Jira's `started`): decides the period it counts in. */
  started: string;
  seconds: number;
}

export interface ReportFlagFact {
  issueKey: string;
  summary: string;
  flag: Flag;
}

export interface ReportAskFact {
  issueKey: string;
  summary: string;
  /** The ask record's current ask (null: none). */
  ask: ClientAsk | null;
  /** The ask record's history (for the delay attribution). */
  history: AskEvent[];
  duedate: string | null;
  /** ISO instant the issue was resolved, or null. */
  resolvedAt: string | null;
}

/** A change request as the report needs it (issue 4's `liaison-change` property and KVS document). */
export interface ReportChangeFact {
  issueKey: string;
  summary: string;
  step: ChangeStep;
  /** ISO instant */
  requestedAt: string;
  outcome?: ChangeOutcome;
  /** ISO instant of the decision */
  decidedAt?: string;
  /** Paid changes: the agreed price. */
  price?: Price;
  /** From the assessment: how many days the change adds to the schedule. */
  scheduleDays?: number;
  /** Internal: the assessed effort (only manager / approver / team reports show it). */
  effortDays?: number;
}

/** What the previous report of the same audience and period kind expected for this period. */
export interface PreviousReportFacts {
  reportId: string;
  period: ReportPeriod;
  /** Its forecast: points expected to be completed in the period after it. */
  expectedPoints: Range;
}

export interface ReportFacts {
  projectKey: string;
  projectName: string;
  period: ReportPeriod;
  /** YYYY-MM-DD: "today" in the project's calendar. */
  today: string;
  /** ISO instant the facts were read. */
  generatedAt: string;
  timeZone?: string;
  calendar: WorkCalendar;
  issues: ReportIssue[];
  sprints: ReportSprint[];
  worklogs: ReportWorklog[];
  /** accountId -> display name (people of worklogs, asks, status override). */
  people: Record<string, string>;
  flags: ReportFlagFact[];
  asks: ReportAskFact[];
  /** Absent when change requests are not set up in the project (the section says so). */
  changes?: ReportChangeFact[];
  previous?: PreviousReportFacts;
  /** The Client assignee field's name, for the asks' JQL (default "Client assignee"). */
  askFieldName?: string;
  /** Issue 17: plan, money, forecast history and decisions (planReport.ts says what the reader provides). */
  planning?: PlanningFacts;
  /** The Jira site's address, for links in the exports. */
  siteUrl?: string;
  /** What the gatherer had to leave out (e.g. "closed sprints before Sprint 4"): shown in `omitted`. */
  gaps?: string[];
}

/** A change of the Sprint field in an issue's changelog: the sprint ids before and after. */
export interface SprintFieldChange {
  at: string;
  from: number[];
  to: number[];
}

/**
 * The sprint memberships an issue's Sprint field history records. A sprint in the field when
 * the issue was created (the value before the first change, or the current value when there is
 * no change) counts from `created`. Jira keeps a closed sprint in the field when unfinished work
 * moves on, so a sprint leaves the field only when someone removes it.
 */
export function sprintSpansFromHistory(created: string, currentSprintIds: readonly number[], changes: readonly SprintFieldChange[]): SprintSpan[] {
  const ordered = [...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const initial = ordered.length > 0 ? ordered[0].from : currentSprintIds;
  const open = new Map<number, SprintSpan>();
  const spans: SprintSpan[] = [];
  const enter = (sprintId: number, at: string) => {
    if (open.has(sprintId)) return;
    const span = { sprintId, from: at, to: null };
    open.set(sprintId, span);
    spans.push(span);
  };
  for (const id of initial) enter(id, created);
  for (const change of ordered) {
    for (const [id, span] of [...open]) {
      if (!change.to.includes(id)) {
        span.to = change.at;
        open.delete(id);
      }
    }
    for (const id of change.to) enter(id, change.at);
  }
  return spans;
}

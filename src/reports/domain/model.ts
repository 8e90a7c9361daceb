/**
 * The stakeholder report model (issue 6): what a report says, for one project, period and audience.
 * Dependency-free (types and word lists only) so the Custom UI bundles, the exporters and the server
 * all share it. Contract for report-export / report-server / report-ui: change only by ADDING fields.
 *
 * Built by `buildReport` (src/reports/domain/build.ts) from `ReportFacts` (src/reports/domain/facts.ts).
 * Dates are calendar dates `YYYY-MM-DD`; instants are ISO strings.
 *
 * Added after the first version (all optional or new constants): progress.epicsTotal,
 * ReportFlag.clientVisible, headline.committedDoneIssues / committedDonePoints (show "X of Y
 * committed done" from these, not from completedIssues, which counts all work finished in the
 * period), STATUS_RULES / STATUS_THRESHOLDS (the rules to show next to the status),
 * HEADLINE_DEFINITIONS, REPORT_SECTION_TITLES, OVERALL_STATUS_LABELS, OVERRIDE_REASON_MAX_CHARS,
 * NARRATIVE_MAX_CHARS, StatusOverride.byName (the name of `by`; print it, never the account id),
 * SprintProgress.committedDoneIssues / committedDonePoints (committed work done in the sprint). `changes.decided[].outcome` is a ChangeOutcome id (declined | withdrawn |
 * unpaid | paid: labels in src/changes/domain/changeVocabulary.ts); `problems.flags[].category` is a label.
 */

import type { BoundedList, IssueRef, Range } from './lists';
import type { ReportCosts, ReportDecisions, ReportMonteCarlo, ReportPlan } from './planModel';

export type { BoundedList, IssueRef, Range } from './lists';

export type { ReportCosts, ReportDecision, ReportDecisions, ReportForecastRecord, ReportMilestone, ReportMonteCarlo, ReportPlan, ReportPlanSlip, MilestoneState } from './planModel';

export const REPORT_SECTIONS = ['status', 'progress', 'deviation', 'completed', 'manpower', 'problems', 'clientActions', 'changes', 'forecast'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** Same words as `Audience` in src/platform/domain/vocabulary.ts. */
export type ReportAudience = 'executive' | 'manager' | 'client' | 'team';
export const REPORT_AUDIENCES: readonly ReportAudience[] = ['executive', 'manager', 'client', 'team'];

export type OverallStatus = 'on-track' | 'at-risk' | 'off-track';
export const OVERALL_STATUSES: readonly OverallStatus[] = ['on-track', 'at-risk', 'off-track'];

export type ReportPeriodKind = 'week' | 'month' | 'custom';
/** `from` and `to` are inclusive YYYY-MM-DD dates. */
export interface ReportPeriod {
  kind: ReportPeriodKind;
  from: string;
  to: string;
}

export interface Money {
  amount: number;
  currency: string;
}

export interface StatusOverride {
  status: OverallStatus;
  reason: string;
  /** The account id of who set it (the client's model holds a name here instead). */
  by: string;
  at: string;
  /** The display name of `by`, put in by the server when it builds the model: exports print this, never `by`. */
  byName?: string;
}

export interface SprintProgress {
  id: number;
  name: string;
  state: string;
  startDate?: string;
  endDate?: string;
  committedIssues: number;
  completedIssues: number;
  committedPoints: number;
  completedPoints: number;
  /**
   * Of the issues committed at the sprint's start, how many (and their points) were done in the
   * sprint. `completedIssues`/`completedPoints` also count work added after the start.
   */
  committedDoneIssues?: number;
  committedDonePoints?: number;
}

export interface EpicProgress {
  key: string;
  summary: string;
  doneIssues: number;
  totalIssues: number;
  donePoints: number;
  totalPoints: number;
}

export interface BurnUpPoint {
  date: string;
  scopePoints: number;
  donePoints: number;
}

export interface MissedDueDate extends IssueRef {
  due: string;
  businessDaysLate: number;
}

export interface PreviousForecastComparison {
  expectedPoints: { low: number; high: number };
  actualPoints: number;
  within: boolean;
}

export interface CompletedEpicGroup {
  epicKey: string | null;
  epicSummary: string;
  issues: BoundedList<IssueRef>;
  points: number;
}

export interface PersonHours {
  accountId: string;
  name: string;
  hours: number;
  previousHours: number;
}

export interface EpicHours {
  epicKey: string | null;
  epicSummary: string;
  hours: number;
  previousHours: number;
}

export interface ReportFlag {
  issueKey: string;
  summary: string;
  /** The category's label, e.g. "Blocked on client". */
  category: string;
  /** low | medium | high | critical */
  severity: string;
  note?: string;
  /** Whether the team marked the flag client-visible (always true in a client report). */
  clientVisible?: boolean;
  /** Internal reports: who raised it (its owner until resolved) and its age in days. */
  owner?: string;
  ageDays?: number;
  /** YYYY-MM-DD: the flag was resolved on this date, after the period began (absent: still open at the period's end). */
  resolvedOn?: string;
}

export interface TeamDelayRow {
  businessDays: number;
  issues: string[];
}

export interface ClientDelay {
  client: string;
  businessDays: number;
  issues: string[];
}

export interface ReportAsk {
  issueKey: string;
  summary: string;
  client: string;
  ask: string;
  due: string;
  overdueBusinessDays: number;
}

export interface DecidedChange {
  issueKey: string;
  summary: string;
  outcome: string;
  price?: Money;
  scheduleDays?: number;
}

/** A change request not decided yet, named for the client (issue 17): what it is, where it stands, when it was asked. */
export interface PendingChange {
  issueKey: string;
  summary: string;
  /** The step's label, e.g. "Assessing" (CHANGE_STEP_INFO). */
  step: string;
  /** YYYY-MM-DD the change was requested. */
  requestedAt: string;
  /** YYYY-MM-DD the client can expect an answer, when the plan sets one (absent: not promised). */
  answerBy?: string;
}

/** One person's work in the team report: what they hold open, what they finished, what is due. */
export interface PersonWork {
  accountId: string | null;
  name: string;
  open: BoundedList<IssueRef & { status: string; due?: string }>;
  doneInPeriod: number;
  /** Their open issues due before the next period ends, soonest first (overdue ones included). */
  due: (IssueRef & { due: string })[];
}

export interface ReportModel {
  schema: 1;
  projectKey: string;
  projectName: string;
  period: ReportPeriod;
  audience: ReportAudience;
  generatedAt: string;
  timeZone?: string;
  status: { computed: OverallStatus; reasons: string[]; override?: StatusOverride; effective: OverallStatus };
  headline: {
    committedIssues: number;
    completedIssues: number;
    committedPoints: number;
    completedPoints: number;
    openFlags: number;
    overdueAsks: number;
    pendingChanges: number;
    /** Of the committed issues: how many (and their points) were done by the end of the period. */
    committedDoneIssues?: number;
    committedDonePoints?: number;
  };
  /** `epicsTotal`: how many epics were active in the period when `epics` is capped (absent: all are listed). */
  progress: { sprints: SprintProgress[]; epics: EpicProgress[]; burnUp: BurnUpPoint[]; epicsTotal?: number };
  deviation: {
    notDone: BoundedList<IssueRef>;
    missedDueDates: BoundedList<MissedDueDate>;
    scopeAdded: BoundedList<IssueRef> & { points: number };
    previousForecast?: PreviousForecastComparison;
  };
  completed: { byEpic: CompletedEpicGroup[]; total: number; points: number };
  /** Absent for the client audience; `byPerson` absent for client and executive. */
  manpower?: { totalHours: number; previousTotalHours: number; byPerson?: PersonHours[]; byEpic: EpicHours[] };
  /** Client audience: client-visible flags only, and a flag's note only when the note is client-visible. */
  /**
   * `teamDelay`: business days clients waited on the team for answers to their questions about asks
   * (absent in reports saved before issue 14).
   */
  problems: { flags: BoundedList<ReportFlag>; clientDelays: ClientDelay[]; teamDelay?: TeamDelayRow };
  /** Every open ask of the project (asks are addressed to the project's clients); no internal notes. */
  clientActions: { asks: BoundedList<ReportAsk> };
  changes: {
    new: number;
    decided: BoundedList<DecidedChange>;
    /** `unpaidEffortDays` is internal (absent for the client audience); prices only when costs may be shown. */
    totals: { paidValue: Money[]; unpaidEffortDays?: number; scheduleDaysAdded: number };
    /** Undecided change requests by name (issue 17; absent in older snapshots). */
    pending?: BoundedList<PendingChange>;
  };
  forecast: {
    velocityPoints: Range;
    velocityIssues: Range;
    /** e.g. "last 3 closed sprints" */
    basis: string;
    plannedNext: BoundedList<IssueRef>;
    upcomingDue: BoundedList<IssueRef & { due: string }>;
    /** Issue 17: the Monte Carlo forecast behind velocityPoints / velocityIssues (their 85 % range). */
    monteCarlo?: ReportMonteCarlo;
  };
  /** Issue 17: deviation from the PM's plan baseline and the milestones (client: milestones only). */
  plan?: ReportPlan;
  /** Issue 17: cost burn, budget, estimates, capacity (absent without planning settings; client: money only, when costs are shown to clients). */
  costs?: ReportCosts;
  /** Issue 17: the PM's decisions needed, with owner and deadline (internal audiences only). */
  decisions?: ReportDecisions;
  /** For executives: pending approvals, escalations (from data). */
  decisionsNeeded: string[];
  narrative: Partial<Record<ReportSection, string>>;
  /** Sections left out for this audience, and why (shown, never silently missing). */
  omitted: string[];
  /** The Jira site's address (https://x.atlassian.net): exports link every issue and list to it. */
  siteUrl?: string;
  /**
   * Team audience: open work per assignee and the review queue (issues in a status whose name says
   * review). Absent when the facts carry no assignees.
   */
  team?: { byPerson: PersonWork[]; review: BoundedList<IssueRef & { status: string; assignee: string }> };
}

export type ReportSnapshotStatus = 'draft' | 'published';

export interface ReportSnapshot {
  id: string;
  projectKey: string;
  period: ReportPeriod;
  audience: ReportAudience;
  status: ReportSnapshotStatus;
  version: number;
  generatedAt: string;
  generatedBy: string;
  publishedAt?: string;
  publishedBy?: string;
  model: ReportModel;
}

/** Human titles of the sections, shared by the UI and the exporters. */
export const REPORT_SECTION_TITLES: Record<ReportSection, string> = {
  status: 'Overall status',
  progress: 'Progress',
  deviation: 'Deviation from plan',
  completed: 'Completed work',
  manpower: 'Manpower input',
  problems: 'Existing problems',
  clientActions: 'Client actions pending',
  changes: 'Change requests',
  forecast: 'Expected progress next period',
};

/** Bounds the resolvers enforce and the UI mirrors. */
export const OVERRIDE_REASON_MAX_CHARS = 2000;
export const NARRATIVE_MAX_CHARS = 5000;

export const OVERALL_STATUS_LABELS: Record<OverallStatus, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
};

/**
 * The stated rules behind `status.computed` (evaluated by computeStatus in status.ts; the UI shows
 * them). Off track wins over at risk; no rule triggered means on track. Thresholds below.
 */
export const STATUS_THRESHOLDS = {
  /** Off track when the sprints that ended in the period completed less than this share of their committed points. */
  offTrackSprintCompletion: 0.6,
  /** At risk below this share. */
  atRiskSprintCompletion: 0.85,
  /** Off track when an issue due by the period's end (and open when it began) is this many business days late or more. */
  offTrackBusinessDaysLate: 5,
  /** At risk when a client ask is this many business days overdue or more. */
  atRiskAskOverdueBusinessDays: 3,
  /** At risk when scope added after planning exceeds this share of the committed points. */
  atRiskScopeAddedShare: 0.2,
} as const;

export type StatusRuleId =
  | 'critical-flag'
  | 'sprint-completion-low'
  | 'due-date-badly-missed'
  | 'high-flag'
  | 'sprint-completion'
  | 'due-date-missed'
  | 'ask-overdue'
  | 'scope-added'
  | 'forecast-missed';

export const STATUS_RULES: readonly { id: StatusRuleId; status: Exclude<OverallStatus, 'on-track'>; text: string }[] = [
  { id: 'critical-flag', status: 'off-track', text: 'An open critical red flag.' },
  { id: 'sprint-completion-low', status: 'off-track', text: 'The sprints that ended in the period completed less than 60% of the story points they committed.' },
  { id: 'due-date-badly-missed', status: 'off-track', text: 'An issue due by the end of the period (and still open when it began) is 5 or more business days late.' },
  { id: 'high-flag', status: 'at-risk', text: 'An open high red flag.' },
  { id: 'sprint-completion', status: 'at-risk', text: 'The sprints that ended in the period completed less than 85% of the story points they committed.' },
  { id: 'due-date-missed', status: 'at-risk', text: 'An issue due by the end of the period (and still open when it began) missed its due date.' },
  { id: 'ask-overdue', status: 'at-risk', text: 'A client ask is 3 or more business days overdue.' },
  { id: 'scope-added', status: 'at-risk', text: 'Scope added after planning is more than 20% of the committed story points.' },
  { id: 'forecast-missed', status: 'at-risk', text: "Completed story points fell below the low end of the previous report's forecast." },
];

/** What the headline numbers count (for tooltips and the exports' notes). */
export const HEADLINE_DEFINITIONS = {
  committed: 'Issues (and story points) in the sprints that ran in the period, as they stood when each sprint started.',
  completed: 'Issues (and story points) finished during the period, planned or not (change requests are not work and never count).',
  committedDone: 'Of the committed issues, those done by the end of the period.',
  openFlags: 'Red flags open at some time during the period (those resolved since it began say when).',
  overdueAsks: 'Client asks waiting past their due date.',
  pendingChanges: 'Change requests not yet decided.',
} as const;

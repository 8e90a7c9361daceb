/**
 * The report model's plan, money, forecast and decision parts (issue 17). Added to ReportModel as
 * optional fields (model.ts): `plan`, `costs`, `decisions`, `forecast.monteCarlo`. Type-only, like model.ts.
 */
import type { BoundedList, IssueRef, Range } from './lists';

export interface ReportPlanSlip {
  key: string;
  summary: string;
  kind: 'epic' | 'standard';
  baselineDue: string;
  currentDue: string | null;
  daysLate: number;
  dueMovedDays: number;
  doneOn?: string;
}

export type MilestoneState = 'done' | 'overdue' | 'at-risk' | 'on-track' | 'no-forecast';

/** An epic with a due date (e.g. go-live). */
export interface ReportMilestone {
  key: string;
  summary: string;
  due: string;
  /** The due date the baseline held, when it differs or when the epic is new to it (absent: no baseline). */
  baselineDue?: string | null;
  state: MilestoneState;
  /** YYYY-MM-DD it was done */
  doneOn?: string;
  /** Days past due (done late, or open past due). */
  daysLate: number;
  remainingPoints: number;
  /** Forecast completion dates (50 % and 85 % likely), when a forecast exists. */
  forecast50?: string;
  forecast85?: string;
}

export interface ReportPlan {
  /** Absent: no baseline taken by the period's end (then only milestones are shown). */
  baseline?: { id: string; takenAt: string; takenByName: string; note?: string; itemsTotal: number; itemsKept: number };
  scopeAdded?: BoundedList<IssueRef> & { points: number };
  scopeRemoved?: BoundedList<IssueRef & { reason: 'removed' | 'unplanned' }> & { points: number };
  slips?: BoundedList<ReportPlanSlip>;
  /** The largest delay against the baseline, in days. */
  scheduleDays?: number;
  baselinePoints?: number;
  currentPoints?: number;
  milestones: BoundedList<ReportMilestone>;
}

export interface ReportCosts {
  currency: string;
  billable: boolean;
  /** Hours and cost logged in the period; `amount` covers the hours of people with a rate. */
  period: { hours?: number; amount: number };
  /** Since the budget's start (or all work) up to the period's end. Absent: not read. */
  toDate?: { hours?: number; amount: number; from?: string };
  budget?: { hours?: number; amount?: number; usedHoursShare?: number; usedAmountShare?: number; remainingHours?: number; remainingAmount?: number };
  /** Hours of people without a rate (not costed); internal. */
  unratedHours?: number;
  /** Jira's original and remaining estimates of open work; internal. */
  estimates?: { originalHours: number; remainingHours: number; issues: number; atCompletionHours?: number; atCompletionAmount?: number };
  /** Manpower vs capacity in the period; internal. */
  capacity?: { capacityHours: number; loggedHours: number; byPerson: { name: string; capacityHours: number; loggedHours: number }[] };
}

export interface ReportForecastRecord {
  /** The period the forecast was for. */
  period: { from: string; to: string };
  likely50: Range;
  likely85: Range;
  actualPoints: number;
  within50: boolean;
  within85: boolean;
}

export interface ReportMonteCarlo {
  trials: number;
  seed: number;
  /** e.g. "weekly throughput of the last 8 weeks" */
  basis: string;
  historyWeeks: number;
  remainingPoints: number;
  /** Points likely finished next period: middle 50 % and 85 % of the trials, capped by the remaining points. */
  nextPeriod: { likely50: Range; likely85: Range };
  /** The project's completion (all remaining points): dates 50 % / 85 % likely; `note` when none. */
  completion: { forecast50?: string; forecast85?: string; note?: string };
  /** Earlier reports' forecasts against what happened, oldest first. */
  accuracy: ReportForecastRecord[];
}

export interface ReportDecision {
  id: string;
  title: string;
  detail?: string;
  owner: string;
  deadline: string;
  status: 'open' | 'resolved';
  /** Open and past its deadline at the report's day. */
  overdue: boolean;
  resolution?: string;
  resolvedOn?: string;
}

export interface ReportDecisions {
  /** Open decisions, nearest deadline first. */
  open: BoundedList<ReportDecision>;
  /** Resolved within the period. */
  resolved: BoundedList<ReportDecision>;
}

/**
 * What the portal home shows of a project beside its plan, in one answer (portal.home): the status
 * from the latest published report, the caller's own open asks, their change requests, the open
 * red flags they may see, and the published reports. Dependency-light (types + pure shaping) so the
 * global page may import it. Every shape is built field by field from what the caller may see —
 * a field added to a source later stays out until added here on purpose.
 */
import type { ChangeOutcome, ChangeStep, Price } from '../../changes/domain/changeVocabulary';
import type { OverallStatus, ReportAudience, ReportPeriod } from '../../reports/domain/model';

/** How many items of each list the home carries (the totals stay exact). */
export const PORTAL_LIST_CAP = 5;

export interface PortalStatus {
  effective: OverallStatus;
  reportId: string;
  period: ReportPeriod;
  audience: ReportAudience;
  publishedAt: string | null;
}

export interface PortalReport {
  id: string;
  period: ReportPeriod;
  audience: ReportAudience;
  publishedAt: string | null;
  overall: OverallStatus;
}

export interface PortalAsk {
  issueKey: string;
  summary: string;
  ask: string;
  due: string;
  /** `question`: the client asked the team something and waits for the answer. */
  state: 'waiting' | 'question' | 'answered';
  overdue: boolean;
  businessDaysOverdue: number;
}

export interface PortalFlag {
  issueKey: string;
  summary: string;
  category: string;
  severity: string;
  /** For a client only when the flag is client-visible (the only flags a client is given). */
  note: string;
}

export interface PortalChange {
  issueKey: string;
  summary: string;
  step: ChangeStep;
  requestedAt: string;
  /** Client-visible parts of the decision only: the outcome and the price of a paid change. */
  outcome?: ChangeOutcome;
  price?: Price;
  scheduleDays?: number;
}

export interface Capped<T> {
  items: T[];
  total: number;
  /** More exist than `total` counts (a list read only up to a bound, e.g. published reports). */
  more?: boolean;
}

export interface PortalSummary {
  /** From the latest published report this person may read; null when none is published. */
  status: PortalStatus | null;
  reports: Capped<PortalReport>;
  /** Asks addressed to the caller that wait on them or on the team (clients only; empty otherwise). */
  asks: Capped<PortalAsk>;
  /** The caller's own change requests (a client) — or, for the team, the open ones of the project. */
  changes: Capped<PortalChange>;
  /** Open flags: client-visible ones for a client, all for the team. */
  flags: Capped<PortalFlag>;
  /** A part that could not be read (e.g. Jira refused); the rest of the card still shows. */
  unavailable: ('reports' | 'asks' | 'changes' | 'flags')[];
}

export function capped<T>(items: T[], cap = PORTAL_LIST_CAP): Capped<T> {
  return { items: items.slice(0, cap), total: items.length };
}

/** A change request as the portal home lists it, from its record (what the requester's own view of it shows). */
export function portalChange(issue: { issueKey: string; summary: string }, property: {
  step: ChangeStep; requestedAt: string; scheduleDays?: number; decision?: { outcome: ChangeOutcome; price?: Price };
}): PortalChange {
  const view: PortalChange = { issueKey: issue.issueKey, summary: issue.summary, step: property.step, requestedAt: property.requestedAt };
  if (property.scheduleDays !== undefined) view.scheduleDays = property.scheduleDays;
  if (property.decision) {
    view.outcome = property.decision.outcome;
    if (property.decision.outcome === 'paid' && property.decision.price) view.price = { amount: property.decision.price.amount, currency: property.decision.price.currency };
  }
  return view;
}

const FINISHED: readonly ChangeStep[] = ['declined', 'withdrawn', 'client-informed'];

/** Still in progress from the requester's point of view. */
export function changeOpen(step: ChangeStep): boolean {
  return !FINISHED.includes(step);
}

/**
 * The overall status of a report from the stated rules in model.ts (STATUS_RULES with
 * STATUS_THRESHOLDS): any off-track rule makes it off track, else any at-risk rule at risk, else on
 * track. The PM may override it with a reason; the override is kept next to the computed status.
 */
import { AppError } from '../../platform/domain/errors';
import { OVERALL_STATUSES, OVERRIDE_REASON_MAX_CHARS, STATUS_THRESHOLDS, type OverallStatus, type ReportModel, type StatusOverride, type StatusRuleId } from './model';

export { OVERRIDE_REASON_MAX_CHARS };

/** What the rules look at, taken from the report's sections. */
export interface StatusInputs {
  /** Open flags counted in the audience's view (all flags for internal audiences). */
  openCriticalFlags: number;
  openHighFlags: number;
  /** Summed over the sprints that ended in the period. */
  endedSprints: { count: number; committedPoints: number; completedPoints: number };
  /** Issues due by the period's end (and open when it began) that missed the date, and the worst lateness. */
  missedDueDates: number;
  maxBusinessDaysLate: number;
  /** The worst overdue ask (business days) and how many asks are at least the threshold late. */
  maxAskOverdueBusinessDays: number;
  asksOverdueAtThreshold: number;
  committedPoints: number;
  scopeAddedPoints: number;
  previousForecast?: { low: number; high: number; actual: number };
}

export interface StatusFinding {
  rule: StatusRuleId;
  status: Exclude<OverallStatus, 'on-track'>;
  reason: string;
  /** Derived from internal data (red flags): left out of a client report. */
  internal: boolean;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Every rule that triggers, off-track rules first. */
export function evaluateStatusRules(inputs: StatusInputs): StatusFinding[] {
  const t = STATUS_THRESHOLDS;
  const findings: StatusFinding[] = [];
  const add = (rule: StatusRuleId, status: StatusFinding['status'], reason: string, internal = false) => findings.push({ rule, status, reason, internal });

  if (inputs.openCriticalFlags > 0) add('critical-flag', 'off-track', `${plural(inputs.openCriticalFlags, 'critical red flag')} open.`, true);
  const { count, committedPoints, completedPoints } = inputs.endedSprints;
  const completion = count > 0 && committedPoints > 0 ? completedPoints / committedPoints : null;
  const completionText =
    completion === null ? '' : `The ${plural(count, 'sprint')} that ended completed ${completedPoints} of ${committedPoints} committed points (${percent(completion)}).`;
  if (completion !== null && completion < t.offTrackSprintCompletion) add('sprint-completion-low', 'off-track', completionText);
  if (inputs.missedDueDates > 0 && inputs.maxBusinessDaysLate >= t.offTrackBusinessDaysLate) {
    add('due-date-badly-missed', 'off-track', `${plural(inputs.missedDueDates, 'issue')} missed a due date (overdue ones carry over), the latest by ${plural(inputs.maxBusinessDaysLate, 'business day')}.`);
  }

  if (inputs.openHighFlags > 0) add('high-flag', 'at-risk', `${plural(inputs.openHighFlags, 'high red flag')} open.`, true);
  if (completion !== null && completion >= t.offTrackSprintCompletion && completion < t.atRiskSprintCompletion) add('sprint-completion', 'at-risk', completionText);
  if (inputs.missedDueDates > 0 && inputs.maxBusinessDaysLate < t.offTrackBusinessDaysLate) {
    add('due-date-missed', 'at-risk', `${plural(inputs.missedDueDates, 'issue')} missed a due date (overdue ones carry over), by up to ${plural(inputs.maxBusinessDaysLate, 'business day')}.`);
  }
  if (inputs.maxAskOverdueBusinessDays >= t.atRiskAskOverdueBusinessDays) {
    add('ask-overdue', 'at-risk', `${plural(inputs.asksOverdueAtThreshold, 'client ask')} ${t.atRiskAskOverdueBusinessDays} or more business days overdue (up to ${inputs.maxAskOverdueBusinessDays}).`);
  }
  if (inputs.committedPoints > 0 && inputs.scopeAddedPoints / inputs.committedPoints > t.atRiskScopeAddedShare) {
    const share = inputs.scopeAddedPoints / inputs.committedPoints;
    add('scope-added', 'at-risk', `${inputs.scopeAddedPoints} points were added after planning, ${percent(share)} of the ${inputs.committedPoints} committed.`);
  }
  const previous = inputs.previousForecast;
  if (previous && previous.actual < previous.low) {
    add('forecast-missed', 'at-risk', `${previous.actual} points completed, below the ${previous.low}–${previous.high} the previous report expected.`);
  }
  return findings.sort((a, b) => Number(a.status === 'at-risk') - Number(b.status === 'at-risk'));
}

/** Checks a PM's override: a known status, a reason, who and when. */
export function checkOverride(override: StatusOverride): StatusOverride {
  const fields: Record<string, string> = {};
  if (!OVERALL_STATUSES.includes(override?.status)) fields.status = 'Choose a status';
  const reason = typeof override?.reason === 'string' ? override.reason.trim() : '';
  if (reason === '') fields.reason = 'Say why the status is overridden';
  else if (reason.length > OVERRIDE_REASON_MAX_CHARS) fields.reason = `The reason must be at most ${OVERRIDE_REASON_MAX_CHARS} characters`;
  if (typeof override?.by !== 'string' || override.by.trim() === '') fields.by = 'The override needs the person who made it';
  if (typeof override?.at !== 'string' || Number.isNaN(Date.parse(override.at))) fields.at = 'The override needs the time it was made';
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'The status override is not valid', { fields });
  return { status: override.status, reason, by: override.by, at: override.at };
}

/**
 * The report's status: the computed one with its reasons, the override (if any) and the
 * effective status (the override's when there is one). `clientView` judges only the rules drawn
 * from data the client may see: findings from internal data (red flags) are left out of both the
 * reasons and the computed status, so a client report says nothing about internal flags, not
 * even that there are some.
 */
export function computeStatus(inputs: StatusInputs, override?: StatusOverride, opts: { clientView?: boolean } = {}): ReportModel['status'] {
  const findings = evaluateStatusRules(inputs).filter((f) => !opts.clientView || !f.internal);
  const computed: OverallStatus = findings.some((f) => f.status === 'off-track') ? 'off-track' : findings.length > 0 ? 'at-risk' : 'on-track';
  let reasons = findings.map((f) => f.reason);
  if (reasons.length === 0) reasons = ['No status rule is triggered: sprints on plan, no missed due dates, no serious flags, no long-overdue asks.'];
  const status: ReportModel['status'] = { computed, reasons, effective: computed };
  if (override) {
    status.override = checkOverride(override);
    status.effective = status.override.status;
  }
  return status;
}

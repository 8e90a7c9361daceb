/**
 * Running the red-flag rules over issues already read from Jira with their flag records: the
 * project's thresholds and working calendar, the domain's rules and reconciliation, and — only
 * when something changed — the record and its `liaison-flags` projection (flagRecords.ts) with an
 * audit entry by the rule actor. A person's write in between makes the rules read and judge again.
 * Shared by the issue trigger, the daily scheduled run and the flags resolvers.
 */
import { randomUUID } from 'node:crypto';
import { buildAuditEntry } from '../../platform/domain/audit';
import { calendarFromPlan, isoDateOf, type WorkCalendar } from '../../platform/domain/businessDays';
import { ISSUE_RULE_IDS, evaluateIssueRules, type FlagThresholds, type RuleFinding, type RuleId } from '../domain/flagRules';
import { FLAG_CATEGORY_LABELS, RULE_ACTOR, isOpen, isRuleFlag, type FlagsProperty } from '../domain/redFlags';
import { reconcileRuleFlags } from '../domain/ruleFlags';
import { type EffectiveSettings } from '../../settings/domain/settings';
import { mergeSettings, redFlagRulesOn, type StoredSettings } from '../../settings/domain/storedSettings';
import { projectChangeWorkflow } from '../../changes/jira/provisioning';
import { askFields } from '../../asks/jira/askFields';
import type { FlagFieldIds, FlagIssue } from '../jira/flagIssues';
import { writeAudit } from '../../platform/store/auditStore';
import { readProjectSettings, readSiteDefaults } from '../../settings/store/settingsStore';
import { AppError } from '../../platform/domain/errors';
import { readFlagRecord } from '../store/flagStore';
import { saveIssueFlags, type RecordedFlagIssue } from './flagRecords';

/** How often the rules judge again when a person's write lands between their read and their write. */
const RULE_WRITE_ATTEMPTS = 3;

export interface RuleSetup {
  thresholds: FlagThresholds;
  cal: WorkCalendar;
  /** YYYY-MM-DD (UTC) the rules judge against. */
  today: string;
  now: Date;
  /** The project's change request issue type (null: none set up): tells change requests apart (flagRules.RULE_APPLIES_TO). */
  changeRequestTypeId: string | null;
}

export function ruleSetup(settings: EffectiveSettings, now: Date, changeRequestTypeId: string | null = settings.changeWorkflow?.issueTypeId ?? null): RuleSetup {
  return { thresholds: settings.flagThresholds, cal: calendarFromPlan(settings.communicationPlan), today: isoDateOf(now), now, changeRequestTypeId };
}

/**
 * The rule setup of a project from its effective settings, with its change request type: the
 * mapping saved in settings, or the one provisioning made that Jira shows (cached per project).
 */
export async function projectSetupFrom(projectKey: string, settings: EffectiveSettings, now: Date): Promise<RuleSetup> {
  const workflow = await projectChangeWorkflow(projectKey, settings.changeWorkflow, now);
  return ruleSetup(settings, now, workflow?.issueTypeId ?? null);
}

/**
 * Whether the rules run in the project: its Red flag rules switch (settings.redFlagRulesOn; a
 * project that never saved Liaison settings has them off, so installing the app never writes flags
 * into every project of a site).
 */
export function rulesOn(project: { version: number; stored?: StoredSettings }): boolean {
  return redFlagRulesOn(project);
}

/** The project's rule setup, and whether its rules are on (a setup either way: a run clears the flags of rules switched off). */
export async function projectRuleState(projectKey: string, now: Date): Promise<{ on: boolean; setup: RuleSetup }> {
  const [site, project] = await Promise.all([readSiteDefaults(), readProjectSettings(projectKey)]);
  return { on: rulesOn(project), setup: await projectSetupFrom(projectKey, mergeSettings(site.stored, project.stored).settings, now) };
}

/** The project's rule setup, or null when its rules are off (see rulesOn). */
export async function projectRuleSetup(projectKey: string, now: Date): Promise<RuleSetup | null> {
  const [site, project] = await Promise.all([readSiteDefaults(), readProjectSettings(projectKey)]);
  if (!rulesOn(project)) return null;
  return projectSetupFrom(projectKey, mergeSettings(site.stored, project.stored).settings, now);
}

/** The Client assignee and Sprint field ids (cached by the client-asks adapter). */
export async function flagFieldIds(now: Date): Promise<FlagFieldIds> {
  const fields = await askFields(now);
  return { askFieldId: fields.askFieldId, sprintFieldId: fields.sprintFieldId };
}

export interface Extra {
  /** Findings of rules judged outside the issue (scope creep, per sprint). */
  findings: readonly RuleFinding[];
  /** The rules those findings cover: their flags are cleared when not found. */
  evaluated: readonly RuleId[];
}

/**
 * The issue's flags brought in line with its rules now. Only the issue rules (and `extra`'s) are
 * judged: flags of rules not evaluated here (scope creep, on an issue event) are left alone.
 */
export function evaluateRules(issue: FlagIssue, setup: RuleSetup, extra?: Extra): { property: FlagsProperty; changed: boolean } {
  const findings = [...evaluateIssueRules(issue.facts, setup.thresholds, setup.cal, setup.today, setup.changeRequestTypeId), ...(extra?.findings ?? [])];
  const evaluated = [...ISSUE_RULE_IDS, ...(extra?.evaluated ?? [])];
  return reconcileRuleFlags(issue.flags, findings, setup.now, () => randomUUID(), { evaluated });
}

/** "raised Schedule slip (medium)", "cleared Stale": what the rules changed, for the audit trail. */
export function ruleChanges(before: FlagsProperty, after: FlagsProperty): string[] {
  const openBefore = new Set(before.flags.filter((f) => isRuleFlag(f) && isOpen(f)).map((f) => f.id));
  const changes: string[] = [];
  for (const flag of after.flags) {
    if (!isRuleFlag(flag)) continue;
    const label = FLAG_CATEGORY_LABELS[flag.category];
    if (isOpen(flag) && !openBefore.has(flag.id)) changes.push(`raised ${label} (${flag.severity}): ${flag.note}`);
    else if (!isOpen(flag) && openBefore.has(flag.id)) changes.push(`cleared ${label} (${flag.resolution ?? 'the condition cleared'})`);
    else if (isOpen(flag) && openBefore.has(flag.id)) {
      const previous = before.flags.find((f) => f.id === flag.id);
      if (previous && (previous.severity !== flag.severity || previous.note !== flag.note)) changes.push(`updated ${label} (${flag.severity}): ${flag.note}`);
    }
  }
  return changes;
}

/**
 * Writes the reconciled property as the app and records what the rules did. The write is the
 * change; an audit failure after it is logged, not thrown (the flags are already right in Jira).
 */
export async function commitRuleFlags(issue: RecordedFlagIssue, property: FlagsProperty, now: Date): Promise<void> {
  await saveIssueFlags(issue, property, now);
  const changes = ruleChanges(issue.flags, property);
  if (changes.length === 0) return;
  const audit = buildAuditEntry({
    projectKey: issue.projectKey,
    at: now,
    actor: RULE_ACTOR,
    action: 'flag.rules',
    target: `issue:${issue.issueKey}`,
    changes: changes.map((summary) => ({ path: 'flags', summary: `${issue.issueKey}: ${summary}` })),
  });
  try {
    await writeAudit(audit);
  } catch (error) {
    console.warn(`Liaison: rule flags of ${issue.issueKey} were saved but not audited: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Evaluates one issue and writes its flags when they changed; answers the flags as they now are.
 * A CONFLICT (someone wrote the record since it was read) re-reads the record and judges again.
 */
export async function applyRules(issue: RecordedFlagIssue, setup: RuleSetup, extra?: Extra): Promise<{ property: FlagsProperty; changed: boolean }> {
  let current = issue;
  for (let attempt = 1; ; attempt += 1) {
    const result = evaluateRules(current, setup, extra);
    if (!result.changed) return result;
    try {
      await commitRuleFlags(current, result.property, setup.now);
      return result;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CONFLICT') || attempt >= RULE_WRITE_ATTEMPTS) throw error;
      const { flags, ...record } = await readFlagRecord(current.issueId);
      current = { ...current, flags, record };
    }
  }
}

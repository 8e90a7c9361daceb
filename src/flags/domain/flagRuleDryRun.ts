/**
 * A dry run of the red-flag rules (Settings, before they are switched on or changed): what the
 * rules' reconciliation (redFlags.reconcileRuleFlags) would do to each issue's flags, told per
 * rule. The events layer computes the "after" with the same code the real run uses, and writes nothing.
 */
import { RULE_IDS, RULE_LABELS, type RuleId } from './flagRules';
import { isOpen, isRuleFlag, ruleIdOf, type Flag, type FlagsProperty } from './redFlags';

/** Rule flags a reconciliation opens (new ids open after) and closes (open before, resolved after). */
export function ruleFlagChanges(before: FlagsProperty, after: FlagsProperty): { raised: Flag[]; cleared: Flag[] } {
  const openBefore = new Set(before.flags.filter((f) => isRuleFlag(f) && isOpen(f)).map((f) => f.id));
  const raised = after.flags.filter((f) => isRuleFlag(f) && isOpen(f) && !openBefore.has(f.id));
  const cleared = after.flags.filter((f) => isRuleFlag(f) && !isOpen(f) && openBefore.has(f.id));
  return { raised, cleared };
}

export interface DryRunItem {
  issueKey: string;
  summary: string;
  flag: Flag;
}

export interface DryRunRule {
  ruleId: RuleId;
  label: string;
  /** How many flags of this rule. */
  count: number;
  /** The first `listMax` of them (issue order), with their notes. */
  issues: { issueKey: string; summary: string; note: string }[];
}

const byIssueKey = (a: DryRunItem, b: DryRunItem) => a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true });

/** The items per rule, in RULE_IDS order, rules without items left out; each lists at most `listMax` issues. */
export function groupByRule(items: readonly DryRunItem[], listMax: number): DryRunRule[] {
  const groups: DryRunRule[] = [];
  for (const ruleId of RULE_IDS) {
    const mine = items.filter((item) => ruleIdOf(item.flag) === ruleId).sort(byIssueKey);
    if (mine.length === 0) continue;
    groups.push({
      ruleId,
      label: RULE_LABELS[ruleId],
      count: mine.length,
      issues: mine.slice(0, listMax).map((item) => ({ issueKey: item.issueKey, summary: item.summary, note: item.flag.note })),
    });
  }
  return groups;
}

const flags = (n: number) => `${n} flag${n === 1 ? '' : 's'}`;

/**
 * The dry run in one sentence: "Turning this on would raise 3 flags: Schedule slip 2, Stale 1."
 * `switching` says whether the change switches the rules on, off, or changes rules already on.
 */
export function describeDryRun(raised: readonly DryRunRule[], clearedTotal: number, switching: 'on' | 'off' | 'change'): string {
  const total = raised.reduce((sum, rule) => sum + rule.count, 0);
  const lead = switching === 'on' ? 'Turning this on would' : switching === 'off' ? 'Turning this off would' : 'Saving these rules would';
  const clears = clearedTotal > 0 ? `${total === 0 ? '' : ' and'} clear ${flags(clearedTotal)}` : '';
  if (total === 0) return clearedTotal > 0 ? `${lead}${clears} and raise none.` : `${lead} raise no flags.`;
  return `${lead} raise ${flags(total)}${clears}: ${raised.map((rule) => `${rule.label} ${rule.count}`).join(', ')}.`;
}

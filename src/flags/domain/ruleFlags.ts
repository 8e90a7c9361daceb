/**
 * Rule flags: the flags the red-flag rules raise, brought in line with the findings of the moment
 * (reconcileRuleFlags). A rule's flag resolves itself when its condition clears; a flag a person
 * dismissed stays dismissed while the facts behind it hold. The rules themselves are in flagRules.ts.
 */
import { current, Flag, FlagCategory, FlagsProperty, RULE_ACTOR, Severity, boundFlags, isOpen, ruleIdOf, summarize } from './redFlags';

/** A condition a rule found true right now (see flagRules.ts). */
export interface RuleFindingLike {
  ruleId: string;
  /** Names the condition: one flag per condition key. */
  conditionKey: string;
  category: FlagCategory;
  severity: Severity;
  note: string;
  clientVisible: boolean;
  /** Fingerprint of the facts behind the condition (absent: a dismissal holds until the condition clears). */
  facts?: string;
}

/**
 * Brings the rule flags in line with the findings of the moment:
 * - a finding with no flag for its condition raises one (`source: rule:<ruleId>`, raised by `rule`);
 * - an open rule flag whose condition is no longer found resolves itself (resolved by `rule`);
 * - an open rule flag whose finding changed (severity, note, visibility) takes the new values;
 * - a person-resolved (dismissed) rule flag is not raised again while its condition holds on the
 *   facts it was dismissed with; when the facts change (another fingerprint), or once the condition
 *   is seen clear, its marker goes, and a new flag is raised when the condition holds;
 * - a person's flags are never touched.
 * `opts.evaluated` names the rules the findings cover (default: every rule): flags of rules not
 * evaluated this time are left alone (an issue trigger that does not look at sprints must not clear
 * scope-creep flags). `changed` is false when nothing needs writing.
 */
export function reconcileRuleFlags(
  p: FlagsProperty | null,
  findings: readonly RuleFindingLike[],
  now: Date,
  newId: () => string,
  opts: { evaluated?: readonly string[] } = {},
): { property: FlagsProperty; changed: boolean } {
  const property = current(p);
  const at = now.toISOString();
  const evaluated = opts.evaluated ? new Set(opts.evaluated) : null;
  const covers = (ruleId: string | null) => ruleId !== null && (evaluated === null || evaluated.has(ruleId));

  const found = new Map<string, RuleFindingLike>();
  for (const finding of findings) {
    if (!covers(finding.ruleId)) continue;
    if (!found.has(finding.conditionKey)) found.set(finding.conditionKey, finding);
  }

  let changed = false;
  const handled = new Set<string>();
  const flags = property.flags.map((flag): Flag => {
    const ruleId = ruleIdOf(flag);
    if (!covers(ruleId) || flag.conditionKey === undefined) return flag;
    const key = flag.conditionKey;
    const finding = found.get(key);
    if (isOpen(flag)) {
      if (handled.has(key)) {
        // A second open flag for one condition (written by an older version): fold it away.
        changed = true;
        return { ...flag, resolvedBy: RULE_ACTOR, resolvedAt: at, resolution: 'Duplicate of another flag for the same condition' };
      }
      handled.add(key);
      if (!finding) {
        changed = true;
        return { ...flag, resolvedBy: RULE_ACTOR, resolvedAt: at, resolution: 'The condition cleared' };
      }
      const factsMoved = finding.facts !== undefined && finding.facts !== flag.facts;
      if (factsMoved || finding.severity !== flag.severity || finding.note !== flag.note || finding.clientVisible !== flag.clientVisible || finding.category !== flag.category) {
        changed = true;
        const updated: Flag = { ...flag, category: finding.category, severity: finding.severity, note: finding.note, clientVisible: finding.clientVisible };
        if (finding.facts !== undefined) updated.facts = finding.facts;
        return updated;
      }
      return flag;
    }
    if (flag.suppressedUntilClear) {
      // Dismissed on the same facts (or on facts never fingerprinted): it stays dismissed.
      if (finding && (finding.facts === undefined || flag.facts === undefined || finding.facts === flag.facts)) {
        handled.add(key);
        return flag;
      }
      changed = true;
      const { suppressedUntilClear: _cleared, ...rest } = flag;
      return rest;
    }
    return flag;
  });

  for (const [key, finding] of found) {
    if (handled.has(key)) continue;
    changed = true;
    flags.push({
      id: newId(),
      category: finding.category,
      severity: finding.severity,
      note: finding.note,
      clientVisible: finding.clientVisible,
      source: `rule:${finding.ruleId}`,
      raisedBy: RULE_ACTOR,
      raisedAt: at,
      conditionKey: key,
      ...(finding.facts !== undefined ? { facts: finding.facts } : {}),
    });
  }

  if (!changed) return { property: p === null ? summarize(flags, property.dropped) : property, changed: false };
  return { property: boundFlags(summarize(flags, property.dropped)), changed: true };
}

/**
 * The dry run of the red-flag rules in Settings (issue 14): before a manager switches the rules on
 * (or changes which rules are on, or their thresholds), what saving would do — "Turning this on
 * would raise N flags: …", per rule, with the issues. It reads and judges the project exactly as
 * the real run does (events/flagTriggers.ts planProject and evaluateRules, as the app) with the
 * rules as the form holds them, and writes nothing. The issues listed are narrowed to those the
 * manager may browse (the counts cover all, as the run will).
 */
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { describeDryRun, groupByRule, type DryRunRule } from '../domain/flagRuleDryRun';
import { activeRules, allRulesOff, FlagThresholdsSchema } from '../domain/flagRules';
import { redFlagRulesOn } from '../../settings/domain/storedSettings';
import { projectSetupFrom } from '../services/flagRuleRun';
import { dryRunProject } from '../services/flagRuns';
import { browsableIssueKeys } from '../jira/flagIssues';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';

/** Issues listed per rule in the answer (the counts cover every one). */
export const DRY_RUN_LISTED_PER_RULE = 25;

export interface FlagRulesDryRun {
  projectKey: string;
  /** What the form does to the rules: switches them on, off, or changes rules already on. */
  switching: 'on' | 'off' | 'change';
  /** The sentence to show: "Turning this on would raise 3 flags: Schedule slip 2, Stale 1." */
  summary: string;
  raised: { total: number; byRule: DryRunRule[] };
  cleared: { total: number; byRule: DryRunRule[] };
  /** Issues listed by the run that the caller may not browse (counted, not shown). */
  hidden: number;
  evaluated: number;
  /** A bound cut the reading short (the real run is bounded the same way). */
  truncated: boolean;
}

export const dryRunFlagRules = defineResolver({
  key: 'flags.dryRun',
  description: "What saving these red-flag rules would do to the project's flags (raised and cleared, per rule), computed as the run does, without writing",
  input: z.object({
    projectKey,
    on: z.boolean({ error: 'Say whether the rules would be on or off' }),
    flagThresholds: FlagThresholdsSchema,
  }),
  allow: rolesAllowedTo('settings.edit'),
  refusal: 'Only a manager of this project can try out its red flag rules',
  async handler(ctx): Promise<FlagRulesDryRun> {
    const access = checkedAccess(ctx);
    const { on, flagThresholds } = ctx.input;
    const wasOn = redFlagRulesOn(access.project);
    const switching = on && !wasOn ? 'on' : !on && wasOn ? 'off' : 'change';
    // The project's own settings (calendar, change request type) with the rules as the form holds them; off: every rule off, as the run after switching off.
    const settings = { ...access.merged.settings, flagThresholds: on ? flagThresholds : allRulesOff(flagThresholds) };
    const setup = await projectSetupFrom(access.projectKey, settings, ctx.now);
    const result = await dryRunProject(access.projectKey, setup);
    const seen = await browsableIssueKeys(jiraAsUser(), [...result.raised, ...result.cleared].map((item) => item.issueKey));
    const shown = <T extends { issueKey: string }>(items: readonly T[]) => items.filter((item) => seen.has(item.issueKey));
    const raised = groupByRule(shown(result.raised), DRY_RUN_LISTED_PER_RULE);
    const cleared = groupByRule(shown(result.cleared), DRY_RUN_LISTED_PER_RULE);
    // Counts cover every issue, as the run will; only the listing is narrowed.
    const raisedAll = groupByRule(result.raised, 0);
    const clearedAll = groupByRule(result.cleared, 0);
    const withAllCounts = (listed: DryRunRule[], all: DryRunRule[]) => all.map((rule) => ({ ...rule, issues: listed.find((r) => r.ruleId === rule.ruleId)?.issues ?? [] }));
    const nothingActive = on && activeRules(true, flagThresholds).length === 0;
    return {
      projectKey: access.projectKey,
      switching,
      summary: nothingActive ? 'Every rule is off: saving would raise no flags.' : describeDryRun(raisedAll, result.cleared.length, switching),
      raised: { total: result.raised.length, byRule: withAllCounts(raised, raisedAll) },
      cleared: { total: result.cleared.length, byRule: withAllCounts(cleared, clearedAll) },
      hidden: [...result.raised, ...result.cleared].filter((item) => !seen.has(item.issueKey)).length,
      evaluated: result.evaluated,
      truncated: result.truncated,
    };
  },
});

export const FLAG_RULE_RESOLVERS = [dryRunFlagRules];

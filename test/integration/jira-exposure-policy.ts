/**
 * What Jira itself shows a client, fact by fact: the one policy the leak scan over Jira's surfaces
 * follows (leak-scanner.ts `scanJiraSurfaces`) and README's "What Jira itself shows a client" table
 * renders (jira-exposure-policy.test.ts keeps the two equal).
 *
 * Anyone who may browse an issue reads, through Jira's REST API, every field value, every issue
 * property, every changelog entry and every JQL search alias of it. So each fact Liaison keeps is
 * either written to Jira for all of them, written only once it may be (a change request's decision),
 * or kept in Forge storage and shown only through Liaison's resolvers. Jira's own data (worklogs,
 * comments, its own fields) is Jira's: its permission scheme decides, and Settings' client access
 * check tells the manager what it allows.
 */

/** How the leak scan treats a fact found on a Jira surface a client reads. */
export type Exposure =
  /** Written to Jira: whoever may browse the issue sees it (never a finding). */
  | 'browsers'
  /** In Jira only once the client is informed of the decision and the project shows costs to clients. */
  | 'browsers-once-informed-with-costs'
  /** Never in a Liaison property, the Client assignee field, its changelog or a search alias: a finding wherever it is met. */
  | 'storage-only'
  /** Jira's own data, not written by Liaison: the permission scheme decides (counted by the scan, never a finding). */
  | 'jira-own';

export interface ExposureRule {
  /** Stable name the scan refers to. */
  id: string;
  fact: string;
  /** Where Jira shows it (or, for storage-only facts, where it lives instead). */
  surface: string;
  exposure: Exposure;
  /** Manifest search aliases that expose this fact (every alias belongs to exactly one rule). */
  aliases?: readonly string[];
}

export const VISIBLE_TO: Readonly<Record<Exposure, string>> = {
  browsers: 'anyone who can browse the issue',
  'browsers-once-informed-with-costs': 'anyone who can browse the issue, once the client is informed of the decision and only if the project shows costs to clients; before that nobody through Jira',
  'storage-only': 'nobody through Jira: Forge storage, shown only by Liaison to those allowed',
  'jira-own': "Jira's own data, controlled by the permission scheme (Settings' client access check says what clients can read); Liaison writes none of the facts above there",
};

export const JIRA_EXPOSURE_POLICY: readonly ExposureRule[] = [
  {
    id: 'ask-client',
    fact: 'Who an ask is addressed to (the client person\'s account id)',
    surface: 'Client assignee field value and its changelog; `liaison-asks` property; JQL `"Client assignee.client"`',
    exposure: 'browsers',
    aliases: ['"Client assignee.client"'],
  },
  {
    id: 'ask-state',
    fact: "An ask's state, due date and round",
    surface: 'Client assignee field value and its changelog; `liaison-asks` property; JQL `"Client assignee.state"`, `"Client assignee.due"`',
    exposure: 'browsers',
    aliases: ['"Client assignee.state"', '"Client assignee.due"'],
  },
  {
    id: 'ask-text',
    fact: "An ask's text, the client's answers and the team's questions, in every round",
    surface: 'Forge storage; the Client ask panel and the portal',
    exposure: 'storage-only',
  },
  {
    id: 'change-step',
    fact: "A change request's step and the client who requested it",
    surface: '`liaison-change` property; JQL `changeStep`',
    exposure: 'browsers',
    aliases: ['changeStep'],
  },
  {
    id: 'change-decision',
    fact: "A change request's outcome and price",
    surface: '`liaison-change` property; JQL `changeOutcome`',
    exposure: 'browsers-once-informed-with-costs',
    aliases: ['changeOutcome'],
  },
  {
    id: 'change-internal',
    fact: "A change request's assessment (effort, cost, scope), notes, rationale and messages",
    surface: 'Forge storage; the Change request panel and the portal',
    exposure: 'storage-only',
  },
  {
    id: 'flag-client',
    fact: 'Client-visible red flags: category, severity and note',
    surface: '`liaison-flags` property; JQL `flagCategory`, `flagSeverity`',
    exposure: 'browsers',
    aliases: ['flagCategory', 'flagSeverity'],
  },
  {
    id: 'flag-count',
    fact: 'How many red flags are open (a count, nothing about which)',
    surface: '`liaison-flags` property; JQL `flagsOpen`',
    exposure: 'browsers',
    aliases: ['flagsOpen'],
  },
  {
    id: 'flag-internal',
    fact: "Internal red flags' category, severity, note, resolution and id",
    surface: 'Forge storage; the Red flags panel and page (team only)',
    exposure: 'storage-only',
  },
  {
    id: 'internal-people',
    fact: 'Account ids of the team, approvers and managers acting in Liaison (asked by, raised by, decided by)',
    surface: 'Forge storage; Liaison shows names to the team',
    exposure: 'storage-only',
  },
  {
    id: 'jira-worklogs',
    fact: 'Worklogs: who logged how many hours',
    surface: 'Issue worklogs (`/worklog`, the `worklog` field)',
    exposure: 'jira-own',
  },
  {
    id: 'jira-comments',
    fact: 'Comments, including the client message Liaison posts when a manager informs the client of a decision',
    surface: 'Issue comments',
    exposure: 'jira-own',
  },
  {
    id: 'jira-fields',
    fact: "Jira's own fields (summary, description, status, assignee, reporter, …) and their changelog",
    surface: 'Issue fields and changelog',
    exposure: 'jira-own',
  },
];

export function policyRule(id: string): ExposureRule {
  const rule = JIRA_EXPOSURE_POLICY.find((r) => r.id === id);
  if (!rule) throw new Error(`jira-exposure-policy.ts has no rule '${id}'`);
  return rule;
}

export const POLICY_TABLE_HEADER = '| fact | Jira surface | visible to |';

/** The policy as README's table rows (header and separator excluded), one line per rule. */
export function renderPolicyRows(): string[] {
  return JIRA_EXPOSURE_POLICY.map((r) => `| ${r.fact} | ${r.surface} | ${VISIBLE_TO[r.exposure]} |`);
}

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
  /** Who sees it, where the exposure's general words say too little (Jira's own data: what its scheme allows). */
  visibleTo?: string;
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
    fact: "Who an ask is addressed to (the client person's account id)",
    surface: 'Client assignee field value `client` and its changelog; JQL `"Client assignee.client"`',
    exposure: 'browsers',
    aliases: ['"Client assignee.client"'],
  },
  {
    id: 'ask-state',
    fact: "An ask's state, due date and round",
    surface: 'Client assignee field value `state`, `due`, `round` and its changelog; JQL `"Client assignee.state"`, `"Client assignee.due"`',
    exposure: 'browsers',
    aliases: ['"Client assignee.state"', '"Client assignee.due"'],
  },
  {
    id: 'ask-text',
    fact: "An ask's text, the client's answers and the team's questions, in every round; who asked and when",
    surface: 'Forge storage (`client-ask` record) only; the Client ask panel and the portal (the `liaison-asks` property is no longer written)',
    exposure: 'storage-only',
  },
  {
    id: 'change-step',
    fact: "A change request's step, coarse: `in-review` from assessing until the client is told, so it never names a decision",
    surface: '`liaison-change` property `step`; JQL `changeStep`',
    exposure: 'browsers',
    aliases: ['changeStep'],
  },
  {
    id: 'change-decision',
    fact: "A change request's outcome and price",
    surface: '`liaison-change` property `decision`; JQL `changeOutcome`',
    exposure: 'browsers-once-informed-with-costs',
    aliases: ['changeOutcome'],
  },
  {
    id: 'change-internal',
    fact: "A change request's requester, assessment (effort, cost, scope), notes, rationale, approver, history and messages",
    surface: 'Forge storage (`change` record) only; the Change request panel and the portal',
    exposure: 'storage-only',
  },
  {
    id: 'flag-client',
    fact: 'Open client-visible red flags: their highest severity and categories',
    surface: '`liaison-flags` property `maxSeverity`, `categories`; JQL `flagSeverity`, `flagCategory`',
    exposure: 'browsers',
    aliases: ['flagCategory', 'flagSeverity'],
  },
  {
    id: 'flag-count',
    fact: 'How many client-visible red flags are open (a count)',
    surface: '`liaison-flags` property `open`; JQL `flagsOpen`',
    exposure: 'browsers',
    aliases: ['flagsOpen'],
  },
  {
    id: 'flag-total',
    fact: 'How many red flags of any visibility are open (a count, nothing about which)',
    surface: '`liaison-flags` property `total`; JQL `flagsTotal`',
    exposure: 'browsers',
    aliases: ['flagsTotal'],
  },
  {
    id: 'flag-internal',
    fact: "Red flags' notes, raisers and resolutions; internal flags' category, severity and id",
    surface: 'Forge storage (`flag` record) only; the Red flags panel and page (team only)',
    exposure: 'storage-only',
  },
  {
    id: 'internal-people',
    fact: 'Account ids of the team, approvers and managers acting in Liaison (asked by, raised by, decided by)',
    surface: 'Forge storage only; Liaison shows names to the team',
    exposure: 'storage-only',
  },
  {
    id: 'jira-worklogs',
    fact: 'Hours logged per person (worklog author, time spent, start, worklog comment); an issue\'s total time spent',
    surface: '`GET /rest/api/3/issue/{key}/worklog`, `/worklog/list`, the `worklog` field, the Work log tab; the `timespent` / `timetracking` fields',
    exposure: 'jira-own',
    visibleTo: "everyone who can browse the issue, unless the worklog's own visibility restricts it to a role clients do not hold (recommended); Jira's totals count restricted worklogs too",
  },
  {
    id: 'jira-comments',
    fact: 'Comments, including the client message Liaison posts when a manager informs the client of a decision',
    surface: '`GET /rest/api/3/issue/{key}/comment`, the `comment` field, the issue\'s activity',
    exposure: 'jira-own',
    visibleTo: 'everyone who can browse the issue, unless the comment is restricted to a role or group',
  },
  {
    id: 'jira-fields',
    fact: "Jira's own fields (summary, description, status — a change request's workflow status included — assignee, reporter, labels, due date, sprint, links, attachments) and every earlier value",
    surface: '`GET /rest/api/3/issue/{key}?fields=*all&expand=changelog`, `/issue/{key}/changelog`, JQL on any field',
    exposure: 'jira-own',
    visibleTo: 'everyone who can browse the issue; an issue security level hides the whole issue, fields and history included, from people it does not admit',
  },
  {
    id: 'jira-properties',
    fact: "Issue properties (any app's); properties set when an issue is created",
    surface: '`properties=*all` on issue GET and search, `/issue/{key}/properties`; `POST /rest/api/3/issue` with a `properties` array; `PUT` / `DELETE /issue/{key}/properties/{propertyKey}`',
    exposure: 'jira-own',
    visibleTo: 'read by everyone who can browse the issue; set at creation by anyone with Create Issues, later by people with Edit Issues (Liaison believes none of its own: each is checked against its record)',
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
  return JIRA_EXPOSURE_POLICY.map((r) => `| ${r.fact} | ${r.surface} | ${r.visibleTo ?? VISIBLE_TO[r.exposure]} |`);
}

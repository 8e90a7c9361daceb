/**
 * Resolvers of red flags: the issue panel (read, raise, resolve, and a client's "I am confused
 * about this"), the project's Red flags page, and the dashboard gadget. Issue-scoped calls name an
 * issue; its project — the one the caller's roles are checked in — is read from Jira with the
 * issue itself, as the caller (`locate`), never taken from the payload.
 *
 * Flags come from their KVS record (events/flagRecords.ts), never from the `liaison-flags` property.
 * A client gets only client-visible flags, shaped by the domain's `clientView`, on issues Jira lets
 * them browse. Writes go to the record (versioned: a concurrent write answers CONFLICT) and then
 * its projection to the property as the app, after the role check; each is recorded in the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { isoDateOf, shiftDate } from '../../platform/domain/businessDays';
import { filterFlags, flagsCsv, heatMap, openedResolvedByWeek, type FlagRow } from '../domain/flagRollup';
import { FLAG_CATEGORIES, FLAG_CATEGORY_LABELS, RULE_ACTOR, SEVERITIES, clientView, isOpen, severityRank, type ClientFlag, type Flag, type FlagsProperty } from '../domain/redFlags';
import { ClientConfusedInput, FlagVisibilityInput, RaiseFlagInput, ResolveFlagInput, clientConfusedFlag, raiseFlag, resolveFlag, setFlagVisibility } from '../domain/flagActions';
import { isIsoDate } from '../../platform/domain/time';
import { recordedFlagsClause, saveIssueFlags, withFlagRecords, withFlagRecord, type RecordedFlagIssue } from '../services/flagRecords';
import { applyRules, evaluateRules, flagFieldIds, projectSetupFrom, rulesOn } from '../services/flagRuleRun';
import { jqlString } from '../../asks/jira/askSearch';
import { FLAGS_PROPERTY, readFlagIssue, searchFlagIssues, type FlagFieldIds, type FlagIssue } from '../jira/flagIssues';
import { jiraAsApp, jiraAsUser } from '../../platform/jira/jiraClient';
import { notifyIssue } from '../../platform/jira/notify';
import { readLastRun, type ProjectRun } from '../store/flagRunStore';
import { recentWrites, rememberWrite } from '../../platform/store/recentWrites';
import { checkedAccess, defineResolver, type ResolverContext } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import { IssueInput, isClient, issueKey, issueSubject, recordIssueChange } from '../../access/resolvers/issueScope';
import { displayNames } from '../../platform/jira/people';
import type { ProjectAccess } from '../../access/services/projectAccess';

/** Issues read for the Red flags page: a busy project's flagged issues, well inside the 25 s limit. */
export const FLAG_PAGE_MAX_ISSUES = 1000;
/** Flags listed in one answer (the heat map and the chart count all of them). */
export const FLAG_PAGE_MAX_ROWS = 500;
/** The chart's default period: the last twelve weeks. */
const DEFAULT_PERIOD_DAYS = 83;

interface FlagSubject {
  issue: FlagIssue;
  ids: FlagFieldIds;
}

const { defineIssueResolver: defineFlagResolver } = issueSubject<FlagSubject>({
  resolvers: 'A flag resolver',
  parts: ['issue'],
  async read(jira, key, now) {
    const ids = await flagFieldIds(now);
    return { issue: await readFlagIssue(jira, key, ids), ids };
  },
});

/** Whether the rules run in the project: its Red flag rules switch (see events/flagRuleRun.ts). */
const rulesActive = (access: ProjectAccess) => rulesOn(access.project);

/** Open first (most severe, newest), then resolved (most recently resolved first). */
function byAttention<T extends { severity: Flag['severity']; raisedAt: string; resolvedAt?: string }>(a: T, b: T): number {
  const openA = a.resolvedAt === undefined;
  const openB = b.resolvedAt === undefined;
  if (openA !== openB) return openA ? -1 : 1;
  if (openA) return severityRank(b.severity) - severityRank(a.severity) || b.raisedAt.localeCompare(a.raisedAt);
  return (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? '');
}

function peopleOf(flags: readonly Flag[]): string[] {
  return flags.flatMap((flag) => [flag.raisedBy, flag.resolvedBy]).filter((id): id is string => typeof id === 'string' && id !== '' && id !== RULE_ACTOR);
}

export interface PanelView {
  issueKey: string;
  issueSummary: string;
  projectKey: string;
  viewer: 'team' | 'client';
  /** All flags for the team; for a client only the client-visible ones, without internal account ids. */
  flags: Flag[] | ClientFlag[];
  open: number;
  /** Older resolved flags dropped to keep the record bounded (team only). */
  dropped: number;
  names: Record<string, string>;
  can: { raise: boolean; resolve: boolean; confused: boolean };
  rulesActive: boolean;
}

async function panelView(issue: FlagIssue, flags: FlagsProperty, access: ProjectAccess, accountId: string): Promise<PanelView> {
  const base = { issueKey: issue.issueKey, issueSummary: issue.summary, projectKey: issue.projectKey, rulesActive: rulesActive(access) };
  if (isClient(access)) {
    const visible = clientView(flags, accountId).sort(byAttention);
    const alreadyConfused = flags.flags.some((f) => isOpen(f) && f.category === 'client-confused' && f.source === 'manual' && f.raisedBy === accountId);
    return {
      ...base,
      viewer: 'client',
      flags: visible,
      open: visible.filter((f) => f.resolvedAt === undefined).length,
      dropped: 0,
      names: await displayNames([accountId]),
      can: { raise: false, resolve: false, confused: !alreadyConfused },
    };
  }
  const all = [...flags.flags].sort(byAttention);
  return {
    ...base,
    viewer: 'team',
    flags: all,
    open: flags.open,
    dropped: flags.dropped,
    names: await displayNames(peopleOf(all)),
    can: { raise: true, resolve: true, confused: false },
  };
}

export interface FlagWriteAnswer extends PanelView {
  /** Things that went wrong after the change was saved (the change stands). */
  warnings: string[];
}

/** Saves a person's change to the issue's flags (`issue`: as read from its record; CONFLICT if it changed since), then records it (and runs `after`, e.g. a notification). */
async function commit(
  ctx: ResolverContext<unknown>,
  issue: RecordedFlagIssue,
  next: FlagsProperty,
  record: { action: string; summary: string },
  after?: () => Promise<void>,
): Promise<FlagWriteAnswer> {
  const access = checkedAccess(ctx);
  await saveIssueFlags(issue, next, ctx.now);
  // The project's flag lists search Jira, whose index lags: they ask for this issue by id for a while.
  await rememberWrite(issue.projectKey, issue.issueId, ctx.now).catch((error: unknown) => console.warn(`Liaison: ${issue.issueKey} may be missing from flag lists for a moment: ${error instanceof Error ? error.message : String(error)}`));
  const { warnings } = await recordIssueChange(ctx, issue, { saved: 'flag', action: record.action, path: 'flags', summary: `${issue.issueKey}: ${record.summary}`, notify: after });
  return { ...(await panelView(issue, next, access, ctx.accountId)), warnings };
}

const MANAGE_REFUSAL = 'Only the team of this project (manager, approver or team member) can raise or resolve red flags';

export const getFlags = defineFlagResolver({
  key: 'flags.get',
  description: "An issue's red flags (a client sees only the client-visible ones), brought in line with the project's rules first",
  input: IssueInput,
  allow: rolesAllowedTo('flags.read'),
  refusal: "You don't have access to red flags in this project",
  async handler(ctx, { issue }) {
    const access = checkedAccess(ctx);
    const noted = await withFlagRecord(issue, ctx.now);
    // The panel shows what the rules say now (an ask answered since the last event clears its flag).
    if (isClient(access)) {
      // A client's read does not write: the rules' verdict is shown and the issue trigger saves it.
      const flags = rulesActive(access) ? evaluateRules(noted, await projectSetupFrom(access.projectKey, access.merged.settings, ctx.now)).property : noted.flags;
      return panelView(noted, flags, access, ctx.accountId);
    }
    const flags = rulesActive(access) ? (await applyRules(noted, await projectSetupFrom(access.projectKey, access.merged.settings, ctx.now))).property : noted.flags;
    return panelView(noted, flags, access, ctx.accountId);
  },
});

export const raiseIssueFlag = defineFlagResolver({
  key: 'flags.raise',
  description: 'Raise a red flag on an issue (category, severity, note, client-visible or not)',
  input: RaiseFlagInput.extend({ issueKey }),
  allow: rolesAllowedTo('flags.manage'),
  refusal: MANAGE_REFUSAL,
  async handler(ctx, { issue: read }) {
    const issue = await withFlagRecord(read);
    const { category, severity, note, clientVisible } = ctx.input;
    const next = raiseFlag(issue.flags, { category, severity, note, clientVisible }, ctx.accountId, ctx.now, randomUUID());
    return commit(ctx, issue, next, {
      action: 'flag.raise',
      summary: `raised ${FLAG_CATEGORY_LABELS[category]} (${severity}${clientVisible ? ', client-visible' : ''}): ${note}`,
    });
  },
});

export const resolveIssueFlag = defineFlagResolver({
  key: 'flags.resolve',
  description: 'Resolve a red flag with a note (a rule flag then stays down until its condition clears once)',
  input: ResolveFlagInput.extend({ issueKey }),
  allow: rolesAllowedTo('flags.manage'),
  refusal: MANAGE_REFUSAL,
  async handler(ctx, { issue: read }) {
    const issue = await withFlagRecord(read);
    const flag = issue.flags.flags.find((f) => f.id === ctx.input.flagId);
    const next = resolveFlag(issue.flags, { flagId: ctx.input.flagId, resolution: ctx.input.resolution }, ctx.accountId, ctx.now);
    return commit(ctx, issue, next, {
      action: 'flag.resolve',
      summary: `resolved ${flag ? FLAG_CATEGORY_LABELS[flag.category] : 'a flag'}: ${ctx.input.resolution}`,
    });
  },
});

export const setIssueFlagVisibility = defineFlagResolver({
  key: 'flags.setVisibility',
  description: 'Show a red flag to the client or hide it',
  input: FlagVisibilityInput.extend({ issueKey }),
  allow: rolesAllowedTo('flags.manage'),
  refusal: MANAGE_REFUSAL,
  async handler(ctx, { issue: read }) {
    const issue = await withFlagRecord(read);
    const flag = issue.flags.flags.find((f) => f.id === ctx.input.flagId);
    const next = setFlagVisibility(issue.flags, { flagId: ctx.input.flagId, clientVisible: ctx.input.clientVisible });
    return commit(ctx, issue, next, {
      action: 'flag.visibility',
      summary: `${ctx.input.clientVisible ? 'showed' : 'hid'} ${flag ? FLAG_CATEGORY_LABELS[flag.category] : 'a flag'} ${ctx.input.clientVisible ? 'to' : 'from'} the client`,
    });
  },
});

export const clientConfused = defineFlagResolver({
  key: 'flags.confused',
  description: 'A client says "I am confused about this" on an issue they can see: a client-confused flag for the team, who are notified',
  input: ClientConfusedInput.extend({ issueKey }),
  allow: rolesAllowedTo('flags.confused'),
  refusal: 'Only a client of this project can mark an item "I am confused about this"',
  async handler(ctx, { issue: read }) {
    // The answer is the client's view, which has no internal flag at all.
    const issue = await withFlagRecord(read);
    const next = clientConfusedFlag(issue.flags, { note: ctx.input.note }, ctx.accountId, ctx.now, randomUUID());
    const names = await displayNames([ctx.accountId]);
    const who = names[ctx.accountId] ?? 'A client';
    const note = ctx.input.note ? `\n\nThey wrote: ${ctx.input.note}` : '';
    return commit(ctx, issue, next, { action: 'flag.confused', summary: `the client marked it "I am confused about this"${ctx.input.note ? `: ${ctx.input.note}` : ''}` }, () =>
      notifyIssue(jiraAsApp(), issue.issueKey, {
        subject: `${issue.issueKey}: ${who} is confused about this`,
        text: `${who} marked ${issue.issueKey} "${issue.summary}" as "I am confused about this" in Liaison.${note}\n\nA client-confused red flag is open on the issue until someone on the team resolves it.`,
        to: { assignee: true, reporter: true },
      }),
    );
  },
});

// ---- the project's Red flags page ----

const date = (_label: string) => z.string({ error: 'Pick a date' }).refine(isIsoDate, 'Pick a date from the calendar');

export const ProjectFlagsInput = z.object({
  projectKey,
  categories: z.array(z.enum(FLAG_CATEGORIES, { error: 'Unknown category' }), { error: 'Categories must be a list' }).max(FLAG_CATEGORIES.length).optional(),
  severities: z.array(z.enum(SEVERITIES, { error: 'Unknown severity' }), { error: 'Severities must be a list' }).max(SEVERITIES.length).optional(),
  status: z.enum(['open', 'resolved', 'all'], { error: 'Status must be open, resolved or all' }).optional(),
  source: z.enum(['manual', 'rule', 'all'], { error: 'Source must be manual, rule or all' }).optional(),
  from: date('From').optional(),
  to: date('To').optional(),
  csv: z.boolean().optional(),
});

export interface ProjectFlagsView {
  projectKey: string;
  today: string;
  /** The weeks the chart covers (whole ISO weeks overlapping it). */
  period: { from: string; to: string };
  filter: { categories?: Flag['category'][]; severities?: Flag['severity'][]; status: 'open' | 'resolved' | 'all'; source: 'manual' | 'rule' | 'all' };
  /** Open flags matching the category, severity and source filters. */
  heatMap: ReturnType<typeof heatMap>;
  weeks: ReturnType<typeof openedResolvedByWeek>;
  /** The filtered flags, most urgent first, at most FLAG_PAGE_MAX_ROWS. */
  rows: FlagRow[];
  total: number;
  openTotal: number;
  listTruncated: boolean;
  issuesTruncated: boolean;
  names: Record<string, string>;
  rulesActive: boolean;
  lastRun: (ProjectRun & { at: string }) | null;
  csv: string | null;
}

export const projectFlags = defineResolver({
  key: 'flags.project',
  description: "The project's red flags: severity × category heat map, the filtered list, opened vs resolved per week, and the CSV export",
  input: ProjectFlagsInput,
  allow: rolesAllowedTo('flags.overview'),
  refusal: 'Only the team of this project can see all of its red flags',
  async handler(ctx): Promise<ProjectFlagsView> {
    const access = checkedAccess(ctx);
    const { input } = ctx;
    const today = isoDateOf(ctx.now);
    const to = input.to ?? today;
    const from = input.from ?? shiftDate(to, -DEFAULT_PERIOD_DAYS);
    const ids = await flagFieldIds(ctx.now);
    // Every issue that ever carried a flag: its property exists, so its total is a number, or it has a record (the flags themselves come from the records).
    const jql = `project = ${jqlString(access.projectKey)} AND ${await recordedFlagsClause(access.projectKey, `issue.property[${FLAGS_PROPERTY}].total >= 0`, { openOnly: false })} ORDER BY key ASC`;
    const reconcileIssues = await recentWrites(access.projectKey, ctx.now);
    const [found, lastRun] = await Promise.all([searchFlagIssues(jiraAsUser(), { jql, ids, maxIssues: FLAG_PAGE_MAX_ISSUES, reconcileIssues }), readLastRun()]);
    const issues = await withFlagRecords(found.issues);
    const rows: FlagRow[] = issues.flatMap((issue) => issue.flags.flags.map((flag) => ({ issueKey: issue.issueKey, summary: issue.summary, flag })));
    const filter = { categories: input.categories, severities: input.severities, status: input.status ?? 'open', source: input.source ?? 'all' } as const;
    const shown = filterFlags(rows, filter).sort((a, b) => byAttention(a.flag, b.flag) || a.issueKey.localeCompare(b.issueKey, 'en', { numeric: true }));
    const weeks = openedResolvedByWeek(filterFlags(rows, { ...filter, status: 'all' }), from, to);
    const names = await displayNames(peopleOf(shown.map((row) => row.flag)));
    const projectRun = lastRun?.projects.find((p) => p.projectKey === access.projectKey);
    return {
      projectKey: access.projectKey,
      today,
      period: { from, to },
      filter,
      heatMap: heatMap(filterFlags(rows, { ...filter, status: 'open' })),
      weeks,
      rows: shown.slice(0, FLAG_PAGE_MAX_ROWS),
      total: shown.length,
      openTotal: rows.filter((row) => isOpen(row.flag)).length,
      listTruncated: shown.length > FLAG_PAGE_MAX_ROWS,
      issuesTruncated: found.truncated,
      names,
      rulesActive: rulesActive(access),
      lastRun: projectRun && lastRun ? { at: lastRun.finishedAt, ...projectRun } : null,
      csv: input.csv ? flagsCsv(shown, names) : null,
    };
  },
});

export const FLAG_RESOLVERS = [getFlags, raiseIssueFlag, resolveIssueFlag, setIssueFlagVisibility, clientConfused, projectFlags];


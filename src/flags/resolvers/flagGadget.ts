/**
 * The red flags dashboard gadget: the open flags and overdue client asks of the projects a person
 * picks, and the projects they may pick from. The issue panel and the project's Red flags page are
 * in flags.ts.
 */
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { businessDaysBetween, calendarFromPlan, isoDateOf } from '../../platform/domain/businessDays';
import { isOverdue } from '../../asks/domain/clientAsk';
import { SEVERITIES, severityRank, type Flag } from '../domain/redFlags';
import { openFlagsSeenBy, recordedFlagsClause } from '../services/flagRecords';
import { flagFieldIds } from '../services/flagRuleRun';
import { askFields } from '../../asks/jira/askFields';
import { listProjectAsksIn } from '../../asks/store/askStore';
import { askMigrationsFor } from '../../asks/jira/askRecords';
import { askRows, jqlString } from '../../asks/jira/askSearch';
import { FLAGS_PROPERTY, searchFlagIssues } from '../jira/flagIssues';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { getProject } from '../../platform/jira/projects';
import { recentWrites } from '../../platform/store/recentWrites';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import { isClient } from '../../access/resolvers/issueScope';
import { displayNames } from '../../platform/jira/people';
import { browsableProjects } from '../../access/services/projectAccess';

/** Issues the gadget reads for its counts, and the items it lists. */
export const GADGET_MAX_ISSUES = 500;
export const GADGET_TOP = 5;

export interface GadgetFlag {
  issueKey: string;
  summary: string;
  category: Flag['category'];
  severity: Flag['severity'];
  note: string;
}

export interface GadgetAsk {
  issueKey: string;
  summary: string;
  client: string;
  ask: string;
  due: string;
  businessDaysOverdue: number;
}

export interface GadgetView {
  projectKey: string;
  projectName: string;
  viewer: 'team' | 'client';
  today: string;
  flags: { total: number; bySeverity: Record<Flag['severity'], number>; top: GadgetFlag[] };
  asks: { total: number; top: GadgetAsk[] };
  names: Record<string, string>;
  truncated: boolean;
}

export const gadgetFlags = defineResolver({
  key: 'flags.gadget',
  description: "The dashboard gadget: a project's open red flags by severity and its overdue client asks (a client: only client-visible flags and their own asks)",
  input: z.object({ projectKey }),
  allow: rolesAllowedTo('flags.gadget'),
  refusal: "You don't have access to Liaison in this project",
  async handler(ctx): Promise<GadgetView> {
    const access = checkedAccess(ctx);
    const client = isClient(access);
    const today = isoDateOf(ctx.now);
    const jira = jiraAsUser();
    const [ids, asks, reconcileIssues] = await Promise.all([flagFieldIds(ctx.now), askFields(ctx.now), recentWrites(access.projectKey, ctx.now)]);
    // Waiting asks come from their records (soonest due first); Jira says which issues the caller may browse.
    await askMigrationsFor([access.projectKey], ctx.now);
    const listed = await listProjectAsksIn(access.projectKey, 'waiting', GADGET_MAX_ISSUES);
    const candidates = listed.asks.filter((stored) => stored.ask && isOverdue(stored.ask, today) && (!client || stored.ask.client === ctx.accountId));
    const [project, flagged, seen] = await Promise.all([
      getProject(jira, access.projectKey),
      searchFlagIssues(jira, { jql: `project = ${jqlString(access.projectKey)} AND ${await recordedFlagsClause(access.projectKey, `issue.property[${FLAGS_PROPERTY}].total > 0`, { openOnly: true })} ORDER BY key ASC`, ids, maxIssues: GADGET_MAX_ISSUES, reconcileIssues }),
      askRows(jira, { asks: candidates, fields: asks, now: ctx.now, maxIssues: GADGET_MAX_ISSUES }),
    ]);
    const waiting = { rows: seen.rows.filter((row) => row.projectKey === access.projectKey), truncated: listed.truncated || seen.truncated };

    const open: GadgetFlag[] = (await openFlagsSeenBy(flagged.issues, { client, accountId: ctx.accountId }))
      .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.raisedAt.localeCompare(a.raisedAt))
      .map(({ raisedAt: _raisedAt, ...flag }) => flag);
    const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, open.filter((flag) => flag.severity === severity).length])) as Record<Flag['severity'], number>;

    const cal = calendarFromPlan(access.merged.settings.communicationPlan);
    const overdue: GadgetAsk[] = waiting.rows
      .filter((row) => isOverdue(row.ask, today) && (!client || row.ask.client === ctx.accountId))
      .map((row) => ({ issueKey: row.issueKey, summary: row.summary, client: row.ask.client, ask: row.ask.ask, due: row.ask.due, businessDaysOverdue: businessDaysBetween(row.ask.due, today, cal) }))
      .sort((a, b) => b.businessDaysOverdue - a.businessDaysOverdue || a.due.localeCompare(b.due));
    const names = await displayNames(overdue.slice(0, GADGET_TOP).map((ask) => ask.client));
    return {
      projectKey: access.projectKey,
      projectName: project.name,
      viewer: client ? 'client' : 'team',
      today,
      flags: { total: open.length, bySeverity, top: open.slice(0, GADGET_TOP) },
      asks: { total: overdue.length, top: overdue.slice(0, GADGET_TOP) },
      names,
      truncated: flagged.truncated || waiting.truncated,
    };
  },
});

export const gadgetProjects = defineResolver({
  key: 'flags.gadgetProjects',
  description: "The projects the gadget's configuration screen offers: those where the caller holds a Liaison role",
  input: z.object({}),
  allow: 'signed-in',
  async handler(ctx) {
    // Only projects the caller can browse, and only those where they hold a role: any user may ask.
    const { projects, truncated } = await browsableProjects(ctx.accountId, ctx.now);
    return { projects: projects.filter(({ access }) => access.roles.length > 0).map(({ project }) => ({ projectKey: project.key, projectName: project.name })), truncated };
  },
});

export const FLAG_GADGET_RESOLVERS = [gadgetFlags, gadgetProjects];

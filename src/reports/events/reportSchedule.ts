/**
 * The report schedule (`scheduledTrigger` report-schedule, daily): for every project that saved
 * Liaison settings and whose communication plan's report schedule is due today
 * (reportScheduleDue.ts), a draft report per scheduled audience, generated as the app (there is no
 * user behind a schedule) and stored with a notice, and the PM told it is ready:
 * - on the Reports page: `reports.notices` lists the scheduled drafts nobody opened yet;
 * - in Jira: Jira notifies people only about issues, so Liaison sends POST /issue/{key}/notify about
 *   the project's first issue (a stable carrier, one a project member can browse) to the people in
 *   the Jira roles mapped to `manager`; the text names the report and where to find it. Jira mails
 *   only recipients who may browse the issue.
 * A draft already made for the same period and audience (the trigger ran twice) is not made again.
 */
import { randomUUID } from 'node:crypto';
import { route } from '@forge/api';
import { buildAuditEntry } from '../../platform/domain/audit';
import { isoDateOf } from '../../platform/domain/businessDays';
import { rolesNamed } from '../../access/domain/roleMembership';
import type { ReportAudience, ReportPeriod } from '../domain/model';
import { mappedJiraRoles } from '../../access/domain/roles';
import { type EffectiveSettings } from '../../settings/domain/settings';
import { mergeSettings } from '../../settings/domain/storedSettings';
import { jqlString } from '../../asks/jira/askSearch';
import { jiraAsApp, type JiraClient } from '../../platform/jira/jiraClient';
import { notifyIssue } from '../../platform/jira/notify';
import { gatherReportData } from '../jira/reportFacts';
import { loadRoleActors } from '../../access/services/roleMembership';
import { factsFromData, modelOf, reportScope } from '../services/reportsGenerate';
import { readRoleActors } from '../../access/store/roleActorsStore';
import { listReports, SCHEDULE_ACTOR, writeReport, type ReportRecord } from '../store/reportStore';
import { listProjectsWithSettings, readProjectSettings, readSiteDefaults } from '../../settings/store/settingsStore';
import { scheduledPeriod } from '../domain/reportScheduleDue';

/** Projects per run, and the time the run may take (timeoutSeconds is 900). */
export const SCHEDULE_LIMITS = { projects: 100, budgetMs: 600_000, existingLookback: 50 } as const;

export interface ScheduledProject {
  projectKey: string;
  period?: ReportPeriod;
  created: { audience: ReportAudience; reportId: string }[];
  skipped: ReportAudience[];
  notified: boolean;
  error?: string;
}

export interface ScheduleRun {
  today: string;
  projects: ScheduledProject[];
  /** Projects left for lack of time. */
  deferred: string[];
}

/** The people named directly in the Jira roles mapped to `manager` (groups are not expanded). */
export async function managers(projectKey: string, settings: EffectiveSettings, now: Date): Promise<string[]> {
  const mapping = settings.roleMapping;
  const snapshot = await loadRoleActors(projectKey, mappedJiraRoles(mapping), now, await readRoleActors(projectKey));
  const ids = new Set<string>();
  for (const role of rolesNamed(snapshot.roles, mapping.manager)) for (const id of snapshot.actors[String(role.id)]?.accountIds ?? []) ids.add(id);
  return [...ids].sort();
}

/**
 * The issue a project-wide notification is sent about: Jira notifies people only about issues, so
 * the project's first issue (a stable carrier any project member can browse); undefined when empty.
 */
export async function carrierIssue(jira: JiraClient, projectKey: string): Promise<string | undefined> {
  const first = await jira.post<{ issues?: { key: string }[] }>(route`/rest/api/3/search/jql`, { jql: `project = ${jqlString(projectKey)} ORDER BY created ASC, key ASC`, fields: ['summary'], maxResults: 1 });
  return first.issues?.[0]?.key;
}

async function tellManagers(jira: JiraClient, projectKey: string, settings: EffectiveSettings, period: ReportPeriod, audiences: ReportAudience[], now: Date): Promise<boolean> {
  const people = await managers(projectKey, settings, now);
  if (people.length === 0) return false;
  const carrier = await carrierIssue(jira, projectKey);
  if (!carrier) return false;
  const list = audiences.join(', ');
  await notifyIssue(jira, carrier, {
    subject: `Liaison: report drafts for ${projectKey} (${period.from} to ${period.to}) are ready`,
    text:
      `The report schedule of ${projectKey} made draft reports for ${period.from} to ${period.to}: ${list}.\n\n` +
      `Open the project's Liaison > Reports page to read them, write the narrative and publish.\n\n` +
      `(Jira sends notifications about issues only: this one is sent about ${carrier}, the project's first issue.)`,
    to: { users: people },
  });
  return true;
}

/** One project's scheduled drafts, when its schedule is due today. */
export async function runProjectSchedule(projectKey: string, settings: EffectiveSettings, now: Date): Promise<ScheduledProject> {
  const today = isoDateOf(now);
  const schedule = settings.communicationPlan.reportSchedule;
  const period = scheduledPeriod(schedule, today);
  if (!period) return { projectKey, created: [], skipped: [], notified: false };
  const jira = jiraAsApp();
  const { records } = await listReports(projectKey, SCHEDULE_LIMITS.existingLookback);
  const made = (audience: ReportAudience) => records.some((r) => r.source === 'schedule' && r.audience === audience && r.periodFrom === period.from && r.periodTo === period.to);
  const audiences = schedule.audiences.filter((a) => !made(a));
  const skipped = schedule.audiences.filter((a) => made(a));
  const created: ScheduledProject['created'] = [];
  if (audiences.length > 0) {
    // Jira is read once; each audience is its own model of the same data.
    const data = await gatherReportData(jira, reportScope(projectKey, period), now);
    for (const audience of audiences) {
      const facts = await factsFromData(Promise.resolve(data), { projectKey, period, audience, settings, now });
      const model = modelOf(facts, audience, settings);
      const id = randomUUID();
      const at = now.toISOString();
      const record: ReportRecord = {
        id, projectKey, period, audience, status: 'draft', version: 1, generatedAt: at, generatedBy: SCHEDULE_ACTOR, model,
        periodFrom: period.from, periodTo: period.to, source: 'schedule', updatedAt: at, updatedBy: SCHEDULE_ACTOR, notice: 'unopened',
      };
      const audit = buildAuditEntry({
        projectKey, at: now, actor: SCHEDULE_ACTOR, action: 'report.scheduled', target: `report:${id}`,
        changes: [{ path: 'report', summary: `The report schedule made the ${audience} report draft for ${period.from} to ${period.to}` }],
      });
      await writeReport(record, 0, audit);
      created.push({ audience, reportId: id });
    }
  }
  let notified = false;
  let error: string | undefined;
  if (created.length > 0) {
    try {
      notified = await tellManagers(jira, projectKey, settings, period, created.map((c) => c.audience), now);
    } catch (e) {
      // The drafts are saved and the Reports page shows them: a failed email is only reported.
      error = `The drafts were made but the Jira notification failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return { projectKey, period, created, skipped, notified, ...(error ? { error } : {}) };
}

/** The `scheduledTrigger` function (daily). */
export async function runReportSchedule(): Promise<ScheduleRun> {
  const started = Date.now();
  const now = new Date(started);
  const listed = await listProjectsWithSettings(SCHEDULE_LIMITS.projects);
  const site = listed.projectKeys.length > 0 ? await readSiteDefaults() : undefined;
  const projects: ScheduledProject[] = [];
  const deferred: string[] = [];
  for (const projectKey of listed.projectKeys) {
    if (Date.now() - started > SCHEDULE_LIMITS.budgetMs) {
      deferred.push(projectKey);
      continue;
    }
    try {
      const project = await readProjectSettings(projectKey);
      const { settings } = mergeSettings(site?.stored, project.stored);
      projects.push(await runProjectSchedule(projectKey, settings, now));
    } catch (e) {
      // One project's failure (deleted, Jira refusing) must not stop the others.
      projects.push({ projectKey, created: [], skipped: [], notified: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { today: isoDateOf(now), projects, deferred };
}

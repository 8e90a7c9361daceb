/**
 * Reminders and the managers' digest (issue 14): the `reminders-hourly` scheduled trigger. Hourly,
 * because each reminder goes out inside its recipient's working hours in their own time zone (a
 * daily trigger fires at one arbitrary hour). For every project whose reminders a manager switched
 * on, it reads the project's open asks from their records (one index query per state) and, in one
 * paged Jira search, their issues' summaries; the change requests still at "logged" in one search;
 * then asks the pure planner (src/asks/domain/reminders.ts) — the same one the Settings preview asks —
 * what is due now, and sends each reminder as a Jira notification about its issue, claiming its key
 * in storage first (src/asks/store/reminderStore.ts), so nothing is sent twice.
 * Reminders the planner marks "by hand" (a client who prefers the phone, an escalation level with
 * no Jira account) are not sent: the digest lists them for the PM.
 * Bounded: at most REMINDER_LIMITS.projects projects, asks and sends per run, and a time budget far
 * inside the function's 900 s (and the hour until the next run); projects not reached are reported
 * as deferred and served by the next run.
 */
import type { PlannedReminder } from '../domain/reminders';
import { digestDueAt, remindersDueAt } from '../domain/reminders';
import { type EffectiveSettings } from '../../settings/domain/settings';
import { mergeSettings } from '../../settings/domain/storedSettings';
import { jiraAsApp } from '../../platform/jira/jiraClient';
import { notifyIssue } from '../../platform/jira/notify';
import { claimReminder, releaseReminder, sentReminderKeys } from '../store/reminderStore';
import { listProjectsWithSettings, readProjectSettings, readSiteDefaults } from '../../settings/store/settingsStore';
import { carrierIssue, managers } from '../../reports/events/reportSchedule';
import { REMINDER_LIMITS, reminderInput } from '../services/reminders';

export interface ProjectReminderRun {
  projectKey: string;
  sent: { key: string; issueKey: string; to: string[] }[];
  /** Planned now but for the PM to do (listed in the digest). */
  byHand: string[];
  /** Due now but sent by an earlier run. */
  alreadySent: string[];
  digest: { key: string; sent: boolean; to: string[] } | null;
  errors: string[];
}

export interface ReminderRun {
  at: string;
  projects: ProjectReminderRun[];
  deferred: string[];
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function sendOnce(projectKey: string, key: string, kind: string, issueKey: string, to: string[], send: () => Promise<void>, now: Date): Promise<boolean> {
  if (!(await claimReminder(projectKey, key, { sentAt: now.toISOString(), issueKey, kind, to }))) return false;
  try {
    await send();
    return true;
  } catch (error) {
    // Not sent: give the claim back so the next run tries again.
    await releaseReminder(projectKey, key);
    throw error;
  }
}

/** One project's reminders and digest due at `now`. */
export async function runProjectReminders(projectKey: string, settings: EffectiveSettings, now: Date, deadline: number): Promise<ProjectReminderRun> {
  const run: ProjectReminderRun = { projectKey, sent: [], byHand: [], alreadySent: [], digest: null, errors: [] };
  const jira = jiraAsApp();
  const input = await reminderInput(projectKey, settings, now, jira);
  const due: PlannedReminder[] = remindersDueAt(input, now);
  const sent = await sentReminderKeys(projectKey, due.map((r) => r.key));
  for (const reminder of due) {
    if (sent.has(reminder.key)) run.alreadySent.push(reminder.key);
    else if (reminder.delivery === 'by-hand' || !reminder.to.accountId) run.byHand.push(reminder.key);
    else if (run.sent.length < REMINDER_LIMITS.sendsPerProject && Date.now() < deadline) {
      const to = [reminder.to.accountId];
      try {
        const done = await sendOnce(projectKey, reminder.key, reminder.kind, reminder.issueKey, to, () => notifyIssue(jira, reminder.issueKey, { subject: reminder.subject, text: reminder.text, to: { users: to } }), now);
        if (done) run.sent.push({ key: reminder.key, issueKey: reminder.issueKey, to });
        else run.alreadySent.push(reminder.key);
      } catch (error) {
        run.errors.push(`${reminder.key}: ${messageOf(error)}`);
      }
    }
  }
  const digest = digestDueAt(input, now);
  if (digest && !(await sentReminderKeys(projectKey, [digest.key])).has(digest.key)) {
    const people = await managers(projectKey, settings, now);
    const carrier = digest.clientOverdue[0]?.issueKey ?? (await carrierIssue(jira, projectKey));
    if (people.length > 0 && carrier) {
      try {
        const text = `${digest.text}\n\n(Jira sends notifications about issues only: this digest is sent about ${carrier}.)`;
        const done = await sendOnce(projectKey, digest.key, 'digest', carrier, people, () => notifyIssue(jira, carrier, { subject: digest.subject, text, to: { users: people } }), now);
        run.digest = { key: digest.key, sent: done, to: people };
      } catch (error) {
        run.errors.push(`${digest.key}: ${messageOf(error)}`);
      }
    }
  }
  return run;
}

/** The `scheduledTrigger` function (hourly). */
export async function runReminders(): Promise<ReminderRun> {
  const started = Date.now();
  const now = new Date(started);
  const deadline = started + REMINDER_LIMITS.budgetMs;
  const listed = await listProjectsWithSettings(REMINDER_LIMITS.projects);
  const site = listed.projectKeys.length > 0 ? await readSiteDefaults() : undefined;
  const projects: ProjectReminderRun[] = [];
  const deferred: string[] = [];
  for (const projectKey of listed.projectKeys) {
    if (Date.now() >= deadline) {
      deferred.push(projectKey);
      continue;
    }
    try {
      const project = await readProjectSettings(projectKey);
      const { settings } = mergeSettings(site?.stored, project.stored);
      // Off unless a manager switched them on for the project.
      if (settings.reminders?.enabled !== true) continue;
      projects.push(await runProjectReminders(projectKey, settings, now, deadline));
    } catch (error) {
      // One project's failure must not stop the others.
      projects.push({ projectKey, sent: [], byHand: [], alreadySent: [], digest: null, errors: [messageOf(error)] });
    }
  }
  return { at: now.toISOString(), projects, deferred };
}


/**
 * What the reminder planner (src/asks/domain/reminders.ts) needs of a project: its open asks from their
 * records with their issues' summaries, and its change requests still at "logged". The hourly run
 * (src/asks/events/reminders.ts) and the Settings preview (src/asks/resolvers/reminders.ts) both read it here.
 */
import type { LoggedChange, ReminderAsk, ReminderInput } from '../domain/reminders';
import { DEFAULT_REMINDERS, type EffectiveSettings } from '../../settings/domain/settings';
import { askFields } from '../jira/askFields';
import { askRows } from '../jira/askSearch';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { displayNames } from '../../platform/jira/people';
import { projectChangeWorkflow } from '../../changes/jira/provisioning';
import { listProjectAsksIn } from '../store/askStore';
import { baseOf, listProjectChanges, stepOf } from '../../changes/services/changeRecords';

export const REMINDER_LIMITS = { projects: 100, asks: 500, changes: 200, sendsPerProject: 200, budgetMs: 300_000 } as const;

/** What the planner needs of a project, read as `jira` (the app for the job, the manager for the preview). */
export async function reminderInput(projectKey: string, settings: EffectiveSettings, now: Date, jira: JiraClient, reminders = settings.reminders ?? DEFAULT_REMINDERS): Promise<ReminderInput & { truncated: boolean }> {
  const [waiting, question, answered, fields, mapping] = await Promise.all([
    listProjectAsksIn(projectKey, 'waiting', REMINDER_LIMITS.asks),
    listProjectAsksIn(projectKey, 'question', REMINDER_LIMITS.asks),
    listProjectAsksIn(projectKey, 'answered', REMINDER_LIMITS.asks),
    askFields(now),
    projectChangeWorkflow(projectKey, settings.changeWorkflow, now),
  ]);
  const stored = [...waiting.asks, ...question.asks, ...answered.asks].slice(0, REMINDER_LIMITS.asks);
  const [found, changes] = await Promise.all([
    askRows(jira, { asks: stored, fields, now, maxIssues: REMINDER_LIMITS.asks }),
    mapping ? listProjectChanges({ projectKey }, mapping.issueTypeId, REMINDER_LIMITS.changes, now, jira, ` AND status = ${mapping.statusIds.logged}`) : Promise.resolve({ changes: [], truncated: false }),
  ]);
  // Jira is trusted for the issue's project and summary only; the ask is the record's.
  const asks: ReminderAsk[] = found.rows
    .filter((row) => row.projectKey === projectKey)
    .map((row) => ({
      issueId: row.issueId, issueKey: row.issueKey, summary: row.summary, client: row.ask.client, ask: row.ask.ask, due: row.ask.due, round: row.ask.round,
      state: row.ask.state, askedAt: row.ask.askedAt, askedBy: row.ask.askedBy,
      ...(row.ask.infoRequestedAt ? { infoRequestedAt: row.ask.infoRequestedAt } : {}), ...(row.ask.answeredAt ? { answeredAt: row.ask.answeredAt } : {}),
    }));
  const logged: LoggedChange[] = mapping
    ? changes.changes.filter(({ issue, stored: record }) => stepOf(issue, mapping, record.doc) === 'logged').map(({ issue, stored: record }) => ({ issueKey: issue.issueKey, summary: issue.summary, requestedAt: baseOf(issue, record.doc).requestedAt }))
    : [];
  const names = await displayNames(new Set(asks.flatMap((a) => [a.client, a.askedBy])));
  const plan = settings.communicationPlan;
  return {
    projectKey, reminders, plan: { clientContacts: plan.clientContacts, escalationPath: plan.escalationPath, workingDays: plan.workingDays, holidays: plan.holidays },
    asks, changes: logged, changeAckBusinessDays: settings.flagThresholds.changeAckBusinessDays, names,
    truncated: waiting.truncated || question.truncated || answered.truncated || found.truncated || changes.truncated,
  };
}

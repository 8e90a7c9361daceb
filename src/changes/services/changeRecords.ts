/**
 * Change requests as both the resolvers and the events read and write them: who raised one, its
 * step, whether its issue is Liaison's (the property judged against the record), the project's
 * change requests with their records, and the record's projection and decision audit written back.
 */
import { buildAuditEntry, type AuditEntry } from '../../platform/domain/audit';
import { emptyDocument, stepOfStatus, type ChangeDocument, type ChangeProperty, type ChangeStep, type Decision, type Requester } from '../domain/changeRequest';
import { AppError } from '../../platform/domain/errors';
import type { ChangeWorkflow, Settings } from '../../settings/domain/settings';
import { tamperReason } from '../../platform/domain/tampering';
import { jqlString } from '../../asks/jira/askSearch';
import { searchChangeIssues, writeChangeProperty, type ChangeIssue } from '../jira/changeRequests';
import { jiraAsApp, jiraAsUser } from '../../platform/jira/jiraClient';
import { projectChangeWorkflow } from '../jira/provisioning';
import { USER_BULK_MAX_IDS } from '../../platform/jira/users';
import { decisionAuditKey, listChanges, readChange, type StoredChange } from '../store/changeStore';
import { recentWrites } from '../../platform/store/recentWrites';
import { reportTamperingLater } from '../../platform/store/tamperStore';
import type { ProjectAccess } from '../../access/services/projectAccess';

/** Bounds: change requests per project read for the register and for the portal; people named in the portal's answer (one /user/bulk page). */
export const CHANGE_LIST_LIMITS = { register: 500, mine: 100, stored: 1000, projects: 4, names: USER_BULK_MAX_IDS } as const;

interface Listed {
  /** The change requests Liaison trusts, each with its record (version 0: created in Jira, never stored). */
  changes: { issue: ChangeIssue; stored: StoredChange }[];
  truncated: boolean;
}

/**
 * The project's change requests (as the caller: Jira's permissions apply) with their records; a
 * property that does not stand on its record is reported and ignored (trustChange).
 */
export async function listProjectChanges(access: Pick<ProjectAccess, 'projectKey'>, issueTypeId: string, max: number, now: Date, jira = jiraAsUser(), extraJql = ''): Promise<Listed> {
  const jql = `project = ${jqlString(access.projectKey)} AND issuetype = ${jqlString(issueTypeId)}${extraJql} ORDER BY created DESC`;
  const [found, stored] = await Promise.all([searchChangeIssues(jira, jql, max, { reconcileIssues: await recentWrites(access.projectKey, now) }), listChanges(access.projectKey, CHANGE_LIST_LIMITS.stored)]);
  const changes: Listed['changes'] = [];
  for (const issue of found.issues) {
    const record = stored.byIssueId.get(issue.issueId) ?? { version: 0, doc: emptyDocument() };
    await trustChange(issue, record, now);
    changes.push({ issue, stored: record });
  }
  return { changes, truncated: found.truncated || stored.truncated };
}

/** Who raised it and when: the record's, or for a change request Liaison never stored (created in Jira directly) its reporter and creation. */
export function baseOf(issue: ChangeIssue, doc: ChangeDocument): Requester {
  if (doc.requestedBy) return { requestedBy: doc.requestedBy, requestedAt: doc.requestedAt ?? (issue.created || new Date(0).toISOString()), raisedVia: doc.raisedVia ?? 'jira' };
  return { requestedBy: issue.reporter ?? '', requestedAt: issue.created || new Date(0).toISOString(), raisedVia: 'jira' };
}

/** The step of the issue: its status under the mapping, else the step the record last holds. */
export function stepOf(issue: ChangeIssue, mapping: ChangeWorkflow, doc: ChangeDocument): ChangeStep {
  return stepOfStatus(mapping.statusIds, issue.statusId) ?? doc.step ?? 'logged';
}

/** Whether the project shows costs to clients (what the property may then carry once the client is told). */
export function showsCosts(settings: Pick<Settings, 'reporting'>): boolean {
  return settings.reporting?.showCostsToClient === true;
}

/**
 * How far a change request's issue is Liaison's, judging its property against the record:
 * `record` (a record stands; a property that does not match it is reported and ignored), or
 * `untracked` (no record: created in Jira directly, its reporter is the requester). A property with
 * no record behind it (planted, e.g. with the create call) is reported and ignored like any other:
 * the issue reads exactly as it would without it, so planting one changes nothing anyone sees.
 */
export async function trustChange(issue: ChangeIssue, stored: StoredChange, at: Date): Promise<'record' | 'untracked'> {
  const reason = tamperReason(issue.property, { exists: stored.version > 0, projected: [stored.projected, stored.projectedBefore] });
  if (reason) await reportTamperingLater({ projectKey: issue.projectKey, issueId: issue.issueId, issueKey: issue.issueKey, kind: 'change', value: issue.property, reason, at });
  return stored.version > 0 ? 'record' : 'untracked';
}

/** The mapping of the project, or a refusal saying change requests are not set up. */
export async function requireMapping(access: ProjectAccess, now: Date): Promise<ChangeWorkflow> {
  const mapping = await projectChangeWorkflow(access.projectKey, access.project.stored?.changeWorkflow, now);
  if (!mapping) throw new AppError('NOT_FOUND', `Change requests are not set up in project ${access.projectKey} yet: a manager sets them up in Liaison's Settings`);
  return mapping;
}

/**
 * Writes the projection of record version `written` to the issue's property (as the app); when a
 * later version was stored meanwhile (its own write may have landed before this one), writes that
 * version's projection instead, so Jira ends up with the newest.
 */
export async function projectChange(issue: Pick<ChangeIssue, 'issueId' | 'issueKey'>, written: number, projected: ChangeProperty): Promise<void> {
  await writeChangeProperty(jiraAsApp(), issue.issueKey, projected);
  const now = await readChange(issue.issueId);
  if (now.version > written && now.projected !== undefined) await writeChangeProperty(jiraAsApp(), issue.issueKey, now.projected as ChangeProperty);
}

/**
 * A decision's (or withdrawal's) audit entry under its key, one per issue and decision time: the
 * resolvers write it with the claim, the post function when the step was taken in Jira directly.
 */
export function decisionAudit(issue: ChangeIssue, decision: Decision, summary: string): { key: string; entry: AuditEntry } {
  return {
    key: decisionAuditKey(issue.projectKey, issue.issueId, decision.at),
    entry: buildAuditEntry({
      projectKey: issue.projectKey, at: new Date(decision.at), actor: decision.by, action: decision.outcome === 'withdrawn' ? 'change.withdrawn' : 'change.decided',
      target: `issue:${issue.issueKey}`, changes: [{ path: 'changeRequest.decision', summary }],
    }),
  };
}

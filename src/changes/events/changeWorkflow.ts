/**
 * The Forge workflow rules of the change request workflow, run by Jira on every transition:
 * - `validateChangeTransition` (jira:workflowValidator): refuses a step the change request is not
 *   ready for, with the rule's message. Forge passes no user to a validator, so "only approvers
 *   decide" is enforced through the decision claim (changes.decide writes it first): the validator
 *   re-checks that whoever claimed the decision holds the approver role in the project.
 * - `afterChangeTransition` (jira:workflowPostFunction): records the step in the record (and who
 *   acknowledged / decided / informed and when, when that happened in Jira directly), projects it
 *   to the readable property, and writes the decision's audit entry unless the claim already did.
 * Both run as the app; a change request is found through the project's mapping, and both read the
 * record only (a property that does not stand on the record is reported and ignored: src/platform/domain/tampering.ts).
 */
import { changeProjection, stepOfStatus, transitionRefusal, type ChangeDocument, type ChangeProperty, type ChangeStep } from '../domain/changeRequest';
import { decisionWords, withHistory } from '../domain/changeSteps';
import { sameJson as sameJsonValue } from '../../platform/domain/tampering';
import { type ChangeWorkflow } from '../../settings/domain/settings';
import { mergeSettings } from '../../settings/domain/storedSettings';
import { readChangeIssue, type ChangeIssue } from '../jira/changeRequests';
import { jiraAsApp } from '../../platform/jira/jiraClient';
import { projectChangeWorkflow } from '../jira/provisioning';
import { loadProjectAccess } from '../../access/services/projectAccess';
import { auditEntryExists, ChangeConflict, readChange, saveChange, writeAuditAt } from '../store/changeStore';
import { readProjectSettings, readSiteDefaults } from '../../settings/store/settingsStore';
import { baseOf, decisionAudit, projectChange, showsCosts, trustChange } from '../services/changeRecords';

interface TransitionEvent {
  issue?: { id?: string; key?: string };
  transition?: { from?: { id?: string }; to?: { id?: string } };
  atlassianId?: string;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-[1-9]\d*$/;

interface Found {
  issue: ChangeIssue;
  mapping: ChangeWorkflow;
}

/** The change request the event is about, or undefined for an issue that is not one (its rules do not apply). */
async function findChange(event: TransitionEvent, now: Date): Promise<Found | undefined> {
  const key = event.issue?.key;
  if (typeof key !== 'string' || !ISSUE_KEY.test(key)) return undefined;
  const issue = await readChangeIssue(jiraAsApp(), key);
  const project = await readProjectSettings(issue.projectKey);
  const mapping = await projectChangeWorkflow(issue.projectKey, project.stored?.changeWorkflow, now);
  if (!mapping || issue.issueTypeId !== mapping.issueTypeId) return undefined;
  return { issue, mapping };
}

/** Records written by the post function try this often when the panel writes at the same moment. */
const RECORD_ATTEMPTS = 3;

async function projectSettingsOf(projectKey: string) {
  const [site, project] = await Promise.all([readSiteDefaults(), readProjectSettings(projectKey)]);
  return mergeSettings(site.stored, project.stored).settings;
}

async function isApprover(projectKey: string, accountId: string, now: Date): Promise<boolean> {
  const access = await loadProjectAccess(projectKey, accountId, now);
  return access.roles.includes('approver');
}

/** The jira:workflowValidator function: `{ result: true }` or `{ result: false, errorMessage }`. */
export async function validateChangeTransition(event: TransitionEvent): Promise<{ result: boolean; errorMessage?: string }> {
  const now = new Date();
  const found = await findChange(event, now);
  if (!found) return { result: true };
  const to = stepOfStatus(found.mapping.statusIds, String(event.transition?.to?.id ?? ''));
  if (!to) return { result: true };
  // The record only (empty when there is none): a planted property decides nothing.
  const stored = await readChange(found.issue.issueId);
  await trustChange(found.issue, stored, now);
  const doc = stored.doc;
  const deciderIsApprover = (to === 'approved' || to === 'declined') && doc.decision ? await isApprover(found.issue.projectKey, doc.decision.by, now) : false;
  const refusal = transitionRefusal({ to, doc, deciderIsApprover });
  return refusal ? { result: false, errorMessage: refusal } : { result: true };
}

/** What entering `to` in Jira directly (not through Liaison's panel) leaves unrecorded in the document. */
export function recordDirectStep(to: ChangeStep, doc: ChangeDocument, by: string, at: string): ChangeDocument | undefined {
  const history = (action: string) => withHistory(doc, { at, by, action: `${action} (in Jira)` });
  // Withdrawn and Client informed pass the validator only once Liaison recorded them (transitionRefusal).
  if (to === 'acknowledged' && !doc.acknowledgedAt) return { ...doc, acknowledgedAt: at, acknowledgedBy: by, history: history('acknowledged') };
  return undefined;
}

/** The jira:workflowPostFunction function. Answers what it did (for logs and tests). */
export async function afterChangeTransition(event: TransitionEvent): Promise<{ issueKey: string | null; step: ChangeStep | null; audited: boolean }> {
  const now = new Date();
  const found = await findChange(event, now);
  if (!found) return { issueKey: event.issue?.key ?? null, step: null, audited: false };
  const { issue, mapping } = found;
  // The issue as it stands now (another transition may have followed): its status is the step.
  const step = stepOfStatus(mapping.statusIds, issue.statusId);
  if (!step) return { issueKey: issue.issueKey, step: null, audited: false };
  const actor = typeof event.atlassianId === 'string' && event.atlassianId ? event.atlassianId : 'jira';
  let stored = await readChange(issue.issueId);
  await trustChange(issue, stored, now);
  const showCostsToClient = showsCosts(await projectSettingsOf(issue.projectKey));
  // The record takes the step (and what Jira did directly); a write by the panel meanwhile wins, and this one is made again on top of it.
  for (let attempt = 0; attempt < RECORD_ATTEMPTS; attempt += 1) {
    const base = baseOf(issue, stored.doc);
    const doc: ChangeDocument = { ...(recordDirectStep(step, stored.doc, actor, now.toISOString()) ?? stored.doc), ...base, step };
    const projected = changeProjection(step, doc, { showCostsToClient });
    if (stored.version > 0 && doc.step === stored.doc.step && stored.doc.requestedBy && sameJsonValue(projected, stored.projected)) break;
    try {
      const version = await saveChange({ issueId: issue.issueId, projectKey: issue.projectKey, issueKey: issue.issueKey, expectedVersion: stored.version, doc, at: now, projected, projectedBefore: stored.projected });
      stored = { version, doc, updatedAt: now.toISOString(), projected, projectedBefore: stored.projected };
      break;
    } catch (error) {
      if (!(error instanceof ChangeConflict)) throw error;
      stored = error.current;
    }
  }
  if (stored.projected !== undefined) await projectChange(issue, stored.version, stored.projected as ChangeProperty);

  let audited = false;
  const decision = stored.doc.decision;
  if (decision && (step === 'approved' || step === 'declined' || step === 'withdrawn')) {
    const claim = decisionAudit(issue, decision, `${issue.issueKey} ${decisionWords(decision)}`);
    if (!(await auditEntryExists(claim.key))) {
      await writeAuditAt(claim.key, claim.entry);
      audited = true;
    }
  }
  return { issueKey: issue.issueKey, step, audited };
}



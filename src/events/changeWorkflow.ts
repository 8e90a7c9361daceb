/**
 * The Forge workflow rules of the change request workflow, run by Jira on every transition:
 * - `validateChangeTransition` (jira:workflowValidator): refuses a step the change request is not
 *   ready for, with the rule's message. Forge passes no user to a validator, so "only approvers
 *   decide" is enforced through the decision claim (changes.decide writes it first): the validator
 *   re-checks that whoever claimed the decision holds the approver role in the project.
 * - `afterChangeTransition` (jira:workflowPostFunction): records the step in the readable
 *   property, who acknowledged / decided / informed and when when that happened in Jira directly,
 *   and the decision's audit entry unless the claim already wrote it (idempotent).
 * Both run as the app; a change request is found through the project's mapping.
 */
import {
  decisionWords, deriveProperty, stepOfStatus, transitionRefusal, withHistory, withPublicFacts, type ChangeDocument, type ChangeStep,
} from '../domain/changeRequest';
import type { ChangeWorkflow } from '../domain/settings';
import { readChangeIssue, writeChangeProperty, type ChangeIssue } from '../jira/changeRequests';
import { jiraAsApp } from '../jira/jiraClient';
import { projectChangeWorkflow } from '../jira/provisioning';
import { loadProjectAccess } from '../resolvers/projectAccess';
import { auditEntryExists, ChangeConflict, readChange, saveChange, writeAuditAt } from '../store/changeStore';
import { readProjectSettings } from '../store/settingsStore';
import { baseOf, decisionAudit } from '../resolvers/changesCore';

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
  const doc = withPublicFacts((await readChange(found.issue.issueId)).doc, found.issue.property, { decision: false });
  const deciderIsApprover = (to === 'approved' || to === 'declined') && doc.decision ? await isApprover(found.issue.projectKey, doc.decision.by, now) : false;
  const refusal = transitionRefusal({ to, doc, deciderIsApprover });
  return refusal ? { result: false, errorMessage: refusal } : { result: true };
}

/** What entering `to` in Jira directly (not through Liaison's panel) leaves unrecorded in the document. */
export function recordDirectStep(to: ChangeStep, doc: ChangeDocument, by: string, at: string): ChangeDocument | undefined {
  const history = (action: string) => withHistory(doc, { at, by, action: `${action} (in Jira)` });
  if (to === 'acknowledged' && !doc.acknowledgedAt) return { ...doc, acknowledgedAt: at, acknowledgedBy: by, history: history('acknowledged') };
  if (to === 'withdrawn' && !doc.decision) return { ...doc, decision: { outcome: 'withdrawn', rationale: 'Withdrawn in Jira', by, at }, history: history('withdrawn') };
  if (to === 'client-informed' && !doc.clientInformedAt) return { ...doc, clientInformedAt: at, clientInformedBy: by, history: history('client informed') };
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
  let stored = await readChange(issue.issueId);
  const actor = typeof event.atlassianId === 'string' && event.atlassianId ? event.atlassianId : 'jira';
  const direct = recordDirectStep(step, stored.doc, actor, now.toISOString());
  if (direct) {
    try {
      const version = await saveChange({ issueId: issue.issueId, projectKey: issue.projectKey, issueKey: issue.issueKey, expectedVersion: stored.version, doc: direct, at: now });
      stored = { version, doc: direct, updatedAt: now.toISOString() };
    } catch (error) {
      // Liaison's panel wrote it meanwhile: what it wrote stands.
      if (!(error instanceof ChangeConflict)) throw error;
      stored = error.current;
    }
  }
  await writeChangeProperty(jiraAsApp(), issue.issueKey, deriveProperty(baseOf(issue), step, withPublicFacts(stored.doc, issue.property, { decision: true })));

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



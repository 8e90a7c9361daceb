/**
 * Feeds the red-flag rule "change request not acknowledged" (flagRules.evaluateChangeRequest): for
 * a change request of a project with the rules on, the findings of that rule, to be applied with
 * the issue's other rules (`Extra`). Used by the issue trigger (one issue) and the daily run (the
 * project's open change requests, one search).
 */
import { evaluateChangeRequest, type ChangeRequestFacts } from '../../flags/domain/flagRules';
import { type ChangeDocument } from '../domain/changeRequest';
import { readChangeIssue, type ChangeIssue } from '../jira/changeRequests';
import { jiraAsApp } from '../../platform/jira/jiraClient';
import { projectChangeWorkflow } from '../jira/provisioning';
import { baseOf, stepOf, trustChange } from './changeRecords';
import { listProjectChanges } from './changeRecords';
import { readChange } from '../store/changeStore';
import { readProjectSettings } from '../../settings/store/settingsStore';
import type { ChangeWorkflow } from '../../settings/domain/settings';
import type { Extra, RuleSetup } from '../../flags/services/flagRuleRun';

/** Bound on the open change requests judged per project per day. */
export const CHANGE_FLAG_LIMIT = 500;

async function mappingOf(projectKey: string, now: Date): Promise<ChangeWorkflow | undefined> {
  const project = await readProjectSettings(projectKey);
  return projectChangeWorkflow(projectKey, project.stored?.changeWorkflow, now);
}

export function changeFacts(issue: ChangeIssue, mapping: ChangeWorkflow, doc: ChangeDocument): ChangeRequestFacts {
  const base = baseOf(issue, doc);
  // Moved past Logged in Jira without Liaison recording when: acknowledged (not overdue), whenever it was.
  const acknowledgedAt = doc.acknowledgedAt ?? (stepOf(issue, mapping, doc) !== 'logged' ? base.requestedAt : null);
  return { key: issue.issueKey, loggedAt: base.requestedAt, acknowledgedAt };
}

function extraOf(facts: ChangeRequestFacts, setup: RuleSetup): Extra {
  return { findings: evaluateChangeRequest(facts, setup.thresholds, setup.cal, setup.today), evaluated: ['change-unacknowledged'] };
}

/** The rule's findings for one issue, or undefined when it is not a change request (its other rules run as before). */
export async function changeRuleExtra(issueKey: string, projectKey: string, issueTypeId: string | undefined, setup: RuleSetup): Promise<Extra | undefined> {
  const mapping = await mappingOf(projectKey, setup.now);
  if (!mapping || (issueTypeId !== undefined && issueTypeId !== mapping.issueTypeId)) return undefined;
  const issue = await readChangeIssue(jiraAsApp(), issueKey);
  if (issue.issueTypeId !== mapping.issueTypeId) return undefined;
  const stored = await readChange(issue.issueId);
  // Only the record counts (a planted property is reported and ignored).
  await trustChange(issue, stored, setup.now);
  return extraOf(changeFacts(issue, mapping, stored.doc), setup);
}

/** The rule's findings for every open change request of the project, by issue key. */
export async function projectChangeRuleExtras(projectKey: string, setup: RuleSetup): Promise<Map<string, Extra>> {
  const mapping = await mappingOf(projectKey, setup.now);
  const extras = new Map<string, Extra>();
  if (!mapping) return extras;
  const listed = await listProjectChanges({ projectKey }, mapping.issueTypeId, CHANGE_FLAG_LIMIT, setup.now, jiraAsApp(), ' AND statusCategory != Done');
  for (const { issue, stored } of listed.changes) extras.set(issue.issueKey, extraOf(changeFacts(issue, mapping, stored.doc), setup));
  return extras;
}

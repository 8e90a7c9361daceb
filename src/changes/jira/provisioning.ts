/**
 * Change request set-up in Jira: reading what exists (issue type, statuses, Liaison's workflow and
 * its binding in the project's workflow scheme) and creating what is missing. Reads run as the app
 * (manage:jira-configuration) so a manager without Jira admin rights still sees the plan; the
 * creating calls run as the manager, so Jira's own rule — only Jira administrators create issue
 * types and global workflows — decides, and a refusal says so plainly.
 */
import { route } from '@forge/api';
import {
  CHANGE_ISSUE_TYPE_NAME, CHANGE_STEP_INFO, CHANGE_STEPS, changeWorkflowName, type StatusCategory,
} from '../domain/changeVocabulary';
import { provisionedMapping, statusesToCreate, workflowCreatePayload, type JiraStatusFact, type SetupFacts } from '../domain/changeRequestSetup';
import { AppError } from '../../platform/domain/errors';
import type { ChangeWorkflow } from '../../settings/domain/settings';
import { jiraAsApp, type JiraClient } from '../../platform/jira/jiraClient';
import { collectOffsetPages } from '../../platform/jira/paging';
import { getProject } from '../../platform/jira/projects';

/** Bounds on what is read: a site's statuses and the issue types of a project are far fewer in practice. */
export const SETUP_LIMITS = { statuses: 2000, issueTypes: 500 } as const;

interface JiraIssueType { id: string; name: string; subtask?: boolean }
interface NewApiStatus { id: string; name: string; statusCategory?: string; scope?: { type?: string } }
interface WorkflowJson { id: string; name: string; statuses?: { statusReference: string }[] }
interface SchemeRead { workflowsForIssueTypes?: { issueTypeIds?: string[]; workflow?: { id?: string } }[] }

export function categoryOf(value: unknown): StatusCategory {
  if (value === 'DONE' || value === 'done') return 'DONE';
  if (value === 'IN_PROGRESS' || value === 'indeterminate') return 'IN_PROGRESS';
  return 'TODO';
}

/** The site's global statuses whose names are a step's status name (paged GET /statuses/search, bounded). */
async function stepStatuses(jira: JiraClient): Promise<JiraStatusFact[]> {
  const wanted = new Set(CHANGE_STEPS.map((step) => CHANGE_STEP_INFO[step].statusName.toLowerCase()));
  const { items } = await collectOffsetPages<NewApiStatus>(
    (startAt, maxResults) => jira.get(route`/rest/api/3/statuses/search?startAt=${startAt}&maxResults=${maxResults}`),
    { pageSize: 200, maxItems: SETUP_LIMITS.statuses },
  );
  return items
    .filter((s) => (s.scope?.type ?? 'GLOBAL') === 'GLOBAL' && wanted.has(s.name.toLowerCase()))
    .map((s) => ({ id: String(s.id), name: s.name, category: categoryOf(s.statusCategory) }));
}

/** What exists of the set-up in Jira, and the stored mapping. */
export async function readSetupFacts(jira: JiraClient, projectKey: string, stored: ChangeWorkflow | undefined): Promise<SetupFacts> {
  const project = await getProject(jira, projectKey);
  const [allTypes, projectTypes, statuses, workflows, schemes] = await Promise.all([
    jira.get<JiraIssueType[]>(route`/rest/api/3/issuetype`),
    jira.get<JiraIssueType[]>(route`/rest/api/3/issuetype/project?projectId=${project.id}`),
    stepStatuses(jira),
    jira.get<{ values?: WorkflowJson[] }>(route`/rest/api/3/workflows/search?workflowName=${changeWorkflowName(projectKey)}&maxResults=${5}`),
    jira.post<SchemeRead[]>(route`/rest/api/3/workflowscheme/read`, { projectIds: [project.id] }),
  ]);
  const issueType = allTypes.slice(0, SETUP_LIMITS.issueTypes).find((t) => t.name.toLowerCase() === CHANGE_ISSUE_TYPE_NAME.toLowerCase());
  const rawWorkflow = (workflows.values ?? []).find((w) => w.name === changeWorkflowName(projectKey));
  const workflow = rawWorkflow ? { id: rawWorkflow.id, name: rawWorkflow.name, statusIds: (rawWorkflow.statuses ?? []).map((s) => String(s.statusReference)) } : undefined;
  const bound =
    !!issueType &&
    !!workflow &&
    (schemes[0]?.workflowsForIssueTypes ?? []).some((entry) => entry.workflow?.id === workflow.id && (entry.issueTypeIds ?? []).includes(issueType.id));
  return {
    projectId: project.id,
    projectKey,
    ...(issueType ? { issueType: { id: String(issueType.id), name: issueType.name } } : {}),
    issueTypeInProject: !!issueType && projectTypes.some((t) => String(t.id) === String(issueType.id)),
    statuses,
    ...(workflow ? { workflow } : {}),
    bound,
    ...(stored ? { stored } : {}),
  };
}

/** A refusal of a creating call as the manager: Jira's admin rule, said plainly. */
function asAdminRefusal(error: unknown, doing: string): never {
  if (error instanceof AppError && error.code === 'UPSTREAM' && (error.status === 401 || error.status === 403)) {
    throw new AppError('FORBIDDEN', `Jira refused to ${doing}: creating issue types and workflows needs Jira administrator rights. Ask a Jira administrator to provision change requests, or map the steps onto statuses this project already has.`, { cause: error });
  }
  throw error;
}

async function step<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    return asAdminRefusal(error, doing);
  }
}

/**
 * Creates what `facts` lacks, in Jira's order (issue type, into the project, statuses and workflow,
 * bound in the workflow scheme), as the manager. Answers one human line per thing created; none
 * when everything exists. Each part is checked before it is created, so a second run creates nothing.
 */
export async function provisionMissing(jira: JiraClient, facts: SetupFacts, ids: { appId: string; environmentId: string }): Promise<string[]> {
  const created: string[] = [];
  let issueTypeId = facts.issueType?.id;
  if (!issueTypeId) {
    const type = await step('create the issue type', () =>
      jira.post<JiraIssueType>(route`/rest/api/3/issuetype`, { name: CHANGE_ISSUE_TYPE_NAME, description: 'A client requirement that changes the agreed scope: logged, assessed, decided, told to the client (Liaison).', type: 'standard' }),
    );
    issueTypeId = String(type.id);
    created.push(`Created the issue type "${CHANGE_ISSUE_TYPE_NAME}"`);
  }
  if (!facts.issueTypeInProject || !facts.issueType) {
    const schemes = await step("read the project's issue type scheme", () =>
      jira.get<{ values?: { issueTypeScheme?: { id?: string } }[] }>(route`/rest/api/3/issuetypescheme/project?projectId=${facts.projectId}`),
    );
    const schemeId = schemes.values?.[0]?.issueTypeScheme?.id;
    if (!schemeId) throw new AppError('UPSTREAM', `Jira answered no issue type scheme for project ${facts.projectKey}`);
    await step('add the issue type to the project', () => jira.put(route`/rest/api/3/issuetypescheme/${String(schemeId)}/issuetype`, { issueTypeIds: [issueTypeId] }));
    created.push(`Added "${CHANGE_ISSUE_TYPE_NAME}" to the issue types of ${facts.projectKey}`);
  }
  let workflowId = facts.workflow?.id;
  if (!workflowId) {
    const newStatuses = statusesToCreate(facts);
    const answer = await step('create the workflow', () => jira.post<{ workflows?: { id: string }[] }>(route`/rest/api/3/workflows/create`, workflowCreatePayload(facts, ids)));
    workflowId = answer.workflows?.[0]?.id;
    if (!workflowId) throw new AppError('UPSTREAM', 'Jira created no workflow');
    if (newStatuses.length) created.push(`Created the statuses ${newStatuses.map((n) => `"${n}"`).join(', ')}`);
    created.push(`Created the workflow "${changeWorkflowName(facts.projectKey)}" with Liaison's rules on every transition`);
  }
  if (!facts.bound || !facts.workflow || !facts.issueType) {
    const schemes = await step("read the project's workflow scheme", () =>
      jira.get<{ values?: { workflowScheme?: { id?: string | number } }[] }>(route`/rest/api/3/workflowscheme/project?projectId=${facts.projectId}`),
    );
    const schemeId = schemes.values?.[0]?.workflowScheme?.id;
    if (schemeId === undefined) throw new AppError('UPSTREAM', `Jira answered no workflow scheme for project ${facts.projectKey}`);
    await step('bind the workflow in the project', () =>
      jira.post(route`/rest/api/3/workflowscheme/update`, { id: String(schemeId), workflowsForIssueTypes: [{ issueTypeIds: [issueTypeId], workflowId }] }),
    );
    created.push(`Made "${changeWorkflowName(facts.projectKey)}" the workflow of "${CHANGE_ISSUE_TYPE_NAME}" in ${facts.projectKey}`);
  }
  return created;
}

/** The project's issue types and the statuses its workflows use (the manager's mapping form). */
export async function projectStatuses(jira: JiraClient, projectKey: string): Promise<{ issueTypes: { id: string; name: string }[]; statuses: JiraStatusFact[] }> {
  const answer = await jira.get<{ id: string; name: string; subtask?: boolean; statuses?: { id: string; name: string; statusCategory?: { key?: string } }[] }[]>(
    route`/rest/api/3/project/${projectKey}/statuses`,
  );
  const statuses = new Map<string, JiraStatusFact>();
  for (const type of answer) for (const s of type.statuses ?? []) statuses.set(String(s.id), { id: String(s.id), name: s.name, category: categoryOf(s.statusCategory?.key) });
  return {
    issueTypes: answer.filter((t) => !t.subtask).map((t) => ({ id: String(t.id), name: t.name })),
    statuses: [...statuses.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The statuses the workflow of an issue type uses in the project (to check a manager's mapping). */
export async function statusesOfIssueType(jira: JiraClient, projectKey: string, issueTypeId: string): Promise<Set<string> | undefined> {
  const answer = await jira.get<{ id: string; statuses?: { id: string }[] }[]>(route`/rest/api/3/project/${projectKey}/statuses`);
  const type = answer.find((t) => String(t.id) === issueTypeId);
  return type ? new Set((type.statuses ?? []).map((s) => String(s.id))) : undefined;
}

/** Recognised set-ups by project, for a minute: a project without a stored mapping would otherwise cost six reads per call. */
const recognised = new Map<string, { until: number; mapping: ChangeWorkflow | undefined }>();
const RECOGNISED_TTL_MS = 60_000;

/**
 * The project's change request workflow: the mapping stored in its settings, else Liaison's own
 * set-up when Jira has it complete (a project provisioned before its settings were saved, or the
 * demo site), read as the app. Undefined: change requests are not set up in the project.
 */
export async function projectChangeWorkflow(projectKey: string, stored: ChangeWorkflow | undefined, now: Date): Promise<ChangeWorkflow | undefined> {
  if (stored) return stored;
  const hit = recognised.get(projectKey);
  if (hit && hit.until > now.getTime()) return hit.mapping;
  const mapping = provisionedMapping(await readSetupFacts(jiraAsApp(), projectKey, undefined));
  recognised.set(projectKey, { until: now.getTime() + RECOGNISED_TTL_MS, mapping });
  return mapping;
}

/** After provisioning or a new mapping: the next call reads afresh. */
export function forgetRecognisedSetup(projectKey: string): void {
  recognised.delete(projectKey);
}

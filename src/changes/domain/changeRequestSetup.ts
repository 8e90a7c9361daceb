/**
 * Setting up change requests in a project: what Liaison's provisioning creates (the `Change request`
 * issue type, a status per step, a workflow whose every transition runs Liaison's rules, bound to
 * the type in the project's workflow scheme), the plan shown before it does, and the payload of
 * Jira's workflow API. Pure: the Jira facts come in, the plan and payloads go out.
 */
import {
  CHANGE_ISSUE_TYPE_NAME, CHANGE_STEP_INFO, CHANGE_STEPS, changeWorkflowName,
  type ChangeStep, type SetupPlan, type StatusCategory,
} from './changeVocabulary';
import type { ChangeWorkflow } from '../../settings/domain/settings';

export const VALIDATOR_MODULE_KEY = 'change-workflow-validator';
export const POST_FUNCTION_MODULE_KEY = 'change-workflow-post-function';

export interface JiraStatusFact {
  id: string;
  name: string;
  category: StatusCategory;
}

export interface WorkflowFact {
  id: string;
  name: string;
  statusIds: string[];
}

/** What provisioning needs to know about the site and the project (read from Jira). */
export interface SetupFacts {
  projectId: string;
  projectKey: string;
  /** The site's `Change request` issue type, if any. */
  issueType?: { id: string; name: string };
  /** Whether the project's issue type scheme includes it. */
  issueTypeInProject: boolean;
  /** Global statuses of the site whose names match a step's status (case-insensitively). */
  statuses: JiraStatusFact[];
  /** The Liaison workflow of this project, if it exists. */
  workflow?: WorkflowFact;
  /** Whether the project's workflow scheme binds the issue type to that workflow. */
  bound: boolean;
  /** The mapping stored in the project's settings, if any. */
  stored?: ChangeWorkflow;
}

function statusNamed(facts: SetupFacts, name: string): JiraStatusFact | undefined {
  return facts.statuses.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/** The mapping Liaison's own setup gives, once every part exists and is bound; undefined otherwise. */
export function provisionedMapping(facts: SetupFacts): ChangeWorkflow | undefined {
  if (!facts.issueType || !facts.issueTypeInProject || !facts.workflow || !facts.bound) return undefined;
  const statusIds: Partial<Record<ChangeStep, string>> = {};
  for (const step of CHANGE_STEPS) {
    const status = statusNamed(facts, CHANGE_STEP_INFO[step].statusName);
    if (!status || !facts.workflow.statusIds.includes(status.id)) return undefined;
    statusIds[step] = status.id;
  }
  return { issueTypeId: facts.issueType.id, statusIds: statusIds as Record<ChangeStep, string> };
}

/** The mapping in force: the stored one, else the one Liaison's setup in Jira gives. */
export function effectiveMapping(facts: SetupFacts): ChangeWorkflow | undefined {
  return facts.stored ?? provisionedMapping(facts);
}

export function setupPlan(facts: SetupFacts): SetupPlan {
  const mapping = effectiveMapping(facts);
  const plan: SetupPlan = {
    configured: mapping !== undefined,
    issueType: { name: facts.issueType?.name ?? CHANGE_ISSUE_TYPE_NAME, ...(facts.issueType ? { id: facts.issueType.id } : {}), exists: !!facts.issueType && facts.issueTypeInProject },
    statuses: CHANGE_STEPS.map((step) => {
      const info = CHANGE_STEP_INFO[step];
      const status = statusNamed(facts, info.statusName);
      return { step, name: status?.name ?? info.statusName, category: status?.category ?? info.category, ...(status ? { id: status.id } : {}), exists: !!status };
    }),
    workflow: { name: facts.workflow?.name ?? changeWorkflowName(facts.projectKey), exists: !!facts.workflow, bound: facts.bound },
  };
  if (mapping) plan.mapping = { ...mapping.statusIds };
  return plan;
}

/** The transitions of Liaison's workflow: [name, from steps, to step]. Every one runs the rules. */
export const CHANGE_TRANSITIONS: readonly { name: string; from: readonly ChangeStep[]; to: ChangeStep }[] = [
  { name: 'Acknowledge', from: ['logged'], to: 'acknowledged' },
  { name: 'Start assessment', from: ['acknowledged'], to: 'assessing' },
  { name: 'Submit for approval', from: ['acknowledged', 'assessing'], to: 'awaiting-approval' },
  { name: 'Reassess', from: ['awaiting-approval'], to: 'assessing' },
  { name: 'Approve', from: ['awaiting-approval'], to: 'approved' },
  { name: 'Decline', from: ['awaiting-approval'], to: 'declined' },
  { name: 'Withdraw', from: ['logged', 'acknowledged', 'assessing', 'awaiting-approval'], to: 'withdrawn' },
  { name: 'Inform client', from: ['approved', 'declined', 'withdrawn'], to: 'client-informed' },
  // The client declined the price of a paid change: the approver decides again (Liaison moves it).
  { name: 'Reopen decision', from: ['approved'], to: 'awaiting-approval' },
];

/** `ari:cloud:ecosystem::extension/<app>/<environment>/static/<module>`: how a workflow names a Forge rule. */
export function extensionAri(appId: string, environmentId: string, moduleKey: string): string {
  return `ari:cloud:ecosystem::extension/${appId}/${environmentId}/static/${moduleKey}`;
}

/**
 * The body of POST /rest/api/3/workflows/create: statuses that exist are referenced by id, the
 * others created (global scope, as issue types and their workflows are site-wide in Jira).
 */
export function workflowCreatePayload(facts: SetupFacts, ids: { appId: string; environmentId: string }): Record<string, unknown> {
  const ref = (step: ChangeStep) => `liaison-${step}`;
  const statuses = CHANGE_STEPS.map((step) => {
    const info = CHANGE_STEP_INFO[step];
    const existing = statusNamed(facts, info.statusName);
    return existing ? { statusReference: ref(step), id: existing.id } : { statusReference: ref(step), name: info.statusName, statusCategory: info.category, description: `Liaison change request step: ${info.label}` };
  });
  const rule = (ruleKey: string, moduleKey: string) => ({ ruleKey, parameters: { key: extensionAri(ids.appId, ids.environmentId, moduleKey), config: '{}' } });
  return {
    scope: { type: 'GLOBAL' },
    statuses,
    workflows: [
      {
        name: changeWorkflowName(facts.projectKey),
        description: `Liaison change requests of project ${facts.projectKey}: logged, acknowledged, assessed, decided by an approver, told to the client.`,
        statuses: CHANGE_STEPS.map((step) => ({ statusReference: ref(step), properties: {} })),
        transitions: [
          { type: 'INITIAL', name: 'Log', toStatusReference: ref('logged'), links: [] },
          ...CHANGE_TRANSITIONS.map((t) => ({
            type: 'DIRECTED',
            name: t.name,
            toStatusReference: ref(t.to),
            links: t.from.map((from) => ({ fromStatusReference: ref(from) })),
            validators: [rule('forge:expression-validator', VALIDATOR_MODULE_KEY)],
            actions: [rule('forge:workflow-post-function', POST_FUNCTION_MODULE_KEY)],
          })),
        ],
      },
    ],
  };
}

/** The statuses the payload creates (not those it references), for the "created" lines. */
export function statusesToCreate(facts: SetupFacts): string[] {
  return CHANGE_STEPS.map((step) => CHANGE_STEP_INFO[step].statusName).filter((name) => !statusNamed(facts, name));
}

/**
 * Setting up change requests in a project (Settings → Change request workflow, managers only):
 * the plan of what provisioning will create, provisioning itself (idempotent: what exists is
 * never created again), and the alternative — mapping the steps onto statuses the project has.
 * Both end with the mapping saved in the project's settings (`changeWorkflow`), which the
 * resolvers and the workflow rules translate statuses through.
 */
import { getAppContext } from '@forge/api';
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { buildAuditEntry } from '../../platform/domain/audit';
import { provisionedMapping, setupPlan } from '../domain/changeRequestSetup';
import { CHANGE_STEP_INFO, CHANGE_STEPS, type ProvisionResult, type SetupPlan } from '../domain/changeVocabulary';
import { AppError } from '../../platform/domain/errors';
import { ChangeWorkflowSchema, type ChangeWorkflow } from '../../settings/domain/settings';
import { jiraAsApp, jiraAsUser } from '../../platform/jira/jiraClient';
import { forgetRecognisedSetup, projectStatuses, provisionMissing, readSetupFacts, statusesOfIssueType } from '../jira/provisioning';
import { saveProjectSettings } from '../../settings/store/settingsStore';
import { checkedAccess, defineResolver, type ResolverContext } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import type { ProjectAccess } from '../../access/services/projectAccess';

const ProjectInput = z.object({ projectKey });
const SETUP_REFUSAL = 'Only a manager of this project can set up change requests';

function sameMapping(a: ChangeWorkflow | undefined, b: ChangeWorkflow | undefined): boolean {
  if (!a || !b) return a === b;
  return a.issueTypeId === b.issueTypeId && CHANGE_STEPS.every((step) => a.statusIds[step] === b.statusIds[step]);
}

function describeMapping(mapping: ChangeWorkflow): string {
  return CHANGE_STEPS.map((step) => `${CHANGE_STEP_INFO[step].label} → status ${mapping.statusIds[step]}`).join(', ');
}

/** Saves the mapping into the project's settings (versioned, with its audit entry), keeping every other section. */
async function saveMapping(ctx: ResolverContext<unknown>, access: ProjectAccess, mapping: ChangeWorkflow, how: string): Promise<void> {
  const audit = buildAuditEntry({
    projectKey: access.projectKey,
    at: ctx.now,
    actor: ctx.accountId,
    action: 'settings.changeWorkflow',
    target: `project:${access.projectKey}`,
    changes: [{ path: 'changeWorkflow', summary: `Change request workflow ${how}: issue type ${mapping.issueTypeId}; ${describeMapping(mapping)}` }],
  });
  await saveProjectSettings(access.projectKey, {
    expectedVersion: access.project.version,
    document: { ...(access.project.stored ?? {}), changeWorkflow: mapping },
    actor: ctx.accountId,
    at: ctx.now,
    audit,
  });
  forgetRecognisedSetup(access.projectKey);
}

export const changeSetupPlan = defineResolver({
  key: 'changes.setupPlan',
  description: 'What provisioning change requests would create in the project, and whether they are set up',
  input: ProjectInput,
  allow: rolesAllowedTo('changes.setup'),
  refusal: SETUP_REFUSAL,
  async handler(ctx): Promise<SetupPlan> {
    const access = checkedAccess(ctx);
    return setupPlan(await readSetupFacts(jiraAsApp(), ctx.input.projectKey, access.project.stored?.changeWorkflow));
  },
});

export const provisionChanges = defineResolver({
  key: 'changes.provision',
  description: "Create the Change request issue type, its statuses and workflow with Liaison's rules in the project (what exists is left alone)",
  input: ProjectInput,
  allow: rolesAllowedTo('changes.setup'),
  refusal: SETUP_REFUSAL,
  async handler(ctx): Promise<ProvisionResult> {
    const access = checkedAccess(ctx);
    const stored = access.project.stored?.changeWorkflow;
    const before = await readSetupFacts(jiraAsApp(), ctx.input.projectKey, stored);
    const provisioned = provisionedMapping(before);
    if (provisioned) {
      // Everything exists in Jira. A stored mapping onto other statuses is switched to Liaison's workflow;
      // otherwise nothing is written at all (Liaison recognises its own set-up without a stored mapping).
      const created: string[] = [];
      if (stored && !sameMapping(stored, provisioned)) {
        await saveMapping(ctx, access, provisioned, "switched to Liaison's workflow");
        created.push("Switched the step mapping to Liaison's workflow");
      }
      return { created, plan: setupPlan({ ...before, ...(stored ? { stored: provisioned } : {}) }) };
    }
    const app = getAppContext();
    const created = await provisionMissing(jiraAsUser(), before, { appId: app.appAri.appId, environmentId: app.environmentAri.environmentId });
    forgetRecognisedSetup(ctx.input.projectKey);
    const after = await readSetupFacts(jiraAsApp(), ctx.input.projectKey, undefined);
    const mapping = provisionedMapping(after);
    if (!mapping) throw new AppError('UPSTREAM', `Jira did not finish setting up change requests in ${ctx.input.projectKey}; run Provision again to complete it`);
    if (!sameMapping(stored, mapping)) {
      await saveMapping(ctx, access, mapping, 'provisioned');
      created.push("Saved the step mapping in the project's Liaison settings");
    }
    return { created, plan: setupPlan({ ...after, stored: mapping }) };
  },
});

export const saveChangeMapping = defineResolver({
  key: 'changes.saveMapping',
  description: "Map the change request steps onto statuses the project's workflow already has",
  input: z.object({ projectKey, ...ChangeWorkflowSchema.shape }).superRefine((value, ctx) => {
    const parsed = ChangeWorkflowSchema.safeParse({ issueTypeId: value.issueTypeId, statusIds: value.statusIds });
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }),
  allow: rolesAllowedTo('changes.setup'),
  refusal: SETUP_REFUSAL,
  async handler(ctx): Promise<SetupPlan> {
    const access = checkedAccess(ctx);
    const mapping: ChangeWorkflow = { issueTypeId: ctx.input.issueTypeId, statusIds: ctx.input.statusIds };
    const usable = await statusesOfIssueType(jiraAsApp(), ctx.input.projectKey, mapping.issueTypeId);
    if (!usable) throw new AppError('VALIDATION', 'Choose an issue type of this project', { fields: { issueTypeId: `Issue type ${mapping.issueTypeId} is not in ${ctx.input.projectKey}` } });
    const fields: Record<string, string> = {};
    for (const step of CHANGE_STEPS) {
      if (!usable.has(mapping.statusIds[step])) fields[`statusIds.${step}`] = `This status is not in the workflow of the chosen issue type`;
    }
    if (Object.keys(fields).length) throw new AppError('VALIDATION', `Some statuses are not in the issue type's workflow (${Object.keys(fields).length})`, { fields });
    if (!sameMapping(access.project.stored?.changeWorkflow, mapping)) await saveMapping(ctx, access, mapping, 'mapped onto existing statuses');
    return setupPlan(await readSetupFacts(jiraAsApp(), ctx.input.projectKey, mapping));
  },
});

export const changeProjectStatuses = defineResolver({
  key: 'changes.projectStatuses',
  description: "The project's issue types and the statuses of their workflows, for mapping the steps",
  input: ProjectInput,
  allow: rolesAllowedTo('changes.setup'),
  refusal: SETUP_REFUSAL,
  async handler(ctx) {
    return projectStatuses(jiraAsApp(), ctx.input.projectKey);
  },
});

export const CHANGE_SETUP_RESOLVERS = [changeSetupPlan, provisionChanges, saveChangeMapping, changeProjectStatuses];

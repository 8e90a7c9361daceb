/**
 * Workflows in Jira's new workflow API (read, search, create, create/validation) and the
 * workflow schemes that bind them to a project's issue types. Enough for an app to provision an
 * issue type with its own workflow and Forge rules: statuses, DIRECTED/GLOBAL/INITIAL
 * transitions, and `forge:*` validators, conditions and post functions (other rule kinds are
 * accepted and stored nowhere, since the sandbox cannot run them).
 */
import type { SandboxProject, StatusDef, TransitionDef, WorkflowDef } from '../model';
import { administrableProject, canAdminister, findProject, isJiraAdmin } from './access';
import { readScope } from './config';
import { categoryFromNewApi } from './format';
import { JiraError, Router, badRequest, forbidden, isRecord, notFound, offsetPage, ok, pageParams, requireObject, type ForgeIdentity, type RequestContext } from './http';
import { nextId } from './mutate';
import { jiraStatusJson } from './present';
import { statusById, workflowFor } from './workflowEngine';

export function workflowRoutes(router: Router): void {
  router.post('/rest/api/3/workflows', readWorkflows);
  router.get('/rest/api/3/workflows/search', searchWorkflows);
  router.post('/rest/api/3/workflows/create', createWorkflows);
  router.post('/rest/api/3/workflows/create/validation', validateCreateWorkflows);
  router.get('/rest/api/3/workflowscheme/project', workflowSchemesForProjects);
  router.get('/rest/api/3/workflowscheme/:id', (ctx) => ok(workflowSchemeJson(ctx, schemeProject(ctx, ctx.params.id))));
  router.put('/rest/api/3/workflowscheme/:id/issuetype/:issueType', setIssueTypeWorkflow);
  router.post('/rest/api/3/workflowscheme/read', readWorkflowSchemes);
  router.post('/rest/api/3/workflowscheme/update', updateWorkflowScheme);
}

// ---------------------------------------------------------------------------------------------
// Forge rule references

const RULE_KEYS = {
  validator: 'forge:expression-validator',
  condition: 'forge:expression-condition',
  postFunction: 'forge:workflow-post-function',
} as const;

export function extensionAri(forge: ForgeIdentity, moduleKey: string): string {
  return `ari:cloud:ecosystem::extension/${forge.appId}/${forge.environmentId}/static/${moduleKey}`;
}

function forgeRuleJson(forge: ForgeIdentity, ruleKey: string, moduleKey: string, transitionId: string): Record<string, unknown> {
  return { id: `${transitionId}-${moduleKey}`, ruleKey, parameters: { key: extensionAri(forge, moduleKey), config: '' } };
}

// ---------------------------------------------------------------------------------------------
// Reading

function scopeJson(workflowOrStatus: { projectId?: string }): Record<string, unknown> {
  return workflowOrStatus.projectId ? { type: 'PROJECT', project: { id: workflowOrStatus.projectId } } : { type: 'GLOBAL' };
}

function workflowJson(ctx: RequestContext, workflow: WorkflowDef): Record<string, unknown> {
  const rulesOf = (t: TransitionDef) => ({
    validators: (t.validators ?? []).map((k) => forgeRuleJson(ctx.forge, RULE_KEYS.validator, k, t.id)),
    conditions: { operation: 'ALL', conditions: (t.conditions ?? []).map((k) => forgeRuleJson(ctx.forge, RULE_KEYS.condition, k, t.id)), conditionGroups: [] },
    actions: (t.postFunctions ?? []).map((k) => forgeRuleJson(ctx.forge, RULE_KEYS.postFunction, k, t.id)),
  });
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    scope: scopeJson(workflow),
    version: { id: `${workflow.id}:1`, versionNumber: 1 },
    isEditable: true,
    startPointLayout: { x: 0, y: 0 },
    statuses: workflow.statusIds.map((id) => ({ statusReference: id, layout: { x: 0, y: 0 }, properties: {}, deprecated: false })),
    transitions: [
      {
        id: '1', type: 'INITIAL', name: 'Create', description: '', toStatusReference: workflow.initialStatusId, links: [],
        validators: [], conditions: { operation: 'ALL', conditions: [], conditionGroups: [] }, actions: [], triggers: [], properties: {},
      },
      ...workflow.transitions.map((t) => ({
        id: t.id,
        type: t.from.length === 0 ? 'GLOBAL' : 'DIRECTED',
        name: t.name,
        description: '',
        toStatusReference: t.to,
        links: t.from.map((from) => ({ fromStatusReference: from, fromPort: 0, toPort: 0 })),
        triggers: [],
        properties: {},
        ...rulesOf(t),
      })),
    ],
    created: null,
    updated: null,
  };
}

function statusesOf(ctx: RequestContext, workflows: WorkflowDef[]): Record<string, unknown>[] {
  const ids = [...new Set(workflows.flatMap((w) => w.statusIds))];
  return ids.map((id) => ({ ...jiraStatusJson(statusById(ctx.site, id)), statusReference: id }));
}

/** Global workflows need Administer Jira; project-scoped ones the project's administrators. */
function mayReadWorkflow(ctx: RequestContext, workflow: WorkflowDef): boolean {
  if (isJiraAdmin(ctx.user)) return true;
  const project = workflow.projectId ? ctx.site.projects.find((p) => p.id === workflow.projectId) : undefined;
  return !!project && canAdminister(project, ctx.user);
}

/** POST /workflows `{ workflowIds?, workflowNames?, projectAndIssueTypes? }`. */
function readWorkflows(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  const ids = stringList(body.workflowIds, 'workflowIds');
  const names = stringList(body.workflowNames, 'workflowNames');
  const pairs = Array.isArray(body.projectAndIssueTypes) ? body.projectAndIssueTypes : [];
  const found = new Map<string, WorkflowDef>();
  for (const w of ctx.site.workflows) if (ids.includes(w.id) || names.includes(w.name)) found.set(w.id, w);
  for (const pair of pairs) {
    if (!isRecord(pair) || typeof pair.projectId !== 'string' || typeof pair.issueTypeId !== 'string') throw badRequest('projectAndIssueTypes entries need projectId and issueTypeId.');
    const project = findProject(ctx.site, pair.projectId);
    if (!project || !project.issueTypeIds.includes(pair.issueTypeId)) continue;
    const workflow = workflowFor(ctx.site, project, pair.issueTypeId);
    found.set(workflow.id, workflow);
  }
  if (ids.length === 0 && names.length === 0 && pairs.length === 0) {
    if (!isJiraAdmin(ctx.user)) throw forbidden('You are not authorized to perform this operation. Administrator privileges are required.');
    ctx.site.workflows.forEach((w) => found.set(w.id, w));
  }
  const workflows = [...found.values()].filter((w) => mayReadWorkflow(ctx, w));
  return ok({ statuses: statusesOf(ctx, workflows), workflows: workflows.map((w) => workflowJson(ctx, w)) });
}

/** GET /workflows/search?workflowName=&queryString=&startAt=&maxResults=. */
function searchWorkflows(ctx: RequestContext) {
  const { startAt, maxResults } = pageParams(ctx.query, 50, 200);
  const name = ctx.query.get('workflowName');
  const text = ctx.query.get('queryString')?.toLowerCase();
  const workflows = ctx.site.workflows
    .filter((w) => mayReadWorkflow(ctx, w))
    .filter((w) => !name || w.name === name)
    .filter((w) => !text || w.name.toLowerCase().includes(text));
  const page = offsetPage(workflows, startAt, maxResults);
  return ok({ ...page, values: page.values.map((w) => workflowJson(ctx, w)), statuses: statusesOf(ctx, page.values) });
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest(`'${name}' must be a list of strings.`);
  return value as string[];
}

// ---------------------------------------------------------------------------------------------
// Creating

interface ValidationError {
  code: string;
  level: 'ERROR' | 'WARNING';
  type: 'RULE' | 'STATUS' | 'WORKFLOW' | 'TRANSITION' | 'SCOPE';
  message: string;
  elementReference?: { statusReference?: string; transitionId?: string; ruleId?: string };
}

interface PlannedStatus { reference: string; existing?: StatusDef; name: string; category: StatusDef['statusCategory']; description: string }
interface PlannedWorkflow { name: string; description: string; statusRefs: string[]; initialRef: string; transitions: Array<Omit<TransitionDef, 'to' | 'from'> & { toRef: string; fromRefs: string[] }> }
interface Plan { project?: SandboxProject; statuses: PlannedStatus[]; workflows: PlannedWorkflow[]; errors: ValidationError[] }

/** Reads and checks a create payload without changing anything. */
function planCreate(ctx: RequestContext, payload: Record<string, unknown>): Plan {
  const errors: ValidationError[] = [];
  const err = (type: ValidationError['type'], code: string, message: string, elementReference?: ValidationError['elementReference']): void => {
    errors.push({ code, level: 'ERROR', type, message, ...(elementReference ? { elementReference } : {}) });
  };
  const { project } = readScope(ctx, payload.scope);
  const statuses: PlannedStatus[] = [];
  const rawStatuses = Array.isArray(payload.statuses) ? payload.statuses : [];
  for (const raw of rawStatuses) {
    if (!isRecord(raw) || typeof raw.statusReference !== 'string' || raw.statusReference === '') {
      err('STATUS', 'INVALID_STATUS_REFERENCE', 'Every status needs a statusReference.');
      continue;
    }
    const reference = raw.statusReference;
    if (statuses.some((s) => s.reference === reference)) { err('STATUS', 'DUPLICATE_STATUS_REFERENCE', `The status reference '${reference}' is used twice.`, { statusReference: reference }); continue; }
    if (typeof raw.id === 'string' && raw.id !== '') {
      const existing = ctx.site.statuses.find((s) => s.id === raw.id);
      if (!existing) { err('STATUS', 'STATUS_NOT_FOUND', `The status with id '${raw.id}' does not exist.`, { statusReference: reference }); continue; }
      if (existing.projectId && existing.projectId !== project?.id) { err('STATUS', 'STATUS_OUT_OF_SCOPE', `The status '${existing.name}' belongs to another project.`, { statusReference: reference }); continue; }
      statuses.push({ reference, existing, name: existing.name, category: existing.statusCategory, description: existing.description });
      continue;
    }
    const category = categoryFromNewApi(raw.statusCategory);
    if (typeof raw.name !== 'string' || raw.name.trim() === '') { err('STATUS', 'INVALID_STATUS_NAME', 'A new status needs a name.', { statusReference: reference }); continue; }
    if (!category) { err('STATUS', 'INVALID_STATUS_CATEGORY', `The status '${raw.name}' needs a statusCategory of TODO, IN_PROGRESS or DONE.`, { statusReference: reference }); continue; }
    const name = raw.name.trim();
    const clash = ctx.site.statuses.find((s) => s.name.toLowerCase() === name.toLowerCase() && (s.projectId ?? null) === (project?.id ?? null));
    if (clash) { err('STATUS', 'STATUS_NAME_NOT_UNIQUE', `A status with the name '${name}' already exists (id ${clash.id}); reference it by id.`, { statusReference: reference }); continue; }
    statuses.push({ reference, name, category, description: typeof raw.description === 'string' ? raw.description : '' });
  }

  const workflows: PlannedWorkflow[] = [];
  const rawWorkflows = Array.isArray(payload.workflows) ? payload.workflows : [];
  if (rawWorkflows.length === 0) err('WORKFLOW', 'NO_WORKFLOWS', 'The payload contains no workflows.');
  for (const raw of rawWorkflows) {
    if (!isRecord(raw) || typeof raw.name !== 'string' || raw.name.trim() === '') { err('WORKFLOW', 'INVALID_WORKFLOW_NAME', 'Every workflow needs a name.'); continue; }
    const name = raw.name.trim();
    if (ctx.site.workflows.some((w) => w.name === name) || workflows.some((w) => w.name === name)) {
      err('WORKFLOW', 'WORKFLOW_NAME_NOT_UNIQUE', `A workflow with the name '${name}' already exists.`);
      continue;
    }
    const statusRefs: string[] = [];
    for (const s of Array.isArray(raw.statuses) ? raw.statuses : []) {
      const ref = isRecord(s) && typeof s.statusReference === 'string' ? s.statusReference : null;
      if (!ref || !statuses.some((p) => p.reference === ref)) { err('STATUS', 'STATUS_REFERENCE_NOT_FOUND', `Workflow '${name}' uses a status reference that is not in 'statuses': ${String(ref)}.`, ref ? { statusReference: ref } : undefined); continue; }
      statusRefs.push(ref);
    }
    if (statusRefs.length === 0) err('WORKFLOW', 'NO_STATUSES', `Workflow '${name}' has no statuses.`);
    const transitions: PlannedWorkflow['transitions'] = [];
    let initialRef: string | null = null;
    const usedIds = new Set<string>();
    const rawTransitions = Array.isArray(raw.transitions) ? raw.transitions : [];
    for (const t of rawTransitions) {
      if (!isRecord(t)) { err('TRANSITION', 'INVALID_TRANSITION', `Workflow '${name}' has an invalid transition.`); continue; }
      const type = t.type ?? 'DIRECTED';
      const toRef = typeof t.toStatusReference === 'string' ? t.toStatusReference : '';
      const tid = typeof t.id === 'string' && t.id !== '' ? t.id : undefined;
      if (!statusRefs.includes(toRef)) { err('TRANSITION', 'TRANSITION_TARGET_NOT_FOUND', `A transition of '${name}' goes to a status not in the workflow.`, tid ? { transitionId: tid } : undefined); continue; }
      if (type === 'INITIAL') {
        if (initialRef !== null) err('TRANSITION', 'MULTIPLE_INITIAL_TRANSITIONS', `Workflow '${name}' has more than one INITIAL transition.`);
        initialRef = toRef;
        continue;
      }
      if (type !== 'DIRECTED' && type !== 'GLOBAL') { err('TRANSITION', 'INVALID_TRANSITION_TYPE', `Transition type '${String(type)}' is not valid.`); continue; }
      if (typeof t.name !== 'string' || t.name.trim() === '') { err('TRANSITION', 'INVALID_TRANSITION_NAME', `A transition of '${name}' has no name.`); continue; }
      const links = Array.isArray(t.links) ? t.links : [];
      const fromRefs = links.map((l) => (isRecord(l) && typeof l.fromStatusReference === 'string' ? l.fromStatusReference : ''));
      if (type === 'DIRECTED' && (fromRefs.length === 0 || fromRefs.some((r) => !statusRefs.includes(r)))) {
        err('TRANSITION', 'TRANSITION_SOURCE_NOT_FOUND', `Transition '${t.name}' must start from statuses of the workflow.`, tid ? { transitionId: tid } : undefined);
        continue;
      }
      if (tid && (usedIds.has(tid) || tid === '1')) { err('TRANSITION', 'DUPLICATE_TRANSITION_ID', `Transition id '${tid}' is used twice.`, { transitionId: tid }); continue; }
      if (tid) usedIds.add(tid);
      const rules = readForgeRules(ctx.forge, t, (message, ruleId) => err('RULE', 'INVALID_RULE', message, { ...(tid ? { transitionId: tid } : {}), ...(ruleId ? { ruleId } : {}) }));
      transitions.push({ id: tid ?? '', name: t.name.trim(), toRef, fromRefs: type === 'GLOBAL' ? [] : fromRefs, ...rules });
    }
    if (initialRef === null) { err('TRANSITION', 'MISSING_INITIAL_TRANSITION', `Workflow '${name}' needs exactly one INITIAL transition.`); continue; }
    // Unnumbered transitions get Jira's usual ids: 11, 21, 31, ...
    let n = 11;
    for (const t of transitions) {
      if (t.id) continue;
      while (usedIds.has(String(n))) n += 10;
      t.id = String(n);
      usedIds.add(t.id);
    }
    workflows.push({ name, description: typeof raw.description === 'string' ? raw.description : '', statusRefs, initialRef, transitions });
  }
  return { project, statuses, workflows, errors };
}

/** Collects the `forge:*` rules of a transition as module keys; other rule kinds are accepted and ignored. */
function readForgeRules(forge: ForgeIdentity, t: Record<string, unknown>, fail: (message: string, ruleId?: string) => void): Pick<TransitionDef, 'validators' | 'conditions' | 'postFunctions'> {
  const keyOf = (rule: unknown, expected: string): string | null => {
    if (!isRecord(rule) || typeof rule.ruleKey !== 'string') { fail('Every rule needs a ruleKey.'); return null; }
    if (!rule.ruleKey.startsWith('forge:')) return null;
    const ruleId = typeof rule.id === 'string' ? rule.id : undefined;
    if (rule.ruleKey !== expected) { fail(`Rule key '${rule.ruleKey}' is not valid here; expected '${expected}'.`, ruleId); return null; }
    const ari = isRecord(rule.parameters) && typeof rule.parameters.key === 'string' ? rule.parameters.key : '';
    const m = /^ari:cloud:ecosystem::extension\/([^/]+)\/([^/]+)\/static\/([a-zA-Z0-9_-]+)$/.exec(ari);
    if (!m) { fail(`The Forge rule parameter 'key' must be an extension ARI (ari:cloud:ecosystem::extension/<app>/<environment>/static/<module>), got '${ari}'.`, ruleId); return null; }
    if (m[1] !== forge.appId || m[2] !== forge.environmentId) { fail(`The Forge rule '${ari}' belongs to an app or environment that is not installed on this site.`, ruleId); return null; }
    return m[3];
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const conditionRules = (group: unknown): unknown[] => {
    if (!isRecord(group)) return [];
    return [...list(group.conditions), ...list(group.conditionGroups).flatMap(conditionRules)];
  };
  const keys = (rules: unknown[], expected: string): string[] => rules.map((r) => keyOf(r, expected)).filter((k): k is string => k !== null);
  const validators = keys(list(t.validators), RULE_KEYS.validator);
  const conditions = keys(conditionRules(t.conditions), RULE_KEYS.condition);
  const postFunctions = keys(list(t.actions), RULE_KEYS.postFunction);
  return {
    ...(validators.length ? { validators } : {}),
    ...(conditions.length ? { conditions } : {}),
    ...(postFunctions.length ? { postFunctions } : {}),
  };
}

function validateCreateWorkflows(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  if (!isRecord(body.payload)) throw badRequest("'payload' is required.");
  const plan = planCreate(ctx, body.payload);
  return ok({ errors: plan.errors });
}

/** POST /workflows/create: creates the new statuses, then the workflows. */
function createWorkflows(ctx: RequestContext) {
  const plan = planCreate(ctx, requireObject(ctx.body));
  if (plan.errors.length > 0) throw new JiraError(400, plan.errors.map((e) => e.message));
  const statusByRef = new Map<string, StatusDef>();
  const createdStatuses: Record<string, unknown>[] = [];
  for (const s of plan.statuses) {
    let status = s.existing;
    if (!status) {
      status = { id: String(nextId(ctx.site, 'status')), name: s.name, description: s.description, statusCategory: s.category, ...(plan.project ? { projectId: plan.project.id } : {}) };
      ctx.site.statuses.push(status);
    }
    statusByRef.set(s.reference, status);
    createdStatuses.push({ ...jiraStatusJson(status), statusReference: s.reference });
  }
  const created: WorkflowDef[] = plan.workflows.map((w) => {
    const n = nextId(ctx.site, 'workflow');
    const workflow: WorkflowDef = {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      name: w.name,
      description: w.description,
      statusIds: w.statusRefs.map((r) => statusByRef.get(r)!.id),
      initialStatusId: statusByRef.get(w.initialRef)!.id,
      transitions: w.transitions.map(({ toRef, fromRefs, ...t }) => ({ ...t, to: statusByRef.get(toRef)!.id, from: fromRefs.map((r) => statusByRef.get(r)!.id) })),
      ...(plan.project ? { projectId: plan.project.id } : {}),
    };
    ctx.site.workflows.push(workflow);
    return workflow;
  });
  ctx.changed();
  return ok({ statuses: createdStatuses, workflows: created.map((w) => workflowJson(ctx, w)) });
}

// ---------------------------------------------------------------------------------------------
// Workflow schemes (one per project, with the project's id)

function schemeProject(ctx: RequestContext, id: string): SandboxProject {
  const project = ctx.site.projects.find((p) => p.id === id);
  if (!project) throw notFound(`The workflow scheme with id '${id}' does not exist.`);
  return administrableProject(ctx, project.id);
}

function findWorkflowByIdOrName(ctx: RequestContext, ref: string): WorkflowDef | undefined {
  return ctx.site.workflows.find((w) => w.id === ref) ?? ctx.site.workflows.find((w) => w.name === ref);
}

/** The workflow most issue types of the project use: what Jira calls the scheme's default. */
function defaultWorkflow(ctx: RequestContext, project: SandboxProject): WorkflowDef | undefined {
  const counts = new Map<string, number>();
  for (const typeId of project.issueTypeIds) {
    const ref = project.workflowByIssueType[typeId];
    if (ref) counts.set(ref, (counts.get(ref) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return top ? findWorkflowByIdOrName(ctx, top[0]) : undefined;
}

function workflowSchemeJson(ctx: RequestContext, project: SandboxProject): Record<string, unknown> {
  const mappings: Record<string, string> = {};
  for (const [typeId, ref] of Object.entries(project.workflowByIssueType)) mappings[typeId] = findWorkflowByIdOrName(ctx, ref)?.name ?? ref;
  return {
    id: Number(project.id),
    name: `${project.key}: ${project.name} Workflow Scheme`,
    description: `Workflows of project ${project.key}.`,
    defaultWorkflow: defaultWorkflow(ctx, project)?.name ?? 'jira',
    issueTypeMappings: mappings,
    draft: false,
    self: `${ctx.site.baseUrl}/rest/api/3/workflowscheme/${project.id}`,
  };
}

function workflowSchemesForProjects(ctx: RequestContext) {
  const ids = ctx.query.getAll('projectId').flatMap((v) => v.split(',')).filter(Boolean);
  if (ids.length === 0) throw badRequest("The 'projectId' parameter is required.");
  const values = ids.map((id) => administrableProject(ctx, id)).map((p) => ({ projectIds: [p.id], workflowScheme: workflowSchemeJson(ctx, p) }));
  return ok({ values });
}

/**
 * Points an issue type of the project at a workflow. Issues of that type whose status the new
 * workflow lacks need a mapping (old status id -> new status id), as Jira's migration asks.
 */
function assignWorkflow(ctx: RequestContext, project: SandboxProject, issueTypeId: string, workflow: WorkflowDef, mappings: Map<string, string>): void {
  if (!project.issueTypeIds.includes(issueTypeId)) throw badRequest(`The issue type '${issueTypeId}' is not in the project's issue type scheme.`);
  if (workflow.projectId && workflow.projectId !== project.id) throw badRequest(`The workflow '${workflow.name}' belongs to another project.`);
  const affected = ctx.site.issues.filter((i) => i.projectId === project.id && i.issueTypeId === issueTypeId && !workflow.statusIds.includes(i.statusId));
  const unmapped = [...new Set(affected.map((i) => i.statusId))].filter((id) => !mappings.has(id));
  if (unmapped.length) {
    const names = unmapped.map((id) => ctx.site.statuses.find((s) => s.id === id)?.name ?? id);
    throw badRequest(`Status mappings are required for issue type '${issueTypeId}': the workflow '${workflow.name}' has no status ${names.join(', ')}.`);
  }
  for (const to of mappings.values()) {
    if (!workflow.statusIds.includes(to)) throw badRequest(`Status mapping target '${to}' is not a status of workflow '${workflow.name}'.`);
  }
  for (const issue of affected) issue.statusId = mappings.get(issue.statusId)!;
  project.workflowByIssueType[issueTypeId] = workflow.id;
}

/** PUT /workflowscheme/{id}/issuetype/{issueType} `{ issueType, workflow, updateDraftIfNeeded }`. */
function setIssueTypeWorkflow(ctx: RequestContext) {
  const project = schemeProject(ctx, ctx.params.id);
  const body = requireObject(ctx.body);
  if (typeof body.workflow !== 'string') throw badRequest("'workflow' (the workflow name) is required.");
  const workflow = findWorkflowByIdOrName(ctx, body.workflow);
  if (!workflow) throw notFound(`The workflow '${body.workflow}' does not exist.`);
  assignWorkflow(ctx, project, ctx.params.issueType, workflow, new Map());
  ctx.changed();
  return ok(workflowSchemeJson(ctx, project));
}

function workflowRef(w: WorkflowDef): Record<string, unknown> {
  return { id: w.id, name: w.name, description: w.description, version: { id: `${w.id}:1`, versionNumber: 1 } };
}

/** POST /workflowscheme/read `{ projectIds?, workflowSchemeIds? }`. */
function readWorkflowSchemes(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  const ids = [...stringList(body.projectIds, 'projectIds'), ...stringList(body.workflowSchemeIds, 'workflowSchemeIds')];
  const projects = [...new Set(ids)].map((id) => administrableProject(ctx, id));
  return ok(projects.map((project) => {
    const byWorkflow = new Map<string, string[]>();
    for (const typeId of project.issueTypeIds) {
      const workflow = workflowFor(ctx.site, project, typeId);
      byWorkflow.set(workflow.id, [...(byWorkflow.get(workflow.id) ?? []), typeId]);
    }
    const def = defaultWorkflow(ctx, project);
    return {
      id: project.id,
      name: `${project.key}: ${project.name} Workflow Scheme`,
      description: `Workflows of project ${project.key}.`,
      scope: { type: 'GLOBAL' },
      version: { id: `${project.id}:1`, versionNumber: 1 },
      ...(def ? { defaultWorkflow: workflowRef(def) } : {}),
      workflowsForIssueTypes: [...byWorkflow.entries()].map(([workflowId, issueTypeIds]) => ({ issueTypeIds, workflow: workflowRef(findWorkflowByIdOrName(ctx, workflowId)!) })),
      projectIdsUsingScheme: [project.id],
    };
  }));
}

/**
 * POST /workflowscheme/update `{ id, workflowsForIssueTypes: [{ issueTypeIds, workflowId }],
 * statusMappingsByIssueTypeOverride?: [{ issueTypeId, statusMappings: [{ oldStatusId, newStatusId }] }] }`.
 * Applied at once (Jira may run it as an async task).
 */
function updateWorkflowScheme(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  if (typeof body.id !== 'string') throw badRequest("'id' (the workflow scheme id) is required.");
  const project = schemeProject(ctx, body.id);
  const entries = Array.isArray(body.workflowsForIssueTypes) ? body.workflowsForIssueTypes : [];
  const overrides = Array.isArray(body.statusMappingsByIssueTypeOverride) ? body.statusMappingsByIssueTypeOverride : [];
  const mappingsFor = (issueTypeId: string): Map<string, string> => {
    const map = new Map<string, string>();
    for (const o of overrides) {
      if (!isRecord(o) || o.issueTypeId !== issueTypeId || !Array.isArray(o.statusMappings)) continue;
      for (const m of o.statusMappings) if (isRecord(m) && typeof m.oldStatusId === 'string' && typeof m.newStatusId === 'string') map.set(m.oldStatusId, m.newStatusId);
    }
    return map;
  };
  const plan: Array<{ issueTypeId: string; workflow: WorkflowDef }> = [];
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry.workflowId !== 'string' || !Array.isArray(entry.issueTypeIds)) throw badRequest('workflowsForIssueTypes entries need workflowId and issueTypeIds.');
    const workflow = findWorkflowByIdOrName(ctx, entry.workflowId);
    if (!workflow) throw notFound(`The workflow with id '${entry.workflowId}' does not exist.`);
    for (const issueTypeId of entry.issueTypeIds) {
      if (typeof issueTypeId !== 'string') throw badRequest('issueTypeIds must be strings.');
      plan.push({ issueTypeId, workflow });
    }
  }
  // Check every assignment on a copy first, so a missing mapping changes nothing.
  const snapshot = { workflowByIssueType: { ...project.workflowByIssueType }, statuses: ctx.site.issues.filter((i) => i.projectId === project.id).map((i) => [i, i.statusId] as const) };
  try {
    for (const { issueTypeId, workflow } of plan) assignWorkflow(ctx, project, issueTypeId, workflow, mappingsFor(issueTypeId));
  } catch (err) {
    project.workflowByIssueType = snapshot.workflowByIssueType;
    for (const [issue, statusId] of snapshot.statuses) issue.statusId = statusId;
    throw err;
  }
  ctx.changed();
  return ok({});
}


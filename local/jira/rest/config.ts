/**
 * Site configuration: fields, issue types (and each project's issue type scheme), statuses
 * (old and new status APIs), status categories and priorities.
 *
 * Every project has its own issue type scheme and workflow scheme in the sandbox; both carry
 * the project's id as their id.
 */
import type { IssueTypeDef, SandboxProject, StatusDef } from '../model';
import { administrableProject, canAdminister, canBrowse, findProject, isJiraAdmin, visibleProject } from './access';
import { allFields } from './fields';
import { categoryFromNewApi, STATUS_CATEGORIES } from './format';
import { JiraError, Router, badRequest, created, forbidden, intParam, isRecord, listParam, noContent, notFound, offsetPage, ok, pageParams, requireObject, type RequestContext } from './http';
import { nextId } from './mutate';
import { issueTypeJson, jiraStatusJson, priorityJson, statusCategoryJson, statusJson } from './present';

export function configRoutes(router: Router): void {
  router.get('/rest/api/3/field', (ctx) => ok(allFields(ctx.site).map((f) => ({
    id: f.id, key: f.key, name: f.name, untranslatedName: f.name, custom: f.custom, orderable: f.orderable, navigable: f.navigable,
    searchable: f.searchable, clauseNames: f.clauseNames, ...(f.schema ? { schema: f.schema } : {}),
  }))));
  router.get('/rest/api/3/issuetype', (ctx) => ok(ctx.site.issueTypes.map((t) => issueTypeJson(ctx.site, t))));
  router.get('/rest/api/3/issuetype/project', projectIssueTypes);
  router.get('/rest/api/3/issuetype/:id', (ctx) => ok(issueTypeJson(ctx.site, findIssueType(ctx, ctx.params.id))));
  router.post('/rest/api/3/issuetype', createIssueType);
  router.get('/rest/api/3/issuetypescheme/project', issueTypeSchemesForProjects);
  router.put('/rest/api/3/issuetypescheme/:schemeId/issuetype', addIssueTypesToScheme);
  router.get('/rest/api/3/status', (ctx) => ok(visibleStatuses(ctx).map((s) => statusJson(ctx.site, s))));
  router.get('/rest/api/3/status/:idOrName', getStatus);
  router.get('/rest/api/3/statuscategory', (ctx) => ok(Object.values(STATUS_CATEGORIES).map((c) => statusCategoryJson(ctx.site, c.key))));
  router.get('/rest/api/3/statuses', statusesById);
  router.get('/rest/api/3/statuses/search', searchStatuses);
  router.post('/rest/api/3/statuses', createStatuses);
  router.get('/rest/api/3/priority', (ctx) => ok(ctx.site.priorities.map((p) => priorityJson(ctx.site, p, true))));
  router.get('/rest/api/3/priority/search', (ctx) => {
    const { startAt, maxResults } = pageParams(ctx.query, 50, 100);
    return ok(offsetPage(ctx.site.priorities.map((p) => priorityJson(ctx.site, p, true)), startAt, maxResults));
  });
  router.get('/rest/api/3/priority/:id', (ctx) => {
    const priority = ctx.site.priorities.find((p) => p.id === ctx.params.id);
    if (!priority) throw notFound(`The priority with id '${ctx.params.id}' does not exist.`);
    return ok(priorityJson(ctx.site, priority, true));
  });
}

function findIssueType(ctx: RequestContext, id: string): IssueTypeDef {
  const type = ctx.site.issueTypes.find((t) => t.id === id);
  if (!type) throw notFound('The issue type with this ID does not exist.');
  return type;
}

function projectIssueTypes(ctx: RequestContext) {
  const projectId = ctx.query.get('projectId');
  if (!projectId) throw badRequest("The 'projectId' parameter is required.");
  const project = visibleProject(ctx, projectId);
  const level = ctx.query.has('level') ? intParam(ctx.query, 'level', 0) : null;
  return ok(project.issueTypeIds
    .map((id) => ctx.site.issueTypes.find((t) => t.id === id))
    .filter((t): t is IssueTypeDef => !!t && (level === null || t.hierarchyLevel === level))
    .map((t) => issueTypeJson(ctx.site, t)));
}

/** POST /issuetype `{ name, description, type: standard|subtask, hierarchyLevel }` (Administer Jira). */
function createIssueType(ctx: RequestContext) {
  if (!isJiraAdmin(ctx.user)) throw forbidden('You are not authorized to perform this operation. Administrator privileges are required.');
  const body = requireObject(ctx.body);
  if (typeof body.name !== 'string' || body.name.trim() === '') throw new JiraError(400, [], { name: 'The issue type name must be specified.' });
  const name = body.name.trim();
  if (name.length > 60) throw new JiraError(400, [], { name: 'The name of the issue type must not exceed 60 characters.' });
  if (body.description !== undefined && typeof body.description !== 'string') throw badRequest("'description' must be a string.");
  if (body.type !== undefined && body.type !== 'standard' && body.type !== 'subtask') throw badRequest("'type' must be 'standard' or 'subtask'.");
  if (body.hierarchyLevel !== undefined && ![-1, 0].includes(body.hierarchyLevel as number)) {
    throw badRequest("'hierarchyLevel' must be -1 (subtask) or 0 (standard).");
  }
  if (ctx.site.issueTypes.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
    throw new JiraError(409, ['An issue type with this name already exists.']);
  }
  const subtask = body.type === 'subtask' || body.hierarchyLevel === -1;
  const type: IssueTypeDef = {
    id: String(nextId(ctx.site, 'issueType')),
    name,
    description: typeof body.description === 'string' ? body.description : '',
    subtask,
    hierarchyLevel: subtask ? -1 : 0,
  };
  ctx.site.issueTypes.push(type);
  ctx.changed();
  return created(issueTypeJson(ctx.site, type));
}

function issueTypeSchemeJson(project: SandboxProject): Record<string, unknown> {
  return {
    id: project.id,
    name: `${project.key}: ${project.name} Issue Type Scheme`,
    description: `Issue types of project ${project.key}.`,
    defaultIssueTypeId: project.issueTypeIds[0],
    isDefault: false,
  };
}

/** GET /issuetypescheme/project?projectId=...: each project's scheme (Administer Jira). */
function issueTypeSchemesForProjects(ctx: RequestContext) {
  if (!isJiraAdmin(ctx.user)) throw forbidden('You are not authorized to perform this operation. Administrator privileges are required.');
  const ids = ctx.query.getAll('projectId').flatMap((v) => v.split(',')).filter(Boolean);
  if (ids.length === 0) throw badRequest("The 'projectId' parameter is required.");
  const { startAt, maxResults } = pageParams(ctx.query, 50, 100);
  const projects = ids.map((id) => findProject(ctx.site, id)).filter((p): p is SandboxProject => !!p);
  return ok(offsetPage(projects.map((p) => ({ issueTypeScheme: issueTypeSchemeJson(p), projectIds: [p.id] })), startAt, maxResults));
}

/** PUT /issuetypescheme/{id}/issuetype `{ issueTypeIds }`: makes the issue types available in the project. */
function addIssueTypesToScheme(ctx: RequestContext) {
  const project = ctx.site.projects.find((p) => p.id === ctx.params.schemeId);
  if (!project) throw notFound(`The issue type scheme with id '${ctx.params.schemeId}' does not exist.`);
  if (!isJiraAdmin(ctx.user)) throw forbidden('You are not authorized to perform this operation. Administrator privileges are required.');
  const body = requireObject(ctx.body);
  if (!Array.isArray(body.issueTypeIds) || body.issueTypeIds.length === 0 || !body.issueTypeIds.every((v) => typeof v === 'string')) {
    throw badRequest("'issueTypeIds' must be a non-empty list of issue type ids.");
  }
  for (const id of body.issueTypeIds as string[]) {
    if (!ctx.site.issueTypes.some((t) => t.id === id)) throw notFound(`The issue type with id '${id}' does not exist.`);
    if (project.issueTypeIds.includes(id)) throw new JiraError(400, [`The issue type with id '${id}' is already in the issue type scheme.`]);
  }
  project.issueTypeIds.push(...(body.issueTypeIds as string[]));
  ctx.changed();
  return noContent();
}

/** Global statuses, plus the project-scoped statuses of projects the caller can see. */
function visibleStatuses(ctx: RequestContext): StatusDef[] {
  return ctx.site.statuses.filter((s) => {
    if (!s.projectId) return true;
    const project = ctx.site.projects.find((p) => p.id === s.projectId);
    return !!project && (canBrowse(project, ctx.user) || canAdminister(project, ctx.user));
  });
}

function getStatus(ctx: RequestContext) {
  const key = ctx.params.idOrName;
  const status = visibleStatuses(ctx).find((s) => s.id === key) ?? visibleStatuses(ctx).find((s) => s.name.toLowerCase() === key.toLowerCase());
  if (!status) throw notFound(`The status with ID or name '${key}' does not exist.`);
  return ok(statusJson(ctx.site, status));
}

function statusesById(ctx: RequestContext) {
  const ids = listParam(ctx.query, 'id');
  if (!ids || ids.length === 0) throw badRequest("The 'id' parameter is required.");
  if (ids.length > 50) throw badRequest('You can request at most 50 statuses.');
  return ok(visibleStatuses(ctx).filter((s) => ids.includes(s.id)).map(jiraStatusJson));
}

/** GET /statuses/search: global statuses, or with projectId the statuses scoped to that project. */
function searchStatuses(ctx: RequestContext) {
  const projectId = ctx.query.get('projectId');
  if (projectId) visibleProjectOrAdmin(ctx, projectId);
  const { startAt, maxResults } = pageParams(ctx.query, 200, 200);
  const search = ctx.query.get('searchString')?.toLowerCase();
  const category = ctx.query.get('statusCategory');
  const wanted = category ? categoryFromNewApi(category) : null;
  if (category && !wanted) throw badRequest(`The status category '${category}' is not valid; use TODO, IN_PROGRESS or DONE.`);
  const statuses = ctx.site.statuses
    .filter((s) => (projectId ? s.projectId === projectId : !s.projectId))
    .filter((s) => !search || s.name.toLowerCase().includes(search))
    .filter((s) => !wanted || s.statusCategory === wanted);
  const page = offsetPage(statuses.map(jiraStatusJson), startAt, maxResults);
  const base = `${ctx.site.baseUrl}/rest/api/3/statuses/search`;
  const json: Record<string, unknown> = { self: `${base}?startAt=${startAt}&maxResults=${maxResults}`, ...page };
  if (!page.isLast) json.nextPage = `${base}?startAt=${startAt + page.values.length}&maxResults=${maxResults}${projectId ? `&projectId=${projectId}` : ''}`;
  return ok(json);
}

function visibleProjectOrAdmin(ctx: RequestContext, idOrKey: string): SandboxProject {
  const project = findProject(ctx.site, idOrKey);
  if (project && canAdminister(project, ctx.user)) return project;
  return visibleProject(ctx, idOrKey);
}

/** Reads a `scope` object of the new status/workflow APIs. */
export function readScope(ctx: RequestContext, value: unknown): { project?: SandboxProject } {
  if (!isRecord(value) || (value.type !== 'GLOBAL' && value.type !== 'PROJECT')) {
    throw badRequest("'scope' must be { type: 'GLOBAL' } or { type: 'PROJECT', project: { id } }.");
  }
  if (value.type === 'GLOBAL') {
    if (!isJiraAdmin(ctx.user)) throw forbidden('You are not authorized to perform this operation. Administrator privileges are required.');
    return {};
  }
  const projectId = isRecord(value.project) && typeof value.project.id === 'string' ? value.project.id : null;
  if (!projectId) throw badRequest("A PROJECT scope needs 'project': { id }.");
  return { project: administrableProject(ctx, projectId) };
}

/** POST /statuses `{ scope, statuses: [{ name, statusCategory, description }] }`. */
function createStatuses(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  const { project } = readScope(ctx, body.scope);
  if (!Array.isArray(body.statuses) || body.statuses.length === 0) throw badRequest("'statuses' must be a non-empty list.");
  const drafts = body.statuses.map((raw, i) => {
    if (!isRecord(raw) || typeof raw.name !== 'string' || raw.name.trim() === '') throw badRequest(`statuses[${i}].name is required.`);
    const category = categoryFromNewApi(raw.statusCategory);
    if (!category) throw badRequest(`statuses[${i}].statusCategory must be TODO, IN_PROGRESS or DONE.`);
    if (raw.name.length > 255) throw badRequest(`statuses[${i}].name must not exceed 255 characters.`);
    return { name: raw.name.trim(), category, description: typeof raw.description === 'string' ? raw.description : '' };
  });
  const taken = (name: string): boolean => ctx.site.statuses.some((s) => s.name.toLowerCase() === name.toLowerCase() && (s.projectId ?? null) === (project?.id ?? null));
  const clash = drafts.find((d, i) => taken(d.name) || drafts.findIndex((o) => o.name.toLowerCase() === d.name.toLowerCase()) !== i);
  if (clash) throw badRequest(`A status with the name '${clash.name}' already exists in this scope.`);
  const made = drafts.map((d) => {
    const status: StatusDef = {
      id: String(nextId(ctx.site, 'status')),
      name: d.name,
      description: d.description,
      statusCategory: d.category,
      ...(project ? { projectId: project.id } : {}),
    };
    ctx.site.statuses.push(status);
    return status;
  });
  ctx.changed();
  return ok(made.map(jiraStatusJson));
}

/**
 * Projects, project roles and their actors, and permissions (/mypermissions, /permissions).
 * Projects the caller cannot browse are absent from lists and answer 404.
 */
import type { ProjectPermissionKey, RoleDef, SandboxProject } from '../model';
import {
  GLOBAL_PERMISSIONS, PROJECT_PERMISSIONS, administrableProject, canAdminister, canBrowse, canBrowseIssue, findIssue, findProject, findUser, isJiraAdmin,
  isProjectPermission, projectOf, projectPermissions, rolesOf, visibleProject,
} from './access';
import { ISSUE_NOT_FOUND, JiraError, Router, badRequest, boolParam, forbidden, isRecord, listParam, noContent, notFound, offsetPage, ok, pageParams, requireObject, type RequestContext } from './http';
import { issueTypeJson, projectJson, projectRoleJson, roleUrl, statusJson } from './present';
import { statusById, workflowFor } from './workflowEngine';

export function projectRoutes(router: Router): void {
  router.get('/rest/api/3/project/search', searchProjects);
  router.get('/rest/api/3/project', (ctx) => ok(browsableProjects(ctx).map((p) => projectJson(ctx.site, p, expandSet(ctx)))));
  router.get('/rest/api/3/project/:projectIdOrKey', (ctx) => ok(projectJson(ctx.site, visibleProject(ctx, ctx.params.projectIdOrKey), 'all')));
  router.get('/rest/api/3/project/:projectIdOrKey/statuses', projectStatuses);
  router.get('/rest/api/3/role', (ctx) => { requireJiraAdmin(ctx); return ok(ctx.site.roles.map((r) => projectRoleJson(ctx.site, r))); });
  router.get('/rest/api/3/role/:id', (ctx) => { requireJiraAdmin(ctx); return ok(projectRoleJson(ctx.site, findRole(ctx, ctx.params.id))); });
  router.get('/rest/api/3/project/:projectIdOrKey/role', projectRoles);
  router.get('/rest/api/3/project/:projectIdOrKey/role/:id', projectRole);
  router.post('/rest/api/3/project/:projectIdOrKey/role/:id', addRoleActors);
  router.put('/rest/api/3/project/:projectIdOrKey/role/:id', setRoleActors);
  router.delete('/rest/api/3/project/:projectIdOrKey/role/:id', removeRoleActor);
  router.get('/rest/api/3/project/:projectIdOrKey/roledetails', roleDetails);
  router.get('/rest/api/3/mypermissions', myPermissions);
  router.get('/rest/api/3/permissions', () => ok({ permissions: allPermissions() }));
}

const expandSet = (ctx: RequestContext): Set<string> => new Set(listParam(ctx.query, 'expand') ?? []);

function browsableProjects(ctx: RequestContext): SandboxProject[] {
  return ctx.site.projects.filter((p) => canBrowse(p, ctx.user));
}

function searchProjects(ctx: RequestContext) {
  const { startAt, maxResults } = pageParams(ctx.query, 50, 100);
  const action = ctx.query.get('action') ?? 'view';
  if (!['view', 'browse', 'edit', 'create'].includes(action)) throw badRequest(`The action '${action}' is not valid; use view, browse, edit or create.`);
  const keys = ctx.query.getAll('keys').flatMap((k) => k.split(',')).filter(Boolean);
  const ids = ctx.query.getAll('id').flatMap((k) => k.split(',')).filter(Boolean);
  const query = ctx.query.get('query')?.toLowerCase();
  const typeKeys = listParam(ctx.query, 'typeKey');
  let projects = browsableProjects(ctx)
    .filter((p) => action !== 'edit' || canAdminister(p, ctx.user))
    .filter((p) => action !== 'create' || projectPermissions(p, ctx.user).has('CREATE_ISSUES'))
    .filter((p) => keys.length === 0 || keys.includes(p.key))
    .filter((p) => ids.length === 0 || ids.includes(p.id))
    .filter((p) => !query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query))
    .filter((p) => !typeKeys || typeKeys.includes(p.projectTypeKey));
  const orderBy = ctx.query.get('orderBy') ?? 'key';
  const desc = orderBy.startsWith('-');
  const sortKey = orderBy.replace(/^[-+]/, '');
  if (!['key', 'name', 'id'].includes(sortKey)) throw badRequest(`The orderBy value '${orderBy}' is not supported.`);
  projects = [...projects].sort((a, b) => {
    const cmp = sortKey === 'id' ? Number(a.id) - Number(b.id) : a[sortKey as 'key' | 'name'].localeCompare(b[sortKey as 'key' | 'name']);
    return desc ? -cmp : cmp;
  });
  const expand = expandSet(ctx);
  const page = offsetPage(projects.map((p) => projectJson(ctx.site, p, expand)), startAt, maxResults);
  const base = `${ctx.site.baseUrl}/rest/api/3/project/search`;
  const json: Record<string, unknown> = { self: `${base}?startAt=${startAt}&maxResults=${maxResults}`, ...page };
  if (!page.isLast) json.nextPage = `${base}?startAt=${startAt + page.values.length}&maxResults=${maxResults}`;
  return ok(json);
}

/** GET /project/{key}/statuses: each issue type with the statuses of its workflow. */
function projectStatuses(ctx: RequestContext) {
  const project = visibleProject(ctx, ctx.params.projectIdOrKey);
  return ok(project.issueTypeIds.map((typeId) => {
    const type = ctx.site.issueTypes.find((t) => t.id === typeId);
    const workflow = workflowFor(ctx.site, project, typeId);
    return {
      self: `${ctx.site.baseUrl}/rest/api/3/issueType/${typeId}`,
      id: typeId,
      name: type?.name ?? typeId,
      subtask: type?.subtask ?? false,
      ...(type ? { iconUrl: issueTypeJson(ctx.site, type).iconUrl } : {}),
      statuses: workflow.statusIds.map((id) => statusJson(ctx.site, statusById(ctx.site, id))),
    };
  }));
}

function requireJiraAdmin(ctx: RequestContext): void {
  if (!isJiraAdmin(ctx.user)) throw forbidden('You are not authorized to perform this operation. Administrator privileges are required.');
}

function findRole(ctx: RequestContext, id: string): RoleDef {
  const role = ctx.site.roles.find((r) => String(r.id) === id);
  if (!role) throw notFound(`No project role with id '${id}' could be found.`);
  return role;
}

/** GET /project/{key}/role: role name -> role URL (project administrators and Jira admins). */
function projectRoles(ctx: RequestContext) {
  const project = administrableProject(ctx, ctx.params.projectIdOrKey);
  return ok(Object.fromEntries(ctx.site.roles.map((r) => [r.name, roleUrl(ctx.site, project, r)])));
}

function projectRole(ctx: RequestContext) {
  const project = administrableProject(ctx, ctx.params.projectIdOrKey);
  return ok(projectRoleJson(ctx.site, findRole(ctx, ctx.params.id), project, ctx.user));
}

function readAccountIds(ctx: RequestContext, value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest(`'${field}' must be a list of account ids.`);
  for (const id of value as string[]) {
    if (!findUser(ctx.site, id)) throw new JiraError(400, [`We couldn't find the user with account ID '${id}'.`]);
  }
  return value as string[];
}

function addRoleActors(ctx: RequestContext) {
  const project = administrableProject(ctx, ctx.params.projectIdOrKey);
  const role = findRole(ctx, ctx.params.id);
  const body = requireObject(ctx.body);
  if (body.group !== undefined || body.groupId !== undefined) throw badRequest('Group actors are not supported by this site: it has no groups.');
  const ids = readAccountIds(ctx, body.user, 'user');
  const actors = project.roleActors[role.id] ?? [];
  const already = ids.find((id) => actors.includes(id));
  if (already) throw new JiraError(400, [`'${findUser(ctx.site, already)?.displayName ?? already}' is already a member of the project role.`]);
  project.roleActors[role.id] = [...actors, ...new Set(ids)];
  ctx.changed();
  return ok(projectRoleJson(ctx.site, role, project, ctx.user));
}

/** PUT /project/{key}/role/{id} `{ categorisedActors: { 'atlassian-user-role-actor': [...] } }` replaces the user actors. */
function setRoleActors(ctx: RequestContext) {
  const project = administrableProject(ctx, ctx.params.projectIdOrKey);
  const role = findRole(ctx, ctx.params.id);
  const body = requireObject(ctx.body);
  if (!isRecord(body.categorisedActors)) throw badRequest("'categorisedActors' must be an object.");
  const ids = readAccountIds(ctx, body.categorisedActors['atlassian-user-role-actor'] ?? [], "categorisedActors['atlassian-user-role-actor']");
  project.roleActors[role.id] = [...new Set(ids)];
  ctx.changed();
  return ok(projectRoleJson(ctx.site, role, project, ctx.user));
}

function removeRoleActor(ctx: RequestContext) {
  const project = administrableProject(ctx, ctx.params.projectIdOrKey);
  const role = findRole(ctx, ctx.params.id);
  const accountId = ctx.query.get('user');
  if (!accountId) throw badRequest("The 'user' (account id) or 'group' parameter must be provided.");
  const actors = project.roleActors[role.id] ?? [];
  if (!actors.includes(accountId)) throw notFound(`The user '${accountId}' is not a member of the project role '${role.name}'.`);
  project.roleActors[role.id] = actors.filter((a) => a !== accountId);
  ctx.changed();
  return noContent();
}

/**
 * GET /project/{key}/roledetails. Atlassian documents Administer Projects (or Administer Jira) as
 * required whether or not currentMember is set, so a plain member is refused here too: an app must
 * read role actors as itself rather than ask as the user.
 */
function roleDetails(ctx: RequestContext) {
  const currentMember = boolParam(ctx.query, 'currentMember', false);
  const project = administrableProject(ctx, ctx.params.projectIdOrKey);
  const mine = new Set(rolesOf(project, ctx.user.accountId));
  const roles = ctx.site.roles.filter((r) => !currentMember || mine.has(r.id));
  return ok(roles.map((r) => ({
    self: roleUrl(ctx.site, project, r),
    name: r.name,
    id: r.id,
    description: r.description,
    admin: r.name === 'Administrators',
    default: false,
    roleConfigurable: true,
    translatedName: r.name,
  })));
}

function allPermissions(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, p] of Object.entries(PROJECT_PERMISSIONS)) out[key] = { key, name: p.name, type: 'PROJECT', description: p.description };
  for (const [key, p] of Object.entries(GLOBAL_PERMISSIONS)) out[key] = { key, name: p.name, type: 'GLOBAL', description: p.description };
  return out;
}

/**
 * GET /mypermissions?permissions=A,B[&projectKey|projectId|issueKey|issueId]. Without a project,
 * a project permission is held when the user holds it in any project (as Jira answers).
 */
function myPermissions(ctx: RequestContext) {
  const keys = listParam(ctx.query, 'permissions');
  if (!keys || keys.length === 0) throw badRequest('The permissions parameter is required.');
  const unknown = keys.filter((k) => !isProjectPermission(k) && !(k in GLOBAL_PERMISSIONS));
  if (unknown.length) throw new JiraError(404, [`No project permissions found for permission keys: ${unknown.join(', ')}.`]);

  let project: SandboxProject | undefined;
  const projectKey = ctx.query.get('projectKey') ?? ctx.query.get('projectId');
  const issueKey = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  if (issueKey) {
    const issue = findIssue(ctx.site, issueKey);
    if (!issue || !canBrowseIssue(ctx.site, ctx.user, issue)) throw notFound(ISSUE_NOT_FOUND);
    project = projectOf(ctx.site, issue);
  } else if (projectKey) {
    const found = findProject(ctx.site, projectKey);
    if (!found || !canBrowse(found, ctx.user)) throw notFound(`No project could be found with key '${projectKey}'.`);
    project = found;
  }
  const held = project ? projectPermissions(project, ctx.user) : new Set<ProjectPermissionKey>(ctx.site.projects.flatMap((p) => [...projectPermissions(p, ctx.user)]));
  const permissions: Record<string, Record<string, unknown>> = {};
  for (const key of keys) {
    if (isProjectPermission(key)) {
      const p = PROJECT_PERMISSIONS[key];
      permissions[key] = { id: p.id, key, name: p.name, type: 'PROJECT', description: p.description, havePermission: held.has(key) };
    } else {
      const p = GLOBAL_PERMISSIONS[key];
      const have = key === 'ADMINISTER' ? isJiraAdmin(ctx.user) : ctx.user.active;
      permissions[key] = { id: p.id, key, name: p.name, type: 'GLOBAL', description: p.description, havePermission: have };
    }
  }
  return ok({ permissions });
}

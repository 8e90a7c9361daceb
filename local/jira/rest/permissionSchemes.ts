/**
 * Who-may-see-what configuration, read as Jira reports it: a project's permission scheme and its
 * grants, its issue security scheme, the levels and their members. The sandbox keeps one
 * permission scheme per project (roles -> permissions) and at most one issue security scheme
 * per project whose levels admit project roles; grants and members are role holders
 * (`{ type: 'projectRole', parameter: '<role id>', value: '<role id>' }`), as on a company-managed project.
 */
import type { IssueSecurityLevelDef, IssueSecuritySchemeDef, ProjectPermissionKey, SandboxProject, SiteData } from '../model';
import { administrableProject, hasPermission, isAppUser, isJiraAdmin, visibleProject } from './access';
import { JiraError, Router, badRequest, listParam, notFound, offsetPage, ok, pageParams, type RequestContext } from './http';
import { projectRoleJson } from './present';

export function permissionSchemeRoutes(router: Router): void {
  router.get('/rest/api/3/project/:projectKeyOrId/permissionscheme', projectPermissionScheme);
  router.get('/rest/api/3/permissionscheme/:schemeId', permissionSchemeById);
  router.get('/rest/api/3/project/:projectKeyOrId/issuesecuritylevelscheme', projectIssueSecurityScheme);
  router.get('/rest/api/3/project/:projectKeyOrId/securitylevel', projectSecurityLevels);
  router.get('/rest/api/3/issuesecurityschemes/level/member', securityLevelMembers);
}

const SCHEME_EXPAND = 'permissions,user,group,projectRole,field,all';

export const permissionSchemeIdOf = (project: SandboxProject): number => project.permissionSchemeId ?? Number(project.id);

/** The projects sharing a permission scheme id (the sandbox gives each project its own unless told otherwise). */
function projectsWithScheme(site: SiteData, schemeId: number): SandboxProject[] {
  return site.projects.filter((p) => permissionSchemeIdOf(p) === schemeId);
}

function schemeJson(ctx: RequestContext, project: SandboxProject, expand: Set<string>): Record<string, unknown> {
  const id = permissionSchemeIdOf(project);
  const json: Record<string, unknown> = {
    expand: SCHEME_EXPAND,
    id,
    self: `${ctx.site.baseUrl}/rest/api/3/permissionscheme/${id}`,
    name: `${project.name} permission scheme`,
    description: `Who may do what in ${project.key}, by project role.`,
  };
  // As Jira documents: "permissions are included when you specify any value" of expand.
  if (expand.size > 0) json.permissions = grantsJson(ctx, project, expand.has('projectRole') || expand.has('all'));
  return json;
}

function grantsJson(ctx: RequestContext, project: SandboxProject, withRoles: boolean): Array<Record<string, unknown>> {
  const schemeId = permissionSchemeIdOf(project);
  const grants: Array<Record<string, unknown>> = [];
  const entries = Object.entries(project.permissions) as Array<[ProjectPermissionKey, number[] | undefined]>;
  for (const [permission, roleIds] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    for (const roleId of roleIds ?? []) {
      const id = schemeId * 1000 + grants.length + 1;
      const holder: Record<string, unknown> = { type: 'projectRole', parameter: String(roleId), value: String(roleId), expand: 'projectRole' };
      const role = ctx.site.roles.find((r) => r.id === roleId);
      if (withRoles && role) holder.projectRole = projectRoleJson(ctx.site, role);
      grants.push({ id, self: `${ctx.site.baseUrl}/rest/api/3/permissionscheme/${schemeId}/permission/${id}`, holder, permission });
    }
  }
  return grants;
}

const expandOf = (ctx: RequestContext): Set<string> => new Set(listParam(ctx.query, 'expand') ?? []);

/** GET /project/{key}/permissionscheme: Administer Jira or Administer Projects (403 to other browsers). */
function projectPermissionScheme(ctx: RequestContext) {
  const project = administrableProject(ctx, ctx.params.projectKeyOrId);
  return ok(schemeJson(ctx, project, expandOf(ctx)));
}

/** GET /permissionscheme/{id}: any signed-in user ("Permission to access Jira"). */
function permissionSchemeById(ctx: RequestContext) {
  if (!/^\d+$/.test(ctx.params.schemeId)) throw notFound(`Permission scheme with id ${ctx.params.schemeId} not found.`);
  const [project] = projectsWithScheme(ctx.site, Number(ctx.params.schemeId));
  if (!project) throw notFound(`Permission scheme with id ${ctx.params.schemeId} not found.`);
  return ok(schemeJson(ctx, project, expandOf(ctx)));
}

function levelJson(ctx: RequestContext, scheme: IssueSecuritySchemeDef, level: IssueSecurityLevelDef): Record<string, unknown> {
  return {
    self: `${ctx.site.baseUrl}/rest/api/3/securitylevel/${level.id}`,
    id: level.id,
    description: level.description,
    name: level.name,
    isDefault: scheme.defaultLevelId === level.id,
    issueSecuritySchemeId: String(scheme.id),
  };
}

/** GET /project/{key}/issuesecuritylevelscheme: administrators only; 404 when the project has no scheme. */
function projectIssueSecurityScheme(ctx: RequestContext) {
  const project = administrableProject(ctx, ctx.params.projectKeyOrId);
  const scheme = project.issueSecurity;
  if (!scheme) throw notFound(`Project ${project.key} does not have an issue security scheme.`);
  const json: Record<string, unknown> = {
    self: `${ctx.site.baseUrl}/rest/api/3/issuesecurityschemes/${scheme.id}`,
    id: scheme.id,
    name: scheme.name,
    description: scheme.description,
    levels: scheme.levels.map((level) => ({ ...levelJson(ctx, scheme, level), isDefault: undefined, issueSecuritySchemeId: undefined })),
  };
  if (scheme.defaultLevelId) json.defaultSecurityLevelId = Number(scheme.defaultLevelId);
  return ok(JSON.parse(JSON.stringify(json)));
}

/**
 * GET /project/{key}/securitylevel: the levels the caller may set on the project's issues — only
 * with Set Issue Security, and only levels the caller is a member of (the app: all of them).
 */
function projectSecurityLevels(ctx: RequestContext) {
  const project = visibleProject(ctx, ctx.params.projectKeyOrId);
  const scheme = project.issueSecurity;
  if (!scheme || !hasPermission(project, ctx.user, 'SET_ISSUE_SECURITY')) return ok({ levels: [] });
  const member = (level: IssueSecurityLevelDef): boolean =>
    isAppUser(ctx.user) || level.roleIds.some((roleId) => (project.roleActors[roleId] ?? []).includes(ctx.user.accountId));
  return ok({ levels: scheme.levels.filter(member).map((level) => levelJson(ctx, scheme, level)) });
}

/** GET /issuesecurityschemes/level/member?schemeId=&levelId=: Administer Jira only; role holders, paged (50, up to 100). */
function securityLevelMembers(ctx: RequestContext) {
  if (!isJiraAdmin(ctx.user)) throw new JiraError(403, ['You are not authorized to perform this action. Administrator privileges are required.']);
  const ids = (name: string): Set<string> | undefined => {
    const values = listParam(ctx.query, name);
    if (values?.some((v) => !/^\d+$/.test(v))) throw badRequest(`${values.find((v) => !/^\d+$/.test(v))} is not a valid value. ${name} must be zero or a positive integer.`);
    return values ? new Set(values) : undefined;
  };
  const schemeIds = ids('schemeId');
  const levelIds = ids('levelId');
  const { startAt, maxResults } = pageParams(ctx.query, 50, 100);
  const members: Array<Record<string, unknown>> = [];
  const seen = new Set<number>();
  for (const project of ctx.site.projects) {
    const scheme = project.issueSecurity;
    if (!scheme || seen.has(scheme.id)) continue;
    seen.add(scheme.id);
    for (const level of scheme.levels) {
      // Filtering is inclusive, as Jira documents: a level matches by its scheme or by its own id.
      const wanted = (!schemeIds && !levelIds) || schemeIds?.has(String(scheme.id)) || levelIds?.has(level.id);
      if (!wanted) continue;
      for (const roleId of level.roleIds) {
        members.push({
          id: String(Number(level.id) * 100 + members.length + 1),
          issueSecurityLevelId: level.id,
          issueSecuritySchemeId: String(scheme.id),
          holder: { type: 'projectRole', parameter: String(roleId), value: String(roleId), expand: 'projectRole' },
        });
      }
    }
  }
  const page = offsetPage(members, startAt, maxResults);
  return ok({ ...page, self: `${ctx.site.baseUrl}/rest/api/3/issuesecurityschemes/level/member?startAt=${startAt}&maxResults=${maxResults}` });
}


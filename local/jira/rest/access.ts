/**
 * Who may see and do what: project permissions come from the project's permission scheme
 * (permission -> roles) and its role actors, exactly as on a company-managed Jira project.
 * The Forge app user (asApp) holds every project permission, as an installed app with the
 * manifest's scopes does.
 */
import { APP_ACCOUNT_ID, type ProjectPermissionKey, type SandboxIssue, type SandboxProject, type SandboxUser, type SiteData } from '../model';
import { ISSUE_NOT_FOUND, JiraError, notFound, type RequestContext } from './http';

export const PROJECT_PERMISSIONS: Record<ProjectPermissionKey, { id: string; name: string; description: string }> = {
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', description: 'Ability to edit issues.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', description: 'Ability to transition issues.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', description: 'Ability to assign issues to other people.' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', description: 'Users with this permission may be assigned to issues.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', description: 'Ability to comment on issues.' },
  WORK_ON_ISSUES: { id: '20', name: 'Work On Issues', description: 'Ability to log work done against an issue.' },
  LINK_ISSUES: { id: '21', name: 'Link Issues', description: 'Ability to link issues together and create linked issues.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', description: 'Ability to delete issues.' },
  SET_ISSUE_SECURITY: { id: '26', name: 'Set Issue Security', description: 'Ability to set the level of security on an issue so that only people in that security level can see the issue.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', description: 'Ability to administer a project in Jira.' },
  MANAGE_SPRINTS_PERMISSION: { id: '-1', name: 'Manage sprints', description: 'Ability to manage sprints.' },
};

export const GLOBAL_PERMISSIONS: Record<string, { id: string; name: string; description: string }> = {
  ADMINISTER: { id: '0', name: 'Administer Jira', description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.' },
  USER_PICKER: { id: '27', name: 'Browse users and groups', description: 'View and select users or groups from the user picker.' },
};

export const isProjectPermission = (key: string): key is ProjectPermissionKey => key in PROJECT_PERMISSIONS;

/** The Forge app's own user, used when the site data does not list it. */
export function appUser(): SandboxUser {
  return {
    accountId: APP_ACCOUNT_ID,
    accountType: 'app',
    displayName: 'Liaison',
    emailAddress: '',
    timeZone: 'UTC',
    active: true,
  };
}

export function findUser(site: SiteData, accountId: string): SandboxUser | undefined {
  return site.users.find((u) => u.accountId === accountId) ?? (accountId === APP_ACCOUNT_ID ? appUser() : undefined);
}

export const isAppUser = (user: SandboxUser): boolean => user.accountId === APP_ACCOUNT_ID;

/** Global ADMINISTER: site admins, and the app (which provisions configuration with manage:jira-configuration). */
export const isJiraAdmin = (user: SandboxUser): boolean => isAppUser(user) || user.jiraAdmin === true;

/** The role ids the user is an actor of in the project. */
export function rolesOf(project: SandboxProject, accountId: string): number[] {
  return Object.entries(project.roleActors)
    .filter(([, actors]) => actors.includes(accountId))
    .map(([roleId]) => Number(roleId));
}

export function projectPermissions(project: SandboxProject, user: SandboxUser): Set<ProjectPermissionKey> {
  if (isAppUser(user)) return new Set(Object.keys(PROJECT_PERMISSIONS) as ProjectPermissionKey[]);
  if (!user.active) return new Set();
  const roles = new Set(rolesOf(project, user.accountId));
  const held = new Set<ProjectPermissionKey>();
  for (const [key, roleIds] of Object.entries(project.permissions) as Array<[ProjectPermissionKey, number[] | undefined]>) {
    if (roleIds?.some((r) => roles.has(r))) held.add(key);
  }
  return held;
}

export function hasPermission(project: SandboxProject, user: SandboxUser, key: ProjectPermissionKey): boolean {
  return projectPermissions(project, user).has(key);
}

export const canBrowse = (project: SandboxProject, user: SandboxUser): boolean => hasPermission(project, user, 'BROWSE_PROJECTS');

/** Project administration: the project's ADMINISTER_PROJECTS holders and Jira admins. */
export const canAdminister = (project: SandboxProject, user: SandboxUser): boolean =>
  isJiraAdmin(user) || hasPermission(project, user, 'ADMINISTER_PROJECTS');

export function findProject(site: SiteData, idOrKey: string): SandboxProject | undefined {
  return site.projects.find((p) => p.id === idOrKey) ?? site.projects.find((p) => p.key.toUpperCase() === idOrKey.toUpperCase());
}

/** The project by id or key if the caller may browse it; Jira's 404 otherwise. */
export function visibleProject(ctx: RequestContext, idOrKey: string): SandboxProject {
  const project = findProject(ctx.site, idOrKey);
  if (!project || !canBrowse(project, ctx.user)) {
    throw notFound(/^\d+$/.test(idOrKey) ? `No project could be found with id '${idOrKey}'.` : `No project could be found with key '${idOrKey}'.`);
  }
  return project;
}

/** Like visibleProject, but project administrators and Jira admins see it even without browse. */
export function administrableProject(ctx: RequestContext, idOrKey: string): SandboxProject {
  const project = findProject(ctx.site, idOrKey);
  if (!project || !(canBrowse(project, ctx.user) || canAdminister(project, ctx.user))) {
    throw notFound(/^\d+$/.test(idOrKey) ? `No project could be found with id '${idOrKey}'.` : `No project could be found with key '${idOrKey}'.`);
  }
  if (!canAdminister(project, ctx.user)) {
    throw new JiraError(403, ['You cannot edit the configuration of this project.']);
  }
  return project;
}

interface IssueIndex { byId: Map<string, SandboxIssue>; byKey: Map<string, SandboxIssue> }
const issueIndexes = new WeakMap<SandboxIssue[], IssueIndex>();

function buildIssueIndex(issues: SandboxIssue[]): IssueIndex {
  const index: IssueIndex = { byId: new Map(), byKey: new Map() };
  for (const issue of issues) {
    index.byId.set(issue.id, issue);
    index.byKey.set(issue.key, issue);
  }
  issueIndexes.set(issues, index);
  return index;
}

/**
 * The issue with this id or key (keys case-insensitively). Looked up in an index of the issues
 * array, rebuilt when a lookup misses (issues are only ever added, never renumbered).
 */
export function findIssue(site: SiteData, idOrKey: string): SandboxIssue | undefined {
  const byId = /^\d+$/.test(idOrKey);
  const wanted = byId ? idOrKey : idOrKey.toUpperCase();
  const lookup = (index: IssueIndex): SandboxIssue | undefined => {
    const hit = byId ? index.byId.get(wanted) : index.byKey.get(wanted);
    return hit && (byId ? hit.id : hit.key) === wanted ? hit : undefined;
  };
  const cached = issueIndexes.get(site.issues);
  const hit = cached && lookup(cached);
  if (hit) return hit;
  if (cached && cached.byId.size === site.issues.length) return undefined;
  return lookup(buildIssueIndex(site.issues));
}

const childIndexes = new WeakMap<SandboxIssue[], { length: number; byParent: Map<string, SandboxIssue[]> }>();

/**
 * Issues whose parent is `issueId`, from an index of the issues array rebuilt when issues are
 * added or when forgetChildIndex() is called (the edit endpoint does so on a parent change).
 */
export function childrenOf(site: SiteData, issueId: string): SandboxIssue[] {
  let index = childIndexes.get(site.issues);
  if (!index || index.length !== site.issues.length) {
    const byParent = new Map<string, SandboxIssue[]>();
    for (const issue of site.issues) {
      if (!issue.parentId) continue;
      const list = byParent.get(issue.parentId);
      if (list) list.push(issue);
      else byParent.set(issue.parentId, [issue]);
    }
    index = { length: site.issues.length, byParent };
    childIndexes.set(site.issues, index);
  }
  return index.byParent.get(issueId) ?? [];
}

export function forgetChildIndex(site: SiteData): void {
  childIndexes.delete(site.issues);
}

export function projectOf(site: SiteData, issue: SandboxIssue): SandboxProject {
  const project = site.projects.find((p) => p.id === issue.projectId);
  if (!project) throw new Error(`Issue ${issue.key} belongs to unknown project ${issue.projectId}`);
  return project;
}

/**
 * Whether the issue's security level (if any) admits the user: the app, and the actors of the
 * level's roles. Jira applies it on top of Browse Projects, everywhere an issue can be read.
 */
export function securityLevelAdmits(project: SandboxProject, user: SandboxUser, issue: SandboxIssue): boolean {
  if (!issue.securityLevelId || isAppUser(user)) return true;
  const level = project.issueSecurity?.levels.find((l) => l.id === issue.securityLevelId);
  if (!level) return true;
  return level.roleIds.some((roleId) => (project.roleActors[roleId] ?? []).includes(user.accountId));
}

export function canBrowseIssue(site: SiteData, user: SandboxUser, issue: SandboxIssue): boolean {
  const project = projectOf(site, issue);
  return canBrowse(project, user) && securityLevelAdmits(project, user, issue);
}

/** The issue if the caller may browse it; 404 "Issue does not exist ..." otherwise. */
export function visibleIssue(ctx: RequestContext, idOrKey: string): { issue: SandboxIssue; project: SandboxProject } {
  const issue = findIssue(ctx.site, idOrKey);
  if (!issue) throw notFound(ISSUE_NOT_FOUND);
  const project = projectOf(ctx.site, issue);
  if (!canBrowse(project, ctx.user) || !securityLevelAdmits(project, ctx.user, issue)) throw notFound(ISSUE_NOT_FOUND);
  return { issue, project };
}

/** Whether the user can read a comment/worklog restricted to a role (or group: the sandbox has no groups). */
export function canSeeRestricted(project: SandboxProject, user: SandboxUser, visibility: { type: string; value: string } | undefined, site: SiteData): boolean {
  if (!visibility) return true;
  if (isAppUser(user)) return true;
  if (visibility.type === 'role') {
    const role = site.roles.find((r) => r.name === visibility.value || String(r.id) === visibility.value);
    return role ? (project.roleActors[role.id] ?? []).includes(user.accountId) : false;
  }
  return false;
}

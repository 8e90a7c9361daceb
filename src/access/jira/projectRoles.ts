/**
 * Project roles and their actors, read as the app. Jira lets only project administrators read
 * them (roledetails, /role, /role/{id}), so a team member's or client's own call would be refused;
 * Atlassian's advice is to read the role's actors and match the person and their groups.
 * Classic scopes: read:jira-work (project roles), read:jira-user (a user's groups).
 */
import { route } from '@forge/api';
import { AppError } from '../../platform/domain/errors';
import type { ProjectRoleRef, RoleActors, RoleGroupActor } from '../domain/roleMembership';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { notFoundAs } from '../../platform/jira/projects';

interface JiraRoleActor {
  type?: string;
  actorUser?: { accountId?: string };
  actorGroup?: { name?: string; displayName?: string; groupId?: string };
}

interface JiraProjectRole {
  id: number;
  name: string;
  actors?: JiraRoleActor[];
}

interface JiraGroupName {
  name?: string;
  groupId?: string | null;
}

/** Role URLs end in `/role/{id}`. */
const ROLE_ID_IN_URL = /\/role\/(\d+)\/?$/;

/**
 * GET /rest/api/3/project/{key}/role: the project's roles (name -> role URL), with the ids read
 * off the URLs. A missing project is NOT_FOUND.
 */
export async function getProjectRoles(jira: JiraClient, projectKey: string): Promise<ProjectRoleRef[]> {
  const answer = await notFoundAs(
    jira.get<Record<string, unknown>>(route`/rest/api/3/project/${projectKey}/role`),
    `Project ${projectKey} does not exist or is not visible`,
  );
  const roles: ProjectRoleRef[] = [];
  for (const [name, url] of Object.entries(answer ?? {})) {
    const match = typeof url === 'string' ? ROLE_ID_IN_URL.exec(url) : null;
    if (!match) throw new AppError('UPSTREAM', `Jira answered an unexpected URL for project role "${name}" of ${projectKey}`);
    roles.push({ id: Number(match[1]), name });
  }
  return roles.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * GET /rest/api/3/project/{key}/role/{id}: the role's actors in the project. A role that has gone
 * since the role list was read (404) has no actors.
 */
export async function getProjectRoleActors(jira: JiraClient, projectKey: string, roleId: number): Promise<RoleActors> {
  let role: JiraProjectRole;
  try {
    role = await jira.get<JiraProjectRole>(route`/rest/api/3/project/${projectKey}/role/${roleId}`);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return { accountIds: [], groups: [] };
    throw error;
  }
  const accountIds = new Set<string>();
  const groups: RoleGroupActor[] = [];
  for (const actor of role.actors ?? []) {
    if (actor.type === 'atlassian-user-role-actor' && typeof actor.actorUser?.accountId === 'string') {
      accountIds.add(actor.actorUser.accountId);
    } else if (actor.type === 'atlassian-group-role-actor' && actor.actorGroup) {
      const { groupId, name } = actor.actorGroup;
      if (groupId || name) groups.push({ ...(groupId ? { groupId } : {}), ...(name ? { name } : {}) });
    }
  }
  return { accountIds: [...accountIds], groups };
}

/** GET /rest/api/3/user/groups?accountId=: the groups a user belongs to (as the app: Browse users and groups). */
export async function getUserGroups(jira: JiraClient, accountId: string): Promise<RoleGroupActor[]> {
  const answer = await jira.get<JiraGroupName[]>(route`/rest/api/3/user/groups?accountId=${accountId}`);
  return (Array.isArray(answer) ? answer : [])
    .filter((g) => g.groupId || g.name)
    .map((g) => ({ ...(g.groupId ? { groupId: g.groupId } : {}), ...(g.name ? { name: g.name } : {}) }));
}

/**
 * The people of a project's client role: who may be asked (the panel's picker) and whether a given
 * person holds the role (an ask may only name such a person). Read from the project's cached role
 * actors (roleMembership.ts), which the caller's own role check has just refreshed.
 */
import { rolesNamed } from '../domain/roleMembership';
import { mappedJiraRoles, resolveAppRoles } from '../domain/roles';
import { readRoleActors } from '../store/roleActorsStore';
import type { ProjectAccess } from '../services/projectAccess';
import { callerMembership, loadRoleActors } from '../services/roleMembership';

/**
 * The people named directly as actors of the Jira roles mapped to `client`, sorted by id.
 * People who hold the role only through a group are not listed (Jira would have to list each
 * group's members), but they may still be asked: see holdsClientRole.
 */
export async function clientRolePeople(access: ProjectAccess, now: Date): Promise<string[]> {
  const mapping = access.merged.settings.roleMapping;
  const snapshot = await loadRoleActors(access.projectKey, mappedJiraRoles(mapping), now, await readRoleActors(access.projectKey));
  const ids = new Set<string>();
  for (const role of rolesNamed(snapshot.roles, mapping.client)) {
    for (const id of snapshot.actors[String(role.id)]?.accountIds ?? []) ids.add(id);
  }
  return [...ids].sort();
}

/** Whether `accountId` is a client of the project by its role mapping (directly or through a group). */
export async function holdsClientRole(access: ProjectAccess, accountId: string, now: Date): Promise<boolean> {
  const mapping = access.merged.settings.roleMapping;
  const membership = await callerMembership(access.projectKey, accountId, mappedJiraRoles(mapping), now, await readRoleActors(access.projectKey));
  return resolveAppRoles(membership.held, mapping).roles.includes('client');
}

/**
 * The Jira project roles a caller holds, read as the app and cached in KVS (Jira refuses role
 * reads to people without Administer Projects). A warm check costs no Jira request at all:
 *   cold:  GET /project/{key}/role, then GET /project/{key}/role/{id} for each mapped role, side by side;
 *   warm:  the `role-actors:<projectKey>` snapshot, while younger than ROLE_ACTORS_TTL_MS;
 *   groups: GET /user/groups?accountId= only when a mapped role has group actors (cached likewise);
 *   clients: a caller the cache names a client has the client roles' actors read again each call
 *            (projectAccess.ts), so a removal from the role takes effect at once.
 */
import { AppError } from '../../platform/domain/errors';
import {
  isFresh, namedRolesHaveGroups, rolesHeld, rolesNamed, rolesToRead,
  type ProjectRoleRef, type RoleActors, type RoleActorsSnapshot, type RoleGroupActor,
} from '../domain/roleMembership';
import { mapWithConcurrency } from '../../platform/jira/concurrency';
import { jiraAsApp, type JiraClient } from '../../platform/jira/jiraClient';
import { getProjectRoleActors, getProjectRoles, getUserGroups } from '../jira/projectRoles';
import { readUserGroups, saveRoleActors, saveUserGroups } from '../store/roleActorsStore';

/**
 * Role reads in flight at once for one project: the default mapping's six roles in one round,
 * while a mapping naming many more (up to 80) cannot burst past Jira's rate limit.
 */
const ROLE_READS_IN_FLIGHT = 6;

export interface Membership {
  /** The named roles the caller holds, in Jira's spelling. */
  held: string[];
  /** Every project role of the project, sorted by name. */
  projectRoles: string[];
  /** The actors came from the cached snapshot (true) or were read from Jira in this call. */
  cached: boolean;
}

async function readActors(jira: JiraClient, projectKey: string, roles: readonly ProjectRoleRef[]): Promise<Record<string, RoleActors>> {
  const actors = await mapWithConcurrency(roles, ROLE_READS_IN_FLIGHT, (role) => getProjectRoleActors(jira, projectKey, role.id));
  return Object.fromEntries(roles.map((role, i) => [String(role.id), actors[i]]));
}

/**
 * The project's role actors covering `roleNames`: the cached snapshot when it is fresh and covers
 * them, the snapshot extended by the roles it lacks, or a new read of the project's roles.
 * `cached` is the snapshot the caller already read from KVS (undefined: none stored, or to be ignored).
 */
export async function loadRoleActors(projectKey: string, roleNames: readonly string[], now: Date, cached: RoleActorsSnapshot | undefined): Promise<RoleActorsSnapshot> {
  const jira = jiraAsApp();
  if (cached && isFresh(cached, now)) {
    const missing = rolesToRead(cached, roleNames);
    if (missing.length === 0) return cached;
    // Keeps the snapshot's age: the roles read now are refreshed with the rest.
    const extended: RoleActorsSnapshot = { ...cached, actors: { ...cached.actors, ...(await readActors(jira, projectKey, missing)) } };
    await saveRoleActors(extended);
    return extended;
  }
  const roles = await getProjectRoles(jira, projectKey);
  const snapshot: RoleActorsSnapshot = {
    projectKey,
    fetchedAt: now.toISOString(),
    roles,
    actors: await readActors(jira, projectKey, rolesNamed(roles, roleNames)),
  };
  await saveRoleActors(snapshot);
  return snapshot;
}

/** The caller's groups, from the cache while fresh, else as the app from Jira. */
async function callerGroups(accountId: string, now: Date): Promise<RoleGroupActor[]> {
  const cached = await readUserGroups(accountId);
  if (cached && isFresh(cached, now)) return cached.groups;
  const groups = await getUserGroups(jiraAsApp(), accountId);
  await saveUserGroups({ accountId, fetchedAt: now.toISOString(), groups });
  return groups;
}

/**
 * Which of `roleNames` the caller holds in the project. A project Jira does not know holds no role
 * of theirs (the caller then gets nothing, as before).
 */
export async function callerMembership(
  projectKey: string,
  accountId: string,
  roleNames: readonly string[],
  now: Date,
  cached?: RoleActorsSnapshot,
): Promise<Membership> {
  let snapshot: RoleActorsSnapshot;
  try {
    snapshot = await loadRoleActors(projectKey, roleNames, now, cached);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return { held: [], projectRoles: [], cached: false };
    throw error;
  }
  const groups = namedRolesHaveGroups(snapshot, roleNames) ? await callerGroups(accountId, now) : [];
  return { held: rolesHeld(snapshot, roleNames, accountId, groups), projectRoles: snapshot.roles.map((role) => role.name), cached: cached !== undefined && snapshot.fetchedAt === cached.fetchedAt };
}

/**
 * The caller's membership with the actors of `freshRoleNames` (and the caller's groups, when those
 * roles have group actors) read from Jira now, whatever the cache holds; the other named roles
 * come from `cached`. The refreshed actors go back into the cached snapshot (keeping its age).
 */
export async function callerMembershipRefreshing(
  projectKey: string,
  accountId: string,
  roleNames: readonly string[],
  freshRoleNames: readonly string[],
  now: Date,
  cached: RoleActorsSnapshot,
): Promise<Membership> {
  const jira = jiraAsApp();
  const fresh = rolesNamed(cached.roles, freshRoleNames);
  const snapshot: RoleActorsSnapshot = { ...cached, actors: { ...cached.actors, ...(await readActors(jira, projectKey, fresh)) } };
  await saveRoleActors(snapshot);
  let groups: RoleGroupActor[] = [];
  if (namedRolesHaveGroups(snapshot, freshRoleNames)) {
    groups = await getUserGroups(jira, accountId);
    await saveUserGroups({ accountId, fetchedAt: now.toISOString(), groups });
  } else if (namedRolesHaveGroups(snapshot, roleNames)) {
    groups = await callerGroups(accountId, now);
  }
  return { held: rolesHeld(snapshot, roleNames, accountId, groups), projectRoles: snapshot.roles.map((role) => role.name), cached: false };
}

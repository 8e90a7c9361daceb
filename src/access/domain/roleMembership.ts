/**
 * Who holds which Jira project role, decided from the role actors Jira lists for a project
 * (users directly, or groups the person belongs to). The snapshot of those actors is cached per
 * project; these rules say when it is fresh, which roles it still lacks, and what a person holds.
 *
 * Jira treats project role names case-insensitively; group names likewise.
 */

/** How long a project's role actors are trusted before Jira is asked again. */
export const ROLE_ACTORS_TTL_MS = 60_000;

export interface RoleGroupActor {
  /** Jira's stable group id, when Jira gives one. */
  groupId?: string;
  name?: string;
}

export interface RoleActors {
  accountIds: string[];
  groups: RoleGroupActor[];
}

/** A project role as Jira names it, with its (site-wide) id. */
export interface ProjectRoleRef {
  id: number;
  name: string;
}

/** The role actors of one project, as read from Jira at `fetchedAt`. */
export interface RoleActorsSnapshot {
  projectKey: string;
  /** ISO instant of the read of the project's role list (the snapshot's age). */
  fetchedAt: string;
  /** Every project role of the project. */
  roles: ProjectRoleRef[];
  /** The actors of the roles read so far, by role id: only the roles some mapping named. */
  actors: Record<string, RoleActors>;
}

/** The groups a person belongs to, as read from Jira at `fetchedAt`. */
export interface UserGroupsSnapshot {
  accountId: string;
  fetchedAt: string;
  groups: RoleGroupActor[];
}

const normalise = (name: string): string => name.trim().toLowerCase();

/** Whether a snapshot read at `fetchedAt` may still be used at `now`. */
export function isFresh(snapshot: { fetchedAt: string }, now: Date, ttlMs: number = ROLE_ACTORS_TTL_MS): boolean {
  const fetched = Date.parse(snapshot.fetchedAt);
  if (Number.isNaN(fetched)) return false;
  const age = now.getTime() - fetched;
  // A snapshot from the future (clock skew) is treated as stale rather than trusted indefinitely.
  return age >= 0 && age < ttlMs;
}

/** The project's roles among `names` (unknown names drop out: nobody can hold a role the project lacks). */
export function rolesNamed(roles: readonly ProjectRoleRef[], names: Iterable<string>): ProjectRoleRef[] {
  const wanted = new Set([...names].map(normalise));
  return roles.filter((role) => wanted.has(normalise(role.name)));
}

/** The project roles among `names` whose actors the snapshot has not read yet. */
export function rolesToRead(snapshot: RoleActorsSnapshot, names: Iterable<string>): ProjectRoleRef[] {
  return rolesNamed(snapshot.roles, names).filter((role) => snapshot.actors[String(role.id)] === undefined);
}

/** Whether any of the named roles has a group among its actors (then the person's groups matter). */
export function namedRolesHaveGroups(snapshot: RoleActorsSnapshot, names: Iterable<string>): boolean {
  return rolesNamed(snapshot.roles, names).some((role) => (snapshot.actors[String(role.id)]?.groups.length ?? 0) > 0);
}

function inGroup(actor: RoleGroupActor, groups: readonly RoleGroupActor[]): boolean {
  return groups.some((group) =>
    actor.groupId && group.groupId ? actor.groupId === group.groupId : !!actor.name && !!group.name && normalise(actor.name) === normalise(group.name),
  );
}

/**
 * The named project roles (in Jira's spelling) that `accountId` holds, directly or through one of
 * `groups`. Roles whose actors are not in the snapshot count as not held.
 */
export function rolesHeld(snapshot: RoleActorsSnapshot, names: Iterable<string>, accountId: string, groups: readonly RoleGroupActor[] = []): string[] {
  return rolesNamed(snapshot.roles, names)
    .filter((role) => {
      const actors = snapshot.actors[String(role.id)];
      if (!actors) return false;
      return actors.accountIds.includes(accountId) || actors.groups.some((actor) => inGroup(actor, groups));
    })
    .map((role) => role.name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGroupList(value: unknown): value is RoleGroupActor[] {
  return (
    Array.isArray(value) &&
    value.every((g) => isRecord(g) && (g.groupId === undefined || typeof g.groupId === 'string') && (g.name === undefined || typeof g.name === 'string'))
  );
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** A stored snapshot if it has the expected shape (anything else is treated as no snapshot). */
export function parseRoleActorsSnapshot(value: unknown, projectKey: string): RoleActorsSnapshot | undefined {
  if (!isRecord(value) || value.projectKey !== projectKey || typeof value.fetchedAt !== 'string') return undefined;
  if (!Array.isArray(value.roles) || !value.roles.every((r) => isRecord(r) && typeof r.id === 'number' && typeof r.name === 'string')) return undefined;
  if (!isRecord(value.actors)) return undefined;
  for (const actors of Object.values(value.actors)) {
    if (!isRecord(actors) || !isStringList(actors.accountIds) || !isGroupList(actors.groups)) return undefined;
  }
  return value as unknown as RoleActorsSnapshot;
}

export function parseUserGroupsSnapshot(value: unknown, accountId: string): UserGroupsSnapshot | undefined {
  if (!isRecord(value) || value.accountId !== accountId || typeof value.fetchedAt !== 'string' || !isGroupList(value.groups)) return undefined;
  return value as unknown as UserGroupsSnapshot;
}

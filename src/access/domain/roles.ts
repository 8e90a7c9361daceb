/**
 * App roles and how a person gets them: from the Jira project roles they hold in a project,
 * through the project's role mapping (Jira role names per app role).
 *
 * Rules (DESIGN.md, Roles): no mapped role -> no app role at all; several internal roles -> their
 * union; `client` together with any internal role -> `client` only (least privilege), reported as
 * an overlap so an admin can fix the mapping or the Jira role membership.
 */

export const APP_ROLES = ['manager', 'approver', 'team', 'client'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const INTERNAL_ROLES: readonly AppRole[] = ['manager', 'approver', 'team'];

export function isAppRole(value: unknown): value is AppRole {
  return typeof value === 'string' && (APP_ROLES as readonly string[]).includes(value);
}

/** Jira project role names mapped to each app role. */
export type RoleMapping = Record<AppRole, string[]>;

/** Every Jira role name the mapping uses, once each (case-insensitively), in mapping order. */
export function mappedJiraRoles(mapping: RoleMapping): string[] {
  const seen = new Map<string, string>();
  for (const role of APP_ROLES) {
    for (const name of mapping[role]) if (!seen.has(normalise(name))) seen.set(normalise(name), name);
  }
  return [...seen.values()];
}

/** Whether two mappings name the same Jira roles for every app role (case-insensitively, in any order). */
export function sameMapping(a: RoleMapping, b: RoleMapping): boolean {
  const key = (names: readonly string[]) => [...new Set(names.map(normalise))].sort().join('\n');
  return APP_ROLES.every((role) => key(a[role]) === key(b[role]));
}

export interface ResolvedRoles {
  /** The app roles the person holds, in APP_ROLES order; empty when no Jira role of theirs is mapped. */
  roles: AppRole[];
  /** True when the person holds the client role and an internal role: they were reduced to `client`. */
  clientOverlap: boolean;
}

/** Jira treats project role names case-insensitively (it refuses two roles differing only by case). */
function normalise(name: string): string {
  return name.trim().toLowerCase();
}

export function resolveAppRoles(jiraRoleNames: readonly string[], mapping: RoleMapping): ResolvedRoles {
  const held = new Set(jiraRoleNames.map(normalise));
  const matched = APP_ROLES.filter((role) => mapping[role].some((name) => held.has(normalise(name))));
  const isClient = matched.includes('client');
  const internal = matched.filter((role) => role !== 'client');
  if (isClient) return { roles: ['client'], clientOverlap: internal.length > 0 };
  return { roles: internal, clientOverlap: false };
}

export interface MappingOverlap {
  /** The Jira role name as written in the client list. */
  jiraRole: string;
  /** The internal app roles that also list it. */
  internalRoles: AppRole[];
}

/**
 * Jira roles mapped both to `client` and to an internal role. Everyone in such a Jira role is
 * treated as a client, which is rarely what the admin meant: the UI warns about it.
 */
export function mappingOverlaps(mapping: RoleMapping): MappingOverlap[] {
  const overlaps: MappingOverlap[] = [];
  for (const jiraRole of mapping.client) {
    const key = normalise(jiraRole);
    const internalRoles = INTERNAL_ROLES.filter((role) => mapping[role].some((name) => normalise(name) === key));
    if (internalRoles.length > 0) overlaps.push({ jiraRole, internalRoles });
  }
  return overlaps;
}

export function describeOverlap(overlap: MappingOverlap): string {
  return `Jira role "${overlap.jiraRole}" is mapped to client and to ${overlap.internalRoles.join(', ')}: inside Liaison its members are treated as clients only. That reduction is Liaison's alone: Jira still gives them every permission of their internal roles, so through Jira itself they can still read and change what their team role allows (including Liaison's issue properties).`;
}

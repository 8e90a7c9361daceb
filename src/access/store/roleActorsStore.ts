/**
 * The cache of Jira role membership in Forge KVS: one entry per project (`role-actors:<projectKey>`)
 * holding the actors of the roles some role mapping named, and one per person whose groups were
 * needed (`user-groups:<accountId>`). Freshness is decided by the reader (domain/roleMembership.ts).
 */
import kvs from '@forge/kvs';
import {
  parseRoleActorsSnapshot, parseUserGroupsSnapshot, type RoleActorsSnapshot, type UserGroupsSnapshot,
} from '../domain/roleMembership';

/** Below the 240 KiB KVS value limit with room to spare; a bigger snapshot is not cached. */
export const MAX_CACHED_BYTES = 200 * 1024;

const tooBig = (value: unknown): boolean => Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_CACHED_BYTES;

export function roleActorsKey(projectKey: string): string {
  return `role-actors:${projectKey}`;
}

export function userGroupsKey(accountId: string): string {
  return `user-groups:${accountId}`;
}

export async function readRoleActors(projectKey: string): Promise<RoleActorsSnapshot | undefined> {
  return parseRoleActorsSnapshot(await kvs.get(roleActorsKey(projectKey)), projectKey);
}

/** Stores the snapshot; answers false when it is too big to cache (the caller still uses it). */
export async function saveRoleActors(snapshot: RoleActorsSnapshot): Promise<boolean> {
  if (tooBig(snapshot)) return false;
  await kvs.set(roleActorsKey(snapshot.projectKey), snapshot);
  return true;
}

/** Drops the project's snapshot: the next access check reads Jira again. */
export async function forgetRoleActors(projectKey: string): Promise<void> {
  await kvs.delete(roleActorsKey(projectKey));
}

export async function readUserGroups(accountId: string): Promise<UserGroupsSnapshot | undefined> {
  return parseUserGroupsSnapshot(await kvs.get(userGroupsKey(accountId)), accountId);
}

export async function saveUserGroups(snapshot: UserGroupsSnapshot): Promise<boolean> {
  if (tooBig(snapshot)) return false;
  await kvs.set(userGroupsKey(snapshot.accountId), snapshot);
  return true;
}

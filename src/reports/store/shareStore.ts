/**
 * Share links in the Forge custom entity `share` (manifest.yml), keyed by the link's random id,
 * indexed by project and creation time; and the HMAC signing key in Forge secret storage.
 *
 * Writes go with their audit entry in one transaction. A new link is written on the condition that
 * its id is unused; a revocation on the condition that the link is not revoked yet, so two people
 * revoking at once leave one revocation and one audit entry.
 */
import kvs, { Filter, FilterConditions, ForgeKvsAPIError, Sort } from '@forge/kvs';
import type { AuditEntry } from '../../platform/domain/audit';
import { AppError } from '../../platform/domain/errors';
import { newSigningKey, type ShareLink } from '../domain/shareLink';
import { auditKey } from '../../platform/store/auditStore';
import { AUDIT_ENTITY } from '../../platform/store/entities';
import { collectIndexPages } from '../../platform/store/indexPages';

export const SHARE_ENTITY = 'share';
export const SHARES_BY_PROJECT_CREATED = 'by-project-created';
const SIGNING_KEY_SECRET = 'share-signing-key';

/**
 * The signing key, made on first use. Only the first key written is ever kept (FAIL_IF_EXISTS): a
 * second first use at the same moment fails to write and reads the winner's, so no link is ever
 * signed with a key that a later write replaced.
 */
export async function signingKey(): Promise<string> {
  const stored = await existingSigningKey();
  if (stored) return stored;
  try {
    await kvs.setSecret(SIGNING_KEY_SECRET, newSigningKey(), { keyPolicy: 'FAIL_IF_EXISTS' });
  } catch (error) {
    // Whatever code the store answers, a key stored now means another first use won.
    const winner = await existingSigningKey();
    if (winner) return winner;
    throw error;
  }
  const written = await existingSigningKey();
  if (!written) throw new AppError('UPSTREAM', 'Forge secret storage did not keep the share signing key');
  return written;
}

/** The signing key if one exists (the web trigger never creates one: no key means no valid link). */
export async function existingSigningKey(): Promise<string | undefined> {
  const stored = await kvs.getSecret<string>(SIGNING_KEY_SECRET);
  return typeof stored === 'string' && stored.length >= 32 ? stored : undefined;
}

export async function readShare(id: string): Promise<ShareLink | undefined> {
  return (await kvs.entity<ShareLink>(SHARE_ENTITY).get(id)) ?? undefined;
}

function storageError(error: unknown, what: string): never {
  if (error instanceof ForgeKvsAPIError) throw new AppError('UPSTREAM', `Forge storage refused to ${what}: ${error.message}`, { cause: error });
  throw error;
}

export async function createShare(link: ShareLink, audit: AuditEntry): Promise<void> {
  try {
    await kvs
      .transact()
      .set(link.id, link, { entityName: SHARE_ENTITY, conditions: new Filter<ShareLink>().and('id', FilterConditions.notExists()) })
      .set(auditKey(audit), audit, { entityName: AUDIT_ENTITY })
      .execute();
  } catch (error) {
    storageError(error, 'save the link');
  }
}

/** Marks the link revoked; CONFLICT when someone revoked it first. */
export async function revokeShare(link: ShareLink, by: string, at: Date, audit: AuditEntry): Promise<ShareLink> {
  const revoked: ShareLink = { ...link, revokedAt: at.toISOString(), revokedBy: by };
  try {
    await kvs
      .transact()
      .set(link.id, revoked, { entityName: SHARE_ENTITY, conditions: new Filter<ShareLink>().and('revokedAt', FilterConditions.notExists()) })
      .set(auditKey(audit), audit, { entityName: AUDIT_ENTITY })
      .execute();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError && (await readShare(link.id))?.revokedAt) {
      throw new AppError('CONFLICT', 'This link was already revoked', { cause: error });
    }
    storageError(error, 'revoke the link');
  }
  return revoked;
}

/** The project's links, newest first, up to `limit` (`truncated` when more exist). */
export async function listShares(projectKey: string, limit: number): Promise<{ links: ShareLink[]; truncated: boolean }> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<ShareLink>(SHARE_ENTITY).query().index(SHARES_BY_PROJECT_CREATED, { partition: [projectKey] }).sort(Sort.DESC), limit);
  return { links: results.map((result) => result.value), truncated };
}

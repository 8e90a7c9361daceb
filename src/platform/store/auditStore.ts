/**
 * The audit trail: one `audit` custom entity per recorded change, read newest first per project
 * through the `by-project-time` index (partition projectKey, range at).
 */
import { randomUUID } from 'node:crypto';
import kvs, { ForgeKvsAPIError, Sort } from '@forge/kvs';
import type { AuditEntry } from '../../platform/domain/audit';
import { AUDIT_BY_PROJECT_TIME, AUDIT_ENTITY } from './entities';

/** Unique and readable; only characters Forge allows in keys (letters, digits, `:._-#` and spaces). */
export function auditKey(entry: AuditEntry): string {
  return `${entry.projectKey}:${entry.at}:${randomUUID()}`;
}

export async function writeAudit(entry: AuditEntry): Promise<void> {
  await kvs.entity<AuditEntry>(AUDIT_ENTITY).set(auditKey(entry), entry);
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass back to read the next (older) page; absent on the last page. */
  nextCursor?: string;
}

export async function listAudit(projectKey: string, opts: { limit: number; cursor?: string }): Promise<AuditPage> {
  let query = kvs
    .entity<AuditEntry>(AUDIT_ENTITY)
    .query()
    .index(AUDIT_BY_PROJECT_TIME, { partition: [projectKey] })
    .sort(Sort.DESC)
    .limit(opts.limit);
  if (opts.cursor) query = query.cursor(opts.cursor);
  const page = await query.getMany();
  return { entries: page.results.map((result) => result.value), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/**
 * Writes an entry under a key of the caller's choosing, once: when the key is taken already (the
 * same finding reported earlier), nothing is written. Answers whether it wrote.
 */
export async function writeAuditOnce(key: string, entry: AuditEntry): Promise<boolean> {
  const audit = kvs.entity<AuditEntry>(AUDIT_ENTITY);
  if ((await audit.get(key)) !== undefined) return false;
  try {
    await audit.set(key, entry, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (error) {
    // Another reader reported the same finding a moment ago.
    if (error instanceof ForgeKvsAPIError && (await audit.get(key)) !== undefined) return false;
    throw error;
  }
}

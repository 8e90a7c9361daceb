/**
 * The internal part of each change request (assessment, rationale, history): one `change` custom
 * entity per issue, keyed by the issue id, listed per project through the `projectKey` index.
 *
 * Every write names the version it was made from and is one KVS transaction conditioned on that
 * version ("nothing stored yet" for 0), so two people acting on the same change request at once
 * cannot both succeed: the second gets a ChangeConflict carrying what is stored now. A decision's
 * audit entry is written in the same transaction as the decision (the claim), so the audit trail
 * holds exactly the decision that won.
 */
import kvs, { Filter, FilterConditions, ForgeKvsAPIError } from '@forge/kvs';
import type { AuditEntry } from '../../platform/domain/audit';
import { emptyDocument, HISTORY_MAX, type ChangeDocument } from '../domain/changeRequest';
import { AppError } from '../../platform/domain/errors';
import { AUDIT_ENTITY } from '../../platform/store/entities';

import { CHANGE_BY_PROJECT, CHANGE_ENTITY, type ChangeRecord } from './changeKeys';
import { collectIndexPages } from '../../platform/store/indexPages';

export { CHANGE_BY_PROJECT, CHANGE_ENTITY, decisionAuditKey, type ChangeRecord } from './changeKeys';

export interface StoredChange {
  /** 0: nothing stored yet. */
  version: number;
  doc: ChangeDocument;
  updatedAt?: string;
  /** The property values this version and the one before projected (the tampering check accepts either). */
  projected?: unknown;
  projectedBefore?: unknown;
}

/** Thrown when the stored version moved on: `current` is what is stored now. */
export class ChangeConflict extends Error {
  constructor(readonly current: StoredChange) {
    super('The change request was changed by someone else');
    this.name = 'ChangeConflict';
  }
}

/** Reads a stored document defensively: storage outlives code versions. */
function documentOf(raw: unknown): ChangeDocument {
  const doc = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<ChangeDocument>;
  return {
    ...emptyDocument(),
    ...doc,
    implementationKeys: Array.isArray(doc.implementationKeys) ? doc.implementationKeys.filter((k): k is string => typeof k === 'string') : [],
    history: Array.isArray(doc.history) ? doc.history.slice(-HISTORY_MAX) : [],
  };
}

export async function readChange(issueId: string): Promise<StoredChange> {
  const record = await kvs.entity<ChangeRecord>(CHANGE_ENTITY).get(issueId);
  if (!record) return { version: 0, doc: emptyDocument() };
  return storedOf(record);
}

function storedOf(record: ChangeRecord): StoredChange {
  return {
    version: record.version, doc: documentOf(record.document), updatedAt: record.updatedAt,
    ...(record.projected !== undefined ? { projected: record.projected } : {}),
    ...(record.projectedBefore !== undefined ? { projectedBefore: record.projectedBefore } : {}),
  };
}

export interface ChangeWrite {
  issueId: string;
  projectKey: string;
  issueKey: string;
  /** The version the caller read (0: nothing stored). */
  expectedVersion: number;
  doc: ChangeDocument;
  at: Date;
  /** The `liaison-change` value this version projects, and the one the version read projected. */
  projected: unknown;
  projectedBefore?: unknown;
  /** Written in the same transaction (a decision's audit entry). */
  audit?: { key: string; entry: AuditEntry };
}

function unchanged(expectedVersion: number) {
  return expectedVersion === 0
    ? new Filter<ChangeRecord>().and('version', FilterConditions.notExists())
    : new Filter<ChangeRecord>().and('version', FilterConditions.equalTo(expectedVersion));
}

/** Writes the document if the stored version is still `expectedVersion`; answers the new version. */
export async function saveChange(write: ChangeWrite): Promise<number> {
  const version = write.expectedVersion + 1;
  const record: ChangeRecord = {
    projectKey: write.projectKey, issueKey: write.issueKey, version, updatedAt: write.at.toISOString(), document: write.doc, projected: write.projected,
    ...(write.projectedBefore !== undefined ? { projectedBefore: write.projectedBefore } : {}),
  };
  let tx = kvs.transact().set(write.issueId, record, { entityName: CHANGE_ENTITY, conditions: unchanged(write.expectedVersion) });
  if (write.audit) tx = tx.set(write.audit.key, write.audit.entry, { entityName: AUDIT_ENTITY });
  try {
    await tx.execute();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) {
      // Whatever code the store uses for a failed condition, a moved version is the proof of a conflict.
      const current = await readChange(write.issueId);
      if (current.version !== write.expectedVersion) throw new ChangeConflict(current);
      throw new AppError('UPSTREAM', `Forge storage refused the change: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return version;
}

/**
 * Puts back what `saveChange` replaced, when the Jira step that had to follow it failed: only if
 * nothing was written since (the version is still ours), and with its audit entry removed.
 */
export async function undoChange(args: { issueId: string; projectKey: string; issueKey: string; writtenVersion: number; previous: StoredChange; auditKey?: string }): Promise<void> {
  const ours = new Filter<ChangeRecord>().and('version', FilterConditions.equalTo(args.writtenVersion));
  let tx =
    args.previous.version === 0
      ? kvs.transact().delete(args.issueId, { entityName: CHANGE_ENTITY, conditions: ours })
      : kvs.transact().set(
          args.issueId,
          {
            projectKey: args.projectKey, issueKey: args.issueKey, version: args.previous.version, updatedAt: args.previous.updatedAt ?? new Date().toISOString(), document: args.previous.doc,
            ...(args.previous.projected !== undefined ? { projected: args.previous.projected } : {}),
            ...(args.previous.projectedBefore !== undefined ? { projectedBefore: args.previous.projectedBefore } : {}),
          } satisfies ChangeRecord,
          { entityName: CHANGE_ENTITY, conditions: ours },
        );
  if (args.auditKey) tx = tx.delete(args.auditKey, { entityName: AUDIT_ENTITY });
  await tx.execute();
}

export async function auditEntryExists(key: string): Promise<boolean> {
  return (await kvs.entity<AuditEntry>(AUDIT_ENTITY).get(key)) !== undefined;
}

export async function writeAuditAt(key: string, entry: AuditEntry): Promise<void> {
  await kvs.entity<AuditEntry>(AUDIT_ENTITY).set(key, entry);
}

/** Every stored change request of a project (by issue id), up to `max` (pages of 100). */
export async function listChanges(projectKey: string, max: number): Promise<{ byIssueId: Map<string, StoredChange & { issueKey: string }>; truncated: boolean }> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<ChangeRecord>(CHANGE_ENTITY).query().index(CHANGE_BY_PROJECT, { partition: [projectKey] }), max);
  return { byIssueId: new Map(results.map((result) => [result.key, { ...storedOf(result.value), issueKey: result.value.issueKey }])), truncated };
}

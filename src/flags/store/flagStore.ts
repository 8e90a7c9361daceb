/**
 * Red flags' record: one `flag` custom entity per issue, keyed by the issue id, listed per project
 * through the `by-project` index. Every write names the version it was made from and is one KVS
 * transaction conditioned on it ("nothing stored" for 0): of two writes made from the same
 * version one lands and the other gets a CONFLICT (nothing is silently lost, as it was when the
 * whole Jira property was rewritten: Jira properties have no compare-and-set).
 */
import kvs, { Filter, FilterConditions, ForgeKvsAPIError } from '@forge/kvs';
import { AppError } from '../../platform/domain/errors';
import { flagsOfRecord } from '../domain/flagRecord';
import type { FlagsProperty } from '../domain/redFlags';
import { FLAG_BY_PROJECT, FLAG_ENTITY, type FlagRecord } from './flagKeys';
import { collectIndexPages } from '../../platform/store/indexPages';

export { FLAG_BY_PROJECT, FLAG_ENTITY, type FlagRecord } from './flagKeys';

export interface StoredFlags {
  /** 0: nothing stored. */
  version: number;
  flags: FlagsProperty;
  projected?: unknown;
  projectedBefore?: unknown;
}

function storedOf(record: FlagRecord | undefined): StoredFlags {
  if (!record) return { version: 0, flags: flagsOfRecord(undefined) };
  return {
    version: record.version,
    flags: flagsOfRecord(record),
    ...(record.projected !== undefined ? { projected: record.projected } : {}),
    ...(record.projectedBefore !== undefined ? { projectedBefore: record.projectedBefore } : {}),
  };
}

export async function readFlagRecord(issueId: string): Promise<StoredFlags> {
  return storedOf(await kvs.entity<FlagRecord>(FLAG_ENTITY).get(issueId));
}

/** Someone else wrote the issue's flags since they were read. */
export function flagConflict(issueKey: string): AppError {
  return new AppError('CONFLICT', `Someone else changed the red flags of ${issueKey} at the same moment, so this change was not saved. Reload and try again.`);
}

/** Writes the flags if the stored version is still `expectedVersion` (else CONFLICT); answers the new version. */
export async function saveFlagRecord(write: {
  issueId: string; projectKey: string; issueKey: string; expectedVersion: number; flags: FlagsProperty; projected: unknown; projectedBefore?: unknown; at: Date;
}): Promise<number> {
  const version = write.expectedVersion + 1;
  const record: FlagRecord = {
    projectKey: write.projectKey, issueKey: write.issueKey, version, updatedAt: write.at.toISOString(), flags: write.flags.flags, dropped: write.flags.dropped,
    projected: write.projected, ...(write.projectedBefore !== undefined ? { projectedBefore: write.projectedBefore } : {}),
  };
  const unchanged =
    write.expectedVersion === 0
      ? new Filter<FlagRecord>().and('version', FilterConditions.notExists())
      : new Filter<FlagRecord>().and('version', FilterConditions.equalTo(write.expectedVersion));
  try {
    await kvs.transact().set(write.issueId, record, { entityName: FLAG_ENTITY, conditions: unchanged }).execute();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) {
      // Whatever code the store uses for a failed condition, a moved version is the proof of a conflict.
      if ((await readFlagRecord(write.issueId)).version !== write.expectedVersion) throw flagConflict(write.issueKey);
      throw new AppError('UPSTREAM', `Forge storage refused the flags: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return version;
}

/** A project's records by issue id (with the issue key they were written under), up to `max`. */
export async function listFlagRecords(projectKey: string, max: number): Promise<{ byIssueId: Map<string, StoredFlags & { issueKey: string }>; truncated: boolean }> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<FlagRecord>(FLAG_ENTITY).query().index(FLAG_BY_PROJECT, { partition: [projectKey] }), max);
  return { byIssueId: new Map(results.map((result) => [result.key, { ...storedOf(result.value), issueKey: result.value.issueKey }])), truncated };
}

/**
 * Names and shape of the stored red flags (src/flags/domain/flagRecord.ts), free of @forge/kvs so the
 * local demo can seed records before the Forge runtime is installed.
 */
import type { Flag } from '../domain/redFlags';

export const FLAG_ENTITY = 'flag';
/** Partition projectKey, range updatedAt. */
export const FLAG_BY_PROJECT = 'by-project';

/** One record per issue, keyed by the issue id. */
export interface FlagRecord {
  projectKey: string;
  issueKey: string;
  /** 1 for the first write; each write adds one (writes are conditioned on it). */
  version: number;
  updatedAt: string;
  flags: Flag[];
  /** Resolved flags dropped to keep the record bounded. */
  dropped: number;
  /** The `liaison-flags` value this version projects, and the one the version before projected. */
  projected?: unknown;
  projectedBefore?: unknown;
}

/**
 * Client asks in Forge storage: one `client-ask` custom entity per issue (keyed by the issue id),
 * the record every reader takes an ask from. Jira's "Client assignee" field only shows a projection
 * of it (src/asks/jira/issueAsks.ts).
 *
 * Every write names the version it read and is one KVS transaction conditioned on that version
 * ("nothing stored yet" for 0): of two writes made from the same version, one lands and the other
 * gets CONFLICT — never a silent overwrite.
 */
import kvs, { Filter, FilterConditions, ForgeKvsAPIError, Sort } from '@forge/kvs';
import { parseAskHistory, parseClientAsk, type AskEvent, type AskState, type ClientAsk } from '../domain/clientAsk';
import { AppError } from '../../platform/domain/errors';
import { ASK_BY_CLIENT_STATE, ASK_BY_PROJECT, ASK_BY_PROJECT_STATE, ASK_ENTITY, type AskRecord } from './askKeys';
import { collectIndexPages } from '../../platform/store/indexPages';

export { ASK_ENTITY, askMigrationKey, type AskDocument, type AskRecord } from './askKeys';

/** An issue's ask as stored: `version` 0 and no ask when nothing is stored. */
export interface StoredAsk {
  issueId: string;
  projectKey: string;
  issueKey: string;
  version: number;
  ask: ClientAsk | null;
  history: AskEvent[];
  dropped: number;
  updatedAt?: string;
}

export const CONFLICT_MESSAGE = 'Someone else changed this ask at the same moment: reload it and try again';

/** The record read defensively: storage outlives code versions. */
function storedOf(issueId: string, record: AskRecord | undefined): StoredAsk | null {
  if (!record) return null;
  const doc = (typeof record.document === 'object' && record.document !== null ? record.document : {}) as Partial<AskRecord['document']>;
  const { history, dropped } = parseAskHistory({ history: doc.history, dropped: doc.dropped });
  return {
    issueId,
    projectKey: record.projectKey,
    issueKey: record.issueKey,
    version: typeof record.version === 'number' ? record.version : 0,
    ask: parseClientAsk(doc.ask),
    history,
    dropped,
    updatedAt: record.updatedAt,
  };
}

export function emptyAsk(issueId: string, projectKey: string, issueKey: string): StoredAsk {
  return { issueId, projectKey, issueKey, version: 0, ask: null, history: [], dropped: 0 };
}

export async function readAsk(issueId: string): Promise<StoredAsk | null> {
  return storedOf(issueId, await kvs.entity<AskRecord>(ASK_ENTITY).get(issueId));
}

/** Batch reads (25 keys a request, Forge's batch limit); issues with no record are absent from the map. */
export async function readAsks(issueIds: Iterable<string>): Promise<Map<string, StoredAsk>> {
  const ids = [...new Set(issueIds)];
  const found = new Map<string, StoredAsk>();
  for (let i = 0; i < ids.length; i += 25) {
    const batch = ids.slice(i, i + 25);
    const answer = await kvs.batchGet<AskRecord>(batch.map((key) => ({ key, entityName: ASK_ENTITY })));
    for (const item of answer.successfulKeys) {
      const stored = storedOf(item.key, item.value);
      if (stored) found.set(item.key, stored);
    }
  }
  return found;
}

export interface AskWrite {
  issueId: string;
  projectKey: string;
  issueKey: string;
  /** The version the caller read (0: nothing stored). */
  expectedVersion: number;
  ask: ClientAsk;
  history: AskEvent[];
  dropped: number;
  at: Date;
}

function unchanged(expectedVersion: number) {
  return expectedVersion === 0
    ? new Filter<AskRecord>().and('version', FilterConditions.notExists())
    : new Filter<AskRecord>().and('version', FilterConditions.equalTo(expectedVersion));
}

function recordOf(write: AskWrite, version: number): AskRecord {
  return {
    projectKey: write.projectKey,
    issueKey: write.issueKey,
    client: write.ask.client,
    state: write.ask.state,
    due: write.ask.due,
    round: write.ask.round,
    version,
    updatedAt: write.at.toISOString(),
    document: { ask: write.ask, history: write.history, dropped: write.dropped },
  };
}

/**
 * Writes the ask if the stored version is still `expectedVersion`; answers what is stored now.
 * A moved version is a CONFLICT (AppError), and nothing was written.
 */
export async function saveAsk(write: AskWrite): Promise<StoredAsk> {
  const version = write.expectedVersion + 1;
  const record = recordOf(write, version);
  try {
    await kvs.transact().set(write.issueId, record, { entityName: ASK_ENTITY, conditions: unchanged(write.expectedVersion) }).execute();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) {
      // Whatever code the store uses for a failed condition, a moved version is the proof of a conflict.
      const current = await readAsk(write.issueId);
      if ((current?.version ?? 0) !== write.expectedVersion) throw new AppError('CONFLICT', CONFLICT_MESSAGE, { cause: error });
      throw new AppError('UPSTREAM', `Forge storage refused the ask: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return storedOf(write.issueId, record)!;
}

/**
 * Puts back what `saveAsk` replaced when the Jira projection that had to follow it failed: only if
 * nothing was written since (the version is still `writtenVersion`). Answers whether it did.
 */
export async function undoAsk(previous: StoredAsk, writtenVersion: number): Promise<boolean> {
  const ours = new Filter<AskRecord>().and('version', FilterConditions.equalTo(writtenVersion));
  const tx =
    previous.version === 0 || !previous.ask
      ? kvs.transact().delete(previous.issueId, { entityName: ASK_ENTITY, conditions: ours })
      : kvs.transact().set(
          previous.issueId,
          recordOf({ ...previous, expectedVersion: previous.version - 1, ask: previous.ask, at: new Date(previous.updatedAt ?? Date.now()) }, previous.version),
          { entityName: ASK_ENTITY, conditions: ours },
        );
  try {
    await tx.execute();
    return true;
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) return false;
    throw error;
  }
}

function storedResults(results: { key: string; value: AskRecord }[]): StoredAsk[] {
  return results.flatMap((result) => {
    const stored = storedOf(result.key, result.value);
    return stored && stored.ask ? [stored] : [];
  });
}

/** Every ask of a project (any state), up to `max`, most recently changed first. */
export async function listProjectAsks(projectKey: string, max: number): Promise<{ asks: StoredAsk[]; truncated: boolean }> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<AskRecord>(ASK_ENTITY).query().index(ASK_BY_PROJECT, { partition: [projectKey] }).sort(Sort.DESC), max);
  return { asks: storedResults(results), truncated };
}

/** A project's asks in `state`, soonest due first, up to `max`. */
export async function listProjectAsksIn(projectKey: string, state: AskState, max: number): Promise<{ asks: StoredAsk[]; truncated: boolean }> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<AskRecord>(ASK_ENTITY).query().index(ASK_BY_PROJECT_STATE, { partition: [projectKey, state] }), max);
  return { asks: storedResults(results), truncated };
}

/** One client person's asks in `state` in every project, soonest due first, up to `max`. */
export async function listClientAsksIn(client: string, state: AskState, max: number): Promise<{ asks: StoredAsk[]; truncated: boolean }> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<AskRecord>(ASK_ENTITY).query().index(ASK_BY_CLIENT_STATE, { partition: [client, state] }), max);
  return { asks: storedResults(results), truncated };
}

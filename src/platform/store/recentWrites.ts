/**
 * The issues Liaison created or wrote lately in a project (change requests raised, asks set, flags
 * changed by a person), one small KVS value per project
 * (`recent-writes:<projectKey>`), so the lists it shows next can ask Jira's search for them with
 * read-after-write consistency (`reconcileIssues` of POST /rest/api/3/search/jql): Jira's search
 * index lags its writes, and a change request the client just raised must be in their list.
 * Concurrent writers may drop each other's entry: that only loses the consistency hint.
 */
import kvs from '@forge/kvs';

/** Jira reconciles at most 50 issue ids per search. */
export const RECONCILE_LIMIT = 50;
/** Long past any indexing lag; the value itself expires after a day. */
const REMEMBER_MS = 10 * 60_000;
const KEEP = { ttl: { value: 1, unit: 'DAYS' as const } };

interface RecentWrites {
  writes: { issueId: number; at: string }[];
}

const keyOf = (projectKey: string) => `recent-writes:${projectKey}`;

function fresh(value: RecentWrites | undefined, now: Date): RecentWrites['writes'] {
  const since = now.getTime() - REMEMBER_MS;
  return (value?.writes ?? []).filter((w) => Number.isSafeInteger(w.issueId) && Date.parse(w.at) >= since);
}

/** Remembers that the app just created (or wrote) the issue. */
export async function rememberWrite(projectKey: string, issueId: string, now: Date): Promise<void> {
  const id = Number(issueId);
  if (!Number.isSafeInteger(id)) return;
  const writes = fresh((await kvs.get(keyOf(projectKey))) as RecentWrites | undefined, now).filter((w) => w.issueId !== id);
  await kvs.set(keyOf(projectKey), { writes: [{ issueId: id, at: now.toISOString() }, ...writes].slice(0, RECONCILE_LIMIT) }, KEEP);
}

/** The ids of issues written in the project lately, newest first (at most RECONCILE_LIMIT). */
export async function recentWrites(projectKey: string, now: Date): Promise<number[]> {
  return fresh((await kvs.get(keyOf(projectKey))) as RecentWrites | undefined, now).map((w) => w.issueId);
}

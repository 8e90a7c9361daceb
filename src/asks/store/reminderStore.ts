/**
 * What the reminder job sent (issue 14): one KVS key per reminder or digest and project,
 * `reminder-sent:<projectKey>:<reminder key>`. The job claims a key (written only if absent) before
 * it sends, so two runs at once, or a run repeated after a failure, never send the same reminder
 * twice; a send that fails gives its claim back, so the next run tries again.
 */
import kvs, { ForgeKvsAPIError } from '@forge/kvs';

export interface SentReminder {
  sentAt: string;
  issueKey: string;
  /** What was sent (before-due, overdue, escalation, digest). */
  kind: string;
  /** Account ids it went to. */
  to: string[];
}

export function sentKey(projectKey: string, key: string): string {
  return `reminder-sent:${projectKey}:${key}`;
}

/** The keys among `keys` already sent in the project (25 reads a request, Forge's batch limit). */
export async function sentReminderKeys(projectKey: string, keys: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(keys)];
  const sent = new Set<string>();
  for (let i = 0; i < unique.length; i += 25) {
    const batch = unique.slice(i, i + 25);
    const answer = await kvs.batchGet<SentReminder>(batch.map((key) => ({ key: sentKey(projectKey, key) })));
    for (const item of answer.successfulKeys) if (item.value !== undefined) sent.add(item.key.slice(sentKey(projectKey, '').length));
  }
  return sent;
}

/** Claims a reminder before sending it: true when this run may send it, false when it was already claimed. */
export async function claimReminder(projectKey: string, key: string, record: SentReminder): Promise<boolean> {
  try {
    await kvs.set(sentKey(projectKey, key), record, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (error) {
    if (error instanceof ForgeKvsAPIError && (await kvs.get(sentKey(projectKey, key))) !== undefined) return false;
    throw error;
  }
}

/** Gives a claim back when the send failed. */
export async function releaseReminder(projectKey: string, key: string): Promise<void> {
  await kvs.delete(sentKey(projectKey, key));
}

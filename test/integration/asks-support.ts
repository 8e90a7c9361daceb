/**
 * Shared by the asks-*.test.ts files: the resolvers called from the Client ask panel by default,
 * and what Jira (the sandbox) and Forge storage (the KVS `client-ask` entity) hold for an issue's
 * ask. The rest is support.ts, re-exported here.
 */
import assert from 'node:assert/strict';
import { runtimeIds } from '../../local/host/runtime';
import type { TestHost } from '../../local/host/testing';
import type { NotificationRecord } from '../../local/jira/model';
import { askProjection, type AskEvent, type ClientAsk } from '../../src/asks/domain/clientAsk';
import { ASK_ENTITY, type AskRecord } from '../../src/asks/store/askKeys';
import { ASK_PANEL, callerFrom, issue } from './support';

export { daysFromNow, issue, jiraAs, jqlKeys, ok, PORTAL, PROJECT_PAGE, refused, type Answer } from './support';

export function caller(host: TestHost) {
  return callerFrom(host, ASK_PANEL);
}

/** The Forge field Jira made of the manifest's client-assignee module, for the environment the app runs in. */
export function askFieldId(host: TestHost): string {
  const { appId, environmentId } = runtimeIds();
  const field = host.sandbox.site.fields.find((f) => f.schema?.custom === `ari:cloud:ecosystem::extension/${appId}/${environmentId}/static/client-assignee`);
  assert.ok(field, 'the sandbox registered no client-assignee field');
  return field.id;
}

/** The issue's ask record as Forge storage holds it (read directly by the test; null: none). */
export function storedAsk(host: TestHost, key: string): AskRecord | null {
  const dump = (host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, { value: unknown }>> } }).snapshot();
  return (dump.entities[ASK_ENTITY]?.[issue(host, key).id]?.value as AskRecord | undefined) ?? null;
}

/** Everything an ask write may change, as it is now: the field, the record, the old property, the changelog length. */
export function snapshot(host: TestHost, key: string) {
  const i = issue(host, key);
  return structuredClone({ field: i.customFields[askFieldId(host)] ?? null, record: storedAsk(host, key), property: i.properties['liaison-asks'] ?? null, changes: i.changelog.length });
}

export async function notifications(host: TestHost, issueKey: string): Promise<NotificationRecord[]> {
  const response = await fetch(`${host.sandbox.url}/__sandbox/notifications?issueKey=${encodeURIComponent(issueKey)}`);
  assert.equal(response.status, 200);
  return (await response.json()) as NotificationRecord[];
}

/** Audit entries the app stored (the `audit` custom entity), oldest first. */
export async function auditEntries(host: TestHost, projectKey: string): Promise<Array<{ action: string; actor: string; target: string; detail: { changes: { path: string; summary: string }[] } }>> {
  const { listAudit } = await import('../../src/platform/store/auditStore');
  const page = await listAudit(projectKey, { limit: 100 });
  return [...page.entries].reverse();
}

/**
 * An ask as weeks of use leave it: its record written straight into Forge storage (the local KVS)
 * and its projection into Jira's field, as the app would have written them.
 */
export function seedStoredAsk(host: TestHost, key: string, ask: ClientAsk, history: AskEvent[]): void {
  const target = issue(host, key);
  const record: AskRecord = {
    projectKey: key.replace(/-\d+$/, ''), issueKey: key, client: ask.client, state: ask.state, due: ask.due, round: ask.round,
    version: history.length || 1, updatedAt: history.at(-1)?.at ?? ask.askedAt, document: { ask, history, dropped: 0 },
  };
  const kvs = host.kvs as unknown as { handle(path: string, body: unknown): { status: number } };
  const answer = kvs.handle('/api/v1/entity/set', { entityName: ASK_ENTITY, key: target.id, value: record });
  assert.ok(answer.status < 300, `the local KVS refused the seeded ask of ${key} (${answer.status})`);
  target.customFields[askFieldId(host)] = askProjection(ask);
}

/**
 * Time passes for an ask: its due date moved to `due` in the record (the current ask and the step
 * that set it) and in Jira's field, as if it had been asked with that date.
 */
export function backdateAsk(host: TestHost, key: string, due: string): void {
  const record = storedAsk(host, key);
  assert.ok(record, `${key} has no ask record`);
  const last = record.document.history.at(-1);
  seedStoredAsk(host, key, { ...record.document.ask, due }, [...record.document.history.slice(0, -1), ...(last ? [{ ...last, due }] : [])]);
}

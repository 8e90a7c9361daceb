/**
 * The one-time move of a project's asks out of Jira. Earlier versions kept the whole ask (text,
 * answer, question) in the Client assignee field and its history in the `liaison-asks` property;
 * now the record lives in Forge storage and Jira holds only the projection.
 *
 * It runs on the first read of a project's asks (every reader passes through `ensureAsksMigrated`),
 * as the app, until one run finds nothing left to move; then a per-project marker in KVS makes it
 * one `get` from then on. Safe to run twice, or twice at once: a record is created only where none
 * exists (a KVS transaction conditioned on "nothing stored"), the field is rewritten only while it
 * is not the record's projection, and the property is deleted only while it exists.
 *
 * What it trusts: the old field value — only the app could ever write it. The old property only
 * when its last step matches that value (anyone who may edit the issue could have written it);
 * otherwise the ask moves without its history and the property is reported as tampering.
 * (Jira's changelog keeps the old values: an app cannot delete changelog entries; README says so.)
 */
import { route } from '@forge/api';
import kvs from '@forge/kvs';
import { buildAuditEntry } from '../../platform/domain/audit';
import { askProjection, parseAskHistory, parseClientAsk, parseAskProjection, sameProjection, type AskEvent } from '../domain/clientAsk';
import { AppError } from '../../platform/domain/errors';
import { jqlString } from '../../platform/domain/jql';
import { askMigrationKey, readAsks, saveAsk, type StoredAsk } from '../store/askStore';
import { writeAudit } from '../../platform/store/auditStore';
import { askFields } from './askFields';
import { reportTampering } from './askTampering';
import { deleteOldAskProperty, OLD_ASK_PROPERTY, oldPropertyOf, writeAskProjection, type AskSight } from './issueAsks';
import { jiraAsApp } from '../../platform/jira/jiraClient';

export const MIGRATION_LIMITS = {
  /** Search pages read per run (100 issues a page). */
  pages: 50,
  /** Issues written per run (each: a field write and a property delete): a run stays well inside 25 s. */
  writes: 100,
} as const;

interface MigrationMarker {
  at: string;
  moved: number;
}

interface SearchPage {
  issues?: Array<{ id: string; key: string; fields?: Record<string, unknown>; properties?: Record<string, unknown> }>;
  nextPageToken?: string;
  isLast?: boolean;
}

/** The old property's history, when its last step is the ask the field holds; else none. */
function trustedHistory(property: unknown, ask: NonNullable<ReturnType<typeof parseClientAsk>>): { history: AskEvent[]; dropped: number } | null {
  const { history, dropped } = parseAskHistory(property);
  const last = history.at(-1);
  if (!last || !sameProjection({ client: last.client, state: last.state, due: last.due, round: last.round }, askProjection(ask))) return null;
  return { history, dropped };
}

/** Moves one issue: answers true when it wrote to Jira or storage. */
async function migrateIssue(sight: AskSight, stored: StoredAsk | undefined, now: Date, askFieldId: string, report: (sight: AskSight, surface: 'field' | 'property', value: unknown) => Promise<void>): Promise<boolean> {
  const jira = jiraAsApp();
  let record = stored;
  if (!record) {
    const old = parseClientAsk(sight.fieldValue);
    if (!old) {
      // Not the old shape and no record: nothing to move, and not a value Liaison wrote.
      if (sight.fieldValue !== null) await report(sight, 'field', sight.fieldValue);
      return false;
    }
    const kept = sight.oldProperty === undefined ? null : trustedHistory(sight.oldProperty, old);
    if (sight.oldProperty !== undefined && !kept) await report(sight, 'property', sight.oldProperty);
    try {
      record = await saveAsk({ issueId: sight.issueId, projectKey: sight.projectKey, issueKey: sight.issueKey, expectedVersion: 0, ask: old, history: kept?.history ?? [], dropped: kept?.dropped ?? 0, at: now });
    } catch (error) {
      // Another run moved it a moment ago: carry on from what it stored.
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
      record = (await readAsks([sight.issueId])).get(sight.issueId);
      if (!record) throw error;
    }
  }
  let wrote = record !== stored;
  const projection = askProjection(record.ask);
  if (!sameProjection(parseAskProjection(sight.fieldValue), projection)) {
    await writeAskProjection(jira, askFieldId, sight.issueId, projection);
    wrote = true;
  }
  if (sight.oldProperty !== undefined) {
    await deleteOldAskProperty(jira, sight.issueKey);
    wrote = true;
  }
  return wrote;
}

/**
 * Moves the project's asks out of Jira, once. Answers whether it had been moved before this call
 * (when not, what a reader saw of it moments ago may still be in the old shape).
 */
export async function ensureAsksMigrated(projectKey: string, now: Date): Promise<{ movedBefore: boolean }> {
  const touched = new Set<string>();
  if ((await kvs.get<MigrationMarker>(askMigrationKey(projectKey))) !== undefined) return { movedBefore: true };
  const report = (sight: AskSight, surface: 'field' | 'property', value: unknown) => reportTampering(sight, surface, value, now);
  const fields = await askFields(now);
  const jira = jiraAsApp();
  let nextPageToken: string | undefined;
  let complete = false;
  let moved = 0;
  let failed = false;
  for (let page = 0; page < MIGRATION_LIMITS.pages && touched.size < MIGRATION_LIMITS.writes; page += 1) {
    const answer = await jira.post<SearchPage>(route`/rest/api/3/search/jql`, {
      jql: `project = ${jqlString(projectKey)} AND ${jqlString(fields.askFieldName)} is not EMPTY ORDER BY key ASC`,
      fields: ['project', fields.askFieldId],
      properties: [OLD_ASK_PROPERTY],
      maxResults: 100,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    const sights: AskSight[] = (answer.issues ?? []).map((issue) => ({
      issueId: String(issue.id),
      issueKey: issue.key,
      projectKey,
      fieldValue: issue.fields?.[fields.askFieldId] ?? null,
      oldProperty: oldPropertyOf(issue.properties),
    }));
    const stored = await readAsks(sights.map((s) => s.issueId));
    for (const sight of sights) {
      if (touched.size >= MIGRATION_LIMITS.writes) break;
      const before = stored.get(sight.issueId);
      try {
        if (await migrateIssue(sight, before, now, fields.askFieldId, report)) {
          touched.add(sight.issueId);
          if (!before) moved += 1;
        }
      } catch (error) {
        // The read that triggered the move goes on; the next one tries this issue again.
        failed = true;
        console.warn(`Liaison: the ask of ${sight.issueKey} was not moved out of Jira yet: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (answer.isLast === true || !answer.nextPageToken) {
      complete = true;
      break;
    }
    nextPageToken = answer.nextPageToken;
  }
  // Done when a run read every page and had nothing left to write; else the next read carries on.
  if (complete && !failed && touched.size < MIGRATION_LIMITS.writes) {
    await kvs.set(askMigrationKey(projectKey), { at: now.toISOString(), moved } satisfies MigrationMarker);
  }
  if (moved > 0) {
    await writeAudit(buildAuditEntry({
      projectKey, at: now, actor: 'liaison-migration', action: 'ask.migrated', target: `project:${projectKey}`,
      changes: [{ path: 'clientAsk', summary: `Moved ${moved} client ask${moved === 1 ? '' : 's'} out of Jira's Client assignee field into Liaison's storage; the field now shows only the client, state, due date and round` }],
    })).catch(() => undefined);
  }
  return { movedBefore: false };
}

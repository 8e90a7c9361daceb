/**
 * The team-only parts of internal red flags (notes, resolutions, who raised and resolved them):
 * one `flag-notes` record per issue, keyed by the issue id, listed per project through the
 * `projectKey` index. Writes are plain sets, last write wins, as the `liaison-flags` property's are.
 */
import kvs from '@forge/kvs';
import { parseFlagNotes, type FlagNoteMap } from '../domain/flagNotes';
import { FLAG_NOTES_BY_PROJECT, FLAG_NOTES_ENTITY, type FlagNotesRecord } from './flagNoteKeys';
import { collectIndexPages } from './indexPages';

export { FLAG_NOTES_BY_PROJECT, FLAG_NOTES_ENTITY, type FlagNotesRecord } from './flagNoteKeys';

/** The issue's stored parts ({} when none are stored). */
export async function readFlagNotes(issueId: string): Promise<FlagNoteMap> {
  const record = await kvs.entity<FlagNotesRecord>(FLAG_NOTES_ENTITY).get(issueId);
  return parseFlagNotes(record?.notes);
}

/** Replaces the issue's stored parts (an empty map removes the record). */
export async function saveFlagNotes(write: { issueId: string; projectKey: string; issueKey: string; notes: FlagNoteMap; at: Date }): Promise<void> {
  const entity = kvs.entity<FlagNotesRecord>(FLAG_NOTES_ENTITY);
  if (Object.keys(write.notes).length === 0) {
    await entity.delete(write.issueId);
    return;
  }
  await entity.set(write.issueId, { projectKey: write.projectKey, issueKey: write.issueKey, updatedAt: write.at.toISOString(), notes: write.notes });
}

/** A project's stored parts by issue id (with the issue key they were written under), up to `max` records. */
export async function listFlagNotes(projectKey: string, max: number): Promise<{ byIssueId: Map<string, { issueKey: string; notes: FlagNoteMap }>; truncated: boolean }> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<FlagNotesRecord>(FLAG_NOTES_ENTITY).query().index(FLAG_NOTES_BY_PROJECT, { partition: [projectKey] }), max);
  return { byIssueId: new Map(results.map((result) => [result.key, { issueKey: result.value.issueKey, notes: parseFlagNotes(result.value.notes) }])), truncated };
}

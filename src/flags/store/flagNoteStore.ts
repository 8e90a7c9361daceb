/**
 * The `flag-notes` records of issue 4's red flags (internal flags' notes, resolutions and people,
 * one record per issue keyed by the issue id): read once by the trust migration
 * (src/migration/events/trustMigration.ts), which moves them into the `flag` records and deletes them.
 * Nothing else reads or writes them any more.
 */
import kvs from '@forge/kvs';
import { parseFlagNotes, type FlagNoteMap } from '../domain/flagNotes';
import { FLAG_NOTES_BY_PROJECT, FLAG_NOTES_ENTITY, type FlagNotesRecord } from './flagNoteKeys';
import { collectIndexPages } from '../../platform/store/indexPages';

export { FLAG_NOTES_BY_PROJECT, FLAG_NOTES_ENTITY, type FlagNotesRecord } from './flagNoteKeys';

export async function deleteFlagNotes(issueId: string): Promise<void> {
  await kvs.entity<FlagNotesRecord>(FLAG_NOTES_ENTITY).delete(issueId);
}

/** A project's stored parts by issue id (with the issue key they were written under), up to `max` records. */
export async function listFlagNotes(projectKey: string, max: number): Promise<{ byIssueId: Map<string, { issueKey: string; notes: FlagNoteMap }>; truncated: boolean }> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<FlagNotesRecord>(FLAG_NOTES_ENTITY).query().index(FLAG_NOTES_BY_PROJECT, { partition: [projectKey] }), max);
  return { byIssueId: new Map(results.map((result) => [result.key, { issueKey: result.value.issueKey, notes: parseFlagNotes(result.value.notes) }])), truncated };
}

/**
 * Names and shape of the stored team-only parts of red flags (src/flags/domain/flagNotes.ts), free of
 * @forge/kvs so the local demo can seed records before the Forge runtime is installed.
 */
import type { FlagNoteMap } from '../domain/flagNotes';

export const FLAG_NOTES_ENTITY = 'flag-notes';
/** Partition projectKey, range updatedAt. */
export const FLAG_NOTES_BY_PROJECT = 'by-project';

/** One record per issue, keyed by the issue id. */
export interface FlagNotesRecord {
  projectKey: string;
  issueKey: string;
  updatedAt: string;
  notes: FlagNoteMap;
}

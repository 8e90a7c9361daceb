/**
 * Issue 4's split of a red flag: its `liaison-flags` property held internal flags without their
 * note, resolution and people, which lived in the `flag-notes` entity. Since issue 13 every flag
 * lives whole in its `flag` record (src/flags/domain/flagRecord.ts); these functions only put the two
 * old halves back together, once, for the trust migration (src/migration/events/trustMigration.ts).
 */
import type { Flag, FlagsProperty } from './redFlags';

/** The team-only part of a flag that is not client-visible. */
export interface FlagNote {
  note: string;
  raisedBy: string;
  resolvedBy?: string;
  resolution?: string;
}

/** Team-only parts by flag id. */
export type FlagNoteMap = Record<string, FlagNote>;



/**
 * Flags with their team-only parts put back: an internal flag takes the stored part when there is
 * one; without one it keeps what the property held (an older version wrote notes into the
 * property; the next write of the flags moves them). A client-visible flag is whole in
 * the property: a stored part for it is a leftover of a change of visibility and is ignored.
 */
export function withNotes(flags: readonly Flag[], stored: FlagNoteMap): Flag[] {
  return flags.map((flag) => {
    const part = flag.clientVisible ? undefined : stored[flag.id];
    if (!part) return flag;
    const { resolvedBy: _resolvedBy, resolution: _resolution, ...rest } = flag;
    return { ...rest, ...part };
  });
}

export function propertyWithNotes(property: FlagsProperty, stored: FlagNoteMap): FlagsProperty {
  return { ...property, flags: withNotes(property.flags, stored) };
}

/** Reads stored parts defensively: storage outlives code versions. */
export function parseFlagNotes(raw: unknown): FlagNoteMap {
  const notes: FlagNoteMap = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return notes;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const part = value as Record<string, unknown>;
    if (typeof part.note !== 'string' || typeof part.raisedBy !== 'string') continue;
    const note: FlagNote = { note: part.note, raisedBy: part.raisedBy };
    if (typeof part.resolvedBy === 'string') note.resolvedBy = part.resolvedBy;
    if (typeof part.resolution === 'string') note.resolution = part.resolution;
    notes[id] = note;
  }
  return notes;
}

/**
 * What of a red flag only the team may read. Jira lets anyone who can browse an issue read its
 * properties, clients included, so the `liaison-flags` property holds, for a flag that is not
 * client-visible, only what JQL and a client may see (id, category, severity, visibility, source,
 * times, rule bookkeeping); its note, resolution and the people who raised and resolved it live in
 * Forge storage (the `flag-notes` entity, one record per issue). Client-visible flags keep
 * everything in the property. These pure functions split a full property for writing and put the
 * two halves back together for the team.
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

/** A flag as the property stores it: the team-only fields only on client-visible flags. */
export type StoredFlag = Omit<Flag, keyof FlagNote> & Partial<FlagNote>;
export type StoredFlagsProperty = Omit<FlagsProperty, 'flags'> & { flags: StoredFlag[] };

function noteOf(flag: Flag): FlagNote {
  const note: FlagNote = { note: flag.note, raisedBy: flag.raisedBy };
  if (flag.resolvedBy !== undefined) note.resolvedBy = flag.resolvedBy;
  if (flag.resolution !== undefined) note.resolution = flag.resolution;
  return note;
}

/** The property as written to Jira: internal flags without their note, resolution or people. */
export function propertyForJira(property: FlagsProperty): StoredFlagsProperty {
  return {
    ...property,
    flags: property.flags.map((flag): StoredFlag => {
      if (flag.clientVisible) return flag;
      const { note: _note, raisedBy: _raisedBy, resolvedBy: _resolvedBy, resolution: _resolution, ...rest } = flag;
      return rest;
    }),
  };
}

/** The team-only parts of the internal flags of a full property. */
export function internalNotesOf(property: FlagsProperty): FlagNoteMap {
  const notes: FlagNoteMap = {};
  for (const flag of property.flags) if (!flag.clientVisible) notes[flag.id] = noteOf(flag);
  return notes;
}

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

/**
 * What the store must hold before `next` is written to the property, given what the property
 * holds now (`before`, its notes merged) and what the store holds (`stored`):
 * - every internal flag of `next`, with its team-only part;
 * - a flag internal now but not in `next` (made client-visible, or dropped) keeps its stored part
 *   until the property write has happened: if that write fails, the property still names the flag
 *   internal and its note must still be found. The next write after that drops it.
 * Anything else stored (flags the property no longer has as internal) is dropped.
 */
export function notesToStore(before: FlagsProperty, stored: FlagNoteMap, next: FlagsProperty): FlagNoteMap {
  const notes = internalNotesOf(next);
  for (const flag of before.flags) {
    if (flag.clientVisible || notes[flag.id]) continue;
    notes[flag.id] = stored[flag.id] ?? noteOf(flag);
  }
  return notes;
}

/** Whether two note maps hold the same parts (so an unchanged record is not written again). */
export function sameNotes(a: FlagNoteMap, b: FlagNoteMap): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((id) => {
    const x = a[id];
    const y = b[id];
    return y !== undefined && x.note === y.note && x.raisedBy === y.raisedBy && x.resolvedBy === y.resolvedBy && x.resolution === y.resolution;
  });
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

/**
 * Red flags' record and its projection (issue 13). The `flag` KVS record of an issue holds every
 * flag whole (raiser, category, severity, note, visibility, state, resolution); only resolvers and
 * rules read it. The `liaison-flags` issue property is an index for JQL that anyone who can browse
 * the issue reads (fellow clients included) and anyone who can create an issue can plant, so it
 * holds only what a client may see: counts, highest severity and categories of the open
 * client-visible flags, and `total`, the number of open flags of any visibility (an opaque count
 * that lets the team's JQL find issues with internal flags without saying what they are). No
 * account id, note, internal category or severity. Nothing reads facts from it.
 */
import { FLAG_CATEGORIES, isOpen, severityRank, SEVERITIES, summarize, type FlagCategory, type Flag, type FlagsProperty } from './redFlags';

export const FLAGS_INDEX_SCHEMA = 2;

/** The `liaison-flags` property value. */
export interface FlagsIndex {
  schema: typeof FLAGS_INDEX_SCHEMA;
  /** Open client-visible flags. */
  open: number;
  /** Highest severity of the open client-visible flags: 0 none, 1 low .. 4 critical. */
  maxSeverity: number;
  /** Distinct categories of the open client-visible flags, in FLAG_CATEGORIES order. */
  categories: FlagCategory[];
  /** Open flags of any visibility (a count only). */
  total: number;
}

export function flagsIndex(flags: readonly Flag[]): FlagsIndex {
  const open = flags.filter(isOpen);
  const visible = open.filter((flag) => flag.clientVisible);
  const present = new Set(visible.map((flag) => flag.category));
  return {
    schema: FLAGS_INDEX_SCHEMA,
    open: visible.length,
    maxSeverity: visible.reduce((max, flag) => Math.max(max, severityRank(flag.severity)), 0),
    categories: FLAG_CATEGORIES.filter((category) => present.has(category)),
    total: open.length,
  };
}

/** The index of an issue with no flags: what an absent record projects. */
export const NO_FLAGS_INDEX: FlagsIndex = flagsIndex([]);

/** Reads a stored record's flags defensively (storage outlives code versions): whole flags only. */
export function flagsOfRecord(raw: { flags?: unknown; dropped?: unknown } | undefined): FlagsProperty {
  if (!raw || !Array.isArray(raw.flags)) return summarize([], 0);
  const flags = raw.flags.filter(isWholeFlag);
  const dropped = typeof raw.dropped === 'number' && Number.isInteger(raw.dropped) && raw.dropped >= 0 ? raw.dropped : 0;
  return summarize(flags, dropped + (raw.flags.length - flags.length));
}

function isWholeFlag(value: unknown): value is Flag {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.id === 'string' && FLAG_CATEGORIES.includes(f.category as FlagCategory) && SEVERITIES.includes(f.severity as (typeof SEVERITIES)[number]) &&
    typeof f.note === 'string' && typeof f.clientVisible === 'boolean' && typeof f.source === 'string' && typeof f.raisedBy === 'string' && typeof f.raisedAt === 'string'
  );
}

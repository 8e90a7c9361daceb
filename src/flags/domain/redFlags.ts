/**
 * Red flags on an issue, raised by people (manual flags, a client's "I am confused about this")
 * and by rules (reconciled against the rule findings of the moment). A rule's flag resolves itself
 * when its condition clears; a person's flag stays until a person resolves it. Functions here work
 * on the whole flags as the issue's `flag` record holds them (bounded in size); the
 * `liaison-flags` issue property is only an index of them (flagRecord.ts).
 */
import { z } from 'zod';

export const FLAG_CATEGORIES = [
  'uncharted-territory',
  'untested-functionality',
  'client-confused',
  'blocked-on-client',
  'schedule-slip',
  'scope-creep',
  'change-unacknowledged',
  'stale',
  'other',
] as const;
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];

export const FLAG_CATEGORY_LABELS: Readonly<Record<FlagCategory, string>> = {
  'uncharted-territory': 'Uncharted territory',
  'untested-functionality': 'Untested functionality',
  'client-confused': 'Client confused',
  'blocked-on-client': 'Blocked on client',
  'schedule-slip': 'Schedule slip',
  'scope-creep': 'Scope creep',
  'change-unacknowledged': 'Change request unacknowledged',
  stale: 'Stale',
  other: 'Other',
};

/** The categories a person may choose when raising a flag by hand (the rest are raised by rules). */
export const MANUAL_FLAG_CATEGORIES = [
  'uncharted-territory',
  'untested-functionality',
  'client-confused',
  'blocked-on-client',
  'schedule-slip',
  'scope-creep',
  'other',
] as const satisfies readonly FlagCategory[];

/** Mildest first: a severity's rank is its index + 1 (0 means "no open flag"). */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const NOTE_MAX_CHARS = 2000;

/** Who a rule flag is raised and auto-resolved by. */
export const RULE_ACTOR = 'rule';

/** Under Jira's 32,768-character limit for an issue property value, with room to spare. */
export const FLAGS_PROPERTY_MAX_CHARS = 32_000;

export interface Flag {
  id: string;
  category: FlagCategory;
  severity: Severity;
  note: string;
  clientVisible: boolean;
  source: 'manual' | `rule:${string}`;
  raisedBy: string;
  raisedAt: string;
  resolvedBy?: string;
  resolvedAt?: string;
  resolution?: string;
  /** Rule flags only: the condition the flag stands for (one flag per condition), e.g. `blocked-on-client:<accountId>`. */
  conditionKey?: string;
  /**
   * Rule flags only: a person resolved (dismissed) the flag while its condition still held. The
   * rule does not raise it again while the condition holds on the same facts; it does when the
   * facts change (`facts` differs) or after the condition has cleared once (then this marker goes).
   */
  suppressedUntilClear?: boolean;
  /**
   * Rule flags only: the fingerprint of the facts behind the condition (flagRules.factsFingerprint),
   * kept current while the flag is open; once a person dismissed it, the facts at dismissal.
   */
  facts?: string;
}

export interface FlagsProperty {
  open: number;
  /** 0 when no flag is open, else 1 (low) .. 4 (critical). */
  maxSeverity: number;
  maxSeverityName: 'none' | Severity;
  /** Distinct categories of the open flags, in FLAG_CATEGORIES order. */
  categories: FlagCategory[];
  flags: Flag[];
  /** How many resolved flags were dropped to keep the property under the size limit. */
  dropped: number;
}

/** A flag as a client may see it: no internal account ids, no rule bookkeeping. */
export type ClientFlag = Omit<Flag, 'raisedBy' | 'resolvedBy' | 'conditionKey' | 'suppressedUntilClear' | 'facts'> & {
  /** Present only when the client raised the flag themselves. */
  raisedBy?: string;
  /** Present only when the client resolved it themselves. */
  resolvedBy?: string;
};

// ---- the property ----

export function emptyFlags(): FlagsProperty {
  return { open: 0, maxSeverity: 0, maxSeverityName: 'none', categories: [], flags: [], dropped: 0 };
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1;
}

export function isOpen(flag: Flag): boolean {
  return flag.resolvedAt === undefined;
}

export function isRuleFlag(flag: Flag): boolean {
  return flag.source.startsWith('rule:');
}

/** The rule id of a rule flag (`rule:stale` → `stale`), or null for a person's flag. */
export function ruleIdOf(flag: Flag): string | null {
  return isRuleFlag(flag) ? flag.source.slice('rule:'.length) : null;
}

/** The property with its summary (open, maxSeverity, categories) recomputed from its flags. */
export function summarize(flags: Flag[], dropped: number): FlagsProperty {
  const open = flags.filter(isOpen);
  const maxSeverity = open.reduce((max, flag) => Math.max(max, severityRank(flag.severity)), 0);
  const present = new Set(open.map((flag) => flag.category));
  return {
    open: open.length,
    maxSeverity,
    maxSeverityName: maxSeverity === 0 ? 'none' : SEVERITIES[maxSeverity - 1],
    categories: FLAG_CATEGORIES.filter((category) => present.has(category)),
    flags,
    dropped,
  };
}

const StoredFlag = z.object({
  id: z.string().min(1),
  category: z.enum(FLAG_CATEGORIES),
  severity: z.enum(SEVERITIES),
  // An internal flag's note and people live in Forge storage (flagNotes.ts): absent here, empty until merged.
  note: z.string().default(''),
  clientVisible: z.boolean(),
  source: z.union([z.literal('manual'), z.templateLiteral(['rule:', z.string()])]),
  raisedBy: z.string().default(''),
  raisedAt: z.string(),
  resolvedBy: z.string().optional(),
  resolvedAt: z.string().optional(),
  resolution: z.string().optional(),
  conditionKey: z.string().optional(),
  suppressedUntilClear: z.boolean().optional(),
  facts: z.string().optional(),
});

/**
 * Reads issue 4's `liaison-flags` value (a `flags` list) leniently, for the one-time trust
 * migration only: flags that no longer parse are left out (and counted as dropped); the summary is recomputed.
 */
export function parseFlagsProperty(raw: unknown): FlagsProperty {
  if (typeof raw !== 'object' || raw === null) return emptyFlags();
  const doc = raw as { flags?: unknown; dropped?: unknown };
  const stored = Array.isArray(doc.flags) ? doc.flags : [];
  const flags: Flag[] = [];
  for (const item of stored) {
    const parsed = StoredFlag.safeParse(item);
    if (parsed.success) flags.push(parsed.data as Flag);
  }
  const dropped = typeof doc.dropped === 'number' && Number.isInteger(doc.dropped) && doc.dropped >= 0 ? doc.dropped : 0;
  return summarize(flags, dropped + (stored.length - flags.length));
}

export function current(p: FlagsProperty | null): FlagsProperty {
  return p ?? emptyFlags();
}

export function sizeOf(p: FlagsProperty): number {
  return JSON.stringify(p).length;
}

/**
 * Keeps the property's JSON under `maxChars`: drops resolved flags, oldest resolution first
 * (plain resolved flags before person-resolved rule flags, whose marker still matters), counting
 * them in `dropped`. Open flags are never dropped; if they alone do not fit, their longest notes
 * are shortened as a last resort (raising refuses before that can happen through a person).
 */
export function boundFlags(p: FlagsProperty, maxChars: number = FLAGS_PROPERTY_MAX_CHARS): FlagsProperty {
  const property = summarize([...p.flags], p.dropped);
  if (sizeOf(property) <= maxChars) return property;

  const droppable = property.flags
    .filter((flag) => !isOpen(flag))
    .sort((a, b) => Number(a.suppressedUntilClear === true) - Number(b.suppressedUntilClear === true) || (a.resolvedAt ?? '').localeCompare(b.resolvedAt ?? ''));
  const dropIds = new Set<string>();
  const without = () =>
    summarize(
      property.flags.filter((flag) => !dropIds.has(flag.id)),
      property.dropped + dropIds.size,
    );
  // Measure once and subtract each dropped flag's share (its JSON and a comma) rather than
  // re-serialising per flag; then settle on the exact size (the dropped count may grow a digit).
  let estimate = sizeOf(property);
  let next = 0;
  while (next < droppable.length && estimate > maxChars) {
    estimate -= JSON.stringify(droppable[next]).length + 1;
    dropIds.add(droppable[next++].id);
  }
  let bounded = without();
  while (next < droppable.length && sizeOf(bounded) > maxChars) {
    dropIds.add(droppable[next++].id);
    bounded = without();
  }
  while (sizeOf(bounded) > maxChars) {
    const longest = bounded.flags.reduce<Flag | null>((best, flag) => (best === null || flag.note.length > best.note.length ? flag : best), null);
    if (!longest) break;
    const excess = sizeOf(bounded) - maxChars;
    const shortened = `${longest.note.slice(0, Math.max(1, longest.note.length - excess - 1))}…`;
    if (shortened.length >= longest.note.length) break;
    bounded = summarize(
      bounded.flags.map((flag) => (flag === longest ? { ...flag, note: shortened } : flag)),
      bounded.dropped,
    );
  }
  return bounded;
}

// ---- what a client sees ----

/**
 * The client-visible flags, without internal account ids (a team member's or the rule's; the
 * client's own id is kept when `clientId` is given) and without rule bookkeeping.
 */
export function clientView(p: FlagsProperty | null, clientId?: string): ClientFlag[] {
  return current(p)
    .flags.filter((flag) => flag.clientVisible)
    .map((flag) => {
      const view: ClientFlag = {
        id: flag.id,
        category: flag.category,
        severity: flag.severity,
        note: flag.note,
        clientVisible: true,
        source: flag.source,
        raisedAt: flag.raisedAt,
      };
      if (clientId !== undefined && flag.raisedBy === clientId) view.raisedBy = clientId;
      if (flag.resolvedAt !== undefined) view.resolvedAt = flag.resolvedAt;
      if (flag.resolution !== undefined) view.resolution = flag.resolution;
      if (clientId !== undefined && flag.resolvedBy === clientId) view.resolvedBy = clientId;
      return view;
    });
}

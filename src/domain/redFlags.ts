/**
 * Red flags on an issue, raised by people (manual flags, a client's "I am confused about this")
 * and by rules (reconciled against the rule findings of the moment). A rule's flag resolves itself
 * when its condition clears; a person's flag stays until a person resolves it. Functions here work
 * on the whole flags as the issue's `flag` record holds them (bounded in size); the
 * `liaison-flags` issue property is only an index of them (flagRecord.ts).
 */
import { z } from 'zod';
import { AppError } from './errors';
import { fieldErrorsOf, text } from './fields';

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

// ---- input schemas (field-level messages) ----

const note = (label: string) => text(label, NOTE_MAX_CHARS);

export const RaiseFlagInput = z.object(
  {
    category: z.enum(MANUAL_FLAG_CATEGORIES, { error: 'Choose a category' }),
    severity: z.enum(SEVERITIES, { error: 'Choose a severity' }),
    note: text('Note', NOTE_MAX_CHARS, 'Say what the concern is'),
    clientVisible: z.boolean({ error: 'Client-visible must be yes or no' }).default(false),
  },
  { error: 'A flag must be an object with category, severity, note and clientVisible' },
);
export type RaiseFlagInput = z.infer<typeof RaiseFlagInput>;

export const ResolveFlagInput = z.object(
  {
    flagId: text('Flag', 128),
    resolution: text('Resolution note', NOTE_MAX_CHARS, 'Say how it was resolved'),
  },
  { error: 'A resolution must be an object with flagId and resolution' },
);
export type ResolveFlagInput = z.infer<typeof ResolveFlagInput>;

export const FlagVisibilityInput = z.object(
  {
    flagId: text('Flag', 128),
    clientVisible: z.boolean({ error: 'Client-visible must be yes or no' }),
  },
  { error: 'The change must be an object with flagId and clientVisible' },
);
export type FlagVisibilityInput = z.infer<typeof FlagVisibilityInput>;

/** A client's "I am confused about this": the note is optional. */
export const ClientConfusedInput = z.object(
  {
    note: z
      .string({ error: 'Note must be text' })
      .trim()
      .max(NOTE_MAX_CHARS, `Note must be at most ${NOTE_MAX_CHARS} characters`)
      .default(''),
  },
  { error: 'The request must be an object with a note' },
);
export type ClientConfusedInput = z.infer<typeof ClientConfusedInput>;

function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION', `The ${what} is not valid`, { fields: fieldErrorsOf(result.error.issues) });
  return result.data;
}

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

function current(p: FlagsProperty | null): FlagsProperty {
  return p ?? emptyFlags();
}

function sizeOf(p: FlagsProperty): number {
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

/** Adds a flag a person raised; refuses when the open flags alone would not fit in the property. */
function addPersonFlag(p: FlagsProperty, flag: Flag): FlagsProperty {
  if (p.flags.some((existing) => existing.id === flag.id)) throw new AppError('CONFLICT', `A flag with id ${flag.id} already exists on this issue`);
  const openOnly = summarize([...p.flags.filter(isOpen), flag], 0);
  if (sizeOf(openOnly) > FLAGS_PROPERTY_MAX_CHARS) {
    throw new AppError('CONFLICT', 'This issue has too many open flags to add another one: resolve some first');
  }
  return boundFlags(summarize([...p.flags, flag], p.dropped));
}

/** A flag a person raises by hand. Refuses (CONFLICT) an identical open manual flag: same category and note. */
export function raiseFlag(
  p: FlagsProperty | null,
  input: { category: FlagCategory; severity: Severity; note: string; clientVisible: boolean },
  actor: string,
  now: Date,
  newId: string,
): FlagsProperty {
  const valid = parseInput(RaiseFlagInput, input, 'flag');
  const property = current(p);
  const sameNote = valid.note.toLowerCase();
  const duplicate = property.flags.find(
    (flag) => isOpen(flag) && flag.source === 'manual' && flag.category === valid.category && flag.note.trim().toLowerCase() === sameNote,
  );
  if (duplicate) {
    throw new AppError('CONFLICT', `The same ${FLAG_CATEGORY_LABELS[valid.category].toLowerCase()} flag is already open on this issue`, {
      fields: { note: 'An open flag with this category and note already exists' },
    });
  }
  return addPersonFlag(property, {
    id: newId,
    category: valid.category,
    severity: valid.severity,
    note: valid.note,
    clientVisible: valid.clientVisible,
    source: 'manual',
    raisedBy: actor,
    raisedAt: now.toISOString(),
  });
}

/**
 * A person resolves a flag with a note. Rule flags may be resolved (dismissed) by a person too: the
 * rule then leaves the condition alone while its facts stay those the flag carries (`facts`, the
 * fingerprint at dismissal) and until it has cleared once (`suppressedUntilClear`).
 */
export function resolveFlag(p: FlagsProperty | null, input: { flagId: string; resolution: string }, actor: string, now: Date): FlagsProperty {
  const valid = parseInput(ResolveFlagInput, input, 'resolution');
  const property = current(p);
  const flag = property.flags.find((candidate) => candidate.id === valid.flagId);
  if (!flag) throw new AppError('NOT_FOUND', 'This flag does not exist on this issue (it may have been removed)');
  if (!isOpen(flag)) throw new AppError('CONFLICT', `This flag was already resolved on ${flag.resolvedAt}`);
  const resolved: Flag = { ...flag, resolvedBy: actor, resolvedAt: now.toISOString(), resolution: valid.resolution };
  if (isRuleFlag(flag)) resolved.suppressedUntilClear = true;
  return boundFlags(
    summarize(
      property.flags.map((candidate) => (candidate === flag ? resolved : candidate)),
      property.dropped,
    ),
  );
}

/**
 * A person shows a flag to the client or hides it from them (open or resolved). A rule flag takes
 * its rule's visibility again when the rule next changes it; a client's own flag stays visible to them.
 */
export function setFlagVisibility(p: FlagsProperty | null, input: { flagId: string; clientVisible: boolean }): FlagsProperty {
  const valid = parseInput(FlagVisibilityInput, input, 'change');
  const property = current(p);
  const flag = property.flags.find((candidate) => candidate.id === valid.flagId);
  if (!flag) throw new AppError('NOT_FOUND', 'This flag does not exist on this issue (it may have been removed)');
  if (flag.clientVisible === valid.clientVisible) throw new AppError('CONFLICT', `This flag is already ${valid.clientVisible ? 'visible to' : 'hidden from'} the client`);
  if (!valid.clientVisible && flag.category === 'client-confused' && flag.source === 'manual') {
    throw new AppError('CONFLICT', 'A client raised this flag: it stays visible to them');
  }
  return boundFlags(
    summarize(
      property.flags.map((candidate) => (candidate === flag ? { ...flag, clientVisible: valid.clientVisible } : candidate)),
      property.dropped,
    ),
  );
}

const CLIENT_CONFUSED_DEFAULT_NOTE = 'The client marked this item "I am confused about this".';

/**
 * A client's "I am confused about this": a client-visible, medium client-confused flag for the
 * team, raised as a person's flag (it stays until the team resolves it). One open per client per issue.
 */
export function clientConfusedFlag(p: FlagsProperty | null, input: { note: string }, clientId: string, now: Date, newId: string): FlagsProperty {
  const valid = parseInput(ClientConfusedInput, input, 'request');
  const property = current(p);
  const already = property.flags.find((flag) => isOpen(flag) && flag.category === 'client-confused' && flag.raisedBy === clientId);
  if (already) throw new AppError('CONFLICT', 'You already told the team you are confused about this item; they will get back to you');
  return addPersonFlag(property, {
    id: newId,
    category: 'client-confused',
    severity: 'medium',
    note: valid.note === '' ? CLIENT_CONFUSED_DEFAULT_NOTE : valid.note,
    clientVisible: true,
    source: 'manual',
    raisedBy: clientId,
    raisedAt: now.toISOString(),
  });
}

// ---- rule flags ----

/** A condition a rule found true right now (see flagRules.ts). */
export interface RuleFindingLike {
  ruleId: string;
  /** Names the condition: one flag per condition key. */
  conditionKey: string;
  category: FlagCategory;
  severity: Severity;
  note: string;
  clientVisible: boolean;
  /** Fingerprint of the facts behind the condition (absent: a dismissal holds until the condition clears). */
  facts?: string;
}

/**
 * Brings the rule flags in line with the findings of the moment:
 * - a finding with no flag for its condition raises one (`source: rule:<ruleId>`, raised by `rule`);
 * - an open rule flag whose condition is no longer found resolves itself (resolved by `rule`);
 * - an open rule flag whose finding changed (severity, note, visibility) takes the new values;
 * - a person-resolved (dismissed) rule flag is not raised again while its condition holds on the
 *   facts it was dismissed with; when the facts change (another fingerprint), or once the condition
 *   is seen clear, its marker goes, and a new flag is raised when the condition holds;
 * - a person's flags are never touched.
 * `opts.evaluated` names the rules the findings cover (default: every rule): flags of rules not
 * evaluated this time are left alone (an issue trigger that does not look at sprints must not clear
 * scope-creep flags). `changed` is false when nothing needs writing.
 */
export function reconcileRuleFlags(
  p: FlagsProperty | null,
  findings: readonly RuleFindingLike[],
  now: Date,
  newId: () => string,
  opts: { evaluated?: readonly string[] } = {},
): { property: FlagsProperty; changed: boolean } {
  const property = current(p);
  const at = now.toISOString();
  const evaluated = opts.evaluated ? new Set(opts.evaluated) : null;
  const covers = (ruleId: string | null) => ruleId !== null && (evaluated === null || evaluated.has(ruleId));

  const found = new Map<string, RuleFindingLike>();
  for (const finding of findings) {
    if (!covers(finding.ruleId)) continue;
    if (!found.has(finding.conditionKey)) found.set(finding.conditionKey, finding);
  }

  let changed = false;
  const handled = new Set<string>();
  const flags = property.flags.map((flag): Flag => {
    const ruleId = ruleIdOf(flag);
    if (!covers(ruleId) || flag.conditionKey === undefined) return flag;
    const key = flag.conditionKey;
    const finding = found.get(key);
    if (isOpen(flag)) {
      if (handled.has(key)) {
        // A second open flag for one condition (written by an older version): fold it away.
        changed = true;
        return { ...flag, resolvedBy: RULE_ACTOR, resolvedAt: at, resolution: 'Duplicate of another flag for the same condition' };
      }
      handled.add(key);
      if (!finding) {
        changed = true;
        return { ...flag, resolvedBy: RULE_ACTOR, resolvedAt: at, resolution: 'The condition cleared' };
      }
      const factsMoved = finding.facts !== undefined && finding.facts !== flag.facts;
      if (factsMoved || finding.severity !== flag.severity || finding.note !== flag.note || finding.clientVisible !== flag.clientVisible || finding.category !== flag.category) {
        changed = true;
        const updated: Flag = { ...flag, category: finding.category, severity: finding.severity, note: finding.note, clientVisible: finding.clientVisible };
        if (finding.facts !== undefined) updated.facts = finding.facts;
        return updated;
      }
      return flag;
    }
    if (flag.suppressedUntilClear) {
      // Dismissed on the same facts (or on facts never fingerprinted): it stays dismissed.
      if (finding && (finding.facts === undefined || flag.facts === undefined || finding.facts === flag.facts)) {
        handled.add(key);
        return flag;
      }
      changed = true;
      const { suppressedUntilClear: _cleared, ...rest } = flag;
      return rest;
    }
    return flag;
  });

  for (const [key, finding] of found) {
    if (handled.has(key)) continue;
    changed = true;
    flags.push({
      id: newId(),
      category: finding.category,
      severity: finding.severity,
      note: finding.note,
      clientVisible: finding.clientVisible,
      source: `rule:${finding.ruleId}`,
      raisedBy: RULE_ACTOR,
      raisedAt: at,
      conditionKey: key,
      ...(finding.facts !== undefined ? { facts: finding.facts } : {}),
    });
  }

  if (!changed) return { property: p === null ? summarize(flags, property.dropped) : property, changed: false };
  return { property: boundFlags(summarize(flags, property.dropped)), changed: true };
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

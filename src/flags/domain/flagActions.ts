/**
 * What people do to an issue's red flags: raise one, resolve it, show or hide it from the client,
 * and a client's "I am confused about this", each with its input schema (field-level messages).
 * The flags themselves and their bounded record are in redFlags.ts; rule flags in ruleFlags.ts.
 */
import { z } from 'zod';
import { AppError } from '../../platform/domain/errors';
import { fieldErrorsOf, text } from '../../platform/domain/fields';
import { current, FLAG_CATEGORY_LABELS, FLAGS_PROPERTY_MAX_CHARS, Flag, FlagCategory, FlagsProperty, MANUAL_FLAG_CATEGORIES, NOTE_MAX_CHARS, SEVERITIES, Severity, boundFlags, isOpen, isRuleFlag, sizeOf, summarize } from './redFlags';

// ---- input schemas (field-level messages) ----

const note = (label: string) => text(label, NOTE_MAX_CHARS);

function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('VALIDATION', `The ${what} is not valid`, { fields: fieldErrorsOf(result.error.issues) });
  return result.data;
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

const CLIENT_CONFUSED_DEFAULT_NOTE = 'The client marked this item "I am confused about this".';

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

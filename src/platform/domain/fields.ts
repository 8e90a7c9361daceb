/**
 * The field schemas every form shares, with the messages a person reads next to the field
 * (required text, a calendar date), and zod's issues turned into those per-field messages. Below
 * settings.ts, clientAsk.ts, redFlags.ts and changeRequest.ts, which all build their forms from them.
 */
import { z } from 'zod';
// zod's own messages in the user's words wherever a schema gives none (installed once, here, where the forms' schemas live).
import './zodWords';
import type { FieldErrors } from './errors';
import { isIsoDate } from './time';

/** zod's message for a missing or non-text value, naming the field. */
export function required(label: string, missing = `${label} is required`) {
  return (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? missing : `${label} must be text`);
}

/**
 * Required, trimmed text of at most `max` characters, with messages naming the field. `missing`
 * says what to write in the words of the form's own label ("Say what you need") where the label
 * is not the field's name.
 */
export function text(label: string, max: number, missing = `${label} is required`) {
  return z
    .string({ error: required(label, missing) })
    .trim()
    .min(1, missing)
    .max(max, `Use at most ${max} characters`);
}

/** A real calendar date (sent as YYYY-MM-DD; the person picks it from a calendar in their own format). */
export const isoDate = (label: string) => z.string({ error: required(label, 'Pick a date') }).refine(isIsoDate, 'Pick a date from the calendar');


/** zod's issues as the form's messages, keyed by field path (`_`: the whole input); the first message per field wins. */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.length === 0 ? '_' : issue.path.map(String).join('.');
    if (!(path in fields)) fields[path] = issue.message;
  }
  return fields;
}

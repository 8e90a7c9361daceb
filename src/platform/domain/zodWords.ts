/**
 * The words a person reads when an input fails a check that does not carry its own message: zod's
 * defaults ("Invalid input: expected string, received undefined") are written for developers.
 * Every schema that a form fills gives its own message; this is the net under them, installed
 * once for the whole app (zod's global error map, used only where a schema says nothing).
 */
import { z } from 'zod';

type Issue = Parameters<NonNullable<Parameters<typeof z.config>[0]>['customError'] & {}>[0];

const isEmpty = (input: unknown) => input === undefined || input === null || input === '';

/** What to say for one failed check. */
export function plainMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return isEmpty(issue.input) ? 'Fill this in' : issue.expected === 'number' ? 'Enter a number' : 'Check this value';
    case 'invalid_value':
    case 'invalid_union':
      return isEmpty(issue.input) ? 'Choose an option' : 'Choose one of the options';
    case 'too_small':
      if (issue.origin === 'string') return 'Fill this in';
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at least ${String(issue.minimum)}`;
      return `Enter ${String(issue.minimum)} or more`;
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Choose at most ${String(issue.maximum)}`;
      return `Enter ${String(issue.maximum)} or less`;
    case 'not_multiple_of':
      return 'Enter a whole number';
    default:
      return 'Check this value';
  }
}

z.config({ customError: (issue) => plainMessage(issue as Issue) });

/** Input pieces shared by several resolvers. */
import { z } from 'zod';

/** Jira project keys: an upper-case letter, then upper-case letters, digits or underscores. */
export const projectKey = z
  .string({ error: 'Project key is required' })
  .regex(/^[A-Z][A-Z0-9_]{0,254}$/, 'Project key must be upper-case letters, digits or _, starting with a letter');

export const version = z
  .number({ error: 'Version is required (the version of the settings you edited)' })
  .int('Version must be a whole number')
  .min(0, 'Version cannot be negative');

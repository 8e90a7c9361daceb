/**
 * The forgery suite (forgery-suite.ts) on the demo site with a permissive permission scheme:
 * clients may also edit issues, transition them and log work, so every path of the table reaches
 * Jira. The app must not depend on the scheme: readers answer as if nothing had been planted, and
 * each forgery they met is reported as tampering in the audit trail.
 */
import { describe } from '@jest/globals';
import { forgeryTests, permissiveDemoSite } from './forgery-suite';

describe('forgeries through Jira with a permission scheme that lets clients edit, transition and log work', () => {
  forgeryTests('permissive scheme', permissiveDemoSite, ['create', 'edit', 'property-put', 'transition']);
});

/**
 * The forgery suite (forgery-suite.ts) on the demo site as configured: clients browse, create
 * issues (with `properties`) and comment. Every row of the table is sent as the client, with their
 * API token; readers must answer as if nothing had been planted, and each forgery they met is
 * reported as tampering in the audit trail.
 */
import { describe } from '@jest/globals';
import { buildDemoSite } from '../../local/demo/site';
import { forgeryTests } from './forgery-suite';

describe('forgeries through Jira with the demo permission scheme', () => {
  forgeryTests('demo scheme', () => buildDemoSite(), ['create']);
});

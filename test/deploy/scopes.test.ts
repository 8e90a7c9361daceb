/**
 * The scopes manifest.yml declares are exactly the ones the app's calls need. Every product REST
 * call (test/deploy/routes.ts: src/'s `route` calls, static/'s browser `requestJira`) must be an
 * operation of Jira's REST OpenAPI description (../shared/specs/jira-platform-openapi.json) whose
 * scopes the manifest satisfies — by Forge's own rule, @forge/manifest's getMissingScopes, which
 * `forge lint` applies: every "Current" scope, or every "Beta" (granular) one. No declared scope may
 * be left that no call needs.
 *
 * The Jira Software (agile) and Confluence operations are not in that description; their scopes
 * are listed below with where they come from.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getMissingScopes } from '@forge/manifest';
import { loadManifest } from '../../local/host/manifest';
import { filesImporting, JIRA_OPENAPI, productCalls, type ProductCall } from './routes';

const ROOT = resolve(__dirname, '..', '..');

interface RequiredScopes {
  current: string[];
  beta: string[];
}

/**
 * Operations outside the Jira platform description, with their scopes as Atlassian's references give
 * them: the Jira Software REST reference (board list: "read:board-scope:jira-software,
 * read:project:jira", also in jira.js 6.2.0's src/agile/api/board.ts; a board's sprints:
 * read:board-scope:jira-software and read:sprint:jira-software) and the Confluence REST v2 reference
 * (Get spaces: read:space:confluence; Create page: write:page:confluence, or the classic
 * write:confluence-content). No OpenAPI description of these products is available offline.
 */
const OUTSIDE_JIRA_PLATFORM: Record<string, RequiredScopes> = {
  'GET /rest/agile/1.0/board': { current: ['read:board-scope:jira-software', 'read:project:jira'], beta: [] },
  'GET /rest/agile/1.0/board/{}/sprint': { current: ['read:board-scope:jira-software', 'read:sprint:jira-software'], beta: [] },
  'GET /wiki/api/v2/spaces': { current: ['read:space:confluence'], beta: [] },
  'POST /wiki/api/v2/pages': { current: ['write:confluence-content'], beta: ['write:page:confluence'] },
};

/** Scopes needed by something other than a REST call. */
const PLATFORM_SCOPES: { scope: string; neededBy: (root: string) => boolean; why: string }[] = [
  {
    scope: 'storage:app',
    why: 'Forge storage: the store/ folders use @forge/kvs (forge lint requires storage:app for it)',
    neededBy: (root) => filesImporting(root, 'src', '@forge/kvs').length > 0,
  },
];

interface SpecOperation {
  template: string;
  method: string;
  pattern: RegExp;
  literalSegments: number;
  scopes: RequiredScopes;
}

function specOperations(file: string): SpecOperation[] {
  const spec = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, { 'x-atlassian-oauth2-scopes'?: { scopes: string[]; state: string }[] }>> };
  const operations: SpecOperation[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    const segments = template.split('/');
    const pattern = new RegExp(`^${segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
    for (const [method, operation] of Object.entries(methods)) {
      const declared = operation['x-atlassian-oauth2-scopes'];
      if (!declared) continue;
      const of = (state: string) => declared.filter((s) => s.state === state).flatMap((s) => s.scopes);
      operations.push({ template, method: method.toUpperCase(), pattern, literalSegments: segments.filter((s) => !s.startsWith('{')).length, scopes: { current: of('Current'), beta: of('Beta') } });
    }
  }
  return operations;
}

/** The operation a call is: its path with a sample value per substitution, matched against the templates (literal segments win). */
function operationOf(call: ProductCall, operations: SpecOperation[]): SpecOperation | undefined {
  const sample = call.path.replace(/\{\}/g, 'X1');
  return operations
    .filter((o) => o.method === call.method && o.pattern.test(sample))
    .sort((a, b) => b.literalSegments - a.literalSegments)[0];
}

describe('scopes: what the app calls, what manifest.yml declares', () => {
  test(`Jira's REST OpenAPI description is at ${JIRA_OPENAPI}`, () => {
    assert.ok(existsSync(JIRA_OPENAPI), `missing ${JIRA_OPENAPI} (CI puts the shared specs beside the clone)`);
  });

  test('every product call is a documented operation whose scopes manifest.yml declares, and every declared scope is needed', async () => {
    const declared = loadManifest(join(ROOT, 'manifest.yml')).scopes;
    const { calls, unread } = productCalls(ROOT);
    assert.deepEqual(unread, [], 'calls whose method or path the test cannot read');
    assert.ok(calls.length > 40, `found only ${calls.length} product calls`);
    const operations = specOperations(JIRA_OPENAPI);

    const problems: string[] = [];
    const needed = new Map<string, string[]>();
    const need = (scope: string, why: string) => needed.set(scope, [...(needed.get(scope) ?? []), why]);
    for (const call of calls) {
      const key = `${call.method} ${call.path}`;
      let required = OUTSIDE_JIRA_PLATFORM[key];
      let name = key;
      if (!required) {
        if (call.product !== 'jira') {
          problems.push(`${call.where}: ${key} is a ${call.product} operation with no known scopes (add it to OUTSIDE_JIRA_PLATFORM with its source)`);
          continue;
        }
        const operation = operationOf(call, operations);
        if (!operation) {
          problems.push(`${call.where}: ${key} is not an operation of Jira's REST API description`);
          continue;
        }
        required = operation.scopes;
        name = `${operation.method} ${operation.template}`;
      }
      const missing = await getMissingScopes(declared, required);
      if (missing.length) problems.push(`${call.where}: ${name} needs ${missing.join(', ')} (not in manifest.yml)`);
      for (const scope of [...required.current, ...required.beta]) if (declared.includes(scope)) need(scope, name);
    }
    for (const platform of PLATFORM_SCOPES) if (platform.neededBy(ROOT)) need(platform.scope, platform.why);
    for (const scope of declared) if (!needed.has(scope)) problems.push(`manifest.yml declares ${scope}, which no call of the app needs`);
    assert.deepEqual(problems, []);
  });
});

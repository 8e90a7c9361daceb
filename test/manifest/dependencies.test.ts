/**
 * The import rules (.dependency-cruiser.cjs, README "Layout"): no import circle in src/, static/ or
 * local/; src/ never imports local/, static/ or the tests; each domain/ folder pure; jira/ and store/ below
 * services; services below resolvers, events and webtriggers, which never import each other; export
 * renders only. dependency-cruiser is an ES module, so test/manifest/dependencies.mjs runs it (its
 * `cruise` API) in a child process and answers the violations as JSON.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Violation {
  rule: string;
  from: string;
  to: string;
  cycle?: string[];
}

function cruise(folders: string[], base?: string): Violation[] {
  const args = [path.join(__dirname, 'dependencies.mjs'), ...(base ? ['--base', base] : []), ...folders];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })) as Violation[];
}

const described = (v: Violation) => `${v.rule}: ${v.from} -> ${v.to}${v.cycle ? ` (circle: ${[v.from, ...v.cycle].join(' -> ')})` : ''}`;

describe('the import rules', () => {
  test('src/, static/ and local/ keep them (each violation is listed)', () => {
    const broken = cruise(['src', 'static', 'local']).map(described);
    assert.deepEqual(broken, [], `Import rules broken (.dependency-cruiser.cjs says why):\n${broken.join('\n')}`);
  });

  test('a planted circle and a planted upward import are both reported (test/fixtures/dependencies)', () => {
    const violations = cruise(['src'], path.join(root, 'test/fixtures/dependencies')).map(described).sort();
    assert.deepEqual(violations, [
      'domain-is-pure: src/asks/domain/askRules.ts -> src/asks/resolvers/panel.ts',
      'no-circular: src/asks/domain/ask.ts -> src/asks/domain/askRules.ts (circle: src/asks/domain/ask.ts -> src/asks/domain/askRules.ts -> src/asks/domain/ask.ts)',
    ]);
  });
});

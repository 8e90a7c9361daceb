/**
 * `forge lint`'s checks, offline: @forge/lint (the version @forge/cli pins) in client-side mode,
 * run as the CLI's LintService runs it (every file under src/ but git-ignored ones, the manifest as
 * ConfigFile reads it). Two things the CLI fetches are given here instead:
 * - the REST descriptions the permission linter matches product calls against: with USE_LOCAL_SWAGGER
 *   it reads LOCAL_*_SWAGGER files, here Jira's from ../shared/specs and empty ones for the products
 *   we have no description of (Jira Software, Jira Service Management, Confluence, Bitbucket);
 * - Statsig's list of deprecated runtimes (the manifest linters' only remote input): none.
 * Server-side linting (forge deploy's other half) needs an Atlassian login and is not run.
 */
import { describe, test, beforeAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigFile, FileSystemReader, FileSystemWriter, listGitIgnoreFiles, type StatsigService } from '@forge/cli-shared';
import { lint, type LintLogger, type LintResult } from '@forge/lint';
import { HandlerLinter } from '@forge/lint/out/lint/linters/handler-linter/handler-linter';
import { JIRA_OPENAPI } from './routes';

const ROOT = resolve(__dirname, '..', '..');
/** The manifest type of the @forge/manifest version @forge/lint depends on (the app's own is newer). */
type ManifestSchema = Parameters<typeof lint>[1];
const ENVIRONMENT = 'development';
const statsig = { getDeprecatedRuntimes: async () => [] } as unknown as StatsigService;
const quiet: LintLogger = { info: () => undefined, warn: () => undefined, debug: () => undefined, trace: () => undefined, error: () => undefined } as unknown as LintLogger;

function findings(results: LintResult[]): { errors: string[]; warnings: string[]; approvals: string[] } {
  const at = (file: string) => (p: { line: number; column: number; message: string; reference?: string }) => `${file}:${p.line}:${p.column} ${p.message} (${p.reference ?? ''})`;
  return {
    errors: results.flatMap((r) => r.errors.map(at(r.file))),
    warnings: results.flatMap((r) => r.warnings.map(at(r.file))),
    approvals: results.flatMap((r) => r.approvals.map(at(r.file))),
  };
}

describe('forge lint (client-side, offline)', () => {
  let manifest: ManifestSchema;
  let files: string[];

  beforeAll(async () => {
    // The CLI lints from the app's folder: tsconfig's include, .gitignore and the resources resolve against it.
    process.chdir(ROOT);
    const empty = join(mkdtempSync(join(tmpdir(), 'liaison-lint-')), 'no-description.json');
    writeFileSync(empty, JSON.stringify({ paths: {} }));
    Object.assign(process.env, {
      USE_LOCAL_SWAGGER: 'true',
      LOCAL_JIRA_SWAGGER: JIRA_OPENAPI,
      LOCAL_JSM_SWAGGER: empty,
      LOCAL_JSW_SWAGGER: empty,
      LOCAL_CONF_SWAGGER: empty,
      LOCAL_CONF_V2_SWAGGER: empty,
      LOCAL_BB_SWAGGER: empty,
    });
    const reader = new FileSystemReader();
    manifest = await new ConfigFile(reader, new FileSystemWriter()).readConfig();
    // The resources manifest.yml names must exist (valid-resource-required): the Custom UI builds.
    if ((manifest.resources ?? []).some((r) => !existsSync(join(ROOT, r.path)))) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-static.ts'], { cwd: ROOT, stdio: 'inherit' });
    files = await reader.recursiveReadDir('./src', [...(await listGitIgnoreFiles(reader)), '.git', 'node_modules']);
  });

  test('finds no error, warning or approval in src/ and manifest.yml', async () => {
    assert.ok(existsSync(JIRA_OPENAPI), `missing ${JIRA_OPENAPI}`);
    assert.ok(files.includes('src/index.ts') && files.length > 50, `linted files: ${files.length}`);
    const results = await lint(files, manifest, ENVIRONMENT, quiet, statsig, { linter: { mode: 'client-side' } });
    console.log(`forge lint: ${files.length} files, ${results.length} linters' results`);
    assert.deepEqual(findings(results), { errors: [], warnings: [], approvals: [] });
  }, 600_000);

  // forge lint parses only the .ts files tsconfig's `include` globs list (cli-shared listTSConfigIncludeExclude):
  // a bare directory there ("src") matched no file, and nothing of src/ was linted.
  test('reports a handler manifest.yml names that src/index.ts does not export (the linter reads our files)', async () => {
    const broken = {
      ...manifest,
      modules: { ...manifest.modules, function: [...(manifest.modules?.function ?? []), { key: 'missing-handler', handler: 'index.noSuchHandler' }] },
    } as ManifestSchema;
    const results = await lint(['src/index.ts'], broken, ENVIRONMENT, quiet, statsig, {
      linter: { mode: 'client-side' },
      linters: [new HandlerLinter(ENVIRONMENT, broken, quiet)],
    });
    const { errors, warnings } = findings(results);
    assert.deepEqual(errors, []);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /^src\/index\.ts:.*Cannot find exported function "noSuchHandler"/);
  });
});

/**
 * The artifact `forge deploy` uploads, tested: `npm run package` builds the backend with Forge's own
 * bundler (webpack + ts-loader with Forge's forced compiler options, scripts/package.ts), and the
 * bundle, loaded in a fresh Node process with the local Forge runtime's globals, answers every
 * function manifest.yml names, called through its real signature against the demo sandbox, exactly
 * as src/ answers.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { backendBundleDir, packageBackendIfStale } from '../../local/host/data';
import { loadManifest } from '../../local/host/manifest';
import { startTestHost } from '../../local/host/testing';
import { runHandlerScenario, SCENARIO_ENV, type ScenarioResult } from './handlers';

const ROOT = resolve(__dirname, '..', '..');
const manifest = loadManifest(join(ROOT, 'manifest.yml'));
const bundleDir = backendBundleDir(ROOT);
const everyFunction = Object.keys(manifest.functions).sort();

describe('the backend bundle Forge’s bundler builds', () => {
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'liaison-deploy-'));
    packageBackendIfStale(ROOT);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('is one CommonJS file per handler module, with a source map, that exports every handler manifest.yml names', () => {
    const files = [...new Set(Object.values(manifest.functions).map((f) => f.file))];
    assert.deepEqual(files, ['index']);
    const bundle = join(bundleDir, 'index.cjs');
    const size = statSync(bundle).size;
    console.log(`bundle: ${bundle} ${(size / 1024 / 1024).toFixed(2)} MB`);
    assert.ok(size > 100_000, 'the bundle holds the app and its dependencies');
    assert.ok(statSync(`${bundle}.map`).size > 0, 'webpack wrote the source map Forge uploads with it');
    // Its exports, read in a fresh process with no Forge runtime at all: loading must not need one.
    const exported = JSON.parse(
      execFileSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(bundle)}))))`], { encoding: 'utf8' }),
    ) as string[];
    const named = Object.values(manifest.functions).map((f) => f.exportName).sort();
    assert.deepEqual([...new Set(exported)].filter((name) => named.includes(name)).sort(), [...new Set(named)].sort());
  });

  test('answers every function manifest.yml names, through its Forge signature, as src/ does', async () => {
    const resultFile = join(scratch, 'bundle.json');
    execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'bundle-child.ts'), bundleDir, resultFile], {
      cwd: ROOT,
      env: { ...process.env, ...SCENARIO_ENV },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const fromBundle = JSON.parse(readFileSync(resultFile, 'utf8')) as ScenarioResult & { sourceFilesLoaded: string[] };
    const handlerSources = fromBundle.sourceFilesLoaded.filter((file) => /[\\/]src[\\/](index|resolvers|events|webtriggers|jira)\b/.test(file));
    assert.deepEqual(handlerSources, [], 'the bundle process loaded handler code from src/');

    const host = await startTestHost();
    let fromSource: ScenarioResult;
    try {
      fromSource = await runHandlerScenario(host);
    } finally {
      await host.close();
    }

    assert.deepEqual(fromBundle.functionsCalled, everyFunction, 'the bundle run reached every function manifest.yml names');
    assert.deepEqual(fromSource.functionsCalled, everyFunction);
    for (const step of Object.keys(fromSource.answers)) {
      assert.deepEqual(fromBundle.answers[step], fromSource.answers[step], `"${step}" answers differently from the bundle`);
    }
    assert.deepEqual(Object.keys(fromBundle.answers), Object.keys(fromSource.answers));
    // The answers are real ones, not two identical failures.
    const answers = fromBundle.answers as Record<string, any>;
    assert.equal(answers['settings.get as a client'].error.code, 'FORBIDDEN');
    assert.equal(answers['settings.save with bad input'].error.code, 'VALIDATION');
    assert.equal(answers['report-share: the link'].statusCode, 200);
    assert.equal(answers['report-share: a tampered link'].statusCode, 404);
    assert.equal(answers['change-validator: approve without a decision'].result, false);
    assert.ok(answers['report-jobs deliveries'].length > 0 && answers['report-jobs deliveries'].every((d: { outcome: string }) => d.outcome === 'ok'));
  }, 600_000);
});

// Runs the jest suite (or the named layers: unit, manifest, contract, integration, browser,
// deploy) and ends with the totals alone on a line, as CI reads them: `N passed, N failed`.
// A test file that fails to load counts as one failed test; so does a run that never reports.
// Other arguments go to jest as they are (`--coverage`, `-t <name>`, ...).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LAYERS = ['unit', 'manifest', 'contract', 'integration', 'browser', 'deploy'];
const args = process.argv.slice(2);
const layers = args.filter((a) => LAYERS.includes(a));
const jestArgs = args.filter((a) => !LAYERS.includes(a));

const dir = mkdtempSync(join(tmpdir(), 'liaison-jest-'));
const resultsFile = join(dir, 'results.json');
const child = spawn(
  process.execPath,
  [
    'node_modules/jest/bin/jest.js',
    ...(layers.length ? ['--selectProjects', ...layers] : []),
    // a layer without test files yet (deploy) is not an error
    '--passWithNoTests',
    '--json',
    `--outputFile=${resultsFile}`,
    ...jestArgs,
  ],
  { stdio: 'inherit' },
);

child.on('close', (code) => {
  let passed = 0;
  let failed = 0;
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    passed = results.numPassedTests;
    // A file that failed to load (a syntax error, a throwing import, a failing beforeAll with no
    // test reached) has no failed test to count: count it once.
    const brokenFiles = results.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')).length;
    failed = results.numFailedTests + brokenFiles;
    if (code !== 0 && failed === 0 && results.success === false) console.log('\nEvery test passed, but jest failed the run (see above: a coverage threshold, or an open handle).');
  } catch {
    failed = 1;
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
});

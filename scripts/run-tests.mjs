// Runs every test file (or those of the named layers) with Node's test runner and tsx,
// and ends with the totals alone on a line, as CI reads them: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const layers = process.argv.slice(2);
const roots = (layers.length ? layers : ['unit', 'manifest', 'contract', 'integration', 'deploy', 'browser']).map((l) => join('test', l));

function findTests(dir) {
  let found = [];
  let entries = [];
  try { entries = readdirSync(dir); } catch { return found; }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(findTests(path));
    else if (name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const files = roots.flatMap(findTests);
if (files.length === 0) {
  console.error('No test files found under', roots.join(', '));
  process.exit(1);
}
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  output += chunk.toString();
});
// The spec reporter lists the failing tests again after its summary, so read the last summary
// anywhere in the output; a cancelled test (a hook failed, a parent timed out) is a failure.
const lastCount = (name) => {
  const all = [...output.matchAll(new RegExp(`ℹ ${name} (\\d+)`, 'g'))];
  return all.length ? Number(all[all.length - 1][1]) : undefined;
};
child.on('close', (code) => {
  const passed = lastCount('pass') ?? 0;
  const counted = lastCount('fail');
  const failed = counted === undefined ? (code === 0 ? 0 : 1) : counted + (lastCount('cancelled') ?? 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
});

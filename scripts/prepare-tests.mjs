// `npm test`'s first step: the type check and the builds (static apps, then the backend bundle)
// side by side. Each is mostly one core's work (tsc; esbuild then Forge's webpack), and the machine
// has two, so the step takes as long as the longer of the two instead of their sum. Output is
// kept per step and printed whole when the step ends, so the two never interleave.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(name, scripts) {
  return new Promise((resolve) => {
    const started = Date.now();
    const chunks = [];
    const child = spawn('sh', ['-c', scripts.map((s) => `${npm} run --silent ${s}`).join(' && ')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => chunks.push(d));
    child.stderr.on('data', (d) => chunks.push(d));
    child.on('close', (code) => {
      const out = Buffer.concat(chunks).toString('utf8').trimEnd();
      console.log(`── ${name} (${scripts.join(', then ')}): ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (out) console.log(out);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all([run('type check', ['typecheck']), run('build', ['build', 'package'])]);
process.exit(results.every(Boolean) ? 0 : 1);

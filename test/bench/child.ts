/**
 * Each bench runs in its own Node process, so one site's memory never counts against another's
 * and the peak RSS a bench reports is its own. A bench script calls `benchMain` with its work;
 * the runner calls `runChild` and reads the one result line the child prints.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchResult, Figure } from './figures';

const RESULT_PREFIX = 'BENCH_RESULT ';

export function peakRssMB(): number {
  // maxRSS is in kilobytes.
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** Named options from argv: `--size=10000 --loads=50` → { size: '10000', loads: '50' }. */
export function benchArgs(argv = process.argv.slice(2)): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m) out[m[1]] = m[2] ?? 'true';
  }
  return out;
}

/** Runs a bench body in this (child) process and prints its result line; exits non-zero on error. */
export function benchMain(bench: string, body: (args: Record<string, string>) => Promise<Figure[] | { figures: Figure[]; exactness: NonNullable<BenchResult['exactness']> }>): void {
  body(benchArgs())
    .then((answer) => {
      const result: BenchResult = Array.isArray(answer) ? { bench, figures: answer, peakRssMB: peakRssMB() } : { bench, ...answer, peakRssMB: peakRssMB() };
      process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
      // Servers and timers of the bench are closed by it; exit anyway so a stray handle cannot hang the run.
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(`bench ${bench} failed:`, error);
      process.exit(1);
    });
}

/** Runs test/bench/<script>.ts in a child process with the args; resolves to its result. */
export function runChild(script: string, args: string[], opts: { echo?: (line: string) => void; maxOldSpaceMB?: number } = {}): Promise<BenchResult> {
  const file = join(__dirname, `${script}.ts`);
  const nodeArgs = ['--import', 'tsx', ...(opts.maxOldSpaceMB ? [`--max-old-space-size=${opts.maxOldSpaceMB}`] : []), file, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LIAISON_BENCH: '1' } });
    let result: BenchResult | null = null;
    let buffered = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult;
        else if (line.trim()) opts.echo?.(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`bench ${script} ${args.join(' ')} exited with ${code}${errors ? `:\n${errors}` : ''}`));
    });
  });
}

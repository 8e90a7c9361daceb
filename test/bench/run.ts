/**
 * `npm run bench`: runs every bench in its own process and prints one table of figures with
 * their budgets (figure | value | budget | ratio | pass/fail), then what each budget stands for.
 *
 *   npm run bench                          sites 1k, 10k, 50k; every bench
 *   npm run bench -- --sizes=1k            one size (what development runs)
 *   npm run bench -- --only=panel,rules    some benches: sites, panel, rules, report, bundles
 *   npm run bench -- --loads=20            panel loads per pass (default 50)
 *   npm run bench -- --periods=year        the report bench's periods: week, month, year, all (default every one)
 *
 * The panel and the rules run once, on the largest site up to 10k (the size their budgets are
 * stated for); the rules' and the report's 10k budgets are judged only on a 10k site, other sizes
 * show the same figures for information. The report bench also prints the exactness table: every
 * headline number of the week's, month's and year's manager report against a brute-force count
 * over the generated site (test/bench/oracle.ts); each difference must be 0.
 * Exits 1 when a budget is missed or a number differs, 2 when a bench fails to run.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchArgs, runChild } from './child';
import { formatExactness, formatNotes, formatTable, parseSize, sizeLabel, type BenchResult, type ExactnessRow, type Figure } from './figures';

const BENCHES = ['sites', 'panel', 'rules', 'report', 'bundles'] as const;
type Bench = (typeof BENCHES)[number];

interface Step {
  bench: Bench;
  args: string[];
  label: string;
  /** V8's heap limit for the child (--max-old-space-size). */
  maxOldSpaceMB?: number;
}

/**
 * A Forge function has 256 MB by default, and Node sizes its heap to fit. Left alone on a big
 * machine V8 lets garbage pile up far beyond what the work needs, so the report bench runs (up to
 * 10k) with its heap bounded as it would be there: the run must complete, and its RSS is the figure.
 */
const REPORT_HEAP_MB = 160;

function plan(args: Record<string, string>): Step[] {
  const sizes = (args.sizes ?? '1k,10k,50k').split(',').map(parseSize);
  const only = new Set((args.only ?? BENCHES.join(',')).split(',').map((s) => s.trim()));
  for (const name of only) if (!BENCHES.includes(name as Bench)) throw new Error(`No bench '${name}' (benches: ${BENCHES.join(', ')})`);
  const loads = args.loads ?? '50';
  // The panel and the rules are judged on the largest site up to 10k: their budgets are stated for 10k.
  const judged = Math.max(...sizes.filter((n) => n <= 10_000), Math.min(...sizes));
  const steps: Step[] = [];
  if (only.has('sites')) for (const n of sizes) steps.push({ bench: 'sites', args: [`--size=${n}`], label: `site ${sizeLabel(n)}` });
  if (only.has('panel')) steps.push({ bench: 'panel', args: [`--size=${judged}`, `--loads=${loads}`], label: `panel ${sizeLabel(judged)}` });
  if (only.has('rules')) steps.push({ bench: 'rules', args: [`--size=${judged}`], label: `rules ${sizeLabel(judged)}` });
  if (only.has('report') && existsSync(join(__dirname, 'report.ts'))) {
    for (const n of sizes) steps.push({ bench: 'report', args: [`--size=${n}`, ...(args.periods ? [`--periods=${args.periods}`] : [])], label: `report ${sizeLabel(n)}`, ...(n <= 10_000 ? { maxOldSpaceMB: REPORT_HEAP_MB } : {}) });
  }
  if (only.has('bundles')) steps.push({ bench: 'bundles', args: [], label: 'bundles' });
  return steps;
}

async function main(): Promise<number> {
  const args = benchArgs();
  const steps = plan(args);
  const figures: Figure[] = [];
  const exactness: ExactnessRow[] = [];
  const failures: string[] = [];
  for (const step of steps) {
    const started = Date.now();
    process.stderr.write(`bench: ${step.label} …`);
    try {
      const result: BenchResult = await runChild(step.bench, step.args, { echo: (line) => process.stderr.write(`\n  ${line}`), maxOldSpaceMB: step.maxOldSpaceMB });
      figures.push(...result.figures);
      exactness.push(...(result.exactness ?? []));
      process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(1)} s (peak ${Math.round(result.peakRssMB)} MB)\n`);
    } catch (error) {
      failures.push(step.label);
      process.stderr.write(` failed\n${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  console.log('');
  console.log(formatTable(figures));
  if (exactness.length > 0) console.log(`\nExactness: what the app counted against a count taken without it — the manager report's numbers against a brute-force count over the generated site (test/bench/oracle.ts), the rule runs' tallies against the sandbox's issues and the flag records in storage (test/bench/rules.ts)\n${formatExactness(exactness)}`);
  const notes = formatNotes(figures);
  if (notes) console.log(`\nNotes\n${notes}`);
  if (failures.length) {
    console.log(`\nBenches that did not run: ${failures.join(', ')}`);
    return 2;
  }
  return figures.some((f) => f.budget !== undefined && f.value > f.budget) || exactness.some((r) => r.difference !== 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);

/**
 * Runs dependency-cruiser (an ES module, so outside jest's CommonJS registry) with the repo's rules
 * (.dependency-cruiser.cjs) over the folders named, from `--base <dir>` (default: the repo root).
 * Prints the violations as JSON: [{ rule, from, to, cycle? }]. Used by dependencies.test.ts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const args = process.argv.slice(2);
const baseAt = args.indexOf('--base');
const baseDir = baseAt >= 0 ? path.resolve(args.splice(baseAt, 2)[1]) : root;
const config = require(path.join(root, '.dependency-cruiser.cjs'));

process.chdir(baseDir);
const result = await cruise(args, { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, baseDir, outputType: 'json' });
const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;
const violations = output.summary.violations.map((v) => ({
  rule: v.rule.name,
  from: v.from,
  to: v.to,
  ...(v.cycle ? { cycle: v.cycle.map((step) => (typeof step === 'string' ? step : step.name)) } : {}),
}));
process.stdout.write(JSON.stringify(violations));

/**
 * What every bench reports: figures, each with the budget it is held to (when it has one), and
 * the table `npm run bench` prints — figure | value | budget | ratio | pass/fail. A ratio is
 * value / budget: at most 1 passes (every budget here is an upper bound).
 */

export interface Figure {
  /** e.g. "panel 10k: flags.get p95". */
  name: string;
  value: number;
  unit: 'ms' | 'MB' | 'KB' | 'requests' | 'issues' | 'x' | 'count';
  /** Upper bound; absent for figures shown for information (site generation time, …). */
  budget?: number;
  /** Why the budget is what it is, or what the figure counts. */
  note?: string;
}

/** A child bench's answer: its figures and its own peak memory. */
export interface BenchResult {
  bench: string;
  figures: Figure[];
  /** process.resourceUsage().maxRSS of the child, in MB. */
  peakRssMB: number;
  /** The report's numbers against the brute-force count (test/bench/oracle.ts): every difference must be 0. */
  exactness?: ExactnessRow[];
}

export interface ExactnessRow {
  /** e.g. "10k year". */
  report: string;
  metric: string;
  app: number;
  oracle: number;
  difference: number;
}

/** The exactness table: report | number | app | brute force | difference (must be 0). */
export function formatExactness(rows: readonly ExactnessRow[]): string {
  const cells = rows.map((r) => [r.report, r.metric, String(r.app), String(r.oracle), String(r.difference)]);
  const header = ['report', 'number', 'app', 'brute force', 'difference'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i >= 2 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join(' | ');
  const wrong = rows.filter((r) => r.difference !== 0).length;
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line), '', `${rows.length - wrong}/${rows.length} numbers exact${wrong ? `; ${wrong} differ` : ''}`].join('\n');
}

export type Verdict = 'pass' | 'FAIL' | 'info';

export function verdict(figure: Figure): Verdict {
  if (figure.budget === undefined) return 'info';
  return figure.value <= figure.budget ? 'pass' : 'FAIL';
}

export function ratio(figure: Figure): number | undefined {
  if (figure.budget === undefined || figure.budget === 0) return undefined;
  return figure.value / figure.budget;
}

function amount(value: number, unit: Figure['unit']): string {
  switch (unit) {
    case 'x': return `${value.toFixed(2)}×`;
    case 'count': case 'issues': case 'requests': return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit === 'count' ? '' : unit}`.trim();
    default: return `${value >= 10_000 ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
  }
}

/** The table as printed: a header, one row per figure, and a closing line with the totals. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const r = ratio(f);
    return [f.name, amount(f.value, f.unit), f.budget === undefined ? '–' : `≤ ${amount(f.budget, f.unit)}`, r === undefined ? '–' : r.toFixed(2), verdict(f)];
  });
  const header = ['figure', 'value', 'budget', 'ratio', 'pass/fail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const budgeted = figures.filter((f) => f.budget !== undefined);
  const failed = budgeted.filter((f) => verdict(f) === 'FAIL');
  const summary = `${budgeted.length - failed.length}/${budgeted.length} budgets met${failed.length ? `; missed: ${failed.map((f) => f.name).join(', ')}` : ''}`;
  return [line(header), rule, ...rows.map(line), '', summary].join('\n');
}

/** Notes under the table (why each budget is what it is), numbered in table order. */
export function formatNotes(figures: readonly Figure[]): string {
  return figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`).join('\n');
}

/** The p-th percentile (0..100) of the samples, nearest-rank method. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Sizes written 1k, 10k, 50k (or plain numbers) → issue counts. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(text.trim());
  if (!m) throw new Error(`A site size is a number of issues like 1000 or 10k, got '${text}'`);
  const n = Number(m[1]) * (m[2] ? 1000 : 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`A site size must be a whole number of issues, got '${text}'`);
  return n;
}

export function sizeLabel(issues: number): string {
  return issues % 1000 === 0 ? `${issues / 1000}k` : String(issues);
}

/**
 * Forecasts with honest uncertainty (issue 17): a seeded Monte Carlo over weekly throughput history.
 *
 * - History: points (and issues) finished in each of the last THROUGHPUT_WEEKS whole weeks (Monday
 *   to Sunday), zero weeks included: a quiet week is part of the team's real pace.
 * - Next period: each trial draws one history week at random (with replacement) for every week of
 *   the period (a part week counts its share of a drawn week), sums them, and caps the sum at the
 *   work that is left (a team cannot finish more than the remaining scope).
 * - Ranges: the middle 50 % of the trials (25th to 75th percentile) and the middle 85 % (7.5th to
 *   92.5th). Percentiles are nearest-rank over the sorted trials.
 * - Completion: each trial draws weeks until the remaining points are done; the 50 % date is the
 *   week by which half the trials finished, the 85 % date the week by which 85 % did. No finished
 *   work in the history, or more than MAX_FORECAST_WEEKS needed: no date (said so, not guessed).
 * - Seeded (mulberry32): the same seed and history give the same ranges; the report seeds with its
 *   project and period, so regenerating a report does not move its forecast.
 */
import type { Range } from './model';

export const THROUGHPUT_WEEKS = 12;
export const FORECAST_TRIALS = 5000;
/** Completion forecasts stop looking after this many weeks (about five years). */
export const MAX_FORECAST_WEEKS = 260;

/** A deterministic PRNG in [0, 1) (mulberry32): tiny, well known, good enough for resampling. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from text (FNV-1a), e.g. the project key and the period. */
export function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Nearest-rank percentile of ascending values: the smallest value with at least p of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length - 1e-9)));
  return sorted[rank - 1];
}

export interface ThroughputForecast {
  /** The middle 50 % of the trials (rounded to whole numbers outward). */
  likely50: Range;
  /** The middle 85 %. */
  likely85: Range;
}

const outward = (low: number, high: number): Range => ({ low: Math.max(0, Math.floor(low + 1e-9)), high: Math.ceil(high - 1e-9) });

/**
 * The trials' outcomes (ascending) of what `weeks` weeks bring at the history's pace, each capped
 * at `remaining` (undefined: no cap).
 */
export function simulateThroughput(history: readonly number[], weeks: number, opts: { seed: number; trials?: number; remaining?: number }): number[] {
  const trials = opts.trials ?? FORECAST_TRIALS;
  if (history.length === 0 || weeks <= 0) return new Array<number>(trials).fill(0);
  const random = seededRandom(opts.seed);
  const whole = Math.floor(weeks);
  const part = weeks - whole;
  const outcomes: number[] = [];
  for (let t = 0; t < trials; t++) {
    let sum = 0;
    for (let w = 0; w < whole; w++) sum += history[Math.floor(random() * history.length)];
    if (part > 1e-9) sum += part * history[Math.floor(random() * history.length)];
    outcomes.push(opts.remaining === undefined ? sum : Math.min(sum, opts.remaining));
  }
  return outcomes.sort((a, b) => a - b);
}

export function throughputForecast(history: readonly number[], weeks: number, opts: { seed: number; trials?: number; remaining?: number }): ThroughputForecast {
  const outcomes = simulateThroughput(history, weeks, opts);
  return {
    likely50: outward(percentile(outcomes, 0.25), percentile(outcomes, 0.75)),
    likely85: outward(percentile(outcomes, 0.075), percentile(outcomes, 0.925)),
  };
}

export type CompletionForecast =
  | { kind: 'done' }
  | { kind: 'weeks'; weeks50: number; weeks85: number }
  | { kind: 'none'; reason: 'no-throughput' | 'too-far' };

/** How many weeks until `remaining` is done: the 50 % and 85 % percentiles of the trials. */
export function completionForecast(history: readonly number[], remaining: number, opts: { seed: number; trials?: number; maxWeeks?: number }): CompletionForecast {
  if (remaining <= 0) return { kind: 'done' };
  if (!history.some((h) => h > 0)) return { kind: 'none', reason: 'no-throughput' };
  const trials = opts.trials ?? FORECAST_TRIALS;
  const maxWeeks = opts.maxWeeks ?? MAX_FORECAST_WEEKS;
  const random = seededRandom(opts.seed);
  const needed: number[] = [];
  for (let t = 0; t < trials; t++) {
    let done = 0;
    let weeks = 0;
    while (done < remaining && weeks <= maxWeeks) {
      done += history[Math.floor(random() * history.length)];
      weeks++;
    }
    needed.push(weeks);
  }
  needed.sort((a, b) => a - b);
  const weeks50 = percentile(needed, 0.5);
  const weeks85 = percentile(needed, 0.85);
  if (weeks85 > maxWeeks) return { kind: 'none', reason: 'too-far' };
  return { kind: 'weeks', weeks50, weeks85 };
}

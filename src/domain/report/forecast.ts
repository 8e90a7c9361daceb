/**
 * Expected progress next period: a range, not a point. Each recent closed sprint (or, without
 * sprints, each recent week) gives a pace in points and issues per business day; the range runs
 * from the slowest to the fastest pace times the next period's business days, the low end rounded
 * down and the high end up to whole numbers.
 */
import type { Range } from './model';

/** How many recent closed sprints (or weeks, without sprints) the forecast looks at. */
export const FORECAST_SAMPLES = 3;

export interface VelocitySample {
  /** e.g. the sprint's name or "week of 2026-11-09" */
  label: string;
  points: number;
  issues: number;
  /** Business days the sample covered (> 0). */
  businessDays: number;
}

const EPSILON = 1e-9;

function range(values: number[]): Range {
  if (values.length === 0) return { low: 0, high: 0 };
  return { low: Math.max(0, Math.floor(Math.min(...values) + EPSILON)), high: Math.ceil(Math.max(...values) - EPSILON) };
}

/** The range of points and issues expected over `targetBusinessDays` at the samples' paces. */
export function forecastRange(samples: readonly VelocitySample[], targetBusinessDays: number): { points: Range; issues: Range } {
  const usable = samples.filter((s) => s.businessDays > 0);
  return {
    points: range(usable.map((s) => (s.points / s.businessDays) * targetBusinessDays)),
    issues: range(usable.map((s) => (s.issues / s.businessDays) * targetBusinessDays)),
  };
}

/** Whether what happened fell inside the range a previous report expected. */
export function compareWithForecast(expected: Range, actualPoints: number): { expectedPoints: Range; actualPoints: number; within: boolean } {
  return { expectedPoints: { low: expected.low, high: expected.high }, actualPoints, within: actualPoints >= expected.low && actualPoints <= expected.high };
}

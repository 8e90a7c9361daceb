/**
 * A previous report's forecast against what happened. The forecast itself is the Monte Carlo of
 * monteCarlo.ts / planReport.ts (issue 17 replaced the min/max of the last three sprints).
 */
import type { Range } from './model';

/** Whether what happened fell inside the range a previous report expected. */
export function compareWithForecast(expected: Range, actualPoints: number): { expectedPoints: Range; actualPoints: number; within: boolean } {
  return { expectedPoints: { low: expected.low, high: expected.high }, actualPoints, within: actualPoints >= expected.low && actualPoints <= expected.high };
}

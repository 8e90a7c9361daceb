/**
 * The bounds of report generation in a resolver call and in a queued job (src/reports/events/reportJob.ts).
 * The numbers come from the bench (test/bench/report.ts): see the comments.
 */

export const REPORT_JOB_LIMITS = {
  /**
   * How long a resolver reads before handing the rest to a job: a third of its 25 s, so building
   * (≈ 0.2 s of CPU for 10k issues), bounding and answering still fit when it finishes just in
   * time. At 150 ms per Jira request, with the scope read in up to 8 partitions side by side
   * (reportFacts.ts), Jira's latency alone would allow several hundred pages; in practice the
   * time goes to Jira's (here: the sandbox's) work per page. The time, not a count of issues,
   * decides: nothing is left out either way (issue 17), the job reads the rest exactly.
   */
  handOffMs: 8_000,
  /** How long one chunk reads (the consumer may run 900 s; the rest is margin for the build). */
  chunkMs: 120_000,
  /** How often a chunk writes its progress for the UI. */
  progressEveryMs: 1_500,
  /** Chunks one job may take (a bound on the loop of re-queued events). */
  maxChunks: 200,
  /** Retries of a failed chunk before the job is marked failed. */
  retries: 3,
} as const;

/** Environment overrides (Forge variables; tests use small chunks to exercise resumption). */
export function chunkMs(): number {
  const v = Number(process.env.LIAISON_REPORT_CHUNK_MS);
  return Number.isFinite(v) && v > 0 ? v : REPORT_JOB_LIMITS.chunkMs;
}
export function handOffMs(): number {
  const v = Number(process.env.LIAISON_REPORT_HANDOFF_MS);
  return Number.isFinite(v) && v >= 0 ? v : REPORT_JOB_LIMITS.handOffMs;
}


/**
 * The bounds of report generation in a resolver call and in a queued job (src/events/reportJob.ts).
 * The numbers come from the bench (test/bench/report.ts): see the comments.
 */

export const REPORT_JOB_LIMITS = {
  /**
   * How long a resolver reads before handing the rest to a job: a third of its 25 s, so building
   * (≈ 0.2 s of CPU for 10k issues), bounding and answering still fit when it finishes just in
   * time. At 150 ms per Jira request that is about 50 pages (≈ 5,000 issues in scope). From
   * `npm run bench` (150 ms latency): a weekly report reads 17–26 pages and answers in 3–5 s, at
   * 1k, 10k and 50k issues alike; a year of a 10k or 50k project reads 81–83 pages (≈ 8,000 issues)
   * and is handed over at 8.5 s, the job finishing the report about 16 s after the click.
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


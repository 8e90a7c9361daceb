/**
 * When the daily red-flag rules last ran and what they did, one small KVS value
 * (`flag-rules:last-run`), so the Red flags page can say how fresh the rule flags are.
 */
import kvs from '@forge/kvs';

export const LAST_RUN_KEY = 'flag-rules:last-run';

export interface ProjectRun {
  projectKey: string;
  /** Issues whose rules were evaluated. */
  evaluated: number;
  /** Issues whose flags changed (and were written). */
  changed: number;
  /** Active sprints whose scope creep was measured. */
  sprints: number;
  /** A bound cut the run short for this project. */
  truncated: boolean;
  /** Why this project was not (fully) evaluated, if it failed. */
  error?: string;
}

export interface FlagRun {
  startedAt: string;
  finishedAt: string;
  projects: ProjectRun[];
  /** Projects left for the next run (time or count bound). */
  skipped: string[];
}

export async function saveLastRun(run: FlagRun): Promise<void> {
  await kvs.set(LAST_RUN_KEY, run);
}

export async function readLastRun(): Promise<FlagRun | undefined> {
  const value = (await kvs.get(LAST_RUN_KEY)) as FlagRun | undefined;
  return value && typeof value.finishedAt === 'string' && Array.isArray(value.projects) ? value : undefined;
}

/**
 * The report history as people think of it: one report per period and audience, with its saved
 * versions inside. Publishing freezes a draft; generating again afterwards starts a new draft of the
 * same report, so a period and audience can hold a published snapshot and a newer draft.
 */
import type { ReportSnapshot } from './model';

type Saved = Pick<ReportSnapshot, 'id' | 'period' | 'audience' | 'status'>;

export interface ReportVersions<T extends Saved> {
  /** Period and audience, e.g. "client_2026-11-30_2026-12-06". */
  key: string;
  /** What the report is now: its published snapshot, else its newest draft. */
  current: T;
  /** Every saved version, in the order given (newest first for `reports.list`). */
  versions: T[];
}

/** Groups saved snapshots (newest first) by period and audience, keeping the order of each report's newest version. */
export function reportsWithVersions<T extends Saved>(snapshots: readonly T[]): ReportVersions<T>[] {
  const groups = new Map<string, ReportVersions<T>>();
  for (const snapshot of snapshots) {
    const key = `${snapshot.audience}_${snapshot.period.from}_${snapshot.period.to}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { key, current: snapshot, versions: [snapshot] });
      continue;
    }
    group.versions.push(snapshot);
    // The newest published snapshot is what readers see; a later draft does not replace it.
    if (snapshot.status === 'published' && group.current.status !== 'published') group.current = snapshot;
  }
  return [...groups.values()];
}

/**
 * What the PM says about a project's period, shared by every audience's report of it (issue 17):
 * the status set by hand and the narrative. Before, each audience's snapshot kept its own, so the
 * same week read "At risk" to the team and "Off track" to managers. A report saved for any
 * audience writes it; every audience's preview and draft of the same period reads it.
 */
import kvs from '@forge/kvs';
import type { ReportPeriod, ReportSection, StatusOverride } from '../domain/model';

export interface PeriodWords {
  override?: StatusOverride;
  narrative?: Partial<Record<ReportSection, string>>;
  updatedAt: string;
  updatedBy: string;
}

export function periodWordsKey(projectKey: string, period: Pick<ReportPeriod, 'from' | 'to'>): string {
  return `report-period:${projectKey}:${period.from}:${period.to}`;
}

export async function readPeriodWords(projectKey: string, period: Pick<ReportPeriod, 'from' | 'to'>): Promise<PeriodWords | undefined> {
  const value = (await kvs.get(periodWordsKey(projectKey, period))) as PeriodWords | undefined;
  return value && typeof value === 'object' && typeof value.updatedAt === 'string' ? value : undefined;
}

export async function writePeriodWords(projectKey: string, period: Pick<ReportPeriod, 'from' | 'to'>, words: PeriodWords): Promise<void> {
  await kvs.set(periodWordsKey(projectKey, period), words);
}

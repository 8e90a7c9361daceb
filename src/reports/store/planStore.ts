/**
 * Issue 17: a project's decisions needed and its plan baselines, in the `project-plan` custom
 * entity (manifest.yml):
 * - `decisions:<projectKey>` (kind `decisions`): one versioned document; a write is conditioned on
 *   the version the PM edited, so two people editing at once get CONFLICT instead of losing one edit;
 * - `baseline:<projectKey>:<id>` (kind `baseline`): one record per baseline, at most BASELINES_KEPT
 *   a project (taking one more deletes the oldest).
 */
import kvs, { Filter, FilterConditions, ForgeKvsAPIError } from '@forge/kvs';
import { parseDecisions, type DecisionsDocument } from '../domain/decisions';
import { AppError } from '../../platform/domain/errors';
import { BASELINES_KEPT, type PlanBaseline } from '../domain/plan';
import { collectIndexPages } from '../../platform/store/indexPages';

export const PLAN_ENTITY = 'project-plan';
const BY_PROJECT_KIND = 'by-project-kind';

interface PlanRecord {
  projectKey: string;
  kind: 'decisions' | 'baseline';
  version: number;
  updatedAt: string;
  document: unknown;
}

const decisionsKey = (projectKey: string) => `decisions:${projectKey}`;
const baselineKey = (projectKey: string, id: string) => `baseline:${projectKey}:${id}`;
const entity = () => kvs.entity<PlanRecord>(PLAN_ENTITY);

export async function readDecisions(projectKey: string): Promise<DecisionsDocument> {
  const record = await entity().get(decisionsKey(projectKey));
  return parseDecisions(record?.document);
}

/** Writes the next version of the decisions, if the stored one is still `expected` (else CONFLICT). */
export async function writeDecisions(projectKey: string, expected: number, next: DecisionsDocument, at: Date): Promise<void> {
  const unchanged =
    expected === 0
      ? new Filter<PlanRecord>().and('version', FilterConditions.notExists())
      : new Filter<PlanRecord>().and('version', FilterConditions.equalTo(expected));
  const record: PlanRecord = { projectKey, kind: 'decisions', version: next.version, updatedAt: at.toISOString(), document: next };
  try {
    await kvs.transact().set(decisionsKey(projectKey), record, { entityName: PLAN_ENTITY, conditions: unchanged }).execute();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) {
      const current = await readDecisions(projectKey);
      if (current.version !== expected) throw new AppError('CONFLICT', 'Someone changed the decisions since you opened them: reload and try again', { cause: error });
      throw new AppError('UPSTREAM', `Forge storage refused the save: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** The project's baselines, oldest first (at most BASELINES_KEPT, plus any a concurrent write added). */
export async function listBaselines(projectKey: string): Promise<PlanBaseline[]> {
  const { results } = await collectIndexPages(() => entity().query().index(BY_PROJECT_KIND, { partition: [projectKey, 'baseline'] }), BASELINES_KEPT * 2);
  return results
    .map((r) => r.value.document as PlanBaseline)
    .filter((b) => typeof b?.id === 'string' && Array.isArray(b.items))
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt));
}

/** Stores a baseline and deletes the oldest beyond BASELINES_KEPT. */
export async function saveBaseline(baseline: PlanBaseline): Promise<void> {
  const record: PlanRecord = { projectKey: baseline.projectKey, kind: 'baseline', version: 1, updatedAt: baseline.takenAt, document: baseline };
  await entity().set(baselineKey(baseline.projectKey, baseline.id), record);
  const all = await listBaselines(baseline.projectKey);
  const excess = all.slice(0, Math.max(0, all.length - BASELINES_KEPT));
  await Promise.all(excess.map((old) => entity().delete(baselineKey(baseline.projectKey, old.id))));
}

/**
 * Report snapshots in the Forge custom entity `report` (manifest.yml `app.storage.entities`): one
 * record per report, keyed `<projectKey>:<id>`, holding the bounded ReportModel and what the
 * history list needs as flat, indexed attributes.
 *
 * Versioned saves (as settingsStore.ts): a save names the version it edited; the write is one KVS
 * transaction conditioned on "the stored version is still that one" (or "nothing stored" for a new
 * report) with its audit entry, so both land or neither does, and a stale version is a CONFLICT.
 * A published snapshot is frozen: what the client read stays what it was.
 *
 * Indexes: `by-project-generated` (history, newest first), `by-project-audience-status` (the
 * client's published reports), `by-project-notice` (scheduled drafts nobody opened yet: the
 * `notice` attribute is present only until the draft is opened, so the sparse index drops it then).
 */
import kvs, { Filter, FilterConditions, ForgeKvsAPIError, Sort } from '@forge/kvs';
import type { AuditEntry } from '../../platform/domain/audit';
import { AppError } from '../../platform/domain/errors';
import { byteSize } from '../domain/bound';
import type { ReportAudience, ReportModel, ReportSnapshot, ReportSnapshotStatus, StatusOverride } from '../domain/model';
import { auditKey } from '../../platform/store/auditStore';
import { CHANGE_BY_PROJECT, CHANGE_ENTITY, type ChangeRecord } from '../../changes/store/changeStore';
import { collectIndexPages } from '../../platform/store/indexPages';
import { AUDIT_ENTITY } from '../../platform/store/entities';

export const REPORT_ENTITY = 'report';
export const REPORTS_BY_PROJECT_GENERATED = 'by-project-generated';
export const REPORTS_BY_PROJECT_AUDIENCE_STATUS = 'by-project-audience-status';
export const REPORTS_BY_PROJECT_NOTICE = 'by-project-notice';

/** The KVS value limit is 240 KiB; the record (model + attributes) must stay below it with room to spare. */
export const MAX_RECORD_BYTES = 230 * 1024;

/** Who made the draft: a person from the Reports page, or the report schedule. */
export type ReportSource = 'person' | 'schedule';

/** The author recorded on scheduled drafts (no person made them), and the name shown for it. */
export const SCHEDULE_ACTOR = 'liaison-schedule';
export const SCHEDULE_ACTOR_NAME = 'Report schedule';

/** The stored record: the snapshot plus flat attributes for the indexes. */
export interface ReportRecord extends ReportSnapshot {
  periodFrom: string;
  periodTo: string;
  source: ReportSource;
  updatedAt: string;
  updatedBy: string;
  /** 'unopened' while a scheduled draft waits for the PM to open it; absent otherwise. */
  notice?: 'unopened';
  /** The PM's override as given (by account id; a client model names the person instead), kept for the next save. */
  statusOverride?: StatusOverride;
}

/** What the history list shows of a snapshot (no model). */
export interface ReportSummary extends Omit<ReportSnapshot, 'model'> {
  source: ReportSource;
  /** The model's effective overall status. */
  overall: ReportModel['status']['effective'];
  /** How the previous report's forecast compared with what happened (when there was one). */
  previousForecast?: NonNullable<ReportModel['deviation']['previousForecast']>;
}

export function reportKey(projectKey: string, id: string): string {
  return `${projectKey}:${id}`;
}

/** The snapshot's own fields of a record, named one by one so that no index attribute goes out with it. */
function snapshotFields(record: ReportRecord): Omit<ReportSnapshot, 'model'> {
  return {
    id: record.id,
    projectKey: record.projectKey,
    period: record.period,
    audience: record.audience,
    status: record.status,
    version: record.version,
    generatedAt: record.generatedAt,
    generatedBy: record.generatedBy,
    ...(record.publishedAt ? { publishedAt: record.publishedAt } : {}),
    ...(record.publishedBy ? { publishedBy: record.publishedBy } : {}),
  };
}

export function snapshotOf(record: ReportRecord): ReportSnapshot {
  return { ...snapshotFields(record), model: record.model };
}

export function summaryOf(record: ReportRecord): ReportSummary {
  return {
    ...snapshotFields(record),
    source: record.source,
    overall: record.model.status.effective,
    ...(record.model.deviation.previousForecast ? { previousForecast: { ...record.model.deviation.previousForecast } } : {}),
  };
}

export async function readReport(projectKey: string, id: string): Promise<ReportRecord | undefined> {
  const record = await kvs.entity<ReportRecord>(REPORT_ENTITY).get(reportKey(projectKey, id));
  // A key is only ever written for its own project; the check keeps a forged id from crossing projects.
  return record && record.projectKey === projectKey ? record : undefined;
}

function conflictOrUpstream(error: ForgeKvsAPIError, current: ReportRecord | undefined, expectedVersion: number): AppError {
  if ((current?.version ?? 0) !== expectedVersion) {
    return new AppError(
      'CONFLICT',
      `Someone else saved this report first (version ${current?.version ?? 0}${current ? ` by ${current.updatedBy}` : ''}). Reload it to see their changes, then apply yours again.`,
      { cause: error },
    );
  }
  return new AppError('UPSTREAM', `Forge storage refused the save: ${error.message}`, { cause: error });
}

/**
 * Writes `record` (its `version` must be `expectedVersion + 1`) and the audit entry in one
 * transaction, conditioned on the stored version. Answers the record as stored.
 */
export async function writeReport(record: ReportRecord, expectedVersion: number, audit: AuditEntry): Promise<ReportRecord> {
  if (record.version !== expectedVersion + 1) throw new Error(`writeReport: version ${record.version} does not follow ${expectedVersion}`);
  const bytes = byteSize(record);
  if (bytes > MAX_RECORD_BYTES) {
    // boundModel keeps models far below this; reaching it is a bug in the bounds, not the user's doing.
    throw new AppError('UPSTREAM', `The report is too large to store (${Math.round(bytes / 1024)} KiB; the limit is ${MAX_RECORD_BYTES / 1024} KiB)`);
  }
  const key = reportKey(record.projectKey, record.id);
  const unchanged =
    expectedVersion === 0
      ? new Filter<ReportRecord>().and('version', FilterConditions.notExists())
      : new Filter<ReportRecord>().and('version', FilterConditions.equalTo(expectedVersion));
  try {
    await kvs
      .transact()
      .set(key, record, { entityName: REPORT_ENTITY, conditions: unchanged })
      .set(auditKey(audit), audit, { entityName: AUDIT_ENTITY })
      .execute();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) throw conflictOrUpstream(error, await readReport(record.projectKey, record.id), expectedVersion);
    throw error;
  }
  return record;
}

/**
 * Marks a scheduled draft as opened (drops its notice), only if nobody saved it since it was read
 * (a save drops the notice itself; writing the older record back would lose that save). The version
 * stays: nothing a person edits changed.
 */
export async function markOpened(record: ReportRecord): Promise<void> {
  if (!record.notice) return;
  const { notice: _notice, ...rest } = record;
  const opened: ReportRecord = rest;
  try {
    await kvs
      .transact()
      .set(reportKey(record.projectKey, record.id), opened, { entityName: REPORT_ENTITY, conditions: new Filter<ReportRecord>().and('version', FilterConditions.equalTo(record.version)) })
      .execute();
  } catch (error) {
    // Saved (or published) meanwhile: that write already dropped the notice.
    if (!(error instanceof ForgeKvsAPIError)) throw error;
  }
}

export interface ReportPage {
  records: ReportRecord[];
  /** More records exist beyond `limit`. */
  truncated: boolean;
}

async function queryIndex(index: string, partition: (string | number | boolean)[], limit: number): Promise<ReportPage> {
  const { results, truncated } = await collectIndexPages(() => kvs.entity<ReportRecord>(REPORT_ENTITY).query().index(index, { partition }).sort(Sort.DESC), limit);
  return { records: results.map((result) => result.value), truncated };
}

/** The project's snapshots, newest first, up to `limit`. */
export function listReports(projectKey: string, limit: number): Promise<ReportPage> {
  return queryIndex(REPORTS_BY_PROJECT_GENERATED, [projectKey], limit);
}

/** The project's snapshots for one audience in one status, newest first. */
export function listReportsFor(projectKey: string, audience: ReportAudience, status: ReportSnapshotStatus, limit: number): Promise<ReportPage> {
  return queryIndex(REPORTS_BY_PROJECT_AUDIENCE_STATUS, [projectKey, audience, status], limit);
}

/** Scheduled drafts of the project nobody has opened yet, newest first. */
export function listUnopened(projectKey: string, limit: number): Promise<ReportPage> {
  return queryIndex(REPORTS_BY_PROJECT_NOTICE, [projectKey, 'unopened'], limit);
}

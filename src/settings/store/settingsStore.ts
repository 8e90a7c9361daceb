/**
 * Versioned settings documents in the Forge custom entity store: one record per project
 * (`settings:<projectKey>`) and one for the site defaults (`site-defaults`).
 *
 * Optimistic concurrency: a save names the version it was edited from. The write is one KVS
 * transaction whose condition is "the stored version is still that one" (or "nothing stored yet"
 * for version 0), and the audit entry is written in the same transaction: either both land, or
 * neither does. A stale version fails the condition and nothing is written (CONFLICT).
 * (Forge KVS keys may not contain '/', hence `settings:<projectKey>`.)
 */
import kvs, { Filter, FilterConditions, ForgeKvsAPIError } from '@forge/kvs';
import type { AuditEntry } from '../../platform/domain/audit';
import { AppError } from '../../platform/domain/errors';
import { parseStoredSettings, type StoredSettings } from '../domain/storedSettings';
import { auditKey } from '../../platform/store/auditStore';
import { collectIndexPages } from '../../platform/store/indexPages';
import { AUDIT_ENTITY, SETTINGS_ENTITY, SITE_DEFAULTS_SCOPE, type SettingsRecord } from '../../platform/store/entities';

export interface VersionedSettings {
  /** 0 when nothing was ever saved. */
  version: number;
  stored: StoredSettings | undefined;
  updatedAt?: string;
  updatedBy?: string;
}

export function projectSettingsKey(projectKey: string): string {
  return `settings:${projectKey}`;
}

export const SITE_DEFAULTS_KEY = 'site-defaults';

async function read(key: string): Promise<VersionedSettings> {
  const record = await kvs.entity<SettingsRecord>(SETTINGS_ENTITY).get(key);
  if (!record) return { version: 0, stored: undefined };
  return { version: record.version, stored: parseStoredSettings(record.document), updatedAt: record.updatedAt, updatedBy: record.updatedBy };
}

export function readProjectSettings(projectKey: string): Promise<VersionedSettings> {
  return read(projectSettingsKey(projectKey));
}

export function readSiteDefaults(): Promise<VersionedSettings> {
  return read(SITE_DEFAULTS_KEY);
}

export interface SaveRequest {
  /** The version the caller edited (0: they saw no saved document). */
  expectedVersion: number;
  document: StoredSettings;
  actor: string;
  at: Date;
  audit: AuditEntry;
}

async function save(key: string, scope: string, request: SaveRequest): Promise<number> {
  const version = request.expectedVersion + 1;
  const record: SettingsRecord = {
    projectKey: scope,
    version,
    updatedAt: request.at.toISOString(),
    updatedBy: request.actor,
    document: request.document,
  };
  const unchanged =
    request.expectedVersion === 0
      ? new Filter<SettingsRecord>().and('version', FilterConditions.notExists())
      : new Filter<SettingsRecord>().and('version', FilterConditions.equalTo(request.expectedVersion));
  try {
    await kvs
      .transact()
      .set(key, record, { entityName: SETTINGS_ENTITY, conditions: unchanged })
      .set(auditKey(request.audit), request.audit, { entityName: AUDIT_ENTITY })
      .execute();
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) {
      // Whatever code the store uses for a failed condition, a moved version is the proof of a conflict.
      const current = await read(key);
      if (current.version !== request.expectedVersion) {
        throw new AppError(
          'CONFLICT',
          `Someone else saved these settings first (version ${current.version}${current.updatedBy ? ` by ${current.updatedBy}` : ''}). Reload to see their changes, then apply yours again.`,
          { cause: error },
        );
      }
      throw new AppError('UPSTREAM', `Forge storage refused the save: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return version;
}

export function saveProjectSettings(projectKey: string, request: SaveRequest): Promise<number> {
  return save(projectSettingsKey(projectKey), projectKey, request);
}

export function saveSiteDefaults(request: SaveRequest): Promise<number> {
  return save(SITE_DEFAULTS_KEY, SITE_DEFAULTS_SCOPE, request);
}

/**
 * The projects that saved their own settings (the site defaults record excluded), through the
 * entity's `projectKey` index, up to `max` (pages of 100; `truncated` when more exist).
 */
export async function listProjectsWithSettings(max: number): Promise<{ projectKeys: string[]; truncated: boolean }> {
  const seen = new Set<string>();
  const { results, truncated } = await collectIndexPages(() => kvs.entity<SettingsRecord>(SETTINGS_ENTITY).query().index('projectKey'), max, ({ value }) => {
    if (value.projectKey === SITE_DEFAULTS_SCOPE || seen.has(value.projectKey)) return false;
    seen.add(value.projectKey);
    return true;
  });
  return { projectKeys: results.map((result) => result.value.projectKey), truncated };
}

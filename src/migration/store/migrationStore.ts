/**
 * Markers of one-time migrations: a plain KVS key per migration and project holding when it ran
 * and what it did, so a second run of the same migration leaves the project alone.
 */
import kvs from '@forge/kvs';

export interface MigrationMarker {
  at: string;
  summary: unknown;
}

function markerKey(migration: string, projectKey: string): string {
  return `migration:${migration}:${projectKey}`;
}

export async function readMigrationMarker(migration: string, projectKey: string): Promise<MigrationMarker | undefined> {
  return (await kvs.get<MigrationMarker>(markerKey(migration, projectKey))) ?? undefined;
}

export async function writeMigrationMarker(migration: string, projectKey: string, marker: MigrationMarker): Promise<void> {
  await kvs.set(markerKey(migration, projectKey), marker);
}

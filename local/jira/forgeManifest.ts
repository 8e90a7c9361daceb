/**
 * Installs the Forge app of manifest.yml into a sandbox site as Jira does on deploy: each
 * `jira:customField` module becomes a custom field (schema.custom = the module's extension ARI),
 * each issue `jira:entityProperty` module becomes a JQL index with its search aliases.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { EntityPropertyIndex, FieldDef, SiteData } from './model';
import type { ForgeIdentity } from './rest/http';
import { nextId } from './rest/mutate';

/** The environment id the local Forge host reports (local/host/runtime.ts LOCAL_IDS). */
export const LOCAL_ENVIRONMENT_ID = '00000000-0000-4000-8000-00000000e0e0';
/** The app id used when manifest.yml has no `app.id` (local/host/runtime.ts uses the same). */
export const FALLBACK_APP_ID = '00000000-0000-4000-8000-000000000a99';

const FIELD_TYPES = new Set(['string', 'number', 'user', 'group', 'date', 'datetime', 'object']);
const VALUE_TYPES = new Set(['number', 'string', 'text', 'user', 'date']);

interface ManifestShape {
  app?: { id?: unknown };
  modules?: Record<string, unknown>;
}

function asList(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === 'object') : [];
}

export function readManifest(path: string): ManifestShape {
  const parsed = parse(readFileSync(path, 'utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object') throw new Error(`${path} is not a YAML mapping`);
  return parsed as ManifestShape;
}

/** The app and environment the site's Forge extension ARIs use. */
export function forgeIdentity(manifest: ManifestShape | null, environmentId = LOCAL_ENVIRONMENT_ID): ForgeIdentity {
  const raw = typeof manifest?.app?.id === 'string' ? manifest.app.id : '';
  const appId = raw.replace(/^ari:cloud:ecosystem::app\//, '') || FALLBACK_APP_ID;
  return { appId, environmentId };
}

/**
 * Registers the manifest's custom fields and entity property indexes in `site`. A field already
 * registered for a module of this app and environment keeps its id (so stored values survive
 * restarts); its name, type and aliases follow the manifest. Another environment of the same app
 * installed on the site (development and production side by side) has fields of its own, with
 * the same name and module key but its own extension id: call this once per environment.
 */
export function installForgeModules(site: SiteData, manifest: ManifestShape, forge: ForgeIdentity): void {
  const modules = manifest.modules ?? {};
  for (const module of asList(modules['jira:customField'])) {
    const key = String(module.key ?? '');
    const type = String(module.type ?? '');
    if (!key) throw new Error('manifest.yml: a jira:customField module has no key');
    if (!FIELD_TYPES.has(type)) throw new Error(`manifest.yml: jira:customField '${key}' has unsupported type '${type}'`);
    const name = String(module.name ?? key);
    const searchAliases: Record<string, { path: string; type: string }> = {};
    const schema = module.schema as { properties?: Record<string, { type?: unknown; searchType?: unknown; searchAlias?: unknown }> } | undefined;
    for (const [property, def] of Object.entries(schema?.properties ?? {})) {
      // Forge object fields say how a property is searched with `searchType` (user, date, ...); `type` is its JSON type.
      if (def && typeof def.searchAlias === 'string') searchAliases[def.searchAlias] = { path: property, type: String(def.searchType ?? def.type ?? 'string') };
    }
    const ari = `ari:cloud:ecosystem::extension/${forge.appId}/${forge.environmentId}/static/${key}`;
    let field = site.fields.find((f) => f.schema?.custom === ari);
    if (!field) {
      const n = nextId(site, 'field');
      field = { id: `customfield_${n}`, key: `customfield_${n}`, name, custom: true, clauseNames: [], searchable: true, navigable: true, orderable: true };
      site.fields.push(field);
    }
    const customId = Number(field.id.replace(/^customfield_/, ''));
    Object.assign(field, {
      name,
      schema: { type: type === 'object' ? 'any' : type, custom: ari, customId },
      clauseNames: [`cf[${customId}]`, name],
      // readOnly: only the app may set the value (through /rest/api/3/app/field/...), never a user's issue edit.
      forge: { moduleKey: key, type, searchAliases, readOnly: module.readOnly === true },
    } satisfies Partial<FieldDef>);
  }

  const indexes: EntityPropertyIndex[] = [];
  for (const module of asList(modules['jira:entityProperty'])) {
    const entityType = String(module.entityType ?? 'issue');
    if (entityType !== 'issue') continue;
    const key = String(module.key ?? '');
    const propertyKey = String(module.propertyKey ?? '');
    if (!key || !propertyKey) throw new Error(`manifest.yml: jira:entityProperty '${key}' needs key and propertyKey`);
    const values = asList(module.values).map((v) => {
      const type = String(v.type ?? '');
      if (!VALUE_TYPES.has(type)) throw new Error(`manifest.yml: jira:entityProperty '${key}' value '${String(v.path)}' has unsupported type '${type}'`);
      return { path: String(v.path ?? ''), type: type as EntityPropertyIndex['values'][number]['type'], ...(typeof v.searchAlias === 'string' ? { searchAlias: v.searchAlias } : {}) };
    });
    indexes.push({ moduleKey: key, propertyKey, entityType: 'issue', values });
  }
  site.entityPropertyIndexes = indexes;
}

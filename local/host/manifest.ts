/**
 * Reads manifest.yml into the typed view the local host needs: function handlers, the modules of
 * each type (with their resolver function and resource), resources and storage entities.
 * Written from the Forge manifest schema (`@forge/manifest` out/schema), not from this app's file:
 * any module type is kept under `modulesByType`; the types the host runs get typed views.
 */
import { readFileSync } from 'node:fs';
import { resolve, dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { EntityAttributeType, EntityDef, EntityIndexDef } from './kvs-rules';

export interface ManifestFunction {
  key: string;
  /** As written: `index.handler`. */
  handler: string;
  /** Module file under src/, without extension: `index`. */
  file: string;
  /** Export name in that file: `handler`. */
  exportName: string;
  timeoutSeconds?: number;
}

export interface ModuleBase {
  /** Manifest module type, e.g. `jira:projectPage`. */
  type: string;
  key: string;
  /** The module as written in manifest.yml. */
  raw: Record<string, unknown>;
}

export interface SubPage {
  title: string;
  route: string;
  icon?: string;
}

/** A Custom UI surface: project/global/admin page, issue panel, issue context, gadget... */
export interface UiModule extends ModuleBase {
  title: string;
  resource?: string;
  /** Function key behind `invoke()` from this module's UI. */
  resolverFunction?: string;
  icon?: string;
  /** `native` for UI Kit; absent for Custom UI. */
  render?: string;
  /** Sub-pages (`pages`, and the pages of every `sections` entry, with their header). */
  pages: (SubPage & { section?: string })[];
  useAsConfig?: boolean;
}

export interface CustomFieldModule extends ModuleBase {
  name: string;
  description: string;
  /** `string|number|user|group|date|datetime|object`. */
  fieldType: string;
  resolverFunction?: string;
  viewResource?: string;
  /** `view.experience`: where Jira renders the view resource (`issue-view`, `portal-view`); elsewhere, and without it, Jira renders the field itself. */
  viewExperiences: string[];
  editResource?: string;
  /** Same as `formatter.expression` (kept for existing callers). */
  formatterExpression?: string;
  /** `formatter` (object fields) or `view.formatter`: a Jira expression over `value` returning a String. */
  formatter?: FieldFormatter;
  /** `readOnly: true`: users cannot edit the field; only the app sets it (PUT /rest/api/3/app/field/{id}/value). */
  readOnly: boolean;
  /** The JSON schema of an `object` field's value, as written. */
  schema?: Record<string, unknown>;
  /** Per-property JQL aliases of an `object` field. */
  searchAliases: Record<string, { property: string; type: string }>;
}

export interface FieldFormatter {
  expression: string;
  /** Use the formatter for CSV export. */
  export?: boolean;
  historyView?: boolean;
}

export interface WorkflowRuleModule extends ModuleBase {
  name: string;
  description: string;
  /** Function key (validators and post functions backed by a function). */
  function?: string;
  /** Jira expression (conditions, expression validators). */
  expression?: string;
  errorMessage?: string;
}

export interface TriggerModule extends ModuleBase {
  function: string;
  /** Subscribed events, each with its own filter (module-level filter applied to plain event lists). */
  events: { eventType: string; filter?: { ignoreSelf?: boolean; expression?: string } }[];
}

export interface ScheduledTriggerModule extends ModuleBase {
  function: string;
  interval: 'fiveMinute' | 'hour' | 'day' | 'week';
}

export interface ConsumerModule extends ModuleBase {
  queue: string;
  /** Function key handling the queue's events. */
  function: string;
  /** With `resolver: { function, method }`: the resolver method to call. */
  method?: string;
}

export interface WebtriggerModule extends ModuleBase {
  function: string;
}

export interface LoadedManifest {
  path: string;
  /** Directory of manifest.yml (the app root). */
  root: string;
  /** `app.id` as written: `ari:cloud:ecosystem::app/<uuid>`. */
  appAri: string;
  /** The uuid part of `app.id` (what `__forge_runtime__.appContext.appId` carries). */
  appId: string;
  runtimeName?: string;
  /** `permissions.scopes`, written as a list or as a map (scope -> `{ allowImpersonation? }`). */
  scopes: string[];
  /** The scopes declared with `allowImpersonation: true` (offline `asUser(accountId)` may use them). */
  impersonationScopes: string[];
  functions: Record<string, ManifestFunction>;
  resources: Record<string, string>;
  entities: EntityDef[];
  /** Every module by type, as written (key + raw). */
  modulesByType: Record<string, ModuleBase[]>;
  projectPages: UiModule[];
  globalPages: UiModule[];
  adminPages: UiModule[];
  issuePanels: UiModule[];
  issueContexts: UiModule[];
  dashboardGadgets: UiModule[];
  customFields: CustomFieldModule[];
  workflowValidators: WorkflowRuleModule[];
  workflowConditions: WorkflowRuleModule[];
  workflowPostFunctions: WorkflowRuleModule[];
  triggers: TriggerModule[];
  scheduledTriggers: ScheduledTriggerModule[];
  consumers: ConsumerModule[];
  webtriggers: WebtriggerModule[];
  /** Any module by its key (keys are unique across types). */
  moduleByKey(key: string): ModuleBase | undefined;
  /** The UI module (page, panel, gadget, field...) with this key. */
  uiModule(key: string): UiModule | CustomFieldModule | undefined;
}

/** The module types whose UI the shell renders in an iframe. */
export const UI_MODULE_TYPES = [
  'jira:projectPage',
  'jira:globalPage',
  'jira:adminPage',
  'jira:issuePanel',
  'jira:issueContext',
  'jira:dashboardGadget',
] as const;

export class ManifestError extends Error {}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** A title may be a string or `{ i18n: key }`; locally we show the key for the latter. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { i18n?: unknown }).i18n === 'string') return (v as { i18n: string }).i18n;
  return undefined;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function resolverFunction(m: Record<string, unknown>): string | undefined {
  return str(record(m.resolver).function);
}

function subPages(list: unknown, section?: string): (SubPage & { section?: string })[] {
  if (!Array.isArray(list)) return [];
  return list
    .map(record)
    .filter((p) => str(p.route))
    .map((p) => ({ title: text(p.title) ?? String(p.route), route: String(p.route), ...(str(p.icon) ? { icon: String(p.icon) } : {}), ...(section ? { section } : {}) }));
}

function toUiModule(type: string, m: Record<string, unknown>): UiModule {
  const sections = Array.isArray(m.sections) ? m.sections.map(record) : [];
  return {
    type,
    key: String(m.key),
    raw: m,
    title: text(m.title) ?? String(m.key),
    resource: str(m.resource),
    resolverFunction: resolverFunction(m),
    icon: str(m.icon),
    render: str(m.render),
    pages: [...subPages(m.pages), ...sections.flatMap((s) => subPages(s.pages, text(s.header)))],
    ...(m.useAsConfig === true ? { useAsConfig: true } : {}),
  };
}

/** Forge takes `permissions.scopes` as a list, or as a map when some scope allows impersonation. */
function scopesOf(raw: unknown): { scopes: string[]; impersonationScopes: string[] } {
  if (Array.isArray(raw)) return { scopes: raw.map(String), impersonationScopes: [] };
  const map = record(raw);
  return {
    scopes: Object.keys(map),
    impersonationScopes: Object.entries(map).filter(([, v]) => record(v).allowImpersonation === true).map(([k]) => k),
  };
}

/** `formatter: { expression, export?, historyView? }` (top level for `object` fields, or under `view`). */
function toFormatter(v: unknown): FieldFormatter | undefined {
  const f = record(v);
  const expression = str(f.expression);
  if (!expression) return undefined;
  return {
    expression,
    ...(typeof f.export === 'boolean' ? { export: f.export } : {}),
    ...(typeof f.historyView === 'boolean' ? { historyView: f.historyView } : {}),
  };
}

/** The fields of every module, with the name (the key when there is none) and description of a field or rule. */
function namedModuleBase(type: string, m: Record<string, unknown>) {
  return { type, key: String(m.key), raw: m, name: text(m.name) ?? String(m.key), description: text(m.description) ?? '' };
}

function toCustomField(type: string, m: Record<string, unknown>): CustomFieldModule {
  const view = record(m.view);
  const edit = record(m.edit);
  const schemaProps = record(record(m.schema).properties);
  const searchAliases: CustomFieldModule['searchAliases'] = {};
  for (const [property, def] of Object.entries(schemaProps)) {
    const alias = str(record(def).searchAlias);
    if (alias) searchAliases[alias] = { property, type: str(record(def).searchType) ?? str(record(def).type) ?? 'string' };
  }
  const formatter = toFormatter(m.formatter) ?? toFormatter(view.formatter);
  return {
    ...namedModuleBase(type, m),
    fieldType: str(m.type) ?? 'string',
    resolverFunction: resolverFunction(m),
    viewResource: str(view.resource) ?? str(m.resource),
    viewExperiences: Array.isArray(view.experience) ? view.experience.filter((e): e is string => typeof e === 'string') : [],
    editResource: str(edit.resource),
    formatterExpression: formatter?.expression,
    ...(formatter ? { formatter } : {}),
    readOnly: m.readOnly === true,
    ...(m.schema && typeof m.schema === 'object' && !Array.isArray(m.schema) ? { schema: m.schema as Record<string, unknown> } : {}),
    searchAliases,
  };
}

function toWorkflowRule(type: string, m: Record<string, unknown>): WorkflowRuleModule {
  return {
    ...namedModuleBase(type, m),
    function: str(m.function),
    expression: str(m.expression),
    errorMessage: text(m.errorMessage),
  };
}

function toTrigger(type: string, m: Record<string, unknown>): TriggerModule {
  const moduleFilter = m.filter ? (record(m.filter) as TriggerModule['events'][number]['filter']) : undefined;
  const events = Array.isArray(m.events)
    ? m.events.map((e) =>
        typeof e === 'string'
          ? { eventType: e, ...(moduleFilter ? { filter: moduleFilter } : {}) }
          : { eventType: String(record(e).eventType), filter: record(record(e).filter) as TriggerModule['events'][number]['filter'] },
      )
    : [];
  return { type, key: String(m.key), raw: m, function: requireFunctionRef(m, type), events };
}

function requireFunctionRef(m: Record<string, unknown>, type: string): string {
  const fn = str(m.function);
  if (!fn) throw new ManifestError(`${type} module '${String(m.key)}' has no function (endpoint-backed modules are not run locally)`);
  return fn;
}

/** `index.handler` -> file `index`, export `handler`; `resolvers/x.run` -> `resolvers/x`, `run`. */
export function parseHandler(handler: string): { file: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) throw new ManifestError(`Function handler '${handler}' is not '<file>.<export>'`);
  return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

function toEntities(raw: unknown): EntityDef[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((e) => {
    const ent = record(e);
    const name = str(ent.name);
    if (!name) throw new ManifestError('app.storage.entities: an entity has no name');
    const attributes: Record<string, EntityAttributeType> = {};
    for (const [attr, def] of Object.entries(record(ent.attributes))) {
      const t = str(record(def).type) as EntityAttributeType | undefined;
      if (!t || !['string', 'boolean', 'float', 'integer', 'any'].includes(t)) {
        throw new ManifestError(`app.storage.entities '${name}': attribute '${attr}' has an unknown type '${String(t)}'`);
      }
      attributes[attr] = t;
    }
    const indexes: EntityIndexDef[] = (Array.isArray(ent.indexes) ? ent.indexes : []).map((ix) => {
      if (typeof ix === 'string') return { name: ix, partition: [], range: [ix] };
      const o = record(ix);
      const range = Array.isArray(o.range) ? o.range.map(String) : [];
      const partition = Array.isArray(o.partition) ? o.partition.map(String) : [];
      if (!str(o.name) || range.length === 0) throw new ManifestError(`app.storage.entities '${name}': an index needs a name and a range`);
      for (const a of [...range, ...partition]) {
        if (!(a in attributes)) throw new ManifestError(`app.storage.entities '${name}': index '${String(o.name)}' uses undeclared attribute '${a}'`);
      }
      return { name: String(o.name), partition, range };
    });
    return { name, attributes, indexes };
  });
}

/** Parses a manifest.yml text (for tests) or the file at `path`. */
export function loadManifest(path = 'manifest.yml', textOverride?: string): LoadedManifest {
  const fullPath = resolve(path);
  const source = textOverride ?? readFileSync(fullPath, 'utf8');
  let doc: Record<string, unknown>;
  try {
    doc = record(parse(source));
  } catch (e) {
    throw new ManifestError(`${fullPath}: not valid YAML (${(e as Error).message})`);
  }
  const app = record(doc.app);
  const appAri = str(app.id);
  if (!appAri) throw new ManifestError(`${fullPath}: app.id is missing`);
  const appId = appAri.replace(/^ari:cloud:ecosystem::app\//, '');
  const modules = record(doc.modules);

  const modulesByType: Record<string, ModuleBase[]> = {};
  const byKey = new Map<string, ModuleBase>();
  for (const [type, list] of Object.entries(modules)) {
    if (!Array.isArray(list)) continue;
    modulesByType[type] = list.map((m) => {
      const raw = record(m);
      const key = str(raw.key);
      if (!key) throw new ManifestError(`${fullPath}: a ${type} module has no key`);
      if (byKey.has(key)) throw new ManifestError(`${fullPath}: module key '${key}' is used twice`);
      const base = { type, key, raw };
      byKey.set(key, base);
      return base;
    });
  }
  const of = (type: string) => (modulesByType[type] ?? []).map((m) => m.raw);

  const functions: Record<string, ManifestFunction> = {};
  for (const f of of('function')) {
    const handler = str(f.handler);
    if (!handler) throw new ManifestError(`${fullPath}: function '${String(f.key)}' has no handler`);
    functions[String(f.key)] = {
      key: String(f.key),
      handler,
      ...parseHandler(handler),
      ...(typeof f.timeoutSeconds === 'number' ? { timeoutSeconds: f.timeoutSeconds } : {}),
    };
  }

  const resources: Record<string, string> = {};
  for (const r of Array.isArray(doc.resources) ? doc.resources.map(record) : []) {
    if (str(r.key) && str(r.path)) resources[String(r.key)] = String(r.path);
  }

  const ui = (type: string) => of(type).map((m) => toUiModule(type, m));
  const rules = (type: string) => of(type).map((m) => toWorkflowRule(type, m));
  const customFields = [...of('jira:customField').map((m) => toCustomField('jira:customField', m)), ...of('jira:customFieldType').map((m) => toCustomField('jira:customFieldType', m))];

  const loaded: LoadedManifest = {
    path: fullPath,
    root: dirname(fullPath),
    appAri,
    appId,
    runtimeName: str(record(app.runtime).name),
    ...scopesOf(record(doc.permissions).scopes),
    functions,
    resources,
    entities: toEntities(record(app.storage).entities),
    modulesByType,
    projectPages: ui('jira:projectPage'),
    globalPages: ui('jira:globalPage'),
    adminPages: ui('jira:adminPage'),
    issuePanels: ui('jira:issuePanel'),
    issueContexts: ui('jira:issueContext'),
    dashboardGadgets: ui('jira:dashboardGadget'),
    customFields,
    workflowValidators: rules('jira:workflowValidator'),
    workflowConditions: rules('jira:workflowCondition'),
    workflowPostFunctions: rules('jira:workflowPostFunction'),
    triggers: of('trigger').map((m) => toTrigger('trigger', m)),
    scheduledTriggers: of('scheduledTrigger').map((m) => ({
      type: 'scheduledTrigger',
      key: String(m.key),
      raw: m,
      function: requireFunctionRef(m, 'scheduledTrigger'),
      interval: String(m.interval) as ScheduledTriggerModule['interval'],
    })),
    consumers: of('consumer').map((m) => {
      const resolver = record(m.resolver);
      const fn = str(resolver.function) ?? str(m.function);
      if (!fn) throw new ManifestError(`consumer '${String(m.key)}' has no function`);
      return { type: 'consumer', key: String(m.key), raw: m, queue: String(m.queue), function: fn, ...(str(resolver.method) ? { method: String(resolver.method) } : {}) };
    }),
    webtriggers: of('webtrigger').map((m) => ({ type: 'webtrigger', key: String(m.key), raw: m, function: requireFunctionRef(m, 'webtrigger') })),
    moduleByKey: (key) => byKey.get(key),
    uiModule: (key) => {
      const m = byKey.get(key);
      if (!m) return undefined;
      if ((UI_MODULE_TYPES as readonly string[]).includes(m.type)) return toUiModule(m.type, m.raw);
      if (m.type === 'jira:customField' || m.type === 'jira:customFieldType') return toCustomField(m.type, m.raw);
      return undefined;
    },
  };

  // Every function reference must name a declared function, as `forge lint` insists.
  const refs: [string, string | undefined][] = [
    ...[...loaded.projectPages, ...loaded.globalPages, ...loaded.adminPages, ...loaded.issuePanels, ...loaded.issueContexts, ...loaded.dashboardGadgets].map(
      (m) => [m.key, m.resolverFunction] as [string, string | undefined],
    ),
    ...loaded.customFields.map((m) => [m.key, m.resolverFunction] as [string, string | undefined]),
    ...[...loaded.workflowValidators, ...loaded.workflowPostFunctions].map((m) => [m.key, m.function] as [string, string | undefined]),
    ...[...loaded.triggers, ...loaded.scheduledTriggers, ...loaded.consumers, ...loaded.webtriggers].map((m) => [m.key, m.function] as [string, string]),
  ];
  for (const [key, fn] of refs) {
    if (fn && !functions[fn]) throw new ManifestError(`${fullPath}: module '${key}' refers to function '${fn}', which is not declared`);
  }
  return loaded;
}

/** Absolute path of a resource's folder (e.g. `static/project-page/build`). */
export function resourcePath(manifest: LoadedManifest, resourceKey: string): string | undefined {
  const p = manifest.resources[resourceKey];
  return p ? join(manifest.root, p) : undefined;
}

/**
 * An in-memory Forge storage service speaking the wire protocol of `@forge/kvs` 1.6:
 * `POST /api/v1/{get,set,delete,query}`, `/api/v1/entity/{get,set,delete,query}`,
 * `/api/v1/batch/{set,get,delete}`, `/api/v1/transaction`, `/api/v1/secret/{get,set,delete}`.
 * The runtime (runtime.ts) routes `__forge_fetch__({ type: 'kvs' }, path, init)` here.
 *
 * Errors answer the way Forge's storage service does: a non-2xx status with `{ code, message }`
 * (`KEY_NOT_FOUND` 404, key/value limit codes 400, `KEY_CONFLICT` 409), which `@forge/kvs` turns
 * into `ForgeKvsAPIError` (or `undefined` for a missing key on get).
 *
 * Custom entities follow the manifest's `app.storage.entities`: values are checked against the
 * declared attribute types, and queries run over an index (partition attributes matched exactly,
 * the range attribute ordered and narrowed by `range`); `filters` apply to the page the index
 * yields, after `limit`, as in Forge, so a page can hold fewer items than asked for.
 *
 * Optional persistence: with `dataFile`, the store loads from it on construction and writes it
 * (debounced; temp file + rename so a crash never leaves half a file) after changes and on close.
 */
import { readFileSync, existsSync } from 'node:fs';
import { rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  badRequest, checkCondition, checkFilterGroup, checkKey, checkLimit, checkMetadataFields, checkValue, compareScalars, decodeCursor, encodeCursor,
  ENTITY_NAME_PATTERN, isPlainObject, KvsError, KVS_LIMITS, matchesCondition, matchesFilters, notFound, obj, optionalArray, RANGE_CONDITIONS, TTL_UNIT_MS,
  type EntityDef, type KvsAnswer,
} from './kvs-rules';

export interface KvsBackendOptions {
  /** Custom entities as declared in manifest.yml `app.storage.entities`. */
  entities?: EntityDef[];
  /** JSON file to load from and persist to. */
  dataFile?: string;
  /** Delay before a change is written to `dataFile` (ms). */
  saveDelayMs?: number;
  /** Clock, for TTL tests. */
  now?: () => number;
}

export { KVS_LIMITS } from './kvs-rules';

interface StoredRecord {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  /** Epoch ms after which the record no longer exists (TTL). */
  expiresAt?: number;
}

interface PersistedStore {
  version: 1;
  kv: Record<string, StoredRecord>;
  secrets: Record<string, StoredRecord>;
  entities: Record<string, Record<string, StoredRecord>>;
}

export class KvsBackend {
  private kv = new Map<string, StoredRecord>();
  private secrets = new Map<string, StoredRecord>();
  private entityStores = new Map<string, Map<string, StoredRecord>>();
  private entityDefs = new Map<string, EntityDef>();
  private readonly dataFile?: string;
  private readonly saveDelayMs: number;
  private readonly now: () => number;
  private saveTimer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;

  constructor(opts: KvsBackendOptions = {}) {
    this.dataFile = opts.dataFile;
    this.saveDelayMs = opts.saveDelayMs ?? 250;
    this.now = opts.now ?? Date.now;
    this.setEntities(opts.entities ?? []);
    if (this.dataFile && existsSync(this.dataFile)) this.load(this.dataFile);
  }

  /** Replaces the custom entity declarations (e.g. after manifest.yml changed). */
  setEntities(defs: EntityDef[]): void {
    this.entityDefs = new Map(defs.map((d) => [d.name, d]));
  }

  /** Answers one storage request. */
  handle(path: string, body: unknown): KvsAnswer {
    if (this.closed) return new KvsError(503, 'SERVICE_UNAVAILABLE', 'The storage service is closed').answer();
    try {
      const req = isPlainObject(body) || Array.isArray(body) ? body : undefined;
      if (req === undefined) throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
      const route = path.replace(/^\/+/, '/').replace(/\?.*$/, '');
      switch (route) {
        case '/api/v1/get': return this.get(this.kv, obj(req));
        case '/api/v1/set': return this.set(this.kv, obj(req), undefined);
        case '/api/v1/delete': return this.delete(this.kv, obj(req));
        case '/api/v1/query': return this.queryKeys(obj(req));
        case '/api/v1/secret/get': return this.get(this.secrets, obj(req));
        case '/api/v1/secret/set': return this.set(this.secrets, obj(req), undefined);
        case '/api/v1/secret/delete': return this.delete(this.secrets, obj(req));
        case '/api/v1/entity/get': return this.get(this.entityStore(obj(req).entityName), obj(req));
        case '/api/v1/entity/set': {
          const def = this.entityDef(obj(req).entityName);
          return this.set(this.entityStore(def.name), obj(req), def);
        }
        case '/api/v1/entity/delete': return this.delete(this.entityStore(obj(req).entityName), obj(req));
        case '/api/v1/entity/query': return this.queryEntity(obj(req));
        case '/api/v1/batch/set': return this.batchSet(req);
        case '/api/v1/batch/get': return this.batchGet(req);
        case '/api/v1/batch/delete': return this.batchDelete(req);
        case '/api/v1/transaction': return this.transact(obj(req));
        default:
          return { status: 404, body: { code: 'NOT_FOUND', message: `No storage operation at ${path}` } };
      }
    } catch (e) {
      if (e instanceof KvsError) return e.answer();
      throw e;
    }
  }

  /** The transport `__forge_fetch__` uses: a real `Response`, as from Forge's storage service. */
  async fetch(path: string, init?: { method?: string; body?: unknown }): Promise<Response> {
    if ((init?.method ?? 'GET').toUpperCase() !== 'POST') {
      return jsonResponse({ status: 405, body: { code: 'METHOD_NOT_ALLOWED', message: 'Storage operations use POST' } });
    }
    let body: unknown;
    try {
      body = typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body;
    } catch {
      return jsonResponse({ status: 400, body: { code: 'BAD_REQUEST', message: 'Provided request body is invalid' } });
    }
    return jsonResponse(this.handle(path, body));
  }

  /** Number of live records per namespace (for tests and the shell). */
  stats(): { kv: number; secrets: number; entities: Record<string, number> } {
    const live = (m: Map<string, StoredRecord>) => [...m.values()].filter((r) => !this.expired(r)).length;
    const entities: Record<string, number> = {};
    for (const [name, store] of this.entityStores) entities[name] = live(store);
    return { kv: live(this.kv), secrets: live(this.secrets), entities };
  }

  /** Drops every record (and schedules the emptied store to be saved). */
  clear(): void {
    this.kv.clear();
    this.secrets.clear();
    this.entityStores.clear();
    this.changed();
  }

  /** Writes pending changes to `dataFile` now. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    if (this.dataFile && this.dirty) {
      this.dirty = false;
      const file = this.dataFile;
      const text = JSON.stringify(this.snapshot());
      this.writing = this.writing.then(() => writeAtomically(file, text));
    }
    await this.writing;
  }

  /** Flushes and stops answering. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  // ---- operations -------------------------------------------------------------------------

  private get(store: Map<string, StoredRecord>, req: Record<string, unknown>): KvsAnswer {
    const key = checkKey(req.key);
    const rec = this.live(store, key);
    if (!rec) throw notFound();
    return { status: 200, body: this.describe(key, rec) };
  }

  private set(store: Map<string, StoredRecord>, req: Record<string, unknown>, entity: EntityDef | undefined): KvsAnswer {
    const key = checkKey(req.key);
    const value = checkValue(req.value, entity);
    const options = isPlainObject(req.options) ? req.options : {};
    const previous = this.live(store, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw new KvsError(409, 'KEY_CONFLICT', `The key '${key}' already exists`);
    }
    const rec = this.write(store, key, value, options.ttl, previous);
    if (options.keyPolicy === 'OVERRIDE' && (options.returnValue === 'PREVIOUS' || options.returnValue === 'LATEST')) {
      const shown = options.returnValue === 'PREVIOUS' ? previous : rec;
      return shown ? { status: 200, body: this.describe(key, shown) } : { status: 204 };
    }
    return { status: 204 };
  }

  private delete(store: Map<string, StoredRecord>, req: Record<string, unknown>): KvsAnswer {
    const key = checkKey(req.key);
    if (!this.live(store, key)) throw notFound();
    store.delete(key);
    this.changed();
    return { status: 204 };
  }

  private queryKeys(req: Record<string, unknown>): KvsAnswer {
    const limit = checkLimit(req.limit, KVS_LIMITS.listQueryLimit, 'LIST_QUERY_LIMIT_EXCEEDED', 'Limit for list query should be below 100.');
    let prefix: string | undefined;
    if (req.where !== undefined && req.where !== null) {
      if (!Array.isArray(req.where) || req.where.length !== 1) {
        throw badRequest('QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
      }
      const where = req.where[0] as Record<string, unknown>;
      if (where?.property !== 'key') throw badRequest('QUERY_WHERE_FIELD_INVALID', 'The specified field is not supported for filters.');
      const c = checkCondition(where, new Set(['BEGINS_WITH']));
      prefix = String(c.values[0]);
    }
    const after = req.after !== undefined && req.after !== null ? decodeCursor(req.after) : undefined;
    if (after !== undefined && typeof after !== 'string') throw badRequest('INVALID_CURSOR', 'The provided cursor is invalid.');
    const keys = [...this.kv.keys()]
      .filter((k) => (prefix === undefined || k.startsWith(prefix)) && (after === undefined || k > after) && !this.expired(this.kv.get(k)!))
      .sort();
    const page = keys.slice(0, limit);
    const metadata = checkMetadataFields(req);
    const data = page.map((k) => this.describe(k, this.kv.get(k)!, metadata));
    return { status: 200, body: { data, ...(keys.length > limit ? { cursor: encodeCursor(page[page.length - 1]) } : {}) } };
  }

  private queryEntity(req: Record<string, unknown>): KvsAnswer {
    const def = this.entityDef(req.entityName);
    const index = def.indexes.find((i) => i.name === req.indexName);
    if (!index) {
      throw badRequest('INVALID_ENTITY_INDEX', `The custom entity index '${String(req.indexName)}' is not declared for entity '${def.name}'.`);
    }
    const limit = checkLimit(req.limit, KVS_LIMITS.entityQueryLimit, 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE', 'The page limit must be set between 1 and 100.');
    const partition = req.partition ?? [];
    if (!Array.isArray(partition) || partition.length !== index.partition.length) {
      throw badRequest('BAD_REQUEST', `Index '${index.name}' needs a partition of ${index.partition.length} value(s) (${index.partition.join(', ') || 'none'}).`);
    }
    const range = req.range !== undefined && req.range !== null ? checkCondition(req.range, RANGE_CONDITIONS) : undefined;
    const filters = checkFilterGroup(req.filters);
    const sort = req.sort ?? 'ASC';
    if (sort !== 'ASC' && sort !== 'DESC') throw badRequest('BAD_REQUEST', "sort must be 'ASC' or 'DESC'");
    const direction = sort === 'ASC' ? 1 : -1;

    type Entry = { key: string; rec: StoredRecord; rangeValues: unknown[] };
    const entries: Entry[] = [];
    for (const [key, rec] of this.entityStore(def.name)) {
      if (this.expired(rec)) continue;
      const value = rec.value as Record<string, unknown>;
      // Sparse index: an item missing any indexed attribute is not in the index.
      if (![...index.partition, ...index.range].every((a) => value[a] !== undefined && value[a] !== null)) continue;
      if (!index.partition.every((a, i) => value[a] === partition[i])) continue;
      const rangeValues = index.range.map((a) => value[a]);
      if (range && !matchesCondition(rangeValues[0], true, range)) continue;
      entries.push({ key, rec, rangeValues });
    }
    const order = (a: { key: string; rangeValues: unknown[] }, b: { key: string; rangeValues: unknown[] }) => {
      for (let i = 0; i < a.rangeValues.length; i++) {
        const c = compareScalars(a.rangeValues[i], b.rangeValues[i]);
        if (c !== 0) return c * direction;
      }
      return (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) * direction;
    };
    entries.sort(order);
    let start = 0;
    if (req.cursor !== undefined && req.cursor !== null) {
      const pos = decodeCursor(req.cursor) as { key?: unknown; range?: unknown };
      if (!isPlainObject(pos) || typeof pos.key !== 'string' || !Array.isArray(pos.range)) {
        throw badRequest('INVALID_CURSOR', 'The provided cursor is invalid.');
      }
      const marker = { key: pos.key, rangeValues: pos.range };
      start = entries.findIndex((e) => order(e, marker) > 0);
      if (start < 0) start = entries.length;
    }
    const page = entries.slice(start, start + limit);
    const more = start + limit < entries.length;
    const metadata = checkMetadataFields(req);
    const data = page.filter((e) => matchesFilters(e.rec.value, filters)).map((e) => this.describe(e.key, e.rec, metadata));
    const last = page[page.length - 1];
    return { status: 200, body: { data, ...(more && last ? { cursor: encodeCursor({ key: last.key, range: last.rangeValues }) } : {}) } };
  }

  private batchItems(req: unknown): Record<string, unknown>[] {
    if (!Array.isArray(req) || req.length === 0) throw badRequest('BAD_REQUEST', 'A batch operation needs at least one key.');
    if (req.length > KVS_LIMITS.batchItems) throw badRequest('BAD_REQUEST', `A batch operation can contain at most ${KVS_LIMITS.batchItems} keys.`);
    const seen = new Set<string>();
    for (const item of req) {
      if (!isPlainObject(item)) throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
      const id = `${String(item.entityName ?? '')}\u0000${String(item.key)}`;
      if (seen.has(id)) throw badRequest('BAD_REQUEST', `The key '${String(item.key)}' appears more than once in the batch.`);
      seen.add(id);
    }
    return req as Record<string, unknown>[];
  }

  private batchSet(req: unknown): KvsAnswer {
    return this.runBatch(req, (item) => {
      const def = item.entityName !== undefined ? this.entityDef(item.entityName) : undefined;
      const store = def ? this.entityStore(def.name) : this.kv;
      const key = checkKey(item.key);
      const value = checkValue(item.value, def);
      const options = isPlainObject(item.options) ? item.options : {};
      this.write(store, key, value, options.ttl, this.live(store, key));
      return undefined;
    });
  }

  private batchGet(req: unknown): KvsAnswer {
    return this.runBatch(req, (item) => {
      const store = item.entityName !== undefined ? this.entityStore(item.entityName) : this.kv;
      const key = checkKey(item.key);
      const rec = this.live(store, key);
      if (!rec) throw notFound();
      const options = isPlainObject(item.options) ? item.options : {};
      const metadata = Array.isArray(options.metadataFields) ? (options.metadataFields as string[]) : ['CREATED_AT', 'UPDATED_AT', 'EXPIRE_TIME'];
      return this.describe(key, rec, metadata);
    });
  }

  private batchDelete(req: unknown): KvsAnswer {
    return this.runBatch(req, (item) => {
      const store = item.entityName !== undefined ? this.entityStore(item.entityName) : this.kv;
      const key = checkKey(item.key);
      if (!this.live(store, key)) throw notFound();
      store.delete(key);
      this.changed();
      return undefined;
    });
  }

  /** Each item succeeds or fails on its own, as Forge's batch operations do. */
  private runBatch(req: unknown, op: (item: Record<string, unknown>) => Record<string, unknown> | undefined): KvsAnswer {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of this.batchItems(req)) {
      const id = { key: item.key, ...(item.entityName !== undefined ? { entityName: item.entityName } : {}) };
      try {
        const extra = op(item);
        successfulKeys.push({ ...id, ...(extra ?? {}) });
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({ ...id, error: { code: e.code, message: e.message } });
      }
    }
    return { status: 200, body: { successfulKeys, failedKeys } };
  }

  /** All operations commit together, or none does when a condition or a limit fails. */
  private transact(req: Record<string, unknown>): KvsAnswer {
    const sets = optionalArray(req.set), deletes = optionalArray(req.delete), checks = optionalArray(req.check);
    const total = sets.length + deletes.length + checks.length;
    if (total === 0) throw badRequest('BAD_REQUEST', 'A transaction needs at least one operation.');
    if (total > KVS_LIMITS.transactionOperations) {
      throw badRequest('BAD_REQUEST', `A transaction can contain at most ${KVS_LIMITS.transactionOperations} operations.`);
    }
    const seen = new Set<string>();
    type Planned = { store: Map<string, StoredRecord>; key: string; value?: unknown; ttl?: unknown; remove: boolean };
    const plan: Planned[] = [];
    const failures: string[] = [];
    const visit = (op: Record<string, unknown>, kind: 'set' | 'delete' | 'check') => {
      const key = checkKey(op.key);
      const def = op.entityName !== undefined ? this.entityDef(op.entityName) : undefined;
      const id = `${def?.name ?? ''}\u0000${key}`;
      if (seen.has(id)) throw badRequest('BAD_REQUEST', `The key '${key}' is used more than once in the transaction.`);
      seen.add(id);
      const store = def ? this.entityStore(def.name) : this.kv;
      const current = this.live(store, key);
      const conditions = checkFilterGroup(op.conditions);
      if (kind === 'check' && !conditions) throw badRequest('BAD_REQUEST', `A check on '${key}' needs conditions.`);
      if (conditions && !def) throw badRequest('BAD_REQUEST', `Conditions on '${key}' need an entityName.`);
      if (kind === 'check' && !current) failures.push(`'${key}' does not exist`);
      else if (conditions && !matchesFilters(current?.value, conditions)) failures.push(`conditions on '${key}' are not met`);
      if (kind === 'set') {
        const options = isPlainObject(op.options) ? op.options : {};
        plan.push({ store, key, value: checkValue(op.value, def), ttl: options.ttl, remove: false });
      } else if (kind === 'delete') {
        plan.push({ store, key, remove: true });
      }
    };
    sets.forEach((op) => visit(op, 'set'));
    deletes.forEach((op) => visit(op, 'delete'));
    checks.forEach((op) => visit(op, 'check'));
    if (failures.length) {
      throw new KvsError(409, 'CONDITIONAL_CHECK_FAILED', `Transaction cancelled: ${failures.join('; ')}`);
    }
    for (const p of plan) {
      if (p.remove) {
        if (p.store.delete(p.key)) this.changed();
      } else {
        this.write(p.store, p.key, p.value, p.ttl, this.live(p.store, p.key));
      }
    }
    return { status: 204 };
  }

  // ---- records ------------------------------------------------------------------------------

  private write(store: Map<string, StoredRecord>, key: string, value: unknown, ttl: unknown, previous: StoredRecord | undefined): StoredRecord {
    const now = this.now();
    const rec: StoredRecord = { value: structuredClone(value), createdAt: previous?.createdAt ?? now, updatedAt: now };
    if (ttl !== undefined) {
      if (!isPlainObject(ttl) || typeof ttl.value !== 'number' || ttl.value <= 0 || !(String(ttl.unit) in TTL_UNIT_MS)) {
        throw badRequest('BAD_REQUEST', 'ttl needs a positive value and a unit of SECONDS, MINUTES, HOURS or DAYS');
      }
      rec.expiresAt = now + ttl.value * TTL_UNIT_MS[String(ttl.unit)];
    }
    store.set(key, rec);
    this.changed();
    return rec;
  }

  private describe(key: string, rec: StoredRecord, metadata?: string[]): Record<string, unknown> {
    const all = metadata === undefined;
    return {
      key,
      value: structuredClone(rec.value),
      ...(all || metadata.includes('CREATED_AT') ? { createdAt: rec.createdAt } : {}),
      ...(all || metadata.includes('UPDATED_AT') ? { updatedAt: rec.updatedAt } : {}),
      ...((all || metadata.includes('EXPIRE_TIME')) && rec.expiresAt !== undefined ? { expireTime: new Date(rec.expiresAt).toISOString() } : {}),
    };
  }

  private expired(rec: StoredRecord): boolean {
    return rec.expiresAt !== undefined && rec.expiresAt <= this.now();
  }

  private live(store: Map<string, StoredRecord>, key: string): StoredRecord | undefined {
    const rec = store.get(key);
    if (!rec) return undefined;
    if (this.expired(rec)) {
      store.delete(key);
      this.changed();
      return undefined;
    }
    return rec;
  }

  private entityDef(name: unknown): EntityDef {
    if (typeof name !== 'string' || name.length < 3) {
      throw badRequest('ENTITY_TYPE_TOO_SHORT', 'The provided entity name needs to be more than 3 characters.');
    }
    if (name.length > 60) throw badRequest('ENTITY_TYPE_TOO_LARGE', 'The provided entity name has exceeded the maximum 60 characters.');
    if (!ENTITY_NAME_PATTERN.test(name)) {
      throw badRequest('INVALID_ENTITY_TYPE', `The entity name '${name}' does not match /^(?![\\.\\-])(?!.*\\.{2})[a-z0-9:\\-.]*(?<![.])$/.`);
    }
    const def = this.entityDefs.get(name);
    if (!def) throw badRequest('INVALID_ENTITY_TYPE', `The entity '${name}' is not declared in manifest.yml app.storage.entities.`);
    return def;
  }

  private entityStore(name: unknown): Map<string, StoredRecord> {
    const def = this.entityDef(name);
    let store = this.entityStores.get(def.name);
    if (!store) {
      store = new Map();
      this.entityStores.set(def.name, store);
    }
    return store;
  }

  // ---- persistence --------------------------------------------------------------------------

  private changed(): void {
    if (!this.dataFile) return;
    this.dirty = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.flush().catch((e) => console.error(`Could not save the KVS to ${this.dataFile}:`, e));
    }, this.saveDelayMs);
    this.saveTimer.unref();
  }

  private snapshot(): PersistedStore {
    const dump = (m: Map<string, StoredRecord>) => Object.fromEntries([...m].filter(([, r]) => !this.expired(r)));
    return {
      version: 1,
      kv: dump(this.kv),
      secrets: dump(this.secrets),
      entities: Object.fromEntries([...this.entityStores].map(([n, m]) => [n, dump(m)])),
    };
  }

  private load(file: string): void {
    let data: PersistedStore;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`The KVS data file ${file} is not valid JSON (${(e as Error).message}); fix or delete it (npm start -- --reset).`);
    }
    if (data?.version !== 1) throw new Error(`The KVS data file ${file} has an unknown format version ${String(data?.version)}.`);
    this.kv = new Map(Object.entries(data.kv ?? {}));
    this.secrets = new Map(Object.entries(data.secrets ?? {}));
    this.entityStores = new Map(Object.entries(data.entities ?? {}).map(([n, recs]) => [n, new Map(Object.entries(recs))]));
  }
}

function jsonResponse(answer: KvsAnswer): Response {
  if (answer.body === undefined) return new Response(null, { status: answer.status });
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, 'utf8');
  await rename(temp, file);
}

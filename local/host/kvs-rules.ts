/**
 * The rules of Forge's storage service the local KVS enforces, kept apart from the store itself:
 * key and value limits, the condition language of queries, filters and transaction conditions
 * (`@forge/kvs` WhereConditions / FilterConditions), cursors and the error answers
 * (`{ code, message }` with Forge's codes), and the shapes they read and answer (entity declarations,
 * `KvsAnswer`).
 */

export type EntityAttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';
export interface EntityIndexDef {
  name: string;
  /** Attributes matched exactly (`partition: [...]` in a query), in order. */
  partition: string[];
  /** Attributes the index is ordered by; `where` narrows on the first. */
  range: string[];
}
/** A custom entity as manifest.yml `app.storage.entities` declares it: values are checked against its attribute types. */
export interface EntityDef {
  name: string;
  attributes: Record<string, EntityAttributeType>;
  indexes: EntityIndexDef[];
}

/** An answer of the storage service: HTTP status and optional JSON body. */
export interface KvsAnswer {
  status: number;
  body?: unknown;
}

type Condition = { condition: string; values: unknown[] };
type FilterItem = Condition & { property: string };
type FilterGroup = { and?: FilterItem[]; or?: FilterItem[] };

/** Forge's KVS and Custom Entity Store limits (developer.atlassian.com/platform/forge/limits-kvs-ce). */
export const KVS_LIMITS = {
  keyLength: 500,
  valueBytes: 240 * 1024,
  /** "Object depth: 31, maximum object depth permitted" (each nested object or array is a level). */
  depth: 31,
  /** KVS list queries: `limit` at most 100. */
  listQueryLimit: 100,
  /** Custom entity queries: `limit` between 1 and 100. */
  entityQueryLimit: 100,
  defaultQueryLimit: 10,
  batchItems: 25,
  transactionOperations: 25,
} as const;

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
export const ENTITY_NAME_PATTERN = /^(?![.-])(?!.*\.{2})[a-z0-9:\-.]*(?<![.])$/;
export const TTL_UNIT_MS: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

/** A storage-service error; `answer()` turns it into the HTTP answer. */
export class KvsError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
  answer(): KvsAnswer {
    return { status: this.status, body: { code: this.code, message: this.message } };
  }
}

export const badRequest = (code: string, message: string) => new KvsError(400, code, message);
export const notFound = () => new KvsError(404, 'KEY_NOT_FOUND', 'Provided key does not exist');

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function depthOf(v: unknown): number {
  if (Array.isArray(v)) return 1 + v.reduce<number>((m, x) => Math.max(m, depthOf(x)), 0);
  if (isPlainObject(v)) return 1 + Object.values(v).reduce<number>((m, x) => Math.max(m, depthOf(x)), 0);
  return 0;
}

/** Orders index values: numbers before strings before booleans, each in natural order. */
export function compareScalars(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 3);
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

function comparable(a: unknown, b: unknown): boolean {
  return (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
}

export function matchesCondition(actual: unknown, present: boolean, c: Condition): boolean {
  const [v0, v1] = c.values;
  switch (c.condition) {
    case 'EXISTS': return present;
    case 'NOT_EXISTS': return !present;
    case 'EQUAL_TO': return present && actual === v0;
    case 'NOT_EQUAL_TO': return !present || actual !== v0;
    case 'BEGINS_WITH': return present && typeof actual === 'string' && actual.startsWith(String(v0));
    case 'GREATER_THAN': return present && comparable(actual, v0) && compareScalars(actual, v0) > 0;
    case 'GREATER_THAN_EQUAL_TO': return present && comparable(actual, v0) && compareScalars(actual, v0) >= 0;
    case 'LESS_THAN': return present && comparable(actual, v0) && compareScalars(actual, v0) < 0;
    case 'LESS_THAN_EQUAL_TO': return present && comparable(actual, v0) && compareScalars(actual, v0) <= 0;
    case 'BETWEEN':
      return present && comparable(actual, v0) && comparable(actual, v1) && compareScalars(actual, v0) >= 0 && compareScalars(actual, v1) <= 0;
    case 'CONTAINS':
      if (typeof actual === 'string') return actual.includes(String(v0));
      if (Array.isArray(actual)) return actual.includes(v0);
      return false;
    case 'NOT_CONTAINS':
      if (typeof actual === 'string') return !actual.includes(String(v0));
      if (Array.isArray(actual)) return !actual.includes(v0);
      return false;
    default:
      throw badRequest('INVALID_FILTER_CONDITION', `The condition '${c.condition}' is not supported for filters.`);
  }
}

const CONDITION_ARITY: Record<string, number> = {
  EXISTS: 1, NOT_EXISTS: 1, EQUAL_TO: 1, NOT_EQUAL_TO: 1, BEGINS_WITH: 1, GREATER_THAN: 1,
  GREATER_THAN_EQUAL_TO: 1, LESS_THAN: 1, LESS_THAN_EQUAL_TO: 1, CONTAINS: 1, NOT_CONTAINS: 1, BETWEEN: 2,
};
export const RANGE_CONDITIONS = new Set(['BEGINS_WITH', 'BETWEEN', 'EQUAL_TO', 'GREATER_THAN', 'GREATER_THAN_EQUAL_TO', 'LESS_THAN', 'LESS_THAN_EQUAL_TO']);

export function checkCondition(c: unknown, allowed?: Set<string>): Condition {
  if (!isPlainObject(c) || typeof c.condition !== 'string' || !Array.isArray(c.values)) {
    throw badRequest('BAD_REQUEST', 'Provided request body is invalid: a condition needs `condition` and `values`');
  }
  const arity = CONDITION_ARITY[c.condition];
  if (arity === undefined || (allowed && !allowed.has(c.condition))) {
    throw badRequest('INVALID_FILTER_CONDITION', `The condition '${c.condition}' is not supported here.`);
  }
  if (c.values.length < arity) {
    throw badRequest(arity === 2 ? 'INSUFFICIENT_FILTER_VALUES' : 'INVALID_FILTER_VALUES', `The condition '${c.condition}' needs ${arity} value(s).`);
  }
  return { condition: c.condition, values: c.values };
}

export function checkFilterGroup(raw: unknown): { op: 'and' | 'or'; items: FilterItem[] } | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw)) throw badRequest('BAD_REQUEST', 'Provided request body is invalid: filters must be an object');
  const group = raw as FilterGroup;
  if (group.and !== undefined && group.or !== undefined) {
    throw badRequest('INVALID_FILTER_OPERATORS_COMBINATION', 'Filter operators "and" and "or" cannot be present at the same level.');
  }
  const op = group.and !== undefined ? 'and' : 'or';
  const items = group[op];
  if (!Array.isArray(items) || items.length === 0) {
    throw badRequest('EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  }
  return {
    op,
    items: items.map((it) => {
      const c = checkCondition(it);
      if (typeof (it as FilterItem).property !== 'string') throw badRequest('BAD_REQUEST', 'Provided request body is invalid: a filter needs `property`');
      return { ...c, property: (it as FilterItem).property };
    }),
  };
}

export function matchesFilters(value: unknown, group: { op: 'and' | 'or'; items: FilterItem[] } | undefined): boolean {
  if (!group) return true;
  const obj = isPlainObject(value) ? value : {};
  const test = (f: FilterItem) => matchesCondition(obj[f.property], Object.prototype.hasOwnProperty.call(obj, f.property), f);
  return group.op === 'and' ? group.items.every(test) : group.items.some(test);
}

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: unknown): unknown {
  if (typeof cursor !== 'string' || cursor === '') throw badRequest('INVALID_CURSOR', 'The provided cursor is invalid.');
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('INVALID_CURSOR', 'The provided cursor is invalid.');
  }
}

export function checkLimit(raw: unknown, max: number, code: string, message: string): number {
  if (raw === undefined || raw === null) return KVS_LIMITS.defaultQueryLimit;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > max) throw badRequest(code, message);
  return raw;
}

export function checkMetadataFields(body: Record<string, unknown>): string[] {
  const options = isPlainObject(body.options) ? body.options : {};
  const fields = options.metadataFields ?? body.metadataFields;
  return Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [];
}

export function obj(req: unknown): Record<string, unknown> {
  if (!isPlainObject(req)) throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
  return req;
}

export function optionalArray(v: unknown): Record<string, unknown>[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every(isPlainObject)) throw badRequest('BAD_REQUEST', 'Provided request body is invalid');
  return v;
}

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw badRequest('KEY_TOO_SHORT', 'The provided key needs to be at least one character.');
  if (key.length > KVS_LIMITS.keyLength) throw badRequest('KEY_TOO_LONG', `The provided key has exceeded the maximum ${KVS_LIMITS.keyLength} characters.`);
  if (!KEY_PATTERN.test(key)) throw badRequest('INVALID_KEY', 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/');
  return key;
}

export function checkValue(value: unknown, entity: EntityDef | undefined): unknown {
  if (value === undefined) throw badRequest('BAD_REQUEST', 'Provided request body is invalid: value is missing');
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > KVS_LIMITS.valueBytes) {
    throw badRequest('MAX_SIZE', `The provided value has exceeded the maximum size limit (${bytes} bytes > ${KVS_LIMITS.valueBytes}).`);
  }
  if (depthOf(value) > KVS_LIMITS.depth) throw badRequest('MAX_DEPTH', `The provided value has exceeded the maximum object depth (${KVS_LIMITS.depth}) limit.`);
  if (entity) {
    if (!isPlainObject(value)) throw badRequest('INVALID_ENTITY_VALUE', `A '${entity.name}' value must be an object of its declared attributes.`);
    for (const [attr, v] of Object.entries(value)) {
      const type = entity.attributes[attr];
      if (!type) throw badRequest('INVALID_ENTITY_VALUE', `'${attr}' is not an attribute of entity '${entity.name}' in manifest.yml.`);
      if (v === null || v === undefined) continue;
      const ok =
        type === 'any' ||
        (type === 'string' && typeof v === 'string') ||
        (type === 'boolean' && typeof v === 'boolean') ||
        (type === 'integer' && Number.isInteger(v)) ||
        (type === 'float' && typeof v === 'number' && Number.isFinite(v));
      if (!ok) throw badRequest('INVALID_ENTITY_VALUE', `Attribute '${attr}' of entity '${entity.name}' must be of type ${type}.`);
    }
  }
  return value;
}

/** The values an expression computes with: scopes, closures, Jira entities, and how values compare and print. */
import { JiraExpressionError } from './errors';
import type { Node } from './parser';

export class Scope {
  constructor(private readonly vars: ReadonlyMap<string, unknown>, private readonly parent?: Scope) {}
  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }
  get(name: string): unknown {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name);
  }
  child(vars: Map<string, unknown>): Scope {
    return new Scope(vars, this);
  }
}

export class Closure {
  constructor(readonly params: string[], readonly body: Node, readonly scope: Scope) {}
}

/**
 * A Jira entity in the context (Issue, Project, User) of which the local host knows only some
 * properties: reading another property fails clearly instead of reading as null.
 */
export class JiraEntity {
  constructor(readonly typeName: string, readonly props: Readonly<Record<string, unknown>>) {}
}

export type MapValue = Record<string, unknown>;

export function isMap(v: unknown): v is MapValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Closure) && !(v instanceof JiraEntity);
}

/** Jira's name for a value's type, as its error messages use. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'Number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'List';
  if (v instanceof Closure) return 'Function';
  if (v instanceof JiraEntity) return v.typeName;
  if (typeof v === 'object') return 'Map';
  throw new JiraExpressionError('type', `A ${typeof v} cannot be used in a Jira expression.`);
}

export function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '' || Number.isNaN(v));
}

export function plain(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof JiraEntity) return v.props;
  if (v instanceof Closure) return '<function>';
  return v;
}

/** How a value prints in a template literal or string concatenation. */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Closure) return '<function>';
  return JSON.stringify(v, (_k, x) => plain(x));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  a = a ?? null;
  b = b ?? null;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof JiraEntity && b instanceof JiraEntity) return a.typeName === b.typeName && deepEqual(a.props, b.props);
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

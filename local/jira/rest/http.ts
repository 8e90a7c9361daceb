/**
 * The sandbox's small HTTP layer: a route table with `:param` paths, the per-request context
 * every handler receives, Jira's error body, and the query/paging parsing Jira's REST API shares.
 */
import type { SandboxEvent, SandboxHooks } from '../hooks';
import type { SandboxIssue, SandboxUser, SiteData } from '../model';

/** What a handler answers: a status and a JSON body (or none, for 204/201-without-body). */
export interface JiraResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A Jira-style failure: `{ errorMessages: [...], errors: {...} }` with an HTTP status. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `HTTP ${status}`);
  }
  body(): { errorMessages: string[]; errors: Record<string, string> } {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

export const badRequest = (message: string): JiraError => new JiraError(400, [message]);
export const fieldErrors = (errors: Record<string, string>): JiraError => new JiraError(400, [], errors);
export const notFound = (message: string): JiraError => new JiraError(404, [message]);
export const forbidden = (message: string): JiraError => new JiraError(403, [message]);

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** A write's side effects that the server applies after the handler returns. */
export interface WriteEffects {
  /** Marks the site as changed: schedules a save. */
  changed(): void;
  /** Emits a SandboxEvent (after the response is decided). */
  emit(event: SandboxEvent): void;
}

export interface RequestContext extends WriteEffects {
  site: SiteData;
  /** The authenticated caller. */
  user: SandboxUser;
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  /** Parsed JSON body (undefined when none was sent). */
  body: unknown;
  /** Raw body text, for endpoints that take any JSON value (issue properties). */
  rawBody: string;
  hooks: SandboxHooks;
  forge: ForgeIdentity;
  /** Counts completed writes to the site; equal revisions mean unchanged data (for result caches). */
  revision: number;
  now(): Date;
  /**
   * The issue as JQL search sees it now (the `indexDelayMs` knob): itself once indexed, or when its
   * id is among `reconciled` (the request's `reconcileIssues`); before that its version from before
   * the write, or null (not found at all) for one written without a prior version.
   */
  indexed?(issue: SandboxIssue, reconciled: ReadonlySet<string>): SandboxIssue | null;
  /** Whether any written issue is still waiting to be indexed (search results then depend on `reconcileIssues`). */
  indexPending?(): boolean;
}

/** The Forge app the site has installed: what its extension ARIs are built from. */
export interface ForgeIdentity {
  appId: string;
  environmentId: string;
}

export type Handler = (ctx: RequestContext) => JiraResponse | Promise<JiraResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  private routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          names.push(part.slice(1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  get(path: string, handler: Handler): this { return this.add('GET', path, handler); }
  post(path: string, handler: Handler): this { return this.add('POST', path, handler); }
  put(path: string, handler: Handler): this { return this.add('PUT', path, handler); }
  delete(path: string, handler: Handler): this { return this.add('DELETE', path, handler); }

  /** Finds the route for a request; `methodMismatch` when the path exists for another method. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | { methodMismatch: boolean } {
    let pathKnown = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      pathKnown = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]); });
      return { handler: route.handler, params };
    }
    return { methodMismatch: pathKnown };
  }
}

// ---------------------------------------------------------------------------------------------
// Query and body parsing

/** A non-negative integer query parameter; Jira answers 400 for garbage. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw badRequest(`The '${name}' parameter must be an integer, got '${raw}'.`);
  return Number(raw);
}

/** `startAt` / `maxResults` as Jira's offset-paged resources read them. */
export function pageParams(query: URLSearchParams, defaultMax: number, cap: number): { startAt: number; maxResults: number } {
  const startAt = Math.max(0, intParam(query, 'startAt', 0));
  let maxResults = intParam(query, 'maxResults', defaultMax);
  if (maxResults < 0) maxResults = defaultMax;
  return { startAt, maxResults: Math.min(maxResults, cap) };
}

export function boolParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  return raw.toLowerCase() === 'true';
}

/** A list parameter that may be repeated and/or comma separated (`fields=a,b&fields=c`). */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const all = query.getAll(name);
  if (all.length === 0) return undefined;
  return all.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
}

/** A list that arrives in a JSON body either as an array or as a comma-separated string. */
export function listValue(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => v.trim()).filter(Boolean);
  throw badRequest(`'${name}' must be a list of strings.`);
}

export function requireObject(body: unknown, what = 'request body'): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest(`The ${what} must be a JSON object.`);
  }
  return body as Record<string, unknown>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An offset page of `items` as Jira's newer paged resources print it (`values`, `isLast`). */
export function offsetPage<T>(items: T[], startAt: number, maxResults: number): { startAt: number; maxResults: number; total: number; isLast: boolean; values: T[] } {
  const values = items.slice(startAt, startAt + maxResults);
  return { startAt, maxResults, total: items.length, isLast: startAt + values.length >= items.length, values };
}

export const ok = (body: unknown): JiraResponse => ({ status: 200, body });
export const created = (body?: unknown): JiraResponse => ({ status: 201, body });
export const noContent = (): JiraResponse => ({ status: 204 });

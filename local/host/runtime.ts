/**
 * The Forge runtime as `@forge/api`, `@forge/kvs` and `@forge/events` see it: the globals
 * `__forge_fetch__` (every product, storage and queue call goes through it) and `__forge_runtime__`
 * (app context, remaining time, metrics), plus the invocation the code runs in (who invoked it,
 * from which module) kept in AsyncLocalStorage so concurrent invocations do not mix.
 *
 * Product calls go to a JiraTarget: the local sandbox (Bearer `forge-user:<id>` / `forge-app`,
 * which the sandbox understands) or a real site (Basic auth with an API token; then asUser()
 * and asApp() both run as the token's user, since a local process holds no Forge app identity).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { KvsBackend } from './kvs';
import type { LoadedManifest } from './manifest';
import { ForgeQueue } from './queue';

export interface JiraTarget {
  baseUrl: string;
  authorization(principal: { provider: 'app' | 'user' | 'none'; accountId?: string }): string;
  /**
   * A header the target reads to know a request came from the app's code (asApp or asUser through
   * `__forge_fetch__`), not from a person in Jira: the sandbox marks the events it causes as
   * self-generated, as Forge does. Absent for a real site (it has its own Forge app identity).
   */
  appCallHeader?: string;
}

export interface Invocation {
  accountId?: string;
  moduleKey: string;
  invocationId: string;
  startedAt: number;
  /** Time the platform gives this invocation (ms). */
  budgetMs: number;
  /** Set when the limit passed: Forge has stopped the function, so its later calls go nowhere. */
  timedOut: boolean;
}

export interface ForgeRuntimeOptions {
  jira: JiraTarget;
  kvs: KvsBackend;
  confluence?: JiraTarget;
  /** For appId, scopes; optional so the contract's signature keeps working. */
  manifest?: LoadedManifest;
  environmentId?: string;
  environmentType?: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  installationId?: string;
  cloudId?: string;
  queue?: ForgeQueue;
  /**
   * Where web trigger URLs point (`webTrigger.getUrl` answers `<base>/public/<module key>` for a module
   * with `urlFormat: v2`, else `<base>/x1/<module key>`): the local
   * shell's URL, which serves them. Default: http://localhost (tests call AppHost.runWebtrigger).
   */
  webtriggerBaseUrl?: () => string;
}

/**
 * Forge's invocation limits (developer.atlassian.com/platform/forge/limits-invocation): 25 s for
 * everything but what follows; 55 s for web triggers; functions referenced only by consumer or
 * scheduled trigger modules get 55 s, or their `timeoutSeconds` up to 900 s.
 */
export interface InvocationLimits {
  /** Resolvers (UI invocations), product event triggers, workflow validators and post functions. */
  defaultMs: number;
  webtriggerMs: number;
  /** Consumers and scheduled triggers without `timeoutSeconds`. */
  asyncDefaultMs: number;
  /** The most `timeoutSeconds` may ask for. */
  asyncMaxMs: number;
}
export const FORGE_INVOCATION_LIMITS: Readonly<InvocationLimits> = Object.freeze({ defaultMs: 25_000, webtriggerMs: 55_000, asyncDefaultMs: 55_000, asyncMaxMs: 900_000 });
/** Resolver / UI invocation limit. */
export const RESOLVER_BUDGET_MS = FORGE_INVOCATION_LIMITS.defaultMs;
/** Queue consumers and scheduled triggers may run up to 900 s (with `timeoutSeconds`). */
export const ASYNC_BUDGET_MS = FORGE_INVOCATION_LIMITS.asyncMaxMs;

/**
 * A function stopped at its time limit. Forge retries product events and post functions that time
 * out with `retryContext.retryReason` FUNCTION_TIME_OUT (events-reference/product_events), so that is
 * the code; the message is the runtime's ("Task timed out after 25.00 seconds"), which the Custom UI
 * bridge's `invoke` rejects with.
 */
export class InvocationTimeout extends Error {
  readonly code = 'FUNCTION_TIME_OUT';
  constructor(readonly moduleKey: string, readonly budgetMs: number) {
    super(`Task timed out after ${(budgetMs / 1000).toFixed(2)} seconds`);
    this.name = 'InvocationTimeout';
  }
}

/** Ids the local installation reports (stable, so stored data and URLs stay valid across runs). */
export const LOCAL_IDS = {
  environmentId: '00000000-0000-4000-8000-00000000e0e0',
  installationId: '00000000-0000-4000-8000-0000000001a5',
  cloudId: '00000000-0000-4000-8000-00000000c10d',
  appVersion: '1.0.0-local',
};
const FALLBACK_APP_ID = '00000000-0000-4000-8000-000000000a99';

const invocations = new AsyncLocalStorage<Invocation>();

interface InstalledRuntime {
  options: ForgeRuntimeOptions;
  queue: ForgeQueue;
  appId: string;
  environmentId: string;
  installationId: string;
  cloudId: string;
}
let installed: InstalledRuntime | null = null;

/** The invocation the caller runs in, if any. */
export function currentInvocation(): Invocation | undefined {
  return invocations.getStore();
}

/** Runs `fn` as one Forge invocation: by `accountId` (absent: no user, e.g. a trigger), from `moduleKey`. */
export function runAsInvocation<T>(inv: { accountId?: string; moduleKey: string; budgetMs?: number }, fn: () => Promise<T>): Promise<T> {
  if (!inv || typeof inv.moduleKey !== 'string' || !inv.moduleKey) throw new Error('runAsInvocation needs a moduleKey');
  const invocation: Invocation = {
    accountId: inv.accountId,
    moduleKey: inv.moduleKey,
    invocationId: randomUUID(),
    startedAt: Date.now(),
    budgetMs: inv.budgetMs ?? RESOLVER_BUDGET_MS,
    timedOut: false,
  };
  return invocations.run(invocation, () => withTimeLimit(invocation, fn));
}

/**
 * Forge stops a function at its time limit; so does the host: the caller gets InvocationTimeout,
 * and since the work cannot be killed in-process, its later product, storage and queue calls fail
 * (forgeFetch), as nothing of a stopped function reaches Jira or storage.
 */
function withTimeLimit<T>(inv: Invocation, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      inv.timedOut = true;
      reject(new InvocationTimeout(inv.moduleKey, inv.budgetMs));
    }, inv.budgetMs);
    timer.unref();
  });
  return Promise.race([fn(), limit]).finally(() => clearTimeout(timer));
}

/** The sandbox's own Forge authentication scheme. */
export function sandboxJiraTarget(baseUrl: string): JiraTarget {
  return {
    baseUrl,
    appCallHeader: APP_CALL_HEADER,
    authorization: ({ provider, accountId }) => (provider !== 'app' && accountId ? `Bearer forge-user:${accountId}` : 'Bearer forge-app'),
  };
}

/** A real Jira Cloud site with an API token: every call runs as the token's user. */
export function basicAuthJiraTarget(baseUrl: string, email: string, apiToken: string): JiraTarget {
  const header = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
  return { baseUrl: baseUrl.replace(/\/+$/, ''), authorization: () => header };
}

/** The queue service behind `@forge/events` (the app host registers the consumers on it). */
export function forgeQueue(): ForgeQueue {
  if (!installed) throw new Error('The Forge runtime is not installed (call installForgeRuntime first)');
  return installed.queue;
}

/** The Jira site URL the app sees (`siteUrl` in contexts). */
export function runtimeSiteUrl(): string {
  if (!installed) throw new Error('The Forge runtime is not installed (call installForgeRuntime first)');
  return installed.options.jira.baseUrl.replace(/\/+$/, '');
}

/** Calls the Jira target directly (not as app code): the shell and event payloads use it. */
export function requestJiraAs(principal: { provider: 'app' | 'user'; accountId?: string }, path: string, init?: RequestInit, opts: { platform?: boolean } = {}): Promise<Response> {
  if (!installed) throw new Error('The Forge runtime is not installed (call installForgeRuntime first)');
  if (principal.provider === 'user' && !principal.accountId) throw new Error('requestJiraAs: a user principal needs an accountId');
  if (!opts.platform) return callTarget(installed.options.jira, principal, path, init);
  // Jira's own pages and Forge's event delivery are not the app: the sandbox's fault knobs spare them.
  const headers = new Headers(init?.headers);
  headers.set(PLATFORM_HEADER, '1');
  return callTarget(installed.options.jira, principal, path, { ...init, headers });
}

/** Marks a request made by the stand-ins for Jira's UI and Forge's platform (not by the app). */
export const PLATFORM_HEADER = 'x-sandbox-platform';
/** Marks a request the app's own code made (the sandbox's events from it are self-generated). */
export const APP_CALL_HEADER = 'x-sandbox-app-call';

/** The ids this runtime reports (for contexts the host builds: cloudId, environment, app). */
export function runtimeIds(): { appId: string; environmentId: string; installationId: string; cloudId: string } {
  if (!installed) throw new Error('The Forge runtime is not installed (call installForgeRuntime first)');
  const { appId, environmentId, installationId, cloudId } = installed;
  return { appId, environmentId, installationId, cloudId };
}

/**
 * Sets `globalThis.__forge_fetch__` and `globalThis.__forge_runtime__`. Call before `@forge/kvs`
 * is first imported (it picks its transport at import). Installing again replaces the targets
 * and the KVS; the queue service stays.
 */
export function installForgeRuntime(opts: ForgeRuntimeOptions): void {
  if (!opts?.jira || typeof opts.jira.authorization !== 'function') throw new Error('installForgeRuntime needs a jira target');
  if (!opts.kvs) throw new Error('installForgeRuntime needs a KvsBackend');
  const rt: InstalledRuntime = {
    options: opts,
    // The queue outlives a re-install (new targets), so pushed events are not lost.
    queue: opts.queue ?? installed?.queue ?? new ForgeQueue(),
    appId: opts.manifest?.appId ?? FALLBACK_APP_ID,
    environmentId: opts.environmentId ?? LOCAL_IDS.environmentId,
    installationId: opts.installationId ?? LOCAL_IDS.installationId,
    cloudId: opts.cloudId ?? LOCAL_IDS.cloudId,
  };
  installed = rt;
  const g = globalThis as Record<string, unknown>;
  g.__forge_fetch__ = (descriptor: ForgeFetchDescriptor, path: string, init?: RequestInit) => forgeFetch(rt, descriptor, path, init);
  g.__forge_runtime__ = buildRuntimeObject(rt);
}

interface ForgeFetchDescriptor {
  type: string;
  provider?: 'app' | 'user' | 'none';
  remote?: string;
  accountId?: string;
}

function proxyError(reason: string, status = 403): Response {
  return new Response(JSON.stringify({ message: reason }), { status, headers: { 'forge-proxy-error': reason, 'content-type': 'application/json' } });
}

async function forgeFetch(rt: InstalledRuntime, d: ForgeFetchDescriptor, path: string, init?: RequestInit): Promise<Response> {
  if (!d || typeof d !== 'object') throw new Error('__forge_fetch__: missing descriptor');
  const invocation = currentInvocation();
  if (invocation?.timedOut) throw new InvocationTimeout(invocation.moduleKey, invocation.budgetMs);
  if (d.type === 'kvs') return rt.options.kvs.fetch(path, init as { method?: string; body?: unknown });
  if (d.type !== 'fpp') return proxyError(`UNSUPPORTED_FETCH_TYPE: '${d.type}' fetches are not available in the local host`);
  const remote = d.remote ?? 'jira';
  if (remote === 'stargate') return stargate(rt, path, init);
  const target = remote === 'jira' ? rt.options.jira : remote === 'confluence' ? rt.options.confluence : undefined;
  if (!target) return proxyError(`REMOTE_NOT_AVAILABLE: no '${remote}' site is configured for the local host`, 502);

  const provider = d.provider ?? 'none';
  const invoker = currentInvocation()?.accountId;
  let principal: { provider: 'app' | 'user' | 'none'; accountId?: string };
  if (provider === 'app') principal = { provider: 'app' };
  else if (provider === 'user') {
    const accountId = d.accountId ?? invoker;
    // asUser() outside a user's invocation (triggers, scheduled jobs): Forge asks for authentication.
    if (!accountId) return proxyError('NEEDS_AUTHENTICATION_ERR', 401);
    // asUser(accountId) for someone other than the invoking user is offline user impersonation, which
    // Forge allows only through scopes the manifest declares with `allowImpersonation: true`.
    const offline = d.accountId !== undefined && d.accountId !== invoker;
    if (offline && rt.options.manifest && rt.options.manifest.impersonationScopes.length === 0) {
      return proxyError('Offline user impersonation needs a scope declared with allowImpersonation: true in manifest.yml', 403);
    }
    principal = { provider: 'user', accountId };
  } else principal = { provider: 'none', ...(invoker ? { accountId: invoker } : {}) };

  return callTarget(target, principal, path, init, { appCall: true });
}

function callTarget(target: JiraTarget, principal: Parameters<JiraTarget['authorization']>[0], path: string, init?: RequestInit, opts: { appCall?: boolean } = {}): Promise<Response> {
  const headers = new Headers(init?.headers);
  headers.set('Authorization', target.authorization(principal));
  if (target.appCallHeader) {
    // Only the runtime says a call is the app's: a caller's own header of that name is dropped.
    headers.delete(target.appCallHeader);
    if (opts.appCall) headers.set(target.appCallHeader, '1');
  }
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  const url = target.baseUrl.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`);
  return fetch(url, { ...init, headers });
}

async function stargate(rt: InstalledRuntime, path: string, init?: RequestInit): Promise<Response> {
  let body: unknown;
  try {
    body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  } catch {
    return new Response(JSON.stringify({ message: 'Invalid JSON body' }), { status: 400 });
  }
  if (path === '/graphql') return webTriggerGraphql(rt, body);
  const answer = path.startsWith('/webhook/queue/publish/')
    ? rt.queue.publish(body)
    : path.startsWith('/webhook/queue/stats/')
      ? rt.queue.getStats(body)
      : path.startsWith('/webhook/queue/cancel/')
        ? rt.queue.cancel(body)
        : null;
  if (!answer) return proxyError(`UNSUPPORTED_REMOTE_PATH: ${path} is not available in the local host`, 404);
  return answer.body === undefined
    ? new Response(null, { status: answer.status })
    : new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
}

/**
 * The two GraphQL mutations `webTrigger.getUrl` / `deleteUrl` (@forge/api) send. A local web
 * trigger URL is stable per module key, as Forge's is per module, app, site and environment.
 */
function webTriggerGraphql(rt: InstalledRuntime, body: unknown): Response {
  const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
  const request = (body ?? {}) as { query?: unknown; variables?: { input?: { triggerKey?: unknown }; id?: unknown } };
  const query = typeof request.query === 'string' ? request.query : '';
  if (query.includes('createWebTriggerUrl')) {
    const key = request.variables?.input?.triggerKey;
    const known = rt.options.manifest?.webtriggers.some((w) => w.key === key) ?? typeof key === 'string';
    if (typeof key !== 'string' || !known) return json(200, { errors: [{ message: `No webtrigger module '${String(key)}' in manifest.yml` }] });
    const base = (rt.options.webtriggerBaseUrl?.() ?? 'http://localhost').replace(/\/+$/, '');
    // Forge's URL formats: v1 (the default) `…/x1/<id>`, v2 (installation-based) `…/public/<id>`.
    const module = rt.options.manifest?.webtriggers.find((w) => w.key === key);
    const prefix = module?.raw.urlFormat === 'v2' ? 'public' : 'x1';
    return json(200, { data: { createWebTriggerUrl: { url: `${base}/${prefix}/${encodeURIComponent(key)}` } } });
  }
  if (query.includes('deleteWebTriggerUrl')) return json(200, { data: { deleteWebTriggerUrl: { success: true, message: null } } });
  return proxyError('UNSUPPORTED_REMOTE_PATH: only the web trigger URL mutations of /graphql are available in the local host', 404);
}

const noopTimer = { stop: () => undefined };
const noopCounter = { incr: () => undefined, decr: () => undefined, incrBy: () => undefined, decrBy: () => undefined };
const noopMetrics = {
  counter: () => noopCounter,
  gauge: () => ({ set: () => undefined }),
  timing: () => ({ measure: () => noopTimer, set: () => undefined }),
  histogram: () => ({ set: () => undefined }),
};

function buildRuntimeObject(rt: InstalledRuntime): Record<string, unknown> {
  const scopes = rt.options.manifest?.scopes ?? [];
  return {
    get appContext() {
      const inv = currentInvocation();
      return {
        appId: rt.appId,
        appVersion: LOCAL_IDS.appVersion,
        environmentId: rt.environmentId,
        environmentType: rt.options.environmentType ?? 'DEVELOPMENT',
        invocationId: inv?.invocationId,
        installationId: rt.installationId,
        moduleKey: inv?.moduleKey,
        permissions: { scopes, external: {} },
      };
    },
    contextAri: `ari:cloud:jira::site/${rt.cloudId}`,
    lambdaContext: {
      getRemainingTimeInMillis: () => {
        const inv = currentInvocation();
        if (!inv) return RESOLVER_BUDGET_MS;
        return Math.max(0, inv.startedAt + inv.budgetMs - Date.now());
      },
    },
    metrics: noopMetrics,
    get tracing() {
      const id = (currentInvocation()?.invocationId ?? '0').replace(/-/g, '');
      return { traceId: id.slice(0, 16), spanId: id.slice(16, 32) };
    },
    externalAuth: [],
  };
}

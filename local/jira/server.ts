/**
 * The Jira Cloud sandbox: a REST server holding one Jira site (local/jira/model.ts) in memory,
 * optionally kept in a JSON file. It authenticates each request as a site user (or the Forge
 * app user), answers with Jira's paths, status codes, paging and error bodies, and shows each
 * caller only what their project roles allow. Test knobs add latency, 429s and 5xxs (at random
 * rates, or scripted: the next N requests fail with a chosen status).
 * Contract: local/CONTRACTS.md ("The Jira sandbox").
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ACCOUNT_ID, type SandboxIssue, type SandboxUser, type SiteData } from './model';
import type { SandboxEvent, SandboxHooks } from './hooks';
import { forgeIdentity, installForgeModules, readManifest } from './forgeManifest';
import { loadSite, SiteSaver } from './persistence';
import { appUser } from './rest/access';
import { agileRoutes } from './rest/agile';
import { commentRoutes } from './rest/comments';
import { configRoutes } from './rest/config';
import { JiraError, Router, type ForgeIdentity, type RequestContext } from './rest/http';
import { iconFor } from './rest/icons';
import { issueRoutes } from './rest/issues';
import { reconcileCounters } from './rest/mutate';
import { permissionSchemeRoutes } from './rest/permissionSchemes';
import { projectRoutes } from './rest/projects';
import { searchRoutes } from './rest/search';
import { transitionRoutes } from './rest/transitions';
import { userRoutes } from './rest/users';
import { workflowRoutes } from './rest/workflows';
import { worklogRoutes } from './rest/worklogs';

export type { SandboxEvent, SandboxHooks, TransitionHookContext } from './hooks';

export interface SandboxKnobs {
  latencyMs: number;          // added to every request
  rate429: number;            // 0..1: answer 429 with Retry-After
  retryAfterSeconds: number;  // what Retry-After says (may be fractional in tests; header is rounded up, `x-sandbox-retry-after-ms` carries ms)
  rate5xx: number;            // 0..1: answer 503
  seed: number;               // for the fault dice, so runs are repeatable
  failNext: number;           // scripted outage: the next N app requests answer failStatus (counts down to 0)
  failStatus: number;         // 400..599: what those requests answer (503 is retried by the app's client, 500 or 403 are not)
  indexDelayMs: number;       // JQL search sees a written issue only this long after the write, unless its id is in `reconcileIssues`
}

export interface Sandbox {
  url: string;                       // http://127.0.0.1:<port>
  site: SiteData;                    // the live data (mutations show up here)
  knobs: SandboxKnobs;               // mutable at run time
  hooks: SandboxHooks;               // set by the local host
  events: EventEmitter;              // emits 'event' with a SandboxEvent after each write
  requestCount(): number;            // requests served since start (benchmarks)
  resetRequestCount(): void;
  save(): Promise<void>;             // write the site to dataFile, if one was given
  close(): Promise<void>;
}

export interface StartSandboxOptions {
  site: SiteData;
  port?: number;
  dataFile?: string;
  manifestPath?: string;
  knobs?: Partial<SandboxKnobs>;
  /** The Forge environment id extension ARIs carry (default: the local host's). */
  forgeEnvironmentId?: string;
}

export const DEFAULT_KNOBS: SandboxKnobs = { latencyMs: 0, rate429: 0, retryAfterSeconds: 1, rate5xx: 0, seed: 1, failNext: 0, failStatus: 503, indexDelayMs: 0 };

const NOT_AUTHENTICATED = 'You are not authenticated. Authentication required to perform this operation.';
const BODY_LIMIT = 10 * 1024 * 1024;
const EVENT_LOG_LIMIT = 10_000;

/** mulberry32: small, fast, seeded dice for the fault knobs. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildRouter(): Router {
  const router = new Router();
  userRoutes(router);
  projectRoutes(router);
  permissionSchemeRoutes(router);
  configRoutes(router);
  workflowRoutes(router);
  issueRoutes(router);
  transitionRoutes(router);
  commentRoutes(router);
  worklogRoutes(router);
  searchRoutes(router);
  agileRoutes(router);
  return router;
}

/** Resolves the Authorization header to a site user (null: not authenticated). */
export function authenticate(site: SiteData, header: string | undefined): SandboxUser | null {
  if (!header) return null;
  const [scheme, ...rest] = header.trim().split(/\s+/);
  const credential = rest.join(' ');
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const email = decoded.slice(0, colon).toLowerCase();
    const token = decoded.slice(colon + 1);
    const user = site.users.find((u) => u.emailAddress.toLowerCase() === email && !!u.apiToken && u.apiToken === token);
    return user && user.active ? user : null;
  }
  if (/^bearer$/i.test(scheme)) {
    if (credential === 'forge-app') return site.users.find((u) => u.accountId === APP_ACCOUNT_ID) ?? appUser();
    const m = /^forge-user:(.+)$/.exec(credential);
    if (m) {
      const user = site.users.find((u) => u.accountId === m[1]);
      return user && user.active ? user : null;
    }
  }
  return null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new JiraError(413, ['The request body is too large.']));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function validateKnobs(input: unknown): Partial<SandboxKnobs> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new JiraError(400, ['Knobs must be a JSON object.']);
  const out: Partial<SandboxKnobs> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (!(key in DEFAULT_KNOBS)) throw new JiraError(400, [`Unknown knob '${key}'.`]);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new JiraError(400, [`Knob '${key}' must be a number.`]);
    if ((key === 'rate429' || key === 'rate5xx') && (value < 0 || value > 1)) throw new JiraError(400, [`Knob '${key}' must be between 0 and 1.`]);
    if ((key === 'latencyMs' || key === 'retryAfterSeconds' || key === 'indexDelayMs') && value < 0) throw new JiraError(400, [`Knob '${key}' must not be negative.`]);
    if (key === 'failNext' && (!Number.isInteger(value) || value < 0)) throw new JiraError(400, ["Knob 'failNext' must be a whole number, 0 or more."]);
    if (key === 'failStatus' && (!Number.isInteger(value) || value < 400 || value > 599)) throw new JiraError(400, ["Knob 'failStatus' must be an HTTP error status (400..599)."]);
    out[key as keyof SandboxKnobs] = value;
  }
  return out;
}

export async function startSandbox(opts: StartSandboxOptions): Promise<Sandbox> {
  let site: SiteData = (opts.dataFile && loadSite(opts.dataFile)) || opts.site;
  reconcileCounters(site);
  const manifest = opts.manifestPath ? readManifest(opts.manifestPath) : null;
  const forge: ForgeIdentity = forgeIdentity(manifest, opts.forgeEnvironmentId);
  if (manifest) installForgeModules(site, manifest, forge);

  let knobs: SandboxKnobs = { ...DEFAULT_KNOBS, ...opts.knobs };
  let hooks: SandboxHooks = {};
  let dice = seededRandom(knobs.seed);
  let diceSeed = knobs.seed;
  let served = 0;
  /** Faults the knobs injected since start (what a faults test proves its pass met). */
  const faults = { rate429: 0, rate5xx: 0, failNext: 0 };
  let revision = 0;
  const events = new EventEmitter();
  const eventLog: Array<{ seq: number; at: string; event: SandboxEvent }> = [];
  let eventSeq = 0;
  const initial = structuredClone(site);
  const saver = opts.dataFile ? new SiteSaver(opts.dataFile, () => site) : null;
  const router = buildRouter();
  /**
   * Jira's search index lags its writes (the REST reference: "recent updates might not be
   * immediately visible"): with `indexDelayMs`, each issue written keeps, until it is indexed, the
   * version search saw before the write (none for a new issue, or one written without naming it).
   */
  const unindexed = new Map<string, { until: number; before: SandboxIssue | null }>();
  const indexed = (issue: SandboxIssue, reconciled: ReadonlySet<string>): SandboxIssue | null => {
    const pending = unindexed.get(issue.id);
    if (!pending) return issue;
    if (pending.until <= Date.now()) {
      unindexed.delete(issue.id);
      return issue;
    }
    return reconciled.has(issue.id) ? issue : pending.before;
  };
  const indexPending = (): boolean => {
    for (const [id, pending] of unindexed) if (pending.until <= Date.now()) unindexed.delete(id);
    return unindexed.size > 0;
  };
  /** Issues a write request names (path or app field value body), as search saw them before it. */
  const beforeWrite = (params: Record<string, string>, body: unknown): Map<string, SandboxIssue> => {
    const named = new Map<string, SandboxIssue>();
    const add = (idOrKey: unknown) => {
      if (typeof idOrKey !== 'string' && typeof idOrKey !== 'number') return;
      const issue = site.issues.find((i) => i.id === String(idOrKey) || i.key === String(idOrKey).toUpperCase());
      if (issue && !unindexed.has(issue.id)) named.set(issue.id, structuredClone(issue));
    };
    add(params.issueIdOrKey);
    const updates = (body as { updates?: unknown } | undefined)?.updates;
    if (Array.isArray(updates)) {
      for (const u of updates as { issueIds?: unknown; issueID?: unknown }[]) {
        if (Array.isArray(u?.issueIds)) u.issueIds.forEach(add);
        add(u?.issueID);
      }
    }
    return named;
  };

  const publish = (event: SandboxEvent): void => {
    eventSeq += 1;
    eventLog.push({ seq: eventSeq, at: new Date().toISOString(), event });
    if (eventLog.length > EVENT_LOG_LIMIT) eventLog.splice(0, eventLog.length - EVENT_LOG_LIMIT);
    try {
      events.emit('event', event);
    } catch (err) {
      console.error('[jira sandbox] an event listener threw:', err);
    }
  };

  /** The test-only control API (no auth, no faults). */
  const control = async (req: IncomingMessage, res: ServerResponse, url: URL, bodyText: string): Promise<void> => {
    const route = `${req.method} ${url.pathname}`;
    const body = bodyText ? JSON.parse(bodyText) : undefined;
    switch (route) {
      case 'GET /__sandbox/knobs': return sendJson(res, 200, knobs);
      case 'PUT /__sandbox/knobs': Object.assign(knobs, validateKnobs(body)); return sendJson(res, 200, knobs);
      case 'GET /__sandbox/notifications': {
        const issueKey = url.searchParams.get('issueKey');
        return sendJson(res, 200, site.notifications.filter((n) => !issueKey || n.issueKey === issueKey));
      }
      case 'GET /__sandbox/events': {
        const since = Number(url.searchParams.get('since') ?? 0);
        if (!Number.isFinite(since)) throw new JiraError(400, ["'since' must be an event sequence number."]);
        return sendJson(res, 200, { events: eventLog.filter((e) => e.seq > since), last: eventSeq });
      }
      case 'GET /__sandbox/requests': return sendJson(res, 200, { count: served, faults: { ...faults } });
      case 'POST /__sandbox/reset': {
        const fresh = structuredClone(initial);
        for (const key of Object.keys(site) as Array<keyof SiteData>) delete site[key];
        Object.assign(site, fresh, { baseUrl: sandbox.url });
        eventLog.length = 0;
        served = 0;
        revision += 1;
        saver?.schedule();
        return sendJson(res, 204, undefined);
      }
      default: throw new JiraError(404, [`No sandbox control endpoint ${route}.`]);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const bodyText = await readBody(req);
    if (url.pathname.startsWith('/__sandbox/')) return control(req, res, url, bodyText);

    served += 1;
    if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
    if (knobs.seed !== diceSeed) {
      dice = seededRandom(knobs.seed);
      diceSeed = knobs.seed;
    }
    // Both dice are rolled on every request so the sequence depends on the seed alone.
    const roll429 = dice();
    const roll5xx = dice();
    // Requests of the stand-ins for Jira's own UI and Forge's event delivery (the local host marks
    // them) are spared: the knobs simulate what the APP meets, and Jira's pages are not the app.
    const platform = req.headers['x-sandbox-platform'] === '1';
    // A scripted outage comes before the dice: a test says exactly which requests fail.
    if (!platform && knobs.failNext > 0) {
      knobs.failNext -= 1;
      faults.failNext += 1;
      const status = knobs.failStatus;
      const message = status === 503 ? 'Service unavailable. Please try again later.' : status >= 500 ? 'Internal server error.' : 'The sandbox was told to refuse this request.';
      return sendJson(res, status, { errorMessages: [message], errors: {} });
    }
    if (!platform && roll429 < knobs.rate429) {
      faults.rate429 += 1;
      const ms = Math.round(knobs.retryAfterSeconds * 1000);
      return sendJson(res, 429, { errorMessages: ['Rate limit exceeded.'], errors: {} }, {
        'retry-after': String(Math.ceil(knobs.retryAfterSeconds)),
        'x-sandbox-retry-after-ms': String(ms),
      });
    }
    if (!platform && roll5xx < knobs.rate5xx) {
      faults.rate5xx += 1;
      return sendJson(res, 503, { errorMessages: ['Service unavailable. Please try again later.'], errors: {} });
    }

    if (method === 'GET') {
      const svg = iconFor(site, url.pathname, url.searchParams);
      if (svg) {
        res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=3600' });
        res.end(svg);
        return;
      }
    }

    const user = authenticate(site, req.headers.authorization);
    if (!user) throw new JiraError(401, [NOT_AUTHENTICATED]);

    const matched = router.match(method, url.pathname);
    if (!('handler' in matched)) {
      if (matched.methodMismatch) throw new JiraError(405, [`Method ${method} is not allowed for ${url.pathname}.`]);
      throw new JiraError(404, [`null for uri: ${site.baseUrl}${url.pathname}`]);
    }
    let body: unknown;
    if (bodyText.trim() !== '') {
      const type = String(req.headers['content-type'] ?? '');
      if (!/^application\/json\b/i.test(type)) throw new JiraError(415, ['Unsupported Media Type: send the body as application/json.']);
      try {
        body = JSON.parse(bodyText);
      } catch (err) {
        throw new JiraError(400, [`Invalid JSON in the request body: ${(err as Error).message}`]);
      }
    }
    const pending: SandboxEvent[] = [];
    let changed = false;
    const delayIndex = knobs.indexDelayMs > 0 && method !== 'GET';
    const before = delayIndex ? beforeWrite(matched.params, body) : undefined;
    const ctx: RequestContext = {
      site, user, method, path: url.pathname, query: url.searchParams, params: matched.params, body, rawBody: bodyText, hooks, forge, revision,
      indexed, indexPending,
      now: () => new Date(),
      changed: () => { changed = true; },
      emit: (event) => { pending.push(event); },
    };
    const answer = await matched.handler(ctx);
    if (changed) {
      revision += 1;
      saver?.schedule();
    }
    if (delayIndex) {
      const until = Date.now() + knobs.indexDelayMs;
      for (const event of pending) {
        const known = unindexed.get(event.issueId);
        unindexed.set(event.issueId, { until, before: known ? known.before : (before?.get(event.issueId) ?? null) });
      }
    }
    const appCall = req.headers['x-sandbox-app-call'] === '1';
    pending.forEach((event) => publish(appCall ? { ...event, selfGenerated: true } : event));
    sendJson(res, answer.status, answer.body, answer.headers);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return;
      if (err instanceof JiraError) return sendJson(res, err.status, err.body());
      if (err instanceof SyntaxError) return sendJson(res, 400, { errorMessages: [`Invalid JSON: ${err.message}`], errors: {} });
      console.error('[jira sandbox] request failed:', req.method, req.url, err);
      sendJson(res, 500, { errorMessages: [`Internal server error: ${err instanceof Error ? err.message : String(err)}`], errors: {} });
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  site.baseUrl = url;

  const sandbox: Sandbox = {
    url,
    get site() { return site; },
    set site(value: SiteData) { site = value; site.baseUrl = url; },
    get knobs() { return knobs; },
    set knobs(value: SandboxKnobs) { knobs = { ...DEFAULT_KNOBS, ...value }; },
    get hooks() { return hooks; },
    set hooks(value: SandboxHooks) { hooks = value; },
    events,
    requestCount: () => served,
    resetRequestCount: () => { served = 0; },
    save: async () => { await saver?.save(); },
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await saver?.save();
    },
  };
  return sandbox;
}

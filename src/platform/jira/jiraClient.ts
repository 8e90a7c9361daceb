/**
 * A small Jira REST client over @forge/api: JSON in and out, bounded retries when Jira says
 * "slow down" (429, 503) honouring Retry-After with jittered exponential backoff, and Jira's
 * error bodies turned into AppError('UPSTREAM') with Jira's own messages.
 */
import api, { type Route } from '@forge/api';
import { AppError } from '../domain/errors';

/** The part of a fetch Response the client reads (what @forge/api's requestJira returns). */
export interface JiraResponse {
  ok: boolean;
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface JiraRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export type JiraTransport = (path: Route, init: JiraRequestInit) => Promise<JiraResponse>;

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step; doubles on every retry. */
  baseDelayMs: number;
  /** No single wait is longer; a Retry-After beyond it ends the retries (the resolver would time out). */
  maxDelayMs: number;
  /** Total waiting allowed across retries, well inside Forge's 25 s resolver limit. */
  budgetMs: number;
  sleep(ms: number): Promise<void>;
  /** 0 <= random() < 1, for jitter. */
  random(): number;
}

/**
 * Five retries within 15 s: under 20% 429s and 5% 503s a request still fails only when six tries
 * in a row are refused (about 1 in 4,000), and the waits (Retry-After, else 0.25 s doubling, each
 * + up to 25%) leave a resolver's 25 s limit room for its other work.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  budgetMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const RETRYABLE = new Set([429, 503]);

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  return undefined;
}

/**
 * How long to wait before retry number `attempt` (0-based): never less than Retry-After, at least
 * the exponential step, plus up to 25% random jitter so parallel callers do not retry in lockstep.
 */
export function backoffDelayMs(attempt: number, retryAfter: number | undefined, policy: Pick<RetryPolicy, 'baseDelayMs' | 'random'>): number {
  const exponential = policy.baseDelayMs * 2 ** attempt;
  const floor = Math.max(retryAfter ?? 0, exponential);
  return Math.round(floor * (1 + 0.25 * policy.random()));
}

/** Jira's error body `{ errorMessages: [...], errors: { field: message } }` as one readable line. */
export function jiraErrorMessage(status: number, body: string): string {
  let detail = '';
  try {
    const parsed = JSON.parse(body) as { errorMessages?: unknown; errors?: unknown; message?: unknown };
    const messages = Array.isArray(parsed.errorMessages) ? parsed.errorMessages.filter((m): m is string => typeof m === 'string') : [];
    const fieldMessages =
      parsed.errors && typeof parsed.errors === 'object'
        ? Object.entries(parsed.errors as Record<string, unknown>).map(([field, message]) => `${field}: ${String(message)}`)
        : [];
    detail = [...messages, ...fieldMessages].join('; ');
    if (!detail && typeof parsed.message === 'string') detail = parsed.message;
  } catch {
    detail = body.trim().slice(0, 200);
  }
  return detail ? `Jira answered ${status}: ${detail}` : `Jira answered ${status}`;
}

export class JiraClient {
  constructor(
    private readonly transport: JiraTransport,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  get<T>(path: Route): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: Route, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: Route, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** Sends a request; answers the parsed JSON body (undefined for an empty 2xx body). */
  async request<T>(method: string, path: Route, body?: unknown): Promise<T> {
    const init: JiraRequestInit = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers!['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let waited = 0;
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.transport(path, init);
      const text = await response.text();
      if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
      if (RETRYABLE.has(response.status) && attempt < this.policy.maxRetries) {
        const retryAfter = retryAfterMs(response.headers.get('Retry-After'));
        const delay = backoffDelayMs(attempt, retryAfter, this.policy);
        if (delay <= this.policy.maxDelayMs && waited + delay <= this.policy.budgetMs) {
          waited += delay;
          await this.policy.sleep(delay);
          continue;
        }
      }
      throw new AppError('UPSTREAM', jiraErrorMessage(response.status, text), { status: response.status });
    }
  }
}

/** Calls Jira as the user who invoked the app (their permissions apply). */
export function jiraAsUser(policy?: RetryPolicy): JiraClient {
  return new JiraClient((path, init) => api.asUser().requestJira(path, init), policy);
}

/**
 * Calls Jira as `accountId` with no invocation of theirs behind it (a queue consumer finishing
 * their request): Forge's offline user impersonation, `asUser(accountId)`, allowed for the scopes
 * manifest.yml declares with `allowImpersonation: true`. Jira applies that person's permissions,
 * issue security levels included.
 */
export function jiraImpersonating(accountId: string, policy?: RetryPolicy): JiraClient {
  return new JiraClient((path, init) => api.asUser(accountId).requestJira(path, init), policy);
}

/** Calls Jira as the app itself (the app user, within the manifest's scopes). */
export function jiraAsApp(policy?: RetryPolicy): JiraClient {
  return new JiraClient((path, init) => api.asApp().requestJira(path, init), policy);
}

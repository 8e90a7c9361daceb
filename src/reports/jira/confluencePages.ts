/**
 * Writing a report as a Confluence page, through `requestConfluence` as the user (their Confluence
 * permissions decide whether they may add pages to the space): REST v2 `GET /wiki/api/v2/spaces?keys=`
 * (space key -> id) and `POST /wiki/api/v2/pages` with a storage-format body.
 * Scopes: write:confluence-content (classic), read:space:confluence + write:page:confluence (v2's granular ones).
 *
 * Liaison is a Jira app that declares Confluence as an optional app (manifest `app.compatibility`):
 * a site may have no Confluence, or an admin may not have connected Liaison to it. Then Forge refuses
 * the call (a proxy error) or the site answers 404 for `/wiki`; the export says so in plain words.
 */
import api, { ProxyRequestError, route, type Route } from '@forge/api';
import { AppError } from '../../platform/domain/errors';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, retryAfterMs } from '../../platform/jira/jiraClient';

export interface CreatedPage {
  id: string;
  title: string;
  /** The page's address for a person (Confluence's `_links.base` + `_links.webui`). */
  url: string;
}

interface ConfluenceSpace {
  id: string | number;
  key: string;
  name?: string;
}

/** Confluence v2 errors are `{ errors: [{ title, detail }] }`; v1 ones `{ message }`. */
export function confluenceErrorMessage(status: number, body: string): string {
  let detail = '';
  try {
    const parsed = JSON.parse(body) as { errors?: { title?: unknown; detail?: unknown }[]; message?: unknown };
    if (Array.isArray(parsed.errors)) {
      detail = parsed.errors.map((e) => [e.title, e.detail].filter((part) => typeof part === 'string' && part).join(': ')).filter(Boolean).join('; ');
    }
    if (!detail && typeof parsed.message === 'string') detail = parsed.message;
  } catch {
    detail = body.trim().slice(0, 200);
  }
  return detail ? `Confluence answered ${status}: ${detail}` : `Confluence answered ${status}`;
}

/** What the person sees when the site has no Confluence for Liaison. */
export const CONFLUENCE_UNAVAILABLE =
  'Confluence is not available to Liaison on this site: a site admin must add Confluence to the site and connect Liaison to it ' +
  '(Atlassian Administration → Connected apps) before reports can be written as Confluence pages. The other exports work without it.';

/** One request as the user, JSON in and out, with the Jira client's bounded backoff on 429 / 503. */
async function request<T>(method: 'GET' | 'POST', path: Route, body?: unknown): Promise<T> {
  const init = {
    method,
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
  let waited = 0;
  for (let attempt = 0; ; attempt += 1) {
    let response: Awaited<ReturnType<typeof api.requestConfluence>>;
    try {
      response = await api.asUser().requestConfluence(path, init);
    } catch (error) {
      // Forge refuses a product the installation is not connected to before any request is sent.
      if (error instanceof ProxyRequestError) throw new AppError('UPSTREAM', CONFLUENCE_UNAVAILABLE, { status: error.status });
      throw error;
    }
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
    if ((response.status === 429 || response.status === 503) && attempt < DEFAULT_RETRY_POLICY.maxRetries) {
      const delay = backoffDelayMs(attempt, retryAfterMs(response.headers.get('Retry-After')), DEFAULT_RETRY_POLICY);
      if (delay <= DEFAULT_RETRY_POLICY.maxDelayMs && waited + delay <= DEFAULT_RETRY_POLICY.budgetMs) {
        waited += delay;
        await DEFAULT_RETRY_POLICY.sleep(delay);
        continue;
      }
    }
    throw new AppError('UPSTREAM', confluenceErrorMessage(response.status, text), { status: response.status });
  }
}

/** The space's id for its key; a space the user cannot see (or that does not exist) is a field error. */
export async function spaceIdOf(spaceKey: string): Promise<string> {
  let answer: { results?: ConfluenceSpace[] };
  try {
    answer = await request<{ results?: ConfluenceSpace[] }>('GET', route`/wiki/api/v2/spaces?keys=${spaceKey}&limit=${1}`);
  } catch (error) {
    // The spaces list answers 200 (maybe empty) wherever Confluence runs: a 404 means the site has none.
    if (error instanceof AppError && error.status === 404) throw new AppError('UPSTREAM', CONFLUENCE_UNAVAILABLE, { status: 404 });
    throw error;
  }
  const space = (answer?.results ?? []).find((s) => s.key === spaceKey);
  if (!space) {
    throw new AppError('VALIDATION', `There is no Confluence space ${spaceKey} you can see`, { fields: { spaceKey: 'No Confluence space with this key, or you cannot see it' } });
  }
  return String(space.id);
}

/** Creates the page in the space; a title already taken there is a field error (the caller picks another). */
export async function createPage(args: { spaceKey: string; title: string; storage: string }): Promise<CreatedPage> {
  const spaceId = await spaceIdOf(args.spaceKey);
  let page: { id: string | number; title: string; _links?: { webui?: string; base?: string } };
  try {
    page = await request('POST', route`/wiki/api/v2/pages`, {
      spaceId,
      status: 'current',
      title: args.title,
      body: { representation: 'storage', value: args.storage },
    });
  } catch (error) {
    if (error instanceof AppError && error.status === 400 && /already exists/i.test(error.message)) {
      throw new AppError('VALIDATION', `A page titled "${args.title}" already exists in ${args.spaceKey}`, { fields: { title: 'A page with this title already exists in the space: choose another title' } });
    }
    throw error;
  }
  const links = page._links ?? {};
  return { id: String(page.id), title: page.title, url: `${links.base ?? ''}${links.webui ?? ''}` };
}

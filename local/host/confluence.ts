/**
 * A minimal Confluence Cloud for the local host: the three REST v2 calls Liaison makes to publish a
 * report as a page, with Confluence's paths, shapes and error bodies, plus a plain HTML view of a
 * page at its `_links.webui` address so the shell can open what was written.
 *   GET  /wiki/api/v2/spaces?keys=A,B        -> { results: [space], _links }
 *   POST /wiki/api/v2/pages                  -> 200 page (storage body), 400 on a duplicate title
 *   GET  /wiki/api/v2/pages/{id}?body-format=storage -> page
 *   GET  /wiki/spaces/{key}/pages/{id}[/title]        -> the page as HTML (for people)
 * Authentication is the Forge runtime's (Bearer `forge-user:<id>` / `forge-app`, as the sandbox
 * takes it); anything else is 401. Listens on 127.0.0.1 only; `dataFile` keeps pages across runs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { JiraTarget } from './runtime';
import { sandboxJiraTarget } from './runtime';
import { esc } from './shell/html';

export interface ConfluenceSpace {
  id: string;
  key: string;
  name: string;
}

export interface ConfluencePage {
  id: string;
  spaceId: string;
  title: string;
  parentId: string | null;
  authorId: string;
  createdAt: string;
  version: number;
  /** Confluence storage format (XHTML). */
  storage: string;
}

export interface ConfluenceData {
  spaces: ConfluenceSpace[];
  pages: ConfluencePage[];
}

export interface LocalConfluence {
  url: string;
  data: ConfluenceData;
  /** The JiraTarget runtime.ts takes as `confluence`. */
  target: JiraTarget;
  /** The address a person opens for a page. */
  pageUrl(page: ConfluencePage): string;
  close(): Promise<void>;
}

/** Spaces of the demo: the agency's delivery space for the web shop and its internal one. */
export const DEMO_SPACES: ConfluenceSpace[] = [
  { id: '65537', key: 'SHOP', name: 'Northwind web shop relaunch' },
  { id: '65538', key: 'TEAM', name: 'Brightlane delivery' },
];

const PAGE_ID_BASE = 98_000;
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function slug(title: string): string {
  return encodeURIComponent(title.replace(/\s+/g, '+')).replace(/%2B/g, '+');
}

/** Confluence's v2 error body. */
function errorBody(status: number, code: string, title: string) {
  return { errors: [{ status, code, title, detail: null }] };
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = type === 'application/json' ? JSON.stringify(body) : String(body);
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function loadData(dataFile: string | undefined, spaces: ConfluenceSpace[]): ConfluenceData {
  if (dataFile && existsSync(dataFile)) {
    const stored = JSON.parse(readFileSync(dataFile, 'utf8')) as ConfluenceData;
    if (Array.isArray(stored.spaces) && Array.isArray(stored.pages)) return stored;
  }
  return { spaces: spaces.map((s) => ({ ...s })), pages: [] };
}

export async function startConfluence(opts: { port?: number; dataFile?: string; spaces?: ConfluenceSpace[] } = {}): Promise<LocalConfluence> {
  const data = loadData(opts.dataFile, opts.spaces ?? DEMO_SPACES);
  let url = '';
  const save = () => {
    if (!opts.dataFile) return;
    mkdirSync(dirname(opts.dataFile), { recursive: true });
    writeFileSync(opts.dataFile, JSON.stringify(data));
  };
  const spaceById = (id: string) => data.spaces.find((s) => s.id === id);
  const webui = (page: ConfluencePage) => `/spaces/${spaceById(page.spaceId)?.key ?? page.spaceId}/pages/${page.id}/${slug(page.title)}`;

  const spaceJson = (space: ConfluenceSpace) => ({
    id: space.id, key: space.key, name: space.name, type: 'global', status: 'current', homepageId: null,
    _links: { webui: `/spaces/${space.key}` },
  });
  const pageJson = (page: ConfluencePage, withBody: boolean) => ({
    id: page.id,
    status: 'current',
    title: page.title,
    spaceId: page.spaceId,
    parentId: page.parentId,
    parentType: page.parentId ? 'page' : null,
    authorId: page.authorId,
    ownerId: page.authorId,
    createdAt: page.createdAt,
    version: { number: page.version, createdAt: page.createdAt, message: '', minorEdit: false, authorId: page.authorId },
    body: withBody ? { storage: { representation: 'storage', value: page.storage } } : {},
    _links: { webui: webui(page), editui: `/pages/resumedraft.action?draftId=${page.id}`, tinyui: `/x/${page.id}`, base: `${url}/wiki` },
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const view = /^\/wiki\/spaces\/([^/]+)\/pages\/(\d+)(?:\/.*)?$/.exec(u.pathname);
    if (method === 'GET' && view) {
      const page = data.pages.find((p) => p.id === view[2]);
      if (!page) return send(res, 404, '<!doctype html><title>Page not found</title><p>Page not found</p>', 'text/html');
      const space = spaceById(page.spaceId);
      return send(
        res,
        200,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(page.title)} - ${esc(space?.name ?? '')}</title>` +
          '<style>body{font-family:-apple-system,system-ui,sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#172b4d}table{border-collapse:collapse}td,th{border:1px solid #dfe1e6;padding:4px 8px}</style></head>' +
          `<body><nav aria-label="Breadcrumb">Confluence (local) / ${esc(space?.name ?? '')}</nav><main><h1>${esc(page.title)}</h1>${page.storage}</main></body></html>`,
        'text/html',
      );
    }
    const auth = req.headers.authorization ?? '';
    const authorId = auth === 'Bearer forge-app' ? 'liaison-app' : /^Bearer forge-user:(.+)$/.exec(auth)?.[1];
    if (!authorId) return send(res, 401, { code: 401, message: 'Unauthorized; scope does not match' });

    if (method === 'GET' && u.pathname === '/wiki/api/v2/spaces') {
      const keys = (u.searchParams.get('keys') ?? '').split(',').filter(Boolean);
      const found = data.spaces.filter((s) => keys.length === 0 || keys.includes(s.key));
      return send(res, 200, { results: found.map(spaceJson), _links: { base: `${url}/wiki` } });
    }
    const pageMatch = /^\/wiki\/api\/v2\/pages\/(\d+)$/.exec(u.pathname);
    if (method === 'GET' && pageMatch) {
      const page = data.pages.find((p) => p.id === pageMatch[1]);
      if (!page) return send(res, 404, errorBody(404, 'NOT_FOUND', 'Page not found'));
      return send(res, 200, pageJson(page, u.searchParams.get('body-format') === 'storage'));
    }
    if (method === 'POST' && u.pathname === '/wiki/api/v2/pages') {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      } catch {
        return send(res, 400, errorBody(400, 'INVALID_REQUEST_PARAMETER', 'The request body is not valid JSON'));
      }
      const space = typeof body.spaceId === 'string' || typeof body.spaceId === 'number' ? spaceById(String(body.spaceId)) : undefined;
      if (!space) return send(res, 400, errorBody(400, 'INVALID_REQUEST_PARAMETER', 'spaceId must name an existing space'));
      const title = typeof body.title === 'string' ? body.title.trim() : '';
      if (!title) return send(res, 400, errorBody(400, 'INVALID_REQUEST_PARAMETER', 'A page title is required'));
      const content = body.body as { representation?: unknown; value?: unknown } | undefined;
      if (!content || content.representation !== 'storage' || typeof content.value !== 'string') {
        return send(res, 400, errorBody(400, 'INVALID_REQUEST_PARAMETER', "body must be { representation: 'storage', value }"));
      }
      if (data.pages.some((p) => p.spaceId === space.id && p.title.toLowerCase() === title.toLowerCase())) {
        return send(res, 400, errorBody(400, 'BAD_REQUEST', 'A page with this title already exists: A page already exists with the same TITLE in this space'));
      }
      const page: ConfluencePage = {
        id: String(PAGE_ID_BASE + data.pages.length + 1),
        spaceId: space.id,
        title,
        parentId: typeof body.parentId === 'string' ? body.parentId : null,
        authorId,
        createdAt: new Date().toISOString(),
        version: 1,
        storage: content.value,
      };
      data.pages.push(page);
      save();
      return send(res, 200, pageJson(page, true));
    }
    return send(res, 404, errorBody(404, 'NOT_FOUND', `No Confluence endpoint ${method} ${u.pathname} in the local host`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, errorBody(500, 'INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error))));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    data,
    target: sandboxJiraTarget(url),
    pageUrl: (page) => `${url}/wiki${webui(page)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

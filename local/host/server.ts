/**
 * The local shell: a Jira-like web page that hosts the app's Custom UI bundles unchanged, with the
 * bridge they expect, acting as whichever user the switcher selects (`liaison-user` cookie).
 * Jira data is read from the Jira target (sandbox or real site) as that user; app calls go through
 * the app host exactly as Forge makes them.
 */
import express, { type Request, type Response as ExpressResponse, type NextFunction } from 'express';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { AppHost } from './app';
import { resourcePath } from './manifest';
import { requestJiraAs, runtimeIds } from './runtime';
import { IssuePanelStore } from './issuePanels';
import { resetClock, setClock } from './clock';
import { doTransition, getIssue, isJiraAdmin, JiraError, listFields, listUsersWithRoles, myself, setIssueField, type Principal, type SwitchableUser } from './shell/jira';
import type { LicenseDetails, Page, PageContext } from './shell/page';
import { appPage, configModule, configurePath, forgeFieldFor, issuePage, issuesPage, manageAppsPage, notFoundPage, projectAppPage, projectsPage } from './shell/pages';
import { DashboardError, DashboardStore } from './dashboards';
import { dashboardPage } from './shell/dashboardPage';

export const USER_COOKIE = 'liaison-user';
/** The theme chosen with the shell's Theme menu (Jira's profile → Theme): `light` (default) or `dark`. */
export const THEME_COOKIE = 'liaison-theme';
const ASSETS = join(__dirname, 'shell', 'assets');

export interface ShellOptions {
  app: AppHost;
  /** 0 picks a free port. */
  port?: number;
  /** The user acting when no cookie says otherwise (the demo's project manager). */
  defaultAccountId?: string;
  /** `site`: a real Jira site with one API token, so there is exactly one user to act as. */
  mode?: 'sandbox' | 'site';
  /** What the app sees as `siteUrl` (default: this shell's URL in sandbox mode). */
  siteUrl?: string;
  /** Where dashboards and their gadgets' configurations are kept (default: in memory only). */
  dashboardsFile?: string;
  /** Where the issue panels added to issues (and shown for all) are kept (default: in memory only). */
  issuePanelsFile?: string;
  /**
   * The license Forge would pass a paid app in production (`getContext().license`); absent (the
   * default) as in a development environment, where Forge passes none.
   */
  license?: LicenseDetails;
  /**
   * Serve `POST /api/clock` (`{ "at": ISO time }` sets the host's clock, `{ "at": null }` gives the
   * real time back), so a browser test can act days ago as the demo story does. Sandbox only.
   */
  clockControl?: boolean;
}

export interface ShellServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function setUserCookie(res: ExpressResponse, accountId: string): void {
  res.setHeader('Set-Cookie', `${USER_COOKIE}=${encodeURIComponent(accountId)}; Path=/; SameSite=Lax; HttpOnly`);
}

/**
 * The Atlassian design tokens' light and dark themes (what `view.theme.enable()` gives a Custom UI
 * app): each applies under `html[data-color-mode]`, which the shell and the bridge set.
 */
function themeCss(): string {
  const themes = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];
  return themes.map((t) => (require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${t}.js`) as { default: string }).default).join('\n');
}

/** index.html of a Custom UI build with the bridge script placed before the bundle's first script. */
export function injectBridge(html: string): string {
  const tag = '<script src="/shell/bridge.js"></script>';
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return html.slice(0, firstScript) + tag + html.slice(firstScript);
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return html.slice(0, headEnd) + tag + html.slice(headEnd);
  return tag + html;
}

export async function startShellServer(opts: ShellOptions): Promise<ShellServer> {
  const { app } = opts;
  const mode = opts.mode ?? 'sandbox';
  const web = express();
  web.disable('x-powered-by');
  let selfUrl = '';
  const siteUrl = () => opts.siteUrl ?? selfUrl;
  const issuePanels = new IssuePanelStore({ file: opts.issuePanelsFile });
  const dashboards = new DashboardStore({ file: opts.dashboardsFile, gadgetModules: () => app.manifest.dashboardGadgets.map((g) => g.key) });

  // People to act as: cached briefly, since every page shows the switcher.
  let usersCache: { at: number; users: SwitchableUser[] } | null = null;
  async function switchableUsers(): Promise<SwitchableUser[]> {
    if (usersCache && Date.now() - usersCache.at < 3000) return usersCache.users;
    const users = mode === 'site' ? [{ ...(await myself({ provider: 'app' })), roles: [] }] : await listUsersWithRoles();
    usersCache = { at: Date.now(), users };
    return users;
  }
  async function actingUser(req: Request): Promise<{ actor: SwitchableUser; users: SwitchableUser[] }> {
    const users = await switchableUsers();
    if (users.length === 0) throw new Error('The Jira site has no active users to act as');
    const wanted = readCookie(req, USER_COOKIE) ?? opts.defaultAccountId;
    const actor = users.find((u) => u.accountId === wanted) ?? users.find((u) => u.accountId === opts.defaultAccountId) ?? users[0];
    return { actor, users };
  }
  const userPrincipal = (actor: SwitchableUser): Principal => ({ provider: 'user', accountId: actor.accountId });

  async function pageContext(req: Request): Promise<PageContext> {
    const { actor, users } = await actingUser(req);
    return {
      app,
      actor,
      users,
      who: userPrincipal(actor),
      path: req.originalUrl,
      siteUrl: siteUrl(),
      issuePanels,
      jiraAdmin: await isJiraAdmin(userPrincipal(actor)),
      colorMode: readCookie(req, THEME_COOKIE) === 'dark' ? 'dark' : 'light',
      ...(opts.license ? { license: opts.license } : {}),
      ...(mode === 'site' ? { switchingDisabled: 'A real Jira site: every call runs as the API token’s user' } : {}),
    };
  }
  const send = (res: ExpressResponse, page: Page) => res.status(page.status).type('html').send(page.html);

  // ---- shell assets ----
  const theme = themeCss();
  web.get('/shell/theme.css', (_req, res) => res.type('css').send(theme));
  web.get(['/shell/shell.js', '/shell/bridge.js', '/shell/shell.css'], (req, res) => {
    res.type(req.path.endsWith('.css') ? 'css' : 'js').send(readFileSync(join(ASSETS, req.path.replace('/shell/', '')), 'utf8'));
  });

  web.get('/favicon.ico', (_req, res) => res.status(204).end());

  // ---- Custom UI resources, unchanged but for the bridge script ----
  web.get(['/apps/:resource', '/apps/:resource/{*file}'], (req, res, next) => {
    const dir = resourcePath(app.manifest, String(req.params.resource));
    if (!dir) return res.status(404).type('text').send(`No resource '${req.params.resource}' in manifest.yml`);
    if (!req.params.file && !req.path.endsWith('/')) return res.redirect(301, `${req.path}/`);
    const rel = ([] as string[]).concat((req.params.file as unknown as string[] | undefined) ?? []).join('/') || 'index.html';
    const file = resolve(dir, rel);
    if (file !== resolve(dir) && !file.startsWith(resolve(dir) + sep)) return res.status(403).end();
    if (!existsSync(file) || !statSync(file).isFile()) return next();
    if (rel === 'index.html') return res.type('html').setHeader('Cache-Control', 'no-store').send(injectBridge(readFileSync(file, 'utf8')));
    res.setHeader('Cache-Control', 'no-store');
    // `root` keeps the dotfile rule to the file's own path: a repo under a dotted folder still works.
    return res.sendFile(rel, { root: dir, dotfiles: 'allow' });
  });

  // ---- user switching ----
  web.post('/switch-user', express.urlencoded({ extended: false }), async (req, res) => {
    const { users } = await actingUser(req);
    const accountId = String(req.body?.accountId ?? '');
    if (!users.some((u) => u.accountId === accountId)) return res.status(400).type('text').send(`No user ${accountId} to act as`);
    setUserCookie(res, accountId);
    const back = String(req.body?.return ?? '/');
    res.redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
  });
  // The Theme menu (Jira keeps the choice per person; here per browser, like the acting user).
  web.post('/theme', express.urlencoded({ extended: false }), (req, res) => {
    const chosen = String(req.body?.theme ?? '');
    if (chosen !== 'light' && chosen !== 'dark') return res.status(400).type('text').send(`No theme ${chosen}: light or dark`);
    res.append('Set-Cookie', `${THEME_COOKIE}=${chosen}; Path=/; SameSite=Lax`);
    const back = String(req.body?.return ?? '/');
    res.redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
  });
  web.get('/api/users', async (req, res) => {
    const { actor, users } = await actingUser(req);
    res.json({ acting: actor.accountId, users });
  });
  web.post('/api/user', express.json(), async (req, res) => {
    const { users } = await actingUser(req);
    const accountId = String(req.body?.accountId ?? '');
    if (!users.some((u) => u.accountId === accountId)) return res.status(400).json({ error: { message: `No user ${accountId} to act as` } });
    setUserCookie(res, accountId);
    res.status(204).end();
  });

  // ---- the bridge's server half ----
  web.post('/api/invoke', express.json({ limit: '5mb' }), async (req, res) => {
    try {
      const { actor } = await actingUser(req);
      const { moduleKey, functionKey, payload, extension } = req.body ?? {};
      const result = await app.invoke({ accountId: actor.accountId, moduleKey, functionKey, payload, extension });
      res.json({ result: result ?? null });
    } catch (e) {
      res.status(500).json({ error: { message: (e as Error)?.message ?? String(e) } });
    }
  });
  web.post('/api/fetch-product', express.json({ limit: '5mb' }), async (req, res) => {
    try {
      const { actor } = await actingUser(req);
      const { product, restPath, fetchRequestInit } = req.body ?? {};
      if (product !== 'jira') return res.status(400).json({ error: { message: `requestProduct '${product}' is not available in the local host (only jira)` } });
      if (typeof restPath !== 'string' || !restPath.startsWith('/')) return res.status(400).json({ error: { message: 'restPath must start with /' } });
      const init = fetchRequestInit ?? {};
      const upstream = await requestJiraAs(userPrincipal(actor), restPath, {
        method: init.method ?? 'GET',
        headers: Array.isArray(init.headers) ? init.headers : undefined,
        body: init.body ?? undefined,
      });
      res.json({ body: await upstream.text(), headers: Object.fromEntries(upstream.headers.entries()), status: upstream.status, statusText: upstream.statusText });
    } catch (e) {
      res.status(500).json({ error: { message: (e as Error)?.message ?? String(e) } });
    }
  });
  web.post('/api/issue-field', express.json({ limit: '1mb' }), async (req, res) => {
    try {
      const { actor } = await actingUser(req);
      const { issueKey, fieldId, value } = req.body ?? {};
      const who = userPrincipal(actor);
      // The shell's edit dialog is Jira's issue view: it offers no edit of a read-only Forge field.
      const field = (await listFields(who)).find((f) => f.id === String(fieldId));
      const module = field && app.manifest.customFields.find((m) => forgeFieldFor([field], m));
      if (module?.readOnly) return res.status(400).json({ error: { message: `Field '${field!.name}' is read-only: only the app that provides it can set its value.` } });
      await setIssueField(who, String(issueKey), String(fieldId), value);
      res.status(204).end();
    } catch (e) {
      res.status(e instanceof JiraError ? e.status : 500).json({ error: { message: (e as Error).message } });
    }
  });
  // A gadget's edit view submitted its configuration (view.submit): Jira saves it on the dashboard.
  web.post('/api/gadget-config', express.json({ limit: '100kb' }), async (req, res) => {
    try {
      const { actor } = await actingUser(req);
      const { dashboardId, gadgetId, config } = req.body ?? {};
      dashboards.saveConfig(String(dashboardId ?? ''), String(gadgetId ?? ''), actor.accountId, config);
      res.status(204).end();
    } catch (e) {
      res.status(e instanceof DashboardError ? e.status : 500).json({ error: { message: (e as Error).message } });
    }
  });
  if (opts.clockControl && mode === 'sandbox') {
    web.post('/api/clock', express.json(), (req, res) => {
      const at = (req.body ?? {}).at as unknown;
      if (at === null) resetClock();
      else if (typeof at === 'string' && Number.isFinite(Date.parse(at))) setClock(new Date(at));
      else return void res.status(400).json({ error: { message: 'Send { "at": an ISO date and time } to set the clock, or { "at": null } for the real time.' } });
      res.json({ now: new Date().toISOString() });
    });
  }
  web.post('/api/scheduled/:key', async (req, res) => {
    try {
      const result = await app.fireScheduledTrigger(String(req.params.key));
      res.json({ result: result ?? null });
    } catch (e) {
      res.status(500).json({ error: { message: (e as Error).message } });
    }
  });

  // Jira's own REST API, as the acting user (so links and scripts against siteUrl work as in Jira).
  web.all('/rest/{*rest}', express.raw({ type: () => true, limit: '10mb' }), async (req, res) => {
    const { actor } = await actingUser(req);
    const headers: Record<string, string> = {};
    if (req.headers['content-type']) headers['content-type'] = String(req.headers['content-type']);
    const upstream = await requestJiraAs(userPrincipal(actor), req.originalUrl, {
      method: req.method,
      headers,
      body: ['GET', 'HEAD'].includes(req.method) || !Buffer.isBuffer(req.body) || req.body.length === 0 ? undefined : new Uint8Array(req.body),
    });
    res.status(upstream.status);
    upstream.headers.forEach((v, k) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k)) res.setHeader(k, v);
    });
    res.send(Buffer.from(await upstream.arrayBuffer()));
  });

  // ---- pages ----
  // Web triggers, as Forge serves them: anyone may call (no user, no cookie); the function answers.
  web.all(['/public/:triggerKey', '/x1/:triggerKey', '/x/:triggerKey'], express.text({ type: () => true, limit: '1mb' }), async (req, res) => {
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);
    const query = new URL(req.originalUrl, 'http://local').searchParams;
    const queryParameters: Record<string, string[]> = {};
    for (const key of new Set(query.keys())) queryParameters[key] = query.getAll(key);
    const headers: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(req.headers)) if (key !== 'cookie') headers[key] = list(value);
    const answer = await app.runWebtrigger(String(req.params.triggerKey), {
      method: req.method, path: req.path, body: typeof req.body === 'string' ? req.body : '', headers, queryParameters,
    });
    res.status(answer.statusCode);
    for (const [key, values] of Object.entries(answer.headers)) res.setHeader(key, values);
    res.send(answer.body);
  });
  web.get('/', async (req, res) => send(res, await projectsPage(await pageContext(req))));
  web.get('/dashboards', async (req, res) => {
    const ctx = await pageContext(req);
    const own = dashboards.dashboardOf(ctx.actor.accountId);
    const edit = typeof req.query.edit === 'string' ? `?edit=${encodeURIComponent(req.query.edit)}` : '';
    res.redirect(303, `/dashboards/${encodeURIComponent(own.id)}${edit}`);
  });
  web.get('/dashboards/:id', async (req, res) => {
    const ctx = await pageContext(req);
    // Make sure the person's own dashboard exists (and carries every gadget of the manifest).
    dashboards.dashboardOf(ctx.actor.accountId);
    try {
      const dashboard = dashboards.visibleDashboard(String(req.params.id), ctx.actor.accountId);
      send(res, dashboardPage(ctx, dashboard, { edit: typeof req.query.edit === 'string' ? req.query.edit : undefined }));
    } catch (e) {
      if (!(e instanceof DashboardError)) throw e;
      const page = notFoundPage(ctx);
      send(res, { ...page, status: e.status });
    }
  });
  web.get('/projects/:key/issues', async (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    send(res, await issuesPage(await pageContext(req), String(req.params.key), { jql: q.jql, next: q.next, page: q.page }));
  });
  web.get('/browse/:key', async (req, res) => {
    const added = typeof req.query.added === 'string' ? req.query.added : undefined;
    send(res, await issuePage(await pageContext(req), String(req.params.key), undefined, { addedPanel: added }));
  });
  // The issue view's apps menu and panel menus: add a panel to the issue (any user who can view it),
  // remove it, or, for Jira administrators, show it on every issue or hide it from all.
  web.post('/browse/:key/panels', express.urlencoded({ extended: false }), async (req, res) => {
    const ctx = await pageContext(req);
    const key = String(req.params.key);
    const action = String(req.body?.action ?? '');
    const moduleKey = String(req.body?.moduleKey ?? '');
    const fail = async (status: number, text: string) => send(res, { ...(await issuePage(ctx, key, { kind: 'error', title: 'The panel could not be changed', text })), status });
    if (!app.manifest.issuePanels.some((p) => p.key === moduleKey)) return fail(400, `No issue panel '${moduleKey}' in manifest.yml`);
    let issueId: string;
    try {
      issueId = String((await getIssue(ctx.who, key, ['summary'])).id);
    } catch (e) {
      return fail(e instanceof JiraError ? e.status : 500, (e as Error).message);
    }
    if (action === 'add') issuePanels.add(issueId, moduleKey);
    else if (action === 'remove') issuePanels.remove(issueId, moduleKey);
    else if (action === 'show-all' || action === 'hide-all') {
      if (!ctx.jiraAdmin) return fail(403, 'Only Jira administrators can show a panel on all work items');
      issuePanels.setShownForAll(moduleKey, action === 'show-all');
    } else return fail(400, `Unknown panel action '${action}'`);
    res.redirect(303, `/browse/${encodeURIComponent(key)}${action === 'add' ? `?added=${encodeURIComponent(moduleKey)}` : ''}`);
  });
  web.post('/browse/:key/transition', express.urlencoded({ extended: false }), async (req, res) => {
    const ctx = await pageContext(req);
    const key = String(req.params.key);
    try {
      await doTransition(ctx.who, key, String(req.body?.transitionId ?? ''));
      res.redirect(303, `/browse/${encodeURIComponent(key)}`);
    } catch (e) {
      const page = await issuePage(ctx, key, { kind: 'error', title: 'The issue could not be transitioned', text: (e as Error).message });
      send(res, { ...page, status: e instanceof JiraError ? e.status : 500 });
    }
  });
  const routeOf = (req: Request) => ([] as string[]).concat((req.params.route as unknown as string[] | undefined) ?? []).join('/');
  web.get('/projects/:key/apps/:moduleKey{/*route}', async (req, res) =>
    send(res, await projectAppPage(await pageContext(req), String(req.params.key), String(req.params.moduleKey), routeOf(req))),
  );
  web.get('/apps-global/:moduleKey{/*route}', async (req, res) => send(res, appPage(await pageContext(req), 'jira:globalPage', String(req.params.moduleKey), routeOf(req))));
  web.get('/admin/manage-apps', async (req, res) => send(res, manageAppsPage(await pageContext(req))));
  web.get('/admin/apps/configure/:appId/:environmentId{/*route}', async (req, res) => {
    const ctx = await pageContext(req);
    const config = configModule(ctx);
    const { appId, environmentId } = runtimeIds();
    if (!config || req.params.appId !== appId || req.params.environmentId !== environmentId) return send(res, notFoundPage(ctx));
    send(res, appPage(ctx, 'jira:adminPage', config.key, routeOf(req)));
  });
  web.get('/admin/apps/:moduleKey{/*route}', async (req, res) => {
    // The Configure page has no sidebar address of its own in Jira: send old links to where it lives.
    if (app.manifest.adminPages.some((p) => p.key === req.params.moduleKey && p.useAsConfig)) {
      const route = routeOf(req);
      return res.redirect(303, `${configurePath()}${route ? `/${route}` : ''}`);
    }
    send(res, appPage(await pageContext(req), 'jira:adminPage', String(req.params.moduleKey), routeOf(req)));
  });
  web.use(async (req, res) => send(res, notFoundPage(await pageContext(req))));
  web.use((err: unknown, _req: Request, res: ExpressResponse, _next: NextFunction) => {
    console.error('[liaison shell]', err);
    res.status(500).type('text').send(`The local host failed: ${(err as Error)?.message ?? String(err)}`);
  });

  const server = await new Promise<Server>((ok, fail) => {
    const s = web.listen(opts.port ?? 0, '127.0.0.1', () => ok(s));
    s.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  selfUrl = `http://127.0.0.1:${port}`;
  return {
    url: selfUrl,
    port,
    server,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections?.();
        server.close((e) => (e ? fail(e) : ok()));
      }),
  };
}

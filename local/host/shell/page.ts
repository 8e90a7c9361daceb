/**
 * What every shell page is built from: the request's PageContext, Jira's chrome around a page (top
 * navigation, project and app sidebars), the error page, and the Custom UI frames pages embed with
 * the context `view.getContext()` answers. The pages themselves are in pages.ts and dashboardPage.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppHost } from '../app';
import type { IssuePanelStore } from '../issuePanels';
import { resourcePath, type UiModule } from '../manifest';
import { runtimeIds } from '../runtime';
import { conditionsHold, projectPermissionsNamed } from './displayConditions';
import { esc, ICONS, jsonAttr, layout, projectAvatar, sectionMessage, type FrameNav } from './html';
import { JiraError, myProjectPermissions, type JiraProject, type Principal, type SwitchableUser } from './jira';

/** @forge/bridge's LicenseDetails. */
export interface LicenseDetails {
  active: boolean;
  billingPeriod: string;
  ccpEntitlementId: string;
  ccpEntitlementSlug: string;
  isEvaluation: boolean;
  subscriptionEndDate: string | null;
  supportEntitlementNumber: string | null;
  trialEndDate: string | null;
  type: string;
  modes: ['USER_ACCESS'] | null;
}

export interface PageContext {
  app: AppHost;
  actor: SwitchableUser;
  users: SwitchableUser[];
  who: Principal;
  /** Path + query of this request. */
  path: string;
  /** URL the app sees as `siteUrl` (the shell in sandbox mode, the site otherwise). */
  siteUrl: string;
  switchingDisabled?: string;
  /** The issue panels added to issues or shown for all (absent: every panel shows, as in tests of pages alone). */
  issuePanels?: IssuePanelStore;
  /** The acting user is a Jira administrator (may show a panel on all issues). */
  jiraAdmin?: boolean;
  /** The app's license as Forge passes it to a paid production app (ShellOptions.license); absent otherwise. */
  license?: LicenseDetails;
  /** The theme the person chose in the shell's Theme menu (default light). */
  colorMode?: 'light' | 'dark';
  flash?: { id: string; type: 'info' | 'success' | 'warning' | 'error'; title: string; description?: string };
}

export interface Page {
  status: number;
  html: string;
}

function nav(ctx: PageContext, active: FrameNav['active']): FrameNav {
  const m = ctx.app.manifest;
  return {
    currentPath: ctx.path,
    colorMode: ctx.colorMode ?? 'light',
    actingUser: ctx.actor,
    users: ctx.users,
    switchingDisabled: ctx.switchingDisabled,
    globalPages: m.globalPages.map((p) => ({ key: p.key, title: p.title })),
    // Jira leaves a `useAsConfig` admin page off the settings sidebar: Manage apps → Configure reaches it.
    adminPages: m.adminPages.filter((p) => !p.useAsConfig).map((p) => ({ key: p.key, title: p.title })),
    active,
  };
}

function shellData(ctx: PageContext): Record<string, unknown> {
  const m = ctx.app.manifest;
  const modules: Record<string, { key: string; type: string }> = {};
  for (const list of [m.projectPages, m.globalPages, m.adminPages, m.issuePanels, m.issueContexts, m.dashboardGadgets]) for (const x of list) modules[x.key] = { key: x.key, type: x.type };
  return { modules, resources: Object.fromEntries(Object.keys(m.resources).map((k) => [k, true])), actingAccountId: ctx.actor.accountId, colorMode: ctx.colorMode ?? 'light', flash: ctx.flash };
}

export function render(ctx: PageContext, title: string, active: FrameNav['active'], content: string, sidebar?: string, status = 200): Page {
  return { status, html: layout({ title, nav: nav(ctx, active), sidebar, content, shellData: shellData(ctx) }) };
}

/** A Jira error as a page (404: "can't find", others: the error). */
export function errorPage(ctx: PageContext, e: unknown, what: string, sidebar?: string): Page {
  if (e instanceof JiraError && (e.status === 404 || e.status === 403)) {
    return render(ctx, `${what} not found`, 'none', `<h1>We can't find ${esc(what)}</h1>${sectionMessage('warning', `${what} not available`, `It may not exist, or ${ctx.actor.displayName} may not have permission to see it. Jira said: ${(e as Error).message}`)}`, sidebar, e.status);
  }
  const status = e instanceof JiraError ? e.status : 500;
  return render(ctx, 'Something went wrong', 'none', `<h1>Something went wrong</h1>${sectionMessage('error', `Could not load ${what}`, (e as Error)?.message ?? String(e))}`, sidebar, status);
}

// ---- Custom UI frames ----------------------------------------------------------------------------

export interface FrameSpec {
  /** `gadget-edit`: a dashboard gadget's edit view, whose view.submit saves the gadget's configuration. */
  kind: 'page' | 'panel' | 'field-view' | 'gadget' | 'gadget-edit';
  moduleKey: string;
  resource: string;
  historyBase: string;
  context: Record<string, unknown>;
  /** Gadget frames: where the gadget lives, and the page to return to once its edit view is done. */
  gadget?: { dashboardId: string; gadgetId: string; viewUrl: string };
}

/**
 * The user's theme as Jira hands it to Custom UI (`getContext().theme`, @atlaskit/tokens' ThemeState);
 * `colorMode` is the one chosen in the shell's Theme menu (customUiContext).
 */
export const SHELL_THEME = {
  colorMode: 'light', light: 'light', dark: 'dark', contrastMode: 'no-preference', shape: 'shape', spacing: 'spacing', typography: 'typography', motion: 'motion',
} as const;

/**
 * What `view.getContext()` answers a Custom UI app (@forge/bridge's FullContext): the module's
 * `extension` with `location`, the full URL of the page showing it (the shell page; shell.js keeps it
 * current as the app moves through its history); `theme`; and `license` only when the shell was given
 * one, since Forge includes it only for paid apps in production, never in a development environment.
 */
export function customUiContext(ctx: PageContext, moduleKey: string, extension: Record<string, unknown>): Record<string, unknown> {
  const ids = runtimeIds();
  return {
    accountId: ctx.actor.accountId,
    accountType: 'licensed',
    cloudId: ids.cloudId,
    environmentId: ids.environmentId,
    environmentType: ctx.license ? 'PRODUCTION' : 'DEVELOPMENT',
    extension: { ...extension, location: ctx.siteUrl.replace(/\/+$/, '') + ctx.path },
    ...(ctx.license ? { license: ctx.license } : {}),
    localId: ctx.app.localId(moduleKey),
    // Jira's profile language and time zone, as Forge passes them (`en_GB`, `Europe/Berlin`).
    locale: ctx.actor.locale ?? 'en_US',
    moduleKey,
    siteUrl: ctx.siteUrl,
    theme: { ...SHELL_THEME, colorMode: ctx.colorMode ?? 'light' },
    timezone: ctx.actor.timeZone ?? 'UTC',
  };
}

export function appFrame(ctx: PageContext, spec: FrameSpec, title: string, cls: string): string {
  const dir = resourcePath(ctx.app.manifest, spec.resource);
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    return sectionMessage('warning', `${title} is not built`, `Resource '${spec.resource}' has no ${dir ? `${dir}/index.html` : 'path in manifest.yml'}. Run npm run build.`);
  }
  return `<iframe class="app-frame ${cls}" title="${esc(title)}" src="/apps/${encodeURIComponent(spec.resource)}/" data-liaison-frame="${jsonAttr(spec)}"></iframe>`;
}

// ---- sidebar ------------------------------------------------------------------------------------

/**
 * The project pages Jira lists for this viewer: those whose displayConditions hold (Liaison's
 * hold for people Jira may assign work to, so a client is not shown the team's pages).
 */
async function listedProjectPages(ctx: PageContext, project: JiraProject): Promise<UiModule[]> {
  const pages = ctx.app.manifest.projectPages;
  const keys = [...new Set(pages.flatMap((p) => projectPermissionsNamed(p.raw.displayConditions)))];
  const projectPermissions = await myProjectPermissions(ctx.who, project.key, keys);
  const facts = { projectKey: project.key, projectId: String(project.id), projectType: project.projectTypeKey, projectName: project.name, projectPermissions };
  return pages.filter((p) => conditionsHold(p.raw.displayConditions, facts));
}

export async function projectSidebar(ctx: PageContext, project: JiraProject, current: string): Promise<string> {
  const mark = (href: string) => (current === href ? ' aria-current="page"' : '');
  const base = `/projects/${encodeURIComponent(project.key)}`;
  const apps = (await listedProjectPages(ctx, project))
    .map((p) => {
      const href = `${base}/apps/${p.key}`;
      const subs = p.pages.length
        ? `<ul class="sub">${p.pages
            .map((s) => `<li><a href="${href}/${esc(s.route)}" data-app-route="${esc(s.route)}" data-module="${esc(p.key)}"${mark(`${href}/${s.route}`)}>${esc(s.title)}</a></li>`)
            .join('')}</ul>`
        : '';
      return `<li><a href="${href}" data-app-route="" data-module="${esc(p.key)}"${mark(href)}><span class="app-icon" aria-hidden="true"></span>${esc(p.title)}</a>${subs}</li>`;
    })
    .join('');
  return `<nav class="sidebar" aria-label="Project">
  <div class="project-header">${projectAvatar(project, true)}<div><div class="project-name">${esc(project.name)}</div><div class="project-type">${project.projectTypeKey === 'business' ? 'Business' : 'Software'} project</div></div></div>
  <h2>Planning</h2>
  <ul><li><a href="${base}/issues"${mark(`${base}/issues`)}>${ICONS.issues}Issues</a></li></ul>
  <h2>Apps</h2>
  <ul>${apps || '<li class="menu-empty">No project apps</li>'}</ul>
</nav>`;
}

export function appSidebar(label: string, modules: UiModule[], hrefOf: (m: UiModule) => string, current: string): string {
  const mark = (href: string) => (current === href ? ' aria-current="page"' : '');
  const items = modules
    .map((m) => {
      const href = hrefOf(m);
      const subs = m.pages.length
        ? `<ul class="sub">${m.pages.map((s) => `<li><a href="${href}/${esc(s.route)}" data-app-route="${esc(s.route)}" data-module="${esc(m.key)}"${mark(`${href}/${s.route}`)}>${esc(s.title)}</a></li>`).join('')}</ul>`
        : '';
      return `<li><a href="${href}" data-app-route="" data-module="${esc(m.key)}"${mark(href)}><span class="app-icon" aria-hidden="true"></span>${esc(m.title)}</a>${subs}</li>`;
    })
    .join('');
  return `<nav class="sidebar" aria-label="${esc(label)}"><h2>${esc(label)}</h2><ul>${items}</ul></nav>`;
}

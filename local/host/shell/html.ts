/**
 * HTML building blocks of the shell: escaping, the Jira-like frame (top bar, menus, sidebar),
 * avatars, lozenges, icons and a small Atlassian Document Format renderer.
 */
import type { SwitchableUser } from './jira';

export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON for a `<script type="application/json">` or an attribute (escaped for both). */
export function jsonAttr(value: unknown): string {
  return esc(JSON.stringify(value));
}
export function jsonScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/-->/g, '--\\u003e');
}

const AVATAR_COLOURS = ['#0C66E4', '#1F845A', '#AE2E24', '#5E4DB2', '#A54800', '#206A83', '#943D73', '#216E4E', '#7F5F01', '#C9372C'];
function colourFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[h % AVATAR_COLOURS.length];
}
function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

export function avatar(user: { accountId: string; displayName: string } | null | undefined, size: 'small' | 'large' = 'small'): string {
  const cls = size === 'large' ? 'avatar large' : 'avatar';
  if (!user) return `<span class="${cls} unassigned" aria-hidden="true">?</span>`;
  return `<span class="${cls}" style="background:${colourFor(user.accountId)}" aria-hidden="true">${esc(initials(user.displayName))}</span>`;
}

export function person(user: { accountId: string; displayName: string } | null | undefined): string {
  return `<span class="person">${avatar(user)}<span>${user ? esc(user.displayName) : 'Unassigned'}</span></span>`;
}

export function projectAvatar(project: { key: string; id: string }, large = false): string {
  return `<span class="project-avatar${large ? ' large' : ''}" style="background:${colourFor(project.id + project.key)}" aria-hidden="true">${esc(project.key.slice(0, 1))}</span>`;
}

export function lozenge(status: { name?: string; statusCategory?: { key?: string } } | undefined): string {
  const cat = status?.statusCategory?.key ?? 'new';
  return `<span class="lozenge ${esc(cat)}">${esc(status?.name ?? 'Unknown')}</span>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Jira's short date: `24 Nov 2026` (dates without time are not shifted by time zones). */
export function formatDate(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return esc(value);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}
export function formatDateTime(value: unknown, timeZone?: string): string {
  if (typeof value !== 'string' || !value) return '';
  const d = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(d.getTime())) return esc(value);
  return esc(d.toLocaleString('en-GB', { timeZone: timeZone || 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }));
}

export const ICONS = {
  jira: `<svg viewBox="0 0 24 24" aria-hidden="true"><defs><linearGradient id="jg1" x1="98%" y1="0%" x2="58%" y2="40%"><stop offset="18%" stop-color="#0052CC"/><stop offset="100%" stop-color="#2684FF"/></linearGradient></defs><path fill="#2684FF" d="M22.16 11.1 13.07 2.01 12.19 1.13 5.35 7.97 2.22 11.1a.84.84 0 0 0 0 1.19l6.25 6.25 3.72 3.72 6.84-6.84.1-.1 3.03-3.03a.84.84 0 0 0 0-1.19Zm-9.97 3.72L9.07 11.7l3.12-3.12 3.12 3.12-3.12 3.12Z"/><path fill="url(#jg1)" d="M12.19 8.58a5.25 5.25 0 0 1-.02-7.4L5.33 8l3.72 3.72 3.14-3.14Z"/></svg>`,
  grid: `<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 5a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5Zm6 0a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-2a1 1 0 0 1-1-1V5Zm6 0a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-2a1 1 0 0 1-1-1V5ZM4 11a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-2Zm6 0a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-2a1 1 0 0 1-1-1v-2Zm6 0a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-2a1 1 0 0 1-1-1v-2ZM4 17a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-2Zm6 0a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-2a1 1 0 0 1-1-1v-2Zm6 0a1 1 0 0 1 1-1h2a1 1 0 0 1 1 1v2a1 1 0 0 1-1 1h-2a1 1 0 0 1-1-1v-2Z"/></svg>`,
  gear: `<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path fill-rule="evenodd" d="M11.7 2h.6c.8 0 1.4.6 1.5 1.3l.2 1.5c.5.2 1 .4 1.4.7l1.4-.6c.7-.3 1.5 0 1.9.6l.3.5c.4.7.3 1.5-.3 2l-1.2.9c.1.5.1 1 0 1.6l1.2.9c.6.5.7 1.3.3 2l-.3.5c-.4.6-1.2.9-1.9.6l-1.4-.6c-.4.3-.9.6-1.4.7l-.2 1.5c-.1.7-.7 1.3-1.5 1.3h-.6c-.8 0-1.4-.6-1.5-1.3l-.2-1.5c-.5-.2-1-.4-1.4-.7l-1.4.6c-.7.3-1.5 0-1.9-.6l-.3-.5c-.4-.7-.3-1.5.3-2l1.2-.9a5 5 0 0 1 0-1.6l-1.2-.9c-.6-.5-.7-1.3-.3-2l.3-.5c.4-.6 1.2-.9 1.9-.6l1.4.6c.4-.3.9-.6 1.4-.7l.2-1.5C10.3 2.6 10.9 2 11.7 2ZM12 14.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z" transform="translate(0 1.5)"/></svg>`,
  bell: `<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M6.5 10a5.5 5.5 0 0 1 11 0v3.6l1.7 2.6c.3.5 0 1.3-.7 1.3H5.5c-.7 0-1-.8-.7-1.3l1.7-2.6V10Zm3.5 9h4a2 2 0 0 1-4 0Z"/></svg>`,
  help: `<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path fill-rule="evenodd" d="M12 20a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm-.2-5.3h1.5v1.5h-1.5v-1.5Zm.3-6.9c-1.5 0-2.6.9-2.7 2.3h1.5c.1-.6.5-1 1.2-1 .6 0 1.1.4 1.1 1 0 .5-.3.8-.9 1.2-.7.4-1 .9-1 1.8v.3h1.5v-.3c0-.5.2-.7.8-1.1.8-.5 1.2-1 1.2-2 0-1.3-1.1-2.2-2.7-2.2Z"/></svg>`,
  chevron: `<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="currentColor"><path d="M8.3 10.3a1 1 0 0 1 1.4 0L12 12.6l2.3-2.3a1 1 0 1 1 1.4 1.4l-3 3a1 1 0 0 1-1.4 0l-3-3a1 1 0 0 1 0-1.4Z"/></svg>`,
  theme: `<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path fill-rule="evenodd" d="M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 2v12a6 6 0 0 0 0-12Z"/></svg>`,
  issues: `<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor"><path d="M5 5h14v2H5V5Zm0 6h14v2H5v-2Zm0 6h9v2H5v-2Z"/></svg>`,
};

const TYPE_COLOURS: Record<string, string> = { story: '#63BA3C', bug: '#E5493A', task: '#4BADE8', epic: '#904EE2', 'sub-task': '#4BADE8', subtask: '#4BADE8' };
export function issueTypeIcon(type: { name?: string } | undefined): string {
  const name = (type?.name ?? 'Task').toLowerCase();
  const colour = TYPE_COLOURS[name] ?? '#FF991F';
  const glyph =
    name === 'story'
      ? '<path fill="#fff" d="M5 4h6v8l-3-2-3 2z"/>'
      : name === 'bug'
        ? '<circle cx="8" cy="8" r="3" fill="#fff"/>'
        : name === 'epic'
          ? '<path fill="#fff" d="M9 3 5 9h3l-1 4 4-6H8z"/>'
          : name === 'task' || name.includes('sub')
            ? '<path fill="none" stroke="#fff" stroke-width="2" d="m4.5 8 2.5 2.5 4.5-5"/>'
            : '<path fill="#fff" d="M4 7h8v2H4z M7 4h2v8H7z"/>';
  return `<svg class="type-icon" viewBox="0 0 16 16" role="img" aria-label="${esc(type?.name ?? 'Task')}"><rect width="16" height="16" rx="3" fill="${colour}"/>${glyph}</svg>`;
}

// ---- Atlassian Document Format -------------------------------------------------------------------
type AdfNode = { type: string; text?: string; content?: AdfNode[]; attrs?: Record<string, unknown>; marks?: { type: string; attrs?: Record<string, unknown> }[] };

function renderMarks(text: string, marks: AdfNode['marks']): string {
  let out = esc(text);
  for (const m of marks ?? []) {
    if (m.type === 'strong') out = `<strong>${out}</strong>`;
    else if (m.type === 'em') out = `<em>${out}</em>`;
    else if (m.type === 'code') out = `<code>${out}</code>`;
    else if (m.type === 'strike') out = `<s>${out}</s>`;
    else if (m.type === 'underline') out = `<u>${out}</u>`;
    else if (m.type === 'link' && typeof m.attrs?.href === 'string' && /^(https?:|\/)/.test(m.attrs.href)) out = `<a href="${esc(m.attrs.href)}">${out}</a>`;
  }
  return out;
}

export function adfToHtml(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const n = node as AdfNode;
  const inner = () => (n.content ?? []).map(adfToHtml).join('');
  switch (n.type) {
    case 'doc': return inner();
    case 'paragraph': return `<p>${inner()}</p>`;
    case 'text': return renderMarks(n.text ?? '', n.marks);
    case 'hardBreak': return '<br>';
    case 'heading': {
      const level = Math.min(6, Math.max(3, Number(n.attrs?.level ?? 3) + 2));
      return `<h${level}>${inner()}</h${level}>`;
    }
    case 'bulletList': return `<ul>${inner()}</ul>`;
    case 'orderedList': return `<ol>${inner()}</ol>`;
    case 'listItem': return `<li>${inner()}</li>`;
    case 'blockquote': return `<blockquote>${inner()}</blockquote>`;
    case 'codeBlock': return `<pre><code>${inner()}</code></pre>`;
    case 'rule': return '<hr>';
    case 'panel': return `<div class="section-message">${inner()}</div>`;
    case 'mention': return `<strong>@${esc(String(n.attrs?.text ?? '').replace(/^@/, ''))}</strong>`;
    case 'emoji': return esc(n.attrs?.text ?? n.attrs?.shortName ?? '');
    case 'inlineCard': return typeof n.attrs?.url === 'string' ? `<a href="${esc(n.attrs.url)}">${esc(n.attrs.url)}</a>` : '';
    default: return inner();
  }
}

// ---- the page frame ------------------------------------------------------------------------------
export interface FrameNav {
  currentPath: string;
  /** The theme chosen in the Theme menu. */
  colorMode?: 'light' | 'dark';
  actingUser: SwitchableUser;
  users: SwitchableUser[];
  /** Real-site mode: one user, switching disabled. */
  switchingDisabled?: string;
  globalPages: { key: string; title: string }[];
  adminPages: { key: string; title: string }[];
  active: 'projects' | 'dashboards' | 'apps' | 'settings' | 'none';
}

function rolesText(u: SwitchableUser): string {
  return u.roles.length ? u.roles.map((r) => `${r.projectKey}: ${r.roles.join(', ')}`).join(' · ') : 'No project role';
}

function userSwitcher(nav: FrameNav): string {
  const me = nav.actingUser;
  const items = nav.users
    .map(
      (u) => `<li role="none"><button type="submit" name="accountId" value="${esc(u.accountId)}" role="menuitemradio" aria-checked="${u.accountId === me.accountId}" class="user-option">${avatar(u, 'large')}<span class="who"><span>${esc(u.displayName)}</span><span class="roles">${esc(rolesText(u))}</span></span></button></li>`,
    )
    .join('');
  return `<div class="menu-wrap">
  <button type="button" class="menu-button" id="user-switcher" aria-haspopup="menu" aria-expanded="false" aria-controls="user-menu">
    <span class="visually-hidden">Acting as ${esc(me.displayName)}. Switch user</span>${avatar(me)}<span class="acting-as" aria-hidden="true">${esc(me.displayName)}</span>${ICONS.chevron}
  </button>
  <form method="post" action="/switch-user">
    <input type="hidden" name="return" value="${esc(nav.currentPath)}">
    <ul class="menu right" id="user-menu" role="menu" aria-label="Act as" hidden>
      <li role="none" class="menu-heading">${nav.switchingDisabled ? esc(nav.switchingDisabled) : 'Act as'}</li>
      ${items}
    </ul>
  </form>
</div>`;
}

/** Jira's theme setting (profile → Theme): light or dark, for the shell and every app frame. */
function themeMenu(nav: FrameNav): string {
  const mode = nav.colorMode ?? 'light';
  const item = (value: 'light' | 'dark', label: string) =>
    `<li role="none"><button type="submit" name="theme" value="${value}" role="menuitemradio" aria-checked="${mode === value}">${label}</button></li>`;
  return `<div class="menu-wrap">
  <button type="button" class="menu-button icon-button" id="theme-switcher" aria-haspopup="menu" aria-expanded="false" aria-controls="theme-menu" aria-label="Theme: ${mode === 'dark' ? 'Dark' : 'Light'}. Change theme">${ICONS.theme}</button>
  <form method="post" action="/theme">
    <input type="hidden" name="return" value="${esc(nav.currentPath)}">
    <ul class="menu right" id="theme-menu" role="menu" aria-label="Theme" hidden>
      <li role="none" class="menu-heading">Theme</li>
      ${item('light', 'Light')}${item('dark', 'Dark')}
    </ul>
  </form>
</div>`;
}

function linkMenu(id: string, label: string, buttonHtml: string, entries: { href: string; title: string }[], emptyText: string, right = false, iconOnly = false): string {
  const items = entries.length
    ? entries.map((e) => `<li role="none"><a role="menuitem" href="${esc(e.href)}">${esc(e.title)}</a></li>`).join('')
    : `<li role="none" class="menu-empty">${esc(emptyText)}</li>`;
  return `<div class="menu-wrap">
  <button type="button" class="menu-button${iconOnly ? ' icon-button' : ''}" aria-haspopup="menu" aria-expanded="false" aria-controls="${id}"${iconOnly ? ` aria-label="${esc(label)}"` : ''}>${buttonHtml}</button>
  <ul class="menu${right ? ' right' : ''}" id="${id}" role="menu" aria-label="${esc(label)}" hidden>${items}</ul>
</div>`;
}

export function layout(opts: { title: string; nav: FrameNav; sidebar?: string; content: string; shellData: Record<string, unknown> }): string {
  const { nav } = opts;
  return `<!doctype html>
<html lang="en" data-color-mode="${nav.colorMode === 'dark' ? 'dark' : 'light'}" data-theme="dark:dark light:light motion:motion shape:shape spacing:spacing typography:typography">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)} - Jira</title>
<link rel="stylesheet" href="/shell/theme.css">
<link rel="stylesheet" href="/shell/shell.css">
<script src="/shell/shell.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topnav">
  <nav aria-label="Jira">
    <button type="button" class="menu-button icon-button" aria-label="Switch apps" disabled>${ICONS.grid}</button>
    <a class="product" href="/">${ICONS.jira}<span>Jira</span></a>
    <a class="nav-item" href="/"${nav.active === 'projects' ? ' aria-current="page"' : ''}>Projects</a>
    <a class="nav-item" href="/dashboards"${nav.active === 'dashboards' ? ' aria-current="page"' : ''}>Dashboards</a>
    ${linkMenu('apps-menu', 'Apps', `Apps ${ICONS.chevron}`, nav.globalPages.map((p) => ({ href: `/apps-global/${p.key}`, title: p.title })), 'No apps with global pages')}
  </nav>
  <div class="topnav-right">
    ${themeMenu(nav)}
    ${linkMenu('settings-menu', 'Settings', ICONS.gear, [{ href: '/admin/manage-apps', title: 'Apps: Manage apps' }, ...nav.adminPages.map((p) => ({ href: `/admin/apps/${p.key}`, title: `Apps: ${p.title}` }))], 'No app settings', true, true)}
    ${userSwitcher(nav)}
  </div>
</header>
<div class="layout">
  ${opts.sidebar ?? ''}
  <main id="main" tabindex="-1">
${opts.content}
  </main>
</div>
<div id="flags" class="flags" role="region" aria-label="Notifications" aria-live="polite"></div>
<div id="modal-root"></div>
<script type="application/json" id="shell-data">${jsonScript(opts.shellData)}</script>
</body>
</html>`;
}

export function breadcrumbs(items: { href?: string; text: string }[]): string {
  return `<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol>${items
    .map((i) => `<li>${i.href ? `<a href="${esc(i.href)}">${esc(i.text)}</a>` : `<span aria-current="page">${esc(i.text)}</span>`}</li>`)
    .join('')}</ol></nav>`;
}

export function sectionMessage(kind: 'info' | 'error' | 'warning', title: string, text: string): string {
  return `<div class="section-message ${kind}" role="${kind === 'error' ? 'alert' : 'status'}"><div><h2>${esc(title)}</h2><p>${esc(text)}</p></div></div>`;
}

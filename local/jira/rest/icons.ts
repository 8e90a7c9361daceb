/**
 * The images Jira's JSON links to (user and project avatars, issue type, status and priority
 * icons), drawn as small SVGs so a page showing sandbox data has no broken images.
 */
import type { SiteData } from '../model';

const PALETTE = ['#0052CC', '#00875A', '#FF5630', '#6554C0', '#FF991F', '#00B8D9', '#36B37E', '#172B4D'];

function colourFor(text: string): string {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function badge(label: string, colour: string, round: boolean): string {
  const shape = round ? '<circle cx="24" cy="24" r="24"' : '<rect width="48" height="48" rx="6"';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">${shape} fill="${colour}"/>` +
    `<text x="24" y="30" font-family="sans-serif" font-size="18" font-weight="600" fill="#fff" text-anchor="middle">${escapeXml(label)}</text></svg>`;
}

/** The SVG for an image path, or null when the path is not one of the sandbox's images. */
export function iconFor(site: SiteData, path: string, query: URLSearchParams): string | null {
  if (path === '/secure/useravatar') {
    const id = query.get('ownerId') ?? '';
    const user = site.users.find((u) => u.accountId === id);
    const initials = (user?.displayName ?? '?').split(/\s+/).map((w) => w[0] ?? '').join('').slice(0, 2).toUpperCase();
    return badge(initials, colourFor(id), true);
  }
  if (path === '/secure/projectavatar') {
    const id = query.get('pid') ?? '';
    const project = site.projects.find((p) => p.id === id);
    return badge((project?.key ?? '?').slice(0, 2), colourFor(id), false);
  }
  const m = /^\/images\/icons\/(issuetypes|statuses|priorities)\/([\w.-]+)$/.exec(path);
  if (!m) return null;
  const name = m[2].replace(/\.(svg|png)$/, '');
  return badge(name.slice(0, 1).toUpperCase(), colourFor(`${m[1]}/${name}`), m[1] !== 'issuetypes');
}

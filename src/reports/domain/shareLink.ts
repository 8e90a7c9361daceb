/**
 * Share links: a signed, expiring, revocable read-only link to ONE published client report, for
 * client stakeholders without a Jira licence (served by the `report-share` web trigger).
 *
 * The link carries `t=<id>.<signature>`: a random 128-bit id and an HMAC-SHA256 over it with the
 * app's signing key (kept in Forge secret storage). The id names the stored link (project, report,
 * expiry, revocation), so revoking or expiring is a storage fact the signature cannot outlive, and
 * the signature means nobody can guess or forge an id without the key. Every way a link can fail —
 * malformed, bad signature, unknown, expired, revoked, sharing switched off, report gone — answers
 * the SAME not-found response, so a stranger learns nothing about what exists.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ReportPeriod } from './model';

export const SHARE_LIMITS = { minDays: 1, maxDays: 90, defaultDays: 14, perProject: 200 } as const;

/** The stored link (KVS entity `share`, keyed by id). */
export interface ShareLink {
  id: string;
  projectKey: string;
  reportId: string;
  /** The report's period, so the list can name the report without reading it. */
  period: ReportPeriod;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
}

export type ShareState = 'active' | 'expired' | 'revoked';

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newShareId(): string {
  return randomBytes(16).toString('base64url');
}

/** A fresh signing key (base64url of 32 random bytes). */
export function newSigningKey(): string {
  return randomBytes(32).toString('base64url');
}

function signature(id: string, key: string): string {
  return createHmac('sha256', key).update(`liaison-share:v1:${id}`).digest('base64url');
}

export function shareToken(id: string, key: string): string {
  return `${id}.${signature(id, key)}`;
}

/** The link's id when the token is well formed and signed with `key`; undefined otherwise. */
export function verifyShareToken(token: unknown, key: string): string | undefined {
  if (typeof token !== 'string' || token.length > 100) return undefined;
  const [id, sig, ...rest] = token.split('.');
  if (rest.length || !id || !sig || !ID_PATTERN.test(id) || !SIGNATURE_PATTERN.test(sig)) return undefined;
  const expected = Buffer.from(signature(id, key));
  const given = Buffer.from(sig);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}

export function shareState(link: Pick<ShareLink, 'expiresAt' | 'revokedAt'>, now: Date): ShareState {
  if (link.revokedAt) return 'revoked';
  return Date.parse(link.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

export function expiryFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}

/** The web trigger's answer when the link does not lead to a report, whatever the reason. */
export const NOT_FOUND_RESPONSE = Object.freeze({
  statusCode: 404,
  headers: { 'Content-Type': ['text/html; charset=utf-8'], 'Cache-Control': ['no-store'], 'X-Robots-Tag': ['noindex'] },
  body:
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Link not available</title><style>body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;color:#172b4d;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>' +
    '<body><main><h1>This link is not available</h1><p>The link may have expired or been withdrawn, or it was copied incompletely. ' +
    'Ask the person who sent it to you for a new one.</p></main></body></html>',
});

/** Security headers for a shared report page: no scripts, nothing fetched, not cached, not indexed. */
export const REPORT_PAGE_HEADERS = Object.freeze({
  'Content-Type': ['text/html; charset=utf-8'],
  'Cache-Control': ['no-store'],
  'X-Robots-Tag': ['noindex'],
  'Referrer-Policy': ['no-referrer'],
  'X-Content-Type-Options': ['nosniff'],
  'Content-Security-Policy': ["default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'none'"],
});

/** The query parameter of the link that carries the token. */
export const TOKEN_PARAM = 't';

/**
 * Share links to published client reports (issue 7): make one (an expiring, signed, read-only URL
 * served by the `report-share` web trigger), list the project's links, revoke one. Managers and
 * approvers only, and only while the project's Settings switch sharing on.
 */
import { webTrigger } from '@forge/api';
import { z } from 'zod';
import { rolesAllowedTo } from '../../access/domain/access';
import { buildAuditEntry } from '../../platform/domain/audit';
import { AppError } from '../../platform/domain/errors';
import { expiryFrom, newShareId, SHARE_LIMITS, shareState, shareToken, TOKEN_PARAM, type ShareLink, type ShareState } from '../domain/shareLink';
import { readReport } from '../store/reportStore';
import { createShare, listShares, readShare, revokeShare, signingKey } from '../store/shareStore';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { projectKey } from '../../access/resolvers/inputs';
import { reportId } from './reportsInputs';
import { displayNames } from '../../platform/jira/people';
import type { ProjectAccess } from '../../access/services/projectAccess';

/** The web trigger module (manifest.yml) that serves shared reports. */
export const SHARE_WEBTRIGGER = 'report-share';

const REFUSAL = 'Only a manager or approver of this project can share reports by link';
/** A link id is base64url (newShareId); report ids are checked as every report resolver checks them. */
const linkId = z.string({ error: 'Link is required' }).trim().min(1, 'Link is required').max(64, 'Link is too long').regex(/^[A-Za-z0-9_-]+$/, 'Link is not valid');

export interface ShareLinkView {
  id: string;
  reportId: string;
  period: ShareLink['period'];
  state: ShareState;
  createdAt: string;
  createdBy: { accountId: string; displayName: string | null };
  expiresAt: string;
  revokedAt: string | null;
  /** Only while the link works (managers and approvers may copy it again). */
  url: string | null;
}

function requireSharingOn(access: ProjectAccess): void {
  if (access.merged.settings.sharing?.enabled !== true) {
    throw new AppError('CONFLICT', `Sharing reports by link is off for ${access.projectKey}. A manager can switch it on in Settings.`);
  }
}

/**
 * Builds links' URLs: the web trigger's address (a GraphQL call) and the signing key (a secret
 * read) are read once, not once per link.
 */
async function shareUrls(): Promise<(link: ShareLink) => string> {
  const [base, key] = await Promise.all([webTrigger.getUrl(SHARE_WEBTRIGGER), signingKey()]);
  return (link) => `${base}${base.includes('?') ? '&' : '?'}${TOKEN_PARAM}=${encodeURIComponent(shareToken(link.id, key))}`;
}

async function viewsOf(links: ShareLink[], now: Date, sharingOn: boolean): Promise<ShareLinkView[]> {
  const states = links.map((link) => shareState(link, now));
  const withUrl = sharingOn && states.includes('active');
  const [names, urlOf] = await Promise.all([displayNames(links.map((l) => l.createdBy)), withUrl ? shareUrls() : undefined]);
  return links.map((link, i) => ({
    id: link.id,
    reportId: link.reportId,
    period: link.period,
    state: states[i],
    createdAt: link.createdAt,
    createdBy: { accountId: link.createdBy, displayName: names[link.createdBy] ?? null },
    expiresAt: link.expiresAt,
    revokedAt: link.revokedAt ?? null,
    url: states[i] === 'active' && urlOf ? urlOf(link) : null,
  }));
}

export const createShareLink = defineResolver({
  key: 'shares.create',
  description: 'Make an expiring read-only link to one published client report, for people without Jira',
  input: z.object({
    projectKey,
    reportId,
    expiresInDays: z
      .number({ error: `Enter the number of days, ${SHARE_LIMITS.minDays} to ${SHARE_LIMITS.maxDays}` })
      .int('Enter a whole number of days')
      .min(SHARE_LIMITS.minDays, `A link lasts from ${SHARE_LIMITS.minDays} to ${SHARE_LIMITS.maxDays} days`)
      .max(SHARE_LIMITS.maxDays, `A link lasts from ${SHARE_LIMITS.minDays} to ${SHARE_LIMITS.maxDays} days`)
      .optional(),
  }),
  allow: rolesAllowedTo('shares.manage'),
  refusal: REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    requireSharingOn(access);
    const report = await readReport(access.projectKey, ctx.input.reportId);
    if (!report || report.status !== 'published') throw new AppError('NOT_FOUND', `There is no published report ${ctx.input.reportId} in ${access.projectKey}`);
    if (report.audience !== 'client') {
      throw new AppError('VALIDATION', 'Only reports published for the client can be shared by link: the other audiences hold internal data', { fields: { reportId: 'Choose a client report' } });
    }
    const { links } = await listShares(access.projectKey, SHARE_LIMITS.perProject + 1);
    if (links.filter((l) => shareState(l, ctx.now) === 'active').length >= SHARE_LIMITS.perProject) {
      throw new AppError('CONFLICT', `${access.projectKey} already has ${SHARE_LIMITS.perProject} working links: revoke some first`);
    }
    const days = ctx.input.expiresInDays ?? SHARE_LIMITS.defaultDays;
    const link: ShareLink = {
      id: newShareId(),
      projectKey: access.projectKey,
      reportId: report.id,
      period: { kind: report.period.kind, from: report.period.from, to: report.period.to },
      createdAt: ctx.now.toISOString(),
      createdBy: ctx.accountId,
      expiresAt: expiryFrom(ctx.now, days),
    };
    const audit = buildAuditEntry({
      projectKey: access.projectKey, at: ctx.now, actor: ctx.accountId, action: 'share.create', target: `report:${report.id}`,
      changes: [{ path: 'shares', summary: `Shared the client report ${report.period.from} – ${report.period.to} by link until ${link.expiresAt.slice(0, 10)}` }],
    });
    await createShare(link, audit);
    return { id: link.id, url: (await shareUrls())(link), expiresAt: link.expiresAt };
  },
});

export const listShareLinks = defineResolver({
  key: 'shares.list',
  description: "The project's share links (newest first), whether sharing is on, and each link's state",
  input: z.object({ projectKey, reportId: reportId.optional() }),
  allow: rolesAllowedTo('shares.manage'),
  refusal: REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const enabled = access.merged.settings.sharing?.enabled === true;
    const { links, truncated } = await listShares(access.projectKey, 100);
    const shown = ctx.input.reportId ? links.filter((l) => l.reportId === ctx.input.reportId) : links;
    return { projectKey: access.projectKey, enabled, links: await viewsOf(shown, ctx.now, enabled), truncated };
  },
});

export const revokeShareLink = defineResolver({
  key: 'shares.revoke',
  description: 'Revoke a share link: from then on it answers "not available", like a link that never existed',
  input: z.object({ projectKey, id: linkId }),
  allow: rolesAllowedTo('shares.manage'),
  refusal: REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const link = await readShare(ctx.input.id);
    // A link of another project is "not found" here: the caller's role was checked for this one.
    if (!link || link.projectKey !== access.projectKey) throw new AppError('NOT_FOUND', 'There is no such share link in this project');
    if (link.revokedAt) throw new AppError('CONFLICT', `This link was already revoked on ${link.revokedAt.slice(0, 10)}`);
    const audit = buildAuditEntry({
      projectKey: access.projectKey, at: ctx.now, actor: ctx.accountId, action: 'share.revoke', target: `report:${link.reportId}`,
      changes: [{ path: 'shares', summary: `Revoked the link to the client report ${link.period.from} – ${link.period.to}` }],
    });
    const revoked = await revokeShare(link, ctx.accountId, ctx.now, audit);
    const [view] = await viewsOf([revoked], ctx.now, true);
    return view;
  },
});

export const SHARE_RESOLVERS = [createShareLink, listShareLinks, revokeShareLink];

/**
 * Resolvers of the Jira admin page: the site-wide defaults every project starts from
 * (Jira admins only: the global ADMINISTER permission).
 */
import { z } from 'zod';
import { buildAuditEntry, SITE_AUDIT_KEY } from '../../platform/domain/audit';
import { diffSettings } from '../domain/settingsDiff';
import { AppError } from '../../platform/domain/errors';
import { describeOverlap, mappingOverlaps } from '../../access/domain/roles';
import { BUILT_IN_DEFAULTS, SettingsSchema } from '../domain/settings';
import { mergeSettings } from '../domain/storedSettings';
import { readSiteDefaults, saveSiteDefaults } from '../store/settingsStore';
import { defineResolver } from '../../access/resolvers/definition';
import { version } from '../../access/resolvers/inputs';

const ADMIN_REFUSAL = 'Only Jira administrators can see or change the Liaison site defaults';

export const getDefaults = defineResolver({
  key: 'defaults.get',
  description: 'The site defaults every project inherits until it saves its own settings',
  input: z.object({}),
  allow: 'site-admin',
  refusal: ADMIN_REFUSAL,
  async handler() {
    const site = await readSiteDefaults();
    const merged = mergeSettings(site.stored, undefined);
    return {
      version: site.version,
      updatedAt: site.updatedAt ?? null,
      updatedBy: site.updatedBy ?? null,
      settings: merged.settings,
      sources: merged.sources,
      builtIn: BUILT_IN_DEFAULTS,
      overlapWarnings: mappingOverlaps(merged.settings.roleMapping).map(describeOverlap),
    };
  },
});

export const saveDefaults = defineResolver({
  key: 'defaults.save',
  description: 'Replace the site defaults, with an audit entry',
  input: SettingsSchema.extend({ version }),
  allow: 'site-admin',
  refusal: ADMIN_REFUSAL,
  async handler(ctx) {
    const { version: editedVersion, ...defaults } = ctx.input;
    const site = await readSiteDefaults();
    if (editedVersion !== site.version) {
      throw new AppError('CONFLICT', `Someone else saved the site defaults first (version ${site.version}). Reload to see their changes, then apply yours again.`);
    }
    const before = mergeSettings(site.stored, undefined).settings;
    const changes = diffSettings(before, defaults);
    if (changes.length === 0) changes.push({ path: '', summary: 'Saved without changes' });
    const audit = buildAuditEntry({ projectKey: SITE_AUDIT_KEY, at: ctx.now, actor: ctx.accountId, action: 'defaults.save', target: 'site', changes });
    const saved = await saveSiteDefaults({ expectedVersion: editedVersion, document: defaults, actor: ctx.accountId, at: ctx.now, audit });
    const merged = mergeSettings(defaults, undefined);
    return {
      version: saved,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.accountId,
      settings: merged.settings,
      sources: merged.sources,
      changes,
      overlapWarnings: mappingOverlaps(merged.settings.roleMapping).map(describeOverlap),
    };
  },
});

export const ADMIN_RESOLVERS = [getDefaults, saveDefaults];

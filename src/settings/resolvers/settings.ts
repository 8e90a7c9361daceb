/**
 * Resolvers of the project page's Settings: read (internal roles), save (managers), the change
 * history (managers), and `me.roles` so any page knows what to show its user.
 */
import { z } from 'zod';
import { rolesAllowedTo, can } from '../../access/domain/access';
import { buildAuditEntry } from '../../platform/domain/audit';
import { diffSettings } from '../domain/settingsDiff';
import { AppError } from '../../platform/domain/errors';
import { describeOverlap, mappedJiraRoles, mappingOverlaps, resolveAppRoles, sameMapping } from '../../access/domain/roles';
import { activeRules, rulesSwitchedOn } from '../../flags/domain/flagRules';
import { SettingsSchema, type EffectiveSettings } from '../domain/settings';
import { mergeSettings, redFlagRulesOn } from '../domain/storedSettings';
import { queueProjectRulesRun } from '../../flags/services/flagRuns';
import { listAudit } from '../../platform/store/auditStore';
import { forgetRoleActors } from '../../access/store/roleActorsStore';
import { saveProjectSettings } from '../store/settingsStore';
import { checkedAccess, defineResolver } from '../../access/resolvers/definition';
import { projectKey, version } from '../../access/resolvers/inputs';
import { displayNames } from '../../platform/jira/people';
import { loadProjectAccess } from '../../access/services/projectAccess';
import { callerMembership } from '../../access/services/roleMembership';

const SETTINGS_REFUSAL = "You don't have access to Liaison settings for this project";

/** The effective settings with the project's Red flag rules switch as it applies (settings.redFlagRulesOn), always present. */
function withRulesSwitch(settings: EffectiveSettings, on: boolean): EffectiveSettings {
  return { ...settings, redFlagRules: { on } };
}

export const getSettings = defineResolver({
  key: 'settings.get',
  description: "The project's effective settings, its Jira roles for the mapping, and what the caller may do",
  input: z.object({ projectKey }),
  allow: rolesAllowedTo('settings.read'),
  refusal: SETTINGS_REFUSAL,
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const updatedBy = access.project.updatedBy ?? null;
    const names = await displayNames([updatedBy]);
    return {
      projectKey: access.projectKey,
      version: access.project.version,
      updatedAt: access.project.updatedAt ?? null,
      updatedBy,
      updatedByName: updatedBy ? (names[updatedBy] ?? null) : null,
      settings: withRulesSwitch(access.merged.settings, redFlagRulesOn(access.project)),
      sources: access.merged.sources,
      // The project's roles came with the caller's role check (read as the app: listing them needs Administer Projects).
      jiraRoles: access.projectRoles,
      myRoles: access.roles,
      clientOverlap: access.clientOverlap,
      canEdit: can(access.roles, 'settings.edit'),
      overlapWarnings: mappingOverlaps(access.merged.settings.roleMapping).map(describeOverlap),
    };
  },
});

export const saveSettings = defineResolver({
  key: 'settings.save',
  description: "Replace the project's settings (role mapping and communication plan), with an audit entry",
  input: SettingsSchema.extend({ projectKey, version }),
  allow: rolesAllowedTo('settings.edit'),
  refusal: 'Only a manager of this project can change its Liaison settings',
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const { projectKey: key, version: editedVersion, changeWorkflow: _sent, redFlagRules: sentRules, ...rest } = ctx.input;
    // The rules switch is written as it applies: a save that does not name it keeps the rules as
    // they were (a save never switches them on by itself, as it did before the switch existed).
    const rulesBefore = redFlagRulesOn(access.project);
    const edited = { ...rest, redFlagRules: sentRules ?? { on: rulesBefore } };
    // The change request workflow is written only by provisioning and the step mapping (changes.*),
    // which check it against Jira: a settings save keeps the stored one whatever it sends.
    const storedWorkflow = access.project.stored?.changeWorkflow;
    const settings = storedWorkflow ? { ...edited, changeWorkflow: storedWorkflow } : edited;
    if (editedVersion !== access.project.version) {
      throw new AppError(
        'CONFLICT',
        `Someone else saved these settings first (version ${access.project.version}${access.project.updatedBy ? ` by ${access.project.updatedBy}` : ''}). Reload to see their changes, then apply yours again.`,
      );
    }
    let held = access.jiraRoles;
    if (!sameMapping(access.merged.settings.roleMapping, settings.roleMapping)) {
      // A new mapping may name roles the cached actors lack, and whoever changes it may just have
      // changed Jira's role membership too: drop the cached actors and read the caller's roles afresh.
      await forgetRoleActors(key);
      held = (await callerMembership(key, ctx.accountId, mappedJiraRoles(settings.roleMapping), ctx.now, undefined)).held;
    }
    // A manager must not map themselves out of the manager role: nobody could undo it from Liaison.
    if (!resolveAppRoles(held, settings.roleMapping).roles.includes('manager')) {
      const own = [...new Map([...access.jiraRoles, ...held].map((name) => [name.toLowerCase(), name])).values()];
      throw new AppError('VALIDATION', 'With this mapping you would no longer be a manager of this project', {
        fields: { 'roleMapping.manager': `Keep one of your own Jira roles (${own.join(', ') || 'none'}) mapped to manager` },
      });
    }
    const changes = diffSettings(withRulesSwitch(access.merged.settings, rulesBefore), settings);
    if (access.project.version === 0) changes.unshift({ path: '', summary: 'First save for this project: its settings no longer follow the site defaults' });
    if (changes.length === 0) changes.push({ path: '', summary: 'Saved without changes' });
    const audit = buildAuditEntry({ projectKey: key, at: ctx.now, actor: ctx.accountId, action: 'settings.save', target: `project:${key}`, changes });
    const [saved, names] = await Promise.all([
      saveProjectSettings(key, { expectedVersion: editedVersion, document: settings, actor: ctx.accountId, at: ctx.now, audit }),
      displayNames([ctx.accountId]),
    ]);
    const merged = mergeSettings(access.siteDefaults, settings);
    // Rules switched on (or off) run once now, through a queue (a project's run may outlast this
    // call), instead of waiting for an issue to change or for the daily run.
    const before = activeRules(rulesBefore, access.merged.settings.flagThresholds);
    const after = activeRules(settings.redFlagRules.on, merged.settings.flagThresholds);
    const warnings: string[] = [];
    let rulesRun: 'queued' | null = null;
    if (rulesSwitchedOn(before, after).length > 0 || rulesSwitchedOn(after, before).length > 0) {
      try {
        await queueProjectRulesRun(key);
        rulesRun = 'queued';
      } catch (error) {
        warnings.push(`The settings are saved, but the red flag rules could not be started now (${error instanceof Error ? error.message : String(error)}); they run with the daily check.`);
      }
    }
    return {
      projectKey: key,
      version: saved,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.accountId,
      updatedByName: names[ctx.accountId] ?? null,
      settings: withRulesSwitch(merged.settings, settings.redFlagRules.on),
      sources: merged.sources,
      changes,
      rulesRun,
      warnings,
    };
  },
});

export const settingsAudit = defineResolver({
  key: 'settings.audit',
  description: "Recent changes to the project's settings, newest first",
  input: z.object({
    projectKey,
    limit: z.number().int().min(1, 'Limit must be from 1 to 50').max(50, 'Limit must be from 1 to 50').optional(),
    cursor: z.string().min(1).max(2000).optional(),
  }),
  allow: rolesAllowedTo('settings.audit'),
  refusal: 'Only a manager of this project can see the history of its Liaison settings',
  async handler(ctx) {
    const access = checkedAccess(ctx);
    const page = await listAudit(access.projectKey, { limit: ctx.input.limit ?? 20, cursor: ctx.input.cursor });
    const names = await displayNames(page.entries.map((entry) => entry.actor));
    return {
      projectKey: access.projectKey,
      entries: page.entries.map((entry) => ({ ...entry, actorName: names[entry.actor] ?? null })),
      nextCursor: page.nextCursor ?? null,
    };
  },
});

export const myRoles = defineResolver({
  key: 'me.roles',
  description: "The caller's own app roles in a project (empty when they have none), so a page knows what to show",
  input: z.object({ projectKey }),
  allow: 'signed-in',
  async handler(ctx) {
    // Only the caller's own roles are answered, so any signed-in user may ask.
    const access = await loadProjectAccess(ctx.input.projectKey, ctx.accountId, ctx.now);
    return { projectKey: access.projectKey, roles: access.roles, clientOverlap: access.clientOverlap };
  },
});

export const SETTINGS_RESOLVERS = [getSettings, saveSettings, settingsAudit, myRoles];

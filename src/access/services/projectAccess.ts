/**
 * The caller's standing in a project: the effective settings (whose role mapping defines the app
 * roles), the mapped Jira project roles the caller holds (read as the app, cached: see
 * roleMembership.ts; a client's client roles are read afresh on every call), and the app roles
 * that follow from both.
 */
import { mapWithConcurrency } from '../../platform/jira/concurrency';
import { jiraAsUser } from '../../platform/jira/jiraClient';
import { searchProjects, type ProjectSummary } from '../../platform/jira/projects';
import { mappedJiraRoles, resolveAppRoles, type AppRole } from '../domain/roles';
import { mergeSettings, type MergedSettings, type StoredSettings } from '../../settings/domain/storedSettings';
import { readRoleActors } from '../store/roleActorsStore';
import { readProjectSettings, readSiteDefaults, type VersionedSettings } from '../../settings/store/settingsStore';
import { callerMembership, callerMembershipRefreshing } from './roleMembership';

export interface ProjectAccess {
  projectKey: string;
  /** The caller's app roles in the project; empty: no access. */
  roles: AppRole[];
  /** The caller is in the client role and an internal one, and was reduced to client. */
  clientOverlap: boolean;
  /** The Jira project roles the caller holds among those the role mapping names. */
  jiraRoles: string[];
  /** Every project role of the project, sorted by name (empty when Jira does not know the project). */
  projectRoles: string[];
  /** The project's effective settings (built-in <- site <- project). */
  merged: MergedSettings;
  /** The project's own stored document and its version (0: never saved). */
  project: VersionedSettings;
  siteDefaults: StoredSettings | undefined;
}

export async function loadProjectAccess(projectKey: string, accountId: string, now: Date, siteDefaults?: VersionedSettings): Promise<ProjectAccess> {
  // Storage reads are independent of each other: one round trip for all three.
  const [site, project, cachedActors] = await Promise.all([siteDefaults ?? readSiteDefaults(), readProjectSettings(projectKey), readRoleActors(projectKey)]);
  const merged = mergeSettings(site.stored, project.stored);
  const mapping = merged.settings.roleMapping;
  let membership = await callerMembership(projectKey, accountId, mappedJiraRoles(mapping), now, cachedActors);
  if (cachedActors && membership.cached && resolveAppRoles(membership.held, mapping).roles.includes('client')) {
    // Much of what a client reads comes from Forge storage alone, with no Jira call that would
    // apply Jira's own permissions: a client taken out of the role must be refused at once, not
    // once the cached actors age out. So a client's client-role membership is read afresh each call.
    membership = await callerMembershipRefreshing(projectKey, accountId, mappedJiraRoles(mapping), mapping.client, now, cachedActors);
  }
  const { roles, clientOverlap } = resolveAppRoles(membership.held, mapping);
  return { projectKey, roles, clientOverlap, jiraRoles: membership.held, projectRoles: membership.projectRoles, merged, project, siteDefaults: site.stored };
}

/** Projects examined per call: each costs storage reads, and Jira requests for its roles unless cached. */
export const PORTAL_MAX_PROJECTS = 50;
/** Requests in flight at once, to stay well under Jira's per-second burst limit. */
const CONCURRENCY = 5;

/**
 * The projects the caller can browse (at most PORTAL_MAX_PROJECTS), each with the caller's standing
 * in it, for resolvers any signed-in user may call: they answer per project by the roles found here.
 * `truncated` when the caller can see more projects than were examined.
 */
export async function browsableProjects(accountId: string, now: Date): Promise<{ projects: { project: ProjectSummary; access: ProjectAccess }[]; truncated: boolean }> {
  const [visible, site] = await Promise.all([searchProjects(jiraAsUser(), { maxItems: PORTAL_MAX_PROJECTS }), readSiteDefaults()]);
  const accesses = await mapWithConcurrency(visible.items, CONCURRENCY, (project) => loadProjectAccess(project.key, accountId, now, site));
  return { projects: visible.items.map((project, i) => ({ project, access: accesses[i] })), truncated: visible.truncated };
}

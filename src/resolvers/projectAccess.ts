/**
 * The caller's standing in a project: the effective settings (whose role mapping defines the app
 * roles), the Jira project roles the caller holds (asked of Jira as the caller), and the app roles
 * that follow from both.
 */
import { resolveAppRoles, type AppRole } from '../domain/roles';
import { AppError } from '../domain/errors';
import { mergeSettings, type MergedSettings, type StoredSettings } from '../domain/settings';
import { jiraAsUser } from '../jira/jiraClient';
import { getMyProjectRoleNames } from '../jira/projects';
import { readProjectSettings, readSiteDefaults, type VersionedSettings } from '../store/settingsStore';

export interface ProjectAccess {
  projectKey: string;
  /** The caller's app roles in the project; empty: no access. */
  roles: AppRole[];
  /** The caller is in the client role and an internal one, and was reduced to client. */
  clientOverlap: boolean;
  /** The Jira project roles the caller holds in the project. */
  jiraRoles: string[];
  /** The project's effective settings (built-in <- site <- project). */
  merged: MergedSettings;
  /** The project's own stored document and its version (0: never saved). */
  project: VersionedSettings;
  siteDefaults: StoredSettings | undefined;
}

export async function loadProjectAccess(projectKey: string, siteDefaults?: VersionedSettings): Promise<ProjectAccess> {
  const [site, project] = await Promise.all([siteDefaults ?? readSiteDefaults(), readProjectSettings(projectKey)]);
  const merged = mergeSettings(site.stored, project.stored);
  const jiraRoles = await callerJiraRoles(projectKey);
  const { roles, clientOverlap } = resolveAppRoles(jiraRoles, merged.settings.roleMapping);
  return { projectKey, roles, clientOverlap, jiraRoles, merged, project, siteDefaults: site.stored };
}

/** A project the caller may not see holds no role of theirs: Jira answers 404 for both cases alike. */
async function callerJiraRoles(projectKey: string): Promise<string[]> {
  try {
    return await getMyProjectRoleNames(jiraAsUser(), projectKey);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return [];
    throw error;
  }
}

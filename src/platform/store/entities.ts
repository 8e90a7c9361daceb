/**
 * Names and shapes of the Forge custom entities the app stores (declared in manifest.yml
 * `app.storage.entities`; the two must agree attribute for attribute).
 */

export const SETTINGS_ENTITY = 'settings';
export const AUDIT_ENTITY = 'audit';
/** The audit index: partition projectKey, range at (ISO instant) -> newest first with sort DESC. */
export const AUDIT_BY_PROJECT_TIME = 'by-project-time';

/** One versioned settings document: a project's settings or the site defaults. */
export interface SettingsRecord {
  /** The project key, or SITE_DEFAULTS_SCOPE for the site defaults. */
  projectKey: string;
  /** 1 for the first save; each save adds one. Saves name the version they edited (optimistic concurrency). */
  version: number;
  updatedAt: string;
  updatedBy: string;
  /** The stored settings (sections of the settings document). */
  document: unknown;
}

export const SITE_DEFAULTS_SCOPE = '_site';

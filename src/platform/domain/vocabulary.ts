/**
 * The fixed word lists of the settings document, dependency-free so the Custom UI bundles can
 * share them with the server without pulling in the validation library.
 */

export const CHANNELS = ['email', 'phone', 'slack', 'teams', 'jira', 'meeting'] as const;
export type Channel = (typeof CHANNELS)[number];

export const AUDIENCES = ['executive', 'manager', 'client', 'team'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const MEETING_CADENCES = ['weekly', 'biweekly', 'monthly'] as const;
export type MeetingCadence = (typeof MEETING_CADENCES)[number];

export const REPORT_CADENCES = ['weekly', 'monthly'] as const;
export type ReportCadence = (typeof REPORT_CADENCES)[number];

/** Reminders as a project without saved reminder settings has them: off (settings.ts holds their schema). */
export const DEFAULT_REMINDERS = Object.freeze({ enabled: false, daysBeforeDue: 1, overdueEveryDays: 2, escalateAfterDays: 3, digest: true, teamTimeZone: 'UTC' });

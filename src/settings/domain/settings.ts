/**
 * Project settings: the role mapping, the communication plan and the red-flag rule thresholds. Zod schemas (the one
 * definition of what is valid), the built-in defaults, field-level validation messages keyed by
 * path (`communicationPlan.clientContacts.0.timeZone`) and the merge
 * built-in defaults <- site defaults <- project settings.
 */
import { z } from 'zod';
import type { FieldErrors } from '../../platform/domain/errors';
import { fieldErrorsOf, isoDate, required, text } from '../../platform/domain/fields';
import { DEFAULT_THRESHOLDS, FlagThresholdsSchema, type FlagThresholds } from '../../flags/domain/flagRules';
import { AUDIENCES, CHANNELS, DEFAULT_REMINDERS as VOCABULARY_DEFAULT_REMINDERS, MEETING_CADENCES, REPORT_CADENCES } from '../../platform/domain/vocabulary';
import { CHANGE_STEPS, type ChangeStep } from '../../changes/domain/changeVocabulary';
import { PlanningSchema } from '../../reports/domain/planning';
import { WEEKDAYS, hhmmToMinutes, isHhmm, isValidTimeZone, parseIsoDate, weekdayOf } from '../../platform/domain/time';

export { AUDIENCES, CHANNELS, MEETING_CADENCES, REPORT_CADENCES, type Audience, type Channel } from '../../platform/domain/vocabulary';

/** Bounds that keep a settings document far below the 240 KiB KVS value limit. */
export const LIMITS = {
  jiraRolesPerAppRole: 20,
  clientContacts: 50,
  escalationLevels: 10,
  meetings: 20,
  holidays: 100,
} as const;

// ---- field schemas with the messages a person reads next to the field ----

const hhmm = (label: string) =>
  z.string({ error: required(label) }).refine(isHhmm, 'Enter a time, e.g. 09:30');

const timeZone = z
  .string({ error: required('Time zone') })
  .trim()
  .refine(isValidTimeZone, 'Use an IANA time zone name such as Europe/Berlin or America/New_York');

const weekday = z.enum(WEEKDAYS, { error: 'Choose a day of the week' });

const dayOfMonth = z
  .number({ error: 'Day of the month must be a number from 1 to 31' })
  .int('Day of the month must be a whole number')
  .min(1, 'Day of the month must be from 1 to 31')
  .max(31, 'Day of the month must be from 1 to 31');

function uniqueList<T extends z.ZodType<string>>(item: T, label: string, max: number) {
  return z
    .array(item, { error: `${label} must be a list` })
    .max(max, `At most ${max} ${label.toLowerCase()}`)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((value, index) => {
        const key = value.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index], message: `"${value}" is listed twice` });
        seen.add(key);
      });
    });
}

// ---- role mapping ----

const jiraRoleName = text('Jira role name', 255);
const jiraRoleList = uniqueList(jiraRoleName, 'Jira roles', LIMITS.jiraRolesPerAppRole);

export const RoleMappingSchema = z.object(
  {
    manager: jiraRoleList.min(1, 'Map at least one Jira role to manager, or nobody could change these settings'),
    approver: jiraRoleList,
    team: jiraRoleList,
    client: jiraRoleList,
  },
  { error: 'Role mapping must be an object with manager, approver, team and client' },
);

// ---- communication plan ----

export const PersonSchema = z.object({
  /** The person's Jira account, when they have one on this site. */
  accountId: z.string().trim().min(1).max(128, 'Account id must be at most 128 characters').optional(),
  name: text('Name', 120),
});

export const WorkingHoursSchema = z
  .object({ start: hhmm('Start time'), end: hhmm('End time') })
  .superRefine((hours, ctx) => {
    if (isHhmm(hours.start) && isHhmm(hours.end) && hhmmToMinutes(hours.end) <= hhmmToMinutes(hours.start)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'End time must be after the start time' });
    }
  });

export const ClientContactSchema = z.object({
  person: PersonSchema,
  /** Their role on the client's side, e.g. "Product owner". */
  role: text('Role', 120),
  channel: z.enum(CHANNELS, { error: 'Choose a channel' }),
  workingHours: WorkingHoursSchema,
  timeZone,
});

export const EscalationLevelSchema = z.object({
  who: text('Who', 120),
  /** Their Jira account, when they have one on this site: overdue-ask escalations reach them as Jira notifications. */
  accountId: z.string().trim().min(1).max(128, 'Account id must be at most 128 characters').optional(),
  contact: text('Contact', 200),
  when: text('When to escalate', 500),
});

const meetingBase = {
  name: text('Meeting name', 120),
  time: hhmm('Time'),
  timeZone,
  durationMinutes: z
    .number({ error: 'Duration must be a number of minutes' })
    .int('Duration must be a whole number of minutes')
    .min(5, 'Duration must be at least 5 minutes')
    .max(480, 'Duration must be at most 480 minutes (8 hours)'),
  /** No meeting before this date; for a biweekly meeting, the date of its first occurrence. */
  startDate: isoDate('Start date').optional(),
};

export const MeetingSchema = z
  .discriminatedUnion(
    'cadence',
    [
      z.object({ cadence: z.literal('weekly'), weekday, ...meetingBase }),
      z.object({ cadence: z.literal('biweekly'), weekday, ...meetingBase }),
      z.object({ cadence: z.literal('monthly'), dayOfMonth, ...meetingBase }),
    ],
    { error: 'Choose how often the meeting is held' },
  )
  .superRefine((meeting, ctx) => {
    if (meeting.cadence !== 'biweekly') return;
    if (meeting.startDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'A biweekly meeting needs the date of its first occurrence' });
      return;
    }
    const first = parseIsoDate(meeting.startDate);
    if (first && weekdayOf(first) !== meeting.weekday) {
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: `The first occurrence must fall on the meeting's day (${meeting.weekday})` });
    }
  });

const audiences = z
  .array(z.enum(AUDIENCES, { error: `Audiences must be among: ${AUDIENCES.join(', ')}` }), { error: 'Audiences must be a list' })
  .min(1, 'Choose at least one audience')
  .superRefine((values, ctx) => {
    if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', message: 'An audience is listed twice' });
  });

export const ReportScheduleSchema = z.discriminatedUnion(
  'cadence',
  [
    z.object({ cadence: z.literal('weekly'), weekday, audiences }),
    z.object({ cadence: z.literal('monthly'), dayOfMonth, audiences }),
  ],
  { error: 'Choose how often reports are due' },
);

export const HolidaySchema = z.object({ date: isoDate('Date'), name: text('Holiday name', 120) });

const workingDays = z
  .array(weekday, { error: 'Working days must be a list' })
  .min(1, 'Choose at least one working day')
  .superRefine((values, ctx) => {
    if (new Set(values).size !== values.length) ctx.addIssue({ code: 'custom', message: 'A day is listed twice' });
  });

const holidays = z
  .array(HolidaySchema, { error: 'Holidays must be a list' })
  .max(LIMITS.holidays, `At most ${LIMITS.holidays} holidays`)
  .superRefine((values, ctx) => {
    const seen = new Set<string>();
    values.forEach((holiday, index) => {
      if (seen.has(holiday.date)) ctx.addIssue({ code: 'custom', path: [index, 'date'], message: `${holiday.date} is listed twice` });
      seen.add(holiday.date);
    });
  });

export const CommunicationPlanSchema = z.object(
  {
    clientContacts: z.array(ClientContactSchema).max(LIMITS.clientContacts, `At most ${LIMITS.clientContacts} client contacts`),
    escalationPath: z.array(EscalationLevelSchema).max(LIMITS.escalationLevels, `At most ${LIMITS.escalationLevels} escalation levels`),
    meetings: z.array(MeetingSchema).max(LIMITS.meetings, `At most ${LIMITS.meetings} meetings`),
    reportSchedule: ReportScheduleSchema,
    workingDays,
    holidays,
  },
  { error: 'Communication plan must be an object' },
);

// ---- red-flag rule thresholds ----

/*
 * flagRules.ts builds its schemas with this file's `text`, so the two files import each other.
 * Whichever of them loads first, this file reads flagRules' exports only when they are used
 * (z.lazy, a getter, function bodies), never while it is itself loading.
 */
const flagThresholds = z.lazy(() => FlagThresholdsSchema);

// ---- change request workflow (issue 4) ----

const jiraId = (label: string) => z.string({ error: `${label} is required` }).trim().regex(/^\d{1,18}$/, `${label} must be a Jira id (digits)`);

/**
 * Which issue type is the project's change request and which status each step is (written by
 * provisioning, or by a manager mapping the steps onto statuses the project already has).
 * Every step needs its own status: the step of an issue is read from its status.
 */
export const ChangeWorkflowSchema = z
  .object(
    {
      issueTypeId: jiraId('Issue type'),
      statusIds: z.object(
        Object.fromEntries(CHANGE_STEPS.map((step) => [step, jiraId('Status')])) as Record<ChangeStep, ReturnType<typeof jiraId>>,
        { error: 'Map every step onto a status' },
      ),
    },
    { error: 'The change request workflow must name an issue type and a status per step' },
  )
  .superRefine((value, ctx) => {
    const seen = new Map<string, ChangeStep>();
    for (const step of CHANGE_STEPS) {
      const id = value.statusIds[step];
      const first = seen.get(id);
      if (first) ctx.addIssue({ code: 'custom', path: ['statusIds', step], message: `Each step needs its own status: this one is already used for ${first}` });
      else seen.set(id, step);
    }
  });
export type ChangeWorkflow = z.infer<typeof ChangeWorkflowSchema>;

/**
 * Share links to published client reports (issue 7): off unless a manager switches them on for the
 * project. Project level only, like the change workflow: a site default cannot open every project.
 */
export const SharingSchema = z.object(
  { enabled: z.boolean({ error: 'Sharing by link must be on or off' }) },
  { error: 'Sharing must be an object with enabled' },
);
export type Sharing = z.infer<typeof SharingSchema>;

/**
 * Whether the red-flag rules run in the project at all (issue 14): project level only, like
 * sharing, so a site default never starts them in every project of a site. Each rule is then on or
 * off in `flagThresholds.enabled`. See `redFlagRulesOn` for projects saved before the switch existed.
 */
export const RedFlagRulesSchema = z.object(
  { on: z.boolean({ error: 'Red flag rules must be on or off' }) },
  { error: 'Red flag rules must be an object with on' },
);
export type RedFlagRules = z.infer<typeof RedFlagRulesSchema>;

/** A Confluence space key (letters and digits; personal spaces start with ~). */
export const confluenceSpaceKey = z
  .string({ error: 'Space key is required' })
  .trim()
  .regex(/^[A-Za-z0-9~][A-Za-z0-9_~]{0,254}$/, 'Space key is letters and digits, e.g. TEAM');

/**
 * Stakeholder reports (project level): whether client-audience reports may show prices, and the
 * Confluence spaces a manager marked internal — the only ones internal audiences' reports
 * (executive, manager, team) may be written to, so an internal report never lands where the client reads.
 */
export const ReportingSchema = z.object(
  {
    showCostsToClient: z.boolean({ error: 'Show costs to the client must be on or off' }),
    internalConfluenceSpaces: z
      .array(confluenceSpaceKey, { error: 'Internal Confluence spaces must be a list of space keys' })
      .max(50, 'At most 50 internal Confluence spaces')
      .refine((keys) => new Set(keys).size === keys.length, 'Each space is listed once')
      .optional(),
    /** The project's currency (ISO 4217): costs and prices of change requests start in it. */
    currency: z
      .string({ error: 'Choose a currency' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'Choose a currency from the list')
      .optional(),
  },
  { error: 'Reporting must be an object with showCostsToClient' },
);
export type Reporting = z.infer<typeof ReportingSchema>;

/**
 * Reminders and digests (issue 14): before-due and overdue reminders to the client person of each
 * waiting ask, escalation along the escalation path, and a daily digest to the project's managers.
 * Project level only, like sharing: off unless a manager switches it on for the project.
 */
const wholeDays = (label: string, max: number) =>
  z
    .number({ error: `${label}: enter a number of working days` })
    .int(`${label}: enter a whole number of working days`)
    .min(0, `${label}: enter 0 or more working days`)
    .max(max, `${label}: at most ${max} working days`);

export const RemindersSchema = z.object(
  {
    enabled: z.boolean({ error: 'Reminders must be on or off' }),
    /** Working days before the due date for the reminder to the client; 0: none. */
    daysBeforeDue: wholeDays('Remind before the due date', 10),
    /** Working days between overdue reminders; 0: only the first, on the first working day overdue. */
    overdueEveryDays: wholeDays('Repeat overdue reminders', 20),
    /** Working days overdue before the first escalation level is told (each next level as many days later); 0: never. */
    escalateAfterDays: wholeDays('Escalate after', 30),
    /** A daily digest of what is overdue on both sides, to the project's managers. */
    digest: z.boolean({ error: 'The daily digest must be on or off' }),
    /** The team's time zone: when the digest goes out, and the clock for people not listed as contacts. */
    teamTimeZone: timeZone,
  },
  { error: 'Reminders must be an object with enabled' },
);
export type Reminders = z.infer<typeof RemindersSchema>;

/** What a project without saved reminder settings shows (and what switching them on starts from). */
export const DEFAULT_REMINDERS: Reminders = VOCABULARY_DEFAULT_REMINDERS;

export const SettingsSchema = z.object(
  {
    roleMapping: RoleMappingSchema,
    communicationPlan: CommunicationPlanSchema,
    /** Absent: the project follows the thresholds of the level below (site defaults, built-in). */
    flagThresholds: flagThresholds.optional(),
    /** Absent: change requests are not set up in the project (project level only: status ids are per site and project). */
    changeWorkflow: ChangeWorkflowSchema.optional(),
    /** Absent: sharing published client reports by link is off. */
    sharing: SharingSchema.optional(),
    /** Absent: client reports show no costs. */
    reporting: ReportingSchema.optional(),
    /** Absent: no reminders and no digest (DEFAULT_REMINDERS). */
    reminders: RemindersSchema.optional(),
    /** Absent: see redFlagRulesOn. */
    redFlagRules: RedFlagRulesSchema.optional(),
    /** Issue 17 (project level only): time zone, budget, rates, capacity, billable. Absent: reports show no costs. */
    planning: PlanningSchema.optional(),
  },
  { error: 'Settings must be an object with roleMapping and communicationPlan' },
);

export type Person = z.infer<typeof PersonSchema>;
export type ClientContact = z.infer<typeof ClientContactSchema>;
export type EscalationLevel = z.infer<typeof EscalationLevelSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type ReportSchedule = z.infer<typeof ReportScheduleSchema>;
export type Holiday = z.infer<typeof HolidaySchema>;
export type CommunicationPlan = z.infer<typeof CommunicationPlanSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
/** Settings as they apply to a project: every section present, the rule thresholds included. */
export type EffectiveSettings = Settings & { flagThresholds: FlagThresholds };

// ---- defaults ----

export const BUILT_IN_DEFAULTS: EffectiveSettings = Object.freeze({
  roleMapping: {
    manager: ['Administrators', 'Project managers'],
    approver: ['Approvers'],
    team: ['Developers', 'Members'],
    client: ['Clients'],
  },
  communicationPlan: {
    clientContacts: [],
    escalationPath: [],
    meetings: [],
    reportSchedule: { cadence: 'weekly', weekday: 'FRI', audiences: ['manager', 'client'] },
    workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'],
    holidays: [],
  },
  // A getter: flagRules.ts may still be loading when this file runs (see flagThresholds above).
  get flagThresholds(): FlagThresholds {
    return DEFAULT_THRESHOLDS;
  },
}) as EffectiveSettings;

// ---- validation ----

/** Turns zod issues into one message per dotted path (the first issue wins); the root path is `_`. */
export type Validation<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

export function validateSettings(input: unknown): Validation<Settings> {
  const result = SettingsSchema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, fields: fieldErrorsOf(result.error.issues) };
}

/**
 * Settings as stored: the site's and a project's documents (each section set or not, parsed
 * leniently from storage) and the merge built-in defaults <- site defaults <- project settings,
 * section by section. The schemas and the built-in defaults are in settings.ts.
 */
import { DEFAULT_THRESHOLDS, FlagThresholdsSchema, type FlagThresholds } from '../../flags/domain/flagRules';
import { APP_ROLES, type AppRole, type RoleMapping } from '../../access/domain/roles';
import { PlanningSchema, type Planning } from '../../reports/domain/planning';
import { BUILT_IN_DEFAULTS, ChangeWorkflow, ChangeWorkflowSchema, CommunicationPlan, CommunicationPlanSchema, EffectiveSettings, RedFlagRules, RedFlagRulesSchema, Reminders, RemindersSchema, Reporting, ReportingSchema, RoleMappingSchema, Settings, Sharing, SharingSchema } from './settings';

/** The sections a level (built-in, site, project) may set; a set section replaces the one below it whole. */
export const SECTIONS = [
  'roleMapping',
  'clientContacts',
  'escalationPath',
  'meetings',
  'reportSchedule',
  'workingDays',
  'holidays',
  'flagThresholds',
] as const;
export type Section = (typeof SECTIONS)[number];
export type SettingsSource = 'built-in' | 'site' | 'project';

/** What a level stores: any subset of the sections. */
export interface StoredSettings {
  roleMapping?: RoleMapping;
  communicationPlan?: Partial<CommunicationPlan>;
  flagThresholds?: FlagThresholds;
  changeWorkflow?: ChangeWorkflow;
  sharing?: Sharing;
  reporting?: Reporting;
  reminders?: Reminders;
  redFlagRules?: RedFlagRules;
  planning?: Planning;
}

/**
 * Whether the red-flag rules run in a project: its switch when saved; a project saved before the
 * switch existed (version > 0 without it) keeps them on, as saving the settings switched them on
 * then; a project that never saved settings has them off (installing the app writes no flags).
 */
export function redFlagRulesOn(project: { version: number; stored?: StoredSettings }): boolean {
  return project.stored?.redFlagRules?.on ?? project.version > 0;
}

const PLAN_SECTION_SCHEMAS = {
  clientContacts: CommunicationPlanSchema.shape.clientContacts,
  escalationPath: CommunicationPlanSchema.shape.escalationPath,
  meetings: CommunicationPlanSchema.shape.meetings,
  reportSchedule: CommunicationPlanSchema.shape.reportSchedule,
  workingDays: CommunicationPlanSchema.shape.workingDays,
  holidays: CommunicationPlanSchema.shape.holidays,
} as const;

type PlanSection = keyof typeof PLAN_SECTION_SCHEMAS;
const PLAN_SECTIONS = Object.keys(PLAN_SECTION_SCHEMAS) as PlanSection[];

/**
 * Reads a stored document section by section, keeping the sections that are still valid.
 * Storage outlives code versions: a section written under older rules falls back to the level
 * below instead of breaking the page.
 */
export function parseStoredSettings(raw: unknown): StoredSettings {
  if (typeof raw !== 'object' || raw === null) return {};
  const doc = raw as Record<string, unknown>;
  const stored: StoredSettings = {};
  const mapping = RoleMappingSchema.safeParse(doc.roleMapping);
  if (mapping.success) stored.roleMapping = mapping.data;
  const rawPlan = doc.communicationPlan;
  if (typeof rawPlan === 'object' && rawPlan !== null) {
    const plan: Partial<CommunicationPlan> = {};
    for (const section of PLAN_SECTIONS) {
      const parsed = PLAN_SECTION_SCHEMAS[section].safeParse((rawPlan as Record<string, unknown>)[section]);
      if (parsed.success) (plan as Record<string, unknown>)[section] = parsed.data;
    }
    if (Object.keys(plan).length > 0) stored.communicationPlan = plan;
  }
  const thresholds = FlagThresholdsSchema.safeParse(doc.flagThresholds);
  if (thresholds.success) stored.flagThresholds = thresholds.data;
  const changeWorkflow = ChangeWorkflowSchema.safeParse(doc.changeWorkflow);
  if (changeWorkflow.success) stored.changeWorkflow = changeWorkflow.data;
  const sharing = SharingSchema.safeParse(doc.sharing);
  if (sharing.success) stored.sharing = sharing.data;
  const reporting = ReportingSchema.safeParse(doc.reporting);
  if (reporting.success) stored.reporting = reporting.data;
  const reminders = RemindersSchema.safeParse(doc.reminders);
  if (reminders.success) stored.reminders = reminders.data;
  const redFlagRules = RedFlagRulesSchema.safeParse(doc.redFlagRules);
  if (redFlagRules.success) stored.redFlagRules = redFlagRules.data;
  const planning = PlanningSchema.safeParse(doc.planning);
  if (planning.success) stored.planning = planning.data;
  return stored;
}

export interface MergedSettings {
  settings: EffectiveSettings;
  /** Which level each section came from, so the UI can say "inherited from the site defaults". */
  sources: Record<Section, SettingsSource>;
}

/** built-in defaults <- site defaults <- project settings, section by section. */
export function mergeSettings(site: StoredSettings | undefined, project: StoredSettings | undefined, builtIn: Settings = BUILT_IN_DEFAULTS): MergedSettings {
  const levels: Array<[SettingsSource, StoredSettings | undefined]> = [
    ['site', site],
    ['project', project],
  ];
  const sources = Object.fromEntries(SECTIONS.map((section) => [section, 'built-in'])) as Record<Section, SettingsSource>;
  let roleMapping: RoleMapping = cloneMapping(builtIn.roleMapping);
  const plan = structuredClone(builtIn.communicationPlan);
  let thresholds: FlagThresholds = builtIn.flagThresholds ?? DEFAULT_THRESHOLDS;
  for (const [source, level] of levels) {
    if (!level) continue;
    if (level.roleMapping) {
      roleMapping = cloneMapping(level.roleMapping);
      sources.roleMapping = source;
    }
    for (const section of PLAN_SECTIONS) {
      const value = level.communicationPlan?.[section];
      if (value !== undefined) {
        (plan as Record<string, unknown>)[section] = structuredClone(value);
        sources[section] = source;
      }
    }
    if (level.flagThresholds) {
      thresholds = level.flagThresholds;
      sources.flagThresholds = source;
    }
  }
  const settings: EffectiveSettings = { roleMapping, communicationPlan: plan, flagThresholds: structuredClone(thresholds) };
  // Project level only, never inherited: the workflow's ids name this project's statuses, and a
  // site default must not open sharing or show costs in every project.
  if (project?.changeWorkflow) settings.changeWorkflow = structuredClone(project.changeWorkflow);
  if (project?.sharing) settings.sharing = { enabled: project.sharing.enabled };
  if (project?.redFlagRules) settings.redFlagRules = { on: project.redFlagRules.on };
  if (project?.reporting) {
    settings.reporting = {
      showCostsToClient: project.reporting.showCostsToClient,
      ...(project.reporting.internalConfluenceSpaces ? { internalConfluenceSpaces: [...project.reporting.internalConfluenceSpaces] } : {}),
    };
  }
  // Reminders write to the client: a site default must not switch them on in every project.
  if (project?.reminders) settings.reminders = { ...project.reminders };
  if (project?.planning) settings.planning = structuredClone(project.planning);
  return { settings, sources };
}

function cloneMapping(mapping: RoleMapping): RoleMapping {
  return Object.fromEntries(APP_ROLES.map((role: AppRole) => [role, [...mapping[role]]])) as RoleMapping;
}

/**
 * The red-flag words the Custom UI apps show, without the domain's zod schemas (which would more
 * than double a panel's bundle). Typed against the domain, so a category, severity or rule added
 * there fails the type check here until it has its words; test/unit/flagVocabulary.test.ts checks
 * the values are the domain's own.
 */
import type { RuleId } from '../../../src/flags/domain/flagRules';
import type { FlagCategory, MANUAL_FLAG_CATEGORIES, Severity } from '../../../src/flags/domain/redFlags';

export const CATEGORY_LABELS: Readonly<Record<FlagCategory, string>> = {
  'uncharted-territory': 'Uncharted territory',
  'untested-functionality': 'Untested functionality',
  'client-confused': 'Client confused',
  'blocked-on-client': 'Blocked on client',
  'schedule-slip': 'Schedule slip',
  'scope-creep': 'Scope creep',
  'change-unacknowledged': 'Change request unacknowledged',
  stale: 'Stale',
  other: 'Other',
};

/** Every category, in the domain's order (the heat map's rows). */
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as FlagCategory[];

type ManualCategory = (typeof MANUAL_FLAG_CATEGORIES)[number];
const MANUAL: Readonly<Record<ManualCategory, true>> = {
  'uncharted-territory': true,
  'untested-functionality': true,
  'client-confused': true,
  'blocked-on-client': true,
  'schedule-slip': true,
  'scope-creep': true,
  other: true,
};
/** The categories a person may choose when raising a flag (the rest are raised by rules). */
export const MANUAL_CATEGORIES = Object.keys(MANUAL) as ManualCategory[];

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
/** Mildest first, as the domain orders them. */
export const SEVERITY_ORDER = Object.keys(SEVERITY_LABELS) as Severity[];

export const RULE_NAMES: Readonly<Record<RuleId, string>> = {
  'blocked-on-client': 'Blocked on client',
  'schedule-slip': 'Schedule slip',
  stale: 'Stale',
  untested: 'Untested',
  'scope-creep': 'Scope creep',
  'change-unacknowledged': 'Change request unacknowledged',
};
export const RULE_ORDER = Object.keys(RULE_NAMES) as RuleId[];

/** The longest note or resolution the server accepts. */
export const NOTE_LIMIT = 2000;

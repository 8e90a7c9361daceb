/**
 * A readable account of what changed between two settings documents, for the audit trail
 * ("Added client contact Jane Doe", "manager: added Leads, removed Project managers").
 */
import type { Change } from '../../platform/domain/audit';
import { RULE_IDS, RULE_LABELS, type FlagThresholds, type TestEvidence } from '../../flags/domain/flagRules';
import { APP_ROLES } from '../../access/domain/roles';
import type { ClientContact, CommunicationPlan, EscalationLevel, Holiday, Meeting, ReportSchedule, Settings } from './settings';
import { WEEKDAYS } from '../../platform/domain/time';

/** What changed from `before` to `after`, section by section, in reading order; empty when nothing did. */
export function diffSettings(before: Settings, after: Settings): Change[] {
  const changes: Change[] = [];
  for (const role of APP_ROLES) {
    const summary = listChange(before.roleMapping[role], after.roleMapping[role], (name) => name);
    if (summary) changes.push({ path: `roleMapping.${role}`, summary: `Role mapping for ${role}: ${summary}` });
  }
  changes.push(...diffPlan(before.communicationPlan, after.communicationPlan));
  // A document without thresholds keeps following the level below: nothing to describe.
  if (before.flagThresholds && after.flagThresholds) changes.push(...diffThresholds(before.flagThresholds, after.flagThresholds));
  if (before.redFlagRules?.on !== after.redFlagRules?.on && after.redFlagRules !== undefined) {
    changes.push({ path: 'redFlagRules.on', summary: `Red flag rules: ${after.redFlagRules.on ? 'switched on' : 'switched off'}` });
  }
  const sharedBefore = before.sharing?.enabled === true, sharedAfter = after.sharing?.enabled === true;
  if (sharedBefore !== sharedAfter) changes.push({ path: 'sharing.enabled', summary: `Sharing published client reports by link: ${sharedAfter ? 'switched on' : 'switched off'}` });
  const spaces = listChange(before.reporting?.internalConfluenceSpaces ?? [], after.reporting?.internalConfluenceSpaces ?? [], (key) => key);
  if (spaces) changes.push({ path: 'reporting.internalConfluenceSpaces', summary: `Confluence spaces marked internal: ${spaces}` });
  changes.push(...diffReminders(before.reminders, after.reminders));
  return changes;
}

function describeEvidence(evidence: TestEvidence): string {
  return evidence.kind === 'label' ? `label "${evidence.label}"` : `"${evidence.linkType}" link${evidence.issueType ? ` to a ${evidence.issueType}` : ''}`;
}

function describeThresholds(t: FlagThresholds): Record<string, string> {
  const fields: Record<string, string> = {
    'blocked on client after': `${t.blockedOnClientDays} business days overdue`,
    'stale after': `${t.staleBusinessDays} business days`,
    'schedule slip after': `${t.carriedOverSprints} carried-over sprints`,
    'scope creep above': `${t.scopeCreepPercent}%`,
    'acknowledge change requests within': `${t.changeAckBusinessDays} business days`,
    'test evidence': describeEvidence(t.testEvidence),
  };
  for (const id of RULE_IDS) fields[RULE_LABELS[id].toLowerCase()] = t.enabled[id] ? 'on' : 'off';
  return fields;
}

function diffThresholds(before: FlagThresholds, after: FlagThresholds): Change[] {
  const fields = fieldChanges(describeThresholds(before), describeThresholds(after));
  return fields ? [{ path: 'flagThresholds', summary: `Red flag rules: ${fields}` }] : [];
}

function diffPlan(before: CommunicationPlan, after: CommunicationPlan): Change[] {
  const changes: Change[] = [];
  const at = (section: string) => `communicationPlan.${section}`;

  changes.push(
    ...keyedChanges(at('clientContacts'), 'client contact', before.clientContacts, after.clientContacts, contactKey, (c) => c.person.name, describeContact),
  );
  changes.push(...escalationChanges(at('escalationPath'), before.escalationPath, after.escalationPath));
  changes.push(...keyedChanges(at('meetings'), 'meeting', before.meetings, after.meetings, (m) => m.name.toLowerCase(), (m) => m.name, describeMeeting));

  const reportBefore = describeReport(before.reportSchedule);
  const reportAfter = describeReport(after.reportSchedule);
  if (reportBefore !== reportAfter) changes.push({ path: at('reportSchedule'), summary: `Report schedule: ${reportBefore} → ${reportAfter}` });

  const days = listChange(sortDays(before.workingDays), sortDays(after.workingDays), (d) => d);
  if (days) changes.push({ path: at('workingDays'), summary: `Working days: ${days}` });

  const holidays = listChange(before.holidays.map(describeHoliday), after.holidays.map(describeHoliday), (h) => h);
  if (holidays) changes.push({ path: at('holidays'), summary: `Holidays: ${holidays}` });
  return changes;
}

/** "added A, B; removed C" for two lists of names (case-insensitive), or '' when they hold the same names. */
function listChange<T>(before: readonly T[], after: readonly T[], name: (item: T) => string): string {
  const beforeKeys = new Set(before.map((item) => name(item).toLowerCase()));
  const afterKeys = new Set(after.map((item) => name(item).toLowerCase()));
  const added = after.filter((item) => !beforeKeys.has(name(item).toLowerCase())).map(name);
  const removed = before.filter((item) => !afterKeys.has(name(item).toLowerCase())).map(name);
  const parts: string[] = [];
  if (added.length) parts.push(`added ${added.join(', ')}`);
  if (removed.length) parts.push(`removed ${removed.join(', ')}`);
  return parts.join('; ');
}

/** Items matched by key: added, removed, and changed (described as before → after). */
function keyedChanges<T>(
  path: string,
  noun: string,
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  label: (item: T) => string,
  describe: (item: T) => Record<string, string>,
): Change[] {
  const changes: Change[] = [];
  const beforeByKey = new Map(before.map((item) => [key(item), item]));
  const afterByKey = new Map(after.map((item) => [key(item), item]));
  for (const item of after) {
    const previous = beforeByKey.get(key(item));
    if (!previous) {
      changes.push({ path, summary: `Added ${noun} ${label(item)}` });
      continue;
    }
    const fields = fieldChanges(describe(previous), describe(item));
    if (fields) changes.push({ path, summary: `Changed ${noun} ${label(item)}: ${fields}` });
  }
  for (const item of before) {
    if (!afterByKey.has(key(item))) changes.push({ path, summary: `Removed ${noun} ${label(item)}` });
  }
  return changes;
}

function fieldChanges(before: Record<string, string>, after: Record<string, string>): string {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return names
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name} ${before[name] ?? '(none)'} → ${after[name] ?? '(none)'}`)
    .join(', ');
}

/** Escalation levels are ordered: compared level by level. */
function escalationChanges(path: string, before: readonly EscalationLevel[], after: readonly EscalationLevel[]): Change[] {
  const changes: Change[] = [];
  const count = Math.max(before.length, after.length);
  for (let i = 0; i < count; i += 1) {
    const level = `escalation level ${i + 1}`;
    const previous = before[i];
    const next = after[i];
    if (!previous && next) changes.push({ path, summary: `Added ${level}: ${next.who}` });
    else if (previous && !next) changes.push({ path, summary: `Removed ${level} (${previous.who})` });
    else if (previous && next) {
      const fields = fieldChanges(describeLevel(previous), describeLevel(next));
      if (fields) changes.push({ path, summary: `Changed ${level}: ${fields}` });
    }
  }
  return changes;
}

function contactKey(contact: ClientContact): string {
  return contact.person.accountId ?? `name:${contact.person.name.toLowerCase()}`;
}

function describeContact(contact: ClientContact): Record<string, string> {
  return {
    name: contact.person.name,
    role: contact.role,
    channel: contact.channel,
    'working hours': `${contact.workingHours.start}-${contact.workingHours.end}`,
    'time zone': contact.timeZone,
  };
}

function describeLevel(level: EscalationLevel): Record<string, string> {
  return { who: level.who, contact: level.contact, when: level.when };
}

function describeMeeting(meeting: Meeting): Record<string, string> {
  const when = meeting.cadence === 'monthly' ? `monthly on day ${meeting.dayOfMonth}` : `${meeting.cadence} on ${meeting.weekday}`;
  const fields: Record<string, string> = {
    schedule: when,
    time: `${meeting.time} ${meeting.timeZone}`,
    duration: `${meeting.durationMinutes} min`,
  };
  if (meeting.startDate) fields['start date'] = meeting.startDate;
  return fields;
}

function describeReport(schedule: ReportSchedule): string {
  const when = schedule.cadence === 'monthly' ? `monthly on day ${schedule.dayOfMonth}` : `weekly on ${schedule.weekday}`;
  return `${when} for ${[...schedule.audiences].sort().join(', ')}`;
}

function describeHoliday(holiday: Holiday): string {
  return `${holiday.date} ${holiday.name}`;
}

function sortDays(days: readonly string[]): string[] {
  return [...days].sort((a, b) => WEEKDAYS.indexOf(a as (typeof WEEKDAYS)[number]) - WEEKDAYS.indexOf(b as (typeof WEEKDAYS)[number]));
}

/** Reminders: switched on or off, and each changed number or choice in words. */
function diffReminders(before: Settings['reminders'], after: Settings['reminders']): Change[] {
  const on = (r: Settings['reminders']) => r?.enabled === true;
  const changes: Change[] = [];
  if (on(before) !== on(after)) changes.push({ path: 'reminders.enabled', summary: `Reminders and digest: ${on(after) ? 'switched on' : 'switched off'}` });
  if (!after) return changes;
  const words: Record<string, (r: NonNullable<Settings['reminders']>) => string> = {
    daysBeforeDue: (r) => (r.daysBeforeDue === 0 ? 'no reminder before the due date' : `remind ${r.daysBeforeDue} working day(s) before the due date`),
    overdueEveryDays: (r) => (r.overdueEveryDays === 0 ? 'one overdue reminder' : `overdue reminders every ${r.overdueEveryDays} working day(s)`),
    escalateAfterDays: (r) => (r.escalateAfterDays === 0 ? 'no escalation' : `escalate after ${r.escalateAfterDays} working day(s) overdue`),
    digest: (r) => (r.digest ? 'daily digest to the managers' : 'no daily digest'),
    teamTimeZone: (r) => `team time zone ${r.teamTimeZone}`,
  };
  for (const [key, say] of Object.entries(words)) {
    const was = before ? say(before) : undefined;
    const now = say(after);
    if (was !== now && (before || after.enabled)) changes.push({ path: `reminders.${key}`, summary: `Reminders: ${was ? `${was} → ` : ''}${now}` });
  }
  return changes;
}

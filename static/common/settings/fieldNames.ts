/**
 * Server field paths in words, for the error summary above the settings form:
 * `communicationPlan.clientContacts.1.person.name` is field "Name" of item "Client contact 2".
 * Field names are the form's visible labels, so a person finds the field the summary names.
 */
import type { AppRole } from '../../../src/access/domain/roles';
import { roleName } from './options';

export interface FieldPlace {
  /** The part of the form or the list item ("Client contact 2", "Report schedule"); null for the whole document. */
  item: string | null;
  /** The field's label within the item; null when the message is about the item or list as a whole. */
  field: string | null;
}

const LISTS: Record<string, { list: string; item: string; fields: Record<string, string> }> = {
  clientContacts: {
    list: 'Client contacts',
    item: 'Client contact',
    fields: {
      'person.name': 'Name',
      'person.accountId': 'Jira account id',
      role: 'Role',
      channel: 'Preferred channel',
      'workingHours.start': 'Working hours start',
      'workingHours.end': 'Working hours end',
      timeZone: 'Time zone',
    },
  },
  escalationPath: { list: 'Escalation path', item: 'Escalation level', fields: { who: 'Who', contact: 'Contact', when: 'When to escalate', accountId: 'Jira account id' } },
  meetings: {
    list: 'Meetings',
    item: 'Meeting',
    fields: { name: 'Name', cadence: 'Cadence', weekday: 'Day', dayOfMonth: 'Day of the month', time: 'Time', timeZone: 'Time zone', durationMinutes: 'Minutes', startDate: 'Start date' },
  },
  holidays: { list: 'Holidays', item: 'Holiday', fields: { date: 'Date', name: 'Name' } },
};

const REPORT_FIELDS: Record<string, string> = { cadence: 'Report cadence', weekday: 'Report day', dayOfMonth: 'Day of the month', audiences: 'Audiences' };

export function describeSettingsPath(path: string): FieldPlace {
  if (path === '_' || path === '') return { item: null, field: null };
  const [head, ...rest] = path.split('.');
  if (head === 'roleMapping') {
    const role = rest[0] as AppRole | undefined;
    return { item: 'Role mapping', field: role && ['manager', 'approver', 'team', 'client'].includes(role) ? roleName(role) : null };
  }
  // Red flag rules (the project page's own section): the server's messages name the rule and the threshold.
  if (head === 'flagThresholds') return { item: 'Red flag rules', field: null };
  // Reminders and digest: the server's messages name the field ("Escalate after: …").
  if (head === 'reminders') return { item: 'Reminders and digest', field: null };
  if (head === 'reporting') return { item: 'Reports', field: rest[0] === 'internalConfluenceSpaces' ? 'Confluence spaces marked internal' : rest[0] === 'currency' ? 'Project currency' : null };
  if (head !== 'communicationPlan' || rest.length === 0) return { item: readablePath(path), field: null };
  const [section, index, ...fieldParts] = rest;
  const list = LISTS[section];
  if (list) {
    if (index === undefined || !/^\d+$/.test(index)) return { item: list.list, field: null };
    const item = `${list.item} ${Number(index) + 1}`;
    const fieldPath = fieldParts.join('.');
    if (!fieldPath) return { item, field: null };
    const known = Object.keys(list.fields).find((key) => fieldPath === key || fieldPath.startsWith(`${key}.`));
    return { item, field: known ? list.fields[known] : readablePath(fieldPath) };
  }
  if (section === 'reportSchedule') return { item: 'Report schedule', field: index ? (REPORT_FIELDS[index] ?? readablePath(index)) : null };
  if (section === 'workingDays') return { item: 'Working days', field: null };
  return { item: readablePath(rest.join('.')), field: null };
}

/**
 * One line of the error summary: where, then the server's message. The field is named only when the
 * message does not already name it ("Client contact 2: Name is required", but
 * "Meeting 1, Time zone: Use an IANA time zone name such as Europe/Berlin").
 */
export function summaryLine(path: string, message: string): string {
  const { item, field } = describeSettingsPath(path);
  const namesField = field !== null && message.toLowerCase().includes(field.toLowerCase());
  const where = [item, field && !namesField ? field : null].filter(Boolean).join(', ');
  return where ? `${where}: ${message}` : message;
}

/** Fallback for a path the form does not know: `someList.0.fieldName` -> `Some list 1 field name`. */
export function readablePath(path: string): string {
  const words = path
    .split('.')
    .filter((part) => part !== 'communicationPlan')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([A-Z])/g, ' $1').toLowerCase()))
    .join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

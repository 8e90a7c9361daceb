/** The settings error summary's wording: server field paths become the form's own words. */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { validateSettings } from '../../src/settings/domain/settings';
import { describeSettingsPath, summaryLine } from '../../static/common/settings/fieldNames';

describe('settings field paths in words', () => {
  test('list items are numbered from 1 and fields carry their visible labels', () => {
    assert.deepEqual(describeSettingsPath('communicationPlan.clientContacts.1.person.name'), { item: 'Client contact 2', field: 'Name' });
    assert.deepEqual(describeSettingsPath('communicationPlan.clientContacts.0.workingHours.end'), { item: 'Client contact 1', field: 'Working hours end' });
    assert.deepEqual(describeSettingsPath('communicationPlan.escalationPath.2.when'), { item: 'Escalation level 3', field: 'When to escalate' });
    assert.deepEqual(describeSettingsPath('communicationPlan.meetings.0.timeZone'), { item: 'Meeting 1', field: 'Time zone' });
    assert.deepEqual(describeSettingsPath('communicationPlan.holidays.4.date'), { item: 'Holiday 5', field: 'Date' });
  });

  test('whole lists, the report schedule, working days and role mapping', () => {
    assert.deepEqual(describeSettingsPath('communicationPlan.meetings'), { item: 'Meetings', field: null });
    assert.deepEqual(describeSettingsPath('communicationPlan.reportSchedule.weekday'), { item: 'Report schedule', field: 'Report day' });
    assert.deepEqual(describeSettingsPath('communicationPlan.workingDays.3'), { item: 'Working days', field: null });
    assert.deepEqual(describeSettingsPath('roleMapping.team.1'), { item: 'Role mapping', field: 'Team member' });
    assert.deepEqual(describeSettingsPath('flagThresholds.staleBusinessDays'), { item: 'Red flag rules', field: null });
    assert.deepEqual(describeSettingsPath('_'), { item: null, field: null });
  });

  test('a line names the field only when the message does not', () => {
    assert.equal(summaryLine('communicationPlan.clientContacts.1.person.name', 'Name is required'), 'Client contact 2: Name is required');
    assert.equal(
      summaryLine('communicationPlan.meetings.0.timeZone', 'Use an IANA time zone name such as Europe/Berlin or America/New_York'),
      'Meeting 1: Use an IANA time zone name such as Europe/Berlin or America/New_York',
    );
    assert.equal(
      summaryLine('communicationPlan.meetings.1.startDate', 'A biweekly meeting needs the date of its first occurrence'),
      'Meeting 2, Start date: A biweekly meeting needs the date of its first occurrence',
    );
    assert.equal(summaryLine('_', 'Settings must be an object with roleMapping and communicationPlan'), 'Settings must be an object with roleMapping and communicationPlan');
  });

  test('every message the server gives for a broken plan reads without internal names', () => {
    const result = validateSettings({
      roleMapping: { manager: [], approver: ['Approvers'], team: ['Developers', 'developers'], client: ['Clients'] },
      communicationPlan: {
        clientContacts: [{ person: { name: '' }, role: '', channel: 'fax', workingHours: { start: '9', end: '08:00' }, timeZone: 'Mars/Olympus' }],
        escalationPath: [{ who: '', contact: '', when: '' }],
        meetings: [{ cadence: 'biweekly', weekday: 'WED', name: '', time: '25:00', timeZone: 'UTC', durationMinutes: 2 }],
        reportSchedule: { cadence: 'monthly', dayOfMonth: 40, audiences: [] },
        workingDays: [],
        holidays: [{ date: '2026-02-30', name: '' }],
      },
    });
    assert.equal(result.ok, false);
    const fields = result.ok ? {} : result.fields;
    assert.ok(Object.keys(fields).length >= 15, `expected many problems, got ${Object.keys(fields).length}`);
    for (const [path, message] of Object.entries(fields)) {
      const line = summaryLine(path, message);
      assert.doesNotMatch(line, /communicationPlan|clientContacts|escalationPath|workingHours|person\.|>|\.\d/, `${path} -> ${line}`);
      assert.match(line, /^(Role mapping|Client contact \d|Escalation level \d|Meeting \d|Report schedule|Working days|Holiday \d)(, [A-Z][^:]*)?: /, `${path} -> ${line}`);
    }
  });

  test('the internal Confluence spaces of the Reports section', () => {
    assert.equal(summaryLine('reporting.internalConfluenceSpaces.1', 'Space key is letters and digits, e.g. TEAM'), 'Reports, Confluence spaces marked internal: Space key is letters and digits, e.g. TEAM');
  });
});

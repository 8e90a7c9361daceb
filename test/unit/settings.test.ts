import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEFAULT_THRESHOLDS } from '../../src/flags/domain/flagRules';
import { nextMeeting } from '../../src/portal/domain/meetings';
import { portalProject } from '../../src/portal/domain/portal';
import type { AppRole } from '../../src/access/domain/roles';
import { BUILT_IN_DEFAULTS, ChangeWorkflowSchema, validateSettings, type Settings } from '../../src/settings/domain/settings';
import { mergeSettings, parseStoredSettings } from '../../src/settings/domain/storedSettings';

function validSettings(): Settings {
  return {
    roleMapping: { manager: ['Administrators'], approver: ['Approvers'], team: ['Developers'], client: ['Clients'] },
    communicationPlan: {
      clientContacts: [
        { person: { accountId: '712020:client-po', name: 'Paula Owner' }, role: 'Product owner', channel: 'email', workingHours: { start: '09:00', end: '17:30' }, timeZone: 'Europe/Berlin' },
        { person: { name: 'Mark Eting' }, role: 'Marketing lead', channel: 'phone', workingHours: { start: '08:00', end: '12:00' }, timeZone: 'America/New_York' },
      ],
      escalationPath: [
        { who: 'Project manager', contact: 'pm@agency.example', when: 'A client answer is 3 days late' },
        { who: 'Account director', contact: '+49 30 1234', when: 'Still stuck after a week' },
      ],
      meetings: [
        { cadence: 'weekly', weekday: 'MON', name: 'Stand-up', time: '09:30', timeZone: 'Europe/Berlin', durationMinutes: 15 },
        { cadence: 'biweekly', weekday: 'THU', name: 'Sprint review', time: '14:00', timeZone: 'Europe/Berlin', durationMinutes: 60, startDate: '2026-01-08' },
        { cadence: 'monthly', dayOfMonth: 31, name: 'Steering', time: '16:00', timeZone: 'UTC', durationMinutes: 90 },
      ],
      reportSchedule: { cadence: 'monthly', dayOfMonth: 1, audiences: ['executive', 'client'] },
      workingDays: ['MON', 'TUE', 'WED', 'THU'],
      holidays: [{ date: '2026-12-25', name: 'Christmas' }],
    },
    flagThresholds: { ...structuredClone(DEFAULT_THRESHOLDS), staleBusinessDays: 3, testEvidence: { kind: 'link', linkType: 'Tests', issueType: 'Test' } },
  };
}

function fieldsOf(input: unknown): Record<string, string> {
  const result = validateSettings(input);
  assert.equal(result.ok, false, 'expected the settings to be refused');
  return result.ok ? {} : result.fields;
}

describe('validateSettings: valid documents', () => {
  test('a full document passes and comes back unchanged', () => {
    const result = validateSettings(validSettings());
    assert.equal(result.ok, true);
    assert.deepEqual(result.ok && result.value, validSettings());
  });

  test('the built-in defaults are valid', () => {
    assert.equal(validateSettings(BUILT_IN_DEFAULTS).ok, true);
  });

  test('text is trimmed and unknown fields are dropped', () => {
    const input = validSettings() as unknown as { communicationPlan: { clientContacts: Array<Record<string, unknown>> } };
    input.communicationPlan.clientContacts[0].role = '  Product owner  ';
    input.communicationPlan.clientContacts[0].secretNote = 'internal';
    const result = validateSettings(input);
    assert.equal(result.ok, true);
    if (result.ok) {
      assert.equal(result.value.communicationPlan.clientContacts[0].role, 'Product owner');
      assert.equal('secretNote' in result.value.communicationPlan.clientContacts[0], false);
    }
  });
});

describe('validateSettings: field-level messages keyed by path', () => {
  test('an unknown time zone names the contact it belongs to', () => {
    const input = validSettings();
    input.communicationPlan.clientContacts[1].timeZone = 'Mars/Olympus';
    assert.deepEqual(fieldsOf(input), { 'communicationPlan.clientContacts.1.timeZone': 'Use an IANA time zone name such as Europe/Berlin or America/New_York' });
  });

  test('offsets and abbreviations are not time zones', () => {
    for (const zone of ['+01:00', 'CET', 'PST', 'GMT+1', 'Europe/']) {
      const input = validSettings();
      input.communicationPlan.clientContacts[0].timeZone = zone;
      assert.ok('communicationPlan.clientContacts.0.timeZone' in fieldsOf(input), zone);
    }
  });

  test('working hours must be HH:MM and end after they start', () => {
    const input = validSettings();
    input.communicationPlan.clientContacts[0].workingHours = { start: '9:00', end: '08:00' };
    assert.equal(fieldsOf(input)['communicationPlan.clientContacts.0.workingHours.start'], 'Enter a time, e.g. 09:30');
    input.communicationPlan.clientContacts[0].workingHours = { start: '17:00', end: '09:00' };
    assert.deepEqual(fieldsOf(input), { 'communicationPlan.clientContacts.0.workingHours.end': 'End time must be after the start time' });
  });

  test('missing and empty required text', () => {
    const input = validSettings() as unknown as { communicationPlan: { clientContacts: Array<{ person: Record<string, unknown> }>; escalationPath: Array<Record<string, unknown>> } };
    delete input.communicationPlan.clientContacts[0].person.name;
    input.communicationPlan.escalationPath[1].when = '   ';
    assert.deepEqual(fieldsOf(input), {
      'communicationPlan.clientContacts.0.person.name': 'Name is required',
      'communicationPlan.escalationPath.1.when': 'When to escalate is required',
    });
  });

  test('meetings: cadence, day, duration and the biweekly anchor', () => {
    const input = validSettings() as unknown as { communicationPlan: { meetings: Array<Record<string, unknown>> } };
    input.communicationPlan.meetings[0] = { ...input.communicationPlan.meetings[0], cadence: 'daily' };
    input.communicationPlan.meetings[1] = { ...input.communicationPlan.meetings[1], startDate: '2026-01-09' };
    input.communicationPlan.meetings[2] = { ...input.communicationPlan.meetings[2], dayOfMonth: 32, durationMinutes: 2 };
    assert.deepEqual(fieldsOf(input), {
      'communicationPlan.meetings.0.cadence': 'Choose how often the meeting is held',
      'communicationPlan.meetings.1.startDate': "The first occurrence must fall on the meeting's day (THU)",
      'communicationPlan.meetings.2.dayOfMonth': 'Day of the month must be from 1 to 31',
      'communicationPlan.meetings.2.durationMinutes': 'Duration must be at least 5 minutes',
    });
  });

  test('a biweekly meeting without its first date is refused', () => {
    const input = validSettings();
    input.communicationPlan.meetings[1] = { cadence: 'biweekly', weekday: 'THU', name: 'Review', time: '14:00', timeZone: 'UTC', durationMinutes: 60 };
    assert.deepEqual(fieldsOf(input), { 'communicationPlan.meetings.1.startDate': 'A biweekly meeting needs the date of its first occurrence' });
  });

  test('report schedule: audiences among the four, at least one, no repeats', () => {
    const input = validSettings() as unknown as { communicationPlan: { reportSchedule: Record<string, unknown> } };
    input.communicationPlan.reportSchedule = { cadence: 'weekly', weekday: 'FRI', audiences: ['board'] };
    assert.ok(fieldsOf(input)['communicationPlan.reportSchedule.audiences.0'].startsWith('Audiences must be among'));
    input.communicationPlan.reportSchedule = { cadence: 'weekly', weekday: 'FRI', audiences: [] };
    assert.deepEqual(fieldsOf(input), { 'communicationPlan.reportSchedule.audiences': 'Choose at least one audience' });
    input.communicationPlan.reportSchedule = { cadence: 'weekly', weekday: 'FRI', audiences: ['team', 'team'] };
    assert.deepEqual(fieldsOf(input), { 'communicationPlan.reportSchedule.audiences': 'An audience is listed twice' });
  });

  test('working days and holidays', () => {
    const input = validSettings();
    input.communicationPlan.workingDays = [];
    input.communicationPlan.holidays = [
      { date: '2026-02-30', name: 'Not a day' },
      { date: '2026-12-25', name: 'Christmas' },
      { date: '2026-12-25', name: 'Again' },
    ];
    assert.deepEqual(fieldsOf(input), {
      'communicationPlan.workingDays': 'Choose at least one working day',
      'communicationPlan.holidays.0.date': 'Pick a date from the calendar',
      'communicationPlan.holidays.2.date': '2026-12-25 is listed twice',
    });
  });

  test('role mapping: manager cannot be empty, names not repeated', () => {
    const input = validSettings();
    input.roleMapping.manager = [];
    input.roleMapping.team = ['Developers', 'developers'];
    assert.deepEqual(fieldsOf(input), {
      'roleMapping.manager': 'Map at least one Jira role to manager, or nobody could change these settings',
      'roleMapping.team.1': '"developers" is listed twice',
    });
  });

  test('a document that is not an object has a root message', () => {
    assert.deepEqual(fieldsOf(null), { _: 'Settings must be an object with roleMapping and communicationPlan' });
    assert.deepEqual(Object.keys(fieldsOf({ roleMapping: BUILT_IN_DEFAULTS.roleMapping })), ['communicationPlan']);
  });
});

describe('mergeSettings: built-in <- site <- project', () => {
  test('nothing stored: the built-in defaults, all marked built-in', () => {
    const merged = mergeSettings(undefined, undefined);
    assert.deepEqual(merged.settings, BUILT_IN_DEFAULTS);
    assert.ok(Object.values(merged.sources).every((source) => source === 'built-in'));
  });

  test('site defaults override sections they set; the project overrides the site', () => {
    const site = { roleMapping: { manager: ['Leads'], approver: [], team: ['Developers'], client: ['Customers'] }, communicationPlan: { workingDays: ['MON', 'TUE'] as const, holidays: [{ date: '2026-12-25', name: 'Christmas' }] } };
    const project = { communicationPlan: { workingDays: ['WED'] as const } };
    const merged = mergeSettings(structuredClone(site) as never, structuredClone(project) as never);
    assert.deepEqual(merged.settings.roleMapping.manager, ['Leads']);
    assert.deepEqual(merged.settings.communicationPlan.workingDays, ['WED']);
    assert.deepEqual(merged.settings.communicationPlan.holidays, [{ date: '2026-12-25', name: 'Christmas' }]);
    assert.deepEqual(merged.settings.communicationPlan.reportSchedule, BUILT_IN_DEFAULTS.communicationPlan.reportSchedule);
    assert.equal(merged.sources.roleMapping, 'site');
    assert.equal(merged.sources.workingDays, 'project');
    assert.equal(merged.sources.holidays, 'site');
    assert.equal(merged.sources.reportSchedule, 'built-in');
  });

  test('a full project document wins everywhere', () => {
    const project = validSettings();
    const merged = mergeSettings({ communicationPlan: { workingDays: ['SUN'] } }, project);
    assert.deepEqual(merged.settings, project);
    assert.ok(Object.values(merged.sources).every((source) => source === 'project'));
  });

  test('the merge copies: editing the result does not touch the defaults', () => {
    const merged = mergeSettings(undefined, undefined);
    merged.settings.roleMapping.manager.push('Everyone');
    merged.settings.communicationPlan.workingDays.push('SAT');
    assert.deepEqual(BUILT_IN_DEFAULTS.roleMapping.manager, ['Administrators', 'Project managers']);
    assert.deepEqual(BUILT_IN_DEFAULTS.communicationPlan.workingDays, ['MON', 'TUE', 'WED', 'THU', 'FRI']);
  });
});

describe('parseStoredSettings', () => {
  test('keeps valid sections and drops invalid ones section by section', () => {
    const stored = parseStoredSettings({
      roleMapping: { manager: [], approver: [], team: [], client: [] },
      communicationPlan: { workingDays: ['MON'], holidays: [{ date: 'soon', name: 'x' }] },
    });
    assert.deepEqual(stored, { communicationPlan: { workingDays: ['MON'] } });
  });

  test('anything but an object is an empty document', () => {
    assert.deepEqual(parseStoredSettings(undefined), {});
    assert.deepEqual(parseStoredSettings('settings'), {});
  });
});

describe('red-flag rule thresholds in settings', () => {
  test('nothing stored: the built-in thresholds (DEFAULT_THRESHOLDS), marked built-in', () => {
    const merged = mergeSettings(undefined, undefined);
    assert.deepEqual(merged.settings.flagThresholds, DEFAULT_THRESHOLDS);
    assert.equal(merged.sources.flagThresholds, 'built-in');
  });

  test('the project overrides the site as one section; a document without thresholds inherits them', () => {
    const site = { flagThresholds: { ...structuredClone(DEFAULT_THRESHOLDS), staleBusinessDays: 8 } };
    const inherited = mergeSettings(site, { communicationPlan: { workingDays: ['MON'] } });
    assert.equal(inherited.settings.flagThresholds.staleBusinessDays, 8);
    assert.equal(inherited.sources.flagThresholds, 'site');
    const own = mergeSettings(site, { flagThresholds: { ...structuredClone(DEFAULT_THRESHOLDS), scopeCreepPercent: 35 } });
    assert.equal(own.settings.flagThresholds.staleBusinessDays, 5);
    assert.equal(own.settings.flagThresholds.scopeCreepPercent, 35);
    assert.equal(own.sources.flagThresholds, 'project');
  });

  test('an invalid threshold is a field error under flagThresholds; a stored invalid section is dropped', () => {
    const doc = { ...validSettings(), flagThresholds: { ...structuredClone(DEFAULT_THRESHOLDS), staleBusinessDays: 0, testEvidence: { kind: 'label', label: 'has space' } } };
    const fields = fieldsOf(doc);
    assert.equal(fields['flagThresholds.staleBusinessDays'], 'Enter 1 or more');
    assert.equal(fields['flagThresholds.testEvidence.label'], 'A Jira label cannot contain spaces');
    assert.deepEqual(parseStoredSettings({ flagThresholds: doc.flagThresholds }), {});
    assert.equal(validateSettings({ roleMapping: validSettings().roleMapping, communicationPlan: validSettings().communicationPlan }).ok, true, 'thresholds are optional in a saved document');
  });
});

describe('the change request workflow mapping', () => {
  const statusIds = { logged: '1', acknowledged: '2', assessing: '3', 'awaiting-approval': '4', approved: '5', declined: '6', withdrawn: '7', 'client-informed': '8' };

  test('one status per step passes', () => {
    assert.deepEqual(ChangeWorkflowSchema.parse({ issueTypeId: '50', statusIds }), { issueTypeId: '50', statusIds });
  });

  test('a status used for two steps is refused at the second, naming the first', () => {
    const result = ChangeWorkflowSchema.safeParse({ issueTypeId: '50', statusIds: { ...statusIds, declined: '5' } });
    assert.equal(result.success, false);
    assert.deepEqual(result.error!.issues.map((i) => [i.path.join('.'), i.message]), [['statusIds.declined', 'Each step needs its own status: this one is already used for approved']]);
  });
});

describe('the portal card of a project', () => {
  test('carries the roles, the client-safe contacts and escalation path, and the next meeting; nothing else of the plan', () => {
    const plan = validSettings().communicationPlan;
    const now = new Date('2026-11-25T12:00:00Z');
    const roles: AppRole[] = ['client'];
    const card = portalProject({ projectKey: 'SHOP', projectName: 'Web shop', roles, plan, now });
    assert.deepEqual(card.clientContacts, [
      { name: 'Paula Owner', role: 'Product owner', channel: 'email', workingHours: { start: '09:00', end: '17:30' }, timeZone: 'Europe/Berlin' },
      { name: 'Mark Eting', role: 'Marketing lead', channel: 'phone', workingHours: { start: '08:00', end: '12:00' }, timeZone: 'America/New_York' },
    ]);
    assert.deepEqual(card.escalationPath, plan.escalationPath);
    assert.deepEqual(card.nextMeeting, nextMeeting(plan.meetings, now));
    assert.notEqual(card.nextMeeting, null);
    assert.deepEqual(Object.keys(card).sort(), ['clientContacts', 'escalationPath', 'nextMeeting', 'projectKey', 'projectName', 'roles']);
    assert.equal(JSON.stringify(card).includes('712020:client-po'), false, 'no account id');
    roles.push('team');
    assert.deepEqual(card.roles, ['client'], 'the card holds its own copy of the roles');
    assert.equal(portalProject({ projectKey: 'SHOP', projectName: 'Web shop', roles, plan: { ...plan, meetings: [] }, now }).nextMeeting, null);
  });
});

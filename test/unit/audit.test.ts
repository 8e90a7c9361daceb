import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildAuditEntry, escapeControlCharacters } from '../../src/platform/domain/audit';
import { diffSettings } from '../../src/settings/domain/settingsDiff';
import { BUILT_IN_DEFAULTS, type Settings } from '../../src/settings/domain/settings';

function base(): Settings {
  const settings = structuredClone(BUILT_IN_DEFAULTS);
  settings.communicationPlan.clientContacts = [
    { person: { accountId: 'acc-po', name: 'Paula Owner' }, role: 'Product owner', channel: 'email', workingHours: { start: '09:00', end: '17:00' }, timeZone: 'Europe/Berlin' },
  ];
  settings.communicationPlan.escalationPath = [{ who: 'PM', contact: 'pm@example.com', when: 'Late answer' }];
  settings.communicationPlan.meetings = [{ cadence: 'weekly', weekday: 'MON', name: 'Stand-up', time: '09:30', timeZone: 'Europe/Berlin', durationMinutes: 15 }];
  return settings;
}

const summaries = (before: Settings, after: Settings) => diffSettings(before, after).map((change) => change.summary);

describe('diffSettings', () => {
  test('no change, no entries', () => {
    assert.deepEqual(diffSettings(base(), base()), []);
  });

  test('role mapping: added and removed Jira roles per app role', () => {
    const after = base();
    after.roleMapping.manager = ['Administrators', 'Leads'];
    after.roleMapping.team = ['Developers'];
    assert.deepEqual(diffSettings(base(), after), [
      { path: 'roleMapping.manager', summary: 'Role mapping for manager: added Leads; removed Project managers' },
      { path: 'roleMapping.team', summary: 'Role mapping for team: removed Members' },
    ]);
  });

  test('contacts: added, changed field by field, removed', () => {
    const after = base();
    after.communicationPlan.clientContacts[0].timeZone = 'Europe/London';
    after.communicationPlan.clientContacts[0].channel = 'slack';
    after.communicationPlan.clientContacts.push({ person: { name: 'Mark Eting' }, role: 'Marketing', channel: 'phone', workingHours: { start: '08:00', end: '12:00' }, timeZone: 'UTC' });
    assert.deepEqual(summaries(base(), after), [
      'Changed client contact Paula Owner: channel email → slack, time zone Europe/Berlin → Europe/London',
      'Added client contact Mark Eting',
    ]);
    const removed = base();
    removed.communicationPlan.clientContacts = [];
    assert.deepEqual(summaries(base(), removed), ['Removed client contact Paula Owner']);
  });

  test('a contact keeps its identity by account id when renamed', () => {
    const after = base();
    after.communicationPlan.clientContacts[0].person.name = 'Paula Owner-Smith';
    assert.deepEqual(summaries(base(), after), ['Changed client contact Paula Owner-Smith: name Paula Owner → Paula Owner-Smith']);
  });

  test('escalation levels compare by position', () => {
    const after = base();
    after.communicationPlan.escalationPath = [
      { who: 'Account director', contact: 'ad@example.com', when: 'Late answer' },
      { who: 'PM', contact: 'pm@example.com', when: 'Late answer' },
    ];
    assert.deepEqual(summaries(base(), after), [
      'Changed escalation level 1: who PM → Account director, contact pm@example.com → ad@example.com',
      'Added escalation level 2: PM',
    ]);
  });

  test('meetings, report schedule, working days and holidays', () => {
    const after = base();
    after.communicationPlan.meetings[0] = { cadence: 'monthly', dayOfMonth: 1, name: 'Stand-up', time: '09:30', timeZone: 'Europe/Berlin', durationMinutes: 15 };
    after.communicationPlan.reportSchedule = { cadence: 'monthly', dayOfMonth: 1, audiences: ['client', 'executive'] };
    after.communicationPlan.workingDays = ['MON', 'TUE', 'WED', 'THU', 'SAT'];
    after.communicationPlan.holidays = [{ date: '2026-12-25', name: 'Christmas' }];
    assert.deepEqual(summaries(base(), after), [
      'Changed meeting Stand-up: schedule weekly on MON → monthly on day 1',
      'Report schedule: weekly on FRI for client, manager → monthly on day 1 for client, executive',
      'Working days: added SAT; removed FRI',
      'Holidays: added 2026-12-25 Christmas',
    ]);
  });
});

describe('buildAuditEntry', () => {
  test('records who did what to which target, and when', () => {
    const entry = buildAuditEntry({ projectKey: 'SHOP', at: new Date('2026-11-24T08:00:00Z'), actor: 'acc-pm', action: 'settings.save', target: 'project:SHOP', changes: [{ path: '', summary: 'x' }] });
    assert.deepEqual(entry, { projectKey: 'SHOP', at: '2026-11-24T08:00:00.000Z', actor: 'acc-pm', action: 'settings.save', target: 'project:SHOP', detail: { changes: [{ path: '', summary: 'x' }] } });
  });
});

describe('diffSettings: red-flag rule thresholds', () => {
  test('a changed threshold, test evidence and a rule switched off read as one change', () => {
    const before = base();
    const after = base();
    after.flagThresholds = { ...structuredClone(BUILT_IN_DEFAULTS.flagThresholds), staleBusinessDays: 7, testEvidence: { kind: 'link', linkType: 'Tests' } };
    after.flagThresholds.enabled.untested = false;
    assert.deepEqual(diffSettings(before, after), [
      { path: 'flagThresholds', summary: 'Red flag rules: stale after 5 business days → 7 business days, test evidence label "tested" → "Tests" link, untested on → off' },
    ]);
  });

  test('thresholds left out of a saved document describe nothing', () => {
    const after = base();
    delete after.flagThresholds;
    assert.deepEqual(diffSettings(base(), after), []);
  });
});

describe('audit lines and control characters', () => {
  test('a newline, a carriage return, an escape and a bidi override in free text are written out, never kept', () => {
    const entry = buildAuditEntry({
      projectKey: 'SHOP', at: new Date('2026-12-01T10:00:00Z'), actor: 'acc-1', action: 'flags.raise', target: 'issue:SHOP-1',
      changes: [{ path: 'flags', summary: 'Raised flag: ok\n2026-12-01 settings.save by admin\r\u001b[31m\u202egnp.exe\u2028x\u0085y' }],
    });
    const summary = entry.detail.changes[0].summary;
    assert.equal(summary, 'Raised flag: ok\\n2026-12-01 settings.save by admin\\r\\u001b[31m\\u202egnp.exe\\u2028x\\u0085y');
    assert.doesNotMatch(JSON.stringify(entry).replace(/\\\\/g, ''), /\\[nr]|\\u00(1b|85)/, 'no raw control character survives (JSON would escape it as \\n)');
    assert.doesNotMatch(summary, /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
  });

  test('action, target and path are cleaned too; plain text is unchanged', () => {
    const entry = buildAuditEntry({ projectKey: 'SHOP', at: new Date(0), actor: 'acc\n2', action: 'a\tb', target: 'issue:SHOP-1\n', changes: [{ path: 'p\n', summary: 'Änderung – fine' }] });
    assert.deepEqual([entry.actor, entry.action, entry.target, entry.detail.changes[0].path, entry.detail.changes[0].summary], ['acc\\n2', 'a\\tb', 'issue:SHOP-1\\n', 'p\\n', 'Änderung – fine']);
    assert.equal(escapeControlCharacters('no controls here'), 'no controls here');
  });
});

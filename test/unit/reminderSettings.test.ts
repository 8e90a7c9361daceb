/**
 * Reminder settings (issue 14): valid values, project level only (a site default never switches
 * them on), kept when stored, dropped when stored under older rules, and described in the audit trail.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { diffSettings } from '../../src/settings/domain/settingsDiff';
import { BUILT_IN_DEFAULTS, DEFAULT_REMINDERS, validateSettings, type Settings } from '../../src/settings/domain/settings';
import { mergeSettings, parseStoredSettings } from '../../src/settings/domain/storedSettings';

const base = (): Settings => structuredClone({ roleMapping: BUILT_IN_DEFAULTS.roleMapping, communicationPlan: BUILT_IN_DEFAULTS.communicationPlan });
const on = { ...DEFAULT_REMINDERS, enabled: true };

describe('reminder settings', () => {
  test('off by default, project level only', () => {
    assert.equal(DEFAULT_REMINDERS.enabled, false);
    assert.equal(mergeSettings({ reminders: on }, undefined).settings.reminders, undefined, 'a site default never switches them on');
    assert.deepEqual(mergeSettings(undefined, { reminders: on }).settings.reminders, on);
  });

  test('validation speaks of working days and time zones', () => {
    const bad = validateSettings({ ...base(), reminders: { ...on, daysBeforeDue: 11, overdueEveryDays: 1.5, escalateAfterDays: -1, teamTimeZone: 'CET' } });
    assert.equal(bad.ok, false);
    const fields = (bad as { fields: Record<string, string> }).fields;
    assert.equal(fields['reminders.daysBeforeDue'], 'Remind before the due date: at most 10 working days');
    assert.equal(fields['reminders.overdueEveryDays'], 'Repeat overdue reminders: enter a whole number of working days');
    assert.equal(fields['reminders.escalateAfterDays'], 'Escalate after: enter 0 or more working days');
    assert.match(fields['reminders.teamTimeZone'], /IANA time zone/);
    assert.equal((validateSettings({ ...base(), reminders: { ...on, daysBeforeDue: 'two' } }) as { fields: Record<string, string> }).fields['reminders.daysBeforeDue'], 'Remind before the due date: enter a number of working days');
    assert.equal(validateSettings({ ...base(), reminders: on }).ok, true);
  });

  test('stored: kept when valid, dropped when not', () => {
    assert.deepEqual(parseStoredSettings({ reminders: on }).reminders, on);
    assert.equal(parseStoredSettings({ reminders: { enabled: 'yes' } }).reminders, undefined);
  });

  test('the audit trail says what changed', () => {
    const before = base();
    const after: Settings = { ...base(), reminders: on };
    assert.deepEqual(diffSettings(before, after).map((c) => c.summary), [
      'Reminders and digest: switched on',
      'Reminders: remind 1 working day(s) before the due date',
      'Reminders: overdue reminders every 2 working day(s)',
      'Reminders: escalate after 3 working day(s) overdue',
      'Reminders: daily digest to the managers',
      'Reminders: team time zone UTC',
    ]);
    const changed: Settings = { ...base(), reminders: { ...on, daysBeforeDue: 0, overdueEveryDays: 0, escalateAfterDays: 0, digest: false } };
    assert.deepEqual(diffSettings(after, changed).map((c) => c.summary), [
      'Reminders: remind 1 working day(s) before the due date → no reminder before the due date',
      'Reminders: overdue reminders every 2 working day(s) → one overdue reminder',
      'Reminders: escalate after 3 working day(s) overdue → no escalation',
      'Reminders: daily digest to the managers → no daily digest',
    ]);
    assert.deepEqual(diffSettings(after, { ...base() }).map((c) => c.summary), ['Reminders and digest: switched off']);
    // Saved off without ever having been on: nothing to tell.
    assert.deepEqual(diffSettings(before, { ...base(), reminders: DEFAULT_REMINDERS }), []);
  });
});

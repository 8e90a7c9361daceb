/**
 * Issue 14, "calm rules": which kinds of issue each rule judges (one table), one scope-creep flag
 * per sprint, a dismissed rule flag held down until its facts change, the rules' switch and the
 * dry run's grouping. Every expected value here is worked out by hand from the inputs.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { WorkCalendar } from '../../src/platform/domain/businessDays';
import { describeDryRun, groupByRule, ruleFlagChanges, type DryRunItem } from '../../src/flags/domain/flagRuleDryRun';
import {
  DEFAULT_THRESHOLDS, ISSUE_KINDS, RULE_APPLIES_TO, RULE_IDS, activeRules, allRulesOff, evaluateIssueRules, evaluateSprintScopeCreep,
  factsFingerprint, issueKindOf, ruleApplies, rulesSwitchedOn, type FlagThresholds, type IssueFacts, type RuleId, type SprintFacts,
} from '../../src/flags/domain/flagRules';
import { summarize, type Flag } from '../../src/flags/domain/redFlags';
import { reconcileRuleFlags, type RuleFindingLike } from '../../src/flags/domain/ruleFlags';
import { resolveFlag } from '../../src/flags/domain/flagActions';
import { mergeSettings, parseStoredSettings, redFlagRulesOn } from '../../src/settings/domain/storedSettings';
import { diffSettings } from '../../src/settings/domain/settingsDiff';
import { appliesToText } from '../../static/project-page/src/redFlagRuleHelp';

const CAL: WorkCalendar = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [] };
const CR_TYPE = '10100';
const TYPES = { story: { id: '10001', hierarchyLevel: 0 }, subtask: { id: '10004', hierarchyLevel: -1 }, epic: { id: '10000', hierarchyLevel: 1 }, cr: { id: CR_TYPE, hierarchyLevel: 0 } };

function issue(overrides: Partial<IssueFacts> = {}): IssueFacts {
  return {
    key: 'SHOP-1', statusCategory: 'indeterminate', statusName: 'In Progress', duedate: null, updated: '2026-11-02T10:00:00.000+0000',
    resolutiondate: null, labels: [], sprintHistory: [], linkedIssues: [], ask: null, ...overrides,
  };
}

const ids = () => {
  let n = 0;
  return () => `r${++n}`;
};

describe('which issues each rule judges', () => {
  test('the kind of an issue: the change request type wins over its level; then sub-task (-1), epic (1+), work (0 or unknown)', () => {
    assert.equal(issueKindOf(TYPES.cr, CR_TYPE), 'change-request');
    assert.equal(issueKindOf(TYPES.cr, null), 'work', 'no change request type set up: a standard issue');
    assert.equal(issueKindOf(TYPES.subtask, CR_TYPE), 'subtask');
    assert.equal(issueKindOf(TYPES.epic, CR_TYPE), 'epic');
    assert.equal(issueKindOf({ id: '1', hierarchyLevel: 2 }, CR_TYPE), 'epic');
    assert.equal(issueKindOf(TYPES.story, CR_TYPE), 'work');
    assert.equal(issueKindOf(null, CR_TYPE), 'work');
    assert.equal(issueKindOf(undefined, undefined), 'work');
  });

  test('the table: every rule names its kinds; stale and untested never judge epics or change requests', () => {
    assert.deepEqual(Object.keys(RULE_APPLIES_TO).sort(), [...RULE_IDS].sort());
    const table = Object.fromEntries(ISSUE_KINDS.map((kind) => [kind, RULE_IDS.filter((id) => ruleApplies(id, kind))]));
    assert.deepEqual(table, {
      work: ['blocked-on-client', 'schedule-slip', 'stale', 'untested', 'scope-creep'],
      subtask: ['blocked-on-client', 'schedule-slip', 'stale'],
      epic: ['blocked-on-client', 'schedule-slip'],
      'change-request': ['blocked-on-client', 'change-unacknowledged'],
    });
  });

  test('Settings says it from the same table', () => {
    assert.equal(appliesToText(RULE_APPLIES_TO.stale), 'Checks issues (stories, tasks, bugs) and sub-tasks only.');
    assert.equal(appliesToText(RULE_APPLIES_TO['change-unacknowledged']), 'Checks change requests only.');
    assert.equal(appliesToText(RULE_APPLIES_TO['schedule-slip']), 'Checks issues (stories, tasks, bugs), sub-tasks and epics only.');
    assert.equal(appliesToText(RULE_APPLIES_TO['blocked-on-client']), 'Checks every kind of issue.');
  });

  test('a change request done ("Client informed") without test evidence: no untested flag; a story in the same state: one', () => {
    const done = { statusCategory: 'done' as const, statusName: 'Client informed', resolutiondate: '2026-11-03T10:00:00.000Z' };
    assert.deepEqual(evaluateIssueRules(issue({ ...done, issueType: TYPES.cr }), DEFAULT_THRESHOLDS, CAL, '2026-11-05', CR_TYPE), []);
    assert.deepEqual(evaluateIssueRules(issue({ ...done, issueType: TYPES.story }), DEFAULT_THRESHOLDS, CAL, '2026-11-05', CR_TYPE).map((f) => f.ruleId), ['untested']);
    assert.deepEqual(evaluateIssueRules(issue({ ...done, issueType: TYPES.subtask }), DEFAULT_THRESHOLDS, CAL, '2026-11-05', CR_TYPE), []);
  });

  test('an epic in progress with no update for three weeks: not stale; past its due date: a schedule slip', () => {
    // Updated Monday 2 Nov; Monday 23 Nov is 15 business days later (threshold 5).
    const epic = issue({ issueType: TYPES.epic, duedate: '2026-11-20' });
    assert.deepEqual(evaluateIssueRules(epic, DEFAULT_THRESHOLDS, CAL, '2026-11-23', CR_TYPE).map((f) => f.conditionKey), ['schedule-slip:due-date']);
    const story = issue({ issueType: TYPES.story, duedate: '2026-11-20' });
    assert.deepEqual(evaluateIssueRules(story, DEFAULT_THRESHOLDS, CAL, '2026-11-23', CR_TYPE).map((f) => f.conditionKey), ['schedule-slip:due-date', 'stale']);
    const cr = issue({ issueType: TYPES.cr, duedate: '2026-11-20' });
    assert.deepEqual(evaluateIssueRules(cr, DEFAULT_THRESHOLDS, CAL, '2026-11-23', CR_TYPE), []);
  });

  test('an old rule flag on a kind the rule no longer judges clears on the next run', () => {
    const newId = ids();
    // An earlier version raised "untested" on a change request.
    const old = reconcileRuleFlags(null, [{ ruleId: 'untested', conditionKey: 'untested', category: 'untested-functionality', severity: 'high', note: 'Done without test evidence', clientVisible: false }], new Date('2026-11-03T09:00:00Z'), newId).property;
    const findings = evaluateIssueRules(issue({ statusCategory: 'done', issueType: TYPES.cr }), DEFAULT_THRESHOLDS, CAL, '2026-11-05', CR_TYPE);
    const next = reconcileRuleFlags(old, findings, new Date('2026-11-05T09:00:00Z'), newId, { evaluated: ['blocked-on-client', 'schedule-slip', 'stale', 'untested'] });
    assert.equal(next.changed, true);
    assert.equal(next.property.open, 0);
    assert.equal(next.property.flags[0].resolution, 'The condition cleared');
  });
});

describe('scope creep: one flag per sprint', () => {
  const sprint = (keys: string[], committed = 10): SprintFacts => ({
    id: 4, name: 'Sprint 4', startDate: '2026-11-02T09:00:00.000Z', committedAtStart: committed, addedAfterStart: keys.length, addedAfterStartKeys: keys,
  });

  test('eight issues added to a sprint of ten: one finding, on the first added, listing all eight', () => {
    const keys = ['SHOP-41', 'SHOP-42', 'SHOP-43', 'SHOP-44', 'SHOP-45', 'SHOP-46', 'SHOP-47', 'SHOP-48'];
    const { percent, findingsByIssue } = evaluateSprintScopeCreep(sprint(keys), DEFAULT_THRESHOLDS);
    assert.equal(percent, 80);
    assert.deepEqual(Object.keys(findingsByIssue), ['SHOP-41']);
    assert.equal(findingsByIssue['SHOP-41'].note, `Sprint "Sprint 4" grew by 8 issues after it started, 80% of the 10 committed (above 20%): ${keys.join(', ')}.`);
  });

  test('the issue already holding the flag keeps it while it is still among the added; the facts are the set of keys, in any order', () => {
    const a = evaluateSprintScopeCreep(sprint(['SHOP-41', 'SHOP-42', 'SHOP-43']), DEFAULT_THRESHOLDS, 'SHOP-43').findingsByIssue;
    assert.deepEqual(Object.keys(a), ['SHOP-43']);
    const b = evaluateSprintScopeCreep(sprint(['SHOP-43', 'SHOP-42', 'SHOP-41']), DEFAULT_THRESHOLDS, 'SHOP-99').findingsByIssue;
    assert.deepEqual(Object.keys(b), ['SHOP-43'], 'a holder no longer added: the first added');
    assert.equal(a['SHOP-43'].facts, b['SHOP-43'].facts);
    assert.equal(a['SHOP-43'].facts, factsFingerprint('scope|SHOP-41,SHOP-42,SHOP-43'));
  });

  test('more than ten added: ten listed and the rest counted', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `SHOP-${50 + i}`);
    const note = evaluateSprintScopeCreep(sprint(keys), DEFAULT_THRESHOLDS).findingsByIssue['SHOP-50'].note;
    assert.match(note, /SHOP-59 and 2 more\.$/);
    assert.match(note, /grew by 12 issues after it started, 120% of the 10 committed/);
    assert.match(evaluateSprintScopeCreep(sprint(['SHOP-9'], 1), { ...DEFAULT_THRESHOLDS, scopeCreepPercent: 0 }).findingsByIssue['SHOP-9'].note, /grew by 1 issue after/);
  });
});

describe('a dismissed rule flag stays dismissed until its facts change', () => {
  const T = (day: number) => new Date(Date.UTC(2026, 10, day, 9));
  const slip = (due: string): RuleFindingLike => ({
    ruleId: 'schedule-slip', conditionKey: 'schedule-slip:due-date', category: 'schedule-slip', severity: 'medium',
    note: `The due date ${due} has passed and the issue is not done.`, clientVisible: false, facts: factsFingerprint(`due|${due}`),
  });

  test('the fingerprint is FNV-1a (32 bits, hex): the published test vectors', () => {
    assert.equal(factsFingerprint(''), '811c9dc5');
    assert.equal(factsFingerprint('a'), 'e40c292c');
    assert.equal(factsFingerprint('foobar'), 'bf9cf968');
  });

  test('dismissed on due 10 Nov: the same facts keep it down; the due date moved to 12 Nov (still past): a new flag', () => {
    const newId = ids();
    const raised = reconcileRuleFlags(null, [slip('2026-11-10')], T(11), newId).property;
    assert.equal(raised.flags[0].facts, factsFingerprint('due|2026-11-10'));
    const dismissed = resolveFlag(raised, { flagId: 'r1', resolution: 'Agreed with the client to ship next week' }, 'pm', T(11));
    assert.equal(dismissed.flags[0].facts, factsFingerprint('due|2026-11-10'), 'the facts at dismissal stay on the flag');

    const same = reconcileRuleFlags(dismissed, [slip('2026-11-10')], T(13), newId);
    assert.deepEqual([same.changed, same.property.open], [false, 0]);

    const moved = reconcileRuleFlags(dismissed, [slip('2026-11-12')], T(16), newId);
    assert.equal(moved.changed, true);
    assert.deepEqual(
      moved.property.flags.map((f) => [f.id, f.resolvedAt ?? null, f.suppressedUntilClear ?? false, f.facts]),
      [
        ['r1', T(11).toISOString(), false, factsFingerprint('due|2026-11-10')],
        ['r2', null, false, factsFingerprint('due|2026-11-12')],
      ],
    );
  });

  test('an open flag takes the new facts (so a dismissal records what the person saw)', () => {
    const newId = ids();
    const raised = reconcileRuleFlags(null, [slip('2026-11-10')], T(11), newId).property;
    const next = reconcileRuleFlags(raised, [slip('2026-11-12')], T(16), newId);
    assert.equal(next.changed, true);
    assert.deepEqual(next.property.flags.map((f) => [f.id, f.facts, f.note]), [['r1', factsFingerprint('due|2026-11-12'), 'The due date 2026-11-12 has passed and the issue is not done.']]);
  });

  test('a flag dismissed before fingerprints existed stays down until its condition clears (as before)', () => {
    const legacy: Flag = {
      id: 'old', category: 'schedule-slip', severity: 'medium', note: 'x', clientVisible: false, source: 'rule:schedule-slip', raisedBy: 'rule', raisedAt: T(1).toISOString(),
      resolvedBy: 'pm', resolvedAt: T(2).toISOString(), resolution: 'ok', conditionKey: 'schedule-slip:due-date', suppressedUntilClear: true,
    };
    const next = reconcileRuleFlags(summarize([legacy], 0), [slip('2026-11-12')], T(16), ids());
    assert.deepEqual([next.changed, next.property.open], [false, 0]);
  });
});

describe('the rules switch and which rules are active', () => {
  const only = (...on: RuleId[]): FlagThresholds => ({ ...DEFAULT_THRESHOLDS, enabled: Object.fromEntries(RULE_IDS.map((id) => [id, on.includes(id)])) as Record<RuleId, boolean> });

  test('off: none; on: those enabled; the difference is what a save switches on', () => {
    assert.deepEqual(activeRules(false, DEFAULT_THRESHOLDS), []);
    assert.deepEqual(activeRules(true, only('stale', 'untested')), ['stale', 'untested']);
    assert.deepEqual(rulesSwitchedOn([], activeRules(true, only('stale'))), ['stale']);
    assert.deepEqual(rulesSwitchedOn(['stale', 'untested'], ['untested']), []);
    assert.deepEqual(rulesSwitchedOn(['untested'], ['stale', 'untested']), ['stale']);
    assert.deepEqual(activeRules(true, allRulesOff(DEFAULT_THRESHOLDS)), []);
    assert.equal(allRulesOff(DEFAULT_THRESHOLDS).staleBusinessDays, DEFAULT_THRESHOLDS.staleBusinessDays);
  });

  test('the project switch: as saved; a project saved before it existed keeps rules on; never saved: off', () => {
    assert.equal(redFlagRulesOn({ version: 0, stored: undefined }), false);
    assert.equal(redFlagRulesOn({ version: 3, stored: {} }), true);
    assert.equal(redFlagRulesOn({ version: 3, stored: { redFlagRules: { on: false } } }), false);
    assert.equal(redFlagRulesOn({ version: 1, stored: { redFlagRules: { on: true } } }), true);
    assert.deepEqual(parseStoredSettings({ redFlagRules: { on: true } }).redFlagRules, { on: true });
    assert.equal(parseStoredSettings({ redFlagRules: { on: 'yes' } }).redFlagRules, undefined);
    assert.deepEqual(mergeSettings(undefined, { redFlagRules: { on: true } }).settings.redFlagRules, { on: true });
    assert.equal(mergeSettings({ redFlagRules: { on: true } }, undefined).settings.redFlagRules, undefined, 'never inherited from the site');
  });

  test('the audit trail says when the rules are switched on or off', () => {
    const base = mergeSettings(undefined, undefined).settings;
    assert.deepEqual(diffSettings({ ...base, redFlagRules: { on: false } }, { ...base, redFlagRules: { on: true } }), [{ path: 'redFlagRules.on', summary: 'Red flag rules: switched on' }]);
    assert.deepEqual(diffSettings({ ...base, redFlagRules: { on: true } }, { ...base, redFlagRules: { on: false } }), [{ path: 'redFlagRules.on', summary: 'Red flag rules: switched off' }]);
    assert.deepEqual(diffSettings({ ...base, redFlagRules: { on: true } }, { ...base, redFlagRules: { on: true } }), []);
    assert.deepEqual(diffSettings({ ...base, redFlagRules: { on: true } }, base), [], 'a document without the switch says nothing about it');
  });
});

describe('the dry run, grouped per rule', () => {
  const flag = (id: string, rule: string, open = true): Flag => ({
    id, category: 'stale', severity: 'medium', note: `note ${id}`, clientVisible: false, source: rule === 'manual' ? 'manual' : `rule:${rule}`, raisedBy: 'rule',
    raisedAt: '2026-11-02T09:00:00.000Z', ...(open ? {} : { resolvedAt: '2026-11-03T09:00:00.000Z', resolvedBy: 'rule' }),
  });

  test('raised: rule flags open after and not before; cleared: open before, resolved after; manual flags never count', () => {
    const before = summarize([flag('a', 'stale'), flag('m', 'manual'), flag('b', 'untested')], 0);
    const after = summarize([flag('a', 'stale', false), flag('m', 'manual', false), flag('b', 'untested'), flag('c', 'schedule-slip'), flag('n', 'manual')], 0);
    const { raised, cleared } = ruleFlagChanges(before, after);
    assert.deepEqual(raised.map((f) => f.id), ['c']);
    assert.deepEqual(cleared.map((f) => f.id), ['a']);
  });

  test('per rule in the rules order, issues in key order (SHOP-9 before SHOP-10), at most N listed, counts whole', () => {
    const items: DryRunItem[] = [
      { issueKey: 'SHOP-10', summary: 'Ten', flag: flag('1', 'stale') },
      { issueKey: 'SHOP-9', summary: 'Nine', flag: flag('2', 'stale') },
      { issueKey: 'SHOP-3', summary: 'Three', flag: flag('3', 'schedule-slip') },
      { issueKey: 'SHOP-4', summary: 'Four', flag: flag('4', 'stale') },
    ];
    assert.deepEqual(groupByRule(items, 2), [
      { ruleId: 'schedule-slip', label: 'Schedule slip', count: 1, issues: [{ issueKey: 'SHOP-3', summary: 'Three', note: 'note 3' }] },
      { ruleId: 'stale', label: 'Stale', count: 3, issues: [{ issueKey: 'SHOP-4', summary: 'Four', note: 'note 4' }, { issueKey: 'SHOP-9', summary: 'Nine', note: 'note 2' }] },
    ]);
    const groups = groupByRule(items, 2);
    assert.equal(describeDryRun(groups, 0, 'on'), 'Turning this on would raise 4 flags: Schedule slip 1, Stale 3.');
    assert.equal(describeDryRun(groups, 2, 'change'), 'Saving these rules would raise 4 flags and clear 2 flags: Schedule slip 1, Stale 3.');
    assert.equal(describeDryRun([], 0, 'on'), 'Turning this on would raise no flags.');
    assert.equal(describeDryRun([], 1, 'off'), 'Turning this off would clear 1 flag and raise none.');
    assert.equal(describeDryRun(groupByRule(items.slice(2, 3), 5), 0, 'on'), 'Turning this on would raise 1 flag: Schedule slip 1.');
  });
});

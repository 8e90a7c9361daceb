import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { WorkCalendar } from '../../src/platform/domain/businessDays';
import type { ClientAsk } from '../../src/asks/domain/clientAsk';
import {
  DEFAULT_THRESHOLDS,
  FlagThresholdsSchema,
  ISSUE_RULE_IDS,
  RULE_IDS,
  evaluateChangeRequest,
  evaluateIssueRules,
  evaluateSprintScopeCreep,
  factsFingerprint,
  type FlagThresholds,
  type IssueFacts,
  type RuleId,
  type SprintFacts,
} from '../../src/flags/domain/flagRules';
import { type FlagsProperty } from '../../src/flags/domain/redFlags';
import { reconcileRuleFlags } from '../../src/flags/domain/ruleFlags';
import { fieldErrorsOf } from '../../src/platform/domain/fields';

// 2026-11-02 is a Monday. Working days Mon–Fri; Wednesday 2026-11-11 is a holiday.
const CAL: WorkCalendar = { workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: ['2026-11-11'] };
const CLIENT = '712020:client-po';

function thresholds(overrides: Partial<FlagThresholds> = {}): FlagThresholds {
  return { ...structuredClone(DEFAULT_THRESHOLDS), ...overrides };
}

function only(rule: RuleId, overrides: Partial<FlagThresholds> = {}): FlagThresholds {
  const enabled = Object.fromEntries(RULE_IDS.map((id) => [id, id === rule])) as Record<RuleId, boolean>;
  return thresholds({ ...overrides, enabled });
}

function without(rule: RuleId, overrides: Partial<FlagThresholds> = {}): FlagThresholds {
  const enabled = Object.fromEntries(RULE_IDS.map((id) => [id, id !== rule])) as Record<RuleId, boolean>;
  return thresholds({ ...overrides, enabled });
}

function issue(overrides: Partial<IssueFacts> = {}): IssueFacts {
  return {
    key: 'SHOP-1',
    statusCategory: 'indeterminate',
    statusName: 'In Progress',
    duedate: null,
    updated: '2026-11-02T10:00:00.000+0000',
    resolutiondate: null,
    labels: [],
    sprintHistory: [],
    linkedIssues: [],
    ask: null,
    ...overrides,
  };
}

function ask(overrides: Partial<ClientAsk> = {}): ClientAsk {
  return {
    client: CLIENT,
    ask: 'Please confirm the shipping zones',
    due: '2026-11-02',
    state: 'waiting',
    askedAt: '2026-10-28T09:00:00.000Z',
    askedBy: '712020:pm',
    round: 1,
    ...overrides,
  };
}

/** The condition keys that fire for `facts` on each day. */
function firingByDay(facts: IssueFacts, t: FlagThresholds, days: string[]): Record<string, string[]> {
  return Object.fromEntries(days.map((day) => [day, evaluateIssueRules(facts, t, CAL, day).map((f) => f.conditionKey)]));
}

describe('blocked on client: waiting ask overdue by MORE than N business days', () => {
  test('default N = 0: due Friday; Friday and the weekend are not past it by a business day, Monday is', () => {
    const facts = issue({ ask: ask({ due: '2026-11-06' }) });
    assert.deepEqual(firingByDay(facts, only('blocked-on-client'), ['2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09']), {
      '2026-11-05': [],
      '2026-11-06': [],
      '2026-11-07': [],
      '2026-11-08': [],
      '2026-11-09': [`blocked-on-client:${CLIENT}`],
    });
  });

  test('N = 2: due Monday; Tuesday (1) and Wednesday (2, exactly at N) do not fire, Thursday (3) does', () => {
    const facts = issue({ ask: ask({ due: '2026-11-02' }) });
    assert.deepEqual(firingByDay(facts, only('blocked-on-client', { blockedOnClientDays: 2 }), ['2026-11-03', '2026-11-04', '2026-11-05']), {
      '2026-11-03': [],
      '2026-11-04': [],
      '2026-11-05': [`blocked-on-client:${CLIENT}`],
    });
  });

  test('a holiday is not counted: due Monday 9th, N = 2, Wednesday 11th is a holiday — Thursday is at N, Friday past it', () => {
    const facts = issue({ ask: ask({ due: '2026-11-09' }) });
    assert.deepEqual(firingByDay(facts, only('blocked-on-client', { blockedOnClientDays: 2 }), ['2026-11-12', '2026-11-13']), {
      '2026-11-12': [],
      '2026-11-13': [`blocked-on-client:${CLIENT}`],
    });
  });

  test('the finding: high, client-visible, names the due date but neither the ask (every client of the project sees the flag) nor an account id', () => {
    const [finding] = evaluateIssueRules(issue({ ask: ask() }), only('blocked-on-client'), CAL, '2026-11-05');
    assert.deepEqual(
      { ...finding, note: undefined },
      // The facts: who is asked, in which round, due when (FNV-1a of "ask|<client>|1|2026-11-02").
      { ruleId: 'blocked-on-client', conditionKey: `blocked-on-client:${CLIENT}`, category: 'blocked-on-client', severity: 'high', note: undefined, clientVisible: true, facts: factsFingerprint(`ask|${CLIENT}|1|2026-11-02`) },
    );
    assert.equal(finding.note, 'Waiting on the client: an ask was due 2026-11-02 and is still unanswered.');
    assert.ok(!finding.note.includes('shipping zones'), finding.note);
    assert.ok(!finding.note.includes(CLIENT), finding.note);
  });

  test('only a waiting ask blocks: answered, accepted, withdrawn or no ask never fire, however late', () => {
    for (const state of ['answered', 'accepted', 'withdrawn'] as const) {
      assert.deepEqual(evaluateIssueRules(issue({ ask: ask({ state }) }), only('blocked-on-client'), CAL, '2026-12-31'), [], state);
    }
    assert.deepEqual(evaluateIssueRules(issue({ ask: null }), only('blocked-on-client'), CAL, '2026-12-31'), []);
    // A client who asked for more information is still being waited on.
    assert.equal(evaluateIssueRules(issue({ ask: ask({ infoRequestedAt: '2026-11-03T09:00:00.000Z', infoRequest: '?' }) }), only('blocked-on-client'), CAL, '2026-11-05').length, 1);
  });

  test('switched off: nothing, however late', () => {
    const fresh = issue({ ask: ask(), updated: '2026-12-31T08:00:00.000Z' });
    assert.deepEqual(evaluateIssueRules(fresh, without('blocked-on-client'), CAL, '2026-12-31'), []);
    assert.equal(evaluateIssueRules(fresh, DEFAULT_THRESHOLDS, CAL, '2026-12-31').length, 1, 'the same facts fire with the rule on');
  });
});

describe('schedule slip: due date strictly passed, or carried over N or more sprints', () => {
  test('due Thursday: Wednesday and Thursday itself do not fire; Friday does (calendar days, so Saturday too)', () => {
    const facts = issue({ duedate: '2026-11-05' });
    assert.deepEqual(firingByDay(facts, only('schedule-slip'), ['2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']), {
      '2026-11-04': [],
      '2026-11-05': [],
      '2026-11-06': ['schedule-slip:due-date'],
      '2026-11-07': ['schedule-slip:due-date'],
    });
  });

  test('a done issue never slips; an issue with no due date does not slip by date', () => {
    assert.deepEqual(evaluateIssueRules(issue({ duedate: '2026-10-01', statusCategory: 'done', labels: ['tested'] }), only('schedule-slip'), CAL, '2026-11-05'), []);
    assert.deepEqual(evaluateIssueRules(issue({ duedate: null }), only('schedule-slip'), CAL, '2026-11-05'), []);
    // Not started yet but past due: still a slip.
    assert.equal(evaluateIssueRules(issue({ duedate: '2026-11-01', statusCategory: 'new' }), only('schedule-slip'), CAL, '2026-11-05').length, 1);
  });

  test('N = 2 carry-overs: one closed sprint does not fire, exactly two do, three do; future sprints do not count', () => {
    const t = only('schedule-slip');
    const carried = (states: Array<'future' | 'active' | 'closed'>) =>
      evaluateIssueRules(issue({ sprintHistory: states.map((state, i) => ({ id: i + 1, state })) }), t, CAL, '2026-11-05').map((f) => f.conditionKey);
    assert.deepEqual(carried(['closed', 'active']), []);
    assert.deepEqual(carried(['closed', 'closed', 'active']), ['schedule-slip:carried-over']);
    assert.deepEqual(carried(['closed', 'closed', 'closed']), ['schedule-slip:carried-over']);
    assert.deepEqual(carried(['closed', 'active', 'future', 'future']), []);
  });

  test('N = 3: two closed sprints do not fire, three do; the note says how many', () => {
    const t = only('schedule-slip', { carriedOverSprints: 3 });
    const two = issue({ sprintHistory: [1, 2].map((id) => ({ id, state: 'closed' as const })) });
    const three = issue({ sprintHistory: [1, 2, 3].map((id) => ({ id, state: 'closed' as const })) });
    assert.deepEqual(evaluateIssueRules(two, t, CAL, '2026-11-05'), []);
    const [finding] = evaluateIssueRules(three, t, CAL, '2026-11-05');
    assert.equal(finding.note, 'Carried over 3 sprints without being done.');
    assert.deepEqual([finding.category, finding.severity, finding.clientVisible], ['schedule-slip', 'medium', false]);
  });

  test('both conditions at once are two flags (two conditions), a done issue neither', () => {
    const facts = issue({ duedate: '2026-11-01', sprintHistory: [1, 2].map((id) => ({ id, state: 'closed' as const })) });
    assert.deepEqual(
      evaluateIssueRules(facts, only('schedule-slip'), CAL, '2026-11-05').map((f) => f.conditionKey),
      ['schedule-slip:due-date', 'schedule-slip:carried-over'],
    );
    assert.deepEqual(evaluateIssueRules({ ...facts, statusCategory: 'done' }, only('schedule-slip'), CAL, '2026-11-05'), []);
  });

  test('switched off: nothing', () => {
    const facts = issue({ duedate: '2026-11-01', sprintHistory: [1, 2].map((id) => ({ id, state: 'closed' as const })) });
    assert.deepEqual(evaluateIssueRules(facts, without('schedule-slip'), CAL, '2026-11-05'), []);
    assert.equal(evaluateIssueRules(facts, DEFAULT_THRESHOLDS, CAL, '2026-11-05').length, 2, 'the same facts fire with the rule on');
  });
});

describe('stale: in progress with no update for AT LEAST N business days', () => {
  test('N = 5, updated Monday 2nd: Friday is 4 days (no), Monday 9th is exactly 5 (fires), Tuesday 6 (fires)', () => {
    const facts = issue({ updated: '2026-11-02T15:30:00.000+0000' });
    assert.deepEqual(firingByDay(facts, only('stale'), ['2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09', '2026-11-10']), {
      '2026-11-06': [],
      '2026-11-07': [],
      '2026-11-08': [],
      '2026-11-09': ['stale'],
      '2026-11-10': ['stale'],
    });
  });

  test('the update date is the UTC date of the instant (23:30 at -05:00 on the 2nd is the 3rd)', () => {
    const facts = issue({ updated: '2026-11-02T23:30:00.000-0500' });
    assert.deepEqual(firingByDay(facts, only('stale'), ['2026-11-09', '2026-11-10']), { '2026-11-09': [], '2026-11-10': ['stale'] });
  });

  test('N = 2 across the holiday: updated Monday 9th; Tuesday 1, Wednesday (holiday) still 1, Thursday 2 fires', () => {
    const facts = issue({ updated: '2026-11-09T08:00:00.000Z' });
    assert.deepEqual(firingByDay(facts, only('stale', { staleBusinessDays: 2 }), ['2026-11-10', '2026-11-11', '2026-11-12']), {
      '2026-11-10': [],
      '2026-11-11': [],
      '2026-11-12': ['stale'],
    });
  });

  test('only in-progress issues go stale; the note names the status and the last update', () => {
    for (const statusCategory of ['new', 'done'] as const) {
      assert.deepEqual(evaluateIssueRules(issue({ statusCategory, labels: ['tested'] }), only('stale'), CAL, '2026-12-31'), [], statusCategory);
    }
    const [finding] = evaluateIssueRules(issue({ statusName: 'In Review' }), only('stale'), CAL, '2026-11-09');
    assert.deepEqual([finding.category, finding.severity, finding.clientVisible], ['stale', 'medium', false]);
    assert.equal(finding.note, 'In progress (In Review) with no update since 2026-11-02.');
  });

  test('switched off: nothing', () => {
    assert.deepEqual(evaluateIssueRules(issue(), without('stale'), CAL, '2026-12-31'), []);
    assert.equal(evaluateIssueRules(issue(), DEFAULT_THRESHOLDS, CAL, '2026-12-31').length, 1, 'the same facts fire with the rule on');
  });
});

describe('untested: done without the test evidence', () => {
  test('label evidence (default "tested", any case)', () => {
    const t = only('untested');
    assert.deepEqual(evaluateIssueRules(issue({ statusCategory: 'done', labels: ['frontend', 'tested'] }), t, CAL, '2026-11-05'), []);
    assert.deepEqual(evaluateIssueRules(issue({ statusCategory: 'done', labels: ['Tested'] }), t, CAL, '2026-11-05'), []);
    const [finding] = evaluateIssueRules(issue({ statusCategory: 'done', labels: ['tested-later'] }), t, CAL, '2026-11-05');
    assert.deepEqual(
      finding,
      {
        ruleId: 'untested',
        conditionKey: 'untested',
        category: 'untested-functionality',
        severity: 'high',
        note: 'Done without test evidence (expected the label "tested").',
        clientVisible: false,
        // No resolution date in these facts: the status it is done in.
        facts: factsFingerprint('untested|In Progress'),
      },
    );
  });

  test('only done issues: the same issue in progress or new does not fire', () => {
    for (const statusCategory of ['new', 'indeterminate'] as const) {
      assert.deepEqual(evaluateIssueRules(issue({ statusCategory }), only('untested'), CAL, '2026-11-05'), [], statusCategory);
    }
  });

  test('link evidence with an issue type: the link type AND the linked issue type must match, either direction', () => {
    const t = only('untested', { testEvidence: { kind: 'link', linkType: 'Tests', issueType: 'Test' } });
    const done = (links: IssueFacts['linkedIssues']) => evaluateIssueRules(issue({ statusCategory: 'done', linkedIssues: links }), t, CAL, '2026-11-05').length;
    assert.equal(done([{ linkType: 'Tests', direction: 'inward', issueType: 'Test' }]), 0);
    assert.equal(done([{ linkType: 'tests', direction: 'outward', issueType: 'test' }]), 0);
    assert.equal(done([{ linkType: 'Tests', direction: 'inward', issueType: 'Bug' }]), 1);
    assert.equal(done([{ linkType: 'Relates', direction: 'inward', issueType: 'Test' }]), 1);
    assert.equal(done([]), 1);
  });

  test('link evidence without an issue type: any issue linked with that type', () => {
    const t = only('untested', { testEvidence: { kind: 'link', linkType: 'Tests' } });
    assert.equal(evaluateIssueRules(issue({ statusCategory: 'done', linkedIssues: [{ linkType: 'Tests', direction: 'inward', issueType: 'Task' }] }), t, CAL, '2026-11-05').length, 0);
    assert.match(evaluateIssueRules(issue({ statusCategory: 'done' }), t, CAL, '2026-11-05')[0].note, /a "Tests" link\)/);
  });

  test('a label does not count when the project asks for a link', () => {
    const t = only('untested', { testEvidence: { kind: 'link', linkType: 'Tests' } });
    assert.equal(evaluateIssueRules(issue({ statusCategory: 'done', labels: ['tested'] }), t, CAL, '2026-11-05').length, 1);
  });

  test('switched off: nothing', () => {
    assert.deepEqual(evaluateIssueRules(issue({ statusCategory: 'done' }), without('untested'), CAL, '2026-11-05'), []);
    assert.equal(evaluateIssueRules(issue({ statusCategory: 'done' }), DEFAULT_THRESHOLDS, CAL, '2026-11-05').length, 1, 'the same facts fire with the rule on');
  });
});

describe('evaluateIssueRules', () => {
  test('all issue rules together, in a fixed order', () => {
    const facts = issue({ ask: ask(), duedate: '2026-11-01', sprintHistory: [1, 2].map((id) => ({ id, state: 'closed' as const })) });
    assert.deepEqual(
      evaluateIssueRules(facts, DEFAULT_THRESHOLDS, CAL, '2026-11-09').map((f) => f.ruleId),
      ['blocked-on-client', 'schedule-slip', 'schedule-slip', 'stale'],
    );
  });

  test('every rule switched off: nothing', () => {
    const facts = issue({ ask: ask(), duedate: '2026-11-01' });
    const off = thresholds({ enabled: Object.fromEntries(RULE_IDS.map((id) => [id, false])) as Record<RuleId, boolean> });
    assert.deepEqual(evaluateIssueRules(facts, off, CAL, '2026-11-09'), []);
    assert.deepEqual(evaluateIssueRules({ ...facts, statusCategory: 'done' }, off, CAL, '2026-11-09'), []);
  });

  test('a malformed today is a programming error', () => {
    assert.throws(() => evaluateIssueRules(issue(), DEFAULT_THRESHOLDS, CAL, '09.11.2026'), RangeError);
  });

  test('the issue rules are the ones it covers', () => {
    assert.deepEqual([...ISSUE_RULE_IDS], ['blocked-on-client', 'schedule-slip', 'stale', 'untested']);
  });
});

describe('scope creep: added work strictly BEYOND X% of the commitment', () => {
  function sprint(committedAtStart: number, addedAfterStart: number): SprintFacts {
    return {
      id: 7,
      name: 'Sprint 7',
      startDate: '2026-11-02T09:00:00.000Z',
      committedAtStart,
      addedAfterStart,
      addedAfterStartKeys: Array.from({ length: addedAfterStart }, (_, i) => `SHOP-${100 + i}`),
    };
  }

  test('X = 20 with 10 committed: 1 added (10%) no, 2 added (20%, exactly X) no, 3 added (30%) yes', () => {
    const t = DEFAULT_THRESHOLDS;
    assert.deepEqual(evaluateSprintScopeCreep(sprint(10, 1), t), { percent: 10, breached: false, findingsByIssue: {} });
    assert.deepEqual(evaluateSprintScopeCreep(sprint(10, 2), t), { percent: 20, breached: false, findingsByIssue: {} });
    const over = evaluateSprintScopeCreep(sprint(10, 3), t);
    assert.equal(over.percent, 30);
    assert.equal(over.breached, true);
    // One flag for the sprint, on the first issue added, naming all three.
    assert.deepEqual(Object.keys(over.findingsByIssue), ['SHOP-100']);
    assert.deepEqual(over.findingsByIssue['SHOP-100'], {
      ruleId: 'scope-creep',
      conditionKey: 'scope-creep:7',
      category: 'scope-creep',
      severity: 'medium',
      note: 'Sprint "Sprint 7" grew by 3 issues after it started, 30% of the 10 committed (above 20%): SHOP-100, SHOP-101, SHOP-102.',
      clientVisible: false,
      facts: factsFingerprint('scope|SHOP-100,SHOP-101,SHOP-102'),
    });
  });

  test('X = 20 with 100 committed: 19 and 20 no, 21 yes (whole-number comparison, no rounding)', () => {
    assert.equal(evaluateSprintScopeCreep(sprint(100, 19), DEFAULT_THRESHOLDS).breached, false);
    assert.equal(evaluateSprintScopeCreep(sprint(100, 20), DEFAULT_THRESHOLDS).breached, false);
    assert.equal(evaluateSprintScopeCreep(sprint(100, 21), DEFAULT_THRESHOLDS).breached, true);
  });

  test('percent has one decimal; X = 0 fires on the first added issue', () => {
    assert.equal(evaluateSprintScopeCreep(sprint(3, 1), DEFAULT_THRESHOLDS).percent, 33.3);
    const zero = thresholds({ scopeCreepPercent: 0 });
    assert.equal(evaluateSprintScopeCreep(sprint(10, 0), zero).breached, false);
    assert.equal(evaluateSprintScopeCreep(sprint(10, 1), zero).breached, true);
  });

  test('a sprint that started empty measures against one issue', () => {
    assert.deepEqual(evaluateSprintScopeCreep(sprint(0, 0), DEFAULT_THRESHOLDS), { percent: 0, breached: false, findingsByIssue: {} });
    const added = evaluateSprintScopeCreep(sprint(0, 2), DEFAULT_THRESHOLDS);
    assert.deepEqual([added.percent, added.breached, Object.keys(added.findingsByIssue).length], [200, true, 1]);
  });

  test('switched off: the fact is still reported, but no findings', () => {
    const off = evaluateSprintScopeCreep(sprint(10, 5), without('scope-creep'));
    assert.deepEqual(off, { percent: 50, breached: true, findingsByIssue: {} });
  });

  test('impossible counts are refused', () => {
    assert.throws(() => evaluateSprintScopeCreep(sprint(-1, 0), DEFAULT_THRESHOLDS), RangeError);
    assert.throws(() => evaluateSprintScopeCreep({ ...sprint(10, 0), addedAfterStart: 1.5 }, DEFAULT_THRESHOLDS), RangeError);
  });
});

describe('change request unacknowledged: MORE than N business days since it was logged', () => {
  const cr = { key: 'SHOP-200', loggedAt: '2026-11-02T16:00:00.000Z', acknowledgedAt: null };

  test('N = 2, logged Monday: Tuesday (1) and Wednesday (2, the last promised day) no; Thursday (3) yes', () => {
    const fired = (today: string) => evaluateChangeRequest(cr, DEFAULT_THRESHOLDS, CAL, today).map((f) => f.conditionKey);
    assert.deepEqual(fired('2026-11-03'), []);
    assert.deepEqual(fired('2026-11-04'), []);
    assert.deepEqual(fired('2026-11-05'), ['change-unacknowledged:SHOP-200']);
  });

  test('N = 2, logged Friday: the weekend does not count; Tuesday is at N, Wednesday 11th is a holiday, Thursday is past', () => {
    const friday = { ...cr, loggedAt: '2026-11-06T12:00:00.000Z' };
    const fired = (today: string) => evaluateChangeRequest(friday, DEFAULT_THRESHOLDS, CAL, today).length;
    assert.deepEqual(['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12'].map(fired), [0, 0, 0, 1]);
  });

  test('N = 0: the same day is fine, the next business day is late', () => {
    const t = thresholds({ changeAckBusinessDays: 0 });
    assert.equal(evaluateChangeRequest(cr, t, CAL, '2026-11-02').length, 0);
    const [finding] = evaluateChangeRequest(cr, t, CAL, '2026-11-03');
    assert.deepEqual([finding.category, finding.severity, finding.clientVisible], ['change-unacknowledged', 'high', false]);
    assert.equal(finding.note, 'Change request SHOP-200 logged 2026-11-02 is not acknowledged within the promised 0 business days.');
  });

  test('acknowledged (even late) or switched off: nothing', () => {
    assert.deepEqual(evaluateChangeRequest({ ...cr, acknowledgedAt: '2026-11-20T09:00:00.000Z' }, DEFAULT_THRESHOLDS, CAL, '2026-12-01'), []);
    assert.deepEqual(evaluateChangeRequest(cr, without('change-unacknowledged'), CAL, '2026-12-01'), []);
    assert.equal(evaluateChangeRequest(cr, DEFAULT_THRESHOLDS, CAL, '2026-12-01').length, 1, 'the same facts fire with the rule on');
  });
});

describe('FlagThresholdsSchema', () => {
  test('the defaults are valid', () => {
    assert.deepEqual(FlagThresholdsSchema.parse(DEFAULT_THRESHOLDS), DEFAULT_THRESHOLDS);
    assert.deepEqual(DEFAULT_THRESHOLDS, {
      blockedOnClientDays: 0,
      staleBusinessDays: 5,
      carriedOverSprints: 2,
      scopeCreepPercent: 20,
      changeAckBusinessDays: 2,
      testEvidence: { kind: 'label', label: 'tested' },
      enabled: { 'blocked-on-client': true, 'schedule-slip': true, stale: true, untested: true, 'scope-creep': true, 'change-unacknowledged': true },
    });
  });

  test('field-level messages', () => {
    const bad = {
      ...structuredClone(DEFAULT_THRESHOLDS),
      staleBusinessDays: 0,
      carriedOverSprints: 1.5,
      scopeCreepPercent: 'lots',
      testEvidence: { kind: 'label', label: 'needs qa' },
      enabled: { ...DEFAULT_THRESHOLDS.enabled, stale: undefined },
    };
    const result = FlagThresholdsSchema.safeParse(bad);
    assert.equal(result.success, false);
    const fields = result.success ? {} : fieldErrorsOf(result.error.issues);
    assert.deepEqual(fields, {
      staleBusinessDays: 'Enter 1 or more',
      carriedOverSprints: 'Enter a whole number of sprints',
      scopeCreepPercent: 'Enter a number of percent',
      'testEvidence.label': 'A Jira label cannot contain spaces',
      'enabled.stale': 'Stale: on or off must be yes or no',
    });
  });

  test('link evidence needs a link type; the issue type is optional', () => {
    const link = FlagThresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, testEvidence: { kind: 'link', linkType: '  ' } });
    assert.equal(link.success, false);
    assert.deepEqual(link.success ? {} : fieldErrorsOf(link.error.issues), { 'testEvidence.linkType': 'Link type is required' });
    assert.equal(FlagThresholdsSchema.safeParse({ ...DEFAULT_THRESHOLDS, testEvidence: { kind: 'link', linkType: 'Tests' } }).success, true);
  });
});

describe('rules feeding reconcileRuleFlags, day by day', () => {
  test('a stale flag appears at the threshold, goes when the issue is updated; a due-date slip clears when done', () => {
    let n = 0;
    const newId = () => `r${++n}`;
    const run = (facts: IssueFacts, today: string, p: FlagsProperty | null) =>
      reconcileRuleFlags(p, evaluateIssueRules(facts, DEFAULT_THRESHOLDS, CAL, today), new Date(`${today}T06:00:00.000Z`), newId, { evaluated: ISSUE_RULE_IDS });
    const facts = issue({ duedate: '2026-11-06', labels: ['tested'] });
    let p = run(facts, '2026-11-06', null).property;
    assert.equal(p.open, 0);
    p = run(facts, '2026-11-09', p).property;
    assert.deepEqual(
      p.flags.map((f) => [f.conditionKey, f.resolvedAt ?? null]),
      [
        ['schedule-slip:due-date', null],
        ['stale', null],
      ],
    );
    const rerun = run(facts, '2026-11-09', p);
    assert.equal(rerun.changed, false);
    p = run({ ...facts, updated: '2026-11-10T08:00:00.000Z' }, '2026-11-10', p).property;
    assert.deepEqual(
      p.flags.filter((f) => f.resolvedAt === undefined).map((f) => f.conditionKey),
      ['schedule-slip:due-date'],
    );
    p = run({ ...facts, statusCategory: 'done', updated: '2026-11-10T08:00:00.000Z' }, '2026-11-10', p).property;
    assert.equal(p.open, 0);
    assert.deepEqual(
      p.flags.map((f) => f.resolvedBy),
      ['rule', 'rule'],
    );
  });
});

import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { toFlagIssue } from '../../src/flags/jira/flagIssues';
import { joinedAfterStart, sprintFactsOf, type ActiveSprint } from '../../src/flags/jira/sprintFacts';

const IDS = { askFieldId: 'customfield_10100', sprintFieldId: 'customfield_10020' };

function jiraIssue(key: string, fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return { id: '1', key, fields: { summary: `Summary of ${key}`, project: { key: 'SHOP' }, status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, updated: '2026-11-20T10:00:00.000+0000', created: '2026-11-01T09:00:00.000+0000', ...fields }, ...extra };
}

describe('toFlagIssue: Jira JSON to rule facts', () => {
  test('status category, dates, labels, sprints in order, links with their direction and issue type; the ask field kept only to be checked', () => {
    const issue = toFlagIssue(
      jiraIssue('SHOP-1', {
        duedate: '2026-11-30',
        labels: ['tested', 7],
        customfield_10020: [{ id: 3, name: 'S3', state: 'closed' }, { id: 4, name: 'S4', state: 'active' }, { name: 'no id' }],
        issuelinks: [
          { type: { name: 'Tests' }, outwardIssue: { key: 'SHOP-9', fields: { issuetype: { name: 'Test' } } } },
          { type: { name: 'Blocks' }, inwardIssue: { key: 'SHOP-8', fields: { issuetype: { name: 'Bug' } } } },
          { type: { name: 'Broken' } },
        ],
        customfield_10100: { client: 'c-1', state: 'waiting', due: '2026-11-25', round: 1 },
      }, { properties: { 'liaison-flags': { flags: [{ id: 'f1', category: 'other', severity: 'low', note: 'n', clientVisible: false, source: 'manual', raisedBy: 'a', raisedAt: '2026-11-20T10:00:00.000Z' }] } } }),
      IDS,
    );
    assert.equal(issue.projectKey, 'SHOP');
    assert.equal(issue.summary, 'Summary of SHOP-1');
    assert.deepEqual(issue.facts.sprintHistory, [{ id: 3, state: 'closed' }, { id: 4, state: 'active' }]);
    assert.deepEqual(issue.facts.labels, ['tested']);
    assert.deepEqual(issue.facts.linkedIssues, [
      { linkType: 'Tests', direction: 'outward', issueType: 'Test' },
      { linkType: 'Blocks', direction: 'inward', issueType: 'Bug' },
    ]);
    assert.equal(issue.facts.statusCategory, 'indeterminate');
    // The rules read the ask from its record (withRecordAsks), never from Jira's field.
    assert.equal(issue.facts.ask, null);
    assert.deepEqual(issue.askField, { client: 'c-1', state: 'waiting', due: '2026-11-25', round: 1 });
    // The property is kept as Jira holds it, to be checked against the record; the flags come from the record only.
    assert.equal(issue.flags.open, 0);
    assert.ok(issue.property !== undefined);
  });

  test('no property reads as no flags; an unknown status category reads as new; no ask field on the site, no ask', () => {
    const issue = toFlagIssue(jiraIssue('SHOP-2', { status: { name: 'Odd' }, customfield_10100: { client: 'x' } }), { askFieldId: null, sprintFieldId: null });
    assert.equal(issue.flags.open, 0);
    assert.equal(issue.facts.statusCategory, 'new');
    assert.equal(issue.facts.ask, null);
    assert.equal(issue.askField, null);
    assert.deepEqual(issue.facts.sprintHistory, []);
  });

  test('an issue without its project is Jira answering wrongly, not an empty project', () => {
    assert.throws(() => toFlagIssue({ id: '3', key: 'SHOP-3', fields: {} }, IDS), /without its project/);
  });
});

describe('sprint scope: what joined a sprint after it started', () => {
  const sprint: ActiveSprint = { id: 4, name: 'S4', startDate: '2026-11-16T10:00:00.000Z' };
  const history = (created: string, from: string | null, to: string | null) => ({ created, items: [{ field: 'Sprint', fieldId: 'customfield_10020', from, to }] });

  test('committed before the start; created after it; moved in after it; moved in before it; moved between other sprints', () => {
    const issues = [
      toFlagIssue(jiraIssue('SHOP-1', { created: '2026-11-10T09:00:00.000+0000' }), IDS),
      toFlagIssue(jiraIssue('SHOP-2', { created: '2026-11-17T09:00:00.000+0000' }), IDS),
      { ...toFlagIssue(jiraIssue('SHOP-3', { created: '2026-11-01T09:00:00.000+0000' }), IDS), changelog: [history('2026-11-18T09:00:00.000+0000', '3', '3, 4')] },
      { ...toFlagIssue(jiraIssue('SHOP-4', { created: '2026-11-01T09:00:00.000+0000' }), IDS), changelog: [history('2026-11-16T09:00:00.000+0000', null, '4')] },
      { ...toFlagIssue(jiraIssue('SHOP-5', { created: '2026-11-01T09:00:00.000+0000' }), IDS), changelog: [history('2026-11-18T09:00:00.000+0000', '4', '4, 5')] },
    ];
    assert.deepEqual(issues.map((i) => joinedAfterStart(i, sprint, IDS.sprintFieldId)), [false, true, true, false, false]);
    assert.deepEqual(sprintFactsOf(sprint, issues, IDS.sprintFieldId), {
      id: 4,
      name: 'S4',
      startDate: '2026-11-16T10:00:00.000Z',
      committedAtStart: 3,
      addedAfterStart: 2,
      addedAfterStartKeys: ['SHOP-2', 'SHOP-3'],
    });
  });
});

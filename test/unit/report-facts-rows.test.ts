/**
 * Jira's JSON as report generation keeps it (src/reports/jira/reportFactsRows.ts) and the sprints and
 * scope it reads (src/reports/jira/reportFacts.ts): shapes as Jira Cloud answers them, including the
 * awkward ones (Sprint changes named only by field name, a done issue without a resolution date,
 * a property written by hand).
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { relevantSprints, scopeClause, type ReportScope } from '../../src/reports/jira/reportFacts';
import { embeddedWorklogs, sprintIdsIn, toIssueRow, type ReportFieldIds } from '../../src/reports/jira/reportFactsRows';
import type { SprintInfo } from '../../src/platform/jira/sprints';

const IDS: ReportFieldIds = { storyPointsFieldId: 'customfield_10016', sprintFieldId: 'customfield_10020', askFieldId: 'customfield_10050', askFieldName: 'Client assignee' };

test('an issue row: kind, points, parent epic, done instant, sprint history', () => {
  const row = toIssueRow(
    {
      key: 'P-7',
      fields: {
        summary: 'Checkout copy',
        issuetype: { name: 'Story', subtask: false, hierarchyLevel: 0 },
        status: { name: 'Done', statusCategory: { key: 'done' } },
        created: '2026-11-02T09:00:00.000+0000',
        resolutiondate: null,
        statuscategorychangedate: '2026-11-12T15:00:00.000+0000',
        duedate: '2026-11-13',
        parent: { key: 'P-1', fields: { issuetype: { name: 'Epic', hierarchyLevel: 1 } } },
        customfield_10016: 3,
        customfield_10020: [{ id: 1, name: 'S1' }, { id: 2, name: 'S2' }],
      },
      changelog: {
        histories: [
          { created: '2026-11-09T18:00:00.000+0000', items: [{ field: 'Sprint', from: '1', to: '1, 2' }] },
          { created: '2026-11-03T10:00:00.000+0000', items: [{ field: 'status', from: '1', to: '3' }, { fieldId: 'customfield_10020', from: '', to: '1' }] },
        ],
      },
    },
    IDS,
  );
  assert.equal(row.kind, 'standard');
  assert.equal(row.points, 3);
  assert.equal(row.parentKey, 'P-1');
  assert.equal(row.parentIsEpic, true);
  // No resolution date: the status category change is when it became done.
  assert.equal(row.doneAt, '2026-11-12T15:00:00.000+0000');
  assert.deepEqual(row.sprintIds, [1, 2]);
  // Oldest first; the status change is ignored.
  assert.deepEqual(row.sprintChanges, [
    { at: '2026-11-03T10:00:00.000+0000', from: [], to: [1] },
    { at: '2026-11-09T18:00:00.000+0000', from: [1], to: [1, 2] },
  ]);
  assert.equal(row.ask, null);
  assert.deepEqual(row.flags, []);
  assert.equal(row.change, null);
});

test('epics, sub-tasks; Liaison properties are never read as flags or change requests (those come from the records)', () => {
  const epic = toIssueRow({ key: 'P-1', fields: { issuetype: { name: 'Epic', hierarchyLevel: 1 }, status: { statusCategory: { key: 'indeterminate' } }, created: '2026-10-01T00:00:00.000+0000' } }, IDS);
  assert.equal(epic.kind, 'epic');
  assert.equal(epic.doneAt, null);
  assert.equal(epic.points, null);
  const sub = toIssueRow(
    { key: 'P-9', fields: { issuetype: { name: 'Sub-task', subtask: true, hierarchyLevel: -1 }, status: { statusCategory: { key: 'new' } }, created: '2026-10-01T00:00:00.000+0000', parent: { key: 'P-7', fields: { issuetype: { hierarchyLevel: 0 } } } }, properties: { 'liaison-flags': 'garbage', 'liaison-change': { step: 'nonsense' } } },
    IDS,
  );
  assert.equal(sub.kind, 'subtask');
  assert.equal(sub.parentIsEpic, false);
  assert.deepEqual(sub.flags, []);
  assert.equal(sub.change, null);
  const change = toIssueRow(
    { key: 'P-3', fields: { issuetype: { name: 'Change request', hierarchyLevel: 0 }, status: { statusCategory: { key: 'done' } }, created: '2026-10-01T00:00:00.000+0000' }, properties: { 'liaison-change': { schema: 1, step: 'approved', requestedBy: 'a', requestedAt: '2026-11-01T00:00:00Z', raisedVia: 'portal', implementationKeys: [] } } },
    IDS,
  );
  assert.equal(change.change, null, 'a planted or old liaison-change is not a change request');
});

test('worklogs Jira embedded, and whether they were all of them', () => {
  const w = (id: number) => ({ id: String(id), author: { accountId: 'u1' }, started: '2026-11-10T09:00:00.000+0000', timeSpentSeconds: 600 });
  assert.deepEqual(embeddedWorklogs('P-1', { worklog: { total: 2, maxResults: 20, worklogs: [w(1), w(2)] } }), {
    worklogs: [{ issueKey: 'P-1', author: 'u1', started: '2026-11-10T09:00:00.000+0000', seconds: 600 }, { issueKey: 'P-1', author: 'u1', started: '2026-11-10T09:00:00.000+0000', seconds: 600 }],
    complete: true,
  });
  assert.equal(embeddedWorklogs('P-1', { worklog: { total: 21, maxResults: 20, worklogs: Array.from({ length: 20 }, (_, i) => w(i)) } }).complete, false);
  assert.deepEqual(sprintIdsIn('12, 14'), [12, 14]);
  assert.deepEqual(sprintIdsIn(null), []);
});

const scope: ReportScope = { projectKey: 'P', period: { from: '2026-11-09', to: '2026-11-15' }, previous: { from: '2026-11-02', to: '2026-11-08' }, next: { from: '2026-11-16', to: '2026-11-22' } };

test('the sprints a report reads: those of the three weeks, the last closed ones, the next future one', () => {
  const closed = (id: number, start: string, end: string): SprintInfo => ({ id, name: `S${id}`, state: 'closed', startDate: `${start}T09:00:00.000Z`, endDate: `${end}T17:00:00.000Z`, completeDate: `${end}T17:00:00.000Z` });
  const sprints: SprintInfo[] = [
    ...Array.from({ length: 8 }, (_, i) => closed(i + 1, `2026-0${1 + Math.floor(i / 2)}-0${1 + (i % 2) * 5}`, `2026-0${1 + Math.floor(i / 2)}-0${4 + (i % 2) * 5}`)),
    closed(9, '2026-11-09', '2026-11-13'),
    { id: 10, name: 'S10', state: 'active', startDate: '2026-11-16T09:00:00.000Z', endDate: '2026-11-27T17:00:00.000Z' },
    { id: 12, name: 'S12', state: 'future' },
    { id: 11, name: 'S11', state: 'future', startDate: '2026-11-30T09:00:00.000Z' },
  ];
  // S9 and S10 overlap 2026-11-02..22; the six latest closed by 11-15 are S9, S8..S4; the next future one is S11.
  assert.deepEqual(relevantSprints(sprints, scope).map((s) => s.id), [4, 5, 6, 7, 8, 9, 10, 11]);
});

test('the scope JQL names the project, open work, recent changes, the sprints, open flags and asks', () => {
  const clause = scopeClause(scope, [{ id: 4, name: 'S4', state: 'closed' }, { id: 9, name: 'S9', state: 'closed' }], IDS);
  assert.equal(
    clause,
    '(statusCategory != Done OR updated >= "2026-11-02" OR resolved >= "2026-11-02" OR issue.property[liaison-flags].total > 0 OR sprint in (4, 9) OR "Client assignee.state" in (waiting, answered))',
  );
  assert.ok(!scopeClause(scope, [], { ...IDS, askFieldName: null }).includes('sprint in'));
});

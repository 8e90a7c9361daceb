import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_PROJECT_KEY, DEMO_USERS, OTHER_PROJECT_KEY } from '../../local/demo/site';
import { ROLE_IDS, STATUS_IDS } from '../../local/demo/siteConfig';
import { APP_ACCOUNT_ID, SPRINT_FIELD, STORY_POINTS_FIELD, type SiteData } from '../../local/jira/model';
import { siteProblems } from './demo-site-checks';
import { CHANGE_REQUEST_TYPE_ID, demoChangeStorage } from '../../local/demo/changeRequests';
import type { ChangeRecord } from '../../src/changes/store/changeKeys';
import { calendarFromPlan } from '../../src/platform/domain/businessDays';
import type { ChangeProperty } from '../../src/changes/domain/changeRequest';
import { acknowledgement } from '../../src/changes/domain/changeRequestView';
import { BUILT_IN_DEFAULTS } from '../../src/settings/domain/settings';

const TODAY = new Date('2026-11-25T14:30:00Z'); // a Wednesday

function projectIssues(site: SiteData, key: string) {
  const project = site.projects.find((p) => p.key === key);
  assert.ok(project, `project ${key}`);
  return site.issues.filter((i) => i.projectId === project.id);
}

describe('demo site', () => {
  const site = buildDemoSite(TODAY);
  const shop = site.projects.find((p) => p.key === DEMO_PROJECT_KEY)!;
  const ops = site.projects.find((p) => p.key === OTHER_PROJECT_KEY)!;
  const activeSprint = site.sprints.find((s) => s.state === 'active')!;

  test('is deterministic for the same today, and only depends on its date', () => {
    assert.deepEqual(buildDemoSite(new Date('2026-11-25T14:30:00Z')), site);
    assert.deepEqual(buildDemoSite(new Date('2026-11-25T23:59:59Z')), site);
    assert.notDeepEqual(buildDemoSite(new Date('2026-11-26T00:00:00Z')), site);
    assert.equal(site.today, '2026-11-25');
  });

  test('defaults today to the current UTC date', () => {
    const now = new Date();
    assert.equal(buildDemoSite().today, now.toISOString().slice(0, 10));
  });

  test('has the personas, with fixed account ids, tokens and the app user', () => {
    assert.deepEqual(Object.keys(DEMO_USERS).sort(), ['approver', 'clientMarketing', 'clientOps', 'clientPo', 'dev1', 'dev2', 'dev3', 'dev4', 'outsider', 'pm']);
    assert.equal(DEMO_USERS.pm, '5b10ac8d82e05b22cc7d4ef5');
    for (const [persona, accountId] of Object.entries(DEMO_USERS)) {
      assert.match(accountId, /^[0-9a-f]{24}$/);
      const user = site.users.find((u) => u.accountId === accountId);
      assert.equal(user?.apiToken, `demo-token-${persona}`);
      assert.equal(user?.accountType, 'atlassian');
      assert.match(user?.emailAddress ?? '', /@/);
    }
    assert.equal(new Set(Object.values(DEMO_USERS)).size, 10);
    assert.deepEqual(site.users.filter((u) => u.jiraAdmin).map((u) => u.accountId), [DEMO_USERS.pm]);
    assert.equal(site.users.find((u) => u.accountId === APP_ACCOUNT_ID)?.accountType, 'app');
  });

  test('gives each persona the roles of the engagement', () => {
    const actors = (projectKey: string, roleId: number) => site.projects.find((p) => p.key === projectKey)!.roleActors[roleId];
    assert.deepEqual(actors('SHOP', ROLE_IDS.projectManagers), [DEMO_USERS.pm]);
    assert.deepEqual(actors('SHOP', ROLE_IDS.approvers), [DEMO_USERS.approver]);
    assert.deepEqual(actors('SHOP', ROLE_IDS.developers), [DEMO_USERS.dev1, DEMO_USERS.dev2, DEMO_USERS.dev3, DEMO_USERS.dev4]);
    assert.deepEqual(actors('SHOP', ROLE_IDS.clients), [DEMO_USERS.clientPo, DEMO_USERS.clientMarketing]);
    assert.equal(ops.name, 'Brightlane internal ops');
    assert.deepEqual(actors('OPS', ROLE_IDS.clients), [DEMO_USERS.clientOps]);
    for (const roleId of Object.values(ROLE_IDS)) assert.ok(!(actors('SHOP', roleId) ?? []).includes(DEMO_USERS.clientOps), 'clientOps has a SHOP role');
    assert.deepEqual(actors('OPS', ROLE_IDS.developers), [DEMO_USERS.dev1, DEMO_USERS.dev2, DEMO_USERS.dev3, DEMO_USERS.dev4]);
    assert.deepEqual(actors('OPS', ROLE_IDS.projectManagers), [DEMO_USERS.pm]);
    for (const project of site.projects) {
      const all = Object.values(project.roleActors).flat();
      assert.ok(!all.includes(DEMO_USERS.outsider), `outsider has a role in ${project.key}`);
    }
    assert.deepEqual(site.roles.map((r) => [r.id, r.name]), [
      [10002, 'Administrators'], [10003, 'Project managers'], [10004, 'Approvers'], [10005, 'Developers'], [10006, 'Members'], [10007, 'Clients'],
    ]);
  });

  test('lets clients browse, create and comment only', () => {
    const clientPermissions = Object.entries(shop.permissions).filter(([, roles]) => roles?.includes(ROLE_IDS.clients)).map(([p]) => p).sort();
    assert.deepEqual(clientPermissions, ['ADD_COMMENTS', 'BROWSE_PROJECTS', 'CREATE_ISSUES']);
    assert.deepEqual(shop.permissions.ADMINISTER_PROJECTS, [ROLE_IDS.administrators, ROLE_IDS.projectManagers]);
    for (const perm of ['EDIT_ISSUES', 'TRANSITION_ISSUES', 'WORK_ON_ISSUES', 'MANAGE_SPRINTS_PERMISSION'] as const) {
      assert.ok(shop.permissions[perm]?.includes(ROLE_IDS.developers), perm);
      assert.ok(shop.permissions[perm]?.includes(ROLE_IDS.projectManagers), perm);
    }
  });

  test('declares the fields with Jira clause names', () => {
    const field = (id: string) => site.fields.find((f) => f.id === id);
    assert.deepEqual(field(STORY_POINTS_FIELD)?.clauseNames, ['cf[10016]', 'Story point estimate', 'Story Points']);
    assert.deepEqual(field(SPRINT_FIELD)?.clauseNames, ['cf[10020]', 'Sprint']);
    assert.deepEqual(field('duedate')?.clauseNames, ['due', 'duedate']);
    for (const id of ['summary', 'description', 'status', 'assignee', 'reporter', 'creator', 'created', 'updated', 'resolutiondate', 'labels', 'priority', 'issuetype', 'project', 'parent', 'issuelinks', 'comment', 'worklog', 'timetracking']) {
      assert.ok(field(id), `field ${id}`);
    }
    assert.deepEqual(site.linkTypes.map((t) => t.name).sort(), ['Blocks', 'Cloners', 'Duplicate', 'Relates']);
    // The change request workflow is the one Liaison's provisioning would create (local/demo/changeRequests.ts).
    assert.deepEqual(site.workflows.map((w) => w.name), ['Software workflow', 'Liaison change request (SHOP)']);
  });

  test('has about 80 SHOP issues across six epics, and about 12 OPS issues', () => {
    const shopIssues = projectIssues(site, DEMO_PROJECT_KEY);
    assert.ok(shopIssues.length >= 75 && shopIssues.length <= 85, `SHOP has ${shopIssues.length}`);
    const byType = (name: string) => shopIssues.filter((i) => site.issueTypes.find((t) => t.id === i.issueTypeId)?.name === name).length;
    assert.equal(byType('Epic'), 6);
    assert.ok(byType('Bug') >= 5, 'bugs');
    assert.ok(byType('Sub-task') >= 8, 'sub-tasks');
    assert.ok(shopIssues.filter((i) => typeof i.customFields[STORY_POINTS_FIELD] === 'number').length >= 50, 'story points');
    assert.ok(shopIssues.some((i) => i.labels.includes('needs-client-input')));
    const keys = shopIssues.map((i) => Number(i.key.split('-')[1])).sort((a, b) => a - b);
    assert.deepEqual(keys, Array.from({ length: shopIssues.length }, (_, n) => n + 1));
    const opsIssues = projectIssues(site, OTHER_PROJECT_KEY);
    assert.ok(opsIssues.length >= 10 && opsIssues.length <= 14, `OPS has ${opsIssues.length}`);
    assert.ok(opsIssues.every((i) => i.sprintIds.length === 0));
  });

  test('keys grow with creation time', () => {
    const shopIssues = projectIssues(site, DEMO_PROJECT_KEY).sort((a, b) => Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]));
    for (let i = 1; i < shopIssues.length; i++) assert.ok(shopIssues[i].created >= shopIssues[i - 1].created, shopIssues[i].key);
  });

  test('runs five two-week sprints on the SHOP board: three closed, one active containing today, one future', () => {
    const board = site.boards.find((b) => b.projectId === shop.id);
    assert.equal(board?.name, 'SHOP board');
    assert.equal(board?.type, 'scrum');
    assert.deepEqual(site.sprints.map((s) => [s.name, s.state]), [
      ['SHOP Sprint 1', 'closed'], ['SHOP Sprint 2', 'closed'], ['SHOP Sprint 3', 'closed'], ['SHOP Sprint 4', 'active'], ['SHOP Sprint 5', 'future'],
    ]);
    assert.ok(site.sprints.every((s) => s.goal && s.boardId === board!.id));
    assert.ok(activeSprint.startDate!.slice(0, 10) <= site.today && site.today <= activeSprint.endDate!.slice(0, 10));
    for (let i = 1; i < site.sprints.length; i++) {
      const gap = Date.parse(site.sprints[i].startDate!) - Date.parse(site.sprints[i - 1].startDate!);
      assert.equal(gap, 14 * 86_400_000);
    }
  });

  test('is internally consistent', () => {
    assert.deepEqual(siteProblems(site), []);
  });

  test('stays consistent whatever weekday today is', () => {
    for (let day = 0; day < 9; day++) {
      const today = new Date(Date.UTC(2027, 1, 22 + day)); // Monday 22 Feb 2027 onwards, across a month end
      const s = buildDemoSite(today);
      assert.deepEqual(siteProblems(s), [], `today ${today.toISOString()}`);
      const active = s.sprints.find((x) => x.state === 'active')!;
      assert.ok(active.startDate!.slice(0, 10) <= s.today && s.today <= active.endDate!.slice(0, 10), `active sprint contains ${s.today}`);
    }
  });

  test('has done work in closed sprints, carried-over issues and issues added after the active sprint started', () => {
    const shopIssues = projectIssues(site, DEMO_PROJECT_KEY);
    const closed = new Set(site.sprints.filter((s) => s.state === 'closed').map((s) => s.id));
    const inClosedOnly = shopIssues.filter((i) => i.sprintIds.length > 0 && closed.has(i.sprintIds[i.sprintIds.length - 1]));
    assert.ok(inClosedOnly.length >= 20);
    assert.ok(inClosedOnly.every((i) => i.statusId === STATUS_IDS.done));
    const carried = shopIssues.filter((i) => i.sprintIds.length > 1 && site.issueTypes.find((t) => t.id === i.issueTypeId)?.subtask === false);
    assert.ok(carried.length >= 3, `carried over: ${carried.length}`);
    assert.ok(carried.some((i) => i.sprintIds.includes(activeSprint.id) && i.statusId !== STATUS_IDS.done));

    const activeStart = Date.parse(activeSprint.startDate!);
    const addedLate = shopIssues.filter((i) => i.changelog.some((e) => Date.parse(e.created) > activeStart && e.items.some((item) =>
      item.field === 'Sprint' && (item.to ?? '').split(', ').includes(String(activeSprint.id)) && !(item.from ?? '').split(', ').includes(String(activeSprint.id)))));
    assert.ok(addedLate.length >= 2, `added after start: ${addedLate.map((i) => i.key)}`);
    const statusesInActive = new Set(shopIssues.filter((i) => i.sprintIds.at(-1) === activeSprint.id).map((i) => i.statusId));
    assert.deepEqual([...statusesInActive].sort(), Object.values(STATUS_IDS).sort());
  });

  test('has overdue issues and due dates, worklogs by the team and comments by clients', () => {
    const shopIssues = projectIssues(site, DEMO_PROJECT_KEY);
    const overdue = shopIssues.filter((i) => i.duedate !== null && i.duedate < site.today && i.statusId !== STATUS_IDS.done);
    assert.ok(overdue.length >= 3, `overdue: ${overdue.length}`);
    assert.ok(shopIssues.filter((i) => i.duedate !== null && i.duedate >= site.today).length >= 2);
    const worklogs = site.issues.flatMap((i) => i.worklogs);
    assert.ok(worklogs.length >= 100, `worklogs: ${worklogs.length}`);
    const authors = new Set(worklogs.map((w) => w.author));
    for (const dev of [DEMO_USERS.dev1, DEMO_USERS.dev2, DEMO_USERS.dev3, DEMO_USERS.dev4]) assert.ok(authors.has(dev));
    assert.ok(!authors.has(DEMO_USERS.clientPo) && !authors.has(DEMO_USERS.clientMarketing));
    const comments = shopIssues.flatMap((i) => i.comments);
    assert.ok(comments.some((c) => c.author === DEMO_USERS.clientPo));
    assert.ok(comments.some((c) => c.author === DEMO_USERS.clientMarketing));
    assert.ok(comments.some((c) => c.visibility?.value === 'Developers'));
    const opsComments = projectIssues(site, OTHER_PROJECT_KEY).flatMap((i) => i.comments);
    assert.ok(opsComments.every((c) => c.author !== DEMO_USERS.clientPo && c.author !== DEMO_USERS.clientMarketing));
    assert.ok(site.links.length >= 8);
  });

  test('has exactly one change request whose acknowledgement is overdue, whatever today is', () => {
    const plan = BUILT_IN_DEFAULTS.communicationPlan;
    const days = BUILT_IN_DEFAULTS.flagThresholds.changeAckBusinessDays;
    const todays = [
      ['2026-11-25T14:30:00Z', []], // a Wednesday
      ['2026-11-26T09:00:00Z', []], // a Thursday: the active sprint started this Monday
      ['2026-11-30T08:00:00Z', []], // a Monday
      ['2026-12-05T12:00:00Z', []], // a Saturday
      ['2026-12-06T12:00:00Z', []], // a Sunday
      ['2026-12-29T10:00:00Z', ['2026-12-25', '2026-12-28']], // the day after a holiday (and Christmas the Friday before)
      ['2027-01-04T10:00:00Z', ['2027-01-01']], // a Monday after New Year's Day
      ['2027-03-01T10:00:00Z', []], // a Monday after a short month
    ] as const;
    for (const [iso, holidays] of todays) {
      const s = buildDemoSite(new Date(iso));
      const shop = projectIssues(s, DEMO_PROJECT_KEY);
      const changes = shop.filter((i) => i.issueTypeId === CHANGE_REQUEST_TYPE_ID);
      assert.equal(changes.length, 3, iso);
      // Overdue as Liaison decides it: with the built-in settings, and with the holidays in the calendar.
      for (const cal of [calendarFromPlan(plan), calendarFromPlan({ ...plan, holidays: holidays.map((date) => ({ date, name: 'Holiday' })) })]) {
        // From the records the local host seeds (the property holds only the step).
        const records = new Map(demoChangeStorage(s).filter((r) => r.entityName === 'change').map((r) => [r.key, (r.value as ChangeRecord).document]));
        const overdue = changes.filter((i) => {
          const doc = records.get(i.id)!;
          return acknowledgement(doc.requestedAt!, doc.acknowledgedAt, days, cal, s.today).overdue;
        });
        assert.deepEqual(overdue.map((i) => (i.properties['liaison-change'] as ChangeProperty).step), ['logged'], `${iso} with holidays [${cal.holidays.join(', ')}]`);
      }
      // Jira numbers issues as they are created: keys follow creation times, change requests included.
      const byKey = [...shop].sort((a, b) => Number(a.key.split('-')[1]) - Number(b.key.split('-')[1]));
      for (let i = 1; i < byKey.length; i++) assert.ok(Date.parse(byKey[i - 1].created) <= Date.parse(byKey[i].created), `${iso}: ${byKey[i - 1].key} was created after ${byKey[i].key}`);
      assert.deepEqual(siteProblems(s), [], iso);
    }
  });

  test('leaves the counters at the highest ids in use', () => {
    assert.equal(site.counters.issue, Math.max(...site.issues.map((i) => Number(i.id))));
    assert.equal(site.counters.sprint, 5);
    assert.equal(site.counters.link, Math.max(...site.links.map((l) => Number(l.id))));
    assert.ok(site.issues.every((i) => Number(i.id) >= 10000));
  });
});

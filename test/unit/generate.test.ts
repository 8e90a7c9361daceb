import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { generateSite } from '../../local/demo/generate';
import { DEMO_USERS } from '../../local/demo/site';
import { ROLE_IDS, ISSUE_TYPE_IDS, STATUS_IDS } from '../../local/demo/siteConfig';
import type { SiteData } from '../../local/jira/model';
import { siteProblems } from './demo-site-checks';

const TODAY = new Date('2026-11-25T08:00:00Z');

const countBy = <T>(items: T[], key: (item: T) => string): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
};

describe('generated site', () => {
  const site = generateSite({ issues: 2000, seed: 42, today: TODAY });

  test('has exactly the requested number of issues, in one project by default', () => {
    assert.equal(site.issues.length, 2000);
    assert.deepEqual(site.projects.map((p) => p.key), ['SHOP']);
    const keys = site.issues.map((i) => Number(i.key.split('-')[1])).sort((a, b) => a - b);
    assert.deepEqual(keys, Array.from({ length: 2000 }, (_, n) => n + 1));
  });

  test('spreads issues over epics, sub-tasks and about one sprint per 150 issues', () => {
    const types = countBy(site.issues, (i) => i.issueTypeId);
    assert.ok(types[ISSUE_TYPE_IDS.epic] >= 20 && types[ISSUE_TYPE_IDS.epic] <= 50, `epics: ${types[ISSUE_TYPE_IDS.epic]}`);
    assert.ok(types[ISSUE_TYPE_IDS.subtask] >= 150, `sub-tasks: ${types[ISSUE_TYPE_IDS.subtask]}`);
    assert.ok(types[ISSUE_TYPE_IDS.bug] >= 100, `bugs: ${types[ISSUE_TYPE_IDS.bug]}`);
    const states = countBy(site.sprints, (s) => s.state);
    assert.deepEqual(states, { closed: 12, active: 1, future: 1 });
    const inSprints = site.issues.filter((i) => i.sprintIds.length > 0).length;
    assert.ok(inSprints > 1500, `in sprints: ${inSprints}`);
    const statuses = countBy(site.issues, (i) => i.statusId);
    for (const id of Object.values(STATUS_IDS)) assert.ok(statuses[id] > 0, `status ${id}`);
    const active = site.sprints.find((s) => s.state === 'active')!;
    assert.ok(active.startDate!.slice(0, 10) <= site.today && site.today <= active.endDate!.slice(0, 10));
  });

  test('keeps histories short: about 2–4 changelog entries and at most 3 worklogs per issue', () => {
    const perIssue = site.issues.reduce((sum, i) => sum + i.changelog.length, 0) / site.issues.length;
    assert.ok(perIssue >= 2 && perIssue <= 4.5, `changelog entries per issue: ${perIssue}`);
    const standard = site.issues.filter((i) => i.issueTypeId !== ISSUE_TYPE_IDS.subtask);
    assert.ok(standard.every((i) => i.worklogs.length <= 3));
    assert.ok(site.issues.filter((i) => i.worklogs.length > 0).length > 300);
  });

  test('is internally consistent', () => {
    assert.deepEqual(siteProblems(site), []);
  });

  test('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(generateSite({ issues: 2000, seed: 42, today: TODAY }), site);
    const other = generateSite({ issues: 2000, seed: 43, today: TODAY });
    assert.equal(other.issues.length, 2000);
    assert.notDeepEqual(other.issues.map((i) => i.summary), site.issues.map((i) => i.summary));
  });

  test('uses the demo people and roles; client users only in client projects', () => {
    const multi: SiteData = generateSite({ issues: 900, seed: 5, today: TODAY, projects: 3 });
    assert.deepEqual(multi.projects.map((p) => p.key), ['SHOP', 'OPS', 'WEB']);
    assert.deepEqual(multi.projects.map((p) => multi.issues.filter((i) => i.projectId === p.id).length), [300, 300, 300]);
    assert.deepEqual(multi.projects.map((p) => p.roleActors[ROLE_IDS.clients]), [[DEMO_USERS.clientPo, DEMO_USERS.clientMarketing], [], [DEMO_USERS.clientPo, DEMO_USERS.clientMarketing]]);
    assert.ok(multi.users.some((u) => u.accountId === DEMO_USERS.pm && u.jiraAdmin));
    assert.equal(multi.boards.length, 3);
    assert.deepEqual(siteProblems(multi), []);
  });

  test('rejects bad options with a clear error', () => {
    assert.throws(() => generateSite({ issues: 0 }), /issues must be a whole number/);
    assert.throws(() => generateSite({ issues: 2.5 }), /issues must be a whole number/);
    assert.throws(() => generateSite({ issues: 10, projects: 0 }), /projects must be/);
    assert.throws(() => generateSite({ issues: 10, today: new Date('nope') }), /today must be a valid Date/);
  });

  test('builds 50,000 issues (time printed, not asserted)', () => {
    const started = performance.now();
    const big = generateSite({ issues: 50_000, seed: 1, today: TODAY });
    const elapsed = performance.now() - started;
    console.log(`generateSite 50,000 issues: ${elapsed.toFixed(0)} ms, ${big.sprints.length} sprints, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
    assert.equal(big.issues.length, 50_000);
    assert.ok(big.sprints.length >= 320 && big.sprints.length <= 345, `sprints: ${big.sprints.length}`);
    assert.deepEqual(siteProblems(big), []);
  });
});

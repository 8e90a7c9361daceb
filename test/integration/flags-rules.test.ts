/**
 * The red-flag rules end to end: issue changes in the Jira sandbox fire the manifest's trigger
 * (through the local host, as Jira would), the app reads the issue and reconciles its
 * `liaison-flags` property; the daily scheduled trigger covers every project with settings.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { APP_ACCOUNT_ID } from '../../local/jira/model';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { backdateAsk } from './asks-support';
import {
  caller, createIssue, daysFromNow, editIssue, enableRules, ok, openFlags, PROJECT_PAGE, storedFlags, transitionTo,
} from './flags-support';

let host: TestHost;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
});
afterAll(async () => {
  await host?.close();
});

describe('rules are off until the project saves its Liaison settings', () => {
  test('an overdue issue in a project without settings gets no property at all', async () => {
    const key = await createIssue(host, DEMO_USERS.pm, 'SHOP', 'Before Liaison is set up', { duedate: daysFromNow(-3) });
    await editIssue(host, DEMO_USERS.pm, key, { fields: { summary: 'Before Liaison is set up (edited)' } });
    assert.equal(storedFlags(host, key), null);
  });
});

describe('the issue trigger', () => {
  let key: string;
  let manualId: string;

  beforeAll(async () => {
    await enableRules(host, 'SHOP');
    key = await createIssue(host, DEMO_USERS.pm, 'SHOP', 'Payment provider fallback');
  });

  test('a new issue with nothing wrong gets no property (nothing to write)', () => {
    assert.equal(storedFlags(host, key), null);
  });

  test('a person raises a manual flag through the panel', async () => {
    const answer = ok(await call<any>(DEMO_USERS.dev1, 'flags.raise', { issueKey: key, category: 'uncharted-territory', severity: 'high', note: 'Nobody here has used the fallback API', clientVisible: false }));
    assert.equal(answer.open, 1);
    const stored = storedFlags(host, key)!;
    assert.equal(stored.open, 1);
    assert.equal(stored.flags[0].source, 'manual');
    manualId = stored.flags[0].id;
  });

  test('an update making the issue overdue fires the trigger and a schedule-slip rule flag appears', async () => {
    await editIssue(host, DEMO_USERS.pm, key, { fields: { duedate: daysFromNow(-2) } });
    const stored = storedFlags(host, key)!;
    const open = openFlags(stored);
    assert.deepEqual(open.map((f) => f.source).sort(), ['manual', 'rule:schedule-slip']);
    const rule = open.find((f) => f.source === 'rule:schedule-slip')!;
    assert.equal(rule.category, 'schedule-slip');
    assert.equal(rule.raisedBy, 'rule');
    assert.match(rule.note, new RegExp(`The due date ${daysFromNow(-2)} has passed`));
    assert.equal(stored.open, 2);
    assert.equal(stored.maxSeverityName, 'high');
    assert.deepEqual(stored.categories, ['uncharted-territory', 'schedule-slip']);
  });

  test('another update while still overdue raises no duplicate', async () => {
    await editIssue(host, DEMO_USERS.pm, key, { fields: { summary: 'Payment provider fallback (v2)' } });
    assert.equal(storedFlags(host, key)!.flags.filter((f) => f.source === 'rule:schedule-slip').length, 1);
  });

  test('fixing the condition clears the rule flag; the manual flag survives both changes', async () => {
    await editIssue(host, DEMO_USERS.pm, key, { fields: { duedate: daysFromNow(10) } });
    const stored = storedFlags(host, key)!;
    const rule = stored.flags.find((f) => f.source === 'rule:schedule-slip')!;
    assert.equal(rule.resolvedBy, 'rule');
    assert.equal(rule.resolution, 'The condition cleared');
    assert.deepEqual(openFlags(stored).map((f) => f.id), [manualId]);
    assert.equal(stored.open, 1);
    assert.deepEqual(stored.categories, ['uncharted-territory']);
  });

  test("with ignoreSelf, the app's own changes do not wake the trigger; a person's do", async () => {
    const issue = host.sandbox.site.issues.find((i) => i.key === key)!;
    // The due date passes without an event (as time does); then the app edits the issue, then a person.
    issue.duedate = daysFromNow(-1);
    await host.app.dispatchEvent({ eventType: 'avi:jira:updated:issue', issueId: issue.id, issueKey: key, atlassianId: APP_ACCOUNT_ID });
    await host.app.idle();
    assert.equal(openFlags(storedFlags(host, key)).filter((f) => f.source === 'rule:schedule-slip').length, 0);
    await host.app.dispatchEvent({ eventType: 'avi:jira:updated:issue', issueId: issue.id, issueKey: key, atlassianId: DEMO_USERS.dev1 });
    await host.app.idle();
    assert.equal(openFlags(storedFlags(host, key)).filter((f) => f.source === 'rule:schedule-slip').length, 1);
    await editIssue(host, DEMO_USERS.pm, key, { fields: { duedate: daysFromNow(10) } });
    assert.deepEqual(host.app.backgroundErrors, []);
  });

  test('the rule changes are in the audit trail, by the rule actor', async () => {
    const { listAudit } = await import('../../src/platform/store/auditStore');
    const entries = (await listAudit('SHOP', { limit: 100 })).entries.filter((e) => e.target === `issue:${key}`);
    const summaries = entries.map((e) => `${e.actor} ${e.action} ${e.detail.changes.map((c) => c.summary).join('; ')}`);
    assert.ok(summaries.some((s) => s.startsWith('rule flag.rules') && s.includes('raised Schedule slip')), summaries.join('\n'));
    assert.ok(summaries.some((s) => s.startsWith('rule flag.rules') && s.includes('cleared Schedule slip')), summaries.join('\n'));
    assert.ok(summaries.some((s) => s.startsWith(`${DEMO_USERS.dev1} flag.raise`)), summaries.join('\n'));
  });

  test('moved to Done without test evidence: an untested flag; adding the label clears it', async () => {
    await transitionTo(host, DEMO_USERS.pm, key, 'done');
    let open = openFlags(storedFlags(host, key));
    assert.deepEqual(open.map((f) => f.source).sort(), ['manual', 'rule:untested']);
    await editIssue(host, DEMO_USERS.pm, key, { update: { labels: [{ add: 'tested' }] } });
    open = openFlags(storedFlags(host, key));
    assert.deepEqual(open.map((f) => f.id), [manualId]);
  });

  test('a rule flag a person resolved stays down while its condition holds, and comes back after it cleared once', async () => {
    await editIssue(host, DEMO_USERS.pm, key, { update: { labels: [{ remove: 'tested' }] } });
    const flag = openFlags(storedFlags(host, key)).find((f) => f.source === 'rule:untested')!;
    ok(await call(DEMO_USERS.dev2, 'flags.resolve', { issueKey: key, flagId: flag.id, resolution: 'Tested by hand in the review, no label needed' }));
    await editIssue(host, DEMO_USERS.pm, key, { fields: { summary: 'Payment provider fallback (v3)' } });
    assert.equal(openFlags(storedFlags(host, key)).filter((f) => f.source === 'rule:untested').length, 0, 'not raised again while the condition holds');
    await editIssue(host, DEMO_USERS.pm, key, { update: { labels: [{ add: 'tested' }] } });
    await editIssue(host, DEMO_USERS.pm, key, { update: { labels: [{ remove: 'tested' }] } });
    assert.equal(openFlags(storedFlags(host, key)).filter((f) => f.source === 'rule:untested').length, 1, 'raised again once the condition had cleared');
    assert.ok(openFlags(storedFlags(host, key)).some((f) => f.id === manualId), 'the manual flag is still open');
  });

  test("a rule switched off in Settings clears its flags on the issue's next change", async () => {
    await enableRules(host, 'SHOP', { enabled: { 'blocked-on-client': true, 'schedule-slip': true, stale: true, untested: false, 'scope-creep': true, 'change-unacknowledged': true } });
    await editIssue(host, DEMO_USERS.pm, key, { fields: { summary: 'Payment provider fallback (v4)' } });
    assert.deepEqual(openFlags(storedFlags(host, key)).map((f) => f.id), [manualId]);
    await enableRules(host, 'SHOP', { enabled: { 'blocked-on-client': true, 'schedule-slip': true, stale: true, untested: true, 'scope-creep': true, 'change-unacknowledged': true } });
  });

});

describe('blocked on client', () => {
  test('an overdue ask raises a client-visible flag; the answer clears it at once', async () => {
    const key = await createIssue(host, DEMO_USERS.pm, 'SHOP', 'Brand colours for the checkout');
    ok(await call(DEMO_USERS.pm, 'asks.set', { issueKey: key, client: DEMO_USERS.clientPo, ask: 'Send the brand colours', due: daysFromNow(3) }, 'client-ask-panel'));
    // A week passes: the stored ask is now overdue; the next change of the issue wakes the trigger.
    backdateAsk(host, key, daysFromNow(-7));
    await editIssue(host, DEMO_USERS.dev1, key, { fields: { summary: 'Brand colours for the checkout page' } });
    const flag = openFlags(storedFlags(host, key)).find((f) => f.source === 'rule:blocked-on-client');
    assert.ok(flag, JSON.stringify(storedFlags(host, key)));
    assert.equal(flag.clientVisible, true);
    assert.equal(flag.conditionKey, `blocked-on-client:${DEMO_USERS.clientPo}`);

    const seen = ok(await call<any>(DEMO_USERS.clientPo, 'flags.get', { issueKey: key }));
    assert.deepEqual(seen.flags.map((f: { category: string }) => f.category), ['blocked-on-client']);

    // The answer is written by the app (ignoreSelf: no trigger), so the ask resolver re-runs the issue's rules itself.
    const answered = ok(await call<any>(DEMO_USERS.clientPo, 'asks.answer', { issueKey: key, answer: 'Navy #1B2A4A and sand #E8DCC4' }, 'client-ask-panel'));
    assert.deepEqual(answered.warnings ?? [], []);
    await host.app.idle();
    assert.equal(openFlags(storedFlags(host, key)).length, 0, 'cleared by the answer itself');
    const after = ok(await call<any>(DEMO_USERS.clientPo, 'flags.get', { issueKey: key }));
    assert.equal(after.open, 0);
    assert.equal(openFlags(storedFlags(host, key)).length, 0);
  });
});

describe('the daily scheduled trigger', () => {
  test('evaluates the open issues of every project with settings, and scope creep per active sprint', async () => {
    // Any work added after the sprint started counts as scope creep at 0%.
    await enableRules(host, 'SHOP', { scopeCreepPercent: 0 });
    // Time passes without an event: an open issue's due date goes by; only the daily run sees it.
    const quietKey = await createIssue(host, DEMO_USERS.pm, 'SHOP', 'Returns label printing', { duedate: daysFromNow(2) });
    const quiet = host.sandbox.site.issues.find((i) => i.key === quietKey)!;
    quiet.duedate = daysFromNow(-1);
    const run = (await host.app.fireScheduledTrigger('flag-rules-daily')) as { projects: { projectKey: string; evaluated: number; changed: number; sprints: number; truncated: boolean; error?: string }[] };
    await host.app.idle();
    assert.deepEqual(run.projects.map((p) => p.projectKey), ['SHOP'], 'OPS never saved settings');
    const shop = run.projects[0];
    assert.equal(shop.error, undefined);
    assert.equal(shop.truncated, false);
    assert.equal(shop.sprints, 1);
    assert.ok(shop.evaluated >= 30, `evaluated ${shop.evaluated}`);
    assert.ok(shop.changed > 0);
    assert.ok(openFlags(storedFlags(host, quiet.key)).some((f) => f.source === 'rule:schedule-slip'), 'the daily run saw the due date pass');

    // Which issues joined the active sprint after it started, from the sandbox's own records.
    const site = host.sandbox.site;
    const sprint = site.sprints.find((s) => s.state === 'active' && site.boards.find((b) => b.id === s.boardId)?.projectId === site.projects.find((p) => p.key === 'SHOP')!.id)!;
    const start = Date.parse(sprint.startDate!);
    const inSprint = site.issues.filter((i) => i.sprintIds.includes(sprint.id));
    const joinedLater = inSprint.filter(
      (i) =>
        Date.parse(i.created) > start ||
        i.changelog.some((e) => Date.parse(e.created) > start && e.items.some((it) => it.field === 'Sprint' && String(it.to ?? '').split(/,\s*/).includes(String(sprint.id)) && !String(it.from ?? '').split(/,\s*/).includes(String(sprint.id)))),
    );
    // Sprint work is standard issues (sub-tasks go with their parent): what the scope-creep rule counts.
    const standard = new Set(site.issueTypes.filter((t) => t.hierarchyLevel === 0 && t.name !== 'Change request').map((t) => t.id));
    const addedWork = joinedLater.filter((i) => standard.has(i.issueTypeId)).map((i) => i.key).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    assert.ok(addedWork.length > 1, 'the demo has work added mid-sprint');
    // One flag for the sprint, not one per issue added: on the first added, naming every one.
    const flaggedForCreep = inSprint.filter((i) => openFlags(storedFlags(host, i.key)).some((f) => f.source === 'rule:scope-creep'));
    assert.deepEqual(flaggedForCreep.map((i) => i.key), [addedWork[0]]);
    const note = openFlags(storedFlags(host, addedWork[0])).find((f) => f.source === 'rule:scope-creep')!.note;
    assert.ok(note.startsWith(`Sprint "${sprint.name}" grew by ${addedWork.length} issues after it started`), note);
    assert.ok(note.endsWith(`: ${addedWork.slice(0, 10).join(', ')}${addedWork.length > 10 ? ` and ${addedWork.length - 10} more` : ''}.`), note);

    // Open work past its due date carries a schedule-slip flag; open work due later does not.
    const done = new Set(site.statuses.filter((s) => s.statusCategory === 'done').map((s) => s.id));
    const shopId = site.projects.find((p) => p.key === 'SHOP')!.id;
    const today = new Date().toISOString().slice(0, 10);
    for (const issue of site.issues.filter((i) => i.projectId === shopId && !done.has(i.statusId) && i.duedate)) {
      const slipping = openFlags(storedFlags(host, issue.key)).some((f) => f.source === 'rule:schedule-slip' && f.note.includes('due date'));
      assert.equal(slipping, issue.duedate! < today, `${issue.key} due ${issue.duedate}`);
    }
  });

  test('a second run changes nothing (no write when nothing changed)', async () => {
    const run = (await host.app.fireScheduledTrigger('flag-rules-daily')) as { projects: { changed: number }[] };
    assert.equal(run.projects[0].changed, 0);
  });

  test('lowering the threshold back clears the scope-creep flags of work that is no longer beyond it', async () => {
    await enableRules(host, 'SHOP', { scopeCreepPercent: 1000 });
    await host.app.fireScheduledTrigger('flag-rules-daily');
    const flagged = host.sandbox.site.issues.filter((i) => openFlags(storedFlags(host, i.key)).some((f) => f.source === 'rule:scope-creep'));
    assert.deepEqual(flagged.map((i) => i.key), []);
  });

  test('the Red flags page reports the last run', async () => {
    const page = ok(await call<any>(DEMO_USERS.pm, 'flags.project', { projectKey: 'SHOP' }, PROJECT_PAGE));
    assert.equal(page.rulesActive, true);
    assert.equal(page.lastRun.projectKey, 'SHOP');
    assert.match(page.lastRun.at, /^\d{4}-\d\d-\d\dT/);
  });

  test('a trigger for an issue the app can no longer find (deleted since) does nothing', async () => {
    const outcome = await host.app.runFunction('flag-issue-trigger', { eventType: 'avi:jira:updated:issue', issue: { id: '999999', key: 'SHOP-9999', fields: { project: { key: 'SHOP' } } }, atlassianId: DEMO_USERS.pm });
    assert.deepEqual(outcome, { issueKey: 'SHOP-9999', outcome: 'gone' });
  });
});

/**
 * Issue 14, "calm rules", end to end on the demo site: the dry run in Settings equals what switching
 * the rules on then raises; switching them on runs them once at once (no issue event, no daily job);
 * on the demo that raises nothing on a change request or an epic and one scope-creep flag per
 * sprint, and the executive report's problems hold none; a dismissed rule flag stays dismissed
 * until its facts change; switching the rules off clears their flags.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { CHANGE_REQUEST_TYPE_ID } from '../../local/demo/changeRequests';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { Flag } from '../../src/flags/domain/redFlags';
import type { FlagRulesDryRun } from '../../src/flags/resolvers/flagRulesDryRun';
import { caller, createIssue, daysFromNow, editIssue, enableRules, ok, openFlags, PROJECT_PAGE, storedFlags } from './flags-support';

let host: TestHost;
let call: ReturnType<typeof caller>;

const shopIssues = () => {
  const shopId = host.sandbox.site.projects.find((p) => p.key === 'SHOP')!.id;
  return host.sandbox.site.issues.filter((i) => i.projectId === shopId);
};
/** Every open rule flag in SHOP, with its issue. */
const openRuleFlags = (): { issueKey: string; issueTypeId: string; flag: Flag }[] =>
  shopIssues().flatMap((i) => openFlags(storedFlags(host, i.key)).filter((f) => f.source.startsWith('rule:')).map((flag) => ({ issueKey: i.key, issueTypeId: i.issueTypeId, flag })));
const ruleOf = (flag: Flag) => flag.source.slice('rule:'.length);

let dryRun: FlagRulesDryRun;
let thresholds: Record<string, unknown>;

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
});
afterAll(async () => {
  await host?.close();
});

describe('before the rules are on', () => {
  test('a project that never saved settings has the rules off, and Settings says so', async () => {
    const settings = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' }, PROJECT_PAGE));
    assert.deepEqual(settings.settings.redFlagRules, { on: false });
    thresholds = settings.settings.flagThresholds;
  });

  test('the dry run is for managers only, and writes nothing', async () => {
    const refused = await call<any>(DEMO_USERS.dev1, 'flags.dryRun', { projectKey: 'SHOP', on: true, flagThresholds: thresholds }, PROJECT_PAGE);
    assert.equal(refused.ok, false);
    assert.equal((refused as any).error.code, 'FORBIDDEN');
    const writesBefore = host.sandbox.requestCount();
    dryRun = ok(await call<FlagRulesDryRun>(DEMO_USERS.pm, 'flags.dryRun', { projectKey: 'SHOP', on: true, flagThresholds: thresholds }, PROJECT_PAGE));
    assert.equal(dryRun.switching, 'on');
    assert.ok(dryRun.raised.total > 0, JSON.stringify(dryRun).slice(0, 500));
    assert.match(dryRun.summary, new RegExp(`^Turning this on would raise ${dryRun.raised.total} flags: `));
    assert.equal(dryRun.raised.byRule.reduce((n, r) => n + r.count, 0), dryRun.raised.total);
    assert.equal(dryRun.hidden, 0, 'the PM may browse every SHOP issue');
    console.info(`SHOP dry run: ${dryRun.summary}`);
    // Nothing written: no flag record, no property, no Jira write.
    assert.deepEqual(shopIssues().filter((i) => storedFlags(host, i.key) !== null || i.properties['liaison-flags'] !== undefined).map((i) => i.key), []);
    assert.ok(host.sandbox.requestCount() > writesBefore, 'it read Jira');
  });

  test('bad thresholds are refused with field messages, and nothing runs', async () => {
    const answer = await call<any>(DEMO_USERS.pm, 'flags.dryRun', { projectKey: 'SHOP', on: true, flagThresholds: { ...thresholds, staleBusinessDays: 0 } }, PROJECT_PAGE);
    assert.equal(answer.ok, false);
    assert.match((answer as any).error.fields['flagThresholds.staleBusinessDays'], /1 or more/);
  });
});

describe('switching the rules on', () => {
  let saved: any;

  beforeAll(async () => {
    // Nothing else happens in between: no issue event, no daily job. enableRules waits for the queue.
    saved = await enableRules(host, 'SHOP');
  });

  test('the save queues one run of the rules, which raises the flags at once', () => {
    assert.equal(saved.rulesRun, 'queued');
    assert.deepEqual(saved.warnings, []);
    assert.deepEqual(saved.settings.redFlagRules, { on: true });
    assert.ok(saved.changes.some((c: { summary: string }) => c.summary === 'Red flag rules: switched on'), JSON.stringify(saved.changes));
    assert.ok(openRuleFlags().length > 0);
  });

  test('what it raised is exactly what the dry run said, rule by rule and issue by issue', () => {
    const raised = openRuleFlags();
    assert.equal(raised.length, dryRun.raised.total);
    const counts = Object.fromEntries(dryRun.raised.byRule.map((r) => [r.ruleId, r.count]));
    const actual: Record<string, number> = {};
    for (const { flag } of raised) actual[ruleOf(flag)] = (actual[ruleOf(flag)] ?? 0) + 1;
    assert.deepEqual(actual, counts);
    for (const rule of dryRun.raised.byRule) {
      const keys = raised.filter((r) => ruleOf(r.flag) === rule.ruleId).map((r) => r.issueKey).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      assert.deepEqual(rule.issues.map((i) => i.issueKey), keys.slice(0, rule.issues.length), rule.ruleId);
      assert.equal(rule.issues.length, Math.min(keys.length, 25));
      for (const listed of rule.issues) {
        const flag = raised.find((r) => r.issueKey === listed.issueKey && ruleOf(r.flag) === rule.ruleId)!.flag;
        assert.equal(listed.note, flag.note);
      }
    }
  });

  test("no flag on an epic; on a change request only the change request's own rule; at most one scope-creep flag per sprint", () => {
    const epicTypes = new Set(host.sandbox.site.issueTypes.filter((t) => t.hierarchyLevel > 0).map((t) => t.id));
    // The one rule made for change requests: the demo's SHOP-72, logged on 27 Nov and still not acknowledged, is past its promise.
    const onWrongKind = openRuleFlags().filter((r) => (r.issueTypeId === CHANGE_REQUEST_TYPE_ID && r.flag.source !== 'rule:change-unacknowledged') || epicTypes.has(r.issueTypeId));
    assert.deepEqual(onWrongKind.map((r) => `${r.issueKey} ${r.flag.source}`), []);
    const creep = openRuleFlags().filter((r) => r.flag.source === 'rule:scope-creep');
    const perSprint = new Map<string, number>();
    for (const r of creep) perSprint.set(r.flag.conditionKey!, (perSprint.get(r.flag.conditionKey!) ?? 0) + 1);
    assert.ok([...perSprint.values()].every((n) => n === 1), JSON.stringify([...perSprint]));
    // The demo's change requests and epics are there to be judged: some are done, some in progress.
    assert.ok(shopIssues().some((i) => i.issueTypeId === CHANGE_REQUEST_TYPE_ID) && shopIssues().some((i) => epicTypes.has(i.issueTypeId)));
  });

  test("the executive report's problems: no flag on an epic, none of the old kind on a change request, no run of scope-creep flags", async () => {
    const model = ok(await call<any>(DEMO_USERS.pm, 'reports.preview', { projectKey: 'SHOP', period: { kind: 'week', date: daysFromNow(0) }, audience: 'executive' }, PROJECT_PAGE));
    const kinds = new Map(shopIssues().map((i) => [i.key, i.issueTypeId]));
    const epicTypes = new Set(host.sandbox.site.issueTypes.filter((t) => t.hierarchyLevel > 0).map((t) => t.id));
    const items = model.problems.flags.items as { issueKey: string; category: string }[];
    assert.ok(items.length > 0);
    const misplaced = items.filter((f) => epicTypes.has(kinds.get(f.issueKey)!) || (kinds.get(f.issueKey) === CHANGE_REQUEST_TYPE_ID && f.category !== 'Change request unacknowledged'));
    assert.deepEqual(misplaced.map((f) => `${f.issueKey} ${f.category}`), []);
    assert.ok(items.filter((f) => f.category === 'Scope creep').length <= 1, JSON.stringify(items));
  });

  test('a save that leaves the rules as they are queues no run; the dry run of the same rules changes nothing', async () => {
    const again = await enableRules(host, 'SHOP');
    assert.equal(again.rulesRun, null);
    const same = ok(await call<FlagRulesDryRun>(DEMO_USERS.pm, 'flags.dryRun', { projectKey: 'SHOP', on: true, flagThresholds: thresholds }, PROJECT_PAGE));
    assert.deepEqual([same.switching, same.raised.total, same.cleared.total, same.summary], ['change', 0, 0, 'Saving these rules would raise no flags.']);
  });
});

describe('a dismissed rule flag stays dismissed until its facts change', () => {
  test('a schedule slip dismissed on one due date stays down; the due date moved (still past): it is back', async () => {
    const key = await createIssue(host, DEMO_USERS.pm, 'SHOP', 'Gift card balance page', { duedate: daysFromNow(-3) });
    const flag = openFlags(storedFlags(host, key)).find((f) => f.source === 'rule:schedule-slip')!;
    assert.ok(flag, JSON.stringify(storedFlags(host, key)));
    ok(await call(DEMO_USERS.pm, 'flags.resolve', { issueKey: key, flagId: flag.id, resolution: 'The client agreed to the later date' }));
    await editIssue(host, DEMO_USERS.dev1, key, { fields: { summary: 'Gift card balance page (copy)' } });
    await host.app.fireScheduledTrigger('flag-rules-daily');
    await host.app.idle();
    assert.equal(openFlags(storedFlags(host, key)).filter((f) => f.source === 'rule:schedule-slip').length, 0, 'same facts: still dismissed');
    await editIssue(host, DEMO_USERS.pm, key, { fields: { duedate: daysFromNow(-1) } });
    const back = openFlags(storedFlags(host, key)).filter((f) => f.source === 'rule:schedule-slip');
    assert.equal(back.length, 1, 'new facts: raised again');
    assert.notEqual(back[0].id, flag.id);
    assert.match(back[0].note, new RegExp(daysFromNow(-1)));
  });

  test("the sprint's scope-creep flag dismissed stays down through daily runs, and comes back on the same issue when more work joins", async () => {
    const [creep] = openRuleFlags().filter((r) => r.flag.source === 'rule:scope-creep');
    assert.ok(creep, 'the demo sprint has scope creep');
    ok(await call(DEMO_USERS.pm, 'flags.resolve', { issueKey: creep.issueKey, flagId: creep.flag.id, resolution: 'Agreed with the client in the sprint review' }));
    await host.app.fireScheduledTrigger('flag-rules-daily');
    await host.app.idle();
    assert.deepEqual(openRuleFlags().filter((r) => r.flag.source === 'rule:scope-creep').map((r) => r.issueKey), []);

    // More work joins the sprint (created after it started): the facts change.
    const sprintId = Number(creep.flag.conditionKey!.split(':')[1]);
    const added = await createIssue(host, DEMO_USERS.pm, 'SHOP', 'Late request: wishlist sharing');
    host.sandbox.site.issues.find((i) => i.key === added)!.sprintIds.push(sprintId);
    await host.app.fireScheduledTrigger('flag-rules-daily');
    await host.app.idle();
    const again = openRuleFlags().filter((r) => r.flag.source === 'rule:scope-creep');
    assert.deepEqual(again.map((r) => r.issueKey), [creep.issueKey], 'one flag, on the issue that held it');
    assert.match(again[0].flag.note, new RegExp(`${added}\\.$|${added}, `));
  });
});

describe('switching the rules off', () => {
  test('the dry run says what it clears; saving clears every open rule flag at once, person flags stay', async () => {
    const key = shopIssues()[0].key;
    ok(await call(DEMO_USERS.dev1, 'flags.raise', { issueKey: key, category: 'uncharted-territory', severity: 'low', note: 'Nobody here knows this API', clientVisible: false }));
    const open = openRuleFlags().length;
    assert.ok(open > 0);
    const dry = ok(await call<FlagRulesDryRun>(DEMO_USERS.pm, 'flags.dryRun', { projectKey: 'SHOP', on: false, flagThresholds: thresholds }, PROJECT_PAGE));
    assert.deepEqual([dry.switching, dry.raised.total, dry.cleared.total], ['off', 0, open]);
    assert.equal(dry.summary, `Turning this off would clear ${open} flags and raise none.`);
    const saved = await enableRules(host, 'SHOP', {}, false);
    assert.equal(saved.rulesRun, 'queued');
    assert.deepEqual(openRuleFlags(), []);
    assert.equal(openFlags(storedFlags(host, key)).filter((f) => f.source === 'manual').length, 1);
  });
});

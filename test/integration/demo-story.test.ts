/**
 * The lived-in demo (issue 14, point 7): the demo story played on the demo site through the app's
 * resolvers, then every list a person opens first is read back through the resolvers as that
 * person — Maya (PM), Oliver (approver), Priya (team), Hannah (client), Riley (no role). The story
 * went through the app's checks: its asks were valid when asked (an overdue ask was asked before its
 * due date), a conversation on an ask and an ask waiting on the team, a paid change's price awaiting
 * the client's acceptance, the audit trail names the people who acted, and the same ask with a past due date is
 * refused now.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { STORY } from '../../local/demo/story';
import { playDemoStory } from '../../local/host/story';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { StoryResult } from '../../local/demo/story';
import { CHANGE_STEPS } from '../../src/changes/domain/changeVocabulary';
import { ASK_PANEL, callerFrom, daysFromNow, ok, PORTAL, PROJECT_PAGE, refused } from './support';

let host: TestHost;
let played: StoryResult;
let call: ReturnType<typeof callerFrom>;
const { pm, approver, dev1, clientPo, clientMarketing, outsider } = DEMO_USERS;
const SHOP = { projectKey: 'SHOP' };
const LOYALTY = 'Confirm loyalty programme rules with Northwind finance';
const UAT = 'UAT test plan and walkthrough session with Northwind';
const NEXT_DAY = 'Offer next-day delivery in mainland UK';

/** The SHOP issue with this summary. */
function keyOf(summary: string): string {
  const found = host.sandbox.site.issues.find((i) => i.key.startsWith('SHOP-') && i.summary === summary);
  assert.ok(found, `no SHOP issue "${summary}"`);
  return found.key;
}

beforeAll(async () => {
  host = await startTestHost();
  call = callerFrom(host, PROJECT_PAGE);
  played = await playDemoStory(host.app, host.sandbox.site);
  console.log(`Demo story: ${played.steps.length} steps in ${(played.ms / 1000).toFixed(1)} s`);
}, 180_000);
afterAll(async () => {
  await host?.close();
});

describe('the story played', () => {
  test('every step, in time order, all in the past, the clock back to the real time', () => {
    assert.equal(played.steps.length, STORY.length + 1);
    const times = played.steps.map((s) => Date.parse(s.at));
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
    assert.ok(times.every((t) => t <= Date.now()));
    // The last step is the rules' daily run, "now"; the first was two weeks or more ago.
    assert.ok(Date.now() - times[0] > 13 * 86_400_000);
    assert.ok(Math.abs(Date.now() - (performance.timeOrigin + performance.now())) < 5_000, 'the clock reads the real time again');
  });
});

describe('Maya (PM) finds every list filled', () => {
  test('client asks: waiting (one overdue by days, one due soon) and answered, grouped by client', async () => {
    const view = ok<any>(await call(pm, 'asks.project', SHOP));
    const rows = view.groups.flatMap((g: any) => g.rows);
    const states = new Set(rows.map((r: any) => r.ask.state));
    assert.ok(states.has('waiting') && states.has('answered'), JSON.stringify([...states]));
    const overdue = rows.filter((r: any) => r.overdue);
    assert.ok(overdue.length >= 2, `overdue asks: ${overdue.length}`);
    assert.ok(overdue.some((r: any) => r.businessDaysOverdue >= 2), 'overdue by days, not hours');
    assert.ok(rows.some((r: any) => r.ask.state === 'waiting' && !r.overdue));
    assert.deepEqual(new Set(view.groups.map((g: any) => g.client)), new Set([clientPo, clientMarketing]));
  });

  test('an accepted ask keeps its answer', async () => {
    const panel = ok<any>(await call(pm, 'asks.get', { issueKey: keyOf('301 redirects from old shop URLs') }, ASK_PANEL));
    assert.equal(panel.ask.state, 'accepted');
    assert.match(panel.ask.answer, /top 500 URLs/);
    assert.deepEqual(panel.history.map((e: any) => e.action), ['asked', 'answered', 'accepted']);
  });

  test('an ask with a question and its answer: Hannah asked which wording, Priya made the ask clearer, Hannah answered', async () => {
    const panel = ok<any>(await call(pm, 'asks.get', { issueKey: keyOf('Cookie consent banner') }, ASK_PANEL));
    assert.equal(panel.ask.state, 'answered');
    assert.deepEqual(panel.history.map((e: any) => [e.action, e.by]), [['asked', dev1], ['info-requested', clientPo], ['edited', dev1], ['answered', clientPo]]);
  });

  test('the overdue ask was valid when it was asked: asked before its due date, which is past now', async () => {
    const panel = ok<any>(await call(pm, 'asks.get', { issueKey: keyOf(LOYALTY) }, ASK_PANEL));
    assert.equal(panel.ask.state, 'waiting');
    assert.ok(panel.timing.overdue);
    assert.ok(panel.ask.askedAt.slice(0, 10) < panel.ask.due, `${panel.ask.askedAt} < ${panel.ask.due}`);
    assert.ok(panel.ask.due < panel.today);
  });

  test("a conversation on an ask: Hannah asked for more information, Maya replied the next working day, Hannah wrote back; the ask waits on Hannah again", async () => {
    const panel = ok<any>(await call(pm, 'asks.get', { issueKey: keyOf(LOYALTY) }, ASK_PANEL));
    assert.equal(panel.ask.state, 'waiting');
    const thread = panel.history.filter((e: any) => e.action !== 'asked');
    assert.deepEqual(thread.map((e: any) => [e.action, e.by]), [['info-requested', clientPo], ['replied', pm], ['message', clientPo]]);
    assert.match(thread[0].note, /discount code/);
    assert.match(thread[1].note, /amount paid after the discount/);
    assert.match(thread[2].note, /Finance meets on Thursday/);
    assert.ok(thread[0].at.slice(0, 10) < thread[1].at.slice(0, 10), 'the reply came on a later day');
    assert.equal(panel.can.post, true, 'Maya may write in it');
  });

  test('an ask waiting on the team: Hannah\'s question on the UAT ask is still open', async () => {
    const rows = ok<any>(await call(pm, 'asks.project', SHOP)).groups.flatMap((g: any) => g.rows);
    const waitingOnTeam = rows.filter((r: any) => r.ask.state === 'question');
    assert.deepEqual(waitingOnTeam.map((r: any) => r.issueKey), [keyOf(UAT)]);
    const panel = ok<any>(await call(pm, 'asks.get', { issueKey: keyOf(UAT) }, ASK_PANEL));
    assert.deepEqual(panel.history.map((e: any) => [e.action, e.by]), [['asked', pm], ['info-requested', clientPo]]);
    assert.match(panel.ask.infoRequest, /two one-hour sessions/);
  });

  test('change requests at every step of the workflow', async () => {
    const register = ok<any>(await call(pm, 'changes.register', SHOP));
    const steps = new Set(register.rows.map((r: any) => r.step));
    assert.deepEqual([...CHANGE_STEPS].filter((s) => !steps.has(s)), [], 'steps with no change request');
  });

  test('red flags: manual ones (one a client\'s "I am confused", one resolved) and the rules\'', async () => {
    const open = ok<any>(await call(pm, 'flags.project', SHOP));
    assert.equal(open.rulesActive, true);
    const sources = open.rows.map((r: any) => r.flag.source as string);
    assert.ok(sources.includes('manual'), 'no manual flag');
    assert.ok(sources.some((s: string) => s.startsWith('rule')), 'no rule flag');
    assert.ok(open.rows.some((r: any) => r.flag.category === 'client-confused' && r.flag.raisedBy === clientPo));
    const all = ok<any>(await call(pm, 'flags.project', { ...SHOP, status: 'all' }));
    assert.ok(all.rows.some((r: any) => r.flag.resolvedAt && r.flag.source === 'manual'), 'no resolved manual flag');
  });

  test('two published client reports a week apart, each drafted, revised, then published; the later one compares with the earlier forecast', async () => {
    const list = ok<any>(await call(pm, 'reports.list', SHOP));
    const published = list.snapshots.filter((r: any) => r.status === 'published' && r.audience === 'client');
    assert.equal(published.length, 2);
    assert.ok(published.every((r: any) => r.version === 3), 'saved, saved again, published');
    const [latest, earlier] = published;
    assert.ok(latest.period.from > earlier.period.from);
    assert.ok(latest.previousForecast, 'the later report has the earlier forecast to compare with');
    assert.ok(list.snapshots.some((r: any) => r.status === 'draft'), 'a draft besides');
    const report = ok<any>(await call(pm, 'reports.get', { ...SHOP, reportId: latest.id }));
    assert.equal(report.model.status.effective, 'at-risk');
    assert.match(report.model.narrative.forecast, /Klarna/);
  });

  test('one share link, live, to the latest client report', async () => {
    const shares = ok<any>(await call(pm, 'shares.list', SHOP));
    const latest = ok<any>(await call(pm, 'reports.list', SHOP)).snapshots.find((r: any) => r.status === 'published');
    assert.equal(shares.links.length, 1);
    assert.equal(shares.links[0].state, 'active');
    assert.equal(shares.links[0].reportId, latest.id);
  });

  test("the audit trail names the people who acted, each through the app's own actions", async () => {
    const entries: any[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const answer = ok<any>(await call(pm, 'settings.audit', { ...SHOP, limit: 50, ...(cursor ? { cursor } : {}) }));
      entries.push(...answer.entries);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    const byPerson = (accountId: string) => new Set(entries.filter((e) => e.actor === accountId).map((e) => e.action));
    const actions = (accountId: string) => [...byPerson(accountId)].sort().join(' ');
    for (const a of ['settings.save', 'ask.asked', 'ask.accepted', 'ask.replied', 'change.acknowledged', 'change.price-offered', 'report.draft', 'report.update', 'report.publish', 'share.create', 'flag.raise']) {
      assert.ok(byPerson(pm).has(a), `Maya's actions: ${actions(pm)}; missing ${a}`);
    }
    for (const a of ['change.decided', 'report.publish']) assert.ok(byPerson(approver).has(a), `Oliver's actions: ${actions(approver)}; missing ${a}`);
    for (const a of ['ask.answered', 'ask.info-requested', 'ask.message', 'change.raised', 'change.withdrawn', 'flag.confused']) assert.ok(byPerson(clientPo).has(a), `Hannah's actions: ${actions(clientPo)}; missing ${a}`);
    assert.ok(entries.some((e) => e.actor === 'rule' && e.action === 'flag.rules'), 'the rules\' run');
  });
});

describe('the others find theirs', () => {
  test('Oliver (approver): a change request awaiting his approval, the decisions he took, the reports', async () => {
    const register = ok<any>(await call(approver, 'changes.register', SHOP));
    assert.ok(register.rows.some((r: any) => r.step === 'awaiting-approval'));
    assert.ok(ok<any>(await call(approver, 'reports.list', SHOP)).snapshots.length >= 3);
    assert.ok(ok<any>(await call(approver, 'flags.project', SHOP)).rows.length > 0);
  });

  test('Priya (team): the asks she set, the flags, the change requests', async () => {
    const asks = ok<any>(await call(dev1, 'asks.project', SHOP));
    assert.ok(asks.groups.flatMap((g: any) => g.rows).some((r: any) => r.ask.askedBy === dev1));
    assert.ok(ok<any>(await call(dev1, 'flags.project', SHOP)).rows.length > 0);
    assert.ok(ok<any>(await call(dev1, 'changes.register', SHOP)).rows.length >= CHANGE_STEPS.length);
  });

  test('Hannah (client): her asks (one overdue), her change requests, both published reports and the status, in her portal', async () => {
    const home = ok<any>(await call(clientPo, 'portal.home', {}, PORTAL));
    const shop = home.projects.find((p: any) => p.projectKey === 'SHOP');
    assert.ok(shop, 'SHOP in her portal');
    assert.ok(home.myAsks.asks.some((a: any) => a.overdue), 'an overdue ask');
    assert.ok(home.myAsks.asks.every((a: any) => a.ask.client === clientPo));
    assert.equal(shop.summary.reports.total, 2);
    assert.equal(shop.summary.status.effective, 'at-risk');
    const changes = home.myChanges.projects.flatMap((p: any) => p.changes);
    assert.ok(changes.length >= 4, `her change requests: ${changes.length}`);
    assert.ok(changes.every((c: any) => c.requestedBy.accountId === clientPo));
  });

  test('Hannah (client): the loyalty ask\'s conversation and her open question on the UAT ask, in her portal', async () => {
    const home = ok<any>(await call(clientPo, 'portal.home', {}, PORTAL));
    const mine = (summary: string) => home.myAsks.asks.find((a: any) => a.issueKey === keyOf(summary));
    assert.equal(mine(UAT)?.ask.state, 'question', JSON.stringify(mine(UAT)));
    assert.equal(mine(LOYALTY)?.ask.state, 'waiting');
    const panel = ok<any>(await call(clientPo, 'asks.get', { issueKey: keyOf(LOYALTY) }, PORTAL));
    assert.deepEqual(panel.history.map((e: any) => [e.action, e.by]), [['asked', pm], ['info-requested', clientPo], ['replied', pm], ['message', clientPo]]);
  });

  test('Hannah (client): the paid change\'s price awaits her acceptance, with a week\'s deadline ahead', async () => {
    const home = ok<any>(await call(clientPo, 'portal.home', {}, PORTAL));
    const change = home.myChanges.projects.flatMap((p: any) => p.changes).find((c: any) => c.issueKey === keyOf(NEXT_DAY));
    assert.ok(change, 'next-day delivery among her change requests');
    assert.equal(change.step, 'approved');
    assert.equal(change.priceOffer?.state, 'awaiting', JSON.stringify(change.priceOffer));
    assert.deepEqual(change.priceOffer.price, { amount: 3200, currency: 'EUR' });
    assert.ok(change.priceOffer.deadline > daysFromNow(0), `deadline ${change.priceOffer.deadline} is ahead`);
    const sentDay = Date.parse(change.priceOffer.sentAt.slice(0, 10));
    const days = (Date.parse(change.priceOffer.deadline) - sentDay) / 86_400_000;
    assert.ok(days >= 6 && days <= 7, `a week to accept: ${days} days`);
    assert.equal(change.can.respondToPrice, true);
    const register = ok<any>(await call(pm, 'changes.register', SHOP));
    const awaiting = register.rows.filter((r: any) => r.priceResponse?.state === 'awaiting');
    assert.deepEqual(awaiting.map((r: any) => [r.issueKey, r.priceResponse.deadline]), [[keyOf(NEXT_DAY), change.priceOffer.deadline]]);
  });

  test('Riley (no role): nothing of SHOP, and refused its lists', async () => {
    const home = ok<any>(await call(outsider, 'portal.home', {}, PORTAL));
    assert.deepEqual(home.projects, []);
    refused(await call(outsider, 'asks.project', SHOP), 'FORBIDDEN');
    refused(await call(outsider, 'reports.list', SHOP), 'FORBIDDEN');
  });
});

describe('the story could not have cheated', () => {
  test('asking now with a due date in the past is refused, as the form refuses it', async () => {
    const error = refused(await call(pm, 'asks.set', { issueKey: keyOf('Go-live runbook and rollback plan'), client: clientPo, ask: 'Please confirm the go-live date', due: daysFromNow(-2) }, ASK_PANEL), 'VALIDATION');
    assert.ok(error.fields?.due, JSON.stringify(error));
  });
});

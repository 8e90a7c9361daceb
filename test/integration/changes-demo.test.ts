/**
 * The demo's seeded change requests are complete — the internal documents, the client's message and
 * the audit trail are there as the app would have written them — and what `changes.get` offers
 * (`can.*`) is what the actions accept: for every seeded change request and every demo person, each
 * step offered succeeds when taken (the site and storage are put back between steps).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { CHANGE_REQUEST_TYPE_ID, demoChangeStorage, seedDemoStorage } from '../../local/demo/changeRequests';
import { buildDemoSite, DEMO_USERS, PERSONAS } from '../../local/demo/site';
import { loadManifest } from '../../local/host/manifest';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { ChangeAbilities, ChangeView } from '../../src/changes/domain/changeVocabulary';
import { listAudit } from '../../src/platform/store/auditStore';
import { callerFrom, ok, type Answer } from './support';

const LIAISON_ENTITIES = loadManifest('manifest.yml').entities;

const PANEL = 'change-request-panel';

describe('the demo change requests', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  let seededKeys: string[] = [];
  let storyKey = '';

  beforeAll(async () => {
    host = await startTestHost({ site: buildDemoSite() });
    call = callerFrom(host, PANEL);
    const shop = host.sandbox.site.projects.find((p) => p.key === 'SHOP')!;
    seededKeys = host.sandbox.site.issues.filter((i) => i.projectId === shop.id && i.issueTypeId === CHANGE_REQUEST_TYPE_ID).map((i) => i.key);
    storyKey = host.sandbox.site.issues.find((i) => i.projectId === shop.id && i.issueTypeId !== CHANGE_REQUEST_TYPE_ID)!.key;
  });
  afterAll(async () => host?.close());

  /** Puts the sandbox and the KVS back as the demo starts. */
  async function restore(): Promise<void> {
    await host.app.idle();
    const reset = await fetch(`${host.sandbox.url}/__sandbox/reset`, { method: 'POST' });
    assert.equal(reset.status, 204);
    host.kvs.clear();
    seedDemoStorage(host.kvs, host.sandbox.site, LIAISON_ENTITIES);
  }

  const view = (accountId: string, issueKey: string) => call<ChangeView>(accountId, 'changes.get', { issueKey });

  test('three are seeded; the one told to the client holds its assessment, decision, message and audit trail', async () => {
    assert.equal(seededKeys.length, 3);
    const views = await Promise.all(seededKeys.map(async (k) => ok(await view(DEMO_USERS.pm, k))));
    assert.deepEqual(views.map((v) => v.step).sort(), ['acknowledged', 'client-informed', 'logged']);
    const informed = views.find((v) => v.step === 'client-informed')!;
    assert.equal(informed.summary, 'Show stock levels per store on the product page');
    assert.equal(informed.version, 6); // raised, then five steps (the client accepted the price)
    assert.equal(informed.viewer, 'team');
    assert.deepEqual(informed.decision?.price, { amount: 4800, currency: 'EUR' });
    assert.equal(informed.decision?.by?.accountId, DEMO_USERS.approver);
    assert.match(informed.decision?.rationale ?? '', /Outside the agreed catalogue scope/);
    assert.equal(informed.assessment?.effortDays, 6);
    assert.equal(informed.assessment?.scheduleDays, 4);
    assert.equal(informed.assessment?.notes.length, 2);
    assert.deepEqual(informed.history.map((h) => h.action), [
      'acknowledged', 'assessed and submitted for approval', 'approved as a paid change (EUR 4,800)',
      `price EUR 4,800 sent to the client, to accept by ${informed.priceOffer?.deadline}`, 'price EUR 4,800 accepted by the client',
    ]);
    assert.equal(informed.priceOffer?.state, 'accepted');
    assert.match(informed.clientMessage ?? '', /^Hello Hannah Becker,\n\nabout your change request SHOP-\d+ "Show stock levels per store on the product page": we can do it as a paid change for EUR 4,800\. It adds about 4 working days/);
    // The message is also the comment the client reads in Jira.
    const issue = host.sandbox.site.issues.find((i) => i.key === informed.issueKey)!;
    assert.equal(issue.comments.length, 1);
    assert.match(JSON.stringify(issue.comments[0].body), /we can do it as a paid change for EUR 4,800/);
    const audit = await listAudit('SHOP', { limit: 100 });
    assert.deepEqual(
      audit.entries.filter((e) => e.target === `issue:${informed.issueKey}`).map((e) => e.action).sort(),
      ['change.acknowledged', 'change.assessed', 'change.decided', 'change.price-accepted', 'change.price-offered'],
    );

    // The client who raised it sees the message and the outcome (the price field only where the
    // project shows costs to clients, which the demo's SHOP does not), never the internal note or rationale.
    const client = ok(await view(DEMO_USERS.clientPo, informed.issueKey));
    assert.equal(client.viewer, 'client');
    assert.equal(client.clientMessage, informed.clientMessage);
    assert.deepEqual(client.decision, { outcome: 'paid', at: informed.decision!.at });
    assert.deepEqual(client.assessment?.notes.map((n) => n.visibility), ['client']);
  });

  test('seeding again writes nothing, and storage is not seeded for a change request moved since', async () => {
    assert.equal(seedDemoStorage(host.kvs, host.sandbox.site, LIAISON_ENTITIES), 0);
    const moved = structuredClone(host.sandbox.site);
    const informed = moved.issues.find((i) => i.summary === 'Show stock levels per store on the product page')!;
    (informed.properties['liaison-change'] as { step: string }).step = 'approved';
    assert.deepEqual(demoChangeStorage(moved).filter((r) => r.entityName === 'change').length, 2, 'only the untouched logged and acknowledged ones');
  });

  const ACTIONS: Record<keyof ChangeAbilities, (v: ChangeView) => [string, Record<string, unknown>]> = {
    acknowledge: (v) => ['changes.acknowledge', { issueKey: v.issueKey, version: v.version }],
    assess: (v) => ['changes.assess', { issueKey: v.issueKey, version: v.version, effortDays: 2, scheduleDays: 1, cost: 800, currency: 'EUR', scope: 'Checkout', notes: [], submit: false }],
    submitForApproval: (v) => ['changes.assess', { issueKey: v.issueKey, version: v.version, effortDays: 2, scheduleDays: 1, cost: 800, currency: 'EUR', scope: 'Checkout', notes: [], submit: true }],
    decide: (v) => ['changes.decide', { issueKey: v.issueKey, version: v.version, outcome: 'unpaid', rationale: 'Small enough to absorb' }],
    withdraw: (v) => ['changes.withdraw', { issueKey: v.issueKey, version: v.version, reason: 'No longer needed' }],
    inform: (v) => ['changes.inform', { issueKey: v.issueKey, version: v.version, message: 'Hello, here is the decision.' }],
    linkImplementation: (v) => ['changes.linkImplementation', { issueKey: v.issueKey, version: v.version, link: [storyKey] }],
    respondToPrice: (v) => ['changes.respondToPrice', { issueKey: v.issueKey, version: v.version, response: 'accept' }],
    post: (v) => ['changes.post', { issueKey: v.issueKey, message: 'A question about this change' }],
  };

  test('for every seeded change request and person, each step offered is accepted when taken', async () => {
    const offered: string[] = [];
    for (const issueKey of seededKeys) {
      for (const persona of PERSONAS) {
        const accountId = DEMO_USERS[persona];
        const answer = await view(accountId, issueKey);
        if (!answer.ok) continue; // not theirs to see: nothing is offered
        for (const [ability, yes] of Object.entries(answer.data.can) as [keyof ChangeAbilities, boolean][]) {
          if (!yes) continue;
          const [functionKey, payload] = ACTIONS[ability](answer.data);
          const done = (await call(accountId, functionKey, payload)) as Answer<ChangeView>;
          assert.equal(done.ok, true, `${persona} was offered ${ability} on ${issueKey} (${answer.data.step}) but ${functionKey} answered ${JSON.stringify(done)}`);
          offered.push(`${answer.data.step}:${ability}:${persona}`);
          await restore();
        }
      }
    }
    // What the demo offers, worked out from DESIGN.md's role table and each step's rules.
    const team = ['pm', 'approver', 'dev1', 'dev2', 'dev3', 'dev4'];
    assert.deepEqual(offered.sort(), [
      ...team.map((p) => `logged:acknowledge:${p}`),
      'logged:withdraw:pm', 'logged:withdraw:clientMarketing',
      ...['pm', 'dev1', 'dev2', 'dev3', 'dev4'].flatMap((p) => [`acknowledged:assess:${p}`, `acknowledged:submitForApproval:${p}`]),
      'acknowledged:withdraw:pm', 'acknowledged:withdraw:clientPo',
      ...['pm', 'dev1', 'dev2', 'dev3', 'dev4'].map((p) => `client-informed:linkImplementation:${p}`),
      // The conversation: the whole team, and the client who raised each one.
      ...['logged', 'acknowledged', 'client-informed'].flatMap((step) => team.map((p) => `${step}:post:${p}`)),
      'logged:post:clientMarketing', 'acknowledged:post:clientPo', 'client-informed:post:clientPo',
    ].sort());
  });
});

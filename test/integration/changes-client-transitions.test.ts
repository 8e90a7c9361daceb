/**
 * A client whose Jira role may transition issues (a permission scheme Settings' client access check
 * warns about) moves change requests in Jira itself, with nothing but an API token, some with a
 * planted `liaison-change` in the transition body. The workflow validator takes what each step
 * needs from the record only: a step that needs a decision, a withdrawal or the client's message
 * Liaison did not record is refused, the record stays as it was, and the requester still sees no
 * decision until someone told them.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { CHANGE_STATUS_IDS } from '../../local/demo/changeRequests';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { RULE_MESSAGES } from '../../src/changes/domain/changeRequest';
import { readChange } from '../../src/changes/store/changeStore';
import { permissiveDemoSite } from './forgery-suite';
import { callerFrom, issue, jiraAs, jiraWithToken, ok, PORTAL, PROJECT_PAGE } from './support';

describe('a client moving a change request in Jira', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  let key = '';

  beforeAll(async () => {
    host = await startTestHost({ site: permissiveDemoSite() });
    call = callerFrom(host, PROJECT_PAGE);
    // Hannah's change request, assessed and approved as paid; nobody has told her yet.
    key = ok<{ issueKey: string }>(await call(DEMO_USERS.clientPo, 'changes.raise', { projectKey: 'SHOP', summary: 'Add a wish list', description: 'Save items for later.' }, PORTAL)).issueKey;
    ok(await call(DEMO_USERS.dev1, 'changes.acknowledge', { issueKey: key, version: 1 }));
    ok(await call(DEMO_USERS.dev1, 'changes.assess', { issueKey: key, version: 2, effortDays: 5, scheduleDays: 3, cost: 4000, currency: 'EUR', scope: 'Account area', notes: [], submit: true }));
    ok(await call(DEMO_USERS.approver, 'changes.decide', { issueKey: key, version: 3, outcome: 'paid', price: { amount: 6500, currency: 'EUR' }, rationale: 'New scope' }));
    await host.app.idle();
  });
  afterAll(async () => host?.close());

  const transitionTo = async (persona: 'clientPo' | 'clientMarketing', toStatusId: string, properties?: unknown[]) => {
    const offered = await jiraAs(host, DEMO_USERS[persona], 'GET', `/rest/api/3/issue/${key}/transitions`);
    const transition = (offered.json.transitions as { id: string; to: { id: string } }[]).find((t) => t.to.id === toStatusId);
    assert.ok(transition, `Jira offers a transition to ${toStatusId} from ${issue(host, key).statusId}`);
    return jiraWithToken(host, persona)('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: transition.id }, ...(properties ? { properties } : {}) });
  };

  test('the requester cannot mark herself told, not even with a planted property saying so', async () => {
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS.approved);
    const before = await readChange(issue(host, key).id);
    const planted = [{ key: 'liaison-change', value: { schema: 2, step: 'client-informed', decision: { outcome: 'paid', price: { amount: 6500, currency: 'EUR' } } } }];
    for (const properties of [undefined, planted]) {
      const moved = await transitionTo('clientPo', CHANGE_STATUS_IDS['client-informed'], properties);
      assert.equal(moved.status, 400, JSON.stringify(moved.json));
      // A paid change: only the client's acceptance of the price, in Liaison, informs her.
      assert.deepEqual(moved.json.errorMessages, [RULE_MESSAGES.needsPriceAccepted]);
    }
    await host.app.idle();
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS.approved);
    const after = await readChange(issue(host, key).id);
    assert.equal(after.version, before.version);
    assert.equal(after.doc.clientInformedAt, undefined);
    // Until someone tells her, her own view names no decision and no price.
    const view = ok<any>(await call(DEMO_USERS.clientPo, 'changes.get', { issueKey: key }, PORTAL));
    assert.equal(view.decision, undefined);
    assert.equal(view.step, 'awaiting-approval');
    assert.ok(!JSON.stringify(view).includes('6500'));
    // And Jira's property names neither the decision nor a deciding step.
    assert.deepEqual(issue(host, key).properties['liaison-change'], { schema: 2, step: 'in-review' });
  });

  test("another client cannot withdraw someone else's change request", async () => {
    const other = ok<{ issueKey: string }>(await call(DEMO_USERS.clientPo, 'changes.raise', { projectKey: 'SHOP', summary: 'Gift wrapping option', description: 'At checkout.' }, PORTAL)).issueKey;
    const saved = key;
    key = other;
    try {
      const withdraw = await transitionTo('clientMarketing', CHANGE_STATUS_IDS.withdrawn);
      assert.equal(withdraw.status, 400, JSON.stringify(withdraw.json));
      assert.deepEqual(withdraw.json.errorMessages, [RULE_MESSAGES.needsWithdrawal]);
      await host.app.idle();
      assert.equal(issue(host, other).statusId, CHANGE_STATUS_IDS.logged);
      assert.equal((await readChange(issue(host, other).id)).doc.decision, undefined);
      // Her own withdrawal, through Liaison, records it first and passes the same validator.
      const view = ok<any>(await call(DEMO_USERS.clientPo, 'changes.get', { issueKey: other }, PORTAL));
      ok(await call(DEMO_USERS.clientPo, 'changes.withdraw', { issueKey: other, version: view.version, reason: 'Not needed after all' }, PORTAL));
      assert.equal(issue(host, other).statusId, CHANGE_STATUS_IDS.withdrawn);
    } finally {
      key = saved;
    }
  });
});

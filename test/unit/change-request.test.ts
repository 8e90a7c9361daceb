import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { calendarFromPlan } from '../../src/platform/domain/businessDays';
import { changeProjection, emptyDocument, RULE_MESSAGES, transitionRefusal, type ChangeDocument } from '../../src/changes/domain/changeRequest';
import { abilities, acknowledgeChange, assessChange, decideChange, informClient, postChangeMessage, priceOfferState, respondToPrice, withdrawChange } from '../../src/changes/domain/changeSteps';
import { acknowledgement, buildChangeView, draftClientMessage, registerCsv, registerRow, registerTotals } from '../../src/changes/domain/changeRequestView';
import { provisionedMapping, setupPlan, workflowCreatePayload, type SetupFacts } from '../../src/changes/domain/changeRequestSetup';
import { AppError } from '../../src/platform/domain/errors';

const cal = calendarFromPlan({ workingDays: ['MON', 'TUE', 'WED', 'THU', 'FRI'], holidays: [{ date: '2026-03-11' }] });
const ids = () => { let n = 0; return () => `n${++n}`; };
const AT = '2026-03-09T10:00:00.000Z';

function assessed(): ChangeDocument {
  const acked = acknowledgeChange('logged', emptyDocument(), 'dev', AT).doc;
  return assessChange('acknowledged', acked, { effortDays: 4, scheduleDays: 2, cost: 3200, currency: 'EUR', scope: 'Checkout', notes: [{ text: 'internal margin note', visibility: 'internal' }, { text: 'Ready in two weeks', visibility: 'client' }], submit: true }, 'dev', AT, ids()).doc;
}

describe('change request steps', () => {
  test('acknowledge only from logged; assess with submit goes to awaiting approval, without it to assessing', () => {
    const acked = acknowledgeChange('logged', emptyDocument(), 'dev', AT);
    assert.equal(acked.to, 'acknowledged');
    assert.equal(acked.doc.acknowledgedBy, 'dev');
    assert.throws(() => acknowledgeChange('acknowledged', acked.doc, 'dev', AT), (e: AppError) => e.code === 'CONFLICT' && /is acknowledged: it cannot be acknowledged now/.test(e.message));
    const input = { effortDays: 1, scheduleDays: 0, cost: 0, currency: 'EUR', scope: '', notes: [], submit: false };
    assert.equal(assessChange('acknowledged', acked.doc, input, 'dev', AT, ids()).to, 'assessing');
    assert.equal(assessChange('assessing', acked.doc, { ...input, submit: true }, 'dev', AT, ids()).to, 'awaiting-approval');
    assert.equal(assessChange('awaiting-approval', acked.doc, input, 'dev', AT, ids()).to, undefined);
    assert.throws(() => assessChange('logged', emptyDocument(), input, 'dev', AT, ids()), /cannot be assessed now/);
  });

  test('a paid decision needs a price; a second decision is refused naming the first', () => {
    const doc = assessed();
    assert.throws(() => decideChange('awaiting-approval', doc, { outcome: 'paid', rationale: 'r' }, 'boss', AT), (e: AppError) => e.code === 'VALIDATION' && e.fields?.['price.amount'] !== undefined);
    assert.throws(() => decideChange('awaiting-approval', doc, { outcome: 'unpaid', price: { amount: 1, currency: 'EUR' }, rationale: 'r' }, 'boss', AT), /Only a paid change has a price/);
    const paid = decideChange('awaiting-approval', doc, { outcome: 'paid', price: { amount: 1234.5, currency: 'EUR' }, rationale: 'r' }, 'boss', AT);
    assert.equal(paid.to, 'approved');
    assert.equal(paid.action, 'approved as a paid change (EUR 1,234.5)');
    assert.throws(() => decideChange('approved', paid.doc, { outcome: 'declined', rationale: 'no' }, 'boss2', AT), /already approved as a paid change \(EUR 1,234\.5\)/);
    assert.equal(decideChange('awaiting-approval', doc, { outcome: 'declined', rationale: 'no' }, 'boss', AT).to, 'declined');
    assert.throws(() => withdrawChange('approved', paid.doc, 'x', 'pm', AT), /already approved/);
    // A paid change's price goes to the client with a deadline; the issue stays approved.
    const offered = informClient('approved', paid.doc, 'Hello', 'pm', AT, '2026-03-16');
    assert.equal(offered.to, undefined);
    assert.deepEqual(offered.doc.priceOffer, { price: { amount: 1234.5, currency: 'EUR' }, deadline: '2026-03-16', sentAt: AT, sentBy: 'pm' });
    assert.equal(informClient('declined', decideChange('awaiting-approval', doc, { outcome: 'declined', rationale: 'no' }, 'boss', AT).doc, 'Hello', 'pm', AT).to, 'client-informed');
    assert.throws(() => informClient('awaiting-approval', doc, 'Hello', 'pm', AT), /cannot be told to the client now/);
  });

  test('abilities follow step and role; a client may only withdraw their own open request', () => {
    const doc = assessed();
    assert.deepEqual(abilities('awaiting-approval', doc, 'client1', { accountId: 'a', roles: ['approver'] }), { acknowledge: false, assess: false, submitForApproval: false, decide: true, withdraw: false, inform: false, linkImplementation: false, respondToPrice: false, post: true });
    assert.equal(abilities('awaiting-approval', doc, 'client1', { accountId: 'client1', roles: ['client'] }).post, true);
    assert.equal(abilities('awaiting-approval', doc, 'client1', { accountId: 'client2', roles: ['client'] }).post, false);
    assert.equal(abilities('awaiting-approval', doc, 'client1', { accountId: 'client1', roles: ['client'] }).withdraw, true);
    assert.equal(abilities('awaiting-approval', doc, 'client1', { accountId: 'client2', roles: ['client'] }).withdraw, false);
    assert.equal(abilities('logged', emptyDocument(), 'c', { accountId: 't', roles: ['team'] }).acknowledge, true);
  });
});

describe('the price of a paid change, answered by the client who raised it', () => {
  const paidDoc = () => decideChange('awaiting-approval', assessed(), { outcome: 'paid', price: { amount: 900, currency: 'EUR' }, rationale: 'r' }, 'boss', AT).doc;
  const offered = () => informClient('approved', paidDoc(), 'Hello', 'pm', AT, '2026-03-13').doc;
  const code = (fn: () => unknown, expected: string, message: RegExp) => assert.throws(fn, (e: AppError) => e.code === expected && message.test(e.message));

  test('the deadline is required, not past, at most 90 days; a standing offer blocks a second until it expires', () => {
    code(() => informClient('approved', paidDoc(), 'Hi', 'pm', AT), 'VALIDATION', /Choose until when/);
    code(() => informClient('approved', paidDoc(), 'Hi', 'pm', AT, '2026-03-08'), 'VALIDATION', /in the past/);
    code(() => informClient('approved', paidDoc(), 'Hi', 'pm', AT, '2026-06-08'), 'VALIDATION', /too far away/);
    code(() => informClient('approved', offered(), 'Hi', 'pm', AT, '2026-03-14'), 'CONFLICT', /has until 2026-03-13/);
    // Expired: a new offer may be sent.
    assert.equal(informClient('approved', offered(), 'Hi', 'pm', '2026-03-16T09:00:00.000Z', '2026-03-20').doc.priceOffer?.deadline, '2026-03-20');
    assert.equal(priceOfferState(offered().priceOffer!, '2026-03-13'), 'awaiting');
    assert.equal(priceOfferState(offered().priceOffer!, '2026-03-14'), 'expired');
  });

  test('accept: Client informed (told when the offer was sent); decline: the decision is reopened and kept; only the requester, only once, not after the deadline', () => {
    const accepted = respondToPrice('approved', offered(), { response: 'accept' }, 'client1', 'client1', '2026-03-10T09:00:00.000Z');
    assert.equal(accepted.to, 'client-informed');
    assert.deepEqual([accepted.doc.clientInformedAt, accepted.doc.clientInformedBy, accepted.doc.priceOffer?.response], [AT, 'pm', 'accepted']);
    assert.equal(transitionRefusal({ to: 'client-informed', doc: accepted.doc, deciderIsApprover: false }), null);
    const declined = respondToPrice('approved', offered(), { response: 'decline', reason: 'Too much' }, 'client1', 'client1', '2026-03-10T09:00:00.000Z');
    assert.equal(declined.to, 'awaiting-approval');
    assert.equal(declined.doc.decision, undefined);
    assert.equal(declined.doc.priceOffer, undefined);
    assert.deepEqual(declined.doc.reopened?.map((r) => [r.decision.price?.amount, r.offer.response, r.offer.reason]), [[900, 'declined', 'Too much']]);
    assert.equal(transitionRefusal({ to: 'awaiting-approval', doc: declined.doc, deciderIsApprover: false }), null);
    assert.equal(respondToPrice('approved', offered(), { response: 'decline' }, 'client1', 'client1', AT).doc.reopened?.[0].offer.reason, undefined);
    code(() => respondToPrice('approved', offered(), { response: 'accept' }, 'client1', 'pm', AT), 'FORBIDDEN', /Only the client who raised/);
    code(() => respondToPrice('approved', accepted.doc, { response: 'decline' }, 'client1', 'client1', AT), 'CONFLICT', /no price waiting/);
    code(() => respondToPrice('approved', paidDoc(), { response: 'accept' }, 'client1', 'client1', AT), 'CONFLICT', /no price waiting/);
    code(() => respondToPrice('approved', offered(), { response: 'accept' }, 'client1', 'client1', '2026-03-14T09:00:00.000Z'), 'CONFLICT', /could be accepted until 2026-03-13/);
    // Abilities: the requester may answer an open offer, not an expired one; nobody else.
    assert.equal(abilities('approved', offered(), 'client1', { accountId: 'client1', roles: ['client'] }, '2026-03-12').respondToPrice, true);
    assert.equal(abilities('approved', offered(), 'client1', { accountId: 'client1', roles: ['client'] }, '2026-03-14').respondToPrice, false);
    assert.equal(abilities('approved', offered(), 'client1', { accountId: 'pm', roles: ['manager'] }, '2026-03-12').respondToPrice, false);
  });

  test('the workflow rules: a paid change reaches Client informed only once its price is accepted; back to awaiting approval only with the decision reopened', () => {
    const informedWithoutAcceptance = { ...offered(), clientInformedAt: AT };
    assert.equal(transitionRefusal({ to: 'client-informed', doc: informedWithoutAcceptance, deciderIsApprover: false }), RULE_MESSAGES.needsPriceAccepted);
    assert.equal(transitionRefusal({ to: 'awaiting-approval', doc: paidDoc(), deciderIsApprover: true }), RULE_MESSAGES.reopenedByClient);
  });

  test('messages are kept in order, the oldest dropped beyond the limit', () => {
    let doc = assessed();
    for (let i = 0; i < 102; i++) doc = postChangeMessage(doc, `m${i}`, i % 2 ? 'client1' : 'pm', i % 2 ? 'client' : 'team', AT);
    assert.equal(doc.messages?.length, 100);
    assert.deepEqual([doc.messages?.[0].text, doc.messages?.at(-1)?.text, doc.messages?.at(-1)?.side], ['m2', 'm101', 'client']);
  });
});

describe('workflow rules', () => {
  test('each rule refuses with its message', () => {
    const empty = emptyDocument();
    assert.equal(transitionRefusal({ to: 'awaiting-approval', doc: empty, deciderIsApprover: false }), RULE_MESSAGES.needsAssessment);
    assert.equal(transitionRefusal({ to: 'awaiting-approval', doc: assessed(), deciderIsApprover: false }), null);
    assert.equal(transitionRefusal({ to: 'approved', doc: empty, deciderIsApprover: true }), RULE_MESSAGES.needsOutcome);
    const paidNoPrice = { ...assessed(), decision: { outcome: 'paid' as const, rationale: '', by: 'b', at: AT } };
    assert.equal(transitionRefusal({ to: 'approved', doc: paidNoPrice, deciderIsApprover: true }), RULE_MESSAGES.needsPrice);
    const unpaid = { ...assessed(), decision: { outcome: 'unpaid' as const, rationale: '', by: 'b', at: AT } };
    assert.equal(transitionRefusal({ to: 'approved', doc: unpaid, deciderIsApprover: false }), RULE_MESSAGES.approverOnly);
    assert.equal(transitionRefusal({ to: 'approved', doc: unpaid, deciderIsApprover: true }), null);
    assert.equal(transitionRefusal({ to: 'declined', doc: unpaid, deciderIsApprover: true }), RULE_MESSAGES.needsDeclineDecision);
    assert.equal(transitionRefusal({ to: 'client-informed', doc: empty, deciderIsApprover: false }), RULE_MESSAGES.needsDecision);
    // Moved in Jira (by anyone Jira lets transition, a client included) without Liaison's record of the step: refused.
    assert.equal(transitionRefusal({ to: 'client-informed', doc: unpaid, deciderIsApprover: true }), RULE_MESSAGES.needsInforming);
    assert.equal(transitionRefusal({ to: 'client-informed', doc: { ...unpaid, clientInformedAt: AT }, deciderIsApprover: false }), null);
    assert.equal(transitionRefusal({ to: 'withdrawn', doc: empty, deciderIsApprover: false }), RULE_MESSAGES.needsWithdrawal);
    assert.equal(transitionRefusal({ to: 'withdrawn', doc: unpaid, deciderIsApprover: true }), RULE_MESSAGES.needsWithdrawal);
    assert.equal(transitionRefusal({ to: 'withdrawn', doc: { ...empty, decision: { outcome: 'withdrawn', rationale: 'No longer needed', by: 'c', at: AT } }, deciderIsApprover: false }), null);
  });

  test('the property holds the step, and the outcome and price only once the client was told in a project showing costs; never an account id', () => {
    const paid = { ...emptyDocument(), requestedBy: 'client-1', decision: { outcome: 'paid' as const, price: { amount: 900, currency: 'EUR' }, rationale: 'internal why', by: 'approver-1', at: AT } };
    // Until the client is told, the review is one step: approved or declined would give the decision away.
    for (const step of ['assessing', 'awaiting-approval', 'approved', 'declined'] as const) {
      assert.deepEqual(changeProjection(step, paid, { showCostsToClient: true }), { schema: 2, step: 'in-review' }, step);
    }
    assert.deepEqual(changeProjection('acknowledged', paid, { showCostsToClient: true }), { schema: 2, step: 'acknowledged' });
    const told = { ...paid, clientInformedAt: AT, clientInformedBy: 'pm-1', clientMessage: 'hello' };
    assert.deepEqual(changeProjection('client-informed', told, { showCostsToClient: false }), { schema: 2, step: 'client-informed' });
    assert.deepEqual(changeProjection('client-informed', told, { showCostsToClient: true }), { schema: 2, step: 'client-informed', decision: { outcome: 'paid', price: { amount: 900, currency: 'EUR' } } });
    const text = JSON.stringify(changeProjection('client-informed', told, { showCostsToClient: true }));
    for (const secret of ['client-1', 'approver-1', 'pm-1', 'internal why', 'hello', AT]) assert.equal(text.includes(secret), false, secret);
  });
});

describe('views, message and register', () => {
  test('the acknowledgement is due N business days after logging, skipping holidays', () => {
    // Mon 9 March + 2 business days, Wed 11 is a holiday: Thu 12.
    assert.deepEqual(acknowledgement(AT, undefined, 2, cal, '2026-03-12'), { due: '2026-03-12', overdue: false });
    assert.deepEqual(acknowledgement(AT, undefined, 2, cal, '2026-03-13'), { due: '2026-03-12', overdue: true });
    assert.equal(acknowledgement(AT, AT, 2, cal, '2026-03-20').overdue, false);
  });

  test('a price offer and the conversation in the views and the register', () => {
    const decided = decideChange('awaiting-approval', assessed(), { outcome: 'paid', price: { amount: 900, currency: 'USD' }, rationale: 'secret' }, 'boss', AT).doc;
    const offered = postChangeMessage(informClient('approved', decided, 'Hi', 'pm', AT, '2026-03-12').doc, 'Any discount?', 'c', 'client', AT);
    const facts = { issueKey: 'S-1', summary: 's', description: 'd', step: 'approved' as const, statusName: 'Approved', version: 4, base: { requestedBy: 'c', requestedAt: AT, raisedVia: 'portal' as const }, doc: offered };
    const client = buildChangeView(facts, { viewer: { accountId: 'c', roles: ['client'] }, names: { c: 'Client' }, ackBusinessDays: 2, cal, today: '2026-03-10', showCostsToClient: false });
    // Told through the offer: the step and decision show, the price in the offer (addressed to them), not in the decision.
    assert.equal(client.step, 'approved');
    assert.deepEqual(client.decision, { outcome: 'paid', at: AT });
    assert.deepEqual(client.priceOffer, { price: { amount: 900, currency: 'USD' }, deadline: '2026-03-12', sentAt: AT, state: 'awaiting' });
    assert.equal(client.clientMessage, 'Hi');
    assert.deepEqual(client.messages, [{ at: AT, by: { accountId: 'c', displayName: 'Client' }, side: 'client', text: 'Any discount?' }]);
    assert.equal(client.can.respondToPrice, true);
    const declined = respondToPrice('approved', offered, { response: 'decline', reason: 'Too much' }, 'c', 'c', AT).doc;
    const afterDecline = { ...declined, priceOffer: declined.reopened![0].offer, decision: declined.reopened![0].decision };
    const team = buildChangeView({ ...facts, doc: afterDecline }, { viewer: { accountId: 't', roles: ['team'] }, names: {}, ackBusinessDays: 2, cal, today: '2026-03-10', showCostsToClient: false });
    assert.deepEqual([team.priceOffer?.state, team.priceOffer?.reason, team.priceOffer?.respondedAt], ['declined', 'Too much', AT]);
    const row = registerRow({ issueKey: 'S-1', summary: 's', step: 'approved', base: facts.base, doc: offered }, {}, 2, cal, '2026-03-13');
    assert.deepEqual(row.priceResponse, { state: 'expired', deadline: '2026-03-12' });
    assert.match(registerCsv([{ ...row, priceResponse: { state: 'awaiting', deadline: '2026-03-12' } }] as never), /Awaiting client acceptance \(by 2026-03-12\)/);
  });

  test('a client view holds no internal part', () => {
    const doc = decideChange('awaiting-approval', assessed(), { outcome: 'paid', price: { amount: 900, currency: 'USD' }, rationale: 'secret rationale' }, 'boss', AT).doc;
    const facts = { issueKey: 'S-1', summary: 's', description: 'd', step: 'approved' as const, statusName: 'Approved', version: 3, base: { requestedBy: 'c', requestedAt: AT, raisedVia: 'portal' as const }, doc };
    const asClient = (d: typeof doc, showCostsToClient: boolean) => buildChangeView({ ...facts, doc: d }, { viewer: { accountId: 'c', roles: ['client'] }, names: { c: 'Client' }, ackBusinessDays: 2, cal, today: '2026-03-10', showCostsToClient });
    // Decided, nobody told the client yet: no decision, and the step still reads as awaiting approval.
    const untold = asClient(doc, true);
    assert.equal(untold.decision, undefined);
    assert.equal(untold.step, 'awaiting-approval');
    assert.equal(untold.statusName, 'Awaiting approval');
    // Told: the outcome, and the price only where the project shows costs to clients.
    const told = { ...doc, clientInformedAt: AT, clientInformedBy: 'pm' };
    assert.deepEqual(asClient(told, true).decision, { outcome: 'paid', price: { amount: 900, currency: 'USD' }, at: AT });
    assert.deepEqual(asClient(told, false).decision, { outcome: 'paid', at: AT });
    const view = asClient(told, false);
    assert.deepEqual(view.assessment?.notes.map((n) => n.text), ['Ready in two weeks']);
    assert.equal(view.assessment?.cost, undefined);
    assert.deepEqual(view.history, []);
    assert.ok(!JSON.stringify(view).includes('secret') && !JSON.stringify(view).includes('margin'));
    const team = buildChangeView(facts, { viewer: { accountId: 't', roles: ['team'] }, names: {}, ackBusinessDays: 2, cal, today: '2026-03-10', showCostsToClient: false });
    assert.equal(team.step, 'approved');
    assert.equal(team.decision?.price?.amount, 900);
    assert.equal(team.decision?.rationale, 'secret rationale');
    assert.equal(team.assessment?.cost, 3200);
  });

  test('the client message is built from the decision and client-visible notes only', () => {
    const doc = decideChange('awaiting-approval', assessed(), { outcome: 'paid', price: { amount: 2500, currency: 'EUR' }, rationale: 'secret rationale' }, 'boss', AT).doc;
    const message = draftClientMessage({ issueKey: 'S-1', summary: 'Gift wrap', requesterName: 'Ann', doc });
    assert.equal(message, 'Hello Ann,\n\nabout your change request S-1 "Gift wrap": we can do it as a paid change for EUR 2,500. It adds about 2 working days to the schedule. Please accept or decline the price in Liaison (Apps > Liaison in Jira, "My change requests") by the deadline shown there.\n\nFrom our assessment:\n- Ready in two weeks\n\nIf you have any questions, write to us in the conversation on this change request in Liaison.');
    assert.doesNotMatch(message, /reply here/);
  });

  test('register totals: paid value per currency, unpaid effort, schedule days of approved changes', () => {
    const rows = [
      { issueKey: 'A-1', summary: '', step: 'approved', requester: { accountId: 'c', displayName: 'C' }, requestedAt: AT, effortDays: 3, scheduleDays: 2, outcome: 'paid', price: { amount: 100, currency: 'EUR' }, ackOverdue: false },
      { issueKey: 'A-2', summary: '', step: 'approved', requester: { accountId: 'c', displayName: 'C' }, requestedAt: AT, effortDays: 1.5, scheduleDays: 1, outcome: 'unpaid', ackOverdue: false },
      { issueKey: 'A-3', summary: '', step: 'declined', requester: { accountId: 'c', displayName: 'C' }, requestedAt: AT, effortDays: 9, scheduleDays: 9, outcome: 'declined', ackOverdue: false },
      { issueKey: 'A-4', summary: 'x, "y"', step: 'logged', requester: { accountId: 'c', displayName: 'C' }, requestedAt: AT, outcome: 'paid', price: { amount: 50.25, currency: 'USD' }, ackOverdue: true },
      { issueKey: 'A-5', summary: '', step: 'approved', requester: { accountId: 'c', displayName: 'C' }, requestedAt: AT, outcome: 'paid', price: { amount: 0.5, currency: 'EUR' }, ackOverdue: false },
    ] as const;
    assert.deepEqual(registerTotals(rows as never), { count: 5, paidValue: [{ currency: 'EUR', amount: 100.5 }, { currency: 'USD', amount: 50.25 }], unpaidEffortDays: 1.5, scheduleDaysAdded: 3 });
    const csv = registerCsv([rows[3]] as never).trim().split('\n');
    assert.equal(csv[1], 'A-4,"x, ""y""",Logged,C,2026-03-09,,,Approved as a paid change,50.25,USD,,,yes,');
  });
});

describe('set-up plan', () => {
  const facts: SetupFacts = { projectId: '1', projectKey: 'P', issueTypeInProject: false, statuses: [{ id: '7', name: 'approved', category: 'DONE' }], bound: false };
  test('plans what is missing and references existing statuses by id', () => {
    const plan = setupPlan(facts);
    assert.equal(plan.configured, false);
    assert.deepEqual(plan.statuses.filter((s) => s.exists).map((s) => [s.step, s.id]), [['approved', '7']]);
    const payload = workflowCreatePayload(facts, { appId: 'app', environmentId: 'env' }) as any;
    assert.deepEqual(payload.statuses.find((s: any) => s.statusReference === 'liaison-approved'), { statusReference: 'liaison-approved', id: '7' });
    assert.equal(payload.workflows[0].name, 'Liaison change request (P)');
    assert.equal(payload.workflows[0].transitions[1].validators[0].parameters.key, 'ari:cloud:ecosystem::extension/app/env/static/change-workflow-validator');
    assert.equal(provisionedMapping(facts), undefined);
  });
});

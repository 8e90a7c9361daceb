/**
 * Issue 14, point 1: two-way conversations on client asks and change requests, against the sandbox.
 * Who may write (the team, the client it is addressed to / who raised it; fellow clients see
 * neither, as the client-visibility policy has it; outsiders and other projects' clients refused),
 * bad input changing nothing, the client's question moving the ask to "waiting on the team" and the
 * delay attribution following (hand-computed days), the question kept when the ask is edited,
 * a paid change's price accepted or declined by its requester (deadline, re-decision), and
 * Jira notifications both ways (the sandbox records them under /__sandbox/notifications).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { CHANGE_STATUS_IDS } from '../../local/demo/changeRequests';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { AskEvent, ClientAsk } from '../../src/asks/domain/clientAsk';
import { readChange } from '../../src/changes/store/changeStore';
import { askFieldId, caller, daysFromNow, issue, notifications, ok, refused, seedStoredAsk, snapshot, storedAsk } from './asks-support';
import { callerFrom, PORTAL, PROJECT_PAGE } from './support';

let host: TestHost;
let call: ReturnType<typeof caller>;
const { pm, approver, dev1, clientPo, clientMarketing, clientOps, outsider } = DEMO_USERS;
const ASK_KEY = 'SHOP-12';

beforeAll(async () => {
  // Pinned "today", so the October history below is in the past and its days are fixed.
  host = await startTestHost({ site: buildDemoSite(new Date('2026-11-24T12:00:00Z')) });
  call = caller(host);
});
afterAll(async () => {
  await host?.close();
});

describe('the conversation on a client ask', () => {
  test('the client asks for more information: the ask waits on the team, and the PM (who asked) is told', async () => {
    ok(await call(pm, 'asks.set', { issueKey: ASK_KEY, client: clientPo, ask: 'Confirm the delivery zones', due: daysFromNow(7) }));
    const before = (await notifications(host, ASK_KEY)).length;
    const view = ok(await call(clientPo, 'asks.requestInfo', { issueKey: ASK_KEY, note: 'Do you mean the EU zones only?' }, PORTAL));
    assert.equal(view.ask.state, 'question');
    assert.equal(view.can.post, true);
    assert.equal(view.can.answer, true, 'the client may still answer while the question is open');
    assert.equal(storedAsk(host, ASK_KEY)!.state, 'question');
    // Jira's field (what JQL searches) says the ask waits on the team too; never the question's text.
    assert.deepEqual((issue(host, ASK_KEY).customFields[askFieldId(host)] as { state: string }).state, 'question');
    assert.doesNotMatch(JSON.stringify(issue(host, ASK_KEY).changelog), /EU zones only/);
    const sent = (await notifications(host, ASK_KEY)).slice(before);
    assert.equal(sent.length, 1);
    // To the team: the PM who asked (and Jira's assignee and reporter), never the client.
    assert.ok(sent[0].to.includes(pm));
    assert.equal(sent[0].to.includes(clientPo), false);
    assert.match(sent[0].subject, /Hannah Becker needs more information/);
    assert.match(sent[0].textBody, /Do you mean the EU zones only\?/);
  });

  test('posting rights: the addressed client and the team may write; a fellow client, an outsider and another project\'s client are refused and change nothing', async () => {
    const before = snapshot(host, ASK_KEY);
    const fellow = refused(await call(clientMarketing, 'asks.post', { issueKey: ASK_KEY, message: 'I know the answer' }, PORTAL), 'FORBIDDEN');
    assert.match(fellow.message, /no ask addressed to you/);
    // Neither may browse SHOP's issues: Jira itself hides the issue from them.
    refused(await call(outsider, 'asks.post', { issueKey: ASK_KEY, message: 'Hello' }, PORTAL), 'NOT_FOUND');
    refused(await call(clientOps, 'asks.post', { issueKey: ASK_KEY, message: 'Hello' }, PORTAL), 'NOT_FOUND');
    // A fellow client cannot read the thread either (asks are shown to the client they are addressed to).
    refused(await call(clientMarketing, 'asks.get', { issueKey: ASK_KEY }, PORTAL), 'FORBIDDEN');
    // Bad input: refused with the field's message, nothing written.
    const empty = refused(await call(clientPo, 'asks.post', { issueKey: ASK_KEY, message: '   ' }, PORTAL), 'VALIDATION');
    assert.equal(empty.fields?.message, 'Your message is required');
    const long = refused(await call(pm, 'asks.post', { issueKey: ASK_KEY, message: 'x'.repeat(2001) }), 'VALIDATION');
    assert.equal(long.fields?.message, 'Use at most 2000 characters');
    refused(await call(pm, 'asks.post', { issueKey: ASK_KEY, message: 42 }), 'VALIDATION');
    assert.deepEqual(snapshot(host, ASK_KEY), before);

    // The addressed client adds to the thread: the state stays with the team; the team is told.
    const count = (await notifications(host, ASK_KEY)).length;
    const mine = ok(await call(clientPo, 'asks.post', { issueKey: ASK_KEY, message: 'And the UK, if possible.' }, PORTAL));
    assert.equal(mine.ask.state, 'question');
    assert.deepEqual(mine.history.map((e: AskEvent) => e.action), ['asked', 'info-requested', 'message']);
    const told = (await notifications(host, ASK_KEY)).slice(count);
    assert.equal(told.length, 1);
    assert.ok(told[0].to.includes(pm));
    assert.equal(told[0].to.includes(clientPo), false);
    assert.match(told[0].subject, /Hannah Becker wrote about the client ask/);
  });

  test('editing the ask while the question is open keeps the question and the thread in the history', async () => {
    const edited = ok(await call(pm, 'asks.set', { issueKey: ASK_KEY, client: clientPo, ask: 'Confirm the delivery zones (EU and UK)', due: daysFromNow(8) }));
    assert.equal(edited.ask.state, 'question', 'an edit does not answer the question');
    assert.equal(edited.ask.infoRequest, 'Do you mean the EU zones only?');
    const notes = edited.history.map((e: AskEvent) => [e.action, e.note]);
    assert.deepEqual(notes, [
      ['asked', 'Confirm the delivery zones'],
      ['info-requested', 'Do you mean the EU zones only?'],
      ['message', 'And the UK, if possible.'],
      ['edited', 'Confirm the delivery zones (EU and UK)'],
    ]);
    // The client sees the same thread.
    const theirs = ok(await call(clientPo, 'asks.get', { issueKey: ASK_KEY }, PORTAL));
    assert.deepEqual(theirs.history.map((e: AskEvent) => e.note), notes.map((pair: string[]) => pair[1]));
  });

  test("the PM's reply answers the question: the ask waits on the client again, and the client is told", async () => {
    const count = (await notifications(host, ASK_KEY)).length;
    const replied = ok(await call(pm, 'asks.post', { issueKey: ASK_KEY, message: 'EU and UK, yes: the list is in the ticket.' }));
    assert.equal(replied.ask.state, 'waiting');
    assert.equal(replied.history.at(-1).action, 'replied');
    assert.equal(storedAsk(host, ASK_KEY)!.state, 'waiting');
    const told = (await notifications(host, ASK_KEY)).slice(count);
    assert.deepEqual(told.map((n) => n.to), [[clientPo]]);
    assert.match(told[0].subject, /Maya Lindqvist answered your question/);
    assert.match(told[0].textBody, /EU and UK, yes/);
    // A team member's further message is just a message (nothing open to answer), also to the client.
    const more = ok(await call(dev1, 'asks.post', { issueKey: ASK_KEY, message: 'The list is attached.' }));
    assert.equal(more.ask.state, 'waiting');
    assert.equal(more.history.at(-1).action, 'message');
    assert.deepEqual((await notifications(host, ASK_KEY)).at(-1)!.to, [clientPo]);
  });

  test('a closed ask takes no more messages', async () => {
    ok(await call(clientPo, 'asks.answer', { issueKey: ASK_KEY, answer: 'EU and UK confirmed' }, PORTAL));
    ok(await call(pm, 'asks.accept', { issueKey: ASK_KEY }));
    const before = snapshot(host, ASK_KEY);
    const closed = refused(await call(pm, 'asks.post', { issueKey: ASK_KEY, message: 'One more thing' }), 'CONFLICT');
    assert.match(closed.message, /conversation is closed/);
    assert.deepEqual(snapshot(host, ASK_KEY), before);
  });
});

describe('delay attribution while the client waits on the team', () => {
  test('October: days of an open question are the team\'s, not the client\'s (hand-computed)', async () => {
    // Asked Mon 5 Oct, due Wed 7. Question Thu 8 (1 business day past due: Thu 8 is the client's),
    // the team replies Wed 14: the question was open (8, 14] = Fri 9, Mon 12, Tue 13, Wed 14 = 4 team days.
    // The client answers Mon 19: from the reply (14, 19] = Thu 15, Fri 16, Mon 19 = 3 more client days: 4 in all.
    const at = (day: string) => `2026-10-${day}T10:00:00.000Z`;
    const ev = (day: string, action: AskEvent['action'], by: string, state: AskEvent['state'], note?: string): AskEvent =>
      ({ at: at(day), by, action, client: clientMarketing, due: '2026-10-07', state, round: 1, ...(note ? { note } : {}) });
    const ask: ClientAsk = {
      client: clientMarketing, ask: 'Banner copy for the sale', due: '2026-10-07', state: 'answered', askedAt: at('05'), askedBy: pm,
      answeredAt: at('19'), answer: 'Attached', infoRequestedAt: at('08'), infoRequest: 'Which sizes?', round: 1,
    };
    seedStoredAsk(host, 'SHOP-11', ask, [
      ev('05', 'asked', pm, 'waiting', 'Banner copy for the sale'),
      ev('08', 'info-requested', clientMarketing, 'question', 'Which sizes?'),
      ev('14', 'replied', pm, 'waiting', 'The three in the brief'),
      ev('19', 'answered', clientMarketing, 'answered', 'Attached'),
    ]);
    const page = callerFrom(host, PROJECT_PAGE);
    const view = ok(await page(pm, 'asks.project', { projectKey: 'SHOP', delays: { from: '2026-10-01', to: '2026-10-31' } }));
    assert.deepEqual(view.delays.byClient, [{ client: clientMarketing, businessDaysOverdue: 4, asks: 1, issues: ['SHOP-11'] }]);
    assert.deepEqual(view.delays.team, { businessDaysWaiting: 4, questions: 1, issues: ['SHOP-11'] });
    // The Client asks page lists asks waiting on the team under their own state.
    const filtered = refused(await page(pm, 'asks.project', { projectKey: 'SHOP', state: 'nonsense' }), 'VALIDATION');
    assert.match(filtered.message, /./);
  });
});

describe('the conversation and the price on a change request', () => {
  const changeCall = () => callerFrom(host, PROJECT_PAGE);
  let key = '';
  let version = 0;

  const get = async (who: string) => ok(await changeCall()(who, 'changes.get', { issueKey: key }, who.startsWith('6') ? PORTAL : PROJECT_PAGE));

  test('Hannah raises one; it is assessed and approved as a paid change', async () => {
    const c = changeCall();
    key = ok<{ issueKey: string }>(await c(clientPo, 'changes.raise', { projectKey: 'SHOP', summary: 'Gift cards', description: 'Sell gift cards online.' }, PORTAL)).issueKey;
    version = ok(await c(pm, 'changes.acknowledge', { issueKey: key, version: 1 })).version;
    version = ok(await c(dev1, 'changes.assess', { issueKey: key, version, effortDays: 5, scheduleDays: 3, cost: 4000, currency: 'EUR', scope: 'Checkout', notes: [], submit: true })).version;
    version = ok(await c(approver, 'changes.decide', { issueKey: key, version, outcome: 'paid', price: { amount: 6000, currency: 'EUR' }, rationale: 'Day rate' })).version;
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS.approved);
  });

  test('posting rights on its thread: the requester and the team; fellow client, outsider and another project\'s client refused; bad input changes nothing', async () => {
    const c = changeCall();
    const recordBefore = structuredClone(await readChange(issue(host, key).id));
    refused(await c(clientMarketing, 'changes.post', { issueKey: key, message: 'Me too' }, PORTAL), 'NOT_FOUND');
    refused(await c(outsider, 'changes.post', { issueKey: key, message: 'Hi' }, PORTAL), 'NOT_FOUND');
    refused(await c(clientOps, 'changes.post', { issueKey: key, message: 'Hi' }, PORTAL), 'NOT_FOUND');
    const empty = refused(await c(clientPo, 'changes.post', { issueKey: key, message: '' }, PORTAL), 'VALIDATION');
    assert.equal(empty.fields?.message, 'Your message is required');
    assert.deepEqual(await readChange(issue(host, key).id), recordBefore);

    const count = (await notifications(host, key)).length;
    const asked = ok(await c(clientPo, 'changes.post', { issueKey: key, message: 'Can the cards expire after a year?' }, PORTAL));
    assert.deepEqual(asked.messages.map((m: { side: string; text: string }) => [m.side, m.text]), [['client', 'Can the cards expire after a year?']]);
    let sent = (await notifications(host, key)).slice(count);
    assert.equal(sent.length, 1);
    // The client's words reach the team who worked on it: who acknowledged, assessed and decided.
    for (const person of [pm, dev1, approver]) assert.ok(sent[0].to.includes(person), `${person} is told`);
    assert.equal(sent[0].to.includes(clientPo), false);
    const answered = ok(await c(pm, 'changes.post', { issueKey: key, message: 'Yes, that is the default.' }));
    version = answered.version;
    sent = (await notifications(host, key)).slice(count + 1);
    assert.deepEqual(sent.map((n) => n.to), [[clientPo]]);
    assert.match(sent[0].subject, /Maya Lindqvist wrote about the change request/);
    const theirs = await get(clientPo);
    assert.deepEqual(theirs.messages.map((m: { by: { displayName: string } }) => m.by.displayName), ['Hannah Becker', 'Maya Lindqvist']);
  });

  test('the price goes to the client with a deadline (not past, at most 90 days); the issue stays approved; the draft points to the portal', async () => {
    const c = changeCall();
    const draft = ok<{ message: string }>(await c(pm, 'changes.draftMessage', { issueKey: key })).message;
    assert.doesNotMatch(draft, /reply here/i);
    assert.match(draft, /accept or decline the price in Liaison/);
    const noDeadline = refused(await c(pm, 'changes.inform', { issueKey: key, version, message: draft }), 'VALIDATION');
    assert.equal(noDeadline.fields?.deadline, 'Choose the last day the client may accept the price');
    const past = refused(await c(pm, 'changes.inform', { issueKey: key, version, message: draft, deadline: daysFromNow(-1) }), 'VALIDATION');
    assert.equal(past.fields?.deadline, 'The deadline cannot be in the past');
    refused(await c(pm, 'changes.inform', { issueKey: key, version, message: draft, deadline: daysFromNow(91) }), 'VALIDATION');
    const sentView = ok(await c(pm, 'changes.inform', { issueKey: key, version, message: draft, deadline: daysFromNow(5) }));
    version = sentView.version;
    assert.equal(sentView.step, 'approved');
    assert.deepEqual([sentView.priceOffer.state, sentView.priceOffer.deadline, sentView.priceOffer.price], ['awaiting', daysFromNow(5), { amount: 6000, currency: 'EUR' }]);
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS.approved);
    // The register shows it awaiting the client's acceptance.
    const register = ok(await c(pm, 'changes.register', { projectKey: 'SHOP' }));
    const row = register.rows.find((r: { issueKey: string }) => r.issueKey === key);
    assert.deepEqual(row.priceResponse, { state: 'awaiting', deadline: daysFromNow(5) });
    // The requester sees the offer (its price is addressed to them) and may answer it; the team may not answer for them.
    const theirs = await get(clientPo);
    assert.equal(theirs.can.respondToPrice, true);
    assert.deepEqual(theirs.priceOffer.price, { amount: 6000, currency: 'EUR' });
    refused(await c(pm, 'changes.respondToPrice', { issueKey: key, version, response: 'accept' }), 'FORBIDDEN');
    refused(await c(clientMarketing, 'changes.respondToPrice', { issueKey: key, version, response: 'accept' }, PORTAL), 'NOT_FOUND');
    refused(await c(clientPo, 'changes.respondToPrice', { issueKey: key, version, response: 'maybe' }, PORTAL), 'VALIDATION');
    // A second offer while this one stands is refused; Jira alone cannot move it to Client informed.
    refused(await c(pm, 'changes.inform', { issueKey: key, version, message: draft, deadline: daysFromNow(6) }), 'CONFLICT');
  });

  test('Hannah declines: the decision is reopened (awaiting approval), the approver is told and decides again', async () => {
    const c = changeCall();
    const count = (await notifications(host, key)).length;
    const declined = ok(await c(clientPo, 'changes.respondToPrice', { issueKey: key, version, response: 'decline', reason: 'Over our budget' }, PORTAL));
    assert.equal(declined.step, 'awaiting-approval');
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS['awaiting-approval']);
    const record = await readChange(issue(host, key).id);
    assert.equal(record.doc.decision, undefined);
    assert.deepEqual(record.doc.reopened?.map((r) => [r.decision.price?.amount, r.offer.response, r.offer.reason]), [[6000, 'declined', 'Over our budget']]);
    const sent = (await notifications(host, key)).slice(count);
    assert.equal(sent.length, 1);
    assert.ok(sent[0].to.includes(approver));
    assert.match(sent[0].subject, /declined the price: decide again/);
    assert.match(sent[0].textBody, /Over our budget/);

    const team = await get(approver);
    assert.equal(team.can.decide, true);
    const redecided = ok(await c(approver, 'changes.decide', { issueKey: key, version: team.version, outcome: 'paid', price: { amount: 5000, currency: 'EUR' }, rationale: 'Discounted' }));
    assert.equal(redecided.step, 'approved');
    version = ok(await c(pm, 'changes.inform', { issueKey: key, version: redecided.version, message: 'New price: EUR 5,000.', deadline: daysFromNow(3) })).version;
  });

  test('Hannah accepts the new price: Client informed, the team is told', async () => {
    const c = changeCall();
    const count = (await notifications(host, key)).length;
    const accepted = ok(await c(clientPo, 'changes.respondToPrice', { issueKey: key, version, response: 'accept' }, PORTAL));
    assert.equal(accepted.step, 'client-informed');
    assert.equal(accepted.priceOffer.state, 'accepted');
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS['client-informed']);
    const sent = (await notifications(host, key)).slice(count);
    assert.match(sent[0].subject, /accepted the price/);
    assert.ok(sent[0].to.includes(pm));
    // Answered once: a second answer is refused.
    refused(await c(clientPo, 'changes.respondToPrice', { issueKey: key, version: accepted.version, response: 'decline' }, PORTAL), 'CONFLICT');
  });
});

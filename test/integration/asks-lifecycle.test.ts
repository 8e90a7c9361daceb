/**
 * A client ask from start to finish through the exported handler, against the sandbox: the PM
 * asks a client person, the client asks for more information, the PM rewrites the ask, the client
 * answers, a developer re-asks, the client answers again, the PM accepts. Each step lands in the
 * ask record (Forge storage), the field (only client, state, due date and round: what Jira shows
 * and searches), the audit trail and Jira's notifications to the right people. Jira's changelog
 * gets an entry only when the projection changes, and never the ask's text.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { askFieldId, auditEntries, caller, daysFromNow, issue, notifications, ok, refused, storedAsk } from './asks-support';

let host: TestHost;
let call: ReturnType<typeof caller>;
const KEY = 'SHOP-12';
const { pm, dev1, clientPo } = DEMO_USERS;

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
});
afterAll(async () => {
  await host?.close();
});

describe('an ask from set to accepted', () => {
  const firstDue = daysFromNow(7);

  test('before anything is asked, the team sees an empty ask, the client-role people to pick from, and may set one', async () => {
    const view = ok(await call(pm, 'asks.get', { issueKey: KEY }));
    assert.equal(view.ask, null);
    assert.equal(view.viewer, 'team');
    assert.deepEqual(view.history, []);
    assert.deepEqual([...view.clients].sort(), [DEMO_USERS.clientMarketing, clientPo].sort());
    assert.equal(view.names[clientPo], 'Hannah Becker');
    assert.deepEqual(view.can, { set: true, accept: false, reAsk: false, withdraw: false, answer: false, requestInfo: false, post: false });
  });

  test('the PM asks the client: record, field (projection only), changelog, audit and a notification to the client', async () => {
    const view = ok(await call(pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: 'Confirm the delivery zones and their prices', due: firstDue }));
    assert.equal(view.ask.state, 'waiting');
    assert.equal(view.notified, true);
    assert.deepEqual(view.warnings, []);
    assert.deepEqual(view.timing, { businessDaysWaiting: 0, businessDaysOverdue: 0, overdue: false });

    const stored = issue(host, KEY);
    const value = stored.customFields[askFieldId(host)] as Record<string, unknown>;
    assert.deepEqual(value, { client: clientPo, state: 'waiting', due: firstDue, round: 1 });
    assert.equal(Object.hasOwn(stored.properties, 'liaison-asks'), false, 'no history property any more');
    const record = storedAsk(host, KEY);
    assert.ok(record);
    assert.deepEqual({ ...record.document.ask, askedAt: 'x' }, { client: clientPo, ask: 'Confirm the delivery zones and their prices', due: firstDue, state: 'waiting', askedAt: 'x', askedBy: pm, round: 1 });
    assert.deepEqual(record.document.history.map((e) => [e.action, e.by]), [['asked', pm]]);
    assert.deepEqual([record.version, record.client, record.state, record.due, record.round, record.projectKey, record.issueKey], [1, clientPo, 'waiting', firstDue, 1, 'SHOP', KEY]);
    const lastChange = stored.changelog[stored.changelog.length - 1];
    assert.equal(lastChange.items[0].field, 'Client assignee');
    assert.doesNotMatch(JSON.stringify(lastChange), /delivery zones/);
    assert.equal(lastChange.author, '557058:liaison-app-user');

    const sent = await notifications(host, KEY);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].to, [clientPo]);
    assert.match(sent[0].subject, /^\[SHOP-12\] Maya Lindqvist needs something from you by /);
    assert.match(sent[0].textBody, /Confirm the delivery zones and their prices/);
    // The demo's change requests have their own entries; these steps are the ask's.
    const audit = (await auditEntries(host, 'SHOP')).filter((e) => e.action.startsWith('ask.'));
    assert.deepEqual(audit.map((e) => [e.action, e.actor, e.target]), [['ask.asked', pm, 'issue:SHOP-12']]);
    assert.match(audit[0].detail.changes[0].summary, /^Asked Hannah Becker, due /);
  });

  test('the named client sees their ask and may answer or ask for more information, nothing else', async () => {
    const view = ok(await call(clientPo, 'asks.get', { issueKey: KEY }));
    assert.equal(view.viewer, 'client');
    assert.equal(view.ask.ask, 'Confirm the delivery zones and their prices');
    assert.deepEqual(view.clients, []);
    assert.deepEqual(view.can, { set: false, accept: false, reAsk: false, withdraw: false, answer: true, requestInfo: true, post: true });
  });

  test('"I need more information" puts the ask in waiting on the team and tells the team', async () => {
    const view = ok(await call(clientPo, 'asks.requestInfo', { issueKey: KEY, note: 'Which countries count as EU zone?' }));
    assert.equal(view.ask.state, 'question');
    assert.equal(view.ask.infoRequest, 'Which countries count as EU zone?');
    const sent = (await notifications(host, KEY)).at(-1)!;
    // Reporter and asker are the PM; the assignee is Priya (dev1). Never the client herself.
    assert.deepEqual([...sent.to].sort(), [pm, dev1].sort());
    assert.match(sent.subject, /Hannah Becker needs more information/);
  });

  test('the PM rewrites the ask: an edit in the same round, which keeps the question open and on record (the reply answers it)', async () => {
    const view = ok(await call(pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: 'Confirm delivery zones (EU = the 27 member states) and prices', due: firstDue }));
    assert.equal(view.ask.round, 1);
    assert.equal(view.ask.state, 'question');
    assert.equal(view.ask.infoRequest, 'Which countries count as EU zone?');
    assert.deepEqual(view.history.map((e: { action: string }) => e.action), ['asked', 'info-requested', 'edited']);
  });

  test('the client answers: the team is told, the team may accept or re-ask', async () => {
    const view = ok(await call(clientPo, 'asks.answer', { issueKey: KEY, answer: 'EU and UK, flat 4.90 EUR' }));
    assert.equal(view.ask.state, 'answered');
    assert.equal(view.ask.answer, 'EU and UK, flat 4.90 EUR');
    const sent = (await notifications(host, KEY)).at(-1)!;
    assert.deepEqual([...sent.to].sort(), [pm, dev1].sort());
    assert.match(sent.textBody, /EU and UK, flat 4\.90 EUR/);
    const team = ok(await call(dev1, 'asks.get', { issueKey: KEY }));
    assert.deepEqual(team.can, { set: false, accept: true, reAsk: true, withdraw: true, answer: false, requestInfo: false, post: true });
    // The client cannot answer twice.
    refused(await call(clientPo, 'asks.answer', { issueKey: KEY, answer: 'again' }), 'CONFLICT');
  });

  test('a developer re-asks with a new due date: round 2, waiting on the same client, who is told', async () => {
    const due = daysFromNow(10);
    const view = ok(await call(dev1, 'asks.reAsk', { issueKey: KEY, due, ask: 'Also: express delivery price?' }));
    assert.deepEqual([view.ask.state, view.ask.round, view.ask.due, view.ask.client, view.ask.askedBy], ['waiting', 2, due, clientPo, dev1]);
    assert.equal(view.ask.answer, undefined);
    const sent = (await notifications(host, KEY)).at(-1)!;
    assert.deepEqual(sent.to, [clientPo]);
    assert.match(sent.subject, /Priya Raman asks again/);
  });

  test('the client answers again and the PM accepts: closed, the client is thanked, every step is on record', async () => {
    ok(await call(clientPo, 'asks.answer', { issueKey: KEY, answer: 'Express: 9.90 EUR' }));
    const view = ok(await call(pm, 'asks.accept', { issueKey: KEY }));
    assert.equal(view.ask.state, 'accepted');
    assert.equal(view.timing, null);
    assert.deepEqual(view.can, { set: true, accept: false, reAsk: false, withdraw: false, answer: false, requestInfo: false, post: false });
    assert.deepEqual(
      view.history.map((e: { action: string; by: string; state: string; round: number }) => [e.action, e.by, e.state, e.round]),
      [
        ['asked', pm, 'waiting', 1],
        ['info-requested', clientPo, 'question', 1],
        ['edited', pm, 'question', 1],
        ['answered', clientPo, 'answered', 1],
        ['re-asked', dev1, 'waiting', 2],
        ['answered', clientPo, 'answered', 2],
        ['accepted', pm, 'accepted', 2],
      ],
    );
    assert.equal(view.names[dev1], 'Priya Raman');
    const sent = await notifications(host, KEY);
    assert.equal(sent.length, 7);
    assert.deepEqual(sent.at(-1)!.to, [clientPo]);
    assert.match(sent.at(-1)!.subject, /accepted your answer/);
    // The demo's change requests have their own entries; these steps are the ask's.
    const audit = (await auditEntries(host, 'SHOP')).filter((e) => e.action.startsWith('ask.'));
    assert.deepEqual(audit.map((e) => e.action), ['ask.asked', 'ask.info-requested', 'ask.edited', 'ask.answered', 'ask.re-asked', 'ask.answered', 'ask.accepted']);
    // Jira's own history: one change of the field per step that changed client, state, due date or
    // round (asking for information moves the state to waiting on the team; rewording changes none), none holding a word of the ask.
    const fieldChanges = issue(host, KEY).changelog.filter((c) => c.items.some((i) => i.field === 'Client assignee'));
    assert.equal(fieldChanges.length, 6);
    assert.ok(fieldChanges.every((c) => !Number.isNaN(Date.parse(c.created))));
    assert.doesNotMatch(JSON.stringify(fieldChanges), /EU|Express|delivery|4\.90/);
    assert.equal(storedAsk(host, KEY)?.version, 7);
  });

  test('a closed ask can be followed by a new one, and an open one withdrawn (the client is told)', async () => {
    ok(await call(pm, 'asks.set', { issueKey: KEY, client: DEMO_USERS.clientMarketing, ask: 'Send the launch banner copy', due: daysFromNow(3) }));
    const view = ok(await call(pm, 'asks.withdraw', { issueKey: KEY }));
    assert.equal(view.ask.state, 'withdrawn');
    const sent = (await notifications(host, KEY)).at(-1)!;
    assert.deepEqual(sent.to, [DEMO_USERS.clientMarketing]);
    assert.match(sent.subject, /withdrew the ask/);
    assert.deepEqual(view.history.slice(-2).map((e: { action: string; round: number }) => [e.action, e.round]), [['asked', 1], ['withdrawn', 1]]);
  });
});

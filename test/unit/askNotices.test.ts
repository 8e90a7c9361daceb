/** Who is told about each step of a client ask, in what words; and the notification's HTML is escaped. */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { askAuditSummary, askNotice, shorten } from '../../src/asks/domain/askNotices';
import type { AskAction, AskEvent, ClientAsk } from '../../src/asks/domain/clientAsk';
import { htmlOf } from '../../src/platform/jira/notify';

const PM = 'pm-1';
const DEV = 'dev-1';
const CLIENT = 'client-1';
const names = { [PM]: 'Maya', [DEV]: 'Priya', [CLIENT]: 'Hannah' };

function step(action: AskAction, by: string, value: Partial<ClientAsk> = {}, note?: string, fromTeam?: boolean) {
  const ask: ClientAsk = { client: CLIENT, ask: 'Confirm the zones', due: '2026-12-01', state: 'waiting', askedAt: '2026-11-24T09:00:00.000Z', askedBy: PM, round: 1, ...value };
  const event: AskEvent = { at: '2026-11-24T10:00:00.000Z', by, action, client: ask.client, due: ask.due, state: ask.state, round: ask.round, ...(note !== undefined ? { note } : {}) };
  return askNotice({ issueKey: 'SHOP-12', issueSummary: 'Category page', value: ask, event, names, ...(fromTeam !== undefined ? { fromTeam } : {}) });
}

describe('askNotice: the conversation goes both ways', () => {
  test("the team's reply to the question goes to the client; a message to the other side; audit lines quote them", () => {
    const replied = step('replied', PM, {}, 'The EU zones only', true);
    assert.deepEqual(replied.to, { users: [CLIENT], assignee: false, reporter: false });
    assert.equal(replied.subject, '[SHOP-12] Maya answered your question');
    assert.match(replied.text, /"The EU zones only"[\s\S]*waits on you again, due 2026-12-01/);
    const fromTeam = step('message', DEV, {}, 'See the attached list', true);
    assert.deepEqual(fromTeam.to, { users: [CLIENT], assignee: false, reporter: false });
    assert.equal(fromTeam.subject, '[SHOP-12] Priya wrote about the ask to you');
    const fromClient = step('message', CLIENT, {}, 'Thanks, checking', false);
    assert.deepEqual(fromClient.to, { users: [PM], assignee: true, reporter: true });
    assert.equal(fromClient.subject, '[SHOP-12] Hannah wrote about the client ask');
    const bare = step('message', CLIENT);
    assert.match(bare.text, /""/);
    assert.equal(step('replied', PM).text.includes('""'), true);
    const value: ClientAsk = { client: CLIENT, ask: 'Confirm', due: '2026-12-01', state: 'waiting', askedAt: '2026-11-24T09:00:00.000Z', askedBy: PM, round: 1 };
    const event = (action: AskAction, note?: string): AskEvent => ({ at: '2026-11-24T10:00:00.000Z', by: PM, action, client: CLIENT, due: value.due, state: 'waiting', round: 1, ...(note ? { note } : {}) });
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value, event: event('replied', 'EU only') }), 'Answered the question of Hannah: "EU only"');
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value, event: event('message', 'Ping') }), 'Wrote about the ask to Hannah: "Ping"');
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value, event: event('replied') }), 'Answered the question of Hannah: ""');
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value, event: event('message') }), 'Wrote about the ask to Hannah: ""');
  });
});

describe('askNotice', () => {
  test('the client is told when the team asks, changes, re-asks, accepts or withdraws', () => {
    for (const action of ['asked', 'edited', 're-asked', 'accepted', 'withdrawn'] as const) {
      const notice = step(action, DEV);
      assert.deepEqual(notice.to, { users: [CLIENT], assignee: false, reporter: false }, action);
      assert.match(notice.subject, /^\[SHOP-12\] Priya /, action);
    }
    assert.equal(step('asked', PM).subject, '[SHOP-12] Maya needs something from you by 1 Dec 2026');
    assert.match(step('asked', PM).text, /Maya asked you on SHOP-12 \(Category page\):\n\n"Confirm the zones"\n\nDue 1 Dec 2026\./);
  });

  test("the team (assignee, reporter and whoever asked) is told when the client answers or needs more information, never the client", () => {
    const answered = step('answered', CLIENT, { state: 'answered', answer: 'EU only', askedBy: DEV });
    assert.deepEqual(answered.to, { users: [DEV], assignee: true, reporter: true });
    assert.equal(answered.subject, '[SHOP-12] Hannah answered the client ask');
    assert.match(answered.text, /"EU only"/);
    const info = step('info-requested', CLIENT, { infoRequest: 'Which zones?' });
    assert.equal(info.subject, '[SHOP-12] Hannah needs more information');
    assert.match(info.text, /"Which zones\?"/);
  });

  test('nobody is told about their own step', () => {
    // A client who (oddly) asked and answered, or withdrew: the mail goes to the others only.
    assert.deepEqual(step('answered', CLIENT, { state: 'answered', answer: 'x', askedBy: CLIENT }).to.users, []);
    assert.deepEqual(step('withdrawn', CLIENT).to.users, []);
  });

  test('unknown people are "someone", not an account id', () => {
    const notice = askNotice({
      issueKey: 'SHOP-1', issueSummary: 's', names: {},
      value: { client: CLIENT, ask: 'a', due: '2026-12-01', state: 'waiting', askedAt: '2026-11-24T09:00:00.000Z', askedBy: PM, round: 1 },
      event: { at: '2026-11-24T09:00:00.000Z', by: PM, action: 'asked', client: CLIENT, due: '2026-12-01', state: 'waiting', round: 1 },
    });
    assert.equal(notice.subject, '[SHOP-1] someone needs something from you by 1 Dec 2026');
  });
});

describe('askAuditSummary', () => {
  test('one line per step naming the client', () => {
    const base = { issueKey: 'SHOP-12', names, value: { client: CLIENT, ask: 'Confirm', due: '2026-12-01', state: 'waiting' as const, askedAt: '2026-11-24T09:00:00.000Z', askedBy: PM, round: 2, answer: 'Yes' } };
    const event = (action: AskAction): AskEvent => ({ at: '2026-11-24T10:00:00.000Z', by: PM, action, client: CLIENT, due: '2026-12-01', state: 'waiting', round: 2 });
    assert.equal(askAuditSummary({ ...base, event: event('asked') }), 'Asked Hannah, due 1 Dec 2026: "Confirm"');
    assert.equal(askAuditSummary({ ...base, event: event('re-asked') }), 'Asked Hannah again (round 2), due 1 Dec 2026: "Confirm"');
    assert.equal(askAuditSummary({ ...base, event: event('answered') }), 'Hannah answered: "Yes"');
    assert.equal(askAuditSummary({ ...base, event: event('accepted') }), 'Accepted the answer of Hannah');
  });

  test('the other steps: an edit, a request for information, a withdrawal; an unknown client is "someone"', () => {
    const value = { client: CLIENT, ask: 'Confirm the copy', due: '2026-12-02', state: 'waiting' as const, askedAt: '2026-11-24T09:00:00.000Z', askedBy: PM, round: 1, infoRequest: 'Which page?' };
    const event = (action: AskAction): AskEvent => ({ at: '2026-11-24T10:00:00.000Z', by: PM, action, client: CLIENT, due: '2026-12-02', state: 'waiting', round: 1 });
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value, event: event('edited') }), 'Changed the ask to Hannah, due 2 Dec 2026: "Confirm the copy"');
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value, event: event('info-requested') }), 'Hannah asked for more information: "Which page?"');
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value, event: event('withdrawn') }), 'Withdrew the ask to Hannah');
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names: {}, value, event: event('withdrawn') }), 'Withdrew the ask to someone');
    // No answer or request recorded: an empty quote, not "undefined".
    const bare = { ...value, infoRequest: undefined };
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value: bare, event: event('info-requested') }), 'Hannah asked for more information: ""');
    assert.equal(askAuditSummary({ issueKey: 'SHOP-12', names, value: bare, event: event('answered') }), 'Hannah answered: ""');
  });
});

describe('shorten and htmlOf', () => {
  test('long quotes are cut to 300 characters with an ellipsis, whitespace folded', () => {
    assert.equal(shorten('a  b\n\nc'), 'a b c');
    const cut = shorten('x'.repeat(400));
    assert.equal(cut.length, 300);
    assert.ok(cut.endsWith('…'));
  });

  test('what people wrote cannot inject HTML into the mail', () => {
    assert.equal(htmlOf('Hi <b>team</b> & "co"\nline two\n\nnext'), '<p>Hi &lt;b&gt;team&lt;/b&gt; &amp; &quot;co&quot;<br>line two</p><p>next</p>');
  });
});

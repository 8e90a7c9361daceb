/**
 * Who may do what with a client ask, decided by the server: a client reads and answers only an
 * ask addressed to them and never sets one; only people in the client role can be asked; the
 * project is always the issue's own (a payload cannot choose it); and a refused or invalid call
 * changes nothing — not the field, not the history, not the audit trail, and sends no mail.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { auditEntries, caller, daysFromNow, notifications, ok, PROJECT_PAGE, refused, snapshot } from './asks-support';

let host: TestHost;
let call: ReturnType<typeof caller>;
const { pm, dev1, clientPo, clientMarketing, outsider, approver } = DEMO_USERS;
/** Hannah's ask. */
const KEY = 'SHOP-15';
const ASK = 'Approve the checkout copy deck';

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
  ok(await call(pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: ASK, due: daysFromNow(5) }));
});
afterAll(async () => {
  await host?.close();
});

/** Runs a refused call and checks that it changed nothing anywhere. */
async function unchanged(run: () => Promise<unknown>, issueKey = KEY): Promise<void> {
  const before = snapshot(host, issueKey);
  const audit = (await auditEntries(host, 'SHOP')).length;
  const mails = (await notifications(host, issueKey)).length;
  await run();
  assert.deepEqual(snapshot(host, issueKey), before, 'the field, history or changelog changed');
  assert.equal((await auditEntries(host, 'SHOP')).length, audit, 'an audit entry was written');
  assert.equal((await notifications(host, issueKey)).length, mails, 'a notification was sent');
}

describe("another client's ask", () => {
  test('cannot be read: FORBIDDEN, and the answer carries nothing of the ask', async () => {
    const answer = await call(clientMarketing, 'asks.get', { issueKey: KEY });
    const error = refused(answer, 'FORBIDDEN');
    assert.equal(error.message, 'There is no ask addressed to you on this issue');
    const text = JSON.stringify(answer);
    for (const secret of [ASK, clientPo, 'Hannah']) assert.equal(text.includes(secret), false, `the refusal mentions ${secret}`);
  });

  test('cannot be answered, nor met with "I need more information"', async () => {
    await unchanged(async () => {
      const answer = refused(await call(clientMarketing, 'asks.answer', { issueKey: KEY, answer: 'Approved!' }), 'FORBIDDEN');
      assert.match(answer.message, /Only the client person this ask is addressed to can answer it/);
      refused(await call(clientMarketing, 'asks.requestInfo', { issueKey: KEY, note: 'What deck?' }), 'FORBIDDEN');
    });
  });
});

describe('a client', () => {
  test('cannot set, edit, accept, re-ask or withdraw an ask, not even their own', async () => {
    await unchanged(async () => {
      for (const [key, payload] of [
        ['asks.set', { client: clientPo, ask: 'I ask myself', due: daysFromNow(3) }],
        ['asks.accept', {}],
        ['asks.reAsk', { due: daysFromNow(3) }],
        ['asks.withdraw', {}],
      ] as const) {
        const error = refused(await call(clientPo, key, { issueKey: KEY, ...payload }), 'FORBIDDEN');
        assert.match(error.message, /Only the team of this project/);
      }
    });
  });

  test('cannot set one on an issue without an ask either', async () => {
    await unchanged(async () => refused(await call(clientMarketing, 'asks.set', { issueKey: 'SHOP-16', client: clientMarketing, ask: 'x', due: daysFromNow(3) }), 'FORBIDDEN'), 'SHOP-16');
  });

  test('sees nothing of issues in a project where they have no role (Jira itself hides them)', async () => {
    const error = refused(await call(clientPo, 'asks.get', { issueKey: 'OPS-1' }), 'NOT_FOUND');
    assert.equal(error.message, 'Issue OPS-1 does not exist or you do not have permission to see it');
  });

  test('the named client can read the ask addressed to them', async () => {
    const view = ok(await call(clientPo, 'asks.get', { issueKey: KEY }));
    assert.equal(view.ask.ask, ASK);
  });
});

describe('people outside the project', () => {
  test('an outsider learns nothing, not even whether the issue exists', async () => {
    refused(await call(outsider, 'asks.get', { issueKey: KEY }), 'NOT_FOUND');
    await unchanged(async () => refused(await call(outsider, 'asks.set', { issueKey: KEY, client: clientPo, ask: 'x', due: daysFromNow(2) }), 'NOT_FOUND'));
  });
});

describe('who can be asked', () => {
  test('only someone in the client role: a developer is refused with a message on the client field', async () => {
    await unchanged(async () => {
      const error = refused(await call(pm, 'asks.set', { issueKey: 'SHOP-16', client: dev1, ask: 'Please review', due: daysFromNow(2) }), 'VALIDATION');
      assert.deepEqual(error.fields, { client: "Choose a person from the project's client role" });
    }, 'SHOP-16');
  });

  test("a SHOP client cannot be asked on an OPS issue, where they hold no role", async () => {
    await unchanged(async () => {
      const error = refused(await call(pm, 'asks.set', { issueKey: 'OPS-1', client: clientPo, ask: 'Please review', due: daysFromNow(2) }), 'VALIDATION');
      assert.deepEqual(Object.keys(error.fields ?? {}), ['client']);
    }, 'OPS-1');
  });
});

describe('invalid input changes nothing', () => {
  test('field messages for a missing ask, a past due date and a malformed issue key, before Jira is asked', async () => {
    await unchanged(async () => {
      const error = refused(await call(pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: '   ', due: '2020-01-01x' }), 'VALIDATION');
      assert.deepEqual(Object.keys(error.fields ?? {}).sort(), ['ask', 'due']);
      const bad = refused(await call(pm, 'asks.get', { issueKey: 'shop-15; DROP' }), 'VALIDATION');
      assert.deepEqual(Object.keys(bad.fields ?? {}), ['issueKey']);
    });
  });

  test('a due date in the past is refused by the rules, with a field message', async () => {
    await unchanged(async () => {
      const error = refused(await call(approver, 'asks.set', { issueKey: KEY, client: clientPo, ask: 'New text', due: daysFromNow(-2) }), 'VALIDATION');
      assert.deepEqual(error.fields, { due: 'Due date cannot be in the past' });
    });
  });

  test('steps out of order are conflicts: accepting an unanswered ask, answering a closed one', async () => {
    await unchanged(async () => {
      const error = refused(await call(pm, 'asks.accept', { issueKey: KEY }), 'CONFLICT');
      assert.match(error.message, /has not answered yet/);
      refused(await call(pm, 'asks.reAsk', { issueKey: KEY, due: daysFromNow(4) }), 'CONFLICT');
    });
  });
});

describe('the project comes from the issue, never from the payload', () => {
  test("someone with no role in OPS cannot act on an OPS issue by naming SHOP, where they are on the team", async () => {
    // Map OPS's team role to Members only: Priya (a Developer) then holds no Liaison role in OPS,
    // while she still may browse it in Jira and is on the SHOP team.
    const current = ok(await call(pm, 'settings.get', { projectKey: 'OPS' }, PROJECT_PAGE));
    const settings = { ...current.settings, roleMapping: { ...current.settings.roleMapping, team: ['Members'] } };
    ok(await call(pm, 'settings.save', { projectKey: 'OPS', version: current.version, ...settings }, PROJECT_PAGE));
    await unchanged(async () => {
      const error = refused(await call(dev1, 'asks.get', { issueKey: 'OPS-1', projectKey: 'SHOP' }), 'FORBIDDEN');
      assert.equal(error.message, "You don't have access to client asks in this project");
      refused(await call(dev1, 'asks.set', { issueKey: 'OPS-1', projectKey: 'SHOP', client: clientPo, ask: 'x', due: daysFromNow(2) }), 'FORBIDDEN');
    }, 'OPS-1');
    // In SHOP she is on the team and may act.
    assert.equal(ok(await call(dev1, 'asks.get', { issueKey: KEY })).viewer, 'team');
  });
});

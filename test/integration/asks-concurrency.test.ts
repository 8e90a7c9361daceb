/**
 * Lost updates on a client ask: ten writes at once on one issue, through the exported handler, with
 * storage answering after a few milliseconds as Forge's does (concurrency-support.ts).
 * Each write reads the ask record and saves it in a KVS transaction conditioned on the version it
 * read, so every write answered OK is stored, every other one is answered CONFLICT (nothing is
 * silently dropped), and a retry of the conflicted ones lands.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { outcomes, storageLatency } from './concurrency-support';
import { askFieldId, caller, daysFromNow, issue, ok, refused, storedAsk, type Answer } from './asks-support';

let host: TestHost;
let call: ReturnType<typeof caller>;
const { pm, dev1, clientPo } = DEMO_USERS;
const WRITERS = 10;

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
  storageLatency(host);
});
afterAll(async () => {
  await host?.close();
});


function editedTexts(key: string): string[] {
  return (storedAsk(host, key)?.document.history ?? []).filter((e) => e.action === 'edited' || e.action === 'asked').map((e) => e.note ?? '');
}

describe('ten writes at once on one issue\'s ask', () => {
  test('ten edits of a waiting ask: each OK is stored, the rest CONFLICT, and their retries land', async () => {
    const KEY = 'SHOP-50';
    const due = daysFromNow(8);
    ok(await call(pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: 'Initial ask', due }));
    const text = (i: number) => `Edit number ${i}`;
    const answers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => call(i % 2 ? dev1 : pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: text(i), due })));
    const { landed, conflicted } = outcomes(answers);
    console.log(`asks, ${WRITERS} edits at once on ${KEY}: ${landed.length} OK, ${conflicted.length} CONFLICT`);
    assert.ok(landed.length >= 1);
    assert.ok(conflicted.length >= 1, 'the writes overlapped');
    // Every OK is in the record's history; no CONFLICT is.
    const stored = editedTexts(KEY);
    for (const i of landed) assert.ok(stored.includes(text(i)), `OK write ${i} is stored`);
    for (const i of conflicted) assert.ok(!stored.includes(text(i)), `CONFLICT write ${i} changed nothing`);
    assert.equal(storedAsk(host, KEY)?.version, 1 + landed.length);

    // The conflicted writers retry, one after another: each lands.
    for (const i of conflicted) ok(await call(i % 2 ? dev1 : pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: text(i), due }));
    const after = editedTexts(KEY);
    assert.deepEqual(after.slice(1).sort(), Array.from({ length: WRITERS }, (_, i) => text(i)).sort(), 'all ten edits, each once');
    const record = storedAsk(host, KEY)!;
    assert.equal(record.version, 1 + WRITERS);
    assert.equal(record.document.ask.ask, after.at(-1));
    // Jira's field shows the record's projection.
    assert.deepEqual(issue(host, KEY).customFields[askFieldId(host)], { client: clientPo, state: 'waiting', due, round: 1 });
  });

  test('ten asks at once on an issue without one: the first to land asks, later ones edit, the rest CONFLICT; their retries land', async () => {
    const KEY = 'SHOP-51';
    const text = (i: number) => `First ask from writer ${i}`;
    const due = (i: number) => daysFromNow(5 + i);
    const answers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => call(pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: text(i), due: due(i) })));
    const { landed, conflicted } = outcomes(answers);
    console.log(`asks, ${WRITERS} first asks at once on ${KEY}: ${landed.length} OK, ${conflicted.length} CONFLICT`);
    assert.ok(landed.length >= 1 && conflicted.length >= 1, 'the writes overlapped');
    const stored = editedTexts(KEY);
    assert.deepEqual([...stored].sort(), landed.map(text).sort(), 'exactly the OK writes are stored');
    assert.equal(storedAsk(host, KEY)?.document.history[0].action, 'asked');
    assert.equal(storedAsk(host, KEY)?.version, landed.length);
    for (const i of conflicted) ok(await call(pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: text(i), due: due(i) }));
    const record = storedAsk(host, KEY)!;
    assert.equal(record.version, WRITERS);
    assert.deepEqual(editedTexts(KEY).sort(), Array.from({ length: WRITERS }, (_, i) => text(i)).sort());
    const last = conflicted.at(-1)!;
    assert.deepEqual(issue(host, KEY).customFields[askFieldId(host)], { client: clientPo, state: 'waiting', due: due(last), round: 1 });
  });

  test('an answer and a withdrawal at once: one lands, the other is told CONFLICT or refused by the new state, never lost', async () => {
    const KEY = 'SHOP-52';
    ok(await call(pm, 'asks.set', { issueKey: KEY, client: clientPo, ask: 'Approve the copy', due: daysFromNow(4) }));
    const [answered, withdrawn] = await Promise.all([
      call(clientPo, 'asks.answer', { issueKey: KEY, answer: 'Approved as is' }),
      call(pm, 'asks.withdraw', { issueKey: KEY }),
    ]);
    const record = storedAsk(host, KEY)!;
    const actions = record.document.history.map((e) => e.action);
    if (answered.ok) assert.ok(actions.includes('answered'));
    else refused(answered, 'CONFLICT');
    if (withdrawn.ok) assert.ok(actions.includes('withdrawn'));
    else refused(withdrawn, 'CONFLICT');
    assert.equal(record.version, 1 + Number(answered.ok) + Number(withdrawn.ok));
  });
});

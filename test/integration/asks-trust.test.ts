/**
 * Nothing in Jira is trusted about an ask. The record lives in Forge storage; Jira's Client
 * assignee field holds only its projection (client, state, due date, round), and the old
 * `liaison-asks` property is gone. A field value Liaison never wrote from a record, or any
 * `liaison-asks` property (a client may plant one when creating an issue), is ignored by every
 * reader and reported once per issue and value as a `tamper.ask` audit entry.
 * And the one-time migration: asks an earlier version kept in Jira move into records, the field is
 * rewritten to the projection, the property deleted; running it again (or twice at once) changes
 * nothing more.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { storageLatency } from './concurrency-support';
import { askFieldId, auditEntries, caller, daysFromNow, issue, jiraAs, ok, PORTAL, PROJECT_PAGE, refused, storedAsk } from './asks-support';

let host: TestHost;
let call: ReturnType<typeof caller>;
const { pm, clientPo, clientMarketing, clientOps } = DEMO_USERS;
const askedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();

/** The whole ask, as an earlier version wrote it into the field. */
function oldAsk(client: string, text: string, extra: { state?: string; answeredAt?: string; answer?: string } = {}) {
  return { client, ask: text, due: daysFromNow(2), state: 'waiting', askedAt, askedBy: pm, round: 1, ...extra };
}
function oldHistory(value: ReturnType<typeof oldAsk>, note: string) {
  return { history: [{ at: askedAt, by: pm, action: 'asked', client: value.client, due: value.due, state: value.state, round: 1, note }], dropped: 0 };
}
const kvsHandle = () => host.kvs as unknown as { handle(path: string, body: unknown): { status: number; body?: any } };
const migrated = (projectKey: string) => kvsHandle().handle('/api/v1/get', { key: `asks-migrated:${projectKey}` }).status === 200;
const tamperEntries = async (projectKey: string) => (await auditEntries(host, projectKey)).filter((e) => e.action === 'tamper.ask');

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
  // An earlier version's asks, before anyone opens Liaison after the upgrade.
  const fieldId = askFieldId(host);
  const james = oldAsk(clientMarketing, 'Send the brand guidelines PDF', { state: 'answered', answeredAt: askedAt, answer: 'Attached, version 3 of the guidelines' });
  issue(host, 'SHOP-60').customFields[fieldId] = james;
  issue(host, 'SHOP-60').properties['liaison-asks'] = {
    history: [
      { at: askedAt, by: pm, action: 'asked', client: clientMarketing, due: james.due, state: 'waiting', round: 1, note: james.ask },
      { at: askedAt, by: clientMarketing, action: 'answered', client: clientMarketing, due: james.due, state: 'answered', round: 1, note: james.answer },
    ],
    dropped: 0,
  };
  const hannah = oldAsk(clientPo, 'Confirm the returns policy wording');
  issue(host, 'SHOP-61').customFields[fieldId] = hannah;
  // A history whose last step is not the ask the field holds: someone else wrote it.
  issue(host, 'SHOP-61').properties['liaison-asks'] = oldHistory({ ...hannah, client: clientMarketing }, 'Planted history');
  const ops = oldAsk(clientOps, 'Send the payroll calendar for 2027');
  issue(host, 'OPS-5').customFields[fieldId] = ops;
  issue(host, 'OPS-5').properties['liaison-asks'] = oldHistory(ops, ops.ask);
});
afterAll(async () => {
  await host?.close();
});

describe('the one-time migration', () => {
  test('the first read of a project moves its asks into records and leaves Jira only the projection', async () => {
    assert.equal(migrated('SHOP'), false);
    const view = ok<any>(await call(pm, 'asks.get', { issueKey: 'SHOP-60' }));
    assert.equal(view.ask.ask, 'Send the brand guidelines PDF');
    assert.equal(view.ask.answer, 'Attached, version 3 of the guidelines');
    assert.deepEqual(view.history.map((e: { action: string }) => e.action), ['asked', 'answered']);
    assert.equal(migrated('SHOP'), true);

    const fieldId = askFieldId(host);
    for (const key of ['SHOP-60', 'SHOP-61']) {
      const record = storedAsk(host, key);
      assert.ok(record, `${key} has a record`);
      assert.equal(record.version, 1);
      assert.deepEqual(issue(host, key).customFields[fieldId], { client: record.client, state: record.state, due: record.due, round: 1 });
      assert.equal(Object.hasOwn(issue(host, key).properties, 'liaison-asks'), false, `${key}: the old property is deleted`);
    }
    // SHOP-61's history did not match its field: the ask moved without it, and the property was reported.
    assert.deepEqual(storedAsk(host, 'SHOP-61')?.document.history, []);
    assert.equal(storedAsk(host, 'SHOP-61')?.document.ask.ask, 'Confirm the returns policy wording');
    const audit = await auditEntries(host, 'SHOP');
    assert.deepEqual(audit.filter((e) => e.action === 'ask.migrated').map((e) => e.detail.changes[0].summary), [
      "Moved 2 client asks out of Jira's Client assignee field into Liaison's storage; the field now shows only the client, state, due date and round",
    ]);
    assert.deepEqual((await tamperEntries('SHOP')).map((e) => [e.target, e.detail.changes[0].path]), [['issue:SHOP-61', 'clientAsk.property']]);
    // OPS is moved on its own first read.
    assert.equal(migrated('OPS'), false);
  });

  test('running it again changes nothing: no writes to Jira or storage, no new audit entries', async () => {
    const before = { changes: issue(host, 'SHOP-60').changelog.length, audit: (await auditEntries(host, 'SHOP')).length, record: storedAsk(host, 'SHOP-60') };
    // Forget the marker: the next read runs the migration once more over already moved asks.
    kvsHandle().handle('/api/v1/delete', { key: 'asks-migrated:SHOP' });
    ok(await call(pm, 'asks.project', { projectKey: 'SHOP' }, PROJECT_PAGE));
    assert.equal(migrated('SHOP'), true);
    assert.equal(issue(host, 'SHOP-60').changelog.length, before.changes);
    assert.equal((await auditEntries(host, 'SHOP')).length, before.audit);
    assert.deepEqual(storedAsk(host, 'SHOP-60'), before.record);
  });

  test('two first reads at once move each ask once', async () => {
    const restore = storageLatency(host);
    try {
      const [a, b] = await Promise.all([call(pm, 'asks.project', { projectKey: 'OPS' }, PROJECT_PAGE), call(pm, 'asks.get', { issueKey: 'OPS-5' })]);
      ok(a);
      assert.equal(ok<any>(b).ask.ask, 'Send the payroll calendar for 2027');
    } finally {
      restore();
    }
    const record = storedAsk(host, 'OPS-5');
    assert.equal(record?.version, 1);
    assert.deepEqual(issue(host, 'OPS-5').customFields[askFieldId(host)], { client: clientOps, state: 'waiting', due: record?.due, round: 1 });
    const moved = (await auditEntries(host, 'OPS')).filter((e) => e.action === 'ask.migrated');
    assert.ok(moved.length >= 1 && moved.length <= 2, `${moved.length} migration entries`);
    assert.equal((await tamperEntries('OPS')).length, 0, 'a concurrent move is not mistaken for tampering');
  });
});

describe('what Jira shows is never believed', () => {
  test("a client creating an issue with a liaison-asks property: ignored everywhere, reported once", async () => {
    const forged = { history: [{ at: askedAt, by: pm, action: 'asked', client: clientPo, due: daysFromNow(1), state: 'waiting', round: 1, note: 'Forged: approve the 99,999 EUR change' }], dropped: 0 };
    const created = await jiraAs(host, clientPo, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { name: 'Task' }, summary: 'Please look at this' },
      properties: [{ key: 'liaison-asks', value: forged }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const key = created.json.key as string;
    const before = (await tamperEntries('SHOP')).length;
    for (let i = 0; i < 3; i++) {
      const view = ok<any>(await call(pm, 'asks.get', { issueKey: key }));
      assert.equal(view.ask, null);
      assert.deepEqual(view.history, []);
      refused(await call(clientPo, 'asks.get', { issueKey: key }), 'FORBIDDEN');
    }
    const tamper = (await tamperEntries('SHOP')).slice(before);
    assert.deepEqual(tamper.map((e) => [e.target, e.actor, e.detail.changes[0].path]), [[`issue:${key}`, 'liaison-check', 'clientAsk.property']]);
    assert.doesNotMatch(JSON.stringify(tamper), /Forged|99,999/, 'the audit line does not repeat the planted text');
  });

  test('a field value with no record (or not from its record) is ignored by the panel, the pages and the portal, and reported once per value', async () => {
    const fieldId = askFieldId(host);
    // No record on SHOP-62: a value Liaison never wrote.
    const planted = { client: clientMarketing, state: 'waiting', due: daysFromNow(-3), round: 1 };
    issue(host, 'SHOP-62').customFields[fieldId] = planted;
    // SHOP-63 has a record; its field is changed to something the record never was.
    ok(await call(pm, 'asks.set', { issueKey: 'SHOP-63', client: clientPo, ask: 'Check the size chart', due: daysFromNow(5) }));
    issue(host, 'SHOP-63').customFields[fieldId] = { client: clientMarketing, state: 'answered', due: daysFromNow(5), round: 4 };
    const before = (await tamperEntries('SHOP')).length;

    for (let i = 0; i < 2; i++) {
      assert.equal(ok<any>(await call(pm, 'asks.get', { issueKey: 'SHOP-62' })).ask, null);
      const shop63 = ok<any>(await call(pm, 'asks.get', { issueKey: 'SHOP-63' }));
      assert.deepEqual([shop63.ask.client, shop63.ask.state, shop63.ask.round], [clientPo, 'waiting', 1]);
      const page = ok<any>(await call(pm, 'asks.project', { projectKey: 'SHOP' }, PROJECT_PAGE));
      const rows = page.groups.flatMap((g: { rows: { issueKey: string; ask: { client: string; state: string } }[] }) => g.rows);
      assert.equal(rows.some((r: { issueKey: string }) => r.issueKey === 'SHOP-62'), false);
      assert.deepEqual(rows.filter((r: { issueKey: string }) => r.issueKey === 'SHOP-63').map((r: { ask: { client: string; state: string } }) => [r.ask.client, r.ask.state]), [[clientPo, 'waiting']]);
      const james = ok<any>(await call(clientMarketing, 'asks.mine', {}, PORTAL));
      assert.equal(james.asks.some((a: { issueKey: string }) => a.issueKey === 'SHOP-62' || a.issueKey === 'SHOP-63'), false);
    }
    const tamper = (await tamperEntries('SHOP')).slice(before);
    assert.deepEqual(tamper.map((e) => [e.target, e.detail.changes[0].path]).sort(), [['issue:SHOP-62', 'clientAsk.field'], ['issue:SHOP-63', 'clientAsk.field']]);
  });

  test('a stale projection (an older value the record passed through) is not tampering, and the next write puts the current one back', async () => {
    const fieldId = askFieldId(host);
    ok(await call(pm, 'asks.set', { issueKey: 'SHOP-64', client: clientPo, ask: 'First', due: daysFromNow(5) }));
    const first = structuredClone(issue(host, 'SHOP-64').customFields[fieldId]);
    ok(await call(pm, 'asks.set', { issueKey: 'SHOP-64', client: clientPo, ask: 'Second', due: daysFromNow(6) }));
    issue(host, 'SHOP-64').customFields[fieldId] = first;
    const before = (await tamperEntries('SHOP')).length;
    assert.equal(ok<any>(await call(pm, 'asks.get', { issueKey: 'SHOP-64' })).ask.due, daysFromNow(6));
    assert.equal((await tamperEntries('SHOP')).length, before);
    ok(await call(pm, 'asks.set', { issueKey: 'SHOP-64', client: clientPo, ask: 'Third', due: daysFromNow(7) }));
    assert.deepEqual(issue(host, 'SHOP-64').customFields[fieldId], { client: clientPo, state: 'waiting', due: daysFromNow(7), round: 1 });
  });
});

/**
 * Red flags live whole in their `flag` record; Jira's `liaison-flags` property is an index any
 * browsing user reads (read here as Hannah, a client of SHOP, through the sandbox's REST as Jira
 * would answer her) holding client-visible facts and an opaque total only. A flag's life (raised
 * internal, shown, resolved, hidden) changes the record and the index together; a property
 * planted in Jira (Hannah creating an issue with `properties`, a team member overwriting one) is
 * ignored by every reader and reported once as tampering; ten flags raised at once on one issue:
 * every OK is stored, every other answer is CONFLICT, and retrying those lands them.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { listAudit } from '../../src/platform/store/auditStore';
import { caller, enableRules, GADGET, ok, PROJECT_PAGE, propertyFlags, storedFlags } from './flags-support';
import { jiraAs, PORTAL, refused, withWriteBarrier } from './support';

const { pm, dev1, clientPo, clientMarketing } = DEMO_USERS;
const INTERNAL_NOTE = 'Payment vendor sandbox keeps timing out under load';
const VISIBLE_NOTE = 'Waiting for the final tax rules from your accountant';
const INDEX_KEYS = ['categories', 'maxSeverity', 'open', 'schema', 'total'];

async function tamperEntries(_host: TestHost, issueKey: string, kind: 'flags' | 'change') {
  const found = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const { entries, nextCursor } = await listAudit('SHOP', { limit: 100, ...(cursor ? { cursor } : {}) });
    found.push(...entries.filter((e) => e.action === `tamper.${kind}` && e.target === `issue:${issueKey}`));
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return found;
}

describe('red flags: the record is the truth, Jira holds an index', () => {
  let host: TestHost;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    host = await startTestHost();
    call = caller(host);
    ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-20', category: 'schedule-slip', severity: 'high', note: INTERNAL_NOTE, clientVisible: false }));
    ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-12', category: 'blocked-on-client', severity: 'medium', note: VISIBLE_NOTE, clientVisible: true }));
    await enableRules(host, 'SHOP');
    await host.app.fireScheduledTrigger('flag-rules-daily');
    await host.app.idle();
  });
  afterAll(async () => host?.close());

  test("a client reading every flagged issue's property gets the index only: no note, account id, internal category or severity", async () => {
    const flagged = host.sandbox.site.issues.filter((i) => i.key.startsWith('SHOP-') && i.properties['liaison-flags'] !== undefined);
    assert.ok(flagged.length >= 2);
    const secrets = new Set<string>([pm, dev1, 'rule']);
    for (const { key } of flagged) {
      for (const flag of storedFlags(host, key)!.flags) {
        if (!flag.clientVisible) [flag.note, flag.category].forEach((s) => secrets.add(s));
        secrets.add(flag.id);
      }
    }
    for (const { key } of flagged) {
      const read = await jiraAs(host, clientPo, 'GET', `/rest/api/3/issue/${key}/properties/liaison-flags`);
      assert.equal(read.status, 200, `${key}: ${JSON.stringify(read.json)}`);
      assert.deepEqual(Object.keys(read.json.value).sort(), INDEX_KEYS, key);
      const text = JSON.stringify(read.json.value);
      for (const secret of secrets) if (!(read.json.value.categories as string[]).includes(secret)) assert.equal(text.includes(secret), false, `${key} shows "${secret}" to a client`);
    }
    assert.deepEqual(propertyFlags(host, 'SHOP-20'), { schema: 2, open: 0, maxSeverity: 0, categories: [], total: storedFlags(host, 'SHOP-20')!.open });
    assert.deepEqual(propertyFlags(host, 'SHOP-12'), { schema: 2, open: 1, maxSeverity: 2, categories: ['blocked-on-client'], total: storedFlags(host, 'SHOP-12')!.open });
    const panel = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-20' }));
    assert.ok(panel.flags.some((f: any) => f.note === INTERNAL_NOTE && f.raisedBy === pm));
  });

  test('raised internal, shown to the client, resolved, hidden again: the record keeps it whole, the index follows', async () => {
    const raised = ok<any>(await call(dev1, 'flags.raise', { issueKey: 'SHOP-21', category: 'uncharted-territory', severity: 'critical', note: 'New payment SDK', clientVisible: false }));
    const id = raised.flags.find((f: any) => f.note === 'New payment SDK').id as string;
    const index = () => propertyFlags(host, 'SHOP-21')!;
    const open = () => storedFlags(host, 'SHOP-21')!.flags.filter((f) => !f.resolvedAt).length;
    assert.deepEqual([index().open, index().maxSeverity, index().categories, index().total], [0, 0, [], open()]);
    ok(await call(pm, 'flags.setVisibility', { issueKey: 'SHOP-21', flagId: id, clientVisible: true }));
    assert.deepEqual([index().open, index().maxSeverity, index().categories], [1, 4, ['uncharted-territory']]);
    const client = ok<any>(await call(clientPo, 'flags.get', { issueKey: 'SHOP-21' }));
    assert.deepEqual(client.flags.map((f: any) => [f.id, f.note, f.raisedBy]), [[id, 'New payment SDK', undefined]]);
    ok(await call(pm, 'flags.resolve', { issueKey: 'SHOP-21', flagId: id, resolution: 'SDK spike done' }));
    ok(await call(pm, 'flags.setVisibility', { issueKey: 'SHOP-21', flagId: id, clientVisible: false }));
    assert.deepEqual([index().open, index().categories], [0, []]);
    const whole = storedFlags(host, 'SHOP-21')!.flags.find((f) => f.id === id)!;
    assert.deepEqual([whole.raisedBy, whole.resolvedBy, whole.resolution, whole.clientVisible], [dev1, pm, 'SDK spike done', false]);
    const team = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-21' }));
    assert.equal(team.flags.find((f: any) => f.id === id).resolution, 'SDK spike done');
  });

  test('a client creating an issue with a planted liaison-flags (a critical client-visible flag "raised by" the PM): shown nowhere, reported once', async () => {
    const planted = { open: 1, maxSeverity: 4, maxSeverityName: 'critical', categories: ['scope-creep'], dropped: 0, flags: [{ id: 'forged-1', category: 'scope-creep', severity: 'critical', note: 'FORGED: the project is cancelled', clientVisible: true, source: 'manual', raisedBy: pm, raisedAt: new Date().toISOString() }] };
    const created = await jiraAs(host, clientPo, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { name: 'Task' }, summary: 'Looks harmless' }, properties: [{ key: 'liaison-flags', value: planted }] });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const key = created.json.key as string;
    await host.app.idle();
    const forged = (answer: unknown) => JSON.stringify(answer).includes('FORGED');
    for (const [who, moduleKey] of [[clientPo, PORTAL], [clientMarketing, PORTAL], [pm, PROJECT_PAGE]] as const) {
      assert.equal(forged(ok(await call(who, 'flags.get', { issueKey: key }))), false, `flags.get as ${who}`);
      assert.equal(forged(ok(await call(who, 'portal.home', {}, moduleKey))), false, `portal.home as ${who}`);
      assert.equal(forged(ok(await call(who, 'flags.gadget', { projectKey: 'SHOP' }, GADGET))), false, `flags.gadget as ${who}`);
    }
    assert.equal(forged(ok(await call(pm, 'flags.project', { projectKey: 'SHOP', status: 'all' }, PROJECT_PAGE))), false);
    const entries = await tamperEntries(host, key, 'flags');
    assert.equal(entries.length, 1, JSON.stringify(entries));
    assert.equal(entries[0].actor, 'liaison');
    assert.match(entries[0].detail.changes[0].summary, /not written by Liaison \(no Liaison record stands behind it\)/);
    assert.equal(JSON.stringify(entries).includes('FORGED'), false, 'the planted value is not copied into the audit trail');
  });

  test('a team member overwriting the index of a flagged issue: readers keep the record, the team is told once per value', async () => {
    const before = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-12' }));
    const put = await jiraAs(host, dev1, 'PUT', '/rest/api/3/issue/SHOP-12/properties/liaison-flags', { schema: 2, open: 0, maxSeverity: 0, categories: [], total: 0 });
    assert.ok(put.status === 200 || put.status === 201, JSON.stringify(put));
    const after = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-12' }));
    assert.deepEqual(after.flags, before.flags);
    ok(await call(clientPo, 'flags.get', { issueKey: 'SHOP-12' }));
    assert.equal((await tamperEntries(host, 'SHOP-12', 'flags')).length, 1);
    // The next write projects the record again.
    ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-12', category: 'other', severity: 'low', note: 'Re-indexed', clientVisible: false }));
    assert.equal(propertyFlags(host, 'SHOP-12')!.open, 1);
  });

  test('ten flags raised at once on one issue by the PM: every OK is stored, every other is CONFLICT, retrying those lands them', async () => {
    const notes = Array.from({ length: 10 }, (_, i) => `Concurrent flag ${i + 1}`);
    const raise = (note: string) => call(pm, 'flags.raise', { issueKey: 'SHOP-30', category: 'other', severity: 'medium', note, clientVisible: false });
    // All ten read the record before any writes it (as on Forge, where invocations run side by side):
    // their storage transactions are held until all ten are waiting (or 5 s passed).
    const answers = await withWriteBarrier('"entityName":"flag"', 10, () => Promise.all(notes.map(raise)));
    const landed = notes.filter((_, i) => answers[i].ok);
    const conflicted = notes.filter((_, i) => !answers[i].ok);
    for (const [i, answer] of answers.entries()) if (!answer.ok) assert.equal(refused(answer, 'CONFLICT').message, 'Someone else changed the red flags of SHOP-30 at the same moment, so this change was not saved. Reload and try again.', notes[i]);
    const stored = () => storedFlags(host, 'SHOP-30')!.flags.map((f) => f.note);
    assert.ok(landed.length >= 1);
    assert.deepEqual(stored().sort(), [...landed].sort(), 'exactly the flags answered OK are stored');
    const retried: string[] = [];
    for (const note of conflicted) {
      ok(await raise(note));
      retried.push(note);
    }
    assert.deepEqual(stored().sort(), [...notes].sort());
    assert.equal(propertyFlags(host, 'SHOP-30')!.total, 10);
    console.log(`flags concurrency: 10 raised at once -> ${landed.length} OK (stored), ${conflicted.length} CONFLICT; ${retried.length} retried -> all ${stored().length} stored`);
  });

  test('when the index write fails after the record was written, the flag stands and the next write projects again', async () => {
    const g = globalThis as unknown as { __forge_fetch__: (descriptor: unknown, path: string, init?: RequestInit) => Promise<Response> };
    const original = g.__forge_fetch__;
    let refusedWrites = 0;
    g.__forge_fetch__ = async (descriptor, path, init) => {
      if (init?.method === 'PUT' && path.includes('/properties/liaison-flags')) {
        refusedWrites += 1;
        return new Response(JSON.stringify({ errorMessages: ['Refused by the test'], errors: {} }), { status: 400, headers: { 'content-type': 'application/json' } });
      }
      return original(descriptor, path, init);
    };
    try {
      ok(await call(dev1, 'flags.raise', { issueKey: 'SHOP-22', category: 'untested-functionality', severity: 'high', note: 'Load test not run yet', clientVisible: true }));
    } finally {
      g.__forge_fetch__ = original;
    }
    assert.equal(refusedWrites, 1);
    assert.equal(propertyFlags(host, 'SHOP-22')?.open ?? 0, 0, 'Jira did not take the index');
    assert.ok(storedFlags(host, 'SHOP-22')!.flags.some((f) => f.note === 'Load test not run yet'));
    assert.ok(ok<any>(await call(clientPo, 'flags.get', { issueKey: 'SHOP-22' })).flags.some((f: any) => f.note === 'Load test not run yet'));
    ok(await call(dev1, 'flags.raise', { issueKey: 'SHOP-22', category: 'other', severity: 'low', note: 'Second', clientVisible: false }));
    assert.equal(propertyFlags(host, 'SHOP-22')!.open, 1);
  });
});

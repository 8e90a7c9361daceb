/**
 * Internal red flags' notes are team-only: Jira lets anyone who can browse an issue read its
 * properties through the REST API, so the `liaison-flags` property holds an internal flag without
 * its note, resolution or people, and those live in the `flag-notes` storage record of the issue.
 * Read here as Hannah (a client of SHOP) through the sandbox's REST, as Jira would answer her, and
 * as the team through the panel; then a flag's life: raised internal, shown to the client, resolved,
 * hidden again; and a property an older version wrote (notes inside) moved on the next write.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { caller, enableRules, ok, propertyFlags } from './flags-support';
import { issue, jiraAs, storedFlagNotes } from './support';

const { pm, approver, dev1, clientPo } = DEMO_USERS;
const INTERNAL_NOTE = 'Payment vendor sandbox keeps timing out under load';
const VISIBLE_NOTE = 'Waiting for the final tax rules from your accountant';
const TEAM_ONLY = ['note', 'raisedBy', 'resolvedBy', 'resolution'];

/** The flag of the property Jira holds, by id. */
function propertyFlag(host: TestHost, key: string, id: string): Record<string, unknown> {
  const found = (propertyFlags(host, key)?.flags as Record<string, unknown>[] | undefined)?.find((f) => f.id === id);
  assert.ok(found, `no flag ${id} in the property of ${key}`);
  return found;
}

const teamOnlyKeys = (flag: Record<string, unknown>) => TEAM_ONLY.filter((k) => k in flag);

describe('internal flag notes stay out of what a client can read through Jira', () => {
  let host: TestHost;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    host = await startTestHost();
    call = caller(host);
    ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-20', category: 'schedule-slip', severity: 'high', note: INTERNAL_NOTE, clientVisible: false }));
    ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-12', category: 'blocked-on-client', severity: 'medium', note: VISIBLE_NOTE, clientVisible: true }));
    // The rules' own flags (stale, schedule slip, …) are internal unless a rule says otherwise.
    await enableRules(host, 'SHOP');
    await host.app.fireScheduledTrigger('flag-rules-daily');
    await host.app.idle();
  });
  afterAll(async () => host?.close());

  test("a client reading every flagged issue's property gets no internal note; the team's panel has them", async () => {
    const flagged = host.sandbox.site.issues.filter((i) => i.key.startsWith('SHOP-') && i.properties['liaison-flags'] !== undefined);
    const internalNotes = new Set(flagged.flatMap((i) => Object.values(storedFlagNotes(host, i.key)).map((part) => part.note)));
    assert.ok(internalNotes.has(INTERNAL_NOTE));
    assert.ok(internalNotes.size >= 2, `rule flags' notes are stored too: ${[...internalNotes].join(' | ')}`);
    let internalFlags = 0;
    for (const { key } of flagged) {
      const read = await jiraAs(host, clientPo, 'GET', `/rest/api/3/issue/${key}/properties/liaison-flags`);
      assert.equal(read.status, 200, `${key}: ${JSON.stringify(read.json)}`);
      const text = JSON.stringify(read.json);
      for (const note of internalNotes) assert.equal(text.includes(note), false, `${key} shows "${note}" to a client`);
      for (const flag of read.json.value.flags as Record<string, unknown>[]) {
        if (flag.clientVisible) continue;
        internalFlags += 1;
        assert.deepEqual(teamOnlyKeys(flag), [], `${key}: internal flag ${String(flag.id)}`);
      }
    }
    assert.ok(flagged.length >= 3 && internalFlags >= 2, `${flagged.length} flagged issues, ${internalFlags} internal flags`);
    // The client-visible flag is whole in the property.
    const visible = await jiraAs(host, clientPo, 'GET', '/rest/api/3/issue/SHOP-12/properties/liaison-flags');
    assert.ok(JSON.stringify(visible.json).includes(VISIBLE_NOTE));

    const panel = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-20' }));
    const flag = panel.flags.find((f: any) => f.note === INTERNAL_NOTE);
    assert.ok(flag, JSON.stringify(panel.flags));
    assert.equal(flag.raisedBy, pm);
    assert.equal(panel.names[pm], 'Maya Lindqvist');
    const page = ok<any>(await call(pm, 'flags.project', { projectKey: 'SHOP' }));
    assert.ok(page.rows.some((r: any) => r.issueKey === 'SHOP-20' && r.flag.note === INTERNAL_NOTE), 'the Red flags page merges the notes');
    const clientPanel = ok<any>(await call(clientPo, 'flags.get', { issueKey: 'SHOP-20' }));
    assert.equal(JSON.stringify(clientPanel).includes(INTERNAL_NOTE), false);
  });

  test('raised internal, shown to the client, resolved, hidden again: the note and people go where they belong', async () => {
    const note = 'Rounding of Swiss VAT untested';
    const raised = ok<any>(await call(dev1, 'flags.raise', { issueKey: 'SHOP-16', category: 'untested-functionality', severity: 'medium', note, clientVisible: false }));
    const id = raised.flags.find((f: any) => f.note === note).id as string;
    assert.deepEqual(teamOnlyKeys(propertyFlag(host, 'SHOP-16', id)), []);
    assert.deepEqual(storedFlagNotes(host, 'SHOP-16')[id], { note, raisedBy: dev1 });

    ok(await call(pm, 'flags.setVisibility', { issueKey: 'SHOP-16', flagId: id, clientVisible: true }));
    const shown = propertyFlag(host, 'SHOP-16', id);
    assert.deepEqual([shown.clientVisible, shown.note, shown.raisedBy], [true, note, dev1]);
    const seen = await jiraAs(host, clientPo, 'GET', '/rest/api/3/issue/SHOP-16/properties/liaison-flags');
    assert.ok(JSON.stringify(seen.json).includes(note), 'the client now reads the note');

    ok(await call(approver, 'flags.resolve', { issueKey: 'SHOP-16', flagId: id, resolution: 'Tests added for CHF rounding' }));
    const resolved = propertyFlag(host, 'SHOP-16', id);
    assert.deepEqual([resolved.resolvedBy, resolved.resolution], [approver, 'Tests added for CHF rounding']);
    assert.equal(storedFlagNotes(host, 'SHOP-16')[id], undefined, 'storage lets go of a client-visible flag once the property holds it');

    ok(await call(pm, 'flags.setVisibility', { issueKey: 'SHOP-16', flagId: id, clientVisible: false }));
    assert.deepEqual(teamOnlyKeys(propertyFlag(host, 'SHOP-16', id)), []);
    assert.deepEqual(storedFlagNotes(host, 'SHOP-16')[id], { note, raisedBy: dev1, resolvedBy: approver, resolution: 'Tests added for CHF rounding' });
    const panel = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-16' }));
    const flag = panel.flags.find((f: any) => f.id === id);
    assert.deepEqual([flag.note, flag.raisedBy, flag.resolvedBy, flag.clientVisible], [note, dev1, approver, false]);

    // An internal flag resolved: the resolver is stored with the note, not in the property.
    const other = ok<any>(await call(dev1, 'flags.raise', { issueKey: 'SHOP-16', category: 'other', severity: 'low', note: 'Check the invoice template wording', clientVisible: false }));
    const otherId = other.flags.find((f: any) => f.note === 'Check the invoice template wording').id as string;
    ok(await call(approver, 'flags.resolve', { issueKey: 'SHOP-16', flagId: otherId, resolution: 'Wording agreed in the team' }));
    const otherInProperty = propertyFlag(host, 'SHOP-16', otherId);
    assert.equal(typeof otherInProperty.resolvedAt, 'string');
    assert.deepEqual(teamOnlyKeys(otherInProperty), []);
    assert.deepEqual(storedFlagNotes(host, 'SHOP-16')[otherId], { note: 'Check the invoice template wording', raisedBy: dev1, resolvedBy: approver, resolution: 'Wording agreed in the team' });
  });

  test('a property an older version wrote (internal note inside) is moved to storage on the next write, and never shown to a client', async () => {
    const legacyNote = 'Legacy note: the old checkout must stay until March';
    issue(host, 'SHOP-18').properties['liaison-flags'] = {
      open: 1, maxSeverity: 2, maxSeverityName: 'medium', categories: ['other'], dropped: 0,
      flags: [{ id: 'legacy-1', category: 'other', severity: 'medium', note: legacyNote, clientVisible: false, source: 'manual', raisedBy: dev1, raisedAt: '2026-01-05T09:00:00.000Z' }],
    };
    const client = ok<any>(await call(clientPo, 'flags.get', { issueKey: 'SHOP-18' }));
    assert.deepEqual(client.flags, []);
    assert.equal(JSON.stringify(client).includes(legacyNote), false);
    const before = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-18' }));
    assert.equal(before.flags.find((f: any) => f.id === 'legacy-1')?.note, legacyNote);

    ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-18', category: 'scope-creep', severity: 'low', note: 'Two more payment methods asked for', clientVisible: true }));
    assert.deepEqual(teamOnlyKeys(propertyFlag(host, 'SHOP-18', 'legacy-1')), []);
    assert.deepEqual(storedFlagNotes(host, 'SHOP-18')['legacy-1'], { note: legacyNote, raisedBy: dev1 });
    const afterWrite = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-18' }));
    assert.deepEqual(afterWrite.flags.map((f: any) => f.note).sort(), [legacyNote, 'Two more payment methods asked for'].sort());
  });

  test('when the property write fails after storage was written, no note is lost and none lands in the property', async () => {
    const note = 'Load test of the search API not run yet';
    const raised = ok<any>(await call(dev1, 'flags.raise', { issueKey: 'SHOP-22', category: 'untested-functionality', severity: 'high', note, clientVisible: false }));
    const id = raised.flags.find((f: any) => f.note === note).id as string;
    // Jira refuses every write of the liaison-flags property (a non-retryable answer) from here on.
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
      const shown = await call(pm, 'flags.setVisibility', { issueKey: 'SHOP-22', flagId: id, clientVisible: true });
      assert.equal(shown.ok, false, JSON.stringify(shown));
      const more = await call(dev1, 'flags.raise', { issueKey: 'SHOP-22', category: 'other', severity: 'low', note: 'Never saved to Jira', clientVisible: false });
      assert.equal(more.ok, false, JSON.stringify(more));
    } finally {
      g.__forge_fetch__ = original;
    }
    assert.equal(refusedWrites, 2);
    // The property is as before (internal, no note); storage still has the note.
    const inProperty = propertyFlag(host, 'SHOP-22', id);
    assert.deepEqual([inProperty.clientVisible, teamOnlyKeys(inProperty)], [false, []]);
    assert.equal(storedFlagNotes(host, 'SHOP-22')[id]?.note, note);
    assert.ok(Object.values(storedFlagNotes(host, 'SHOP-22')).some((part) => part.note === 'Never saved to Jira'), 'its part was stored first');
    const panel = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-22' }));
    const notes = panel.flags.map((f: any) => f.note);
    assert.ok(notes.includes(note), JSON.stringify(notes));
    assert.equal(notes.includes('Never saved to Jira'), false, 'the flag whose property write failed is not shown');
    // Once Jira takes writes again, the same change goes through and the note moves.
    ok(await call(pm, 'flags.setVisibility', { issueKey: 'SHOP-22', flagId: id, clientVisible: true }));
    assert.equal(propertyFlag(host, 'SHOP-22', id).note, note);
    const stored = storedFlagNotes(host, 'SHOP-22');
    assert.equal(stored[id]?.note, note, 'kept until the next write');
    assert.equal(Object.values(stored).some((part) => part.note === 'Never saved to Jira'), false, "the failed raise's part is let go");
  });
});

/**
 * Issue 13's one-time migration (src/migration/events/trustMigration.ts) over data as issue 4 left it:
 * a change request whose record lacks who raised it, with the old `liaison-change` (requester,
 * approver...), and red flags in the old `liaison-flags` shape with their `flag-notes` parts. It
 * moves what it can check into the records, rewrites the properties as projections, refuses (and
 * reports) what it cannot check, and a second run changes nothing.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { CHANGE_REQUEST_TYPE_ID } from '../../local/demo/changeRequests';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { listAudit } from '../../src/platform/store/auditStore';
import { readChange } from '../../src/changes/store/changeStore';
import type { MigrationRun } from '../../src/migration/events/trustMigration';
import { callerFrom, issue, jiraAs, ok, PROJECT_PAGE, storedFlagRecord } from './support';

const { pm, dev1, clientPo, clientMarketing, approver } = DEMO_USERS;
const NOTE = 'Vendor SDK has no sandbox for refunds';

describe('the trust migration', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  let loggedKey = '';
  let forgedKey = '';
  const kvs = (path: string, body: unknown) => (host.kvs as unknown as { handle(p: string, b: unknown): { status: number } }).handle(path, body);
  const put = async (key: string, property: string, value: unknown) => {
    const answer = await jiraAs(host, pm, 'PUT', `/rest/api/3/issue/${key}/properties/${property}`, value);
    assert.ok(answer.status === 200 || answer.status === 201, JSON.stringify(answer));
  };

  beforeAll(async () => {
    host = await startTestHost();
    call = callerFrom(host, PROJECT_PAGE);
    // A logged change request as issue 4 stored it: no record, the schema 1 property.
    const logged = host.sandbox.site.issues.find((i) => i.issueTypeId === CHANGE_REQUEST_TYPE_ID && (i.properties['liaison-change'] as any)?.step === 'logged')!;
    loggedKey = logged.key;
    const { doc } = await readChange(logged.id);
    assert.equal(kvs('/api/v1/entity/delete', { entityName: 'change', key: logged.id }).status, 204);
    await put(loggedKey, 'liaison-change', { schema: 1, step: 'logged', requestedBy: logged.reporter, requestedAt: doc.requestedAt, raisedVia: 'portal', implementationKeys: [], acknowledgedBy: approver });
    // A planted schema 1 property whose "requester" is not the reporter.
    const created = await jiraAs(host, clientPo, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { id: CHANGE_REQUEST_TYPE_ID }, summary: 'Planted before the migration' },
      properties: [{ key: 'liaison-change', value: { schema: 1, step: 'logged', requestedBy: clientMarketing, requestedAt: new Date().toISOString(), raisedVia: 'portal', implementationKeys: [] } }],
    });
    forgedKey = created.json.key;
    // Flags as issue 4 stored them: raised through Liaison (so audited), then split back into the old property + flag-notes.
    const raised = ok<any>(await call(dev1, 'flags.raise', { issueKey: 'SHOP-25', category: 'untested-functionality', severity: 'high', note: NOTE, clientVisible: false }));
    const flag = raised.flags[0];
    const shopIssue = issue(host, 'SHOP-25');
    assert.equal(kvs('/api/v1/entity/delete', { entityName: 'flag', key: shopIssue.id }).status, 204);
    const { note: _note, raisedBy: _raisedBy, ...withoutNote } = flag;
    await put('SHOP-25', 'liaison-flags', { open: 1, maxSeverity: 3, maxSeverityName: 'high', categories: ['untested-functionality'], dropped: 0, flags: [withoutNote] });
    assert.equal(kvs('/api/v1/entity/set', { entityName: 'flag-notes', key: shopIssue.id, value: { projectKey: 'SHOP', issueKey: 'SHOP-25', updatedAt: new Date().toISOString(), notes: { [flag.id]: { note: NOTE, raisedBy: dev1 } } } }).status, 204);
    // And an old-shaped property Liaison never wrote: a critical client-visible flag "raised by" the PM, no audit entry.
    await put('SHOP-26', 'liaison-flags', { open: 1, maxSeverity: 4, categories: ['scope-creep'], dropped: 0, flags: [{ id: 'planted', category: 'scope-creep', severity: 'critical', note: 'Planted critical flag', clientVisible: true, source: 'manual', raisedBy: pm, raisedAt: new Date().toISOString() }] });
  });
  afterAll(async () => host?.close());

  test('moves what it can check into the records and rewrites the properties; refuses and reports the rest', async () => {
    const run = (await host.app.runFunction('trust-migration', {})) as MigrationRun;
    const shop = run.projects.find((p) => p.projectKey === 'SHOP')!;
    console.log(`trust migration, first run: ${JSON.stringify(shop)}`);
    assert.equal(shop.error, undefined);
    assert.deepEqual(shop.changes, { migrated: 1, current: 2, refused: 1 });
    assert.deepEqual(shop.flags, { migrated: 2, current: 0, refused: 1, flagsRefused: 1 });

    const logged = await readChange(issue(host, loggedKey).id);
    assert.deepEqual([logged.doc.requestedBy, logged.doc.step, logged.doc.raisedVia], [issue(host, loggedKey).reporter, 'logged', 'portal']);
    assert.deepEqual(issue(host, loggedKey).properties['liaison-change'], { schema: 2, step: 'logged' });
    assert.equal((await readChange(issue(host, forgedKey).id)).version, 0, 'the planted request got no record');

    const record = storedFlagRecord(host, 'SHOP-25')!;
    assert.deepEqual(record.flags.map((f) => [f.note, f.raisedBy, f.clientVisible]), [[NOTE, dev1, false]]);
    assert.deepEqual(issue(host, 'SHOP-25').properties['liaison-flags'], { schema: 2, open: 0, maxSeverity: 0, categories: [], total: 1 });
    assert.deepEqual(storedFlagRecord(host, 'SHOP-26')!.flags, [], 'the unaudited flag was not migrated');
    const entities = (host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, unknown>> } }).snapshot().entities;
    assert.equal(Object.keys(entities['flag-notes'] ?? {}).length, 0, 'flag-notes records are deleted once moved');

    const panel = ok<any>(await call(pm, 'flags.get', { issueKey: 'SHOP-25' }));
    assert.ok(panel.flags.some((f: any) => f.note === NOTE));
    assert.equal(JSON.stringify(ok<any>(await call(clientPo, 'flags.get', { issueKey: 'SHOP-26' }))).includes('Planted'), false);
    const { entries } = await listAudit('SHOP', { limit: 100 });
    assert.deepEqual(entries.filter((e) => e.action.startsWith('tamper.')).map((e) => `${e.action} ${e.target}`).sort(), [`tamper.change issue:${forgedKey}`, 'tamper.flags issue:SHOP-26']);
  });

  test('a second run changes nothing', async () => {
    const snapshot = () => JSON.stringify((host.kvs as unknown as { snapshot(): unknown }).snapshot()) + JSON.stringify(host.sandbox.site.issues.map((i) => i.properties));
    const before = snapshot();
    const run = (await host.app.runFunction('trust-migration', {})) as MigrationRun;
    assert.deepEqual(run.projects, []);
    assert.ok(run.skipped.includes('SHOP') && run.skipped.includes('OPS'), JSON.stringify(run));
    assert.equal(snapshot(), before);
  });
});

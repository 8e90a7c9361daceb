/**
 * The `liaison-flags` property is indexed by the manifest's jira:entityProperty module: JQL on
 * `issue.property[liaison-flags].total` / flagsTotal (open flags of any visibility, a count only)
 * finds the issues with open flags; flagsOpen, flagSeverity and flagCategory see client-visible
 * flags only, through the sandbox's JQL engine.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { caller, jqlKeys, ok, storedFlags } from './flags-support';

let host: TestHost;
let call: ReturnType<typeof caller>;
const byKey = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
  const raise = (issueKey: string, category: string, severity: string, clientVisible = false) =>
    call(DEMO_USERS.dev1, 'flags.raise', { issueKey, category, severity, note: `${category} on ${issueKey}`, clientVisible }).then(ok);
  await raise('SHOP-2', 'uncharted-territory', 'critical');
  await raise('SHOP-3', 'scope-creep', 'low', true);
  await raise('SHOP-3', 'other', 'medium');
  await raise('SHOP-5', 'untested-functionality', 'high');
  // SHOP-6 had a flag, resolved since: it carries the property with open = 0.
  const raised = await raise('SHOP-6', 'schedule-slip', 'high');
  ok(await call(DEMO_USERS.dev1, 'flags.resolve', { issueKey: 'SHOP-6', flagId: raised.flags[0].id, resolution: 'Moved the launch date' }));
  await raise('OPS-1', 'other', 'low');
});
afterAll(async () => {
  await host?.close();
});

describe('JQL finds flagged issues', () => {
  test('the record exists where flags were raised; SHOP-6 has none open', () => {
    assert.equal(storedFlags(host, 'SHOP-6')!.open, 0);
    assert.equal(storedFlags(host, 'SHOP-3')!.open, 2);
    assert.equal(storedFlags(host, 'SHOP-1'), null);
  });

  test('issue.property[liaison-flags].total > 0 (an opaque count of open flags of any visibility) finds exactly the issues with open flags', async () => {
    const keys = await jqlKeys(host, DEMO_USERS.pm, 'project = SHOP AND issue.property[liaison-flags].total > 0 ORDER BY key ASC');
    assert.deepEqual(keys.sort(byKey), ['SHOP-2', 'SHOP-3', 'SHOP-5']);
    assert.deepEqual((await jqlKeys(host, DEMO_USERS.pm, 'flagsTotal > 0')).sort(byKey), ['OPS-1', 'SHOP-2', 'SHOP-3', 'SHOP-5']);
    assert.deepEqual((await jqlKeys(host, DEMO_USERS.pm, 'project = SHOP AND flagsTotal >= 0')).sort(byKey), ['SHOP-2', 'SHOP-3', 'SHOP-5', 'SHOP-6']);
  });

  test('flagsOpen, flagSeverity and flagCategory cover client-visible flags only: internal categories and severities are not in Jira', async () => {
    assert.deepEqual(await jqlKeys(host, DEMO_USERS.pm, 'project = SHOP AND flagsOpen > 0'), ['SHOP-3']);
    assert.deepEqual(await jqlKeys(host, DEMO_USERS.pm, 'project = SHOP AND flagSeverity >= 1'), ['SHOP-3']);
    assert.deepEqual(await jqlKeys(host, DEMO_USERS.pm, 'project = SHOP AND flagSeverity >= 3'), []);
    assert.deepEqual(await jqlKeys(host, DEMO_USERS.pm, 'project = SHOP AND flagCategory = "scope-creep"'), ['SHOP-3']);
    for (const internal of ['uncharted-territory', 'untested-functionality', 'other', 'schedule-slip']) {
      assert.deepEqual(await jqlKeys(host, DEMO_USERS.pm, `flagCategory = "${internal}"`), [], internal);
    }
  });

  test("a client's search sees only what Jira lets them browse (no OPS issue), and no more than the client-visible facts", async () => {
    assert.deepEqual((await jqlKeys(host, DEMO_USERS.clientPo, 'flagsTotal > 0')).sort(byKey), ['SHOP-2', 'SHOP-3', 'SHOP-5']);
    assert.deepEqual(await jqlKeys(host, DEMO_USERS.clientPo, 'flagsOpen > 0'), ['SHOP-3']);
    assert.deepEqual(await jqlKeys(host, DEMO_USERS.clientPo, 'flagCategory = "uncharted-territory"'), []);
  });
});

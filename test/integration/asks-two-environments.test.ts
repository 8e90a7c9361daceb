/**
 * The development and production environments of Liaison installed on one Jira site: each has its
 * own "Client assignee" field (same name, same module key, its own extension id in `schema.custom`),
 * and Jira refuses an app's writes to the other environment's field (403). The app must find and
 * write the field of the environment it runs in, even when the other one comes first in Jira's list.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { runtimeIds } from '../../local/host/runtime';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { forgeIdentity, installForgeModules, readManifest } from '../../local/jira/forgeManifest';
import { caller, daysFromNow, issue, jqlKeys, ok, PROJECT_PAGE } from './asks-support';
import { callerFrom } from './support';

/** The other environment (say, production) of the same app, installed on the site first. */
const OTHER_ENVIRONMENT = '0b0b0b0b-0000-4000-8000-0000000000b0';
const KEY = 'SHOP-14';
/** An issue with an ask of the other environment only. */
const OTHER_KEY = 'SHOP-15';

let host: TestHost;
let call: ReturnType<typeof caller>;
let ownFieldId: string;
let otherFieldId: string;

const extensionId = (environmentId: string) => `ari:cloud:ecosystem::extension/${runtimeIds().appId}/${environmentId}/static/client-assignee`;

beforeAll(async () => {
  const site = buildDemoSite();
  const manifest = readManifest('manifest.yml');
  installForgeModules(site, manifest, forgeIdentity(manifest, OTHER_ENVIRONMENT));
  host = await startTestHost({ site });
  call = caller(host);
  const fields = host.sandbox.site.fields.filter((f) => f.name === 'Client assignee');
  const own = fields.find((f) => f.schema?.custom === extensionId(runtimeIds().environmentId));
  const other = fields.find((f) => f.schema?.custom === extensionId(OTHER_ENVIRONMENT));
  assert.ok(own && other, 'the site holds both environments\' Client assignee fields');
  ownFieldId = own.id;
  otherFieldId = other.id;
});
afterAll(async () => {
  await host?.close();
});

/** PUT /rest/api/3/app/field/{id}/value as the app. */
async function setAsApp(fieldId: string, issueId: string, value: unknown): Promise<number> {
  const response = await fetch(`${host.sandbox.url}/rest/api/3/app/field/${fieldId}/value`, {
    method: 'PUT',
    headers: { authorization: 'Bearer forge-app', 'content-type': 'application/json' },
    body: JSON.stringify({ updates: [{ issueIds: [Number(issueId)], value }] }),
  });
  return response.status;
}

describe('two environments of Liaison on one site', () => {
  test('Jira lists two "Client assignee" fields, the other environment\'s first', async () => {
    const response = await fetch(`${host.sandbox.url}/rest/api/3/field`, { headers: { authorization: 'Bearer forge-app' } });
    const fields = ((await response.json()) as Array<{ id: string; name: string }>).filter((f) => f.name === 'Client assignee');
    assert.deepEqual(fields.map((f) => f.id), [otherFieldId, ownFieldId]);
  });

  test("Jira refuses the app's write to the other environment's field, and takes its own", async () => {
    const target = issue(host, KEY);
    const value = { client: DEMO_USERS.clientPo, ask: 'x', due: '2026-12-31', state: 'waiting', askedAt: '2026-12-01T00:00:00.000Z', askedBy: DEMO_USERS.pm, round: 1 };
    assert.equal(await setAsApp(otherFieldId, target.id, value), 403);
    assert.equal(target.customFields[otherFieldId], undefined);
    assert.equal(await setAsApp(ownFieldId, target.id, null), 204);
  });

  test('the app finds its own environment\'s field by the whole extension id', async () => {
    const { lookUpAskFields } = await import('../../src/asks/jira/askFields');
    const { jiraAsApp } = await import('../../src/platform/jira/jiraClient');
    const fields = await lookUpAskFields(jiraAsApp(), new Date());
    assert.equal(fields.askFieldId, ownFieldId);
    assert.equal(fields.extensionId, extensionId(runtimeIds().environmentId));
  });

  test('setting an ask through the panel writes this environment\'s field and leaves the other alone', async () => {
    const view = ok(await call(DEMO_USERS.pm, 'asks.set', { issueKey: KEY, client: DEMO_USERS.clientPo, ask: 'Approve the footer copy', due: daysFromNow(5) }));
    assert.equal(view.ask.state, 'waiting');
    const stored = issue(host, KEY);
    // The field is the ask's minimal projection (no text: anyone who can browse the issue reads it).
    assert.deepEqual(stored.customFields[ownFieldId], { client: DEMO_USERS.clientPo, state: 'waiting', due: daysFromNow(5), round: 1 });
    assert.equal(stored.customFields[otherFieldId], undefined);
  });

  test("JQL by the field's name searches both same-named fields; the app's Client asks page keeps to its own field", async () => {
    const other = issue(host, OTHER_KEY);
    other.customFields[otherFieldId] = { client: DEMO_USERS.clientPo, ask: 'Asked by the other environment', due: daysFromNow(3), state: 'waiting', askedAt: '2026-12-01T00:00:00.000Z', askedBy: DEMO_USERS.pm, round: 1 };
    const found = await jqlKeys(host, DEMO_USERS.pm, 'project = SHOP AND "Client assignee.state" = waiting');
    assert.ok(found.includes(KEY) && found.includes(OTHER_KEY), JSON.stringify(found));
    const page = ok(await callerFrom(host, PROJECT_PAGE)<any>(DEMO_USERS.pm, 'asks.project', { projectKey: 'SHOP' }));
    const listed = JSON.stringify(page);
    assert.ok(listed.includes(`"${KEY}"`), 'its own ask is listed');
    assert.ok(!listed.includes(`"${OTHER_KEY}"`) && !listed.includes('Asked by the other environment'), "the other environment's ask is not");
  });
});

/**
 * Offline user impersonation in the local Forge runtime: `asUser(accountId)` for someone other
 * than the invoking user (or with no invocation user, as in a queue consumer) works only when
 * manifest.yml declares a scope with `allowImpersonation: true`, as Forge documents
 * (manifest-reference/permissions). This app's manifest declares none.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asUser, ProxyRequestError, route } from '@forge/api';
import { buildDemoSite, DEMO_USERS } from '../../local/demo/site';
import { loadManifest } from '../../local/host/manifest';
import { runAsInvocation } from '../../local/host/runtime';
import { startTestHost, type TestHost } from '../../local/host/testing';

const MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/7a1b2c3d-0000-4000-8000-00000000000f
  runtime: { name: nodejs22.x }
modules:
  consumer:
    - key: job-consumer
      queue: test-jobs
      function: consume
  function:
    - { key: consume, handler: index.consume }
permissions:
  scopes: [read:jira-work, storage:app]
`;

let host: TestHost;
const myself = () => asUser(DEMO_USERS.pm).requestJira(route`/rest/api/3/myself`);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-host-impersonation-'));
  writeFileSync(join(dir, 'manifest.yml'), MANIFEST);
  host = await startTestHost({ site: buildDemoSite(), manifestPath: join(dir, 'manifest.yml'), modules: { index: { consume: async () => undefined } } });
});
afterAll(async () => {
  await host?.close();
});

describe('offline user impersonation', () => {
  test('asUser(accountId) with no user behind the invocation is refused without allowImpersonation', async () => {
    await assert.rejects(runAsInvocation({ moduleKey: 'job-consumer' }, myself), (e: unknown) => e instanceof ProxyRequestError);
  });

  test('asUser(accountId) naming the invoking user is not impersonation and works', async () => {
    const response = await runAsInvocation({ moduleKey: 'job-consumer', accountId: DEMO_USERS.pm }, myself);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { accountId: string }).accountId, DEMO_USERS.pm);
  });

  test("the repo's manifest allows impersonation on exactly the read scopes a queued report uses", () => {
    const manifest = loadManifest('manifest.yml');
    assert.deepEqual([...manifest.impersonationScopes].sort(), ['read:board-scope:jira-software', 'read:jira-user', 'read:jira-work', 'read:project:jira', 'read:sprint:jira-software']);
    assert.ok(manifest.scopes.includes('write:jira-work') && !manifest.impersonationScopes.includes('write:jira-work'));
  });
});

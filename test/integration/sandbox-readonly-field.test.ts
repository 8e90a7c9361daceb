/**
 * A Forge custom field declared `readOnly: true` can be written only by the app (through
 * /rest/api/3/app/field/...), never through a user's issue edit: as on Jira Cloud.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { buildTestSite, call, USERS } from '../contract/sandbox-fixture';

const MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000
modules:
  jira:customField:
    - key: locked-field
      name: Locked field
      description: Only the app writes it
      type: string
      readOnly: true
    - key: open-field
      name: Open field
      description: Anyone who can edit the issue writes it
      type: string
`;

describe('read-only Forge custom fields', () => {
  let sandbox: Sandbox;
  let dir: string;
  let locked: string;
  let open: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-readonly-'));
    writeFileSync(join(dir, 'manifest.yml'), MANIFEST);
    sandbox = await startSandbox({ site: buildTestSite(), manifestPath: join(dir, 'manifest.yml') });
    const fields = (await call(sandbox.url, 'app', 'GET', '/rest/api/3/field')).body as { id: string; name: string }[];
    locked = fields.find((f) => f.name === 'Locked field')!.id;
    open = fields.find((f) => f.name === 'Open field')!.id;
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a user's issue edit cannot set a read-only field, and nothing changes", async () => {
    const refused = await call(sandbox.url, { user: USERS.pm }, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { [locked]: 'by hand' } });
    assert.equal(refused.status, 400);
    assert.match(refused.body.errors[locked], /cannot be set/);
    const issue = await call(sandbox.url, 'app', 'GET', `/rest/api/3/issue/SHOP-1?fields=${locked}`);
    assert.equal(issue.body.fields[locked], null);
  });

  test('the same user may set an ordinary Forge field', async () => {
    const edited = await call(sandbox.url, { user: USERS.pm }, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { [open]: 'by hand' } });
    assert.equal(edited.status, 204);
  });

  test('the app sets the read-only field through the app field API', async () => {
    const set = await call(sandbox.url, 'app', 'PUT', `/rest/api/3/app/field/${locked}/value`, { updates: [{ issueIds: [Number(sandbox.site.issues.find((i) => i.key === 'SHOP-1')!.id)], value: 'by the app' }] });
    assert.equal(set.status, 204);
    const issue = await call(sandbox.url, 'app', 'GET', `/rest/api/3/issue/SHOP-1?fields=${locked}`);
    assert.equal(issue.body.fields[locked], 'by the app');
  });
});

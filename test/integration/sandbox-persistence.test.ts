/**
 * Sandbox persistence: with a dataFile the site survives a restart; saves are debounced.
 */
import { describe, test, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAVE_DEBOUNCE_MS } from '../../local/jira/persistence';
import { startSandbox } from '../../local/jira/server';
import { adf, buildTestSite, call, USERS } from '../contract/sandbox-fixture';

describe('sandbox persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-data-'));
  const dataFile = join(dir, 'nested', 'site.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('writes survive a restart with the same dataFile', async () => {
    const first = await startSandbox({ site: buildTestSite(), dataFile });
    const dev = { user: USERS.dev };
    const created = await call(first.url, dev, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { id: '10002' }, summary: 'Persist me' } });
    assert.equal(created.status, 201);
    await call(first.url, dev, 'PUT', `/rest/api/3/issue/${created.body.key}/properties/liaison-change`, { requestedBy: USERS.client });
    await call(first.url, dev, 'POST', `/rest/api/3/issue/${created.body.key}/comment`, { body: adf('saved?') });
    await first.close();
    assert.ok(existsSync(dataFile));

    // A fresh site object is offered; the file wins.
    const second = await startSandbox({ site: buildTestSite(), dataFile });
    try {
      const issue = await call(second.url, dev, 'GET', `/rest/api/3/issue/${created.body.key}?properties=liaison-change&fields=summary,comment`);
      assert.equal(issue.status, 200);
      assert.equal(issue.body.fields.summary, 'Persist me');
      assert.deepEqual(issue.body.properties, { 'liaison-change': { requestedBy: USERS.client } });
      assert.equal(issue.body.fields.comment.total, 1);
      assert.equal(second.site.baseUrl, second.url, 'the base URL follows the new port');
      const next = await call(second.url, dev, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { id: '10002' }, summary: 'After restart' } });
      assert.equal(next.body.key, 'SHOP-14', 'ids continue after the persisted ones');
    } finally {
      await second.close();
    }
  });

  test('saves happen on their own shortly after a write (debounced), without close', async () => {
    const sandbox = await startSandbox({ site: buildTestSite(), dataFile });
    try {
      await call(sandbox.url, { user: USERS.dev }, 'PUT', '/rest/api/3/issue/SHOP-2', { fields: { summary: 'Debounced' } });
      await new Promise((r) => setTimeout(r, SAVE_DEBOUNCE_MS + 300));
      const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
      assert.equal(saved.issues.find((i: { key: string }) => i.key === 'SHOP-2').summary, 'Debounced');
    } finally {
      await sandbox.close();
    }
  });

  test('without a dataFile nothing is written and save() is a no-op', async () => {
    const sandbox = await startSandbox({ site: buildTestSite() });
    await sandbox.save();
    await sandbox.close();
    assert.equal(existsSync(join(dir, 'site.json')), false);
  });
});

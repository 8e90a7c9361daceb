/**
 * Issue properties sent with an edit or a transition (Jira's IssueUpdateDetails.properties), as with
 * a create: set only when the edit or transition is allowed, never with a changelog entry.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { buildTestSite, call, TRANSITION, USERS } from '../contract/sandbox-fixture';

describe('issue properties in edit and transition bodies', () => {
  let sandbox: Sandbox;
  const issue = (key: string) => sandbox.site.issues.find((i) => i.key === key)!;
  beforeAll(async () => {
    sandbox = await startSandbox({ site: buildTestSite() });
  });
  afterAll(() => sandbox.close());

  test('an edit sets them, alone or with fields, without a changelog entry for them', async () => {
    const changelog = issue('SHOP-1').changelog.length;
    const alone = await call(sandbox.url, { user: USERS.dev }, 'PUT', '/rest/api/3/issue/SHOP-1', { properties: [{ key: 'team.note', value: { n: 1 } }] });
    assert.equal(alone.status, 204, JSON.stringify(alone.body));
    assert.deepEqual(issue('SHOP-1').properties['team.note'], { n: 1 });
    assert.equal(issue('SHOP-1').changelog.length, changelog);
    const withFields = await call(sandbox.url, { user: USERS.dev }, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'Renamed' }, properties: [{ key: 'team.note', value: { n: 2 } }] });
    assert.equal(withFields.status, 204);
    assert.deepEqual(issue('SHOP-1').properties['team.note'], { n: 2 });
    assert.equal(issue('SHOP-1').changelog.length, changelog + 1, 'one entry, for the summary');
  });

  test('a person who may not edit sets nothing, and a malformed list changes nothing', async () => {
    const refused = await call(sandbox.url, { user: USERS.client }, 'PUT', '/rest/api/3/issue/SHOP-1', { properties: [{ key: 'client.note', value: 1 }] });
    assert.equal(refused.status, 400);
    assert.equal(issue('SHOP-1').properties['client.note'], undefined);
    const summary = issue('SHOP-1').summary;
    const malformed = await call(sandbox.url, { user: USERS.dev }, 'PUT', '/rest/api/3/issue/SHOP-1', { fields: { summary: 'Not applied' }, properties: { key: 'x', value: 1 } });
    assert.equal(malformed.status, 400);
    assert.equal(issue('SHOP-1').summary, summary);
  });

  test('a transition sets them with the move', async () => {
    const moved = await call(sandbox.url, { user: USERS.dev }, 'POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: TRANSITION.start }, properties: [{ key: 'team.step', value: 'started' }] });
    assert.equal(moved.status, 204, JSON.stringify(moved.body));
    assert.equal(issue('SHOP-2').properties['team.step'], 'started');
    const refused = await call(sandbox.url, { user: USERS.client }, 'POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: TRANSITION.review }, properties: [{ key: 'client.step', value: 'x' }] });
    assert.equal(refused.status, 400);
    assert.equal(issue('SHOP-2').properties['client.step'], undefined);
  });
});

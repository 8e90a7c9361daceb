/**
 * Sandbox authentication: Basic API tokens, the local host's Forge bearer tokens, and 401s.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { APP_ACCOUNT_ID } from '../../local/jira/model';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { buildTestSite, call, USERS } from '../contract/sandbox-fixture';

const NOT_AUTHENTICATED = { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} };

describe('sandbox authentication', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    const site = buildTestSite();
    site.users.push({ accountId: '712020:gone', accountType: 'atlassian', displayName: 'Gone User', emailAddress: 'gone@example.com', timeZone: 'UTC', active: false, apiToken: 'gone-token' });
    sandbox = await startSandbox({ site });
  });
  afterAll(() => sandbox.close());

  test('Basic auth with an email and API token runs as that user', async () => {
    const res = await call(sandbox.url, { basic: ['dan@example.com', 'dev-token'] }, 'GET', '/rest/api/3/myself');
    assert.equal(res.status, 200);
    assert.equal(res.body.accountId, USERS.dev);
  });

  test('Basic auth matches the email case-insensitively but the token exactly', async () => {
    assert.equal((await call(sandbox.url, { basic: ['DAN@example.com', 'dev-token'] }, 'GET', '/rest/api/3/myself')).status, 200);
    const wrong = await call(sandbox.url, { basic: ['dan@example.com', 'DEV-TOKEN'] }, 'GET', '/rest/api/3/myself');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, NOT_AUTHENTICATED);
  });

  test('a user without an API token cannot use Basic auth', async () => {
    const res = await call(sandbox.url, { basic: ['clara@client.example', ''] }, 'GET', '/rest/api/3/myself');
    assert.equal(res.status, 401);
  });

  test('Bearer forge-user:<accountId> runs as that user (asUser)', async () => {
    const res = await call(sandbox.url, { user: USERS.client }, 'GET', '/rest/api/3/myself');
    assert.equal(res.status, 200);
    assert.equal(res.body.displayName, 'Clara Client');
  });

  test('Bearer forge-app runs as the app user (asApp)', async () => {
    const res = await call(sandbox.url, 'app', 'GET', '/rest/api/3/myself');
    assert.equal(res.status, 200);
    assert.equal(res.body.accountId, APP_ACCOUNT_ID);
    assert.equal(res.body.accountType, 'app');
  });

  test('no Authorization header answers 401 with Jira\'s body', async () => {
    const res = await call(sandbox.url, 'none', 'GET', '/rest/api/3/issue/SHOP-1');
    assert.equal(res.status, 401);
    assert.deepEqual(res.body, NOT_AUTHENTICATED);
  });

  test('unknown or deactivated users and unknown schemes answer 401', async () => {
    assert.equal((await call(sandbox.url, { user: '712020:nobody' }, 'GET', '/rest/api/3/myself')).status, 401);
    assert.equal((await call(sandbox.url, { user: '712020:gone' }, 'GET', '/rest/api/3/myself')).status, 401);
    assert.equal((await call(sandbox.url, { basic: ['gone@example.com', 'gone-token'] }, 'GET', '/rest/api/3/myself')).status, 401);
    const res = await fetch(`${sandbox.url}/rest/api/3/myself`, { headers: { authorization: 'Token abc' } });
    assert.equal(res.status, 401);
  });

  test('avatar images are served without authentication', async () => {
    const me = await call(sandbox.url, { user: USERS.pm }, 'GET', '/rest/api/3/myself');
    const res = await fetch(me.body.avatarUrls['48x48']);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.match(await res.text(), />PM</);
  });
});

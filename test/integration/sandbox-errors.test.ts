/**
 * Sandbox error answers: Jira's status codes and `{ errorMessages, errors }` bodies for bad input.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { buildTestSite, call, USERS } from '../contract/sandbox-fixture';

describe('sandbox error bodies', () => {
  let sandbox: Sandbox;
  const dev = { user: USERS.dev };
  const as = (method: string, path: string, body?: unknown) => call(sandbox.url, dev, method, path, body);
  beforeAll(async () => { sandbox = await startSandbox({ site: buildTestSite() }); });
  afterAll(() => sandbox.close());

  test('creating an issue without the required fields answers a field error map', async () => {
    const res = await as('POST', '/rest/api/3/issue', { fields: {} });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      errorMessages: [],
      errors: { project: 'Specify a valid project ID or key', issuetype: 'Specify an issue type', summary: 'You must specify a summary of the issue.' },
    });
    const badType = await as('POST', '/rest/api/3/issue', { fields: { project: { key: 'OPS' }, issuetype: { name: 'Story' }, summary: 'x' } });
    assert.deepEqual(badType.body.errors, { issuetype: 'The issue type selected is invalid.' });
    const noFields = await as('POST', '/rest/api/3/issue', {});
    assert.equal(noFields.status, 400);
    assert.equal(sandbox.site.issues.length, 16, 'nothing was created');
  });

  test('invalid field values are reported per field and nothing changes', async () => {
    const res = await as('PUT', '/rest/api/3/issue/SHOP-2', {
      fields: { summary: 'ok', description: 'plain text', duedate: '24/11/2026', labels: ['two words'], status: { id: '10002' } },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body.errors).sort(), ['description', 'duedate', 'labels', 'status']);
    assert.equal(res.body.errors.status, "Field 'status' cannot be set. It is not on the appropriate screen, or unknown.");
    assert.equal(res.body.errors.description, 'Operation value must be an Atlassian Document (see the Atlassian Document Format).');
    assert.equal(sandbox.site.issues.find((i) => i.key === 'SHOP-2')!.summary, 'SHOP issue 2');
    const unknown = await as('PUT', '/rest/api/3/issue/SHOP-2', { fields: { customfield_99999: 1 } });
    assert.equal(unknown.body.errors.customfield_99999, "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.");
    const badOp = await as('PUT', '/rest/api/3/issue/SHOP-2', { update: { labels: [{ rename: 'x' }] } });
    assert.equal(badOp.status, 400);
  });

  test('malformed JSON answers 400 and a non-JSON body 415', async () => {
    const res = await fetch(`${sandbox.url}/rest/api/3/issue`, { method: 'POST', headers: { authorization: `Bearer forge-user:${USERS.dev}`, 'content-type': 'application/json' }, body: '{"fields":' });
    assert.equal(res.status, 400);
    const body = await res.json() as { errorMessages: string[] };
    assert.match(body.errorMessages[0], /^Invalid JSON in the request body/);
    const text = await fetch(`${sandbox.url}/rest/api/3/issue`, { method: 'POST', headers: { authorization: `Bearer forge-user:${USERS.dev}`, 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(text.status, 415);
  });

  test('issue property values over 32,768 characters are refused; PUT answers 201 then 200', async () => {
    const big = { text: 'x'.repeat(32_800) };
    const tooBig = await as('PUT', '/rest/api/3/issue/SHOP-2/properties/liaison-asks', big);
    assert.equal(tooBig.status, 400);
    assert.deepEqual(tooBig.body.errorMessages, ['The property value cannot be longer than 32768 characters.']);
    assert.equal((await as('PUT', '/rest/api/3/issue/SHOP-2/properties/liaison-asks', { history: [] })).status, 201);
    assert.equal((await as('PUT', '/rest/api/3/issue/SHOP-2/properties/liaison-asks', { history: [1] })).status, 200);
    assert.deepEqual((await as('GET', '/rest/api/3/issue/SHOP-2/properties/liaison-asks')).body, { key: 'liaison-asks', value: { history: [1] } });
    assert.equal((await as('DELETE', '/rest/api/3/issue/SHOP-2/properties/liaison-asks')).status, 204);
    const gone = await as('GET', '/rest/api/3/issue/SHOP-2/properties/liaison-asks');
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body.errorMessages, ["The property with key 'liaison-asks' does not exist."]);
  });

  test('transitions: a missing id and an id the workflow does not offer are 400', async () => {
    const missing = await as('POST', '/rest/api/3/issue/SHOP-2/transitions', {});
    assert.equal(missing.status, 400);
    const invalid = await as('POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: '31' } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.body, { errorMessages: ["Transition id '31' is not valid for this issue."], errors: {} });
  });

  test('JQL: unbounded queries, bad syntax and unknown fields answer 400', async () => {
    const unbounded = await as('POST', '/rest/api/3/search/jql', { jql: 'ORDER BY created DESC' });
    assert.equal(unbounded.status, 400);
    assert.deepEqual(unbounded.body.errorMessages, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    const syntax = await as('POST', '/rest/api/3/search/jql', { jql: 'project = = SHOP' });
    assert.equal(syntax.status, 400);
    assert.ok(syntax.body.errorMessages.length > 0);
    const unknown = await as('POST', '/rest/api/3/search/jql', { jql: 'nosuchfield = 1' });
    assert.equal(unknown.status, 400);
    const count = await as('POST', '/rest/api/3/search/approximate-count', { jql: '' });
    assert.equal(count.status, 400);
  });

  test('removed and unknown endpoints answer as Jira does', async () => {
    const old = await as('GET', '/rest/api/3/search?jql=project=SHOP');
    assert.equal(old.status, 410);
    assert.match(old.body.errorMessages[0], /migrate to the \/rest\/api\/3\/search\/jql API/);
    assert.equal((await as('GET', '/rest/api/3/nothing-here')).status, 404);
    assert.equal((await as('DELETE', '/rest/api/3/myself')).status, 405);
  });

  test('bad paging and lookup parameters answer 400/404 with messages', async () => {
    assert.equal((await as('GET', '/rest/api/3/project/search?startAt=abc')).status, 400);
    assert.equal((await as('GET', '/rest/api/3/user')).status, 400);
    const user = await as('GET', '/rest/api/3/user?accountId=nobody');
    assert.equal(user.status, 404);
    assert.deepEqual(user.body.errorMessages, ['Specified user does not exist or you do not have required permissions']);
    assert.equal((await as('GET', '/rest/api/3/user/search')).status, 400);
    assert.equal((await as('GET', '/rest/agile/1.0/board/2/sprint')).status, 400, 'kanban boards have no sprints');
    assert.equal((await as('GET', '/rest/agile/1.0/board/1/sprint?state=running')).status, 400);
    const worklog = await as('POST', '/rest/api/3/issue/SHOP-2/worklog', { started: 'yesterday' });
    assert.equal(worklog.status, 400);
    assert.deepEqual(Object.keys(worklog.body.errors).sort(), ['started', 'timeLogged']);
  });
});

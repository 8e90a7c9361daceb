/**
 * Sandbox transitions: the workflow's transitions, the Forge rule hooks (a refusing validator
 * blocks with its message), changelog, resolution date, and post functions.
 */
import { describe, test, beforeAll, afterAll, beforeEach } from '@jest/globals';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox, type TransitionHookContext } from '../../local/jira/server';
import { buildTestSite, call, POST_FUNCTION_KEY, STATUS, TRANSITION, USERS, VALIDATOR_KEY } from '../contract/sandbox-fixture';

describe('sandbox transitions', () => {
  let sandbox: Sandbox;
  let validated: TransitionHookContext[];
  let posted: TransitionHookContext[];
  let refuse: string | null;
  const dev = { user: USERS.dev };
  const as = (method: string, path: string, body?: unknown) => call(sandbox.url, dev, method, path, body);
  const issue = (key: string) => sandbox.site.issues.find((i) => i.key === key)!;

  beforeAll(async () => {
    sandbox = await startSandbox({ site: buildTestSite() });
    sandbox.hooks = {
      async validateTransition(ctx) {
        validated.push(ctx);
        if (refuse && ctx.moduleKeys.includes(VALIDATOR_KEY)) return { result: false, errorMessage: refuse };
        return { result: true };
      },
      async afterTransition(ctx) { posted.push(ctx); },
    };
  });
  beforeEach(() => { validated = []; posted = []; refuse = null; });
  afterAll(() => sandbox.close());

  test('GET transitions lists the moves from the current status, with the target status', async () => {
    const res = await as('GET', '/rest/api/3/issue/SHOP-2/transitions');
    assert.deepEqual(res.body.transitions.map((t: any) => [t.id, t.name, t.to.name, t.to.statusCategory.key]), [
      [TRANSITION.start, 'Start work', 'In Progress', 'indeterminate'],
      [TRANSITION.done, 'Done', 'Done', 'done'],
    ]);
  });

  test('a refusing validator blocks the transition with its message and changes nothing', async () => {
    await as('POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: TRANSITION.start } });
    await as('POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: TRANSITION.review } });
    const before = { status: issue('SHOP-2').statusId, changelog: issue('SHOP-2').changelog.length, updated: issue('SHOP-2').updated };
    const workflow = sandbox.site.workflows.find((w) => w.transitions.some((t) => t.id === TRANSITION.approve))!;
    refuse = 'A change needs an approver decision first.';
    validated = [];
    posted = [];
    const res = await as('POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: TRANSITION.approve }, fields: { summary: 'Should not stick' } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { errorMessages: ['A change needs an approver decision first.'], errors: {} });
    assert.equal(validated.length, 1);
    assert.deepEqual(validated[0], {
      issueKey: 'SHOP-2', issueId: issue('SHOP-2').id, projectKey: 'SHOP', accountId: USERS.dev,
      transition: { id: TRANSITION.approve, name: 'Approve', from: { id: STATUS.inReview }, to: { id: STATUS.done } },
      moduleKeys: [VALIDATOR_KEY],
      workflow: { id: workflow.id, name: workflow.name },
      modifiedFields: { summary: 'Should not stick' },
    });
    assert.deepEqual({ status: issue('SHOP-2').statusId, changelog: issue('SHOP-2').changelog.length, updated: issue('SHOP-2').updated }, before);
    assert.equal(issue('SHOP-2').summary, 'SHOP issue 2');
    assert.equal(posted.length, 0);
  });

  test('an accepted transition applies, writes the changelog, sets the resolution date, runs post functions', async () => {
    const res = await as('POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: TRANSITION.approve }, update: { labels: [{ add: 'approved' }] } });
    assert.equal(res.status, 204);
    const i = issue('SHOP-2');
    assert.equal(i.statusId, STATUS.done);
    assert.ok(i.resolutiondate);
    const last = i.changelog.at(-1)!;
    assert.equal(last.author, USERS.dev);
    assert.deepEqual(last.items.map((item) => [item.field, item.fromString, item.toString]), [
      ['labels', 'backend', 'backend approved'], ['resolution', null, 'Done'], ['status', 'In Review', 'Done'],
    ]);
    assert.deepEqual(posted.map((p) => p.moduleKeys), [[POST_FUNCTION_KEY]]);
    const view = await as('GET', '/rest/api/3/issue/SHOP-2?fields=status,resolution,resolutiondate,statuscategorychangedate');
    assert.equal(view.body.fields.status.statusCategory.key, 'done');
    assert.equal(view.body.fields.resolution.name, 'Done');
    assert.equal(view.body.fields.resolutiondate, i.resolutiondate);
    assert.equal(view.body.fields.statuscategorychangedate, last.created);
  });

  test('leaving a done status clears the resolution', async () => {
    const res = await as('POST', '/rest/api/3/issue/SHOP-2/transitions', { transition: { id: TRANSITION.reopen } });
    assert.equal(res.status, 204);
    assert.equal(issue('SHOP-2').resolutiondate, null);
    assert.deepEqual(issue('SHOP-2').changelog.at(-1)!.items.map((i) => [i.field, i.toString]), [['resolution', null], ['status', 'To Do']]);
  });

  test('a throwing validator blocks the transition; a throwing post function does not undo it', async () => {
    sandbox.hooks.validateTransition = async () => { throw new Error('validator crashed'); };
    const blocked = await as('POST', '/rest/api/3/issue/SHOP-3/transitions', { transition: { id: TRANSITION.start } });
    assert.equal(blocked.status, 400);
    assert.deepEqual(blocked.body.errorMessages, ['Workflow validation failed: validator crashed']);
    sandbox.hooks.validateTransition = async () => ({ result: true });
    const originalError = console.error;
    console.error = () => undefined;
    sandbox.hooks.afterTransition = async () => { throw new Error('post function crashed'); };
    try {
      const done = await as('POST', '/rest/api/3/issue/SHOP-3/transitions', { transition: { id: TRANSITION.done } });
      assert.equal(done.status, 204);
    } finally {
      console.error = originalError;
    }
    assert.equal(issue('SHOP-3').statusId, STATUS.done);
  });

  test('transitions without TRANSITION_ISSUES answer 400', async () => {
    const res = await call(sandbox.url, { user: USERS.client }, 'POST', '/rest/api/3/issue/SHOP-4/transitions', { transition: { id: TRANSITION.start } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errorMessages, ['You do not have permission to transition this issue.']);
  });
});

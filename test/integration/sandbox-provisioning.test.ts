/**
 * Provisioning through the REST API as an app would: a new issue type with its own workflow
 * (new statuses, a Forge validator and post function), added to a project, then used.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox, type TransitionHookContext } from '../../local/jira/server';
import { buildTestSite, call, STATUS, USERS } from '../contract/sandbox-fixture';

const APP_ID = '0f1e2d3c-4b5a-4968-8776-655443322110';
const ENV_ID = '00000000-0000-4000-8000-00000000e0e0';
const ari = (moduleKey: string) => `ari:cloud:ecosystem::extension/${APP_ID}/${ENV_ID}/static/${moduleKey}`;

describe('provisioning an issue type with its own workflow', () => {
  let sandbox: Sandbox;
  let dir: string;
  const hookCalls: Array<{ phase: string; ctx: TransitionHookContext }> = [];
  const app = (method: string, path: string, body?: unknown) => call(sandbox.url, 'app', method, path, body);
  const ids: { type?: string; workflowId?: string; issueKey?: string; assessed?: string } = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-provision-'));
    writeFileSync(join(dir, 'manifest.yml'), `app:\n  id: ari:cloud:ecosystem::app/${APP_ID}\nmodules:\n  jira:workflowValidator:\n    - key: cr-validator\n      name: CR\n      description: CR\n      function: v\n`);
    sandbox = await startSandbox({ site: buildTestSite({ issuesPerProject: 3 }), manifestPath: join(dir, 'manifest.yml') });
    sandbox.hooks = {
      async validateTransition(ctx) { hookCalls.push({ phase: 'validate', ctx }); return { result: true }; },
      async afterTransition(ctx) { hookCalls.push({ phase: 'after', ctx }); },
    };
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a project administrator who is not a Jira admin cannot create issue types or global workflows', async () => {
    const pm = { user: USERS.pm };
    assert.equal((await call(sandbox.url, pm, 'POST', '/rest/api/3/issuetype', { name: 'Change request' })).status, 403);
    const wf = await call(sandbox.url, pm, 'POST', '/rest/api/3/workflows/create', { scope: { type: 'GLOBAL' }, statuses: [], workflows: [] });
    assert.equal(wf.status, 403);
  });

  test('creates the issue type and adds it to the project\'s issue type scheme', async () => {
    const type = await app('POST', '/rest/api/3/issuetype', { name: 'Change request', description: 'A client change', type: 'standard' });
    assert.equal(type.status, 201);
    ids.type = type.body.id;
    const dup = await app('POST', '/rest/api/3/issuetype', { name: 'change request' });
    assert.equal(dup.status, 409);
    const schemes = await app('GET', '/rest/api/3/issuetypescheme/project?projectId=10000');
    const schemeId = schemes.body.values[0].issueTypeScheme.id;
    assert.equal((await app('PUT', `/rest/api/3/issuetypescheme/${schemeId}/issuetype`, { issueTypeIds: [ids.type] })).status, 204);
    const types = await app('GET', '/rest/api/3/issuetype/project?projectId=10000');
    assert.ok(types.body.some((t: any) => t.id === ids.type));
  });

  test('validation reports bad payloads without creating anything', async () => {
    const before = sandbox.site.statuses.length;
    const res = await app('POST', '/rest/api/3/workflows/create/validation', {
      payload: {
        scope: { type: 'GLOBAL' },
        statuses: [{ statusReference: 'a', name: 'Fresh', statusCategory: 'TODO' }, { statusReference: 'b', name: 'To Do', statusCategory: 'TODO' }],
        workflows: [{ name: 'Broken', statuses: [{ statusReference: 'a', properties: {} }], transitions: [
          { type: 'DIRECTED', name: 'Go', toStatusReference: 'a', links: [{ fromStatusReference: 'zzz' }] },
          { type: 'GLOBAL', name: 'Any', toStatusReference: 'a', links: [], validators: [{ ruleKey: 'forge:expression-validator', parameters: { key: 'ari:cloud:ecosystem::extension/other-app/env/static/x' } }] },
        ] }],
      },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.errors.map((e: any) => e.code).sort(), ['INVALID_RULE', 'MISSING_INITIAL_TRANSITION', 'STATUS_NAME_NOT_UNIQUE', 'TRANSITION_SOURCE_NOT_FOUND']);
    assert.equal(sandbox.site.statuses.length, before);
    const create = await app('POST', '/rest/api/3/workflows/create', {
      scope: { type: 'GLOBAL' }, statuses: [], workflows: [{ name: 'Empty', statuses: [], transitions: [] }],
    });
    assert.equal(create.status, 400);
    assert.ok(create.body.errorMessages.length >= 2);
  });

  test('creates statuses and the workflow with Forge rules', async () => {
    const res = await app('POST', '/rest/api/3/workflows/create', {
      scope: { type: 'GLOBAL' },
      statuses: [
        { statusReference: 'logged', name: 'Logged', statusCategory: 'TODO', description: 'New request' },
        { statusReference: 'assessed', name: 'Assessed', statusCategory: 'IN_PROGRESS' },
        { statusReference: 'decided', id: STATUS.done },
      ],
      workflows: [{
        name: 'Change request workflow',
        statuses: ['logged', 'assessed', 'decided'].map((statusReference) => ({ statusReference, properties: {} })),
        transitions: [
          { id: '1', type: 'INITIAL', name: 'Create', toStatusReference: 'logged', links: [] },
          { id: '11', type: 'DIRECTED', name: 'Assess', toStatusReference: 'assessed', links: [{ fromStatusReference: 'logged' }] },
          {
            id: '21', type: 'DIRECTED', name: 'Decide', toStatusReference: 'decided', links: [{ fromStatusReference: 'assessed' }],
            validators: [{ ruleKey: 'forge:expression-validator', parameters: { key: ari('cr-validator'), config: '{}' } }],
            conditions: { operation: 'ALL', conditions: [], conditionGroups: [{ operation: 'ANY', conditions: [{ ruleKey: 'forge:expression-condition', parameters: { key: ari('cr-condition') } }], conditionGroups: [] }] },
            actions: [{ ruleKey: 'forge:workflow-post-function', parameters: { key: ari('cr-inform') } }],
          },
          { type: 'GLOBAL', name: 'Withdraw', toStatusReference: 'decided', links: [] },
        ],
      }],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    ids.workflowId = res.body.workflows[0].id;
    ids.assessed = res.body.statuses.find((s: any) => s.name === 'Assessed').id;
    const stored = sandbox.site.workflows.find((w) => w.id === ids.workflowId)!;
    assert.equal(stored.initialStatusId, res.body.statuses.find((s: any) => s.name === 'Logged').id);
    const decide = stored.transitions.find((t) => t.name === 'Decide')!;
    assert.deepEqual([decide.validators, decide.conditions, decide.postFunctions], [['cr-validator'], ['cr-condition'], ['cr-inform']]);
    assert.equal(stored.transitions.find((t) => t.name === 'Withdraw')!.id, '31', 'unnumbered transitions get the next free id');
    const read = await app('POST', '/rest/api/3/workflows', { workflowIds: [ids.workflowId] });
    assert.equal(read.body.workflows[0].transitions.find((t: any) => t.name === 'Decide').actions[0].parameters.key, ari('cr-inform'));
  });

  test('binds the workflow to the issue type in the project\'s workflow scheme', async () => {
    const schemes = await app('GET', '/rest/api/3/workflowscheme/project?projectId=10000');
    const schemeId = String(schemes.body.values[0].workflowScheme.id);
    const res = await app('POST', '/rest/api/3/workflowscheme/update', { id: schemeId, workflowsForIssueTypes: [{ issueTypeIds: [ids.type], workflowId: ids.workflowId }] });
    assert.equal(res.status, 200);
    const read = await app('POST', '/rest/api/3/workflowscheme/read', { projectIds: ['10000'] });
    const entry = read.body[0].workflowsForIssueTypes.find((w: any) => w.workflow.id === ids.workflowId);
    assert.deepEqual(entry.issueTypeIds, [ids.type]);
  });

  test('issues of the new type start in its initial status and run its Forge rules', async () => {
    const created = await call(sandbox.url, { user: USERS.client }, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'SHOP' }, issuetype: { id: ids.type }, summary: 'Add a gift-card option' } });
    assert.equal(created.status, 201);
    ids.issueKey = created.body.key;
    const issue = await app('GET', `/rest/api/3/issue/${ids.issueKey}?fields=status,issuetype`);
    assert.equal(issue.body.fields.status.name, 'Logged');
    assert.equal(issue.body.fields.issuetype.name, 'Change request');
    const dev = { user: USERS.dev };
    assert.equal((await call(sandbox.url, dev, 'POST', `/rest/api/3/issue/${ids.issueKey}/transitions`, { transition: { id: '11' } })).status, 204);
    hookCalls.length = 0;
    assert.equal((await call(sandbox.url, dev, 'POST', `/rest/api/3/issue/${ids.issueKey}/transitions`, { transition: { id: '21' } })).status, 204);
    assert.deepEqual(hookCalls.map((h) => [h.phase, h.ctx.moduleKeys]), [['validate', ['cr-condition', 'cr-validator']], ['after', ['cr-inform']]]);
    assert.equal(hookCalls[0].ctx.transition.from.id, ids.assessed);
  });

  test('moving an issue type with issues to a workflow lacking their status needs a mapping', async () => {
    const schemeId = '10000';
    const story = '10001';
    const missing = await app('POST', '/rest/api/3/workflowscheme/update', { id: schemeId, workflowsForIssueTypes: [{ issueTypeIds: [story], workflowId: ids.workflowId }] });
    assert.equal(missing.status, 400);
    assert.match(missing.body.errorMessages[0], /Status mappings are required/);
    assert.equal(sandbox.site.projects[0].workflowByIssueType[story], 'wf-software', 'nothing changed');
    const shop1 = sandbox.site.issues.find((i) => i.key === 'SHOP-1')!;
    const mapped = await app('POST', '/rest/api/3/workflowscheme/update', {
      id: schemeId,
      workflowsForIssueTypes: [{ issueTypeIds: [story], workflowId: ids.workflowId }],
      statusMappingsByIssueTypeOverride: [{ issueTypeId: story, statusMappings: [{ oldStatusId: shop1.statusId, newStatusId: ids.assessed }] }],
    });
    assert.equal(mapped.status, 200, JSON.stringify(mapped.body));
    assert.equal(shop1.statusId, ids.assessed);
  });
});

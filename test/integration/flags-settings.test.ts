/**
 * The red-flag thresholds as part of a project's settings: read with `settings.get` (the
 * built-in defaults until saved), saved with `settings.save` (validated field by field under
 * `flagThresholds.*`, audited in words), and inherited from the site defaults when a project's
 * document leaves them out.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { DEFAULT_THRESHOLDS } from '../../src/flags/domain/flagRules';
import { caller, ok, PROJECT_PAGE, refused } from './flags-support';

let host: TestHost;
let call: ReturnType<typeof caller>;

beforeAll(async () => {
  host = await startTestHost();
  call = caller(host);
});
afterAll(async () => {
  await host?.close();
});

const load = async () => ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' }, PROJECT_PAGE));

describe('red flag thresholds in the project settings', () => {
  test('an unsaved project reads the built-in thresholds', async () => {
    const view = await load();
    assert.deepEqual(view.settings.flagThresholds, DEFAULT_THRESHOLDS);
    assert.equal(view.sources.flagThresholds, 'built-in');
  });

  test('invalid thresholds are refused field by field, and nothing is stored', async () => {
    const view = await load();
    const flagThresholds = { ...view.settings.flagThresholds, staleBusinessDays: 0, scopeCreepPercent: 12.5, testEvidence: { kind: 'link', linkType: '' } };
    const error = refused(await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: view.version, ...view.settings, flagThresholds }, PROJECT_PAGE), 'VALIDATION');
    assert.deepEqual(error.fields, {
      'flagThresholds.staleBusinessDays': 'Enter 1 or more',
      'flagThresholds.scopeCreepPercent': 'Enter a whole number of percent',
      'flagThresholds.testEvidence.linkType': 'Link type is required',
    });
    assert.equal((await load()).version, 0);
  });

  test('the manager saves new thresholds; the audit trail says what changed', async () => {
    const view = await load();
    const flagThresholds = { ...view.settings.flagThresholds, staleBusinessDays: 8, enabled: { ...view.settings.flagThresholds.enabled, 'scope-creep': false } };
    const saved = ok(await call<any>(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: view.version, ...view.settings, flagThresholds }, PROJECT_PAGE));
    assert.equal(saved.settings.flagThresholds.staleBusinessDays, 8);
    const after = await load();
    assert.deepEqual(after.settings.flagThresholds, flagThresholds);
    assert.equal(after.sources.flagThresholds, 'project');
    const history = ok(await call<any>(DEMO_USERS.pm, 'settings.audit', { projectKey: 'SHOP' }, PROJECT_PAGE));
    const summaries = history.entries[0].detail.changes.map((c: { summary: string }) => c.summary);
    assert.ok(summaries.includes('Red flag rules: stale after 5 business days → 8 business days, scope creep on → off'), summaries.join('\n'));
  });

  test('a team member may read the thresholds but not change them', async () => {
    const view = ok(await call<any>(DEMO_USERS.dev1, 'settings.get', { projectKey: 'SHOP' }, PROJECT_PAGE));
    assert.equal(view.settings.flagThresholds.staleBusinessDays, 8);
    refused(await call(DEMO_USERS.dev1, 'settings.save', { projectKey: 'SHOP', version: view.version, ...view.settings }, PROJECT_PAGE), 'FORBIDDEN');
  });

  test('site defaults carry thresholds to projects that do not set their own', async () => {
    const defaults = ok(await call<any>(DEMO_USERS.pm, 'defaults.get', {}, 'liaison-admin'));
    const flagThresholds = { ...defaults.settings.flagThresholds, carriedOverSprints: 3 };
    ok(await call(DEMO_USERS.pm, 'defaults.save', { version: defaults.version, ...defaults.settings, flagThresholds }, 'liaison-admin'));
    const ops = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'OPS' }, PROJECT_PAGE));
    assert.equal(ops.settings.flagThresholds.carriedOverSprints, 3);
    assert.equal(ops.sources.flagThresholds, 'site');
    assert.equal((await load()).settings.flagThresholds.carriedOverSprints, 2, 'SHOP keeps its own');
  });
});

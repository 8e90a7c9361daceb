/**
 * Issue 17: one status and one narrative per period, whichever audience the PM wrote them in; and
 * exports link issues to the Jira site Forge names (context.siteUrl).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import type { TestHost } from '../../local/host/testing';
import type { ReportModel, ReportSnapshot } from '../../src/reports/domain/model';
import { callerFrom, ok, PROJECT_PAGE } from './support';
import { d, startFixtureHost } from './reports-support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const week = { kind: 'week', date: d(-5) };

beforeAll(async () => {
  host = await startFixtureHost();
  call = callerFrom(host, PROJECT_PAGE);
});
afterAll(() => host?.close());

describe('one status and one narrative per period', () => {
  test('set in the manager draft, the team preview, the client draft and an export read the same', async () => {
    const manager = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', {
      projectKey: 'ACME', period: week, audience: 'manager', narrative: { status: 'Checkout slipped a week.' }, statusOverride: { status: 'off-track', reason: 'The launch moved' },
    }));
    assert.equal(manager.model.status.effective, 'off-track');
    const team = ok(await call<ReportModel>(DEMO_USERS.dev1, 'reports.preview', { projectKey: 'ACME', period: week, audience: 'team' }));
    assert.equal(team.status.effective, 'off-track');
    assert.equal(team.narrative.status, 'Checkout slipped a week.');
    const client = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'client' }));
    assert.equal(client.model.status.effective, 'off-track');
    assert.equal(client.model.narrative.status, 'Checkout slipped a week.');
    const exported = ok(await call<{ base64: string }>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', period: week, audience: 'executive', format: 'markdown' }));
    const md = Buffer.from(exported.base64, 'base64').toString('utf8');
    assert.ok(md.includes('**Status: Off track**'), md.slice(0, 400));
    // Cleared once, cleared for all.
    ok(await call(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'manager', reportId: manager.id, version: manager.version, statusOverride: null }));
    const again = ok(await call<ReportModel>(DEMO_USERS.dev1, 'reports.preview', { projectKey: 'ACME', period: week, audience: 'team' }));
    assert.equal(again.status.override, undefined);
  }, 120_000);

  test('issue keys in an export link to the Jira site', async () => {
    const exported = ok(await call<{ base64: string }>(DEMO_USERS.pm, 'reports.export', { projectKey: 'ACME', period: week, audience: 'manager', format: 'html' }));
    const html = Buffer.from(exported.base64, 'base64').toString('utf8');
    assert.match(html, /<a href="https?:\/\/[^"]+\/browse\/ACME-\d+">ACME-\d+<\/a>/);
  }, 120_000);
});

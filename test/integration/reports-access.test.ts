/**
 * Who may do what with reports, and what a client sees: generating refused to clients (and the
 * client audience to team members), the client report's shape (no hours, no internal flags or
 * account ids, prices only when settings allow), drafts invisible to clients until published,
 * published reports frozen, versioned saves.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_PEOPLE, DEMO_USERS } from '../../local/demo/site';
import type { TestHost } from '../../local/host/testing';
import type { ReportModel, ReportSnapshot } from '../../src/reports/domain/model';
import { callerFrom, ok, PORTAL, PROJECT_PAGE, refused } from './support';
import { d, startFixtureHost } from './reports-support';

let host: TestHost;
let call: ReturnType<typeof callerFrom>;
const week = { kind: 'week', date: d(-12) };
const INTERNAL_ONLY = ['New payment API nobody here has used', DEMO_USERS.dev1, DEMO_USERS.dev2, DEMO_USERS.pm, 'Priya Raman', 'manpower'];

beforeAll(async () => {
  host = await startFixtureHost();
  call = callerFrom(host, PROJECT_PAGE);
});
afterAll(() => host?.close());

/** Internal strings that must never reach a client (a flag note not client-visible, people's ids, hours). */
function assertNoInternal(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of INTERNAL_ONLY) assert.ok(!text.includes(secret), `a client answer contains "${secret}"`);
}

describe('generating', () => {
  test('a client may not generate, save or export a new report', async () => {
    refused(await call(DEMO_USERS.clientPo, 'reports.preview', { projectKey: 'ACME', period: week, audience: 'client' }), 'FORBIDDEN');
    refused(await call(DEMO_USERS.clientPo, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'client' }), 'FORBIDDEN');
    refused(await call(DEMO_USERS.clientPo, 'reports.export', { projectKey: 'ACME', period: week, audience: 'client', format: 'markdown' }), 'FORBIDDEN');
    refused(await call(DEMO_USERS.outsider, 'reports.list', { projectKey: 'ACME' }), 'FORBIDDEN');
  });

  test('a team member previews internal audiences, not the client report; only managers and approvers publish', async () => {
    const team = ok(await call<ReportModel>(DEMO_USERS.dev1, 'reports.preview', { projectKey: 'ACME', period: week, audience: 'team' }));
    assert.equal(team.audience, 'team');
    assert.equal(team.manpower?.totalHours, 11);
    const error = refused(await call(DEMO_USERS.dev1, 'reports.preview', { projectKey: 'ACME', period: week, audience: 'client' }), 'FORBIDDEN');
    assert.match(error.message, /client report is prepared by the project manager or an approver/);
    const draft = ok(await call<ReportSnapshot>(DEMO_USERS.dev1, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'team' }));
    refused(await call(DEMO_USERS.dev1, 'reports.publish', { projectKey: 'ACME', reportId: draft.id, version: draft.version }), 'FORBIDDEN');
  });

  test('bad input gets field messages', async () => {
    const error = refused(await call(DEMO_USERS.pm, 'reports.preview', { projectKey: 'ACME', period: { kind: 'custom', from: d(-3) }, audience: 'boss' }), 'VALIDATION');
    assert.ok(error.fields?.['period.to'], JSON.stringify(error.fields));
    assert.ok(error.fields?.audience, JSON.stringify(error.fields));
    const backwards = refused(await call(DEMO_USERS.pm, 'reports.preview', { projectKey: 'ACME', period: { kind: 'custom', from: d(-3), to: d(-9) }, audience: 'manager' }), 'VALIDATION');
    assert.ok(backwards.fields?.to, JSON.stringify(backwards));
  });
});

describe('the client report', () => {
  let model: ReportModel;
  beforeAll(async () => {
    model = ok(await call<ReportModel>(DEMO_USERS.pm, 'reports.preview', { projectKey: 'ACME', period: week, audience: 'client' }));
  });

  test('has no hours, only client-visible flags, no decisions, no prices by default', () => {
    assert.equal(model.manpower, undefined);
    assert.deepEqual(model.problems.flags.items.map((f) => f.issueKey), ['ACME-11']);
    assert.equal(model.problems.flags.total, 1);
    assert.deepEqual(model.decisionsNeeded, []);
    assert.equal(model.changes.decided.items[0].price, undefined);
    assert.deepEqual(model.changes.totals.paidValue, []);
    assert.equal(model.changes.totals.unpaidEffortDays, undefined);
    assert.ok(model.omitted.some((o) => o.startsWith('Manpower input')));
    assertNoInternal(model);
  });

  test('shows prices when the project settings allow it', async () => {
    const current = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'ACME' }));
    ok(await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'ACME', version: current.version, ...current.settings, reporting: { showCostsToClient: true } }));
    const priced = ok(await call<ReportModel>(DEMO_USERS.pm, 'reports.preview', { projectKey: 'ACME', period: week, audience: 'client' }));
    assert.deepEqual(priced.changes.decided.items[0].price, { amount: 1500, currency: 'EUR' });
    assert.deepEqual(priced.changes.totals.paidValue, [{ amount: 1500, currency: 'EUR' }]);
    const again = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'ACME' }));
    // settings.get answers the choice (the Settings page's "Reports" checkbox shows it) ...
    assert.deepEqual(again.settings.reporting, { showCostsToClient: true });
    // ... and the page saves it back with the rest of the settings, as they were answered.
    const unchanged = ok(await call<any>(DEMO_USERS.pm, 'settings.save', { projectKey: 'ACME', version: again.version, ...again.settings }));
    assert.deepEqual(unchanged.settings.reporting, { showCostsToClient: true });
    const off = ok(await call<any>(DEMO_USERS.pm, 'settings.save', { projectKey: 'ACME', version: unchanged.version, ...unchanged.settings, reporting: { showCostsToClient: false } }));
    assert.deepEqual(off.settings.reporting, { showCostsToClient: false });
    const hidden = ok(await call<ReportModel>(DEMO_USERS.pm, 'reports.preview', { projectKey: 'ACME', period: week, audience: 'client' }));
    assert.equal(hidden.changes.decided.items[0].price, undefined);
  });
});

describe('drafts, publishing and what clients see', () => {
  test('a client sees a client report only once it is published, and never internal ones', async () => {
    const clientDraft = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', {
      projectKey: 'ACME', period: week, audience: 'client', narrative: { status: 'Checkout is nearly there.' }, statusOverride: { status: 'at-risk', reason: 'Sprint 2 slipped but the launch date holds' },
    }));
    assert.equal(clientDraft.status, 'draft');
    assert.equal(clientDraft.version, 1);
    assert.equal(clientDraft.model.status.effective, 'at-risk');
    assert.equal(clientDraft.model.status.override?.by, DEMO_PEOPLE.pm.displayName);
    const manager = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'manager' }));

    const portal = callerFrom(host, PORTAL);
    assert.deepEqual(ok(await portal<any>(DEMO_USERS.clientPo, 'reports.list', { projectKey: 'ACME' })).snapshots, []);
    refused(await portal(DEMO_USERS.clientPo, 'reports.get', { projectKey: 'ACME', reportId: clientDraft.id }), 'NOT_FOUND');
    refused(await portal(DEMO_USERS.clientPo, 'reports.get', { projectKey: 'ACME', reportId: manager.id }), 'NOT_FOUND');

    const published = ok(await call<ReportSnapshot>(DEMO_USERS.approver, 'reports.publish', { projectKey: 'ACME', reportId: clientDraft.id, version: 1 }));
    assert.equal(published.status, 'published');
    assert.equal(published.version, 2);
    assert.equal(published.publishedBy, DEMO_USERS.approver);
    ok(await call(DEMO_USERS.pm, 'reports.publish', { projectKey: 'ACME', reportId: manager.id, version: manager.version }));

    const list = ok(await portal<any>(DEMO_USERS.clientPo, 'reports.list', { projectKey: 'ACME' }));
    assert.deepEqual(list.snapshots.map((s: any) => [s.id, s.audience, s.status, s.overall]), [[clientDraft.id, 'client', 'published', 'at-risk']]);
    assert.equal(list.snapshots[0].publishedBy, DEMO_PEOPLE.approver.displayName);
    const seen = ok(await portal<any>(DEMO_USERS.clientPo, 'reports.get', { projectKey: 'ACME', reportId: clientDraft.id }));
    assert.equal(seen.model.narrative.status, 'Checkout is nearly there.');
    assert.equal(seen.generatedBy, DEMO_PEOPLE.pm.displayName);
    assertNoInternal(list);
    assertNoInternal(seen);
    refused(await portal(DEMO_USERS.clientPo, 'reports.get', { projectKey: 'ACME', reportId: manager.id }), 'NOT_FOUND');

    // The team sees every snapshot (newest first).
    const all = ok(await call<any>(DEMO_USERS.dev2, 'reports.list', { projectKey: 'ACME' }));
    assert.deepEqual(new Set(all.snapshots.map((s: any) => s.id)), new Set([clientDraft.id, manager.id, ...all.snapshots.filter((s: any) => s.audience === 'team').map((s: any) => s.id)]));
    assert.equal(all.names[DEMO_USERS.pm], DEMO_PEOPLE.pm.displayName);
  });

  test('a status override stays through later saves until cleared', async () => {
    const draft = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: { kind: 'week', date: d(-19) }, audience: 'client', statusOverride: { status: 'on-track', reason: 'Launch date confirmed with the client' } }));
    const v2 = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', reportId: draft.id, version: 1, period: { kind: 'week', date: d(-19) }, audience: 'client', narrative: { status: 'All good.' } }));
    assert.deepEqual([v2.model.status.effective, v2.model.status.override?.reason, v2.model.status.override?.by], ['on-track', 'Launch date confirmed with the client', DEMO_PEOPLE.pm.displayName]);
    const v3 = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', reportId: draft.id, version: 2, period: { kind: 'week', date: d(-19) }, audience: 'client', statusOverride: null }));
    assert.equal(v3.model.status.override, undefined);
    assert.equal(v3.model.status.effective, v3.model.status.computed);
    assertNoInternal(v3.model);
  });

  test('published reports are frozen; saves name the version they edited', async () => {
    const draft = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', period: week, audience: 'executive' }));
    const v2 = ok(await call<ReportSnapshot>(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', reportId: draft.id, version: 1, period: week, audience: 'executive', narrative: { status: 'Watch the payment API.' } }));
    assert.equal(v2.version, 2);
    assert.equal(v2.id, draft.id);
    assert.equal(v2.model.narrative.status, 'Watch the payment API.');
    assert.equal(v2.model.manpower?.byPerson, undefined, 'no hours per person for executives');
    refused(await call(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', reportId: draft.id, version: 1, period: week, audience: 'executive' }), 'CONFLICT');
    refused(await call(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', reportId: draft.id, version: 2, period: week, audience: 'manager' }), 'VALIDATION');
    refused(await call(DEMO_USERS.pm, 'reports.publish', { projectKey: 'ACME', reportId: draft.id, version: 1 }), 'CONFLICT');
    ok(await call(DEMO_USERS.pm, 'reports.publish', { projectKey: 'ACME', reportId: draft.id, version: 2 }));
    refused(await call(DEMO_USERS.pm, 'reports.saveDraft', { projectKey: 'ACME', reportId: draft.id, version: 3, period: week, audience: 'executive' }), 'CONFLICT');
    refused(await call(DEMO_USERS.pm, 'reports.publish', { projectKey: 'ACME', reportId: draft.id, version: 3 }), 'CONFLICT');
    // A report of another project is not found through this one.
    refused(await call(DEMO_USERS.pm, 'reports.get', { projectKey: 'ACME', reportId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
  });
});

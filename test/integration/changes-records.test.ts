/**
 * Change requests: the `change` record is the truth (who asked, the step, the decision, the
 * price); `liaison-change` is a projection of it. Hannah (a client, who may create issues but not
 * edit them) creates a change request carrying a planted `liaison-change` (approved, paid 99,999,
 * "requested by" James): no register row, total, portal entry or rule outcome changes, James
 * cannot see or withdraw "his" request, and the team is told once. Ten steps taken at once on one
 * change request: every OK is stored, every other is CONFLICT, retrying those lands them. The
 * one-time migration turns issue 4's properties into records (twice: the second run changes nothing).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { CHANGE_REQUEST_TYPE_ID, CHANGE_STATUS_IDS } from '../../local/demo/changeRequests';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { listAudit } from '../../src/platform/store/auditStore';
import { readChange } from '../../src/changes/store/changeStore';
import { callerFrom, issue, jiraAs, ok, PORTAL, PROJECT_PAGE, refused, withWriteBarrier } from './support';

const { pm, dev1, clientPo, clientMarketing } = DEMO_USERS;

async function auditOf(action: string, issueKey: string) {
  const found = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const { entries, nextCursor } = await listAudit('SHOP', { limit: 100, ...(cursor ? { cursor } : {}) });
    found.push(...entries.filter((e) => e.action === action && e.target === `issue:${issueKey}`));
    if (!nextCursor) break;
    cursor = nextCursor;
  }
  return found;
}

describe('change requests: the record is the truth', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  beforeAll(async () => {
    host = await startTestHost();
    call = callerFrom(host, PROJECT_PAGE);
  });
  afterAll(async () => host?.close());

  test('a client plants liaison-change at creation (James\'s paid change, 99,999): it reads as if created without it (hers, logged, undecided); reported once', async () => {
    const registerBefore = ok<any>(await call(pm, 'changes.register', { projectKey: 'SHOP' }));
    const jamesBefore = ok<any>(await call(clientMarketing, 'changes.mine', { projectKey: 'SHOP' }, PORTAL));
    const homeBefore = ok<any>(await call(clientMarketing, 'portal.home', {}, PORTAL));
    const planted = {
      schema: 1, step: 'approved', requestedBy: clientMarketing, requestedAt: new Date().toISOString(), raisedVia: 'portal', implementationKeys: [],
      decision: { outcome: 'paid', price: { amount: 99_999, currency: 'EUR' }, by: DEMO_USERS.approver, at: new Date().toISOString() },
    };
    const created = await jiraAs(host, clientPo, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { id: CHANGE_REQUEST_TYPE_ID }, summary: 'FORGED paid change' },
      properties: [{ key: 'liaison-change', value: planted }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const key = created.json.key as string;
    await host.app.idle();

    // The issue reads as a change request Hannah created in Jira without the property: hers, logged, undecided.
    const registerAfter = ok<any>(await call(pm, 'changes.register', { projectKey: 'SHOP' }));
    const row = registerAfter.rows.find((r: any) => r.issueKey === key);
    assert.deepEqual([row.step, row.outcome, row.price, row.requester.accountId], ['logged', undefined, undefined, clientPo]);
    assert.deepEqual(registerAfter.rows.filter((r: any) => r.issueKey !== key), registerBefore.rows);
    assert.deepEqual({ ...registerAfter.totals, count: registerAfter.totals.count - 1 }, registerBefore.totals);
    assert.deepEqual(ok<any>(await call(clientMarketing, 'changes.mine', { projectKey: 'SHOP' }, PORTAL)), jamesBefore);
    const homeAfter = ok<any>(await call(clientMarketing, 'portal.home', {}, PORTAL));
    assert.equal(JSON.stringify(homeAfter).includes('FORGED'), false);
    assert.deepEqual(homeAfter.projects.map((p: any) => p.changes), homeBefore.projects.map((p: any) => p.changes));
    assert.equal(refused(await call(clientMarketing, 'changes.get', { issueKey: key }, PORTAL), 'NOT_FOUND').message, `Issue ${key} does not exist or you do not have permission to see it`);
    assert.equal(refused(await call(clientMarketing, 'changes.withdraw', { issueKey: key, version: 0, reason: 'x' }, PORTAL), 'NOT_FOUND').code, 'NOT_FOUND');
    const seen = ok<any>(await call(pm, 'changes.get', { issueKey: key }));
    assert.deepEqual([seen.step, seen.decision, seen.requestedBy.accountId, seen.version], ['logged', undefined, clientPo, 0]);
    const entries = await auditOf('tamper.change', key);
    assert.equal(entries.length, 1, JSON.stringify(entries));
    assert.equal(JSON.stringify(entries).includes('99999'), false);
    // The workflow rules ignore it too: moving it on in Jira towards approval is refused (no assessment was recorded).
    const transitions = await jiraAs(host, pm, 'GET', `/rest/api/3/issue/${key}/transitions`);
    const ack = (transitions.json.transitions as { id: string; to: { id: string } }[]).find((t) => t.to.id === CHANGE_STATUS_IDS.acknowledged)!;
    assert.equal((await jiraAs(host, pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: ack.id } })).status, 204);
    await host.app.idle();
    const onward = (await jiraAs(host, pm, 'GET', `/rest/api/3/issue/${key}/transitions`)).json.transitions as { id: string; to: { id: string } }[];
    const toApproval = onward.find((t) => t.to.id === CHANGE_STATUS_IDS['awaiting-approval'])!;
    assert.equal((await jiraAs(host, pm, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: toApproval.id } })).status, 400);
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS.acknowledged);
    const totals = ok<any>(await call(pm, 'changes.register', { projectKey: 'SHOP' })).totals;
    assert.deepEqual({ ...totals, count: totals.count - 1 }, registerBefore.totals);
  });

  test('a property overwritten by a team member (who may edit issues) is ignored for the record, and reported once per value', async () => {
    const raised = ok<{ issueKey: string }>(await call(clientPo, 'changes.raise', { projectKey: 'SHOP', summary: 'A real request', description: '' }, PORTAL));
    const key = raised.issueKey;
    const put = await jiraAs(host, dev1, 'PUT', `/rest/api/3/issue/${key}/properties/liaison-change`, { schema: 2, step: 'approved', decision: { outcome: 'paid', price: { amount: 99_999, currency: 'EUR' } } });
    assert.ok(put.status === 200 || put.status === 201, JSON.stringify(put));
    for (let read = 0; read < 3; read += 1) {
      const view = ok<any>(await call(pm, 'changes.get', { issueKey: key }));
      assert.deepEqual([view.step, view.decision, view.requestedBy.accountId], ['logged', undefined, clientPo]);
    }
    const row = ok<any>(await call(pm, 'changes.register', { projectKey: 'SHOP' })).rows.find((r: any) => r.issueKey === key);
    assert.deepEqual([row.step, row.outcome, row.price], ['logged', undefined, undefined]);
    assert.equal((await auditOf('tamper.change', key)).length, 1);
  });

  test('ten steps at once on one change request: every OK is stored, every other is CONFLICT, retrying those lands them', async () => {
    const key = ok<{ issueKey: string }>(await call(clientPo, 'changes.raise', { projectKey: 'SHOP', summary: 'Ten people at once', description: '' }, PORTAL)).issueKey;
    const acked = ok<any>(await call(dev1, 'changes.acknowledge', { issueKey: key, version: 1 }));
    const assess = (i: number, version: number) =>
      call(dev1, 'changes.assess', { issueKey: key, version, effortDays: i + 1, scheduleDays: 1, cost: 100, currency: 'EUR', scope: '', notes: [{ text: `Note ${i + 1}`, visibility: 'internal' }], submit: false });
    const answers = await withWriteBarrier('"entityName":"change"', 10, () => Promise.all(Array.from({ length: 10 }, (_, i) => assess(i, acked.version))));
    const landed = answers.flatMap((a, i) => (a.ok ? [i] : []));
    const conflicted = answers.flatMap((a, i) => (a.ok ? [] : [i]));
    for (const i of conflicted) assert.match(refused(answers[i], 'CONFLICT').message, /Someone else changed this change request/);
    const notes = async () => (await readChange(issue(host, key).id)).doc.assessment?.notes.map((n) => n.text) ?? [];
    assert.deepEqual(await notes(), landed.map((i) => `Note ${i + 1}`), 'exactly the steps answered OK are stored');
    for (const i of conflicted) {
      const current = ok<any>(await call(dev1, 'changes.get', { issueKey: key }));
      ok(await assess(i, current.version));
    }
    assert.deepEqual((await notes()).sort(), Array.from({ length: 10 }, (_, i) => `Note ${i + 1}`).sort());
    assert.equal((await readChange(issue(host, key).id)).version, acked.version + 10);
    console.log(`change concurrency: 10 steps at once -> ${landed.length} OK (stored), ${conflicted.length} CONFLICT; ${conflicted.length} retried -> all ${(await notes()).length} stored`);
  });
});

/**
 * Change requests end to end against the sandbox and the real workflow rules: a client raises one,
 * the team acknowledges and assesses it, each workflow rule refuses the wrong transition with its
 * message, a team member cannot approve, two approvers deciding at once — one wins, the other gets
 * a clear conflict and the audit trail holds exactly the winning decision — then the client is told
 * and sees the decision and price, never an internal note.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS } from '../../local/demo/site';
import { CHANGE_STATUS_IDS } from '../../local/demo/changeRequests';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { RULE_MESSAGES } from '../../src/changes/domain/changeRequest';
import { listAudit } from '../../src/platform/store/auditStore';
import { readChange, saveChange } from '../../src/changes/store/changeStore';
import { callerFrom, demoSiteWithRole, issue, jiraAs, ok, PORTAL, PROJECT_PAGE, refused } from './support';

describe('change requests through their workflow', () => {
  let host: TestHost;
  let call: ReturnType<typeof callerFrom>;
  let key = '';
  let version = 0;
  // dev3 is a second approver, so two approvers can decide at once.
  const approvers = [DEMO_USERS.approver, DEMO_USERS.dev3];

  beforeAll(async () => {
    host = await startTestHost({ site: demoSiteWithRole('SHOP', DEMO_USERS.dev3, ROLE_IDS.approvers) });
    call = callerFrom(host, PROJECT_PAGE);
  });
  afterAll(async () => host?.close());

  const transitionId = async (accountId: string, toStatusId: string): Promise<string> => {
    const answer = await jiraAs(host, accountId, 'GET', `/rest/api/3/issue/${key}/transitions`);
    const found = (answer.json.transitions as { id: string; to: { id: string } }[]).find((t) => t.to.id === toStatusId);
    assert.ok(found, `a transition to ${toStatusId} from ${issue(host, key).statusId}`);
    return found.id;
  };
  /** A transition made in Jira itself (not through the panel): Jira runs the workflow rules. */
  const jiraTransition = async (accountId: string, toStatusId: string) =>
    jiraAs(host, accountId, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: await transitionId(accountId, toStatusId) } });

  test('a client raises a change request from the portal; it is logged as theirs and hidden from other clients', async () => {
    const raised = ok<{ issueKey: string }>(await call(DEMO_USERS.clientPo, 'changes.raise', { projectKey: 'SHOP', summary: 'Add a wish list', description: 'Customers want to save items for later.' }, PORTAL));
    key = raised.issueKey;
    const stored = issue(host, key);
    assert.equal(stored.issueTypeId, '10100');
    assert.equal(stored.statusId, CHANGE_STATUS_IDS.logged);
    assert.equal(stored.reporter, DEMO_USERS.clientPo);
    const view = ok<any>(await call(DEMO_USERS.clientPo, 'changes.get', { issueKey: key }, PORTAL));
    assert.equal(view.step, 'logged');
    assert.equal(view.requestedBy.displayName, host.sandbox.site.users.find((u) => u.accountId === DEMO_USERS.clientPo)!.displayName);
    assert.equal(view.requestedBy.accountId, DEMO_USERS.clientPo);
    assert.equal(view.raisedVia, 'portal');
    // Raising it wrote its record (who asked, the step); Jira's property holds only the step.
    assert.equal(view.version, 1);
    const record = await readChange(stored.id);
    assert.deepEqual([record.doc.requestedBy, record.doc.raisedVia, record.doc.step], [DEMO_USERS.clientPo, 'portal', 'logged']);
    assert.deepEqual(stored.properties['liaison-change'], { schema: 2, step: 'logged' });
    assert.deepEqual(view.can, { acknowledge: false, assess: false, submitForApproval: false, decide: false, withdraw: true, inform: false, linkImplementation: false, respondToPrice: false, post: true });
    const other = refused(await call(DEMO_USERS.clientMarketing, 'changes.get', { issueKey: key }, PORTAL), 'NOT_FOUND');
    assert.equal(other.message, `Issue ${key} does not exist or you do not have permission to see it`);
  });

  test('the team acknowledges it; entering Awaiting approval without an assessment is refused with the rule\'s message', async () => {
    const acked = ok<any>(await call(DEMO_USERS.dev1, 'changes.acknowledge', { issueKey: key, version: 1 }));
    assert.equal(acked.step, 'acknowledged');
    assert.equal(acked.acknowledgedBy.accountId, DEMO_USERS.dev1);
    version = acked.version;
    assert.equal(version, 2);
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS.acknowledged);
    const refusedTransition = await jiraTransition(DEMO_USERS.dev1, CHANGE_STATUS_IDS['awaiting-approval']);
    assert.equal(refusedTransition.status, 400);
    assert.deepEqual(refusedTransition.json.errorMessages, [RULE_MESSAGES.needsAssessment]);
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS.acknowledged, 'the refused transition changed nothing');
  });

  test('a stale version is a conflict; the assessment submitted for approval moves it on', async () => {
    const stale = refused(await call(DEMO_USERS.dev1, 'changes.assess', { issueKey: key, version: 1, effortDays: 5, scheduleDays: 3, cost: 4000, currency: 'EUR', scope: 'Account area', notes: [], submit: true }), 'CONFLICT');
    assert.match(stale.message, /Someone else changed this change request/);
    const assessed = ok<any>(await call(DEMO_USERS.dev1, 'changes.assess', {
      issueKey: key, version, effortDays: 5, scheduleDays: 3, cost: 4000, currency: 'eur', scope: 'Account area',
      notes: [{ text: 'Needs a new table; our margin is thin', visibility: 'internal' }, { text: 'Wish lists are kept for 90 days', visibility: 'client' }],
      submit: true,
    }));
    assert.equal(assessed.step, 'awaiting-approval');
    assert.equal(assessed.assessment.currency, 'EUR');
    assert.equal(assessed.assessment.notes.length, 2);
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS['awaiting-approval']);
    version = assessed.version;
  });

  test('approving in Jira without an approver\'s decision is refused; a team member cannot approve', async () => {
    const noOutcome = await jiraTransition(DEMO_USERS.pm, CHANGE_STATUS_IDS.approved);
    assert.equal(noOutcome.status, 400);
    assert.deepEqual(noOutcome.json.errorMessages, [RULE_MESSAGES.needsOutcome]);
    const declineNoDecision = await jiraTransition(DEMO_USERS.pm, CHANGE_STATUS_IDS.declined);
    assert.deepEqual(declineNoDecision.json.errorMessages, [RULE_MESSAGES.needsDeclineDecision]);
    const team = refused(await call(DEMO_USERS.dev1, 'changes.decide', { issueKey: key, version, outcome: 'unpaid', rationale: 'Small enough' }), 'FORBIDDEN');
    assert.equal(team.message, 'Only an approver of this project can approve or decline change requests');
    const manager = refused(await call(DEMO_USERS.pm, 'changes.decide', { issueKey: key, version, outcome: 'unpaid', rationale: 'Small enough' }), 'FORBIDDEN');
    assert.equal(manager.code, 'FORBIDDEN');
    const noPrice = refused(await call(DEMO_USERS.approver, 'changes.decide', { issueKey: key, version, outcome: 'paid', rationale: 'Worth it' }), 'VALIDATION');
    assert.equal(noPrice.fields?.['price.amount'], 'Enter the price the client pays for this change');
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS['awaiting-approval']);
  });

  test('the validator also refuses Client informed before a decision', async () => {
    // Jira offers Inform client only from a decided step; the rule holds even if an admin adds a shortcut.
    const answer = (await host.app.runFunction('change-validator', {
      issue: { key },
      transition: { from: { id: CHANGE_STATUS_IDS['awaiting-approval'] }, to: { id: CHANGE_STATUS_IDS['client-informed'] } },
    })) as { result: boolean; errorMessage?: string };
    assert.deepEqual(answer, { result: false, errorMessage: RULE_MESSAGES.needsDecision });
  });

  test('a decision claimed by someone without the approver role, or paid without a price, does not pass the validator', async () => {
    const demoKey = host.sandbox.site.issues.find((i) => i.issueTypeId === '10100' && i.statusId === CHANGE_STATUS_IDS.acknowledged)!.key;
    // The demo's acknowledged one: its record is seeded (version 2, as the app wrote it when raising, then acknowledging).
    const seen = ok<any>(await call(DEMO_USERS.dev2, 'changes.get', { issueKey: demoKey }));
    assert.equal(seen.version, 2);
    const before = ok<any>(await call(DEMO_USERS.dev2, 'changes.assess', { issueKey: demoKey, version: seen.version, effortDays: 2, scheduleDays: 1, cost: 1600, currency: 'EUR', scope: 'ERP export', notes: [], submit: true }));
    assert.equal(before.step, 'awaiting-approval');
    const demo = issue(host, demoKey);
    const stored = await readChange(demo.id);
    const claim = async (decision: Record<string, unknown>, expectedVersion: number) =>
      saveChange({ issueId: demo.id, projectKey: 'SHOP', issueKey: demoKey, expectedVersion, doc: { ...stored.doc, decision: decision as never }, at: new Date(), projected: stored.projected });
    // A team member's claim written straight into storage (as a bug or a forged write would) is not an approver's.
    const forgedVersion = await claim({ outcome: 'unpaid', rationale: 'x', by: DEMO_USERS.dev1, at: new Date().toISOString() }, stored.version);
    const saved = key;
    key = demoKey;
    try {
      const notApprover = await jiraTransition(DEMO_USERS.pm, CHANGE_STATUS_IDS.approved);
      assert.equal(notApprover.status, 400);
      assert.deepEqual(notApprover.json.errorMessages, [RULE_MESSAGES.approverOnly]);
      const pricelessVersion = await claim({ outcome: 'paid', rationale: 'x', by: DEMO_USERS.approver, at: new Date().toISOString() }, forgedVersion);
      const noPrice = await jiraTransition(DEMO_USERS.pm, CHANGE_STATUS_IDS.approved);
      assert.deepEqual(noPrice.json.errorMessages, [RULE_MESSAGES.needsPrice]);
      assert.equal(issue(host, demoKey).statusId, CHANGE_STATUS_IDS['awaiting-approval']);
      // Undecided again, as the panel left it.
      await saveChange({ issueId: demo.id, projectKey: 'SHOP', issueKey: demoKey, expectedVersion: pricelessVersion, doc: stored.doc, at: new Date(), projected: stored.projected });
    } finally {
      key = saved;
    }
  });

  test('two approvers decide at once: one wins, the other gets a clear conflict, the audit trail has exactly the winner', async () => {
    const [first, second] = await Promise.all([
      call(approvers[0], 'changes.decide', { issueKey: key, version, outcome: 'paid', price: { amount: 6500, currency: 'EUR' }, rationale: 'Client pays: new scope' }),
      call(approvers[1], 'changes.decide', { issueKey: key, version, outcome: 'paid', price: { amount: 6500, currency: 'EUR' }, rationale: 'Second opinion: agreed' }),
    ]);
    const answers = [first, second];
    const winners = answers.filter((a) => a.ok);
    const losers = answers.filter((a) => !a.ok);
    assert.equal(winners.length, 1, JSON.stringify(answers));
    assert.equal(losers.length, 1);
    const winnerIndex = answers.indexOf(winners[0]);
    const winner = approvers[winnerIndex];
    const won = ok<any>(winners[0]);
    const loser = refused(losers[0], 'CONFLICT');
    const winnerName = host.sandbox.site.users.find((u) => u.accountId === winner)!.displayName;
    const words = 'approved as a paid change \\(EUR 6,500\\)';
    assert.match(loser.message, new RegExp(`^${winnerName} already ${words} this change at \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2} \\(UTC\\)\\. Reload to see the decision\\.$`));
    assert.equal(won.decision.by.accountId, winner);
    await host.app.idle();
    assert.equal(issue(host, key).statusId, CHANGE_STATUS_IDS.approved);
    // Jira's property holds a coarse step only: the client was not told yet (and no approver's account id, ever).
    assert.deepEqual(issue(host, key).properties['liaison-change'], { schema: 2, step: 'in-review' });
    assert.equal((await readChange(issue(host, key).id)).doc.decision?.by, winner);
    const { entries } = await listAudit('SHOP', { limit: 100 });
    const decisions = entries.filter((e) => e.target === `issue:${key}` && e.action === 'change.decided');
    assert.equal(decisions.length, 1, JSON.stringify(decisions));
    assert.equal(decisions[0].actor, winner);
    assert.match(decisions[0].detail.changes[0].summary, winnerIndex === 0 ? /Client pays: new scope/ : /Second opinion: agreed/);
    version = won.version;
  });

  test('the manager sends the price (a client-safe draft, a visible comment, a notification); the client accepts it: Client informed', async () => {
    const { message } = ok<{ message: string }>(await call(DEMO_USERS.pm, 'changes.draftMessage', { issueKey: key }));
    assert.match(message, /paid change for EUR 6,500/);
    assert.match(message, /Wish lists are kept for 90 days/);
    assert.doesNotMatch(message, /margin|Client pays: new scope|Second opinion|4,?000/);
    const offered = ok<any>(await call(DEMO_USERS.pm, 'changes.inform', { issueKey: key, version, message, deadline: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) }));
    assert.equal(offered.step, 'approved');
    assert.deepEqual(offered.warnings, []);
    // Moving it in Jira alone does not tell the client: the price must be accepted first.
    const direct = await jiraTransition(DEMO_USERS.pm, CHANGE_STATUS_IDS['client-informed']);
    assert.equal(direct.status, 400);
    assert.match(JSON.stringify(direct.json), new RegExp(RULE_MESSAGES.needsPriceAccepted.slice(0, 40)));
    const informed = ok<any>(await call(DEMO_USERS.clientPo, 'changes.respondToPrice', { issueKey: key, version: offered.version, response: 'accept' }, PORTAL));
    assert.equal(informed.step, 'client-informed');
    assert.deepEqual(informed.warnings, []);
    // Told, but the demo project does not show costs to clients: still the step only.
    assert.deepEqual(issue(host, key).properties['liaison-change'], { schema: 2, step: 'client-informed' });
    const stored = issue(host, key);
    assert.equal(stored.statusId, CHANGE_STATUS_IDS['client-informed']);
    assert.equal(stored.comments.length, 1);
    assert.equal(stored.comments[0].visibility ?? null, null);
    const notes = await (await fetch(`${host.sandbox.url}/__sandbox/notifications?issueKey=${key}`)).json() as any[];
    assert.ok(notes.some((n) => JSON.stringify(n).includes(DEMO_USERS.clientPo)), JSON.stringify(notes));
  });

  test('the client sees the decision, the price only where the project shows costs, and no internal note, cost or rationale', async () => {
    // SHOP hides costs from clients (the demo's setting): told, she sees the outcome without the price.
    const hidden = ok<any>(await call(DEMO_USERS.clientPo, 'changes.get', { issueKey: key }, PORTAL));
    assert.equal(hidden.decision.outcome, 'paid');
    assert.equal(hidden.decision.price, undefined);
    const current = ok<any>(await call(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' }));
    ok(await call(DEMO_USERS.pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...current.settings, reporting: { ...current.settings.reporting, showCostsToClient: true } }));
    const view = ok<any>(await call(DEMO_USERS.clientPo, 'changes.get', { issueKey: key }, PORTAL));
    assert.equal(view.step, 'client-informed');
    assert.deepEqual(view.decision.price, { amount: 6500, currency: 'EUR' });
    assert.equal(view.decision.outcome, 'paid');
    assert.equal(view.decision.rationale, undefined);
    assert.equal(view.decision.by, undefined);
    assert.deepEqual(view.assessment, { scheduleDays: 3, notes: [view.assessment.notes[0]] });
    assert.equal(view.assessment.notes[0].text, 'Wish lists are kept for 90 days');
    assert.deepEqual(view.history, []);
    const text = JSON.stringify(view);
    for (const secret of ['margin', 'Client pays: new scope', 'Second opinion', '4000', 'Account area']) assert.ok(!text.includes(secret), `client view leaks ${secret}`);
    const mine = ok<any>(await call(DEMO_USERS.clientPo, 'changes.mine', {}, PORTAL));
    const shop = mine.projects.find((p: any) => p.projectKey === 'SHOP');
    assert.ok(shop.changes.some((c: any) => c.issueKey === key));
    assert.ok(shop.changes.every((c: any) => c.requestedBy.accountId === DEMO_USERS.clientPo));
  });

  test('the register lists it with its impact, outcome, price and timings, with totals and CSV', async () => {
    const register = ok<any>(await call(DEMO_USERS.dev1, 'changes.register', { projectKey: 'SHOP' }));
    const row = register.rows.find((r: any) => r.issueKey === key);
    assert.equal(row.outcome, 'paid');
    assert.deepEqual(row.price, { amount: 6500, currency: 'EUR' });
    assert.equal(row.effortDays, 5);
    assert.equal(row.daysToAcknowledge, 0);
    // The demo's paid change (EUR 4,800) and this one.
    assert.deepEqual(register.totals.paidValue, [{ currency: 'EUR', amount: 11300 }]);
    assert.equal(register.totals.count, 4);
    const csv = ok<any>(await call(DEMO_USERS.pm, 'changes.registerCsv', { projectKey: 'SHOP', outcome: 'paid' }));
    assert.match(csv.filename, /^SHOP-change-requests-paid-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(csv.csv.trim().split('\n').length, 3);
    refused(await call(DEMO_USERS.clientPo, 'changes.register', { projectKey: 'SHOP' }, PORTAL), 'FORBIDDEN');
  });
});

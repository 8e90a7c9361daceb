/**
 * A valid payload for every resolver key, used by the policy suite (policy.test.ts), the leak scan
 * and the bad-input tests. Add ONE entry per new resolver (keep the others'): the suite fails on a
 * registered key without a sample.
 *
 * A sample must pass the resolver's input schema; it need not succeed (a CONFLICT or NOT_FOUND from
 * the domain is fine — the suite only checks who is let in). Issue-scoped samples ask the context
 * for an issue of a kind:
 * - 'plain'   a SHOP story without an ask or flag (SHOP-16),
 * - 'ask'     a SHOP issue with an open ask addressed to the client `clientPo` (SHOP-15),
 * - 'flag'    a SHOP issue with an open, client-visible manual flag (SHOP-12),
 * - 'change'  a SHOP change request raised by `clientPo` (when the demo site has one; else 'plain'),
 * - 'ops'     an OPS issue (the project where only `clientOps` is a client).
 */
import type { Persona } from '../../local/demo/people';

export interface PolicySampleContext {
  issueKey: (kind: string) => string;
  /** The project most samples target. */
  projectKey: string;
  /** Account ids by persona. */
  users: Readonly<Record<Persona, string>>;
  /** YYYY-MM-DD, n days from today (UTC). */
  date: (daysFromToday: number) => string;
  /** The project's effective settings and their version (for settings.save / defaults.save). */
  settings: Record<string, unknown>;
  settingsVersion: number;
  siteDefaultsVersion: number;
  /** Ids the suite found on the site: a flag on the 'flag' issue, a published report, a share link (or placeholders). */
  ids: { flagId: string; reportId: string; shareId: string };
}

export const POLICY_SAMPLES: Record<string, (ctx: PolicySampleContext) => unknown> = {
  'settings.get': (c) => ({ projectKey: c.projectKey }),
  'settings.save': (c) => ({ projectKey: c.projectKey, version: c.settingsVersion, ...c.settings }),
  'settings.audit': (c) => ({ projectKey: c.projectKey, limit: 5 }),
  'me.roles': (c) => ({ projectKey: c.projectKey }),
  'settings.clientAccess': (c) => ({ projectKey: c.projectKey }),
  'portal.jiraShows': (c) => ({ projectKey: c.projectKey }),
  'defaults.get': () => ({}),
  'defaults.save': (c) => ({ version: c.siteDefaultsVersion, ...c.settings }),
  'portal.home': () => ({}),
  'home.work': () => ({}),
  'reminders.preview': (c) => ({ projectKey: c.projectKey, date: c.date(1) }),
  'asks.get': (c) => ({ issueKey: c.issueKey('ask') }),
  'asks.set': (c) => ({ issueKey: c.issueKey('plain'), client: c.users.clientMarketing, ask: 'Send the brand guidelines', due: c.date(7) }),
  'asks.answer': (c) => ({ issueKey: c.issueKey('ask'), answer: 'Approved as drafted' }),
  'asks.requestInfo': (c) => ({ issueKey: c.issueKey('ask'), note: 'Which version of the deck?' }),
  'asks.post': (c) => ({ issueKey: c.issueKey('ask'), message: 'A word about this ask' }),
  'asks.accept': (c) => ({ issueKey: c.issueKey('ask') }),
  'asks.reAsk': (c) => ({ issueKey: c.issueKey('ask'), due: c.date(5) }),
  'asks.withdraw': (c) => ({ issueKey: c.issueKey('ask') }),
  'asks.project': (c) => ({ projectKey: c.projectKey }),
  'asks.mine': () => ({}),
  'flags.get': (c) => ({ issueKey: c.issueKey('flag') }),
  'flags.raise': (c) => ({ issueKey: c.issueKey('plain'), category: 'scope-creep', severity: 'medium', note: 'Scope unclear', clientVisible: false }),
  'flags.resolve': (c) => ({ issueKey: c.issueKey('flag'), flagId: c.ids.flagId, resolution: 'Sorted with the client' }),
  'flags.setVisibility': (c) => ({ issueKey: c.issueKey('flag'), flagId: c.ids.flagId, clientVisible: false }),
  'flags.confused': (c) => ({ issueKey: c.issueKey('flag'), note: 'What does this mean for launch?' }),
  'flags.project': (c) => ({ projectKey: c.projectKey }),
  'flags.gadget': (c) => ({ projectKey: c.projectKey }),
  'flags.dryRun': (c) => ({ projectKey: c.projectKey, on: true, flagThresholds: (c.settings as { flagThresholds: unknown }).flagThresholds }),
  'flags.gadgetProjects': () => ({}),
  'shares.create': (c) => ({ projectKey: c.projectKey, reportId: c.ids.reportId, expiresInDays: 7 }),
  'shares.list': (c) => ({ projectKey: c.projectKey }),
  'shares.revoke': (c) => ({ projectKey: c.projectKey, id: c.ids.shareId }),
  // A job id nobody started: the suite checks who is let in (an allowed caller gets NOT_FOUND).
  'reports.jobStatus': (c) => ({ projectKey: c.projectKey, jobId: '00000000-0000-4000-8000-00000000b0b0' }),
  'reports.preview': (c) => ({ projectKey: c.projectKey, period: { kind: 'week' }, audience: 'manager' }),
  'reports.saveDraft': (c) => ({ projectKey: c.projectKey, period: { kind: 'week' }, audience: 'manager', narrative: { status: 'On plan this week.' } }),
  'reports.publish': (c) => ({ projectKey: c.projectKey, reportId: c.ids.reportId, version: 1 }),
  'reports.list': (c) => ({ projectKey: c.projectKey }),
  'reports.get': (c) => ({ projectKey: c.projectKey, reportId: c.ids.reportId }),
  'reports.export': (c) => ({ projectKey: c.projectKey, reportId: c.ids.reportId, format: 'markdown' }),
  'reports.toConfluence': (c) => ({ projectKey: c.projectKey, reportId: c.ids.reportId, spaceKey: 'SHOP' }),
  'reports.notices': (c) => ({ projectKey: c.projectKey }),
  // Issue 17: the PM's decisions and plan baselines (an allowed caller may meet a CONFLICT for the version).
  'plan.decisions': (c) => ({ projectKey: c.projectKey }),
  'plan.addDecision': (c) => ({ projectKey: c.projectKey, version: 0, title: 'Pick the payment provider', owner: { name: 'Maya' }, deadline: c.date(7) }),
  'plan.updateDecision': (c) => ({ projectKey: c.projectKey, id: 'no-such-decision', version: 0, title: 'Pick the provider', owner: { name: 'Maya' }, deadline: c.date(7) }),
  'plan.resolveDecision': (c) => ({ projectKey: c.projectKey, id: 'no-such-decision', version: 0, resolution: 'Provider B' }),
  'plan.baselines': (c) => ({ projectKey: c.projectKey }),
  'plan.snapshot': (c) => ({ projectKey: c.projectKey, note: 'Kick-off' }),
  // Change requests: the suite checks who is let in (an allowed caller may meet a CONFLICT for the step).
  'changes.get': (c) => ({ issueKey: c.issueKey('change') }),
  'changes.acknowledge': (c) => ({ issueKey: c.issueKey('change'), version: 0 }),
  'changes.assess': (c) => ({ issueKey: c.issueKey('change'), version: 0, effortDays: 3, scheduleDays: 2, cost: 2400, currency: 'EUR', scope: 'Checkout', notes: [{ text: 'Needs a new API', visibility: 'internal' }], submit: false }),
  'changes.decide': (c) => ({ issueKey: c.issueKey('change'), version: 0, outcome: 'paid', price: { amount: 3000, currency: 'EUR' }, rationale: 'Worth it' }),
  'changes.withdraw': (c) => ({ issueKey: c.issueKey('change'), version: 0, reason: 'No longer needed' }),
  'changes.respondToPrice': (c) => ({ issueKey: c.issueKey('change'), version: 0, response: 'decline' }),
  'changes.post': (c) => ({ issueKey: c.issueKey('change'), message: 'A word about this change' }),
  'changes.draftMessage': (c) => ({ issueKey: c.issueKey('change') }),
  'changes.inform': (c) => ({ issueKey: c.issueKey('change'), version: 0, message: 'We will do it as a paid change.' }),
  'changes.linkImplementation': (c) => ({ issueKey: c.issueKey('change'), version: 0, link: [c.issueKey('plain')] }),
  'changes.raise': (c) => ({ projectKey: c.projectKey, summary: 'Add a wish list', description: 'Customers want to save items for later.' }),
  'changes.register': (c) => ({ projectKey: c.projectKey }),
  'changes.registerCsv': (c) => ({ projectKey: c.projectKey }),
  'changes.mine': () => ({}),
  'changes.setupPlan': (c) => ({ projectKey: c.projectKey }),
  'changes.provision': (c) => ({ projectKey: c.projectKey }),
  'changes.saveMapping': (c) => ({ projectKey: c.projectKey, issueTypeId: '10100', statusIds: { logged: '10100', acknowledged: '10101', assessing: '10102', 'awaiting-approval': '10103', approved: '10104', declined: '10105', withdrawn: '10106', 'client-informed': '10107' } }),
  'changes.projectStatuses': (c) => ({ projectKey: c.projectKey }),
};

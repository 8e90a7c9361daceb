/**
 * Shared by the security suites (policy, leak scan, bad input): the six personas and the app roles
 * each holds in SHOP, who a RESOLVER_POLICY entry lets in, the demo fixtures the samples point at,
 * and a recorder of every write the app makes (Forge storage and Jira) so a refused or invalid
 * call can be proven to have changed nothing.
 */
import assert from 'node:assert/strict';
import { beforeAll, afterAll } from '@jest/globals';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { DEMO_USERS, type Persona } from '../../local/demo/site';
import { POLICY, RESOLVER_POLICY } from '../../src/access/domain/access';
import type { AppRole } from '../../src/access/domain/roles';
import type { ResolverDefinition } from '../../src/access/resolvers/definition';
import { POLICY_SAMPLES, type PolicySampleContext } from './policy-samples';
import { callerFrom, daysFromNow, ok, PROJECT_PAGE } from './support';
import { readChange } from '../../src/changes/store/changeStore';

/** The demo's change requests of `requestedBy` with their recorded step (the record, not the minimal property, knows who asked). */
async function changesRequestedBy(host: TestHost, requestedBy: string): Promise<Array<{ key: string; step: string }>> {
  const found: Array<{ key: string; step: string }> = [];
  for (const i of host.sandbox.site.issues.filter((x) => x.properties['liaison-change'] !== undefined)) {
    const { doc } = await readChange(i.id);
    if (doc.requestedBy === requestedBy) found.push({ key: i.key, step: doc.step ?? 'logged' });
  }
  return found;
}

/** The personas every resolver is called as. */
export const SUITE_PERSONAS = ['pm', 'approver', 'dev1', 'clientPo', 'clientOps', 'outsider'] as const satisfies readonly Persona[];
export type SuitePersona = (typeof SUITE_PERSONAS)[number];

/**
 * The app roles each persona holds in SHOP with the built-in role mapping (DESIGN.md): Maya is the
 * manager (and the only Jira admin), Oliver the approver, Priya on the team, Hannah a client; Grace
 * is a client of OPS only and Riley has no role anywhere. The suite checks `me.roles` agrees.
 */
export const SHOP_ROLES: Readonly<Record<SuitePersona, readonly AppRole[]>> = {
  pm: ['manager'], approver: ['approver'], dev1: ['team'], clientPo: ['client'], clientOps: [], outsider: [],
};

/** Whether a resolver's policy lets the persona in, for a SHOP payload. */
export function policyAllows(key: string, persona: SuitePersona): boolean {
  const policy = RESOLVER_POLICY[key];
  assert.ok(policy, `${key} has no RESOLVER_POLICY entry`);
  if (policy === 'signed-in') return true;
  if (policy === 'site-admin') return persona === 'pm';
  const roles = SHOP_ROLES[persona];
  if (policy === 'any-project-role') return roles.length > 0;
  const allowed: readonly AppRole[] = POLICY[policy];
  return roles.some((role) => allowed.includes(role));
}

/** The issue kinds samples may ask for (see policy-samples.ts). */
export const SAMPLE_ISSUES: Record<string, string> = { plain: 'SHOP-16', ask: 'SHOP-15', flag: 'SHOP-12', ops: 'OPS-1' };

/** KVS keys the app writes as a cache while it reads (role membership, field ids): not a change of state. */
const CACHE_KEY = /^(role-actors:|user-groups:|jira-fields:)/;

const WRITE_ROUTES = /\/(set|delete|transaction)$/;

export interface WriteRecorder {
  /** Writes since the last reset: `kvs <route> <keys>` and `jira <fingerprint changed>`. */
  writes(): string[];
  reset(): void;
  stop(): void;
}

function keysOf(body: unknown): string[] {
  if (Array.isArray(body)) return body.flatMap(keysOf);
  if (!body || typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;
  const own = typeof record.key === 'string' ? [record.key] : [];
  return [...own, ...['set', 'delete', 'check'].flatMap((k) => keysOf(record[k]))];
}

/**
 * Records every successful storage write (by wrapping the in-memory KVS the Forge runtime talks
 * to — a test-only wrapper) and detects any change to the Jira site (issues, properties, comments,
 * notifications, configuration) by comparing its serialised state.
 */
export function recordWrites(host: TestHost): WriteRecorder {
  const kvsWrites: string[] = [];
  const original = host.kvs.handle;
  host.kvs.handle = function (this: typeof host.kvs, path: string, body: unknown) {
    const answer = original.call(this, path, body);
    if (WRITE_ROUTES.test(path) && answer.status < 300) {
      const keys = keysOf(body);
      if (!(keys.length > 0 && keys.every((k) => CACHE_KEY.test(k)))) kvsWrites.push(`kvs ${path} ${keys.join(',')}`);
    }
    return answer;
  };
  const fingerprint = () => JSON.stringify({ ...host.sandbox.site, counters: undefined });
  let jiraBefore = fingerprint();
  return {
    writes() {
      const changed = fingerprint() !== jiraBefore;
      return [...kvsWrites, ...(changed ? ['jira site changed'] : [])];
    },
    reset() {
      kvsWrites.length = 0;
      jiraBefore = fingerprint();
    },
    stop() {
      host.kvs.handle = original;
    },
  };
}

/**
 * Puts the demo site in the state the samples expect — an open ask on SHOP-15 addressed to Hannah,
 * an open client-visible flag on SHOP-12 — and answers the samples' context.
 */
export async function prepareSamples(host: TestHost): Promise<PolicySampleContext> {
  const call = callerFrom(host, PROJECT_PAGE);
  ok(await call(DEMO_USERS.pm, 'asks.set', { issueKey: SAMPLE_ISSUES.ask, client: DEMO_USERS.clientPo, ask: 'Approve the checkout copy deck', due: daysFromNow(5) }));
  const flagged = ok(await call<any>(DEMO_USERS.pm, 'flags.raise', { issueKey: SAMPLE_ISSUES.flag, category: 'uncharted-territory', severity: 'high', note: 'New payment provider', clientVisible: true }));
  const flagId = (flagged.flags as { id: string; note: string }[]).find((f) => f.note === 'New payment provider')?.id;
  assert.ok(flagId, 'the raised flag is in the answer');
  const settings = ok(await call<any>(DEMO_USERS.pm, 'settings.get', { projectKey: 'SHOP' }));
  const defaults = ok(await call<any>(DEMO_USERS.pm, 'defaults.get', {}));
  const changeKey = (await changesRequestedBy(host, DEMO_USERS.clientPo)).find((c) => c.key.startsWith('SHOP-'))?.key;
  assert.ok(changeKey, 'the demo site has a change request of Hannah\'s');
  return {
    issueKey: (kind) => (kind === 'change' ? (changeKey ?? SAMPLE_ISSUES.plain) : (SAMPLE_ISSUES[kind] ?? SAMPLE_ISSUES.plain)),
    projectKey: 'SHOP',
    users: DEMO_USERS,
    date: daysFromNow,
    settings: settings.settings,
    settingsVersion: settings.version,
    siteDefaultsVersion: defaults.version,
    ids: { flagId, reportId: 'no-such-report', shareId: 'no-such-share' },
  };
}

/** The sample payload of a resolver (fails the calling test when it has none). */
export function sampleFor(key: string, ctx: PolicySampleContext): Record<string, unknown> {
  const build = POLICY_SAMPLES[key];
  assert.ok(build, `${key} has no sample payload in test/integration/policy-samples.ts`);
  return build(ctx) as Record<string, unknown>;
}

/**
 * The app's `index` module with its resolver handler rebuilt from `definitions` (each run through
 * the real runResolver wrapper), for tests that swap one definition for a wrapped one.
 */
export async function indexModuleWith(definitions: readonly ResolverDefinition[]): Promise<Record<string, unknown>> {
  const [{ default: Resolver }, index, { runResolver }] = await Promise.all([import('@forge/resolver'), import('../../src/index'), import('../../src/registry')]);
  const resolver = new Resolver();
  for (const definition of definitions) {
    resolver.define(definition.key, (request) =>
      runResolver(definition, { payload: request.payload, accountId: typeof request.context.accountId === 'string' ? request.context.accountId : undefined }),
    );
  }
  return { ...index, handler: resolver.getDefinitions() };
}

/** Internal data planted before a scan, on top of what the demo site and the other features hold (plantInternalData). */
export const PLANTED = {
  internalFlagNote: 'Vendor contract renegotiation may slip the payment work',
  otherClientAsk: 'Send the spring campaign brand assets',
  internalChangeNote: 'Our ERP adapter cannot take more load before January',
  clientChangeNote: 'We will send you a sample export file first',
  decisionRationale: 'Margin is thin but the account is worth keeping',
  /** An ask to James answered twice: round one's answer is an earlier round's. */
  twoRoundIssue: 'SHOP-17',
  earlierRoundAnswer: 'Use the wording from the spring mailer, not the new one',
  laterRoundAnswer: 'Final wording attached as agreed with legal',
} as const;

/**
 * Internal data every kind of reader meets: internal and client-visible flags (SHOP, OPS), asks to
 * other clients, an ask in its second round, rules run; with `changesAndReports`, an assessed
 * change request of Hannah's approved as paid but not yet told to her, and reports (published
 * client and manager reports, a client draft).
 */
export async function plantInternalData(host: TestHost, opts: { changesAndReports: boolean } = { changesAndReports: true }): Promise<void> {
  const call = callerFrom(host, PROJECT_PAGE);
  const { pm, clientPo, clientMarketing, clientOps } = DEMO_USERS;
  ok(await call(pm, 'flags.raise', { issueKey: 'SHOP-20', category: 'schedule-slip', severity: 'high', note: PLANTED.internalFlagNote, clientVisible: false }));
  ok(await call(pm, 'flags.raise', { issueKey: 'OPS-3', category: 'other', severity: 'medium', note: 'Auditor access to payroll folder still open', clientVisible: false }));
  ok(await call(pm, 'flags.raise', { issueKey: 'OPS-4', category: 'other', severity: 'low', note: 'Ledger export format agreed with the accountant', clientVisible: true }));
  ok(await call(pm, 'asks.set', { issueKey: 'SHOP-16', client: clientMarketing, ask: PLANTED.otherClientAsk, due: daysFromNow(4) }));
  ok(await call(pm, 'asks.set', { issueKey: 'OPS-2', client: clientOps, ask: 'Send the quarterly VAT reconciliation', due: daysFromNow(6) }));
  ok(await call(clientPo, 'asks.answer', { issueKey: 'SHOP-15', answer: 'Approved, with the legal footer from our template' }));
  // Two rounds of an ask to James: the first answer is only in the field's earlier value (the changelog keeps it).
  ok(await call(pm, 'asks.set', { issueKey: PLANTED.twoRoundIssue, client: clientMarketing, ask: 'Confirm the newsletter sign-up wording', due: daysFromNow(3) }));
  ok(await call(clientMarketing, 'asks.answer', { issueKey: PLANTED.twoRoundIssue, answer: PLANTED.earlierRoundAnswer }));
  ok(await call(pm, 'asks.reAsk', { issueKey: PLANTED.twoRoundIssue, due: daysFromNow(5) }));
  ok(await call(clientMarketing, 'asks.answer', { issueKey: PLANTED.twoRoundIssue, answer: PLANTED.laterRoundAnswer }));
  // Rules on for SHOP: the daily run adds the rule flags (internal unless a rule says otherwise).
  const current = ok(await call<any>(pm, 'settings.get', { projectKey: 'SHOP' }));
  ok(await call(pm, 'settings.save', { projectKey: 'SHOP', version: current.version, ...current.settings }));
  await host.app.fireScheduledTrigger('flag-rules-daily');
  await host.app.idle();
  if (!opts.changesAndReports) return;
  // An assessment with an internal and a client-visible note on an open change request of Hannah's (acknowledged first if needed).
  const target = (await changesRequestedBy(host, clientPo)).find((c) => ['logged', 'acknowledged', 'assessing'].includes(c.step));
  assert.ok(target, 'the demo site has an open change request of Hannah\'s');
  const issueKey = target.key;
  let change = ok<any>(await call(pm, 'changes.get', { issueKey }));
  if (change.step === 'logged') change = ok<any>(await call(DEMO_USERS.dev1, 'changes.acknowledge', { issueKey, version: change.version }));
  ok(await call(DEMO_USERS.dev1, 'changes.assess', {
    issueKey, version: change.version, effortDays: 6, scheduleDays: 3, cost: 4200, currency: 'EUR', scope: 'ERP export job and its monitoring',
    notes: [{ text: PLANTED.internalChangeNote, visibility: 'internal' }, { text: PLANTED.clientChangeNote, visibility: 'client' }], submit: true,
  }));
  // Approved as a paid change, the client not yet informed: Jira must not show the outcome or the price.
  change = ok<any>(await call(pm, 'changes.get', { issueKey }));
  ok(await call(DEMO_USERS.approver, 'changes.decide', { issueKey, version: change.version, outcome: 'paid', price: { amount: 5150, currency: 'EUR' }, rationale: PLANTED.decisionRationale }));
  // Reports: a published client report, a published manager report and a client draft.
  const week = { kind: 'week', date: daysFromNow(-7) };
  for (const [audience, publish] of [['client', true], ['manager', true], ['client', false]] as const) {
    const draft = ok<any>(await call(pm, 'reports.saveDraft', { projectKey: 'SHOP', period: week, audience }));
    if (publish) ok(await call(pm, 'reports.publish', { projectKey: 'SHOP', reportId: draft.id, version: draft.version }));
  }
  await host.app.idle();
}

/** A security suite's site: a test host with the samples' fixtures in place, its writes recorded, and a caller through the project page. */
export interface SecuritySuite {
  host: TestHost;
  recorder: WriteRecorder;
  ctx: PolicySampleContext;
  call: ReturnType<typeof callerFrom>;
}

/**
 * Registers the suite's hooks: before, a fresh test host with the samples prepared and a write
 * recorder on it; after, both stopped. The fields are there once `before` has run, so tests read
 * them when they run, not when the file loads.
 */
export function securitySuite(): SecuritySuite {
  const suite = {} as SecuritySuite;
  beforeAll(async () => {
    suite.host = await startTestHost();
    suite.call = callerFrom(suite.host, PROJECT_PAGE);
    suite.ctx = await prepareSamples(suite.host);
    suite.recorder = recordWrites(suite.host);
  });
  afterAll(async () => {
    suite.recorder?.stop();
    await suite.host?.close();
  });
  return suite;
}

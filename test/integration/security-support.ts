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
import { POLICY, RESOLVER_POLICY } from '../../src/domain/access';
import type { AppRole } from '../../src/domain/roles';
import type { ResolverDefinition } from '../../src/resolvers/definition';
import { POLICY_SAMPLES, type PolicySampleContext } from './policy-samples';
import { callerFrom, daysFromNow, ok, PROJECT_PAGE } from './support';

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
  const changeKey = host.sandbox.site.issues.find((i) => i.key.startsWith('SHOP-') && i.properties['liaison-change'] && (i.properties['liaison-change'] as { requestedBy?: string }).requestedBy === DEMO_USERS.clientPo)?.key;
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
  const [{ default: Resolver }, index, { runResolver }] = await Promise.all([import('@forge/resolver'), import('../../src/index'), import('../../src/resolvers/registry')]);
  const resolver = new Resolver();
  for (const definition of definitions) {
    resolver.define(definition.key, (request) =>
      runResolver(definition, { payload: request.payload, accountId: typeof request.context.accountId === 'string' ? request.context.accountId : undefined }),
    );
  }
  return { ...index, handler: resolver.getDefinitions() };
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

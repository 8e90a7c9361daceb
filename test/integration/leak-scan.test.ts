/**
 * The leak scan: as each client person — Hannah and James (clients of SHOP) and Grace (a client of
 * OPS only) — call every resolver a client may call, across the whole demo site (every issue of
 * every project for resolvers about an issue, every project for project-scoped ones), and scan every
 * answer, refusals included, for what a client must not see (leak-scanner.ts). Zero findings.
 * Then the same scan over a planted leak (one resolver wrapped to add an internal flag note, in the
 * test only) must find it: the scan is not blind.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS, type Persona } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { POLICY, RESOLVER_POLICY } from '../../src/access/domain/access';
import { RESOLVERS } from '../../src/registry';
import type { ResolverDefinition } from '../../src/access/resolvers/definition';
import { forbiddenFor, scanAnswer, storedInternals, type Finding } from './leak-scanner';
import type { PolicySampleContext } from './policy-samples';
import { indexModuleWith, PLANTED, plantInternalData, prepareSamples, sampleFor } from './security-support';
import { askFieldId } from './asks-support';
import { callerFrom, ok, PROJECT_PAGE, storedFlagRecord } from './support';

const CLIENTS: { persona: Persona; projects: string[] }[] = [
  { persona: 'clientPo', projects: ['SHOP'] },
  { persona: 'clientMarketing', projects: ['SHOP'] },
  { persona: 'clientOps', projects: ['OPS'] },
];

/** Resolvers a client may call at all (the rest refuse them before reading anything: policy.test.ts). */
function clientCallable(): ResolverDefinition[] {
  return RESOLVERS.filter((r) => {
    const policy = RESOLVER_POLICY[r.key];
    if (!policy) return false;
    if (policy === 'signed-in' || policy === 'any-project-role') return true;
    if (policy === 'site-admin') return false;
    return (POLICY[policy] as readonly string[]).includes('client');
  });
}

/**
 * Every payload to try: each issue of the site for an issue resolver, each project for a project
 * resolver. Free text is signed with the persona, so what one client writes is never mistaken for
 * what another wrote.
 */
function payloadsFor(resolver: ResolverDefinition, ctx: PolicySampleContext, host: TestHost, persona: Persona): Record<string, unknown>[] {
  const sample = Object.fromEntries(Object.entries(sampleFor(resolver.key, ctx)).map(([k, v]) => [k, typeof v === 'string' && v.includes(' ') ? `${v} (${persona})` : v]));
  if ('issueKey' in sample) {
    // Reads go over every issue; a write (it carries free text) over every tenth and its sample issue,
    // which keeps the pass short while still meeting each project.
    const writes = Object.values(sample).some((v) => typeof v === 'string' && v.includes(' '));
    const issues = writes ? host.sandbox.site.issues.filter((issue, i) => i % 10 === 0 || issue.key === sample.issueKey) : host.sandbox.site.issues;
    return issues.map((i) => ({ ...sample, issueKey: i.key }));
  }
  if ('reportId' in sample) return host.sandbox.site.projects.flatMap((p) => storedReportIds(host).map((reportId) => ({ ...sample, projectKey: p.key, reportId })));
  if ('projectKey' in sample) return host.sandbox.site.projects.map((p) => ({ ...sample, projectKey: p.key }));
  return [sample];
}

/** Every report id stored (any project, audience or state): a client must be refused all but their published ones. */
function storedReportIds(host: TestHost): string[] {
  const dump = (host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, { value: { id: string } }>> } }).snapshot();
  return Object.values(dump.entities.report ?? {}).map((r) => r.value.id);
}

interface ScanResult { answers: number; findings: Finding[]; sameClientAsksInReports: number }

async function scanSite(host: TestHost, ctx: PolicySampleContext, resolvers: ResolverDefinition[]): Promise<ScanResult> {
  const call = callerFrom(host, PROJECT_PAGE);
  const fieldId = askFieldId(host);
  let answers = 0;
  let sameClientAsksInReports = 0;
  const findings: Finding[] = [];
  const stored = storedInternals(host);
  for (const client of CLIENTS) {
    const accountId = DEMO_USERS[client.persona];
    for (const resolver of resolvers) {
      for (const payload of payloadsFor(resolver, ctx, host, client.persona)) {
        // Gathered before each call: a write by the call itself (a client's own flag) is theirs to see.
        const forbidden = forbiddenFor(host, { accountId, clientProjects: client.projects, askFieldId: fieldId, stored });
        const answer = await call(accountId, resolver.key, payload);
        answers += 1;
        const sent = Object.values(payload).filter((v): v is string => typeof v === 'string');
        const where = `${resolver.key} as ${client.persona} ${JSON.stringify(payload).slice(0, 80)}`;
        const found = scanAnswer(answer, forbidden, where, sent);
        // A published client report lists the client organisation's pending asks, for all its people (by design).
        const clientReport = resolver.key.startsWith('reports.') && JSON.stringify(answer).includes('"audience":"client"');
        const kept = clientReport ? scanAnswer(answer, forbidden, where, sent, { clientReport: true }) : found;
        sameClientAsksInReports += found.length - kept.length;
        findings.push(...kept);
      }
    }
    await host.app.idle();
  }
  return { answers, findings, sameClientAsksInReports };
}

describe('the leak scan over the demo site', () => {
  let host: TestHost;
  let ctx: PolicySampleContext;
  beforeAll(async () => {
    host = await startTestHost();
    ctx = await prepareSamples(host);
    await plantInternalData(host);
  });
  afterAll(async () => {
    await host?.close();
  });

  test('the forbidden set holds what was planted and what the site holds', () => {
    const forbidden = forbiddenFor(host, { accountId: DEMO_USERS.clientPo, clientProjects: ['SHOP'], askFieldId: askFieldId(host) });
    assert.ok(forbidden.values.has(PLANTED.internalFlagNote));
    assert.ok(forbidden.values.has(PLANTED.otherClientAsk));
    assert.ok(forbidden.values.has(PLANTED.earlierRoundAnswer), "James's answer in an earlier round (only the changelog keeps it)");
    assert.ok(forbidden.values.has(PLANTED.decisionRationale), "the approver's rationale");
    assert.ok(forbidden.values.has('maya.lindqvist@brightlane-digital.example'));
    assert.ok(forbidden.values.has(PLANTED.internalChangeNote), 'the internal change note');
    assert.equal(forbidden.values.has(PLANTED.clientChangeNote), false, 'a client-visible note is not forbidden');
    assert.equal(storedReportIds(host).length, 3);
    const opsSummary = host.sandbox.site.issues.find((i) => i.key === 'OPS-1')!.summary;
    assert.ok(forbidden.values.has(opsSummary) || opsSummary.length < 12, 'OPS summaries are forbidden to a SHOP client');
    assert.ok(forbidden.foreignKeyPattern?.test('see OPS-12'));
    assert.equal(forbidden.foreignKeyPattern?.test('see SHOP-12'), false);
  });

  test('every answer a client gets is free of internal data', async () => {
    const resolvers = clientCallable();
    const { answers, findings, sameClientAsksInReports } = await scanSite(host, ctx, resolvers);
    console.log(`leak scan: ${answers} answers scanned from ${resolvers.length} resolvers as ${CLIENTS.length} client people; ${findings.length} findings` +
      ` (allowed by design: ${sameClientAsksInReports} mentions of a fellow client's ask in a published client report)`);
    assert.ok(answers > 200, `only ${answers} answers`);
    assert.deepEqual(findings.slice(0, 20), []);
  });
});

describe('a planted leak', () => {
  let host: TestHost;
  let ctx: PolicySampleContext;
  beforeAll(async () => {
    // flags.get wrapped to add the issue's internal flag notes to a client's answer: the kind of
    // mistake the scan exists for (a team shape copied into a client answer).
    const leaky = RESOLVERS.map((r): ResolverDefinition => (r.key !== 'flags.get' ? r : {
      ...r,
      async handler(context) {
        const view = (await r.handler(context)) as Record<string, unknown>;
        const stored = storedFlagRecord(host, (context.input as { issueKey: string }).issueKey);
        return { ...view, debug: (stored?.flags ?? []).filter((f) => !f.clientVisible).map((f) => f.note) };
      },
    }));
    host = await startTestHost({ modules: { index: await indexModuleWith(leaky) } });
    ctx = await prepareSamples(host);
    await plantInternalData(host, { changesAndReports: false });
  });
  afterAll(async () => {
    await host?.close();
  });

  test('is found by the same scan', async () => {
    const { findings } = await scanSite(host, ctx, RESOLVERS.filter((r) => r.key === 'flags.get'));
    const planted = findings.filter((f) => f.what.includes(PLANTED.internalFlagNote));
    assert.ok(planted.length >= 2, `the planted note was found ${planted.length} times: ${JSON.stringify(findings.slice(0, 3))}`);
    assert.ok(planted.every((f) => f.where.startsWith('flags.get as client')), JSON.stringify(planted.slice(0, 3)));
  });
});

/**
 * The leak scan over Jira's own surfaces: what a client reads of the demo site with nothing but
 * their API token (Basic auth) — every issue with `fields=*all&properties=*all&expand=changelog`,
 * the changelog endpoint, comments, worklogs, and every JQL search alias manifest.yml declares —
 * checked against the per-fact policy of jira-exposure-policy.ts (README "What Jira itself shows a
 * client"), with no other exemption. Then a leak planted in each surface is found (the scan is not blind).
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { DEMO_USERS, type Persona } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { askFieldId } from './asks-support';
import { jiraSecrets, scanAliases, scanIssueSurfaces, scanJiraSurfaces, type SurfaceFinding } from './leak-scanner';
import { PLANTED, plantInternalData, prepareSamples } from './security-support';
import { jiraWithToken } from './support';

const CLIENTS: Persona[] = ['clientPo', 'clientMarketing', 'clientOps'];

describe('the leak scan over every Jira surface a client reads', () => {
  let host: TestHost;
  let fieldId: string;
  beforeAll(async () => {
    host = await startTestHost();
    fieldId = askFieldId(host);
    await prepareSamples(host);
    await plantInternalData(host);
  });
  afterAll(async () => {
    await host?.close();
  });

  const hannah = () => jiraWithToken(host, 'clientPo');
  const secretsNow = () => jiraSecrets(host, fieldId);
  const about = (findings: SurfaceFinding[], where: string, what: string) => findings.filter((f) => f.where.startsWith(where) && f.what.includes(what));
  // Written into the site as an older (or faulty) version of the app left it: no event, so no rule run rewrites it before the scan.
  const put = (key: string, property: string, value: unknown) => {
    host.sandbox.site.issues.find((i) => i.key === key)!.properties[property] = value;
  };
  const asApp = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${host.sandbox.url}${path}`, { method, headers: { Authorization: 'Bearer forge-app', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.ok(response.status < 300, `${method} ${path} answered ${response.status}: ${await response.text()}`);
  };

  test("every Jira surface a client reads with an API token holds only what the exposure policy lets Jira show", async () => {
    const secrets = await secretsNow();
    assert.ok(secrets.values.has(PLANTED.earlierRoundAnswer), "an earlier round's answer is a secret");
    assert.ok(secrets.values.has(PLANTED.internalFlagNote), 'the internal flag note is a secret');
    assert.ok(secrets.internalIds.has(DEMO_USERS.approver) && !secrets.internalIds.has(DEMO_USERS.clientPo), 'internal people are the agency\'s');
    const findings: SurfaceFinding[] = [];
    for (const persona of CLIENTS) {
      const scan = await scanJiraSurfaces(host, persona, fieldId, secrets);
      console.log(`jira surfaces as ${persona}: reads ${JSON.stringify(scan.reads)}; Jira's own data left to the permission scheme ${JSON.stringify(scan.jiraOwn)}; ${scan.findings.length} findings`);
      assert.ok((scan.reads.issue ?? 0) >= 10 && (scan.reads['JQL search'] ?? 0) > 20, JSON.stringify(scan.reads));
      findings.push(...scan.findings);
    }
    assert.deepEqual(findingSummary(findings), {}, JSON.stringify(findings.slice(0, 12), null, 1));
  });

  // A leak planted in each surface afterwards (on issues the main scan already read): the scan is not blind.
  test('an internal note written into the Client assignee field is found in the field value and in the changelog the write leaves', async () => {
    const issueId = Number(host.sandbox.site.issues.find((i) => i.key === 'SHOP-30')!.id);
    const value = { client: DEMO_USERS.clientPo, ask: PLANTED.internalFlagNote, due: '2030-01-01', state: 'waiting', askedAt: new Date().toISOString(), askedBy: DEMO_USERS.clientMarketing, round: 1 };
    await asApp('PUT', `/rest/api/3/app/field/${fieldId}/value`, { updates: [{ issueIds: [issueId], value }] });
    const { findings } = await scanIssueSurfaces(hannah(), 'SHOP-30', fieldId, await secretsNow(), 'Hannah');
    assert.ok(about(findings, 'Client assignee field of SHOP-30', PLANTED.internalFlagNote).length > 0, JSON.stringify(findings));
    assert.ok(about(findings, 'changelog of SHOP-30', PLANTED.internalFlagNote).length > 0, JSON.stringify(findings));
    assert.ok(about(findings, 'changelog (expand) of SHOP-30', PLANTED.internalFlagNote).length > 0, JSON.stringify(findings));
  });

  test("an internal flag's note, an approver's decision and an internal person's id in a property are found", async () => {
    // The truth first: the team's read of an issue's flags brings its property in line with the rules (a write).
    const secrets = await secretsNow();
    put('SHOP-33', 'liaison-flags', { open: 1, maxSeverity: 0, categories: [], flags: [{ id: 'planted', category: 'other', severity: 'low', note: PLANTED.internalFlagNote, clientVisible: true }] });
    put('SHOP-34', 'liaison-change', { schema: 1, step: 'approved', requestedBy: DEMO_USERS.clientPo, decision: { outcome: 'paid', price: { amount: 777, currency: 'EUR' }, by: DEMO_USERS.approver, at: new Date().toISOString() } });
    const flags = (await scanIssueSurfaces(hannah(), 'SHOP-33', fieldId, secrets, 'Hannah')).findings;
    assert.ok(about(flags, 'property liaison-flags of SHOP-33', PLANTED.internalFlagNote).length > 0, JSON.stringify(flags));
    const change = (await scanIssueSurfaces(hannah(), 'SHOP-34', fieldId, secrets, 'Hannah')).findings;
    assert.ok(change.some((f) => f.rule === 'change-decision' && f.where.startsWith('property liaison-change of SHOP-34')), JSON.stringify(change));
    assert.ok(change.some((f) => f.rule === 'internal-people' && f.what.includes('Oliver Grant')), JSON.stringify(change));
  });

  test("an internal flag's category behind a search alias is found by JQL", async () => {
    const secrets = await secretsNow();
    put('SHOP-31', 'liaison-flags', { open: 1, maxSeverity: 3, categories: ['scope-creep'], flags: [] });
    const { findings } = await scanAliases(hannah(), secrets, 'Hannah');
    assert.ok(about(findings, 'JQL flagCategory = "scope-creep"', 'SHOP-31').length === 1, JSON.stringify(findings));
    assert.ok(about(findings, 'JQL flagSeverity >= 3', 'SHOP-31').length === 1, JSON.stringify(findings));
  });

  test('an internal note in a comment the app posts is found', async () => {
    const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `For the client: ${PLANTED.internalFlagNote}` }] }] };
    await asApp('POST', '/rest/api/3/issue/SHOP-32/comment', { body });
    const { findings } = await scanIssueSurfaces(hannah(), 'SHOP-32', fieldId, await secretsNow(), 'Hannah');
    assert.ok(about(findings, 'comments of SHOP-32', PLANTED.internalFlagNote).length > 0, JSON.stringify(findings));
  });
});

/** Findings counted by policy rule and kind, for a readable failure. */
function findingSummary(findings: SurfaceFinding[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const f of findings) {
    const kind = `${f.rule}: ${f.what.replace(/"[^"]*"/g, '"…"').replace(/\b[A-Z]+-\d+\b/g, 'KEY').replace(/[0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{24}/g, 'ID').slice(0, 90)}`;
    summary[kind] = (summary[kind] ?? 0) + 1;
  }
  return summary;
}

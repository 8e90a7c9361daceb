/**
 * The per-fact policy of what Jira itself shows a client (jira-exposure-policy.ts) is one thing in
 * three places: README's "What Jira itself shows a client" table, manifest.yml's search aliases,
 * and the leak scan over Jira's surfaces (leak-scanner.ts). Each test fails when two of them disagree.
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JIRA_EXPOSURE_POLICY, POLICY_TABLE_HEADER, renderPolicyRows, type Exposure } from './jira-exposure-policy';
import { aliasProbes, JIRA_OWN_RULES, manifestSearchAliases, SCANNED_RULES, type JiraSecrets } from './leak-scanner';

const SECTION = '## What Jira itself shows a client';

/** The body rows of the first table under README's section (header and separator left out). */
function readmeRows(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(`\n${SECTION}\n`);
  assert.ok(start >= 0, `README.md has no "${SECTION}" section`);
  const next = readme.indexOf('\n## ', start + SECTION.length + 1);
  const lines = readme.slice(start, next < 0 ? undefined : next).split('\n');
  const header = lines.findIndex((l) => l.trim() === POLICY_TABLE_HEADER);
  assert.ok(header >= 0, `README's "${SECTION}" has no table headed ${POLICY_TABLE_HEADER}`);
  assert.match(lines[header + 1] ?? '', /^\|(\s*:?-+:?\s*\|){3}$/, 'the header is followed by a separator row');
  const rows: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.trim().startsWith('|')) break;
    rows.push(line.trim());
  }
  return rows;
}

/** Secrets with nothing in them: enough to ask the probes what they allow in general. */
const NO_SECRETS: JiraSecrets = { values: new Map(), internalIds: new Map(), decisionShowable: new Map(), flags: new Map() };

describe('the Jira exposure policy', () => {
  test("README's table is the policy, row for row", () => {
    assert.deepEqual(readmeRows(), renderPolicyRows());
  });

  test('rule ids are unique and every fact says where Jira shows it', () => {
    const ids = JIRA_EXPOSURE_POLICY.map((r) => r.id);
    assert.deepEqual([...new Set(ids)], ids);
    for (const rule of JIRA_EXPOSURE_POLICY) assert.ok(rule.fact.trim() && rule.surface.trim() && !`${rule.fact}${rule.surface}`.includes('|'), rule.id);
  });

  test('every search alias manifest.yml declares belongs to exactly one rule, and every rule alias is declared', () => {
    const declared = manifestSearchAliases();
    assert.ok(declared.length >= 8, `only ${declared.length} aliases: ${declared.join(', ')}`);
    for (const alias of declared) {
      const rules = JIRA_EXPOSURE_POLICY.filter((r) => r.aliases?.includes(alias)).map((r) => r.id);
      assert.equal(rules.length, 1, `${alias} is covered by ${rules.length} rules: ${rules.join(', ')}`);
    }
    const inPolicy = JIRA_EXPOSURE_POLICY.flatMap((r) => r.aliases ?? []);
    assert.deepEqual(inPolicy.filter((a) => !declared.includes(a)), [], 'aliases the policy names but manifest.yml does not declare');
  });

  test('the scan looks for exactly the facts the policy keeps out of Jira, and counts exactly the ones it leaves to Jira', () => {
    const byExposure = (...kinds: Exposure[]) => JIRA_EXPOSURE_POLICY.filter((r) => kinds.includes(r.exposure)).map((r) => r.id).sort();
    assert.deepEqual([...SCANNED_RULES].sort(), byExposure('storage-only', 'browsers-once-informed-with-costs'));
    assert.deepEqual([...JIRA_OWN_RULES].sort(), byExposure('jira-own'));
  });

  test("the scan probes every alias, and a probe allows a hit exactly when the alias's rule shows the fact to every browser", () => {
    const probes = aliasProbes(NO_SECRETS);
    assert.deepEqual(Object.keys(probes).sort(), manifestSearchAliases().sort());
    for (const [alias, list] of Object.entries(probes)) {
      const rule = JIRA_EXPOSURE_POLICY.find((r) => r.aliases?.includes(alias));
      assert.ok(rule && list.length > 0, alias);
      for (const probe of list) {
        assert.ok(JIRA_EXPOSURE_POLICY.some((r) => r.id === probe.rule), `${probe.jql}: unknown rule ${probe.rule}`);
        if (rule.exposure === 'browsers' && probe.rule === rule.id) assert.equal(probe.allowed('SHOP-1'), true, probe.jql);
        else {
          // A probe for a fact Jira may not show to everyone: with no truth saying otherwise, no hit is allowed.
          assert.ok((SCANNED_RULES as readonly string[]).includes(probe.rule), `${probe.jql} reports ${probe.rule}, which the scan does not look for`);
          assert.equal(probe.allowed('SHOP-1'), false, probe.jql);
        }
      }
    }
  });
});

/**
 * Authorisation before validation, over every role-gated resolver of the registry: a caller the
 * resolver refuses, sending malformed input (the key naming the project or issue kept, every other
 * field of the resolver's valid sample replaced by a value of the wrong shape), gets the refusal —
 * FORBIDDEN, or NOT_FOUND for an issue Jira does not let them browse — and never VALIDATION or
 * field messages that would describe the input. The same payload from a caller the resolver lets
 * in gets VALIDATION (so the payload really is malformed).
 */
import { describe, test, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { RESOLVER_POLICY } from '../../src/access/domain/access';
import { RESOLVERS } from '../../src/registry';
import { policyAllows, sampleFor, securitySuite, SUITE_PERSONAS, type SuitePersona } from './security-support';
import type { Answer } from './support';

const suite = securitySuite();
/** Who may browse SHOP (so a refusal is the role check's, not Jira's 404), before those who may not. */
const REFUSAL_ORDER: readonly SuitePersona[] = ['clientPo', 'dev1', 'approver', 'pm', 'outsider'];
const WRONG_SHAPE = { malformed: [1, 2, 3] };

function malformed(sample: Record<string, unknown>, scopeKey: string | undefined): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sample)) payload[key] = key === scopeKey ? value : WRONG_SHAPE;
  return payload;
}

describe('a refused caller with malformed input gets the refusal, never validation details', () => {
  const tally = { resolvers: 0, malformed: 0 };
  afterAll(() => console.log(`authorise first: ${tally.resolvers} role-gated resolvers refused before validation (${tally.malformed} with a payload their schema rejects)`));

  for (const resolver of RESOLVERS) {
    if (RESOLVER_POLICY[resolver.key] === 'signed-in') continue;
    test(resolver.key, async () => {
      const sample = sampleFor(resolver.key, suite.ctx);
      const scopeKey = RESOLVER_POLICY[resolver.key] === 'site-admin' ? undefined : resolver.locate ? 'issueKey' : 'projectKey';
      const payload = malformed(sample, scopeKey);
      const refusedPersona = REFUSAL_ORDER.find((persona) => !policyAllows(resolver.key, persona));
      assert.ok(refusedPersona, `${resolver.key} refuses none of ${REFUSAL_ORDER.join(', ')}`);
      const answer = (await suite.call(suite.ctx.users[refusedPersona], resolver.key, payload)) as Answer;
      assert.equal(answer.ok, false, `${refusedPersona} was let in`);
      if (answer.ok) return;
      assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(answer.error.code), `${refusedPersona} got ${JSON.stringify(answer.error).slice(0, 300)}`);
      assert.equal(answer.error.fields, undefined, 'a refusal carries no field messages');
      tally.resolvers += 1;

      if (resolver.input.safeParse(payload).success) return;
      tally.malformed += 1;
      const allowedPersona = SUITE_PERSONAS.find((persona) => policyAllows(resolver.key, persona) && persona !== 'clientOps' && persona !== 'outsider');
      assert.ok(allowedPersona);
      const allowed = (await suite.call(suite.ctx.users[allowedPersona], resolver.key, payload)) as Answer;
      assert.equal(!allowed.ok && allowed.error.code, 'VALIDATION', `${allowedPersona} got ${JSON.stringify(allowed).slice(0, 300)}`);
    });
  }

  test('most role-gated resolvers were sent input their schema rejects', () => {
    assert.ok(tally.malformed >= 25, `only ${tally.malformed} malformed payloads`);
  });
});

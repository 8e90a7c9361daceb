/**
 * Bad input, property-based (fast-check): every resolver of the registry gets malformed, oversized
 * and hostile payloads — arbitrary JSON, 1 MB strings, deep nesting, huge arrays, wrong types,
 * prototype-pollution keys, JQL injection in keys — from a manager, a client and a stranger.
 * A payload the resolver's schema rejects must be answered `{ ok:false, error:{ code:'VALIDATION',
 * message } }`, or — for a caller the resolver refuses, whose role is checked before the rest of the
 * input is validated (authorise-first.test.ts) — FORBIDDEN / NOT_FOUND without field messages; never
 * a crash, with nothing written (no Forge storage write, no change to Jira) and an answer of bounded
 * size (no echo of the megabyte).
 * A hostile payload the schema still accepts (an extra `__proto__` key is dropped by zod) may do
 * its normal work (the first three per resolver are run), but must not throw or pollute prototypes.
 * 30 runs per resolver.
 */
import { describe, test, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEMO_USERS } from '../../local/demo/site';
import { RESOLVERS } from '../../src/registry';
import { sampleFor, securitySuite } from './security-support';
import type { Answer } from './support';

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 30);
const MEGABYTE = 'x'.repeat(1024 * 1024);
const JQL_INJECTIONS = ['SHOP-1" OR project = OPS OR key = "x', 'SHOP-1 OR 1=1', "SHOP-1'; DROP TABLE issues; --", 'OPS-1', '../../rest/api/3/myself', 'SHOP-1\u0000', 'shop-1', ' SHOP-1 ', 'SHOP-99999999999999999999'];
const WRONG_TYPES: unknown[] = [null, 0, -1, 1e308, true, [], {}, [1, 2, 3], { nested: { deeper: 'x' } }, 'NaN', ''];

function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

/** Own `__proto__` / `constructor` keys, as JSON.parse makes them (an object literal would set the prototype instead). */
const POLLUTERS = [
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"prototype": {"polluted": "yes"}}'),
] as Record<string, unknown>[];

/** A hostile variant of the resolver's valid sample, or something that is not a payload at all. */
function hostile(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.keys(sample);
  const field = fields.length ? fc.constantFrom(...fields, 'issueKey', 'projectKey') : fc.constantFrom('issueKey', 'projectKey');
  const replace = (value: fc.Arbitrary<unknown>) => fc.tuple(field, value).map(([k, v]) => ({ ...sample, [k]: v }));
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true }),
    replace(fc.constant(MEGABYTE)),
    replace(fc.constant(deep(500))),
    replace(fc.constant(Array.from({ length: 20_000 }, (_, i) => `item-${i}`))),
    replace(fc.constantFrom(...WRONG_TYPES)),
    replace(fc.constantFrom(...JQL_INJECTIONS)),
    replace(fc.string({ unit: 'binary', maxLength: 300 })),
    fc.constantFrom(...POLLUTERS).map((p) => ({ ...sample, ...p })),
    fc.constantFrom(...POLLUTERS).chain((p) => field.map((k) => ({ ...sample, [k]: p }))),
    fc.constant(Array.from({ length: 10_000 }, () => sample)),
  );
}

const suite = securitySuite();

function assertNoPollution(where: string): void {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined, `Object.prototype was polluted by ${where}`);
  assert.equal(Object.keys(Object.prototype).length, 0, `Object.prototype gained keys after ${where}`);
}

describe('hostile payloads at every resolver', () => {
  const tally = { rejected: 0, acceptedByTheSchema: 0 };
  afterAll(() => console.log(`bad input: ${RESOLVERS.length} resolvers × ${RUNS} runs; ${tally.rejected} rejected with VALIDATION, ${tally.acceptedByTheSchema} still valid (ran normally)`));

  for (const resolver of RESOLVERS) {
    test(resolver.key, async () => {
      const sample = sampleFor(resolver.key, suite.ctx);
      let validCalls = 0;
      await fc.assert(
        fc.asyncProperty(hostile(sample), fc.constantFrom(DEMO_USERS.pm, DEMO_USERS.clientPo, DEMO_USERS.outsider), async (payload, accountId) => {
          const valid = resolver.input.safeParse(payload ?? {}).success;
          // Payloads the schema accepts do the resolver's normal (sometimes slow) work: three suffice.
          if (valid && (validCalls += 1) > 3) return;
          suite.recorder.reset();
          const answer = (await suite.call(accountId, resolver.key, payload as Record<string, unknown>)) as Answer;
          await suite.host.app.idle();
          assertNoPollution(resolver.key);
          assert.ok(answer && typeof answer === 'object' && 'ok' in answer, `not an answer: ${String(answer)}`);
          if (valid) {
            tally.acceptedByTheSchema += 1;
            return;
          }
          tally.rejected += 1;
          assert.equal(answer.ok, false, 'an invalid payload was accepted');
          if (answer.ok) return;
          if (answer.error.code !== 'VALIDATION') {
            assert.ok(['FORBIDDEN', 'NOT_FOUND'].includes(answer.error.code), JSON.stringify(answer.error).slice(0, 300));
            assert.equal(answer.error.fields, undefined, 'a refusal carries no field messages');
          }
          assert.ok(answer.error.message.length > 5 && !/\n\s+at |\.ts:\d+|TypeError|ReferenceError/.test(answer.error.message), `unclear message: ${answer.error.message.slice(0, 200)}`);
          assert.ok(JSON.stringify(answer).length < 20_000, `the answer is ${JSON.stringify(answer).length} characters: it echoes the input`);
          assert.deepEqual(suite.recorder.writes(), [], 'an invalid call wrote');
        }),
        { numRuns: RUNS, seed: 7, endOnFailure: true },
      );
    });
  }
});

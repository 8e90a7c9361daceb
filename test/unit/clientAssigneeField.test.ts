import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { ASK_STATES, parseAskProjection } from '../../src/asks/domain/clientAsk';
import { clientAssigneeDue, clientAssigneeOf, clientNameFrom, UNNAMED_CLIENT } from '../../src/asks/domain/clientAssigneeField';

const HANNAH = '61b5e8a2c7d3f4019e8b6c3a';

describe('the Client assignee field on the issue view', () => {
  const value = { client: HANNAH, state: 'question', due: '2026-12-10', round: 2 };
  const others: unknown[] = [
    null, undefined, '', 0, 'Waiting on client', [value], { client: HANNAH },
    { ...value, ask: 'Please confirm' }, { ...value, state: 'late' }, { ...value, state: 7 }, { ...value, client: '' }, { ...value, client: 42 },
    { ...value, due: '10/12/2026' }, { ...value, due: '2026-02-30' }, { ...value, due: 20261210 },
    { ...value, round: 0 }, { ...value, round: 1.5 }, { ...value, round: '2' },
  ];

  test('reads the projection Liaison writes; an empty value or any other shape is an empty field', () => {
    assert.deepEqual(clientAssigneeOf(value), value);
    for (const state of ASK_STATES) assert.deepEqual(clientAssigneeOf({ ...value, state }), { ...value, state });
    for (const other of others) assert.equal(clientAssigneeOf(other), null, JSON.stringify(other));
  });

  test('accepts exactly what the record-side parser (parseAskProjection, zod) accepts', () => {
    for (const candidate of [value, ...ASK_STATES.map((state) => ({ ...value, state })), ...others]) {
      assert.deepEqual(clientAssigneeOf(candidate), parseAskProjection(candidate), JSON.stringify(candidate));
    }
  });

  test("writes the due day in the reader's style", () => {
    assert.equal(clientAssigneeDue('2026-12-10', { locale: 'en-GB' }), 'due 10 Dec 2026');
    assert.equal(clientAssigneeDue('2026-12-10', { locale: 'en-US' }), 'due Dec 10, 2026');
    assert.equal(clientAssigneeDue('2026-12-10', { locale: 'de-DE' }), 'due 10. Dez. 2026');
  });

  test("the name is Jira's display name for the viewer; without one, a calm word instead of an account id", () => {
    assert.equal(clientNameFrom({ status: 200, body: { accountId: HANNAH, displayName: ' Hannah Becker ' } }), 'Hannah Becker');
    for (const answer of [
      { status: 404, body: { errorMessages: ['Specified user does not exist or you do not have required permissions'] } },
      { status: 403, body: null },
      { status: 0, body: null },
      { status: 200, body: null },
      { status: 200, body: 'Hannah' },
      { status: 200, body: { accountId: HANNAH } },
      { status: 200, body: { displayName: '  ' } },
      { status: 200, body: { displayName: 42 } },
    ]) {
      assert.equal(clientNameFrom(answer), UNNAMED_CLIENT, JSON.stringify(answer));
    }
  });
});

/**
 * The change-request forms' plain helpers (static/common/changes): what they send for typed
 * numbers and issue keys, how a refusal's field errors are split between the fields a form shows
 * and its notice, and whom a view was shaped for.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { issueKeysIn, numberOrUndefined, splitFieldErrors } from '../../static/common/changes/formValues';
import { CHANGE_STEPS } from '../../src/changes/domain/changeVocabulary';
import { days, formatMoney, stepAndWhenLogged } from '../../static/common/changes/words';

test('typed numbers: empty is absent, text that is no number is sent as NaN for the server to name', () => {
  assert.equal(numberOrUndefined(''), undefined);
  assert.equal(numberOrUndefined('   '), undefined);
  assert.equal(numberOrUndefined(' 4.5 '), 4.5);
  assert.equal(numberOrUndefined('0'), 0);
  assert.ok(Number.isNaN(numberOrUndefined('abc')));
});

test('issue keys typed as a list: separators, case and repeats', () => {
  assert.deepEqual(issueKeysIn('shop-12, SHOP-14;SHOP-12\nops-3  '), ['SHOP-12', 'SHOP-14', 'OPS-3']);
  assert.deepEqual(issueKeysIn(' , ; '), []);
});

test("a refusal's field errors: those under the form's paths go to the fields, the rest to the notice", () => {
  const problem = {
    code: 'VALIDATION' as const,
    message: 'Some fields need attention (4)',
    fields: { 'price.amount': 'Price cannot be negative', outcome: 'Choose one', version: 'Version is required', _: 'Reload the page' },
  };
  const { inline, elsewhere } = splitFieldErrors(problem, ['outcome', 'price']);
  assert.deepEqual(inline, { 'price.amount': 'Price cannot be negative', outcome: 'Choose one' });
  assert.deepEqual(elsewhere, ['version: Version is required', 'Reload the page']);
  // A prefix is a path segment, not a string prefix: "pricing" is not under "price".
  assert.deepEqual(splitFieldErrors({ code: 'VALIDATION', message: 'x', fields: { pricing: 'no' } }, ['price']).elsewhere, ['pricing: no']);
  // Only a validation refusal has fields to place.
  assert.deepEqual(splitFieldErrors({ code: 'CONFLICT', message: 'Oliver Grant already approved this change' }, ['outcome']), { inline: {}, elsewhere: [] });
  assert.deepEqual(splitFieldErrors(null, ['outcome']), { inline: {}, elsewhere: [] });
});

test('money and day counts', () => {
  assert.equal(formatMoney({ amount: 5200, currency: 'EUR' }), new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(5200));
  // A code Intl refuses still shows, with the amount.
  assert.match(formatMoney({ amount: 5, currency: 'E1' }), /^E1 5$/);
  assert.equal(days(1), '1 day');
  assert.equal(days(4), '4 days');
  assert.equal(days(6, 'person-day'), '6 person-days');
});

test('the step and when it was logged, each said once, for every step', () => {
  assert.equal(stepAndWhenLogged('logged', '3 Dec 2026'), 'Logged 3 Dec 2026');
  assert.equal(stepAndWhenLogged('awaiting-approval', '3 Dec 2026'), 'Awaiting approval · logged 3 Dec 2026');
  for (const step of CHANGE_STEPS) {
    const line = stepAndWhenLogged(step, '3 Dec 2026');
    assert.equal(line.toLowerCase().split('logged').length - 1, 1, `"${line}" says logged once`);
    assert.match(line, /3 Dec 2026$/);
  }
});

/**
 * The messages a person reads next to a field are in their words: what to do ("Choose a
 * severity", "Pick a date"), never the developer's rule ("must be one of: low, medium, …",
 * "YYYY-MM-DD", zod's "Invalid input: expected string").
 */
import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { AssessFields, DecideFields, RaiseFields, WithdrawFields } from '../../src/changes/domain/changeSteps';
import { AnswerInput, InfoRequestInput, SetAskInput } from '../../src/asks/domain/clientAsk';
import { RaiseFlagInput, ResolveFlagInput } from '../../src/flags/domain/flagActions';
import { fieldErrorsOf } from '../../src/platform/domain/fields';
import { HolidaySchema, ReportingSchema } from '../../src/settings/domain/settings';
import { plainMessage } from '../../src/platform/domain/zodWords';

/** Developer phrasings a person must never read (the browser scan keeps the same list). */
export const FORBIDDEN = [/must be one of/i, /YYYY-MM-DD/, /\bInvalid\b/, /\bundefined\b/, /\bnull\b/, /\bNaN\b/, /Expected (string|number|boolean|object|array)/i, /received (undefined|null|string|number)/i, /ISO 4217/];

function messages(schema: z.ZodType, input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  assert.equal(parsed.success, false, 'the input should fail');
  return fieldErrorsOf(parsed.error!.issues);
}

function assertPlain(fields: Record<string, string>): void {
  for (const [path, message] of Object.entries(fields)) for (const bad of FORBIDDEN) assert.doesNotMatch(message, bad, `${path}: ${message}`);
}

describe('field messages in the user\'s words', () => {
  test('an empty select, number and date say what to do', () => {
    const flag = messages(RaiseFlagInput, { category: '', severity: '', note: '' });
    assert.deepEqual(flag, { category: 'Choose a category', severity: 'Choose a severity', note: 'Say what the concern is' });
    assert.deepEqual(messages(ResolveFlagInput, { flagId: 'f1', resolution: ' ' }), { resolution: 'Say how it was resolved' });

    const assess = messages(z.object(AssessFields), { version: 0, effortDays: undefined, scheduleDays: Number.NaN, cost: -1, currency: '' });
    assert.equal(assess.effortDays, 'Enter the effort in person-days');
    assert.equal(assess.scheduleDays, 'Enter the days the schedule moves (0 when the dates hold)');
    assert.equal(assess.cost, 'The cost cannot be negative');
    assert.equal(assess.currency, 'Choose a currency from the list');
    assertPlain(assess);

    const decide = messages(z.object(DecideFields), { version: 0, outcome: 'paid', price: { amount: undefined, currency: undefined }, rationale: '' });
    assert.deepEqual(decide, { 'price.amount': 'Enter the price', 'price.currency': 'Choose a currency', rationale: 'Say why you decided this' });
    assert.deepEqual(messages(z.object(WithdrawFields), { version: 0, reason: '' }), { reason: 'Say why it is withdrawn' });

    assert.deepEqual(messages(SetAskInput, { client: '', ask: '', due: '' }), { client: 'Choose the client person', ask: 'Say what is asked', due: 'Pick a date from the calendar' });
    assert.deepEqual(messages(SetAskInput, { client: 'a', ask: 'b' }), { due: 'Pick a date' });
    assert.deepEqual(messages(AnswerInput, {}), { answer: 'Write your answer' });
    assert.deepEqual(messages(InfoRequestInput, { note: '' }), { note: 'Say what you need to know' });
    assert.deepEqual(messages(HolidaySchema, { date: '2026-02-30', name: 'x' }), { date: 'Pick a date from the calendar' });
    assert.deepEqual(messages(ReportingSchema, { showCostsToClient: false, currency: 'euro' }), { currency: 'Choose a currency from the list' });
  });

  test('"Summary is required" under "What do you need?" says it in the form\'s words', () => {
    assert.deepEqual(messages(z.object(RaiseFields), { summary: '   ' }), { summary: 'Say what you need' });
  });

  test("zod's own messages, where a schema gives none, are plain too", () => {
    const schema = z.object({ text: z.string(), count: z.number(), pick: z.enum(['a', 'b']), short: z.string().max(3), some: z.array(z.string()).min(1), many: z.array(z.string()).max(1), big: z.number().max(5), small: z.number().min(2), name: z.string().min(1), id: z.string().uuid(), whole: z.number().multipleOf(2), flag: z.boolean() });
    const fields = messages(schema, { text: undefined, count: 'x', pick: 'c', short: 'abcd', some: [], many: ['a', 'b'], big: 6, small: 1, name: '', id: 'x', whole: 3, flag: 'yes' });
    assert.deepEqual(fields, {
      text: 'Fill this in',
      count: 'Enter a number',
      pick: 'Choose one of the options',
      short: 'Use at most 3 characters',
      some: 'Choose at least 1',
      many: 'Choose at most 1',
      big: 'Enter 5 or less',
      small: 'Enter 2 or more',
      name: 'Fill this in',
      id: 'Check this value',
      whole: 'Enter a whole number',
      flag: 'Check this value',
    });
    assert.equal(messages(z.object({ pick: z.enum(['a']) }), {}).pick, 'Choose an option');
    assert.equal(messages(z.object({ either: z.union([z.literal('a'), z.literal('b')]) }), { either: 'c' }).either, 'Choose one of the options');
    assert.equal(messages(z.object({ set: z.set(z.string()).min(1) }), { set: new Set() }).set, 'Choose at least 1');
    assert.equal(messages(z.object({ set: z.set(z.string()).max(0) }), { set: new Set(['a']) }).set, 'Choose at most 0');
    assert.equal(plainMessage({ code: 'invalid_type', expected: 'string', input: 3 } as never), 'Check this value');
    assertPlain(fields);
  });
});

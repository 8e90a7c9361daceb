/**
 * How change requests read wherever they show (issue panel, register, portal, settings): the
 * step as a Jira lozenge, the outcome in words, money and day counts. The words themselves come
 * from the domain's vocabulary (src/changes/domain/changeVocabulary.ts), which is dependency-free.
 */
import { CHANGE_OUTCOME_LABELS, CHANGE_STEP_INFO, type ChangeOutcome, type ChangeStep, type ChangeView, type Price } from '../../../src/changes/domain/changeVocabulary';

export function stepLabel(step: ChangeStep): string {
  return CHANGE_STEP_INFO[step]?.label ?? step;
}

/**
 * The step and when the request was logged, each said once: "Logged 3 Dec 2026" while it is still
 * at Logged (the step names the date), "Awaiting approval · logged 3 Dec 2026" once it moved on.
 */
export function stepAndWhenLogged(step: ChangeStep, loggedOn: string): string {
  return step === 'logged' ? `${stepLabel(step)} ${loggedOn}` : `${stepLabel(step)} · logged ${loggedOn}`;
}

export function outcomeLabel(outcome: ChangeOutcome): string {
  return CHANGE_OUTCOME_LABELS[outcome] ?? outcome;
}

/** Short outcome words for tables ("Paid", "Unpaid", "Declined", "Withdrawn"). */
export const OUTCOME_SHORT: Readonly<Record<ChangeOutcome, string>> = { paid: 'Paid', unpaid: 'Unpaid', declined: 'Declined', withdrawn: 'Withdrawn' };

/** Atlaskit Lozenge appearances: grey while logged, blue while the team works, yellow while an approver decides, green/red/grey when decided. */
export const STEP_APPEARANCE: Readonly<Record<ChangeStep, 'default' | 'inprogress' | 'moved' | 'success' | 'removed'>> = {
  logged: 'default',
  acknowledged: 'inprogress',
  assessing: 'inprogress',
  'awaiting-approval': 'moved',
  approved: 'success',
  declined: 'removed',
  withdrawn: 'default',
  'client-informed': 'success',
};

export const OUTCOME_APPEARANCE: Readonly<Record<ChangeOutcome, 'default' | 'success' | 'removed'>> = { paid: 'success', unpaid: 'success', declined: 'removed', withdrawn: 'default' };

/** "EUR 4,800.00" in the reader's number format; an unknown currency code still shows. */
export function formatMoney(price: Price): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency }).format(price.amount);
  } catch {
    return `${price.currency} ${price.amount.toLocaleString()}`;
  }
}

/** "1 day", "2.5 days". */
export function days(n: number, unit = 'day'): string {
  return `${n.toLocaleString()} ${unit}${n === 1 ? '' : 's'}`;
}

/** Currencies offered first in the price and cost fields, after the project's default. */
export const COMMON_CURRENCIES = ['EUR', 'GBP', 'USD', 'CHF', 'SEK', 'PLN'] as const;

/** Every ISO 4217 currency the browser knows, named ("EUR · Euro"): the project's default, the common ones, then A to Z. */
export function currencyChoices(projectDefault?: string): { value: string; label: string }[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [...COMMON_CURRENCIES];
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'currency' });
  } catch {
    names = undefined;
  }
  const first = [...new Set([projectDefault, ...COMMON_CURRENCIES].filter((c): c is string => !!c && all.includes(c)))];
  const ordered = [...first, ...all.filter((c) => !first.includes(c))];
  return ordered.map((code) => ({ value: code, label: names ? `${code} · ${names.of(code) ?? code}` : code }));
}

/**
 * Light form controls, first made for the ask forms and used by every light form (issue panels,
 * the project pages' filters, the report pickers): a multi-line text box, Atlaskit's select over a
 * short list and Atlaskit's date picker, each labelled (required ones marked), with its error
 * under it until the person changes the field; and the Field and text field the other light
 * controls (changes/controls.tsx) are built from.
 */
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { lazy, Suspense, useId, useState, type ComponentProps, type CSSProperties, type ReactNode } from 'react';
import { dateStyle, formatDay, formatMonth } from '../dates';

/**
 * The server's message for a field, shown until the person changes that field: an error that
 * stays red after the value was fixed reads as if the fix did not take. A new answer (the form
 * clears its problem before each submit) shows again.
 */
export function useErrorUntilEdited(error: string | undefined, value: unknown): string | undefined {
  const key = JSON.stringify(value ?? null);
  const [seen, setSeen] = useState<{ error: string | undefined; key: string }>({ error, key });
  if (seen.error !== error) {
    setSeen({ error, key });
    return error;
  }
  return key === seen.key ? error : undefined;
}

/**
 * Required fields carry Atlaskit's asterisk and aria-required, never the native `required`: the
 * browser's bubble would stop the submit before the server's message in the form's words shows.
 *
 * A labelled control with its helper text (hidden while there is an error) and its error under it,
 * the error's element named `${id}-error` for the control's aria-describedby. `path` is the
 * server's name for the field, where its errors are keyed by path (`price.amount`).
 */
export function Field({ id, label, error, helper, path, required, children }: { id: string; label: string; error?: string; helper?: string; path?: string; required?: boolean; children: ReactNode }) {
  return (
    <div data-field-path={path} style={{ marginBottom: token('space.150', '12px'), minWidth: 0 }}>
      <Label htmlFor={id}>
        {label}
        {required ? <RequiredAsterisk /> : null}
      </Label>
      {children}
      {helper && !error ? <HelperMessage>{helper}</HelperMessage> : null}
      {error ? (
        <div id={`${id}-error`} data-field-error={path ?? label}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      ) : null}
    </div>
  );
}

/** Atlaskit's text field inside a Field: invalid, and described by the Field's error, while there is one. */
export function FieldTextfield({ id, error, onChange, ...rest }: { id: string; error?: string; onChange: (value: string) => void } & Omit<ComponentProps<typeof Textfield>, 'id' | 'onChange' | 'isInvalid'>) {
  return (
    <Textfield
      {...rest}
      id={id}
      isInvalid={!!error}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      onChange={(event) => onChange((event.target as HTMLInputElement).value)}
    />
  );
}

/** The native text box and select in Jira's input colours; a thicker red border while invalid. */
export const inputBoxStyle = (invalid: boolean): CSSProperties => ({
  width: '100%',
  boxSizing: 'border-box',
  font: token('font.body', '14px/20px sans-serif'),
  color: token('color.text', '#172B4D'),
  background: token('color.background.input', '#FFFFFF'),
  border: `${invalid ? 2 : 1}px solid ${invalid ? token('color.border.danger', '#E2483D') : token('color.border.input', '#8590A2')}`,
  borderRadius: token('radius.small', '3px'),
  padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`,
});

export function TextArea({ label, value, onChange, error: serverError, rows = 4, maxLength, placeholder, required }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  rows?: number;
  maxLength?: number;
  placeholder?: string;
  required?: boolean;
}) {
  const id = useId();
  const error = useErrorUntilEdited(serverError, value);
  return (
    <Field id={id} label={label} error={error} required={required}>
      <textarea
        id={id}
        aria-required={required || undefined}
        value={value}
        rows={rows}
        maxLength={maxLength}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        style={{ ...inputBoxStyle(!!error), resize: 'vertical' }}
      />
    </Field>
  );
}

interface Choice {
  value: string;
  label: string;
}

/**
 * Atlaskit's select over a short list. `placeholder` names the empty choice ("Everyone"): with it
 * the empty value is an option the person can go back to; without it the select starts empty.
 */
export function ChoiceSelect({ label, value, options, onChange, error: serverError, placeholder, required, width, path }: {
  label: string;
  /** The server's name for the field (its errors are keyed by it). */
  path?: string;
  value: string;
  options: Choice[];
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  required?: boolean;
  width?: number | string;
}) {
  const id = useId();
  const error = useErrorUntilEdited(serverError, value);
  const choices: Choice[] = placeholder !== undefined && !required ? [{ value: '', label: placeholder }, ...options] : options;
  const selected = choices.find((option) => option.value === value) ?? null;
  return (
    <Field id={id} label={label} error={error} required={required} path={path}>
      <div style={{ width: width ?? '100%', minWidth: 0 }}>
        <Select<Choice>
          inputId={id}
          options={choices}
          value={selected}
          placeholder={placeholder ?? 'Choose…'}
          isInvalid={!!error}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-required={required}
          onChange={(option) => onChange(option?.value ?? '')}
          menuPortalTarget={document.body}
          styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
        />
      </div>
    </Field>
  );
}

// The calendar loads on demand: it weighs as much as a panel, and most screens show no date field.
const DatePicker = lazy(() => import('@atlaskit/datetime-picker').then((m) => ({ default: m.DatePicker })));

/** A day to show in the picker's placeholder, in the user's style. */
const EXAMPLE_DAY = '2026-12-31';

/** Accepts what the person types in their own format ("10/12/2026" in en-GB) and ISO ("2026-12-10"). */
function parseTyped(text: string): Date {
  const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (iso) return new Date(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  const numbers = text.match(/\d+/g)?.map(Number) ?? [];
  // "10 Dec 2026" or "Dec 10, 2026", as the picker shows days: the browser reads month names.
  if (numbers.length !== 3) return /[a-z]/i.test(text) ? new Date(text) : new Date(Number.NaN);
  // The locale's order of day, month and year, read off a known date.
  const order = new Intl.DateTimeFormat(dateStyle().locale, { day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date(2001, 10, 22))
    .filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year')
    .map((p) => p.type);
  const at = (type: string) => numbers[order.indexOf(type as 'day')];
  const year = at('year') < 100 ? 2000 + at('year') : at('year');
  const date = new Date(year, at('month') - 1, at('day'));
  return date.getDate() === at('day') ? date : new Date(Number.NaN);
}

/**
 * Atlaskit's date picker showing the day in the user's date style ("10 Dec 2026"); the value is
 * always a calendar day written YYYY-MM-DD, which is what the server receives.
 */
export function DayPicker({ id, value, onChange, error, min, required, readOnly, describedBy }: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  min?: string;
  required?: boolean;
  readOnly?: boolean;
  describedBy?: string;
}) {
  return (
    <Suspense fallback={<Textfield id={id} value={value ? formatDay(value) : ''} isReadOnly aria-busy />}>
    <DatePicker
      id={id}
      value={value}
      onChange={onChange}
      locale={dateStyle().locale}
      formatDisplayLabel={(day: string) => formatDay(day)}
      parseInputValue={parseTyped}
      placeholder={`e.g. ${formatDay(EXAMPLE_DAY)}`}
      minDate={min}
      isInvalid={!!error}
      aria-required={required || undefined}
      isDisabled={readOnly}
      aria-describedby={describedBy}
      selectProps={{ menuPortalTarget: document.body, styles: { menuPortal: (base: CSSProperties) => ({ ...base, zIndex: 9999 }) } } as never}
    />
    </Suspense>
  );
}

/** Months from a year before to a year after `around` (YYYY-MM), newest first. */
function monthChoices(around: string): Choice[] {
  const [y, m] = (around || new Date().toISOString().slice(0, 7)).split('-').map(Number);
  const out: Choice[] = [];
  for (let offset = 12; offset >= -12; offset--) {
    const d = new Date(Date.UTC(y, m - 1 + offset, 1));
    const month = d.toISOString().slice(0, 7);
    out.push({ value: month, label: formatMonth(month) });
  }
  return out;
}

/** A day (YYYY-MM-DD) in Atlaskit's date picker, or with `type="month"` a month (YYYY-MM) from a list. */
export function DateInput({ label, value, onChange, error: serverError, min, type = 'date', required }: { label: string; value: string; onChange: (value: string) => void; error?: string; min?: string; type?: 'date' | 'month'; required?: boolean }) {
  const id = useId();
  const [around] = useState(value);
  const error = useErrorUntilEdited(serverError, value);
  if (type === 'month') return <ChoiceSelect label={label} value={value} options={monthChoices(around)} onChange={onChange} error={error} required={required} width={220} />;
  return (
    <Field id={id} label={label} error={error} required={required}>
      <div style={{ maxWidth: 220 }}>
        <DayPicker id={id} value={value} onChange={onChange} error={error} min={min} required={required} describedBy={error ? `${id}-error` : undefined} />
      </div>
    </Field>
  );
}

/**
 * Light form controls, first made for the ask forms and used by every light form (issue panels,
 * the project pages' filters, the report pickers): a multi-line text box, a select over a short
 * list and a date input, each labelled, with its error under it; and the Field and text field the
 * other light controls (changes/controls.tsx) are built from. Native elements in Jira's colours
 * keep the issue panel's bundle small (Atlaskit's select and date picker each weigh more than the panel).
 */
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useId, type ComponentProps, type CSSProperties, type ReactNode } from 'react';

/**
 * A labelled control with its helper text (hidden while there is an error) and its error under it,
 * the error's element named `${id}-error` for the control's aria-describedby. `path` is the
 * server's name for the field, where its errors are keyed by path (`price.amount`).
 */
export function Field({ id, label, error, helper, path, children }: { id: string; label: string; error?: string; helper?: string; path?: string; children: ReactNode }) {
  return (
    <div data-field-path={path} style={{ marginBottom: token('space.150', '12px'), minWidth: 0 }}>
      <Label htmlFor={id}>{label}</Label>
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

export function TextArea({ label, value, onChange, error, rows = 4, maxLength, placeholder }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  rows?: number;
  maxLength?: number;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <Field id={id} label={label} error={error}>
      <textarea
        id={id}
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

export function ChoiceSelect({ label, value, options, onChange, error, placeholder }: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
}) {
  const id = useId();
  return (
    <Field id={id} label={label} error={error}>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        style={{ ...inputBoxStyle(!!error), height: 40 }}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A day (YYYY-MM-DD), or with `type="month"` a month (YYYY-MM), in the browser's own picker. */
export function DateInput({ label, value, onChange, error, min, type = 'date' }: { label: string; value: string; onChange: (value: string) => void; error?: string; min?: string; type?: 'date' | 'month' }) {
  const id = useId();
  return (
    <Field id={id} label={label} error={error}>
      <div style={{ maxWidth: 220 }}>
        <FieldTextfield id={id} type={type} value={value} min={min} error={error} onChange={onChange} />
      </div>
    </Field>
  );
}

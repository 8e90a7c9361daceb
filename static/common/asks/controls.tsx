/**
 * Light form controls for the ask forms: a multi-line text box, a select over a short list and a
 * date input, each labelled, with its error under it. Native elements in Jira's colours keep the
 * issue panel's bundle small (Atlaskit's select and date picker each weigh more than the panel).
 */
import { ErrorMessage, Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useId, type CSSProperties, type ReactNode } from 'react';

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: token('space.150', '12px') }}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <div id={`${id}-error`} data-field-error={label}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      ) : null}
    </div>
  );
}

const boxStyle = (invalid: boolean): CSSProperties => ({
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
        style={{ ...boxStyle(!!error), resize: 'vertical' }}
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
        style={{ ...boxStyle(!!error), height: 40 }}
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

export function DateInput({ label, value, onChange, error, min }: { label: string; value: string; onChange: (value: string) => void; error?: string; min?: string }) {
  const id = useId();
  return (
    <Field id={id} label={label} error={error}>
      <div style={{ maxWidth: 220 }}>
        <Textfield
          id={id}
          type="date"
          value={value}
          min={min}
          isInvalid={!!error}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange((event.target as HTMLInputElement).value)}
        />
      </div>
    </Field>
  );
}

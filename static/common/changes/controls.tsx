/**
 * Form pieces of the change-request forms: a number field, a currency select (the ISO 4217
 * codes, the project's default first), a text field, and the notice that a change was refused.
 * Each labelled, with its error under it (until the field is changed) and pointed at by
 * aria-describedby (the server answers field errors keyed by path: `price.amount`, `notes.0.text`).
 */
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useId, type ReactNode } from 'react';
import { ChoiceSelect, Field, FieldTextfield, useErrorUntilEdited } from '../asks/controls';
import type { ErrorBody } from '../bridge';
import { currencyChoices } from './words';

export { numberOrUndefined, splitFieldErrors } from './formValues';

interface InputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  helper?: string;
  /** The server's name for the field (its errors are keyed by it). */
  path?: string;
  width?: number | string;
  required?: boolean;
}

/** A number typed as text in the form (so a half-typed "2." survives); the form converts it on submit. */
export function NumberInput({ label, value, onChange, error: serverError, helper, path, width = 160, min = 0, step = 'any', required }: InputProps & { min?: number; step?: string }) {
  const id = useId();
  const error = useErrorUntilEdited(serverError, value);
  return (
    <Field id={id} label={label} error={error} helper={helper} path={path} required={required}>
      <div style={{ width }}>
        <FieldTextfield id={id} type="number" inputMode="decimal" min={min} step={step} value={value} error={error} onChange={onChange} aria-required={required || undefined} />
      </div>
    </Field>
  );
}

export function TextInput({ label, value, onChange, error: serverError, helper, path, width = '100%', maxLength, placeholder, required }: InputProps & { maxLength?: number; placeholder?: string }) {
  const id = useId();
  const error = useErrorUntilEdited(serverError, value);
  return (
    <Field id={id} label={label} error={error} helper={helper} path={path} required={required}>
      <div style={{ width }}>
        <FieldTextfield id={id} value={value} maxLength={maxLength} placeholder={placeholder} error={error} onChange={onChange} aria-required={required || undefined} />
      </div>
    </Field>
  );
}

/** A select of the ISO 4217 currencies ("EUR · Euro"), the project's default and the common ones first. */
export function CurrencyInput({ label, value, onChange, error, required, projectDefault, path }: InputProps & { projectDefault?: string }) {
  return <ChoiceSelect label={label} path={path} value={value} options={currencyChoices(projectDefault)} onChange={onChange} error={error} required={required} width={220} placeholder="Choose a currency" />;
}

/** A row of fields that wraps on a narrow panel. */
export function Row({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: token('space.200', '16px'), alignItems: 'flex-start' }}>{children}</div>;
}

/**
 * A refused change: nothing was written. With field errors shown at their fields it only says so
 * (a screen reader hears it; the fields carry the detail); otherwise it gives the server's message,
 * e.g. a workflow rule's refusal or someone else's decision that came first.
 */
export function RefusedNotice({ problem, inlineCount, elsewhere, onReload, title = 'Nothing was changed' }: { problem: ErrorBody; inlineCount: number; elsewhere: string[]; onReload?: () => void; title?: string }) {
  // A conflict (a workflow rule, a step taken meanwhile, another approver first) is a warning: reloading shows where things stand.
  const conflict = problem.code === 'CONFLICT';
  return (
    <div role="alert" data-testid="change-refused" data-code={problem.code} style={{ marginBottom: token('space.150', '12px') }}>
      <SectionMessage
        appearance={conflict ? 'warning' : 'error'}
        title={title}
        actions={conflict && onReload ? [<SectionMessageAction key="reload" onClick={onReload}>Reload</SectionMessageAction>] : []}
      >
        {inlineCount > 0 && elsewhere.length === 0 ? (
          <p>{inlineCount === 1 ? 'One field needs attention' : `${inlineCount} fields need attention`}: see the messages next to them.</p>
        ) : (
          <>
            <p>{problem.message}</p>
            {elsewhere.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: token('space.250', '20px') }}>
                {elsewhere.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </SectionMessage>
    </div>
  );
}

/**
 * Labelled form controls with inline error messages. Errors come from the server keyed by path
 * (`communicationPlan.clientContacts.0.timeZone`); each control shows the one for its own path
 * and points at it with aria-describedby.
 */
import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import Select, { CreatableSelect } from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useId, type ReactNode } from 'react';
import type { FieldErrors } from '../../src/platform/domain/errors';
import { DayPicker, useErrorUntilEdited } from './asks/controls';
import { visuallyHidden } from './visuallyHidden';

export type { FieldErrors };

/** Messages for a path and everything under it (`roleMapping.team` also shows `roleMapping.team.1`). */
export function errorsAt(errors: FieldErrors | undefined, path: string): string[] {
  if (!errors) return [];
  return Object.entries(errors)
    .filter(([key]) => key === path || key.startsWith(`${path}.`))
    .map(([, message]) => message);
}

/** What every labelled control takes besides its value. */
interface LabelProps {
  /** The visible label, short ("Name", "Time zone"). */
  label: string;
  /**
   * Read only by screen readers after the label, to say which item of a repeated list the field
   * belongs to (" of contact 2", " (meeting 1)"): the card around the field says it visually.
   */
  labelSuffix?: string;
  /** The server's path for this field (`communicationPlan.meetings.0.time`): the error summary finds the field by it. */
  path?: string;
  /** Marked with Atlaskit's required indicator. */
  required?: boolean;
}

/** The server's messages for a field until the person changes it (see useErrorUntilEdited). */
function useErrorsUntilEdited(errors: string[], value: unknown): string[] {
  return useErrorUntilEdited(errors.length > 0 ? errors.join(' ') : undefined, value) === undefined ? [] : errors;
}

interface ShellProps extends LabelProps {
  id: string;
  errors: string[];
  helper?: string;
  children: ReactNode;
  /** Hide the label visually (tables whose column header names the field); screen readers still read it. */
  compact?: boolean;
}

export function FieldShell({ id, label, labelSuffix, path, errors, helper, children, compact, required }: ShellProps) {
  const suffix = labelSuffix ? <span style={visuallyHidden}>{labelSuffix}</span> : null;
  return (
    <div data-field-path={path} style={{ marginBottom: compact ? 0 : token('space.150', '12px'), minWidth: 0 }}>
      {compact ? (
        <label htmlFor={id} style={visuallyHidden}>
          {label}
          {labelSuffix}
        </label>
      ) : (
        <Label htmlFor={id}>
          {label}
          {suffix}
          {required ? <RequiredAsterisk /> : null}
        </Label>
      )}
      {children}
      {helper && !compact ? <HelperMessage>{helper}</HelperMessage> : null}
      {errors.length > 0 ? (
        <div id={`${id}-error`} data-field-error={id}>
          <ErrorMessage>{errors.join(' ')}</ErrorMessage>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Invisible room exactly as tall as a field's label, so a button beside fields lines up with their
 * inputs however tall their error messages grow below. It labels nothing and is hidden from screen readers.
 */
export function LabelSpacer() {
  return (
    <div aria-hidden="true" style={{ visibility: 'hidden' }}>
      <Label htmlFor="">{'\u00a0'}</Label>
    </div>
  );
}

interface TextProps extends LabelProps {
  value: string;
  onChange?: (value: string) => void;
  errors?: string[];
  helper?: string;
  type?: 'text' | 'time' | 'date' | 'number';
  placeholder?: string;
  readOnly?: boolean;
  compact?: boolean;
  width?: number | string;
}

/** Wide enough for a time in the browser's own format, 24-hour ("17:30") or 12-hour ("05:30 PM"), with its clock button. */
const TIME_MIN_WIDTH = '8rem';

export function TextInput({ label, labelSuffix, path, value, onChange, errors: serverErrors = [], helper, type = 'text', placeholder, readOnly, compact, width, required }: TextProps) {
  const id = useId();
  const errors = useErrorsUntilEdited(serverErrors, value);
  return (
    <FieldShell id={id} label={label} labelSuffix={labelSuffix} path={path} errors={errors} helper={helper} compact={compact} required={required}>
      <div style={{ width: width ?? '100%', minWidth: type === 'time' ? TIME_MIN_WIDTH : undefined }}>
        {type === 'date' ? (
          <DayPicker id={id} value={value} onChange={(day) => onChange?.(day)} error={errors.length > 0 ? errors.join(' ') : undefined} readOnly={readOnly} required={required} describedBy={errors.length > 0 ? `${id}-error` : undefined} />
        ) : (
        <Textfield
          id={id}
          type={type}
          value={value}
          placeholder={placeholder}
          isReadOnly={readOnly}
          isInvalid={errors.length > 0}
          aria-invalid={errors.length > 0}
          aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
          onChange={(event) => onChange?.((event.target as HTMLInputElement).value)}
          isCompact={compact}
          aria-required={required || undefined}
        />
        )}
      </div>
    </FieldShell>
  );
}

export interface Option<V extends string = string> {
  label: string;
  value: V;
}

interface SelectProps<V extends string> extends LabelProps {
  value: V | undefined;
  options: readonly Option<V>[];
  onChange?: (value: V) => void;
  errors?: string[];
  helper?: string;
  readOnly?: boolean;
  compact?: boolean;
  width?: number | string;
}

/**
 * A single select. Its name comes from the <label htmlFor> on the select's input (`inputId`); its value,
 * which react-select shows in a separate element and not in the input, is the input's accessible
 * description: Atlaskit points `aria-describedby` at that element and appends it to ours (the error).
 */
export function SelectInput<V extends string>({ label, labelSuffix, path, value, options, onChange, errors: serverErrors = [], helper, readOnly, compact, width, required }: SelectProps<V>) {
  const id = useId();
  const errors = useErrorsUntilEdited(serverErrors, value);
  const selected = options.find((option) => option.value === value) ?? (value ? { label: value, value } : null);
  return (
    <FieldShell id={id} label={label} labelSuffix={labelSuffix} path={path} errors={errors} helper={helper} compact={compact} required={required}>
      <div style={{ width: width ?? '100%' }}>
        <Select<Option<V>>
          inputId={id}
          options={options as Option<V>[]}
          value={selected}
          isDisabled={readOnly}
          isInvalid={errors.length > 0}
          aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
          spacing={compact ? 'compact' : 'default'}
          onChange={(option) => option && onChange?.(option.value)}
          menuPortalTarget={document.body}
          styles={{
            menuPortal: (base) => ({ ...base, zIndex: 9999 }),
            // Read-only (disabled) selects keep their value legible, like the read-only text fields beside them.
            singleValue: (base) => (readOnly ? { ...base, color: token('color.text', '#172B4D') } : base),
          }}
        />
      </div>
    </FieldShell>
  );
}

interface MultiProps extends LabelProps {
  values: string[];
  options: readonly Option[];
  onChange?: (values: string[]) => void;
  errors?: string[];
  helper?: string;
  readOnly?: boolean;
  /** Let the person type names that are not in the options (the admin page has no project to list roles from). */
  creatable?: boolean;
}

export function MultiSelectInput({ label, labelSuffix, path, values, options, onChange, errors: serverErrors = [], helper, readOnly, creatable }: MultiProps) {
  const id = useId();
  const errors = useErrorsUntilEdited(serverErrors, values);
  const byValue = new Map(options.map((option) => [option.value.toLowerCase(), option]));
  // With a list to choose from, a value outside it is flagged; typed values (creatable) have no list to be outside of.
  const selected = values.map((value) => byValue.get(value.toLowerCase()) ?? { label: creatable ? value : `${value} (not a role in this project)`, value });
  const common = {
    inputId: id,
    isMulti: true as const,
    options: options as Option[],
    value: selected,
    isDisabled: readOnly,
    isInvalid: errors.length > 0,
    'aria-describedby': errors.length > 0 ? `${id}-error` : undefined,
    onChange: (chosen: readonly Option[] | null) => onChange?.((chosen ?? []).map((option) => option.value)),
    placeholder: creatable ? 'Type a Jira role name and press Enter' : 'Choose Jira roles',
  };
  return (
    <FieldShell id={id} label={label} labelSuffix={labelSuffix} path={path} errors={errors} helper={helper}>
      {creatable ? (
        <CreatableSelect<Option, true> {...common} formatCreateLabel={(input: string) => `Add role "${input}"`} getNewOptionData={(input: string) => ({ label: input, value: input })} />
      ) : (
        <Select<Option, true> {...common} />
      )}
    </FieldShell>
  );
}

interface CheckboxGroupProps<V extends string> {
  legend: string;
  values: readonly V[];
  options: readonly Option<V>[];
  onChange?: (values: V[]) => void;
  errors?: string[];
  readOnly?: boolean;
  /** The server's path for the list (the error summary moves focus to its first checkbox). */
  path?: string;
}

/** Native checkboxes in a fieldset: keyboard-usable and labelled, in Jira's colours. */
export function CheckboxGroup<V extends string>({ legend, values, options, onChange, errors: serverErrors = [], readOnly, path }: CheckboxGroupProps<V>) {
  const id = useId();
  const errors = useErrorsUntilEdited(serverErrors, values);
  const toggle = (value: V, checked: boolean) => {
    const next = checked ? [...values, value] : values.filter((v) => v !== value);
    // Keep the options' order, whatever order they were ticked in.
    onChange?.(options.map((o) => o.value).filter((v) => next.includes(v)));
  };
  return (
    <fieldset data-field-path={path} aria-describedby={errors.length > 0 ? `${id}-error` : undefined} style={{ border: 0, padding: 0, margin: `0 0 ${token('space.150', '12px')} 0` }}>
      <legend style={{ font: token('font.body.small', '12px/16px sans-serif'), fontWeight: 600, color: token('color.text.subtle', '#44546F'), marginBottom: token('space.050', '4px') }}>{legend}</legend>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200', '16px') }}>
        {options.map((option) => (
          <label key={option.value} style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.050', '4px'), color: token('color.text', '#172B4D') }}>
            <input
              type="checkbox"
              checked={values.includes(option.value)}
              disabled={readOnly}
              onChange={(event) => toggle(option.value, event.target.checked)}
              style={{ accentColor: token('color.background.selected.bold', '#0C66E4'), width: 16, height: 16 }}
            />
            {option.label}
          </label>
        ))}
      </div>
      {errors.length > 0 ? (
        <div id={`${id}-error`}>
          <ErrorMessage>{errors.join(' ')}</ErrorMessage>
        </div>
      ) : null}
    </fieldset>
  );
}

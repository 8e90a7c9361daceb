/**
 * A switch in the settings form: a checkbox with its label, the server's errors for it, and, while
 * the draft differs from what is saved, a note saying what saving will do.
 */
import { token } from '@atlaskit/tokens';
import { useId } from 'react';

export function SettingSwitch({ label, checked, saved, readOnly, errors = [], pendingNote, onChange }: {
  label: string;
  checked: boolean;
  /** Whether it is on in the saved settings. */
  saved: boolean;
  readOnly: boolean;
  errors?: string[];
  /** Shown while `checked` differs from `saved`. */
  pendingNote: string;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={readOnly}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
          onChange={(event) => onChange(event.target.checked)}
          style={{ width: 16, height: 16, accentColor: token('color.background.brand.bold', '#0C66E4') }}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {errors.length > 0 ? (
        <p id={`${id}-error`} role="alert" style={{ color: token('color.text.danger', '#AE2E24'), margin: `${token('space.100', '8px')} 0 0` }}>
          {errors.join(' ')}
        </p>
      ) : null}
      {checked !== saved ? <p style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.100', '8px')} 0 0` }}>{pendingNote}</p> : null}
    </>
  );
}

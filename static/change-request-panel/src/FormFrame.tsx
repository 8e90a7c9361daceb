/**
 * A change-request form: a named form that takes focus as it opens, closes on Escape and gives
 * focus back to what opened it (common/inlineForm.ts), its fields, then its buttons — one or more submit actions and Cancel, all
 * held while the change is being saved.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { type ReactNode } from 'react';
import { useInlineForm } from '../../common/inlineForm';

export interface FormAction {
  label: string;
  onClick: () => void;
  primary?: boolean;
  /** Shows the spinner on this button while saving. */
  loading?: boolean;
}

export function FormFrame({ label, description, actions, busy, onCancel, children, testId }: {
  label: string;
  description?: ReactNode;
  actions: FormAction[];
  busy: boolean;
  onCancel: () => void;
  children: ReactNode;
  testId: string;
}) {
  const { ref, onKeyDown } = useInlineForm<HTMLFormElement>(onCancel, busy);
  const [first] = actions;
  return (
    <form
      ref={ref}
      aria-label={label}
      data-testid={testId}
      onSubmit={(event) => {
        // Enter in a field does what the first action does.
        event.preventDefault();
        if (!busy) first.onClick();
      }}
      onKeyDown={onKeyDown}
      style={{ marginTop: token('space.200', '16px'), padding: token('space.150', '12px'), border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.medium', '6px') }}
    >
      <h3 style={{ font: token('font.heading.xsmall', '600 14px/20px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` }}>{label}</h3>
      {description ? <div style={{ color: token('color.text.subtle', '#44546F'), marginBottom: token('space.150', '12px') }}>{description}</div> : null}
      {children}
      <div style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap', marginTop: token('space.100', '8px') }}>
        {actions.map((action, i) => (
          <Button
            key={action.label}
            type={i === 0 ? 'submit' : 'button'}
            appearance={action.primary ? 'primary' : 'default'}
            isLoading={busy && action.loading}
            isDisabled={busy && !action.loading}
            onClick={i === 0 ? undefined : action.onClick}
          >
            {action.label}
          </Button>
        ))}
        <Button appearance="subtle" isDisabled={busy} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

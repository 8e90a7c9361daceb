/** The outcome of a save, shown above the form: field errors to fix, a conflict, or a failure. */
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useEffect, useRef } from 'react';
import type { ErrorBody } from './bridge';

export function SaveProblem({ error, onReload }: { error: ErrorBody; onReload: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // Move focus to the message so keyboard and screen-reader users learn the save did not happen.
  useEffect(() => ref.current?.focus(), [error]);
  if (error.code === 'VALIDATION') {
    const messages = Object.entries(error.fields ?? {});
    return (
      <div ref={ref} tabIndex={-1} data-testid="save-validation" style={{ outline: 'none', marginBottom: 16 }}>
        <SectionMessage appearance="error" title={`Nothing was saved: ${messages.length === 1 ? 'one field needs' : `${messages.length} fields need`} attention`}>
          <ul>
            {messages.map(([path, message]) => (
              <li key={path}>
                {message} <span style={{ color: 'var(--ds-text-subtlest, #626F86)' }}>({readablePath(path)})</span>
              </li>
            ))}
          </ul>
        </SectionMessage>
      </div>
    );
  }
  if (error.code === 'CONFLICT') {
    return (
      <div ref={ref} tabIndex={-1} data-testid="save-conflict" style={{ outline: 'none', marginBottom: 16 }}>
        <SectionMessage appearance="warning" title="Someone else saved first" actions={[<SectionMessageAction key="reload" onClick={onReload}>Reload the latest settings</SectionMessageAction>]}>
          <p>{error.message}</p>
          <p>Your changes are still in the form; reloading replaces them with the saved settings.</p>
        </SectionMessage>
      </div>
    );
  }
  return (
    <div ref={ref} tabIndex={-1} data-testid="save-error" style={{ outline: 'none', marginBottom: 16 }}>
      <SectionMessage appearance="error" title={error.code === 'FORBIDDEN' ? 'You cannot save these settings' : 'The settings could not be saved'}>
        <p>{error.message}</p>
      </SectionMessage>
    </div>
  );
}

/** `communicationPlan.clientContacts.0.timeZone` -> `client contacts 1 > time zone`. */
export function readablePath(path: string): string {
  return path
    .split('.')
    .filter((part) => part !== 'communicationPlan')
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part.replace(/([A-Z])/g, ' $1').toLowerCase()))
    .join(' > ');
}

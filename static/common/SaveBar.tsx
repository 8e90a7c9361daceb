/** A settings form's Save and Discard buttons, and the outcome of a save shown above the form. */
import Button from '@atlaskit/button/new';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef } from 'react';
import type { ErrorBody } from './bridge';
import { summaryLine } from './settings/fieldNames';

/** Save, and Discard (back to the saved settings); both wait while a save is under way. */
export function SaveButtons({ saveLabel, saving, onSave, onDiscard }: { saveLabel: string; saving: boolean; onSave: () => void; onDiscard: () => void }) {
  return (
    <div style={{ display: 'flex', gap: token('space.100', '8px'), marginTop: token('space.300', '24px') }}>
      <Button appearance="primary" isLoading={saving} onClick={onSave}>
        {saveLabel}
      </Button>
      <Button appearance="subtle" isDisabled={saving} onClick={onDiscard}>
        Discard changes
      </Button>
    </div>
  );
}

/** The outcome of a save: field errors to fix, a conflict, or a failure. */
export function SaveProblem({ error, onReload }: { error: ErrorBody; onReload: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  // Move focus to the message so keyboard and screen-reader users learn the save did not happen.
  useEffect(() => ref.current?.focus(), [error]);
  if (error.code === 'VALIDATION') {
    const messages = Object.entries(error.fields ?? {});
    return (
      <div ref={ref} tabIndex={-1} data-testid="save-validation" style={{ outline: 'none', marginBottom: 16 }}>
        <SectionMessage appearance="error" title={`Nothing was saved: ${messages.length === 1 ? 'one field needs' : `${messages.length} fields need`} attention`}>
          <ul style={{ margin: 0, paddingLeft: token('space.250', '20px') }}>
            {messages.map(([path, message]) => (
              <li key={path}>
                {path === '_' ? (
                  summaryLine(path, message)
                ) : (
                  <button type="button" onClick={() => focusField(path)} style={linkStyle}>
                    {summaryLine(path, message)}
                  </button>
                )}
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

/** A button that reads as a link: it goes to the field, it changes nothing. */
const linkStyle = {
  background: 'none',
  border: 0,
  padding: 0,
  font: 'inherit',
  textAlign: 'left' as const,
  color: token('color.link', '#0C66E4'),
  textDecoration: 'underline',
  cursor: 'pointer',
};

/**
 * Moves focus to the control for a server path: the field marked with that path (`data-field-path`),
 * else the nearest marked parent (a list item, the list). Returns whether something took focus.
 */
export function focusField(path: string, root: ParentNode = document): boolean {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const marked = root.querySelector<HTMLElement>(`[data-field-path="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    if (!marked) continue;
    const target = marked.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select') ?? marked.querySelector<HTMLElement>('button') ?? marked;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    return document.activeElement === target;
  }
  return false;
}

/** The states every page shows the same way: loading, an error, a refusal, an empty list, a failed action. */
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { PortalLink } from './PortalLink';
import type { CSSProperties, ReactNode } from 'react';
import type { Answer, ErrorBody } from './bridge';

/** A page's view as it loads: the server may refuse the caller (FORBIDDEN) or fail. */
export type PageLoad<View> = { state: 'loading' } | { state: 'refused'; message: string } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; view: View };

/** The page's state after the server answered its read: the view, a refusal (FORBIDDEN), or the failure. */
export function pageLoadOf<View>(answer: Answer<View>): PageLoad<View> {
  if (answer.ok) return { state: 'loaded', view: answer.data };
  if (answer.error.code === 'FORBIDDEN') return { state: 'refused', message: answer.error.message };
  return { state: 'failed', error: answer.error };
}

/** What a page shows until its view is loaded: a spinner, the refusal alone, or the error with a retry; nothing once loaded. */
export function PagePending<View>({ load, loadingLabel, onRetry }: { load: PageLoad<View>; loadingLabel: string; onRetry: () => void }) {
  if (load.state === 'loading') return <Loading label={loadingLabel} />;
  if (load.state === 'refused') return <Refusal title={load.message} />;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={onRetry} />;
  return null;
}

export function Loading({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), padding: token('space.300', '24px') }}>
      <Spinner size="medium" label={label} />
      <span style={{ color: token('color.text.subtle', '#44546F') }}>{label}</span>
    </div>
  );
}

export function ErrorNotice({ error, onRetry }: { error: ErrorBody; onRetry?: () => void }) {
  return (
    <SectionMessage
      appearance="error"
      title="Something went wrong"
      actions={onRetry ? [<SectionMessageAction key="retry" onClick={onRetry}>Try again</SectionMessageAction>] : []}
    >
      <p>{error.message}</p>
    </SectionMessage>
  );
}

/** A refusal from the server, shown with nothing else (the page holds no data it was not given), and the way to the person's portal. */
export function Refusal({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div data-testid="refusal">
      <SectionMessage appearance="warning" title={title}>
        {children ?? (
          <p>
            Your asks, change requests and published reports are in <PortalLink />. Ask a manager of this project or a Jira administrator if you think you should have access here.
          </p>
        )}
      </SectionMessage>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div data-testid="empty-state" style={{ padding: token('space.400', '32px'), textAlign: 'center', color: token('color.text.subtle', '#44546F') }}>
      <h2 style={{ font: token('font.heading.small', 'bold 16px/20px sans-serif'), color: token('color.text', '#172B4D'), marginBottom: token('space.100', '8px') }}>{title}</h2>
      {children}
    </div>
  );
}

/** An action that did not happen (an export, a publish), announced where it was asked for; nothing without an error. */
export function ActionFailed({ title, error, style }: { title: string; error: ErrorBody | null; style?: CSSProperties }) {
  if (!error) return null;
  return (
    <div role="alert" style={style}>
      <SectionMessage appearance="error" title={title}>
        <p>{error.message}</p>
      </SectionMessage>
    </div>
  );
}

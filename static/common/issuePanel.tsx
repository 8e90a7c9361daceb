/**
 * What the issue panels (Client ask, Red flags) share: finding the issue they are on and loading
 * their view for it, what they show until it is ready, and the pieces around a change — the form
 * with its Submit and Cancel buttons, the refusal of a change, and the warnings of a saved one.
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { callResolver, type ErrorBody } from './bridge';
import { getContext, refresh } from './forge';
import { useInlineForm } from './inlineForm';
import { useLatestAnswer } from './latestAnswer';
import { ErrorNotice, Loading } from './states';

export type PanelLoad<View> = { state: 'loading' } | { state: 'none'; message: string } | { state: 'failed'; error: ErrorBody } | { state: 'ready'; view: View };

export interface IssuePanel<View> {
  /** The issue the panel is on, once Forge's context said so. */
  issueKey: string | null;
  load: PanelLoad<View>;
  /** Shows a view the server answered a change with: no read started before it replaces it. */
  setView(view: View): void;
  /** Reads the view again from `resolverKey`. */
  reload(issueKey: string): Promise<void>;
}

/**
 * After a change to the issue's status or fields, asks Jira to show them around the panel:
 * `view.refresh()` fetches the issue view's data again without reloading the page. Where Jira
 * cannot refresh the view it answers "not refreshable"; the panel already shows its own new
 * state, so that is no failure of the change.
 */
export async function refreshIssueView(): Promise<void> {
  try {
    await refresh();
  } catch {
    // Not refreshable here (see above).
  }
}

/**
 * The issue the panel is on and its view, read from `resolverKey` with `{ issueKey }`. A refusal
 * or an issue the caller may not see is `none`, with the server's message: a client sees only
 * what concerns them, and for anything else the panel just says there is none.
 */
export function useIssuePanel<View>(resolverKey: string): IssuePanel<View> {
  const [issueKey, setIssueKey] = useState<string | null>(null);
  const [load, setLoad] = useState<PanelLoad<View>>({ state: 'loading' });
  const latest = useLatestAnswer();

  const reload = useCallback(
    async (key: string) => {
      const turn = latest.read();
      const answer = await callResolver<View>(resolverKey, { issueKey: key });
      if (!turn.claim()) return;
      if (answer.ok) setLoad({ state: 'ready', view: answer.data });
      else if (answer.error.code === 'FORBIDDEN' || answer.error.code === 'NOT_FOUND') setLoad({ state: 'none', message: answer.error.message });
      else setLoad({ state: 'failed', error: answer.error });
    },
    [resolverKey, latest],
  );

  useEffect(() => {
    getContext()
      .then((context) => {
        const key = (context.extension as { issue?: { key?: string } }).issue?.key;
        if (!key) throw new Error('Jira did not say which issue this panel is on');
        setIssueKey(key);
        return reload(key);
      })
      .catch((error: unknown) => setLoad({ state: 'failed', error: { code: 'UPSTREAM', message: error instanceof Error ? error.message : String(error) } }));
  }, [reload]);

  // The panels call it once a change's answer has arrived: the write's turn starts and ends there.
  const setView = useCallback((view: View) => {
    if (latest.write().claim()) setLoad({ state: 'ready', view });
  }, [latest]);
  return { issueKey, load, setView, reload };
}

/** What a panel shows until its view is ready: a spinner, the server's "none" message, or the error with a retry. */
export function PanelPending<View>({ panel, loadingLabel, noneTestId }: { panel: IssuePanel<View>; loadingLabel: string; noneTestId: string }) {
  const { issueKey, load } = panel;
  if (load.state === 'loading' || !issueKey) return <Loading label={loadingLabel} />;
  if (load.state === 'none') return <p data-testid={noneTestId} style={{ margin: token('space.100', '8px'), color: token('color.text.subtle', '#44546F') }}>{load.message}</p>;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void panel.reload(issueKey)} />;
  return null;
}

/** A panel's form: its fields, then Submit and Cancel, both held while the change is being saved; focus as useInlineForm says. */
export function PanelForm({ label, submitLabel, busy, onSubmit, onCancel, style, children }: {
  label: string;
  submitLabel: ReactNode;
  busy: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  style?: CSSProperties;
  children: ReactNode;
}) {
  const { ref, onKeyDown } = useInlineForm<HTMLFormElement>(onCancel, busy);
  return (
    <form
      ref={ref}
      aria-label={label}
      style={style}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
        <Button type="submit" appearance="primary" isLoading={busy}>
          {submitLabel}
        </Button>
        <Button appearance="subtle" isDisabled={busy} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/**
 * The server refused a change: nothing was written (a conflict is a warning, anything else an
 * error). `title` says it for what the form makes ("The flag was not raised"); a change to
 * something that exists reads "Nothing was changed".
 */
export function NothingChanged({ problem, title = 'Nothing was changed' }: { problem: ErrorBody; title?: string }) {
  return (
    <div role="alert" style={{ marginBottom: token('space.150', '12px') }}>
      <SectionMessage appearance={problem.code === 'CONFLICT' ? 'warning' : 'error'} title={title}>
        <p>{problem.message}</p>
      </SectionMessage>
    </div>
  );
}

/** What went wrong after a change was saved (the change stands); nothing when all went well. */
export function SavedWithProblems({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <div style={{ marginBottom: token('space.150', '12px') }}>
      <SectionMessage appearance="warning" title="Saved, with a problem">
        {warnings.map((w) => (
          <p key={w}>{w}</p>
        ))}
      </SectionMessage>
    </div>
  );
}

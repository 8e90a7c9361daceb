/**
 * The Reports page's two dialogs — confirming a publish (saying who will see it), and writing the
 * report to a Confluence page (space key and title, then the link to the page) — opened through
 * Forge's modal (`Modal` from @forge/bridge) on this same resource. Jira draws the modal over the
 * whole page where the user is; a dialog drawn inside the page's frame would sit at the top of a
 * frame as tall as the report, off screen. The page saves the report before opening either dialog,
 * and the dialog does its one call itself and closes with what the page needs to show.
 */
import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ReportAudience, ReportPeriod, ReportSnapshot } from '../../../src/reports/domain/model';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { close, Modal } from '../../common/forge';
import { AUDIENCE_LABELS, periodText } from '../../common/reports/api';
import { ActionFailed } from '../../common/states';

/** What the page puts in the modal's context (`extension.modal` in the dialog's getContext()). */
export type ReportDialogContext =
  | { dialog: 'publish'; projectKey: string; reportId: string; version: number; audience: ReportAudience; period: ReportPeriod }
  | { dialog: 'confluence'; projectKey: string; reportId: string; defaultTitle: string };

/** What a dialog closes with: the published snapshot, or nothing (cancelled, or the page was written). */
export type ReportDialogResult = { published: ReportSnapshot } | undefined;

export const DIALOG_TITLES = { publish: 'Publish this report?', confluence: 'Export to a Confluence page' } as const;

/** Opens a dialog in Forge's modal; resolves once it has closed, with what it closed with. */
export function openReportDialog(context: ReportDialogContext): Promise<ReportDialogResult> {
  return new Promise((resolve, reject) => {
    new Modal({
      size: context.dialog === 'publish' ? 'small' : 'medium',
      title: DIALOG_TITLES[context.dialog],
      context,
      onClose: (payload: ReportDialogResult) => resolve(payload),
    })
      .open()
      .catch(reject);
  });
}

/** The modal's content, chosen by the context the page passed. */
export function ReportDialog({ context }: { context: ReportDialogContext }) {
  return context.dialog === 'publish' ? <PublishDialog context={context} /> : <ConfluenceDialog context={context} />;
}

function Footer({ children }: { children: ReactNode }) {
  return <div style={{ display: 'flex', justifyContent: 'flex-end', gap: token('space.100', '8px'), flexWrap: 'wrap', marginTop: token('space.300', '24px') }}>{children}</div>;
}

function PublishDialog({ context }: { context: Extract<ReportDialogContext, { dialog: 'publish' }> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  const publish = async () => {
    setBusy(true);
    setError(null);
    const answer = await callResolver<ReportSnapshot>('reports.publish', { projectKey: context.projectKey, reportId: context.reportId, version: context.version });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    await close({ published: answer.data } satisfies ReportDialogResult);
  };
  return (
    <div data-testid="publish-dialog" aria-label={DIALOG_TITLES.publish} role="group" style={{ padding: `0 ${token('space.200', '16px')} ${token('space.200', '16px')}`, color: token('color.text', '#172B4D') }}>
      <p style={{ margin: 0 }}>
        The {AUDIENCE_LABELS[context.audience].toLowerCase()} report for {periodText(context.period)} becomes a fixed snapshot that everyone in the project can read
        {context.audience === 'client' ? ', and the client sees it in their Liaison portal.' : '.'}
      </p>
      <ActionFailed title="It was not published" error={error} style={{ marginTop: token('space.150', '12px') }} />
      <Footer>
        <Button appearance="subtle" onClick={() => void close()} isDisabled={busy}>
          Cancel
        </Button>
        <Button ref={confirm} appearance="primary" onClick={() => void publish()} isLoading={busy}>
          {context.audience === 'client' ? 'Publish to the client' : 'Publish'}
        </Button>
      </Footer>
    </div>
  );
}

function ConfluenceDialog({ context }: { context: Extract<ReportDialogContext, { dialog: 'confluence' }> }) {
  const [spaceKey, setSpaceKey] = useState('');
  const [title, setTitle] = useState(context.defaultTitle);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const spaceId = useId();
  const titleId = useId();
  const spaceError = error?.code === 'VALIDATION' ? error.fields?.spaceKey : undefined;
  const titleError = error?.code === 'VALIDATION' ? error.fields?.title : undefined;
  const write = async () => {
    setBusy(true);
    setError(null);
    setUrl(null);
    const answer = await callResolver<{ url: string }>('reports.toConfluence', { projectKey: context.projectKey, reportId: context.reportId, spaceKey: spaceKey.trim(), ...(title.trim() ? { title: title.trim() } : {}) });
    setBusy(false);
    if (answer.ok) setUrl(answer.data.url);
    else setError(answer.error);
  };
  return (
    <form
      aria-label={DIALOG_TITLES.confluence}
      data-testid="confluence-dialog"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void write();
      }}
      style={{ padding: `0 ${token('space.200', '16px')} ${token('space.200', '16px')}`, color: token('color.text', '#172B4D') }}
    >
      <p style={{ margin: `0 0 ${token('space.150', '12px')}` }}>Liaison writes the saved report (with its narrative) as a new page in the space.</p>
      <Label htmlFor={spaceId}>Space key</Label>
      <Textfield id={spaceId} autoFocus value={spaceKey} isRequired isInvalid={!!spaceError} aria-invalid={spaceError ? true : undefined} onChange={(e) => setSpaceKey((e.target as HTMLInputElement).value)} placeholder="e.g. SHOP" />
      {spaceError ? <ErrorMessage>{spaceError}</ErrorMessage> : null}
      <div style={{ height: token('space.150', '12px') }} />
      <Label htmlFor={titleId}>Page title</Label>
      <Textfield id={titleId} value={title} isInvalid={!!titleError} aria-invalid={titleError ? true : undefined} onChange={(e) => setTitle((e.target as HTMLInputElement).value)} />
      {titleError ? <ErrorMessage>{titleError}</ErrorMessage> : null}
      <ActionFailed title="The page was not written" error={spaceError || titleError ? null : error} style={{ marginTop: token('space.150', '12px') }} />
      {url ? (
        <div role="status" style={{ marginTop: token('space.150', '12px') }}>
          <SectionMessage appearance="success" title="The Confluence page is written">
            <p>
              <a href={url} target="_blank" rel="noreferrer" data-testid="confluence-link">
                Open the page in Confluence
              </a>
            </p>
          </SectionMessage>
        </div>
      ) : null}
      <Footer>
        <Button appearance="subtle" onClick={() => void close()} isDisabled={busy}>
          {url ? 'Close' : 'Cancel'}
        </Button>
        {url ? null : (
          <Button appearance="primary" type="submit" isLoading={busy}>
            Write the page
          </Button>
        )}
      </Footer>
    </form>
  );
}

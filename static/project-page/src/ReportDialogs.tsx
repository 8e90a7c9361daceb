/**
 * The Reports page's two dialogs: confirming a publish (saying who will see it), and writing the
 * report to a Confluence page (space key and title, then the link to the page).
 */
import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import type { ReportAudience, ReportPeriod } from '../../../src/domain/report/model';
import type { ErrorBody } from '../../common/bridge';
import { AUDIENCE_LABELS, periodText } from '../../common/reports/api';
import { ActionFailed } from '../../common/states';

export function PublishDialog({ open, audience, period, unsaved, busy, error, onConfirm, onClose }: {
  open: boolean;
  audience: ReportAudience;
  period: ReportPeriod;
  unsaved: boolean;
  busy: boolean;
  error: ErrorBody | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ModalTransition>
      {open ? (
        <Modal onClose={busy ? () => undefined : onClose} width="small" label="Publish this report" testId="publish-dialog">
          <ModalHeader>
            <ModalTitle>Publish this report?</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <p>
              The {AUDIENCE_LABELS[audience].toLowerCase()} report for {periodText(period)} becomes a fixed snapshot that everyone in the project can read
              {audience === 'client' ? ', and the client sees it in their Liaison portal.' : '.'}
            </p>
            {unsaved ? <p>Your unsaved changes are saved first.</p> : null}
            <ActionFailed title="It was not published" error={error} style={{ marginTop: token('space.150', '12px') }} />
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onClose} isDisabled={busy}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={onConfirm} isLoading={busy}>
              {audience === 'client' ? 'Publish to the client' : 'Publish'}
            </Button>
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}

export function ConfluenceDialog({ open, defaultTitle, busy, error, url, onCreate, onClose }: {
  open: boolean;
  defaultTitle: string;
  busy: boolean;
  error: ErrorBody | null;
  url: string | null;
  onCreate: (spaceKey: string, title: string) => void;
  onClose: () => void;
}) {
  const [spaceKey, setSpaceKey] = useState('');
  const [title, setTitle] = useState(defaultTitle);
  const spaceId = useId();
  const titleId = useId();
  const spaceError = error?.code === 'VALIDATION' ? error.fields?.spaceKey : undefined;
  const titleError = error?.code === 'VALIDATION' ? error.fields?.title : undefined;
  return (
    <ModalTransition>
      {open ? (
        <Modal onClose={busy ? () => undefined : onClose} width="medium" label="Export to a Confluence page" testId="confluence-dialog">
          <form
            aria-label="Export to a Confluence page"
            onSubmit={(event) => {
              event.preventDefault();
              onCreate(spaceKey.trim(), title.trim());
            }}
          >
            <ModalHeader>
              <ModalTitle>Export to a Confluence page</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <p style={{ marginBottom: token('space.150', '12px') }}>Liaison writes the saved report (with its narrative) as a new page in the space.</p>
              <Label htmlFor={spaceId}>Space key</Label>
              <Textfield id={spaceId} value={spaceKey} isRequired isInvalid={!!spaceError} aria-invalid={spaceError ? true : undefined} onChange={(e) => setSpaceKey((e.target as HTMLInputElement).value)} placeholder="e.g. SHOP" />
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
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={onClose} isDisabled={busy}>
                {url ? 'Close' : 'Cancel'}
              </Button>
              {url ? null : (
                <Button appearance="primary" type="submit" isLoading={busy}>
                  Write the page
                </Button>
              )}
            </ModalFooter>
          </form>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}

/**
 * Telling the client the outcome: the server drafts the message from the decision (client-safe:
 * the outcome, the price of a paid change, the schedule impact, never internal notes), the manager
 * or approver edits it, and sending it posts it on the issue as a comment the client can read,
 * notifies the requester and moves the change request to Client informed.
 */
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import { CHANGE_LIMITS } from '../../../src/changes/domain/changeVocabulary';
import { DateInput, TextArea } from '../../common/asks/controls';
import { daysFromToday } from '../../common/asks/format';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { Loading } from '../../common/states';
import { FormFrame } from './FormFrame';
import type { FormProps } from './formProps';

export function InformForm({ view, busy, problem, run, onCancel }: FormProps) {
  const [message, setMessage] = useState<string | null>(null);
  // A paid change's price goes to the client to accept or decline by a deadline (a week by default).
  const paid = view.decision?.outcome === 'paid';
  const today = new Date().toISOString().slice(0, 10);
  const [deadline, setDeadline] = useState(daysFromToday(today, 7));
  const [draftError, setDraftError] = useState<ErrorBody | null>(null);

  useEffect(() => {
    let live = true;
    void callResolver<{ message: string }>('changes.draftMessage', { issueKey: view.issueKey }).then((answer) => {
      if (!live) return;
      if (answer.ok) setMessage(answer.data.message);
      else {
        // Without a draft the person can still write the message themselves.
        setDraftError(answer.error);
        setMessage('');
      }
    });
    return () => {
      live = false;
    };
  }, [view.issueKey]);

  if (message === null) return <Loading label="Drafting the message to the client" />;
  return (
    <FormFrame
      label="Tell the client"
      testId="inform-form"
      description={
        paid
          ? `The message is posted on ${view.issueKey} as a comment ${view.requestedBy.displayName} can read, and Jira notifies them. They accept or decline the price in Liaison by the deadline; then it moves on (accepted) or back to the approver (declined).`
          : `The message is posted on ${view.issueKey} as a comment ${view.requestedBy.displayName} can read, and Jira notifies them.`
      }
      busy={busy}
      onCancel={onCancel}
      actions={[{ label: paid ? 'Send the price to the client' : 'Send to the client', onClick: () => void run('changes.inform', { message, ...(paid ? { deadline } : {}) }, paid ? 'The price was sent to the client' : 'The client was told'), primary: true, loading: true }]}
    >
      {draftError ? (
        <div style={{ marginBottom: 12 }}>
          <SectionMessage appearance="warning" title="No draft this time">
            <p>{draftError.message} Write the message below.</p>
          </SectionMessage>
        </div>
      ) : null}
      <TextArea required label="Message to the client" value={message} onChange={setMessage} error={problem?.fields?.message} rows={8} maxLength={CHANGE_LIMITS.message} />
      {paid ? <DateInput label="The client may accept the price until" value={deadline} min={today} onChange={setDeadline} error={problem?.fields?.deadline} /> : null}
    </FormFrame>
  );
}

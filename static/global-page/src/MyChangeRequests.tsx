/**
 * Change requests in the Liaison portal, per project: "Raise a change request" (a summary and a
 * description; the team is bound to acknowledge it) and the change requests the person may see —
 * for a client only their own, with the part of the assessment marked for them (schedule impact,
 * notes to the client), the decision with the price of a paid change, and the team's message.
 * All of it is what `changes.mine` answers (first through portal.home): the server leaves internal
 * parts out of a client's view.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import { CHANGE_LIMITS, type ChangeView, type MyChanges } from '../../../src/changes/domain/changeVocabulary';
import { TextArea } from '../../common/asks/controls';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { AssessmentDetails, ChangeStatus, ClientMessage, DecisionDetails } from '../../common/changes/ChangeDetails';
import { RefusedNotice, splitFieldErrors, TextInput } from '../../common/changes/controls';
import { changeConversation, PriceOffer } from '../../common/changes/PriceOffer';
import { Conversation } from '../../common/Conversation';
import { showFlag } from '../../common/forge';
import { EmptyState, ErrorNotice, Loading } from '../../common/states';
import { useInlineForm } from '../../common/inlineForm';

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; view: MyChanges };

/**
 * `initial`: the change requests portal.home already sent (the home is one call); asked for again
 * (changes.mine) only after a raise or a withdrawal, or when the home could not read them.
 */
export function MyChangeRequests({ initial }: { initial?: MyChanges | null }) {
  const [load, setLoad] = useState<Load>(initial ? { state: 'loaded', view: initial } : { state: 'loading' });
  // Each raise, withdrawal and price answer reads the list again: only the latest read may set it.
  const latest = useLatestAnswer();
  const fetchChanges = useCallback(async () => {
    const turn = latest.read();
    const answer = await callResolver<MyChanges>('changes.mine');
    if (turn.claim()) setLoad(answer.ok ? { state: 'loaded', view: answer.data } : { state: 'failed', error: answer.error });
  }, [latest]);
  useEffect(() => {
    if (!initial) void fetchChanges();
  }, [fetchChanges, initial]);

  if (load.state === 'loading') return <Loading label="Loading your change requests" />;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void fetchChanges()} />;
  const { projects } = load.view;
  if (projects.length === 0) return null;

  return (
    <section aria-labelledby="my-changes-heading" data-testid="my-changes" style={{ margin: `${token('space.200', '16px')} 0 ${token('space.400', '32px')}` }}>
      <Heading size="medium" as="h2" id="my-changes-heading">
        Change requests
      </Heading>
      {projects.map((project) => (
        <ProjectChanges key={project.projectKey} projectKey={project.projectKey} projectName={project.projectName} changes={project.changes} onChanged={() => void fetchChanges()} />
      ))}
    </section>
  );
}

function ProjectChanges({ projectKey, projectName, changes, onChanged }: { projectKey: string; projectName: string; changes: ChangeView[]; onChanged: () => void }) {
  const [raising, setRaising] = useState(false);
  const headingId = `changes-${projectKey}`;
  return (
    <div data-testid={`my-changes-${projectKey}`} aria-labelledby={headingId} role="region" style={{ marginTop: token('space.200', '16px') }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <h3 id={headingId} style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: 0 }}>
          {projectName} <span style={{ color: token('color.text.subtlest', '#626F86'), fontWeight: 400 }}>({projectKey})</span>
        </h3>
        {raising ? null : (
          // A price waiting for the client's answer is their next step here; raising another request is not.
          <Button appearance={changes.some((change) => change.can.respondToPrice) ? 'default' : 'primary'} onClick={() => setRaising(true)}>
            Raise a change request<span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}> in {projectName}</span>
          </Button>
        )}
      </div>
      {raising ? (
        <RaiseForm
          projectKey={projectKey}
          projectName={projectName}
          onCancel={() => setRaising(false)}
          onRaised={(issueKey) => {
            setRaising(false);
            showFlag({ id: `liaison-raised-${issueKey}`, title: `Change request ${issueKey} raised`, description: 'The team has been told and will acknowledge it.', type: 'success', appearance: 'success', isAutoDismiss: true });
            onChanged();
          }}
        />
      ) : null}
      {changes.length === 0 ? (
        <EmptyState title="No change requests yet">
          <p>When you need something the project did not plan for, raise a change request: the team assesses it and tells you the outcome.</p>
        </EmptyState>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: `${token('space.150', '12px')} 0 0`, display: 'grid', gap: token('space.150', '12px') }}>
          {changes.map((change) => (
            <ChangeCard key={change.issueKey} change={change} onChanged={onChanged} />
          ))}
        </ul>
      )}
    </div>
  );
}

function RaiseForm({ projectKey, projectName, onCancel, onRaised }: { projectKey: string; projectName: string; onCancel: () => void; onRaised: (issueKey: string) => void }) {
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const { ref, onKeyDown } = useInlineForm<HTMLFormElement>(onCancel, busy);

  const send = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await callResolver<{ issueKey: string }>('changes.raise', { projectKey, summary, description });
    setBusy(false);
    if (answer.ok) onRaised(answer.data.issueKey);
    else setProblem(answer.error);
  };
  const { inline, elsewhere } = splitFieldErrors(problem, ['summary', 'description']);

  return (
    <form
      ref={ref}
      aria-label={`Raise a change request in ${projectName}`}
      data-testid={`raise-change-${projectKey}`}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void send();
      }}
      style={{ ...card, marginTop: token('space.150', '12px') }}
    >
      {problem ? <RefusedNotice problem={problem} inlineCount={Object.keys(inline).length} elsewhere={elsewhere} title="The change request was not sent" /> : null}
      <TextInput required label="What do you need?" path="summary" value={summary} onChange={setSummary} maxLength={CHANGE_LIMITS.summary} error={inline.summary} placeholder="e.g. Add Klarna as a payment option at checkout" />
      <TextArea label="Details (why, by when, anything the team should know)" value={description} onChange={setDescription} error={inline.description} rows={5} maxLength={CHANGE_LIMITS.description} />
      <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
        <Button type="submit" appearance="primary" isLoading={busy}>
          Raise change request
        </Button>
        <Button appearance="subtle" isDisabled={busy} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function ChangeCard({ change: given, onChanged }: { change: ChangeView; onChanged: () => void }) {
  // The card shows the server's latest answer for it (a message or an answer to the price) until the list is read again.
  const [latest, setLatest] = useState<ChangeView | null>(null);
  const change = latest && latest.version >= given.version ? latest : given;
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const headingId = `change-${change.issueKey}`;
  // The portal's cards speak to the requester; a team member sees the team's words (and the internal parts the server sent them).
  const { viewer } = change;

  const withdraw = async () => {
    setBusy(true);
    setProblem(null);
    const answer = await callResolver<ChangeView>('changes.withdraw', { issueKey: change.issueKey, version: change.version, reason });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error);
    setWithdrawing(false);
    showFlag({ id: `liaison-withdrawn-${change.issueKey}`, title: `${change.issueKey} withdrawn`, type: 'success', appearance: 'success', isAutoDismiss: true });
    onChanged();
  };
  const { inline, elsewhere } = splitFieldErrors(problem, ['reason']);

  return (
    <li aria-labelledby={headingId} data-testid={`my-change-${change.issueKey}`} data-step={change.step} style={card}>
      <h4 id={headingId} style={{ font: token('font.heading.xsmall', '600 14px/20px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` }}>
        {change.issueKey} · {change.summary}
      </h4>
      <ChangeStatus view={change} viewer={viewer} />
      {change.description ? <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: `${token('space.100', '8px')} 0 0` }}>{change.description}</p> : null}
      <AssessmentDetails view={change} viewer={viewer} />
      <DecisionDetails view={change} />
      <ClientMessage view={change} viewer={viewer} />
      <PriceOffer
        view={change}
        onAnswered={(next) => {
          setLatest(next);
          const accepted = next.priceOffer?.state === 'accepted';
          showFlag({ id: `liaison-price-${change.issueKey}-${Date.now()}`, title: accepted ? 'Price accepted' : 'Price declined', description: accepted ? 'The team has been told and will plan the work.' : 'The team has been told and will decide again.', type: 'success', appearance: 'success', isAutoDismiss: true });
        }}
      />
      <Conversation<ChangeView>
        testId={`conversation-${change.issueKey}`}
        messages={changeConversation(change)}
        canPost={change.can.post}
        resolver="changes.post"
        payload={{ issueKey: change.issueKey }}
        replyLabel={viewer === 'client' ? 'Write to the team' : `Write to ${change.requestedBy.displayName}`}
        sendLabel="Send message"
        onSent={(next) => setLatest(next)}
      />
      {problem ? <div style={{ marginTop: token('space.100', '8px') }}><RefusedNotice problem={problem} inlineCount={Object.keys(inline).length} elsewhere={elsewhere} onReload={onChanged} /></div> : null}
      {change.can.withdraw && !withdrawing ? (
        <div style={{ marginTop: token('space.150', '12px') }}>
          <Button appearance="subtle" onClick={() => setWithdrawing(true)}>
            Withdraw<span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}> {change.issueKey}</span>
          </Button>
        </div>
      ) : null}
      {withdrawing ? (
        <WithdrawForm issueKey={change.issueKey} reason={reason} onReason={setReason} error={inline.reason} busy={busy} onSubmit={() => void withdraw()} onCancel={() => setWithdrawing(false)} />
      ) : null}
    </li>
  );
}

/** The portal's "Withdraw" form under a change request's card. */
function WithdrawForm({ issueKey, reason, onReason, error, busy, onSubmit, onCancel }: { issueKey: string; reason: string; onReason: (value: string) => void; error?: string; busy: boolean; onSubmit: () => void; onCancel: () => void }) {
  const { ref, onKeyDown } = useInlineForm<HTMLFormElement>(onCancel, busy);
  return (
    <form
      ref={ref}
      aria-label={`Withdraw ${issueKey}`}
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) onSubmit();
      }}
      style={{ marginTop: token('space.150', '12px') }}
    >
      <TextArea required label="Why you withdraw it" value={reason} onChange={onReason} error={error} rows={2} maxLength={CHANGE_LIMITS.reason} />
      <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
        <Button type="submit" appearance="primary" isLoading={busy}>
          Withdraw change request
        </Button>
        <Button appearance="subtle" isDisabled={busy} onClick={onCancel}>
          Keep it
        </Button>
      </div>
    </form>
  );
}

const card = {
  border: `1px solid ${token('color.border', '#091E4224')}`,
  borderRadius: token('radius.large', '8px'),
  padding: token('space.200', '16px'),
  background: token('elevation.surface.raised', '#FFFFFF'),
};

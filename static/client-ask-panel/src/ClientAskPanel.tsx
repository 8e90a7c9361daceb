/**
 * The "Client ask" issue panel. The team sets an ask for a person in the project's client role
 * (what, by when), edits it while it waits, and accepts, re-asks or withdraws it once answered; the
 * named client answers it or says they need more information. Everything the panel shows and
 * offers comes from `asks.get`; every step is decided again by the server.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { AskPanelView, AskWriteAnswer } from '../../../src/asks/resolvers/asks';
import { AskHistoryList } from '../../common/asks/AskHistoryList';
import { AskSummary } from '../../common/asks/AskSummary';
import { ClientReply } from '../../common/asks/ClientReply';
import { ChoiceSelect, DateInput, TextArea } from '../../common/asks/controls';
import { askConversation, daysFromToday, nameOf } from '../../common/asks/format';
import { Conversation } from '../../common/Conversation';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { showFlag } from '../../common/forge';
import { NothingChanged, PanelForm, PanelPending, refreshIssueView, SavedWithProblems, useIssuePanel } from '../../common/issuePanel';

type Form = { kind: 'set'; client: string; ask: string; due: string } | { kind: 're-ask'; ask: string; due: string };

export function ClientAskPanel() {
  const panel = useIssuePanel<AskPanelView>('asks.get');
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);

  // A client sees only asks addressed to them: for anyone else's, the panel just says there is none.
  const { issueKey, load } = panel;
  if (load.state !== 'ready' || !issueKey) return <PanelPending panel={panel} loadingLabel="Loading the client ask" noneTestId="no-ask-for-you" />;
  const { view } = load;
  const { ask } = view;

  const applied = (data: AskWriteAnswer, title: string) => {
    panel.setView(data);
    setForm(null);
    setProblem(null);
    setWarnings(data.warnings);
    // The Client assignee field beside the panel changed: Jira shows its new value.
    void refreshIssueView();
    showFlag({ id: `liaison-ask-${Date.now()}`, title, description: data.notified ? 'Jira sent a notification.' : 'No notification was sent.', type: 'success', appearance: 'success', isAutoDismiss: true });
  };

  const run = async (key: string, payload: Record<string, unknown>, title: string) => {
    setBusy(key);
    setProblem(null);
    const answer = await callResolver<AskWriteAnswer>(key, { issueKey, ...payload });
    setBusy(null);
    if (answer.ok) applied(answer.data, title);
    else setProblem(answer.error);
  };

  const submitForm = () => {
    if (!form) return;
    if (form.kind === 'set') void run('asks.set', { client: form.client, ask: form.ask, due: form.due }, ask?.state === 'waiting' || ask?.state === 'question' ? 'Ask changed' : 'Client asked');
    else void run('asks.reAsk', { due: form.due, ...(form.ask.trim() ? { ask: form.ask } : {}) }, 'Asked again');
  };

  const fieldError = (name: string) => (problem?.code === 'VALIDATION' ? problem.fields?.[name] : undefined);
  const clientOptions = view.clients.map((id) => ({ value: id, label: nameOf(view.names, id) }));
  if (form?.kind === 'set' && form.client && !view.clients.includes(form.client)) clientOptions.push({ value: form.client, label: `${nameOf(view.names, form.client)} (not in the client role)` });

  return (
    <div data-testid="client-ask-panel" style={{ padding: token('space.100', '8px'), color: token('color.text', '#172B4D') }}>
      {problem && !(problem.code === 'VALIDATION' && form && Object.keys(problem.fields ?? {}).length > 0) ? <NothingChanged problem={problem} title={form?.kind === 'set' && !ask ? 'The client was not asked' : undefined} /> : null}
      <SavedWithProblems warnings={warnings} />

      {ask ? <AskSummary ask={ask} timing={view.timing} names={view.names} viewer={view.viewer} /> : view.viewer === 'team' && !form ? <p data-testid="no-ask" style={{ margin: 0 }}>Nothing is asked of the client on this issue.</p> : null}

      {form ? (
        <PanelForm
          label={form.kind === 'set' ? (ask?.state === 'waiting' || ask?.state === 'question' ? 'Change the ask' : 'Ask the client') : 'Ask again'}
          style={{ marginTop: token('space.200', '16px') }}
          submitLabel={form.kind === 'set' ? (ask?.state === 'waiting' || ask?.state === 'question' ? 'Save changes' : 'Ask the client') : 'Ask again'}
          busy={busy !== null}
          onSubmit={submitForm}
          onCancel={() => { setForm(null); setProblem(null); }}
        >
          {form.kind === 'set' ? (
            <ChoiceSelect
              label="Client person"
              required
              value={form.client}
              options={clientOptions}
              placeholder={clientOptions.length ? 'Choose who owes it' : "Nobody is in this project's client role"}
              onChange={(client) => setForm({ ...form, client })}
              error={fieldError('client')}
            />
          ) : null}
          <TextArea
            required={form.kind === 'set'}
            label={form.kind === 'set' ? 'What is asked' : 'What is asked now (leave empty to keep the ask)'}
            value={form.ask}
            onChange={(text) => setForm({ ...form, ask: text })}
            error={fieldError('ask')}
            maxLength={1000}
            placeholder="e.g. Confirm the delivery zones and their shipping prices"
          />
          <DateInput label="Due date" required value={form.due} min={view.today} onChange={(due) => setForm({ ...form, due })} error={fieldError('due')} />
        </PanelForm>
      ) : (
        <TeamActions view={view} busy={busy} onForm={setForm} onRun={run} />
      )}

      {view.can.answer ? (
        <div style={{ marginTop: token('space.200', '16px') }}>
          <ClientReply<AskWriteAnswer> issueKey={issueKey} onDone={(data, what) => applied(data, what === 'answered' ? 'Answer sent' : 'Question sent to the team')} />
        </div>
      ) : null}

      {ask ? (
        <Conversation<AskWriteAnswer>
          messages={askConversation(view.history, view.names)}
          canPost={view.can.post}
          resolver="asks.post"
          payload={{ issueKey }}
          replyLabel={view.viewer === 'team' ? (ask.state === 'question' ? 'Reply to the question' : 'Write to the client') : 'Write to the team'}
          sendLabel={view.viewer === 'team' && ask.state === 'question' ? 'Send reply' : 'Send message'}
          onSent={(data) => applied(data, view.viewer === 'team' && ask.state === 'question' ? 'Reply sent: the ask waits on the client again' : 'Message sent')}
        />
      ) : null}

      {view.history.length > 0 ? (
        <section aria-labelledby="ask-history-heading" style={{ marginTop: token('space.300', '24px') }}>
          <h3 id="ask-history-heading" style={{ font: token('font.heading.xxsmall', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), margin: `0 0 ${token('space.050', '4px')}` }}>
            History
          </h3>
          <AskHistoryList history={view.history} names={view.names} dropped={view.dropped} />
        </section>
      ) : null}
    </div>
  );
}

function TeamActions({ view, busy, onForm, onRun }: {
  view: AskPanelView;
  busy: string | null;
  onForm: (form: Form) => void;
  onRun: (key: string, payload: Record<string, unknown>, title: string) => Promise<void>;
}) {
  const { ask, can } = view;
  if (view.viewer !== 'team') return null;
  const closed = !ask || ask.state === 'accepted' || ask.state === 'withdrawn';
  return (
    <div style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap', marginTop: token('space.150', '12px') }}>
      {can.set ? (
        <Button
          appearance={closed ? 'primary' : 'default'}
          onClick={() =>
            onForm(
              closed
                ? { kind: 'set', client: view.clients.length === 1 ? view.clients[0] : '', ask: '', due: daysFromToday(view.today, 7) }
                : { kind: 'set', client: ask!.client, ask: ask!.ask, due: ask!.due },
            )
          }
        >
          {closed ? (ask ? 'Ask the client again' : 'Ask the client') : 'Edit ask'}
        </Button>
      ) : null}
      {can.accept ? (
        <Button appearance="primary" isLoading={busy === 'asks.accept'} isDisabled={busy !== null && busy !== 'asks.accept'} onClick={() => void onRun('asks.accept', {}, 'Answer accepted')}>
          Accept answer
        </Button>
      ) : null}
      {can.reAsk ? (
        <Button isDisabled={busy !== null} onClick={() => onForm({ kind: 're-ask', ask: '', due: daysFromToday(view.today, 5) })}>
          Re-ask
        </Button>
      ) : null}
      {can.withdraw ? (
        <Button appearance="subtle" isLoading={busy === 'asks.withdraw'} isDisabled={busy !== null && busy !== 'asks.withdraw'} onClick={() => void onRun('asks.withdraw', {}, 'Ask withdrawn')}>
          Withdraw ask
        </Button>
      ) : null}
    </div>
  );
}

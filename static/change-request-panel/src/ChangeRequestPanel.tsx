/**
 * The "Change request" issue panel. The team acknowledges and assesses a change request (effort,
 * schedule impact, cost, scope, notes internal or visible to the client) and submits it for
 * approval; an approver approves it (paid with a price, or unpaid) or declines it; a manager or
 * approver drafts the message to the client and sends it; the team links or creates the work that
 * implements an approved change. What the panel shows and offers comes from `changes.get`; every
 * step is decided again by the server and by the Jira workflow's rules, whose refusals show here.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useRef, useState } from 'react';
import type { ChangeView } from '../../../src/changes/domain/changeVocabulary';
import { formatInstant } from '../../common/asks/format';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { AssessmentDetails, ChangeStatus, ClientMessage, DecisionDetails, DetailBlock } from '../../common/changes/ChangeDetails';
import { RefusedNotice, splitFieldErrors } from '../../common/changes/controls';
import { changeConversation, PriceOffer } from '../../common/changes/PriceOffer';
import { Conversation } from '../../common/Conversation';
import { IssueLink, useSiteUrl } from '../../common/flags/IssueLink';
import { showFlag } from '../../common/forge';
import { PanelPending, refreshIssueView, SavedWithProblems, useIssuePanel } from '../../common/issuePanel';
import { AssessForm } from './AssessForm';
import { DecideForm, WithdrawForm } from './DecisionForms';
import type { FormProps, RunChange } from './formProps';
import { ImplementationForm } from './ImplementationForm';
import { InformForm } from './InformForm';

export type FormKind = 'assess' | 'decide' | 'withdraw' | 'inform' | 'implementation';

/** Field paths each form shows next to its fields (anything else the server names goes in the notice). */
const FORM_PATHS: Record<FormKind, string[]> = {
  assess: ['effortDays', 'scheduleDays', 'cost', 'currency', 'scope', 'notes'],
  decide: ['outcome', 'price', 'rationale'],
  withdraw: ['reason'],
  inform: ['message', 'deadline'],
  implementation: ['link', 'create'],
};

export function ChangeRequestPanel() {
  const panel = useIssuePanel<ChangeView>('changes.get');
  const [form, setForm] = useState<FormKind | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const siteUrl = useSiteUrl();
  const [warnings, setWarnings] = useState<string[]>([]);
  const status = useRef<HTMLParagraphElement>(null);

  const { issueKey, load } = panel;
  if (load.state !== 'ready' || !issueKey) return <PanelPending panel={panel} loadingLabel="Loading the change request" noneTestId="not-a-change-request" />;
  const { view } = load;
  // Whom the server shaped the view for (a client's has every internal part absent).
  const { viewer } = view;

  const run: RunChange = async (key, payload, done) => {
    setBusy(key);
    setProblem(null);
    setWarnings([]);
    // Writes answer the new view with what went wrong after the change stood (a notification, the audit trail).
    const answer = await callResolver<ChangeView & { warnings?: string[] }>(key, { issueKey, version: view.version, ...payload });
    setBusy(null);
    if (!answer.ok) {
      setProblem(answer.error);
      return false;
    }
    const { warnings: after = [], ...next } = answer.data;
    panel.setView(next);
    setWarnings(after);
    setForm(null);
    // Steps move the issue through its workflow: Jira shows the new status beside the panel.
    void refreshIssueView();
    showFlag({ id: `liaison-change-${Date.now()}`, title: done, type: 'success', appearance: 'success', isAutoDismiss: true });
    // Back from a form: say where the change request now stands where focus lands.
    requestAnimationFrame(() => status.current?.focus());
    return true;
  };

  const open = (kind: FormKind) => {
    setProblem(null);
    setForm(kind);
  };
  const cancel = () => {
    setForm(null);
    setProblem(null);
  };

  const { inline, elsewhere } = splitFieldErrors(problem, form ? FORM_PATHS[form] : []);
  const inlineCount = Object.keys(inline).length;
  const formProps: FormProps = { view, busy: busy !== null, problem: inlineCount > 0 ? { ...problem!, fields: inline } : null, run, onCancel: cancel };
  const can = view.can;
  // One primary button per panel: the next step of the workflow (the first of these the viewer may
  // take); a price awaiting the client's answer is their next step, so it keeps the primary button.
  const main = mainStep(view);

  return (
    <div data-testid="change-request-panel" data-step={view.step} style={{ padding: token('space.100', '8px'), color: token('color.text', '#172B4D') }}>
      <p ref={status} tabIndex={-1} style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', outline: 'none' }} aria-live="polite">
        {`${view.issueKey} is ${view.statusName}.`}
      </p>
      {problem ? <RefusedNotice problem={problem} inlineCount={inlineCount} elsewhere={elsewhere} onReload={() => { setProblem(null); setForm(null); void panel.reload(issueKey); }} /> : null}
      <SavedWithProblems warnings={warnings} />
      <ChangeStatus view={view} viewer={viewer} />
      <AssessmentDetails view={view} viewer={viewer} />
      <DecisionDetails view={view} />
      <ClientMessage view={view} viewer={viewer} />
      <PriceOffer view={view} onAnswered={(next) => { panel.setView(next); void refreshIssueView(); }} />
      {view.implementationKeys.length > 0 ? (
        <DetailBlock title="Implementation" testId="change-implementation">
          <ul style={{ margin: 0, paddingLeft: token('space.200', '16px') }}>
            {view.implementationKeys.map((key) => (
              <li key={key}>
                <IssueLink issueKey={key} siteUrl={siteUrl} />
              </li>
            ))}
          </ul>
        </DetailBlock>
      ) : null}

      {form === 'assess' ? <AssessForm {...formProps} /> : null}
      {form === 'decide' ? <DecideForm {...formProps} /> : null}
      {form === 'withdraw' ? <WithdrawForm {...formProps} /> : null}
      {form === 'inform' ? <InformForm {...formProps} /> : null}
      {form === 'implementation' ? <ImplementationForm {...formProps} /> : null}

      {form === null ? (
        <div role="group" aria-label="Change request actions" style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap', marginTop: token('space.200', '16px') }}>
          {can.acknowledge ? (
            <Button appearance={main === 'acknowledge' ? 'primary' : 'default'} isLoading={busy === 'changes.acknowledge'} isDisabled={busy !== null} onClick={() => void run('changes.acknowledge', {}, 'Change request acknowledged')}>
              Acknowledge
            </Button>
          ) : null}
          {can.assess ? (
            <Button appearance={main === 'assess' ? 'primary' : 'default'} isDisabled={busy !== null} onClick={() => open('assess')}>
              {view.assessment ? 'Edit assessment' : 'Assess'}
            </Button>
          ) : null}
          {can.submitForApproval && view.assessment ? (
            <Button appearance={main === 'submit' ? 'primary' : 'default'} isLoading={busy === 'changes.assess'} isDisabled={busy !== null} onClick={() => void submitAsIs(view, run)}>
              Submit for approval
            </Button>
          ) : null}
          {can.decide ? (
            <Button appearance={main === 'decide' ? 'primary' : 'default'} isDisabled={busy !== null} onClick={() => open('decide')}>
              Approve or decline
            </Button>
          ) : null}
          {can.inform ? (
            <Button appearance={main === 'inform' ? 'primary' : 'default'} isDisabled={busy !== null} onClick={() => open('inform')}>
              Tell the client
            </Button>
          ) : null}
          {can.linkImplementation ? (
            <Button isDisabled={busy !== null} onClick={() => open('implementation')}>
              Link implementation work
            </Button>
          ) : null}
          {can.withdraw ? (
            <Button appearance="subtle" isDisabled={busy !== null} onClick={() => open('withdraw')}>
              Withdraw
            </Button>
          ) : null}
        </div>
      ) : null}

      <Conversation<ChangeView>
        messages={changeConversation(view)}
        canPost={can.post}
        resolver="changes.post"
        payload={{ issueKey }}
        replyLabel={viewer === 'team' ? `Write to ${view.requestedBy.displayName}` : 'Write to the team'}
        sendLabel="Send message"
        onSent={(data) => {
          const { warnings: after = [], ...next } = data as ChangeView & { warnings?: string[] };
          panel.setView(next);
          setWarnings(after);
          showFlag({ id: `liaison-change-message-${Date.now()}`, title: 'Message sent', type: 'success', appearance: 'success', isAutoDismiss: true });
        }}
      />

      {view.history.length > 0 ? (
        <section aria-labelledby="change-history-heading" style={{ marginTop: token('space.300', '24px') }}>
          <h3 id="change-history-heading" style={{ font: token('font.heading.xxsmall', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), margin: `0 0 ${token('space.050', '4px')}` }}>
            History
          </h3>
          <ol data-testid="change-history" aria-label="Change request history, newest first" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {[...view.history].reverse().map((event, i) => (
              <li key={`${event.at}-${i}`} style={{ padding: `${token('space.075', '6px')} 0`, borderTop: i === 0 ? 'none' : `1px solid ${token('color.border', '#091E4224')}` }}>
                <strong>{event.by.displayName}</strong> {event.action}
                <div style={{ color: token('color.text.subtlest', '#626F86'), font: token('font.body.small', '12px/16px sans-serif') }}>
                  <time dateTime={event.at}>{formatInstant(event.at)}</time>
                </div>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

type MainStep = 'acknowledge' | 'assess' | 'submit' | 'decide' | 'inform';

/** The workflow's next step for this viewer (the panel's one primary button), if they have one. */
function mainStep({ can, assessment }: ChangeView): MainStep | null {
  if (can.respondToPrice) return null;
  if (can.acknowledge) return 'acknowledge';
  if (can.assess && !assessment) return 'assess';
  if (can.submitForApproval && assessment) return 'submit';
  if (can.decide) return 'decide';
  if (can.inform) return 'inform';
  return null;
}

/** Submits the saved assessment unchanged for approval (the Awaiting approval rule checks it is complete). */
function submitAsIs(view: ChangeView, run: RunChange): Promise<boolean> {
  const a = view.assessment!;
  return run(
    'changes.assess',
    {
      effortDays: a.effortDays,
      scheduleDays: a.scheduleDays,
      cost: a.cost,
      currency: a.currency,
      scope: a.scope ?? '',
      notes: [],
      submit: true,
    },
    'Submitted for approval',
  );
}

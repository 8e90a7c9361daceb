/**
 * "My asks" in the client portal: the caller's own open asks across the projects where they are a
 * client, overdue first, each answerable in place (or "I need more information"). Shows nothing
 * for people who are nobody's client.
 */
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import type { AskRowView } from '../../../src/asks/domain/askOverview';
import type { MyAsksView } from '../../../src/asks/resolvers/askPages';
import Button from '@atlaskit/button/new';
import type { AskPanelView, AskWriteAnswer } from '../../../src/asks/resolvers/asks';
import { askConversation } from '../../common/asks/format';
import { Conversation } from '../../common/Conversation';
import { AskSummary } from '../../common/asks/AskSummary';
import { ClientReply } from '../../common/asks/ClientReply';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { showFlag } from '../../common/forge';
import { EmptyState, ErrorNotice, Loading } from '../../common/states';

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; view: MyAsksView };

/** `initial`: the asks portal.home already sent (the home is one call); asked for again only after a reply. */
export function MyAsks({ initial }: { initial?: MyAsksView | null }) {
  const [load, setLoad] = useState<Load>(initial ? { state: 'loaded', view: initial } : { state: 'loading' });
  // Each reply reads the asks again: two replies in a row must not end on the first one's list.
  const latest = useLatestAnswer();
  const fetchAsks = useCallback(async () => {
    const turn = latest.read();
    const answer = await callResolver<MyAsksView>('asks.mine');
    if (turn.claim()) setLoad(answer.ok ? { state: 'loaded', view: answer.data } : { state: 'failed', error: answer.error });
  }, [latest]);
  useEffect(() => {
    if (!initial) void fetchAsks();
  }, [fetchAsks, initial]);

  if (load.state === 'loading') return <Loading label="Loading your asks" />;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void fetchAsks()} />;
  const { view } = load;
  if (view.projects.length === 0) return null;

  const replied = (issueKey: string, data: AskWriteAnswer, what: 'answered' | 'info-requested') => {
    showFlag({ id: `liaison-reply-${issueKey}-${Date.now()}`, title: what === 'answered' ? `Answer sent for ${issueKey}` : `Question sent for ${issueKey}`, description: 'The team has been told.', type: 'success', appearance: 'success', isAutoDismiss: true });
    if (data.warnings.length) showFlag({ id: `liaison-reply-warning-${issueKey}`, title: 'Sent, with a problem', description: data.warnings.join(' '), type: 'warning', appearance: 'warning', isAutoDismiss: false });
    void fetchAsks();
  };

  return (
    <section aria-labelledby="my-asks-heading" data-testid="my-asks" style={{ margin: `${token('space.200', '16px')} 0 ${token('space.400', '32px')}` }}>
      <Heading size="medium" as="h2" id="my-asks-heading">
        My asks
      </Heading>
      {view.truncated ? (
        <div style={{ margin: `${token('space.100', '8px')} 0` }}>
          <SectionMessage appearance="information" title="Showing your first asks">
            <p>You have more asks than this page reads at once; answer these and the rest follow.</p>
          </SectionMessage>
        </div>
      ) : null}
      {view.asks.length === 0 ? (
        <EmptyState title="Nothing is waiting on you">
          <p>When the team needs something from you, it shows up here.</p>
        </EmptyState>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: `${token('space.150', '12px')} 0 0`, display: 'grid', gap: token('space.200', '16px') }}>
          {view.asks.map((row) => (
            <MyAsk key={row.issueKey} row={row} names={view.names} projectName={view.projects.find((p) => p.projectKey === row.projectKey)?.projectName ?? row.projectKey} onReplied={replied} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MyAsk({ row, names, projectName, onReplied }: {
  row: AskRowView;
  names: Record<string, string>;
  projectName: string;
  onReplied: (issueKey: string, data: AskWriteAnswer, what: 'answered' | 'info-requested') => void;
}) {
  const headingId = `ask-${row.issueKey}`;
  return (
    <li
      aria-labelledby={headingId}
      data-testid={`my-ask-${row.issueKey}`}
      style={{
        border: `1px solid ${row.overdue ? token('color.border.danger', '#E2483D') : token('color.border', '#091E4224')}`,
        borderRadius: token('radius.large', '8px'),
        padding: token('space.200', '16px'),
        background: token('elevation.surface.raised', '#FFFFFF'),
      }}
    >
      <h3 id={headingId} style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` }}>
        {row.issueKey} · {row.issueSummary} <span style={{ color: token('color.text.subtlest', '#626F86'), fontWeight: 400 }}>({projectName})</span>
      </h3>
      <AskSummary ask={row.ask} timing={{ businessDaysWaiting: row.businessDaysWaiting, businessDaysOverdue: row.businessDaysOverdue, overdue: row.overdue }} names={names} viewer="client" />
      {row.ask.state === 'waiting' || row.ask.state === 'question' ? (
        <div style={{ marginTop: token('space.150', '12px') }}>
          <ClientReply<AskWriteAnswer> issueKey={row.issueKey} onDone={(data, what) => onReplied(row.issueKey, data, what)} />
        </div>
      ) : (
        <p style={{ margin: `${token('space.100', '8px')} 0 0`, color: token('color.text.subtle', '#44546F') }}>You answered; the team is looking at it.</p>
      )}
      <AskThread issueKey={row.issueKey} />
    </li>
  );
}

/** The ask's conversation with the team, read (asks.get) when the client opens it. */
function AskThread({ issueKey }: { issueKey: string }) {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<AskPanelView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const show = async () => {
    setOpen(true);
    const answer = await callResolver<AskPanelView>('asks.get', { issueKey });
    if (answer.ok) setView(answer.data);
    else setError(answer.error);
  };
  if (!open) {
    return (
      <div style={{ marginTop: token('space.100', '8px') }}>
        <Button appearance="subtle" aria-expanded={false} onClick={() => void show()}>
          Conversation with the team<span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}> about {issueKey}</span>
        </Button>
      </div>
    );
  }
  if (error) return <ErrorNotice error={error} onRetry={() => void show()} />;
  if (!view || !view.ask) return <Loading label="Loading the conversation" />;
  return (
    <Conversation<AskWriteAnswer>
      testId={`conversation-${issueKey}`}
      messages={askConversation(view.history, view.names)}
      canPost={view.can.post}
      resolver="asks.post"
      payload={{ issueKey }}
      replyLabel="Write to the team"
      sendLabel="Send message"
      onSent={(data) => {
        setView(data);
        showFlag({ id: `liaison-message-${issueKey}-${Date.now()}`, title: 'Message sent', description: 'The team has been told.', type: 'success', appearance: 'success', isAutoDismiss: true });
      }}
    />
  );
}

/** The ask as it stands: state, who owes what by when, how long it has waited, the answer or question. */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ClientAsk } from '../../../src/asks/domain/clientAsk';
import { formatDay, formatInstant, nameOf, STATE_APPEARANCE, STATE_LABELS, timingText } from './format';

export interface AskTiming {
  businessDaysWaiting: number;
  businessDaysOverdue: number;
  overdue: boolean;
}

const muted = { color: token('color.text.subtle', '#44546F') };

export function AskStateLozenges({ ask, timing }: { ask: ClientAsk; timing: AskTiming | null }) {
  return (
    <span style={{ display: 'inline-flex', gap: token('space.050', '4px') }}>
      <Lozenge appearance={STATE_APPEARANCE[ask.state]} isBold>
        {STATE_LABELS[ask.state]}
      </Lozenge>
      {timing?.overdue ? (
        <Lozenge appearance="removed" isBold>
          Overdue
        </Lozenge>
      ) : null}
    </span>
  );
}

export function AskSummary({ ask, timing, names, viewer }: { ask: ClientAsk; timing: AskTiming | null; names: Record<string, string>; viewer: 'team' | 'client' }) {
  return (
    <div data-testid="ask-summary" data-state={ask.state}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <AskStateLozenges ask={ask} timing={timing} />
        <span style={muted}>
          Due <strong data-testid="ask-due">{formatDay(ask.due)}</strong>
          {timing ? <span data-testid="ask-timing"> · {timingText(timing)}</span> : null}
        </span>
      </div>
      <p style={{ margin: `${token('space.100', '8px')} 0 ${token('space.050', '4px')}`, whiteSpace: 'pre-wrap' }} data-testid="ask-text">
        {ask.ask}
      </p>
      <p style={{ margin: 0, ...muted, font: token('font.body.small', '12px/16px sans-serif') }}>
        {viewer === 'client' ? 'Asked of you' : <>Asked of <strong>{nameOf(names, ask.client)}</strong></>} by {nameOf(names, ask.askedBy)}, {formatInstant(ask.askedAt)}
        {ask.round > 1 ? ` · round ${ask.round}` : ''}
      </p>
      {ask.infoRequest && ask.state === 'question' ? (
        <div data-testid="ask-info-request" style={{ marginTop: token('space.100', '8px'), padding: token('space.100', '8px'), background: token('color.background.warning', '#FFF7D6'), borderRadius: token('radius.small', '3px') }}>
          <strong>{viewer === 'client' ? 'You asked the team (waiting on their answer)' : `${nameOf(names, ask.client)} needs more information: reply in the conversation`}</strong>
          {ask.infoRequestedAt ? <span style={muted}> ({formatInstant(ask.infoRequestedAt)})</span> : null}: <span style={{ whiteSpace: 'pre-wrap' }}>{ask.infoRequest}</span>
        </div>
      ) : null}
      {ask.answer !== undefined && ask.state !== 'waiting' && ask.state !== 'question' ? (
        <div data-testid="ask-answer" style={{ marginTop: token('space.100', '8px'), padding: token('space.100', '8px'), background: token('color.background.neutral', '#091E420F'), borderRadius: token('radius.small', '3px') }}>
          <strong>Answer</strong>
          {ask.answeredAt ? <span style={muted}> ({formatInstant(ask.answeredAt)})</span> : null}
          <p style={{ margin: `${token('space.050', '4px')} 0 0`, whiteSpace: 'pre-wrap' }}>{ask.answer}</p>
        </div>
      ) : null}
    </div>
  );
}

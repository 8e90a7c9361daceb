/**
 * A conversation between the team and a client (on a client ask or a change request): the messages
 * the server sent, oldest first, and a labelled reply box when the server says the viewer may write.
 * Sending calls the resolver the caller names; the answer replaces the view (the caller's onSent).
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import { TextArea } from './asks/controls';
import { formatInstant } from './asks/format';
import { callResolver, type ErrorBody } from './bridge';

export interface ConversationMessage {
  at: string;
  author: string;
  side: 'team' | 'client';
  text: string;
  /** What the message was ("asked for more information", "answered the question"), when not a plain message. */
  kind?: string;
}

export function Conversation<T>({ messages, canPost, resolver, payload, replyLabel, sendLabel, onSent, testId = 'conversation' }: {
  messages: ConversationMessage[];
  canPost: boolean;
  resolver: string;
  payload: Record<string, unknown>;
  replyLabel: string;
  sendLabel: string;
  onSent: (answer: T) => void;
  testId?: string;
}) {
  const headingId = useId();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  if (messages.length === 0 && !canPost) return null;

  const send = async () => {
    setBusy(true);
    setError(null);
    const answer = await callResolver<T>(resolver, { ...payload, message: text });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setText('');
    onSent(answer.data);
  };
  const fieldError = error?.code === 'VALIDATION' ? error.fields?.message : undefined;
  const general = error && !fieldError ? error : null;

  return (
    <section aria-labelledby={headingId} data-testid={testId} style={{ marginTop: token('space.200', '16px') }}>
      <h3 id={headingId} style={{ font: token('font.heading.xxsmall', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), margin: `0 0 ${token('space.050', '4px')}` }}>
        Conversation
      </h3>
      {messages.length === 0 ? (
        <p style={{ margin: `0 0 ${token('space.100', '8px')}`, color: token('color.text.subtlest', '#626F86') }}>No messages yet.</p>
      ) : (
        <ol aria-label="Messages, oldest first" style={{ listStyle: 'none', margin: `0 0 ${token('space.100', '8px')}`, padding: 0, display: 'grid', gap: token('space.100', '8px') }}>
          {messages.map((m, i) => (
            <li
              key={`${m.at}-${i}`}
              data-testid="conversation-message"
              data-side={m.side}
              style={{
                padding: token('space.100', '8px'),
                borderRadius: token('radius.small', '3px'),
                background: m.side === 'client' ? token('color.background.accent.blue.subtlest', '#E9F2FF') : token('color.background.neutral', '#091E420F'),
              }}
            >
              <div style={{ font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F') }}>
                <strong>{m.author}</strong>
                {m.kind ? ` ${m.kind}` : ''} · <time dateTime={m.at}>{formatInstant(m.at)}</time>
              </div>
              <p style={{ margin: `${token('space.050', '4px')} 0 0`, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</p>
            </li>
          ))}
        </ol>
      )}
      {canPost ? (
        <form
          aria-label={replyLabel}
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) void send();
          }}
        >
          {general ? (
            <div role="alert" style={{ marginBottom: token('space.100', '8px') }}>
              <SectionMessage appearance="error" title="Your message was not sent">
                <p>{general.message}</p>
              </SectionMessage>
            </div>
          ) : null}
          <TextArea label={replyLabel} value={text} onChange={setText} error={fieldError} rows={3} maxLength={2000} />
          <Button type="submit" isLoading={busy}>
            {sendLabel}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

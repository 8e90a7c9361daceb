/**
 * The named client's side of an ask: answer it, or say "I need more information" (which reaches
 * the team and leaves the ask with the client). Used in the issue panel and the portal. A form of
 * its own: where several asks are listed (the portal), each one's Send is that ask's one primary action.
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { callResolver, type ErrorBody } from '../bridge';
import { TextArea } from './controls';

type Mode = 'answer' | 'info';

export function ClientReply<T>({ issueKey, onDone }: { issueKey: string; onDone: (answer: T, what: 'answered' | 'info-requested') => void }) {
  const [mode, setMode] = useState<Mode>('answer');
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  const send = async () => {
    setBusy(true);
    setError(null);
    const result =
      mode === 'answer'
        ? await callResolver<T>('asks.answer', { issueKey, answer })
        : await callResolver<T>('asks.requestInfo', { issueKey, note });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setAnswer('');
    setNote('');
    setMode('answer');
    onDone(result.data, mode === 'answer' ? 'answered' : 'info-requested');
  };

  const fieldError = (name: string) => (error?.code === 'VALIDATION' ? error.fields?.[name] : undefined);
  const generalError = error && !(error.code === 'VALIDATION' && error.fields && Object.keys(error.fields).length > 0) ? error : null;
  return (
    <form
      data-testid={`client-reply-${issueKey}`}
      aria-label={mode === 'answer' ? `Answer ${issueKey}` : `Ask the team about ${issueKey}`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void send();
      }}
    >
      {generalError ? (
        <div style={{ marginBottom: token('space.100', '8px') }} role="alert">
          <SectionMessage appearance="error" title={mode === 'answer' ? 'Your answer was not sent' : 'Your question was not sent'}>
            <p>{generalError.message}</p>
          </SectionMessage>
        </div>
      ) : null}
      {mode === 'answer' ? (
        <TextArea required label="Your answer" value={answer} onChange={setAnswer} error={fieldError('answer')} maxLength={4000} />
      ) : (
        <TextArea required label="What do you need to know?" value={note} onChange={setNote} error={fieldError('note')} maxLength={2000} />
      )}
      <div style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <Button type="submit" appearance="primary" isLoading={busy}>
          {mode === 'answer' ? 'Send answer' : 'Send question to the team'}
        </Button>
        <Button
          appearance="subtle"
          isDisabled={busy}
          onClick={() => {
            setError(null);
            setMode(mode === 'answer' ? 'info' : 'answer');
          }}
        >
          {mode === 'answer' ? 'I need more information' : 'Back to answering'}
        </Button>
      </div>
    </form>
  );
}

/**
 * The reminders preview (Settings > Reminders and digest): "on <date> we would send …", answered by
 * `reminders.preview` for the values on screen, from the planner the hourly job uses.
 */
import Button from '@atlaskit/button/new';
import { DatePicker } from '@atlaskit/datetime-picker';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import type { Reminders } from '../../../src/settings/domain/settings';
import type { RemindersPreview } from '../../../src/asks/resolvers/reminders';
import { formatDay } from '../../common/asks/format';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { ErrorNotice } from '../../common/states';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function RemindersPreviewPanel({ projectKey, reminders }: { projectKey: string; reminders: Reminders }) {
  const [date, setDate] = useState(todayIso());
  const [preview, setPreview] = useState<{ state: 'idle' } | { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; view: RemindersPreview }>({ state: 'idle' });
  const dateId = useId();

  const runPreview = async () => {
    setPreview({ state: 'loading' });
    const answer = await callResolver<RemindersPreview>('reminders.preview', { projectKey, date, reminders });
    setPreview(answer.ok ? { state: 'loaded', view: answer.data } : { state: 'failed', error: answer.error });
  };

  return (
    <div data-testid="reminders-preview" style={{ marginTop: token('space.200', '16px') }}>
      <label htmlFor={dateId} style={{ display: 'block', font: token('font.body.small', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), marginBottom: token('space.050', '4px') }}>
        Preview the day
      </label>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), alignItems: 'center' }}>
        <div style={{ width: '12rem' }}>
          <DatePicker id={dateId} value={date} onChange={(picked) => picked && setDate(picked)} />
        </div>
        <Button onClick={() => void runPreview()} isLoading={preview.state === 'loading'} testId="reminders-preview-button">
          Preview
        </Button>
      </div>
      {preview.state === 'failed' ? <ErrorNotice error={preview.error} onRetry={() => void runPreview()} /> : null}
      {preview.state === 'loaded' ? <PreviewList view={preview.view} /> : null}
    </div>
  );
}

function PreviewList({ view }: { view: RemindersPreview }) {
  const toSend = view.reminders.filter((r) => !r.alreadySent);
  return (
    <div aria-live="polite" data-testid="reminders-preview-result" style={{ marginTop: token('space.150', '12px') }}>
      <p style={{ margin: 0, fontWeight: 600 }}>
        {toSend.length > 0 ? `On ${formatDay(view.date)} we would send:` : view.reminders.length > 0 ? `On ${formatDay(view.date)} nothing more would be sent; these went out already:` : `On ${formatDay(view.date)} no reminder would be sent.`}
        {view.enabled ? null : ' (reminders are off for this project: nothing is sent until they are switched on and saved)'}
      </p>
      {view.reminders.length > 0 ? (
        <ul style={{ margin: `${token('space.100', '8px')} 0 0`, paddingLeft: token('space.250', '20px') }}>
          {view.reminders.map((r) => (
            <li key={r.key} data-testid="preview-reminder">
              <strong>{r.issueKey}</strong>: {r.words} {r.alreadySent ? <Lozenge appearance="success">Already sent</Lozenge> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p style={{ margin: `${token('space.150', '12px')} 0 0`, fontWeight: 600 }}>
        {view.digest ? `The managers' digest${view.digest.alreadySent ? ' (already sent)' : ''}:` : 'No digest that day (nothing overdue, not a working day, or the digest is off).'}
      </p>
      {view.digest ? (
        <pre data-testid="preview-digest" style={{ whiteSpace: 'pre-wrap', font: token('font.body', '14px/20px sans-serif'), background: token('color.background.neutral', '#091E420F'), padding: token('space.100', '8px'), borderRadius: token('radius.small', '4px'), margin: `${token('space.050', '4px')} 0 0` }}>
          {view.digest.text}
        </pre>
      ) : null}
      {view.truncated ? <p style={{ margin: `${token('space.100', '8px')} 0 0` }}>The project has more open asks than one run reads: the first ones are shown.</p> : null}
    </div>
  );
}

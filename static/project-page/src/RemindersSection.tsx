/**
 * "Reminders and digest" in a project's settings (saved with the rest, `reminders`, off unless a
 * manager switches it on): reminders to the client before and after an ask's due date, escalation
 * along the escalation path, and a daily digest to the managers. The preview asks the server what
 * would be sent on a chosen date with the values on screen (`reminders.preview`, the planner the
 * hourly job uses) and lists it; managers only.
 */
import Button from '@atlaskit/button/new';
import { DatePicker } from '@atlaskit/datetime-picker';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import type { Reminders } from '../../../src/domain/settings';
import { DEFAULT_REMINDERS } from '../../../src/domain/vocabulary';
import type { RemindersPreview } from '../../../src/resolvers/reminders';
import { formatDay } from '../../common/asks/format';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { errorsAt, TextInput, type FieldErrors } from '../../common/fields';
import { Cell, FieldRow, Section } from '../../common/settings/Section';
import { SettingSwitch } from '../../common/settings/SettingSwitch';
import { ErrorNotice } from '../../common/states';

interface Props {
  projectKey: string;
  value: Reminders | undefined;
  saved: Reminders | undefined;
  errors?: FieldErrors;
  readOnly: boolean;
  onChange: (value: Reminders) => void;
}

const todayIso = () => new Date().toISOString().slice(0, 10);

function DaysField({ label, helper, path, value, errors, readOnly, onChange }: { label: string; helper: string; path: string; value: number; errors?: FieldErrors; readOnly: boolean; onChange: (n: number) => void }) {
  const [text, setText] = useState(String(value));
  return (
    <TextInput
      label={label}
      path={path}
      type="number"
      value={text}
      helper={helper}
      readOnly={readOnly}
      errors={errorsAt(errors, path)}
      onChange={(typed) => {
        setText(typed);
        const n = Number(typed);
        if (typed.trim() !== '' && Number.isFinite(n)) onChange(n);
      }}
    />
  );
}

export function RemindersSection({ projectKey, value, saved, errors, readOnly, onChange }: Props) {
  const current = value ?? DEFAULT_REMINDERS;
  const set = (patch: Partial<Reminders>) => onChange({ ...current, ...patch });
  const [date, setDate] = useState(todayIso());
  const [preview, setPreview] = useState<{ state: 'idle' } | { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; view: RemindersPreview }>({ state: 'idle' });
  const dateId = useId();
  const digestId = useId();

  const runPreview = async () => {
    setPreview({ state: 'loading' });
    const answer = await callResolver<RemindersPreview>('reminders.preview', { projectKey, date, reminders: current });
    setPreview(answer.ok ? { state: 'loaded', view: answer.data } : { state: 'failed', error: answer.error });
  };

  return (
    <div data-testid="reminders-section">
      <Section
        title="Reminders and digest"
        headingId="reminders-heading"
        description="Reminders go to the client person of each waiting ask as Jira notifications, on working days and inside their working hours (from the client contacts above; people not listed get them in the team's time zone, 09:00 to 17:00). Contacts who prefer the phone, Slack, Teams or a meeting are listed in the digest for you to remind. The digest tells the project's managers each working day what is overdue with the client and with the team."
      >
        <SettingSwitch
          label="Send reminders, escalations and the daily digest for this project"
          checked={current.enabled}
          saved={saved?.enabled === true}
          readOnly={readOnly}
          errors={errorsAt(errors, 'reminders.enabled').concat(errorsAt(errors, 'reminders'))}
          pendingNote={current.enabled ? 'Save the settings to start sending.' : 'Save the settings to stop sending.'}
          onChange={(enabled) => set({ enabled })}
        />
        <FieldRow>
          <Cell basis="12rem">
            <DaysField label="Remind before the due date (working days)" helper="0: no reminder before the due date." path="reminders.daysBeforeDue" value={current.daysBeforeDue} errors={errors} readOnly={readOnly} onChange={(daysBeforeDue) => set({ daysBeforeDue })} />
          </Cell>
          <Cell basis="12rem">
            <DaysField label="Repeat overdue reminders every (working days)" helper="0: one reminder, the first working day overdue." path="reminders.overdueEveryDays" value={current.overdueEveryDays} errors={errors} readOnly={readOnly} onChange={(overdueEveryDays) => set({ overdueEveryDays })} />
          </Cell>
          <Cell basis="12rem">
            <DaysField label="Escalate after (working days overdue)" helper="Each next level of the escalation path as many days later. 0: never." path="reminders.escalateAfterDays" value={current.escalateAfterDays} errors={errors} readOnly={readOnly} onChange={(escalateAfterDays) => set({ escalateAfterDays })} />
          </Cell>
        </FieldRow>
        <FieldRow>
          <Cell basis="16rem">
            <TextInput label="Team time zone" path="reminders.teamTimeZone" value={current.teamTimeZone} placeholder="e.g. Europe/Berlin" helper="The digest goes out from 08:00 here." readOnly={readOnly} errors={errorsAt(errors, 'reminders.teamTimeZone')} onChange={(teamTimeZone) => set({ teamTimeZone })} />
          </Cell>
          <Cell basis="16rem">
            <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), marginTop: token('space.400', '32px') }}>
              <input id={digestId} type="checkbox" checked={current.digest} disabled={readOnly} onChange={(event) => set({ digest: event.target.checked })} style={{ width: 16, height: 16, accentColor: token('color.background.brand.bold', '#0C66E4') }} />
              <label htmlFor={digestId}>Daily digest to the managers</label>
            </div>
          </Cell>
        </FieldRow>

        {readOnly ? null : (
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
        )}
      </Section>
    </div>
  );
}

function PreviewList({ view }: { view: RemindersPreview }) {
  const toSend = view.reminders.filter((r) => !r.alreadySent);
  return (
    <div aria-live="polite" data-testid="reminders-preview-result" style={{ marginTop: token('space.150', '12px') }}>
      <p style={{ margin: 0, fontWeight: 600 }}>
        {toSend.length === 0 ? `On ${formatDay(view.date)} no reminder would be sent.` : `On ${formatDay(view.date)} we would send:`}
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

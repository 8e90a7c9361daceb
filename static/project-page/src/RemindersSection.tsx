/**
 * "Reminders and digest" in a project's settings (saved with the rest, `reminders`, off unless a
 * manager switches it on): reminders to the client before and after an ask's due date, escalation
 * along the escalation path, and a daily digest to the managers. The preview asks the server what
 * would be sent on a chosen date with the values on screen (`reminders.preview`, the planner the
 * hourly job uses) and lists it; managers only.
 */
import { token } from '@atlaskit/tokens';
import { lazy, Suspense, useId, useState } from 'react';
import type { Reminders } from '../../../src/settings/domain/settings';
import { DEFAULT_REMINDERS } from '../../../src/platform/domain/vocabulary';
import { errorsAt, TextInput, type FieldErrors } from '../../common/fields';
import { Cell, FieldRow, Section } from '../../common/settings/Section';
import { SettingSwitch } from '../../common/settings/SettingSwitch';
import { Loading } from '../../common/states';

const RemindersPreviewPanel = lazy(() => import('./RemindersPreview').then((m) => ({ default: m.RemindersPreviewPanel })));

interface Props {
  projectKey: string;
  value: Reminders | undefined;
  saved: Reminders | undefined;
  errors?: FieldErrors;
  readOnly: boolean;
  onChange: (value: Reminders) => void;
}

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
  const digestId = useId();

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
          // Loaded on demand: the date picker stays out of the project page's first load.
          <Suspense fallback={<Loading label="Loading the preview" />}>
            <RemindersPreviewPanel projectKey={projectKey} reminders={current} />
          </Suspense>
        )}
      </Section>
    </div>
  );
}

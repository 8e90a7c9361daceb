/**
 * The communication plan editor: client contacts, escalation path, meetings, report schedule,
 * working days and holidays. Every control is labelled and shows the server's message for its path.
 */
import Button from '@atlaskit/button/new';
import type { CommunicationPlan, Meeting, Section as SectionName, SettingsSource } from '../../../src/domain/settings';
import { CheckboxGroup, errorsAt, SelectInput, TextInput, type FieldErrors } from '../fields';
import { blankContact, blankHoliday, blankLevel, blankMeeting, move, removeAt, setIn, toNumber, withMeetingCadence, withReportCadence } from './edit';
import { audienceOptions, channelOptions, meetingCadenceOptions, reportCadenceOptions, timeZoneOptions, weekdayOptions } from './options';
import { Section, tableStyle, tdStyle, thStyle } from './Section';

interface Props {
  plan: CommunicationPlan;
  errors?: FieldErrors;
  readOnly?: boolean;
  sources?: Partial<Record<SectionName, SettingsSource>>;
  onChange?: (plan: CommunicationPlan) => void;
}

const P = 'communicationPlan';

export function PlanEditor({ plan, errors, readOnly, sources = {}, onChange }: Props) {
  const update = (path: (string | number)[], value: unknown) => onChange?.(setIn(plan, path, value));
  const err = (path: string) => errorsAt(errors, `${P}.${path}`);
  const listErrors = (section: string) => (errors && errors[`${P}.${section}`] ? [errors[`${P}.${section}`]] : []);

  return (
    <div>
      <Section title="Client contacts" headingId="contacts-heading" source={sources.clientContacts} description="The people on the client's side, and how and when to reach them.">
        {plan.clientContacts.length === 0 ? <p>No client contacts yet.</p> : null}
        {plan.clientContacts.length > 0 ? (
          <div style={{ overflowX: 'auto' }}>
          <table style={tableStyle} aria-labelledby="contacts-heading">
            <thead>
              <tr>
                <th style={thStyle}>Name</th>
                <th style={thStyle}>Jira account id (optional)</th>
                <th style={thStyle}>Role on their side</th>
                <th style={thStyle}>Preferred channel</th>
                <th style={thStyle}>From</th>
                <th style={thStyle}>To</th>
                <th style={thStyle}>Time zone</th>
                {readOnly ? null : <th style={thStyle}><span style={{ position: 'absolute', left: -9999 }}>Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {plan.clientContacts.map((contact, i) => {
                const row = `contact ${i + 1}`;
                const at = `clientContacts.${i}`;
                return (
                  <tr key={i} data-testid={`contact-row-${i}`}>
                    <td style={tdStyle}>
                      <TextInput compact width={170} label={`Name of ${row}`} value={contact.person.name} readOnly={readOnly} errors={err(`${at}.person.name`)} onChange={(v) => update(['clientContacts', i, 'person', 'name'], v)} />
                    </td>
                    <td style={tdStyle}>
                      <TextInput
                        compact
                        width={150}
                        label={`Jira account id of ${row}`}
                        value={contact.person.accountId ?? ''}
                        readOnly={readOnly}
                        errors={err(`${at}.person.accountId`)}
                        onChange={(v) => {
                          const { accountId: _dropped, ...person } = contact.person;
                          update(['clientContacts', i, 'person'], v.trim() ? { ...person, accountId: v } : person);
                        }}
                      />
                    </td>
                    <td style={tdStyle}>
                      <TextInput compact width={160} label={`Role of ${row}`} value={contact.role} readOnly={readOnly} errors={err(`${at}.role`)} onChange={(v) => update(['clientContacts', i, 'role'], v)} />
                    </td>
                    <td style={tdStyle}>
                      <SelectInput compact label={`Preferred channel of ${row}`} value={contact.channel} options={channelOptions} readOnly={readOnly} errors={err(`${at}.channel`)} onChange={(v) => update(['clientContacts', i, 'channel'], v)} width={150} />
                    </td>
                    <td style={tdStyle}>
                      <TextInput compact type="time" label={`Working hours start of ${row}`} value={contact.workingHours.start} readOnly={readOnly} errors={err(`${at}.workingHours.start`)} onChange={(v) => update(['clientContacts', i, 'workingHours', 'start'], v)} width={110} />
                    </td>
                    <td style={tdStyle}>
                      <TextInput compact type="time" label={`Working hours end of ${row}`} value={contact.workingHours.end} readOnly={readOnly} errors={err(`${at}.workingHours.end`)} onChange={(v) => update(['clientContacts', i, 'workingHours', 'end'], v)} width={110} />
                    </td>
                    <td style={tdStyle}>
                      <SelectInput compact label={`Time zone of ${row}`} value={contact.timeZone} options={timeZoneOptions()} readOnly={readOnly} errors={err(`${at}.timeZone`)} onChange={(v) => update(['clientContacts', i, 'timeZone'], v)} width={200} />
                    </td>
                    {readOnly ? null : (
                      <td style={tdStyle}>
                        <Button appearance="subtle" onClick={() => update(['clientContacts'], removeAt(plan.clientContacts, i))}>
                          Remove<span style={{ position: 'absolute', left: -9999 }}> {row}</span>
                        </Button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        ) : null}
        <ListError messages={listErrors('clientContacts')} />
        {readOnly ? null : <Button onClick={() => update(['clientContacts'], [...plan.clientContacts, blankContact()])}>Add contact</Button>}
      </Section>

      <Section title="Escalation path" headingId="escalation-heading" source={sources.escalationPath} description="Who to turn to, in order, when something is stuck.">
        {plan.escalationPath.length === 0 ? <p>No escalation levels yet.</p> : null}
        <ol style={{ paddingLeft: 20 }}>
          {plan.escalationPath.map((level, i) => {
            const at = `escalationPath.${i}`;
            const name = `level ${i + 1}`;
            return (
              <li key={i} data-testid={`escalation-level-${i}`} style={{ marginBottom: 12 }}>
                <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 2fr', gap: 8 }}>
                  <TextInput label={`Who (${name})`} value={level.who} readOnly={readOnly} errors={err(`${at}.who`)} onChange={(v) => update(['escalationPath', i, 'who'], v)} />
                  <TextInput label={`Contact (${name})`} value={level.contact} readOnly={readOnly} errors={err(`${at}.contact`)} onChange={(v) => update(['escalationPath', i, 'contact'], v)} />
                  <TextInput label={`When to escalate (${name})`} value={level.when} readOnly={readOnly} errors={err(`${at}.when`)} onChange={(v) => update(['escalationPath', i, 'when'], v)} />
                </div>
                {readOnly ? null : (
                  <div style={{ display: 'flex', gap: 8 }}>
                    <Button appearance="subtle" isDisabled={i === 0} onClick={() => update(['escalationPath'], move(plan.escalationPath, i, i - 1))}>
                      Move {name} up
                    </Button>
                    <Button appearance="subtle" isDisabled={i === plan.escalationPath.length - 1} onClick={() => update(['escalationPath'], move(plan.escalationPath, i, i + 1))}>
                      Move {name} down
                    </Button>
                    <Button appearance="subtle" onClick={() => update(['escalationPath'], removeAt(plan.escalationPath, i))}>
                      Remove {name}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
        <ListError messages={listErrors('escalationPath')} />
        {readOnly ? null : <Button onClick={() => update(['escalationPath'], [...plan.escalationPath, blankLevel()])}>Add escalation level</Button>}
      </Section>

      <Section title="Meetings" headingId="meetings-heading" source={sources.meetings} description="Recurring meetings with the client, in the time zone they are held in.">
        {plan.meetings.length === 0 ? <p>No meetings yet.</p> : null}
        {plan.meetings.map((meeting, i) => (
          <MeetingRow
            key={i}
            index={i}
            meeting={meeting}
            readOnly={readOnly}
            errors={(path) => err(`meetings.${i}.${path}`)}
            onChange={(next) => update(['meetings', i], next)}
            onRemove={() => update(['meetings'], removeAt(plan.meetings, i))}
          />
        ))}
        <ListError messages={listErrors('meetings')} />
        {readOnly ? null : <Button onClick={() => update(['meetings'], [...plan.meetings, blankMeeting()])}>Add meeting</Button>}
      </Section>

      <Section title="Report schedule" headingId="report-heading" source={sources.reportSchedule} description="When stakeholder reports are due, and for whom.">
        <div style={{ display: 'grid', gridTemplateColumns: '200px 200px', gap: 8 }}>
          <SelectInput
            label="Report cadence"
            value={plan.reportSchedule.cadence}
            options={reportCadenceOptions}
            readOnly={readOnly}
            errors={err('reportSchedule.cadence')}
            onChange={(v) => update(['reportSchedule'], withReportCadence(plan.reportSchedule, v))}
          />
          {plan.reportSchedule.cadence === 'weekly' ? (
            <SelectInput label="Report day" value={plan.reportSchedule.weekday} options={weekdayOptions} readOnly={readOnly} errors={err('reportSchedule.weekday')} onChange={(v) => update(['reportSchedule', 'weekday'], v)} />
          ) : (
            <TextInput
              type="number"
              label="Day of the month"
              helper="29-31 fall on the last day of shorter months"
              value={Number.isFinite(plan.reportSchedule.dayOfMonth) ? String(plan.reportSchedule.dayOfMonth) : ''}
              readOnly={readOnly}
              errors={err('reportSchedule.dayOfMonth')}
              onChange={(v) => update(['reportSchedule', 'dayOfMonth'], toNumber(v))}
            />
          )}
        </div>
        <CheckboxGroup legend="Audiences" values={plan.reportSchedule.audiences} options={audienceOptions} readOnly={readOnly} errors={err('reportSchedule.audiences')} onChange={(v) => update(['reportSchedule', 'audiences'], v)} />
      </Section>

      <Section title="Working days and holidays" headingId="calendar-heading" source={sources.workingDays}>
        <CheckboxGroup legend="Working days" values={plan.workingDays} options={weekdayOptions} readOnly={readOnly} errors={err('workingDays')} onChange={(v) => update(['workingDays'], v)} />
        <h4 id="holidays-heading" style={{ margin: '12px 0 4px' }}>Holidays</h4>
        {plan.holidays.length === 0 ? <p>No holidays yet.</p> : null}
        {plan.holidays.map((holiday, i) => (
          <div key={i} data-testid={`holiday-row-${i}`} style={{ display: 'grid', gridTemplateColumns: '180px 1fr auto', gap: 8, alignItems: 'end' }}>
            <TextInput type="date" label={`Date of holiday ${i + 1}`} value={holiday.date} readOnly={readOnly} errors={err(`holidays.${i}.date`)} onChange={(v) => update(['holidays', i, 'date'], v)} />
            <TextInput label={`Name of holiday ${i + 1}`} value={holiday.name} readOnly={readOnly} errors={err(`holidays.${i}.name`)} onChange={(v) => update(['holidays', i, 'name'], v)} />
            {readOnly ? <span /> : (
              <div style={{ marginBottom: 12 }}>
                <Button appearance="subtle" onClick={() => update(['holidays'], removeAt(plan.holidays, i))}>
                  Remove holiday {i + 1}
                </Button>
              </div>
            )}
          </div>
        ))}
        <ListError messages={listErrors('holidays')} />
        {readOnly ? null : <Button onClick={() => update(['holidays'], [...plan.holidays, blankHoliday()])}>Add holiday</Button>}
      </Section>
    </div>
  );
}

function MeetingRow({ index, meeting, readOnly, errors, onChange, onRemove }: { index: number; meeting: Meeting; readOnly?: boolean; errors: (path: string) => string[]; onChange: (m: Meeting) => void; onRemove: () => void }) {
  const name = `meeting ${index + 1}`;
  return (
    <fieldset data-testid={`meeting-row-${index}`} style={{ border: 0, padding: 0, margin: '0 0 12px 0' }}>
      <legend style={{ fontWeight: 600, marginBottom: 4 }}>{meeting.name || `Meeting ${index + 1}`}</legend>
      <div style={{ display: 'grid', gridTemplateColumns: '2fr 1.2fr 1.2fr 0.8fr 1.6fr 0.8fr 1.2fr', gap: 8 }}>
        <TextInput label={`Name (${name})`} value={meeting.name} readOnly={readOnly} errors={errors('name')} onChange={(v) => onChange({ ...meeting, name: v })} />
        <SelectInput label={`Cadence (${name})`} value={meeting.cadence} options={meetingCadenceOptions} readOnly={readOnly} errors={errors('cadence')} onChange={(v) => onChange(withMeetingCadence(meeting, v))} />
        {meeting.cadence === 'monthly' ? (
          <TextInput
            type="number"
            label={`Day of month (${name})`}
            value={Number.isFinite(meeting.dayOfMonth) ? String(meeting.dayOfMonth) : ''}
            readOnly={readOnly}
            errors={errors('dayOfMonth')}
            onChange={(v) => onChange({ ...meeting, dayOfMonth: toNumber(v) })}
          />
        ) : (
          <SelectInput label={`Day (${name})`} value={meeting.weekday} options={weekdayOptions} readOnly={readOnly} errors={errors('weekday')} onChange={(v) => onChange({ ...meeting, weekday: v })} />
        )}
        <TextInput type="time" label={`Time (${name})`} value={meeting.time} readOnly={readOnly} errors={errors('time')} onChange={(v) => onChange({ ...meeting, time: v })} />
        <SelectInput label={`Time zone (${name})`} value={meeting.timeZone} options={timeZoneOptions()} readOnly={readOnly} errors={errors('timeZone')} onChange={(v) => onChange({ ...meeting, timeZone: v })} />
        <TextInput
          type="number"
          label={`Minutes (${name})`}
          value={Number.isFinite(meeting.durationMinutes) ? String(meeting.durationMinutes) : ''}
          readOnly={readOnly}
          errors={errors('durationMinutes')}
          onChange={(v) => onChange({ ...meeting, durationMinutes: toNumber(v) })}
        />
        <TextInput
          type="date"
          label={`${meeting.cadence === 'biweekly' ? 'First meeting' : 'Starts on'} (${name})`}
          value={meeting.startDate ?? ''}
          readOnly={readOnly}
          errors={errors('startDate')}
          onChange={(v) => {
            const { startDate: _old, ...rest } = meeting;
            onChange((v ? { ...rest, startDate: v } : rest) as Meeting);
          }}
        />
      </div>
      {readOnly ? null : (
        <Button appearance="subtle" onClick={onRemove}>
          Remove {name}
        </Button>
      )}
    </fieldset>
  );
}

function ListError({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p role="alert" style={{ color: 'var(--ds-text-danger, #AE2E24)' }}>
      {messages.join(' ')}
    </p>
  );
}

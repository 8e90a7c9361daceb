/**
 * The communication plan editor: client contacts, escalation path, meetings, report schedule,
 * working days and holidays. Repeated items are cards with short visible labels; each field's
 * accessible name adds which item it belongs to ("Name of contact 2"), and each field shows the
 * server's message for its path and carries that path for the error summary.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useId } from 'react';
import type { CommunicationPlan, Meeting } from '../../../src/settings/domain/settings';
import type { Section as SectionName, SettingsSource } from '../../../src/settings/domain/storedSettings';
import { CheckboxGroup, errorsAt, LabelSpacer, SelectInput, TextInput, type FieldErrors } from '../fields';
import { visuallyHidden } from '../visuallyHidden';
import { blankContact, blankHoliday, blankLevel, blankMeeting, move, removeAt, setIn, toNumber, withMeetingCadence, withReportCadence } from './edit';
import { audienceOptions, channelOptions, meetingCadenceOptions, reportCadenceOptions, timeZoneOptions, weekdayOptions } from './options';
import { CardList, Cell, FieldRow, ItemCard, Section } from './Section';

interface Props {
  plan: CommunicationPlan;
  errors?: FieldErrors;
  readOnly?: boolean;
  sources?: Partial<Record<SectionName, SettingsSource>>;
  onChange?: (plan: CommunicationPlan) => void;
}

const P = 'communicationPlan';

/** The width each kind of field asks for before sharing out the rest of the row: room for "Microsoft Teams", "Wednesday", "05:30 PM". */
const W = { text: '13rem', select: '11rem', zone: '14rem', time: '8rem', number: '6rem', date: '10rem' } as const;

export function PlanEditor({ plan, errors, readOnly, sources = {}, onChange }: Props) {
  const ids = useId();
  const update = (path: (string | number)[], value: unknown) => onChange?.(setIn(plan, path, value));
  /** The server path of a plan field, and the messages the server gave for it. */
  const at = (path: string) => ({ path: `${P}.${path}`, errors: errorsAt(errors, `${P}.${path}`) });
  /** The message about a list as a whole (its items' messages show at their fields). */
  const listError = (list: string) => ({ path: `${P}.${list}`, message: errors?.[`${P}.${list}`] });

  return (
    <div>
      <Section title="Client contacts" headingId="contacts-heading" source={sources.clientContacts} description="The people on the client's side, and how and when to reach them.">
        {plan.clientContacts.length === 0 ? <Empty>No client contacts yet.</Empty> : null}
        {plan.clientContacts.length > 0 ? (
          <CardList label="Client contacts">
            {plan.clientContacts.map((contact, i) => {
              const item = ` of contact ${i + 1}`;
              const base = `clientContacts.${i}`;
              return (
                <ItemCard
                  key={i}
                  testId={`contact-row-${i}`}
                  path={`${P}.${base}`}
                  titleId={`${ids}-contact-${i}`}
                  title={`Contact ${i + 1}`}
                  subtitle={contact.person.name.trim() || undefined}
                  actions={readOnly ? null : <RemoveButton what={`contact ${i + 1}`} onClick={() => update(['clientContacts'], removeAt(plan.clientContacts, i))} />}
                >
                  <FieldRow>
                    <Cell basis={W.text}>
                      <TextInput label="Name" labelSuffix={item} {...at(`${base}.person.name`)} value={contact.person.name} readOnly={readOnly} onChange={(v) => update(['clientContacts', i, 'person', 'name'], v)} />
                    </Cell>
                    <Cell basis={W.text}>
                      <TextInput label="Role" labelSuffix={item} placeholder="e.g. Product owner" {...at(`${base}.role`)} value={contact.role} readOnly={readOnly} onChange={(v) => update(['clientContacts', i, 'role'], v)} />
                    </Cell>
                    <Cell basis={W.text}>
                      <TextInput
                        label="Jira account id (optional)"
                        labelSuffix={item}
                        {...at(`${base}.person.accountId`)}
                        value={contact.person.accountId ?? ''}
                        readOnly={readOnly}
                        onChange={(v) => {
                          const { accountId: _dropped, ...person } = contact.person;
                          update(['clientContacts', i, 'person'], v.trim() ? { ...person, accountId: v } : person);
                        }}
                      />
                    </Cell>
                  </FieldRow>
                  <FieldRow>
                    <Cell basis={W.select}>
                      <SelectInput label="Preferred channel" labelSuffix={item} {...at(`${base}.channel`)} value={contact.channel} options={channelOptions} readOnly={readOnly} onChange={(v) => update(['clientContacts', i, 'channel'], v)} />
                    </Cell>
                    <Cell basis={`calc(2 * ${W.time} + ${token('space.150', '12px')})`} grow={0}>
                      {/* Start and end stay side by side, even on a phone: they read as one range. */}
                      <div style={{ display: 'flex', gap: token('space.150', '12px') }}>
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <TextInput type="time" label="Working hours start" labelSuffix={item} {...at(`${base}.workingHours.start`)} value={contact.workingHours.start} readOnly={readOnly} onChange={(v) => update(['clientContacts', i, 'workingHours', 'start'], v)} />
                        </div>
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <TextInput type="time" label="Working hours end" labelSuffix={item} {...at(`${base}.workingHours.end`)} value={contact.workingHours.end} readOnly={readOnly} onChange={(v) => update(['clientContacts', i, 'workingHours', 'end'], v)} />
                        </div>
                      </div>
                    </Cell>
                    <Cell basis={W.zone}>
                      <SelectInput label="Time zone" labelSuffix={item} {...at(`${base}.timeZone`)} value={contact.timeZone} options={timeZoneOptions()} readOnly={readOnly} onChange={(v) => update(['clientContacts', i, 'timeZone'], v)} />
                    </Cell>
                  </FieldRow>
                </ItemCard>
              );
            })}
          </CardList>
        ) : null}
        <ListError {...listError('clientContacts')} />
        {readOnly ? null : <Button onClick={() => update(['clientContacts'], [...plan.clientContacts, blankContact()])}>Add contact</Button>}
      </Section>

      <Section title="Escalation path" headingId="escalation-heading" source={sources.escalationPath} description="Who to turn to, in order, when something is stuck.">
        {plan.escalationPath.length === 0 ? <Empty>No escalation levels yet.</Empty> : null}
        {plan.escalationPath.length > 0 ? (
          <CardList ordered label="Escalation path">
            {plan.escalationPath.map((level, i) => {
              const base = `escalationPath.${i}`;
              const item = ` (level ${i + 1})`;
              const name = `level ${i + 1}`;
              return (
                <ItemCard
                  key={i}
                  testId={`escalation-level-${i}`}
                  path={`${P}.${base}`}
                  titleId={`${ids}-level-${i}`}
                  title={`Level ${i + 1}`}
                  subtitle={level.who.trim() || undefined}
                  actions={
                    readOnly ? null : (
                      <>
                        <Button appearance="subtle" spacing="compact" isDisabled={i === 0} onClick={() => update(['escalationPath'], move(plan.escalationPath, i, i - 1))}>
                          Move up<span style={visuallyHidden}> {name}</span>
                        </Button>
                        <Button appearance="subtle" spacing="compact" isDisabled={i === plan.escalationPath.length - 1} onClick={() => update(['escalationPath'], move(plan.escalationPath, i, i + 1))}>
                          Move down<span style={visuallyHidden}> {name}</span>
                        </Button>
                        <RemoveButton what={name} onClick={() => update(['escalationPath'], removeAt(plan.escalationPath, i))} />
                      </>
                    )
                  }
                >
                  <FieldRow>
                    <Cell basis={W.text}>
                      <TextInput label="Who" labelSuffix={item} {...at(`${base}.who`)} value={level.who} readOnly={readOnly} onChange={(v) => update(['escalationPath', i, 'who'], v)} />
                    </Cell>
                    <Cell basis={W.text}>
                      <TextInput label="Contact" labelSuffix={item} {...at(`${base}.contact`)} value={level.contact} readOnly={readOnly} onChange={(v) => update(['escalationPath', i, 'contact'], v)} />
                    </Cell>
                    <Cell basis="18rem" grow={2}>
                      <TextInput label="When to escalate" labelSuffix={item} {...at(`${base}.when`)} value={level.when} readOnly={readOnly} onChange={(v) => update(['escalationPath', i, 'when'], v)} />
                    </Cell>
                  </FieldRow>
                  <FieldRow>
                    <Cell basis={W.text}>
                      {/* With a Jira account, overdue-ask escalations (Reminders and digest) reach this person as Jira notifications. */}
                      <TextInput
                        label="Jira account id (optional)"
                        labelSuffix={item}
                        {...at(`${base}.accountId`)}
                        value={level.accountId ?? ''}
                        readOnly={readOnly}
                        onChange={(v) => {
                          const { accountId: _dropped, ...rest } = level;
                          update(['escalationPath', i], v.trim() ? { ...rest, accountId: v } : rest);
                        }}
                      />
                    </Cell>
                  </FieldRow>
                </ItemCard>
              );
            })}
          </CardList>
        ) : null}
        <ListError {...listError('escalationPath')} />
        {readOnly ? null : <Button onClick={() => update(['escalationPath'], [...plan.escalationPath, blankLevel()])}>Add escalation level</Button>}
      </Section>

      <Section title="Meetings" headingId="meetings-heading" source={sources.meetings} description="Recurring meetings with the client, in the time zone they are held in.">
        {plan.meetings.length === 0 ? <Empty>No meetings yet.</Empty> : null}
        {plan.meetings.length > 0 ? (
          <CardList label="Meetings">
            {plan.meetings.map((meeting, i) => (
              <MeetingCard
                key={i}
                index={i}
                titleId={`${ids}-meeting-${i}`}
                path={`${P}.meetings.${i}`}
                meeting={meeting}
                readOnly={readOnly}
                field={(path) => at(`meetings.${i}.${path}`)}
                onChange={(next) => update(['meetings', i], next)}
                onRemove={() => update(['meetings'], removeAt(plan.meetings, i))}
              />
            ))}
          </CardList>
        ) : null}
        <ListError {...listError('meetings')} />
        {readOnly ? null : <Button onClick={() => update(['meetings'], [...plan.meetings, blankMeeting()])}>Add meeting</Button>}
      </Section>

      <Section title="Report schedule" headingId="report-heading" source={sources.reportSchedule} description="When stakeholder reports are due, and for whom.">
        <FieldRow>
          <Cell basis={W.select} grow={0}>
            <SelectInput label="Report cadence" {...at('reportSchedule.cadence')} value={plan.reportSchedule.cadence} options={reportCadenceOptions} readOnly={readOnly} onChange={(v) => update(['reportSchedule'], withReportCadence(plan.reportSchedule, v))} />
          </Cell>
          <Cell basis={W.select} grow={0}>
            {plan.reportSchedule.cadence === 'weekly' ? (
              <SelectInput label="Report day" {...at('reportSchedule.weekday')} value={plan.reportSchedule.weekday} options={weekdayOptions} readOnly={readOnly} onChange={(v) => update(['reportSchedule', 'weekday'], v)} />
            ) : (
              <TextInput
                type="number"
                label="Day of the month"
                helper="29-31 fall on the last day of shorter months"
                {...at('reportSchedule.dayOfMonth')}
                value={Number.isFinite(plan.reportSchedule.dayOfMonth) ? String(plan.reportSchedule.dayOfMonth) : ''}
                readOnly={readOnly}
                onChange={(v) => update(['reportSchedule', 'dayOfMonth'], toNumber(v))}
              />
            )}
          </Cell>
        </FieldRow>
        <CheckboxGroup legend="Audiences" {...at('reportSchedule.audiences')} values={plan.reportSchedule.audiences} options={audienceOptions} readOnly={readOnly} onChange={(v) => update(['reportSchedule', 'audiences'], v)} />
      </Section>

      <Section title="Working days and holidays" headingId="calendar-heading" source={sources.workingDays} description="The working week and days off Liaison uses wherever it counts working days.">
        <CheckboxGroup legend="Working days" {...at('workingDays')} values={plan.workingDays} options={weekdayOptions} readOnly={readOnly} onChange={(v) => update(['workingDays'], v)} />
        <h4 id="holidays-heading" style={{ font: token('font.heading.xsmall', '600 14px/20px sans-serif'), margin: `${token('space.150', '12px')} 0 ${token('space.050', '4px')}` }}>
          Holidays
        </h4>
        {plan.holidays.length === 0 ? <Empty>No holidays yet.</Empty> : null}
        {plan.holidays.map((holiday, i) => (
          <div key={i} data-testid={`holiday-row-${i}`}>
            <FieldRow>
              <Cell basis={W.date} grow={0}>
                <TextInput type="date" label="Date" labelSuffix={` of holiday ${i + 1}`} {...at(`holidays.${i}.date`)} value={holiday.date} readOnly={readOnly} onChange={(v) => update(['holidays', i, 'date'], v)} />
              </Cell>
              <Cell basis={W.text} grow={1}>
                <TextInput label="Name" labelSuffix={` of holiday ${i + 1}`} {...at(`holidays.${i}.name`)} value={holiday.name} readOnly={readOnly} onChange={(v) => update(['holidays', i, 'name'], v)} />
              </Cell>
              {readOnly ? null : (
                <div>
                  <LabelSpacer />
                  {/* A default button is 32 px high, the fields 40: centred on them. */}
                  <div style={{ paddingTop: token('space.050', '4px') }}>
                    <RemoveButton compact={false} what={`holiday ${i + 1}`} onClick={() => update(['holidays'], removeAt(plan.holidays, i))} />
                  </div>
                </div>
              )}
            </FieldRow>
          </div>
        ))}
        <ListError {...listError('holidays')} />
        {readOnly ? null : <Button onClick={() => update(['holidays'], [...plan.holidays, blankHoliday()])}>Add holiday</Button>}
      </Section>
    </div>
  );
}

type FieldOf = (path: string) => { path: string; errors: string[] };

function MeetingCard({ index, titleId, path, meeting, readOnly, field, onChange, onRemove }: { index: number; titleId: string; path: string; meeting: Meeting; readOnly?: boolean; field: FieldOf; onChange: (m: Meeting) => void; onRemove: () => void }) {
  const name = `meeting ${index + 1}`;
  const item = ` (${name})`;
  return (
    <ItemCard
      testId={`meeting-row-${index}`}
      path={path}
      titleId={titleId}
      title={`Meeting ${index + 1}`}
      subtitle={meeting.name.trim() || undefined}
      actions={readOnly ? null : <RemoveButton what={name} onClick={onRemove} />}
    >
      <FieldRow>
        <Cell basis="16rem" grow={2}>
          <TextInput label="Name" labelSuffix={item} {...field('name')} value={meeting.name} readOnly={readOnly} onChange={(v) => onChange({ ...meeting, name: v })} />
        </Cell>
        <Cell basis={W.select}>
          <SelectInput label="Cadence" labelSuffix={item} {...field('cadence')} value={meeting.cadence} options={meetingCadenceOptions} readOnly={readOnly} onChange={(v) => onChange(withMeetingCadence(meeting, v))} />
        </Cell>
        <Cell basis={W.select}>
          {meeting.cadence === 'monthly' ? (
            <TextInput
              type="number"
              label="Day of the month"
              labelSuffix={item}
              {...field('dayOfMonth')}
              value={Number.isFinite(meeting.dayOfMonth) ? String(meeting.dayOfMonth) : ''}
              readOnly={readOnly}
              onChange={(v) => onChange({ ...meeting, dayOfMonth: toNumber(v) })}
            />
          ) : (
            <SelectInput label="Day" labelSuffix={item} {...field('weekday')} value={meeting.weekday} options={weekdayOptions} readOnly={readOnly} onChange={(v) => onChange({ ...meeting, weekday: v })} />
          )}
        </Cell>
      </FieldRow>
      <FieldRow>
        <Cell basis={W.time} grow={0}>
          <TextInput type="time" label="Time" labelSuffix={item} {...field('time')} value={meeting.time} readOnly={readOnly} onChange={(v) => onChange({ ...meeting, time: v })} />
        </Cell>
        <Cell basis={W.zone}>
          <SelectInput label="Time zone" labelSuffix={item} {...field('timeZone')} value={meeting.timeZone} options={timeZoneOptions()} readOnly={readOnly} onChange={(v) => onChange({ ...meeting, timeZone: v })} />
        </Cell>
        <Cell basis={W.number} grow={0}>
          <TextInput
            type="number"
            label="Minutes"
            labelSuffix={item}
            {...field('durationMinutes')}
            value={Number.isFinite(meeting.durationMinutes) ? String(meeting.durationMinutes) : ''}
            readOnly={readOnly}
            onChange={(v) => onChange({ ...meeting, durationMinutes: toNumber(v) })}
          />
        </Cell>
        <Cell basis={W.date} grow={0}>
          <TextInput
            type="date"
            label={meeting.cadence === 'biweekly' ? 'First meeting' : 'Starts on'}
            labelSuffix={item}
            {...field('startDate')}
            value={meeting.startDate ?? ''}
            readOnly={readOnly}
            onChange={(v) => {
              const { startDate: _old, ...rest } = meeting;
              onChange((v ? { ...rest, startDate: v } : rest) as Meeting);
            }}
          />
        </Cell>
      </FieldRow>
    </ItemCard>
  );
}

/** What an empty list says, above its Add button. */
function Empty({ children }: { children: string }) {
  return <p style={{ color: token('color.text.subtle', '#44546F'), margin: `0 0 ${token('space.100', '8px')}` }}>{children}</p>;
}

/** "Remove" on screen; "Remove contact 2" to a screen reader, which hears the button out of its card. */
function RemoveButton({ what, onClick, compact = true }: { what: string; onClick: () => void; compact?: boolean }) {
  return (
    <Button appearance="subtle" spacing={compact ? 'compact' : 'default'} onClick={onClick}>
      Remove<span style={visuallyHidden}> {what}</span>
    </Button>
  );
}

/** A message about a whole list ("At most 20 meetings"), under it; the error summary moves focus here by its path. */
function ListError({ path, message }: { path: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" tabIndex={-1} data-field-path={path} style={{ color: token('color.text.danger', '#AE2E24'), outline: 'none' }}>
      {message}
    </p>
  );
}

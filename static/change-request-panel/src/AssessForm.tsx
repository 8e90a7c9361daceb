/**
 * The assessment of a change request: effort, schedule impact, cost, scope and notes, each note
 * internal (the team only) or visible to the client. Saved as it is, or saved and submitted for
 * approval (the Awaiting approval rule refuses an incomplete assessment with its own message).
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { CHANGE_LIMITS, type NoteVisibility } from '../../../src/changes/domain/changeVocabulary';
import { ChoiceSelect, TextArea } from '../../common/asks/controls';
import { NoteItem } from '../../common/changes/ChangeDetails';
import { CurrencyInput, NumberInput, numberOrUndefined, Row } from '../../common/changes/controls';
import { FormFrame } from './FormFrame';
import type { FormProps } from './formProps';

interface NewNote {
  key: number;
  text: string;
  visibility: NoteVisibility;
}

const VISIBILITY_OPTIONS = [
  { value: 'internal', label: 'Internal: the team only' },
  { value: 'client', label: 'Visible to the client' },
];

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

export function AssessForm({ view, busy, problem, run, onCancel }: FormProps) {
  const saved = view.assessment;
  const [effortDays, setEffortDays] = useState(text(saved?.effortDays));
  const [scheduleDays, setScheduleDays] = useState(text(saved?.scheduleDays));
  const [cost, setCost] = useState(text(saved?.cost));
  const [currency, setCurrency] = useState(saved?.currency ?? view.defaultCurrency ?? '');
  const [scope, setScope] = useState(saved?.scope ?? '');
  const [notes, setNotes] = useState<NewNote[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [pressed, setPressed] = useState<'save' | 'submit'>('save');
  const err = (path: string) => problem?.fields?.[path];

  const send = (submit: boolean) => {
    setPressed(submit ? 'submit' : 'save');
    void run(
      'changes.assess',
      {
        effortDays: numberOrUndefined(effortDays),
        scheduleDays: numberOrUndefined(scheduleDays),
        cost: numberOrUndefined(cost),
        currency: currency || undefined,
        scope,
        // Empty new notes are dropped rather than refused: an added row left blank means nothing.
        notes: notes.filter((n) => n.text.trim() !== '').map(({ text: t, visibility }) => ({ text: t, visibility })),
        submit,
      },
      submit ? 'Assessment saved and submitted for approval' : 'Assessment saved',
    );
  };

  const addNote = (visibility: NoteVisibility) => {
    setNotes([...notes, { key: nextKey, text: '', visibility }]);
    setNextKey(nextKey + 1);
  };
  // The server numbers the notes it was sent; blank rows are not sent, so map its index back to the row.
  const sentIndex = (key: number) => notes.filter((n) => n.text.trim() !== '').findIndex((n) => n.key === key);
  const submitAllowed = view.can.submitForApproval || view.step === 'acknowledged' || view.step === 'assessing';

  return (
    <FormFrame
      label={saved ? 'Edit the assessment' : 'Assess the change request'}
      testId="assess-form"
      description="The client sees the schedule impact, the price once approved, and the notes marked visible to them; never the effort, cost, scope or internal notes."
      busy={busy}
      onCancel={onCancel}
      actions={[
        { label: 'Save assessment', onClick: () => send(false), primary: !submitAllowed, loading: pressed === 'save' },
        ...(submitAllowed ? [{ label: 'Save and submit for approval', onClick: () => send(true), primary: true, loading: pressed === 'submit' }] : []),
      ]}
    >
      <Row>
        <NumberInput required label="Effort (person-days)" path="effortDays" value={effortDays} onChange={setEffortDays} error={err('effortDays')} />
        <NumberInput required label="Schedule impact (days added)" path="scheduleDays" value={scheduleDays} onChange={setScheduleDays} error={err('scheduleDays')} helper="0 when the dates hold" />
      </Row>
      <Row>
        <NumberInput required label="Cost" path="cost" value={cost} onChange={setCost} error={err('cost')} />
        <CurrencyInput required label="Currency" path="currency" value={currency} projectDefault={view.defaultCurrency} onChange={setCurrency} error={err('currency')} />
      </Row>
      <TextArea label="Scope affected" value={scope} onChange={setScope} error={err('scope')} rows={3} maxLength={CHANGE_LIMITS.scope} placeholder="Which features, pages or integrations the change touches" />

      {saved && saved.notes.length > 0 ? (
        <>
          <h4 style={subheading}>Notes so far</h4>
          <ul aria-label="Notes so far" style={{ padding: 0, margin: 0 }}>
            {saved.notes.map((note) => (
              <NoteItem key={note.id} note={note} viewer="team" />
            ))}
          </ul>
        </>
      ) : null}
      {notes.length > 0 ? <h4 style={subheading}>New notes</h4> : null}
      {notes.map((note, i) => {
        const index = sentIndex(note.key);
        const noteErr = index >= 0 ? err(`notes.${index}.text`) ?? err(`notes.${index}`) : undefined;
        return (
          <div key={note.key} role="group" aria-label={`New note ${i + 1}`} data-field-path={`notes.${index}`} style={{ borderLeft: `3px solid ${note.visibility === 'internal' ? token('color.border.warning', '#E56910') : token('color.border.information', '#1D7AFC')}`, paddingLeft: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
            <ChoiceSelect
              label={`Who may read note ${i + 1}`}
              value={note.visibility}
              options={VISIBILITY_OPTIONS}
              onChange={(visibility) => setNotes(notes.map((n) => (n.key === note.key ? { ...n, visibility: visibility as NoteVisibility } : n)))}
              error={index >= 0 ? err(`notes.${index}.visibility`) : undefined}
            />
            <TextArea
              label={`Note ${i + 1}`}
              value={note.text}
              rows={3}
              maxLength={CHANGE_LIMITS.noteText}
              onChange={(t) => setNotes(notes.map((n) => (n.key === note.key ? { ...n, text: t } : n)))}
              error={noteErr}
            />
            <Button appearance="subtle" onClick={() => setNotes(notes.filter((n) => n.key !== note.key))}>
              Remove note {i + 1}
            </Button>
          </div>
        );
      })}
      {err('notes') ? <p role="alert" style={{ color: token('color.text.danger', '#AE2E24') }}>{err('notes')}</p> : null}
      <div style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap', margin: `${token('space.050', '4px')} 0 ${token('space.100', '8px')}` }}>
        <Button onClick={() => addNote('internal')}>Add internal note</Button>
        <Button onClick={() => addNote('client')}>Add note for the client</Button>
      </div>
    </FormFrame>
  );
}

const subheading = { font: token('font.heading.xxsmall', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), margin: `${token('space.150', '12px')} 0 ${token('space.050', '4px')}` };

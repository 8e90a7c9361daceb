/**
 * A change request as it stands, shown the same way in the issue panel and the client portal:
 * its step, who raised it and the acknowledgement promise, the assessment, the decision and the
 * message the client was sent. It shows what the server sent: a client's view has no internal
 * notes, effort, cost or rationale in it to begin with.
 */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { ChangeNote, ChangeView } from '../../../src/changes/domain/changeVocabulary';
import { formatDay, formatInstant } from '../asks/format';
import { days, formatMoney, OUTCOME_APPEARANCE, outcomeLabel, STEP_APPEARANCE, stepLabel } from './words';

const muted = { color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') } as const;

export function StepLozenge({ view }: { view: Pick<ChangeView, 'step' | 'statusName'> }) {
  // Jira's status name leads (a project may map the steps onto its own statuses); the step follows when it differs.
  const label = stepLabel(view.step);
  const differs = view.statusName && view.statusName.toLowerCase() !== label.toLowerCase();
  return (
    <span data-testid="change-step" data-step={view.step}>
      <Lozenge appearance={STEP_APPEARANCE[view.step]} isBold>
        {view.statusName || label}
      </Lozenge>
      {differs ? <span style={{ ...muted, marginLeft: token('space.050', '4px') }}>({label})</span> : null}
    </span>
  );
}

/** Step, overdue acknowledgement, who raised it, and when it was (or must be) acknowledged. */
export function ChangeStatus({ view, viewer }: { view: ChangeView; viewer: 'team' | 'client' }) {
  return (
    <div data-testid="change-status">
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <StepLozenge view={view} />
        {view.ackOverdue ? (
          <Lozenge appearance="removed" isBold>
            Acknowledgement overdue
          </Lozenge>
        ) : null}
      </div>
      <p style={{ ...muted, margin: `${token('space.075', '6px')} 0 0` }}>
        {viewer === 'client' ? 'You raised this' : <>Raised by <strong>{view.requestedBy.displayName}</strong></>}
        {view.raisedVia === 'portal' ? ' in the client portal' : ' in Jira'}, {formatInstant(view.requestedAt)}
      </p>
      <p data-testid="change-ack" style={{ ...muted, margin: `${token('space.025', '2px')} 0 0` }}>
        {view.acknowledgedAt
          ? `Acknowledged${view.acknowledgedBy ? ` by ${view.acknowledgedBy.displayName}` : ''}, ${formatInstant(view.acknowledgedAt)}`
          : `To be acknowledged by ${formatDay(view.ackDue)}`}
      </p>
    </div>
  );
}

function Block({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section data-testid={testId} aria-label={title} style={{ marginTop: token('space.200', '16px') }}>
      <h3 style={{ font: token('font.heading.xxsmall', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), margin: `0 0 ${token('space.050', '4px')}` }}>{title}</h3>
      {children}
    </section>
  );
}

/** Label/value pairs as a description list. */
function Facts({ items }: { items: [string, ReactNode][] }) {
  if (items.length === 0) return null;
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: token('space.200', '16px'), rowGap: token('space.050', '4px'), margin: 0, padding: 0 }}>
      {items.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt style={{ color: token('color.text.subtle', '#44546F') }}>{term}</dt>
          <dd style={{ margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function NoteItem({ note, viewer }: { note: ChangeNote; viewer: 'team' | 'client' }) {
  return (
    <li
      data-testid="change-note"
      data-visibility={note.visibility}
      style={{
        listStyle: 'none',
        margin: `0 0 ${token('space.075', '6px')}`,
        padding: token('space.100', '8px'),
        borderLeft: `3px solid ${note.visibility === 'internal' ? token('color.border.warning', '#E56910') : token('color.border.information', '#1D7AFC')}`,
        background: token('color.background.neutral.subtle.hovered', '#F1F2F4'),
        borderRadius: token('radius.small', '3px'),
      }}
    >
      {viewer === 'team' ? (
        <div style={{ marginBottom: token('space.050', '4px') }}>
          <Lozenge appearance={note.visibility === 'internal' ? 'moved' : 'inprogress'}>{note.visibility === 'internal' ? 'Internal' : 'Visible to client'}</Lozenge>
        </div>
      ) : null}
      <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{note.text}</div>
      <div style={{ ...muted, marginTop: token('space.050', '4px') }}>
        {note.by.displayName} · {formatInstant(note.at)}
      </div>
    </li>
  );
}

export function AssessmentDetails({ view, viewer }: { view: ChangeView; viewer: 'team' | 'client' }) {
  const a = view.assessment;
  if (!a) return null;
  const facts: [string, ReactNode][] = [];
  if (a.effortDays !== undefined) facts.push(['Effort', days(a.effortDays, 'person-day')]);
  facts.push(['Schedule impact', a.scheduleDays === 0 ? 'None' : `${days(a.scheduleDays)} added`]);
  if (a.cost !== undefined) facts.push(['Cost', a.currency ? formatMoney({ amount: a.cost, currency: a.currency }) : a.cost.toLocaleString()]);
  if (a.scope) facts.push(['Scope affected', a.scope]);
  return (
    <Block title={viewer === 'client' ? 'Impact' : 'Assessment'} testId="change-assessment">
      <Facts items={facts} />
      {a.notes.length > 0 ? (
        <ul aria-label={viewer === 'client' ? 'Notes from the team' : 'Assessment notes'} style={{ padding: 0, margin: `${token('space.100', '8px')} 0 0` }}>
          {a.notes.map((note) => (
            <NoteItem key={note.id} note={note} viewer={viewer} />
          ))}
        </ul>
      ) : null}
      {viewer === 'team' && a.assessedBy ? (
        <p style={{ ...muted, margin: `${token('space.050', '4px')} 0 0` }}>
          Assessed by {a.assessedBy.displayName}
          {a.assessedAt ? `, ${formatInstant(a.assessedAt)}` : ''}
        </p>
      ) : null}
    </Block>
  );
}

export function DecisionDetails({ view }: { view: ChangeView }) {
  const d = view.decision;
  if (!d) return null;
  const facts: [string, ReactNode][] = [];
  if (d.price) facts.push(['Price', <strong key="price" data-testid="change-price">{formatMoney(d.price)}</strong>]);
  if (d.rationale) facts.push(['Rationale (internal)', d.rationale]);
  return (
    <Block title="Decision" testId="change-decision">
      <div style={{ marginBottom: token('space.050', '4px') }}>
        <Lozenge appearance={OUTCOME_APPEARANCE[d.outcome]} isBold>
          {outcomeLabel(d.outcome)}
        </Lozenge>
      </div>
      <Facts items={facts} />
      <p style={{ ...muted, margin: `${token('space.050', '4px')} 0 0` }}>
        {d.outcome === 'withdrawn' ? 'Withdrawn' : 'Decided'}
        {d.by ? ` by ${d.by.displayName}` : ''}, {formatInstant(d.at)}
      </p>
    </Block>
  );
}

export function ClientMessage({ view, viewer }: { view: ChangeView; viewer: 'team' | 'client' }) {
  if (!view.clientInformedAt && !view.clientMessage) return null;
  return (
    <Block title={viewer === 'client' ? 'Message from the team' : 'Message sent to the client'} testId="change-client-message">
      {view.clientMessage ? <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{view.clientMessage}</div> : null}
      {view.clientInformedAt ? <p style={{ ...muted, margin: `${token('space.050', '4px')} 0 0` }}>Sent {formatInstant(view.clientInformedAt)}</p> : null}
    </Block>
  );
}

export { Block as DetailBlock, Facts };

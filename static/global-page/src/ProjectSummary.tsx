/**
 * The home summary of one project on the portal card: the status from the latest published report,
 * then what concerns the person — their open asks, their change requests, the open red flags they
 * may see, the published reports — each a short list with its total. Everything comes with
 * `portal.home` (one call for the whole home); the sections below the cards let them act.
 */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import { CHANGE_OUTCOME_LABELS, CHANGE_STEP_INFO } from '../../../src/changes/domain/changeVocabulary';
import type { Capped, PortalSummary } from '../../../src/portal/domain/portalSummary';
import type { FlagCategory, Severity } from '../../../src/flags/domain/redFlags';
import { formatMoney } from '../../common/changes/words';
import { CATEGORY_LABELS, SEVERITY_LABELS } from '../../common/flags/vocabulary';
import { AUDIENCE_LABELS, periodText } from '../../common/reports/api';
import { StatusLozenge } from '../../common/reports/parts';

const subtle = { color: token('color.text.subtle', '#44546F') } as const;
const heading = { font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.050', '4px')}` } as const;
const list = { margin: 0, paddingLeft: token('space.200', '16px'), overflowWrap: 'anywhere' as const };

const SEVERITY_APPEARANCE: Record<Severity, 'default' | 'moved' | 'removed'> = { low: 'default', medium: 'moved', high: 'removed', critical: 'removed' };

function Part<T>({ id, title, part, unavailable, empty, render }: { id: string; title: string; part: Capped<T>; unavailable: boolean; empty: string; render: (item: T) => ReactNode }) {
  const headingId = `${id}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} style={heading}>
        {title}
        {part.total > 0 ? <span style={{ ...subtle, fontWeight: 400 }}> ({part.total}{part.more ? '+' : ''})</span> : null}
      </h3>
      {unavailable ? (
        <p style={{ margin: 0, ...subtle }} role="status">
          Could not be loaded just now. Reload the page to try again.
        </p>
      ) : part.total === 0 ? (
        <p style={{ margin: 0, ...subtle }}>{empty}</p>
      ) : (
        <ul style={list}>
          {part.items.map(render)}
          {part.total > part.items.length || part.more ? <li style={subtle}>{part.more ? 'and more' : `and ${part.total - part.items.length} more`}</li> : null}
        </ul>
      )}
    </section>
  );
}

export function ProjectSummary({ projectKey, summary, client }: { projectKey: string; summary: PortalSummary; client: boolean }) {
  const id = `summary-${projectKey}`;
  const off = (part: PortalSummary['unavailable'][number]) => summary.unavailable.includes(part);
  return (
    <div data-testid={`portal-summary-${projectKey}`}>
      <div data-testid="portal-status" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px'), marginTop: token('space.150', '12px') }}>
        {summary.status ? (
          <>
            <StatusLozenge status={summary.status.effective} />
            <span style={subtle}>
              from the {AUDIENCE_LABELS[summary.status.audience].toLowerCase()} report for {periodText(summary.status.period)}
            </span>
          </>
        ) : (
          <span style={subtle}>No report published yet.</span>
        )}
      </div>
      {client ? (
        <Part id={`${id}-asks`} title="Your open asks" part={summary.asks} unavailable={off('asks')} empty="Nothing is waiting on you." render={(ask) => (
          <li key={ask.issueKey}>
            <strong>{ask.issueKey}</strong> {ask.ask}{' '}
            <span style={subtle}>
              · due {ask.due}
              {ask.state === 'answered' ? ' · answered, with the team' : ''}
            </span>
            {ask.overdue ? <> <Lozenge appearance="removed">{`Overdue ${ask.businessDaysOverdue} business day${ask.businessDaysOverdue === 1 ? '' : 's'}`}</Lozenge></> : null}
          </li>
        )} />
      ) : null}
      <Part id={`${id}-changes`} title={client ? 'Your change requests' : 'Open change requests'} part={summary.changes} unavailable={off('changes')} empty={client ? 'You have not raised any.' : 'None open.'} render={(change) => (
        <li key={change.issueKey}>
          <strong>{change.issueKey}</strong> {change.summary} <span style={subtle}>· {CHANGE_STEP_INFO[change.step].label}</span>
          {/* A declined or withdrawn request's step already says its outcome. */}
          {change.outcome && CHANGE_OUTCOME_LABELS[change.outcome] !== CHANGE_STEP_INFO[change.step].label ? (
            <span style={subtle}> · {CHANGE_OUTCOME_LABELS[change.outcome]}</span>
          ) : null}
          {change.price ? <span style={subtle}> · {formatMoney(change.price)}</span> : null}
        </li>
      )} />
      <Part id={`${id}-flags`} title="Open red flags" part={summary.flags} unavailable={off('flags')} empty="No open red flags." render={(flag) => (
        <li key={`${flag.issueKey}-${flag.category}-${flag.note}`}>
          <Lozenge appearance={SEVERITY_APPEARANCE[flag.severity as Severity] ?? 'default'}>{SEVERITY_LABELS[flag.severity as Severity] ?? flag.severity}</Lozenge>{' '}
          <strong>{flag.issueKey}</strong> {CATEGORY_LABELS[flag.category as FlagCategory] ?? flag.category}
          {flag.note ? <span style={subtle}>: {flag.note}</span> : null}
        </li>
      )} />
      <Part id={`${id}-reports`} title="Published reports" part={summary.reports} unavailable={off('reports')} empty="None published yet." render={(report) => (
        <li key={report.id}>
          {periodText(report.period)} <span style={subtle}>· {AUDIENCE_LABELS[report.audience]}</span> <StatusLozenge status={report.overall} bold={false} />
        </li>
      )} />
    </div>
  );
}

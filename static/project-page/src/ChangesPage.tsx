/**
 * The Change requests page of a project (the team): every change request with its step,
 * requester, impact, outcome, price and how long it took to acknowledge and to decide; the totals
 * (paid change value, unpaid effort given away, schedule days added) for the rows shown; filters by
 * step and outcome; and the server's CSV export of the same rows. Loaded on demand.
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { formatDay } from '../../common/asks/format';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { CHANGE_OUTCOMES, CHANGE_STEPS, type ChangeOutcome, type ChangeRegister, type ChangeStep } from '../../../src/changes/domain/changeVocabulary';
import { ChoiceSelect } from '../../common/asks/controls';
import { formatInstant } from '../../common/asks/format';
import { callResolver } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { StepLozenge } from '../../common/changes/ChangeDetails';
import { days, formatMoney, OUTCOME_APPEARANCE, OUTCOME_SHORT, stepLabel } from '../../common/changes/words';
import { IssueLink, useSiteUrl } from '../../common/flags/IssueLink';
import { ActionFailed, EmptyState, pageLoadOf, PagePending, type PageLoad } from '../../common/states';
import { bodyCell as td, ColumnHeadings, headCell, HiddenCaption } from '../../common/table';
import { useCsvExport, type CsvFile } from '../../common/useCsvExport';

interface Filters {
  step: ChangeStep | '';
  outcome: ChangeOutcome | '';
}

function payload(projectKey: string, f: Filters): Record<string, unknown> {
  return { projectKey, ...(f.step ? { step: f.step } : {}), ...(f.outcome ? { outcome: f.outcome } : {}) };
}

const subtle = { color: token('color.text.subtle', '#44546F') } as const;
const small = { font: token('font.body.small', '12px/16px sans-serif') } as const;

function Total({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div
      data-testid={testId}
      style={{ flex: '1 1 180px', padding: token('space.150', '12px'), border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.medium', '6px'), background: token('elevation.surface.raised', '#FFFFFF') }}
    >
      <dt style={{ ...subtle, ...small }}>{label}</dt>
      <dd style={{ margin: `${token('space.050', '4px')} 0 0`, font: token('font.heading.medium', '500 20px/24px sans-serif') }}>{children}</dd>
    </div>
  );
}

export function ChangesPage({ projectKey, onOpenSettings }: { projectKey: string; onOpenSettings: () => void }) {
  const [filters, setFilters] = useState<Filters>({ step: '', outcome: '' });
  const [load, setLoad] = useState<PageLoad<ChangeRegister>>({ state: 'loading' });
  const siteUrl = useSiteUrl();
  const csvExport = useCsvExport(() => callResolver<CsvFile>('changes.registerCsv', payload(projectKey, filters)));

  const latest = useLatestAnswer();
  const fetchRegister = useCallback(async () => {
    const turn = latest.read();
    const answer = await callResolver<ChangeRegister>('changes.register', payload(projectKey, filters));
    if (turn.claim()) setLoad(pageLoadOf(answer));
  }, [projectKey, filters, latest]);

  useEffect(() => {
    void fetchRegister();
  }, [fetchRegister]);

  if (load.state !== 'loaded') return <PagePending load={load} loadingLabel="Loading change requests" onRetry={() => void fetchRegister()} />;
  const { view } = load;
  const filtered = filters.step !== '' || filters.outcome !== '';

  const { totals } = view;
  return (
    <div data-testid="changes-page">
      <Heading size="large" as="h1">
        Change requests
      </Heading>
      <p style={{ ...subtle, margin: `${token('space.100', '8px')} 0 ${token('space.200', '16px')}` }}>
        Project {projectKey} · every change request the client or the team raised, what it costs and how it was decided.
      </p>

      <section aria-labelledby="changes-totals-heading">
        <h2 id="changes-totals-heading" style={h2}>
          Totals{filtered ? ' (for the filtered change requests)' : ''}
        </h2>
        <dl style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150', '12px'), margin: 0, padding: 0 }}>
          <Total label="Change requests" testId="total-count">
            {totals.count}
          </Total>
          <Total label="Paid change value" testId="total-paid">
            {totals.paidValue.length === 0 ? 'None' : totals.paidValue.map((p) => formatMoney(p)).join(' + ')}
          </Total>
          <Total label="Unpaid effort given away" testId="total-unpaid">
            {days(totals.unpaidEffortDays, 'person-day')}
          </Total>
          <Total label="Schedule days added" testId="total-schedule">
            {days(totals.scheduleDaysAdded)}
          </Total>
        </dl>
      </section>

      <section aria-labelledby="changes-filters-heading" style={{ marginTop: token('space.300', '24px') }}>
        <h2 id="changes-filters-heading" style={h2}>
          Filters
        </h2>
        <div style={{ display: 'flex', gap: token('space.200', '16px'), flexWrap: 'wrap', alignItems: 'flex-end' }}>
          <div style={{ minWidth: 200 }}>
            <ChoiceSelect label="Step" value={filters.step} placeholder="Every step" options={CHANGE_STEPS.map((value) => ({ value, label: stepLabel(value) }))} onChange={(step) => setFilters({ ...filters, step: step as Filters['step'] })} />
          </div>
          <div style={{ minWidth: 200 }}>
            <ChoiceSelect label="Outcome" value={filters.outcome} placeholder="Any outcome" options={CHANGE_OUTCOMES.map((value) => ({ value, label: OUTCOME_SHORT[value] }))} onChange={(outcome) => setFilters({ ...filters, outcome: outcome as Filters['outcome'] })} />
          </div>
          {filtered ? (
            <div style={{ marginBottom: token('space.150', '12px') }}>
              <Button appearance="subtle" onClick={() => setFilters({ step: '', outcome: '' })}>
                Clear filters
              </Button>
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="changes-list-heading" style={{ marginTop: token('space.300', '24px') }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
          <h2 id="changes-list-heading" style={{ ...h2, margin: 0 }}>
            Register ({view.rows.length})
          </h2>
          <Button isLoading={csvExport.exporting} isDisabled={view.rows.length === 0} onClick={() => void csvExport.run()}>
            Export CSV
          </Button>
        </div>
        <ActionFailed title="The export failed" error={csvExport.error} style={{ marginBottom: token('space.100', '8px') }} />
        {view.truncated ? (
          <div style={{ marginBottom: token('space.100', '8px') }}>
            <SectionMessage appearance="warning" title="Only part of the register is shown">
              <p>This project has more change requests than one page reads; the totals cover the ones listed.</p>
            </SectionMessage>
          </div>
        ) : null}
        {view.rows.length === 0 ? (
          <EmptyState title={filtered ? 'No change request matches these filters' : 'No change requests yet'}>
            {filtered ? (
              <p>Clear the filters to see every change request.</p>
            ) : (
              <p>
                Clients raise them from the Liaison portal; the team creates them as <em>Change request</em> issues.{' '}
                <button type="button" onClick={onOpenSettings} style={linkButton}>
                  Check the change request workflow in Settings
                </button>
              </p>
            )}
          </EmptyState>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="changes-register" style={{ width: '100%', borderCollapse: 'collapse' }}>
              <HiddenCaption>Change requests of {projectKey}</HiddenCaption>
              <ColumnHeadings columns={['Change request', 'Step', 'Requested', 'Impact', 'Outcome', 'Price', 'To acknowledge', 'To decide']} style={{ ...headCell, whiteSpace: 'nowrap' }} />
              <tbody>
                {view.rows.map((row) => (
                  <tr key={row.issueKey} data-testid="change-row" data-issue={row.issueKey}>
                    <th scope="row" style={{ ...td, fontWeight: 'normal', textAlign: 'left' }}>
                      <IssueLink issueKey={row.issueKey} siteUrl={siteUrl} />
                      <div style={{ ...subtle, ...small, maxWidth: 260 }}>{row.summary}</div>
                    </th>
                    <td style={td}>
                      <StepLozenge view={{ step: row.step, statusName: stepLabel(row.step) }} />
                      {row.priceResponse && row.priceResponse.state !== 'accepted' ? (
                        <div data-testid="price-response" style={{ ...small, marginTop: 4 }}>
                          {row.priceResponse.state === 'awaiting' ? `Awaiting client acceptance (by ${formatDay(row.priceResponse.deadline)})` : row.priceResponse.state === 'expired' ? 'Price offer expired' : 'Price declined'}
                        </div>
                      ) : null}
                    </td>
                    <td style={{ ...td, ...small }}>
                      {row.requester.displayName}
                      <div style={subtle}>{formatInstant(row.requestedAt)}</div>
                    </td>
                    <td style={{ ...td, ...small }}>
                      {row.effortDays === undefined && row.scheduleDays === undefined ? (
                        <span style={subtle}>Not assessed</span>
                      ) : (
                        <>
                          {row.effortDays !== undefined ? <div>{days(row.effortDays, 'person-day')}</div> : null}
                          {row.scheduleDays !== undefined ? <div>+{days(row.scheduleDays)} schedule</div> : null}
                        </>
                      )}
                    </td>
                    <td style={td}>{row.outcome ? <Lozenge appearance={OUTCOME_APPEARANCE[row.outcome]}>{OUTCOME_SHORT[row.outcome]}</Lozenge> : <span style={{ ...subtle, ...small }}>Undecided</span>}</td>
                    <td style={{ ...td, whiteSpace: 'nowrap' }}>{row.price ? formatMoney(row.price) : <span style={subtle} aria-label="No price">—</span>}</td>
                    <td style={{ ...td, ...small }}>
                      {row.daysToAcknowledge !== undefined ? days(row.daysToAcknowledge, 'business day') : <span style={subtle}>Not yet</span>}
                      {row.ackOverdue ? (
                        <div>
                          <Lozenge appearance="removed">Overdue</Lozenge>
                        </div>
                      ) : null}
                    </td>
                    <td style={{ ...td, ...small }}>{row.daysToDecide !== undefined ? days(row.daysToDecide, 'business day') : <span style={subtle}>Not yet</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** A button that reads as a link: it goes to another page of the app. */
const linkButton = { background: 'none', border: 0, padding: 0, font: 'inherit', color: token('color.link', '#0C66E4'), textDecoration: 'underline', cursor: 'pointer' };
const h2 = { font: token('font.heading.small', '600 16px/20px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` };


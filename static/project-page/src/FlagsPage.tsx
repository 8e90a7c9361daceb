/**
 * The Red flags page of a project (the team): the severity × category heat map of open flags,
 * red flags opened and resolved per week, the list with filters, and the server's CSV export.
 * Loaded on demand (its chart library stays out of the project page's first load).
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import type { FlagCategory, Severity } from '../../../src/flags/domain/redFlags';
import type { ProjectFlagsView } from '../../../src/flags/resolvers/flags';
import { ChoiceSelect, DateInput } from '../../common/asks/controls';
import { formatInstant } from '../../common/asks/format';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { SeverityLozenge, categoryLabel, sourceText } from '../../common/flags/FlagBits';
import { IssueLink, useSiteUrl } from '../../common/flags/IssueLink';
import { CATEGORIES, SEVERITY_LABELS, SEVERITY_ORDER } from '../../common/flags/vocabulary';
import { ActionFailed, EmptyState, pageLoadOf, PagePending, type PageLoad } from '../../common/states';
import { bodyCell as td, ColumnHeadings, HiddenCaption } from '../../common/table';
import { useCsvExport } from '../../common/useCsvExport';
import { FlagHeatMap } from './FlagHeatMap';
import { FlagsChart } from './FlagsChart';

interface Filters {
  categories: FlagCategory[];
  severities: Severity[];
  status: 'open' | 'resolved' | 'all';
  source: 'manual' | 'rule' | 'all';
  from: string;
  to: string;
}

function payload(projectKey: string, f: Filters): Record<string, unknown> {
  return {
    projectKey,
    status: f.status,
    source: f.source,
    ...(f.categories.length ? { categories: f.categories } : {}),
    ...(f.severities.length ? { severities: f.severities } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

const subtle = { color: token('color.text.subtle', '#44546F') } as const;

function Section({ title, id, children, actions }: { title: string; id: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby={id} style={{ marginTop: token('space.400', '32px') }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
        <h2 id={id} style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: 0 }}>
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A row of checkboxes in a fieldset: the chosen values, or none for "all". */
function CheckGroup<T extends string>({ legend, options, value, onChange }: { legend: string; options: { value: T; label: string }[]; value: T[]; onChange: (value: T[]) => void }) {
  const id = useId();
  return (
    <fieldset style={{ border: 'none', padding: 0, margin: `0 0 ${token('space.150', '12px')}` }}>
      <legend style={{ font: token('font.body.small', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), marginBottom: token('space.050', '4px') }}>
        {legend} <span style={{ fontWeight: 400 }}>(none chosen: all)</span>
      </legend>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: `${token('space.050', '4px')} ${token('space.200', '16px')}` }}>
        {options.map((option) => (
          <span key={option.value} style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.050', '4px') }}>
            <input
              id={`${id}-${option.value}`}
              type="checkbox"
              checked={value.includes(option.value)}
              onChange={(event) => onChange(event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value))}
              style={{ width: 16, height: 16, accentColor: token('color.background.brand.bold', '#0C66E4') }}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </span>
        ))}
      </div>
    </fieldset>
  );
}

export function FlagsPage({ projectKey }: { projectKey: string }) {
  const [filters, setFilters] = useState<Filters>({ categories: [], severities: [], status: 'open', source: 'all', from: '', to: '' });
  const [load, setLoad] = useState<PageLoad<ProjectFlagsView>>({ state: 'loading' });
  const siteUrl = useSiteUrl();
  const csvExport = useCsvExport(async () => {
    const answer = await callResolver<ProjectFlagsView>('flags.project', { ...payload(projectKey, filters), csv: true });
    return answer.ok ? { ok: true, data: { filename: `red-flags-${projectKey}-${answer.data.today}.csv`, csv: answer.data.csv } } : answer;
  });
  const [problem, setProblem] = useState<ErrorBody | null>(null);

  const latest = useLatestAnswer();
  const fetchFlags = useCallback(async () => {
    const turn = latest.read();
    const answer = await callResolver<ProjectFlagsView>('flags.project', payload(projectKey, filters));
    if (!turn.claim()) return;
    // Dates that make no period are shown at the date fields, over the last good view.
    if (!answer.ok && answer.error.code === 'VALIDATION') return setProblem(answer.error);
    setLoad(pageLoadOf(answer));
    if (answer.ok) setProblem(null);
  }, [projectKey, filters, latest]);

  useEffect(() => {
    void fetchFlags();
  }, [fetchFlags]);

  if (load.state !== 'loaded') return <PagePending load={load} loadingLabel="Loading red flags" onRetry={() => void fetchFlags()} />;
  const { view } = load;

  const pick = (category: FlagCategory, severity: Severity) => {
    setFilters({ ...filters, categories: [category], severities: [severity], status: 'open' });
    requestAnimationFrame(() => document.getElementById('flags-list-heading')?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };
  const filtered = filters.categories.length > 0 || filters.severities.length > 0 || filters.source !== 'all' || filters.status !== 'open';
  const fieldError = (name: string) => (problem?.code === 'VALIDATION' ? problem.fields?.[name] : undefined);

  return (
    <div data-testid="flags-page">
      <Heading size="large" as="h1">
        Red flags
      </Heading>
      <p data-testid="flags-meta" style={{ ...subtle, margin: `${token('space.100', '8px')} 0` }}>
        Project {view.projectKey} · {view.openTotal} open flag{view.openTotal === 1 ? '' : 's'}
        {view.rulesActive
          ? view.lastRun
            ? ` · rules last checked every open issue ${formatInstant(view.lastRun.at)}`
            : ' · rules check each issue as it changes, and every open issue daily'
          : ''}
      </p>
      {view.rulesActive ? null : (
        <div style={{ marginBottom: token('space.200', '16px') }}>
          <SectionMessage appearance="information" title="Rules are off in this project">
            <p>Red flags raised by people show here. Rules (blocked on client, schedule slip, stale, untested, scope creep) start checking this project's issues once a manager ticks "Run the red flag rules in this project" in Liaison settings, which first shows what they would raise.</p>
          </SectionMessage>
        </div>
      )}
      {view.issuesTruncated ? (
        <SectionMessage appearance="warning" title="Only part of the project is shown">
          <p>This project has more flagged issues than one page can read; the counts cover the first 1,000.</p>
        </SectionMessage>
      ) : null}

      <Section title="Filters" id="flags-filters-heading">
        <div style={{ display: 'flex', gap: token('space.200', '16px'), flexWrap: 'wrap' }}>
          <div style={{ minWidth: 180 }}>
            <ChoiceSelect label="Status" value={filters.status} options={[{ value: 'open', label: 'Open' }, { value: 'resolved', label: 'Resolved' }, { value: 'all', label: 'Open and resolved' }]} onChange={(status) => setFilters({ ...filters, status: status as Filters['status'] })} />
          </div>
          <div style={{ minWidth: 180 }}>
            <ChoiceSelect label="Raised by" value={filters.source} options={[{ value: 'all', label: 'People and rules' }, { value: 'manual', label: 'People' }, { value: 'rule', label: 'Rules' }]} onChange={(source) => setFilters({ ...filters, source: source as Filters['source'] })} />
          </div>
        </div>
        <CheckGroup legend="Categories" options={CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))} value={filters.categories} onChange={(categories) => setFilters({ ...filters, categories })} />
        <CheckGroup legend="Severities" options={SEVERITY_ORDER.map((value) => ({ value, label: SEVERITY_LABELS[value] }))} value={filters.severities} onChange={(severities) => setFilters({ ...filters, severities })} />
        {filtered ? (
          <Button appearance="subtle" onClick={() => setFilters({ ...filters, categories: [], severities: [], status: 'open', source: 'all' })}>
            Clear filters
          </Button>
        ) : null}
      </Section>

      <Section title="Open flags by category and severity" id="flags-heatmap-heading">
        <div style={{ overflowX: 'auto' }}>
          <FlagHeatMap data={view.heatMap} onPick={pick} />
        </div>
      </Section>

      <Section title="Opened and resolved per week" id="flags-weeks-heading">
        <div style={{ display: 'flex', gap: token('space.200', '16px'), flexWrap: 'wrap', alignItems: 'flex-end' }}>
          <DateInput label="From" value={filters.from || view.period.from} onChange={(from) => setFilters({ ...filters, from })} error={fieldError('from')} />
          <DateInput label="To" value={filters.to || view.period.to} onChange={(to) => setFilters({ ...filters, to })} error={fieldError('to')} />
        </div>
        {problem && !fieldError('from') && !fieldError('to') ? <p role="alert" style={{ color: token('color.text.danger', '#AE2E24') }}>{problem.message}</p> : null}
        <FlagsChart weeks={view.weeks} />
      </Section>

      <Section
        title={`Flags (${view.total})`}
        id="flags-list-heading"
        actions={
          <Button isLoading={csvExport.exporting} onClick={() => void csvExport.run()}>
            Export CSV
          </Button>
        }
      >
        <ActionFailed title="The export failed" error={csvExport.error} style={{ marginBottom: token('space.100', '8px') }} />
        {view.rows.length === 0 ? (
          <EmptyState title={filtered ? 'No flags match these filters' : 'No open red flags'}>
            <p>{filtered ? 'Clear the filters to see every open flag.' : 'Raise one from the Red flags panel of an issue.'}</p>
          </EmptyState>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="flags-list" style={{ width: '100%', borderCollapse: 'collapse' }}>
              <HiddenCaption>Red flags of {view.projectKey}, most urgent first</HiddenCaption>
              <ColumnHeadings columns={['Issue', 'Category', 'Severity', 'Note', 'Raised', 'Status']} />
              <tbody>
                {view.rows.map(({ issueKey, summary, flag }) => (
                  <tr key={`${issueKey}-${flag.id}`} data-testid="flag-row">
                    <td style={td}>
                      <IssueLink issueKey={issueKey} siteUrl={siteUrl} />
                      <div style={{ ...subtle, font: token('font.body.small', '12px/16px sans-serif'), maxWidth: 220 }}>{summary}</div>
                    </td>
                    <td style={td}>
                      {categoryLabel(flag.category)}
                      {flag.clientVisible ? (
                        <div>
                          <Lozenge appearance="inprogress">Visible to client</Lozenge>
                        </div>
                      ) : null}
                    </td>
                    <td style={td}>
                      <SeverityLozenge severity={flag.severity} />
                    </td>
                    <td style={{ ...td, maxWidth: 360, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{flag.note}</td>
                    <td style={{ ...td, font: token('font.body.small', '12px/16px sans-serif') }}>
                      {sourceText(flag, view.names)}
                      <div style={subtle}>{formatInstant(flag.raisedAt)}</div>
                    </td>
                    <td style={td}>
                      {flag.resolvedAt ? (
                        <>
                          <Lozenge appearance="success">Resolved</Lozenge>
                          <div style={{ ...subtle, font: token('font.body.small', '12px/16px sans-serif') }}>
                            {formatInstant(flag.resolvedAt)}
                            {flag.resolution ? `: ${flag.resolution}` : ''}
                          </div>
                        </>
                      ) : (
                        <Lozenge appearance="removed">Open</Lozenge>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {view.listTruncated ? <p style={subtle}>The first {view.rows.length} of {view.total} are listed; the CSV has them all.</p> : null}
          </div>
        )}
      </Section>
    </div>
  );
}


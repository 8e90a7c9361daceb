/**
 * The Client asks page of a project (the team): every open ask grouped by the client person who
 * owes it, overdue first, with days waiting and overdue in the project's business days; filters;
 * per-person stats; the server's CSV; and what pending asks cost over a chosen period.
 */
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import type { ClientGroup } from '../../../src/asks/domain/askOverview';
import type { DelaysView, ProjectAsksView } from '../../../src/asks/resolvers/askPages';
import { ChoiceSelect, DateInput } from '../../common/asks/controls';
import { daysFromToday, formatDay, nameOf, plural, STATE_APPEARANCE, STATE_LABELS } from '../../common/asks/format';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { router } from '../../common/forge';
import { EmptyState, ErrorNotice, Loading, pageLoadOf, Refusal, type PageLoad } from '../../common/states';
import { useCsvExport } from '../../common/useCsvExport';

interface Filters {
  client: string;
  state: '' | 'waiting' | 'question' | 'answered';
  overdueOnly: boolean;
}

function filterPayload(projectKey: string, filters: Filters): Record<string, unknown> {
  return {
    projectKey,
    ...(filters.client ? { client: filters.client } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.overdueOnly ? { overdueOnly: true } : {}),
  };
}

const openIssue = (issueKey: string) => void router.navigate({ target: 'issue', issueKey }).catch(() => undefined);

function IssueLink({ issueKey }: { issueKey: string }) {
  return (
    <a
      href={`/browse/${issueKey}`}
      onClick={(event) => {
        event.preventDefault();
        openIssue(issueKey);
      }}
    >
      {issueKey}
    </a>
  );
}

export function AsksPage({ projectKey }: { projectKey: string }) {
  const [filters, setFilters] = useState<Filters>({ client: '', state: '', overdueOnly: false });
  const [load, setLoad] = useState<PageLoad<ProjectAsksView>>({ state: 'loading' });
  const [clients, setClients] = useState<{ value: string; label: string }[]>([]);
  const csvExport = useCsvExport(async () => {
    const answer = await callResolver<ProjectAsksView>('asks.project', { ...filterPayload(projectKey, filters), csv: true });
    return answer.ok ? { ok: true, data: { filename: `${projectKey}-client-asks-${answer.data.today}.csv`, csv: answer.data.csv } } : answer;
  });

  const latest = useLatestAnswer();
  const fetchAsks = useCallback(async () => {
    const turn = latest.read();
    const answer = await callResolver<ProjectAsksView>('asks.project', filterPayload(projectKey, filters));
    if (!turn.claim()) return;
    setLoad(pageLoadOf(answer));
    // The client filter lists everyone the unfiltered page showed, so choosing one keeps the others offered.
    if (answer.ok && !filters.client) setClients(answer.data.groups.map((g) => ({ value: g.client, label: nameOf(answer.data.names, g.client) })));
  }, [projectKey, filters, latest]);

  useEffect(() => {
    void fetchAsks();
  }, [fetchAsks]);

  if (load.state === 'refused') return <Refusal title={load.message} />;
  return (
    <div data-testid="asks-page">
      <Heading size="large" as="h1">
        Client asks
      </Heading>
      <p style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.100', '8px')} 0 ${token('space.200', '16px')}` }}>
        What the client owes the team on {projectKey}, by person. Days count the project's working days.
      </p>
      <div role="group" aria-label="Filters" style={{ display: 'flex', gap: token('space.200', '16px'), alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <div style={{ minWidth: 220 }}>
          <ChoiceSelect label="Client person" value={filters.client} options={clients} placeholder="Everyone" onChange={(client) => setFilters({ ...filters, client })} />
        </div>
        <div style={{ minWidth: 200 }}>
          <ChoiceSelect
            label="State"
            value={filters.state}
            options={[{ value: 'waiting', label: STATE_LABELS.waiting }, { value: 'question', label: `${STATE_LABELS.question} (the client asked a question)` }, { value: 'answered', label: `${STATE_LABELS.answered} (waiting on the team)` }]}
            placeholder="All open asks"
            onChange={(state) => setFilters({ ...filters, state: state as Filters['state'] })}
          />
        </div>
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.050', '4px'), marginBottom: 22 }}>
          <input type="checkbox" checked={filters.overdueOnly} onChange={(event) => setFilters({ ...filters, overdueOnly: event.target.checked })} style={{ width: 16, height: 16 }} />
          Overdue only
        </label>
        <div style={{ marginBottom: 16 }}>
          <Button onClick={() => void csvExport.run()} isLoading={csvExport.exporting} isDisabled={load.state !== 'loaded'}>
            Export CSV
          </Button>
        </div>
      </div>
      {csvExport.error ? <ErrorNotice error={csvExport.error} /> : null}
      {load.state === 'loading' ? <Loading label="Loading client asks" /> : null}
      {load.state === 'failed' ? <ErrorNotice error={load.error} onRetry={() => void fetchAsks()} /> : null}
      {load.state === 'loaded' ? <Overview view={load.view} /> : null}
      <DelaysSection projectKey={projectKey} />
    </div>
  );
}

function Overview({ view }: { view: ProjectAsksView }) {
  const shown = view.groups.filter((group) => group.rows.length > 0);
  return (
    <div data-testid="asks-overview">
      {view.truncated ? (
        <div style={{ margin: `${token('space.100', '8px')} 0` }}>
          <SectionMessage appearance="information" title="Showing the first asks">
            <p>This project has more asks than one page reads; narrow the list with the filters.</p>
          </SectionMessage>
        </div>
      ) : null}
      {shown.length === 0 ? (
        <EmptyState title="No open asks">
          <p>Nothing matching is waiting on the client. Set an ask from an issue's Client ask panel.</p>
        </EmptyState>
      ) : (
        shown.map((group) => <ClientSection key={group.client} group={group} names={view.names} />)
      )}
    </div>
  );
}

function stats(group: ClientGroup): string {
  const median = group.medianBusinessDaysToAnswer === null ? 'no answers yet' : `median ${plural(group.medianBusinessDaysToAnswer, 'business day')} to answer`;
  return `${group.open} open · ${group.overdue} overdue · ${median}`;
}

function ClientSection({ group, names }: { group: ClientGroup; names: Record<string, string> }) {
  const name = nameOf(names, group.client);
  const headingId = `client-${group.client}`;
  return (
    <section aria-labelledby={headingId} data-testid={`asks-client-${group.client}`} style={{ marginTop: token('space.300', '24px') }}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: token('space.150', '12px'), flexWrap: 'wrap' }}>
        <h2 id={headingId} style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: 0 }}>
          {name}
        </h2>
        <span data-testid="client-stats" style={{ color: token('color.text.subtle', '#44546F') }}>
          {stats(group)}
        </span>
      </div>
      <DynamicTable
        label={`Open asks of ${name}`}
        head={{
          cells: [
            { key: 'issue', content: 'Issue', width: 26 },
            { key: 'ask', content: 'Ask', width: 36 },
            { key: 'state', content: 'State', width: 12 },
            { key: 'due', content: 'Due', width: 10 },
            { key: 'waiting', content: 'Waiting', width: 8 },
            { key: 'overdue', content: 'Overdue', width: 8 },
          ],
        }}
        rows={group.rows.map((row) => ({
          key: row.issueKey,
          cells: [
            { key: 'issue', content: <span><IssueLink issueKey={row.issueKey} /><br /><span style={{ color: token('color.text.subtle', '#44546F') }}>{row.issueSummary}</span></span> },
            { key: 'ask', content: <span style={{ whiteSpace: 'pre-wrap' }}>{row.ask.ask}</span> },
            { key: 'state', content: <Lozenge appearance={row.overdue ? 'removed' : STATE_APPEARANCE[row.ask.state]}>{row.overdue ? 'Overdue' : STATE_LABELS[row.ask.state]}</Lozenge> },
            { key: 'due', content: formatDay(row.ask.due) },
            { key: 'waiting', content: <span style={{ whiteSpace: 'nowrap' }}>{plural(row.businessDaysWaiting, 'day')}</span> },
            { key: 'overdue', content: <span style={{ whiteSpace: 'nowrap' }}>{row.businessDaysOverdue > 0 ? plural(row.businessDaysOverdue, 'day') : '—'}</span> },
          ],
        }))}
      />
    </section>
  );
}

function DelaysSection({ projectKey }: { projectKey: string }) {
  const today = new Date().toISOString().slice(0, 10);
  const [period, setPeriod] = useState({ from: daysFromToday(today, -30), to: today });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [result, setResult] = useState<{ delays: DelaysView; names: Record<string, string> } | null>(null);

  const show = async () => {
    setBusy(true);
    setError(null);
    const answer = await callResolver<ProjectAsksView>('asks.project', { projectKey, delays: period });
    setBusy(false);
    if (!answer.ok || !answer.data.delays) return setError(answer.ok ? { code: 'UPSTREAM', message: 'Liaison sent no delays' } : answer.error);
    setResult({ delays: answer.data.delays, names: answer.data.names });
  };
  const fieldError = (name: string) => (error?.code === 'VALIDATION' ? error.fields?.[`delays.${name}`] : undefined);

  return (
    <section aria-labelledby="delays-heading" data-testid="asks-delays" style={{ marginTop: token('space.500', '40px') }}>
      <Heading size="medium" as="h2" id="delays-heading">
        Delays caused by pending asks
      </Heading>
      <p style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.050', '4px')} 0 ${token('space.150', '12px')}` }}>
        Business days each client person kept asks waiting past their due date, and the work that slipped while an ask was pending.
      </p>
      <div style={{ display: 'flex', gap: token('space.200', '16px'), alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <DateInput label="From" value={period.from} onChange={(from) => setPeriod({ ...period, from })} error={fieldError('from')} />
        <DateInput label="To" value={period.to} onChange={(to) => setPeriod({ ...period, to })} error={fieldError('to')} />
        <div style={{ marginBottom: 16 }}>
          <Button appearance="primary" onClick={() => void show()} isLoading={busy}>
            Show delays
          </Button>
        </div>
      </div>
      {error && !(error.code === 'VALIDATION' && Object.keys(error.fields ?? {}).length > 0) ? <ErrorNotice error={error} /> : null}
      {result ? <DelaysResult delays={result.delays} names={result.names} /> : null}
    </section>
  );
}

function DelaysResult({ delays, names }: { delays: DelaysView; names: Record<string, string> }) {
  const who = (ids: string[]) => ids.map((id) => nameOf(names, id)).join(', ');
  return (
    <div data-testid="delays-result">
      <h3 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.050', '4px')}` }}>
        Waiting past due, {formatDay(delays.period.from)} – {formatDay(delays.period.to)}
      </h3>
      {delays.byClient.length === 0 ? (
        <p>No ask was waiting past its due date in this period.</p>
      ) : (
        <DynamicTable
          label="Business days past due by client person"
          head={{ cells: [{ key: 'client', content: 'Client person' }, { key: 'days', content: 'Business days past due' }, { key: 'asks', content: 'Asks' }, { key: 'issues', content: 'Issues' }] }}
          rows={delays.byClient.map((d) => ({
            key: d.client,
            cells: [
              { key: 'client', content: nameOf(names, d.client) },
              { key: 'days', content: String(d.businessDaysOverdue) },
              { key: 'asks', content: String(d.asks) },
              { key: 'issues', content: <span>{d.issues.map((k, i) => <span key={k}>{i > 0 ? ', ' : ''}<IssueLink issueKey={k} /></span>)}</span> },
            ],
          }))}
        />
      )}
      <h3 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.050', '4px')}` }}>Waiting on the team</h3>
      <p data-testid="delays-team">
        {delays.team.businessDaysWaiting === 0
          ? 'No client waited on the team for an answer to a question in this period.'
          : `Clients waited ${delays.team.businessDaysWaiting} business ${delays.team.businessDaysWaiting === 1 ? 'day' : 'days'} for the team to answer ${delays.team.questions} ${delays.team.questions === 1 ? 'question' : 'questions'} (${delays.team.issues.join(', ')}). These days are the team's, not the client's.`}
      </p>
      <h3 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.050', '4px')}` }}>Issues that slipped while an ask was pending</h3>
      {delays.slippedIssues.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {delays.slippedIssues.map((s) => (
            <li key={s.key}>
              <IssueLink issueKey={s.key} />: due {formatDay(s.dueDate)}, {plural(s.businessDaysLate, 'business day')} late, waiting on {who(s.pendingClients)}
            </li>
          ))}
        </ul>
      )}
      <h3 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.050', '4px')}` }}>Sprint commitments that slipped</h3>
      {delays.slippedCommitments.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {delays.slippedCommitments.map((s) => (
            <li key={`${s.sprintId}-${s.key}`}>
              {s.sprintName}: <IssueLink issueKey={s.key} />, waiting on {who(s.pendingClients)}
            </li>
          ))}
        </ul>
      )}
      {delays.sprintsTruncated ? <p style={{ color: token('color.text.subtle', '#44546F') }}>Only the most recent boards and sprints were read.</p> : null}
    </div>
  );
}

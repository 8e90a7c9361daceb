/**
 * Every saved report of the project, newest first, one row per period and audience with its versions
 * (drafts and published snapshots) inside, and how each
 * period's forecast compared with what was then done (from the list's summaries: no snapshot is
 * read for it). Opening one loads it into the page.
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { formatInstant } from '../../common/asks/format';
import { AUDIENCE_LABELS, num, PERIOD_KIND_LABELS, periodText, type ReportSummary } from '../../common/reports/api';
import { ForecastChart, Measured } from '../../common/reports/charts';
import { DataTable, None, small, StatusLozenge, subtle } from '../../common/reports/parts';
import { ErrorNotice, Loading } from '../../common/states';
import { reportsWithVersions } from '../../../src/reports/domain/history';

/** Periods shown in the forecast-vs-actual chart (the newest). */
const FORECAST_POINTS = 8;

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; snapshots: ReportSummary[]; names: Record<string, string> };

type Comparison = NonNullable<ReportSummary['previousForecast']>;

/** Published (with when) or draft. */
function StateLozenge({ snapshot: s }: { snapshot: ReportSummary }) {
  return s.status === 'published' ? (
    <span>
      <Lozenge appearance="success">Published</Lozenge>
      {s.publishedAt ? <div style={{ ...small, ...subtle }}>{formatInstant(s.publishedAt)}</div> : null}
    </span>
  ) : (
    <Lozenge appearance="default">Draft</Lozenge>
  );
}

/** "Within: 12–18 expected, 15 done". */
function forecastText(f: Comparison | undefined): string {
  if (!f) return '—';
  const verdict = f.within ? 'Within' : f.actualPoints < f.expectedPoints.low ? 'Below' : 'Above';
  return `${verdict}: ${num(f.expectedPoints.low)}–${num(f.expectedPoints.high)} expected, ${num(f.actualPoints)} done`;
}

export function ReportHistory({ projectKey, refreshKey, currentId, opening, onOpen }: { projectKey: string; refreshKey: number; currentId?: string; opening: string | null; onOpen: (reportId: string) => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  // Reports whose versions are shown (by period and audience).
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setExpanded((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  // Each save and publish reads the history again: only the latest read may set it.
  const latest = useLatestAnswer();
  const fetchHistory = useCallback(async () => {
    const turn = latest.read();
    const answer = await callResolver<{ snapshots: ReportSummary[]; names?: Record<string, string> }>('reports.list', { projectKey });
    if (!turn.claim()) return;
    setLoad(answer.ok ? { state: 'loaded', snapshots: answer.data.snapshots, names: answer.data.names ?? {} } : { state: 'failed', error: answer.error });
  }, [projectKey, latest]);
  useEffect(() => {
    void fetchHistory();
  }, [fetchHistory, refreshKey]);

  if (load.state === 'loading') return <Loading label="Loading the report history" />;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void fetchHistory()} />;
  const { snapshots, names } = load;
  if (snapshots.length === 0) return <None>No report has been saved yet. Generate one above and save it as a draft.</None>;

  // One row per report (period and audience), its versions inside. How each period's forecast turned
  // out comes with the list (`previousForecast`, absent when no earlier report forecast that period):
  // no snapshot is read for it. The chart takes each report's current version, the latest few, oldest first.
  const reports = reportsWithVersions(snapshots);
  const chartRows = reports
    .map((r) => r.current)
    .filter((s): s is ReportSummary & { previousForecast: Comparison } => s.previousForecast !== undefined)
    .slice(0, FORECAST_POINTS)
    .sort((a, b) => (a.period.from < b.period.from ? -1 : a.period.from > b.period.from ? 1 : 0))
    .map((s) => {
      const f = s.previousForecast;
      return { label: `${periodText(s.period).replace(/,? \d{4}$/, '')} (${AUDIENCE_LABELS[s.audience].toLowerCase()})`, low: f.expectedPoints.low, high: f.expectedPoints.high, actual: f.actualPoints };
    });
  const openButton = (s: ReportSummary, which: 'report' | 'version') =>
    s.id === currentId ? (
      <span style={{ ...small, ...subtle }}>Open above</span>
    ) : (
      <Button appearance="subtle" isLoading={opening === s.id} onClick={() => onOpen(s.id)} aria-label={`Open ${which === 'version' ? `version ${s.version} of ` : ''}the ${AUDIENCE_LABELS[s.audience].toLowerCase()} report for ${periodText(s.period)} (${s.status})`}>
        Open
      </Button>
    );
  const savedText = (s: ReportSummary) => (
    <>
      {formatInstant(s.generatedAt)}
      <div style={{ ...small, ...subtle }}>
        {s.source === 'schedule' ? 'by the report schedule' : names[s.generatedBy] ? `by ${names[s.generatedBy]}` : ''} · version {s.version}
      </div>
    </>
  );

  return (
    <div data-testid="report-history">
      <DataTable
        caption="Saved reports, newest first"
        testId="report-history-table"
        columns={['Period', 'Audience', 'State', 'Status', 'Saved', 'Forecast vs actual', '']}
        rows={reports.map(({ key, current: s, versions }) => [
          <>
            {periodText(s.period)}
            <div style={{ ...small, ...subtle }}>{PERIOD_KIND_LABELS[s.period.kind]}</div>
          </>,
          AUDIENCE_LABELS[s.audience],
          <>
            <StateLozenge snapshot={s} />
            {versions.length > 1 && versions[0].status === 'draft' && s.status === 'published' ? <div style={{ ...small, ...subtle }}>A newer draft is saved</div> : null}
          </>,
          <StatusLozenge status={s.overall} bold={false} />,
          savedText(s),
          forecastText(s.previousForecast),
          <Inline space="space.050" alignBlock="center" shouldWrap>
            {openButton(s, 'report')}
            {versions.length > 1 ? (
              <Button
                appearance="subtle"
                aria-expanded={expanded.has(key)}
                aria-controls={`versions-${key}`}
                aria-label={`${expanded.has(key) ? 'Hide the' : 'Show the'} ${versions.length} versions of the ${AUDIENCE_LABELS[s.audience].toLowerCase()} report for ${periodText(s.period)}`}
                onClick={() => toggle(key)}
              >
                {expanded.has(key) ? 'Hide versions' : `Show ${versions.length} versions`}
              </Button>
            ) : null}
          </Inline>,
        ])}
        details={reports.map(({ key, current, versions }) =>
          versions.length > 1 && expanded.has(key) ? (
            <ul id={`versions-${key}`} data-testid="report-versions" aria-label={`Versions of the ${AUDIENCE_LABELS[current.audience].toLowerCase()} report for ${periodText(current.period)}`} style={{ listStyle: 'none', margin: 0, paddingInlineStart: token('space.300', '24px') }}>
              {versions.map((v) => (
                <li key={v.id} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.150', '12px'), padding: `${token('space.050', '4px')} 0` }}>
                  <StateLozenge snapshot={v} />
                  <span>{savedText(v)}</span>
                  <StatusLozenge status={v.overall} bold={false} />
                  {openButton(v, 'version')}
                </li>
              ))}
            </ul>
          ) : null,
        )}
      />
      <h3 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.300', '24px')} 0 ${token('space.100', '8px')}` }}>Forecast vs actual</h3>
      {chartRows.length === 0 ? (
        <None>Each report forecasts the next period; once a later report covers that period, the forecast and what was done show here.</None>
      ) : (
        <Measured>{(width) => <ForecastChart rows={chartRows} width={Math.min(width, 760, 320 + chartRows.length * 110)} />}</Measured>
      )}
    </div>
  );
}

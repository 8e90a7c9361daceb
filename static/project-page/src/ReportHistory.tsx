/**
 * Every saved report of the project, newest first (drafts and published snapshots), and how each
 * period's forecast compared with what was then done (from the list's summaries: no snapshot is
 * read for it). Opening one loads it into the page.
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { formatInstant } from '../../common/asks/format';
import { AUDIENCE_LABELS, num, PERIOD_KIND_LABELS, periodText, type ReportSummary } from '../../common/reports/api';
import { ForecastChart, Measured } from '../../common/reports/charts';
import { DataTable, None, small, StatusLozenge, subtle } from '../../common/reports/parts';
import { ErrorNotice, Loading } from '../../common/states';

/** Periods shown in the forecast-vs-actual chart (the newest). */
const FORECAST_POINTS = 8;

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; snapshots: ReportSummary[]; names: Record<string, string> };

type Comparison = NonNullable<ReportSummary['previousForecast']>;

/** "Within: 12–18 expected, 15 done". */
function forecastText(f: Comparison | undefined): string {
  if (!f) return '—';
  const verdict = f.within ? 'Within' : f.actualPoints < f.expectedPoints.low ? 'Below' : 'Above';
  return `${verdict}: ${num(f.expectedPoints.low)}–${num(f.expectedPoints.high)} expected, ${num(f.actualPoints)} done`;
}

export function ReportHistory({ projectKey, refreshKey, currentId, opening, onOpen }: { projectKey: string; refreshKey: number; currentId?: string; opening: string | null; onOpen: (reportId: string) => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const fetchHistory = useCallback(async () => {
    const answer = await callResolver<{ snapshots: ReportSummary[]; names?: Record<string, string> }>('reports.list', { projectKey });
    setLoad(answer.ok ? { state: 'loaded', snapshots: answer.data.snapshots, names: answer.data.names ?? {} } : { state: 'failed', error: answer.error });
  }, [projectKey]);
  useEffect(() => {
    void fetchHistory();
  }, [fetchHistory, refreshKey]);

  if (load.state === 'loading') return <Loading label="Loading the report history" />;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void fetchHistory()} />;
  const { snapshots, names } = load;
  if (snapshots.length === 0) return <None>No report has been saved yet. Generate one above and save it as a draft.</None>;

  // How each period's forecast turned out comes with the list (`previousForecast`, absent when no
  // earlier report forecast that period): no snapshot is read for it. The chart takes one point per
  // period and audience (the published snapshot, else the newest draft), the latest few, oldest first.
  const latestPerPeriod = new Map<string, ReportSummary>();
  for (const s of snapshots) {
    const key = `${s.audience}_${s.period.from}_${s.period.to}`;
    const held = latestPerPeriod.get(key);
    if (!held || (s.status === 'published' && held.status !== 'published')) latestPerPeriod.set(key, s);
  }
  const chartRows = [...latestPerPeriod.values()]
    .filter((s): s is ReportSummary & { previousForecast: Comparison } => s.previousForecast !== undefined)
    .slice(0, FORECAST_POINTS)
    .sort((a, b) => (a.period.from < b.period.from ? -1 : a.period.from > b.period.from ? 1 : 0))
    .map((s) => {
      const f = s.previousForecast;
      return { label: `${periodText(s.period).replace(/,? \d{4}$/, '')} (${AUDIENCE_LABELS[s.audience].toLowerCase()})`, low: f.expectedPoints.low, high: f.expectedPoints.high, actual: f.actualPoints };
    });

  return (
    <div data-testid="report-history">
      <DataTable
        caption="Saved reports, newest first"
        testId="report-history-table"
        columns={['Period', 'Audience', 'State', 'Status', 'Saved', 'Forecast vs actual', '']}
        rows={snapshots.map((s) => [
          <>
            {periodText(s.period)}
            <div style={{ ...small, ...subtle }}>{PERIOD_KIND_LABELS[s.period.kind]}</div>
          </>,
          AUDIENCE_LABELS[s.audience],
          s.status === 'published' ? (
            <>
              <Lozenge appearance="success">Published</Lozenge>
              {s.publishedAt ? <div style={{ ...small, ...subtle }}>{formatInstant(s.publishedAt)}</div> : null}
            </>
          ) : (
            <Lozenge appearance="default">Draft</Lozenge>
          ),
          <StatusLozenge status={s.overall} bold={false} />,
          <>
            {formatInstant(s.generatedAt)}
            <div style={{ ...small, ...subtle }}>
              {s.source === 'schedule' ? 'by the report schedule' : names[s.generatedBy] ? `by ${names[s.generatedBy]}` : ''} · version {s.version}
            </div>
          </>,
          forecastText(s.previousForecast),
          s.id === currentId ? (
            <span style={{ ...small, ...subtle }}>Open above</span>
          ) : (
            <Button appearance="subtle" isLoading={opening === s.id} onClick={() => onOpen(s.id)} aria-label={`Open the ${AUDIENCE_LABELS[s.audience].toLowerCase()} report for ${periodText(s.period)} (${s.status})`}>
              Open
            </Button>
          ),
        ])}
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

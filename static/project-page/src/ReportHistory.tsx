/**
 * Every saved report of the project, newest first (drafts and published snapshots), and how each
 * period's forecast compared with what was then done. Opening one loads it into the page.
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import type { ReportSnapshot } from '../../../src/domain/report/model';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { formatInstant } from '../../common/asks/format';
import { AUDIENCE_LABELS, num, PERIOD_KIND_LABELS, periodText, type ReportSummary } from '../../common/reports/api';
import { ForecastChart, Measured } from '../../common/reports/charts';
import { DataTable, None, small, StatusLozenge, subtle } from '../../common/reports/parts';
import { ErrorNotice, Loading } from '../../common/states';

/** Snapshots read for the forecast comparison when the list does not carry it. */
const FORECAST_LOOKUPS = 6;

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; snapshots: ReportSummary[]; names: Record<string, string> };

type Comparison = NonNullable<ReportSummary['previousForecast']>;

/** "Within: 12–18 expected, 15 done". */
function forecastText(f: Comparison | null | undefined): string {
  if (f === undefined) return '…';
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

  // How each recent period's forecast turned out: from the list when the server sends it, else
  // from the snapshots themselves (the latest of each of the last few periods, a few calls).
  const [comparisons, setComparisons] = useState<Map<string, Comparison | null>>(new Map());
  useEffect(() => {
    if (load.state !== 'loaded') return undefined;
    let live = true;
    const latestPerPeriod = new Map<string, ReportSummary>();
    for (const s of load.snapshots) {
      const key = `${s.audience}_${s.period.from}_${s.period.to}`;
      const held = latestPerPeriod.get(key);
      if (!held || (s.status === 'published' && held.status !== 'published')) latestPerPeriod.set(key, s);
    }
    const wanted = [...latestPerPeriod.values()].slice(0, FORECAST_LOOKUPS);
    void Promise.all(
      wanted.map(async (s): Promise<[string, Comparison | null]> => {
        if (s.previousForecast !== undefined) return [s.id, s.previousForecast ?? null];
        const answer = await callResolver<ReportSnapshot>('reports.get', { projectKey, reportId: s.id });
        return [s.id, answer.ok ? (answer.data.model.deviation.previousForecast ?? null) : null];
      }),
    ).then((pairs) => {
      if (live) setComparisons(new Map(pairs));
    });
    return () => {
      live = false;
    };
  }, [load, projectKey]);

  if (load.state === 'loading') return <Loading label="Loading the report history" />;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void fetchHistory()} />;
  const { snapshots, names } = load;
  if (snapshots.length === 0) return <None>No report has been saved yet. Generate one above and save it as a draft.</None>;

  // One point per period and audience that has a comparison, oldest first.
  const chartRows = snapshots
    .filter((s) => comparisons.get(s.id))
    .sort((a, b) => (a.period.from < b.period.from ? -1 : a.period.from > b.period.from ? 1 : 0))
    .map((s) => {
      const f = comparisons.get(s.id)!;
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
          comparisons.has(s.id) ? forecastText(comparisons.get(s.id)) : s.previousForecast !== undefined ? forecastText(s.previousForecast) : '—',
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

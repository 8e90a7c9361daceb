/**
 * The report's charts in the Custom UI: the shared visx components of src/reports/export/charts (the same
 * ones the HTML and PDF exports render on the server) with Atlaskit token colours so they follow
 * Jira's light and dark themes, `Measured` to follow the page's width, and the forecast-vs-actual
 * chart of the history, which only the Reports page shows.
 */
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { token } from '@atlaskit/tokens';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ChartColours } from '../../../src/reports/export/charts/theme';

export { BurnUpChart, EpicChart, HoursChart, SprintChart } from '../../../src/reports/export/charts/ReportCharts';

/** The shared charts' colours as design tokens (fallbacks: the charts' own palette). */
export const CHART_COLOURS: ChartColours = {
  scope: token('color.chart.neutral', '#8590A2'),
  done: token('color.chart.success.bold', '#1F845A'),
  committed: token('color.chart.blue.bold', '#1D7AFC'),
  completed: token('color.chart.success.bold', '#1F845A'),
  doneWithAdded: token('color.chart.lime.bold', '#94C748'),
  previous: token('color.chart.gray.bold', '#A5ADBA'),
  current: token('color.chart.purple.bold', '#6E5DC6'),
  danger: token('color.chart.danger.bold', '#C9372C'),
  text: token('color.text.subtle', '#44546F'),
  grid: token('color.border', '#DCDFE4'),
  track: token('color.background.neutral', '#F1F2F4'),
};

const MARGIN = { top: 12, right: 16, bottom: 40, left: 44 };
const text = token('color.text.subtle', '#44546F');
const grid = token('color.border', '#091E4224');
const tickLabel = { fill: text, fontSize: 11, fontFamily: 'inherit' } as const;


/** Its children drawn at the width of the page (between 320 and 1000 pixels). */
export function Measured({ children, fallback = 720 }: { children: (width: number) => ReactNode; fallback?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver !== 'function') return undefined;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.min(1000, Math.max(320, Math.floor(entry.contentRect.width)))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return <div ref={ref}>{children(width)}</div>;
}

function Legend({ items }: { items: { label: string; colour: string; dashed?: boolean }[] }) {
  return (
    <div aria-hidden="true" style={{ display: 'flex', gap: 16, margin: '4px 0 8px', fontSize: 12, color: text }}>
      {items.map((item) => (
        <span key={item.label} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span style={{ width: 14, height: item.dashed ? 0 : 10, borderTop: item.dashed ? `2px dashed ${item.colour}` : undefined, background: item.dashed ? undefined : item.colour, borderRadius: 2, display: 'inline-block' }} />
          {item.label}
        </span>
      ))}
    </div>
  );
}

function Frame({ width, height, title, description, testId, children }: { width: number; height: number; title: string; description: string; testId: string; children: ReactNode }) {
  const titleId = useId();
  const descId = useId();
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`} data-testid={testId} style={{ display: 'block', maxWidth: '100%', height: 'auto' }}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {children}
    </svg>
  );
}

/** Each report's forecast range (a band) and what was then done (a dot), oldest first. */
export function ForecastChart({ rows, width, height = 200 }: { rows: { label: string; low: number; high: number; actual: number }[]; width: number; height?: number }) {
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...rows.flatMap((r) => [r.high, r.actual]));
  const x = scaleBand<string>({ domain: rows.map((r) => r.label), range: [0, innerWidth], padding: 0.4 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const description = rows.map((r) => `${r.label}: forecast ${r.low} to ${r.high} points, done ${r.actual}`).join('; ');
  return (
    <div>
      <Legend
        items={[
          { label: 'Forecast range (points)', colour: CHART_COLOURS.committed },
          { label: 'Done, within the forecast', colour: CHART_COLOURS.done },
          { label: 'Done, outside it', colour: CHART_COLOURS.danger },
        ]}
      />
      <Frame width={width} height={height} title="Forecast range and points done, period by period" description={description} testId="chart-forecast">
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(5).map((tick) => (
            <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke={grid} />
          ))}
          {rows.map((r) => {
            const left = x(r.label) ?? 0;
            const within = r.actual >= r.low && r.actual <= r.high;
            return (
              <Group key={r.label} left={left}>
                <rect x={0} y={y(r.high)} width={x.bandwidth()} height={Math.max(2, y(r.low) - y(r.high))} fill={CHART_COLOURS.committed} opacity={0.35} rx={2} />
                <circle cx={x.bandwidth() / 2} cy={y(r.actual)} r={5} fill={within ? CHART_COLOURS.done : CHART_COLOURS.danger} />
              </Group>
            );
          })}
          <AxisLeft scale={y} numTicks={5} stroke={text} tickStroke={text} tickLabelProps={{ ...tickLabel, textAnchor: 'end', dx: '-0.25em', dy: '0.33em' }} />
          <AxisBottom top={innerHeight} scale={x} stroke={text} tickStroke={text} tickLabelProps={{ ...tickLabel, textAnchor: 'middle' }} />
        </Group>
      </Frame>
    </div>
  );
}

/**
 * Red flags opened and resolved per week, as grouped bars (visx: d3 scales and SVG drawn by
 * React). The SVG is one image with a title and a description that say what it shows; the numbers
 * themselves are in a table right under it for keyboard and screen-reader users.
 */
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { token } from '@atlaskit/tokens';
import { useEffect, useId, useRef, useState } from 'react';
import { formatDay } from '../../common/asks/format';

export interface WeekCount {
  weekStart: string;
  opened: number;
  resolved: number;
}

const SERIES = [
  { key: 'opened', label: 'Opened', colour: token('color.chart.danger.bold', '#C9372C') },
  { key: 'resolved', label: 'Resolved', colour: token('color.chart.success.bold', '#1F845A') },
] as const;

const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 40, left: 40 };

/** "16 Nov" for a week starting Monday 2026-11-16. */
function shortWeek(weekStart: string): string {
  return formatDay(weekStart).replace(/,?\s*\d{4}$/, '');
}

/** The width of the element, following it as the page resizes. */
function useWidth(fallback: number): [React.RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver !== 'function') return undefined;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(320, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function FlagsChart({ weeks }: { weeks: WeekCount[] }) {
  const [box, measured] = useWidth(720);
  const width = Math.min(measured, 1100);
  const titleId = useId();
  const descId = useId();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...weeks.flatMap((w) => [w.opened, w.resolved]));
  const x = scaleBand<string>({ domain: weeks.map((w) => w.weekStart), range: [0, innerWidth], padding: 0.25 });
  const series = scaleBand<string>({ domain: SERIES.map((s) => s.key), range: [0, x.bandwidth()], padding: 0.1 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const opened = weeks.reduce((sum, w) => sum + w.opened, 0);
  const resolved = weeks.reduce((sum, w) => sum + w.resolved, 0);
  // Label every week when they fit, else every few.
  const every = Math.max(1, Math.ceil(weeks.length / Math.max(1, Math.floor(innerWidth / 56))));
  const text = token('color.text.subtle', '#44546F');
  const tickLabel = { fill: text, fontSize: 11, fontFamily: 'inherit' } as const;

  return (
    <div ref={box}>
      <div aria-hidden="true" style={{ display: 'flex', gap: token('space.200', '16px'), marginBottom: token('space.100', '8px'), font: token('font.body.small', '12px/16px sans-serif') }}>
        {SERIES.map((s) => (
          <span key={s.key} style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.050', '4px') }}>
            <span style={{ width: 12, height: 12, background: s.colour, borderRadius: 2, display: 'inline-block' }} />
            {s.label}
          </span>
        ))}
      </div>
      <svg width={width} height={HEIGHT} role="img" aria-labelledby={`${titleId} ${descId}`} data-testid="flags-chart" style={{ display: 'block', maxWidth: '100%', height: 'auto' }} viewBox={`0 0 ${width} ${HEIGHT}`}>
        <title id={titleId}>Red flags opened and resolved per week</title>
        <desc id={descId}>
          {weeks.length} weeks from {weeks.length ? formatDay(weeks[0].weekStart) : ''}: {opened} opened and {resolved} resolved. The table below lists each week.
        </desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(Math.min(5, max)).map((tick) => (
            <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke={token('color.border', '#091E4224')} />
          ))}
          {weeks.map((week) => (
            <Group key={week.weekStart} left={x(week.weekStart) ?? 0}>
              {SERIES.map((s) => {
                const value = week[s.key];
                const top = y(value);
                return <Bar key={s.key} x={series(s.key) ?? 0} y={top} width={series.bandwidth()} height={Math.max(0, innerHeight - top)} fill={s.colour} rx={2} />;
              })}
            </Group>
          ))}
          <AxisLeft scale={y} numTicks={Math.min(5, max)} tickFormat={(v) => String(v)} stroke={text} tickStroke={text} tickLabelProps={{ ...tickLabel, textAnchor: 'end', dx: '-0.25em', dy: '0.33em' }} />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={weeks.filter((_, i) => i % every === 0).map((w) => w.weekStart)}
            tickFormat={(v) => shortWeek(String(v))}
            stroke={text}
            tickStroke={text}
            tickLabelProps={{ ...tickLabel, textAnchor: 'middle' }}
          />
        </Group>
      </svg>
      <button
        type="button"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable(!showTable)}
        style={{ display: 'block', background: 'none', border: 'none', padding: 0, color: token('color.link', '#0C66E4'), cursor: 'pointer', font: token('font.body', '14px/20px sans-serif'), marginTop: token('space.100', '8px') }}
      >
        {showTable ? 'Hide' : 'Show'} the numbers
      </button>
      <table id={tableId} hidden={!showTable} data-testid="flags-chart-table" style={{ borderCollapse: 'collapse', marginTop: token('space.100', '8px') }}>
        <caption style={{ textAlign: 'left', font: token('font.body.small', '12px/16px sans-serif'), color: text }}>Red flags opened and resolved per week (weeks start on Monday)</caption>
        <thead>
          <tr>
            <th scope="col" style={cell}>Week of</th>
            <th scope="col" style={cell}>Opened</th>
            <th scope="col" style={cell}>Resolved</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.weekStart}>
              <th scope="row" style={{ ...cell, fontWeight: 400 }}>{formatDay(w.weekStart)}</th>
              <td style={cell}>{w.opened}</td>
              <td style={cell}>{w.resolved}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const cell = { textAlign: 'left' as const, padding: `${token('space.050', '4px')} ${token('space.150', '12px')}`, borderBottom: `1px solid ${token('color.border', '#091E4224')}` };

/** @jsxImportSource react */
// React's automatic JSX runtime in every compiler: Forge's bundler forces classic JSX with UI Kit 1's ForgeUI.createElement (see README, Deploying).
/**
 * The report's charts, drawn with visx (d3 scales, SVG drawn by React): burn-up, committed vs
 * completed per sprint, hours this period vs the previous one, and epic completion.
 *
 * SHARED: the server renders these to SVG strings (src/reports/export/charts/chartSvg.tsx, for the HTML
 * and PDF exports) and the Custom UI can import them from static/common/reports (wrap them in a
 * width-measuring element and pass `colours` built from Atlaskit tokens). So they hold no browser
 * state, take their size as props, draw their legend inside the SVG (a PDF has no HTML around
 * it) and import nothing but React, visx and the dependency-free model types.
 *
 * Each chart is one labelled image (`role="img"`, a title and a description with the numbers).
 */
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear, scalePoint } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';
import { useId, type ReactNode } from 'react';
import type { BurnUpPoint, EpicHours, EpicProgress, PersonHours, SprintProgress } from '../../domain/model';
import { clip, DEFAULT_CHART_COLOURS, num, shortDay, type ChartColours } from './theme';

export interface ChartStyle {
  width: number;
  height?: number;
  colours?: ChartColours;
  /** Font of the labels: `inherit` in a page, a font name in a PDF. */
  fontFamily?: string;
  /** Label size in the SVG's units (pixels in a page, points in a PDF). */
  fontSize?: number;
  /** Overrides the chart's own title (the description still gives the numbers). */
  title?: string;
}

const LEGEND_HEIGHT = 20;

interface LegendItem {
  label: string;
  colour: string;
  dashed?: boolean;
}

// Not named Frame: forge lint takes any <Frame> for UI Kit's Frame component and refuses it without a `resource`.
function ChartFrame({ style, title, description, testId, legend, children }: { style: ChartStyle; title: string; description: string; testId: string; legend: LegendItem[]; children: ReactNode }) {
  const titleId = useId();
  const descId = useId();
  const { width } = style;
  const height = style.height ?? 220;
  const colours = style.colours ?? DEFAULT_CHART_COLOURS;
  const fontSize = style.fontSize ?? 11;
  const fontFamily = style.fontFamily ?? 'inherit';
  let x = 0;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`} data-testid={testId} style={{ display: 'block', maxWidth: '100%', height: 'auto' }}>
      <title id={titleId}>{style.title ?? title}</title>
      <desc id={descId}>{description}</desc>
      <g aria-hidden="true">
        {legend.map((item) => {
          const left = x;
          // Swatch, gap, label at roughly 0.55em a character, then a gap before the next item.
          x += 14 + 6 + Math.ceil(item.label.length * fontSize * 0.55) + 16;
          return (
            <g key={item.label} transform={`translate(${left}, 4)`}>
              {item.dashed ? (
                <line x1={0} x2={14} y1={fontSize / 2} y2={fontSize / 2} stroke={item.colour} strokeWidth={2} strokeDasharray="4 3" />
              ) : (
                <rect x={0} y={fontSize / 2 - 5} width={14} height={10} rx={2} fill={item.colour} />
              )}
              <text x={20} y={fontSize * 0.85} fontSize={fontSize} fontFamily={fontFamily} fill={colours.text}>
                {item.label}
              </text>
            </g>
          );
        })}
      </g>
      {children}
    </svg>
  );
}

/** Room for the value axis's title on the left and the category axis's title at the bottom. */
const MARGIN = { top: LEGEND_HEIGHT + 10, right: 16, bottom: 40, left: 54 };

/**
 * The axes' look, with a title on each ("Story points", "Date"): a reader of the printed chart
 * knows what the numbers count without the legend. `rotate`: category labels slanted so long
 * ones (epic keys, names) are shown whole rather than cut.
 */
function axisProps(style: ChartStyle, titles: { left: string; bottom: string }, rotate = false) {
  const colours = style.colours ?? DEFAULT_CHART_COLOURS;
  const fontSize = style.fontSize ?? 11;
  const tick = { fill: colours.text, fontSize, fontFamily: style.fontFamily ?? 'inherit' };
  const title = { fill: colours.text, fontSize, fontFamily: style.fontFamily ?? 'inherit', fontWeight: 600, textAnchor: 'middle' as const };
  return {
    colours,
    left: { stroke: colours.text, tickStroke: colours.text, label: titles.left, labelOffset: fontSize * 2.4, labelProps: title, tickLabelProps: { ...tick, textAnchor: 'end' as const, dx: '-0.25em', dy: '0.33em' } },
    bottom: {
      stroke: colours.text,
      tickStroke: colours.text,
      label: titles.bottom,
      labelOffset: rotate ? fontSize * 4.2 : fontSize * 0.9,
      labelProps: title,
      tickLabelProps: rotate ? { ...tick, textAnchor: 'end' as const, angle: -30, dx: '-0.2em', dy: '0.2em' } : { ...tick, textAnchor: 'middle' as const },
    },
  };
}

/** Scope and done story points over the period: the gap between the lines is the work left. */
export function BurnUpChart({ points, ...style }: ChartStyle & { points: BurnUpPoint[] }) {
  const height = style.height ?? 220;
  const innerWidth = style.width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const { colours, left, bottom } = axisProps(style, { left: 'Story points', bottom: 'Date' });
  const max = Math.max(1, ...points.flatMap((p) => [p.scopePoints, p.donePoints]));
  const x = scalePoint<string>({ domain: points.map((p) => p.date), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(innerWidth / 56))));
  const first = points[0];
  const last = points[points.length - 1];
  const description =
    first && last
      ? `${points.length} points in time from ${shortDay(first.date)} to ${shortDay(last.date)}: scope went from ${num(first.scopePoints)} to ${num(last.scopePoints)} story points, done from ${num(first.donePoints)} to ${num(last.donePoints)}.`
      : 'No burn-up data for this period.';
  return (
    <ChartFrame
      style={style}
      title="Burn-up: scope and done story points"
      description={description}
      testId="chart-burn-up"
      legend={[
        { label: 'Scope (points)', colour: colours.scope, dashed: true },
        { label: 'Done (points)', colour: colours.done },
      ]}
    >
      <Group left={MARGIN.left} top={MARGIN.top}>
        {y.ticks(5).map((tick) => (
          <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke={colours.grid} strokeWidth={0.75} />
        ))}
        <LinePath data={points} x={(p) => x(p.date) ?? 0} y={(p) => y(p.scopePoints)} stroke={colours.scope} strokeWidth={2} strokeDasharray="6 4" fill="none" />
        <LinePath data={points} x={(p) => x(p.date) ?? 0} y={(p) => y(p.donePoints)} stroke={colours.done} strokeWidth={2.5} fill="none" />
        {points.map((p) => (
          <circle key={p.date} cx={x(p.date) ?? 0} cy={y(p.donePoints)} r={2.5} fill={colours.done} />
        ))}
        <AxisLeft scale={y} numTicks={5} {...left} />
        <AxisBottom top={innerHeight} scale={x} tickValues={points.filter((_, i) => i % every === 0).map((p) => p.date)} tickFormat={(v) => shortDay(String(v))} {...bottom} />
      </Group>
    </ChartFrame>
  );
}

interface Series<T> {
  name: string;
  colour: string;
  value: (row: T) => number;
}

/** Two bars per category, side by side. */
function GroupedBars<T>({ rows, label, series, unit, axis, title, description, testId, style }: { rows: T[]; label: (row: T) => string; series: Series<T>[]; unit: string; axis: string; title: string; description: string; testId: string; style: ChartStyle }) {
  const height = style.height ?? 220;
  const fontSize = style.fontSize ?? 11;
  const innerWidth = style.width - MARGIN.left - MARGIN.right;
  const x = scaleBand<string>({ domain: rows.map(label), range: [0, innerWidth], padding: 0.3 });
  const maxLabel = Math.max(4, Math.floor(x.bandwidth() / (fontSize * 0.55)));
  // A label too long for its bar is slanted and shown whole (up to ROTATED_LABEL_CHARS), never cut to "SHO…".
  const rotate = rows.some((row) => fitLabel(label(row), maxLabel) !== label(row));
  const bottomMargin = MARGIN.bottom + (rotate ? fontSize * 3.4 : 0);
  const innerHeight = height - MARGIN.top - bottomMargin;
  const { colours, left, bottom } = axisProps(style, { left: capitalise(unit), bottom: axis }, rotate);
  const max = Math.max(1, ...rows.flatMap((row) => series.map((s) => s.value(row))));
  const inner = scaleBand<string>({ domain: series.map((s) => s.name), range: [0, x.bandwidth()], padding: 0.1 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  return (
    <ChartFrame style={style} title={title} description={description} testId={testId} legend={series.map((s) => ({ label: series.length > 2 ? s.name : `${s.name} (${unit})`, colour: s.colour }))}>
      <Group left={MARGIN.left} top={MARGIN.top}>
        {y.ticks(5).map((tick) => (
          <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} stroke={colours.grid} strokeWidth={0.75} />
        ))}
        {rows.map((row) => (
          <Group key={label(row)} left={x(label(row)) ?? 0}>
            {series.map((s) => {
              const top = y(s.value(row));
              return <Bar key={s.name} x={inner(s.name) ?? 0} y={top} width={inner.bandwidth()} height={Math.max(0, innerHeight - top)} fill={s.colour} rx={2} />;
            })}
          </Group>
        ))}
        <AxisLeft scale={y} numTicks={5} {...left} />
        <AxisBottom top={innerHeight} scale={x} tickFormat={(v) => (rotate ? clip(String(v), ROTATED_LABEL_CHARS) : fitLabel(String(v), maxLabel))} {...bottom} />
      </Group>
    </ChartFrame>
  );
}

/**
 * Sprint names without the words they all start with ("NOVA Sprint 11", "NOVA Sprint 12" →
 * "Sprint 11", "Sprint 12"), so the axis shows what tells them apart.
 */
export function sprintLabels(names: string[]): string[] {
  if (names.length < 2) return names;
  const words = names.map((n) => n.split(/\s+/));
  let common = 0;
  while (words.every((w) => w.length > common + 1 && w[common] === words[0][common])) common++;
  // Keep the word before the number ("Sprint 11", not "11").
  const drop = Math.max(0, common - 1);
  return words.map((w) => w.slice(drop).join(' '));
}

/** How much of a slanted category label is shown (an epic key and the start of its summary). */
const ROTATED_LABEL_CHARS = 18;

function capitalise(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** A label that fits `max` characters: itself, else its last word ("Sprint 12" → "12"), else clipped. */
function fitLabel(label: string, max: number): string {
  if (label.length <= max) return label;
  const last = label.split(/\s+/).pop() ?? label;
  return last.length <= max && /\d/.test(last) ? last : clip(label, max);
}

/**
 * Story points per sprint in the period: committed at the start, the committed work done, and all
 * work done including what was added after the start — so the bars match the headline's "X of Y
 * committed done" and the burn-up's done line. (Older snapshots lack the committed-done figure: two bars.)
 */
export function SprintChart({ sprints, ...style }: ChartStyle & { sprints: SprintProgress[] }) {
  const colours = style.colours ?? DEFAULT_CHART_COLOURS;
  const labels = new Map(sprints.map((s, i) => [s, sprintLabels(sprints.map((x) => x.name))[i]]));
  const split = sprints.length > 0 && sprints.every((s) => s.committedDonePoints !== undefined);
  const description =
    sprints
      .map((s) =>
        split
          ? `${s.name}: ${num(s.committedDonePoints ?? 0)} of ${num(s.committedPoints)} committed points done; ${num(s.completedPoints)} points done including work added after the start`
          : `${s.name}: ${num(s.completedPoints)} points done (including work added after the start), ${num(s.committedPoints)} committed`,
      )
      .join('; ') || 'No sprints in this period.';
  const series: { name: string; colour: string; value: (s: SprintProgress) => number }[] = split
    ? [
        { name: 'Committed', colour: colours.committed, value: (s) => s.committedPoints },
        { name: 'Done of committed', colour: colours.completed, value: (s) => s.committedDonePoints ?? 0 },
        { name: 'Done incl. added', colour: colours.doneWithAdded ?? DEFAULT_CHART_COLOURS.doneWithAdded ?? colours.done, value: (s) => s.completedPoints },
      ]
    : [
        { name: 'Committed', colour: colours.committed, value: (s) => s.committedPoints },
        { name: 'Done incl. added', colour: colours.completed, value: (s) => s.completedPoints },
      ];
  return (
    <GroupedBars
      rows={sprints}
      label={(s) => labels.get(s) ?? s.name}
      series={series}
      unit="story points"
      axis="Sprint"
      title="Story points per sprint: committed, done of committed, done including added work"
      description={description}
      testId="chart-sprints"
      style={style}
    />
  );
}

function hoursLabel(row: EpicHours | PersonHours): string {
  return 'accountId' in row ? row.name : (row.epicKey ?? row.epicSummary);
}

/** Hours logged this period and the previous one, per epic or per person. */
export function HoursChart({ rows, by, ...style }: ChartStyle & { rows: (EpicHours | PersonHours)[]; by: 'epic' | 'person' }) {
  const colours = style.colours ?? DEFAULT_CHART_COLOURS;
  const description = rows.map((r) => `${hoursLabel(r)}: ${num(r.hours)} hours (previous period ${num(r.previousHours)})`).join('; ') || 'No hours logged.';
  return (
    <GroupedBars
      rows={rows}
      label={hoursLabel}
      series={[
        { name: 'Previous period', colour: colours.previous, value: (r) => r.previousHours },
        { name: 'This period', colour: colours.current, value: (r) => r.hours },
      ]}
      unit="hours"
      axis={by === 'epic' ? 'Epic' : 'Person'}
      title={`Hours logged per ${by}, this period and the previous one`}
      description={description}
      testId={`chart-hours-${by}`}
      style={style}
    />
  );
}

/** Share of each epic's story points done, as horizontal bars with the counts beside them. */
export function EpicChart({ epics, ...style }: ChartStyle & { epics: EpicProgress[] }) {
  const colours = style.colours ?? DEFAULT_CHART_COLOURS;
  const fontSize = style.fontSize ?? 11;
  const fontFamily = style.fontFamily ?? 'inherit';
  const rowHeight = Math.round(fontSize * 2.2);
  const height = style.height ?? LEGEND_HEIGHT + 8 + Math.max(1, epics.length) * rowHeight;
  const labelWidth = Math.round(style.width * 0.34);
  const countWidth = Math.round(fontSize * 9);
  const barWidth = Math.max(40, style.width - labelWidth - countWidth - 16);
  const share = (e: EpicProgress) => (e.totalPoints > 0 ? e.donePoints / e.totalPoints : e.totalIssues > 0 ? e.doneIssues / e.totalIssues : 0);
  const description = epics.map((e) => `${e.key} ${e.summary}: ${e.doneIssues} of ${e.totalIssues} issues, ${num(e.donePoints)} of ${num(e.totalPoints)} points done`).join('; ') || 'No epics in scope.';
  const maxLabel = Math.floor(labelWidth / (fontSize * 0.55));
  return (
    <ChartFrame
      style={{ ...style, height }}
      title="Epic completion (share of story points done)"
      description={description}
      testId="chart-epics"
      legend={[
        { label: 'Done', colour: colours.done },
        { label: 'Remaining', colour: colours.track },
      ]}
    >
      <Group top={LEGEND_HEIGHT + 8}>
        {epics.map((e, i) => {
          const y = i * rowHeight;
          const done = Math.round(barWidth * share(e));
          return (
            <g key={e.key}>
              <text x={0} y={y + rowHeight / 2} dy="0.35em" fontSize={fontSize} fontFamily={fontFamily} fill={colours.text}>
                {clip(`${e.key} ${e.summary}`, maxLabel)}
              </text>
              <rect x={labelWidth} y={y + rowHeight * 0.22} width={barWidth} height={rowHeight * 0.56} rx={3} fill={colours.track} />
              {done > 0 && <rect x={labelWidth} y={y + rowHeight * 0.22} width={done} height={rowHeight * 0.56} rx={3} fill={colours.done} />}
              <text x={labelWidth + barWidth + 8} y={y + rowHeight / 2} dy="0.35em" fontSize={fontSize} fontFamily={fontFamily} fill={colours.text}>
                {`${Math.round(share(e) * 100)}% · ${e.doneIssues}/${e.totalIssues} issues`}
              </text>
            </g>
          );
        })}
      </Group>
    </ChartFrame>
  );
}

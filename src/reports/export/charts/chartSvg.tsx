/** @jsxImportSource react */
// React's automatic JSX runtime in every compiler: Forge's bundler forces classic JSX with UI Kit 1's ForgeUI.createElement (see README, Deploying).
/**
 * The report charts as SVG text, rendered on the server with react-dom/server from the same visx
 * components the Reports page shows (ReportCharts.tsx). Used by the HTML export (inline SVG) and
 * the PDF export (svg-to-pdfkit). Server-only: the Custom UI imports ReportCharts.tsx directly.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReportModel } from '../../domain/model';
import { BurnUpChart, EpicChart, HoursChart, SprintChart, type ChartStyle } from './ReportCharts';

export const CHART_KINDS = ['sprints', 'burnUp', 'epics', 'hoursByEpic', 'hoursByPerson'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** Whether the model has data for the chart (an empty chart says nothing). */
export function hasChart(model: ReportModel, kind: ChartKind): boolean {
  switch (kind) {
    case 'sprints':
      return model.progress.sprints.length > 0;
    case 'burnUp':
      return model.progress.burnUp.length > 1;
    case 'epics':
      return model.progress.epics.length > 0;
    case 'hoursByEpic':
      return (model.manpower?.byEpic.length ?? 0) > 0;
    case 'hoursByPerson':
      return (model.manpower?.byPerson?.length ?? 0) > 0;
  }
}

let renders = 0;

/**
 * The chart's SVG (`<svg …>…</svg>`), or '' when the model has nothing to draw. Each render gets
 * its own id prefix: React's useId restarts at every renderToStaticMarkup, so without it every
 * chart of a document would carry the same `<title id>` and a screen reader would read the first
 * chart's title for all of them.
 */
export function chartSvg(model: ReportModel, kind: ChartKind, style: ChartStyle): string {
  if (!hasChart(model, kind)) return '';
  const options = { identifierPrefix: `c${(renders = (renders + 1) % 1_000_000)}-${kind}-` };
  switch (kind) {
    case 'sprints':
      return renderToStaticMarkup(<SprintChart sprints={model.progress.sprints} {...style} />, options);
    case 'burnUp':
      return renderToStaticMarkup(<BurnUpChart points={model.progress.burnUp} {...style} />, options);
    case 'epics':
      return renderToStaticMarkup(<EpicChart epics={model.progress.epics} {...style} />, options);
    case 'hoursByEpic':
      return renderToStaticMarkup(<HoursChart rows={model.manpower?.byEpic ?? []} by="epic" {...style} />, options);
    case 'hoursByPerson':
      return renderToStaticMarkup(<HoursChart rows={model.manpower?.byPerson ?? []} by="person" {...style} />, options);
  }
}

/**
 * Colours and words the report charts share. Plain hex values by default (Atlassian's chart
 * palette): the PDF renderer (svg-to-pdfkit) and the self-contained HTML need real colours, while
 * the Custom UI may pass Atlaskit design tokens (`token('color.chart.…', '#hex')`) instead, so the
 * charts follow the light/dark theme there. Dependency-free: imported by src/reports/export and static/.
 */

export interface ChartColours {
  /** Scope line of the burn-up, planned/previous bars. */
  scope: string;
  done: string;
  committed: string;
  completed: string;
  /** All work done in a sprint, including work added after its start (beside the committed work done). */
  doneWithAdded?: string;
  previous: string;
  current: string;
  /** A forecast that missed, an overdue item. */
  danger: string;
  /** Axis labels and lines. */
  text: string;
  /** Grid lines. */
  grid: string;
  /** The unfilled part of a progress bar. */
  track: string;
}

export const DEFAULT_CHART_COLOURS: ChartColours = {
  scope: '#8590A2',
  done: '#1F845A',
  committed: '#1D7AFC',
  completed: '#1F845A',
  doneWithAdded: '#94C748',
  previous: '#A5ADBA',
  current: '#6E5DC6',
  danger: '#C9372C',
  text: '#44546F',
  grid: '#DCDFE4',
  track: '#F1F2F4',
};

/** Lozenge colours of an overall status (Atlassian's palette: text on a subtle background, and a bold accent). */
export const STATUS_COLOURS: Record<'on-track' | 'at-risk' | 'off-track', { text: string; background: string; bold: string }> = {
  'on-track': { text: '#216E4E', background: '#DCFFF1', bold: '#1F845A' },
  'at-risk': { text: '#7F5F01', background: '#FFF7D6', bold: '#E2B203' },
  'off-track': { text: '#AE2E24', background: '#FFECEB', bold: '#C9372C' },
};

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "16 Nov" for 2026-11-16: the same words on the server and in every browser (no locale), and no
 * shift through a time zone (the date is a calendar date).
 */
export function shortDay(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1] ?? match[2]}`;
}

/** A label shortened to `max` characters with an ellipsis. */
export function clip(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, Math.max(1, max - 1))}…` : label;
}

/** 12.5 → "12.5", 12 → "12": at most one decimal. */
export function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/**
 * Open red flags counted by category (rows) and severity (columns): a real table with row and
 * column headers, shaded by count. Each non-empty cell is a button that narrows the list below to
 * those flags, and says so to screen readers.
 */
import { token } from '@atlaskit/tokens';
import type { FlagCategory, Severity } from '../../../src/flags/domain/redFlags';
import { CATEGORY_LABELS, SEVERITY_LABELS } from '../../common/flags/vocabulary';

export interface HeatMapData {
  categories: FlagCategory[];
  severities: Severity[];
  counts: number[][];
}

/** Four shades: none, few, some, many (relative to the largest cell). */
const SHADES = [
  { background: 'transparent', color: token('color.text.subtlest', '#626F86') },
  { background: token('color.background.danger', '#FFECEB'), color: token('color.text', '#172B4D') },
  { background: token('color.background.danger.hovered', '#FFD5D2'), color: token('color.text', '#172B4D') },
  { background: token('color.background.danger.bold', '#C9372C'), color: token('color.text.inverse', '#FFFFFF') },
];

const border = `1px solid ${token('color.border', '#091E4224')}`;
const cell = { padding: 0, border, textAlign: 'center' as const, minWidth: 72 };
const header = { padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`, border, font: token('font.body.small', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), textAlign: 'left' as const };

export function FlagHeatMap({ data, onPick }: { data: HeatMapData; onPick: (category: FlagCategory, severity: Severity) => void }) {
  const max = Math.max(0, ...data.counts.flat());
  const shade = (count: number) => SHADES[count === 0 ? 0 : Math.max(1, Math.ceil((count / max) * 3))];
  const rowTotals = data.counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = data.severities.map((_, j) => data.counts.reduce((sum, row) => sum + row[j], 0));
  return (
    <table data-testid="flags-heatmap" style={{ borderCollapse: 'collapse', font: token('font.body', '14px/20px sans-serif') }}>
      <caption style={{ textAlign: 'left', marginBottom: token('space.100', '8px'), font: token('font.body', '14px/20px sans-serif'), color: token('color.text.subtle', '#44546F') }}>
        Open red flags by category and severity. Choose a number to list those flags.
      </caption>
      <thead>
        <tr>
          <th scope="col" style={header}>
            Category
          </th>
          {data.severities.map((severity) => (
            <th key={severity} scope="col" style={{ ...header, textAlign: 'center' }}>
              {SEVERITY_LABELS[severity]}
            </th>
          ))}
          <th scope="col" style={{ ...header, textAlign: 'center' }}>
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {data.categories.map((category, i) => (
          <tr key={category}>
            <th scope="row" style={{ ...header, color: token('color.text', '#172B4D'), fontWeight: 500 }}>
              {CATEGORY_LABELS[category]}
            </th>
            {data.severities.map((severity, j) => {
              const count = data.counts[i][j];
              const { background, color } = shade(count);
              return (
                <td key={severity} style={{ ...cell, background, color }} data-testid={`heat-${category}-${severity}`}>
                  {count === 0 ? (
                    <span style={{ display: 'block', padding: token('space.075', '6px') }}>0</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => onPick(category, severity)}
                      aria-label={`${count} open ${SEVERITY_LABELS[severity].toLowerCase()} ${CATEGORY_LABELS[category].toLowerCase()} flag${count === 1 ? '' : 's'}: list them`}
                      style={{ display: 'block', width: '100%', padding: token('space.075', '6px'), background: 'transparent', border: 'none', color: 'inherit', font: 'inherit', fontWeight: 600, cursor: 'pointer' }}
                    >
                      {count}
                    </button>
                  )}
                </td>
              );
            })}
            <td style={{ ...cell, padding: token('space.075', '6px'), fontWeight: 600 }}>{rowTotals[i]}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" style={header}>
            Total
          </th>
          {columnTotals.map((total, j) => (
            <td key={data.severities[j]} style={{ ...cell, padding: token('space.075', '6px'), fontWeight: 600 }}>
              {total}
            </td>
          ))}
          <td style={{ ...cell, padding: token('space.075', '6px'), fontWeight: 700 }}>{columnTotals.reduce((a, b) => a + b, 0)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

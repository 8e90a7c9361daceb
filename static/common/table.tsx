/**
 * What the pages' list tables share: the header and body cell styles, the row of column headings,
 * and a caption only screen readers hear (the page's heading already says what the table lists).
 */
import { token } from '@atlaskit/tokens';
import type { CSSProperties, ReactNode } from 'react';
import { visuallyHidden } from './visuallyHidden';

export const headCell = {
  textAlign: 'left' as const,
  font: token('font.body.small', '600 12px/16px sans-serif'),
  color: token('color.text.subtle', '#44546F'),
  padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`,
  borderBottom: `2px solid ${token('color.border', '#091E4224')}`,
};

export const bodyCell = { padding: `${token('space.100', '8px')} ${token('space.100', '8px')}`, verticalAlign: 'top' as const, borderBottom: `1px solid ${token('color.border', '#091E4224')}` };

export function ColumnHeadings({ columns, style = headCell }: { columns: string[]; style?: CSSProperties }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" style={style}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function HiddenCaption({ children }: { children: ReactNode }) {
  return <caption style={visuallyHidden}>{children}</caption>;
}

/**
 * A wide table on a narrow screen scrolls inside this container, not the page sideways; the
 * container is a named region that takes keyboard focus, so the scroll is reachable without a mouse.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </div>
  );
}

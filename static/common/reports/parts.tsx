/** Small pieces the report's sections are made of: tables, issue lists, capped-list notes, figures. */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { Fragment, type ReactNode } from 'react';
import type { BoundedList, IssueRef, OverallStatus } from '../../../src/reports/domain/model';
import { OVERALL_STATUS_LABELS } from '../../../src/reports/domain/model';
import { IssueLink } from '../flags/IssueLink';
import { jqlUrl, STATUS_APPEARANCE } from './api';

export const subtle = { color: token('color.text.subtle', '#44546F') } as const;
export const small = { font: token('font.body.small', '12px/16px sans-serif') } as const;

export function StatusLozenge({ status, bold = true }: { status: OverallStatus; bold?: boolean }) {
  return (
    <Lozenge appearance={STATUS_APPEARANCE[status]} isBold={bold}>
      {OVERALL_STATUS_LABELS[status]}
    </Lozenge>
  );
}

export function SubHeading({ children }: { children: ReactNode }) {
  return <h4 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.075', '6px')}` }}>{children}</h4>;
}

/** A table with a caption (visible, so a reader knows what it counts) and column headers. */
/** `details[r]`, when given, is a full-width row under row `r` (e.g. what a row's disclosure button shows). */
export function DataTable({ caption, columns, rows, testId, numeric = [], details }: { caption: string; columns: string[]; rows: ReactNode[][]; testId?: string; numeric?: number[]; details?: ReactNode[] }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid={testId} style={{ width: '100%', borderCollapse: 'collapse', margin: `${token('space.050', '4px')} 0` }}>
        <caption style={{ textAlign: 'left', ...small, ...subtle, paddingBottom: token('space.050', '4px') }}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={column} scope="col" style={{ ...th, textAlign: numeric.includes(i) ? 'right' : 'left' }}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => (
            <Fragment key={r}>
              <tr>
                {cells.map((cell, c) => (
                  <td key={c} style={{ ...td, textAlign: numeric.includes(c) ? 'right' : 'left', fontVariantNumeric: numeric.includes(c) ? 'tabular-nums' : undefined }}>
                    {cell}
                  </td>
                ))}
              </tr>
              {details?.[r] ? (
                <tr>
                  <td colSpan={cells.length} style={td}>
                    {details[r]}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Showing 20 of 57 · all of them in Jira" under a capped list; nothing when the list is whole. */
export function CappedNote({ list, siteUrl }: { list: BoundedList<unknown>; siteUrl: string }) {
  if (list.items.length >= list.total) return null;
  return (
    <p style={{ ...small, ...subtle, margin: `${token('space.050', '4px')} 0` }}>
      Showing {list.items.length} of {list.total}.{' '}
      {list.jql ? (
        <a href={jqlUrl(siteUrl, list.jql)} target="_blank" rel="noreferrer" style={{ color: token('color.link', '#0C66E4') }}>
          See all {list.total} in Jira
        </a>
      ) : null}
    </p>
  );
}

export function None({ children }: { children: ReactNode }) {
  return <p style={{ ...subtle, margin: `${token('space.050', '4px')} 0` }}>{children}</p>;
}

/** Issues as "KEY summary (n pts)" lines, with the capped-list note. */
export function IssueList({ list, siteUrl, empty, label }: { list: BoundedList<IssueRef>; siteUrl: string; empty: string; label: string }) {
  if (list.total === 0) return <None>{empty}</None>;
  return (
    <>
      <ul aria-label={label} style={{ margin: `${token('space.050', '4px')} 0`, paddingLeft: token('space.250', '20px') }}>
        {list.items.map((issue) => (
          <li key={issue.key} style={{ marginBottom: 2 }}>
            <IssueLink issueKey={issue.key} siteUrl={siteUrl} /> {issue.summary}
            {issue.points !== undefined ? <span style={subtle}> ({issue.points} pts)</span> : null}
          </li>
        ))}
      </ul>
      <CappedNote list={list} siteUrl={siteUrl} />
    </>
  );
}

/** Headline figures as tiles: a big number and what it counts. */
export function Figures({ items, label }: { items: { value: string; label: string; tone?: 'danger' | 'warning' }[]; label: string }) {
  return (
    <ul aria-label={label} style={{ listStyle: 'none', padding: 0, margin: `${token('space.100', '8px')} 0`, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: token('space.100', '8px') }}>
      {items.map((item) => (
        <li key={item.label} style={{ border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.medium', '6px'), padding: token('space.150', '12px'), background: token('elevation.surface.sunken', '#F7F8F9') }}>
          <div style={{ font: token('font.heading.medium', '600 20px/24px sans-serif'), color: item.tone === 'danger' ? token('color.text.danger', '#AE2E24') : item.tone === 'warning' ? token('color.text.warning', '#A54800') : token('color.text', '#172B4D') }}>{item.value}</div>
          <div style={{ ...small, ...subtle }}>{item.label}</div>
        </li>
      ))}
    </ul>
  );
}

const th = {
  font: token('font.body.small', '600 12px/16px sans-serif'),
  fontWeight: 600,
  color: token('color.text.subtle', '#44546F'),
  padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`,
  borderBottom: `2px solid ${token('color.border', '#091E4224')}`,
};
const td = { padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`, verticalAlign: 'top' as const, borderBottom: `1px solid ${token('color.border', '#091E4224')}` };

/**
 * Drafts the report schedule generated and nobody has opened yet ("your weekly report is ready"),
 * above the Reports page's controls. Shows nothing when there are none, or when they cannot be read.
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import type { ReportAudience, ReportPeriod } from '../../../src/reports/domain/model';
import { callResolver } from '../../common/bridge';
import { AUDIENCE_LABELS, periodText } from '../../common/reports/api';

export interface ReportNotice {
  reportId: string;
  period: ReportPeriod;
  audience: ReportAudience;
  generatedAt: string;
}

/** Reads `reports.notices`: a list, or `{ notices }` / `{ drafts }` holding one, of snapshots or notices. */
function noticesOf(data: unknown): ReportNotice[] {
  const list = Array.isArray(data) ? data : ((data as { notices?: unknown; drafts?: unknown })?.notices ?? (data as { drafts?: unknown })?.drafts);
  if (!Array.isArray(list)) return [];
  return list
    .map((n: { reportId?: string; id?: string; period?: ReportPeriod; audience?: ReportAudience; generatedAt?: string }) => ({ reportId: n.reportId ?? n.id ?? '', period: n.period!, audience: n.audience!, generatedAt: n.generatedAt ?? '' }))
    .filter((n) => n.reportId && n.period && n.audience);
}

export function ReportNotices({ projectKey, onOpen }: { projectKey: string; onOpen: (reportId: string) => void }) {
  const [notices, setNotices] = useState<ReportNotice[]>([]);
  useEffect(() => {
    let live = true;
    void callResolver<unknown>('reports.notices', { projectKey }).then((answer) => {
      if (live && answer.ok) setNotices(noticesOf(answer.data));
    });
    return () => {
      live = false;
    };
  }, [projectKey]);
  if (notices.length === 0) return null;
  return (
    <div data-testid="report-notices" style={{ margin: `${token('space.200', '16px')} 0` }}>
      <SectionMessage appearance="discovery" title={notices.length === 1 ? 'A scheduled report is ready for review' : `${notices.length} scheduled reports are ready for review`}>
        <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
          {notices.map((n) => (
            <li key={n.reportId} style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), marginTop: token('space.050', '4px') }}>
              <span>
                {AUDIENCE_LABELS[n.audience]} report, {periodText(n.period)} (draft)
              </span>
              <Button
                appearance="subtle"
                spacing="compact"
                onClick={() => {
                  setNotices((all) => all.filter((x) => x.reportId !== n.reportId));
                  onOpen(n.reportId);
                }}
              >
                Open it
              </Button>
            </li>
          ))}
        </ul>
      </SectionMessage>
    </div>
  );
}

/**
 * Published reports in the portal: for each of the person's projects, its newest published reports,
 * each readable in place with the same charts as the Reports page (the project's card above shows
 * the status from the latest one). The list comes with portal.home (`summary.reports`, capped);
 * only "Show all" asks `reports.list` for the rest, and "Read" asks `reports.get`. A client is sent
 * only published client-audience reports (the server decides); this page shows what it was sent.
 * Loaded on demand (its charts stay out of the portal's first load).
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef, useState } from 'react';
import type { PortalProject } from '../../../src/portal/domain/portal';
import type { PortalReport } from '../../../src/portal/domain/portalSummary';
import type { ReportSnapshot } from '../../../src/reports/domain/model';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { formatInstant } from '../../common/asks/format';
import { useSiteUrl } from '../../common/flags/IssueLink';
import { AUDIENCE_LABELS, periodText, type ReportSummary } from '../../common/reports/api';
import { small, StatusLozenge, subtle } from '../../common/reports/parts';
import { ReportView } from '../../common/reports/ReportView';
import { ErrorNotice, Loading } from '../../common/states';

/** A published report as the list shows it: what portal.home sends, or a `reports.list` row. */
type ListedReport = Pick<PortalReport, 'id' | 'period' | 'audience' | 'overall'> & { publishedAt?: string | null };
/** Per project: the home's capped list, or every published report once "Show all" read them. */
type Listing = { state: 'all'; reports: ListedReport[] } | { state: 'reading' } | { state: 'failed'; error: ErrorBody };
type Open =
  | { state: 'idle' }
  | { state: 'opening'; id: string; projectKey: string }
  | { state: 'failed'; id: string; projectKey: string; error: ErrorBody }
  | { state: 'open'; id: string; projectKey: string; snapshot: ReportSnapshot };

/** Focus on the opened report's heading (a reader hears what opened; the browser scrolls it into view). */
function focusReport(container: HTMLElement | null): void {
  const heading = container?.querySelector<HTMLElement>('h1, h2, h3');
  const target = heading ?? container;
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.style.outline = 'none';
  target.focus({ preventScroll: true });
  // Jira grows the frame to the report's height a moment after it renders; scrolled before that,
  // the frame's own document scrolls and snaps back. So the report is brought into view again once
  // the frame has grown (scrollIntoView reaches the page around the frame), unless it already shows.
  const bring = () => container?.scrollIntoView({ block: 'start' });
  bring();
  if (!container || typeof IntersectionObserver !== 'function') return;
  let checks = 0;
  const timer = setInterval(() => {
    checks++;
    const seen = new IntersectionObserver((entries) => {
      seen.disconnect();
      if (entries[0] && entries[0].boundingClientRect.top >= 0 && entries[0].intersectionRatio > 0) clearInterval(timer);
      else bring();
    });
    seen.observe(container);
    if (checks >= 6) clearInterval(timer);
  }, 150);
}

const newestFirst = (a: ReportSummary, b: ReportSummary) => ((b.publishedAt ?? b.generatedAt) < (a.publishedAt ?? a.generatedAt) ? -1 : 1);
const UNREAD: ErrorBody = { code: 'UPSTREAM', message: 'The published reports could not be loaded just now.' };

export function PortalReports({ projects }: { projects: PortalProject[] }) {
  const [listings, setListings] = useState<Record<string, Listing>>({});
  const [open, setOpen] = useState<Open>({ state: 'idle' });
  const siteUrl = useSiteUrl();

  // Asked for only when the person wants more than the home sent (or the home could not read them).
  const readAll = async (projectKey: string) => {
    setListings((now) => ({ ...now, [projectKey]: { state: 'reading' } }));
    const answer = await callResolver<{ snapshots: ReportSummary[] }>('reports.list', { projectKey });
    const listing: Listing = answer.ok ? { state: 'all', reports: answer.data.snapshots.filter((s) => s.status === 'published').sort(newestFirst) } : { state: 'failed', error: answer.error };
    setListings((now) => ({ ...now, [projectKey]: listing }));
  };

  // The opened report shows right under its project's list, and takes focus (which brings it into view).
  const reportRef = useRef<HTMLDivElement>(null);
  // Reading one report, then another before the first answered: the one asked for last is shown.
  const opened = useLatestAnswer();
  const openReport = async (projectKey: string, reportId: string) => {
    const turn = opened.read();
    setOpen({ state: 'opening', id: reportId, projectKey });
    const answer = await callResolver<ReportSnapshot>('reports.get', { projectKey, reportId });
    if (turn.claim()) setOpen(answer.ok ? { state: 'open', id: reportId, projectKey, snapshot: answer.data } : { state: 'failed', id: reportId, projectKey, error: answer.error });
  };
  // Once the opened report is on the page (after React has committed it, whatever it loads lazily).
  const openedId = open.state === 'open' ? open.id : null;
  useEffect(() => {
    if (openedId) focusReport(reportRef.current);
  }, [openedId]);
  // Closing gives focus back to the "Read" button that opened it.
  const closeReport = (reportId: string) => {
    setOpen({ state: 'idle' });
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="read-report-${CSS.escape(reportId)}"]`)?.focus());
  };

  const shown = projects.flatMap((project) => {
    const sent = project.summary?.reports ?? { items: [], total: 0 };
    const unread = !project.summary || project.summary.unavailable.includes('reports');
    const listing = listings[project.projectKey];
    if (!listing && !unread && sent.total === 0) return [];
    return [{ project, sent, unread, listing }];
  });
  return (
    <section aria-labelledby="portal-reports-heading" data-testid="portal-reports" style={{ marginTop: token('space.400', '32px') }}>
      <Heading size="medium" as="h2" id="portal-reports-heading">
        Project reports
      </Heading>
      {shown.length === 0 ? (
        <p style={{ ...subtle, marginTop: token('space.100', '8px') }}>No report has been published to you yet. When the project manager publishes one, it shows here.</p>
      ) : null}
      {shown.map(({ project, sent, unread, listing }) => {
        const reports = listing?.state === 'all' ? listing.reports : sent.items;
        // The home sends the newest few: the rest are read when asked for.
        const capped = sent.total > sent.items.length || sent.more === true;
        return (
          <div key={project.projectKey} data-testid={`portal-reports-${project.projectKey}`} style={{ marginTop: token('space.200', '16px') }}>
            <h3 style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: 0 }}>{project.projectName}</h3>
            {listing?.state === 'failed' ? <ErrorNotice error={listing.error} onRetry={() => void readAll(project.projectKey)} /> : null}
            {!listing && unread ? <ErrorNotice error={UNREAD} onRetry={() => void readAll(project.projectKey)} /> : null}
            <ul aria-label={`Published reports of ${project.projectName}`} style={{ listStyle: 'none', padding: 0, margin: `${token('space.100', '8px')} 0 0` }}>
              {reports.map((s) => (
                <li key={s.id} data-testid="portal-report-item" style={{ display: 'flex', alignItems: 'center', gap: token('space.150', '12px'), padding: `${token('space.075', '6px')} 0`, borderBottom: `1px solid ${token('color.border', '#091E4224')}` }}>
                  <span style={{ flex: 1 }}>
                    {AUDIENCE_LABELS[s.audience]} report, {periodText(s.period)}
                    <span style={{ ...small, ...subtle }}> · published {s.publishedAt ? formatInstant(s.publishedAt) : ''}</span>
                  </span>
                  <StatusLozenge status={s.overall} bold={false} />
                  <Button
                    testId={`read-report-${s.id}`}
                    isLoading={open.state === 'opening' && open.id === s.id}
                    onClick={() => void openReport(project.projectKey, s.id)}
                    aria-label={`Read the report for ${periodText(s.period)}`}
                  >
                    Read
                  </Button>
                </li>
              ))}
            </ul>
            {capped && (!listing || listing.state === 'reading') ? (
              <div style={{ marginTop: token('space.100', '8px') }}>
                <Button appearance="subtle" isLoading={listing?.state === 'reading'} onClick={() => void readAll(project.projectKey)}>
                  {sent.more ? 'Show all reports' : `Show all ${sent.total} reports`}
                </Button>
              </div>
            ) : null}
            {!capped && listing?.state === 'reading' ? <Loading label="Loading published reports" /> : null}
            {open.state === 'failed' && open.projectKey === project.projectKey ? <ErrorNotice error={open.error} /> : null}
            {open.state === 'open' && open.projectKey === project.projectKey ? (
              <div id="portal-report" ref={reportRef} data-testid="portal-report" style={{ marginTop: token('space.300', '24px') }}>
                <ReportView
                  model={open.snapshot.model}
                  siteUrl={siteUrl}
                  headerActions={
                    <Button appearance="subtle" onClick={() => closeReport(open.id)}>
                      Close the report
                    </Button>
                  }
                />
              </div>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

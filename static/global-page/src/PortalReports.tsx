/**
 * Published reports in the portal: for each of the person's projects, its published reports, each
 * readable in place with the same charts as the Reports page (the project's card above shows the
 * status from the latest one). A client is sent only published client-audience reports (the
 * server decides); this page only shows what `reports.list` / `reports.get` answer.
 * Loaded on demand (its charts stay out of the portal's first load).
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import type { PortalProject } from '../../../src/domain/portal';
import type { ReportSnapshot } from '../../../src/domain/report/model';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { formatInstant } from '../../common/asks/format';
import { getContext } from '../../common/forge';
import { AUDIENCE_LABELS, periodText, type ReportSummary } from '../../common/reports/api';
import { small, StatusLozenge, subtle } from '../../common/reports/parts';
import { ReportView } from '../../common/reports/ReportView';
import { ErrorNotice, Loading } from '../../common/states';

type ProjectReports = { projectKey: string; projectName: string; published: ReportSummary[]; error?: ErrorBody };
type Load = { state: 'loading' } | { state: 'loaded'; projects: ProjectReports[] };
type Open = { state: 'idle' } | { state: 'opening'; id: string } | { state: 'failed'; id: string; error: ErrorBody } | { state: 'open'; snapshot: ReportSnapshot };

const newestFirst = (a: ReportSummary, b: ReportSummary) => ((b.publishedAt ?? b.generatedAt) < (a.publishedAt ?? a.generatedAt) ? -1 : 1);

export function PortalReports({ projects }: { projects: PortalProject[] }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [open, setOpen] = useState<Open>({ state: 'idle' });
  const [siteUrl, setSiteUrl] = useState('');
  useEffect(() => {
    getContext()
      .then((context) => setSiteUrl(String(context.siteUrl ?? '')))
      .catch(() => undefined);
  }, []);

  const fetchAll = useCallback(async () => {
    setLoad({ state: 'loading' });
    const lists = await Promise.all(
      projects.map(async (p): Promise<ProjectReports> => {
        const answer = await callResolver<{ snapshots: ReportSummary[] }>('reports.list', { projectKey: p.projectKey });
        if (!answer.ok) return { projectKey: p.projectKey, projectName: p.projectName, published: [], error: answer.error };
        return { projectKey: p.projectKey, projectName: p.projectName, published: answer.data.snapshots.filter((s) => s.status === 'published').sort(newestFirst) };
      }),
    );
    setLoad({ state: 'loaded', projects: lists });
  }, [projects]);
  useEffect(() => {
    void fetchAll();
  }, [fetchAll]);

  const openReport = async (projectKey: string, reportId: string) => {
    setOpen({ state: 'opening', id: reportId });
    const answer = await callResolver<ReportSnapshot>('reports.get', { projectKey, reportId });
    setOpen(answer.ok ? { state: 'open', snapshot: answer.data } : { state: 'failed', id: reportId, error: answer.error });
    if (answer.ok) requestAnimationFrame(() => document.getElementById('portal-report')?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };

  if (load.state === 'loading') return <Loading label="Loading published reports" />;
  const withReports = load.projects.filter((p) => p.published.length > 0 || p.error);
  return (
    <section aria-labelledby="portal-reports-heading" data-testid="portal-reports" style={{ marginTop: token('space.400', '32px') }}>
      <Heading size="medium" as="h2" id="portal-reports-heading">
        Project reports
      </Heading>
      {withReports.length === 0 ? (
        <p style={{ ...subtle, marginTop: token('space.100', '8px') }}>No report has been published to you yet. When the project manager publishes one, it shows here.</p>
      ) : null}
      {withReports.map((project) => {
        return (
          <div key={project.projectKey} data-testid={`portal-reports-${project.projectKey}`} style={{ marginTop: token('space.200', '16px') }}>
            <h3 style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: 0 }}>{project.projectName}</h3>
            {project.error ? <ErrorNotice error={project.error} onRetry={() => void fetchAll()} /> : null}
            <ul aria-label={`Published reports of ${project.projectName}`} style={{ listStyle: 'none', padding: 0, margin: `${token('space.100', '8px')} 0 0` }}>
              {project.published.map((s) => (
                <li key={s.id} data-testid="portal-report-item" style={{ display: 'flex', alignItems: 'center', gap: token('space.150', '12px'), padding: `${token('space.075', '6px')} 0`, borderBottom: `1px solid ${token('color.border', '#091E4224')}` }}>
                  <span style={{ flex: 1 }}>
                    {AUDIENCE_LABELS[s.audience]} report, {periodText(s.period)}
                    <span style={{ ...small, ...subtle }}> · published {s.publishedAt ? formatInstant(s.publishedAt) : ''}</span>
                  </span>
                  <StatusLozenge status={s.overall} bold={false} />
                  <Button
                    isLoading={open.state === 'opening' && open.id === s.id}
                    onClick={() => void openReport(project.projectKey, s.id)}
                    aria-label={`Read the report for ${periodText(s.period)}`}
                  >
                    Read
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {open.state === 'failed' ? <ErrorNotice error={open.error} /> : null}
      {open.state === 'open' ? (
        <div id="portal-report" style={{ marginTop: token('space.300', '24px') }}>
          <ReportView
            model={open.snapshot.model}
            siteUrl={siteUrl}
            headerActions={
              <Button appearance="subtle" onClick={() => setOpen({ state: 'idle' })}>
                Close the report
              </Button>
            }
          />
        </div>
      ) : null}
    </section>
  );
}

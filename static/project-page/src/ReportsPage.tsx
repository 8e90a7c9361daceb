/**
 * The Reports page of a project: pick a period and an audience, generate the report from Jira,
 * read it with its charts, set the status and write each section's narrative, save a draft,
 * publish it (a client report goes to the client portal), export it whole or section by section,
 * and look back at every saved report. Loaded on demand (its chart library and dialogs stay out of
 * the project page's first load).
 */
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { REPORT_SECTION_TITLES, type ReportAudience, type ReportModel, type ReportSection, type ReportSnapshot } from '../../../src/reports/domain/model';
import type { ReportJobView } from '../../../src/reports/services/reportJobs';
import { callResolver, type Answer, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { formatInstant } from '../../common/asks/format';
import { useSiteUrl } from '../../common/flags/IssueLink';
import { showFlag } from '../../common/forge';
import { AUDIENCE_LABELS, choiceOf, exportReport, FORMAT_LABELS, periodPayload, periodText, SECTION_TABLES, type ExportRequest, type ExportSource, type PeriodChoice } from '../../common/reports/api';
import { ExportMenu } from '../../common/reports/ExportMenu';
import { ReportView, sectionsOf } from '../../common/reports/ReportView';
import { ActionFailed } from '../../common/states';
import { openReportDialog } from './ReportDialogs';
import { NarrativeEditor, StatusOverrideEditor, type OverrideDraft } from './ReportEditing';
import { ReportHistory } from './ReportHistory';
import { ReportNotices } from './ReportNotices';
import { ReportPickers } from './ReportPickers';
import { PlanPanel } from './PlanPanel';

// Share links of a published client report, under it (loaded only there).
const ShareLinks = lazy(() => import('./ShareLinks').then((m) => ({ default: m.ShareLinks })));

/** The report on screen: a fresh preview, or a saved snapshot (draft or published). */
interface Current {
  model: ReportModel;
  snapshot?: Omit<ReportSnapshot, 'model'>;
  /** The background job that read a large project's report: saving builds the draft from what it read (not read again). */
  jobId?: string;
}

type Saved = { snapshot: ReportSnapshot; error?: undefined } | { snapshot?: undefined; error: ErrorBody };

type Work = null | 'generating' | 'saving';

/** Following a background generation: every 1.5 s, for up to 15 minutes (the consumer's own bound). */
const JOB_POLL_MS = 1500;
const JOB_MAX_POLLS = 600;

const today = () => new Date().toISOString().slice(0, 10);
const initialChoice = (): PeriodChoice => ({ kind: 'week', day: today(), month: today().slice(0, 7), from: '', to: '' });

/** The saved period as the resolvers take it back. */
const periodInput = (model: ReportModel): Record<string, string> => (model.period.kind === 'custom' ? { kind: 'custom', from: model.period.from, to: model.period.to } : { kind: model.period.kind, date: model.period.from });

function Elapsed({ label }: { label: string }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  // The seconds are for the eye only: a live region announcing every tick would drown the reader.
  return (
    <div role="status" style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), padding: `${token('space.200', '16px')} 0` }}>
      <Spinner size="medium" />
      <span style={{ color: token('color.text.subtle', '#44546F') }}>
        {label}
        <span aria-hidden="true">{seconds >= 2 ? ` (${seconds} s)` : ''}</span>
      </span>
    </div>
  );
}

/** A background generation's progress: what it reads now, and pages read of those expected. */
function JobProgressBar({ job }: { job: ReportJobView }) {
  const label = `${job.progress.phase}: ${job.percent}%`;
  return (
    <div data-testid="report-job-progress" style={{ margin: `${token('space.200', '16px')} 0`, maxWidth: 480 }}>
      <div id="report-job-label" style={{ marginBottom: token('space.050', '4px') }}>
        {job.status === 'queued' ? 'Waiting to start reading Jira (this project is large, so it is read in the background)' : label}
      </div>
      <progress aria-labelledby="report-job-label" value={job.percent} max={100} style={{ width: '100%', height: 8, accentColor: token('color.background.brand.bold', '#0C66E4') }} />
      <div style={{ font: token('font.body.small', '12px/16px sans-serif'), color: token('color.text.subtle', '#44546F') }}>
        {job.progress.pagesDone} of about {job.progress.pagesEstimated} pages of Jira data read
      </div>
    </div>
  );
}

export function ReportsPage({ projectKey }: { projectKey: string }) {
  const siteUrl = useSiteUrl();
  const [choice, setChoice] = useState<PeriodChoice>(initialChoice);
  const [audience, setAudience] = useState<ReportAudience>('manager');
  const [current, setCurrent] = useState<Current | null>(null);
  const [narrative, setNarrative] = useState<Partial<Record<ReportSection, string>>>({});
  const [override, setOverride] = useState<OverrideDraft>({ status: '', reason: '' });
  const [dirty, setDirty] = useState(false);
  const [work, setWork] = useState<Work>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<ErrorBody | null>(null);
  /** Saving before a dialog (publish, Confluence) failed, or the dialog could not open. */
  const [dialogError, setDialogError] = useState<{ title: string; error: ErrorBody } | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const [job, setJob] = useState<ReportJobView | null>(null);

  const fieldError = (path: string) => (error?.code === 'VALIDATION' ? error.fields?.[path] : undefined);
  const published = current?.snapshot?.status === 'published';
  const sharedId = published && current?.model.audience === 'client' ? current.snapshot?.id : undefined;
  const sharedFrom = current?.model.period.from;
  const sharedTo = current?.model.period.to;
  // A published client report's own share links are made and revoked under it.
  const sharedReport = useMemo(() => (sharedId && current ? { id: sharedId, period: current.model.period } : undefined), [sharedId, sharedFrom, sharedTo]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Polls a background generation, showing its progress, until it is done or failed. */
  const followJob = async (started: ReportJobView): Promise<Answer<ReportModel>> => {
    let view = started;
    for (let polls = 0; polls < JOB_MAX_POLLS; polls++) {
      setJob(view);
      if (view.status === 'done' && view.model) return { ok: true, data: view.model };
      if (view.status === 'failed') return { ok: false, error: { code: 'UPSTREAM', message: view.error?.message ?? 'The report could not be generated.' } };
      await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS));
      const answer = await callResolver<ReportJobView>('reports.jobStatus', { projectKey, jobId: view.jobId });
      if (!answer.ok) return answer;
      view = answer.data;
    }
    return { ok: false, error: { code: 'UPSTREAM', message: 'The report is taking too long to generate. Try again later, or choose a shorter period.' } };
  };

  // The report shown comes from generating, opening one from the history, saving and publishing:
  // only the latest generation or opening, or a later save, may show its answer.
  const reportShown = useLatestAnswer();
  /** Shows a snapshot from the server: its model, narrative and override become the page's. */
  const showSnapshot = useCallback((snapshot: ReportSnapshot) => {
    const { model, ...rest } = snapshot;
    setCurrent({ model, snapshot: rest });
    setNarrative({ ...model.narrative });
    setOverride(model.status.override ? { status: model.status.override.status, reason: model.status.override.reason } : { status: '', reason: '' });
    setDirty(false);
  }, []);

  const generate = async () => {
    const turn = reportShown.read();
    setWork('generating');
    setError(null);
    setJob(null);
    const answer = await callResolver<ReportModel | ReportJobView>('reports.preview', { projectKey, period: periodPayload(choice), audience });
    // A large project is read in the background: follow the job until it holds the model.
    const jobId = answer.ok && 'jobId' in answer.data ? answer.data.jobId : undefined;
    const finished = answer.ok && 'jobId' in answer.data ? await followJob(answer.data) : answer;
    setWork(null);
    setJob(null);
    if (!turn.claim()) return;
    if (!finished.ok) return setError(finished.error);
    const model = finished.data as ReportModel;
    // Regenerating the same period and audience refreshes the numbers of the draft in hand and keeps what was written.
    const same = current && !published && current.model.audience === model.audience && current.model.period.from === model.period.from && current.model.period.to === model.period.to;
    if (same) {
      setCurrent({ model, snapshot: current.snapshot, ...(jobId ? { jobId } : {}) });
    } else {
      setCurrent({ model, ...(jobId ? { jobId } : {}) });
      setNarrative({});
      setOverride({ status: '', reason: '' });
      setDirty(false);
    }
  };

  /** Saves the draft: the saved snapshot, or the error (also shown on the page). */
  const save = async (): Promise<Saved> => {
    if (!current) return { error: { code: 'VALIDATION', message: 'Generate a report first.' } };
    if (override.status && !override.reason.trim()) {
      const problem: ErrorBody = { code: 'VALIDATION', message: 'Say why you set the status.', fields: { 'statusOverride.reason': 'Say why you set the status (it is shown with the report)' } };
      setError(problem);
      return { error: problem };
    }
    setWork('saving');
    setError(null);
    const text = Object.fromEntries(Object.entries(narrative).filter(([, value]) => value && value.trim()));
    const answer = await callResolver<ReportSnapshot>('reports.saveDraft', {
      projectKey,
      ...(current.snapshot && current.snapshot.status === 'draft' ? { reportId: current.snapshot.id, version: current.snapshot.version } : {}),
      period: periodInput(current.model),
      audience: current.model.audience,
      narrative: text,
      ...(override.status ? { statusOverride: { status: override.status, reason: override.reason.trim() } } : {}),
      ...(current.jobId ? { jobId: current.jobId } : {}),
    });
    setWork(null);
    if (!answer.ok) {
      const problem = answer.error.code === 'CONFLICT' ? { ...answer.error, message: `${answer.error.message} Open the latest version from the history below, then make your changes again.` } : answer.error;
      setError(problem);
      return { error: problem };
    }
    if (reportShown.write().claim()) showSnapshot(answer.data);
    // Later saves of this draft build from the same background reading.
    const { jobId } = current;
    if (jobId) setCurrent((shown) => (shown ? { ...shown, jobId } : shown));
    setHistoryKey((k) => k + 1);
    return { snapshot: answer.data };
  };

  const saveDraft = async () => {
    const { snapshot } = await save();
    if (snapshot) showFlag({ id: `liaison-report-saved-${Date.now()}`, title: `Draft saved (version ${snapshot.version})`, type: 'success', appearance: 'success', isAutoDismiss: true });
  };

  /** The saved snapshot the page shows, saving first when there is none or it has unsaved changes. */
  const savedSnapshot = async (): Promise<{ id: string; version: number } | { error: ErrorBody }> => {
    if (current?.snapshot && !dirty) return { id: current.snapshot.id, version: current.snapshot.version };
    const saved = await save();
    return saved.snapshot ? { id: saved.snapshot.id, version: saved.snapshot.version } : { error: saved.error };
  };

  /**
   * Publish…: saves the report first (so what is confirmed is what was saved), then asks in Forge's
   * modal; the dialog publishes and closes with the published snapshot.
   */
  const publish = async () => {
    setDialogError(null);
    const saved = await savedSnapshot();
    if ('error' in saved) return setDialogError({ title: 'It was not published', error: saved.error });
    if (!current) return;
    const result = await openReportDialog({ dialog: 'publish', projectKey, reportId: saved.id, version: saved.version, audience: current.model.audience, period: current.model.period }).catch(dialogFailed('It was not published'));
    if (!result?.published) return;
    if (reportShown.write().claim()) showSnapshot(result.published);
    setHistoryKey((k) => k + 1);
    showFlag({ id: `liaison-report-published-${Date.now()}`, title: 'Report published', description: result.published.audience === 'client' ? 'The client sees it in their Liaison portal.' : 'Everyone in the project can read it.', type: 'success', appearance: 'success', isAutoDismiss: true });
  };

  const dialogFailed = (title: string) => (error: unknown) => {
    setDialogError({ title, error: { code: 'UPSTREAM', message: `Jira could not open the dialog: ${error instanceof Error ? error.message : String(error)}` } });
    return undefined;
  };

  const runExport = async (request: ExportRequest) => {
    if (!current) return;
    const tableLabel = Object.values(SECTION_TABLES).flat().find((t) => t.table === request.table)?.label;
    const what = `${request.table ? tableLabel ?? request.table : request.section ? REPORT_SECTION_TITLES[request.section] : 'the report'} as ${FORMAT_LABELS[request.format]}`;
    setExporting(what);
    setExportError(null);
    // A saved snapshot exports with its narrative; an unsaved preview is regenerated by the server.
    const source: ExportSource = current.snapshot && !dirty
      ? { reportId: current.snapshot.id }
      : { period: periodInput(current.model), audience: current.model.audience, ...(current.jobId ? { jobId: current.jobId } : {}) };
    const answer = await exportReport(projectKey, source, request);
    setExporting(null);
    if (!answer.ok) setExportError(answer.error);
  };

  /** Export to Confluence: saves the report first, then the dialog (Forge's modal) asks for the space and writes the page. */
  const writeConfluence = async () => {
    setDialogError(null);
    const saved = await savedSnapshot();
    if ('error' in saved) return setDialogError({ title: 'The page was not written', error: saved.error });
    await openReportDialog({ dialog: 'confluence', projectKey, reportId: saved.id, defaultTitle: title }).catch(dialogFailed('The page was not written'));
  };

  const open = async (reportId: string) => {
    const turn = reportShown.read();
    setOpening(reportId);
    setError(null);
    const answer = await callResolver<ReportSnapshot>('reports.get', { projectKey, reportId });
    if (!turn.claim()) return;
    setOpening(null);
    if (!answer.ok) return setError(answer.error);
    showSnapshot(answer.data);
    setChoice(choiceOf(answer.data.period, choice));
    setAudience(answer.data.audience);
    requestAnimationFrame(() => document.getElementById('report-preview-heading')?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
  };

  const edit = <T,>(apply: (value: T) => void) => (value: T) => {
    apply(value);
    setDirty(true);
  };
  const model = current?.model;
  const title = model ? `${model.projectName}: ${AUDIENCE_LABELS[model.audience]} report, ${periodText(model.period)}` : '';

  return (
    <div data-testid="reports-page">
      <Heading size="large" as="h1">
        Reports
      </Heading>
      <p style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.100', '8px')} 0 ${token('space.200', '16px')}` }}>
        Stakeholder reports for {projectKey}, built from Jira: progress, deviation from plan, completed work, hours, problems, client actions, change requests and the forecast.
      </p>
      <ReportNotices projectKey={projectKey} onOpen={(id) => void open(id)} />
      <PlanPanel projectKey={projectKey} />

      <section aria-labelledby="report-choose-heading" style={{ marginTop: token('space.200', '16px') }}>
        <h2 id="report-choose-heading" style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: `0 0 ${token('space.150', '12px')}` }}>
          New report
        </h2>
        <ReportPickers choice={choice} audience={audience} onChoice={setChoice} onAudience={setAudience} fieldError={fieldError} />
        <div style={{ marginTop: token('space.200', '16px') }}>
          <Button appearance="primary" onClick={() => void generate()} isLoading={work === 'generating'}>
            Generate report
          </Button>
        </div>
      </section>

      <div aria-live="polite">
        {work === 'generating' && job ? <JobProgressBar job={job} /> : null}
        {work === 'generating' && !job ? <Elapsed label="Generating the report from Jira: sprints, issues, worklogs, flags and asks" /> : null}
        {exporting ? <Elapsed label={`Making ${exporting}`} /> : null}
      </div>
      {error && !(error.code === 'VALIDATION' && error.fields && Object.keys(error.fields).length) ? (
        <div role="alert" style={{ marginTop: token('space.200', '16px') }}>
          <SectionMessage appearance={error.code === 'FORBIDDEN' ? 'warning' : 'error'} title={error.code === 'FORBIDDEN' ? 'Not allowed' : error.code === 'CONFLICT' ? 'Someone else saved this draft' : 'The report could not be made'}>
            <p>{error.message}</p>
          </SectionMessage>
        </div>
      ) : null}
      {error?.code === 'VALIDATION' && error.fields && Object.keys(error.fields).length ? (
        <p role="alert" style={{ color: token('color.text.danger', '#AE2E24') }}>
          {error.message}
        </p>
      ) : null}
      <ActionFailed title="The export failed" error={exportError} style={{ marginTop: token('space.200', '16px') }} />

      {model ? (
        <section aria-labelledby="report-preview-heading" data-testid="report-preview" style={{ marginTop: token('space.400', '32px'), paddingTop: token('space.200', '16px'), borderTop: `2px solid ${token('color.border', '#091E4224')}` }}>
          <h2 id="report-preview-heading" style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: 0 }}>
            {current?.snapshot ? (published ? 'Published report' : `Draft, version ${current.snapshot.version}`) : 'Preview (not saved)'}
            {dirty ? <span style={{ color: token('color.text.warning', '#A54800'), fontWeight: 400 }}> · unsaved changes</span> : null}
          </h2>
          {published && current?.snapshot ? (
            <div style={{ marginTop: token('space.100', '8px') }}>
              <SectionMessage appearance="success" title="This report is published">
                <p>
                  Published {current.snapshot.publishedAt ? formatInstant(current.snapshot.publishedAt) : ''}. It is a fixed snapshot{model.audience === 'client' ? ' and the client sees it in their portal' : ''}. Generate again to start a new draft.
                </p>
              </SectionMessage>
              {sharedReport ? (
                <Suspense fallback={null}>
                  <ShareLinks projectKey={projectKey} report={sharedReport} />
                </Suspense>
              ) : null}
            </div>
          ) : null}
          <div role="toolbar" aria-label="Report actions" style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap', marginTop: token('space.150', '12px'), alignItems: 'center' }}>
            {published ? null : (
              <>
                <Button onClick={() => void saveDraft()} isLoading={work === 'saving'} isDisabled={work !== null && work !== 'saving'}>
                  Save draft
                </Button>
                <Button appearance="primary" onClick={() => void publish()} isDisabled={work !== null}>
                  Publish…
                </Button>
              </>
            )}
            <ExportMenu sections={sectionsOf(model)} busy={exporting !== null} onExport={(r) => void runExport(r)} onConfluence={() => void writeConfluence()} testId="export-report" />
            {dirty ? <span style={{ color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') }}>Exports use the numbers regenerated now, without your unsaved text: save to include it.</span> : null}
          </div>
          <ActionFailed title={dialogError?.title ?? ''} error={dialogError?.error ?? null} style={{ marginTop: token('space.150', '12px') }} />
          <ReportView
            model={{ ...model, narrative }}
            siteUrl={siteUrl}
            narrativeSlot={
              published
                ? undefined
                : (section) => <NarrativeEditor section={section} value={narrative[section] ?? ''} onChange={edit((text: string) => setNarrative((n) => ({ ...n, [section]: text })))} error={fieldError(`narrative.${section}`)} />
            }
            afterSlot={(section) => (section === 'status' && !published ? <StatusOverrideEditor model={model} value={override} onChange={edit(setOverride)} fieldError={fieldError} /> : null)}
            actionsSlot={(section) => <ExportMenu section={section} busy={exporting !== null} onExport={(r) => void runExport(r)} testId={`export-${section}`} />}
          />
        </section>
      ) : null}

      <section aria-labelledby="report-history-heading" style={{ marginTop: token('space.500', '40px') }}>
        <h2 id="report-history-heading" style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` }}>
          History
        </h2>
        <ReportHistory projectKey={projectKey} refreshKey={historyKey} currentId={current?.snapshot?.id} opening={opening} onOpen={(id) => void open(id)} />
      </section>
    </div>
  );
}

/**
 * The project page's landing (issue 14, point 5): what needs the team's attention in this project
 * now — client asks overdue with the client, asks waiting on the team (a client's question to reply
 * to, an answer to accept), change requests waiting for the viewer's step, red flags raised this
 * week and, for managers and approvers, the next report due. Everything comes from `home.work`
 * limited to the project (the same answer as the team's home across projects); each item links to
 * its issue and each part to the page that lists all of it. Clients never see it (they are sent to
 * their portal before any route renders).
 */
import Badge from '@atlaskit/badge';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { CHANGE_ACTION_LABELS, type HomeAsk } from '../../../src/portal/domain/teamHome';
import type { HomeWork } from '../../../src/portal/resolvers/teamHome';
import { formatDay, formatInstant, nameOf, plural } from '../../common/asks/format';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { stepAndWhenLogged } from '../../common/changes/words';
import { useLatestAnswer } from '../../common/latestAnswer';
import { IssueLink, useSiteUrl } from '../../common/flags/IssueLink';
import { CATEGORY_LABELS, SEVERITY_LABELS } from '../../common/flags/vocabulary';
import { AUDIENCE_LABELS } from '../../common/reports/api';
import { RouterLink } from '../../common/RouterLink';
import { ErrorNotice, Loading } from '../../common/states';

/** manifest.yml's jira:projectPage key. */
const PROJECT_PAGE_MODULE_KEY = 'liaison-project';

/** Items listed per part; the rest are counted and one click away on the part's own page. */
export const LANDING_ITEMS_SHOWN = 5;

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; work: HomeWork };

/** A client's question to reply to, or an answer to accept or ask again: the team owes the next step. */
function waitsOnTeam(ask: HomeAsk): boolean {
  return ask.question || ask.state === 'answered';
}

const subtle = { color: token('color.text.subtle', '#44546F') };
const listStyle = { listStyle: 'none', padding: 0, margin: `${token('space.100', '8px')} 0 0` };
const rowStyle = {
  display: 'flex',
  flexWrap: 'wrap' as const,
  alignItems: 'baseline',
  gap: `${token('space.050', '4px')} ${token('space.150', '12px')}`,
  padding: `${token('space.100', '8px')} 0`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
};
// The summary takes the rest of the key's line, so what the item is and its state always start the next one.
const summaryStyle = { flex: '1 1 calc(100% - 6rem)', minWidth: 0, overflowWrap: 'anywhere' as const };

/** One part of the landing: a region with its heading and count, its first items (or what is fine), and the link to all of it. */
function Part<T>({ id, title, items, empty, render, more }: { id: string; title: string; items: T[]; empty: string; render: (item: T) => ReactNode; more?: ReactNode }) {
  const shown = items.slice(0, LANDING_ITEMS_SHOWN);
  return (
    <section
      aria-labelledby={`${id}-heading`}
      data-testid={id}
      data-count={items.length}
      style={{ border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.large', '8px'), padding: token('space.200', '16px'), background: token('elevation.surface.raised', '#FFFFFF'), minWidth: 0 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Heading size="small" as="h2" id={`${id}-heading`}>
          {title}
        </Heading>
        <Badge appearance={items.length > 0 ? 'primary' : 'default'}>{items.length}</Badge>
      </div>
      {items.length === 0 ? (
        <p style={{ ...subtle, margin: `${token('space.100', '8px')} 0 0` }}>{empty}</p>
      ) : (
        <ul style={listStyle} aria-label={title}>
          {shown.map(render)}
        </ul>
      )}
      {items.length > shown.length ? <p style={{ ...subtle, margin: `${token('space.100', '8px')} 0 0` }}>{`and ${items.length - shown.length} more`}</p> : null}
      {more ? <p style={{ margin: `${token('space.150', '12px')} 0 0` }}>{more}</p> : null}
    </section>
  );
}

export function ProjectLanding({ projectKey, onOpen }: { projectKey: string; onOpen: (route: string) => void }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const siteUrl = useSiteUrl();
  const latest = useLatestAnswer();
  const fetchWork = useCallback(async () => {
    const turn = latest.read();
    setLoad({ state: 'loading' });
    const answer = await callResolver<HomeWork>('home.work', { projectKey });
    if (turn.claim()) setLoad(answer.ok ? { state: 'loaded', work: answer.data } : { state: 'failed', error: answer.error });
  }, [projectKey, latest]);
  useEffect(() => {
    void fetchWork();
  }, [fetchWork]);

  if (load.state === 'loading') return <Loading label="Loading what needs attention" />;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void fetchWork()} />;
  const { work } = load;
  const project = work.projects[0];
  const overdue = work.asks.filter((ask) => ask.overdue);
  const onTeam = work.asks.filter(waitsOnTeam);
  const report = work.reports[0];
  const manages = project?.roles.includes('manager') ?? false;
  // A link to another route of this page: Jira's address for it, and a plain click moves the page's own history.
  const linkTo = (route: string, label: string) => (
    <RouterLink to={{ target: 'module', moduleKey: PROJECT_PAGE_MODULE_KEY, projectKey, path: route }} onOpen={() => onOpen(route)}>
      {label}
    </RouterLink>
  );

  const askRow = (ask: HomeAsk) => (
    <li key={ask.issueKey} style={rowStyle} data-testid={`landing-item-${ask.issueKey}`}>
      <IssueLink issueKey={ask.issueKey} siteUrl={siteUrl} />
      <span style={summaryStyle}>{ask.summary}</span>
      <span style={subtle}>
        {nameOf(work.names, ask.client)} · due {formatDay(ask.due)}
      </span>
      {ask.overdue ? (
        <Lozenge appearance="removed">{`Overdue ${plural(ask.businessDaysOverdue, 'working day')}`}</Lozenge>
      ) : (
        <Lozenge appearance="inprogress">{ask.question ? 'Question for the team' : 'Answer to accept'}</Lozenge>
      )}
    </li>
  );

  return (
    <div data-testid="project-landing">
      <Heading size="large" as="h1">
        What needs attention in {project?.projectName ?? projectKey}
      </Heading>
      <p style={{ ...subtle, margin: `${token('space.100', '8px')} 0 0` }}>As of {formatDay(work.today)}: client asks, change requests, red flags and reports that wait for someone on the team.</p>
      {work.unavailable.length > 0 ? (
        <div style={{ marginTop: token('space.150', '12px') }}>
          <SectionMessage appearance="warning" title="Part of this page could not be loaded">
            <p>These could not be read just now: {work.unavailable.join(', ')}. The rest is shown.</p>
          </SectionMessage>
        </div>
      ) : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))', gap: token('space.200', '16px'), marginTop: token('space.200', '16px') }}>
        <Part id="landing-overdue" title="Overdue with the client" items={overdue} empty="Nothing overdue: every client ask is within its due date." render={askRow} more={linkTo('/asks', 'All client asks')} />
        <Part id="landing-on-team" title="Waiting on the team" items={onTeam} empty="No client waits on the team: no open questions, no answers to accept." render={askRow} more={linkTo('/asks', 'All client asks')} />
        <Part
          id="landing-changes"
          title="Change requests waiting for you"
          items={work.changes}
          empty="No change request waits for your step."
          more={linkTo('/changes', 'Change request register')}
          render={(change) => (
            <li key={change.issueKey} style={rowStyle} data-testid={`landing-item-${change.issueKey}`}>
              <IssueLink issueKey={change.issueKey} siteUrl={siteUrl} />
              <span style={summaryStyle}>{change.summary}</span>
              <span style={subtle}>
                {stepAndWhenLogged(change.step, formatInstant(change.requestedAt))}
              </span>
              <Lozenge appearance="inprogress">{CHANGE_ACTION_LABELS[change.action]}</Lozenge>
            </li>
          )}
        />
        <Part
          id="landing-flags"
          title="New red flags this week"
          items={work.flags}
          empty="No red flag was raised in the last seven days."
          more={linkTo('/flags', 'All red flags')}
          render={(flag) => (
            <li key={`${flag.issueKey}-${flag.raisedAt}`} style={rowStyle} data-testid={`landing-item-${flag.issueKey}`}>
              <IssueLink issueKey={flag.issueKey} siteUrl={siteUrl} />
              <span style={summaryStyle}>{flag.summary}</span>
              <span style={subtle}>
                {CATEGORY_LABELS[flag.category]} · raised {formatInstant(flag.raisedAt)}
              </span>
              <Lozenge appearance={flag.severity === 'critical' || flag.severity === 'high' ? 'removed' : 'moved'}>{SEVERITY_LABELS[flag.severity]}</Lozenge>
            </li>
          )}
        />
        {report ? (
          <section aria-labelledby="landing-report-heading" data-testid="landing-report" data-due={report.dueOn ?? ''} style={{ border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.large', '8px'), padding: token('space.200', '16px'), background: token('elevation.surface.raised', '#FFFFFF'), minWidth: 0 }}>
            <Heading size="small" as="h2" id="landing-report-heading">
              Next report
            </Heading>
            <p style={{ margin: `${token('space.100', '8px')} 0 0` }}>
              {report.dueOn ? `Due ${formatDay(report.dueOn)}: ${report.audiences.map((a) => `${AUDIENCE_LABELS[a as keyof typeof AUDIENCE_LABELS] ?? a} report`).join(', ')}.` : 'No report is scheduled in the next month.'}
            </p>
            {report.draftsWaiting > 0 ? <p style={{ margin: `${token('space.100', '8px')} 0 0` }}><Lozenge appearance="new">{`${plural(report.draftsWaiting, 'draft')} to review`}</Lozenge></p> : null}
            <p style={{ display: 'flex', flexWrap: 'wrap', gap: `${token('space.050', '4px')} ${token('space.200', '16px')}`, margin: `${token('space.150', '12px')} 0 0` }}>
              {linkTo('/reports', 'Reports')}
              {manages ? linkTo('/settings', 'Report schedule in Settings') : null}
            </p>
          </section>
        ) : null}
      </div>
      {work.truncated ? <p style={{ ...subtle, marginTop: token('space.100', '8px') }}>Counting the first items only: this project holds more than this page reads at once.</p> : null}
    </div>
  );
}

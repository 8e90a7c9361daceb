/**
 * "My work" on the Liaison home, for people on a project's team (manager, approver, team): the open
 * client asks of every project they work on with filters (all / asked by me / overdue / due this
 * week, each with its count from the server), the change requests waiting for their action, the
 * flags raised this week and the reports coming due. Everything comes from `home.work` in one call.
 */
import Badge from '@atlaskit/badge';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ASK_FILTER_LABELS, ASK_FILTERS, CHANGE_ACTION_LABELS, matchesFilter, type AskFilter, type HomeAsk } from '../../../src/portal/domain/teamHome';
import type { HomeWork } from '../../../src/portal/resolvers/teamHome';
import { formatDay, formatInstant, nameOf, plural } from '../../common/asks/format';
import { stepAndWhenLogged } from '../../common/changes/words';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { IssueLink, useSiteUrl } from '../../common/flags/IssueLink';
import { CATEGORY_LABELS, SEVERITY_LABELS } from '../../common/flags/vocabulary';
import { ErrorNotice, Loading } from '../../common/states';

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; work: HomeWork };

const EMPTY_WORDS: Record<AskFilter, string> = {
  all: 'No open client asks in your projects.',
  mine: 'No open asks that you set.',
  overdue: 'Nothing is overdue with the client.',
  'due-this-week': 'No asks are due this week.',
};

function askState(ask: HomeAsk): { label: string; appearance: 'moved' | 'inprogress' | 'removed' } {
  if (ask.question) return { label: 'Question for the team', appearance: 'inprogress' };
  if (ask.state === 'answered') return { label: 'Answered', appearance: 'inprogress' };
  if (ask.overdue) return { label: `Overdue ${plural(ask.businessDaysOverdue, 'working day')}`, appearance: 'removed' };
  return { label: 'Waiting on client', appearance: 'moved' };
}

const listStyle = { listStyle: 'none', padding: 0, margin: `${token('space.100', '8px')} 0 0` };
const rowStyle = {
  display: 'flex',
  flexWrap: 'wrap' as const,
  alignItems: 'baseline',
  gap: `${token('space.050', '4px')} ${token('space.150', '12px')}`,
  padding: `${token('space.100', '8px')} 0`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
};
const subtle = { color: token('color.text.subtle', '#44546F') };

function Part({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  return (
    <section aria-labelledby={id} data-testid={id} style={{ marginTop: token('space.300', '24px') }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Heading size="small" as="h3" id={id}>
          {title}
        </Heading>
        <Badge>{count}</Badge>
      </div>
      {children}
    </section>
  );
}

export function TeamHome() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [filter, setFilter] = useState<AskFilter>('all');
  const siteUrl = useSiteUrl();
  const latest = useLatestAnswer();
  const fetchWork = useCallback(async () => {
    const turn = latest.read();
    setLoad({ state: 'loading' });
    const answer = await callResolver<HomeWork>('home.work');
    if (turn.claim()) setLoad(answer.ok ? { state: 'loaded', work: answer.data } : { state: 'failed', error: answer.error });
  }, [latest]);
  useEffect(() => {
    void fetchWork();
  }, [fetchWork]);

  if (load.state === 'loading') return <Loading label="Loading your work" />;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void fetchWork()} />;
  const { work } = load;
  if (work.projects.length === 0) return null;
  const shown = work.asks.filter((ask) => matchesFilter(ask, filter));
  const projectName = (key: string) => work.projects.find((p) => p.projectKey === key)?.projectName ?? key;

  return (
    <section aria-labelledby="my-work-heading" data-testid="team-home" style={{ margin: `${token('space.200', '16px')} 0 ${token('space.400', '32px')}` }}>
      <Heading size="medium" as="h2" id="my-work-heading">
        My work
      </Heading>
      {work.unavailable.length > 0 ? (
        <div style={{ marginTop: token('space.100', '8px') }}>
          <SectionMessage appearance="warning" title="Part of your work could not be loaded">
            <p>These could not be read just now: {work.unavailable.join(', ')}. The rest is shown.</p>
          </SectionMessage>
        </div>
      ) : null}

      <Part id="home-asks" title="Client asks" count={work.counts.all}>
        <div role="group" aria-label="Show asks" style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100', '8px'), marginTop: token('space.100', '8px') }}>
          {ASK_FILTERS.map((f) => (
            <Button key={f} isSelected={filter === f} aria-pressed={filter === f} testId={`ask-filter-${f}`} onClick={() => setFilter(f)}>
              {ASK_FILTER_LABELS[f]} <Badge appearance={filter === f ? 'primary' : 'default'}>{work.counts[f]}</Badge>
            </Button>
          ))}
        </div>
        {shown.length === 0 ? (
          <p style={{ ...subtle, marginTop: token('space.100', '8px') }}>{EMPTY_WORDS[filter]}</p>
        ) : (
          <ul style={listStyle} aria-label={`${ASK_FILTER_LABELS[filter]} client asks`} data-testid="home-ask-list">
            {shown.map((ask) => {
              const state = askState(ask);
              return (
                <li key={ask.issueKey} style={rowStyle} data-testid={`home-ask-${ask.issueKey}`}>
                  <IssueLink issueKey={ask.issueKey} siteUrl={siteUrl} />
                  <span style={{ flex: '1 1 12rem', minWidth: 0, overflowWrap: 'anywhere' }}>{ask.summary}</span>
                  <span style={subtle}>
                    {nameOf(work.names, ask.client)} · due {formatDay(ask.due)} · {projectName(ask.projectKey)}
                  </span>
                  <Lozenge appearance={state.appearance}>{state.label}</Lozenge>
                </li>
              );
            })}
          </ul>
        )}
      </Part>

      <Part id="home-changes" title="Change requests waiting for you" count={work.changes.length}>
        {work.changes.length === 0 ? (
          <p style={{ ...subtle, marginTop: token('space.100', '8px') }}>No change request waits for you.</p>
        ) : (
          <ul style={listStyle}>
            {work.changes.map((change) => (
              <li key={change.issueKey} style={rowStyle}>
                <IssueLink issueKey={change.issueKey} siteUrl={siteUrl} />
                <span style={{ flex: '1 1 12rem', minWidth: 0, overflowWrap: 'anywhere' }}>{change.summary}</span>
                <span style={subtle}>
                  {stepAndWhenLogged(change.step, formatInstant(change.requestedAt))}
                </span>
                <Lozenge appearance="inprogress">{CHANGE_ACTION_LABELS[change.action]}</Lozenge>
              </li>
            ))}
          </ul>
        )}
      </Part>

      <Part id="home-flags" title="New red flags this week" count={work.flags.length}>
        {work.flags.length === 0 ? (
          <p style={{ ...subtle, marginTop: token('space.100', '8px') }}>No flag was raised in the last seven days.</p>
        ) : (
          <ul style={listStyle}>
            {work.flags.map((flag, i) => (
              <li key={`${flag.issueKey}-${i}`} style={rowStyle}>
                <IssueLink issueKey={flag.issueKey} siteUrl={siteUrl} />
                <span style={{ flex: '1 1 12rem', minWidth: 0, overflowWrap: 'anywhere' }}>{flag.summary}</span>
                <span style={subtle}>
                  {CATEGORY_LABELS[flag.category]} · raised {formatInstant(flag.raisedAt)}
                </span>
                <Lozenge appearance={flag.severity === 'critical' || flag.severity === 'high' ? 'removed' : 'moved'}>{SEVERITY_LABELS[flag.severity]}</Lozenge>
              </li>
            ))}
          </ul>
        )}
      </Part>

      {work.reports.length > 0 ? (
        <Part id="home-reports" title="Reports coming due" count={work.reports.filter((r) => r.dueOn !== null).length}>
          <ul style={listStyle}>
            {work.reports.map((report) => (
              <li key={report.projectKey} style={rowStyle}>
                <strong>{projectName(report.projectKey)}</strong>
                <span style={subtle}>{report.dueOn ? `next report due ${formatDay(report.dueOn)} (${report.audiences.join(', ')})` : 'no report scheduled this month'}</span>
                {report.draftsWaiting > 0 ? <Lozenge appearance="new">{plural(report.draftsWaiting, 'draft')} to review</Lozenge> : null}
              </li>
            ))}
          </ul>
        </Part>
      ) : null}
      {work.truncated ? <p style={{ ...subtle, marginTop: token('space.100', '8px') }}>Showing the first items: your projects hold more than this page reads at once.</p> : null}
    </section>
  );
}

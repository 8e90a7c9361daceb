/**
 * The Liaison global page: a card per project in which the user holds a Liaison role, with their
 * role, the client contacts, the escalation path and the next meeting. It shows only what
 * `portal.home` sent, which is the client-safe part of each communication plan. Above them, a
 * client's own open asks (MyAsks.tsx) and their change requests (MyChangeRequests.tsx); below them,
 * the published reports (PortalReports.tsx). The first load is that one call: each part starts from
 * what the home sent and calls its own resolver only after a write or when the home lacked it.
 */
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { PortalProject } from '../../../src/portal/domain/portal';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { formatInstant } from '../../common/dates';
import { channelName, roleName } from '../../common/settings/options';
import { EmptyState, ErrorNotice, Loading } from '../../common/states';
import type { MyChanges } from '../../../src/changes/domain/changeVocabulary';
import type { MyAsksView } from '../../../src/asks/resolvers/askPages';
import { JiraShowsHelp } from './JiraShowsHelp';
import { MyAsks } from './MyAsks';
import { ProjectSummary } from './ProjectSummary';

// Loaded on demand, beside the rest of the portal: the change request forms stay out of its first load.
const loadMyChangeRequests = () => import('./MyChangeRequests');
const MyChangeRequests = lazy(() => loadMyChangeRequests().then((m) => ({ default: m.MyChangeRequests })));
// Published reports and the project status they carry; their charts load only with them.
const loadPortalReports = () => import('./PortalReports');
const PortalReports = lazy(() => loadPortalReports().then((m) => ({ default: m.PortalReports })));
// The team's work across projects: only people on a project's team load it.
const TeamHome = lazy(() => import('./TeamHome').then((m) => ({ default: m.TeamHome })));

interface PortalHome {
  projects: PortalProject[];
  truncated: boolean;
  /** The caller's open asks (null: they could not be read with the home; My asks then asks for them). */
  myAsks: MyAsksView | null;
  /** The caller's change requests (null: they could not be read with the home; the section then asks for them). */
  myChanges: MyChanges | null;
}

type Load = { state: 'loading' } | { state: 'failed'; error: ErrorBody } | { state: 'loaded'; home: PortalHome };

export function PortalApp() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const latest = useLatestAnswer();
  const fetchHome = useCallback(async () => {
    const turn = latest.read();
    setLoad({ state: 'loading' });
    const answer = await callResolver<PortalHome>('portal.home');
    if (turn.claim()) setLoad(answer.ok ? { state: 'loaded', home: answer.data } : { state: 'failed', error: answer.error });
  }, [latest]);
  useEffect(() => {
    void fetchHome();
    // Both parts show once the home answers: fetch their code meanwhile, not after it.
    void loadMyChangeRequests().catch(() => undefined);
    void loadPortalReports().catch(() => undefined);
  }, [fetchHome]);

  return (
    <main style={{ padding: token('space.300', '24px'), color: token('color.text', '#172B4D') }}>
      <Heading size="large" as="h1">
        Liaison
      </Heading>
      {/* Rendered with the home's one answer; each asks on its own only if the home failed. */}
      {load.state === 'loaded' ? <MyAsks initial={load.home.myAsks} /> : load.state === 'failed' ? <MyAsks /> : null}
      {/* The team's work across their projects (its own call: only people on a project's team get it). */}
      {load.state === 'loaded' && load.home.projects.some((p) => p.roles.some((role) => role !== 'client')) ? (
        <Suspense fallback={<Loading label="Loading your work" />}>
          <TeamHome />
        </Suspense>
      ) : null}
      {load.state === 'loading' ? null : (
        <Suspense fallback={<Loading label="Loading your change requests" />}>
          <MyChangeRequests initial={load.state === 'loaded' ? load.home.myChanges : undefined} />
        </Suspense>
      )}
      {load.state === 'loading' ? <Loading label="Loading your projects" /> : null}
      {load.state === 'failed' ? <ErrorNotice error={load.error} onRetry={() => void fetchHome()} /> : null}
      {load.state === 'loaded' ? <Home home={load.home} /> : null}
    </main>
  );
}

function Home({ home }: { home: PortalHome }) {
  if (home.projects.length === 0) {
    return (
      <EmptyState title="No Liaison projects yet">
        <p>You are not in a Liaison role on any project you can see. When a project manager adds you to the project, it shows up here.</p>
      </EmptyState>
    );
  }
  return (
    <div>
      {home.truncated ? (
        <div style={{ margin: `${token('space.200', '16px')} 0` }}>
          <SectionMessage appearance="information" title="Showing your first projects">
            <p>You can see more projects than this page looks through at once; it shows those it examined.</p>
          </SectionMessage>
        </div>
      ) : null}
      <ul style={{ listStyle: 'none', padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(340px, 100%), 1fr))', gap: token('space.200', '16px'), marginTop: token('space.200', '16px') }}>
        {home.projects.map((project) => (
          <ProjectCard key={project.projectKey} project={project} />
        ))}
      </ul>
      <Suspense fallback={<Loading label="Loading published reports" />}>
        <PortalReports projects={home.projects} />
      </Suspense>
    </div>
  );
}

function ProjectCard({ project }: { project: PortalProject }) {
  const headingId = `project-${project.projectKey}`;
  const meeting = project.nextMeeting;
  return (
    <li
      aria-labelledby={headingId}
      data-testid={`portal-card-${project.projectKey}`}
      style={{
        border: `1px solid ${token('color.border', '#091E4224')}`,
        borderRadius: token('radius.large', '8px'),
        padding: token('space.200', '16px'),
        background: token('elevation.surface.raised', '#FFFFFF'),
        boxShadow: token('elevation.shadow.raised', '0 1px 1px #091E4240'),
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
        <h2 id={headingId} style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: 0 }}>
          {project.projectName} <span style={{ color: token('color.text.subtlest', '#626F86'), fontWeight: 400 }}>({project.projectKey})</span>
        </h2>
        <span>
          {project.roles.map((role) => (
            <Lozenge key={role} appearance={role === 'client' ? 'new' : 'inprogress'}>
              {roleName(role)}
            </Lozenge>
          ))}
        </span>
      </div>

      {project.summary ? <ProjectSummary projectKey={project.projectKey} summary={project.summary} client={project.roles.includes('client')} /> : null}

      <h3 style={subheading}>Next meeting</h3>
      {meeting ? (
        <p data-testid="next-meeting" style={{ margin: 0 }}>
          <strong>{meeting.name}</strong>: {formatInstant(meeting.startsAt)} · {meeting.durationMinutes} min
        </p>
      ) : (
        <p style={{ margin: 0 }}>No meeting scheduled.</p>
      )}

      <h3 style={subheading}>Client contacts</h3>
      {project.clientContacts.length === 0 ? (
        <p style={{ margin: 0 }}>No contacts listed.</p>
      ) : (
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {project.clientContacts.map((contact, i) => (
            <li key={i}>
              <strong>{contact.name}</strong>, {contact.role} · {channelName(contact.channel)} · {contact.workingHours.start}-{contact.workingHours.end} {contact.timeZone}
            </li>
          ))}
        </ul>
      )}

      <h3 style={subheading}>Escalation path</h3>
      {project.escalationPath.length === 0 ? (
        <p style={{ margin: 0 }}>No escalation path listed.</p>
      ) : (
        <ol style={{ margin: 0, paddingLeft: 20 }}>
          {project.escalationPath.map((level, i) => (
            <li key={i}>
              <strong>{level.who}</strong> ({level.contact}): {level.when}
            </li>
          ))}
        </ol>
      )}

      {project.roles.includes('client') ? (
        <>
          <h3 style={subheading}>What Jira shows</h3>
          <JiraShowsHelp projectKey={project.projectKey} />
        </>
      ) : null}
    </li>
  );
}

const subheading = {
  font: token('font.heading.xxsmall', '600 12px/16px sans-serif'),
  color: token('color.text.subtle', '#44546F'),
  margin: `${token('space.200', '16px')} 0 ${token('space.050', '4px')}`,
};

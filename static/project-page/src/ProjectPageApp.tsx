/**
 * The Liaison project page. Jira gives it the project in the view context and its sub-page in the
 * history location (`/asks` and `/settings` for the sub-pages declared in manifest.yml); its landing
 * route is what needs the team's attention now (ProjectLanding).
 */
import { token } from '@atlaskit/tokens';
import { createHistory, getContext } from '../../common/forge';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ErrorNotice, Loading } from '../../common/states';
import { callResolver } from '../../common/bridge';
import { ClientLanding } from '../../common/PortalLink';
import { AsksPage } from './AsksPage';
import { ProjectLanding } from './ProjectLanding';
import { ReportDialog, type ReportDialogContext } from './ReportDialogs';
import { SettingsPage } from './SettingsPage';

// Loaded on demand: its chart library stays out of the page's first load.
const FlagsPage = lazy(() => import('./FlagsPage').then((m) => ({ default: m.FlagsPage })));
const ChangesPage = lazy(() => import('./ChangesPage').then((m) => ({ default: m.ChangesPage })));
const ReportsPage = lazy(() => import('./ReportsPage').then((m) => ({ default: m.ReportsPage })));

interface History {
  location: { pathname: string };
  push(path: string): void;
  listen(listener: (location: { pathname: string }) => void): () => void;
}

type Frame =
  | { state: 'loading' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; projectKey: string; history: History; client: boolean }
  | { state: 'dialog'; dialog: ReportDialogContext };

export function ProjectPageApp() {
  const [frame, setFrame] = useState<Frame>({ state: 'loading' });
  const [path, setPath] = useState('/');

  useEffect(() => {
    let unlisten: (() => void) | undefined;
    (async () => {
      const context = await getContext();
      // Opened in Forge's modal by one of the page's own dialogs (ReportDialogs.tsx): just that dialog.
      const modal = (context.extension as { modal?: ReportDialogContext }).modal;
      if (modal && (modal.dialog === 'publish' || modal.dialog === 'confluence')) return setFrame({ state: 'dialog', dialog: modal });
      const history = (await createHistory()) as unknown as History;
      const projectKey = (context.extension as { project?: { key?: string } }).project?.key;
      if (!projectKey) throw new Error('Jira did not say which project this page is for');
      // A client of the project is shown the way to their portal on every route: these pages are the team's.
      const roles = await callResolver<{ roles: string[] }>('me.roles', { projectKey });
      const client = roles.ok && roles.data.roles.includes('client');
      setPath(history.location.pathname);
      unlisten = history.listen((location) => setPath(location.pathname));
      setFrame({ state: 'ready', projectKey, history, client });
    })().catch((error: unknown) => setFrame({ state: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => unlisten?.();
  }, []);

  if (frame.state === 'loading') return <Loading label="Loading Liaison" />;
  if (frame.state === 'failed') return <ErrorNotice error={{ code: 'UPSTREAM', message: frame.message }} />;
  if (frame.state === 'dialog') return <ReportDialog context={frame.dialog} />;

  const route = path.replace(/\/+$/, '') || '/';
  return (
    <main style={{ padding: token('space.300', '24px'), color: token('color.text', '#172B4D') }}>
      {frame.client ? (
        <ClientLanding projectKey={frame.projectKey} />
      ) : route === '/settings' ? (
        <SettingsPage projectKey={frame.projectKey} />
      ) : route === '/asks' ? (
        <AsksPage projectKey={frame.projectKey} />
      ) : route === '/flags' ? (
        <Suspense fallback={<Loading label="Loading red flags" />}>
          <FlagsPage projectKey={frame.projectKey} />
        </Suspense>
      ) : route === '/reports' ? (
        <Suspense fallback={<Loading label="Loading reports" />}>
          <ReportsPage projectKey={frame.projectKey} />
        </Suspense>
      ) : route === '/changes' ? (
        <Suspense fallback={<Loading label="Loading change requests" />}>
          <ChangesPage projectKey={frame.projectKey} onOpenSettings={() => frame.history.push('/settings')} />
        </Suspense>
      ) : (
        <ProjectLanding projectKey={frame.projectKey} onOpen={(route) => frame.history.push(route)} />
      )}
    </main>
  );
}

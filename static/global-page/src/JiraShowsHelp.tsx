/**
 * "What Jira itself shows you", for a client in the portal: Liaison's portal shows only what is
 * theirs, but Jira's own screens show them what the project's Jira permissions allow. The facts
 * come from `portal.jiraShows` (the same check the team reads in Settings, said to the client),
 * read when the client opens the help.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { JiraShowsClient } from '../../../src/portal/domain/clientAccess';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { ErrorNotice, Loading } from '../../common/states';

type Load = { state: 'closed' } | { state: 'loading' } | { state: 'loaded'; shows: JiraShowsClient } | { state: 'failed'; error: ErrorBody };

export function JiraShowsHelp({ projectKey }: { projectKey: string }) {
  const [load, setLoad] = useState<Load>({ state: 'closed' });
  const open = async () => {
    setLoad({ state: 'loading' });
    const answer = await callResolver<JiraShowsClient>('portal.jiraShows', { projectKey });
    setLoad(answer.ok ? { state: 'loaded', shows: answer.data } : { state: 'failed', error: answer.error });
  };
  return (
    <div data-testid="jira-shows-help">
      {load.state === 'closed' ? (
        <Button appearance="subtle" onClick={() => void open()}>
          What Jira itself shows you
        </Button>
      ) : null}
      {load.state === 'loading' ? <Loading label="Reading what Jira shows you" /> : null}
      {load.state === 'failed' ? <ErrorNotice error={load.error} onRetry={() => void open()} /> : null}
      {load.state === 'loaded' ? (
        <>
          <p style={{ margin: `0 0 ${token('space.050', '4px')}` }}>
            This portal shows you only what is yours. You are also a Jira user, and Jira itself shows you what the project's Jira permissions allow:
          </p>
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {load.shows.facts.map((fact) => (
              <li key={fact.id} data-testid={`jira-shows-${fact.id}`}>
                {fact.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/**
 * "Client access through Jira" in a project's settings: what the client role can see and do in
 * Jira itself (`settings.clientAccess`, read from the permission scheme, issue security and recent
 * worklog/comment visibility), each finding with what to change, and the recommended set-up.
 * Liaison's roles stop at its own screens; this says what Jira's own REST API shows clients.
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import type { CheckStatus, ClientAccessCheck } from '../../../src/portal/domain/clientAccess';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { Section } from '../../common/settings/Section';
import { ErrorNotice, Loading } from '../../common/states';

const LOZENGE: Record<CheckStatus, { appearance: 'removed' | 'moved' | 'success'; text: string }> = {
  risk: { appearance: 'removed', text: 'Change this' },
  notice: { appearance: 'moved', text: 'Know this' },
  ok: { appearance: 'success', text: 'OK' },
};

type Load = { state: 'loading' } | { state: 'loaded'; check: ClientAccessCheck } | { state: 'failed'; error: ErrorBody };

export function ClientAccessSection({ projectKey }: { projectKey: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  // "Check again" while a check runs: only the latest check's answer is shown.
  const latest = useLatestAnswer();
  const run = useCallback(async () => {
    const turn = latest.read();
    setLoad({ state: 'loading' });
    const answer = await callResolver<ClientAccessCheck>('settings.clientAccess', { projectKey });
    if (turn.claim()) setLoad(answer.ok ? { state: 'loaded', check: answer.data } : { state: 'failed', error: answer.error });
  }, [projectKey, latest]);
  useEffect(() => void run(), [run]);

  return (
    <div data-testid="client-access-section">
      <Section
        title="Client access through Jira"
        headingId="client-access-heading"
        description="Liaison shows a client only what is theirs, but a client is also a Jira user: Jira's own screens and REST API show them whatever the project's permission scheme, issue security and each worklog's and comment's visibility allow. This check reads them as Jira reports them."
      >
        {load.state === 'loading' ? <Loading label="Checking what Jira shows clients" /> : null}
        {load.state === 'failed' ? <ErrorNotice error={load.error} onRetry={() => void run()} /> : null}
        {load.state === 'loaded' ? <CheckResult check={load.check} onRecheck={() => void run()} /> : null}
      </Section>
    </div>
  );
}

function CheckResult({ check, onRecheck }: { check: ClientAccessCheck; onRecheck: () => void }) {
  return (
    <>
      <div data-testid="client-access-status" data-status={check.status}>
        <SectionMessage appearance={check.status === 'ok' ? 'success' : 'warning'} title={check.headline}>
          <p>
            {check.status === 'ok'
              ? 'The client role sees through Jira only what the recommended set-up allows.'
              : 'Change the Jira configuration below (Project settings → Permissions and Issue security, and the visibility of worklogs and comments), then check again.'}
          </p>
        </SectionMessage>
      </div>
      <ul style={{ listStyle: 'none', padding: 0, margin: `${token('space.200', '16px')} 0` }}>
        {check.findings.map((finding) => (
          <li key={finding.id} data-testid={`client-access-${finding.id}`} data-status={finding.status} style={{ marginBottom: token('space.150', '12px') }}>
            <Lozenge appearance={LOZENGE[finding.status].appearance}>{LOZENGE[finding.status].text}</Lozenge> <span>{finding.finding}</span>
            {finding.recommendation ? <p style={{ margin: `${token('space.050', '4px')} 0 0`, color: token('color.text.subtle', '#44546F') }}>Recommended: {finding.recommendation}</p> : null}
          </li>
        ))}
      </ul>
      <h3 style={{ font: token('font.heading.xsmall', '600 14px/16px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.100', '8px')}` }}>Recommended set-up</h3>
      <ul data-testid="client-access-recommended" style={{ margin: 0, paddingLeft: 20 }}>
        {check.recommended.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div style={{ marginTop: token('space.200', '16px') }}>
        <Button onClick={onRecheck}>Check again</Button>
      </div>
    </>
  );
}

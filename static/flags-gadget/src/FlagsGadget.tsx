/**
 * The "Liaison: red flags and overdue asks" dashboard gadget. Jira opens the same app in two
 * ways: to show the gadget (`gadgetConfiguration` holds the chosen project) and, with
 * `entryPoint: 'edit'`, as its configuration screen, which saves the choice with `view.submit`.
 * What it shows comes from `flags.gadget`: a client gets only client-visible flags and their own asks.
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import type { Severity } from '../../../src/flags/domain/redFlags';
import type { GadgetView } from '../../../src/flags/resolvers/flagGadget';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { SeverityLozenge, categoryLabel } from '../../common/flags/FlagBits';
import { IssueLink } from '../../common/flags/IssueLink';
import { SEVERITY_LABELS, SEVERITY_ORDER } from '../../common/flags/vocabulary';
import { close, getContext, submit } from '../../common/forge';
import { ErrorNotice, Loading, Refusal } from '../../common/states';
import { formatDay } from '../../common/asks/format';
import { ChoiceSelect } from '../../common/asks/controls';

export interface GadgetConfig {
  projectKey?: string;
}

type GadgetData = GadgetView;

type Frame = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; mode: 'view' | 'edit'; config: GadgetConfig; siteUrl: string };

export function FlagsGadget() {
  const [frame, setFrame] = useState<Frame>({ state: 'loading' });
  useEffect(() => {
    getContext()
      .then((context) => {
        const extension = context.extension as { entryPoint?: string; gadgetConfiguration?: GadgetConfig };
        setFrame({ state: 'ready', mode: extension.entryPoint === 'edit' ? 'edit' : 'view', config: extension.gadgetConfiguration ?? {}, siteUrl: String(context.siteUrl ?? '') });
      })
      .catch((error: unknown) => setFrame({ state: 'failed', message: error instanceof Error ? error.message : String(error) }));
  }, []);
  if (frame.state === 'loading') return <Loading label="Loading the gadget" />;
  if (frame.state === 'failed') return <ErrorNotice error={{ code: 'UPSTREAM', message: frame.message }} />;
  return (
    <div style={{ padding: token('space.150', '12px'), color: token('color.text', '#172B4D') }}>
      {frame.mode === 'edit' ? <GadgetConfigForm config={frame.config} /> : <GadgetView config={frame.config} siteUrl={frame.siteUrl} />}
    </div>
  );
}

// ---- the configuration screen ----

function GadgetConfigForm({ config }: { config: GadgetConfig }) {
  const [projects, setProjects] = useState<{ projectKey: string; projectName: string }[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [projectKey, setProjectKey] = useState(config.projectKey ?? '');
  const [invalid, setInvalid] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    callResolver<{ projects: { projectKey: string; projectName: string }[] }>('flags.gadgetProjects').then((answer) => {
      if (answer.ok) {
        setProjects(answer.data.projects);
        if (!config.projectKey && answer.data.projects.length === 1) setProjectKey(answer.data.projects[0].projectKey);
      } else setError(answer.error);
    });
  }, [config.projectKey]);

  if (error) return <ErrorNotice error={error} />;
  if (!projects) return <Loading label="Loading your projects" />;
  if (projects.length === 0) return <Refusal title="You have no Liaison role in any project" />;

  const save = async () => {
    if (!projectKey) {
      setInvalid(true);
      return;
    }
    setSaving(true);
    try {
      await submit({ projectKey });
    } catch (failure) {
      setSaving(false);
      setError({ code: 'UPSTREAM', message: `Jira did not save the gadget's settings: ${failure instanceof Error ? failure.message : String(failure)}` });
    }
  };

  return (
    <form
      aria-label="Configure the red flags gadget"
      data-testid="gadget-config"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div style={{ maxWidth: 360 }}>
        <ChoiceSelect
          label="Project"
          required
          value={projectKey}
          placeholder="Choose a project"
          options={projects.map((p) => ({ value: p.projectKey, label: `${p.projectName} (${p.projectKey})` }))}
          onChange={(key) => {
            setProjectKey(key);
            setInvalid(false);
          }}
          error={invalid ? 'Choose the project whose red flags and overdue asks the gadget shows' : undefined}
        />
      </div>
      {invalid ? null : (
        <p id="gadget-project-help" style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.050', '4px')} 0 0`, font: token('font.body.small', '12px/16px sans-serif') }}>
          The projects where you hold a Liaison role.
        </p>
      )}
      <div style={{ display: 'flex', gap: token('space.100', '8px'), marginTop: token('space.200', '16px') }}>
        <Button type="submit" appearance="primary" isLoading={saving}>
          Save
        </Button>
        {config.projectKey ? (
          <Button appearance="subtle" isDisabled={saving} onClick={() => void close().catch(() => undefined)}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

// ---- the gadget ----

const SEVERITY_COLOURS: Record<Severity, string> = {
  low: token('color.background.neutral', '#091E420F'),
  medium: token('color.background.warning', '#FFF7D6'),
  high: token('color.background.danger', '#FFECEB'),
  critical: token('color.background.danger.bold', '#C9372C'),
};

function GadgetView({ config, siteUrl }: { config: GadgetConfig; siteUrl: string }) {
  const [data, setData] = useState<GadgetData | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const latest = useLatestAnswer();
  const load = useCallback(async (projectKey: string) => {
    const turn = latest.read();
    setError(null);
    const answer = await callResolver<GadgetData>('flags.gadget', { projectKey });
    if (!turn.claim()) return;
    if (answer.ok) setData(answer.data);
    else setError(answer.error);
  }, [latest]);
  useEffect(() => {
    if (config.projectKey) void load(config.projectKey);
  }, [config.projectKey, load]);

  if (!config.projectKey) {
    return (
      <SectionMessage appearance="information" title="Choose a project">
        <p>Edit this gadget to choose the project whose red flags and overdue client asks it shows.</p>
      </SectionMessage>
    );
  }
  if (error?.code === 'FORBIDDEN' || error?.code === 'NOT_FOUND') return <Refusal title={error.message} />;
  if (error) return <ErrorNotice error={error} onRetry={() => void load(config.projectKey!)} />;
  if (!data) return <Loading label="Loading red flags" />;

  const subtle = { color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') };
  return (
    <div data-testid="flags-gadget">
      <p style={{ margin: `0 0 ${token('space.150', '12px')}`, ...subtle }}>
        {data.projectName} ({data.projectKey}){data.viewer === 'client' ? ' · what is shared with you' : ''}
      </p>

      <section aria-labelledby="gadget-flags-heading">
        <h2 id="gadget-flags-heading" style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` }}>
          Open red flags: <span data-testid="gadget-flag-total">{data.flags.total}</span>
        </h2>
        <ul aria-label="Open red flags by severity" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(72px, 1fr))', gap: token('space.100', '8px'), padding: 0, margin: `0 0 ${token('space.150', '12px')}`, listStyle: 'none' }}>
          {[...SEVERITY_ORDER].reverse().map((severity) => (
            <li
              key={severity}
              data-testid={`gadget-severity-${severity}`}
              style={{
                // Colour only where there is something to see: a zero is never alarming.
                background: data.flags.bySeverity[severity] === 0 ? token('color.background.neutral', '#091E420F') : SEVERITY_COLOURS[severity],
                color: severity === 'critical' && data.flags.bySeverity[severity] > 0 ? token('color.text.inverse', '#FFFFFF') : token('color.text', '#172B4D'),
                borderRadius: token('radius.medium', '6px'),
                padding: token('space.100', '8px'),
                margin: 0,
                textAlign: 'center',
              }}
            >
              <span style={{ display: 'block', font: token('font.heading.medium', '600 20px/24px sans-serif') }}>{data.flags.bySeverity[severity]}</span>
              <span style={{ font: token('font.body.small', '12px/16px sans-serif'), overflowWrap: 'anywhere' }}>{SEVERITY_LABELS[severity]}</span>
            </li>
          ))}
        </ul>
        {data.flags.top.length > 0 ? (
          <ul aria-label="Most severe open flags" style={{ padding: 0, margin: 0, listStyle: 'none' }}>
            {data.flags.top.map((flag, i) => (
              <li key={`${flag.issueKey}-${i}`} style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'baseline', padding: `${token('space.050', '4px')} 0`, borderTop: i ? `1px solid ${token('color.border', '#091E4224')}` : undefined }}>
                <SeverityLozenge severity={flag.severity} />
                <span style={{ minWidth: 0 }}>
                  <IssueLink issueKey={flag.issueKey} siteUrl={siteUrl} /> {categoryLabel(flag.category)}: <span style={{ color: token('color.text.subtle', '#44546F') }}>{flag.note}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p style={{ margin: 0, ...subtle }}>No open red flags{data.viewer === 'client' ? ' are shared with you' : ''}.</p>
        )}
      </section>

      <section aria-labelledby="gadget-asks-heading" style={{ marginTop: token('space.200', '16px') }}>
        <h2 id="gadget-asks-heading" style={{ font: token('font.heading.small', '600 16px/20px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` }}>
          Overdue client asks: <span data-testid="gadget-ask-total">{data.asks.total}</span>
        </h2>
        {data.asks.top.length > 0 ? (
          <ul aria-label="Most overdue client asks" style={{ padding: 0, margin: 0, listStyle: 'none' }}>
            {data.asks.top.map((ask, i) => (
              <li key={ask.issueKey} style={{ padding: `${token('space.050', '4px')} 0`, borderTop: i ? `1px solid ${token('color.border', '#091E4224')}` : undefined }}>
                <IssueLink issueKey={ask.issueKey} siteUrl={siteUrl} /> {ask.ask}
                <span style={{ display: 'block', ...subtle }}>
                  {data.viewer === 'client' ? 'Asked of you' : `Asked of ${data.names[ask.client] ?? ask.client}`} · due {formatDay(ask.due)} · {ask.businessDaysOverdue} business day{ask.businessDaysOverdue === 1 ? '' : 's'} overdue
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p style={{ margin: 0, ...subtle }}>No client ask is overdue.</p>
        )}
      </section>
      {data.truncated ? <p style={{ ...subtle, marginBottom: 0 }}>Only the first 500 issues were counted.</p> : null}
    </div>
  );
}

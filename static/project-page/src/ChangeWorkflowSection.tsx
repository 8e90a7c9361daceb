/**
 * The "Change request workflow" part of a project's settings (managers). It shows what Liaison
 * would create in Jira — the Change request issue type, a status per step, the workflow and its
 * binding to the project — and what already exists, before anything is created; Provision creates
 * the missing parts (run again, it creates nothing). Or the manager maps each step onto a status
 * the project already has. Saved on its own, apart from the settings form: both write Jira or the
 * mapping at once, and the server answers the new plan.
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CHANGE_STEP_INFO, CHANGE_STEPS, type ChangeStep, type ProjectStatuses, type ProvisionResult, type SetupPlan } from '../../../src/changes/domain/changeVocabulary';
import { ChoiceSelect } from '../../common/asks/controls';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { RefusedNotice, splitFieldErrors } from '../../common/changes/controls';
import { stepLabel } from '../../common/changes/words';
import { showFlag } from '../../common/forge';
import { Section } from '../../common/settings/Section';
import { ErrorNotice, Loading, pageLoadOf, type PageLoad } from '../../common/states';
import { ColumnHeadings, HiddenCaption, TableScroll } from '../../common/table';

const CATEGORY_WORDS: Record<string, string> = { TODO: 'To do', IN_PROGRESS: 'In progress', DONE: 'Done' };
const muted = { color: token('color.text.subtle', '#44546F') } as const;

function Exists({ exists, testId }: { exists: boolean; testId?: string }) {
  return (
    <span data-testid={testId} data-exists={exists}>
      <Lozenge appearance={exists ? 'success' : 'new'}>{exists ? 'Exists' : 'Will be created'}</Lozenge>
    </span>
  );
}

export function ChangeWorkflowSection({ projectKey }: { projectKey: string }) {
  const [load, setLoad] = useState<PageLoad<SetupPlan>>({ state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [created, setCreated] = useState<string[] | null>(null);
  const [mapping, setMapping] = useState(false);
  const result = useRef<HTMLDivElement>(null);

  // Provisioning and mapping answer the new plan: no read of the plan started before them replaces it.
  const latest = useLatestAnswer();
  const fetchPlan = useCallback(async () => {
    const turn = latest.read();
    const answer = await callResolver<SetupPlan>('changes.setupPlan', { projectKey });
    if (turn.claim()) setLoad(pageLoadOf(answer));
  }, [projectKey, latest]);
  useEffect(() => {
    void fetchPlan();
  }, [fetchPlan]);

  const provision = async () => {
    setBusy(true);
    setProblem(null);
    setCreated(null);
    const answer = await callResolver<ProvisionResult>('changes.provision', { projectKey });
    setBusy(false);
    if (!answer.ok) return setProblem(answer.error);
    if (latest.write().claim()) setLoad({ state: 'loaded', view: answer.data.plan });
    setCreated(answer.data.created);
    showFlag({ id: `liaison-provisioned-${Date.now()}`, title: answer.data.created.length ? 'Change request workflow set up' : 'Nothing to create', type: 'success', appearance: 'success', isAutoDismiss: true });
    requestAnimationFrame(() => result.current?.focus());
  };

  let body;
  if (load.state === 'loading') body = <Loading label="Reading what exists in Jira" />;
  else if (load.state === 'refused') body = <p style={muted}>{load.message}</p>;
  else if (load.state === 'failed') body = <ErrorNotice error={load.error} onRetry={() => void fetchPlan()} />;
  else {
    const { view: plan } = load;
    const missing = !plan.issueType.exists || plan.statuses.some((s) => !s.exists) || !plan.workflow.exists || !plan.workflow.bound;
    body = (
      <>
        <div ref={result} tabIndex={-1} style={{ outline: 'none' }} data-testid="change-setup-status" data-configured={plan.configured}>
          {plan.configured ? (
            <SectionMessage appearance="success" title="Change requests are set up in this project">
              <p>
                Issues of type <strong>{plan.issueType.name}</strong> follow the steps below; Liaison's workflow rules enforce them.
              </p>
            </SectionMessage>
          ) : (
            <SectionMessage appearance="information" title="Change requests are not set up yet">
              <p>Create the issue type and workflow below, or map the steps onto statuses this project already has.</p>
            </SectionMessage>
          )}
          {created ? (
            <div data-testid="provision-result" style={{ marginTop: token('space.100', '8px') }}>
              {created.length === 0 ? (
                <p>Nothing was created: everything already existed.</p>
              ) : (
                <>
                  <p style={{ margin: 0 }}>Created in Jira:</p>
                  <ul style={{ margin: 0 }}>
                    {created.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ) : null}
        </div>
        {problem && !mapping ? <div style={{ marginTop: token('space.150', '12px') }}><RefusedNotice problem={problem} inlineCount={0} elsewhere={[]} /></div> : null}

        <h4 style={h4}>{plan.configured ? 'What is in place' : 'What Provision creates'}</h4>
        <TableScroll label="The change request issue type, statuses and workflow">
        <table data-testid="change-setup-plan" style={{ borderCollapse: 'collapse', width: '100%', maxWidth: 720 }}>
          <HiddenCaption>The change request issue type, statuses and workflow</HiddenCaption>
          <ColumnHeadings columns={['Part', 'Name', 'Category', 'In Jira']} />
          <tbody>
            <tr>
              <th scope="row" style={rowHead}>Issue type</th>
              <td style={td}>{plan.issueType.name}</td>
              <td style={td} />
              <td style={td}><Exists exists={plan.issueType.exists} testId="plan-issue-type" /></td>
            </tr>
            {plan.statuses.map((s) => (
              <tr key={s.step} data-step={s.step}>
                <th scope="row" style={rowHead}>Step: {stepLabel(s.step)}</th>
                <td style={td}>{s.name}</td>
                <td style={td}>{CATEGORY_WORDS[s.category] ?? s.category}</td>
                <td style={td}><Exists exists={s.exists} /></td>
              </tr>
            ))}
            <tr>
              <th scope="row" style={rowHead}>Workflow</th>
              <td style={td}>{plan.workflow.name}</td>
              <td style={td} />
              <td style={td}>
                <Exists exists={plan.workflow.exists} testId="plan-workflow" />{' '}
                {plan.workflow.exists ? <Lozenge appearance={plan.workflow.bound ? 'success' : 'new'}>{plan.workflow.bound ? 'Used by this project' : 'Will be bound to this project'}</Lozenge> : null}
              </td>
            </tr>
          </tbody>
        </table>
        </TableScroll>

        {!mapping ? (
          <div style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap', marginTop: token('space.200', '16px') }}>
            <Button appearance={missing ? 'primary' : 'default'} isLoading={busy} onClick={() => void provision()}>
              {missing ? 'Provision' : 'Provision again (creates nothing that exists)'}
            </Button>
            <Button isDisabled={busy} onClick={() => { setProblem(null); setMapping(true); }}>
              Map onto existing statuses
            </Button>
          </div>
        ) : null}
        {busy ? <p role="status" style={muted}>Creating the issue type, statuses and workflow in Jira…</p> : null}
        {mapping ? (
          <MappingForm
            projectKey={projectKey}
            plan={plan}
            onSaved={(next) => {
              if (latest.write().claim()) setLoad({ state: 'loaded', view: next });
              setMapping(false);
              setCreated(null);
              showFlag({ id: `liaison-mapped-${Date.now()}`, title: 'Change request steps mapped', type: 'success', appearance: 'success', isAutoDismiss: true });
              requestAnimationFrame(() => result.current?.focus());
            }}
            onCancel={() => setMapping(false)}
          />
        ) : null}
      </>
    );
  }

  return (
    <div data-testid="change-workflow-section">
      <Section
        title="Change request workflow"
        headingId="change-workflow-heading"
        description="A change request is logged, acknowledged, assessed, decided by an approver and told to the client. Jira's workflow holds the steps; Liaison's rules refuse a step taken out of turn."
      >
        {body}
      </Section>
    </div>
  );
}

/** Each step onto one of the project's statuses, and which issue type is the change request. */
function MappingForm({ projectKey, plan, onSaved, onCancel }: { projectKey: string; plan: SetupPlan; onSaved: (plan: SetupPlan) => void; onCancel: () => void }) {
  const [options, setOptions] = useState<ProjectStatuses | null>(null);
  const [loadError, setLoadError] = useState<ErrorBody | null>(null);
  const [issueTypeId, setIssueTypeId] = useState(plan.issueType.id ?? '');
  const [statusIds, setStatusIds] = useState<Partial<Record<ChangeStep, string>>>(plan.mapping ?? {});
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<ErrorBody | null>(null);

  useEffect(() => {
    void callResolver<ProjectStatuses>('changes.projectStatuses', { projectKey }).then((answer) => {
      if (!answer.ok) return setLoadError(answer.error);
      setOptions(answer.data);
      // The plan may name an issue type the project does not use (issue types are site-wide): start from none then.
      setIssueTypeId((chosen) => (answer.data.issueTypes.some((t) => t.id === chosen) ? chosen : ''));
    });
  }, [projectKey]);

  if (loadError) return <ErrorNotice error={loadError} />;
  if (!options) return <Loading label="Reading the project's statuses" />;

  const save = async () => {
    setSaving(true);
    setProblem(null);
    const answer = await callResolver<SetupPlan>('changes.saveMapping', { projectKey, issueTypeId, statusIds });
    setSaving(false);
    if (answer.ok) onSaved(answer.data);
    else setProblem(answer.error);
  };
  const { inline, elsewhere } = splitFieldErrors(problem, ['issueTypeId', 'statusIds']);
  const statusOptions = options.statuses.map((s) => ({ value: s.id, label: `${s.name} (${CATEGORY_WORDS[s.category] ?? s.category})` }));

  return (
    <form
      aria-label="Map the steps onto existing statuses"
      data-testid="change-mapping-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      style={{ marginTop: token('space.200', '16px'), maxWidth: 560 }}
    >
      <h4 style={h4}>Map the steps onto existing statuses</h4>
      {problem ? <RefusedNotice problem={problem} inlineCount={Object.keys(inline).length} elsewhere={elsewhere} /> : null}
      <ChoiceSelect label="Issue type of change requests" value={issueTypeId} placeholder="Choose an issue type" options={options.issueTypes.map((t) => ({ value: t.id, label: t.name }))} onChange={setIssueTypeId} error={inline.issueTypeId} />
      {CHANGE_STEPS.map((step) => (
        <ChoiceSelect
          key={step}
          label={`Status for “${CHANGE_STEP_INFO[step].label}”`}
          value={statusIds[step] ?? ''}
          placeholder="Choose a status"
          options={statusOptions}
          onChange={(id) => setStatusIds({ ...statusIds, [step]: id })}
          error={inline[`statusIds.${step}`] ?? (step === CHANGE_STEPS[0] ? inline.statusIds : undefined)}
        />
      ))}
      <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
        <Button type="submit" appearance="primary" isLoading={saving}>
          Save mapping
        </Button>
        <Button appearance="subtle" isDisabled={saving} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

const h4 = { font: token('font.heading.xsmall', '600 14px/20px sans-serif'), margin: `${token('space.200', '16px')} 0 ${token('space.100', '8px')}` };
const td = { padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`, borderBottom: `1px solid ${token('color.border', '#091E4224')}`, verticalAlign: 'top' as const };
const rowHead = { ...td, textAlign: 'left' as const, fontWeight: 'normal' as const, color: token('color.text.subtle', '#44546F') };

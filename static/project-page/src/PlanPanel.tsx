/**
 * The Reports page's plan panel (issue 17): the decisions the PM needs from people (owner,
 * deadline; add, edit, resolve) and the plan baseline ("Snapshot the plan"), which reports then
 * measure deviation against. The team reads; only the PM changes (the resolvers enforce it: a
 * refusal is shown as the server words it).
 */
import Button from '@atlaskit/button/new';
import { DatePicker } from '@atlaskit/datetime-picker';
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import type { Decision } from '../../../src/reports/domain/decisions';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { useLatestAnswer } from '../../common/latestAnswer';
import { formatDay, formatInstant } from '../../common/asks/format';
import { FieldShell } from '../../common/fields';
import { showFlag } from '../../common/forge';
import { ActionFailed } from '../../common/states';

type DecisionRow = Decision & { createdByName: string; resolvedByName?: string };
interface DecisionsView {
  version: number;
  items: DecisionRow[];
}
interface BaselineSummary {
  id: string;
  takenAt: string;
  takenByName: string;
  note?: string;
  items: number;
  itemsTotal: number;
  epics: number;
  milestones: number;
  points: number;
}

interface Draft {
  id?: string;
  title: string;
  detail: string;
  owner: string;
  deadline: string;
}
const EMPTY: Draft = { title: '', detail: '', owner: '', deadline: '' };

const heading = { font: token('font.heading.small', '600 16px/20px sans-serif'), margin: `0 0 ${token('space.100', '8px')}` } as const;
const subtle = { color: token('color.text.subtle', '#44546F') } as const;

export function PlanPanel({ projectKey }: { projectKey: string }) {
  const [decisions, setDecisions] = useState<DecisionsView | null>(null);
  const [baselines, setBaselines] = useState<BaselineSummary[]>([]);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [resolving, setResolving] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'resolve' | 'snapshot'>(null);
  // Folded until opened: the Reports page stays short (its dialogs are centred in the app's frame).
  const [expanded, setExpanded] = useState(false);

  // A baseline taken while the first list is still on its way: that list, older, must not hide it.
  const baselineList = useLatestAnswer();
  const readBaselines = useCallback(async () => {
    const turn = baselineList.read();
    const answer = await callResolver<{ baselines: BaselineSummary[] }>('plan.baselines', { projectKey });
    if (answer.ok && turn.claim()) setBaselines(answer.data.baselines);
  }, [projectKey, baselineList]);
  const load = useCallback(async () => {
    const [d] = await Promise.all([callResolver<DecisionsView>('plan.decisions', { projectKey }), readBaselines()]);
    if (d.ok) setDecisions(d.data);
    else setError(d.error);
  }, [projectKey, readBaselines]);
  useEffect(() => {
    void load();
  }, [load]);

  const fieldErrors = error?.code === 'VALIDATION' ? (error.fields ?? {}) : {};
  const errorsOf = (path: string) => (fieldErrors[path] ? [fieldErrors[path]] : []);

  async function save() {
    if (!decisions) return;
    setBusy('save');
    setError(null);
    const payload = {
      projectKey,
      version: decisions.version,
      title: draft.title,
      ...(draft.detail.trim() ? { detail: draft.detail } : {}),
      owner: { name: draft.owner },
      deadline: draft.deadline,
      ...(draft.id ? { id: draft.id } : {}),
    };
    const answer = await callResolver<DecisionsView>(draft.id ? 'plan.updateDecision' : 'plan.addDecision', payload);
    setBusy(null);
    if (!answer.ok) return setError(answer.error);
    setDecisions(answer.data);
    setDraft(EMPTY);
    showFlag({ id: `decision-${Date.now()}`, title: draft.id ? 'Decision updated' : 'Decision added', type: 'success', isAutoDismiss: true });
  }

  async function resolve() {
    if (!decisions || !resolving) return;
    setBusy('resolve');
    setError(null);
    const answer = await callResolver<DecisionsView>('plan.resolveDecision', { projectKey, id: resolving.id, version: decisions.version, resolution: resolving.text });
    setBusy(null);
    if (!answer.ok) return setError(answer.error);
    setDecisions(answer.data);
    setResolving(null);
  }

  async function snapshot() {
    setBusy('snapshot');
    setError(null);
    const answer = await callResolver<BaselineSummary>('plan.snapshot', { projectKey });
    setBusy(null);
    if (!answer.ok) return setError(answer.error);
    setBaselines((list) => [answer.data, ...list]);
    // The list shown may be missing earlier baselines (its first read still on its way): read it again.
    void readBaselines();
    showFlag({ id: `baseline-${answer.data.id}`, title: 'Plan baseline taken', description: `${answer.data.items} planned items, ${answer.data.milestones} milestones`, type: 'success', isAutoDismiss: true });
  }

  const open = decisions?.items.filter((d) => d.status === 'open') ?? [];
  const latest = baselines[0];
  return (
    <section aria-labelledby="plan-heading" data-testid="plan-panel" style={{ marginTop: token('space.300', '24px') }}>
      <h2 id="plan-heading" style={heading}>
        Plan and decisions
      </h2>
      <p style={subtle}>
        {open.length === 0 ? 'No decision is waiting' : `${open.length} decision${open.length === 1 ? '' : 's'} waiting`}; {latest ? `plan baseline of ${formatInstant(latest.takenAt)}` : 'no plan baseline yet'}.{' '}
        <Button appearance="subtle" aria-expanded={expanded} aria-controls="plan-body" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Hide the plan and decisions' : 'Show the plan and decisions'}
        </Button>
      </p>
      {expanded ? (
      <div id="plan-body">
      <div style={{ display: 'flex', gap: token('space.150', '12px'), alignItems: 'center', flexWrap: 'wrap' }}>
        <Button onClick={() => void snapshot()} isLoading={busy === 'snapshot'}>
          Snapshot the plan
        </Button>
        <span data-testid="plan-baseline" style={subtle}>
          {latest
            ? `Baseline of ${formatInstant(latest.takenAt)} by ${latest.takenByName}: ${latest.items} planned items, ${latest.milestones} milestones, ${latest.points} points.`
            : 'No plan baseline yet: reports measure deviation from the latest baseline taken by the start of their period.'}
        </span>
      </div>

      <h3 style={{ ...heading, marginTop: token('space.200', '16px'), font: token('font.heading.xsmall', '600 14px/16px sans-serif') }}>Decisions needed</h3>
      {open.length === 0 ? <p style={subtle}>No decision is waiting.</p> : null}
      <ul data-testid="plan-decisions" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {open.map((d) => (
          <li key={d.id} style={{ padding: `${token('space.100', '8px')} 0`, borderBottom: `1px solid ${token('color.border', '#091E4224')}` }}>
            <strong>{d.title}</strong> — {d.owner.name}, by {formatDay(d.deadline)}{' '}
            {d.deadline < new Date().toISOString().slice(0, 10) ? <Lozenge appearance="removed">Overdue</Lozenge> : null}
            {d.detail ? <div style={subtle}>{d.detail}</div> : null}
            <div style={{ display: 'flex', gap: token('space.100', '8px'), marginTop: token('space.050', '4px'), alignItems: 'flex-end', flexWrap: 'wrap' }}>
              <Button appearance="subtle" onClick={() => setDraft({ id: d.id, title: d.title, detail: d.detail ?? '', owner: d.owner.name, deadline: d.deadline })}>
                Edit<span style={{ position: 'absolute', left: -10000 }}> {d.title}</span>
              </Button>
              {resolving?.id === d.id ? (
                <>
                  <div style={{ minWidth: 260 }}>
                    <FieldShell id={`resolve-${d.id}`} label="What was decided" path="resolution" errors={errorsOf('resolution')} compact>
                      <Textfield id={`resolve-${d.id}`} value={resolving.text} onChange={(e) => setResolving({ id: d.id, text: (e.target as HTMLInputElement).value })} placeholder="What was decided" />
                    </FieldShell>
                  </div>
                  <Button appearance="primary" onClick={() => void resolve()} isLoading={busy === 'resolve'}>
                    Mark decided
                  </Button>
                  <Button appearance="subtle" onClick={() => setResolving(null)}>
                    Cancel
                  </Button>
                </>
              ) : (
                <Button appearance="subtle" onClick={() => setResolving({ id: d.id, text: '' })}>
                  Resolve<span style={{ position: 'absolute', left: -10000 }}> {d.title}</span>
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>

      <form
        aria-label={draft.id ? 'Edit the decision' : 'Add a decision'}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        style={{ display: 'grid', gridTemplateColumns: 'minmax(220px, 2fr) minmax(160px, 1fr) minmax(160px, 1fr)', gap: token('space.150', '12px'), marginTop: token('space.200', '16px'), alignItems: 'start' }}
      >
        <FieldShell id="decision-title" label="Decision needed" path="title" errors={errorsOf('title')}>
          <Textfield id="decision-title" value={draft.title} onChange={(e) => setDraft({ ...draft, title: (e.target as HTMLInputElement).value })} />
        </FieldShell>
        <FieldShell id="decision-owner" label="Owner" path="owner.name" errors={errorsOf('owner.name')}>
          <Textfield id="decision-owner" value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: (e.target as HTMLInputElement).value })} />
        </FieldShell>
        <FieldShell id="decision-deadline" label="Deadline" path="deadline" errors={errorsOf('deadline')}>
          <DatePicker id="decision-deadline" value={draft.deadline} onChange={(value) => setDraft({ ...draft, deadline: value })} placeholder="Pick a date" clearControlLabel="Clear the deadline" shouldShowCalendarButton openCalendarLabel="Open the calendar" inputLabel="Deadline" />
        </FieldShell>
        <div style={{ gridColumn: '1 / -1' }}>
          <FieldShell id="decision-detail" label="Details (optional)" path="detail" errors={errorsOf('detail')}>
            <Textfield id="decision-detail" value={draft.detail} onChange={(e) => setDraft({ ...draft, detail: (e.target as HTMLInputElement).value })} />
          </FieldShell>
          <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
            {/* While a decision is being resolved, "Mark decided" is the plan's one primary action. */}
            <Button type="submit" appearance={resolving ? 'default' : 'primary'} isLoading={busy === 'save'}>
              {draft.id ? 'Save the decision' : 'Add the decision'}
            </Button>
            {draft.id ? (
              <Button appearance="subtle" onClick={() => setDraft(EMPTY)}>
                Cancel editing
              </Button>
            ) : null}
          </div>
        </div>
      </form>
      {error && error.code !== 'VALIDATION' ? <ActionFailed title={error.code === 'FORBIDDEN' ? 'Not allowed' : 'That did not work'} error={error} style={{ marginTop: token('space.150', '12px') }} /> : null}
      {error?.code === 'VALIDATION' ? (
        <p role="alert" style={{ color: token('color.text.danger', '#AE2E24') }}>
          {error.message}
        </p>
      ) : null}
      </div>
      ) : null}
    </section>
  );
}

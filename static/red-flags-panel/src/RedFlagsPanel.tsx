/**
 * The "Red flags" issue panel. The team sees every flag of the issue, raises one (category,
 * severity, note, visible to the client or not), resolves one with a note and shows a flag to the
 * client or hides it again; a client sees only
 * the client-visible flags and can say "I am confused about this". What the panel shows and
 * offers comes from `flags.get`; every step is decided again by the server.
 */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { useId, useRef, useState } from 'react';
import type { FlagCategory, Severity } from '../../../src/flags/domain/redFlags';
import type { FlagWriteAnswer, PanelView } from '../../../src/flags/resolvers/flags';
import { ChoiceSelect, TextArea } from '../../common/asks/controls';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { FlagItem, categoryLabel } from '../../common/flags/FlagBits';
import { MANUAL_CATEGORIES, NOTE_LIMIT, SEVERITY_LABELS, SEVERITY_ORDER } from '../../common/flags/vocabulary';
import { showFlag } from '../../common/forge';
import { NothingChanged, PanelForm, PanelPending, SavedWithProblems, useIssuePanel } from '../../common/issuePanel';
import { visuallyHidden } from '../../common/visuallyHidden';

type Form =
  | { kind: 'raise'; category: FlagCategory | ''; severity: Severity | ''; note: string; clientVisible: boolean }
  | { kind: 'resolve'; flagId: string; resolution: string }
  | { kind: 'confused'; note: string };

const subtle = { color: token('color.text.subtle', '#44546F') } as const;

export function RedFlagsPanel() {
  const panel = useIssuePanel<PanelView>('flags.get');
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [showResolved, setShowResolved] = useState(false);
  const resolvedId = useId();
  const status = useRef<HTMLParagraphElement>(null);

  const { issueKey, load } = panel;
  if (load.state !== 'ready' || !issueKey) return <PanelPending panel={panel} loadingLabel="Loading red flags" noneTestId="flags-refused" />;
  const { view } = load;

  const run = async (key: string, payload: Record<string, unknown>, title: string) => {
    setBusy(true);
    setProblem(null);
    const answer = await callResolver<FlagWriteAnswer>(key, { issueKey, ...payload });
    setBusy(false);
    if (!answer.ok) {
      setProblem(answer.error);
      return;
    }
    panel.setView(answer.data);
    setForm(null);
    setWarnings(answer.data.warnings);
    showFlag({ id: `liaison-flag-${Date.now()}`, title, type: 'success', appearance: 'success', isAutoDismiss: true });
    // Back to the list: say what happened where focus lands.
    requestAnimationFrame(() => status.current?.focus());
  };

  const cancel = () => {
    setForm(null);
    setProblem(null);
  };

  const submit = () => {
    if (!form) return;
    if (form.kind === 'raise') void run('flags.raise', { category: form.category, severity: form.severity, note: form.note, clientVisible: form.clientVisible }, 'Red flag raised');
    else if (form.kind === 'resolve') void run('flags.resolve', { flagId: form.flagId, resolution: form.resolution }, 'Red flag resolved');
    else void run('flags.confused', { note: form.note }, 'The team was told you are confused about this');
  };

  const fieldError = (name: string) => (problem?.code === 'VALIDATION' ? problem.fields?.[name] : undefined);
  const open = view.flags.filter((f) => f.resolvedAt === undefined);
  const resolved = view.flags.filter((f) => f.resolvedAt !== undefined);
  const client = view.viewer === 'client';
  const formProblem = problem && !(problem.code === 'VALIDATION' && form && Object.keys(problem.fields ?? {}).some((k) => k !== '_'));

  const flagActions = (flag: PanelView['flags'][number]) => {
    const flagId = flag.id;
    return form?.kind === 'resolve' && form.flagId === flagId ? (
      <PanelForm label="Resolve the flag" submitLabel="Resolve flag" busy={busy} onSubmit={submit} onCancel={cancel}>
        <TextArea required label="How it was resolved" value={form.resolution} rows={3} maxLength={NOTE_LIMIT} onChange={(resolution) => setForm({ ...form, resolution })} error={fieldError('resolution')} />
      </PanelForm>
    ) : view.can.resolve ? (
      <div style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <Button isDisabled={busy || form !== null} onClick={() => { setForm({ kind: 'resolve', flagId, resolution: '' }); setProblem(null); }}>
          Resolve<span style={visuallyHidden}> this flag</span>
        </Button>
        {/* A client's own "I am confused" flag stays visible to them (the server refuses to hide it). */}
        {flag.category === 'client-confused' && flag.source === 'manual' ? null : (
          <Button
            appearance="subtle"
            isDisabled={busy || form !== null}
            onClick={() => void run('flags.setVisibility', { flagId, clientVisible: !flag.clientVisible }, flag.clientVisible ? 'Flag hidden from the client' : 'Flag shown to the client')}
          >
            {flag.clientVisible ? 'Hide from client' : 'Show to client'}
          </Button>
        )}
      </div>
    ) : null;
  };

  return (
    <div data-testid="red-flags-panel" style={{ padding: token('space.100', '8px'), color: token('color.text', '#172B4D') }}>
      <p ref={status} tabIndex={-1} data-testid="flags-summary" style={{ margin: `0 0 ${token('space.150', '12px')}`, outline: 'none', ...subtle }}>
        {open.length === 0
          ? client
            ? 'No open red flags are shared with you on this issue.'
            : 'No open red flags on this issue.'
          : `${open.length} open red flag${open.length === 1 ? '' : 's'}${client ? ' shared with you' : ''}.`}
      </p>

      {formProblem ? <NothingChanged problem={problem!} title={form?.kind === 'raise' ? 'The flag was not raised' : form?.kind === 'confused' ? 'The team was not told' : undefined} /> : null}
      <SavedWithProblems warnings={warnings} />

      {open.length > 0 ? (
        <ul aria-label="Open red flags" style={{ padding: 0, margin: 0 }}>
          {open.map((flag) => (
            <FlagItem key={flag.id} flag={flag} names={view.names} actions={flagActions(flag)} />
          ))}
        </ul>
      ) : null}

      {form?.kind === 'raise' ? (
        <PanelForm label="Raise a red flag" style={{ marginTop: token('space.200', '16px') }} submitLabel="Raise flag" busy={busy} onSubmit={submit} onCancel={cancel}>
          <ChoiceSelect
            label="Category"
            required
            value={form.category}
            placeholder="Choose a category"
            options={MANUAL_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))}
            onChange={(category) => setForm({ ...form, category: category as FlagCategory })}
            error={fieldError('category')}
          />
          <ChoiceSelect
            label="Severity"
            required
            value={form.severity}
            placeholder="Choose a severity"
            options={SEVERITY_ORDER.map((value) => ({ value, label: SEVERITY_LABELS[value] }))}
            onChange={(severity) => setForm({ ...form, severity: severity as Severity })}
            error={fieldError('severity')}
          />
          <TextArea
            label="Note"
            required
            value={form.note}
            maxLength={NOTE_LIMIT}
            placeholder="What is risky, and what would help"
            onChange={(note) => setForm({ ...form, note })}
            error={fieldError('note')}
          />
          <ClientVisible checked={form.clientVisible} onChange={(clientVisible) => setForm({ ...form, clientVisible })} error={fieldError('clientVisible')} />
        </PanelForm>
      ) : null}

      {form?.kind === 'confused' ? (
        <PanelForm label="Tell the team you are confused about this" style={{ marginTop: token('space.200', '16px') }} submitLabel="Tell the team" busy={busy} onSubmit={submit} onCancel={cancel}>
          <TextArea label="What is unclear (optional)" value={form.note} rows={3} maxLength={NOTE_LIMIT} onChange={(note) => setForm({ ...form, note })} error={fieldError('note')} />
        </PanelForm>
      ) : null}

      {form === null || form.kind === 'resolve' ? (
        <div style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap', marginTop: token('space.150', '12px') }}>
          {view.can.raise ? (
            <Button appearance={open.length === 0 ? 'primary' : 'default'} isDisabled={busy || form !== null} onClick={() => { setForm({ kind: 'raise', category: '', severity: '', note: '', clientVisible: false }); setProblem(null); }}>
              Raise a flag
            </Button>
          ) : null}
          {client ? (
            view.can.confused ? (
              <Button isDisabled={busy} onClick={() => { setForm({ kind: 'confused', note: '' }); setProblem(null); }}>
                I am confused about this
              </Button>
            ) : (
              <p data-testid="already-confused" style={{ margin: 0, ...subtle }}>
                You told the team you are confused about this. They will get back to you.
              </p>
            )
          ) : null}
        </div>
      ) : null}

      {resolved.length > 0 ? (
        <section style={{ marginTop: token('space.200', '16px') }}>
          <Button appearance="subtle" aria-expanded={showResolved} aria-controls={resolvedId} onClick={() => setShowResolved(!showResolved)}>
            {showResolved ? 'Hide' : 'Show'} resolved flags ({resolved.length})
          </Button>
          <ul id={resolvedId} hidden={!showResolved} aria-label="Resolved red flags" style={{ padding: 0, margin: `${token('space.100', '8px')} 0 0` }}>
            {resolved.map((flag) => (
              <FlagItem key={flag.id} flag={flag} names={view.names} />
            ))}
          </ul>
          {view.dropped > 0 ? <p style={{ ...subtle, margin: 0 }}>{view.dropped} older resolved flags are no longer kept.</p> : null}
        </section>
      ) : null}
    </div>
  );
}

function ClientVisible({ checked, onChange, error }: { checked: boolean; onChange: (value: boolean) => void; error?: string }) {
  const id = useId();
  return (
    <div style={{ marginBottom: token('space.150', '12px') }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
        <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} aria-describedby={`${id}-help`} style={{ width: 16, height: 16, accentColor: token('color.background.brand.bold', '#0C66E4') }} />
        <label htmlFor={id} style={{ font: token('font.body', '14px/20px sans-serif') }}>
          Visible to the client
        </label>
      </div>
      <p id={`${id}-help`} style={{ margin: `${token('space.050', '4px')} 0 0`, font: token('font.body.small', '12px/16px sans-serif'), ...subtle }}>
        Clients of this project see the flag and its note on this issue.
      </p>
      {error ? <p role="alert" style={{ margin: 0, color: token('color.text.danger', '#AE2E24') }}>{error}</p> : null}
    </div>
  );
}


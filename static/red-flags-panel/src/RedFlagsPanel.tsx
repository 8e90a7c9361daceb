/**
 * The "Red flags" issue panel. The team sees every flag of the issue, raises one (category,
 * severity, note, visible to the client or not) and resolves one with a note; a client sees only
 * the client-visible flags and can say "I am confused about this". What the panel shows and
 * offers comes from `flags.get`; every step is decided again by the server.
 */
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FlagCategory, Severity } from '../../../src/domain/redFlags';
import type { FlagWriteAnswer, PanelView } from '../../../src/resolvers/flags';
import { ChoiceSelect, TextArea } from '../../common/asks/controls';
import { callResolver, type ErrorBody } from '../../common/bridge';
import { FlagItem, categoryLabel } from '../../common/flags/FlagBits';
import { MANUAL_CATEGORIES, NOTE_LIMIT, SEVERITY_LABELS, SEVERITY_ORDER } from '../../common/flags/vocabulary';
import { getContext, showFlag } from '../../common/forge';
import { ErrorNotice, Loading } from '../../common/states';

type Load = { state: 'loading' } | { state: 'none'; message: string } | { state: 'failed'; error: ErrorBody } | { state: 'ready'; view: PanelView };

type Form =
  | { kind: 'raise'; category: FlagCategory | ''; severity: Severity | ''; note: string; clientVisible: boolean }
  | { kind: 'resolve'; flagId: string; resolution: string }
  | { kind: 'confused'; note: string };

const subtle = { color: token('color.text.subtle', '#44546F') } as const;

export function RedFlagsPanel() {
  const [issueKey, setIssueKey] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [showResolved, setShowResolved] = useState(false);
  const resolvedId = useId();
  const status = useRef<HTMLParagraphElement>(null);

  const fetchFlags = useCallback(async (key: string) => {
    const answer = await callResolver<PanelView>('flags.get', { issueKey: key });
    if (answer.ok) setLoad({ state: 'ready', view: answer.data });
    else if (answer.error.code === 'FORBIDDEN' || answer.error.code === 'NOT_FOUND') setLoad({ state: 'none', message: answer.error.message });
    else setLoad({ state: 'failed', error: answer.error });
  }, []);

  useEffect(() => {
    getContext()
      .then((context) => {
        const key = (context.extension as { issue?: { key?: string } }).issue?.key;
        if (!key) throw new Error('Jira did not say which issue this panel is on');
        setIssueKey(key);
        return fetchFlags(key);
      })
      .catch((error: unknown) => setLoad({ state: 'failed', error: { code: 'UPSTREAM', message: error instanceof Error ? error.message : String(error) } }));
  }, [fetchFlags]);

  if (load.state === 'loading' || !issueKey) return <Loading label="Loading red flags" />;
  if (load.state === 'none') return <p data-testid="flags-refused" style={{ margin: token('space.100', '8px'), ...subtle }}>{load.message}</p>;
  if (load.state === 'failed') return <ErrorNotice error={load.error} onRetry={() => void fetchFlags(issueKey)} />;
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
    setLoad({ state: 'ready', view: answer.data });
    setForm(null);
    setWarnings(answer.data.warnings);
    showFlag({ id: `liaison-flag-${Date.now()}`, title, type: 'success', appearance: 'success', isAutoDismiss: true });
    // Back to the list: say what happened where focus lands.
    requestAnimationFrame(() => status.current?.focus());
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

  const resolveForm = (flagId: string) =>
    form?.kind === 'resolve' && form.flagId === flagId ? (
      <form
        aria-label="Resolve the flag"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextArea label="How it was resolved" value={form.resolution} rows={3} maxLength={NOTE_LIMIT} onChange={(resolution) => setForm({ ...form, resolution })} error={fieldError('resolution')} />
        <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
          <Button type="submit" appearance="primary" isLoading={busy}>
            Resolve flag
          </Button>
          <Button appearance="subtle" isDisabled={busy} onClick={() => { setForm(null); setProblem(null); }}>
            Cancel
          </Button>
        </div>
      </form>
    ) : view.can.resolve ? (
      <Button isDisabled={busy || form !== null} onClick={() => { setForm({ kind: 'resolve', flagId, resolution: '' }); setProblem(null); }}>
        Resolve<span style={visuallyHidden}> this flag</span>
      </Button>
    ) : null;

  return (
    <div data-testid="red-flags-panel" style={{ padding: token('space.100', '8px'), color: token('color.text', '#172B4D') }}>
      <p ref={status} tabIndex={-1} data-testid="flags-summary" style={{ margin: `0 0 ${token('space.150', '12px')}`, outline: 'none', ...subtle }}>
        {open.length === 0
          ? client
            ? 'No open red flags are shared with you on this issue.'
            : 'No open red flags on this issue.'
          : `${open.length} open red flag${open.length === 1 ? '' : 's'}${client ? ' shared with you' : ''}.`}
      </p>

      {formProblem ? (
        <div role="alert" style={{ marginBottom: token('space.150', '12px') }}>
          <SectionMessage appearance={problem!.code === 'CONFLICT' ? 'warning' : 'error'} title="Nothing was changed">
            <p>{problem!.message}</p>
          </SectionMessage>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div style={{ marginBottom: token('space.150', '12px') }}>
          <SectionMessage appearance="warning" title="Saved, with a problem">
            {warnings.map((w) => (
              <p key={w}>{w}</p>
            ))}
          </SectionMessage>
        </div>
      ) : null}

      {open.length > 0 ? (
        <ul aria-label="Open red flags" style={{ padding: 0, margin: 0 }}>
          {open.map((flag) => (
            <FlagItem key={flag.id} flag={flag} names={view.names} actions={resolveForm(flag.id)} />
          ))}
        </ul>
      ) : null}

      {form?.kind === 'raise' ? (
        <form
          aria-label="Raise a red flag"
          style={{ marginTop: token('space.200', '16px') }}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <ChoiceSelect
            label="Category"
            value={form.category}
            placeholder="Choose a category"
            options={MANUAL_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }))}
            onChange={(category) => setForm({ ...form, category: category as FlagCategory })}
            error={fieldError('category')}
          />
          <ChoiceSelect
            label="Severity"
            value={form.severity}
            placeholder="Choose a severity"
            options={SEVERITY_ORDER.map((value) => ({ value, label: SEVERITY_LABELS[value] }))}
            onChange={(severity) => setForm({ ...form, severity: severity as Severity })}
            error={fieldError('severity')}
          />
          <TextArea
            label="Note"
            value={form.note}
            maxLength={NOTE_LIMIT}
            placeholder="What is risky, and what would help"
            onChange={(note) => setForm({ ...form, note })}
            error={fieldError('note')}
          />
          <ClientVisible checked={form.clientVisible} onChange={(clientVisible) => setForm({ ...form, clientVisible })} error={fieldError('clientVisible')} />
          <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
            <Button type="submit" appearance="primary" isLoading={busy}>
              Raise flag
            </Button>
            <Button appearance="subtle" isDisabled={busy} onClick={() => { setForm(null); setProblem(null); }}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}

      {form?.kind === 'confused' ? (
        <form
          aria-label="Tell the team you are confused about this"
          style={{ marginTop: token('space.200', '16px') }}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <TextArea label="What is unclear (optional)" value={form.note} rows={3} maxLength={NOTE_LIMIT} onChange={(note) => setForm({ ...form, note })} error={fieldError('note')} />
          <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
            <Button type="submit" appearance="primary" isLoading={busy}>
              Tell the team
            </Button>
            <Button appearance="subtle" isDisabled={busy} onClick={() => { setForm(null); setProblem(null); }}>
              Cancel
            </Button>
          </div>
        </form>
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

const visuallyHidden = { position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;

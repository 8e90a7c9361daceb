/**
 * The dry run of the red-flag rules, shown in Settings as soon as the form would switch the rules
 * on or off, or change rules that are on: "Turning this on would raise N flags: …", per rule, with
 * the issues. The server computes it exactly as the rules' run would, and writes nothing
 * (`flags.dryRun`); saving the settings is what applies it.
 */
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import type { FlagThresholds } from '../../../src/flags/domain/flagRules';
import type { FlagRulesDryRun } from '../../../src/flags/resolvers/flagRulesDryRun';
import { callResolver, type ErrorBody } from '../../common/bridge';

/** Waits this long after the last change before asking (typing a threshold asks once). */
const SETTLE_MS = 500;

type State = { state: 'idle' } | { state: 'checking' } | { state: 'done'; result: FlagRulesDryRun } | { state: 'failed'; error: ErrorBody };

export function RuleDryRun({ projectKey, on, thresholds }: { projectKey: string; on: boolean; thresholds: FlagThresholds }) {
  const [run, setRun] = useState<State>({ state: 'idle' });
  const asked = JSON.stringify({ on, thresholds });
  useEffect(() => {
    let current = true;
    setRun({ state: 'checking' });
    const timer = setTimeout(() => {
      void callResolver<FlagRulesDryRun>('flags.dryRun', { projectKey, on, flagThresholds: thresholds }).then((answer) => {
        if (!current) return;
        setRun(answer.ok ? { state: 'done', result: answer.data } : { state: 'failed', error: answer.error });
      });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `asked` stands for on and thresholds (a new object each render).
  }, [projectKey, asked]);

  return (
    <div data-testid="rule-dry-run" aria-live="polite" style={{ margin: `${token('space.150', '12px')} 0` }}>
      {run.state === 'checking' || run.state === 'idle' ? (
        <p style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), margin: 0 }}>
          <Spinner size="small" label="Checking" /> Checking what these rules would do in this project…
        </p>
      ) : run.state === 'failed' ? (
        <SectionMessage appearance="warning" title="Could not check what these rules would do">
          <p>{run.error.code === 'VALIDATION' ? 'Some rule values need attention: fix them, then the check runs again.' : run.error.message}</p>
        </SectionMessage>
      ) : (
        <DryRunResult result={run.result} />
      )}
    </div>
  );
}

const SAVING: Record<FlagRulesDryRun['switching'], string> = {
  on: 'Saving runs the rules at once, then whenever an issue changes and once a day.',
  off: 'Saving clears these rule flags at once.',
  change: 'Rules you switch on run at once when you save; changed thresholds apply when an issue changes and in the daily check.',
};

function DryRunResult({ result }: { result: FlagRulesDryRun }) {
  const raising = result.raised.total > 0;
  return (
    <SectionMessage appearance={raising ? 'warning' : 'information'} title={result.summary}>
      <p style={{ margin: `0 0 ${token('space.100', '8px')}` }}>
        Nothing changes until you save the settings. {SAVING[result.switching]}
      </p>
      {result.raised.byRule.map((rule) => (
        <details key={rule.ruleId} data-dry-run-rule={rule.ruleId} style={{ marginBottom: token('space.050', '4px') }}>
          <summary>
            {rule.label}: {rule.count} flag{rule.count === 1 ? '' : 's'}
          </summary>
          <ul style={{ margin: `${token('space.050', '4px')} 0`, paddingLeft: token('space.300', '24px') }}>
            {rule.issues.map((issue) => (
              <li key={issue.issueKey}>
                <strong>{issue.issueKey}</strong> {issue.summary} — <span style={{ color: token('color.text.subtle', '#44546F') }}>{issue.note}</span>
              </li>
            ))}
            {rule.count > rule.issues.length ? <li>and {rule.count - rule.issues.length} more</li> : null}
          </ul>
        </details>
      ))}
      {result.cleared.total > 0 && result.raised.total > 0 ? <p style={{ margin: 0 }}>It would also clear {result.cleared.total} rule flag{result.cleared.total === 1 ? '' : 's'} whose condition no longer holds.</p> : null}
      {result.hidden > 0 ? <p style={{ margin: 0 }}>{result.hidden} of these are on issues you cannot open; they are counted, not listed.</p> : null}
      {result.truncated ? <p style={{ margin: 0 }}>This project is large: the check read as many issues as a run reads in one go, so a run may find more.</p> : null}
    </SectionMessage>
  );
}

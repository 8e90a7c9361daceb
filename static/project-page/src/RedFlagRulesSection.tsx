/**
 * The "Red flag rules" part of a project's settings: each rule on or off, with its threshold, and
 * what counts as test evidence. Saved with the rest of the settings (`flagThresholds`); the server
 * validates every value and answers field errors keyed `flagThresholds.<field>`.
 */
import { token } from '@atlaskit/tokens';
import { useId } from 'react';
import type { FlagThresholds, TestEvidence } from '../../../src/flags/domain/flagRules';
import { RULE_APPLIES_TO } from '../../../src/flags/domain/ruleScope';
import type { SettingsSource } from '../../../src/settings/domain/storedSettings';
import { errorsAt, TextInput, type FieldErrors } from '../../common/fields';
import { RULE_NAMES } from '../../common/flags/vocabulary';
import { toNumber } from '../../common/settings/edit';
import { Section } from '../../common/settings/Section';
import { appliesToText, RULES } from './redFlagRuleHelp';
import { RuleDryRun } from './RuleDryRun';

const muted = { color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') } as const;

interface Props {
  projectKey: string;
  value: FlagThresholds | undefined;
  /** The project's Red flag rules switch in the form, and as saved. */
  on: boolean;
  savedOn: boolean;
  saved: FlagThresholds | undefined;
  source?: SettingsSource;
  errors?: FieldErrors;
  readOnly?: boolean;
  onChange: (value: FlagThresholds) => void;
  onSwitch: (on: boolean) => void;
}

export function RedFlagRulesSection({ projectKey, value, on, savedOn, saved, source, errors, readOnly, onChange, onSwitch }: Props) {
  const id = useId();
  if (!value) return null;
  // The dry run shows while the form would switch the rules on or off, or change rules that are on.
  const differs = on !== savedOn || (on && JSON.stringify(value) !== JSON.stringify(saved));
  const path = (field: string) => `flagThresholds.${field}`;
  const setEvidence = (testEvidence: TestEvidence) => onChange({ ...value, testEvidence });
  return (
    <div data-testid="red-flag-rules">
      <Section
        title="Red flag rules"
        headingId="flag-rules-heading"
        source={source}
        description="Rules raise red flags on issues by themselves and clear them when the condition clears. They check an issue whenever it changes, and every open issue once a day. A flag someone resolves stays resolved until what it is about changes."
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
          <input
            id={`${id}-on`}
            type="checkbox"
            data-testid="rules-switch"
            checked={on}
            disabled={readOnly}
            aria-describedby={`${id}-on-help`}
            onChange={(event) => onSwitch(event.target.checked)}
            style={{ width: 16, height: 16, accentColor: token('color.background.brand.bold', '#0C66E4') }}
          />
          <label htmlFor={`${id}-on`} style={{ font: token('font.heading.xsmall', '600 14px/20px sans-serif') }}>
            Run the red flag rules in this project
          </label>
        </div>
        <p id={`${id}-on-help`} style={{ ...muted, margin: `0 0 ${token('space.100', '8px')}` }}>
          {on ? 'The rules below that are ticked run in this project.' : 'Off: no rule raises a flag in this project. Tick it to see what the rules would raise before you save.'}
        </p>
        {differs && !readOnly ? <RuleDryRun projectKey={projectKey} on={on} thresholds={value} /> : null}
        {RULES.map((rule) => {
          const on = value.enabled[rule.id];
          const checkbox = `${id}-${rule.id}`;
          return (
            <fieldset
              key={rule.id}
              data-rule={rule.id}
              style={{ border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.small', '3px'), padding: token('space.150', '12px'), margin: `0 0 ${token('space.100', '8px')}` }}
            >
              <legend style={{ font: token('font.heading.xsmall', '600 14px/20px sans-serif'), padding: `0 ${token('space.050', '4px')}` }}>{RULE_NAMES[rule.id]}</legend>
              <p style={{ ...muted, margin: `0 0 ${token('space.100', '8px')}` }}>
                {rule.explains} {appliesToText(RULE_APPLIES_TO[rule.id])}
              </p>
              <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), marginBottom: token('space.100', '8px') }}>
                <input
                  id={checkbox}
                  type="checkbox"
                  checked={on}
                  disabled={readOnly}
                  onChange={(event) => onChange({ ...value, enabled: { ...value.enabled, [rule.id]: event.target.checked } })}
                  style={{ width: 16, height: 16, accentColor: token('color.background.brand.bold', '#0C66E4') }}
                />
                <label htmlFor={checkbox}>
                  Raise {RULE_NAMES[rule.id].toLowerCase()} flags
                </label>
              </div>
              {rule.field === undefined ? (
                <EvidenceEditor evidence={value.testEvidence} errors={errors} readOnly={readOnly} onChange={setEvidence} />
              ) : (
                <div style={{ maxWidth: 360 }}>
                  <TextInput
                    label={`${rule.label} (${rule.unit})`}
                    path={path(rule.field)}
                    type="number"
                    width={120}
                    value={Number.isFinite(value[rule.field]) ? String(value[rule.field]) : ''}
                    readOnly={readOnly}
                    errors={errorsAt(errors, path(rule.field))}
                    onChange={(text) => onChange({ ...value, [rule.field]: toNumber(text) })}
                  />
                </div>
              )}
              {rule.note ? <p style={{ ...muted, margin: 0 }}>{rule.note}</p> : null}
            </fieldset>
          );
        })}
        {errorsAt(errors, 'flagThresholds.enabled').length > 0 ? <p role="alert" style={{ color: token('color.text.danger', '#AE2E24') }}>{errorsAt(errors, 'flagThresholds.enabled').join(' ')}</p> : null}
      </Section>
    </div>
  );
}

function EvidenceEditor({ evidence, errors, readOnly, onChange }: { evidence: TestEvidence; errors?: FieldErrors; readOnly?: boolean; onChange: (evidence: TestEvidence) => void }) {
  const id = useId();
  const radio = (kind: TestEvidence['kind'], label: string) => (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.050', '4px') }}>
      <input
        id={`${id}-${kind}`}
        type="radio"
        name={`${id}-kind`}
        checked={evidence.kind === kind}
        disabled={readOnly}
        onChange={() => onChange(kind === 'label' ? { kind: 'label', label: evidence.kind === 'label' ? evidence.label : 'tested' } : { kind: 'link', linkType: evidence.kind === 'link' ? evidence.linkType : 'Relates' })}
      />
      <label htmlFor={`${id}-${kind}`}>{label}</label>
    </span>
  );
  return (
    <div>
      <fieldset style={{ border: 'none', padding: 0, margin: `0 0 ${token('space.100', '8px')}` }}>
        <legend style={muted}>Test evidence</legend>
        <div style={{ display: 'flex', gap: token('space.200', '16px'), flexWrap: 'wrap' }}>
          {radio('label', 'A label on the issue')}
          {radio('link', 'A linked test issue')}
        </div>
      </fieldset>
      {evidence.kind === 'label' ? (
        <div style={{ maxWidth: 260 }}>
          <TextInput label="Label" path="flagThresholds.testEvidence.label" value={evidence.label} readOnly={readOnly} errors={errorsAt(errors, 'flagThresholds.testEvidence.label')} onChange={(label) => onChange({ kind: 'label', label })} />
        </div>
      ) : (
        <div style={{ display: 'flex', gap: token('space.150', '12px'), flexWrap: 'wrap' }}>
          <div style={{ width: 220 }}>
            <TextInput
              label="Link type"
              helper="As Jira names it, e.g. Relates or Tests"
              path="flagThresholds.testEvidence.linkType"
              value={evidence.linkType}
              readOnly={readOnly}
              errors={errorsAt(errors, 'flagThresholds.testEvidence.linkType')}
              onChange={(linkType) => onChange({ ...evidence, linkType })}
            />
          </div>
          <div style={{ width: 220 }}>
            <TextInput
              label="Issue type (optional)"
              helper="Only links to this issue type count"
              path="flagThresholds.testEvidence.issueType"
              value={evidence.issueType ?? ''}
              readOnly={readOnly}
              errors={errorsAt(errors, 'flagThresholds.testEvidence.issueType')}
              onChange={(issueType) => {
                const { issueType: _old, ...rest } = evidence;
                onChange(issueType.trim() ? { ...rest, issueType } : rest);
              }}
            />
          </div>
        </div>
      )}
    </div>
  );
}

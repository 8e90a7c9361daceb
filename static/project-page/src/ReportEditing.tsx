/**
 * What the project manager writes into a report: the status override with its reason, and the
 * narrative of each section. Plain controlled fields; the Reports page holds the values and saves
 * them with the draft.
 */
import { ErrorMessage, Label } from '@atlaskit/form';
import { token } from '@atlaskit/tokens';
import { useId } from 'react';
import { OVERALL_STATUS_LABELS, OVERALL_STATUSES, REPORT_SECTION_TITLES, STATUS_RULES, type OverallStatus, type ReportModel, type ReportSection } from '../../../src/domain/report/model';
import { NARRATIVE_MAX_CHARS } from '../../../src/domain/report/bound';
import { OVERRIDE_REASON_MAX_CHARS } from '../../../src/domain/report/status';
import { small, subtle } from '../../common/reports/parts';

export interface OverrideDraft {
  status: OverallStatus | '';
  reason: string;
}

// The server's bounds (src/domain/report): the fields stop there rather than failing on save.
const NARRATIVE_MAX = NARRATIVE_MAX_CHARS;
const REASON_MAX = OVERRIDE_REASON_MAX_CHARS;

const box = (invalid: boolean) => ({
  width: '100%',
  boxSizing: 'border-box' as const,
  font: token('font.body', '14px/20px sans-serif'),
  color: token('color.text', '#172B4D'),
  background: token('color.background.input', '#FFFFFF'),
  border: `${invalid ? 2 : 1}px solid ${invalid ? token('color.border.danger', '#E2483D') : token('color.border.input', '#8590A2')}`,
  borderRadius: token('radius.small', '3px'),
  padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`,
});

/** Override the computed status: a status and why (the reason is required with a status). */
export function StatusOverrideEditor({ model, value, onChange, fieldError }: { model: ReportModel; value: OverrideDraft; onChange: (value: OverrideDraft) => void; fieldError: (path: string) => string | undefined }) {
  const statusId = useId();
  const reasonId = useId();
  const reasonError = fieldError('statusOverride.reason') ?? (value.status && !value.reason.trim() ? 'Say why you set the status (it is shown with the report)' : undefined);
  const statusError = fieldError('statusOverride.status');
  return (
    <div data-testid="status-override" style={{ margin: `${token('space.150', '12px')} 0`, padding: token('space.150', '12px'), border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.medium', '6px') }}>
      <div style={{ display: 'flex', gap: token('space.200', '16px'), flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <div style={{ minWidth: 220 }}>
          <Label htmlFor={statusId}>Status shown in the report</Label>
          <select id={statusId} value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value as OverrideDraft['status'] })} aria-invalid={statusError ? true : undefined} style={{ ...box(!!statusError), height: 40 }}>
            <option value="">As computed ({OVERALL_STATUS_LABELS[model.status.computed]})</option>
            {OVERALL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {OVERALL_STATUS_LABELS[status]} (override)
              </option>
            ))}
          </select>
          {statusError ? <ErrorMessage>{statusError}</ErrorMessage> : null}
        </div>
        {value.status ? (
          <div style={{ flex: '1 1 320px' }}>
            <Label htmlFor={reasonId}>Why (shown with the status)</Label>
            <textarea
              id={reasonId}
              rows={2}
              maxLength={REASON_MAX}
              value={value.reason}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${reasonId}-error` : undefined}
              onChange={(e) => onChange({ ...value, reason: e.target.value })}
              style={{ ...box(!!reasonError), resize: 'vertical' }}
            />
            {reasonError ? (
              <div id={`${reasonId}-error`}>
                <ErrorMessage>{reasonError}</ErrorMessage>
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
      <details style={{ ...small, ...subtle, marginTop: token('space.100', '8px') }}>
        <summary style={{ cursor: 'pointer' }}>How the status is computed</summary>
        <p style={{ margin: `${token('space.050', '4px')} 0` }}>Off track when any off-track rule holds, else at risk when any at-risk rule holds, else on track. An override is shown as yours, with the computed status beside it.</p>
        <ul data-testid="status-rules" style={{ margin: 0, paddingLeft: token('space.250', '20px') }}>
          {STATUS_RULES.map((rule) => (
            <li key={rule.id}>
              <strong>{OVERALL_STATUS_LABELS[rule.status]}:</strong> {rule.text}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** The narrative of one section: what the numbers do not say. */
export function NarrativeEditor({ section, value, onChange, error }: { section: ReportSection; value: string; onChange: (value: string) => void; error?: string }) {
  const id = useId();
  return (
    <div style={{ margin: `${token('space.100', '8px')} 0` }}>
      <Label htmlFor={id}>{`Narrative: ${REPORT_SECTION_TITLES[section]}`}</Label>
      <textarea
        id={id}
        rows={value ? 3 : 2}
        maxLength={NARRATIVE_MAX}
        value={value}
        placeholder="What the numbers do not say (optional)"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
        style={{ ...box(!!error), resize: 'vertical' }}
      />
      {error ? (
        <div id={`${id}-error`}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      ) : null}
    </div>
  );
}

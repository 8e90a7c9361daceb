/**
 * What the project manager writes into a report: the status override with its reason, and the
 * narrative of each section. Plain controlled fields; the Reports page holds the values and saves
 * them with the draft.
 */
import { token } from '@atlaskit/tokens';
import { OVERALL_STATUS_LABELS, OVERALL_STATUSES, REPORT_SECTION_TITLES, STATUS_RULES, type OverallStatus, type ReportModel, type ReportSection } from '../../../src/reports/domain/model';
// The server's bounds: the fields stop there rather than failing on save.
import { NARRATIVE_MAX_CHARS } from '../../../src/reports/domain/bound';
import { OVERRIDE_REASON_MAX_CHARS } from '../../../src/reports/domain/status';
import { ChoiceSelect, TextArea } from '../../common/asks/controls';
import { small, subtle } from '../../common/reports/parts';

export interface OverrideDraft {
  status: OverallStatus | '';
  reason: string;
}

/** Override the computed status: a status and why (the reason is required with a status). */
export function StatusOverrideEditor({ model, value, onChange, fieldError }: { model: ReportModel; value: OverrideDraft; onChange: (value: OverrideDraft) => void; fieldError: (path: string) => string | undefined }) {
  const reasonError = fieldError('statusOverride.reason') ?? (value.status && !value.reason.trim() ? 'Say why you set the status (it is shown with the report)' : undefined);
  const statusError = fieldError('statusOverride.status');
  return (
    <div data-testid="status-override" style={{ margin: `${token('space.150', '12px')} 0`, padding: token('space.150', '12px'), border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.medium', '6px') }}>
      <div style={{ display: 'flex', gap: token('space.200', '16px'), flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <div style={{ minWidth: 220 }}>
          <ChoiceSelect
            label="Status shown in the report"
            value={value.status}
            placeholder={`As computed (${OVERALL_STATUS_LABELS[model.status.computed]})`}
            options={OVERALL_STATUSES.map((status) => ({ value: status, label: `${OVERALL_STATUS_LABELS[status]} (override)` }))}
            onChange={(status) => onChange({ ...value, status: status as OverrideDraft['status'] })}
            error={statusError}
          />
        </div>
        {value.status ? (
          <div style={{ flex: '1 1 320px' }}>
            <TextArea label="Why (shown with the status)" rows={2} maxLength={OVERRIDE_REASON_MAX_CHARS} value={value.reason} onChange={(reason) => onChange({ ...value, reason })} error={reasonError} />
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
  return (
    <div style={{ marginTop: token('space.100', '8px') }}>
      <TextArea label={`Narrative: ${REPORT_SECTION_TITLES[section]}`} rows={value ? 3 : 2} maxLength={NARRATIVE_MAX_CHARS} value={value} placeholder="What the numbers do not say (optional)" onChange={onChange} error={error} />
    </div>
  );
}

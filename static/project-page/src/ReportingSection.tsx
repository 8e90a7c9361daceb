/**
 * "Reports" in a project's settings: whether client reports show what change requests cost
 * (`reporting.showCostsToClient`, off unless a manager turns it on). Saved with the rest of the
 * settings; the server builds the client's report without prices while it is off.
 */
import { token } from '@atlaskit/tokens';
import { useId } from 'react';
import type { Reporting } from '../../../src/domain/settings';
import { errorsAt, type FieldErrors } from '../../common/fields';
import { Section } from '../../common/settings/Section';

interface Props {
  value: Reporting | undefined;
  /** What is saved now, to say that a change takes effect only once saved. */
  saved: Reporting | undefined;
  errors?: FieldErrors;
  readOnly: boolean;
  onChange: (value: Reporting) => void;
}

export function ReportingSection({ value, saved, errors, readOnly, onChange }: Props) {
  const id = useId();
  const on = value?.showCostsToClient === true;
  const problems = errorsAt(errors, 'reporting.showCostsToClient').concat(errorsAt(errors, 'reporting'));
  return (
    <div data-testid="reporting-section">
      <Section
        title="Reports"
        headingId="reporting-heading"
        description="What the client report may show. Client reports never show internal red flags, hours per person or internal effort; prices of change requests are shown only when you allow it here."
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
          <input
            id={`${id}-costs`}
            type="checkbox"
            checked={on}
            disabled={readOnly}
            aria-invalid={problems.length > 0 || undefined}
            aria-describedby={problems.length > 0 ? `${id}-costs-error` : undefined}
            onChange={(event) => onChange({ showCostsToClient: event.target.checked })}
            style={{ width: 16, height: 16, accentColor: token('color.background.brand.bold', '#0C66E4') }}
          />
          <label htmlFor={`${id}-costs`}>Show change request prices and paid totals in client reports</label>
        </div>
        {problems.length > 0 ? (
          <p id={`${id}-costs-error`} role="alert" style={{ color: token('color.text.danger', '#AE2E24'), margin: `${token('space.100', '8px')} 0 0` }}>
            {problems.join(' ')}
          </p>
        ) : null}
        {on !== (saved?.showCostsToClient === true) ? (
          <p style={{ color: token('color.text.subtle', '#44546F'), margin: `${token('space.100', '8px')} 0 0` }}>
            Save the settings for this to apply to client reports generated or saved from now on; published reports keep what they showed.
          </p>
        ) : null}
      </Section>
    </div>
  );
}

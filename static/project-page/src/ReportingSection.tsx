/**
 * "Reports" in a project's settings: whether client reports show what change requests cost
 * (`reporting.showCostsToClient`, off unless a manager turns it on). Saved with the rest of the
 * settings; the server builds the client's report without prices while it is off.
 */
import type { Reporting } from '../../../src/domain/settings';
import { errorsAt, type FieldErrors } from '../../common/fields';
import { Section } from '../../common/settings/Section';
import { SettingSwitch } from '../../common/settings/SettingSwitch';

interface Props {
  value: Reporting | undefined;
  /** What is saved now, to say that a change takes effect only once saved. */
  saved: Reporting | undefined;
  errors?: FieldErrors;
  readOnly: boolean;
  onChange: (value: Reporting) => void;
}

export function ReportingSection({ value, saved, errors, readOnly, onChange }: Props) {
  const on = value?.showCostsToClient === true;
  const problems = errorsAt(errors, 'reporting.showCostsToClient').concat(errorsAt(errors, 'reporting'));
  return (
    <div data-testid="reporting-section">
      <Section
        title="Reports"
        headingId="reporting-heading"
        description="What the client report may show. Client reports never show internal red flags, hours per person or internal effort; prices of change requests are shown only when you allow it here."
      >
        <SettingSwitch
          label="Show change request prices and paid totals in client reports"
          checked={on}
          saved={saved?.showCostsToClient === true}
          readOnly={readOnly}
          errors={problems}
          pendingNote="Save the settings for this to apply to client reports generated or saved from now on; published reports keep what they showed."
          onChange={(showCostsToClient) => onChange({ showCostsToClient })}
        />
      </Section>
    </div>
  );
}

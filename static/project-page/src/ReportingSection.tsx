/**
 * "Reports" in a project's settings: whether client reports show what change requests cost
 * (`reporting.showCostsToClient`, off unless a manager turns it on), and the Confluence spaces a
 * manager marked internal (`reporting.internalConfluenceSpaces`: the only spaces executive,
 * manager and team reports may be written to). Saved with the rest of the settings; the server
 * enforces both.
 */
import { useState } from 'react';
import type { Reporting } from '../../../src/settings/domain/settings';
import { currencyChoices } from '../../common/changes/words';
import { errorsAt, SelectInput, TextInput, type FieldErrors } from '../../common/fields';
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

/** "TEAM, ~maya  OPS" -> ['TEAM', '~maya', 'OPS']: space keys contain no commas or spaces. */
const spaceKeysOf = (text: string): string[] => text.split(/[\s,]+/).filter((key) => key.length > 0);

export function ReportingSection({ value, saved, errors, readOnly, onChange }: Props) {
  const on = value?.showCostsToClient === true;
  const problems = errorsAt(errors, 'reporting.showCostsToClient').concat(errorsAt(errors, 'reporting'));
  const spaces = value?.internalConfluenceSpaces ?? [];
  // The typed text, so a trailing comma survives while the next key is typed.
  const [spacesText, setSpacesText] = useState(spaces.join(', '));
  const spaceProblems = Object.entries(errors ?? {})
    .filter(([path]) => path.startsWith('reporting.internalConfluenceSpaces'))
    .map(([, message]) => message);
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
          onChange={(showCostsToClient) => onChange({ ...value, showCostsToClient })}
        />
        <div data-testid="project-currency" style={{ marginTop: 16, maxWidth: 320 }}>
          <SelectInput
            label="Project currency"
            path="reporting.currency"
            value={value?.currency}
            options={currencyChoices(value?.currency)}
            readOnly={readOnly}
            errors={errorsAt(errors, 'reporting.currency')}
            helper="Costs and prices of change requests start in this currency."
            onChange={(currency) => onChange({ ...value, showCostsToClient: on, currency })}
          />
        </div>
        <div data-testid="internal-spaces" style={{ marginTop: 16 }}>
          <TextInput
            label="Confluence spaces marked internal"
            path="reporting.internalConfluenceSpaces"
            value={spacesText}
            readOnly={readOnly}
            errors={spaceProblems}
            placeholder="e.g. TEAM"
            helper="Space keys, separated by commas. Executive, manager and team reports can be written only to these spaces; client reports may go to any space."
            onChange={(text) => {
              setSpacesText(text);
              const keys = spaceKeysOf(text);
              onChange({ showCostsToClient: on, ...(value?.currency ? { currency: value.currency } : {}), ...(keys.length ? { internalConfluenceSpaces: keys } : {}) });
            }}
          />
        </div>
      </Section>
    </div>
  );
}

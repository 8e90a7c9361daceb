/** The whole settings document: role mapping, then the communication plan. */
import type { Settings } from '../../../src/settings/domain/settings';
import type { Section as SectionName, SettingsSource } from '../../../src/settings/domain/storedSettings';
import type { FieldErrors } from '../fields';
import { PlanEditor } from './PlanEditor';
import { RoleMappingEditor } from './RoleMappingEditor';
import { Section } from './Section';

interface Props {
  value: Settings;
  errors?: FieldErrors;
  readOnly?: boolean;
  /** The project's Jira roles; absent on the admin page. */
  jiraRoles?: string[];
  sources?: Partial<Record<SectionName, SettingsSource>>;
  overlapWarnings?: string[];
  onChange?: (value: Settings) => void;
}

export function SettingsEditor({ value, errors, readOnly, jiraRoles, sources = {}, overlapWarnings, onChange }: Props) {
  return (
    <div>
      <Section
        title="Role mapping"
        headingId="role-mapping-heading"
        source={sources.roleMapping}
        description="Which Jira project roles make someone a Liaison manager, approver, team member or client. Someone in client and an internal role is treated as a client."
      >
        <RoleMappingEditor
          mapping={value.roleMapping}
          jiraRoles={jiraRoles}
          errors={errors}
          readOnly={readOnly}
          overlapWarnings={overlapWarnings}
          onChange={(roleMapping) => onChange?.({ ...value, roleMapping })}
        />
      </Section>
      <PlanEditor plan={value.communicationPlan} errors={errors} readOnly={readOnly} sources={sources} onChange={(communicationPlan) => onChange?.({ ...value, communicationPlan })} />
    </div>
  );
}

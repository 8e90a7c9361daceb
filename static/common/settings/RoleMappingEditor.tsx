/** One multi-select per app role, listing the Jira project roles mapped to it. */
import SectionMessage from '@atlaskit/section-message';
import type { RoleMapping } from '../../../src/access/domain/roles';
import { errorsAt, MultiSelectInput, type FieldErrors } from '../fields';
import { APP_ROLES, ROLE_HELP, roleName } from './options';

interface Props {
  mapping: RoleMapping;
  /** The project's real Jira roles; absent on the admin page, where names are typed. */
  jiraRoles?: string[];
  errors?: FieldErrors;
  readOnly?: boolean;
  overlapWarnings?: string[];
  onChange?: (mapping: RoleMapping) => void;
}

export function RoleMappingEditor({ mapping, jiraRoles, errors, readOnly, overlapWarnings = [], onChange }: Props) {
  const options = (jiraRoles ?? []).map((name) => ({ label: name, value: name }));
  return (
    // As wide as Jira's own settings forms: a full-width multi-select reads as a table row.
    <div style={{ maxWidth: '40rem' }}>
      {overlapWarnings.length > 0 ? (
        <div style={{ marginBottom: 12 }} data-testid="overlap-warning">
          <SectionMessage appearance="warning" title="Some Jira roles are mapped to client and to an internal role">
            {overlapWarnings.map((warning) => (
              <p key={warning}>{warning}</p>
            ))}
          </SectionMessage>
        </div>
      ) : null}
      {APP_ROLES.map((role) => (
        <MultiSelectInput
          key={role}
          label={`${roleName(role)}: Jira roles`}
          helper={ROLE_HELP[role]}
          values={mapping[role]}
          options={options}
          creatable={jiraRoles === undefined}
          readOnly={readOnly}
          errors={errorsAt(errors, `roleMapping.${role}`)}
          onChange={(values) => onChange?.({ ...mapping, [role]: values })}
        />
      ))}
    </div>
  );
}

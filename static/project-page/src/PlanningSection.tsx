/**
 * "Budget, rates and time zone" in a project's settings (issue 17, `planning`): the project's time
 * zone (report dates are its calendar days), the currency, whether the work is billable, the budget
 * (hours and/or money, from a start date), rates per role and per person, and each person's weekly
 * capacity. Internal: reports show money to clients only when change request prices may be shown.
 */
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { Planning } from '../../../src/reports/domain/planning';
import { errorsAt, TextInput, type FieldErrors } from '../../common/fields';
import { Section } from '../../common/settings/Section';
import { SettingSwitch } from '../../common/settings/SettingSwitch';

interface Props {
  value: Planning | undefined;
  saved: Planning | undefined;
  errors?: FieldErrors;
  readOnly: boolean;
  onChange: (value: Planning | undefined) => void;
}

const EMPTY: Planning = { currency: 'EUR', billable: false, roleRates: [], people: [] };

/** A number typed as text: blank is "not set"; anything else goes to the server as a number (which names the problem). */
function NumberField({ label, path, value, errors, readOnly, helper, onChange }: { label: string; path: string; value: number | undefined; errors?: FieldErrors; readOnly: boolean; helper?: string; onChange: (n: number | undefined) => void }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  return (
    <TextInput
      label={label}
      path={path}
      value={text}
      readOnly={readOnly}
      errors={errorsAt(errors, path)}
      helper={helper}
      onChange={(t) => {
        setText(t);
        onChange(t.trim() === '' ? undefined : Number(t.replace(',', '.')));
      }}
    />
  );
}

const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))', gap: 12 } as const;

export function PlanningSection({ value, saved, errors, readOnly, onChange }: Props) {
  const plan = value ?? EMPTY;
  const set = (patch: Partial<Planning>) => onChange({ ...plan, ...patch });
  const budget = plan.budget ?? {};
  const setBudget = (patch: Partial<NonNullable<Planning['budget']>>) => {
    const next = { ...budget, ...patch };
    for (const key of Object.keys(next) as (keyof typeof next)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    set({ budget: Object.keys(next).length ? next : undefined });
  };
  return (
    <div data-testid="planning-section">
      <Section
        title="Budget, rates and time zone"
        headingId="planning-heading"
        description="Reports cost the hours logged in Jira at these rates against the budget, show hours against capacity, and date everything in the project's time zone. Rates are internal; client reports show money only when change request prices may be shown to clients."
      >
        {value === undefined ? (
          readOnly ? (
            <p>No budget or rates are set for this project.</p>
          ) : (
            <Button onClick={() => onChange({ ...EMPTY })}>Set a budget and rates</Button>
          )
        ) : (
          <>
            <div style={grid}>
              <TextInput label="Project time zone" path="planning.timeZone" value={plan.timeZone ?? ''} placeholder="e.g. Europe/Berlin" readOnly={readOnly} errors={errorsAt(errors, 'planning.timeZone')} onChange={(t) => set({ timeZone: t.trim() === '' ? undefined : t })} />
              <TextInput label="Currency" path="planning.currency" value={plan.currency} readOnly={readOnly} errors={errorsAt(errors, 'planning.currency')} onChange={(currency) => set({ currency })} />
              <NumberField label="Default hourly rate" path="planning.defaultRate" value={plan.defaultRate} errors={errors} readOnly={readOnly} helper="For anyone without a rate of their own or of their role" onChange={(defaultRate) => set({ defaultRate })} />
            </div>
            <SettingSwitch label="The project's hours are billable to the client" checked={plan.billable} saved={saved?.billable === true} readOnly={readOnly} errors={errorsAt(errors, 'planning.billable')} pendingNote="Save the settings for this to apply." onChange={(billable) => set({ billable })} />
            <div style={{ ...grid, marginTop: 12 }}>
              <NumberField label="Budget (hours)" path="planning.budget.hours" value={budget.hours} errors={errors} readOnly={readOnly} onChange={(hours) => setBudget({ hours })} />
              <NumberField label="Budget (money)" path="planning.budget.amount" value={budget.amount} errors={errors} readOnly={readOnly} onChange={(amount) => setBudget({ amount })} />
              <TextInput label="Budget counts work from" type="date" path="planning.budget.from" value={budget.from ?? ''} readOnly={readOnly} errors={errorsAt(errors, 'planning.budget.from')} onChange={(from) => setBudget({ from: from || undefined })} />
            </div>

            <h4 style={{ margin: '16px 0 4px' }}>Rates per role</h4>
            {plan.roleRates.map((r, i) => (
              <div key={i} style={{ ...grid, alignItems: 'end' }}>
                <TextInput label={`Role ${i + 1}`} path={`planning.roleRates.${i}.role`} value={r.role} readOnly={readOnly} errors={errorsAt(errors, `planning.roleRates.${i}.role`)} onChange={(role) => set({ roleRates: plan.roleRates.map((x, j) => (j === i ? { ...x, role } : x)) })} />
                <NumberField label={`Hourly rate of role ${i + 1}`} path={`planning.roleRates.${i}.rate`} value={r.rate} errors={errors} readOnly={readOnly} onChange={(rate) => set({ roleRates: plan.roleRates.map((x, j) => (j === i ? { ...x, rate: rate as number } : x)) })} />
                {readOnly ? null : (
                  <div style={{ paddingBottom: 12 }}>
                    <Button appearance="subtle" onClick={() => set({ roleRates: plan.roleRates.filter((_, j) => j !== i) })}>
                      Remove role {i + 1}
                    </Button>
                  </div>
                )}
              </div>
            ))}
            {readOnly ? null : <Button onClick={() => set({ roleRates: [...plan.roleRates, { role: '', rate: 0 }] })}>Add a role rate</Button>}

            <h4 style={{ margin: '16px 0 4px' }}>People</h4>
            {plan.people.map((p, i) => (
              <div key={i} style={{ ...grid, alignItems: 'end' }}>
                <TextInput label={`Person ${i + 1}`} path={`planning.people.${i}.name`} value={p.name} readOnly={readOnly} errors={errorsAt(errors, `planning.people.${i}.name`).concat(errorsAt(errors, `planning.people.${i}.accountId`))} onChange={(name) => set({ people: plan.people.map((x, j) => (j === i ? { ...x, name } : x)) })} />
                <TextInput label={`Jira account id of person ${i + 1}`} path={`planning.people.${i}.accountId`} value={p.accountId} readOnly={readOnly} errors={[]} onChange={(accountId) => set({ people: plan.people.map((x, j) => (j === i ? { ...x, accountId } : x)) })} />
                <TextInput label={`Role of person ${i + 1}`} path={`planning.people.${i}.role`} value={p.role ?? ''} readOnly={readOnly} errors={errorsAt(errors, `planning.people.${i}.role`)} onChange={(role) => set({ people: plan.people.map((x, j) => (j === i ? { ...x, role: role.trim() === '' ? undefined : role } : x)) })} />
                <NumberField label={`Own hourly rate of person ${i + 1}`} path={`planning.people.${i}.rate`} value={p.rate} errors={errors} readOnly={readOnly} onChange={(rate) => set({ people: plan.people.map((x, j) => (j === i ? { ...x, rate } : x)) })} />
                <NumberField label={`Weekly hours of person ${i + 1}`} path={`planning.people.${i}.weeklyHours`} value={p.weeklyHours} errors={errors} readOnly={readOnly} onChange={(weeklyHours) => set({ people: plan.people.map((x, j) => (j === i ? { ...x, weeklyHours } : x)) })} />
                {readOnly ? null : (
                  <div style={{ paddingBottom: 12 }}>
                    <Button appearance="subtle" onClick={() => set({ people: plan.people.filter((_, j) => j !== i) })}>
                      Remove person {i + 1}
                    </Button>
                  </div>
                )}
              </div>
            ))}
            {readOnly ? null : <Button onClick={() => set({ people: [...plan.people, { accountId: '', name: '' }] })}>Add a person</Button>}
            {readOnly ? null : (
              <div style={{ marginTop: 16 }}>
                <Button appearance="subtle" onClick={() => onChange(undefined)}>
                  Remove the budget and rates
                </Button>
              </div>
            )}
          </>
        )}
      </Section>
    </div>
  );
}

/**
 * The Reports page's choices: the period (a week or a month by any day in it, or two dates) and
 * the audience. Native radios and date inputs in Jira's colours, each labelled, with the server's
 * field errors under them.
 */
import { ErrorMessage } from '@atlaskit/form';
import { token } from '@atlaskit/tokens';
import { useId } from 'react';
import type { ReportAudience } from '../../../src/reports/domain/model';
import { customPeriod, periodOf } from '../../../src/reports/domain/period';
import { DateInput } from '../../common/asks/controls';
import { AUDIENCES, periodText, type PeriodChoice } from '../../common/reports/api';
import { small, subtle } from '../../common/reports/parts';

function RadioGroup<T extends string>({ legend, name, options, value, onChange, error }: {
  legend: string;
  name: string;
  options: { value: T; label: string; description?: string }[];
  value: T;
  onChange: (value: T) => void;
  error?: string;
}) {
  const id = useId();
  return (
    <fieldset style={{ border: 'none', padding: 0, margin: 0, minWidth: 0 }} aria-describedby={error ? `${id}-error` : undefined}>
      <legend style={{ font: token('font.body.small', '600 12px/16px sans-serif'), fontWeight: 600, color: token('color.text.subtle', '#44546F'), marginBottom: token('space.075', '6px') }}>{legend}</legend>
      <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.075', '6px') }}>
        {options.map((option) => (
          <div key={option.value} style={{ display: 'flex', gap: token('space.075', '6px'), alignItems: 'flex-start' }}>
            <input
              type="radio"
              id={`${id}-${option.value}`}
              name={`${name}-${id}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-describedby={option.description ? `${id}-${option.value}-desc` : undefined}
              style={{ width: 16, height: 16, marginTop: 2, accentColor: token('color.background.brand.bold', '#0C66E4') }}
            />
            <div>
              <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
              {option.description ? (
                <div id={`${id}-${option.value}-desc`} style={{ ...small, ...subtle, maxWidth: 360 }}>
                  {option.description}
                </div>
              ) : null}
            </div>
          </div>
        ))}
      </div>
      {error ? (
        <div id={`${id}-error`}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      ) : null}
    </fieldset>
  );
}

/** "Reports on 16 Nov – 22 Nov 2026", or why the dates do not make a period yet. */
function resolvedText(choice: PeriodChoice): string {
  try {
    if (choice.kind === 'custom') {
      if (!choice.from || !choice.to) return 'Choose the first and last day.';
      return `Reports on ${periodText(customPeriod(choice.from, choice.to))}`;
    }
    const date = choice.kind === 'week' ? choice.day : `${choice.month}-01`;
    return `Reports on ${periodText(periodOf(choice.kind, date))}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function ReportPickers({ choice, audience, onChoice, onAudience, fieldError }: {
  choice: PeriodChoice;
  audience: ReportAudience;
  onChoice: (choice: PeriodChoice) => void;
  onAudience: (audience: ReportAudience) => void;
  fieldError: (path: string) => string | undefined;
}) {
  return (
    <div role="group" aria-label="What to report" style={{ display: 'flex', gap: token('space.400', '32px'), flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}>
        <RadioGroup
          legend="Period"
          name="period"
          value={choice.kind}
          options={(['week', 'month', 'custom'] as const).map((kind) => ({ value: kind, label: kind === 'week' ? 'Week (Monday to Sunday)' : kind === 'month' ? 'Calendar month' : 'Custom dates' }))}
          onChange={(kind) => onChoice({ ...choice, kind })}
          error={fieldError('period.kind')}
        />
        {choice.kind === 'week' ? <DateInput label="Any day in the week" value={choice.day} onChange={(day) => onChoice({ ...choice, day })} error={fieldError('period.date') ?? fieldError('date')} /> : null}
        {choice.kind === 'month' ? <DateInput label="Month" type="month" value={choice.month} onChange={(month) => onChoice({ ...choice, month })} error={fieldError('period.date') ?? fieldError('date')} /> : null}
        {choice.kind === 'custom' ? (
          <div style={{ display: 'flex', gap: token('space.150', '12px'), flexWrap: 'wrap' }}>
            <DateInput label="From" value={choice.from} onChange={(from) => onChoice({ ...choice, from })} error={fieldError('period.from') ?? fieldError('from')} />
            <DateInput label="To" value={choice.to} onChange={(to) => onChoice({ ...choice, to })} error={fieldError('period.to') ?? fieldError('to') ?? fieldError('period')} />
          </div>
        ) : null}
        <p data-testid="period-resolved" aria-live="polite" style={{ ...small, ...subtle, margin: 0 }}>
          {resolvedText(choice)}
        </p>
      </div>
      <RadioGroup legend="Audience" name="audience" value={audience} options={AUDIENCES} onChange={onAudience} error={fieldError('audience')} />
    </div>
  );
}

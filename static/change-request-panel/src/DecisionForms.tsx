/**
 * The approver's decision (approve as a paid change with its price, approve as an unpaid change,
 * or decline, with the rationale kept internal) and the withdrawal of a change request (its
 * requester or a manager). A decision is claimed once: if another approver decided first, the
 * server answers who and when, and the panel shows it.
 */
import { ErrorMessage } from '@atlaskit/form';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import { CHANGE_LIMITS, type DecisionOutcome } from '../../../src/changes/domain/changeVocabulary';
import { TextArea } from '../../common/asks/controls';
import { CurrencyInput, NumberInput, numberOrUndefined, Row } from '../../common/changes/controls';
import { days, formatMoney } from '../../common/changes/words';
import { FormFrame } from './FormFrame';
import type { FormProps } from './formProps';

const OUTCOMES: { value: DecisionOutcome; label: string; explains: string }[] = [
  { value: 'paid', label: 'Approve as a paid change', explains: 'The client pays the price below for it.' },
  { value: 'unpaid', label: 'Approve as an unpaid change', explains: 'Done at no charge; the effort counts as given away.' },
  { value: 'declined', label: 'Decline', explains: 'It will not be done.' },
];

export function DecideForm({ view, busy, problem, run, onCancel }: FormProps) {
  const a = view.assessment;
  const [outcome, setOutcome] = useState<DecisionOutcome | ''>('');
  const [amount, setAmount] = useState(a?.cost !== undefined ? String(a.cost) : '');
  const [currency, setCurrency] = useState(a?.currency ?? view.defaultCurrency ?? '');
  const [rationale, setRationale] = useState('');
  const id = useId();
  const err = (path: string) => problem?.fields?.[path];
  const outcomeError = err('outcome');

  const send = () =>
    void run(
      'changes.decide',
      {
        outcome,
        ...(outcome === 'paid' ? { price: { amount: numberOrUndefined(amount), currency } } : {}),
        rationale,
      },
      outcome === 'declined' ? 'Change request declined' : 'Change request approved',
    );

  return (
    <FormFrame
      label="Approve or decline"
      testId="decide-form"
      description={
        a ? (
          <span>
            Assessed at {a.effortDays !== undefined ? days(a.effortDays, 'person-day') : 'no stated effort'}, {a.scheduleDays === 0 ? 'no schedule impact' : `${days(a.scheduleDays)} added to the schedule`}
            {a.cost !== undefined && a.currency ? `, cost ${formatMoney({ amount: a.cost, currency: a.currency })}` : ''}.
          </span>
        ) : undefined
      }
      busy={busy}
      onCancel={onCancel}
      actions={[{ label: 'Record decision', onClick: send, primary: true, loading: true }]}
    >
      <fieldset data-field-path="outcome" aria-describedby={outcomeError ? `${id}-error` : undefined} style={{ border: 0, padding: 0, margin: `0 0 ${token('space.150', '12px')}` }}>
        <legend style={{ font: token('font.body.small', '600 12px/16px sans-serif'), color: token('color.text.subtle', '#44546F'), marginBottom: token('space.050', '4px') }}>Decision</legend>
        {OUTCOMES.map((option) => (
          <label key={option.value} style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'flex-start', padding: `${token('space.050', '4px')} 0`, cursor: 'pointer' }}>
            <input
              type="radio"
              name={`${id}-outcome`}
              value={option.value}
              checked={outcome === option.value}
              aria-invalid={outcomeError ? true : undefined}
              onChange={() => setOutcome(option.value)}
              style={{ width: 16, height: 16, marginTop: 2, accentColor: token('color.background.brand.bold', '#0C66E4') }}
            />
            <span>
              {option.label}
              <span style={{ display: 'block', color: token('color.text.subtle', '#44546F'), font: token('font.body.small', '12px/16px sans-serif') }}>{option.explains}</span>
            </span>
          </label>
        ))}
        {outcomeError ? (
          <div id={`${id}-error`}>
            <ErrorMessage>{outcomeError}</ErrorMessage>
          </div>
        ) : null}
      </fieldset>
      {outcome === 'paid' ? (
        <Row>
          <NumberInput required label="Price" path="price.amount" value={amount} onChange={setAmount} error={err('price.amount') ?? err('price')} helper="What the client pays for this change" />
          <CurrencyInput label="Price currency" path="price.currency" value={currency} projectDefault={view.defaultCurrency} required onChange={setCurrency} error={err('price.currency')} />
        </Row>
      ) : null}
      <TextArea required label="Rationale (internal: the client does not see it)" value={rationale} onChange={setRationale} error={err('rationale')} rows={3} maxLength={CHANGE_LIMITS.rationale} />
    </FormFrame>
  );
}

export function WithdrawForm({ busy, problem, run, onCancel }: FormProps) {
  const [reason, setReason] = useState('');
  return (
    <FormFrame
      label="Withdraw the change request"
      testId="withdraw-form"
      description="A withdrawn change request is closed without a decision; the reason is recorded."
      busy={busy}
      onCancel={onCancel}
      actions={[{ label: 'Withdraw', onClick: () => void run('changes.withdraw', { reason }, 'Change request withdrawn'), primary: true, loading: true }]}
    >
      <TextArea required label="Why it is withdrawn" value={reason} onChange={setReason} error={problem?.fields?.reason} rows={3} maxLength={CHANGE_LIMITS.reason} />
    </FormFrame>
  );
}

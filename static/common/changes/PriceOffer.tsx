/**
 * The price of a paid change as sent to the client who raised it: the price, the deadline and
 * where it stands; for that client (when the server allows it) Accept / Decline, declining with an
 * optional reason. Shown in the Change request panel and the portal.
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { CHANGE_LIMITS, type ChangeView, type PriceResponseState } from '../../../src/changes/domain/changeVocabulary';
import { TextArea } from '../asks/controls';
import { formatDay } from '../asks/format';
import { callResolver, type ErrorBody } from '../bridge';
import { RefusedNotice, splitFieldErrors } from './controls';

const STATE_WORDS: Record<PriceResponseState, { label: string; appearance: 'moved' | 'success' | 'removed' | 'default' }> = {
  awaiting: { label: 'Awaiting client acceptance', appearance: 'moved' },
  accepted: { label: 'Price accepted', appearance: 'success' },
  declined: { label: 'Price declined', appearance: 'removed' },
  expired: { label: 'Offer expired', appearance: 'default' },
};

function money(price: { amount: number; currency: string }): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency }).format(price.amount);
  } catch {
    return `${price.currency} ${price.amount}`;
  }
}

export function PriceOffer({ view, onAnswered }: { view: ChangeView; onAnswered: (next: ChangeView) => void }) {
  const offer = view.priceOffer;
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  if (!offer) return null;
  const words = STATE_WORDS[offer.state];
  const mine = view.viewer === 'client';

  const answer = async (response: 'accept' | 'decline') => {
    setBusy(response);
    setProblem(null);
    const result = await callResolver<ChangeView>('changes.respondToPrice', { issueKey: view.issueKey, version: view.version, response, ...(response === 'decline' && reason.trim() ? { reason } : {}) });
    setBusy(null);
    if (!result.ok) return setProblem(result.error);
    setDeclining(false);
    onAnswered(result.data);
  };
  const { inline, elsewhere } = splitFieldErrors(problem, ['reason']);

  return (
    <div data-testid="price-offer" data-state={offer.state} style={{ marginTop: token('space.150', '12px'), padding: token('space.150', '12px'), border: `1px solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.small', '3px') }}>
      <div style={{ display: 'flex', gap: token('space.100', '8px'), alignItems: 'center', flexWrap: 'wrap' }}>
        <strong>{mine ? 'The price for your change' : 'Price sent to the client'}: {money(offer.price)}</strong>
        <Lozenge appearance={words.appearance} isBold>
          {words.label}
        </Lozenge>
      </div>
      <p style={{ margin: `${token('space.050', '4px')} 0 0`, color: token('color.text.subtle', '#44546F') }}>
        {offer.state === 'awaiting' ? `${mine ? 'Accept or decline it' : 'The client may accept it'} by ${formatDay(offer.deadline)}.` : offer.state === 'expired' ? `It could be accepted until ${formatDay(offer.deadline)}.` : null}
        {offer.reason ? `Reason given: ${offer.reason}` : null}
      </p>
      {problem ? <div style={{ marginTop: token('space.100', '8px') }}><RefusedNotice problem={problem} inlineCount={Object.keys(inline).length} elsewhere={elsewhere} /></div> : null}
      {view.can.respondToPrice && !declining ? (
        <div role="group" aria-label="Your answer to the price" style={{ display: 'flex', gap: token('space.100', '8px'), marginTop: token('space.100', '8px') }}>
          <Button appearance="primary" isLoading={busy === 'accept'} isDisabled={busy !== null} onClick={() => void answer('accept')}>
            Accept the price
          </Button>
          <Button isDisabled={busy !== null} onClick={() => setDeclining(true)}>
            Decline the price
          </Button>
        </div>
      ) : null}
      {declining ? (
        <form
          aria-label="Decline the price"
          onSubmit={(event) => {
            event.preventDefault();
            if (busy === null) void answer('decline');
          }}
          style={{ marginTop: token('space.100', '8px') }}
        >
          <TextArea label="Why you decline (optional)" value={reason} onChange={setReason} error={inline.reason} rows={2} maxLength={CHANGE_LIMITS.reason} />
          <div style={{ display: 'flex', gap: token('space.100', '8px') }}>
            <Button type="submit" appearance="primary" isLoading={busy === 'decline'}>
              Decline the price
            </Button>
            <Button appearance="subtle" isDisabled={busy !== null} onClick={() => setDeclining(false)}>
              Back
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

/** The conversation's messages as the shared Conversation shows them. */
export function changeConversation(view: ChangeView) {
  return view.messages.map((m) => ({ at: m.at, author: m.by.displayName, side: m.side, text: m.text }));
}

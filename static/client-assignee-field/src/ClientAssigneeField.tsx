/**
 * The "Client assignee" field on Jira's issue view (jira:customField view.resource, experience
 * issue-view): the ask's state as a lozenge in the colours the Client ask panel uses, then
 * "Hannah Becker · due 10 Dec 2026" in the viewer's date style. The field's value (the Forge
 * context's `extension.fieldValue`) holds only the client's accountId, state, due day and round;
 * the name is read from Jira as the viewer (`requestJira`, scope read:jira-user). An empty field
 * reads "None" in Jira's subtlest grey, as Jira shows an empty field.
 */
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { requestJira } from '@forge/bridge/out/fetch';
import { useEffect, useState } from 'react';
import type { AskProjection } from '../../../src/asks/domain/clientAsk';
import { clientAssigneeDue, clientAssigneeOf, clientNameFrom } from '../../../src/asks/domain/clientAssigneeField';
import { STATE_APPEARANCE, STATE_LABELS } from '../../common/asks/format';
import { dateStyle } from '../../common/dates';
import { getContext } from '../../common/forge';

type FieldLoad = { state: 'loading' } | { state: 'empty' } | { state: 'shown'; ask: AskProjection; name: string };

/** The client's display name as Jira gives it to the viewer. */
async function clientName(accountId: string): Promise<string> {
  try {
    const response = await requestJira(`/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`, { headers: { Accept: 'application/json' } });
    return clientNameFrom({ status: response.status, body: response.ok ? await response.json() : null });
  } catch {
    return clientNameFrom({ status: 0, body: null });
  }
}

async function loadField(): Promise<FieldLoad> {
  const context = await getContext();
  const ask = clientAssigneeOf((context.extension as { fieldValue?: unknown } | undefined)?.fieldValue);
  if (!ask) return { state: 'empty' };
  return { state: 'shown', ask, name: await clientName(ask.client) };
}

const line = { overflowWrap: 'anywhere', display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: token('space.100', '8px'), rowGap: token('space.050', '4px'), minHeight: '24px', font: token('font.body', 'normal 400 14px/20px sans-serif'), color: token('color.text', '#172B4D') } as const;

export function ClientAssigneeField() {
  const [load, setLoad] = useState<FieldLoad>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    loadField()
      .then((next) => live && setLoad(next))
      // Without its context the frame cannot know the value: it shows what an empty field shows rather than an error in the details column.
      .catch(() => live && setLoad({ state: 'empty' }));
    return () => {
      live = false;
    };
  }, []);

  // The name is read before anything is shown, so the line never changes under the reader's eyes.
  if (load.state === 'loading') return <div style={line} aria-busy="true" data-testid="client-assignee-loading" />;
  if (load.state === 'empty') {
    return (
      <div style={line} data-testid="client-assignee" data-state="none">
        <span style={{ color: token('color.text.subtlest', '#626F86') }}>None</span>
      </div>
    );
  }
  const { ask, name } = load;
  return (
    <div style={line} data-testid="client-assignee" data-state={ask.state} data-appearance={STATE_APPEARANCE[ask.state]}>
      <Lozenge appearance={STATE_APPEARANCE[ask.state]} isBold maxWidth="none">
        {STATE_LABELS[ask.state]}
      </Lozenge>
      {/* A space between the lozenge and the line, so a screen reader reads "Waiting on client Hannah Becker", not one word (flex ignores it on screen). */}{' '}
      {/* "Hannah Becker · due 10 Dec 2026"; a narrow column breaks the line after "·" (kept with the name), never inside the day. */}
      <span data-testid="client-assignee-text">
        {name}{'\u00a0·'} <span style={{ whiteSpace: 'nowrap' }}>{clientAssigneeDue(ask.due, dateStyle())}</span>
      </span>
    </div>
  );
}

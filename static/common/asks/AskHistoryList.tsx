/** An ask's history, newest first: who did what, when, and what they wrote. */
import { token } from '@atlaskit/tokens';
import type { AskEvent } from '../../../src/asks/domain/clientAsk';
import { ACTION_LABELS, formatDay, formatInstant, nameOf } from './format';

/** "asked Hannah Becker, due 10 Dec 2026", "changed the ask to Hannah Becker, due …", "asked Hannah Becker again, due …". */
function stepWords(event: AskEvent, names: Record<string, string>): string {
  const client = nameOf(names, event.client);
  const due = `due ${formatDay(event.due)}`;
  if (event.action === 'asked') return `asked ${client}, ${due}`;
  if (event.action === 'edited') return `changed the ask to ${client}, ${due}`;
  if (event.action === 're-asked') return `asked ${client} again, ${due}`;
  return ACTION_LABELS[event.action];
}

export function AskHistoryList({ history, names, dropped }: { history: AskEvent[]; names: Record<string, string>; dropped: number }) {
  if (history.length === 0) return <p style={{ color: token('color.text.subtlest', '#626F86'), margin: 0 }}>No steps yet.</p>;
  const newestFirst = [...history].reverse();
  return (
    <ol data-testid="ask-history" aria-label="Ask history, newest first" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {newestFirst.map((event, i) => (
        <li
          key={`${event.at}-${i}`}
          data-action={event.action}
          style={{ padding: `${token('space.100', '8px')} 0`, borderTop: i === 0 ? 'none' : `1px solid ${token('color.border', '#091E4224')}` }}
        >
          <div>
            <strong>{nameOf(names, event.by)}</strong> {stepWords(event, names)}
            {event.round > 1 ? <span style={{ color: token('color.text.subtlest', '#626F86') }}> · round {event.round}</span> : null}
          </div>
          <div style={{ color: token('color.text.subtlest', '#626F86'), font: token('font.body.small', '12px/16px sans-serif') }}>
            <time dateTime={event.at}>{formatInstant(event.at)}</time>
          </div>
          {event.note ? <div style={{ margin: `${token('space.050', '4px')} 0 0`, paddingLeft: token('space.100', '8px'), borderLeft: `2px solid ${token('color.border', '#091E4224')}`, whiteSpace: 'pre-wrap' }}>{event.note}</div> : null}
        </li>
      ))}
      {dropped > 0 ? <li style={{ color: token('color.text.subtlest', '#626F86'), paddingTop: token('space.100', '8px') }}>{dropped} older steps are no longer kept.</li> : null}
    </ol>
  );
}

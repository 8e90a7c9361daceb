/**
 * What people are told when a client ask changes: the Jira notification (who gets it, subject,
 * text) and the audit entry's one-line account. Pure: names come in, messages go out.
 *
 * Who is told: the client, whenever the ask to them is set, changed, re-asked, accepted or
 * withdrawn; the team (the issue's assignee and reporter, and whoever asked) when the client
 * answers, says they need more information or writes in the ask's conversation; the client when the
 * team replies or writes. The person who acted is never told about their own step.
 */
import type { AskEvent, ClientAsk } from './clientAsk';
import { formatDay } from '../../platform/domain/dateStyle';

export interface AskNoticeContext {
  issueKey: string;
  issueSummary: string;
  /** The ask after the step. */
  value: ClientAsk;
  event: AskEvent;
  /** accountId -> display name (missing names fall back to "someone"). */
  names: Record<string, string>;
  /** Whether the person who acted is on the team (a message goes to the other side). */
  fromTeam?: boolean;
}

export interface AskNotice {
  subject: string;
  text: string;
  to: { users: string[]; assignee: boolean; reporter: boolean };
}

/** Longest quote of the ask or answer in a notification or audit line. */
const QUOTE_CHARS = 300;

export function shorten(text: string, max: number = QUOTE_CHARS): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length <= max ? single : `${single.slice(0, max - 1).trimEnd()}…`;
}

function nameOf(names: Record<string, string>, accountId: string): string {
  return Object.hasOwn(names, accountId) ? names[accountId] : 'someone';
}

const quoted = (text: string) => `"${shorten(text)}"`;

export function askNotice(ctx: AskNoticeContext): AskNotice {
  const { issueKey, value, event, names } = ctx;
  const actor = nameOf(names, event.by);
  const client = nameOf(names, value.client);
  const due = formatDay(value.due);
  const on = `${issueKey} (${shorten(ctx.issueSummary, 120)})`;
  const toClient = (subject: string, text: string): AskNotice => ({
    subject: `[${issueKey}] ${subject}`,
    text,
    to: { users: [value.client].filter((id) => id !== event.by), assignee: false, reporter: false },
  });
  const toTeam = (subject: string, text: string): AskNotice => ({
    subject: `[${issueKey}] ${subject}`,
    text,
    // Jira leaves out anyone who may not browse the issue; the client never gets the team's copy.
    to: { users: [value.askedBy].filter((id) => id !== event.by && id !== value.client), assignee: true, reporter: true },
  });
  const portal = 'Answer it, or say what you need to know, in Liaison (Apps > Liaison in Jira).';
  switch (event.action) {
    case 'asked':
      return toClient(`${actor} needs something from you by ${due}`, `${actor} asked you on ${on}:\n\n${quoted(value.ask)}\n\nDue ${due}. ${portal}`);
    case 'edited':
      return toClient(`${actor} changed what they need from you by ${due}`, `${actor} changed the ask to you on ${on}:\n\n${quoted(value.ask)}\n\nDue ${due}. ${portal}`);
    case 're-asked':
      return toClient(`${actor} asks again, by ${due}`, `${actor} needs more than your last answer on ${on}:\n\n${quoted(value.ask)}\n\nDue ${due}. ${portal}`);
    case 'accepted':
      return toClient(`${actor} accepted your answer`, `${actor} accepted your answer on ${on}. Nothing more is needed from you for this ask.`);
    case 'withdrawn':
      return toClient(`${actor} withdrew the ask to you`, `${actor} withdrew the ask on ${on}:\n\n${quoted(value.ask)}\n\nNothing is needed from you for it any more.`);
    case 'answered':
      return toTeam(`${client} answered the client ask`, `${client} answered the ask on ${on}:\n\n${quoted(value.answer ?? '')}\n\nAccept the answer or ask again on the issue.`);
    case 'info-requested':
      return toTeam(`${client} needs more information`, `${client} needs more information before answering the ask on ${on}:\n\n${quoted(value.infoRequest ?? '')}\n\nThe ask now waits on the team: reply in the ask's conversation on the issue.`);
    case 'replied':
      return toClient(`${actor} answered your question`, `${actor} answered your question about the ask on ${on}:\n\n${quoted(event.note ?? '')}\n\nThe ask waits on you again, due ${value.due}. ${portal}`);
    case 'message':
      // The client's message goes to the team; the team's to the client.
      return !ctx.fromTeam
        ? toTeam(`${actor} wrote about the client ask`, `${actor} wrote about the ask on ${on}:\n\n${quoted(event.note ?? '')}\n\nReply in the ask's conversation on the issue.`)
        : toClient(`${actor} wrote about the ask to you`, `${actor} wrote about the ask on ${on}:\n\n${quoted(event.note ?? '')}\n\nReply in Liaison (Apps > Liaison in Jira).`);
  }
}

/** The audit line for a step: who it concerned and what it said. */
export function askAuditSummary(ctx: Omit<AskNoticeContext, 'issueSummary'>): string {
  const { value, event, names } = ctx;
  const client = nameOf(names, value.client);
  const due = formatDay(value.due);
  switch (event.action) {
    case 'asked':
      return `Asked ${client}, due ${due}: ${quoted(value.ask)}`;
    case 'edited':
      return `Changed the ask to ${client}, due ${due}: ${quoted(value.ask)}`;
    case 're-asked':
      return `Asked ${client} again (round ${value.round}), due ${due}: ${quoted(value.ask)}`;
    case 'answered':
      return `${client} answered: ${quoted(value.answer ?? '')}`;
    case 'info-requested':
      return `${client} asked for more information: ${quoted(value.infoRequest ?? '')}`;
    case 'replied':
      return `Answered the question of ${client}: ${quoted(event.note ?? '')}`;
    case 'message':
      return `Wrote about the ask to ${client}: ${quoted(event.note ?? '')}`;
    case 'accepted':
      return `Accepted the answer of ${client}`;
    case 'withdrawn':
      return `Withdrew the ask to ${client}`;
  }
}

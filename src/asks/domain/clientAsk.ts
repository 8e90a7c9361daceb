/**
 * A client ask: something a named client person owes the team (a confirmation, feedback,
 * content, an approval) by a due date. The ask record (kept in Forge storage, src/asks/store/askStore.ts),
 * its state machine, its history, and the minimal projection Jira's "Client assignee" field shows.
 *
 *   (none | accepted | withdrawn) --setAsk--> waiting          (a new ask, round 1)
 *   waiting --setAsk--> waiting                                 (an edit, same round)
 *   waiting --requestInfo--> question                           (the client needs more information: waiting on the team)
 *   question --replyToAsk--> waiting                            (the team answers the client's question)
 *   waiting | question --answerAsk--> answered                  (only the named client)
 *   open --postAskMessage--> (same state)                       (a message in the ask's conversation)
 *   answered --acceptAsk--> accepted
 *   answered --reAsk--> waiting                                 (round + 1, a new due date)
 *   waiting | question | answered --withdrawAsk--> withdrawn
 *
 * The conversation is the history: the client's question ('info-requested'), the team's reply
 * ('replied') and any other message ('message') are events with their text as the note, so an
 * edit of the ask never loses them.
 *
 * Which app roles may call which transition is the resolvers' job; here: the state machine,
 * "only the named client answers" and "the named client never acts for the team".
 */
import { z } from 'zod';
import { isoDateOf } from '../../platform/domain/businessDays';
import { AppError } from '../../platform/domain/errors';
import { fieldErrorsOf, isoDate, text } from '../../platform/domain/fields';
import { isIsoDate } from '../../platform/domain/time';

/** `question`: the client asked for more information and the team owes the answer (waiting on the team). */
export type AskState = 'waiting' | 'question' | 'answered' | 'accepted' | 'withdrawn';
export const ASK_STATES: readonly AskState[] = ['waiting', 'question', 'answered', 'accepted', 'withdrawn'];
/** The states in which the ask is open (someone owes something). */
export const OPEN_ASK_STATES = ['waiting', 'question', 'answered'] as const satisfies readonly AskState[];

/** The current ask of an issue, as the record holds it (never written to Jira: see AskProjection). */
export interface ClientAsk {
  /** accountId of the client person */
  client: string;
  /** what is asked (1..1000 chars) */
  ask: string;
  /** YYYY-MM-DD */
  due: string;
  state: AskState;
  /** ISO instant */
  askedAt: string;
  /** accountId */
  askedBy: string;
  answeredAt?: string;
  /** 1..4000 chars */
  answer?: string;
  /** The client's last "I need more information" (the state is `question` until the team replies). */
  infoRequestedAt?: string;
  infoRequest?: string;
  /** 1 for the first ask, +1 per re-ask */
  round: number;
}

export type AskAction = 'asked' | 'edited' | 'answered' | 'info-requested' | 'replied' | 'message' | 'accepted' | 're-asked' | 'withdrawn';
export const ASK_ACTIONS: readonly AskAction[] = ['asked', 'edited', 'answered', 'info-requested', 'replied', 'message', 'accepted', 're-asked', 'withdrawn'];
/** The steps that are messages of the ask's conversation (their note is what was written). */
export const CONVERSATION_ACTIONS: readonly AskAction[] = ['info-requested', 'replied', 'message', 'answered'];

/** One step of an ask's life; `client`, `due`, `state` and `round` are the ask's as they stood after the step. */
export interface AskEvent {
  at: string;
  by: string;
  action: AskAction;
  client: string;
  due: string;
  state: AskState;
  round: number;
  /** The ask's text (asked, edited, re-asked), the answer, or what information the client needs. */
  note?: string;
}

export interface AskHistory {
  history: AskEvent[];
  /** How many of the oldest events were dropped to stay under the record's size limit. */
  dropped: number;
}

/**
 * What Jira's "Client assignee" field holds: the facts anyone who can browse the issue may read
 * (and JQL searches). Never the ask's text, answer or question: Jira's changelog keeps every value
 * ever written to a field, and every user who can browse the issue reads it.
 */
export interface AskProjection {
  client: string;
  state: AskState;
  due: string;
  round: number;
}

export const ASK_LIMITS = { ask: 1000, answer: 4000, infoRequest: 2000, message: 2000, accountId: 128 } as const;

/** Jira's limit on an issue property value, in characters of its JSON (the old history property). */
export const ISSUE_PROPERTY_MAX_CHARS = 32_768;
/**
 * The most characters of history JSON an ask record keeps (Forge KVS values may be 240 KiB; the
 * rest of the record is small). Older steps beyond it are dropped and counted.
 */
export const ASK_HISTORY_MAX_CHARS = 200_000;

// ---- inputs ----

const askText = text('Ask', ASK_LIMITS.ask, 'Say what is asked');

export const SetAskInput = z.object({ client: text('Client', ASK_LIMITS.accountId, 'Choose the client person'), ask: askText, due: isoDate('Due date') });
export const AnswerInput = z.object({ answer: text('Answer', ASK_LIMITS.answer, 'Write your answer') });
export const InfoRequestInput = z.object({ note: text('What you need to know', ASK_LIMITS.infoRequest, 'Say what you need to know') });
export const ReAskInput = z.object({ ask: askText.optional(), due: isoDate('Due date') });
export const AskMessageInput = z.object({ message: text('Your message', ASK_LIMITS.message) });

function validated<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = fieldErrorsOf(parsed.error.issues);
  throw new AppError('VALIDATION', `Some fields need attention (${Object.keys(fields).length})`, { fields });
}

function dueNotPast(due: string, now: Date): void {
  if (due < isoDateOf(now)) throw new AppError('VALIDATION', 'The due date is in the past', { fields: { due: 'Due date cannot be in the past' } });
}

function requireActor(actor: string): void {
  if (typeof actor !== 'string' || actor.trim() === '') throw new AppError('FORBIDDEN', 'Sign in to Jira to use Liaison');
}

// ---- the stored shapes, read defensively (they come back from Jira) ----

const instant = z.string().refine((value) => {
  try {
    isoDateOf(value);
    return value.includes('T');
  } catch {
    return false;
  }
}, 'not an ISO instant');
const storedDate = z.string().refine(isIsoDate, 'not a date');
const round = z.number().int().min(1);

export const ClientAskSchema = z.object({
  client: z.string().min(1),
  ask: z.string(),
  due: storedDate,
  state: z.enum(ASK_STATES),
  askedAt: instant,
  askedBy: z.string().min(1),
  answeredAt: instant.optional(),
  answer: z.string().optional(),
  infoRequestedAt: instant.optional(),
  infoRequest: z.string().optional(),
  round,
});

export const AskEventSchema = z.object({
  at: instant,
  by: z.string().min(1),
  action: z.enum(ASK_ACTIONS),
  client: z.string().min(1),
  due: storedDate,
  state: z.enum(ASK_STATES),
  round,
  note: z.string().optional(),
});

export const AskProjectionSchema = z.strictObject({ client: z.string().min(1), state: z.enum(ASK_STATES), due: storedDate, round });

/** The field's value for an ask (null: no ask, the field is cleared). */
export function askProjection(ask: ClientAsk | null): AskProjection | null {
  return ask ? { client: ask.client, state: ask.state, due: ask.due, round: ask.round } : null;
}

/** A field value as Jira returns it, when it has exactly the projection's shape. */
export function parseAskProjection(raw: unknown): AskProjection | null {
  const parsed = AskProjectionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function sameProjection(a: AskProjection | null, b: AskProjection | null): boolean {
  if (a === null || b === null) return a === b;
  return a.client === b.client && a.state === b.state && a.due === b.due && a.round === b.round;
}

/**
 * Whether Jira's field value is one the app wrote from this record: the projection of the current
 * ask, or of the ask as it stood after any step of its history (a projection write that failed or
 * was overtaken leaves an older one; the next write puts the current one back). Anything else —
 * including any value on an issue with no record — Liaison never wrote.
 */
export function projectionFromRecord(value: unknown, record: { ask: ClientAsk | null; history: readonly AskEvent[] } | null): boolean {
  if (value === null || value === undefined) return true;
  const projection = parseAskProjection(value);
  if (!projection || !record) return false;
  if (sameProjection(projection, askProjection(record.ask))) return true;
  return record.history.some((event) => sameProjection(projection, { client: event.client, state: event.state, due: event.due, round: event.round }));
}

/** The field value as an earlier version of the app wrote it (the whole ask), or null. Read only to migrate it. */
export function parseClientAsk(raw: unknown): ClientAsk | null {
  const parsed = ClientAskSchema.safeParse(raw);
  return parsed.success ? withoutUndefined(parsed.data) : null;
}

/** A stored history (the record's, or the old `liaison-asks` property when migrating); unreadable events are left out. */
export function parseAskHistory(raw: unknown): AskHistory {
  if (typeof raw !== 'object' || raw === null) return { history: [], dropped: 0 };
  const doc = raw as { history?: unknown; dropped?: unknown };
  const history = Array.isArray(doc.history)
    ? doc.history.flatMap((event) => {
        const parsed = AskEventSchema.safeParse(event);
        return parsed.success ? [withoutUndefined(parsed.data)] : [];
      })
    : [];
  const dropped = typeof doc.dropped === 'number' && Number.isInteger(doc.dropped) && doc.dropped > 0 ? doc.dropped : 0;
  return { history, dropped };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---- transitions ----

export interface AskChange {
  value: ClientAsk;
  event: AskEvent;
}

function eventFor(value: ClientAsk, action: AskAction, actor: string, now: Date, note?: string): AskEvent {
  const event: AskEvent = { at: now.toISOString(), by: actor, action, client: value.client, due: value.due, state: value.state, round: value.round };
  if (note !== undefined) event.note = note;
  return event;
}

const CLOSED_MESSAGE: Record<'accepted' | 'withdrawn', string> = {
  accepted: 'This ask was already accepted and is closed',
  withdrawn: 'This ask was withdrawn and is closed',
};

/** The named client never acts for the team on their own ask. */
function notTheClient(current: ClientAsk, actor: string, what: string): void {
  if (actor === current.client) throw new AppError('FORBIDDEN', `The client this ask is addressed to cannot ${what}: the team does`);
}

/** A new ask when there is none (or the last one is closed); an edit, in the same round, while waiting. */
export function setAsk(current: ClientAsk | null, input: { client: string; ask: string; due: string }, actor: string, now: Date): AskChange {
  requireActor(actor);
  if (current) notTheClient(current, actor, 'set or change it');
  if (current?.state === 'answered') {
    throw new AppError('CONFLICT', 'The client has answered this ask: accept the answer or re-ask before setting a new one');
  }
  const { client, ask, due } = validated(SetAskInput, input);
  if (client === actor) throw new AppError('VALIDATION', 'You cannot ask yourself', { fields: { client: 'Choose a client person other than yourself' } });
  const at = now.toISOString();

  if (current?.state === 'waiting' || current?.state === 'question') {
    if (client === current.client && ask === current.ask && due === current.due) {
      throw new AppError('VALIDATION', 'Nothing to change: the client, the ask and the due date are as they were');
    }
    // An edit may keep a due date that has already passed; a changed one must not be in the past.
    if (due !== current.due) dueNotPast(due, now);
    const clientChanged = client !== current.client;
    const value: ClientAsk = { ...current, client, ask, due };
    if (clientChanged) {
      // The new person has been waited on only from now; the other person's question is theirs (it stays in the history).
      value.askedAt = at;
      value.askedBy = actor;
      value.state = 'waiting';
      delete value.infoRequestedAt;
      delete value.infoRequest;
    }
    // Rewording the ask does not answer a standing question: the team replies to it in the conversation.
    return { value, event: eventFor(value, 'edited', actor, now, ask) };
  }

  dueNotPast(due, now);
  const value: ClientAsk = { client, ask, due, state: 'waiting', askedAt: at, askedBy: actor, round: 1 };
  return { value, event: eventFor(value, 'asked', actor, now, ask) };
}

/** Checks shared by the client's own steps (answer, request information). */
function clientStep(current: ClientAsk | null, actor: string, what: string): ClientAsk {
  requireActor(actor);
  if (!current) throw new AppError('CONFLICT', `There is no ask on this issue to ${what}`);
  if (actor !== current.client) throw new AppError('FORBIDDEN', `Only the client person this ask is addressed to can ${what} it`);
  if (current.state === 'answered') throw new AppError('CONFLICT', 'This ask has already been answered');
  if (current.state !== 'waiting' && current.state !== 'question') throw new AppError('CONFLICT', CLOSED_MESSAGE[current.state]);
  return current;
}

export function answerAsk(current: ClientAsk | null, input: { answer: string }, actor: string, now: Date): AskChange {
  const ask = clientStep(current, actor, 'answer');
  const { answer } = validated(AnswerInput, input);
  const value: ClientAsk = { ...ask, state: 'answered', answeredAt: now.toISOString(), answer };
  return { value, event: eventFor(value, 'answered', actor, now, answer) };
}

/**
 * The client says "I need more information": the ask waits on the team (`question`) until the team
 * replies, and the team is told. A second question while one is open joins it.
 */
export function requestInfo(current: ClientAsk | null, input: { note: string }, actor: string, now: Date): AskChange {
  const ask = clientStep(current, actor, 'ask about');
  const { note } = validated(InfoRequestInput, input);
  const value: ClientAsk = { ...ask, state: 'question', infoRequestedAt: now.toISOString(), infoRequest: note };
  return { value, event: eventFor(value, 'info-requested', actor, now, note) };
}

function requireOpenForMessages(current: ClientAsk | null): ClientAsk {
  if (!current) throw new AppError('CONFLICT', 'There is no ask on this issue to write about');
  if (current.state === 'accepted' || current.state === 'withdrawn') throw new AppError('CONFLICT', `${CLOSED_MESSAGE[current.state]}: its conversation is closed`);
  return current;
}

/**
 * The team writes in the ask's conversation. While the client's question is open this is the
 * answer to it: the ask goes back to waiting on the client (`replied`); otherwise a `message`.
 * Which people are the team is the resolver's check; here: the addressed client never writes as the team.
 */
export function replyToAsk(current: ClientAsk | null, input: { message: string }, actor: string, now: Date): AskChange {
  requireActor(actor);
  const ask = requireOpenForMessages(current);
  notTheClient(ask, actor, 'reply as the team');
  const { message } = validated(AskMessageInput, input);
  if (ask.state === 'question') {
    const value: ClientAsk = { ...ask, state: 'waiting' };
    return { value, event: eventFor(value, 'replied', actor, now, message) };
  }
  return { value: { ...ask }, event: eventFor(ask, 'message', actor, now, message) };
}

/** The client writes in the ask's conversation (the state does not change: "I need more information" is requestInfo). */
export function postAskMessage(current: ClientAsk | null, input: { message: string }, actor: string, now: Date): AskChange {
  requireActor(actor);
  const ask = requireOpenForMessages(current);
  const { message } = validated(AskMessageInput, input);
  return { value: { ...ask }, event: eventFor(ask, 'message', actor, now, message) };
}

export function acceptAsk(current: ClientAsk | null, actor: string, now: Date): AskChange {
  requireActor(actor);
  if (!current) throw new AppError('CONFLICT', 'There is no ask on this issue to accept');
  notTheClient(current, actor, 'accept their own answer');
  if (current.state === 'waiting' || current.state === 'question') throw new AppError('CONFLICT', 'The client has not answered yet: there is nothing to accept');
  if (current.state !== 'answered') throw new AppError('CONFLICT', CLOSED_MESSAGE[current.state]);
  const value: ClientAsk = { ...current, state: 'accepted' };
  return { value, event: eventFor(value, 'accepted', actor, now) };
}

/** The answer is not enough: ask again (optionally reworded) with a new due date, as the next round. */
export function reAsk(current: ClientAsk | null, input: { ask?: string; due: string }, actor: string, now: Date): AskChange {
  requireActor(actor);
  if (!current) throw new AppError('CONFLICT', 'There is no ask on this issue to re-ask');
  notTheClient(current, actor, 're-ask it');
  if (current.state === 'waiting' || current.state === 'question') throw new AppError('CONFLICT', 'The client has not answered yet: edit the ask instead of re-asking');
  if (current.state !== 'answered') throw new AppError('CONFLICT', `${CLOSED_MESSAGE[current.state]}: set a new ask instead`);
  const parsed = validated(ReAskInput, input);
  dueNotPast(parsed.due, now);
  const value: ClientAsk = {
    client: current.client,
    ask: parsed.ask ?? current.ask,
    due: parsed.due,
    state: 'waiting',
    askedAt: now.toISOString(),
    askedBy: actor,
    round: current.round + 1,
  };
  return { value, event: eventFor(value, 're-asked', actor, now, value.ask) };
}

export function withdrawAsk(current: ClientAsk | null, actor: string, now: Date): AskChange {
  requireActor(actor);
  if (!current) throw new AppError('CONFLICT', 'There is no ask on this issue to withdraw');
  notTheClient(current, actor, 'withdraw it');
  if (current.state === 'accepted' || current.state === 'withdrawn') throw new AppError('CONFLICT', CLOSED_MESSAGE[current.state]);
  const value: ClientAsk = { ...current, state: 'withdrawn' };
  return { value, event: eventFor(value, 'withdrawn', actor, now) };
}

// ---- history ----

const NOTE_TRUNCATION_MARK = '…';

/**
 * Appends an event, then drops the oldest events (counting them) until the JSON of the
 * history is at most `maxChars` characters. When the newest event alone is too long, its note
 * is shortened: the step itself is never lost.
 */
export function appendHistory(h: AskHistory | null, e: AskEvent, maxChars: number = ASK_HISTORY_MAX_CHARS): AskHistory {
  const events = [...(h?.history ?? []), e];
  let dropped = h?.dropped ?? 0;
  const sizes = events.map((event) => JSON.stringify(event).length);
  // {"history":[e1,e2,...],"dropped":n}
  const sizeOf = (from: number, droppedCount: number) => {
    let total = '{"history":[],"dropped":}'.length + String(droppedCount).length;
    for (let i = from; i < sizes.length; i++) total += sizes[i] + (i > from ? 1 : 0);
    return total;
  };
  let first = 0;
  while (first < events.length - 1 && sizeOf(first, dropped) > maxChars) {
    first++;
    dropped++;
  }
  const kept = events.slice(first);
  if (sizeOf(first, dropped) <= maxChars) return { history: kept, dropped };

  // Only the new event is left and it is still too long: shorten its note to fit.
  const newest = kept[0];
  const withoutNote: AskEvent = { ...newest };
  delete withoutNote.note;
  const bare = JSON.stringify({ history: [withoutNote], dropped }).length;
  if (newest.note === undefined || bare + ',"note":""'.length + NOTE_TRUNCATION_MARK.length > maxChars) {
    throw new RangeError(`an ask event cannot fit in ${maxChars} characters`);
  }
  let note = newest.note;
  // JSON escaping makes some characters longer: shrink until it fits.
  while (note.length > 0 && JSON.stringify({ history: [{ ...newest, note: note + NOTE_TRUNCATION_MARK }], dropped }).length > maxChars) {
    const excess = JSON.stringify({ history: [{ ...newest, note: note + NOTE_TRUNCATION_MARK }], dropped }).length - maxChars;
    note = note.slice(0, Math.max(0, note.length - Math.max(1, Math.ceil(excess / 6))));
    // Never leave half of a surrogate pair at the cut.
    if (/[\uD800-\uDBFF]$/.test(note)) note = note.slice(0, -1);
  }
  return { history: [{ ...newest, note: note + NOTE_TRUNCATION_MARK }], dropped };
}

// ---- reading a history back as asks and waiting spans ----

/** A stretch of time during which the ask was waiting on `client` with due date `due`. */
export interface WaitingSpan {
  /** ISO instant of the event that started it */
  from: string;
  /** ISO instant of the next event (whatever it was), or null while still waiting */
  to: string | null;
  due: string;
}

/** One ask to one client person: from asked / re-asked / readdressed to its end. */
export interface AskPeriod {
  client: string;
  round: number;
  /** When it was asked of this client (the first retained event when the start was dropped). */
  askedAt: string;
  /** false when the history's oldest events were dropped and this ask's start with them. */
  startKnown: boolean;
  answeredAt: string | null;
  waits: WaitingSpan[];
  /** Stretches during which the client's question was open: the ask waited on the team. */
  questions: WaitingSpan[];
}

/**
 * The asks a history records, oldest first. Each event sets the ask as it stood after the step
 * (client, due date, state) until the next event, so the ask was waiting on `client` exactly
 * between a waiting event and the event after it. A new ask to a person starts at `asked`,
 * `re-asked` or an `edited` that changes the client.
 */
export function askPeriods(history: readonly AskEvent[]): AskPeriod[] {
  const events = history
    .map((event, index) => ({ event, index, time: Date.parse(event.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ event }) => event);
  const periods: AskPeriod[] = [];
  let current: AskPeriod | null = null;
  let openWait: WaitingSpan | null = null;
  let openQuestion: WaitingSpan | null = null;
  for (const event of events) {
    if (openWait) {
      openWait.to = event.at;
      openWait = null;
    }
    // A question stays open through messages and edits: only a step out of `question` closes it.
    if (openQuestion && event.state !== 'question') {
      openQuestion.to = event.at;
      openQuestion = null;
    }
    const readdressed: boolean = event.action === 'edited' && current !== null && current.client !== event.client;
    const startsAsk: boolean = event.action === 'asked' || event.action === 're-asked' || readdressed;
    if (startsAsk || !current || current.client !== event.client) {
      current = { client: event.client, round: event.round, askedAt: event.at, startKnown: startsAsk, answeredAt: null, waits: [], questions: [] };
      periods.push(current);
    }
    if (event.action === 'answered') current.answeredAt = event.at;
    if (event.state === 'waiting') {
      openWait = { from: event.at, to: null, due: event.due };
      current.waits.push(openWait);
    }
    if (event.state === 'question' && !openQuestion) {
      openQuestion = { from: event.at, to: null, due: event.due };
      current.questions.push(openQuestion);
    }
  }
  return periods;
}

// ---- questions ----

/** Waiting on the client, or on the team (the client's question, or the answer to accept). */
export function isOpen(a: ClientAsk): boolean {
  return a.state === 'waiting' || a.state === 'question' || a.state === 'answered';
}

/** Waiting on the client and past its due date (`today` is YYYY-MM-DD). */
export function isOverdue(a: ClientAsk, today: string): boolean {
  return a.state === 'waiting' && a.due < today;
}

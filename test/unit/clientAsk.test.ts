import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  AnswerInput,
  InfoRequestInput,
  ReAskInput,
  SetAskInput,
  acceptAsk,
  answerAsk,
  appendHistory,
  askProjection,
  parseAskProjection,
  projectionFromRecord,
  askPeriods,
  isOpen,
  isOverdue,
  parseAskHistory,
  parseClientAsk,
  reAsk,
  requestInfo,
  replyToAsk,
  postAskMessage,
  setAsk,
  withdrawAsk,
  type AskEvent,
  type AskState,
  type ClientAsk,
} from '../../src/asks/domain/clientAsk';
import { AppError, type ErrorCode } from '../../src/platform/domain/errors';
import { fieldErrorsOf } from '../../src/platform/domain/fields';
import { thrownAppError } from './app-errors';

const PM = 'pm-1';
const DEV = 'dev-1';
const CLIENT = 'client-po';
const OTHER_CLIENT = 'client-marketing';
// Monday 2 March 2026, 09:00 UTC.
const NOW = new Date('2026-03-02T09:00:00.000Z');
const LATER = new Date('2026-03-04T15:30:00.000Z');

function waiting(overrides: Partial<ClientAsk> = {}): ClientAsk {
  return { client: CLIENT, ask: 'Approve the new checkout copy', due: '2026-03-06', state: 'waiting', askedAt: '2026-02-27T10:00:00.000Z', askedBy: PM, round: 1, ...overrides };
}

function inState(state: AskState): ClientAsk {
  if (state === 'waiting') return waiting();
  if (state === 'question') return waiting({ state: 'question', infoRequestedAt: '2026-03-01T12:00:00.000Z', infoRequest: 'Which copy?' });
  if (state === 'answered') return waiting({ state: 'answered', answeredAt: '2026-03-01T12:00:00.000Z', answer: 'Approved, with one typo fixed' });
  return waiting({ state, answeredAt: '2026-03-01T12:00:00.000Z', answer: 'Approved' });
}

/** Runs `fn`, expects an AppError with that code, and a message (and field messages) matching. */
function refused(fn: () => unknown, code: ErrorCode, message: RegExp, fields?: Record<string, string>): AppError {
  const caught = thrownAppError(fn, code);
  assert.match(caught.message, message);
  if (fields) assert.deepEqual(caught.fields, fields);
  return caught;
}

describe('setAsk: a new ask', () => {
  test('with none on the issue: waiting, round 1, and an "asked" event carrying the text', () => {
    const { value, event } = setAsk(null, { client: CLIENT, ask: '  Send the product photos  ', due: '2026-03-09' }, PM, NOW);
    assert.deepEqual(value, { client: CLIENT, ask: 'Send the product photos', due: '2026-03-09', state: 'waiting', askedAt: '2026-03-02T09:00:00.000Z', askedBy: PM, round: 1 });
    assert.deepEqual(event, { at: '2026-03-02T09:00:00.000Z', by: PM, action: 'asked', client: CLIENT, due: '2026-03-09', state: 'waiting', round: 1, note: 'Send the product photos' });
  });

  test('after an accepted or a withdrawn ask: a fresh ask, round 1, nothing of the old answer left', () => {
    for (const state of ['accepted', 'withdrawn'] as const) {
      const current = { ...inState(state), round: 3 };
      const { value, event } = setAsk(current, { client: OTHER_CLIENT, ask: 'Confirm the launch date', due: '2026-03-02' }, DEV, NOW);
      assert.deepEqual(value, { client: OTHER_CLIENT, ask: 'Confirm the launch date', due: '2026-03-02', state: 'waiting', askedAt: NOW.toISOString(), askedBy: DEV, round: 1 }, state);
      assert.equal(event.action, 'asked');
    }
  });

  test('due today is fine; due yesterday is refused on the due field', () => {
    assert.equal(setAsk(null, { client: CLIENT, ask: 'x', due: '2026-03-02' }, PM, NOW).value.due, '2026-03-02');
    refused(() => setAsk(null, { client: CLIENT, ask: 'x', due: '2026-03-01' }, PM, NOW), 'VALIDATION', /past/, { due: 'Due date cannot be in the past' });
  });
});

describe('setAsk: editing a waiting ask', () => {
  test('same client: same round, askedAt kept, an "edited" event', () => {
    const current = waiting({ round: 2 });
    const { value, event } = setAsk(current, { client: CLIENT, ask: 'Approve the checkout copy (v2)', due: '2026-03-10' }, DEV, LATER);
    assert.deepEqual(value, { ...current, ask: 'Approve the checkout copy (v2)', due: '2026-03-10' });
    assert.deepEqual(event, { at: LATER.toISOString(), by: DEV, action: 'edited', client: CLIENT, due: '2026-03-10', state: 'waiting', round: 2, note: 'Approve the checkout copy (v2)' });
  });

  test('another client: the new person is waited on from now', () => {
    const current = waiting({ infoRequestedAt: '2026-03-01T08:00:00.000Z', infoRequest: 'Which copy?' });
    const { value, event } = setAsk(current, { client: OTHER_CLIENT, ask: current.ask, due: current.due }, DEV, LATER);
    assert.deepEqual(value, { ...waiting(), client: OTHER_CLIENT, askedAt: LATER.toISOString(), askedBy: DEV });
    assert.equal(event.client, OTHER_CLIENT);
    assert.equal(event.action, 'edited');
  });

  test('an edit keeps a standing question open (and in the record); readdressing the ask closes it', () => {
    const current = waiting({ state: 'question', infoRequestedAt: '2026-03-01T08:00:00.000Z', infoRequest: 'Which copy?' });
    const rewritten = setAsk(current, { client: CLIENT, ask: 'Approve the copy in CHK-12', due: current.due }, PM, LATER);
    assert.equal(rewritten.value.state, 'question');
    assert.equal(rewritten.value.infoRequest, 'Which copy?');
    assert.equal(rewritten.event.state, 'question');
    const moved = setAsk(current, { client: CLIENT, ask: current.ask, due: '2026-03-11' }, PM, LATER).value;
    assert.equal(moved.infoRequest, 'Which copy?');
    assert.equal(moved.infoRequestedAt, '2026-03-01T08:00:00.000Z');
    const readdressed = setAsk(current, { client: OTHER_CLIENT, ask: current.ask, due: current.due }, PM, LATER).value;
    assert.equal(readdressed.state, 'waiting');
    assert.equal('infoRequest' in readdressed || 'infoRequestedAt' in readdressed, false);
  });

  test('an overdue due date may stay as it is; a changed one may not be in the past', () => {
    const overdue = waiting({ due: '2026-02-27' });
    assert.equal(setAsk(overdue, { client: CLIENT, ask: 'Reworded', due: '2026-02-27' }, PM, NOW).value.ask, 'Reworded');
    refused(() => setAsk(overdue, { client: CLIENT, ask: 'Reworded', due: '2026-02-28' }, PM, NOW), 'VALIDATION', /past/, { due: 'Due date cannot be in the past' });
  });

  test('an edit that changes nothing is refused', () => {
    const current = waiting();
    refused(() => setAsk(current, { client: CLIENT, ask: ` ${current.ask} `, due: current.due }, PM, NOW), 'VALIDATION', /Nothing to change/);
  });
});

describe('setAsk: refusals', () => {
  test('an answered ask must be accepted or re-asked first', () => {
    refused(() => setAsk(inState('answered'), { client: CLIENT, ask: 'New', due: '2026-03-09' }, PM, NOW), 'CONFLICT', /accept the answer or re-ask/);
  });

  test('the named client cannot set or change their own ask', () => {
    refused(() => setAsk(waiting(), { client: OTHER_CLIENT, ask: 'Someone else', due: '2026-03-09' }, CLIENT, NOW), 'FORBIDDEN', /cannot set or change it/);
  });

  test('nobody asks themselves', () => {
    refused(() => setAsk(null, { client: PM, ask: 'Note to self', due: '2026-03-09' }, PM, NOW), 'VALIDATION', /yourself/, { client: 'Choose a client person other than yourself' });
  });

  test('an anonymous caller is refused', () => {
    refused(() => setAsk(null, { client: CLIENT, ask: 'x', due: '2026-03-09' }, '  ', NOW), 'FORBIDDEN', /Sign in/);
  });

  test('field-level messages keyed by field', () => {
    const error = refused(() => setAsk(null, { client: '', ask: '', due: '2026-02-30' }, PM, NOW), 'VALIDATION', /Some fields need attention \(3\)/);
    assert.deepEqual(error.fields, { client: 'Choose the client person', ask: 'Say what is asked', due: 'Pick a date from the calendar' });
    refused(() => setAsk(null, { client: CLIENT, ask: 'a'.repeat(1001), due: '2026-03-09' }, PM, NOW), 'VALIDATION', /\(1\)/, { ask: 'Use at most 1000 characters' });
    refused(() => setAsk(null, { client: 'x'.repeat(129), ask: 'ok', due: '2026-03-09' }, PM, NOW), 'VALIDATION', /\(1\)/, { client: 'Use at most 128 characters' });
    refused(() => setAsk(null, { client: CLIENT, ask: 'ok' } as unknown as { client: string; ask: string; due: string }, PM, NOW), 'VALIDATION', /\(1\)/, { due: 'Pick a date' });
    assert.equal(setAsk(null, { client: CLIENT, ask: 'a'.repeat(1000), due: '2026-03-09' }, PM, NOW).value.ask.length, 1000);
  });
});

describe('answerAsk and requestInfo: the named client only', () => {
  test('the client answers a waiting ask', () => {
    const current = waiting();
    const { value, event } = answerAsk(current, { answer: ' Approved. ' }, CLIENT, LATER);
    assert.deepEqual(value, { ...current, state: 'answered', answeredAt: LATER.toISOString(), answer: 'Approved.' });
    assert.deepEqual(event, { at: LATER.toISOString(), by: CLIENT, action: 'answered', client: CLIENT, due: '2026-03-06', state: 'answered', round: 1, note: 'Approved.' });
  });

  test('anyone else is refused, before their input is even looked at', () => {
    for (const actor of [OTHER_CLIENT, PM]) {
      refused(() => answerAsk(waiting(), { answer: '' }, actor, LATER), 'FORBIDDEN', /Only the client person this ask is addressed to can answer it/);
      refused(() => requestInfo(waiting(), { note: '' }, actor, LATER), 'FORBIDDEN', /Only the client person this ask is addressed to can ask about it/);
    }
  });

  test('only a waiting ask can be answered', () => {
    refused(() => answerAsk(null, { answer: 'x' }, CLIENT, LATER), 'CONFLICT', /no ask on this issue to answer/);
    refused(() => answerAsk(inState('answered'), { answer: 'x' }, CLIENT, LATER), 'CONFLICT', /already been answered/);
    refused(() => answerAsk(inState('accepted'), { answer: 'x' }, CLIENT, LATER), 'CONFLICT', /already accepted/);
    refused(() => answerAsk(inState('withdrawn'), { answer: 'x' }, CLIENT, LATER), 'CONFLICT', /withdrawn/);
  });

  test('answer length', () => {
    refused(() => answerAsk(waiting(), { answer: '   ' }, CLIENT, LATER), 'VALIDATION', /\(1\)/, { answer: 'Write your answer' });
    refused(() => answerAsk(waiting(), { answer: 'a'.repeat(4001) }, CLIENT, LATER), 'VALIDATION', /\(1\)/, { answer: 'Use at most 4000 characters' });
    assert.equal(answerAsk(waiting(), { answer: 'a'.repeat(4000) }, CLIENT, LATER).value.answer?.length, 4000);
  });

  test('"I need more information" keeps the ask waiting and records the question', () => {
    const current = waiting();
    const { value, event } = requestInfo(current, { note: 'Which of the two drafts?' }, CLIENT, LATER);
    assert.deepEqual(value, { ...current, state: 'question', infoRequestedAt: LATER.toISOString(), infoRequest: 'Which of the two drafts?' });
    assert.deepEqual(event, { at: LATER.toISOString(), by: CLIENT, action: 'info-requested', client: CLIENT, due: '2026-03-06', state: 'question', round: 1, note: 'Which of the two drafts?' });
    refused(() => requestInfo(inState('answered'), { note: 'x' }, CLIENT, LATER), 'CONFLICT', /already been answered/);
    refused(() => requestInfo(null, { note: 'x' }, CLIENT, LATER), 'CONFLICT', /no ask on this issue/);
    refused(() => requestInfo(current, { note: '' }, CLIENT, LATER), 'VALIDATION', /\(1\)/, { note: 'Say what you need to know' });
  });
});

describe('acceptAsk, reAsk, withdrawAsk: the team', () => {
  test('accepting an answer closes the ask and keeps the answer', () => {
    const current = inState('answered');
    const { value, event } = acceptAsk(current, PM, LATER);
    assert.deepEqual(value, { ...current, state: 'accepted' });
    assert.deepEqual(event, { at: LATER.toISOString(), by: PM, action: 'accepted', client: CLIENT, due: '2026-03-06', state: 'accepted', round: 1 });
  });

  test('accept refusals', () => {
    refused(() => acceptAsk(inState('answered'), CLIENT, LATER), 'FORBIDDEN', /cannot accept their own answer/);
    refused(() => acceptAsk(inState('waiting'), PM, LATER), 'CONFLICT', /not answered yet/);
    refused(() => acceptAsk(inState('accepted'), PM, LATER), 'CONFLICT', /already accepted/);
    refused(() => acceptAsk(inState('withdrawn'), PM, LATER), 'CONFLICT', /withdrawn/);
    refused(() => acceptAsk(null, PM, LATER), 'CONFLICT', /no ask on this issue to accept/);
  });

  test('re-asking starts the next round with a new due date, waiting from now', () => {
    const current = { ...inState('answered'), round: 2, infoRequest: 'old', infoRequestedAt: '2026-02-28T10:00:00.000Z' };
    const kept = reAsk(current, { due: '2026-03-12' }, DEV, LATER);
    assert.deepEqual(kept.value, { client: CLIENT, ask: current.ask, due: '2026-03-12', state: 'waiting', askedAt: LATER.toISOString(), askedBy: DEV, round: 3 });
    assert.deepEqual(kept.event, { at: LATER.toISOString(), by: DEV, action: 're-asked', client: CLIENT, due: '2026-03-12', state: 'waiting', round: 3, note: current.ask });
    const reworded = reAsk(current, { ask: 'Please approve the full page, not just the heading', due: '2026-03-12' }, DEV, LATER);
    assert.equal(reworded.value.ask, 'Please approve the full page, not just the heading');
  });

  test('re-ask refusals', () => {
    refused(() => reAsk(inState('answered'), { due: '2026-03-12' }, CLIENT, LATER), 'FORBIDDEN', /cannot re-ask it/);
    refused(() => reAsk(inState('waiting'), { due: '2026-03-12' }, PM, LATER), 'CONFLICT', /edit the ask instead/);
    refused(() => reAsk(inState('accepted'), { due: '2026-03-12' }, PM, LATER), 'CONFLICT', /accepted.*set a new ask instead/);
    refused(() => reAsk(inState('withdrawn'), { due: '2026-03-12' }, PM, LATER), 'CONFLICT', /withdrawn.*set a new ask instead/);
    refused(() => reAsk(null, { due: '2026-03-12' }, PM, LATER), 'CONFLICT', /no ask on this issue to re-ask/);
    refused(() => reAsk(inState('answered'), { due: '2026-03-03' }, PM, LATER), 'VALIDATION', /past/, { due: 'Due date cannot be in the past' });
    refused(() => reAsk(inState('answered'), { ask: '', due: 'soon' }, PM, LATER), 'VALIDATION', /\(2\)/, {
      ask: 'Say what is asked',
      due: 'Pick a date from the calendar',
    });
  });

  test('withdrawing a waiting or answered ask', () => {
    for (const state of ['waiting', 'answered'] as const) {
      const current = inState(state);
      const { value, event } = withdrawAsk(current, PM, LATER);
      assert.deepEqual(value, { ...current, state: 'withdrawn' }, state);
      assert.deepEqual(event, { at: LATER.toISOString(), by: PM, action: 'withdrawn', client: CLIENT, due: '2026-03-06', state: 'withdrawn', round: 1 }, state);
    }
  });

  test('withdraw refusals', () => {
    refused(() => withdrawAsk(inState('waiting'), CLIENT, LATER), 'FORBIDDEN', /cannot withdraw it/);
    refused(() => withdrawAsk(inState('accepted'), PM, LATER), 'CONFLICT', /already accepted/);
    refused(() => withdrawAsk(inState('withdrawn'), PM, LATER), 'CONFLICT', /withdrawn and is closed/);
    refused(() => withdrawAsk(null, PM, LATER), 'CONFLICT', /no ask on this issue to withdraw/);
  });
});

describe('the state machine as a whole', () => {
  type Step = (current: ClientAsk | null, actor: string) => { value: ClientAsk };
  const steps: Record<string, Step> = {
    set: (current, actor) => setAsk(current, { client: CLIENT, ask: 'A different ask', due: '2026-03-20' }, actor, LATER),
    answer: (current, actor) => answerAsk(current, { answer: 'Here you go' }, actor, LATER),
    requestInfo: (current, actor) => requestInfo(current, { note: 'What exactly?' }, actor, LATER),
    accept: (current, actor) => acceptAsk(current, actor, LATER),
    reAsk: (current, actor) => reAsk(current, { due: '2026-03-20' }, actor, LATER),
    withdraw: (current, actor) => withdrawAsk(current, actor, LATER),
    reply: (current, actor) => replyToAsk(current, { message: 'It is the copy in CHK-12' }, actor, LATER),
  };
  // What each step does from each state when the right person calls it: the resulting state, or the refusal code.
  const table: Record<string, Record<'none' | AskState, AskState | 'waiting(edit)' | ErrorCode>> = {
    set: { none: 'waiting', waiting: 'waiting(edit)', question: 'question', answered: 'CONFLICT', accepted: 'waiting', withdrawn: 'waiting' },
    answer: { none: 'CONFLICT', waiting: 'answered', question: 'answered', answered: 'CONFLICT', accepted: 'CONFLICT', withdrawn: 'CONFLICT' },
    requestInfo: { none: 'CONFLICT', waiting: 'question', question: 'question', answered: 'CONFLICT', accepted: 'CONFLICT', withdrawn: 'CONFLICT' },
    accept: { none: 'CONFLICT', waiting: 'CONFLICT', question: 'CONFLICT', answered: 'accepted', accepted: 'CONFLICT', withdrawn: 'CONFLICT' },
    reAsk: { none: 'CONFLICT', waiting: 'CONFLICT', question: 'CONFLICT', answered: 'waiting', accepted: 'CONFLICT', withdrawn: 'CONFLICT' },
    withdraw: { none: 'CONFLICT', waiting: 'withdrawn', question: 'withdrawn', answered: 'withdrawn', accepted: 'CONFLICT', withdrawn: 'CONFLICT' },
    reply: { none: 'CONFLICT', waiting: 'waiting', question: 'waiting', answered: 'answered', accepted: 'CONFLICT', withdrawn: 'CONFLICT' },
  };
  const byClient = new Set(['answer', 'requestInfo']);

  for (const [name, row] of Object.entries(table)) {
    for (const [from, expected] of Object.entries(row)) {
      test(`${name} from ${from} → ${expected}`, () => {
        const current = from === 'none' ? null : inState(from as AskState);
        const snapshot = structuredClone(current);
        const actor = byClient.has(name) ? CLIENT : PM;
        if (expected === 'CONFLICT') {
          refused(() => steps[name](current, actor), 'CONFLICT', /./);
        } else {
          const { value } = steps[name](current, actor);
          assert.equal(value.state, expected === 'waiting(edit)' ? 'waiting' : expected);
          const round = name === 'reAsk' ? 2 : 1;
          assert.equal(value.round, round);
        }
        // Nothing changed on the caller's object, on success or on error.
        assert.deepEqual(current, snapshot);
      });
    }
  }

  test('the wrong person is refused from every state in which the step would otherwise go ahead', () => {
    for (const [name, row] of Object.entries(table)) {
      for (const [from, expected] of Object.entries(row)) {
        if (from === 'none' || expected === 'CONFLICT') continue;
        const current = inState(from as AskState);
        const wrong = byClient.has(name) ? [PM, OTHER_CLIENT] : [CLIENT];
        for (const actor of wrong) refused(() => steps[name](current, actor), 'FORBIDDEN', /./);
      }
    }
  });
});

describe('input schemas for the resolvers', () => {
  test('SetAskInput, AnswerInput, InfoRequestInput, ReAskInput give messages by field path', () => {
    const set = SetAskInput.safeParse({ client: 7, ask: 'x'.repeat(1001) });
    assert.equal(set.success, false);
    assert.deepEqual(!set.success && fieldErrorsOf(set.error.issues), {
      client: 'Client must be text',
      ask: 'Use at most 1000 characters',
      due: 'Pick a date',
    });
    const answer = AnswerInput.safeParse({});
    assert.deepEqual(!answer.success && fieldErrorsOf(answer.error.issues), { answer: 'Write your answer' });
    const info = InfoRequestInput.safeParse({ note: 'n'.repeat(2001) });
    assert.deepEqual(!info.success && fieldErrorsOf(info.error.issues), { note: 'Use at most 2000 characters' });
    const again = ReAskInput.safeParse({ due: '2026-3-9' });
    assert.deepEqual(!again.success && fieldErrorsOf(again.error.issues), { due: 'Pick a date from the calendar' });
    assert.deepEqual(ReAskInput.parse({ due: '2026-03-09' }), { due: '2026-03-09' });
  });

  test('they extend with the resolver\'s own fields', () => {
    const withIssue = SetAskInput.extend({ issueKey: AnswerInput.shape.answer });
    assert.equal(withIssue.safeParse({ client: CLIENT, ask: 'x', due: '2026-03-09', issueKey: 'SHOP-1' }).success, true);
  });
});

describe('isOpen and isOverdue', () => {
  test('open: waiting or answered', () => {
    assert.deepEqual((['waiting', 'answered', 'accepted', 'withdrawn'] as const).map((s) => isOpen(inState(s))), [true, true, false, false]);
  });

  test('overdue: waiting and the due date is before today', () => {
    assert.equal(isOverdue(waiting({ due: '2026-03-06' }), '2026-03-06'), false); // due today: not yet
    assert.equal(isOverdue(waiting({ due: '2026-03-06' }), '2026-03-07'), true);
    assert.equal(isOverdue({ ...inState('answered'), due: '2026-03-06' }, '2026-03-20'), false); // the client answered: with the team now
  });
});

function event(at: string, action: AskEvent['action'], overrides: Partial<AskEvent> = {}): AskEvent {
  const state: AskEvent['state'] = action === 'answered' ? 'answered' : action === 'accepted' ? 'accepted' : action === 'withdrawn' ? 'withdrawn' : 'waiting';
  return { at, by: PM, action, client: CLIENT, due: '2026-03-06', state, round: 1, ...overrides };
}

describe('appendHistory: bounded (here at the old issue property limit)', () => {
  test('starts a history and appends in order, without touching the one given', () => {
    const first = event('2026-03-02T09:00:00.000Z', 'asked', { note: 'Logo files' });
    const second = event('2026-03-03T09:00:00.000Z', 'answered', { by: CLIENT, note: 'Attached' });
    const one = appendHistory(null, first);
    assert.deepEqual(one, { history: [first], dropped: 0 });
    const two = appendHistory(one, second);
    assert.deepEqual(two, { history: [first, second], dropped: 0 });
    assert.deepEqual(one, { history: [first], dropped: 0 });
  });

  test('keeps the newest events under 32,768 characters of JSON and counts the dropped ones', () => {
    let history = null as ReturnType<typeof appendHistory> | null;
    const appended: AskEvent[] = [];
    for (let i = 0; i < 60; i++) {
      // Quotes and newlines grow when written as JSON: the bound is on the JSON, not on the text.
      const e = event(new Date(Date.UTC(2026, 2, 2, 9, i)).toISOString(), i % 2 === 0 ? 'asked' : 'answered', { note: `#${i} "${'x'.repeat(900)}"\n` });
      appended.push(e);
      history = appendHistory(history, e, 32_768);
      const size = JSON.stringify(history).length;
      assert.ok(size <= 32_768, `${size} characters after ${i + 1} events`);
    }
    assert.ok(history);
    const kept = history.history.length;
    assert.ok(kept > 20 && kept < 60, `kept ${kept}`);
    assert.equal(history.dropped, 60 - kept);
    assert.deepEqual(history.history, appended.slice(60 - kept));
    // As many as fit: one more of the older events would not.
    const oneMore = { history: appended.slice(60 - kept - 1), dropped: history.dropped - 1 };
    assert.ok(JSON.stringify(oneMore).length > 32_768);
  });

  test('the bound is exact at a smaller limit, and an earlier dropped count carries on', () => {
    const a = event('2026-03-02T09:00:00.000Z', 'asked');
    const b = event('2026-03-03T09:00:00.000Z', 'withdrawn');
    const exact = JSON.stringify({ history: [a, b], dropped: 4 }).length;
    assert.deepEqual(appendHistory({ history: [a], dropped: 4 }, b, exact), { history: [a, b], dropped: 4 });
    assert.deepEqual(appendHistory({ history: [a], dropped: 4 }, b, exact - 1), { history: [b], dropped: 5 });
  });

  test('a newest event too long on its own keeps the step and shortens its note', () => {
    const long = event('2026-03-02T09:00:00.000Z', 'answered', { note: 'é"'.repeat(500) });
    const result = appendHistory({ history: [event('2026-03-01T09:00:00.000Z', 'asked')], dropped: 0 }, long, 400);
    assert.equal(result.dropped, 1);
    assert.equal(result.history.length, 1);
    assert.ok(JSON.stringify(result).length <= 400);
    const note = result.history[0].note ?? '';
    assert.ok(note.endsWith('…') && note.length > 100, note);
    assert.deepEqual({ ...result.history[0], note: undefined }, { ...long, note: undefined });
  });
});

describe('reading stored values back', () => {
  test('parseClientAsk takes a valid field value and refuses anything else', () => {
    assert.deepEqual(parseClientAsk(inState('answered')), inState('answered'));
    assert.equal(parseClientAsk(null), null);
    assert.equal(parseClientAsk({ ...waiting(), state: 'pending' }), null);
    assert.equal(parseClientAsk({ ...waiting(), due: '2026-02-30' }), null);
    assert.equal(parseClientAsk({ ...waiting(), askedAt: 'last week' }), null);
  });

  test('parseAskHistory keeps the readable events and the dropped count', () => {
    const good = event('2026-03-02T09:00:00.000Z', 'asked');
    assert.deepEqual(parseAskHistory({ history: [good, { ...good, action: 'nagged' }, 'junk'], dropped: 3 }), { history: [good], dropped: 3 });
    assert.deepEqual(parseAskHistory({ history: [good] }), { history: [good], dropped: 0 });
    assert.deepEqual(parseAskHistory('nonsense'), { history: [], dropped: 0 });
    assert.deepEqual(parseAskHistory(undefined), { history: [], dropped: 0 });
  });
});

describe('the conversation: replyToAsk and postAskMessage', () => {
  test("the team's reply answers an open question (back to waiting on the client); otherwise it is a message", () => {
    const question = inState('question');
    const { value, event } = replyToAsk(question, { message: ' It is CHK-12 ' }, PM, LATER);
    assert.equal(value.state, 'waiting');
    assert.equal(value.infoRequest, 'Which copy?');
    assert.deepEqual(event, { at: LATER.toISOString(), by: PM, action: 'replied', client: CLIENT, due: question.due, state: 'waiting', round: 1, note: 'It is CHK-12' });
    const plain = replyToAsk(inState('waiting'), { message: 'Any news?' }, DEV, LATER);
    assert.deepEqual(plain.value, inState('waiting'));
    assert.equal(plain.event.action, 'message');
  });

  test('a client message keeps the state; closed asks, no ask, empty or too long messages and no actor are refused', () => {
    const { value, event } = postAskMessage(inState('question'), { message: 'Also: which size?' }, CLIENT, LATER);
    assert.equal(value.state, 'question');
    assert.equal(event.action, 'message');
    assert.equal(event.state, 'question');
    for (const closed of ['accepted', 'withdrawn'] as const) {
      refused(() => replyToAsk(inState(closed), { message: 'x' }, PM, LATER), 'CONFLICT', /conversation is closed/);
      refused(() => postAskMessage(inState(closed), { message: 'x' }, CLIENT, LATER), 'CONFLICT', /conversation is closed/);
    }
    refused(() => replyToAsk(null, { message: 'x' }, PM, LATER), 'CONFLICT', /no ask on this issue/);
    refused(() => replyToAsk(inState('question'), { message: 'x' }, CLIENT, LATER), 'FORBIDDEN', /cannot reply as the team/);
    refused(() => postAskMessage(inState('waiting'), { message: '  ' }, CLIENT, LATER), 'VALIDATION', /\(1\)/, { message: 'Your message is required' });
    refused(() => postAskMessage(inState('waiting'), { message: 'x'.repeat(2001) }, CLIENT, LATER), 'VALIDATION', /\(1\)/, { message: 'Use at most 2000 characters' });
    refused(() => postAskMessage(inState('waiting'), { message: 'x' }, '', LATER), 'FORBIDDEN', /Sign in/);
  });
});

describe('askPeriods: a history read back as asks and waiting spans', () => {
  test('a re-ask is a second ask; an information request moves the waiting to the team but does not end the ask', () => {
    const periods = askPeriods([
      event('2026-03-02T09:00:00.000Z', 'asked'),
      event('2026-03-03T09:00:00.000Z', 'info-requested', { by: CLIENT, state: 'question' }),
      event('2026-03-04T09:00:00.000Z', 'answered', { by: CLIENT }),
      event('2026-03-05T09:00:00.000Z', 're-asked', { due: '2026-03-10', round: 2 }),
    ]);
    assert.deepEqual(periods, [
      {
        client: CLIENT,
        round: 1,
        askedAt: '2026-03-02T09:00:00.000Z',
        startKnown: true,
        answeredAt: '2026-03-04T09:00:00.000Z',
        waits: [{ from: '2026-03-02T09:00:00.000Z', to: '2026-03-03T09:00:00.000Z', due: '2026-03-06' }],
        questions: [{ from: '2026-03-03T09:00:00.000Z', to: '2026-03-04T09:00:00.000Z', due: '2026-03-06' }],
      },
      { client: CLIENT, round: 2, askedAt: '2026-03-05T09:00:00.000Z', startKnown: true, answeredAt: null, waits: [{ from: '2026-03-05T09:00:00.000Z', to: null, due: '2026-03-10' }], questions: [] },
    ]);
  });

  test('an edit to another client starts an ask to that person; events are read in time order', () => {
    const periods = askPeriods([
      event('2026-03-04T09:00:00.000Z', 'edited', { client: OTHER_CLIENT }),
      event('2026-03-02T09:00:00.000Z', 'asked'),
    ]);
    assert.deepEqual(
      periods.map((p) => [p.client, p.askedAt, p.startKnown, p.waits.map((w) => [w.from, w.to])]),
      [
        [CLIENT, '2026-03-02T09:00:00.000Z', true, [['2026-03-02T09:00:00.000Z', '2026-03-04T09:00:00.000Z']]],
        [OTHER_CLIENT, '2026-03-04T09:00:00.000Z', true, [['2026-03-04T09:00:00.000Z', null]]],
      ],
    );
  });

  test('a history whose start was dropped says so', () => {
    const periods = askPeriods([event('2026-03-04T09:00:00.000Z', 'edited'), event('2026-03-05T09:00:00.000Z', 'answered', { by: CLIENT })]);
    assert.equal(periods.length, 1);
    assert.equal(periods[0].startKnown, false);
    assert.equal(periods[0].answeredAt, '2026-03-05T09:00:00.000Z');
  });
});

describe('the projection Jira shows, and which field values the app wrote', () => {
  const ask = { client: 'c-1', ask: 'Confirm the zones', due: '2026-03-06', state: 'waiting' as const, askedAt: '2026-03-02T09:00:00.000Z', askedBy: 'pm', round: 1, answer: 'x' };
  const steps: AskEvent[] = [
    { at: '2026-03-02T09:00:00.000Z', by: 'pm', action: 'asked', client: 'c-1', due: '2026-03-05', state: 'waiting', round: 1, note: 'Confirm' },
    { at: '2026-03-03T09:00:00.000Z', by: 'pm', action: 'edited', client: 'c-1', due: '2026-03-06', state: 'waiting', round: 1, note: 'Confirm the zones' },
  ];

  test('holds client, state, due date and round only', () => {
    assert.deepEqual(askProjection(ask), { client: 'c-1', state: 'waiting', due: '2026-03-06', round: 1 });
    assert.equal(askProjection(null), null);
  });

  test('a field value with anything more (an old whole ask) is not a projection', () => {
    assert.equal(parseAskProjection(ask), null);
    assert.deepEqual(parseAskProjection({ client: 'c-1', state: 'waiting', due: '2026-03-06', round: 1 }), askProjection(ask));
    assert.equal(parseAskProjection({ client: 'c-1', state: 'lost', due: '2026-03-06', round: 1 }), null);
  });

  test("the current projection or one the record passed through is the app's; anything else, or any value without a record, is not", () => {
    const record = { ask, history: steps };
    assert.equal(projectionFromRecord(null, record), true, 'an empty field');
    assert.equal(projectionFromRecord({ client: 'c-1', state: 'waiting', due: '2026-03-06', round: 1 }, record), true);
    assert.equal(projectionFromRecord({ client: 'c-1', state: 'waiting', due: '2026-03-05', round: 1 }, record), true, 'stale: an earlier step');
    assert.equal(projectionFromRecord({ client: 'c-2', state: 'waiting', due: '2026-03-06', round: 1 }, record), false);
    assert.equal(projectionFromRecord({ client: 'c-1', state: 'waiting', due: '2026-03-06', round: 1 }, null), false, 'no record');
    assert.equal(projectionFromRecord(ask, record), false, 'the whole ask is never what the app writes now');
  });
});

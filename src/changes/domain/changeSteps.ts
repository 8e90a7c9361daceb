/**
 * The steps of a change request: the inputs of each (field-level messages; bounded), the state
 * machine that takes the record from step to step (each step refused with a reason when it cannot
 * be taken now) and what a person may do now (abilities; the server checks again on every step).
 * The record itself, its projection and the workflow rules are in changeRequest.ts.
 */
import { z } from 'zod';
import { can as roleMay, type Action } from '../../access/domain/access';
import { AppError } from '../../platform/domain/errors';
import {
  CHANGE_LIMITS, DECISION_OUTCOMES, NOTE_VISIBILITIES, isApprovedOutcome,
  type ChangeAbilities, type ChangeOutcome, type ChangeStep, type DecisionOutcome, type NoteVisibility, type Price,
} from './changeVocabulary';
import { isoDateOf, shiftDate } from '../../platform/domain/businessDays';
import { isoDate, text } from '../../platform/domain/fields';
import { Assessment, ChangeDocument, Decision, HISTORY_MAX, HistoryEntry, PriceOffer, REOPENED_MAX } from './changeRequest';

// ---- inputs (field-level messages; bounded) ----

const version = z.number({ error: 'Version is required' }).int('Version must be a whole number').min(0, 'Version must be 0 or more');
/** A number of days or an amount; `enter` says what to type, in the form's words ("Enter the effort in person-days"). */
const days = (enter: string, what: string) =>
  z.number({ error: enter }).finite(enter).min(0, `${what} cannot be negative`).max(CHANGE_LIMITS.maxDays, `Enter at most ${CHANGE_LIMITS.maxDays} days`);
const amount = (enter: string, what: string) =>
  z.number({ error: enter }).finite(enter).min(0, `${what} cannot be negative`).max(CHANGE_LIMITS.maxAmount, `Enter a smaller amount (at most ${CHANGE_LIMITS.maxAmount.toLocaleString('en-GB')})`);
export const currency = z
  .string({ error: 'Choose a currency' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Choose a currency from the list');
const optionalText = (label: string, max: number) => z.string({ error: `${label} must be text` }).trim().max(max, `${label} must be at most ${max} characters`);

export const RaiseFields = {
  summary: text('Summary', CHANGE_LIMITS.summary, 'Say what you need'),
  description: optionalText('Description', CHANGE_LIMITS.description).default(''),
};

export const AssessFields = {
  version,
  effortDays: days('Enter the effort in person-days', 'The effort'),
  scheduleDays: days('Enter the days the schedule moves (0 when the dates hold)', 'The schedule impact'),
  cost: amount('Enter the cost', 'The cost'),
  currency,
  scope: optionalText('Scope affected', CHANGE_LIMITS.scope).default(''),
  notes: z
    .array(z.object({ text: text('Note', CHANGE_LIMITS.noteText, 'Write the note or remove it'), visibility: z.enum(NOTE_VISIBILITIES, { error: 'Choose internal or client-visible' }) }), { error: 'Notes must be a list' })
    .max(CHANGE_LIMITS.notes, `At most ${CHANGE_LIMITS.notes} notes`)
    .default([]),
  submit: z.boolean({ error: 'Submit must be true or false' }).default(false),
};

export const DecideFields = {
  version,
  outcome: z.enum(DECISION_OUTCOMES, { error: 'Choose declined, unpaid change or paid change' }),
  price: z.object({ amount: amount('Enter the price', 'The price'), currency }, { error: 'Enter the price and choose its currency' }).optional(),
  rationale: text('Rationale', CHANGE_LIMITS.rationale, 'Say why you decided this'),
};

export const WithdrawFields = { version, reason: text('Reason', CHANGE_LIMITS.reason, 'Say why it is withdrawn') };
export const InformFields = {
  version,
  message: text('Message', CHANGE_LIMITS.message, 'Write the message to the client'),
  /** For a paid change: the last day the client may accept the price (YYYY-MM-DD). */
  deadline: isoDate('Deadline to accept the price').optional(),
};
export const PriceResponseFields = {
  version,
  response: z.enum(['accept', 'decline'], { error: 'Choose whether you accept or decline the price' }),
  reason: optionalText('Why you decline', CHANGE_LIMITS.reason).optional(),
};
export const MessageFields = { message: text('Your message', CHANGE_LIMITS.conversationMessage) };

export type AssessInput = { effortDays: number; scheduleDays: number; cost: number; currency: string; scope: string; notes: { text: string; visibility: NoteVisibility }[]; submit: boolean };
export type DecideInput = { outcome: DecisionOutcome; price?: Price; rationale: string };

// ---- the state machine ----

const OPEN_STEPS: readonly ChangeStep[] = ['logged', 'acknowledged', 'assessing', 'awaiting-approval'];
const DECIDED_STEPS: readonly ChangeStep[] = ['approved', 'declined', 'withdrawn'];

function refuse(message: string): never {
  throw new AppError('CONFLICT', message);
}

function stepWords(step: ChangeStep): string {
  return step === 'awaiting-approval' ? 'awaiting approval' : step === 'client-informed' ? 'closed (the client was informed)' : step;
}

function notNow(step: ChangeStep, allowed: readonly ChangeStep[], doing: string): string | null {
  return allowed.includes(step) ? null : `This change request is ${stepWords(step)}: it cannot be ${doing} now. Reload to see where it stands.`;
}

export type ChangeActionName = keyof ChangeAbilities;

/** The policy action (src/access/domain/access.ts) whose roles may take each step; the resolvers allow the same. */
export const CHANGE_ACTION_POLICY: Record<ChangeActionName, Action> = {
  acknowledge: 'changes.acknowledge',
  assess: 'changes.assess',
  submitForApproval: 'changes.assess',
  decide: 'changes.decide',
  withdraw: 'changes.withdraw',
  inform: 'changes.inform',
  linkImplementation: 'changes.implement',
  respondToPrice: 'changes.respondToPrice',
  post: 'changes.converse',
};

/** Where a price offer stands on `today` (YYYY-MM-DD): answered, or awaiting until its deadline has passed. */
export function priceOfferState(offer: PriceOffer, today: string): 'awaiting' | 'accepted' | 'declined' | 'expired' {
  return offer.response ?? (today > offer.deadline ? 'expired' : 'awaiting');
}

/**
 * Why a change request, as Liaison holds it (`step` from Jira, `doc` from its own storage), cannot
 * take `action` now, or null when it can. The one state check behind both the step functions below
 * (which throw it as a CONFLICT) and `abilities` (what the UI offers), so the two never disagree.
 */
export function stepRefusal(action: ChangeActionName, step: ChangeStep, doc: ChangeDocument, today?: string): string | null {
  const decided = doc.decision ? `This change request was already ${decisionWords(doc.decision)}.` : null;
  switch (action) {
    case 'acknowledge':
      return notNow(step, ['logged'], 'acknowledged');
    case 'assess':
      return notNow(step, ['acknowledged', 'assessing', 'awaiting-approval'], 'assessed');
    case 'submitForApproval':
      return notNow(step, ['acknowledged', 'assessing'], 'submitted for approval');
    case 'decide':
      return decided ?? notNow(step, ['awaiting-approval'], 'decided') ?? (doc.assessment ? null : 'This change request has no impact assessment yet.');
    case 'withdraw':
      return decided ?? notNow(step, OPEN_STEPS, 'withdrawn');
    case 'inform': {
      const refusal = notNow(step, DECIDED_STEPS, 'told to the client') ?? (doc.decision ? null : 'This change request has no decision to tell the client yet.');
      if (refusal || !doc.priceOffer || doc.decision?.outcome !== 'paid') return refusal;
      // A price already sent is answered by the client; a new offer only once the deadline has passed.
      return priceOfferState(doc.priceOffer, today ?? isoDateOf(new Date())) === 'awaiting' ? `The client has until ${doc.priceOffer.deadline} to accept or decline the price.` : null;
    }
    case 'respondToPrice':
      if (step !== 'approved' || doc.decision?.outcome !== 'paid' || !doc.priceOffer || doc.priceOffer.response) return 'There is no price waiting for your answer on this change request. Reload to see where it stands.';
      return null;
    case 'post':
      return null;
    case 'linkImplementation':
      if (!doc.decision || !isApprovedOutcome(doc.decision.outcome)) return 'Implementation issues can be linked only to an approved change request.';
      return notNow(step, ['approved', 'client-informed'], 'linked to implementation issues');
  }
}

function requireAllowed(action: ChangeActionName, step: ChangeStep, doc: ChangeDocument, today?: string): void {
  const refusal = stepRefusal(action, step, doc, today);
  if (refusal) refuse(refusal);
}

/** The document's history with `entry` added, the oldest dropped beyond HISTORY_MAX. */
export function withHistory(doc: ChangeDocument, entry: HistoryEntry): HistoryEntry[] {
  return [...doc.history, entry].slice(-HISTORY_MAX);
}

export interface ChangeStepResult {
  doc: ChangeDocument;
  /** The step the issue must move to; undefined: it stays where it is. */
  to?: ChangeStep;
  action: string;
}

export function acknowledgeChange(step: ChangeStep, doc: ChangeDocument, by: string, at: string): ChangeStepResult {
  requireAllowed('acknowledge', step, doc);
  const action = 'acknowledged';
  return { doc: { ...doc, acknowledgedAt: at, acknowledgedBy: by, history: withHistory(doc, { at, by, action }) }, to: 'acknowledged', action };
}

/**
 * Records the assessment (notes are added to those already there); with `submit`, sends it for approval.
 * Re-assessing while it awaits approval is allowed (it stays there).
 */
export function assessChange(step: ChangeStep, doc: ChangeDocument, input: AssessInput, by: string, at: string, newId: () => string): ChangeStepResult {
  // Saving with submit while it already awaits approval only updates the assessment.
  requireAllowed(input.submit && step !== 'awaiting-approval' ? 'submitForApproval' : 'assess', step, doc);
  const notes = [...(doc.assessment?.notes ?? []), ...input.notes.map((n) => ({ id: newId(), text: n.text, visibility: n.visibility, by, at }))];
  if (notes.length > CHANGE_LIMITS.notes) throw new AppError('VALIDATION', `A change request holds at most ${CHANGE_LIMITS.notes} notes`, { fields: { notes: `At most ${CHANGE_LIMITS.notes} notes in all` } });
  const assessment: Assessment = {
    effortDays: input.effortDays,
    scheduleDays: input.scheduleDays,
    cost: input.cost,
    currency: input.currency,
    scope: input.scope,
    notes,
    assessedBy: by,
    assessedAt: at,
  };
  const to: ChangeStep | undefined = input.submit ? (step === 'awaiting-approval' ? undefined : 'awaiting-approval') : step === 'acknowledged' ? 'assessing' : undefined;
  const action = input.submit ? 'assessed and submitted for approval' : 'assessed';
  return { doc: { ...doc, assessment, history: withHistory(doc, { at, by, action }) }, to, action };
}

export function decisionWords(decision: { outcome: ChangeOutcome; price?: Price }): string {
  switch (decision.outcome) {
    case 'paid':
      return `approved as a paid change${decision.price ? ` (${formatPrice(decision.price)})` : ''}`;
    case 'unpaid':
      return 'approved as an unpaid change';
    case 'declined':
      return 'declined';
    case 'withdrawn':
      return 'withdrawn';
  }
}

export function formatPrice(price: Price): string {
  return `${price.currency} ${price.amount.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;
}

/** The approver's decision (the resolver claims it atomically; see changeStore.claimDecision). */
export function decideChange(step: ChangeStep, doc: ChangeDocument, input: DecideInput, by: string, at: string): ChangeStepResult {
  requireAllowed('decide', step, doc);
  if (input.outcome === 'paid' && !input.price) {
    throw new AppError('VALIDATION', 'A paid change needs a price', { fields: { 'price.amount': 'Enter the price the client pays for this change' } });
  }
  if (input.outcome !== 'paid' && input.price) {
    throw new AppError('VALIDATION', 'Only a paid change has a price', { fields: { price: 'Remove the price, or choose a paid change' } });
  }
  const decision: Decision = { outcome: input.outcome, ...(input.price ? { price: input.price } : {}), rationale: input.rationale, by, at };
  const action = decisionWords(decision);
  return { doc: { ...doc, decision, history: withHistory(doc, { at, by, action }) }, to: isApprovedOutcome(input.outcome) ? 'approved' : 'declined', action };
}

export function withdrawChange(step: ChangeStep, doc: ChangeDocument, reason: string, by: string, at: string): ChangeStepResult {
  requireAllowed('withdraw', step, doc);
  const decision: Decision = { outcome: 'withdrawn', rationale: reason, by, at };
  const action = 'withdrawn';
  return { doc: { ...doc, decision, history: withHistory(doc, { at, by, action }) }, to: 'withdrawn', action };
}

/**
 * Tells the client the decision. For a paid change this sends the price with a deadline: the
 * change request stays approved until the client who raised it accepts (then Client informed) or
 * declines (the decision is reopened).
 */
export function informClient(step: ChangeStep, doc: ChangeDocument, message: string, by: string, at: string, deadline?: string): ChangeStepResult {
  const today = isoDateOf(at);
  requireAllowed('inform', step, doc, today);
  const decision = doc.decision!;
  if (decision.outcome === 'paid' && decision.price) {
    if (!deadline) throw new AppError('VALIDATION', 'Choose until when the client may accept the price', { fields: { deadline: 'Choose the last day the client may accept the price' } });
    if (deadline < today) throw new AppError('VALIDATION', 'The deadline is in the past', { fields: { deadline: 'The deadline cannot be in the past' } });
    const latest = shiftDate(today, CHANGE_LIMITS.priceDeadlineDays);
    if (deadline > latest) throw new AppError('VALIDATION', 'The deadline is too far away', { fields: { deadline: `Give the client at most ${CHANGE_LIMITS.priceDeadlineDays} days` } });
    const priceOffer: PriceOffer = { price: { ...decision.price }, deadline, sentAt: at, sentBy: by };
    const action = `price ${formatPrice(decision.price)} sent to the client, to accept by ${deadline}`;
    return { doc: { ...doc, clientMessage: message, priceOffer, history: withHistory(doc, { at, by, action }) }, action };
  }
  const action = 'client informed';
  return {
    doc: { ...doc, clientMessage: message, clientInformedAt: at, clientInformedBy: by, history: withHistory(doc, { at, by, action }) },
    to: 'client-informed',
    action,
  };
}

/**
 * The client who raised it answers the price: accepting (by the deadline) tells them the decision
 * (Client informed); declining reopens the decision for the approver, keeping the declined one.
 */
export function respondToPrice(
  step: ChangeStep,
  doc: ChangeDocument,
  input: { response: 'accept' | 'decline'; reason?: string },
  requestedBy: string,
  by: string,
  at: string,
): ChangeStepResult {
  if (by !== requestedBy) throw new AppError('FORBIDDEN', 'Only the client who raised this change request can answer its price');
  requireAllowed('respondToPrice', step, doc);
  const offer = doc.priceOffer!;
  const decision = doc.decision!;
  if (input.response === 'accept') {
    if (priceOfferState(offer, isoDateOf(at)) === 'expired') refuse(`The price could be accepted until ${offer.deadline}. Ask the team for a new offer in the conversation.`);
    const action = `price ${formatPrice(offer.price)} accepted by the client`;
    return {
      doc: {
        ...doc, priceOffer: { ...offer, response: 'accepted', respondedAt: at, respondedBy: by },
        clientInformedAt: offer.sentAt, clientInformedBy: offer.sentBy, history: withHistory(doc, { at, by, action }),
      },
      to: 'client-informed',
      action,
    };
  }
  const declined: PriceOffer = { ...offer, response: 'declined', respondedAt: at, respondedBy: by, ...(input.reason ? { reason: input.reason } : {}) };
  const { decision: _reopened, priceOffer: _declined, clientMessage: _message, ...rest } = doc;
  const action = `price ${formatPrice(offer.price)} declined by the client: the decision is reopened`;
  return {
    doc: { ...rest, reopened: [...(doc.reopened ?? []), { decision, offer: declined }].slice(-REOPENED_MAX), history: withHistory(doc, { at, by, action }) },
    to: 'awaiting-approval',
    action,
  };
}

/** A message in the conversation (the oldest dropped beyond the limit). */
export function postChangeMessage(doc: ChangeDocument, message: string, by: string, side: 'team' | 'client', at: string): ChangeDocument {
  const messages = [...(doc.messages ?? []), { at, by, side, text: message }].slice(-CHANGE_LIMITS.conversationMessages);
  return { ...doc, messages };
}

/** Refuses unless the change request is approved (checked before implementation issues are created in Jira). */
export function requireApproved(step: ChangeStep, doc: ChangeDocument): void {
  requireAllowed('linkImplementation', step, doc);
}

export function linkImplementation(step: ChangeStep, doc: ChangeDocument, keys: readonly string[], by: string, at: string): ChangeStepResult {
  requireApproved(step, doc);
  const added = keys.filter((key) => !doc.implementationKeys.includes(key));
  if (added.length === 0) refuse('Those issues are already linked to this change request.');
  const implementationKeys = [...doc.implementationKeys, ...added];
  if (implementationKeys.length > CHANGE_LIMITS.implementationLinks * 5) refuse('This change request has too many implementation issues linked already.');
  const action = `implementation linked: ${added.join(', ')}`;
  return { doc: { ...doc, implementationKeys, history: withHistory(doc, { at, by, action }) }, action };
}

// ---- what a person may do now (the server checks again on every step) ----

export interface Viewer {
  accountId: string;
  roles: readonly ('manager' | 'approver' | 'team' | 'client')[];
}

/**
 * What the viewer may do now: their roles allow the step (the same POLICY action the resolver
 * allows) and `stepRefusal` has nothing against it. A client acts only on their own request, and
 * only to withdraw it (what loadChange and the resolvers let a client do).
 */
export function abilities(step: ChangeStep, doc: ChangeDocument, requestedBy: string, viewer: Viewer, today?: string): ChangeAbilities {
  const client = viewer.roles.includes('client');
  const clientActions: readonly ChangeActionName[] = ['withdraw', 'respondToPrice', 'post'];
  const may = (action: ChangeActionName): boolean => {
    if (client && (!clientActions.includes(action) || requestedBy !== viewer.accountId)) return false;
    if (action === 'respondToPrice' && doc.priceOffer && priceOfferState(doc.priceOffer, today ?? isoDateOf(new Date())) === 'expired') return false;
    return roleMay(viewer.roles, CHANGE_ACTION_POLICY[action]) && stepRefusal(action, step, doc, today) === null;
  };
  return {
    acknowledge: may('acknowledge'),
    assess: may('assess'),
    submitForApproval: may('submitForApproval'),
    decide: may('decide'),
    withdraw: may('withdraw'),
    inform: may('inform'),
    linkImplementation: may('linkImplementation'),
    respondToPrice: may('respondToPrice'),
    post: may('post'),
  };
}

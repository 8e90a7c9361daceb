/**
 * A change request: a client's new requirement, logged (never rebuffed on the spot), acknowledged,
 * assessed, decided by an approver, and told to the client.
 *
 *   logged --acknowledge--> acknowledged --assess--> assessing --submit--> awaiting-approval
 *   acknowledged --assess+submit--> awaiting-approval        (assessing may be skipped)
 *   awaiting-approval --decide--> approved (unpaid | paid with a price) | declined
 *   logged .. awaiting-approval --withdraw--> withdrawn
 *   approved | declined | withdrawn --inform--> client-informed
 *   approved (paid) --inform--> approved, the price offered to the client with a deadline
 *   approved (paid, offered) --client accepts--> client-informed
 *   approved (paid, offered) --client declines--> awaiting-approval (the decision is reopened: the approver decides again)
 *
 * Any time: the team and the client who raised it write in its conversation (`messages`).
 *
 * Where the data lives (issue 13): the KVS `change` entity (ChangeDocument) is the record — who
 * requested it, the step Liaison recorded, assessment, decision, price, messages, history — and
 * only resolvers read it. The issue property `liaison-change` (ChangeProperty) is a projection of
 * the record for JQL, readable by anyone who may browse the issue and writable by anyone who may
 * create one, so nothing reads facts from it: `changeProjection` writes it, `propertyMatches` only
 * checks it (a mismatch is tampering). The step is the issue's Jira status under the project's
 * `changeWorkflow` mapping, else the record's.
 */
import { z } from 'zod';
import { can as roleMay, type Action } from './access';
import { AppError } from './errors';
import {
  CHANGE_LIMITS, CHANGE_OUTCOMES, CHANGE_STEPS, DECISION_OUTCOMES, NOTE_VISIBILITIES, RAISED_VIA, isApprovedOutcome,
  type ChangeAbilities, type ChangeOutcome, type ChangeStep, type DecisionOutcome, type NoteVisibility, type Price, type RaisedVia,
} from './changeVocabulary';
import { isoDateOf, shiftDate } from './businessDays';
import { isoDate, text } from './fields';

export * from './changeVocabulary';

// ---- what is stored ----

/**
 * The issue property `liaison-change`: readable by anyone who may browse the issue (fellow clients
 * included). The step; the outcome and price only once the client was informed and only when the
 * project shows costs to clients; never anyone's account id.
 */
export interface ChangeProperty {
  schema: 2;
  step: ProjectedStep;
  decision?: { outcome: ChangeOutcome; price?: Price };
}

/** Who raised a change request, when and where (the record's, or Jira's reporter for one Liaison never stored). */
export interface Requester {
  requestedBy: string;
  requestedAt: string;
  raisedVia: RaisedVia;
}

/** What issue 4's `liaison-change` held (schema 1): read only by the one-time migration (src/events/trustMigration.ts). */
export interface LegacyChangeProperty {
  schema: 1;
  step: ChangeStep;
  requestedBy: string;
  requestedAt: string;
  raisedVia: RaisedVia;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  clientInformedAt?: string;
  implementationKeys: string[];
}

export interface StoredNote {
  id: string;
  text: string;
  visibility: NoteVisibility;
  by: string;
  at: string;
}

export interface Assessment {
  effortDays: number;
  scheduleDays: number;
  cost: number;
  currency: string;
  scope: string;
  notes: StoredNote[];
  assessedBy: string;
  assessedAt: string;
}

export interface Decision {
  outcome: ChangeOutcome;
  price?: Price;
  rationale: string;
  by: string;
  at: string;
}

/** One message of the conversation between the team and the client who raised the change request. */
export interface ChangeMessage {
  at: string;
  by: string;
  side: 'team' | 'client';
  text: string;
}

/** The price of a paid change as sent to the client, and their answer. */
export interface PriceOffer {
  price: Price;
  /** YYYY-MM-DD: the last day the client may accept. */
  deadline: string;
  sentAt: string;
  sentBy: string;
  response?: 'accepted' | 'declined';
  respondedAt?: string;
  respondedBy?: string;
  reason?: string;
}

export interface HistoryEntry {
  at: string;
  by: string;
  action: string;
}

/** The KVS `change` entity's document: the record, read only through resolvers. */
export interface ChangeDocument {
  /** Who raised it (absent only in records written before issue 13 and not migrated yet). */
  requestedBy?: string;
  requestedAt?: string;
  raisedVia?: RaisedVia;
  /** The step Liaison last recorded (the issue's status decides when the mapping names it). */
  step?: ChangeStep;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  assessment?: Assessment;
  decision?: Decision;
  clientMessage?: string;
  clientInformedAt?: string;
  clientInformedBy?: string;
  implementationKeys: string[];
  history: HistoryEntry[];
  /** The conversation, oldest first (at most CHANGE_LIMITS.conversationMessages: the oldest are dropped). */
  messages?: ChangeMessage[];
  /** The price offer of the current paid decision. */
  priceOffer?: PriceOffer;
  /** Decisions the client's declined price reopened, with the offer they declined (the newest REOPENED_MAX). */
  reopened?: { decision: Decision; offer: PriceOffer }[];
}

/** Reopened decisions kept in the record. */
export const REOPENED_MAX = 20;

/** Oldest history entries are dropped beyond this, to keep the document far below the KVS value limit. */
export const HISTORY_MAX = 200;

export function emptyDocument(): ChangeDocument {
  return { implementationKeys: [], history: [] };
}

const LegacyPropertySchema = z.object({
  schema: z.literal(1),
  step: z.enum(CHANGE_STEPS),
  requestedBy: z.string().min(1),
  requestedAt: z.string().min(1),
  raisedVia: z.enum(RAISED_VIA).catch('jira'),
  acknowledgedAt: z.string().optional(),
  acknowledgedBy: z.string().optional(),
  clientInformedAt: z.string().optional(),
  implementationKeys: z.array(z.string()).catch([]),
});

/** An issue 4 property (schema 1), or undefined: only the migration reads these. */
export function parseLegacyChangeProperty(raw: unknown): LegacyChangeProperty | undefined {
  const parsed = LegacyPropertySchema.safeParse(raw);
  return parsed.success ? (parsed.data as LegacyChangeProperty) : undefined;
}


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

/** The policy action (src/domain/access.ts) whose roles may take each step; the resolvers allow the same. */
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

// ---- the workflow rules (jira:workflowValidator) ----

export const RULE_MESSAGES = {
  needsAssessment: 'A change request needs an impact assessment before it can await approval. Assess it in the Change request panel first.',
  needsOutcome: 'A change request can be approved only with an outcome (an unpaid or a paid change), recorded by an approver in the Change request panel.',
  needsPrice: 'A paid change needs a price before it can be approved.',
  approverOnly: 'Only an approver can approve or decline a change request. Approvers decide in the Change request panel.',
  needsDecision: 'The client can be informed only after the change request is decided (approved, declined or withdrawn).',
  needsDeclineDecision: 'A change request can be declined only with a decision recorded by an approver in the Change request panel.',
  needsWithdrawal: 'A change request is withdrawn in the Change request panel or the portal (its requester or a manager), which records who withdrew it and why.',
  needsInforming: 'The client is informed in the Change request panel, which records the message they are sent; moving the issue alone tells them nothing.',
  needsPriceAccepted: 'A paid change reaches Client informed when the client accepts its price in Liaison (the team sends the price from the Change request panel).',
  reopenedByClient: 'A decided change request goes back to awaiting approval only when the client declines its price in Liaison.',
} as const;

export interface RuleFacts {
  to: ChangeStep;
  doc: ChangeDocument;
  /** Whether the person who claimed the decision holds the approver role in the project (read when there is a claim). */
  deciderIsApprover: boolean;
}

/** Why a transition into `to` must be refused, or null when the change request may enter it. */
export function transitionRefusal({ to, doc, deciderIsApprover }: RuleFacts): string | null {
  const decision = doc.decision;
  switch (to) {
    case 'awaiting-approval':
      if (decision) return RULE_MESSAGES.reopenedByClient;
      return doc.assessment ? null : RULE_MESSAGES.needsAssessment;
    case 'approved':
      if (!decision || !isApprovedOutcome(decision.outcome)) return RULE_MESSAGES.needsOutcome;
      if (decision.outcome === 'paid' && !decision.price) return RULE_MESSAGES.needsPrice;
      return deciderIsApprover ? null : RULE_MESSAGES.approverOnly;
    case 'declined':
      if (!decision || decision.outcome !== 'declined') return RULE_MESSAGES.needsDeclineDecision;
      return deciderIsApprover ? null : RULE_MESSAGES.approverOnly;
    case 'client-informed':
      // Liaison records the message before it moves the issue: without it, no one told the client.
      if (!decision) return RULE_MESSAGES.needsDecision;
      if (decision.outcome === 'paid' && decision.price && doc.priceOffer?.response !== 'accepted') return RULE_MESSAGES.needsPriceAccepted;
      return doc.clientInformedAt ? null : RULE_MESSAGES.needsInforming;
    case 'withdrawn':
      // A withdrawal is a decision too: Liaison records it (by whom, why) before it moves the issue.
      return decision?.outcome === 'withdrawn' ? null : RULE_MESSAGES.needsWithdrawal;
    default:
      return null;
  }
}

/**
 * The property every browsing user may read, projected from the record: the step, and the outcome
 * and price only once the client was told and only when the project shows costs to clients.
 */
export function changeProjection(step: ChangeStep, doc: ChangeDocument, opts: { showCostsToClient: boolean }): ChangeProperty {
  const property: ChangeProperty = { schema: 2, step: projectedStep(step) };
  if (opts.showCostsToClient && doc.clientInformedAt && doc.decision) {
    const { outcome, price } = doc.decision;
    property.decision = { outcome, ...(price ? { price: { amount: price.amount, currency: price.currency } } : {}) };
  }
  return property;
}

/** Steps between asking and telling the client, which the property shows as one (`in-review`). */
export const IN_REVIEW_STEPS: readonly ChangeStep[] = ['assessing', 'awaiting-approval', 'approved', 'declined'];

/**
 * The step as the property shows it: `approved` or `declined` would give the decision away before
 * the client is told (the next step, `client-informed`, names no decision), so the review is one step.
 */
export type ProjectedStep = Exclude<ChangeStep, 'assessing' | 'awaiting-approval' | 'approved' | 'declined'> | 'in-review';

export function projectedStep(step: ChangeStep): ProjectedStep {
  return IN_REVIEW_STEPS.includes(step) ? 'in-review' : (step as ProjectedStep);
}

/** The step of a status under the project's mapping, or undefined for a status the mapping does not name. */
export function stepOfStatus(statusIds: Partial<Record<ChangeStep, string>>, statusId: string): ChangeStep | undefined {
  return CHANGE_STEPS.find((step) => statusIds[step] === statusId);
}


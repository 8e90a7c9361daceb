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
 * checks it (a mismatch is tampering). The step is the Jira status under the project's
 * `changeWorkflow` mapping, else the record's.
 */
import { z } from 'zod';
import {
  CHANGE_STEPS, RAISED_VIA, isApprovedOutcome,
  type ChangeOutcome, type ChangeStep, type NoteVisibility, type Price, type RaisedVia,
} from './changeVocabulary';

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

/** What issue 4's `liaison-change` held (schema 1): read only by the one-time migration (src/migration/events/trustMigration.ts). */
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
  /** The step Liaison last recorded (the status decides when the mapping names it). */
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


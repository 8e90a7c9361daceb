/**
 * What a person is shown of a change request: the panel/portal view (a client gets the same shape
 * with every internal part absent), the draft of the message that tells the client the decision,
 * and the project's register with its totals and CSV. Pure: stored data in, client-safe data out.
 * Client shapes are built field by field, never by copying and deleting, so a field added later
 * stays internal until it is added here on purpose.
 */
import { addBusinessDays, businessDaysBetween, isoDateOf, type WorkCalendar } from '../../platform/domain/businessDays';
import { isApprovedOutcome, type ChangeDocument, type ChangeRegister, type ChangeRegisterRow, type ChangeStep, type ChangeView, type Person, type Price, type Requester } from './changeRequest';
import { abilities, formatPrice, priceOfferState, type Viewer } from './changeSteps';
import { CHANGE_OUTCOME_LABELS, CHANGE_STEP_INFO, type ChangeOutcome } from './changeVocabulary';
import { toCsv } from '../../platform/domain/csv';

export interface ChangeFacts {
  issueKey: string;
  summary: string;
  description: string;
  step: ChangeStep;
  statusName: string;
  /** The stored document's version (0: none yet). */
  version: number;
  base: Requester;
  /** The record: what is shown and what the steps are checked against, so `can` offers exactly what the actions accept. */
  doc: ChangeDocument;
}

export interface ViewContext {
  viewer: Viewer;
  names: Record<string, string>;
  ackBusinessDays: number;
  cal: WorkCalendar;
  today: string;
  /** The project shows costs to clients: a client then sees the price of a paid change, once told. */
  showCostsToClient: boolean;
}

/**
 * What a client may know of the decision on their change request: nothing until someone told them
 * (a withdrawal is their own or told as it happens), then the outcome, and the price of a paid change
 * only where the project shows costs to clients. Until then the review is one step to them.
 */
export function clientDecision(doc: Pick<ChangeDocument, 'decision' | 'clientInformedAt' | 'priceOffer'>, showCostsToClient: boolean): { outcome: ChangeOutcome; price?: Price } | undefined {
  const d = doc.decision;
  // A price offer tells the client the decision (and its price, in the offer) before they accept it.
  if (!d || (!doc.clientInformedAt && !doc.priceOffer && d.outcome !== 'withdrawn')) return undefined;
  return { outcome: d.outcome, ...(showCostsToClient && d.outcome === 'paid' && d.price ? { price: { ...d.price } } : {}) };
}

/** The step a client is shown: a decision not yet told to them reads as still awaiting approval. */
export function clientStep(step: ChangeStep, doc: Pick<ChangeDocument, 'clientInformedAt' | 'priceOffer'>): ChangeStep {
  return (step === 'approved' || step === 'declined') && !doc.clientInformedAt && !doc.priceOffer ? 'awaiting-approval' : step;
}

export const person = (accountId: string, names: Record<string, string>): Person => ({ accountId, displayName: names[accountId] ?? accountId });

/** The day the acknowledgement is promised by, and whether it is missed (today past it, not acknowledged). */
export function acknowledgement(requestedAt: string, acknowledgedAt: string | undefined, ackBusinessDays: number, cal: WorkCalendar, today: string): { due: string; overdue: boolean } {
  const logged = isoDateOf(requestedAt);
  const due = addBusinessDays(logged, ackBusinessDays, cal);
  return { due, overdue: !acknowledgedAt && businessDaysBetween(logged, today, cal) > ackBusinessDays };
}

export function isClientViewer(viewer: Viewer): boolean {
  return viewer.roles.includes('client');
}

export function buildChangeView(facts: ChangeFacts, ctx: ViewContext): ChangeView {
  const { doc, base } = facts;
  const client = isClientViewer(ctx.viewer);
  const ack = acknowledgement(base.requestedAt, doc.acknowledgedAt, ctx.ackBusinessDays, ctx.cal, ctx.today);
  const step = client ? clientStep(facts.step, doc) : facts.step;
  const view: ChangeView = {
    issueKey: facts.issueKey,
    summary: facts.summary,
    description: facts.description,
    step,
    statusName: step === facts.step ? facts.statusName : CHANGE_STEP_INFO[step].statusName,
    version: facts.version,
    requestedBy: person(base.requestedBy, ctx.names),
    requestedAt: base.requestedAt,
    raisedVia: base.raisedVia,
    ackDue: ack.due,
    ackOverdue: ack.overdue,
    implementationKeys: client ? [] : [...doc.implementationKeys],
    history: client ? [] : doc.history.map((h) => ({ at: h.at, by: person(h.by, ctx.names), action: h.action })),
    can: abilities(facts.step, doc, base.requestedBy, ctx.viewer, ctx.today),
    viewer: client ? 'client' : 'team',
    messages: (doc.messages ?? []).map((m) => ({ at: m.at, by: person(m.by, ctx.names), side: m.side, text: m.text })),
  };
  const offer = doc.priceOffer;
  if (offer) {
    view.priceOffer = {
      price: { ...offer.price }, deadline: offer.deadline, sentAt: offer.sentAt, state: priceOfferState(offer, ctx.today),
      ...(offer.respondedAt ? { respondedAt: offer.respondedAt } : {}), ...(offer.reason ? { reason: offer.reason } : {}),
    };
  }
  if (doc.acknowledgedAt) {
    view.acknowledgedAt = doc.acknowledgedAt;
    if (doc.acknowledgedBy && !client) view.acknowledgedBy = person(doc.acknowledgedBy, ctx.names);
  }
  const a = doc.assessment;
  if (a) {
    const notes = a.notes
      .filter((n) => !client || n.visibility === 'client')
      .map((n) => ({ id: n.id, text: n.text, visibility: n.visibility, by: person(n.by, ctx.names), at: n.at }));
    view.assessment = client
      ? { scheduleDays: a.scheduleDays, notes }
      : { effortDays: a.effortDays, scheduleDays: a.scheduleDays, cost: a.cost, currency: a.currency, scope: a.scope, notes, assessedBy: person(a.assessedBy, ctx.names), assessedAt: a.assessedAt };
  }
  const d = doc.decision;
  if (d && client) {
    const told = clientDecision(doc, ctx.showCostsToClient);
    if (told) view.decision = { ...told, at: d.at };
  } else if (d) {
    view.decision = { outcome: d.outcome, ...(d.price ? { price: { ...d.price } } : {}), rationale: d.rationale, by: person(d.by, ctx.names), at: d.at };
  }
  if (doc.clientInformedAt) view.clientInformedAt = doc.clientInformedAt;
  if ((doc.clientInformedAt || doc.priceOffer) && doc.clientMessage) view.clientMessage = doc.clientMessage;
  return view;
}

/** The client's message from the decision: client-safe (no rationale, cost or internal note). */
export function draftClientMessage(facts: { issueKey: string; summary: string; requesterName: string; doc: ChangeDocument }): string {
  const { doc } = facts;
  const d = doc.decision;
  const hello = `Hello ${facts.requesterName},`;
  const about = `about your change request ${facts.issueKey} "${facts.summary}":`;
  if (!d) return `${hello}\n\n${about} it is still being assessed. We will tell you as soon as it is decided.`;
  const schedule = doc.assessment && doc.assessment.scheduleDays > 0 ? ` It adds about ${doc.assessment.scheduleDays} working day${doc.assessment.scheduleDays === 1 ? '' : 's'} to the schedule.` : '';
  const clientNotes = (doc.assessment?.notes ?? []).filter((n) => n.visibility === 'client').map((n) => `- ${n.text}`);
  const notes = clientNotes.length ? `\n\nFrom our assessment:\n${clientNotes.join('\n')}` : '';
  let body: string;
  switch (d.outcome) {
    case 'paid':
      body = `we can do it as a paid change${d.price ? ` for ${formatPrice(d.price)}` : ''}.${schedule} Please accept or decline the price in Liaison (Apps > Liaison in Jira, "My change requests") by the deadline shown there.`;
      break;
    case 'unpaid':
      body = `we will do it as part of the project, at no extra cost.${schedule}`;
      break;
    case 'declined':
      body = 'we have decided not to take it on in this project.';
      break;
    case 'withdrawn':
      body = 'it has been withdrawn, so we will not work on it.';
      break;
  }
  return `${hello}\n\n${about} ${body}${notes}\n\nIf you have any questions, write to us in the conversation on this change request in Liaison.`;
}

// ---- the register ----

export interface RegisterEntry {
  issueKey: string;
  summary: string;
  step: ChangeStep;
  base: Requester;
  doc: ChangeDocument;
}

export function registerRow(entry: RegisterEntry, names: Record<string, string>, ackBusinessDays: number, cal: WorkCalendar, today: string): ChangeRegisterRow {
  const { doc, base } = entry;
  const logged = isoDateOf(base.requestedAt);
  const row: ChangeRegisterRow = {
    issueKey: entry.issueKey,
    summary: entry.summary,
    step: entry.step,
    requester: person(base.requestedBy, names),
    requestedAt: base.requestedAt,
    ackOverdue: acknowledgement(base.requestedAt, doc.acknowledgedAt, ackBusinessDays, cal, today).overdue,
  };
  if (doc.assessment) {
    row.effortDays = doc.assessment.effortDays;
    row.scheduleDays = doc.assessment.scheduleDays;
  }
  if (doc.decision) {
    row.outcome = doc.decision.outcome;
    if (doc.decision.price) row.price = { ...doc.decision.price };
    row.daysToDecide = businessDaysBetween(logged, isoDateOf(doc.decision.at), cal);
  }
  if (doc.acknowledgedAt) row.daysToAcknowledge = businessDaysBetween(logged, isoDateOf(doc.acknowledgedAt), cal);
  if (doc.priceOffer) row.priceResponse = { state: priceOfferState(doc.priceOffer, today), deadline: doc.priceOffer.deadline };
  return row;
}

/** Paid value per currency; effort given away (unpaid changes); schedule days added (approved changes). */
export function registerTotals(rows: readonly ChangeRegisterRow[]): ChangeRegister['totals'] {
  const paid = new Map<string, number>();
  let unpaidEffortDays = 0;
  let scheduleDaysAdded = 0;
  for (const row of rows) {
    if (row.outcome === 'paid' && row.price) paid.set(row.price.currency, (paid.get(row.price.currency) ?? 0) + row.price.amount);
    if (row.outcome === 'unpaid') unpaidEffortDays += row.effortDays ?? 0;
    if (isApprovedOutcome(row.outcome)) scheduleDaysAdded += row.scheduleDays ?? 0;
  }
  const paidValue: Price[] = [...paid.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount: round2(amount) }));
  return { count: rows.length, paidValue, unpaidEffortDays: round2(unpaidEffortDays), scheduleDaysAdded: round2(scheduleDaysAdded) };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export const REGISTER_CSV_HEADER = [
  'Issue', 'Summary', 'Step', 'Requester', 'Requested', 'Effort (days)', 'Schedule impact (days)', 'Outcome', 'Price', 'Currency',
  'Business days to acknowledge', 'Business days to decide', 'Acknowledgement overdue', 'Client acceptance of the price',
] as const;

export const PRICE_RESPONSE_LABELS = { awaiting: 'Awaiting client acceptance', accepted: 'Accepted', declined: 'Declined', expired: 'Expired' } as const;

export function registerCsv(rows: readonly ChangeRegisterRow[]): string {
  return toCsv(
    REGISTER_CSV_HEADER,
    rows.map((r) => [
      r.issueKey, r.summary, CHANGE_STEP_INFO[r.step].label, r.requester.displayName, isoDateOf(r.requestedAt), r.effortDays, r.scheduleDays,
      r.outcome ? CHANGE_OUTCOME_LABELS[r.outcome] : '', r.price?.amount, r.price?.currency, r.daysToAcknowledge, r.daysToDecide, r.ackOverdue ? 'yes' : 'no',
      r.priceResponse ? `${PRICE_RESPONSE_LABELS[r.priceResponse.state]}${r.priceResponse.state === 'awaiting' ? ` (by ${r.priceResponse.deadline})` : ''}` : '',
    ]),
  );
}

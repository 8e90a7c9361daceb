/**
 * The words and answer shapes of the change-request feature, dependency-free (types and constant
 * lists only) so the Custom UI bundles share them with the server without pulling in zod.
 * The resolver API in these shapes is a contract with the UI: change it only by adding fields.
 */

/** A change request's steps, in the order the workflow walks them. */
export const CHANGE_STEPS = [
  'logged',
  'acknowledged',
  'assessing',
  'awaiting-approval',
  'approved',
  'declined',
  'withdrawn',
  'client-informed',
] as const;
export type ChangeStep = (typeof CHANGE_STEPS)[number];

/** How a change request ends. Approved = unpaid | paid. */
export const CHANGE_OUTCOMES = ['declined', 'withdrawn', 'unpaid', 'paid'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

/** What an approver may decide (withdrawn is the requester's or a manager's, through `changes.withdraw`). */
export const DECISION_OUTCOMES = ['declined', 'unpaid', 'paid'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const NOTE_VISIBILITIES = ['internal', 'client'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const RAISED_VIA = ['portal', 'jira'] as const;
export type RaisedVia = (typeof RAISED_VIA)[number];

/** Jira status category keys (as Jira's REST API names them). */
export type StatusCategory = 'TODO' | 'IN_PROGRESS' | 'DONE';

/** The issue type provisioning creates. */
export const CHANGE_ISSUE_TYPE_NAME = 'Change request';
/** The workflow provisioning creates (one per project: its name carries the project key). */
export const changeWorkflowName = (projectKey: string): string => `Liaison change request (${projectKey})`;
/** The issue property holding what every viewer of the issue may read. */
export const CHANGE_PROPERTY_KEY = 'liaison-change';

/** The status each step gets when provisioning creates them, and the words the UI uses. */
export const CHANGE_STEP_INFO: Record<ChangeStep, { label: string; statusName: string; category: StatusCategory }> = {
  logged: { label: 'Logged', statusName: 'Logged', category: 'TODO' },
  acknowledged: { label: 'Acknowledged', statusName: 'Acknowledged', category: 'IN_PROGRESS' },
  assessing: { label: 'Assessing', statusName: 'Assessing', category: 'IN_PROGRESS' },
  'awaiting-approval': { label: 'Awaiting approval', statusName: 'Awaiting approval', category: 'IN_PROGRESS' },
  approved: { label: 'Approved', statusName: 'Approved', category: 'DONE' },
  declined: { label: 'Declined', statusName: 'Declined', category: 'DONE' },
  withdrawn: { label: 'Withdrawn', statusName: 'Withdrawn', category: 'DONE' },
  'client-informed': { label: 'Client informed', statusName: 'Client informed', category: 'DONE' },
};

export const CHANGE_OUTCOME_LABELS: Record<ChangeOutcome, string> = {
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  unpaid: 'Approved as an unpaid change',
  paid: 'Approved as a paid change',
};

/** Input bounds the server enforces (the UI may mirror them in its fields). */
export const CHANGE_LIMITS = {
  summary: 255,
  description: 5000,
  scope: 2000,
  noteText: 4000,
  notes: 50,
  rationale: 4000,
  reason: 2000,
  message: 8000,
  currency: 3,
  maxDays: 10_000,
  maxAmount: 1_000_000_000,
  implementationLinks: 20,
  implementationCreates: 10,
  /** One message in a change request's conversation, and how many the record keeps (oldest dropped). */
  conversationMessage: 2000,
  conversationMessages: 100,
  /** The longest a client may be given to answer a price, in days. */
  priceDeadlineDays: 90,
} as const;

export function isApprovedOutcome(outcome: ChangeOutcome | undefined): outcome is 'unpaid' | 'paid' {
  return outcome === 'unpaid' || outcome === 'paid';
}

// ---- answer shapes (resolver -> UI) ----

export interface Person {
  accountId: string;
  displayName: string;
}

export interface Price {
  amount: number;
  currency: string;
}

export interface ChangeNote {
  id: string;
  text: string;
  visibility: NoteVisibility;
  by: Person;
  at: string;
}

export interface ChangeAssessmentView {
  effortDays?: number;
  scheduleDays: number;
  cost?: number;
  currency?: string;
  scope?: string;
  /** A client sees only the notes marked 'client'. */
  notes: ChangeNote[];
  assessedBy?: Person;
  assessedAt?: string;
}

export interface ChangeDecisionView {
  outcome: ChangeOutcome;
  price?: Price;
  /** Internal: absent for a client. */
  rationale?: string;
  by?: Person;
  at: string;
}

export interface ChangeAbilities {
  acknowledge: boolean;
  assess: boolean;
  submitForApproval: boolean;
  decide: boolean;
  withdraw: boolean;
  inform: boolean;
  linkImplementation: boolean;
  /** Accept or decline the quoted price (the client who raised it, before the deadline). */
  respondToPrice: boolean;
  /** Write in the conversation. */
  post: boolean;
}

/** Where the price of a paid change stands with the client who raised it. */
export type PriceResponseState = 'awaiting' | 'accepted' | 'declined' | 'expired';

/** The price sent to the client for a paid change, and their answer. */
export interface PriceOfferView {
  price: Price;
  /** YYYY-MM-DD: the last day the client may accept. */
  deadline: string;
  sentAt: string;
  state: PriceResponseState;
  respondedAt?: string;
  /** Why the client declined (their words). */
  reason?: string;
}

export interface ChangeMessageView {
  at: string;
  by: Person;
  side: 'team' | 'client';
  text: string;
}

/** `changes.get`; a client gets the same shape with the internal parts absent. */
export interface ChangeView {
  issueKey: string;
  summary: string;
  description: string;
  step: ChangeStep;
  statusName: string;
  version: number;
  requestedBy: Person;
  requestedAt: string;
  raisedVia: RaisedVia;
  acknowledgedAt?: string;
  acknowledgedBy?: Person;
  /** YYYY-MM-DD */
  ackDue: string;
  ackOverdue: boolean;
  assessment?: ChangeAssessmentView;
  decision?: ChangeDecisionView;
  clientInformedAt?: string;
  clientMessage?: string;
  /** The price offer of a paid change (shown to the client who raised it, whatever the project's cost setting: it is addressed to them). */
  priceOffer?: PriceOfferView;
  /** The conversation with the client who raised it, oldest first. */
  messages: ChangeMessageView[];
  implementationKeys: string[];
  /** A client gets []. */
  history: { at: string; by: Person; action: string }[];
  can: ChangeAbilities;
  /** Whom the view was shaped for: a client's view has every internal part absent. */
  viewer: 'team' | 'client';
  /** The project's currency (Settings → Reports), for the team's cost and price fields. */
  defaultCurrency?: string;
}

export interface SetupPlanStatus {
  step: ChangeStep;
  name: string;
  category: StatusCategory;
  id?: string;
  exists: boolean;
}

export interface SetupPlan {
  configured: boolean;
  issueType: { name: string; id?: string; exists: boolean };
  statuses: SetupPlanStatus[];
  workflow: { name: string; exists: boolean; bound: boolean };
  mapping?: Record<ChangeStep, string>;
}

export interface ProvisionResult {
  /** Human lines, one per thing created; [] when everything already existed. */
  created: string[];
  plan: SetupPlan;
}

export interface ProjectStatuses {
  issueTypes: { id: string; name: string }[];
  statuses: { id: string; name: string; category: StatusCategory }[];
}

export interface ChangeRegisterRow {
  issueKey: string;
  summary: string;
  step: ChangeStep;
  requester: Person;
  requestedAt: string;
  effortDays?: number;
  scheduleDays?: number;
  outcome?: ChangeOutcome;
  price?: Price;
  /** Business days from logged to acknowledged. */
  daysToAcknowledge?: number;
  /** Business days from logged to decided. */
  daysToDecide?: number;
  ackOverdue: boolean;
  /** A paid change's price with the client: awaiting their acceptance (with the deadline), accepted, declined or expired. */
  priceResponse?: { state: PriceResponseState; deadline: string };
}

export interface ChangeRegister {
  rows: ChangeRegisterRow[];
  totals: { count: number; paidValue: Price[]; unpaidEffortDays: number; scheduleDaysAdded: number };
  truncated: boolean;
}

export interface MyChanges {
  projects: { projectKey: string; projectName: string; changes: ChangeView[] }[];
}

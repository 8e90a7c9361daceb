/**
 * The access policy: which app roles may do what, and what a resolver may show to whom.
 * Resolvers consult it before they read or write (DESIGN.md principle 4); the UI only mirrors it.
 */
import type { AppRole } from './roles';
import { APP_ROLES } from './roles';
import type { CommunicationPlan, ClientContact, EscalationLevel } from '../../settings/domain/settings';

/** Actions of the settings feature, named after what the person does. */
export const POLICY = {
  /** See the project's settings (role mapping, full communication plan). */
  'settings.read': ['manager', 'approver', 'team'],
  /** Change the project's settings. */
  'settings.edit': ['manager'],
  /** See who changed the settings and how. */
  'settings.audit': ['manager'],
  /** See the client-safe part of the communication plan on the Liaison global page. */
  'portal.view': ['manager', 'approver', 'team', 'client'],
  /** See an issue's client ask (a client only their own: the resolver checks the named client). */
  'asks.read': ['manager', 'approver', 'team', 'client'],
  /** Set, edit, accept, re-ask or withdraw a client ask. */
  'asks.manage': ['manager', 'approver', 'team'],
  /** Answer an ask, or say "I need more information" (only the named client: the domain checks). */
  'asks.answer': ['client'],
  /** Write in an ask's conversation (a client only on an ask addressed to them: the resolver checks). */
  'asks.converse': ['manager', 'approver', 'team', 'client'],
  /** The project's Client asks page: every ask, the CSV export and the delay attribution. */
  'asks.overview': ['manager', 'approver', 'team'],
  /** See an issue's red flags (a client only the client-visible ones: the resolver shapes the answer). */
  'flags.read': ['manager', 'approver', 'team', 'client'],
  /** Raise or resolve a red flag. */
  'flags.manage': ['manager', 'approver', 'team'],
  /** Say "I am confused about this" on an item: a client-confused flag for the team. */
  'flags.confused': ['client'],
  /** The project's Red flags page: every flag, the heat map, the weekly chart and the CSV export. */
  'flags.overview': ['manager', 'approver', 'team'],
  /** The dashboard gadget (a client sees only client-visible flags and their own asks). */
  'flags.gadget': ['manager', 'approver', 'team', 'client'],
  /** Make, list and revoke share links to published client reports (for people without Jira). */
  'shares.manage': ['manager', 'approver'],
  /** Generate, preview, save and export stakeholder reports (team: internal audiences only, the resolver checks). */
  'reports.generate': ['manager', 'approver', 'team'],
  /** Publish a report (a client-audience one goes to the client portal). */
  'reports.publish': ['manager', 'approver'],
  /** Read reports and export saved ones (a client only published client-audience reports: the resolver checks). */
  'reports.read': ['manager', 'approver', 'team', 'client'],
  /** See a change request (a client only those they raised, without the internal assessment: the resolver checks and shapes). */
  'changes.read': ['manager', 'approver', 'team', 'client'],
  /** Log a change request (a client their own: requestedBy is always the caller). */
  'changes.raise': ['manager', 'approver', 'team', 'client'],
  /** Acknowledge a logged change request. */
  'changes.acknowledge': ['manager', 'approver', 'team'],
  /** Assess a change request's impact and submit it for approval. */
  'changes.assess': ['manager', 'team'],
  /** Approve (unpaid or paid at a price) or decline a change request. */
  'changes.decide': ['approver'],
  /** Withdraw an open change request (a client only one they raised: the resolver checks). */
  'changes.withdraw': ['manager', 'client'],
  /** Tell the client the decision (draft and send the client message). */
  'changes.inform': ['manager', 'approver'],
  /** Link or create the issues implementing an approved change. */
  'changes.implement': ['manager', 'team'],
  /** Write in a change request's conversation (a client only on one they raised: the resolver checks). */
  'changes.converse': ['manager', 'approver', 'team', 'client'],
  /** Accept or decline the price of a paid change (only the client who raised it: the resolver checks). */
  'changes.respondToPrice': ['client'],
  /** The project's change request register, its totals and the CSV export. */
  'changes.register': ['manager', 'approver', 'team'],
  /** See the project's decisions needed and plan baselines (issue 17). */
  'plan.read': ['manager', 'approver', 'team'],
  /** Add, edit and resolve decisions needed; snapshot the plan (the PM). */
  'plan.manage': ['manager'],
  /** Set up change requests in the project: provision the issue type and workflow, or map the steps onto statuses. */
  'changes.setup': ['manager'],
  /** Preview what the reminders and the managers' digest would send on a date. */
  'reminders.preview': ['manager'],
  /** The PM's home across projects: open asks, change requests awaiting them, new flags, reports due (per project: the team's). */
  'home.work': ['manager', 'approver', 'team'],
} as const satisfies Record<string, readonly AppRole[]>;

export type Action = keyof typeof POLICY;

/**
 * Every resolver key and the policy it enforces: a POLICY action (the caller must hold one of its
 * roles in the project the input names), 'any-project-role', 'signed-in' (the resolver limits its
 * answer to the caller's own data) or 'site-admin' (Jira's ADMINISTER permission).
 * The policy suite (test/integration/policy.test.ts) fails on a registered resolver missing here,
 * and on a definition whose `allow` differs from what its entry says. Add one line per new resolver.
 */
export const RESOLVER_POLICY: Record<string, Action | 'any-project-role' | 'signed-in' | 'site-admin'> = {
  'settings.get': 'settings.read',
  'settings.save': 'settings.edit',
  'settings.audit': 'settings.audit',
  'me.roles': 'signed-in',
  'defaults.get': 'site-admin',
  'defaults.save': 'site-admin',
  'portal.home': 'signed-in',
  'asks.get': 'asks.read',
  'asks.set': 'asks.manage',
  'asks.answer': 'asks.answer',
  'asks.requestInfo': 'asks.answer',
  'asks.accept': 'asks.manage',
  'asks.reAsk': 'asks.manage',
  'asks.withdraw': 'asks.manage',
  'asks.post': 'asks.converse',
  'asks.project': 'asks.overview',
  'asks.mine': 'signed-in',
  'flags.get': 'flags.read',
  'flags.raise': 'flags.manage',
  'flags.resolve': 'flags.manage',
  'flags.setVisibility': 'flags.manage',
  'flags.confused': 'flags.confused',
  'flags.project': 'flags.overview',
  'flags.gadget': 'flags.gadget',
  'flags.gadgetProjects': 'signed-in',
  'flags.dryRun': 'settings.edit',
  'reports.preview': 'reports.generate',
  'reports.saveDraft': 'reports.generate',
  'reports.publish': 'reports.publish',
  'reports.list': 'reports.read',
  'reports.get': 'reports.read',
  'reports.export': 'reports.read',
  'reports.toConfluence': 'reports.generate',
  'reports.notices': 'reports.generate',
  'reports.jobStatus': 'reports.generate',
  'shares.create': 'shares.manage',
  'shares.list': 'shares.manage',
  'shares.revoke': 'shares.manage',
  'changes.get': 'changes.read',
  'changes.acknowledge': 'changes.acknowledge',
  'changes.assess': 'changes.assess',
  'changes.decide': 'changes.decide',
  'changes.withdraw': 'changes.withdraw',
  'changes.draftMessage': 'changes.inform',
  'changes.inform': 'changes.inform',
  'changes.linkImplementation': 'changes.implement',
  'changes.post': 'changes.converse',
  'changes.respondToPrice': 'changes.respondToPrice',
  'changes.raise': 'changes.raise',
  'changes.register': 'changes.register',
  'changes.registerCsv': 'changes.register',
  'changes.mine': 'signed-in',
  'changes.setupPlan': 'changes.setup',
  'changes.provision': 'changes.setup',
  'changes.saveMapping': 'changes.setup',
  'changes.projectStatuses': 'changes.setup',
  'settings.clientAccess': 'settings.read',
  'portal.jiraShows': 'portal.view',
  'reminders.preview': 'reminders.preview',
  'home.work': 'signed-in',
  'plan.decisions': 'plan.read',
  'plan.addDecision': 'plan.manage',
  'plan.updateDecision': 'plan.manage',
  'plan.resolveDecision': 'plan.manage',
  'plan.baselines': 'plan.read',
  'plan.snapshot': 'plan.manage',
};

export function rolesAllowedTo(action: Action): AppRole[] {
  return [...POLICY[action]];
}

export function can(roles: readonly AppRole[], action: Action): boolean {
  const allowed: readonly AppRole[] = POLICY[action];
  return roles.some((role) => allowed.includes(role));
}

/**
 * Who may call a resolver:
 * - a list of app roles: the caller must hold one of them in the project named by the input;
 * - 'any-project-role': any mapped app role in that project;
 * - 'site-admin': Jira's global ADMINISTER permission;
 * - 'signed-in': any signed-in user (the resolver itself limits what it returns to the caller's own data).
 */
export type Allow = readonly AppRole[] | 'any-project-role' | 'site-admin' | 'signed-in';

export function isProjectScoped(allow: Allow): allow is readonly AppRole[] | 'any-project-role' {
  return allow === 'any-project-role' || Array.isArray(allow);
}

export function allowsProjectRoles(allow: readonly AppRole[] | 'any-project-role', roles: readonly AppRole[]): boolean {
  if (allow === 'any-project-role') return roles.some((role) => APP_ROLES.includes(role));
  return roles.some((role) => allow.includes(role));
}

/** What a person outside the team may see of a client contact: who, their role, and how and when to reach them. */
export interface ClientSafeContact {
  name: string;
  role: string;
  channel: ClientContact['channel'];
  workingHours: ClientContact['workingHours'];
  timeZone: string;
}

export interface ClientSafePlan {
  clientContacts: ClientSafeContact[];
  escalationPath: EscalationLevel[];
}

/**
 * The part of a communication plan that every project member, clients included, may see.
 * Built field by field (never by copying and deleting) so a field added to the plan later
 * stays internal until it is added here on purpose.
 */
export function clientSafePlan(plan: CommunicationPlan): ClientSafePlan {
  return {
    clientContacts: plan.clientContacts.map((contact) => ({
      name: contact.person.name,
      role: contact.role,
      channel: contact.channel,
      workingHours: { start: contact.workingHours.start, end: contact.workingHours.end },
      timeZone: contact.timeZone,
    })),
    escalationPath: plan.escalationPath.map((level) => ({ who: level.who, contact: level.contact, when: level.when })),
  };
}

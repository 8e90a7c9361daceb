/**
 * Change requests in the demo's SHOP project, set up the way Liaison's provisioning sets them up:
 * the `Change request` issue type, a global status per step, the workflow "Liaison change request
 * (SHOP)" with Liaison's validator and post function on every transition, bound to the type in
 * SHOP. Liaison recognises this set-up without a stored mapping (so the demo's settings stay
 * unsaved), and provisioning SHOP again creates nothing.
 *
 * Three change requests in different steps, each with the `liaison-change` property Liaison
 * writes: one logged six working days ago and not acknowledged (overdue whatever today is), one
 * acknowledged and waiting for its assessment, one approved as a paid change and told to the client.
 * They are created among the project's other issues at their own times, so Jira's numbering (keys
 * follow creation) puts each where it belongs.
 */
import { CHANGE_TRANSITIONS, POST_FUNCTION_MODULE_KEY, VALIDATOR_MODULE_KEY } from '../../src/domain/changeRequestSetup';
import { CHANGE_ISSUE_TYPE_NAME, CHANGE_PROPERTY_KEY, CHANGE_STEP_INFO, CHANGE_STEPS, changeWorkflowName, type ChangeStep } from '../../src/domain/changeVocabulary';
import type { ChangeProperty } from '../../src/domain/changeRequest';
import type { SiteData, StatusDef, WorkflowDef } from '../jira/model';
import { jiraDateTime } from '../jira/rest/format';
import { doc, paragraph } from './adf';
import { at, HOUR_MS, isWorkday } from './calendar';
import { newDraft, type IssueDraft } from './issueBuilder';
import { DEMO_USERS } from './people';

export const CHANGE_REQUEST_TYPE_ID = '10100';
/** Status ids 10100.. in step order. */
export const CHANGE_STATUS_IDS: Readonly<Record<ChangeStep, string>> = Object.fromEntries(CHANGE_STEPS.map((step, i) => [step, String(10100 + i)])) as Record<ChangeStep, string>;
export const CHANGE_WORKFLOW_ID = '7d0c6b2e-1f4a-4c8e-9b3d-5a6e7f8091c2';

const CATEGORY = { TODO: 'new', IN_PROGRESS: 'indeterminate', DONE: 'done' } as const;

/** The working day `n` working days before `day`. */
function workdaysBefore(day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0; ) {
    d -= 1;
    if (isWorkday(d)) left -= 1;
  }
  while (!isWorkday(d)) d -= 1;
  return d;
}

interface Seed {
  summary: string;
  detail: string;
  requester: keyof typeof DEMO_USERS;
  /** Working days before today it was logged (at 10:15). */
  loggedDaysAgo: number;
  step: ChangeStep;
  property: (loggedMs: number) => Omit<ChangeProperty, 'schema' | 'step' | 'requestedBy' | 'requestedAt' | 'raisedVia' | 'implementationKeys'>;
}

const SEEDS: Seed[] = [
  {
    summary: 'Let shoppers add gift wrapping and a message at checkout',
    detail: 'For the Christmas campaign we would like customers to choose gift wrapping (with a small fee) and type a gift message that is printed on the packing slip.',
    requester: 'clientMarketing',
    loggedDaysAgo: 6,
    step: 'logged',
    property: () => ({}),
  },
  {
    summary: 'Export the day\'s orders to our ERP every night',
    detail: 'Our finance team needs every order of the day in the ERP by 6am: a CSV drop on our SFTP server would do.',
    requester: 'clientPo',
    loggedDaysAgo: 4,
    step: 'acknowledged',
    property: (loggedMs) => ({ acknowledgedAt: new Date(loggedMs + 2 * HOUR_MS).toISOString(), acknowledgedBy: DEMO_USERS.pm }),
  },
  {
    summary: 'Show stock levels per store on the product page',
    detail: 'Customers keep calling the stores to ask whether an item is in stock. Show "in stock at <store>" for the three flagship stores.',
    requester: 'clientPo',
    loggedDaysAgo: 12,
    step: 'client-informed',
    property: (loggedMs) => ({
      acknowledgedAt: new Date(loggedMs + HOUR_MS).toISOString(),
      acknowledgedBy: DEMO_USERS.pm,
      scheduleDays: 4,
      decision: { outcome: 'paid', price: { amount: 4800, currency: 'EUR' }, by: DEMO_USERS.approver, at: new Date(loggedMs + 5 * HOUR_MS).toISOString() },
      clientInformedAt: new Date(loggedMs + 6 * HOUR_MS).toISOString(),
    }),
  },
];

export interface PlannedChangeRequests {
  /** Created with the project's other issues (one materializeIssues call numbers them all by time). */
  drafts: IssueDraft[];
  /** After they exist: their `liaison-change` property and their way through the workflow. */
  settle(): void;
}

/**
 * Adds the provisioned set-up to SHOP and plans its change requests (call before the issues are
 * materialised, then `settle()` after).
 */
export function planChangeRequests(site: SiteData, projectKey: string, todayDay: number): PlannedChangeRequests {
  const project = site.projects.find((p) => p.key === projectKey);
  if (!project) throw new Error(`No project ${projectKey} for the demo change requests`);
  site.issueTypes.push({ id: CHANGE_REQUEST_TYPE_ID, name: CHANGE_ISSUE_TYPE_NAME, description: 'A client requirement that changes the agreed scope (Liaison).', subtask: false, hierarchyLevel: 0 });
  project.issueTypeIds.push(CHANGE_REQUEST_TYPE_ID);
  for (const step of CHANGE_STEPS) {
    const info = CHANGE_STEP_INFO[step];
    const status: StatusDef = { id: CHANGE_STATUS_IDS[step], name: info.statusName, description: `Liaison change request step: ${info.label}`, statusCategory: CATEGORY[info.category] };
    site.statuses.push(status);
  }
  const workflow: WorkflowDef = {
    id: CHANGE_WORKFLOW_ID,
    name: changeWorkflowName(projectKey),
    description: `Liaison change requests of project ${projectKey}.`,
    statusIds: CHANGE_STEPS.map((step) => CHANGE_STATUS_IDS[step]),
    initialStatusId: CHANGE_STATUS_IDS.logged,
    transitions: CHANGE_TRANSITIONS.map((t, i) => ({
      id: String(11 + i * 10),
      name: t.name,
      from: t.from.map((step) => CHANGE_STATUS_IDS[step]),
      to: CHANGE_STATUS_IDS[t.to],
      validators: [VALIDATOR_MODULE_KEY],
      postFunctions: [POST_FUNCTION_MODULE_KEY],
    })),
  };
  site.workflows.push(workflow);
  project.workflowByIssueType[CHANGE_REQUEST_TYPE_ID] = workflow.id;

  const drafts = SEEDS.map((seed) => {
    const loggedMs = at(workdaysBefore(todayDay, seed.loggedDaysAgo), 10, 15);
    return { seed, loggedMs, draft: newDraft({ projectKey, issueTypeId: CHANGE_REQUEST_TYPE_ID, summary: seed.summary, description: doc(paragraph(seed.detail)), reporter: DEMO_USERS[seed.requester], created: loggedMs }) };
  });
  return { drafts: drafts.map((d) => d.draft), settle: () => settleChangeRequests(site, drafts) };
}

function settleChangeRequests(site: SiteData, drafts: { seed: Seed; loggedMs: number; draft: IssueDraft }[]): void {
  const names = new Map(site.statuses.map((s) => [s.id, s.name]));
  for (const { seed, loggedMs, draft } of drafts) {
    const issue = draft.issue!;
    const property: ChangeProperty = {
      schema: 1, step: seed.step, requestedBy: DEMO_USERS[seed.requester], requestedAt: new Date(loggedMs).toISOString(), raisedVia: 'portal', implementationKeys: [],
      ...seed.property(loggedMs),
    };
    issue.properties[CHANGE_PROPERTY_KEY] = property;
    if (seed.step === 'logged') continue;
    // The path through the workflow to the seeded step, one changelog entry per transition.
    const path: ChangeStep[] = seed.step === 'acknowledged' ? ['acknowledged'] : ['acknowledged', 'assessing', 'awaiting-approval', 'approved', 'client-informed'];
    const when: Record<string, string | undefined> = { acknowledged: property.acknowledgedAt, approved: property.decision?.at, 'client-informed': property.clientInformedAt };
    let from = issue.statusId;
    let lastMs = loggedMs;
    for (const step of path) {
      const stamp = when[step] ? Date.parse(when[step]!) : lastMs + HOUR_MS;
      lastMs = stamp;
      const to = CHANGE_STATUS_IDS[step];
      const by = step === 'approved' ? DEMO_USERS.approver : step === 'assessing' || step === 'awaiting-approval' ? DEMO_USERS.dev2 : DEMO_USERS.pm;
      issue.changelog.push({
        id: String(++site.counters.changelog),
        author: by,
        created: jiraDateTime(new Date(stamp)),
        items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from, fromString: names.get(from) ?? null, to, toString: names.get(to) ?? null }],
      });
      from = to;
    }
    issue.statusId = from;
    issue.updated = jiraDateTime(new Date(lastMs));
    if (seed.step === 'client-informed') issue.resolutiondate = jiraDateTime(new Date(lastMs));
  }
}

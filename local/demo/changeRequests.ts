/**
 * Change requests in the demo's SHOP project, set up the way Liaison's provisioning sets them up:
 * the `Change request` issue type, a global status per step, the workflow "Liaison change request
 * (SHOP)" with Liaison's validator and post function on every transition, bound to the type in
 * SHOP. Liaison recognises this set-up without a stored mapping (so the demo's settings stay
 * unsaved), and provisioning SHOP again creates nothing.
 *
 * Three change requests in different steps: one logged six working days ago and not acknowledged
 * (overdue whatever today is), one acknowledged and waiting for its assessment, one assessed,
 * approved as a paid change and told to the client. Each is played through Liaison's own step
 * functions (acknowledgeChange, assessChange, decideChange, informClient), so what the demo holds is
 * what the app would have written: the `change` records (who raised it, the steps, the decision)
 * and their audit entries — through `demoChangeStorage`, which the local host seeds into its KVS —
 * and in Jira the record's projection in the `liaison-change` property, the transitions in the
 * changelog and the client's comment.
 * They are created among the project's other issues at their own times, so Jira's numbering (keys
 * follow creation) puts each where it belongs.
 */
import { CHANGE_TRANSITIONS, POST_FUNCTION_MODULE_KEY, VALIDATOR_MODULE_KEY } from '../../src/changes/domain/changeRequestSetup';
import { CHANGE_ISSUE_TYPE_NAME, CHANGE_PROPERTY_KEY, CHANGE_STEP_INFO, CHANGE_STEPS, changeWorkflowName, type ChangeStep } from '../../src/changes/domain/changeVocabulary';
import { changeProjection, emptyDocument, type ChangeDocument, type ChangeProperty } from '../../src/changes/domain/changeRequest';
import { acknowledgeChange, assessChange, decideChange, informClient, respondToPrice, type AssessInput, type ChangeStepResult, type DecideInput } from '../../src/changes/domain/changeSteps';
import { draftClientMessage } from '../../src/changes/domain/changeRequestView';
import { isoDateOf, shiftDate } from '../../src/platform/domain/businessDays';
import { buildAuditEntry, type AuditEntry } from '../../src/platform/domain/audit';
import { textToAdf } from '../../src/platform/domain/plainTextAdf';
import { CHANGE_ENTITY, decisionAuditKey, type ChangeRecord } from '../../src/changes/store/changeKeys';
import { AUDIT_ENTITY } from '../../src/platform/store/entities';
import type { AdfDoc, SandboxIssue, SiteData, StatusDef, WorkflowDef } from '../jira/model';
import { jiraDateTime } from '../jira/rest/format';
import { doc, paragraph } from './adf';
import { at, HOUR_MS, isWorkday } from './calendar';
import { newDraft, type IssueDraft } from './issueBuilder';
import { DEMO_PEOPLE, DEMO_USERS, type Persona } from './people';

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

/** One step a person took in Liaison's Change request panel, hours after the request was logged. */
type Act =
  | { hoursAfter: number; by: Persona; act: 'acknowledge' }
  | { hoursAfter: number; by: Persona; act: 'assess'; input: AssessInput }
  | { hoursAfter: number; by: Persona; act: 'decide'; input: DecideInput }
  | { hoursAfter: number; by: Persona; act: 'inform' }
  | { hoursAfter: number; by: Persona; act: 'accept-price' };

interface Seed {
  summary: string;
  detail: string;
  requester: Persona;
  /** Working days before today it was logged (at 10:15). */
  loggedDaysAgo: number;
  acts: Act[];
}

const SEEDS: Seed[] = [
  {
    summary: 'Let shoppers add gift wrapping and a message at checkout',
    detail: 'For the Christmas campaign we would like customers to choose gift wrapping (with a small fee) and type a gift message that is printed on the packing slip.',
    requester: 'clientMarketing',
    loggedDaysAgo: 6,
    acts: [],
  },
  {
    summary: 'Export the day\'s orders to our ERP every night',
    detail: 'Our finance team needs every order of the day in the ERP by 6am: a CSV drop on our SFTP server would do.',
    requester: 'clientPo',
    loggedDaysAgo: 4,
    acts: [{ hoursAfter: 2, by: 'pm', act: 'acknowledge' }],
  },
  {
    summary: 'Show stock levels per store on the product page',
    detail: 'Customers keep calling the stores to ask whether an item is in stock. Show "in stock at <store>" for the three flagship stores.',
    requester: 'clientPo',
    loggedDaysAgo: 12,
    acts: [
      { hoursAfter: 1, by: 'pm', act: 'acknowledge' },
      {
        hoursAfter: 3,
        by: 'dev2',
        act: 'assess',
        input: {
          effortDays: 6, scheduleDays: 4, cost: 3600, currency: 'EUR', scope: 'Product page, stock API integration, store data import', submit: true,
          notes: [
            { text: 'The stores\' stock API answers in about 2 s: we cache per store for 5 minutes.', visibility: 'internal' },
            { text: 'Stock is shown for the three flagship stores and refreshed every few minutes.', visibility: 'client' },
          ],
        },
      },
      { hoursAfter: 5, by: 'approver', act: 'decide', input: { outcome: 'paid', price: { amount: 4800, currency: 'EUR' }, rationale: 'Outside the agreed catalogue scope; priced at our day rate with a small margin for the API risk.' } },
      { hoursAfter: 6, by: 'pm', act: 'inform' },
      { hoursAfter: 8, by: 'clientPo', act: 'accept-price' },
    ],
  },
];

interface PlayedStep {
  at: string;
  by: string;
  /** The step the issue moved to, if it moved. */
  to?: ChangeStep;
  audit: { key: string; entry: AuditEntry };
}

interface Played {
  step: ChangeStep;
  doc: ChangeDocument;
  /** Writes of the record so far (the stored version: raising it wrote the first). */
  version: number;
  steps: PlayedStep[];
  /** The record's projection (the demo's settings do not show costs to clients), and the version before's. */
  property: ChangeProperty;
  propertyBefore?: ChangeProperty;
}

/** The demo project's settings are unsaved: its client reports and properties show no prices. */
const DEMO_SHOWS_COSTS = { showCostsToClient: false };

/** The seed's steps played through Liaison's own step functions, as the panel's resolvers play them. */
function play(seed: Seed, loggedMs: number, issue: { id: string; key: string; summary: string }, projectKey: string): Played {
  const base = { requestedBy: DEMO_USERS[seed.requester], requestedAt: new Date(loggedMs).toISOString(), raisedVia: 'portal' as const };
  let step: ChangeStep = 'logged';
  let doc: ChangeDocument = { ...emptyDocument(), ...base, step };
  let propertyBefore: ChangeProperty | undefined;
  const steps: PlayedStep[] = [];
  seed.acts.forEach((a, i) => {
    const atIso = new Date(loggedMs + a.hoursAfter * HOUR_MS).toISOString();
    const by = DEMO_USERS[a.by];
    let result: ChangeStepResult;
    let audit: { action: string; summary: string; key?: string };
    switch (a.act) {
      case 'acknowledge':
        result = acknowledgeChange(step, doc, by, atIso);
        audit = { action: 'change.acknowledged', summary: `${issue.key} acknowledged` };
        break;
      case 'assess': {
        let note = 0;
        result = assessChange(step, doc, a.input, by, atIso, () => `${issue.id}-note-${++note}`);
        const x = result.doc.assessment!;
        audit = { action: 'change.assessed', summary: `${issue.key} ${result.action}: effort ${x.effortDays} days, schedule +${x.scheduleDays} days, cost ${x.currency} ${x.cost}` };
        break;
      }
      case 'decide':
        result = decideChange(step, doc, a.input, by, atIso);
        audit = { action: 'change.decided', summary: `${issue.key} ${result.action}. Rationale: ${a.input.rationale}`, key: decisionAuditKey(projectKey, issue.id, atIso) };
        break;
      case 'inform': {
        const message = draftClientMessage({ issueKey: issue.key, summary: issue.summary, requesterName: DEMO_PEOPLE[seed.requester].displayName, doc });
        // A paid change's price goes to the client with a week to answer.
        result = informClient(step, doc, message, by, atIso, shiftDate(isoDateOf(atIso), 7));
        audit = result.to
          ? { action: 'change.client-informed', summary: `${issue.key}: the client was told the decision (${result.action})` }
          : { action: 'change.price-offered', summary: `${issue.key}: ${result.action}` };
        break;
      }
      case 'accept-price':
        result = respondToPrice(step, doc, { response: 'accept' }, base.requestedBy, by, atIso);
        audit = { action: 'change.price-accepted', summary: `${issue.key}: ${result.action}` };
        break;
    }
    propertyBefore = changeProjection(step, doc, DEMO_SHOWS_COSTS);
    doc = { ...result.doc, step: result.to ?? step };
    const entry = buildAuditEntry({ projectKey, at: new Date(atIso), actor: by, action: audit.action, target: `issue:${issue.key}`, changes: [{ path: audit.key ? 'changeRequest.decision' : 'changeRequest', summary: audit.summary }] });
    steps.push({ at: atIso, by, ...(result.to && result.to !== step ? { to: result.to } : {}), audit: { key: audit.key ?? `${projectKey}:${atIso}:demo-${issue.id}-${i + 1}`, entry } });
    if (result.to) step = result.to;
  });
  return { step, doc, version: seed.acts.length + 1, steps, property: changeProjection(step, doc, DEMO_SHOWS_COSTS), ...(propertyBefore ? { propertyBefore } : {}) };
}

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
  return { drafts: drafts.map((d) => d.draft), settle: () => settleChangeRequests(site, projectKey, drafts) };
}

function settleChangeRequests(site: SiteData, projectKey: string, drafts: { seed: Seed; loggedMs: number; draft: IssueDraft }[]): void {
  const names = new Map(site.statuses.map((s) => [s.id, s.name]));
  for (const { seed, loggedMs, draft } of drafts) {
    const issue = draft.issue!;
    const played = play(seed, loggedMs, issue, projectKey);
    issue.properties[CHANGE_PROPERTY_KEY] = played.property;
    // Each step that moved the issue, one changelog entry per transition, by whoever took it.
    let lastMs = loggedMs;
    for (const s of played.steps) {
      lastMs = Date.parse(s.at);
      if (!s.to) continue;
      const from = issue.statusId;
      const to = CHANGE_STATUS_IDS[s.to];
      issue.changelog.push({
        id: String(++site.counters.changelog),
        author: s.by,
        created: jiraDateTime(new Date(lastMs)),
        items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from, fromString: names.get(from) ?? null, to, toString: names.get(to) ?? null }],
      });
      issue.statusId = to;
    }
    // Telling the client posts the message as a comment they can read (changes.inform).
    if (played.doc.clientMessage && played.doc.clientInformedAt) {
      const created = jiraDateTime(new Date(played.doc.clientInformedAt));
      issue.comments.push({ id: String(++site.counters.comment), author: played.doc.clientInformedBy ?? DEMO_USERS.pm, body: textToAdf(played.doc.clientMessage) as AdfDoc, created, updated: created });
    }
    if (played.steps.length) issue.updated = jiraDateTime(new Date(lastMs));
    if (CHANGE_STEP_INFO[played.step].category === 'DONE') issue.resolutiondate = jiraDateTime(new Date(lastMs));
  }
}

/** A record the local host puts in its KVS for the demo (what the app wrote when the steps were taken). */
export interface DemoStorageRecord {
  entityName: string;
  key: string;
  value: unknown;
}

/**
 * The `change` records (and their audit entries) of the demo's seeded change requests found in
 * `site`, for those still exactly as seeded (their property untouched): the part of the demo Jira
 * does not hold. The local host writes each unless its key is already stored.
 */
export function demoChangeStorage(site: SiteData, projectKey: string = 'SHOP'): DemoStorageRecord[] {
  const records: DemoStorageRecord[] = [];
  const projectId = site.projects.find((p) => p.key === projectKey)?.id;
  for (const seed of SEEDS) {
    const issue = site.issues.find((i: SandboxIssue) => i.projectId === projectId && i.issueTypeId === CHANGE_REQUEST_TYPE_ID && i.summary === seed.summary);
    const property = issue?.properties[CHANGE_PROPERTY_KEY] as ChangeProperty | undefined;
    if (!issue || !property) continue;
    // Raised when the issue was created (the demo logs each at its issue's creation).
    const played = play(seed, Date.parse(issue.created), issue, projectKey);
    if (JSON.stringify(played.property) !== JSON.stringify(property)) continue;
    const updatedAt = played.steps[played.steps.length - 1]?.at ?? new Date(Date.parse(issue.created)).toISOString();
    const record: ChangeRecord = {
      projectKey, issueKey: issue.key, version: played.version, updatedAt, document: played.doc, projected: played.property,
      ...(played.propertyBefore ? { projectedBefore: played.propertyBefore } : {}),
    };
    records.push({ entityName: CHANGE_ENTITY, key: issue.id, value: record });
    for (const s of played.steps) records.push({ entityName: AUDIT_ENTITY, key: s.audit.key, value: s.audit.entry });
  }
  return records;
}

/**
 * Writes `demoChangeStorage(site)` into the local KVS, leaving any key already stored as it is (so a
 * kept data folder keeps what people did since). Answers how many records were written.
 */
export function seedDemoStorage(
  kvs: { handle(path: string, body: unknown): { status: number } },
  site: SiteData,
  entities: readonly { name: string }[],
): number {
  // Another app's manifest (the host's own test fixtures) has no place for Liaison's records.
  const declared = new Set(entities.map((e) => e.name));
  if (!declared.has(CHANGE_ENTITY) || !declared.has(AUDIT_ENTITY)) return 0;
  let written = 0;
  for (const r of demoChangeStorage(site)) {
    const answer = kvs.handle('/api/v1/entity/set', { entityName: r.entityName, key: r.key, value: r.value, options: { keyPolicy: 'FAIL_IF_EXISTS' } });
    if (answer.status === 204) written += 1;
    else if (answer.status !== 409) throw new Error(`The local KVS refused the demo's ${r.entityName} record ${r.key} (${answer.status})`);
  }
  return written;
}

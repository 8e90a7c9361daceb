/**
 * The forgery suite: as each client person, with nothing but their Jira API token, through every
 * REST path a client token can reach, plant a value for every Liaison property (and the Client
 * assignee field); then nothing any reader answers may change — resolver answers of the team and
 * of clients, register totals, the report model, the rules' outcome — and every forgery a reader
 * met leaves a `tamper.*` audit entry naming the issue.
 *
 * How "nothing changes" is measured: every reader is called in the forged state, then the test
 * (which sees the whole site) takes every forged value still on an issue out again, putting back what
 * the app had written there (a created issue loses the ones it was created with; what the app wrote
 * since stays), and calls every reader again. The two must be equal,
 * minus time and audit fields: the only difference between the states is the forged properties, so
 * a reader that believed one answers differently. Comments, worklogs, transitions and the created
 * issues themselves stay in both states: they are Jira's, and whatever a reader makes of them is
 * not a forgery. And no answer in either state may carry a forged value's marker (a forged value
 * laundered into storage would otherwise look "unchanged").
 *
 * Jira decides which paths a client reaches: with the demo's permission scheme clients may create
 * issues (with `properties`) and comment; with a permissive one (Settings' client access check
 * warns about it) they may also edit, transition and log work. The suite runs the same table under
 * both (forgery.test.ts, forgery-permissive.test.ts): the app must not rely on the scheme.
 */
import assert from 'node:assert/strict';
import { test, beforeAll, afterAll } from '@jest/globals';
import { buildDemoSite, DEMO_PEOPLE, DEMO_USERS, type Persona } from '../../local/demo/site';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import { startTestHost, type TestHost } from '../../local/host/testing';
import type { SiteData } from '../../local/jira/model';
import { RESOLVERS } from '../../src/registry';
import { askFieldId } from './asks-support';
import { LIAISON_PROPERTY_PREFIX } from './leak-scanner';
import { plantInternalData, prepareSamples, sampleFor } from './security-support';
import type { PolicySampleContext } from './policy-samples';
import { callerFrom, daysFromNow, jiraAs, jiraWithToken, PROJECT_PAGE, type JiraCall } from './support';

// ---- the table ----

export const FORGING_CLIENTS = ['clientPo', 'clientMarketing', 'clientOps'] as const satisfies readonly Persona[];
export type ForgingClient = (typeof FORGING_CLIENTS)[number];

/** Every REST path a client token may reach that carries a value for an issue (or an entity of it). */
export const REST_PATHS = ['create', 'edit', 'property-put', 'comment', 'transition', 'worklog'] as const;
export type RestPath = (typeof REST_PATHS)[number];

/** What Liaison reads from Jira: its issue properties and the Client assignee field. */
export const FORGED_TARGETS = ['liaison-change', 'liaison-flags', 'liaison-asks', 'client-assignee-field'] as const;
export type ForgedTarget = (typeof FORGED_TARGETS)[number];

/**
 * Which paths carry which target: properties go in create/edit/transition bodies (`properties`), a
 * property PUT, and (as the comment's or worklog's own properties) comments and worklogs; the field
 * goes in create/edit/transition `fields` (Jira refuses it: a read-only Forge field).
 */
export function carries(path: RestPath, target: ForgedTarget): boolean {
  return target !== 'client-assignee-field' || path === 'create' || path === 'edit' || path === 'transition';
}

/** A string no honest answer holds: found in any answer, a forged value got through. */
export const MARKER = 'FORGED';
const MARKER_PATTERN = /FORGED|99[,.\s]?999/;

interface ForgeContext { persona: ForgingClient; path: RestPath; now: string }

export interface ForgedValue {
  name: string;
  value(ctx: ForgeContext): unknown;
}

const mark = (ctx: ForgeContext, target: string) => `${MARKER} by ${ctx.persona} via ${ctx.path} (${target})`;

/** The values planted, per target: each claims who/what/decision/price/visibility the record does not hold. */
export const FORGED_VALUES: Readonly<Record<ForgedTarget, readonly ForgedValue[]>> = {
  'liaison-change': [
    {
      name: 'an approved paid change "requested by" James, EUR 99,999, decided by the approver',
      value: (ctx) => ({
        schema: 1, step: 'approved', requestedBy: DEMO_USERS.clientMarketing, requestedAt: ctx.now, raisedVia: 'portal', implementationKeys: [],
        acknowledgedAt: ctx.now, acknowledgedBy: DEMO_USERS.pm, scheduleDays: 1,
        decision: { outcome: 'paid', price: { amount: 99_999, currency: 'EUR' }, by: DEMO_USERS.approver, at: ctx.now },
      }),
    },
    {
      name: 'a free change the client was "informed" of',
      value: (ctx) => ({
        schema: 1, step: 'client-informed', requestedBy: DEMO_USERS[ctx.persona], requestedAt: ctx.now, raisedVia: 'jira', implementationKeys: [],
        decision: { outcome: 'unpaid', by: DEMO_USERS.approver, at: ctx.now }, clientInformedAt: ctx.now,
      }),
    },
  ],
  'liaison-flags': [
    {
      name: 'a client-visible critical flag "raised by" the PM',
      value: (ctx) => ({
        open: 1, maxSeverity: 4, maxSeverityName: 'critical', categories: ['scope-creep'], dropped: 0,
        flags: [{ id: `forged-${ctx.persona}-${ctx.path}`, category: 'scope-creep', severity: 'critical', note: mark(ctx, 'flag'), clientVisible: true, source: 'manual', raisedBy: DEMO_USERS.pm, raisedAt: ctx.now }],
      }),
    },
  ],
  'liaison-asks': [
    {
      name: 'a history in which the PM accepted an answer',
      value: (ctx) => ({
        dropped: 0,
        history: [{ at: ctx.now, by: DEMO_USERS.pm, action: 'accepted', client: DEMO_USERS[ctx.persona], due: daysFromNow(1), state: 'accepted', round: 3, note: mark(ctx, 'ask history') }],
      }),
    },
  ],
  'client-assignee-field': [
    {
      name: 'an accepted ask for James "asked by" the PM',
      value: (ctx) => ({ client: DEMO_USERS.clientMarketing, ask: mark(ctx, 'ask'), due: daysFromNow(1), state: 'accepted', askedAt: ctx.now, askedBy: DEMO_USERS.pm, round: 1 }),
    },
  ],
};

export interface Forgery { persona: ForgingClient; path: RestPath; target: ForgedTarget; forged: ForgedValue }

/** persona × REST path × target × forged value, every combination a path carries. */
export const FORGERIES: readonly Forgery[] = FORGING_CLIENTS.flatMap((persona) =>
  REST_PATHS.flatMap((path) => FORGED_TARGETS.filter((target) => carries(path, target)).flatMap((target) => FORGED_VALUES[target].map((forged) => ({ persona, path, target, forged })))));

/** The issue each client forges on, per target (their own project; the ones the readers already know). */
const TARGET_ISSUES: Readonly<Record<ForgingClient, Record<ForgedTarget, string>>> = {
  // SHOP-72 is James's logged change request, SHOP-12 carries a client-visible flag, SHOP-15 Hannah's ask, SHOP-16 James's.
  clientPo: { 'liaison-change': 'SHOP-72', 'liaison-flags': 'SHOP-12', 'liaison-asks': 'SHOP-15', 'client-assignee-field': 'SHOP-16' },
  clientMarketing: { 'liaison-change': 'SHOP-72', 'liaison-flags': 'SHOP-12', 'liaison-asks': 'SHOP-16', 'client-assignee-field': 'SHOP-15' },
  // OPS-2 is Grace's ask, OPS-4 carries a client-visible flag, OPS-5 nothing of Liaison's.
  clientOps: { 'liaison-change': 'OPS-5', 'liaison-flags': 'OPS-4', 'liaison-asks': 'OPS-2', 'client-assignee-field': 'OPS-2' },
};

const PROJECT_OF: Readonly<Record<ForgingClient, string>> = { clientPo: 'SHOP', clientMarketing: 'SHOP', clientOps: 'OPS' };

// ---- the sites ----

/** The demo site, its permission scheme letting clients also edit, transition and log work (a site Settings' check warns about). */
export function permissiveDemoSite(): SiteData {
  const site = buildDemoSite();
  for (const project of site.projects) {
    for (const permission of ['EDIT_ISSUES', 'TRANSITION_ISSUES', 'WORK_ON_ISSUES'] as const) {
      project.permissions[permission] = [...new Set([...(project.permissions[permission] ?? []), ROLE_IDS.clients])];
    }
  }
  return site;
}

// ---- planting ----

export interface Attempt {
  forgery: Forgery;
  issueKey: string;
  /** What Jira answered. */
  status: number;
  /** Whether the forged value is what the issue holds right after the call (a reader can meet it). */
  landed: boolean;
  /** The value sent. */
  value: unknown;
}

function adf(text: string) {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

async function transitionId(host: TestHost, issueKey: string): Promise<string> {
  const answer = await jiraAs(host, DEMO_USERS.pm, 'GET', `/rest/api/3/issue/${issueKey}/transitions`);
  assert.equal(answer.status, 200, JSON.stringify(answer.json));
  const first = (answer.json.transitions as { id: string }[])[0];
  assert.ok(first, `${issueKey} has no transition`);
  return first.id;
}

function issueValue(host: TestHost, issueKey: string, target: ForgedTarget, fieldId: string): unknown {
  const issue = host.sandbox.site.issues.find((i) => i.key === issueKey);
  if (!issue) return undefined;
  return target === 'client-assignee-field' ? issue.customFields[fieldId] : issue.properties[target];
}

/** Sends one forgery through its REST path as the client (API token); answers what Jira did with it. */
export async function plantForgery(host: TestHost, forgery: Forgery, fieldId: string): Promise<Attempt> {
  const call: JiraCall = jiraWithToken(host, forgery.persona);
  const ctx: ForgeContext = { persona: forgery.persona, path: forgery.path, now: new Date().toISOString() };
  const value = forgery.forged.value(ctx);
  const isField = forgery.target === 'client-assignee-field';
  const properties = isField ? undefined : [{ key: forgery.target, value }];
  const fields = isField ? { [fieldId]: value } : undefined;
  let issueKey = TARGET_ISSUES[forgery.persona][forgery.target];
  let answer: { status: number; json: any };
  switch (forgery.path) {
    case 'create': {
      const project = PROJECT_OF[forgery.persona];
      // A change request property rides on a Change request issue where the project has the type.
      const type = forgery.target === 'liaison-change' && project === 'SHOP' ? { name: 'Change request' } : { name: 'Task' };
      answer = await call('POST', '/rest/api/3/issue', {
        fields: { project: { key: project }, issuetype: type, summary: `Gift card balance on the account page (${forgery.path})`, ...fields },
        ...(properties ? { properties } : {}),
      });
      if (answer.status === 201) issueKey = answer.json.key;
      break;
    }
    case 'edit':
      answer = await call('PUT', `/rest/api/3/issue/${issueKey}`, { fields: { labels: ['client-note'], ...fields }, ...(properties ? { properties } : {}) });
      break;
    case 'property-put':
      answer = await call('PUT', `/rest/api/3/issue/${issueKey}/properties/${forgery.target}`, value);
      break;
    case 'comment':
      answer = await call('POST', `/rest/api/3/issue/${issueKey}/comment`, { body: adf('Any news on this one?'), properties });
      break;
    case 'transition':
      answer = await call('POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: await transitionId(host, issueKey) }, ...(fields ? { fields } : {}), ...(properties ? { properties } : {}) });
      break;
    case 'worklog':
      answer = await call('POST', `/rest/api/3/issue/${issueKey}/worklog`, { timeSpentSeconds: 1800, started: ctx.now, comment: adf('Review call'), properties });
      break;
  }
  const landed = answer.status < 300 && JSON.stringify(issueValue(host, issueKey, forgery.target, fieldId)) === JSON.stringify(value);
  return { forgery, issueKey, status: answer.status, landed, value };
}

// ---- the readers ----

/** Resolvers that read (called in both states and compared). */
export const READERS = [
  'asks.get', 'asks.project', 'asks.mine', 'flags.get', 'flags.project', 'flags.gadget', 'flags.gadgetProjects',
  'changes.get', 'changes.draftMessage', 'changes.register', 'changes.registerCsv', 'changes.mine', 'changes.setupPlan', 'changes.projectStatuses',
  'portal.home', 'reports.preview', 'reports.list', 'reports.get', 'reports.export', 'reports.notices', 'settings.get', 'me.roles', 'shares.list', 'defaults.get',
  'settings.clientAccess', 'portal.jiraShows', 'home.work', 'reminders.preview', 'flags.dryRun', 'plan.decisions', 'plan.baselines',
] as const;

/** Resolvers that write: not called by the suite. */
const WRITERS = [
  'asks.set', 'asks.answer', 'asks.requestInfo', 'asks.accept', 'asks.reAsk', 'asks.withdraw', 'flags.raise', 'flags.resolve', 'flags.setVisibility', 'flags.confused',
  'changes.acknowledge', 'changes.assess', 'changes.decide', 'changes.withdraw', 'changes.inform', 'changes.linkImplementation', 'changes.raise', 'changes.provision', 'changes.saveMapping',
  'reports.saveDraft', 'reports.publish', 'reports.toConfluence', 'shares.create', 'shares.revoke', 'settings.save', 'defaults.save',
  'asks.post', 'changes.post', 'changes.respondToPrice', 'plan.addDecision', 'plan.updateDecision', 'plan.resolveDecision', 'plan.snapshot',
] as const;

/** Resolvers not compared, and why. */
export const NOT_READ: Readonly<Record<string, string>> = {
  'settings.audit': 'the audit trail is where tampering is reported: it must change',
  'reports.jobStatus': "a report job's progress, not a Liaison record (no job runs here)",
  ...Object.fromEntries(WRITERS.map((key) => [key, 'a write'])),
};

/** Who reads, per project: the team (a manager and a developer) and the project's client people. */
const VIEWERS: Readonly<Record<string, readonly Persona[]>> = { SHOP: ['pm', 'dev1', 'clientPo', 'clientMarketing'], OPS: ['pm', 'dev1', 'clientOps'] };

const ISSUE_READERS = new Set(['asks.get', 'flags.get', 'changes.get', 'changes.draftMessage']);
const GLOBAL_READERS = new Set(['asks.mine', 'flags.gadgetProjects', 'changes.mine', 'portal.home', 'defaults.get', 'home.work']);
/** Managers' tools (a report being built, the workflow set-up, site defaults): read as the manager only, they are slow and refuse everyone else. */
const MANAGER_READERS = new Set(['reports.preview', 'changes.setupPlan', 'changes.projectStatuses', 'defaults.get', 'settings.clientAccess', 'reminders.preview', 'flags.dryRun']);

/**
 * Time fields (when a reader ran), anything about tampering (a reader may warn the team) and the
 * daily rule run's bookkeeping (`lastRun`: how many issues it looked at, which depends on what Jira's
 * search matched at that moment, forged properties included, and on when Jira delivered the
 * comments' events; each issue's flags are compared on their own): not part of the comparison.
 */
const TIME_KEY = /^(at|now|asOf|lastRun)$|At$/;
const TAMPER_KEY = /tamper/i;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The answer without ignored keys, its random ids (a rule flag raised again gets a new one) named by
 * order of appearance: the comparison is about what a reader says, not which uuid a write drew.
 */
function normalised(value: unknown): unknown {
  const ids = new Map<string, string>();
  const text = JSON.stringify(value ?? null).replace(UUID, (id) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
    return ids.get(id)!;
  });
  return JSON.parse(text, (key, v) => (TIME_KEY.test(key) || TAMPER_KEY.test(key) ? undefined : v));
}

function storedReportIds(host: TestHost): string[] {
  const dump = (host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, { value: { id: string } }>> } }).snapshot();
  return Object.values(dump.entities.report ?? {}).map((r) => r.value.id);
}

/** Every reader's answer, as every viewer, about every issue the forgeries touched and every project: key → normalised answer. */
export async function snapshotReaders(host: TestHost, ctx: PolicySampleContext, issues: readonly string[]): Promise<Map<string, unknown>> {
  const call = callerFrom(host, PROJECT_PAGE);
  const answers = new Map<string, unknown>();
  const reports = storedReportIds(host);
  const ask = async (persona: Persona, key: string, payload: Record<string, unknown>) => {
    answers.set(`${key} as ${persona} ${JSON.stringify(payload)}`, normalised(await call(DEMO_USERS[persona], key, payload)));
  };
  for (const [project, viewers] of Object.entries(VIEWERS)) {
    const own = issues.filter((k) => k.startsWith(`${project}-`));
    for (const persona of viewers) {
      for (const key of READERS) {
        if (MANAGER_READERS.has(key) && persona !== 'pm') continue;
        const sample = sampleFor(key, ctx);
        if (ISSUE_READERS.has(key)) for (const issueKey of own) await ask(persona, key, { ...sample, issueKey });
        else if (GLOBAL_READERS.has(key)) {
          if (project === 'SHOP' || persona === 'clientOps') await ask(persona, key, sample);
        } else if (key === 'reports.preview') {
          for (const audience of ['manager', 'client', 'executive']) await ask(persona, key, { ...sample, projectKey: project, audience });
        } else if (key === 'reports.get' || key === 'reports.export') {
          for (const reportId of reports) await ask(persona, key, { ...sample, projectKey: project, reportId });
        } else await ask(persona, key, { ...sample, projectKey: project });
      }
    }
  }
  return answers;
}

// ---- running the table ----

export interface ForgeryRun {
  attempts: Attempt[];
  forged: Map<string, unknown>;
  restored: Map<string, unknown>;
  /** Audit entries with a `tamper.*` action, as stored. */
  tamperAudit: unknown[];
}

function liaisonState(host: TestHost, fieldId: string): Map<string, { properties: Record<string, unknown>; field: unknown }> {
  return new Map(host.sandbox.site.issues.map((i) => [i.key, {
    properties: structuredClone(Object.fromEntries(Object.entries(i.properties).filter(([k]) => k.startsWith(LIAISON_PROPERTY_PREFIX)))),
    field: structuredClone(i.customFields[fieldId]),
  }]));
}

/**
 * Takes the forged values out: wherever one still sits on its issue, the property (or field) goes back
 * to what `before` held (none for an issue created since). Only forged values: what the app wrote
 * meanwhile (a rule's flag after a client's comment woke the issue trigger) is the app's and stays.
 */
function restore(host: TestHost, before: ReturnType<typeof liaisonState>, fieldId: string, attempts: readonly Attempt[]): void {
  for (const attempt of attempts) {
    if (!attempt.landed) continue;
    const issue = host.sandbox.site.issues.find((i) => i.key === attempt.issueKey);
    if (!issue) continue;
    const target = attempt.forgery.target;
    if (JSON.stringify(issueValue(host, attempt.issueKey, target, fieldId)) !== JSON.stringify(attempt.value)) continue;
    const was = before.get(issue.key);
    if (target === 'client-assignee-field') {
      if (was?.field === undefined) delete issue.customFields[fieldId];
      else issue.customFields[fieldId] = structuredClone(was.field);
    } else if (was?.properties[target] === undefined) delete issue.properties[target];
    else issue.properties[target] = structuredClone(was.properties[target]);
  }
}

async function runRules(host: TestHost): Promise<void> {
  await host.app.idle();
  await host.app.fireScheduledTrigger('flag-rules-daily');
  await host.app.idle();
}

/** The demo site with internal data planted, every forgery of the table sent, every reader read forged and restored. */
export async function runForgeries(site: SiteData, forgeries: readonly Forgery[] = FORGERIES): Promise<{ host: TestHost; run: ForgeryRun }> {
  const host = await startTestHost({ site });
  try {
    const ctx = await prepareSamples(host);
    await plantInternalData(host);
    await runRules(host);
    const fieldId = askFieldId(host);
    const before = liaisonState(host, fieldId);
    const attempts: Attempt[] = [];
    for (const forgery of forgeries) attempts.push(await plantForgery(host, forgery, fieldId));
    await runRules(host);
    const touched = [...new Set([...Object.values(TARGET_ISSUES).flatMap((t) => Object.values(t)), ...attempts.map((a) => a.issueKey)])].sort();
    const forged = await snapshotReaders(host, ctx, touched);
    const audit = (host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, { value: { action?: string } }>> } }).snapshot().entities.audit ?? {};
    const tamperAudit = Object.values(audit).map((r) => r.value).filter((e) => typeof e.action === 'string' && e.action.startsWith('tamper.'));
    restore(host, before, fieldId, attempts);
    await runRules(host);
    const restored = await snapshotReaders(host, ctx, touched);
    return { host, run: { attempts, forged, restored, tamperAudit } };
  } catch (e) {
    await host.close();
    throw e;
  }
}

// ---- what the tests assert ----

/** Where two JSON values first differ: the path and both sides there. */
function firstDifference(a: unknown, b: unknown, path = ''): { path: string; forged: string; restored: string } | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return { path: path || '.', forged: String(JSON.stringify(a)).slice(0, 240), restored: String(JSON.stringify(b)).slice(0, 240) };
}

/** Reader answers that differ between the forged and the restored state, with where they first differ. */
export function changedAnswers(run: ForgeryRun): { reader: string; path: string; forged: string; restored: string }[] {
  const out: { reader: string; path: string; forged: string; restored: string }[] = [];
  for (const [reader, answer] of run.forged) {
    const difference = firstDifference(answer, run.restored.get(reader));
    if (difference) out.push({ reader, ...difference });
  }
  return out;
}

/** Reader answers (either state) carrying a forged value's marker or its price. */
export function markedAnswers(run: ForgeryRun): string[] {
  const out: string[] = [];
  for (const [state, answers] of [['forged', run.forged], ['restored', run.restored]] as const) {
    for (const [reader, answer] of answers) {
      const text = JSON.stringify(answer);
      const found = MARKER_PATTERN.exec(text);
      if (found) out.push(`${state}: ${reader} → …${text.slice(Math.max(0, found.index - 80), found.index + 60)}…`);
    }
  }
  return out;
}

/** Forgeries that landed where a reader met them (issue × target) without a `tamper.*` audit entry naming the issue. */
export function unreportedForgeries(run: ForgeryRun): string[] {
  const met = new Set(run.attempts.filter((a) => a.landed).map((a) => `${a.issueKey} ${a.forgery.target}`));
  return [...met].filter((m) => {
    const names = new RegExp(`(^|[^A-Z0-9-])${m.split(' ')[0]}(?![0-9])`);
    return !run.tamperAudit.some((entry) => names.test(JSON.stringify(entry)));
  });
}

/** One line per attempt, for the log: who, how, what, and what Jira did. */
export function attemptTable(run: ForgeryRun): string {
  return run.attempts.map((a) => `${DEMO_PEOPLE[a.forgery.persona].displayName.padEnd(16)} ${a.forgery.path.padEnd(12)} ${a.forgery.target.padEnd(22)} ${a.issueKey.padEnd(8)} ${String(a.status)} ${a.landed ? 'landed on the issue' : a.status < 300 ? "accepted, not on the issue (the comment's or worklog's own property)" : 'refused by Jira'}  (${a.forgery.forged.name})`).join('\n');
}

/** Every resolver is either read by the suite or named as not read, with a reason. */
export function unclassifiedResolvers(): string[] {
  return RESOLVERS.map((r) => r.key).filter((k) => !(READERS as readonly string[]).includes(k) && !(k in NOT_READ));
}

/**
 * The suite's tests, registered inside the caller's describe: the table sent on `site()`, where
 * `landing` are the paths Jira lets a client plant an issue property through (the test checks they
 * did land, so the suite cannot pass by Jira refusing everything).
 */
export function forgeryTests(scheme: string, site: () => SiteData, landing: readonly RestPath[]): void {
  let host: TestHost;
  let run: ForgeryRun;
  beforeAll(async () => {
    ({ host, run } = await runForgeries(site()));
    console.log(`forgery attempts (${scheme}):\n${attemptTable(run)}`);
    console.log(`readers compared: ${run.forged.size} answers in each state; tamper audit entries: ${run.tamperAudit.length}`);
  });
  afterAll(async () => {
    await host?.close();
  });

  test('the table covers every client person × REST path × target it carries, and every resolver is read or named as not read', () => {
    for (const persona of FORGING_CLIENTS) for (const path of REST_PATHS) for (const target of FORGED_TARGETS) {
      assert.equal(FORGERIES.some((f) => f.persona === persona && f.path === path && f.target === target), carries(path, target), `${persona} ${path} ${target}`);
    }
    assert.deepEqual(unclassifiedResolvers(), []);
    assert.equal(run.attempts.length, FORGERIES.length);
    assert.ok(run.forged.size > 300, `only ${run.forged.size} reader answers`);
  });

  test(`Jira lets a client plant Liaison properties by ${landing.join(', ')}, and refuses the read-only field`, () => {
    for (const path of landing) {
      const sent = run.attempts.filter((a) => a.forgery.path === path && a.forgery.target !== 'client-assignee-field');
      // Some, not all: a workflow validator may rightly refuse a client's move of a change request.
      assert.ok(sent.some((a) => a.landed), `${path}: ${JSON.stringify(sent.map((a) => [a.forgery.persona, a.forgery.target, a.status, a.landed]))}`);
    }
    const field = run.attempts.filter((a) => a.forgery.target === 'client-assignee-field');
    assert.ok(field.length > 0 && field.every((a) => !a.landed), JSON.stringify(field.filter((a) => a.landed).map((a) => [a.forgery.persona, a.forgery.path])));
  });

  test('no reader answers differently with the forged values than without them', () => {
    const changed = changedAnswers(run);
    assert.deepEqual(changed.map((c) => c.reader), [], `${changed.length} of ${run.forged.size} reader answers differ; the first: ${JSON.stringify(changed.slice(0, 4), null, 1)}`);
  });

  test('no reader answer carries a forged value, in the forged state or after it was removed', () => {
    const marked = markedAnswers(run);
    assert.deepEqual(marked.slice(0, 25), [], `${marked.length} reader answers carry a forged value`);
  });

  test('every forgery a reader met is in the audit trail as tampering', () => {
    const unreported = unreportedForgeries(run);
    assert.deepEqual(unreported, [], `${unreported.length} forgeries met by readers left no tamper.* audit entry naming the issue`);
  });
}

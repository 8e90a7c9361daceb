/**
 * The leak scanner: what a client must never be shown, gathered from the live site (Jira sandbox
 * + Forge storage) rather than listed by hand, and a scan of answers for it.
 *
 * Resolver answers (`forbiddenFor` + `scanAnswer`), forbidden for a client person:
 * - keys that only internal shapes carry (effort, cost, per-person hours, rationale, role mapping,
 *   e-mail addresses, a team view of flags);
 * - values: notes and resolutions of flags that are not client-visible, internal change notes /
 *   rationale / scope, asks addressed to someone else in any round (answers and questions too),
 *   issue keys and summaries of projects where the person holds no role, everyone's e-mail address.
 * Short strings (under MIN_VALUE_CHARS) are not used as values: they would match by chance.
 *
 * Jira's own surfaces (`jiraSecrets` + `scanJiraSurfaces`): what the person reads with their API
 * token, checked against the per-fact policy of jira-exposure-policy.ts and nothing else.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { DEMO_PEOPLE, DEMO_USERS, type Persona } from '../../local/demo/site';
import { jiraWithToken } from './support';
import { ROLE_IDS } from '../../local/demo/siteConfig';
import type { TestHost } from '../../local/host/testing';
import type { SandboxIssue } from '../../local/jira/model';
import { CHANGE_OUTCOMES, CHANGE_STEPS, type ChangeStep } from '../../src/changes/domain/changeVocabulary';

/** Steps whose name is the decision: the `liaison-change` property never holds them (changeProjection). */
const DECIDING_STEPS: readonly ChangeStep[] = ['approved', 'declined'];
import { ASK_STATES } from '../../src/asks/domain/clientAsk';
import { FLAG_CATEGORIES } from '../../src/flags/domain/redFlags';
import { JIRA_EXPOSURE_POLICY } from './jira-exposure-policy';
import type { JiraCall } from './support';

export const MIN_VALUE_CHARS = 12;

/** Keys only internal shapes have. `cost` only while the project does not show costs to clients. */
export const INTERNAL_KEYS = ['effortDays', 'cost', 'byPerson', 'rationale', 'unpaidEffortDays', 'roleMapping', 'jiraRoles', 'projectRoles', 'emailAddress', 'internalNotes'] as const;

export interface Forbidden {
  /** Who it is for (account id) and their projects with a role. */
  accountId: string;
  keys: Set<string>;
  /** value → why it is forbidden */
  values: Map<string, string>;
  /** Issue keys of projects where the person holds no role (matched as whole keys). */
  foreignKeyPattern: RegExp | null;
  /**
   * Asks addressed to another client of one of the person's own projects. Forbidden everywhere
   * except in a published CLIENT report, which by design (src/reports/domain/clientSafe.ts) lists
   * the client organisation's pending actions for all of its people.
   */
  sameClientAsks: Set<string>;
}

export interface Finding {
  where: string;
  what: string;
}

interface FlagLike { note?: string; resolution?: string; clientVisible?: boolean }
interface AskLike { client?: string; ask?: string; answer?: string; infoRequest?: string }

function add(values: Map<string, string>, value: unknown, why: string): void {
  if (typeof value === 'string' && value.trim().length >= MIN_VALUE_CHARS) values.set(value.trim(), why);
}

/** The in-memory storage, read directly by the test (the app never sees this). */
function storedEntities(host: TestHost): Record<string, Record<string, { value: unknown }>> {
  const dump = (host.kvs as unknown as { snapshot(): { entities: Record<string, Record<string, { value: unknown }>> } }).snapshot();
  return dump.entities;
}

function walk(value: unknown, visit: (key: string, v: unknown, parent: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      visit(k, v, value as Record<string, unknown>);
      walk(v, visit);
    }
  }
}

/**
 * Internal parts of change requests (the `change` records), of reports and of red flags (the `flag`
 * records): any note not marked client-visible, rationale, scope; notes and resolutions of flags
 * that are not client-visible. Read from storage once per scan pass (`forbiddenFor(..., { stored })`):
 * a client cannot write these, so they do not change under it.
 */
export function storedInternals(host: TestHost): Map<string, string> {
  const values = new Map<string, string>();
  for (const [entity, records] of Object.entries(storedEntities(host))) {
    if (!['change', 'report', 'flag'].includes(entity)) continue;
    for (const [key, record] of Object.entries(records)) {
      if (entity === 'flag') {
        for (const flag of (record.value as { flags?: FlagLike[] }).flags ?? []) {
          if (flag.clientVisible) continue;
          add(values, flag.note, `note of an internal flag (flag ${key})`);
          add(values, flag.resolution, `resolution of an internal flag (flag ${key})`);
        }
        continue;
      }
      walk(record.value, (k, v, parent) => {
        if (k === 'rationale' || k === 'scope') add(values, v, `${k} in ${entity} ${key}`);
        if (k === 'text' && parent.visibility === 'internal') add(values, v, `internal note in ${entity} ${key}`);
      });
    }
  }
  return values;
}

/**
 * Everything `accountId` (a client of `clientProjects`) must not see, as the site stands now.
 * `askFieldId` is the Forge field holding the current ask of each issue.
 */
export function forbiddenFor(host: TestHost, opts: { accountId: string; clientProjects: string[]; askFieldId: string; showCosts?: boolean; stored?: Map<string, string> }): Forbidden {
  const site = host.sandbox.site;
  const values = new Map<string, string>();
  const keys = new Set<string>(INTERNAL_KEYS.filter((k) => !(k === 'cost' && opts.showCosts)));
  const own = (issue: SandboxIssue) => opts.clientProjects.some((p) => issue.key.startsWith(`${p}-`));
  const sameClientAsks = new Set<string>();

  for (const user of site.users) add(values, user.emailAddress, `e-mail address of ${user.displayName}`);
  const flagRecords = storedEntities(host).flag ?? {};
  const askRecords = storedEntities(host)['client-ask'] ?? {};
  for (const issue of site.issues) {
    // The current ask lives in its `client-ask` record (the field holds only who, state, due, round): a
    // fellow client's current ask text is what a published client report lists (by design); its answers are not.
    const record = askRecords[issue.id]?.value as { ask?: AskLike | null; document?: { ask?: AskLike | null } } | undefined;
    const recorded = record?.document?.ask ?? record?.ask;
    if (recorded && recorded.client !== opts.accountId && own(issue) && typeof recorded.ask === 'string') sameClientAsks.add(recorded.ask.trim());
    const flags = (flagRecords[issue.id]?.value as { flags?: FlagLike[] } | undefined)?.flags ?? [];
    for (const flag of flags) {
      if (flag.clientVisible && own(issue)) continue;
      add(values, flag.note, `note of a flag on ${issue.key}`);
      add(values, flag.resolution, `resolution of a flag on ${issue.key}`);
    }
    const ask = issue.customFields[opts.askFieldId] as AskLike | null | undefined;
    if (ask && ask.client !== opts.accountId) {
      if (own(issue) && typeof ask.ask === 'string') sameClientAsks.add(ask.ask.trim());
      add(values, ask.ask, `an ask on ${issue.key} addressed to someone else`);
      add(values, ask.answer, `someone else's answer on ${issue.key}`);
      add(values, ask.infoRequest, `someone else's question on ${issue.key}`);
    }
    if (!own(issue)) add(values, issue.summary, `summary of ${issue.key}, in a project where they have no role`);
  }
  // Earlier rounds too: the changelog keeps every value the field held, the history property its notes.
  for (const earlier of everyAskText(host, opts.askFieldId)) {
    if (!earlier.client || earlier.client === opts.accountId || !site.users.some((u) => u.accountId === earlier.client)) continue;
    for (const text of earlier.texts) add(values, text, `someone else's ask, answer or question on ${earlier.issueKey} (an earlier round)`);
  }
  for (const [value, why] of opts.stored ?? storedInternals(host)) values.set(value, why);
  const foreign = [...new Set(site.projects.map((p) => p.key))].filter((p) => !opts.clientProjects.includes(p));
  return {
    accountId: opts.accountId,
    keys,
    values,
    foreignKeyPattern: foreign.length ? new RegExp(`\\b(${foreign.join('|')})-\\d+\\b`) : null,
    sameClientAsks,
  };
}

/**
 * What in `answer` (called as `where`) the person must not see. `echoed`: what the caller sent (an
 * issue key they typed comes back in "Issue OPS-1 does not exist…"; that tells them nothing).
 */
export function scanAnswer(answer: unknown, forbidden: Forbidden, where: string, echoed: string[] = [], opts: { clientReport?: boolean } = {}): Finding[] {
  const findings: Finding[] = [];
  walk(answer, (key, value) => {
    if (forbidden.keys.has(key)) findings.push({ where, what: `internal key "${key}"` });
    if (key === 'viewer' && value === 'team') findings.push({ where, what: 'the team view of an issue (viewer: team)' });
  });
  let text = JSON.stringify(answer) ?? '';
  for (const sent of echoed) if (sent.length > 0) text = text.split(sent).join('<sent>');
  for (const [value, why] of forbidden.values) {
    if (opts.clientReport && forbidden.sameClientAsks.has(value)) continue;
    if (text.includes(JSON.stringify(value).slice(1, -1))) findings.push({ where, what: `${why}: "${value.slice(0, 60)}"` });
  }
  const foreign = forbidden.foreignKeyPattern?.exec(text);
  if (foreign) findings.push({ where, what: `issue ${foreign[0]} of a project where they have no role` });
  return findings;
}


// ---------------------------------------------------------------------------------------------
// Asks in every round

/** One round of an ask as some store held it: who it was for and its free text. */
export interface AskText { issueKey: string; client?: string; texts: string[] }

function askTextsOfValue(issueKey: string, value: unknown): AskText | null {
  if (!value || typeof value !== 'object') return null;
  const ask = value as AskLike;
  const texts = [ask.ask, ask.answer, ask.infoRequest].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return texts.length ? { issueKey, client: ask.client, texts } : null;
}

function parsedJson(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

interface FlagRecordLike { flags?: (FlagLike & { category?: string; severity?: string; resolvedAt?: string })[] }
interface ChangeRecordLike { document?: { clientInformedAt?: string; decision?: { outcome?: string; by?: string; price?: { amount?: number } } } }

/**
 * What README's "What Jira itself shows a client" allows in the change and flag properties, checked
 * against the records (no exemption): `liaison-flags` names categories and severities of open
 * client-visible flags only, and no account id; `liaison-change` carries an outcome or a price only
 * once the client was told (and the project shows costs), and no account id. `internalIds`: the
 * account ids of the project's internal people (and the rule actor).
 */
export function propertyPolicyFindings(host: TestHost, issue: SandboxIssue, property: string, value: unknown, internalIds: readonly string[], where: string, opts: { showCosts?: boolean } = {}): Finding[] {
  const findings: Finding[] = [];
  const text = JSON.stringify(value) ?? '';
  for (const id of internalIds) if (text.includes(id)) findings.push({ where, what: `account id of an internal person (${id})` });
  const entities = storedEntities(host);
  if (property === 'liaison-flags') {
    const record = entities.flag?.[issue.id]?.value as FlagRecordLike | undefined;
    const visible = new Set((record?.flags ?? []).filter((f) => f.clientVisible && !f.resolvedAt).map((f) => f.category));
    for (const category of FLAG_CATEGORIES) if (!visible.has(category) && text.includes(`"${category}"`)) findings.push({ where, what: `category "${category}" of no open client-visible flag` });
    const v = value as { maxSeverity?: number };
    const severities = ['low', 'medium', 'high', 'critical'];
    const highest = Math.max(0, ...(record?.flags ?? []).filter((f) => f.clientVisible && !f.resolvedAt).map((f) => severities.indexOf(f.severity ?? '') + 1));
    if (typeof v?.maxSeverity === 'number' && v.maxSeverity > highest) findings.push({ where, what: `severity ${v.maxSeverity} above the open client-visible flags' ${highest}` });
  }
  if (property === 'liaison-change') {
    const doc = (entities.change?.[issue.id]?.value as ChangeRecordLike | undefined)?.document;
    const decision = doc?.decision;
    const told = Boolean(doc?.clientInformedAt) && opts.showCosts === true;
    if (decision && !told) {
      if (typeof decision.price?.amount === 'number' && text.includes(String(decision.price.amount))) findings.push({ where, what: `price ${decision.price.amount} before the client was told (or costs hidden)` });
      if (decision.outcome && text.includes(`"${decision.outcome}"`)) findings.push({ where, what: `outcome "${decision.outcome}" before the client was told (or costs hidden)` });
    }
  }
  return findings;
}

/**
 * Every ask's text, answers and questions, in every round, wherever the site holds them: the
 * Client assignee field's value and every earlier value its changelog keeps, the history
 * property's notes, and Forge storage: ask-like fields (ask, answer, infoRequest, question) and the
 * notes of every round in a record's `history` (the `client-ask` record keeps earlier rounds there).
 */
export function everyAskText(host: TestHost, askFieldId: string): AskText[] {
  const found: AskText[] = [];
  for (const issue of host.sandbox.site.issues) {
    const current = askTextsOfValue(issue.key, issue.customFields[askFieldId]);
    if (current) found.push(current);
    for (const entry of issue.changelog) {
      for (const item of entry.items) {
        if (item.fieldId !== askFieldId) continue;
        for (const side of [item.fromString, item.toString]) {
          const earlier = askTextsOfValue(issue.key, parsedJson(side));
          if (earlier) found.push(earlier);
        }
      }
    }
    const history = (issue.properties['liaison-asks'] as { history?: { client?: string; note?: unknown }[] } | undefined)?.history ?? [];
    for (const event of history) if (typeof event.note === 'string' && event.note.trim()) found.push({ issueKey: issue.key, client: event.client, texts: [event.note] });
  }
  for (const [entity, records] of Object.entries(storedEntities(host))) {
    // Audit lines and reports are derived from the records (a report's asks carry names, not ids).
    if (entity === 'audit' || entity.startsWith('report')) continue;
    for (const [key, record] of Object.entries(records)) {
      // A record names its issue at the top (the `client-ask` record: { issueKey, document: { ask: { client, ask, answer, … }, history } }).
      const top = record.value as { issueKey?: unknown } | null;
      const recordIssue = top && typeof top.issueKey === 'string' ? top.issueKey : `${entity} ${key}`;
      walk(record.value, (k, v, parent) => {
        // Every round's text, answer and question: the history events' notes, each naming the client asked.
        if (k === 'history' && Array.isArray(v)) {
          for (const event of v as { client?: unknown; note?: unknown }[]) {
            if (typeof event?.note === 'string' && event.note.trim()) found.push({ issueKey: recordIssue, client: typeof event.client === 'string' ? event.client : undefined, texts: [event.note] });
          }
          return;
        }
        if (!['ask', 'answer', 'infoRequest', 'question'].includes(k) || typeof v !== 'string' || !v.trim()) return;
        const issueKey = typeof parent.issueKey === 'string' ? parent.issueKey : recordIssue;
        found.push({ issueKey, client: typeof parent.client === 'string' ? parent.client : undefined, texts: [v] });
      });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Jira's own surfaces, as a client reads them with an API token

/** The Liaison issue properties (any key Liaison writes starts with `liaison-`). */
export const LIAISON_PROPERTY_PREFIX = 'liaison-';

/** What the site holds that no Jira surface may show (see jira-exposure-policy.ts), gathered as the test (it sees everything). */
export interface JiraSecrets {
  /** Storage-only free text → [policy rule, why]. */
  values: Map<string, [ScannedRule, string]>;
  /** Account ids of the agency's people (every project role but Clients) → display name. */
  internalIds: Map<string, string>;
  /** Issue key → whether Jira may show its change request's outcome and price (informed, costs shown). */
  decisionShowable: Map<string, boolean>;
  /** Issue key → its open client-visible flags and the ids of its internal flags (the team's view). */
  flags: Map<string, { visible: { category: string; severity: string }[]; internalIds: Set<string> }>;
}

const SEVERITY_RANK: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };

/** The team's view of every flagged issue, the change records, the project settings: the truth the projections are checked against. */
export async function jiraSecrets(host: TestHost, askFieldId: string, extra: Map<string, [ScannedRule, string]> = new Map()): Promise<JiraSecrets> {
  const values = new Map<string, [ScannedRule, string]>();
  const put = (value: unknown, rule: ScannedRule, why: string) => {
    if (typeof value === 'string' && value.trim().length >= MIN_VALUE_CHARS) values.set(value.trim(), [rule, why]);
  };
  for (const ask of everyAskText(host, askFieldId)) for (const text of ask.texts) put(text, 'ask-text', `ask text, answer or question on ${ask.issueKey}`);
  for (const [value, why] of storedInternals(host)) put(value, why.includes('flag') ? 'flag-internal' : 'change-internal', why);
  for (const [value, entry] of extra) values.set(value, entry);

  const site = host.sandbox.site;
  const internalIds = new Map<string, string>();
  const clients = new Set(site.projects.flatMap((p) => p.roleActors[ROLE_IDS.clients] ?? []));
  for (const project of site.projects) {
    for (const [role, actors] of Object.entries(project.roleActors)) {
      if (Number(role) === ROLE_IDS.clients) continue;
      for (const id of actors) if (!clients.has(id)) internalIds.set(id, site.users.find((u) => u.accountId === id)?.displayName ?? id);
    }
  }

  const showCosts = new Map<string, boolean>();
  for (const project of site.projects) {
    const answer = await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'liaison-project', functionKey: 'settings.get', payload: { projectKey: project.key } }) as { ok: boolean; data?: { settings?: { reporting?: { showCostsToClient?: boolean } } } };
    showCosts.set(project.key, answer.ok && answer.data?.settings?.reporting?.showCostsToClient === true);
  }
  const decisionShowable = new Map<string, boolean>();
  for (const record of Object.values(storedEntities(host).change ?? {})) {
    const change = record.value as { issueKey?: string; projectKey?: string; document?: { decision?: unknown; clientInformedAt?: unknown } };
    if (!change.issueKey) continue;
    const informed = typeof change.document?.clientInformedAt === 'string';
    decisionShowable.set(change.issueKey, informed && change.document?.decision !== undefined && showCosts.get(change.projectKey ?? '') === true);
  }

  // Flags as the team's panel shows them (whatever store holds them), for every issue Jira shows flags on.
  const flags = new Map<string, { visible: { category: string; severity: string }[]; internalIds: Set<string> }>();
  const flagNotes = storedEntities(host)['flag-notes'] ?? {};
  for (const issue of site.issues) {
    if (issue.properties['liaison-flags'] === undefined && flagNotes[issue.id] === undefined) continue;
    const answer = await host.app.invoke({ accountId: DEMO_USERS.pm, moduleKey: 'liaison-project', functionKey: 'flags.get', payload: { issueKey: issue.key } }) as { ok: boolean; data?: { flags?: (FlagLike & { id: string; category: string; severity: string; status?: string; resolvedAt?: string })[] } };
    const team = answer.ok ? answer.data?.flags ?? [] : [];
    const open = (f: { resolvedAt?: string; status?: string }) => !f.resolvedAt && f.status !== 'resolved';
    flags.set(issue.key, {
      visible: team.filter((f) => f.clientVisible && open(f)).map((f) => ({ category: f.category, severity: f.severity })),
      internalIds: new Set(team.filter((f) => !f.clientVisible).map((f) => f.id)),
    });
    for (const f of team) {
      if (f.clientVisible) continue;
      put(f.note, 'flag-internal', `note of an internal flag on ${issue.key}`);
      put(f.resolution, 'flag-internal', `resolution of an internal flag on ${issue.key}`);
    }
  }
  return { values, internalIds, decisionShowable, flags };
}

/** The policy rules (jira-exposure-policy.ts) whose facts the scan looks for on every Jira surface: each finding names one. */
export const SCANNED_RULES = ['ask-text', 'change-internal', 'change-decision', 'flag-internal', 'internal-people'] as const;
export type ScannedRule = (typeof SCANNED_RULES)[number];
/** The policy rules for Jira's own data: read and counted, left to the permission scheme. */
export const JIRA_OWN_RULES = ['jira-fields', 'jira-comments', 'jira-worklogs', 'jira-properties'] as const;
export type JiraOwnRule = (typeof JIRA_OWN_RULES)[number];

export interface SurfaceFinding extends Finding {
  /** The policy rule the finding breaks ('none': a search alias no rule covers). */
  rule: ScannedRule | 'none';
}

export interface SurfaceScan {
  findings: SurfaceFinding[];
  /** Reads made, by surface. */
  reads: Record<string, number>;
  /** Jira's own data met and left to the permission scheme, by policy rule. */
  jiraOwn: Partial<Record<JiraOwnRule, number>>;
}

function emptyScan(): SurfaceScan {
  return { findings: [], reads: {}, jiraOwn: {} };
}

function count<K extends string>(record: Partial<Record<K, number>>, key: K, n = 1): void {
  record[key] = (record[key] ?? 0) + n;
}

/** Storage-only free text anywhere in `value` (any surface: Jira's own data included, the app is the only one that knows it). */
function scanValues(value: unknown, secrets: JiraSecrets, where: string, out: SurfaceFinding[]): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  for (const [secret, [rule, why]] of secrets.values) {
    if (text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1))) out.push({ where, rule, what: `${why}: "${secret.slice(0, 60)}"` });
  }
}

/** A Liaison part of an issue (a property, the Client assignee field value, one of its changelog values): checked against every rule. */
export function scanLiaisonPart(issueKey: string, part: string, value: unknown, secrets: JiraSecrets, where: string): SurfaceFinding[] {
  const out: SurfaceFinding[] = [];
  scanValues(value, secrets, where, out);
  const text = JSON.stringify(value) ?? '';
  for (const [id, name] of secrets.internalIds) if (text.includes(id)) out.push({ where, rule: 'internal-people', what: `account id of ${name}` });
  walk(value, (key) => {
    if ((INTERNAL_KEYS as readonly string[]).includes(key) || key === 'scope' || key === 'notes') out.push({ where, rule: 'change-internal', what: `internal key "${key}"` });
  });
  if (part === 'liaison-change') {
    let decided = false;
    walk(value, (key) => {
      if (key === 'decision' || key === 'outcome' || key === 'price') decided = true;
    });
    if (decided && secrets.decisionShowable.get(issueKey) !== true) out.push({ where, rule: 'change-decision', what: 'the outcome or price of a change request before the client is informed, or while costs are hidden from clients' });
    const step = (value as { step?: unknown } | null)?.step;
    if (typeof step === 'string' && (DECIDING_STEPS as readonly string[]).includes(step)) out.push({ where, rule: 'change-decision', what: `step "${step}", which names the decision (the property shows the review as in-review)` });
  }
  if (part === 'liaison-flags') {
    const truth = secrets.flags.get(issueKey) ?? { visible: [], internalIds: new Set<string>() };
    const property = (value ?? {}) as { flags?: { id?: string; clientVisible?: boolean }[]; categories?: unknown; maxSeverity?: unknown };
    for (const flag of property.flags ?? []) {
      if (flag.clientVisible === false || (flag.id && truth.internalIds.has(flag.id))) out.push({ where, rule: 'flag-internal', what: `internal flag ${flag.id ?? ''} listed` });
    }
    const visibleCategories = new Set(truth.visible.map((f) => f.category));
    for (const category of Array.isArray(property.categories) ? property.categories : []) {
      if (!visibleCategories.has(String(category))) out.push({ where, rule: 'flag-internal', what: `category "${String(category)}" of an internal flag` });
    }
    const visibleMax = Math.max(0, ...truth.visible.map((f) => SEVERITY_RANK[f.severity] ?? 0));
    if (typeof property.maxSeverity === 'number' && property.maxSeverity > visibleMax) out.push({ where, rule: 'flag-internal', what: `severity ${property.maxSeverity} of an internal flag` });
  }
  return out;
}

/** The issue keys `call` may browse, every page of a JQL search. */
async function browsableKeys(call: JiraCall, jql: string): Promise<string[]> {
  const keys: string[] = [];
  let nextPageToken: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const answer = await call('POST', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 100, ...(nextPageToken ? { nextPageToken } : {}) });
    if (answer.status !== 200) throw new Error(`JQL ${jql} answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 200)}`);
    keys.push(...(answer.json.issues as { key: string }[]).map((i) => i.key));
    if (!answer.json.nextPageToken) return keys;
    nextPageToken = answer.json.nextPageToken;
  }
  throw new Error('more than 50 pages');
}

/**
 * Every Jira surface of one issue a person reads: the issue with every field, property and its
 * changelog; the changelog endpoint; comments; worklogs. Liaison's parts (properties `liaison-*`,
 * the Client assignee field, that field's changelog values) are checked against every rule; the
 * rest is Jira's own data (counted), still searched for Liaison's storage-only text.
 */
export async function scanIssueSurfaces(call: JiraCall, issueKey: string, askFieldId: string, secrets: JiraSecrets, who: string, scan: SurfaceScan = emptyScan()): Promise<SurfaceScan> {
  const at = (surface: string) => `${surface} of ${issueKey} as ${who}`;
  const whole = await call('GET', `/rest/api/3/issue/${issueKey}?fields=*all&properties=*all&expand=changelog`);
  if (whole.status === 404) return scan;
  if (whole.status !== 200) throw new Error(`GET ${issueKey} answered ${whole.status}`);
  count(scan.reads, 'issue');
  const issue = whole.json as { fields: Record<string, unknown>; properties?: Record<string, unknown>; changelog?: { histories?: { items: ChangelogLike[] }[] } };
  if (issue.fields[askFieldId] != null) scan.findings.push(...scanLiaisonPart(issueKey, 'field', issue.fields[askFieldId], secrets, at('Client assignee field')));
  for (const [key, value] of Object.entries(issue.properties ?? {})) {
    if (!key.startsWith(LIAISON_PROPERTY_PREFIX)) {
      // Another app's (or a person's) property: Jira's own data, still searched for Liaison's storage-only text.
      count(scan.jiraOwn, 'jira-properties');
      scanValues(value, secrets, at(`property ${key}`), scan.findings);
      continue;
    }
    count(scan.reads, 'property');
    scan.findings.push(...scanLiaisonPart(issueKey, key, value, secrets, at(`property ${key}`)));
  }
  const { [askFieldId]: _liaisonField, ...jiraFields } = issue.fields;
  count(scan.jiraOwn, 'jira-fields');
  scanValues(jiraFields, secrets, at('fields'), scan.findings);
  scanChangelog(issueKey, (issue.changelog?.histories ?? []).flatMap((h) => h.items), askFieldId, secrets, at('changelog (expand)'), scan);

  const changelog = await call('GET', `/rest/api/3/issue/${issueKey}/changelog?maxResults=100`);
  count(scan.reads, 'changelog');
  scanChangelog(issueKey, ((changelog.json?.values ?? []) as { items: ChangelogLike[] }[]).flatMap((h) => h.items), askFieldId, secrets, at('changelog'), scan);

  const comments = await call('GET', `/rest/api/3/issue/${issueKey}/comment?maxResults=5000`);
  count(scan.reads, 'comments');
  count(scan.jiraOwn, 'jira-comments', (comments.json?.comments ?? []).length);
  scanValues(comments.json?.comments ?? [], secrets, at('comments'), scan.findings);

  const worklogs = await call('GET', `/rest/api/3/issue/${issueKey}/worklog`);
  count(scan.reads, 'worklogs');
  count(scan.jiraOwn, 'jira-worklogs', (worklogs.json?.worklogs ?? []).length);
  scanValues(worklogs.json?.worklogs ?? [], secrets, at('worklogs'), scan.findings);
  return scan;
}

interface ChangelogLike { field: string; fieldId?: string; from: string | null; fromString: string | null; to: string | null; toString: string | null }

function scanChangelog(issueKey: string, items: ChangelogLike[], askFieldId: string, secrets: JiraSecrets, where: string, scan: SurfaceScan): void {
  for (const item of items) {
    if (item.fieldId === askFieldId || item.field === 'Client assignee') {
      count(scan.reads, 'changelog item of the Client assignee field');
      for (const side of [item.from, item.fromString, item.to, item.toString]) {
        if (side !== null) scan.findings.push(...scanLiaisonPart(issueKey, 'field', parsedJson(side) ?? side, secrets, where));
      }
    } else {
      count(scan.jiraOwn, 'jira-fields');
      scanValues(item, secrets, where, scan.findings);
    }
  }
}

/** Every JQL search alias manifest.yml declares: `"<field name>.<alias>"` for a custom field's, the bare alias for an entity property's. */
export function manifestSearchAliases(manifestPath = 'manifest.yml'): string[] {
  const manifest = parseYaml(readFileSync(manifestPath, 'utf8')) as { modules: Record<string, Record<string, unknown>[]> };
  const aliases: string[] = [];
  for (const field of manifest.modules['jira:customField'] ?? []) {
    const properties = ((field.schema as { properties?: Record<string, { searchAlias?: string }> } | undefined)?.properties) ?? {};
    for (const def of Object.values(properties)) if (def.searchAlias) aliases.push(`"${String(field.name)}.${def.searchAlias}"`);
  }
  for (const index of manifest.modules['jira:entityProperty'] ?? []) {
    for (const value of (index.values as { searchAlias?: string }[] | undefined) ?? []) if (value.searchAlias) aliases.push(value.searchAlias);
  }
  return aliases;
}

/** A JQL probe of an alias: a query that would match a secret, and which of its hits the policy allows. */
export interface AliasProbe {
  jql: string;
  /** Whether the policy lets Jira show that this issue matches. */
  allowed(issueKey: string): boolean;
  what: string;
  /** The policy rule of the fact the probe asks about (a scanned rule when some hits may be disallowed). */
  rule: string;
}

/**
 * The probes of each alias (keyed by alias): values that would match secret facts. An alias the
 * policy shows to every browser is still searched (with values that reach other clients' asks),
 * every hit allowed; a restricted alias's hits must be ones the policy lets Jira show.
 */
export function aliasProbes(secrets: JiraSecrets): Record<string, AliasProbe[]> {
  const always = () => true;
  const visibleRank = (key: string) => Math.max(0, ...(secrets.flags.get(key)?.visible ?? []).map((f) => SEVERITY_RANK[f.severity] ?? 0));
  return {
    '"Client assignee.client"': [DEMO_USERS.clientPo, DEMO_USERS.clientMarketing, DEMO_USERS.clientOps, DEMO_USERS.pm].map((id) => ({ jql: `"Client assignee.client" = "${id}"`, allowed: always, what: 'who an ask is for', rule: 'ask-client' })),
    '"Client assignee.state"': ASK_STATES.map((state) => ({ jql: `"Client assignee.state" = "${state}"`, allowed: always, what: 'ask state', rule: 'ask-state' })),
    '"Client assignee.due"': [{ jql: '"Client assignee.due" >= "2000-01-01"', allowed: always, what: 'ask due date', rule: 'ask-state' }],
    // The property's steps (the review is one coarse step); `approved` / `declined` there would name the decision before the client is told.
    changeStep: [...CHANGE_STEPS.filter((step) => !DECIDING_STEPS.includes(step)), 'in-review'].map((step) => ({ jql: `changeStep = "${step}"`, allowed: always, what: 'change step', rule: 'change-step' }))
      .concat(DECIDING_STEPS.map((step) => ({ jql: `changeStep = "${step}"`, allowed: () => false, what: `step "${step}", which names the decision`, rule: 'change-decision' }))),
    changeOutcome: CHANGE_OUTCOMES.map((outcome) => ({
      jql: `changeOutcome = "${outcome}"`,
      allowed: (key: string) => secrets.decisionShowable.get(key) === true,
      what: `outcome "${outcome}" of a change request before the client is informed, or while costs are hidden`,
      rule: 'change-decision',
    })),
    flagCategory: FLAG_CATEGORIES.map((category) => ({
      jql: `flagCategory = "${category}"`,
      allowed: (key: string) => (secrets.flags.get(key)?.visible ?? []).some((f) => f.category === category),
      what: `category "${category}" of an internal flag`,
      rule: 'flag-internal',
    })),
    flagSeverity: [1, 2, 3, 4].map((rank) => ({ jql: `flagSeverity >= ${rank}`, allowed: (key: string) => visibleRank(key) >= rank, what: `severity ${rank}+ of an internal flag`, rule: 'flag-internal' })),
    flagsOpen: [{ jql: 'flagsOpen > 0', allowed: always, what: 'open flag count', rule: 'flag-count' }],
    flagsTotal: [{ jql: 'flagsTotal > 0', allowed: always, what: 'open flag count of any visibility', rule: 'flag-total' }],
  };
}

/** The JQL aliases as `call` searches them: each hit a restricted alias's probe does not allow is a finding. */
export async function scanAliases(call: JiraCall, secrets: JiraSecrets, who: string, scan: SurfaceScan = emptyScan()): Promise<SurfaceScan> {
  const probes = aliasProbes(secrets);
  for (const alias of manifestSearchAliases()) {
    const rule = JIRA_EXPOSURE_POLICY.find((r) => r.aliases?.includes(alias));
    if (!rule) scan.findings.push({ where: `JQL ${alias}`, rule: 'none', what: 'a search alias no policy rule covers' });
    if (!probes[alias]) scan.findings.push({ where: `JQL ${alias}`, rule: 'none', what: `a search alias the scan has no probe for (policy rule ${rule?.id ?? 'none'})` });
    for (const probe of probes[alias] ?? []) {
      const hits = await browsableKeys(call, probe.jql);
      count(scan.reads, 'JQL search');
      for (const key of hits) if (!probe.allowed(key)) scan.findings.push({ where: `JQL ${probe.jql} as ${who}`, rule: probe.rule as ScannedRule, what: `finds ${key}: ${probe.what}` });
    }
  }
  return scan;
}

/** Every Jira surface a client person reads with their API token: each issue they can browse, and every search alias. */
export async function scanJiraSurfaces(host: TestHost, persona: Persona, askFieldId: string, secrets: JiraSecrets): Promise<SurfaceScan> {
  const call = jiraWithToken(host, persona);
  const scan = emptyScan();
  const who = DEMO_PEOPLE[persona].displayName;
  // Every issue of the site: Jira answers 404 for one they may not browse (nothing to read there).
  for (const issue of host.sandbox.site.issues) await scanIssueSurfaces(call, issue.key, askFieldId, secrets, who, scan);
  await scanAliases(call, secrets, who, scan);
  return scan;
}

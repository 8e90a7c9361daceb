/**
 * The leak scanner: what a client must never be shown, gathered from the live site (Jira sandbox
 * + Forge storage) rather than listed by hand, and a scan of answers for it.
 *
 * Forbidden for a client person:
 * - keys that only internal shapes carry (effort, cost, per-person hours, rationale, role mapping,
 *   e-mail addresses, a team view of flags);
 * - values: notes and resolutions of flags that are not client-visible, internal change notes /
 *   rationale / scope, asks addressed to someone else, issue keys and summaries of projects where the
 *   person holds no role, everyone's e-mail address.
 * Short strings (under MIN_VALUE_CHARS) are not used as values: they would match by chance.
 * Answers scanned: the app's resolvers, and the raw Liaison issue properties as Jira's REST API
 * gives them to the client (`scanClientProperties`): Jira lets anyone who can browse an issue read them.
 */
import type { TestHost } from '../../local/host/testing';
import type { SandboxIssue } from '../../local/jira/model';
import { FLAG_CATEGORIES } from '../../src/domain/redFlags';

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
   * except in a published CLIENT report, which by design (src/domain/report/clientSafe.ts) lists
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
  for (const issue of site.issues) {
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

/** The Liaison issue properties: Jira lets anyone who can browse an issue read them. */
export const LIAISON_PROPERTIES = ['liaison-flags', 'liaison-change', 'liaison-asks'] as const;

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
 * Reads every Liaison property of every issue of the site as `accountId` through the sandbox's
 * Jira REST (the user bearer the Forge runtime sends, as Jira would answer that person), and
 * scans each one the person can read. The current ask, answer and question of an issue of their
 * own project are not counted: Jira shows that issue's Client assignee field to whoever browses it.
 */
export async function scanClientProperties(host: TestHost, forbidden: Forbidden, askFieldId: string, internalIds: readonly string[] = []): Promise<{ read: number; findings: Finding[] }> {
  const findings: Finding[] = [];
  let read = 0;
  for (const issue of host.sandbox.site.issues) {
    const ask = issue.customFields[askFieldId] as AskLike | null | undefined;
    const inField = new Set([ask?.ask, ask?.answer, ask?.infoRequest].filter((v): v is string => typeof v === 'string').map((v) => v.trim()));
    const own = { ...forbidden, values: new Map([...forbidden.values].filter(([value]) => !inField.has(value))) };
    for (const property of LIAISON_PROPERTIES) {
      const response = await fetch(`${host.sandbox.url}/rest/api/3/issue/${issue.key}/properties/${property}`, {
        headers: { Authorization: `Bearer forge-user:${forbidden.accountId}`, Accept: 'application/json' },
      });
      const body = await response.text();
      if (response.status === 404) continue;
      if (response.status !== 200) throw new Error(`GET ${issue.key}/properties/${property} answered ${response.status}: ${body.slice(0, 200)}`);
      read += 1;
      const where = `property ${property} of ${issue.key} as ${forbidden.accountId}`;
      const json = JSON.parse(body) as { value?: unknown };
      findings.push(...scanAnswer(json, own, where, [], { clientReport: true }));
      if (property !== 'liaison-asks') findings.push(...propertyPolicyFindings(host, issue, property, json.value, internalIds, where));
    }
  }
  return { read, findings };
}

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
 * Answers scanned: the app's resolvers, the raw Liaison issue properties as Jira's REST API gives
 * them to the client (`scanClientProperties`), and what the client reads of each issue through
 * `GET /issue/{key}?fields=*all&properties=*all&expand=changelog` — the Client assignee field value
 * and every changelog entry of it (`scanClientIssues`): Jira lets anyone who can browse an issue
 * read them. No exemptions: an ask's text, answers and questions (earlier rounds' too) live only in
 * Forge storage, so nothing of another person's ask may appear in any of them.
 */
import type { TestHost } from '../../local/host/testing';
import type { SandboxIssue } from '../../local/jira/model';

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
interface AskEventLike { client?: string; note?: string; action?: string }
interface AskRecordLike { issueKey?: string; projectKey?: string; document?: { ask?: AskLike; history?: AskEventLike[] } }

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
 * Internal parts of change requests (issue 4 keeps them in the `change` entity), of reports and of
 * red flags (the `flag-notes` entity): any note not marked client-visible, rationale, scope. Read from storage once per scan pass
 * (`forbiddenFor(..., { stored })`): a client cannot write these, so they do not change under it.
 */
export function storedInternals(host: TestHost): Map<string, string> {
  const values = new Map<string, string>();
  for (const [entity, records] of Object.entries(storedEntities(host))) {
    if (!['change', 'report', 'flag-notes'].includes(entity)) continue;
    for (const [key, record] of Object.entries(records)) {
      if (entity === 'flag-notes') {
        // Team-only parts of internal flags (notes, resolutions): every one is internal.
        for (const part of Object.values((record.value as { notes?: Record<string, FlagLike> }).notes ?? {})) {
          add(values, part.note, `note of an internal flag (flag-notes ${key})`);
          add(values, part.resolution, `resolution of an internal flag (flag-notes ${key})`);
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

/** The ask records Forge storage holds (the `client-ask` entity), by issue key. */
function storedAskRecords(host: TestHost): AskRecordLike[] {
  return Object.values(storedEntities(host)['client-ask'] ?? {}).map((r) => r.value as AskRecordLike);
}

/**
 * Everything `accountId` (a client of `clientProjects`) must not see, as the site stands now.
 * Asks come from their records in storage: another person's ask, answer and question, and every
 * step of another person's earlier rounds. (`askFieldId` is no longer read: the field holds none of it.)
 */
export function forbiddenFor(host: TestHost, opts: { accountId: string; clientProjects: string[]; askFieldId?: string; showCosts?: boolean; stored?: Map<string, string> }): Forbidden {
  const site = host.sandbox.site;
  const values = new Map<string, string>();
  const keys = new Set<string>(INTERNAL_KEYS.filter((k) => !(k === 'cost' && opts.showCosts)));
  const own = (issue: SandboxIssue) => opts.clientProjects.some((p) => issue.key.startsWith(`${p}-`));
  const sameClientAsks = new Set<string>();

  for (const user of site.users) add(values, user.emailAddress, `e-mail address of ${user.displayName}`);
  for (const issue of site.issues) {
    const flags = (issue.properties['liaison-flags'] as { flags?: FlagLike[] } | undefined)?.flags ?? [];
    for (const flag of flags) {
      if (flag.clientVisible && own(issue)) continue;
      add(values, flag.note, `note of an internal flag on ${issue.key}`);
      add(values, flag.resolution, `resolution of an internal flag on ${issue.key}`);
    }
    if (!own(issue)) add(values, issue.summary, `summary of ${issue.key}, in a project where they have no role`);
  }
  for (const record of storedAskRecords(host)) {
    const ask = record.document?.ask;
    const key = record.issueKey ?? '?';
    const ownProject = opts.clientProjects.includes(record.projectKey ?? '');
    if (ask && ask.client !== opts.accountId) {
      if (ownProject && typeof ask.ask === 'string') sameClientAsks.add(ask.ask.trim());
      add(values, ask.ask, `an ask on ${key} addressed to someone else`);
      add(values, ask.answer, `someone else's answer on ${key}`);
      add(values, ask.infoRequest, `someone else's question on ${key}`);
    }
    // Every step of someone else's rounds, earlier ones included (what the changelog used to keep).
    for (const event of record.document?.history ?? []) {
      if (event.client === opts.accountId) continue;
      add(values, event.note, `a note (${event.action ?? 'step'}) of someone else's ask on ${key}`);
    }
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

/**
 * Reads every Liaison property of every issue of the site as `accountId` through the sandbox's
 * Jira REST (the user bearer the Forge runtime sends, as Jira would answer that person), and
 * scans each one the person can read, with no exemption.
 */
export async function scanClientProperties(host: TestHost, forbidden: Forbidden): Promise<{ read: number; findings: Finding[] }> {
  const findings: Finding[] = [];
  let read = 0;
  for (const issue of host.sandbox.site.issues) {
    for (const property of LIAISON_PROPERTIES) {
      const response = await fetch(`${host.sandbox.url}/rest/api/3/issue/${issue.key}/properties/${property}`, {
        headers: { Authorization: `Bearer forge-user:${forbidden.accountId}`, Accept: 'application/json' },
      });
      const body = await response.text();
      if (response.status === 404) continue;
      if (response.status !== 200) throw new Error(`GET ${issue.key}/properties/${property} answered ${response.status}: ${body.slice(0, 200)}`);
      read += 1;
      findings.push(...scanAnswer(JSON.parse(body), forbidden, `property ${property} of ${issue.key} as ${forbidden.accountId}`));
    }
  }
  return { read, findings };
}

/** The field's name as Jira's changelog names it. */
const ASK_FIELD_NAME = 'Client assignee';

/**
 * Reads every issue of the site as `accountId` the way a client with an API token can —
 * `GET /issue/{key}?fields=*all&properties=*all&expand=changelog` — and scans what Liaison put
 * there: the Client assignee field value, every changelog entry of that field (from/to and
 * fromString/toString of every value ever written), and every `liaison-*` property. No exemption.
 */
export async function scanClientIssues(host: TestHost, forbidden: Forbidden, askFieldId: string): Promise<{ read: number; changes: number; findings: Finding[] }> {
  const findings: Finding[] = [];
  let read = 0;
  let changes = 0;
  for (const issue of host.sandbox.site.issues) {
    const response = await fetch(`${host.sandbox.url}/rest/api/3/issue/${issue.key}?fields=*all&properties=*all&expand=changelog`, {
      headers: { Authorization: `Bearer forge-user:${forbidden.accountId}`, Accept: 'application/json' },
    });
    const body = await response.text();
    if (response.status === 404) continue;
    if (response.status !== 200) throw new Error(`GET ${issue.key} answered ${response.status}: ${body.slice(0, 200)}`);
    read += 1;
    const json = JSON.parse(body) as { fields?: Record<string, unknown>; properties?: Record<string, unknown>; changelog?: { histories?: { items?: { field?: string; fieldId?: string }[] }[] } };
    const where = (part: string) => `${part} of ${issue.key} as ${forbidden.accountId}`;
    findings.push(...scanAnswer(json.fields?.[askFieldId] ?? null, forbidden, where(`field ${ASK_FIELD_NAME}`)));
    const liaison = Object.fromEntries(Object.entries(json.properties ?? {}).filter(([k]) => k.startsWith('liaison-')));
    findings.push(...scanAnswer(liaison, forbidden, where('properties')));
    const items = (json.changelog?.histories ?? []).flatMap((h) => h.items ?? []).filter((item) => item.field === ASK_FIELD_NAME || item.fieldId === askFieldId);
    changes += items.length;
    findings.push(...scanAnswer(items, forbidden, where(`changelog of ${ASK_FIELD_NAME}`)));
  }
  return { read, changes, findings };
}

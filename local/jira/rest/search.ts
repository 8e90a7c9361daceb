/**
 * JQL search: POST/GET /search/jql (token-paged) and /search/approximate-count, parsed and
 * evaluated by the jql module, filtered to issues the caller may browse.
 */
import { createHash } from 'node:crypto';
import type { SandboxIssue, SandboxProject } from '../model';
import { canBrowse, securityLevelAdmits } from './access';
import { JiraError, Router, badRequest, intParam, listParam, listValue, ok, requireObject, type RequestContext } from './http';
import { decodeOffsetToken, encodeOffsetToken } from './issues';
import { issueJson, issueView } from './issueJson';

type JqlModule = typeof import('../jql/index');
let jqlModule: Promise<JqlModule> | null = null;

/** Loaded on first use so the rest of the sandbox works while the JQL module is absent or broken. */
function loadJql(): Promise<JqlModule> {
  if (!jqlModule) {
    jqlModule = import('../jql/index').catch((err) => {
      jqlModule = null;
      throw err;
    });
  }
  return jqlModule;
}

export const UNBOUNDED_JQL = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

export interface CompiledQuery {
  matches(issue: SandboxIssue): boolean;
  compare(a: SandboxIssue, b: SandboxIssue): number;
  bounded: boolean;
}

export async function compileQuery(ctx: RequestContext, jql: string): Promise<CompiledQuery> {
  const { compileJql, JqlError } = await loadJql();
  try {
    return compileJql(jql, { site: ctx.site, currentUser: ctx.user.accountId, now: ctx.now() });
  } catch (err) {
    if (err instanceof JqlError) throw new JiraError(400, err.errorMessages);
    throw err;
  }
}

/** The issues matching `query` that the caller may browse, in the query's order. */
export function runQuery(ctx: RequestContext, query: CompiledQuery, candidates: SandboxIssue[] = ctx.site.issues): SandboxIssue[] {
  const browse = new Map<string, SandboxProject | null>();
  const mayBrowse = (issue: SandboxIssue): boolean => {
    let allowed = browse.get(issue.projectId);
    if (allowed === undefined) {
      const project = ctx.site.projects.find((p) => p.id === issue.projectId);
      allowed = project && canBrowse(project, ctx.user) ? project : null;
      browse.set(issue.projectId, allowed);
    }
    return allowed !== null && securityLevelAdmits(allowed, ctx.user, issue);
  };
  return candidates.filter((i) => query.matches(i) && mayBrowse(i)).sort((a, b) => query.compare(a, b));
}

/**
 * Results of recent searches, so following nextPageToken pages does not re-run the query while
 * the site is unchanged (Jira's tokens likewise page over one result set).
 */
const recentResults = new WeakMap<object, Array<{ key: string; revision: number; issues: SandboxIssue[] }>>();
const RECENT_RESULTS_KEPT = 8;

function cachedResults(ctx: RequestContext, key: string, compute: () => SandboxIssue[], reuse: boolean): SandboxIssue[] {
  const list = recentResults.get(ctx.site) ?? [];
  const hit = reuse ? list.find((e) => e.key === key && e.revision === ctx.revision) : undefined;
  if (hit) return hit.issues;
  const issues = compute();
  const kept = list.filter((e) => e.key !== key && e.revision === ctx.revision);
  kept.unshift({ key, revision: ctx.revision, issues });
  recentResults.set(ctx.site, kept.slice(0, RECENT_RESULTS_KEPT));
  return issues;
}

export function searchRoutes(router: Router): void {
  router.post('/rest/api/3/search/jql', (ctx) => {
    const body = requireObject(ctx.body);
    return search(ctx, {
      jql: body.jql,
      nextPageToken: body.nextPageToken,
      maxResults: body.maxResults,
      fields: listValue(body.fields, 'fields'),
      properties: listValue(body.properties, 'properties'),
      expand: listValue(body.expand, 'expand'),
      reconcileIssues: reconcileIds(body.reconcileIssues),
    });
  });
  router.get('/rest/api/3/search/jql', (ctx) => search(ctx, {
    jql: ctx.query.get('jql') ?? '',
    nextPageToken: ctx.query.get('nextPageToken') ?? undefined,
    maxResults: ctx.query.has('maxResults') ? intParam(ctx.query, 'maxResults', 50) : undefined,
    fields: listParam(ctx.query, 'fields'),
    properties: listParam(ctx.query, 'properties'),
    expand: listParam(ctx.query, 'expand'),
  }));
  router.post('/rest/api/3/search/approximate-count', async (ctx) => {
    const body = requireObject(ctx.body);
    if (typeof body.jql !== 'string') throw badRequest("'jql' is required.");
    const query = await compileQuery(ctx, body.jql);
    if (!query.bounded) throw badRequest(UNBOUNDED_JQL);
    return ok({ count: runQuery(ctx, query).length });
  });
  const removed = () => {
    throw new JiraError(410, ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046']);
  };
  router.get('/rest/api/3/search', removed);
  router.post('/rest/api/3/search', removed);
}

/** `reconcileIssues` (SearchAndReconcileRequestBean): at most 50 issue ids (int64) searched with read-after-write consistency. */
function reconcileIds(value: unknown): Set<string> {
  if (value === undefined || value === null) return new Set();
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)) {
    throw badRequest("'reconcileIssues' must be a list of issue ids (numbers).");
  }
  if (value.length > 50) throw badRequest("'reconcileIssues' accepts at most 50 issue ids.");
  return new Set(value.map((id) => String(id)));
}

interface SearchInput {
  reconcileIssues?: Set<string>;
  jql: unknown;
  nextPageToken: unknown;
  maxResults: unknown;
  fields?: string[];
  properties?: string[];
  expand?: string[];
}

/** Only ids/keys requested: Jira pages up to 5000 issues; with fields, about 100. */
function pageCap(input: SearchInput): number {
  const onlyIds = (input.fields ?? []).every((f) => f === 'id' || f === 'key') && !input.properties?.length && !input.expand?.length;
  return onlyIds ? 5000 : 100;
}

async function search(ctx: RequestContext, input: SearchInput) {
  if (typeof input.jql !== 'string') throw badRequest("'jql' must be a string.");
  if (input.maxResults !== undefined && (typeof input.maxResults !== 'number' || !Number.isInteger(input.maxResults) || input.maxResults < 0)) {
    throw badRequest("'maxResults' must be a non-negative integer.");
  }
  const maxResults = Math.min(input.maxResults === undefined ? 50 : (input.maxResults as number), pageCap(input));
  const scope = createHash('sha1').update(input.jql).digest('hex').slice(0, 12);
  const offset = input.nextPageToken === undefined || input.nextPageToken === null || input.nextPageToken === '' ? 0 : decodeOffsetToken(input.nextPageToken, scope);
  const query = await compileQuery(ctx, input.jql);
  if (!query.bounded) throw badRequest(UNBOUNDED_JQL);
  const reconciled = input.reconcileIssues ?? new Set<string>();
  // While written issues wait for the index, search runs over what the index holds (see SandboxKnobs.indexDelayMs).
  const candidates = ctx.indexed && ctx.indexPending?.()
    ? ctx.site.issues.map((issue) => ctx.indexed!(issue, reconciled)).filter((issue): issue is SandboxIssue => issue !== null)
    : ctx.site.issues;
  const cacheKey = `${ctx.user.accountId}\u0000${input.jql}\u0000${[...reconciled].sort().join(',')}`;
  const matched = cachedResults(ctx, cacheKey, () => runQuery(ctx, query, candidates), offset > 0);
  const view = issueView(ctx.site, { fields: input.fields, properties: input.properties, expand: input.expand }, 'search');
  const page = matched.slice(offset, offset + maxResults);
  const isLast = offset + page.length >= matched.length;
  const result: Record<string, unknown> = { issues: page.map((issue) => issueJson(ctx.site, ctx.user, issue, view)), isLast };
  if (!isLast) result.nextPageToken = encodeOffsetToken(offset + page.length, scope);
  return ok(result);
}


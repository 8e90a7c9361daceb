/**
 * Users: the caller (/myself), one user, search, bulk and assignable search.
 */
import type { SandboxUser } from '../model';
import { canBrowseIssue, findIssue, findUser, hasPermission, projectOf, visibleProject } from './access';
import { ISSUE_NOT_FOUND, Router, badRequest, notFound, offsetPage, ok, pageParams, type RequestContext } from './http';
import { userJson } from './present';

export function userRoutes(router: Router): void {
  router.get('/rest/api/3/myself', (ctx) => ok({ ...userJson(ctx.site, ctx.user), groups: { size: 0, items: [] }, applicationRoles: { size: 1, items: [] } }));
  router.get('/rest/api/3/user', getUser);
  router.get('/rest/api/3/user/search', searchUsers);
  router.get('/rest/api/3/user/bulk', bulkUsers);
  router.get('/rest/api/3/user/assignable/search', assignableUsers);
}

function getUser(ctx: RequestContext) {
  const accountId = ctx.query.get('accountId');
  if (!accountId) throw badRequest("The 'accountId' query parameter needs to be provided.");
  const user = findUser(ctx.site, accountId);
  if (!user) throw notFound('Specified user does not exist or you do not have required permissions');
  return ok(userJson(ctx.site, user));
}

/** Jira matches the query against the start of words in the display name and the email address. */
function matchesQuery(user: SandboxUser, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const words = user.displayName.toLowerCase().split(/\s+/);
  return user.displayName.toLowerCase().startsWith(q) || words.some((w) => w.startsWith(q)) || user.emailAddress.toLowerCase().startsWith(q);
}

function searchUsers(ctx: RequestContext) {
  const query = ctx.query.get('query');
  const accountId = ctx.query.get('accountId');
  if (query === null && accountId === null) throw badRequest("One of 'query' or 'accountId' query parameters must be provided.");
  const { startAt, maxResults } = pageParams(ctx.query, 50, 1000);
  const users = ctx.site.users.filter((u) => u.active && u.accountType === 'atlassian'
    && (accountId === null || u.accountId === accountId)
    && (query === null || matchesQuery(u, query)));
  return ok(users.slice(startAt, startAt + maxResults).map((u) => userJson(ctx.site, u)));
}

function bulkUsers(ctx: RequestContext) {
  const ids = ctx.query.getAll('accountId').flatMap((v) => v.split(',')).filter(Boolean);
  if (ids.length === 0) throw badRequest("The 'accountId' query parameter needs to be provided.");
  const { startAt, maxResults } = pageParams(ctx.query, 10, 200);
  const users = ids.map((id) => findUser(ctx.site, id)).filter((u): u is SandboxUser => !!u).map((u) => userJson(ctx.site, u));
  const page = offsetPage(users, startAt, maxResults);
  return ok({ self: `${ctx.site.baseUrl}/rest/api/3/user/bulk?${ctx.query.toString()}`, ...page });
}

/** Users holding ASSIGNABLE_USER in the project (or the issue's project). */
function assignableUsers(ctx: RequestContext) {
  const projectParam = ctx.query.get('project');
  const issueKey = ctx.query.get('issueKey') ?? ctx.query.get('issueId');
  let project;
  if (issueKey) {
    const issue = findIssue(ctx.site, issueKey);
    if (!issue || !canBrowseIssue(ctx.site, ctx.user, issue)) throw notFound(ISSUE_NOT_FOUND);
    project = projectOf(ctx.site, issue);
  } else if (projectParam) {
    project = visibleProject(ctx, projectParam);
  } else {
    throw badRequest('Either the project or the issueKey parameter must be provided.');
  }
  const query = ctx.query.get('query');
  const accountId = ctx.query.get('accountId');
  const { startAt, maxResults } = pageParams(ctx.query, 50, 1000);
  const users = ctx.site.users.filter((u) => u.active && u.accountType === 'atlassian' && hasPermission(project, u, 'ASSIGNABLE_USER')
    && (accountId === null || u.accountId === accountId)
    && (query === null || matchesQuery(u, query)));
  return ok(users.slice(startAt, startAt + maxResults).map((u) => userJson(ctx.site, u)));
}


/**
 * Jira Software's agile API: boards, their sprints, a sprint's and a board's issues — under
 * /rest/agile/1.0 (offset paged) and /rest/software/1.0 (token paged, what jira.js 6 calls).
 * Boards of projects the caller cannot browse do not exist for them.
 */
import type { BoardDef, SandboxIssue, SprintDef } from '../model';
import { canBrowse, findProject, visibleIssue } from './access';
import { JiraError, Router, badRequest, intParam, listParam, notFound, offsetPage, ok, pageParams, type RequestContext } from './http';
import { decodeOffsetToken, encodeOffsetToken } from './issues';
import { issueJson, issueSprints, issueView } from './issueJson';
import { avatarUrls, sprintJson } from './present';
import { compileQuery, runQuery } from './search';

export function agileRoutes(router: Router): void {
  router.get('/rest/agile/1.0/board', listBoards);
  router.get('/rest/agile/1.0/board/:boardId', (ctx) => ok(boardJson(ctx, visibleBoard(ctx, ctx.params.boardId))));
  router.get('/rest/agile/1.0/board/:boardId/sprint', boardSprints);
  router.get('/rest/agile/1.0/sprint/:sprintId', (ctx) => ok(sprintJson(ctx.site, visibleSprint(ctx, ctx.params.sprintId))));
  router.get('/rest/agile/1.0/sprint/:sprintId/issue', (ctx) => offsetIssues(ctx, sprintIssues(ctx)));
  router.get('/rest/agile/1.0/board/:boardId/issue', (ctx) => offsetIssues(ctx, boardIssues(ctx)));
  router.get('/rest/software/1.0/sprint/:sprintId/issue', (ctx) => tokenIssues(ctx, sprintIssues(ctx), `sprint:${ctx.params.sprintId}`));
  router.get('/rest/software/1.0/board/:boardId/issue', (ctx) => tokenIssues(ctx, boardIssues(ctx), `board:${ctx.params.boardId}`));
  router.get('/rest/agile/1.0/issue/:issueIdOrKey', (ctx) => {
    const { issue } = visibleIssue(ctx, ctx.params.issueIdOrKey);
    return ok(agileIssueJson(ctx, issue));
  });
}

function mayBrowseBoard(ctx: RequestContext, board: BoardDef): boolean {
  const project = ctx.site.projects.find((p) => p.id === board.projectId);
  return !!project && canBrowse(project, ctx.user);
}

function visibleBoard(ctx: RequestContext, id: string): BoardDef {
  const board = ctx.site.boards.find((b) => String(b.id) === id);
  if (!board || !mayBrowseBoard(ctx, board)) throw notFound('Board does not exist or you do not have permission to see it.');
  return board;
}

function visibleSprint(ctx: RequestContext, id: string): SprintDef {
  const sprint = ctx.site.sprints.find((s) => String(s.id) === id);
  const board = sprint && ctx.site.boards.find((b) => b.id === sprint.boardId);
  if (!sprint || !board || !mayBrowseBoard(ctx, board)) throw notFound('Sprint does not exist or you do not have permission to see it.');
  return sprint;
}

function boardJson(ctx: RequestContext, board: BoardDef): Record<string, unknown> {
  const project = ctx.site.projects.find((p) => p.id === board.projectId)!;
  return {
    id: board.id,
    self: `${ctx.site.baseUrl}/rest/agile/1.0/board/${board.id}`,
    name: board.name,
    type: board.type,
    location: {
      projectId: Number(project.id),
      displayName: `${project.name} (${project.key})`,
      projectName: project.name,
      projectKey: project.key,
      projectTypeKey: project.projectTypeKey,
      avatarURI: avatarUrls(ctx.site.baseUrl, 'project', project.id)['48x48'],
      name: `${project.name} (${project.key})`,
    },
    isPrivate: false,
  };
}

function listBoards(ctx: RequestContext) {
  const { startAt, maxResults } = pageParams(ctx.query, 50, 50);
  const projectParam = ctx.query.get('projectKeyOrId');
  const types = listParam(ctx.query, 'type');
  const name = ctx.query.get('name')?.toLowerCase();
  let projectId: string | null = null;
  if (projectParam) {
    const project = findProject(ctx.site, projectParam);
    if (!project || !canBrowse(project, ctx.user)) throw new JiraError(400, [`No project could be found with key or id '${projectParam}'.`]);
    projectId = project.id;
  }
  const boards = ctx.site.boards
    .filter((b) => mayBrowseBoard(ctx, b))
    .filter((b) => projectId === null || b.projectId === projectId)
    .filter((b) => !types || types.includes(b.type))
    .filter((b) => !name || b.name.toLowerCase().includes(name));
  return ok(offsetPage(boards.map((b) => boardJson(ctx, b)), startAt, maxResults));
}

function boardSprints(ctx: RequestContext) {
  const board = visibleBoard(ctx, ctx.params.boardId);
  if (board.type !== 'scrum') throw badRequest('The board does not support sprints');
  const { startAt, maxResults } = pageParams(ctx.query, 50, 50);
  const states = listParam(ctx.query, 'state');
  const bad = states?.find((s) => !['active', 'closed', 'future'].includes(s));
  if (bad) throw badRequest(`The sprint state '${bad}' is not valid; use active, closed or future.`);
  const sprints = ctx.site.sprints.filter((s) => s.boardId === board.id && (!states || states.includes(s.state)));
  const page = offsetPage(sprints.map((s) => sprintJson(ctx.site, s)), startAt, maxResults);
  return ok({ maxResults: page.maxResults, startAt: page.startAt, isLast: page.isLast, values: page.values });
}

/** A sprint's issues: every issue whose Sprint field holds the sprint. */
function sprintIssues(ctx: RequestContext): SandboxIssue[] {
  const sprint = visibleSprint(ctx, ctx.params.sprintId);
  return ctx.site.issues.filter((i) => i.sprintIds.includes(sprint.id));
}

/** A board's issues: the issues of its project (the board's filter is `project = X`). */
function boardIssues(ctx: RequestContext): SandboxIssue[] {
  const board = visibleBoard(ctx, ctx.params.boardId);
  return ctx.site.issues.filter((i) => i.projectId === board.projectId);
}

/** Board order: the sandbox has no rank field, so issues keep the order they were created in. */
const byRank = (a: SandboxIssue, b: SandboxIssue): number => Number(a.id) - Number(b.id);

/** Whether a JQL query has its own ORDER BY (quoted text aside). */
const hasOrderBy = (jql: string): boolean => /\border\s+by\b/i.test(jql.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ''));

/**
 * Narrows by the optional `jql` parameter (no bound needed: the board or sprint bounds it).
 * Results come in rank order unless the query orders them itself, as the agile API does.
 */
async function narrow(ctx: RequestContext, issues: SandboxIssue[]): Promise<SandboxIssue[]> {
  const jql = ctx.query.get('jql');
  if (!jql) return runQuery(ctx, { matches: () => true, compare: byRank, bounded: true }, issues);
  const query = await compileQuery(ctx, jql);
  return runQuery(ctx, hasOrderBy(jql) ? query : { ...query, compare: byRank }, issues);
}

function agileView(ctx: RequestContext) {
  return issueView(ctx.site, { fields: listParam(ctx.query, 'fields'), expand: listParam(ctx.query, 'expand'), properties: listParam(ctx.query, 'properties') }, 'agile');
}

/** The agile API adds `sprint` (current) and `closedSprints` to the issue's fields. */
function agileIssueJson(ctx: RequestContext, issue: SandboxIssue, view = agileView(ctx)): Record<string, unknown> {
  const json = issueJson(ctx.site, ctx.user, issue, view);
  const fields = json.fields as Record<string, unknown>;
  const sprints = issueSprints(ctx.site, issue);
  const current = [...sprints].reverse().find((s) => s.state !== 'closed');
  fields.sprint = current ? sprintJson(ctx.site, current) : null;
  fields.closedSprints = sprints.filter((s) => s.state === 'closed').map((s) => sprintJson(ctx.site, s));
  return json;
}

async function offsetIssues(ctx: RequestContext, candidates: SandboxIssue[]) {
  const { startAt, maxResults } = pageParams(ctx.query, 50, 100);
  const issues = await narrow(ctx, candidates);
  const view = agileView(ctx);
  return ok({
    expand: 'schema,names',
    startAt,
    maxResults,
    total: issues.length,
    issues: issues.slice(startAt, startAt + maxResults).map((i) => agileIssueJson(ctx, i, view)),
  });
}

async function tokenIssues(ctx: RequestContext, candidates: SandboxIssue[], scope: string) {
  const maxResults = Math.min(Math.max(0, intParam(ctx.query, 'maxResults', 50)), 100);
  const token = ctx.query.get('nextPageToken');
  const offset = token ? decodeOffsetToken(token, scope) : 0;
  const issues = await narrow(ctx, candidates);
  const view = agileView(ctx);
  const page = issues.slice(offset, offset + maxResults);
  const isLast = offset + page.length >= issues.length;
  const result: Record<string, unknown> = { issues: page.map((i) => agileIssueJson(ctx, i, view)), isLast };
  if (!isLast) result.nextPageToken = encodeOffsetToken(offset + page.length, scope);
  return ok(result);
}

/**
 * Issue comments: paged list ordered by created, add (ADF body, optional role visibility),
 * read and update one.
 */
import type { CommentRecord } from '../model';
import { canAdminister, canSeeRestricted, hasPermission, isAppUser, visibleIssue } from './access';
import { isAdfDoc, jiraDateTime } from './format';
import { JiraError, Router, badRequest, created, forbidden, isRecord, listParam, notFound, ok, pageParams, requireObject, type RequestContext } from './http';
import { nextId, recordChange } from './mutate';
import { commentJson } from './present';

export function commentRoutes(router: Router): void {
  router.get('/rest/api/3/issue/:issueIdOrKey/comment', listComments);
  router.post('/rest/api/3/issue/:issueIdOrKey/comment', addComment);
  router.get('/rest/api/3/issue/:issueIdOrKey/comment/:id', getComment);
  router.put('/rest/api/3/issue/:issueIdOrKey/comment/:id', updateComment);
}

function listComments(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const { startAt, maxResults } = pageParams(ctx.query, 5000, 5000);
  const orderBy = ctx.query.get('orderBy') ?? 'created';
  if (!['created', '+created', '-created'].includes(orderBy)) throw badRequest(`The orderBy value '${orderBy}' is not supported; use created or -created.`);
  const rendered = (listParam(ctx.query, 'expand') ?? []).includes('renderedBody');
  const visible = issue.comments
    .filter((c) => canSeeRestricted(project, ctx.user, c.visibility, ctx.site))
    .sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || Number(a.id) - Number(b.id));
  if (orderBy === '-created') visible.reverse();
  const comments = visible.slice(startAt, startAt + maxResults).map((c) => commentJson(ctx.site, issue.id, c, rendered));
  return ok({ startAt, maxResults, total: visible.length, comments });
}

/** A comment's or worklog's `visibility` from a request body: a role the site knows (the sandbox has no groups). */
export function readVisibility(ctx: RequestContext, value: unknown): CommentRecord['visibility'] {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || (value.type !== 'role' && value.type !== 'group') || typeof value.value !== 'string') {
    throw badRequest("'visibility' must be { type: 'role' | 'group', value }.");
  }
  if (value.type === 'role' && !ctx.site.roles.some((r) => r.name === value.value)) {
    throw new JiraError(400, [], { commentLevel: `You are currently not a member of the project role: ${value.value}.` });
  }
  if (value.type === 'group') throw new JiraError(400, [], { commentLevel: `Group: ${value.value} does not exist.` });
  return { type: value.type, value: value.value };
}

function addComment(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const body = requireObject(ctx.body);
  if (!hasPermission(project, ctx.user, 'ADD_COMMENTS')) throw forbidden('You do not have the permission to comment on this issue.');
  if (!isAdfDoc(body.body)) throw new JiraError(400, [], { comment: 'Comment body must be an Atlassian Document (see the Atlassian Document Format).' });
  if (body.body.content.length === 0) throw new JiraError(400, [], { comment: 'Comment body can not be empty!' });
  const visibility = readVisibility(ctx, body.visibility);
  if (visibility && !canSeeRestricted(project, ctx.user, visibility, ctx.site)) {
    throw new JiraError(400, [], { commentLevel: `You are currently not a member of the project role: ${visibility.value}.` });
  }
  const stamp = jiraDateTime(ctx.now());
  const comment: CommentRecord = {
    id: String(nextId(ctx.site, 'comment')),
    author: ctx.user.accountId,
    body: body.body,
    created: stamp,
    updated: stamp,
    ...(visibility ? { visibility } : {}),
  };
  issue.comments.push(comment);
  recordChange(ctx, issue, []);
  ctx.changed();
  ctx.emit({ eventType: 'avi:jira:created:comment', issueId: issue.id, issueKey: issue.key, commentId: comment.id, atlassianId: ctx.user.accountId });
  return created(commentJson(ctx.site, issue.id, comment));
}

function findComment(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const comment = issue.comments.find((c) => c.id === ctx.params.id);
  if (!comment || !canSeeRestricted(project, ctx.user, comment.visibility, ctx.site)) {
    throw notFound(`Can not find a comment for key: ${ctx.params.id}.`);
  }
  return { issue, project, comment };
}

function getComment(ctx: RequestContext) {
  const { issue, comment } = findComment(ctx);
  return ok(commentJson(ctx.site, issue.id, comment, (listParam(ctx.query, 'expand') ?? []).includes('renderedBody')));
}

/** Authors edit their own comments; project administrators (and the app) edit any. */
function updateComment(ctx: RequestContext) {
  const { issue, project, comment } = findComment(ctx);
  const body = requireObject(ctx.body);
  const own = comment.author === ctx.user.accountId;
  if (!(own || isAppUser(ctx.user) || canAdminister(project, ctx.user))) {
    throw forbidden('You do not have the permission to edit this comment.');
  }
  if (!isAdfDoc(body.body)) throw new JiraError(400, [], { comment: 'Comment body must be an Atlassian Document (see the Atlassian Document Format).' });
  const visibility = body.visibility === undefined ? comment.visibility : readVisibility(ctx, body.visibility);
  comment.body = body.body;
  comment.updated = jiraDateTime(ctx.now());
  if (visibility) comment.visibility = visibility;
  else delete comment.visibility;
  recordChange(ctx, issue, []);
  ctx.changed();
  ctx.emit({ eventType: 'avi:jira:updated:comment', issueId: issue.id, issueKey: issue.key, commentId: comment.id, atlassianId: ctx.user.accountId });
  return ok(commentJson(ctx.site, issue.id, comment));
}

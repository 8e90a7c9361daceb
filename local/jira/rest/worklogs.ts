/**
 * Worklogs: per issue (paged, filtered by started), add/update, and the bulk pair Jira offers for
 * reporting: GET /worklog/updated (ids changed since, 1000 a page) and POST /worklog/list.
 * Worklogs on issues the caller cannot browse are never returned.
 */
import type { SandboxIssue, SandboxProject, WorklogRecord } from '../model';
import { canBrowse, canSeeRestricted, hasPermission, projectOf, securityLevelAdmits, visibleIssue } from './access';
import { epochMs, isAdfDoc, jiraDateTime, parseDuration } from './format';
import { JiraError, Router, badRequest, created, forbidden, intParam, notFound, ok, pageParams, requireObject, type RequestContext } from './http';
import { readVisibility } from './comments';
import { jiraItem, nextId, recordChange } from './mutate';
import { worklogJson } from './present';

/** Page size of /worklog/updated, and the most ids /worklog/list takes. */
export const WORKLOG_BULK_LIMIT = 1000;

export function worklogRoutes(router: Router): void {
  router.get('/rest/api/3/issue/:issueIdOrKey/worklog', listIssueWorklogs);
  router.post('/rest/api/3/issue/:issueIdOrKey/worklog', addWorklog);
  router.get('/rest/api/3/issue/:issueIdOrKey/worklog/:id', getWorklog);
  router.put('/rest/api/3/issue/:issueIdOrKey/worklog/:id', updateWorklog);
  router.get('/rest/api/3/worklog/updated', worklogsUpdatedSince);
  router.post('/rest/api/3/worklog/list', worklogsByIds);
}

function listIssueWorklogs(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const { startAt, maxResults } = pageParams(ctx.query, 5000, 5000);
  const after = ctx.query.has('startedAfter') ? intParam(ctx.query, 'startedAfter', 0) : null;
  const before = ctx.query.has('startedBefore') ? intParam(ctx.query, 'startedBefore', 0) : null;
  const matching = issue.worklogs.filter((w) => {
    if (!canSeeRestricted(project, ctx.user, w.visibility, ctx.site)) return false;
    const started = epochMs(w.started);
    return (after === null || started >= after) && (before === null || started < before);
  });
  const worklogs = matching.slice(startAt, startAt + maxResults).map((w) => worklogJson(ctx.site, issue.id, w));
  return ok({ startAt, maxResults, total: matching.length, worklogs });
}

/** Reads `timeSpentSeconds` / `timeSpent`, `started` and `comment` into a validated worklog draft. */
function readWorklogInput(body: Record<string, unknown>, existing?: WorklogRecord): { seconds: number; started: string; comment?: WorklogRecord['comment'] } {
  const errors: Record<string, string> = {};
  let seconds = existing?.timeSpentSeconds;
  if (body.timeSpentSeconds !== undefined) {
    if (typeof body.timeSpentSeconds !== 'number' || !Number.isInteger(body.timeSpentSeconds) || body.timeSpentSeconds <= 0) {
      errors.timeLogged = 'Time spent must be a positive number of seconds.';
    } else seconds = body.timeSpentSeconds;
  } else if (body.timeSpent !== undefined) {
    const parsed = typeof body.timeSpent === 'string' ? parseDuration(body.timeSpent) : null;
    if (parsed === null || parsed <= 0) errors.timeLogged = 'Invalid time duration entered.';
    else seconds = parsed;
  }
  if (seconds === undefined && !errors.timeLogged) errors.timeLogged = 'You must indicate the time spent working.';
  let started = existing?.started;
  if (body.started !== undefined) {
    const ms = typeof body.started === 'string' ? Date.parse(body.started) : NaN;
    if (Number.isNaN(ms)) errors.started = 'Invalid start date, use the format yyyy-MM-dd\'T\'HH:mm:ss.SSSZ.';
    else started = jiraDateTime(new Date(ms));
  }
  if (started === undefined && !errors.started) errors.started = 'You must specify when the work was started.';
  if (body.comment !== undefined && body.comment !== null && !isAdfDoc(body.comment)) {
    errors.comment = 'Comment must be an Atlassian Document (see the Atlassian Document Format).';
  }
  if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
  const comment = body.comment === undefined ? existing?.comment : (body.comment as WorklogRecord['comment'] | null) ?? undefined;
  return { seconds: seconds!, started: started!, ...(comment ? { comment } : {}) };
}

const totalSeconds = (issue: SandboxIssue): number => issue.worklogs.reduce((sum, w) => sum + w.timeSpentSeconds, 0);

function addWorklog(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  if (!hasPermission(project, ctx.user, 'WORK_ON_ISSUES')) throw forbidden('You do not have the permission to log work on this issue.');
  const body = requireObject(ctx.body);
  const input = readWorklogInput(body);
  const visibility = readVisibility(ctx, body.visibility);
  if (visibility && !canSeeRestricted(project, ctx.user, visibility, ctx.site)) {
    throw new JiraError(400, [], { commentLevel: `You are currently not a member of the project role: ${visibility.value}.` });
  }
  const stamp = jiraDateTime(ctx.now());
  const before = totalSeconds(issue);
  const worklog: WorklogRecord = {
    id: String(nextId(ctx.site, 'worklog')),
    author: ctx.user.accountId,
    timeSpentSeconds: input.seconds,
    started: input.started,
    created: stamp,
    updated: stamp,
    ...(input.comment ? { comment: input.comment } : {}),
    ...(visibility ? { visibility } : {}),
  };
  issue.worklogs.push(worklog);
  recordChange(ctx, issue, [
    jiraItem('timespent', before ? String(before) : null, before ? String(before) : null, String(before + input.seconds), String(before + input.seconds)),
    { field: 'WorklogId', fieldtype: 'jira', from: null, fromString: null, to: worklog.id, toString: worklog.id },
  ]);
  ctx.changed();
  ctx.emit({ eventType: 'avi:jira:created:worklog', issueId: issue.id, issueKey: issue.key, worklogId: worklog.id, atlassianId: ctx.user.accountId });
  return created(worklogJson(ctx.site, issue.id, worklog));
}

function findWorklog(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const worklog = issue.worklogs.find((w) => w.id === ctx.params.id);
  if (!worklog || !canSeeRestricted(project, ctx.user, worklog.visibility, ctx.site)) throw notFound(`Cannot find worklog with id: '${ctx.params.id}'.`);
  return { issue, project, worklog };
}

function getWorklog(ctx: RequestContext) {
  const { issue, worklog } = findWorklog(ctx);
  return ok(worklogJson(ctx.site, issue.id, worklog));
}

/** Authors update their own worklogs; the app and project administrators any. */
function updateWorklog(ctx: RequestContext) {
  const { issue, project, worklog } = findWorklog(ctx);
  const mayEdit = worklog.author === ctx.user.accountId ? hasPermission(project, ctx.user, 'WORK_ON_ISSUES') : hasPermission(project, ctx.user, 'ADMINISTER_PROJECTS');
  if (!mayEdit) throw forbidden('You do not have the permission to edit this worklog.');
  const input = readWorklogInput(requireObject(ctx.body), worklog);
  const before = totalSeconds(issue);
  worklog.timeSpentSeconds = input.seconds;
  worklog.started = input.started;
  if (input.comment) worklog.comment = input.comment;
  worklog.updated = jiraDateTime(ctx.now());
  const after = totalSeconds(issue);
  recordChange(ctx, issue, before === after ? [] : [jiraItem('timespent', String(before), String(before), String(after), String(after))]);
  ctx.changed();
  ctx.emit({ eventType: 'avi:jira:updated:worklog', issueId: issue.id, issueKey: issue.key, worklogId: worklog.id, atlassianId: ctx.user.accountId });
  return ok(worklogJson(ctx.site, issue.id, worklog));
}

/** Every worklog the caller may read (on an issue they may browse, and not restricted to a role they lack), with its issue. */
function browsableWorklogs(ctx: RequestContext): Array<{ issue: SandboxIssue; worklog: WorklogRecord }> {
  // Browse Projects is decided once per project (a site may hold 50k issues); issue security and
  // each worklog's visibility, per issue and worklog.
  const browsable = new Map<string, SandboxProject | null>();
  const out: Array<{ issue: SandboxIssue; worklog: WorklogRecord }> = [];
  for (const issue of ctx.site.issues) {
    if (issue.worklogs.length === 0) continue;
    let project = browsable.get(issue.projectId);
    if (project === undefined) {
      const candidate = projectOf(ctx.site, issue);
      project = canBrowse(candidate, ctx.user) ? candidate : null;
      browsable.set(issue.projectId, project);
    }
    if (!project || !securityLevelAdmits(project, ctx.user, issue)) continue;
    for (const worklog of issue.worklogs) if (!worklog.visibility || canSeeRestricted(project, ctx.user, worklog.visibility, ctx.site)) out.push({ issue, worklog });
  }
  return out;
}

/**
 * GET /worklog/updated?since=<ms>: worklogs updated after `since`, oldest first, 1000 a page.
 * A page never splits worklogs sharing one timestamp, so following `nextPage` (since=until)
 * returns every worklog exactly once.
 */
function worklogsUpdatedSince(ctx: RequestContext) {
  const since = intParam(ctx.query, 'since', 0);
  const rows = browsableWorklogs(ctx)
    .map(({ worklog }) => ({ worklogId: Number(worklog.id), updatedTime: epochMs(worklog.updated) }))
    .filter((r) => r.updatedTime > since)
    .sort((a, b) => a.updatedTime - b.updatedTime || a.worklogId - b.worklogId);
  let end = Math.min(rows.length, WORKLOG_BULK_LIMIT);
  if (end < rows.length) {
    const boundary = rows[end - 1].updatedTime;
    let cut = end;
    while (cut > 0 && rows[cut - 1].updatedTime === boundary) cut--;
    if (cut > 0) end = cut;
    else while (end < rows.length && rows[end].updatedTime === boundary) end++;
  }
  const values = rows.slice(0, end).map((r) => ({ worklogId: r.worklogId, updatedTime: r.updatedTime, properties: [] }));
  const lastPage = end >= rows.length;
  const until = values.length ? values[values.length - 1].updatedTime : since;
  const base = `${ctx.site.baseUrl}/rest/api/3/worklog/updated`;
  const page: Record<string, unknown> = { values, since, until, self: `${base}?since=${since}`, lastPage };
  if (!lastPage) page.nextPage = `${base}?since=${until}`;
  return ok(page);
}

function worklogsByIds(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  if (!Array.isArray(body.ids)) throw badRequest("'ids' must be a list of worklog ids.");
  if (body.ids.length > WORKLOG_BULK_LIMIT) throw badRequest(`The number of worklog ids cannot exceed ${WORKLOG_BULK_LIMIT}.`);
  const wanted = new Set<string>();
  for (const id of body.ids) {
    if (!(typeof id === 'number' && Number.isInteger(id)) && !(typeof id === 'string' && /^\d+$/.test(id))) {
      throw badRequest(`Worklog id '${String(id)}' is not a number.`);
    }
    wanted.add(String(id));
  }
  const found = browsableWorklogs(ctx)
    .filter(({ worklog }) => wanted.has(worklog.id))
    .map(({ issue, worklog }) => worklogJson(ctx.site, issue.id, worklog));
  return ok(found);
}


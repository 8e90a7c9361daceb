/**
 * Issue transitions: list what the workflow offers from the issue's status, and perform one —
 * checking TRANSITION_ISSUES, running the Forge rules attached to the transition through the
 * host's hooks, writing the changelog and resolution, then the post functions.
 */
import type { ChangelogItem, TransitionDef } from '../model';
import { hasPermission, visibleIssue } from './access';
import { readCreateProperties, setIssueProperties } from './issues';
import { jiraDateTime } from './format';
import { JiraError, Router, badRequest, isRecord, noContent, ok, requireObject, type RequestContext } from './http';
import { applyIssueInput } from './issueEdit';
import { isDoneCategory } from './issueJson';
import { jiraItem, recordChange } from './mutate';
import { availableTransitions, statusById, transitionJson, workflowFor } from './workflowEngine';
import type { TransitionHookContext } from '../hooks';

export function transitionRoutes(router: Router): void {
  router.get('/rest/api/3/issue/:issueIdOrKey/transitions', listTransitions);
  router.post('/rest/api/3/issue/:issueIdOrKey/transitions', doTransition);
}

function listTransitions(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  let transitions = availableTransitions(ctx.site, project, issue, ctx.user);
  const only = ctx.query.get('transitionId');
  if (only) transitions = transitions.filter((t) => t.id === only);
  return ok({
    expand: 'transitions',
    transitions: transitions.map((t) => transitionJson(ctx.site, t, issue.statusId)),
  });
}

const RESOLUTION_DONE = { id: '10000', name: 'Done' };

async function doTransition(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const body = requireObject(ctx.body);
  if (!isRecord(body.transition) || (typeof body.transition.id !== 'string' && typeof body.transition.id !== 'number')) {
    throw badRequest("Missing 'transition' identifier.");
  }
  const transitionId = String(body.transition.id);
  if (!hasPermission(project, ctx.user, 'TRANSITION_ISSUES')) {
    throw new JiraError(400, ['You do not have permission to transition this issue.']);
  }
  const find = (): TransitionDef | undefined => availableTransitions(ctx.site, project, issue, ctx.user).find((t) => t.id === transitionId);
  const transition = find();
  if (!transition) throw new JiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);

  // Screen fields are validated on a copy first so a refused transition leaves the issue untouched.
  const input = { fields: body.fields, update: body.update };
  if (input.fields !== undefined || input.update !== undefined) applyIssueInput(ctx, structuredClone(issue), project, input, 'transition');
  // IssueUpdateDetails.properties: set with the transition, after the workflow rules allowed it.
  const properties = readCreateProperties(body.properties);

  const fromStatusId = issue.statusId;
  const workflow = workflowFor(ctx.site, project, issue.issueTypeId);
  // What the transition screen set, as Forge's validator payload carries it (`transition.modifiedFields`).
  const modifiedFields = isRecord(body.fields) ? structuredClone(body.fields) : {};
  let changelog: TransitionHookContext['changelog'];
  const hookContext = (moduleKeys: string[]): TransitionHookContext => ({
    issueKey: issue.key,
    issueId: issue.id,
    projectKey: project.key,
    accountId: ctx.user.accountId,
    transition: { id: transition.id, name: transition.name, from: { id: fromStatusId }, to: { id: transition.to } },
    moduleKeys,
    workflow: { id: workflow.id, name: workflow.name },
    modifiedFields,
    ...(changelog ? { changelog } : {}),
  });

  if (ctx.hooks.validateTransition) {
    // Forge conditions and validators both decide whether the transition may happen.
    const ruleKeys = [...(transition.conditions ?? []), ...(transition.validators ?? [])];
    let verdict: { result: boolean; errorMessage?: string };
    try {
      verdict = await ctx.hooks.validateTransition(hookContext(ruleKeys));
    } catch (err) {
      throw new JiraError(400, [`Workflow validation failed: ${err instanceof Error ? err.message : String(err)}`]);
    }
    if (!verdict.result) throw new JiraError(400, [verdict.errorMessage || 'The transition was refused by a workflow validator.']);
    // The issue may have moved on while the rules ran.
    if (issue.statusId !== fromStatusId || !find()) throw new JiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
  }

  const items: ChangelogItem[] = [];
  if (input.fields !== undefined || input.update !== undefined) items.push(...applyIssueInput(ctx, issue, project, input, 'transition'));
  const from = statusById(ctx.site, fromStatusId);
  const to = statusById(ctx.site, transition.to);
  issue.statusId = to.id;
  const now = ctx.now();
  const wasDone = isDoneCategory(ctx.site, from.id);
  const isDone = isDoneCategory(ctx.site, to.id);
  if (!wasDone && isDone) {
    issue.resolutiondate = jiraDateTime(now);
    items.push(jiraItem('resolution', null, null, RESOLUTION_DONE.id, RESOLUTION_DONE.name));
  } else if (wasDone && !isDone) {
    issue.resolutiondate = null;
    items.push(jiraItem('resolution', RESOLUTION_DONE.id, RESOLUTION_DONE.name, null, null));
  }
  if (from.id !== to.id) items.push(jiraItem('status', from.id, from.name, to.id, to.name));
  setIssueProperties(issue, properties);
  recordChange(ctx, issue, items, now);
  if (items.length > 0) changelog = { id: issue.changelog[issue.changelog.length - 1].id, items };
  ctx.changed();
  ctx.emit({ eventType: 'avi:jira:updated:issue', issueId: issue.id, issueKey: issue.key, atlassianId: ctx.user.accountId, changelog: { items } });

  if (ctx.hooks.afterTransition) {
    try {
      await ctx.hooks.afterTransition(hookContext(transition.postFunctions ?? []));
    } catch (err) {
      // A failing post function does not undo the transition in Jira either.
      console.error(`[jira sandbox] post function after ${issue.key} transition ${transition.id} failed:`, err);
    }
  }
  return noContent();
}

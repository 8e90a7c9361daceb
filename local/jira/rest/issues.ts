/**
 * Issues: read, create, edit, changelog, entity properties, links, notifications and the
 * app-only custom field value endpoints.
 */
import type { ChangelogItem, SandboxIssue } from '../model';
import { canBrowse, canBrowseIssue, findIssue, findProject, findUser, hasPermission, isAppUser, visibleIssue } from './access';
import { findField } from './fields';
import { jiraDateTime } from './format';
import {
  ISSUE_NOT_FOUND, JiraError, Router, badRequest, created, forbidden, intParam, isRecord, listParam, listValue, noContent, notFound, ok,
  requireObject, type RequestContext,
} from './http';
import { applyIssueInput, customValueError, refInput } from './issueEdit';
import { issueJson, issueView } from './issueJson';
import { nextId, recordChange } from './mutate';
import { changelogJson, linkTypeJson } from './present';
import { workflowFor } from './workflowEngine';

/** Jira's limit on an entity property value. */
export const PROPERTY_VALUE_LIMIT = 32_768;
const PROPERTY_KEY_LIMIT = 255;

export function issueRoutes(router: Router): void {
  router.get('/rest/api/3/issue/:issueIdOrKey', getIssue);
  router.post('/rest/api/3/issue', createIssue);
  router.put('/rest/api/3/issue/:issueIdOrKey', editIssue);
  router.get('/rest/api/3/issue/:issueIdOrKey/changelog', getChangelog);
  router.post('/rest/api/3/changelog/bulkfetch', bulkFetchChangelogs);
  router.get('/rest/api/3/issue/:issueIdOrKey/properties', listProperties);
  router.get('/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', getProperty);
  router.put('/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', setProperty);
  router.delete('/rest/api/3/issue/:issueIdOrKey/properties/:propertyKey', deleteProperty);
  router.post('/rest/api/3/issueLink', createLink);
  router.get('/rest/api/3/issueLink/:linkId', getLink);
  router.get('/rest/api/3/issueLinkType', (ctx) => ok({ issueLinkTypes: ctx.site.linkTypes.map((t) => linkTypeJson(ctx.site, t)) }));
  router.get('/rest/api/3/issueLinkType/:id', (ctx) => {
    const type = ctx.site.linkTypes.find((t) => t.id === ctx.params.id);
    if (!type) throw notFound(`No issue link type with id '${ctx.params.id}' found.`);
    return ok(linkTypeJson(ctx.site, type));
  });
  router.post('/rest/api/3/issue/:issueIdOrKey/notify', notify);
  router.put('/rest/api/3/app/field/:fieldIdOrKey/value', setAppFieldValue);
  router.post('/rest/api/3/app/field/value', setAppFieldValues);
}

function getIssue(ctx: RequestContext) {
  const { issue } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const view = issueView(ctx.site, {
    fields: listParam(ctx.query, 'fields'),
    properties: listParam(ctx.query, 'properties'),
    expand: listParam(ctx.query, 'expand'),
  }, 'issue');
  return ok(issueJson(ctx.site, ctx.user, issue, view));
}

function createIssue(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  if (!isRecord(body.fields)) throw badRequest("The request must contain 'fields'.");
  const fields = body.fields;
  const errors: Record<string, string> = {};

  const projectRef = refInput(fields.project);
  const project = projectRef ? findProject(ctx.site, projectRef.id ?? projectRef.key ?? '') : undefined;
  const visible = project && canBrowse(project, ctx.user);
  if (!project || !visible) errors.project = 'Specify a valid project ID or key';

  const typeRef = refInput(fields.issuetype);
  const issueType = typeRef ? ctx.site.issueTypes.find((t) => t.id === typeRef.id || t.name === typeRef.name) : undefined;
  if (!typeRef) errors.issuetype = 'Specify an issue type';
  else if (!issueType || (project && !project.issueTypeIds.includes(issueType.id))) errors.issuetype = 'The issue type selected is invalid.';

  if (fields.summary === undefined || fields.summary === null || (typeof fields.summary === 'string' && fields.summary.trim() === '')) {
    errors.summary = 'You must specify a summary of the issue.';
  }
  if (Object.keys(errors).length > 0 || !project || !issueType) throw new JiraError(400, [], errors);
  if (!hasPermission(project, ctx.user, 'CREATE_ISSUES')) {
    throw new JiraError(400, [], { project: 'You do not have permission to create issues in this project.' });
  }
  if (issueType.subtask && !refInput(fields.parent)) throw new JiraError(400, [], { parent: 'Given parent work item does not belong to appropriate hierarchy.' });

  const now = ctx.now();
  const stamp = jiraDateTime(now);
  const workflow = workflowFor(ctx.site, project, issueType.id);
  const defaultPriority = ctx.site.priorities.find((p) => p.name.toLowerCase() === 'medium') ?? ctx.site.priorities[0];
  const issue: SandboxIssue = {
    id: '',
    key: '',
    projectId: project.id,
    issueTypeId: issueType.id,
    statusId: workflow.initialStatusId,
    summary: '',
    description: null,
    assignee: null,
    reporter: ctx.user.accountId,
    creator: ctx.user.accountId,
    created: stamp,
    updated: stamp,
    resolutiondate: null,
    duedate: null,
    labels: [],
    priorityId: defaultPriority?.id ?? '',
    parentId: null,
    sprintIds: [],
    customFields: {},
    properties: {},
    changelog: [],
    comments: [],
    worklogs: [],
  };
  const properties = readCreateProperties(body.properties);
  // Validates every field before the issue exists; nothing is stored on failure.
  applyIssueInput(ctx, issue, project, { fields, update: body.update }, 'create');

  issue.id = String(nextId(ctx.site, 'issue'));
  issue.key = `${project.key}-${nextIssueNumber(ctx, project.id, project.key)}`;
  issue.properties = properties;
  ctx.site.issues.push(issue);
  ctx.changed();
  ctx.emit({ eventType: 'avi:jira:created:issue', issueId: issue.id, issueKey: issue.key, atlassianId: ctx.user.accountId });
  return created({ id: issue.id, key: issue.key, self: `${ctx.site.baseUrl}/rest/api/3/issue/${issue.id}` });
}

/** Sets each given property on the issue (create, edit and transition bodies carry them); whether any was given. */
export function setIssueProperties(issue: SandboxIssue, properties: Record<string, unknown>): boolean {
  for (const [key, value] of Object.entries(properties)) issue.properties[key] = value;
  return Object.keys(properties).length > 0;
}

/** IssueUpdateDetails.properties: a list of { key, value }, each checked as a property PUT would be. */
export function readCreateProperties(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (!Array.isArray(value)) throw badRequest("'properties' must be a list of { key, value }.");
  const out: Record<string, unknown> = {};
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.key !== 'string') throw badRequest("Each property needs a string 'key' and a 'value'.");
    checkProperty(entry.key, entry.value);
    out[entry.key] = entry.value;
  }
  return out;
}

function nextIssueNumber(ctx: RequestContext, projectId: string, projectKey: string): number {
  let max = 0;
  const prefix = `${projectKey}-`;
  for (const issue of ctx.site.issues) {
    if (issue.projectId !== projectId || !issue.key.startsWith(prefix)) continue;
    const n = Number(issue.key.slice(prefix.length));
    if (n > max) max = n;
  }
  return max + 1;
}

function editIssue(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const body = requireObject(ctx.body);
  if (body.fields === undefined && body.update === undefined && body.properties === undefined) throw badRequest("The request must contain 'fields', 'update' or 'properties'.");
  if (!hasPermission(project, ctx.user, 'EDIT_ISSUES')) {
    throw new JiraError(400, ['You do not have permission to edit issues in this project.']);
  }
  // IssueUpdateDetails.properties: set alongside the edit (no changelog entry), validated before anything changes.
  const properties = readCreateProperties(body.properties);
  const items = body.fields === undefined && body.update === undefined ? [] : applyIssueInput(ctx, issue, project, { fields: body.fields, update: body.update }, 'edit');
  if (setIssueProperties(issue, properties)) ctx.changed();
  if (items.length > 0) {
    recordChange(ctx, issue, items);
    ctx.changed();
    ctx.emit({ eventType: 'avi:jira:updated:issue', issueId: issue.id, issueKey: issue.key, atlassianId: ctx.user.accountId, changelog: { items } });
  }
  return noContent();
}

function getChangelog(ctx: RequestContext) {
  const { issue } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const startAt = Math.max(0, intParam(ctx.query, 'startAt', 0));
  const maxResults = Math.min(Math.max(0, intParam(ctx.query, 'maxResults', 100)), 100);
  const values = issue.changelog.slice(startAt, startAt + maxResults).map((e) => changelogJson(ctx.site, e));
  const isLast = startAt + values.length >= issue.changelog.length;
  const self = `${ctx.site.baseUrl}/rest/api/3/issue/${issue.key}/changelog?maxResults=${maxResults}&startAt=${startAt}`;
  const page: Record<string, unknown> = { self, maxResults, startAt, total: issue.changelog.length, isLast, values };
  if (!isLast) page.nextPage = `${ctx.site.baseUrl}/rest/api/3/issue/${issue.key}/changelog?maxResults=${maxResults}&startAt=${startAt + values.length}`;
  return ok(page);
}

/** POST /changelog/bulkfetch: changelogs of up to 1000 issues, oldest first, paged by token. */
function bulkFetchChangelogs(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  const ids = listValue(body.issueIdsOrKeys, 'issueIdsOrKeys');
  if (!ids || ids.length === 0) throw badRequest('issueIdsOrKeys must not be empty.');
  if (ids.length > 1000) throw badRequest('The maximum number of issues is 1000.');
  const fieldIds = listValue(body.fieldIds, 'fieldIds') ?? [];
  if (fieldIds.length > 10) throw badRequest('The maximum number of field ids is 10.');
  const maxResults = typeof body.maxResults === 'number' ? Math.min(Math.max(1, body.maxResults), 10000) : 1000;
  const offset = body.nextPageToken === undefined || body.nextPageToken === null ? 0 : decodeOffsetToken(body.nextPageToken);

  const rows: Array<{ issueId: string; entry: ReturnType<typeof changelogJson>; created: number; issueNum: number }> = [];
  for (const idOrKey of ids) {
    const issue = findIssue(ctx.site, idOrKey);
    if (!issue || !canBrowseIssue(ctx.site, ctx.user, issue)) continue;
    for (const entry of issue.changelog) {
      const items = fieldIds.length ? entry.items.filter((i) => fieldIds.includes(i.fieldId ?? i.field)) : entry.items;
      if (items.length === 0) continue;
      rows.push({ issueId: issue.id, entry: changelogJson(ctx.site, { ...entry, items }), created: Date.parse(entry.created), issueNum: Number(issue.id) });
    }
  }
  rows.sort((a, b) => a.created - b.created || a.issueNum - b.issueNum);
  const page = rows.slice(offset, offset + maxResults);
  const byIssue = new Map<string, unknown[]>();
  for (const row of page) {
    if (!byIssue.has(row.issueId)) byIssue.set(row.issueId, []);
    byIssue.get(row.issueId)!.push(row.entry);
  }
  const result: Record<string, unknown> = {
    issueChangeLogs: [...byIssue.entries()].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
  };
  if (offset + page.length < rows.length) result.nextPageToken = encodeOffsetToken(offset + page.length);
  return ok(result);
}

export function encodeOffsetToken(offset: number, scope = ''): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

export function decodeOffsetToken(token: unknown, scope = ''): number {
  if (typeof token !== 'string') throw badRequest('Invalid nextPageToken.');
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof parsed.o === 'number' && parsed.o >= 0 && (parsed.s ?? '') === scope) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw badRequest('Invalid nextPageToken.');
}

// ---------------------------------------------------------------------------------------------
// Entity properties

function checkProperty(key: string, value: unknown): void {
  if (key.length === 0) throw badRequest('The property key cannot be empty.');
  if (key.length > PROPERTY_KEY_LIMIT) throw badRequest(`The property key cannot be longer than ${PROPERTY_KEY_LIMIT} characters.`);
  if (value === undefined) throw badRequest('The property value must be a valid JSON value.');
  if (JSON.stringify(value).length > PROPERTY_VALUE_LIMIT) {
    throw badRequest(`The property value cannot be longer than ${PROPERTY_VALUE_LIMIT} characters.`);
  }
}

function listProperties(ctx: RequestContext) {
  const { issue } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  return ok({
    keys: Object.keys(issue.properties).map((key) => ({ self: `${ctx.site.baseUrl}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`, key })),
  });
}

function getProperty(ctx: RequestContext) {
  const { issue } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const key = ctx.params.propertyKey;
  if (!Object.prototype.hasOwnProperty.call(issue.properties, key)) throw notFound(`The property with key '${key}' does not exist.`);
  return ok({ key, value: issue.properties[key] });
}

function setProperty(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const key = ctx.params.propertyKey;
  if (!hasPermission(project, ctx.user, 'EDIT_ISSUES')) throw forbidden('You do not have permission to edit issue properties.');
  if (ctx.rawBody.trim() === '') throw badRequest('The property value must be a valid JSON value.');
  if (ctx.rawBody.length > PROPERTY_VALUE_LIMIT) {
    throw badRequest(`The property value cannot be longer than ${PROPERTY_VALUE_LIMIT} characters.`);
  }
  checkProperty(key, ctx.body);
  const existed = Object.prototype.hasOwnProperty.call(issue.properties, key);
  issue.properties[key] = ctx.body;
  ctx.changed();
  ctx.emit({ eventType: 'avi:jira:set:issue:property', issueId: issue.id, issueKey: issue.key, propertyKey: key, atlassianId: ctx.user.accountId });
  return { status: existed ? 200 : 201 };
}

function deleteProperty(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const key = ctx.params.propertyKey;
  if (!hasPermission(project, ctx.user, 'EDIT_ISSUES')) throw forbidden('You do not have permission to edit issue properties.');
  if (!Object.prototype.hasOwnProperty.call(issue.properties, key)) throw notFound(`The property with key '${key}' does not exist.`);
  delete issue.properties[key];
  ctx.changed();
  ctx.emit({ eventType: 'avi:jira:deleted:issue:property', issueId: issue.id, issueKey: issue.key, propertyKey: key, atlassianId: ctx.user.accountId });
  return noContent();
}

// ---------------------------------------------------------------------------------------------
// Links

/**
 * POST /issueLink `{ type, inwardIssue, outwardIssue }`: the link reads "inwardIssue <outward>
 * outwardIssue" (for Blocks: inwardIssue blocks outwardIssue). Answers 201 without a body.
 */
function createLink(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  const typeRef = refInput(body.type);
  const type = typeRef && ctx.site.linkTypes.find((t) => t.id === typeRef.id || t.name === typeRef.name);
  if (!type) throw new JiraError(404, [`No issue link type with name '${typeRef?.name ?? typeRef?.id ?? ''}' found.`]);
  const inwardRef = refInput(body.inwardIssue);
  const outwardRef = refInput(body.outwardIssue);
  if (!inwardRef || !outwardRef) throw badRequest('Both inwardIssue and outwardIssue are required.');
  const inward = visibleIssue(ctx, inwardRef.id ?? inwardRef.key ?? '');
  const outward = visibleIssue(ctx, outwardRef.id ?? outwardRef.key ?? '');
  if (!hasPermission(inward.project, ctx.user, 'LINK_ISSUES')) throw forbidden('You do not have the permission to link issues.');
  if (inward.issue.id === outward.issue.id) throw badRequest('You cannot link an issue to itself.');
  const exists = ctx.site.links.some((l) => l.typeId === type.id && l.inwardIssueId === inward.issue.id && l.outwardIssueId === outward.issue.id);
  if (!exists) {
    const id = String(nextId(ctx.site, 'link'));
    ctx.site.links.push({ id, typeId: type.id, inwardIssueId: inward.issue.id, outwardIssueId: outward.issue.id });
    const linkItem = (to: SandboxIssue, description: string): ChangelogItem[] => [
      { field: 'Link', fieldtype: 'jira', from: null, fromString: null, to: to.key, toString: `This issue ${description} ${to.key}` },
    ];
    const inwardItems = linkItem(outward.issue, type.outward);
    const outwardItems = linkItem(inward.issue, type.inward);
    recordChange(ctx, inward.issue, inwardItems);
    recordChange(ctx, outward.issue, outwardItems);
    ctx.changed();
    ctx.emit({ eventType: 'avi:jira:updated:issue', issueId: inward.issue.id, issueKey: inward.issue.key, atlassianId: ctx.user.accountId, changelog: { items: inwardItems } });
    ctx.emit({ eventType: 'avi:jira:updated:issue', issueId: outward.issue.id, issueKey: outward.issue.key, atlassianId: ctx.user.accountId, changelog: { items: outwardItems } });
  }
  return created();
}

function getLink(ctx: RequestContext) {
  const link = ctx.site.links.find((l) => l.id === ctx.params.linkId);
  const type = link && ctx.site.linkTypes.find((t) => t.id === link.typeId);
  const inward = link && findIssue(ctx.site, link.inwardIssueId);
  const outward = link && findIssue(ctx.site, link.outwardIssueId);
  if (!link || !type || !inward || !outward || !canBrowseIssue(ctx.site, ctx.user, inward) || !canBrowseIssue(ctx.site, ctx.user, outward)) {
    throw notFound('No issue link with id ' + ctx.params.linkId + ' exists.');
  }
  const ref = (i: SandboxIssue) => ({ id: i.id, key: i.key, self: `${ctx.site.baseUrl}/rest/api/3/issue/${i.id}` });
  return ok({ id: link.id, self: `${ctx.site.baseUrl}/rest/api/3/issueLink/${link.id}`, type: linkTypeJson(ctx.site, type), inwardIssue: ref(inward), outwardIssue: ref(outward) });
}

// ---------------------------------------------------------------------------------------------
// Notify

/**
 * POST /issue/{key}/notify: resolves the recipients (reporter, assignee, listed users; the sandbox
 * has no watchers, voters or groups) to those who may browse the issue and records the mail.
 */
function notify(ctx: RequestContext) {
  const { issue, project } = visibleIssue(ctx, ctx.params.issueIdOrKey);
  const body = requireObject(ctx.body);
  for (const name of ['subject', 'textBody', 'htmlBody'] as const) {
    if (body[name] !== undefined && typeof body[name] !== 'string') throw badRequest(`'${name}' must be a string.`);
  }
  if (body.to !== undefined && !isRecord(body.to)) throw badRequest("'to' must be an object.");
  const to = (body.to ?? { watchers: true, voters: true }) as Record<string, unknown>;
  const recipients = new Set<string>();
  if (to.reporter === true) recipients.add(issue.reporter);
  if (to.assignee === true && issue.assignee) recipients.add(issue.assignee);
  if (to.users !== undefined) {
    if (!Array.isArray(to.users)) throw badRequest("'to.users' must be a list of { accountId }.");
    for (const u of to.users) {
      if (!isRecord(u) || typeof u.accountId !== 'string') throw badRequest("'to.users' must be a list of { accountId }.");
      if (!findUser(ctx.site, u.accountId)) throw badRequest(`User with accountId '${u.accountId}' does not exist.`);
      recipients.add(u.accountId);
    }
  }
  if (to.groups !== undefined && !Array.isArray(to.groups)) throw badRequest("'to.groups' must be a list of groups.");
  const allowed = [...recipients].filter((id) => {
    const user = findUser(ctx.site, id);
    return !!user && user.active && !isAppUser(user) && canBrowse(project, user);
  });
  const now = ctx.now();
  ctx.site.notifications.push({
    id: String(nextId(ctx.site, 'notification')),
    issueKey: issue.key,
    subject: typeof body.subject === 'string' ? body.subject : `${issue.key}: ${issue.summary}`,
    textBody: typeof body.textBody === 'string' ? body.textBody : '',
    htmlBody: typeof body.htmlBody === 'string' ? body.htmlBody : '',
    to: allowed,
    sentAt: jiraDateTime(now),
    sentBy: ctx.user.accountId,
  });
  ctx.changed();
  return noContent();
}

// ---------------------------------------------------------------------------------------------
// App custom field values (Forge apps set their own fields this way, as the app user)

interface FieldUpdate { issueIds: unknown; value: unknown; customField?: unknown }

function applyAppFieldUpdates(ctx: RequestContext, updates: Array<{ fieldIdOrKey: string; update: FieldUpdate }>) {
  if (!isAppUser(ctx.user)) throw forbidden('Only the app that provides the field can set its value this way.');
  const planned: Array<{ issue: SandboxIssue; fieldId: string; fieldName: string; value: unknown }> = [];
  for (const { fieldIdOrKey, update } of updates) {
    const field = findField(ctx.site, fieldIdOrKey)
      ?? ctx.site.fields.find((f) => f.forge && (f.schema?.custom === fieldIdOrKey || (f.forge.moduleKey === fieldIdOrKey && ownedByCaller(ctx, f))));
    if (!field || !field.custom || !field.forge) throw notFound(`Field '${fieldIdOrKey}' does not exist or is not provided by this app.`);
    // The same module of another environment of this app (dev and prod on one site) is another app as far as Jira is concerned.
    if (!ownedByCaller(ctx, field)) throw new JiraError(403, [`Field '${fieldIdOrKey}' is not provided by this app.`]);
    if (!Array.isArray(update.issueIds) || update.issueIds.length === 0) throw badRequest('issueIds must be a non-empty list.');
    const error = customValueError(field, update.value ?? null);
    if (error) throw badRequest(error);
    for (const rawId of update.issueIds) {
      const issue = findIssue(ctx.site, String(rawId));
      if (!issue) throw new JiraError(404, [ISSUE_NOT_FOUND]);
      planned.push({ issue, fieldId: field.id, fieldName: field.name, value: update.value ?? null });
    }
  }
  for (const { issue, fieldId, fieldName, value } of planned) {
    const before = issue.customFields[fieldId] ?? null;
    if (value === null) delete issue.customFields[fieldId];
    else issue.customFields[fieldId] = value;
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    const items: ChangelogItem[] = [{
      field: fieldName, fieldtype: 'custom', fieldId, from: null,
      fromString: before === null ? null : JSON.stringify(before), to: null, toString: value === null ? null : JSON.stringify(value),
    }];
    recordChange(ctx, issue, items);
    ctx.emit({ eventType: 'avi:jira:updated:issue', issueId: issue.id, issueKey: issue.key, atlassianId: ctx.user.accountId, changelog: { items } });
  }
  ctx.changed();
  return noContent();
}

/** Whether the field's extension id names the app and environment the sandbox serves (`ctx.forge`). */
function ownedByCaller(ctx: RequestContext, field: { schema?: { custom?: string } }): boolean {
  const m = /^ari:cloud:ecosystem::extension\/([^/]+)\/([^/]+)\/static\/[^/]+$/.exec(field.schema?.custom ?? '');
  return !!m && m[1] === ctx.forge.appId && m[2] === ctx.forge.environmentId;
}

function setAppFieldValue(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  if (!Array.isArray(body.updates)) throw badRequest("'updates' must be a list.");
  return applyAppFieldUpdates(ctx, body.updates.map((u) => ({ fieldIdOrKey: ctx.params.fieldIdOrKey, update: requireObject(u, 'update') as unknown as FieldUpdate })));
}

function setAppFieldValues(ctx: RequestContext) {
  const body = requireObject(ctx.body);
  if (!Array.isArray(body.updates)) throw badRequest("'updates' must be a list.");
  return applyAppFieldUpdates(ctx, body.updates.map((u) => {
    const update = requireObject(u, 'update') as unknown as FieldUpdate;
    if (typeof update.customField !== 'string') throw badRequest("Each update needs a 'customField'.");
    return { fieldIdOrKey: update.customField, update };
  }));
}

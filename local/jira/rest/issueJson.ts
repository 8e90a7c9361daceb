/**
 * An issue as Jira prints it: `{ expand, id, self, key, fields, properties?, changelog?, names?,
 * renderedFields?, transitions? }`, honouring the `fields`, `properties` and `expand` selections.
 */
import { SPRINT_FIELD, type SandboxIssue, type SandboxUser, type SiteData, type SprintDef } from '../model';
import { canBrowseIssue, canSeeRestricted, childrenOf, findIssue, projectOf } from './access';
import { issueFields, selectFields } from './fields';
import { adfHtml, formatDuration, STATUS_CATEGORIES } from './format';
import { changelogJson, commentJson, issueTypeJson, linkTypeJson, priorityJson, projectRef, sprintFieldJson, statusCategoryJson, statusJson, userRef, worklogJson } from './present';
import { availableTransitions, statusById, transitionJson } from './workflowEngine';

export interface IssueView {
  /** Field ids to print. */
  fields: Set<string>;
  /** Property keys to print, or null for none. */
  properties: PropertySelection | null;
  expand: Set<string>;
  /** Print `key`/`self`/`fields` even when no field is selected (GET issue always does). */
  full: boolean;
}

export interface PropertySelection { all: boolean; keys: string[]; excluded: string[] }

export function parsePropertySelection(tokens: string[] | undefined): PropertySelection | null {
  if (!tokens || tokens.length === 0) return null;
  return {
    all: tokens.includes('*all'),
    keys: tokens.filter((t) => t !== '*all' && !t.startsWith('-')),
    excluded: tokens.filter((t) => t.startsWith('-')).map((t) => t.slice(1)),
  };
}

/**
 * Builds the view for GET /issue (default `*all`), the agile API (default `*navigable`) or
 * search (default: ids only).
 */
export function issueView(site: SiteData, opts: { fields?: string[]; properties?: string[]; expand?: string[] }, mode: 'issue' | 'agile' | 'search'): IssueView {
  const fieldsRequested = opts.fields !== undefined && opts.fields.length > 0;
  const fields = mode === 'issue' ? selectFields(site, opts.fields, '*all')
    : mode === 'agile' ? selectFields(site, opts.fields, '*navigable')
    : fieldsRequested ? selectFields(site, opts.fields, 'none') : new Set<string>();
  const keyRequested = (opts.fields ?? []).some((f) => f === 'key' || f === '*all' || f === '*navigable');
  return {
    fields,
    properties: parsePropertySelection(opts.properties),
    expand: new Set((opts.expand ?? []).map((e) => e.trim())),
    full: mode !== 'search' || fields.size > 0 || keyRequested || (opts.properties?.length ?? 0) > 0 || (opts.expand?.length ?? 0) > 0,
  };
}

export function issueJson(site: SiteData, user: SandboxUser, issue: SandboxIssue, view: IssueView): Record<string, unknown> {
  if (!view.full) return { id: issue.id };
  const json: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
  };
  if (view.properties) json.properties = selectedProperties(issue, view.properties);
  const fields: Record<string, unknown> = {};
  for (const fieldId of view.fields) {
    const value = fieldValue(site, user, issue, fieldId);
    if (value !== undefined) fields[fieldId] = value;
  }
  json.fields = fields;
  if (view.expand.has('renderedFields')) {
    const rendered: Record<string, unknown> = {};
    for (const fieldId of view.fields) rendered[fieldId] = fieldId === 'description' ? (issue.description ? adfHtml(issue.description) : null) : null;
    json.renderedFields = rendered;
  }
  if (view.expand.has('names') || view.expand.has('schema')) {
    const byId = new Map(issueFields(site).map((f) => [f.id, f]));
    if (view.expand.has('names')) json.names = Object.fromEntries([...view.fields].map((id) => [id, byId.get(id)?.name ?? id]));
    if (view.expand.has('schema')) json.schema = Object.fromEntries([...view.fields].filter((id) => byId.get(id)?.schema).map((id) => [id, byId.get(id)!.schema]));
  }
  if (view.expand.has('changelog')) json.changelog = changelogExpansion(site, issue);
  if (view.expand.has('transitions')) {
    const project = projectOf(site, issue);
    json.transitions = availableTransitions(site, project, issue, user).map((t) => transitionJson(site, t, issue.statusId));
  }
  return json;
}

/** `expand=changelog`: the most recent 100 histories, oldest first, as Jira embeds them. */
function changelogExpansion(site: SiteData, issue: SandboxIssue): Record<string, unknown> {
  const total = issue.changelog.length;
  const startAt = Math.max(0, total - 100);
  const histories = issue.changelog.slice(startAt).map((e) => changelogJson(site, e));
  return { startAt, maxResults: histories.length, total, histories };
}

function selectedProperties(issue: SandboxIssue, selection: PropertySelection): Record<string, unknown> {
  const keys = selection.all ? Object.keys(issue.properties) : selection.keys;
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (selection.excluded.includes(key)) continue;
    if (Object.prototype.hasOwnProperty.call(issue.properties, key)) out[key] = issue.properties[key];
  }
  return out;
}

/** A small issue reference as Jira nests it (parent, links, subtasks). */
function issueRef(site: SiteData, issue: SandboxIssue): Record<string, unknown> {
  return {
    id: issue.id,
    key: issue.key,
    self: `${site.baseUrl}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: statusJson(site, statusById(site, issue.statusId)),
      priority: priorityRef(site, issue.priorityId),
      issuetype: issueTypeRef(site, issue.issueTypeId),
    },
  };
}

function priorityRef(site: SiteData, id: string): Record<string, unknown> | null {
  const priority = site.priorities.find((p) => p.id === id);
  return priority ? priorityJson(site, priority) : null;
}

function issueTypeRef(site: SiteData, id: string): Record<string, unknown> | null {
  const type = site.issueTypes.find((t) => t.id === id);
  return type ? issueTypeJson(site, type) : null;
}

/** The sprints in an issue's Sprint field, in the order it joined them. */
export function issueSprints(site: SiteData, issue: SandboxIssue): SprintDef[] {
  return issue.sprintIds.map((id) => site.sprints.find((s) => s.id === id)).filter((s): s is SprintDef => !!s);
}

const RESOLUTION_DONE = { id: '10000', name: 'Done', description: 'Work has been completed on this issue.' };

/** When the status category last changed (the changelog's last category-changing status move), else created. */
export function statusCategoryChangeDate(site: SiteData, issue: SandboxIssue): string {
  for (let i = issue.changelog.length - 1; i >= 0; i--) {
    for (const item of issue.changelog[i].items) {
      if (item.field !== 'status' || !item.from || !item.to) continue;
      const from = site.statuses.find((s) => s.id === item.from);
      const to = site.statuses.find((s) => s.id === item.to);
      if (from && to && from.statusCategory !== to.statusCategory) return issue.changelog[i].created;
    }
  }
  return issue.created;
}

export function fieldValue(site: SiteData, user: SandboxUser, issue: SandboxIssue, fieldId: string): unknown {
  switch (fieldId) {
    case 'summary': return issue.summary;
    case 'description': return issue.description;
    case 'issuetype': return issueTypeRef(site, issue.issueTypeId);
    case 'project': return projectRef(site, projectOf(site, issue));
    case 'status': return statusJson(site, statusById(site, issue.statusId));
    case 'statusCategory': return statusCategoryJson(site, statusById(site, issue.statusId).statusCategory);
    case 'priority': return priorityRef(site, issue.priorityId);
    case 'assignee': return userRef(site, issue.assignee);
    case 'reporter': return userRef(site, issue.reporter);
    case 'creator': return userRef(site, issue.creator);
    case 'created': return issue.created;
    case 'updated': return issue.updated;
    case 'resolution':
      return issue.resolutiondate ? { self: `${site.baseUrl}/rest/api/3/resolution/${RESOLUTION_DONE.id}`, ...RESOLUTION_DONE } : null;
    case 'resolutiondate': return issue.resolutiondate;
    case 'statuscategorychangedate': return statusCategoryChangeDate(site, issue);
    case 'duedate': return issue.duedate;
    case 'labels': return [...issue.labels];
    case 'parent': {
      const parent = issue.parentId ? findIssue(site, issue.parentId) : undefined;
      return parent && canBrowseIssue(site, user, parent) ? issueRef(site, parent) : undefined;
    }
    case 'subtasks':
      return childrenOf(site, issue.id)
        .filter((i) => site.issueTypes.find((t) => t.id === i.issueTypeId)?.subtask)
        .map((i) => issueRef(site, i));
    case 'issuelinks': return issueLinks(site, user, issue);
    case 'comment': {
      const project = projectOf(site, issue);
      const comments = issue.comments.filter((c) => canSeeRestricted(project, user, c.visibility, site)).map((c) => commentJson(site, issue.id, c));
      return { comments, self: `${site.baseUrl}/rest/api/3/issue/${issue.id}/comment`, maxResults: comments.length, total: comments.length, startAt: 0 };
    }
    case 'worklog': {
      const project = projectOf(site, issue);
      const readable = issue.worklogs.filter((w) => canSeeRestricted(project, user, w.visibility, site));
      const worklogs = readable.slice(0, 20).map((w) => worklogJson(site, issue.id, w));
      return { startAt: 0, maxResults: 20, total: readable.length, worklogs };
    }
    case 'timetracking': {
      const seconds = issue.worklogs.reduce((sum, w) => sum + w.timeSpentSeconds, 0);
      return issue.worklogs.length ? { timeSpent: formatDuration(seconds), timeSpentSeconds: seconds } : {};
    }
    case 'timespent': {
      const seconds = issue.worklogs.reduce((sum, w) => sum + w.timeSpentSeconds, 0);
      return issue.worklogs.length ? seconds : null;
    }
    case SPRINT_FIELD: {
      const sprints = issueSprints(site, issue);
      return sprints.length ? sprints.map(sprintFieldJson) : null;
    }
    default:
      return Object.prototype.hasOwnProperty.call(issue.customFields, fieldId) ? issue.customFields[fieldId] : null;
  }
}

/**
 * Link records read "inwardIssue <outward> outwardIssue" (as POST /issueLink creates them): on the
 * inward issue the link shows as `outwardIssue`, on the outward issue as `inwardIssue`.
 * Links to issues the user cannot browse are left out, as Jira does.
 */
function issueLinks(site: SiteData, user: SandboxUser, issue: SandboxIssue): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const link of site.links) {
    const type = site.linkTypes.find((t) => t.id === link.typeId);
    if (!type) continue;
    let otherId: string | null = null;
    let side: 'inwardIssue' | 'outwardIssue' = 'outwardIssue';
    if (link.inwardIssueId === issue.id) { otherId = link.outwardIssueId; side = 'outwardIssue'; }
    else if (link.outwardIssueId === issue.id) { otherId = link.inwardIssueId; side = 'inwardIssue'; }
    if (otherId === null) continue;
    const other = findIssue(site, otherId);
    if (!other || !canBrowseIssue(site, user, other)) continue;
    out.push({ id: link.id, self: `${site.baseUrl}/rest/api/3/issueLink/${link.id}`, type: linkTypeJson(site, type), [side]: issueRef(site, other) });
  }
  return out;
}

export const isDoneCategory = (site: SiteData, statusId: string): boolean => statusById(site, statusId).statusCategory === STATUS_CATEGORIES.done.key;

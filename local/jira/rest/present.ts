/**
 * JSON representations of site objects as Jira Cloud's REST API v3 prints them (users, projects,
 * issue types, statuses, priorities, roles, link types, comments, worklogs, changelogs, sprints).
 * The issue itself is in issueJson.ts.
 */
import type {
  ChangelogEntry, CommentRecord, IssueLinkType, IssueTypeDef, PriorityDef, RoleDef, SandboxProject,
  SandboxUser, SiteData, SprintDef, StatusDef, WorklogRecord,
} from '../model';
import { findUser, rolesOf } from './access';
import { adfHtml, formatDuration, STATUS_CATEGORIES } from './format';

const enc = encodeURIComponent;

export function avatarUrls(base: string, kind: 'user' | 'project', id: string): Record<'48x48' | '24x24' | '16x16' | '32x32', string> {
  const path = kind === 'user' ? `${base}/secure/useravatar?ownerId=${enc(id)}` : `${base}/secure/projectavatar?pid=${enc(id)}`;
  return {
    '48x48': `${path}&size=large`,
    '24x24': `${path}&size=small`,
    '16x16': `${path}&size=xsmall`,
    '32x32': `${path}&size=medium`,
  };
}

export function userJson(site: SiteData, user: SandboxUser): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${site.baseUrl}/rest/api/3/user?accountId=${enc(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    avatarUrls: avatarUrls(site.baseUrl, 'user', user.accountId),
    displayName: user.displayName,
    active: user.active,
    timeZone: user.timeZone,
    locale: user.locale ?? 'en_US',
  };
  if (user.emailAddress) json.emailAddress = user.emailAddress;
  return json;
}

/** A user referenced by id (issue assignee, comment author, ...); unknown ids print as a former user. */
export function userRef(site: SiteData, accountId: string | null): Record<string, unknown> | null {
  if (accountId === null) return null;
  const user = findUser(site, accountId) ?? {
    accountId, accountType: 'atlassian' as const, displayName: 'Former user', emailAddress: '', timeZone: 'UTC', active: false,
  };
  return userJson(site, user);
}

export function projectRef(site: SiteData, project: SandboxProject): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: project.projectTypeKey,
    simplified: false,
    avatarUrls: avatarUrls(site.baseUrl, 'project', project.id),
  };
}

export function roleUrl(site: SiteData, project: SandboxProject, role: RoleDef): string {
  return `${site.baseUrl}/rest/api/3/project/${project.id}/role/${role.id}`;
}

/** The full project (GET /project/{key}); `expand` adds description/lead/issueTypes to search results. */
export function projectJson(site: SiteData, project: SandboxProject, expand: Set<string> | 'all'): Record<string, unknown> {
  const has = (k: string): boolean => expand === 'all' || expand.has(k);
  const json: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...projectRef(site, project),
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
  if (has('description')) json.description = project.description;
  if (has('lead')) json.lead = userRef(site, project.leadAccountId);
  if (has('issueTypes')) {
    json.issueTypes = project.issueTypeIds
      .map((id) => site.issueTypes.find((t) => t.id === id))
      .filter((t): t is IssueTypeDef => !!t)
      .map((t) => issueTypeJson(site, t));
  }
  if (has('projectKeys')) json.projectKeys = [project.key];
  if (expand === 'all') {
    json.assigneeType = 'UNASSIGNED';
    json.components = [];
    json.versions = [];
    json.roles = Object.fromEntries(site.roles.map((r) => [r.name, roleUrl(site, project, r)]));
  }
  return json;
}

export function issueTypeJson(site: SiteData, type: IssueTypeDef): Record<string, unknown> {
  return {
    self: `${site.baseUrl}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${site.baseUrl}/images/icons/issuetypes/${type.subtask ? 'subtask' : type.hierarchyLevel > 0 ? 'epic' : 'story'}.svg`,
    name: type.name,
    untranslatedName: type.name,
    subtask: type.subtask,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function statusCategoryJson(site: SiteData, key: StatusDef['statusCategory']): Record<string, unknown> {
  const cat = STATUS_CATEGORIES[key];
  return { self: `${site.baseUrl}/rest/api/3/statuscategory/${cat.id}`, id: cat.id, key: cat.key, colorName: cat.colorName, name: cat.name };
}

export function statusJson(site: SiteData, status: StatusDef): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${site.baseUrl}/rest/api/3/status/${status.id}`,
    description: status.description,
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    untranslatedName: status.name,
    id: status.id,
    statusCategory: statusCategoryJson(site, status.statusCategory),
  };
  if (status.projectId) {
    const project = site.projects.find((p) => p.id === status.projectId);
    json.scope = { type: 'PROJECT', project: project ? { id: project.id, key: project.key, name: project.name } : { id: status.projectId } };
  }
  return json;
}

/** The new status API's shape (`/statuses`, `/statuses/search`, workflows). */
export function jiraStatusJson(status: StatusDef): Record<string, unknown> {
  return {
    id: status.id,
    name: status.name,
    description: status.description,
    statusCategory: STATUS_CATEGORIES[status.statusCategory].newApiName,
    scope: status.projectId ? { type: 'PROJECT', project: { id: status.projectId } } : { type: 'GLOBAL' },
  };
}

const PRIORITY_COLOURS: Record<string, string> = {
  highest: '#d04437', high: '#f15c75', medium: '#f79232', low: '#707070', lowest: '#999999',
};

export function priorityJson(site: SiteData, priority: PriorityDef, full = false): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${site.baseUrl}/rest/api/3/priority/${priority.id}`,
    iconUrl: `${site.baseUrl}/images/icons/priorities/${priority.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.svg`,
    name: priority.name,
    id: priority.id,
  };
  if (full) {
    json.statusColor = PRIORITY_COLOURS[priority.name.toLowerCase()] ?? '#707070';
    json.description = `${priority.name} priority.`;
    json.isDefault = priority.name.toLowerCase() === 'medium';
  }
  return json;
}

export function linkTypeJson(site: SiteData, type: IssueLinkType): Record<string, unknown> {
  return { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: `${site.baseUrl}/rest/api/3/issueLinkType/${type.id}` };
}

/** A project role (optionally with its actors in one project). */
export function projectRoleJson(site: SiteData, role: RoleDef, project?: SandboxProject, currentUser?: SandboxUser): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: project ? roleUrl(site, project, role) : `${site.baseUrl}/rest/api/3/role/${role.id}`,
    name: role.name,
    id: role.id,
    description: role.description,
  };
  if (project) {
    json.actors = (project.roleActors[role.id] ?? []).map((accountId, index) => {
      const user = findUser(site, accountId);
      return {
        id: role.id * 1000 + index,
        displayName: user?.displayName ?? 'Former user',
        type: 'atlassian-user-role-actor',
        actorUser: { accountId },
        avatarUrl: avatarUrls(site.baseUrl, 'user', accountId)['48x48'],
      };
    });
    if (currentUser) json.currentUserRole = rolesOf(project, currentUser.accountId).includes(role.id);
  }
  return json;
}

export function commentJson(site: SiteData, issueId: string, comment: CommentRecord, rendered = false): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${site.baseUrl}/rest/api/3/issue/${issueId}/comment/${comment.id}`,
    id: comment.id,
    author: userRef(site, comment.author),
    body: comment.body,
    updateAuthor: userRef(site, comment.author),
    created: comment.created,
    updated: comment.updated,
    jsdPublic: true,
  };
  if (comment.visibility) json.visibility = { type: comment.visibility.type, value: comment.visibility.value, identifier: comment.visibility.value };
  if (rendered) json.renderedBody = adfHtml(comment.body);
  if (comment.properties) json.properties = Object.entries(comment.properties).map(([key, value]) => ({ key, value }));
  return json;
}

export function worklogJson(site: SiteData, issueId: string, worklog: WorklogRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    self: `${site.baseUrl}/rest/api/3/issue/${issueId}/worklog/${worklog.id}`,
    author: userRef(site, worklog.author),
    updateAuthor: userRef(site, worklog.author),
    created: worklog.created,
    updated: worklog.updated,
    started: worklog.started,
    timeSpent: formatDuration(worklog.timeSpentSeconds),
    timeSpentSeconds: worklog.timeSpentSeconds,
    id: worklog.id,
    issueId,
  };
  if (worklog.comment) json.comment = worklog.comment;
  if (worklog.visibility) json.visibility = { ...worklog.visibility, identifier: worklog.visibility.value };
  return json;
}

export function changelogJson(site: SiteData, entry: ChangelogEntry): Record<string, unknown> {
  return {
    id: entry.id,
    author: userRef(site, entry.author),
    created: entry.created,
    items: entry.items.map((item) => ({
      field: item.field,
      fieldtype: item.fieldtype,
      ...(item.fieldId ? { fieldId: item.fieldId } : {}),
      from: item.from,
      fromString: item.fromString,
      to: item.to,
      toString: item.toString,
    })),
  };
}

/** A sprint as the agile API prints it. */
export function sprintJson(site: SiteData, sprint: SprintDef): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: sprint.id,
    self: `${site.baseUrl}/rest/agile/1.0/sprint/${sprint.id}`,
    state: sprint.state,
    name: sprint.name,
    originBoardId: sprint.boardId,
  };
  if (sprint.startDate) json.startDate = isoZ(sprint.startDate);
  if (sprint.endDate) json.endDate = isoZ(sprint.endDate);
  if (sprint.completeDate) json.completeDate = isoZ(sprint.completeDate);
  if (sprint.startDate) json.createdDate = isoZ(sprint.startDate);
  json.goal = sprint.goal ?? '';
  return json;
}

/** A sprint in the issue's Sprint field (customfield_10020). */
export function sprintFieldJson(sprint: SprintDef): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: sprint.id,
    name: sprint.name,
    state: sprint.state,
    boardId: sprint.boardId,
    goal: sprint.goal ?? '',
  };
  if (sprint.startDate) json.startDate = isoZ(sprint.startDate);
  if (sprint.endDate) json.endDate = isoZ(sprint.endDate);
  if (sprint.completeDate) json.completeDate = isoZ(sprint.completeDate);
  return json;
}

/** The agile API prints sprint dates as ISO-8601 UTC with `Z` (`2026-11-24T09:30:00.000Z`). */
function isoZ(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/**
 * The Jira sandbox's in-memory site: the data a Jira Cloud site holds, in a shape close to
 * Jira's own REST models so that serialising an answer is a projection, not a translation.
 * The demo site (local/demo) and the benchmark generator build a SiteData; the sandbox server
 * (local/jira/server.ts) serves it and mutates it; the JQL evaluator (local/jira/jql) reads it.
 *
 * Dates are ISO-8601 strings with offset (`2026-11-24T09:30:00.000+0000`, as Jira prints them)
 * except `duedate`, which is a plain `YYYY-MM-DD`.
 */

export type AccountId = string;

export interface SandboxUser {
  accountId: AccountId;
  /** 'atlassian' for people, 'app' for the Forge app's own user (what asApp() runs as). */
  accountType: 'atlassian' | 'app';
  displayName: string;
  emailAddress: string;
  timeZone: string;
  /** Jira's profile language, as Jira writes it (`en_GB`); the user REST answers carry it. */
  locale?: string;
  active: boolean;
  /** Basic-auth API token, for the sandbox's "real site" style authentication. */
  apiToken?: string;
  /** Holds Jira's global ADMINISTER permission (site/Jira admin). */
  jiraAdmin?: boolean;
}

/** A project role definition, site-wide (Jira: /rest/api/3/role). Actors are per project. */
export interface RoleDef {
  id: number;
  name: string;
  description: string;
}

/** Jira project permission keys the sandbox knows. */
export type ProjectPermissionKey =
  | 'BROWSE_PROJECTS'
  | 'CREATE_ISSUES'
  | 'EDIT_ISSUES'
  | 'TRANSITION_ISSUES'
  | 'ASSIGN_ISSUES'
  | 'ASSIGNABLE_USER'
  | 'ADD_COMMENTS'
  | 'WORK_ON_ISSUES'
  | 'LINK_ISSUES'
  | 'DELETE_ISSUES'
  | 'SET_ISSUE_SECURITY'
  | 'ADMINISTER_PROJECTS'
  | 'MANAGE_SPRINTS_PERMISSION';

export interface SandboxProject {
  id: string;
  key: string;
  name: string;
  description: string;
  projectTypeKey: 'software' | 'business';
  leadAccountId: AccountId;
  /** Issue types available in this project (ids into SiteData.issueTypes). */
  issueTypeIds: string[];
  /** roleId -> account ids that are actors of that role in this project. */
  roleActors: Record<number, AccountId[]>;
  /** Permission scheme: which roles hold which project permission. */
  permissions: Partial<Record<ProjectPermissionKey, number[]>>;
  /** Workflow used by each issue type id in this project (workflow scheme). */
  workflowByIssueType: Record<string, string>;
  /** The permission scheme's id (Jira shares schemes between projects; absent: the project's id). */
  permissionSchemeId?: number;
  /** The project's issue security scheme (absent: none, as on a new Jira project). */
  issueSecurity?: IssueSecuritySchemeDef;
}

/** An issue security level: an issue at this level is visible only to the actors of `roleIds`. */
export interface IssueSecurityLevelDef {
  id: string;
  name: string;
  description: string;
  roleIds: number[];
}

export interface IssueSecuritySchemeDef {
  id: number;
  name: string;
  description: string;
  /** The level new issues get when their creator sets none. */
  defaultLevelId?: string;
  levels: IssueSecurityLevelDef[];
}

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  /** -1 subtask, 0 standard, 1 epic. */
  hierarchyLevel: number;
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusDef {
  id: string;
  name: string;
  description: string;
  statusCategory: StatusCategoryKey;
  /** Set on project-scoped statuses (created with scope PROJECT); absent for global ones. */
  projectId?: string;
}

export interface TransitionDef {
  id: string;
  name: string;
  /** Status ids this transition starts from; empty means "from any status" (a global transition). */
  from: string[];
  to: string;
  /** Forge workflow rules attached to this transition (module keys from manifest.yml). */
  validators?: string[];
  conditions?: string[];
  postFunctions?: string[];
}

export interface WorkflowDef {
  id: string;
  name: string;
  description: string;
  statusIds: string[];
  initialStatusId: string;
  transitions: TransitionDef[];
  /** Set on project-scoped workflows (created with scope PROJECT); absent for global ones. */
  projectId?: string;
}

export interface FieldDef {
  /** `summary`, `customfield_10016`, ... */
  id: string;
  key: string;
  name: string;
  custom: boolean;
  schema?: { type: string; items?: string; system?: string; custom?: string; customId?: number };
  /** Names usable in JQL (Jira's `clauseNames`), e.g. ['cf[10016]', 'Story Points']. */
  clauseNames: string[];
  searchable: boolean;
  navigable: boolean;
  orderable: boolean;
  /** For Forge custom fields: the manifest module key and its JQL search aliases per object property. */
  forge?: { moduleKey: string; type: string; searchAliases: Record<string, { path: string; type: string }>; readOnly?: boolean };
}

export interface ChangelogItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogEntry {
  id: string;
  author: AccountId;
  created: string;
  items: ChangelogItem[];
}

/** Atlassian Document Format node (kept loose: the sandbox stores what it is given). */
export type AdfDoc = { type: 'doc'; version: 1; content: unknown[] };

export interface CommentRecord {
  id: string;
  author: AccountId;
  body: AdfDoc;
  created: string;
  updated: string;
  /** Restricted comment visibility (Jira: `{ type: 'role', value: 'Developers' }`). */
  visibility?: { type: 'role' | 'group'; value: string };
  properties?: Record<string, unknown>;
}

export interface WorklogRecord {
  id: string;
  author: AccountId;
  timeSpentSeconds: number;
  started: string;
  created: string;
  updated: string;
  comment?: AdfDoc;
  /** Restricted worklog visibility (Jira: `{ type: 'role', value: 'Developers' }`); absent: anyone who can browse the issue. */
  visibility?: { type: 'role' | 'group'; value: string };
}

export interface SandboxIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  summary: string;
  description: AdfDoc | null;
  assignee: AccountId | null;
  reporter: AccountId;
  creator: AccountId;
  created: string;
  updated: string;
  resolutiondate: string | null;
  /** `YYYY-MM-DD` or null. */
  duedate: string | null;
  labels: string[];
  priorityId: string;
  /** Parent issue id (epic for standard issues, parent for subtasks). */
  parentId: string | null;
  /** Sprint ids this issue has been in, in order; the last non-closed one is its current sprint. */
  sprintIds: number[];
  /** Custom field values by field id (`customfield_10016` story points, Forge fields, ...). */
  customFields: Record<string, unknown>;
  /** Issue entity properties by key. */
  properties: Record<string, unknown>;
  changelog: ChangelogEntry[];
  comments: CommentRecord[];
  worklogs: WorklogRecord[];
  /** The issue's security level (an id of its project's issue security scheme); absent: none. */
  securityLevelId?: string;
}

/**
 * An issue entity property indexed for JQL (manifest `jira:entityProperty`), registered by the
 * sandbox from manifest.yml: `issue.property[propertyKey].path` and each `searchAlias` become searchable.
 */
export interface EntityPropertyIndex {
  moduleKey: string;
  propertyKey: string;
  entityType: 'issue';
  values: Array<{ path: string; type: 'number' | 'string' | 'text' | 'user' | 'date'; searchAlias?: string }>;
}

export interface IssueLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface IssueLinkRecord {
  id: string;
  typeId: string;
  inwardIssueId: string;
  outwardIssueId: string;
}

export interface PriorityDef {
  id: string;
  name: string;
}

export interface BoardDef {
  id: number;
  name: string;
  type: 'scrum' | 'kanban';
  projectId: string;
}

export interface SprintDef {
  id: number;
  boardId: number;
  name: string;
  state: 'future' | 'active' | 'closed';
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  goal?: string;
}

/** What POST /rest/api/3/issue/{key}/notify sent; kept so tests and the shell can show it. */
export interface NotificationRecord {
  id: string;
  issueKey: string;
  subject: string;
  textBody: string;
  htmlBody: string;
  /** Resolved recipients' account ids. */
  to: AccountId[];
  sentAt: string;
  sentBy: AccountId;
}

export interface SiteData {
  /** Site URL as Jira prints it in `self` links, e.g. `http://127.0.0.1:4100`. Overwritten by the server on start. */
  baseUrl: string;
  /** The date the site's relative dates were computed from (YYYY-MM-DD). */
  today: string;
  users: SandboxUser[];
  roles: RoleDef[];
  projects: SandboxProject[];
  issueTypes: IssueTypeDef[];
  statuses: StatusDef[];
  workflows: WorkflowDef[];
  fields: FieldDef[];
  priorities: PriorityDef[];
  issues: SandboxIssue[];
  linkTypes: IssueLinkType[];
  links: IssueLinkRecord[];
  boards: BoardDef[];
  sprints: SprintDef[];
  notifications: NotificationRecord[];
  /** Indexed entity properties declared by the installed Forge app (filled from manifest.yml by the sandbox). */
  entityPropertyIndexes?: EntityPropertyIndex[];
  /** Monotonic counters for ids the sandbox hands out. */
  counters: { issue: number; comment: number; worklog: number; changelog: number; link: number; notification: number; sprint: number; board: number; status: number; issueType: number; workflow: number; field: number; project: number };
}

/** The field id the sandbox and demo use for story points (Jira Cloud's usual one). */
export const STORY_POINTS_FIELD = 'customfield_10016';
/** The field id for the agile Sprint field. */
export const SPRINT_FIELD = 'customfield_10020';
/** The account id of the Forge app's own user: what asApp() calls run as. */
export const APP_ACCOUNT_ID = '557058:liaison-app-user';

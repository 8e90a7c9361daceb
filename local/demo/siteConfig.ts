/**
 * The Jira configuration the demo and generated sites share: project roles, the permission
 * scheme, issue types, statuses and the "Software workflow", priorities, fields and link types —
 * with the ids a fresh Jira Cloud software site uses — and the empty site they go into.
 */
import {
  SPRINT_FIELD, STORY_POINTS_FIELD,
  type AccountId, type FieldDef, type IssueLinkType, type IssueTypeDef, type PriorityDef, type ProjectPermissionKey,
  type RoleDef, type SandboxProject, type SiteData, type StatusDef, type WorkflowDef,
} from '../jira/model';
import { isoDate } from './calendar';
import { demoUsers } from './people';

export const ROLE_IDS = {
  administrators: 10002,
  projectManagers: 10003,
  approvers: 10004,
  developers: 10005,
  members: 10006,
  clients: 10007,
} as const;

export const ROLES: RoleDef[] = [
  { id: ROLE_IDS.administrators, name: 'Administrators', description: 'A project role that represents administrators in a project' },
  { id: ROLE_IDS.projectManagers, name: 'Project managers', description: 'Agency project managers: run the project, its settings and stakeholder communication' },
  { id: ROLE_IDS.approvers, name: 'Approvers', description: 'Account directors who approve or decline change requests' },
  { id: ROLE_IDS.developers, name: 'Developers', description: 'The delivery team' },
  { id: ROLE_IDS.members, name: 'Members', description: 'Other agency staff working on the project' },
  { id: ROLE_IDS.clients, name: 'Clients', description: "The client's people: see and comment on the project, raise requests" },
];

const INTERNAL_ROLES = [ROLE_IDS.administrators, ROLE_IDS.projectManagers, ROLE_IDS.approvers, ROLE_IDS.developers, ROLE_IDS.members];
const MANAGING_ROLES = [ROLE_IDS.administrators, ROLE_IDS.projectManagers];
const EVERY_ROLE = [...INTERNAL_ROLES, ROLE_IDS.clients];

/** The permission scheme: the agency's roles work on everything; clients browse, create and comment only. */
export function permissionScheme(): Partial<Record<ProjectPermissionKey, number[]>> {
  return {
    BROWSE_PROJECTS: [...EVERY_ROLE],
    CREATE_ISSUES: [...EVERY_ROLE],
    ADD_COMMENTS: [...EVERY_ROLE],
    EDIT_ISSUES: [...INTERNAL_ROLES],
    TRANSITION_ISSUES: [...INTERNAL_ROLES],
    ASSIGN_ISSUES: [...INTERNAL_ROLES],
    ASSIGNABLE_USER: [...INTERNAL_ROLES],
    WORK_ON_ISSUES: [...INTERNAL_ROLES],
    LINK_ISSUES: [...INTERNAL_ROLES],
    MANAGE_SPRINTS_PERMISSION: [...INTERNAL_ROLES],
    DELETE_ISSUES: [...MANAGING_ROLES],
    ADMINISTER_PROJECTS: [...MANAGING_ROLES],
  };
}

export const ISSUE_TYPE_IDS = { epic: '10000', story: '10001', task: '10002', bug: '10003', subtask: '10004' } as const;
export type IssueKind = keyof typeof ISSUE_TYPE_IDS;

export const ISSUE_TYPES: IssueTypeDef[] = [
  { id: ISSUE_TYPE_IDS.epic, name: 'Epic', description: 'Epics track collections of related bugs, stories, and tasks.', subtask: false, hierarchyLevel: 1 },
  { id: ISSUE_TYPE_IDS.story, name: 'Story', description: 'Stories track functionality or features expressed as user goals.', subtask: false, hierarchyLevel: 0 },
  { id: ISSUE_TYPE_IDS.task, name: 'Task', description: 'Tasks track small, distinct pieces of work.', subtask: false, hierarchyLevel: 0 },
  { id: ISSUE_TYPE_IDS.bug, name: 'Bug', description: 'Bugs track problems or errors.', subtask: false, hierarchyLevel: 0 },
  { id: ISSUE_TYPE_IDS.subtask, name: 'Sub-task', description: 'Subtasks track small pieces of work that are part of a larger task.', subtask: true, hierarchyLevel: -1 },
];

/** Where an issue is in its work: the four statuses of the Software workflow. */
export type Progress = 'todo' | 'progress' | 'review' | 'done';

export const STATUS_IDS: Readonly<Record<Progress, string>> = { todo: '10000', progress: '3', review: '10002', done: '10001' };

export const STATUSES: StatusDef[] = [
  { id: STATUS_IDS.todo, name: 'To Do', description: 'Work that has not been started.', statusCategory: 'new' },
  { id: STATUS_IDS.progress, name: 'In Progress', description: 'The issue is currently being worked on.', statusCategory: 'indeterminate' },
  { id: STATUS_IDS.review, name: 'In Review', description: 'The work is done and waits for review or testing.', statusCategory: 'indeterminate' },
  { id: STATUS_IDS.done, name: 'Done', description: 'Work has been completed on this issue.', statusCategory: 'done' },
];

export const SOFTWARE_WORKFLOW_ID = '5f7c2a1e-3b9d-4e6f-8a20-c41d7e9b0a53';

export const SOFTWARE_WORKFLOW: WorkflowDef = {
  id: SOFTWARE_WORKFLOW_ID,
  name: 'Software workflow',
  description: 'To Do → In Progress → In Review → Done, with the way back for rework and reopening.',
  statusIds: [STATUS_IDS.todo, STATUS_IDS.progress, STATUS_IDS.review, STATUS_IDS.done],
  initialStatusId: STATUS_IDS.todo,
  transitions: [
    { id: '11', name: 'Start progress', from: [STATUS_IDS.todo], to: STATUS_IDS.progress },
    { id: '21', name: 'Request review', from: [STATUS_IDS.progress], to: STATUS_IDS.review },
    { id: '31', name: 'Done', from: [STATUS_IDS.progress, STATUS_IDS.review], to: STATUS_IDS.done },
    { id: '41', name: 'Back to in progress', from: [STATUS_IDS.review], to: STATUS_IDS.progress },
    { id: '51', name: 'Stop progress', from: [STATUS_IDS.progress], to: STATUS_IDS.todo },
    { id: '61', name: 'Reopen', from: [STATUS_IDS.done], to: STATUS_IDS.todo },
  ],
};

export const PRIORITY_IDS = { highest: '1', high: '2', medium: '3', low: '4', lowest: '5' } as const;
export type PriorityName = keyof typeof PRIORITY_IDS;

export const PRIORITIES: PriorityDef[] = [
  { id: PRIORITY_IDS.highest, name: 'Highest' },
  { id: PRIORITY_IDS.high, name: 'High' },
  { id: PRIORITY_IDS.medium, name: 'Medium' },
  { id: PRIORITY_IDS.low, name: 'Low' },
  { id: PRIORITY_IDS.lowest, name: 'Lowest' },
];

/** Jira's resolution set when an issue enters a done status (the sandbox prints the same). */
export const RESOLUTION_DONE = { id: '10000', name: 'Done' } as const;

export const LINK_TYPE_IDS = { blocks: '10000', cloners: '10001', duplicate: '10002', relates: '10003' } as const;

export const LINK_TYPES: IssueLinkType[] = [
  { id: LINK_TYPE_IDS.blocks, name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: LINK_TYPE_IDS.cloners, name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: LINK_TYPE_IDS.duplicate, name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: LINK_TYPE_IDS.relates, name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

function systemField(id: string, name: string, clauseNames: string[], schema: FieldDef['schema'], flags: { navigable?: boolean; orderable?: boolean; searchable?: boolean } = {}): FieldDef {
  return {
    id, key: id, name, custom: false, schema, clauseNames,
    navigable: flags.navigable ?? true, orderable: flags.orderable ?? true, searchable: flags.searchable ?? true,
  };
}

function customFieldNumber(fieldId: string): number {
  return Number(fieldId.replace('customfield_', ''));
}

/** The fields of the site, described as GET /rest/api/3/field describes them. */
export function siteFields(): FieldDef[] {
  const storyPointsId = customFieldNumber(STORY_POINTS_FIELD);
  const sprintId = customFieldNumber(SPRINT_FIELD);
  return [
    systemField('summary', 'Summary', ['summary'], { type: 'string', system: 'summary' }),
    systemField('description', 'Description', ['description'], { type: 'string', system: 'description' }),
    systemField('status', 'Status', ['status'], { type: 'status', system: 'status' }, { orderable: false }),
    systemField('assignee', 'Assignee', ['assignee'], { type: 'user', system: 'assignee' }),
    systemField('reporter', 'Reporter', ['reporter'], { type: 'user', system: 'reporter' }),
    systemField('creator', 'Creator', ['creator'], { type: 'user', system: 'creator' }, { orderable: false }),
    systemField('created', 'Created', ['created', 'createdDate'], { type: 'datetime', system: 'created' }, { orderable: false }),
    systemField('updated', 'Updated', ['updated', 'updatedDate'], { type: 'datetime', system: 'updated' }, { orderable: false }),
    systemField('resolutiondate', 'Resolved', ['resolutiondate', 'resolved'], { type: 'datetime', system: 'resolutiondate' }, { orderable: false }),
    systemField('duedate', 'Due date', ['due', 'duedate'], { type: 'date', system: 'duedate' }),
    systemField('labels', 'Labels', ['labels'], { type: 'array', items: 'string', system: 'labels' }),
    systemField('priority', 'Priority', ['priority'], { type: 'priority', system: 'priority' }),
    systemField('issuetype', 'Issue Type', ['issuetype', 'type'], { type: 'issuetype', system: 'issuetype' }),
    systemField('project', 'Project', ['project'], { type: 'project', system: 'project' }, { orderable: false }),
    systemField('parent', 'Parent', ['parent'], { type: 'issuelink', system: 'parent' }),
    systemField('issuelinks', 'Linked Issues', ['issueLink'], { type: 'array', items: 'issuelinks', system: 'issuelinks' }),
    systemField('comment', 'Comment', ['comment'], { type: 'comments-page', system: 'comment' }, { navigable: false }),
    systemField('worklog', 'Log Work', ['worklogAuthor', 'worklogComment', 'worklogDate'], { type: 'array', items: 'worklog', system: 'worklog' }, { navigable: false }),
    systemField('timetracking', 'Time tracking', [], { type: 'timetracking', system: 'timetracking' }, { navigable: false }),
    {
      id: STORY_POINTS_FIELD, key: STORY_POINTS_FIELD, name: 'Story point estimate', custom: true,
      schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: storyPointsId },
      clauseNames: [`cf[${storyPointsId}]`, 'Story point estimate', 'Story Points'],
      searchable: true, navigable: true, orderable: true,
    },
    {
      id: SPRINT_FIELD, key: SPRINT_FIELD, name: 'Sprint', custom: true,
      schema: { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: sprintId },
      clauseNames: [`cf[${sprintId}]`, 'Sprint'],
      searchable: true, navigable: true, orderable: true,
    },
  ];
}

/** A company-managed software project on the shared issue types, workflow and permission scheme. */
export function softwareProject(opts: {
  id: string; key: string; name: string; description: string; lead: AccountId;
  roleActors: Partial<Record<keyof typeof ROLE_IDS, AccountId[]>>;
}): SandboxProject {
  if (!/^[A-Z][A-Z0-9]{1,9}$/.test(opts.key)) throw new Error(`Invalid Jira project key '${opts.key}'`);
  const roleActors: Record<number, AccountId[]> = {};
  for (const [role, id] of Object.entries(ROLE_IDS) as Array<[keyof typeof ROLE_IDS, number]>) {
    roleActors[id] = [...(opts.roleActors[role] ?? [])];
  }
  return {
    id: opts.id,
    key: opts.key,
    name: opts.name,
    description: opts.description,
    projectTypeKey: 'software',
    leadAccountId: opts.lead,
    issueTypeIds: ISSUE_TYPES.map((t) => t.id),
    roleActors,
    permissions: permissionScheme(),
    workflowByIssueType: Object.fromEntries(ISSUE_TYPES.map((t) => [t.id, SOFTWARE_WORKFLOW_ID])),
  };
}

/** The site before projects and issues are added: people, roles and the shared configuration. */
export function emptySite(todayDay: number): SiteData {
  return {
    baseUrl: 'http://127.0.0.1:0',
    today: isoDate(todayDay),
    users: demoUsers(),
    roles: ROLES.map((r) => ({ ...r })),
    projects: [],
    issueTypes: ISSUE_TYPES.map((t) => ({ ...t })),
    statuses: STATUSES.map((s) => ({ ...s })),
    workflows: [structuredClone(SOFTWARE_WORKFLOW)],
    fields: siteFields(),
    priorities: PRIORITIES.map((p) => ({ ...p })),
    issues: [],
    linkTypes: LINK_TYPES.map((l) => ({ ...l })),
    links: [],
    boards: [],
    sprints: [],
    notifications: [],
    // Jira Cloud numbers issues, comments, worklogs, changelogs and links from 10000; the
    // builders take the next id from these (the last id handed out), settleCounters fixes them at the end.
    counters: {
      issue: 9999, comment: 9999, worklog: 9999, changelog: 9999, link: 9999, notification: 0, sprint: 0, board: 0,
      status: 0, issueType: 0, workflow: 0, field: 0, project: 9999,
    },
  };
}

/** Sets every counter to the highest id in use (the sandbox's counters hold the last id handed out). */
export function settleCounters(site: SiteData): void {
  const maxNumeric = (ids: Iterable<string | number>): number => {
    let max = 0;
    for (const id of ids) {
      const n = Number(id);
      if (Number.isFinite(n) && n > max) max = n;
    }
    return max;
  };
  let comment = 0;
  let worklog = 0;
  let changelog = 0;
  let issue = 0;
  for (const i of site.issues) {
    issue = Math.max(issue, Number(i.id));
    for (const c of i.comments) comment = Math.max(comment, Number(c.id));
    for (const w of i.worklogs) worklog = Math.max(worklog, Number(w.id));
    for (const e of i.changelog) changelog = Math.max(changelog, Number(e.id));
  }
  site.counters = {
    issue, comment, worklog, changelog,
    link: maxNumeric(site.links.map((l) => l.id)),
    notification: maxNumeric(site.notifications.map((n) => n.id)),
    sprint: maxNumeric(site.sprints.map((s) => s.id)),
    board: maxNumeric(site.boards.map((b) => b.id)),
    status: maxNumeric(site.statuses.map((s) => s.id)),
    issueType: maxNumeric(site.issueTypes.map((t) => t.id)),
    // Workflow ids are uuids; the counter only numbers workflows the sandbox creates later.
    workflow: 0,
    field: maxNumeric(site.fields.filter((f) => f.custom).map((f) => customFieldNumber(f.id))),
    project: maxNumeric(site.projects.map((p) => p.id)),
  };
}

/**
 * A small Jira site for the sandbox's own tests (contract and integration): two projects with
 * roles, a software workflow with a Forge-validated transition, a board with three sprints and a
 * handful of issues with comments, worklogs, links and properties. Also small HTTP helpers.
 */
import { APP_ACCOUNT_ID, STORY_POINTS_FIELD, type SandboxIssue, type SiteData } from '../../local/jira/model';

export const USERS = {
  pm: '5b10ac8d82e05b22cc7d4ef5',
  dev: '5b10a2844c20165700ede21g',
  client: '712020:client-po',
  outsider: '712020:outsider',
  admin: '712020:site-admin',
} as const;

export const ROLE = { administrators: 10002, developers: 10003, clients: 10004, approvers: 10005 } as const;
export const STATUS = { todo: '10000', inProgress: '10001', done: '10002', inReview: '10003' } as const;
export const TRANSITION = { start: '11', review: '21', approve: '31', reopen: '41', done: '51' } as const;
export const TYPE = { story: '10001', task: '10002', epic: '10003', subtask: '10004' } as const;
export const VALIDATOR_KEY = 'approval-validator';
export const POST_FUNCTION_KEY = 'approval-post-function';

const day = 24 * 3600 * 1000;
const jiraDate = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

/** Builds the site; `issuesPerProject` SHOP issues (and a third as many OPS issues). */
export function buildTestSite(opts: { issuesPerProject?: number } = {}): SiteData {
  const count = opts.issuesPerProject ?? 12;
  const base = Date.parse('2026-10-01T09:00:00.000Z');
  const allRoles = [ROLE.administrators, ROLE.developers, ROLE.clients, ROLE.approvers];
  const internal = [ROLE.administrators, ROLE.developers, ROLE.approvers];
  const permissions = {
    BROWSE_PROJECTS: allRoles,
    CREATE_ISSUES: allRoles,
    EDIT_ISSUES: internal,
    TRANSITION_ISSUES: internal,
    ASSIGN_ISSUES: internal,
    ASSIGNABLE_USER: [ROLE.administrators, ROLE.developers],
    ADD_COMMENTS: allRoles,
    WORK_ON_ISSUES: internal,
    LINK_ISSUES: internal,
    DELETE_ISSUES: [ROLE.administrators],
    ADMINISTER_PROJECTS: [ROLE.administrators],
    MANAGE_SPRINTS_PERMISSION: internal,
  };
  const site: SiteData = {
    baseUrl: 'http://placeholder',
    today: '2026-11-24',
    users: [
      { accountId: USERS.pm, accountType: 'atlassian', displayName: 'Priya Manager', emailAddress: 'priya@example.com', timeZone: 'Europe/Berlin', active: true, apiToken: 'pm-token' },
      { accountId: USERS.dev, accountType: 'atlassian', displayName: 'Dan Developer', emailAddress: 'dan@example.com', timeZone: 'Europe/Berlin', active: true, apiToken: 'dev-token' },
      { accountId: USERS.client, accountType: 'atlassian', displayName: 'Clara Client', emailAddress: 'clara@client.example', timeZone: 'America/New_York', active: true },
      { accountId: USERS.outsider, accountType: 'atlassian', displayName: 'Oscar Outsider', emailAddress: 'oscar@example.com', timeZone: 'UTC', active: true, apiToken: 'out-token' },
      { accountId: USERS.admin, accountType: 'atlassian', displayName: 'Ada Admin', emailAddress: 'ada@example.com', timeZone: 'UTC', active: true, jiraAdmin: true },
      { accountId: APP_ACCOUNT_ID, accountType: 'app', displayName: 'Liaison', emailAddress: '', timeZone: 'UTC', active: true },
    ],
    roles: [
      { id: ROLE.administrators, name: 'Administrators', description: 'Project administrators' },
      { id: ROLE.developers, name: 'Developers', description: 'The delivery team' },
      { id: ROLE.clients, name: 'Clients', description: 'Client users' },
      { id: ROLE.approvers, name: 'Approvers', description: 'Approve change requests' },
    ],
    projects: [
      {
        id: '10000', key: 'SHOP', name: 'Webshop', description: 'The client webshop', projectTypeKey: 'software', leadAccountId: USERS.pm,
        issueTypeIds: [TYPE.story, TYPE.task, TYPE.epic, TYPE.subtask],
        roleActors: { [ROLE.administrators]: [USERS.pm], [ROLE.developers]: [USERS.dev], [ROLE.clients]: [USERS.client], [ROLE.approvers]: [] },
        permissions,
        workflowByIssueType: { [TYPE.story]: 'wf-software', [TYPE.task]: 'wf-software', [TYPE.epic]: 'wf-simple', [TYPE.subtask]: 'wf-simple' },
      },
      {
        id: '10001', key: 'OPS', name: 'Operations', description: 'Internal operations', projectTypeKey: 'software', leadAccountId: USERS.dev,
        issueTypeIds: [TYPE.task],
        roleActors: { [ROLE.administrators]: [], [ROLE.developers]: [USERS.dev] },
        permissions,
        workflowByIssueType: { [TYPE.task]: 'wf-simple' },
      },
    ],
    issueTypes: [
      { id: TYPE.story, name: 'Story', description: 'A user story', subtask: false, hierarchyLevel: 0 },
      { id: TYPE.task, name: 'Task', description: 'A task', subtask: false, hierarchyLevel: 0 },
      { id: TYPE.epic, name: 'Epic', description: 'A big piece of work', subtask: false, hierarchyLevel: 1 },
      { id: TYPE.subtask, name: 'Sub-task', description: 'Part of an issue', subtask: true, hierarchyLevel: -1 },
    ],
    statuses: [
      { id: STATUS.todo, name: 'To Do', description: 'Not started', statusCategory: 'new' },
      { id: STATUS.inProgress, name: 'In Progress', description: 'Being worked on', statusCategory: 'indeterminate' },
      { id: STATUS.done, name: 'Done', description: 'Finished', statusCategory: 'done' },
      { id: STATUS.inReview, name: 'In Review', description: 'Waiting for approval', statusCategory: 'indeterminate' },
    ],
    workflows: [
      {
        id: 'wf-software', name: 'Software workflow', description: 'Stories and tasks', initialStatusId: STATUS.todo,
        statusIds: [STATUS.todo, STATUS.inProgress, STATUS.inReview, STATUS.done],
        transitions: [
          { id: TRANSITION.start, name: 'Start work', from: [STATUS.todo], to: STATUS.inProgress },
          { id: TRANSITION.review, name: 'Request review', from: [STATUS.inProgress], to: STATUS.inReview },
          { id: TRANSITION.approve, name: 'Approve', from: [STATUS.inReview], to: STATUS.done, validators: [VALIDATOR_KEY], postFunctions: [POST_FUNCTION_KEY] },
          { id: TRANSITION.reopen, name: 'Reopen', from: [STATUS.done], to: STATUS.todo },
          { id: TRANSITION.done, name: 'Done', from: [], to: STATUS.done },
        ],
      },
      {
        id: 'wf-simple', name: 'Simple workflow', description: 'To Do, Done', initialStatusId: STATUS.todo,
        statusIds: [STATUS.todo, STATUS.done],
        transitions: [
          { id: '11', name: 'Finish', from: [STATUS.todo], to: STATUS.done },
          { id: '21', name: 'Reopen', from: [STATUS.done], to: STATUS.todo },
        ],
      },
    ],
    fields: [],
    priorities: [
      { id: '1', name: 'Highest' }, { id: '2', name: 'High' }, { id: '3', name: 'Medium' }, { id: '4', name: 'Low' },
    ],
    issues: [],
    linkTypes: [{ id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' }],
    links: [],
    boards: [
      { id: 1, name: 'SHOP board', type: 'scrum', projectId: '10000' },
      { id: 2, name: 'OPS board', type: 'kanban', projectId: '10001' },
    ],
    sprints: [
      { id: 1, boardId: 1, name: 'SHOP Sprint 1', state: 'closed', startDate: '2026-10-05T08:00:00.000Z', endDate: '2026-10-19T08:00:00.000Z', completeDate: '2026-10-19T09:00:00.000Z', goal: 'Checkout' },
      { id: 2, boardId: 1, name: 'SHOP Sprint 2', state: 'active', startDate: '2026-11-16T08:00:00.000Z', endDate: '2026-11-30T08:00:00.000Z', goal: 'Payments' },
      { id: 3, boardId: 1, name: 'SHOP Sprint 3', state: 'future' },
    ],
    notifications: [],
    counters: { issue: 0, comment: 0, worklog: 0, changelog: 0, link: 0, notification: 0, sprint: 0, board: 0, status: 0, issueType: 0, workflow: 0, field: 0, project: 0 },
  };

  let id = 10000;
  const make = (projectId: string, key: string, n: number, offsetDays: number): SandboxIssue => {
    id += 1;
    const created = jiraDate(base + offsetDays * day);
    return {
      id: String(id), key: `${key}-${n}`, projectId, issueTypeId: TYPE.task, statusId: STATUS.todo,
      summary: `${key} issue ${n}`, description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: `Description of ${key}-${n}` }] }] },
      assignee: n % 2 === 0 ? USERS.dev : null, reporter: USERS.pm, creator: USERS.pm,
      created, updated: created, resolutiondate: null, duedate: n % 3 === 0 ? '2026-12-01' : null,
      labels: n % 2 === 0 ? ['backend'] : [], priorityId: '3', parentId: null, sprintIds: [],
      customFields: {}, properties: {}, changelog: [], comments: [], worklogs: [],
    };
  };
  for (let n = 1; n <= count; n++) {
    const issue = make('10000', 'SHOP', n, n);
    issue.issueTypeId = n === 1 ? TYPE.story : TYPE.task;
    issue.customFields[STORY_POINTS_FIELD] = n % 5;
    if (n <= 4) issue.sprintIds = n <= 2 ? [1, 2] : [2];
    site.issues.push(issue);
  }
  for (let n = 1; n <= Math.max(1, Math.floor(count / 3)); n++) site.issues.push(make('10001', 'OPS', n, n));

  const shop1 = site.issues[0];
  shop1.properties['liaison-flags'] = { open: 1, maxSeverity: 'high', categories: ['scope-creep'] };
  shop1.comments.push(
    { id: '100', author: USERS.pm, body: adf('Kick-off notes'), created: jiraDate(base + 2 * day), updated: jiraDate(base + 2 * day) },
    { id: '101', author: USERS.dev, body: adf('Internal estimate: 3 days'), created: jiraDate(base + 3 * day), updated: jiraDate(base + 3 * day), visibility: { type: 'role', value: 'Developers' } },
    { id: '102', author: USERS.client, body: adf('Looks good to us'), created: jiraDate(base + 4 * day), updated: jiraDate(base + 4 * day) },
  );
  shop1.worklogs.push(
    { id: '200', author: USERS.dev, timeSpentSeconds: 3 * 3600, started: jiraDate(base + 2 * day), created: jiraDate(base + 2 * day), updated: jiraDate(base + 2 * day) },
    { id: '201', author: USERS.dev, timeSpentSeconds: 5400, started: jiraDate(base + 6 * day), created: jiraDate(base + 6 * day), updated: jiraDate(base + 6 * day), comment: adf('Pairing') },
  );
  shop1.changelog.push({
    id: '300', author: USERS.dev, created: jiraDate(base + 2 * day),
    items: [{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: STATUS.todo, fromString: 'To Do', to: STATUS.inProgress, toString: 'In Progress' }],
  });
  shop1.statusId = STATUS.inProgress;
  const opsIssue = site.issues.find((i) => i.key === 'OPS-1')!;
  opsIssue.worklogs.push({ id: '202', author: USERS.dev, timeSpentSeconds: 1800, started: jiraDate(base + 3 * day), created: jiraDate(base + 3 * day), updated: jiraDate(base + 3 * day) });
  site.links.push({ id: '400', typeId: '10000', inwardIssueId: site.issues[1].id, outwardIssueId: shop1.id });
  return site;
}

export function adf(text: string) {
  return { type: 'doc' as const, version: 1 as const, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

export type Principal = { basic: [string, string] } | { user: string } | 'app' | 'none';

export function authHeader(principal: Principal): Record<string, string> {
  if (principal === 'none') return {};
  if (principal === 'app') return { authorization: 'Bearer forge-app' };
  if ('user' in principal) return { authorization: `Bearer forge-user:${principal.user}` };
  return { authorization: `Basic ${Buffer.from(`${principal.basic[0]}:${principal.basic[1]}`).toString('base64')}` };
}

export interface CallResult<T = any> { status: number; body: T; headers: Headers }

/** Calls the sandbox as `principal`; JSON bodies in and out. */
export async function call<T = any>(baseUrl: string, principal: Principal, method: string, path: string, body?: unknown): Promise<CallResult<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...authHeader(principal) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

/**
 * A small Jira site for the JQL tests: two projects (WEB, OPS), statuses in every category
 * (one of them project-scoped), sprints closed / active / future, labels, due dates around a
 * fixed "now", indexed and unindexed issue properties, a Forge object custom field with search
 * aliases, Story Points and a text custom field. Every expected result in the JQL tests is
 * computed by hand from the table below.
 *
 * now = Wednesday 2026-11-25 10:30 UTC (week starts Monday 2026-11-23).
 *
 * | key   | type     | status      | assignee | reporter | created     | due   | labels            | prio    | sprints | parent | SP |
 * |-------|----------|-------------|----------|----------|-------------|-------|-------------------|---------|---------|--------|----|
 * | WEB-1 | Epic     | Done        | pm       | pm       | 10-01 09:00 | 11-20 | checkout          | High    | -       | -      | -  |
 * | WEB-2 | Story    | In Progress | dev      | pm       | 11-02 10:00 | 11-25 | checkout,frontend | Highest | 1,2     | WEB-1  | 5  |
 * | WEB-3 | Story    | To Do       | -        | client   | 11-18 08:00 | 12-02 | frontend          | Medium  | 3       | WEB-1  | 3  |
 * | WEB-4 | Bug      | In Review   | dev2     | dev      | 11-23 14:00 | 11-24 | -                 | High    | 2       | -      | 2  |
 * | WEB-5 | Task     | Done        | dev      | pm       | 09-15 09:00 | -     | content           | Low     | 1       | -      | 1  |
 * | WEB-6 | Story    | To Do       | dev      | pm       | 11-25 08:15 | 11-30 | search            | Medium  | 2       | -      | 8  |
 * | WEB-7 | Sub-task | In Progress | dev2     | dev      | 11-20 11:00 | 11-27 | -                 | Medium  | 2       | WEB-2  | -  |
 * | WEB-8 | Task     | To Do       | -        | pm       | 11-10 09:00 | 11-21 | content,client    | Lowest  | -       | -      | -  |
 * | OPS-1 | Task     | Backlog     | dev      | dev      | 11-01 07:00 | 12-15 | infra             | High    | 4       | -      | 2  |
 * | OPS-2 | Bug      | Done        | dev2     | pm       | 11-17 22:00 | -     | infra,backup      | Highest | 4       | -      | -  |
 * | OPS-3 | Task     | To Do       | -        | pm       | 11-24 09:00 | 12-01 | -                 | Medium  | -       | -      | 3  |
 *
 * Sprints: 1 "WEB Sprint 1" closed, 2 "WEB Sprint 2" active, 3 "WEB Sprint 3" future (board 1, WEB);
 * 4 "OPS Sprint 1" active (board 2, OPS). The client (Clara) may browse WEB only.
 */
import { SPRINT_FIELD, STORY_POINTS_FIELD, type AdfDoc, type SandboxIssue, type SiteData } from '../../local/jira/model';

export const NOW = new Date('2026-11-25T10:30:00.000Z');

export const USER = {
  pm: '5b10ac8d82e05b22cc7d4ef5',
  dev: '5b10a2844c20165700ede21g',
  dev2: '712020:0e4b1c2d-dora',
  client: '712020:clara-client',
} as const;

export const CLIENT_ASSIGNEE_FIELD = 'customfield_10050';
export const CLIENT_REFERENCE_FIELD = 'customfield_10060';

const ROLE = { developers: 10001, clients: 10002 } as const;
const STATUS = { todo: '1', progress: '2', review: '3', done: '4', backlog: '5' } as const;
const TYPE = { story: '10', task: '11', bug: '12', epic: '13', subtask: '14' } as const;
const PRIORITY = { highest: '1', high: '2', medium: '3', low: '4', lowest: '5' } as const;
const PROJECT = { web: '10000', ops: '10001' } as const;

const at = (isoMinute: string): string => `${isoMinute}:00.000+0000`;

export function adf(text: string): AdfDoc {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

interface IssueSpec {
  key: string;
  type: keyof typeof TYPE;
  status: keyof typeof STATUS;
  summary: string;
  assignee: string | null;
  reporter: string;
  created: string;
  updated?: string;
  resolved?: string;
  due: string | null;
  labels: string[];
  priority: keyof typeof PRIORITY;
  sprints: number[];
  parent?: string;
  storyPoints?: number;
  description?: string;
  comments?: string[];
  customFields?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

const ISSUES: IssueSpec[] = [
  { key: 'WEB-1', type: 'epic', status: 'done', summary: 'Checkout redesign', assignee: USER.pm, reporter: USER.pm,
    created: '2026-10-01T09:00', updated: '2026-11-20T09:00', resolved: '2026-11-20T09:00', due: '2026-11-20', labels: ['checkout'], priority: 'high', sprints: [] },
  { key: 'WEB-2', type: 'story', status: 'progress', summary: 'Payment form validates card numbers', assignee: USER.dev, reporter: USER.pm,
    created: '2026-11-02T10:00', updated: '2026-11-24T16:00', due: '2026-11-25', labels: ['checkout', 'frontend'], priority: 'highest', sprints: [1, 2],
    parent: 'WEB-1', storyPoints: 5, description: 'The client confirms the card brands before we ship.',
    properties: { 'liaison-flags': { open: 2, maxSeverity: 'high', categories: ['blocked-on-client', 'scope-creep'] } } },
  { key: 'WEB-3', type: 'story', status: 'todo', summary: 'Shipping address autocomplete', assignee: null, reporter: USER.client,
    created: '2026-11-18T08:00', due: '2026-12-02', labels: ['frontend'], priority: 'medium', sprints: [3], parent: 'WEB-1', storyPoints: 3,
    customFields: { [CLIENT_ASSIGNEE_FIELD]: { client: USER.client, ask: 'Confirm the address provider', due: '2026-11-28', state: 'waiting', askedAt: at('2026-11-19T10:00') } } },
  { key: 'WEB-4', type: 'bug', status: 'review', summary: 'Cart total rounds wrong', assignee: USER.dev2, reporter: USER.dev,
    created: '2026-11-23T14:00', updated: '2026-11-25T09:00', due: '2026-11-24', labels: [], priority: 'high', sprints: [2], storyPoints: 2,
    comments: ['Reproduced with three items in the cart'],
    properties: { 'liaison-flags': { open: 0, maxSeverity: 'none', categories: [] } } },
  { key: 'WEB-5', type: 'task', status: 'done', summary: 'Write privacy policy page', assignee: USER.dev, reporter: USER.pm,
    created: '2026-09-15T09:00', updated: '2026-10-10T12:00', resolved: '2026-10-10T12:00', due: null, labels: ['content'], priority: 'low', sprints: [1], storyPoints: 1,
    customFields: { [CLIENT_ASSIGNEE_FIELD]: { client: USER.client, ask: 'Send the policy text', due: '2026-11-01', state: 'answered', askedAt: at('2026-09-20T10:00') } } },
  { key: 'WEB-6', type: 'story', status: 'todo', summary: 'Product search filters', assignee: USER.dev, reporter: USER.pm,
    created: '2026-11-25T08:15', due: '2026-11-30', labels: ['search'], priority: 'medium', sprints: [2], storyPoints: 8,
    customFields: { [CLIENT_REFERENCE_FIELD]: 'Purchase order PO-7781 for the search work' },
    properties: { 'liaison-flags': { open: 1, maxSeverity: 'medium', categories: ['untested'] } } },
  { key: 'WEB-7', type: 'subtask', status: 'progress', summary: 'Add unit tests for card validation', assignee: USER.dev2, reporter: USER.dev,
    created: '2026-11-20T11:00', updated: '2026-11-22T11:00', due: '2026-11-27', labels: [], priority: 'medium', sprints: [2], parent: 'WEB-2' },
  { key: 'WEB-8', type: 'task', status: 'todo', summary: 'Client content delivery', assignee: null, reporter: USER.pm,
    created: '2026-11-10T09:00', updated: '2026-11-11T09:00', due: '2026-11-21', labels: ['content', 'client'], priority: 'lowest', sprints: [],
    customFields: { [CLIENT_ASSIGNEE_FIELD]: { client: USER.client, ask: 'Deliver the product photos', due: '2026-11-22', state: 'waiting', askedAt: at('2026-11-10T10:00') } },
    properties: { 'liaison-change': { decision: { outcome: 'paid', price: 1200, at: at('2026-11-20T10:00') } } } },
  { key: 'OPS-1', type: 'task', status: 'backlog', summary: 'Renew TLS certificates', assignee: USER.dev, reporter: USER.dev,
    created: '2026-11-01T07:00', updated: '2026-11-05T07:00', due: '2026-12-15', labels: ['infra'], priority: 'high', sprints: [4], storyPoints: 2 },
  { key: 'OPS-2', type: 'bug', status: 'done', summary: 'Nightly backup failed', assignee: USER.dev2, reporter: USER.pm,
    created: '2026-11-17T22:00', updated: '2026-11-19T10:00', resolved: '2026-11-19T10:00', due: null, labels: ['infra', 'backup'], priority: 'highest', sprints: [4],
    description: 'The backup job timed out writing to the archive.' },
  { key: 'OPS-3', type: 'task', status: 'todo', summary: 'Rotate client API keys', assignee: null, reporter: USER.pm,
    created: '2026-11-24T09:00', due: '2026-12-01', labels: [], priority: 'medium', sprints: [], storyPoints: 3 },
];

function buildIssues(): SandboxIssue[] {
  const idByKey = new Map(ISSUES.map((spec, i) => [spec.key, String(10001 + i)]));
  return ISSUES.map((spec) => {
    const id = idByKey.get(spec.key)!;
    const customFields: Record<string, unknown> = { ...spec.customFields };
    if (spec.storyPoints !== undefined) customFields[STORY_POINTS_FIELD] = spec.storyPoints;
    return {
      id,
      key: spec.key,
      projectId: spec.key.startsWith('WEB-') ? PROJECT.web : PROJECT.ops,
      issueTypeId: TYPE[spec.type],
      statusId: STATUS[spec.status],
      summary: spec.summary,
      description: spec.description ? adf(spec.description) : null,
      assignee: spec.assignee,
      reporter: spec.reporter,
      creator: spec.reporter,
      created: at(spec.created),
      updated: at(spec.updated ?? spec.created),
      resolutiondate: spec.resolved ? at(spec.resolved) : null,
      duedate: spec.due,
      labels: spec.labels,
      priorityId: PRIORITY[spec.priority],
      parentId: spec.parent ? idByKey.get(spec.parent)! : null,
      sprintIds: spec.sprints,
      customFields,
      properties: spec.properties ?? {},
      changelog: [],
      comments: (spec.comments ?? []).map((text, n) => ({
        id: String(20000 + Number(id) * 10 + n), author: USER.dev, body: adf(text), created: at(spec.created), updated: at(spec.created),
      })),
      worklogs: [],
    };
  });
}

export function buildJqlSite(): SiteData {
  const permissions = {
    BROWSE_PROJECTS: [ROLE.developers, ROLE.clients],
    CREATE_ISSUES: [ROLE.developers, ROLE.clients],
    EDIT_ISSUES: [ROLE.developers],
    TRANSITION_ISSUES: [ROLE.developers],
    ADD_COMMENTS: [ROLE.developers, ROLE.clients],
  };
  const workflowByIssueType = Object.fromEntries(Object.values(TYPE).map((t) => [t, 'wf']));
  return {
    baseUrl: 'http://127.0.0.1:0',
    today: '2026-11-25',
    users: [
      { accountId: USER.pm, accountType: 'atlassian', displayName: 'Priya Manager', emailAddress: 'priya@agency.example', timeZone: 'UTC', active: true, apiToken: 'pm-token' },
      { accountId: USER.dev, accountType: 'atlassian', displayName: 'Dan Developer', emailAddress: 'dan@agency.example', timeZone: 'UTC', active: true, apiToken: 'dev-token' },
      { accountId: USER.dev2, accountType: 'atlassian', displayName: 'Dora Dev', emailAddress: 'dora@agency.example', timeZone: 'UTC', active: true },
      { accountId: USER.client, accountType: 'atlassian', displayName: 'Clara Client', emailAddress: 'clara@client.example', timeZone: 'UTC', active: true, apiToken: 'client-token' },
    ],
    roles: [
      { id: ROLE.developers, name: 'Developers', description: 'The delivery team' },
      { id: ROLE.clients, name: 'Clients', description: 'Client users' },
    ],
    projects: [
      { id: PROJECT.web, key: 'WEB', name: 'Webshop', description: 'The client webshop', projectTypeKey: 'software', leadAccountId: USER.pm,
        issueTypeIds: Object.values(TYPE), roleActors: { [ROLE.developers]: [USER.pm, USER.dev, USER.dev2], [ROLE.clients]: [USER.client] },
        permissions, workflowByIssueType },
      { id: PROJECT.ops, key: 'OPS', name: 'Operations', description: 'Internal operations', projectTypeKey: 'software', leadAccountId: USER.dev,
        issueTypeIds: Object.values(TYPE), roleActors: { [ROLE.developers]: [USER.pm, USER.dev, USER.dev2], [ROLE.clients]: [] },
        permissions, workflowByIssueType },
    ],
    issueTypes: [
      { id: TYPE.story, name: 'Story', description: '', subtask: false, hierarchyLevel: 0 },
      { id: TYPE.task, name: 'Task', description: '', subtask: false, hierarchyLevel: 0 },
      { id: TYPE.bug, name: 'Bug', description: '', subtask: false, hierarchyLevel: 0 },
      { id: TYPE.epic, name: 'Epic', description: '', subtask: false, hierarchyLevel: 1 },
      { id: TYPE.subtask, name: 'Sub-task', description: '', subtask: true, hierarchyLevel: -1 },
    ],
    statuses: [
      { id: STATUS.todo, name: 'To Do', description: '', statusCategory: 'new' },
      { id: STATUS.progress, name: 'In Progress', description: '', statusCategory: 'indeterminate' },
      { id: STATUS.review, name: 'In Review', description: '', statusCategory: 'indeterminate' },
      { id: STATUS.done, name: 'Done', description: '', statusCategory: 'done' },
      { id: STATUS.backlog, name: 'Backlog', description: '', statusCategory: 'new', projectId: PROJECT.ops },
    ],
    workflows: [{
      id: 'wf', name: 'Test workflow', description: '', statusIds: Object.values(STATUS), initialStatusId: STATUS.todo,
      transitions: [{ id: '11', name: 'Start', from: [], to: STATUS.progress }, { id: '31', name: 'Done', from: [], to: STATUS.done }],
    }],
    fields: [
      { id: 'summary', key: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' }, clauseNames: ['summary'], searchable: true, navigable: true, orderable: true },
      { id: STORY_POINTS_FIELD, key: STORY_POINTS_FIELD, name: 'Story point estimate', custom: true,
        schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
        clauseNames: ['cf[10016]', 'Story point estimate', 'Story Points'], searchable: true, navigable: true, orderable: true },
      { id: SPRINT_FIELD, key: SPRINT_FIELD, name: 'Sprint', custom: true,
        schema: { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: 10020 },
        clauseNames: ['cf[10020]', 'Sprint'], searchable: true, navigable: true, orderable: true },
      { id: CLIENT_ASSIGNEE_FIELD, key: CLIENT_ASSIGNEE_FIELD, name: 'Client assignee', custom: true,
        schema: { type: 'any', custom: 'ari:cloud:ecosystem::extension/app/env/static/client-assignee', customId: 10050 },
        clauseNames: ['cf[10050]', 'Client assignee'], searchable: true, navigable: true, orderable: true,
        forge: { moduleKey: 'client-assignee', type: 'object', searchAliases: {
          clientAskClient: { path: 'client', type: 'user' },
          clientAskDue: { path: 'due', type: 'date' },
          clientAskState: { path: 'state', type: 'string' },
        } } },
      { id: CLIENT_REFERENCE_FIELD, key: CLIENT_REFERENCE_FIELD, name: 'Client reference', custom: true,
        schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', customId: 10060 },
        clauseNames: ['cf[10060]', 'Client reference'], searchable: true, navigable: true, orderable: true },
    ],
    priorities: [
      { id: PRIORITY.highest, name: 'Highest' },
      { id: PRIORITY.high, name: 'High' },
      { id: PRIORITY.medium, name: 'Medium' },
      { id: PRIORITY.low, name: 'Low' },
      { id: PRIORITY.lowest, name: 'Lowest' },
    ],
    issues: buildIssues(),
    linkTypes: [],
    links: [],
    boards: [
      { id: 1, name: 'WEB board', type: 'scrum', projectId: PROJECT.web },
      { id: 2, name: 'OPS board', type: 'scrum', projectId: PROJECT.ops },
    ],
    sprints: [
      { id: 1, boardId: 1, name: 'WEB Sprint 1', state: 'closed', startDate: at('2026-10-26T09:00'), endDate: at('2026-11-09T09:00'), completeDate: at('2026-11-09T09:00') },
      { id: 2, boardId: 1, name: 'WEB Sprint 2', state: 'active', startDate: at('2026-11-16T09:00'), endDate: at('2026-11-30T09:00') },
      { id: 3, boardId: 1, name: 'WEB Sprint 3', state: 'future' },
      { id: 4, boardId: 2, name: 'OPS Sprint 1', state: 'active', startDate: at('2026-11-16T09:00'), endDate: at('2026-11-30T09:00') },
    ],
    notifications: [],
    entityPropertyIndexes: [{
      moduleKey: 'liaison-flags-index', propertyKey: 'liaison-flags', entityType: 'issue',
      values: [
        { path: 'open', type: 'number', searchAlias: 'liaisonOpenFlags' },
        { path: 'maxSeverity', type: 'string', searchAlias: 'liaisonFlagSeverity' },
        { path: 'categories', type: 'string', searchAlias: 'liaisonFlagCategory' },
      ],
    }],
    counters: { issue: 10011, comment: 30000, worklog: 0, changelog: 0, link: 0, notification: 0, sprint: 4, board: 2, status: 5, issueType: 14, workflow: 1, field: 10060, project: 10001 },
  };
}

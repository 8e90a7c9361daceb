/**
 * Contract: every sandbox endpoint that jira.js 6 models is called and its answer parsed with
 * jira.js's zod schema (generated from Atlassian's OpenAPI spec), then key values are asserted.
 * The table below maps endpoint -> schema; the last test prints how many endpoints are covered.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { APP_ACCOUNT_ID, STORY_POINTS_FIELD } from '../../local/jira/model';
import { startSandbox, type Sandbox } from '../../local/jira/server';
import { importEsm } from '../setup/import-esm';
import { adf, buildTestSite, call, ROLE, STATUS, TRANSITION, USERS, type CallResult, type Principal } from './sandbox-fixture';

// jira.js is ESM-only with `exports` subpaths; the repo's node10 resolution finds its types by path.
type Cloud = typeof import('jira.js/dist/cloud/index');
type Agile = typeof import('jira.js/dist/agile/index');
const JIRA_JS_CLOUD: string = 'jira.js/cloud';
const JIRA_JS_AGILE: string = 'jira.js/agile';

interface ContractCase {
  /** `METHOD path` as Jira documents it. */
  endpoint: string;
  /** Whether jira.js 6 wraps this endpoint itself (else: the schema is the Jira model the endpoint returns). */
  wrapped: boolean;
  schema: (m: { cloud: Cloud; agile: Agile }) => z.ZodTypeAny;
  request: () => Promise<CallResult>;
  status?: number;
  check: (body: any, raw: any) => void;
}

let sandbox: Sandbox;
let cloud: Cloud;
let agile: Agile;
let dir: string;
const pm: Principal = { user: USERS.pm };
const app: Principal = 'app';
const req = (principal: Principal, method: string, path: string, body?: unknown) => call(sandbox.url, principal, method, path, body);

// Ids minted while the table runs, for later rows.
const minted: { issueKey?: string; commentId?: string; worklogId?: string; statusId?: string; workflowName?: string } = {};

const FORGE_MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555
modules:
  jira:customField:
    - key: client-assignee
      name: Client assignee
      description: The client person an ask waits on
      type: object
      formatter:
        expression: "value.client"
      schema:
        properties:
          client: { type: user, searchAlias: clientAssignee }
          due: { type: date, searchAlias: clientDue }
          state: { type: string, searchAlias: askState }
  jira:entityProperty:
    - key: flags-index
      entityType: issue
      propertyKey: liaison-flags
      values:
        - path: open
          type: number
          searchAlias: openFlags
`;

const cases: ContractCase[] = [
  {
    endpoint: 'GET /rest/api/3/myself', wrapped: true, schema: ({ cloud }) => cloud.DashboardUserSchema,
    request: () => req(pm, 'GET', '/rest/api/3/myself'),
    check: (b) => { assert.equal(b.accountId, USERS.pm); assert.equal(b.displayName, 'Priya Manager'); assert.equal(b.accountType, 'atlassian'); },
  },
  {
    endpoint: 'GET /rest/api/3/user', wrapped: true, schema: ({ cloud }) => cloud.DashboardUserSchema,
    request: () => req(pm, 'GET', `/rest/api/3/user?accountId=${USERS.dev}`),
    check: (b) => { assert.equal(b.displayName, 'Dan Developer'); assert.equal(b.timeZone, 'Europe/Berlin'); assert.ok(b.avatarUrls['48x48'].startsWith(sandbox.url)); },
  },
  {
    endpoint: 'GET /rest/api/3/user/search', wrapped: true, schema: ({ cloud }) => z.array(cloud.DashboardUserSchema),
    request: () => req(pm, 'GET', '/rest/api/3/user/search?query=dan'),
    check: (b) => assert.deepEqual(b.map((u: any) => u.accountId), [USERS.dev]),
  },
  {
    endpoint: 'GET /rest/api/3/user/bulk', wrapped: false, schema: ({ cloud }) => cloud.PageUserSchema,
    request: () => req(pm, 'GET', `/rest/api/3/user/bulk?accountId=${USERS.dev}&accountId=${USERS.client}`),
    check: (b) => { assert.equal(b.total, 2); assert.deepEqual(b.values.map((u: any) => u.displayName), ['Dan Developer', 'Clara Client']); },
  },
  {
    endpoint: 'GET /rest/api/3/user/assignable/search', wrapped: true, schema: ({ cloud }) => z.array(cloud.DashboardUserSchema),
    request: () => req(pm, 'GET', '/rest/api/3/user/assignable/search?project=SHOP'),
    check: (b) => assert.deepEqual(b.map((u: any) => u.accountId).sort(), [USERS.pm, USERS.dev].sort()),
  },
  {
    endpoint: 'GET /rest/api/3/project/search', wrapped: true, schema: ({ cloud }) => cloud.PageProjectSchema,
    request: () => req({ user: USERS.dev }, 'GET', '/rest/api/3/project/search?maxResults=1&expand=lead'),
    check: (b) => { assert.equal(b.total, 2); assert.equal(b.isLast, false); assert.equal(b.values[0].key, 'OPS'); assert.equal(b.values[0].lead.accountId, USERS.dev); },
  },
  {
    endpoint: 'GET /rest/api/3/project/{projectIdOrKey}', wrapped: true, schema: ({ cloud }) => cloud.ProjectSchema,
    request: () => req(pm, 'GET', '/rest/api/3/project/SHOP'),
    check: (b) => { assert.equal(b.id, '10000'); assert.equal(b.lead.accountId, USERS.pm); assert.equal(b.issueTypes.length, 4); assert.ok(b.roles.Clients.endsWith(`/role/${ROLE.clients}`)); },
  },
  {
    endpoint: 'GET /rest/api/3/project/{projectIdOrKey}/statuses', wrapped: true, schema: ({ cloud }) => z.array(cloud.IssueTypeWithStatusSchema),
    request: () => req(pm, 'GET', '/rest/api/3/project/SHOP/statuses'),
    check: (b) => assert.deepEqual(b.find((t: any) => t.name === 'Story').statuses.map((s: any) => s.name), ['To Do', 'In Progress', 'In Review', 'Done']),
  },
  {
    endpoint: 'GET /rest/api/3/role', wrapped: true, schema: ({ cloud }) => z.array(cloud.ProjectRoleSchema),
    request: () => req(app, 'GET', '/rest/api/3/role'),
    check: (b) => assert.deepEqual(b.map((r: any) => r.name), ['Administrators', 'Developers', 'Clients', 'Approvers']),
  },
  {
    endpoint: 'GET /rest/api/3/role/{id}', wrapped: true, schema: ({ cloud }) => cloud.ProjectRoleSchema,
    request: () => req(app, 'GET', `/rest/api/3/role/${ROLE.clients}`),
    check: (b) => { assert.equal(b.name, 'Clients'); assert.equal(b.id, ROLE.clients); },
  },
  {
    endpoint: 'GET /rest/api/3/project/{projectIdOrKey}/role', wrapped: true, schema: ({ cloud }) => cloud.GetProjectRolesSchema,
    request: () => req(pm, 'GET', '/rest/api/3/project/SHOP/role'),
    check: (b) => assert.equal(b.Developers, `${sandbox.url}/rest/api/3/project/10000/role/${ROLE.developers}`),
  },
  {
    endpoint: 'GET /rest/api/3/project/{projectIdOrKey}/role/{id}', wrapped: true, schema: ({ cloud }) => cloud.ProjectRoleSchema,
    request: () => req(app, 'GET', `/rest/api/3/project/SHOP/role/${ROLE.clients}`),
    check: (b) => { assert.equal(b.actors.length, 1); assert.equal(b.actors[0].type, 'atlassian-user-role-actor'); assert.equal(b.actors[0].actorUser.accountId, USERS.client); },
  },
  {
    endpoint: 'POST /rest/api/3/project/{projectIdOrKey}/role/{id}', wrapped: true, schema: ({ cloud }) => cloud.ProjectRoleSchema,
    request: () => req(pm, 'POST', `/rest/api/3/project/SHOP/role/${ROLE.approvers}`, { user: [USERS.pm] }),
    check: (b) => assert.deepEqual(b.actors.map((a: any) => a.actorUser.accountId), [USERS.pm]),
  },
  {
    endpoint: 'PUT /rest/api/3/project/{projectIdOrKey}/role/{id}', wrapped: true, schema: ({ cloud }) => cloud.ProjectRoleSchema,
    request: () => req(pm, 'PUT', `/rest/api/3/project/SHOP/role/${ROLE.approvers}`, { categorisedActors: { 'atlassian-user-role-actor': [USERS.pm, USERS.dev] } }),
    check: (b) => assert.deepEqual(b.actors.map((a: any) => a.actorUser.accountId), [USERS.pm, USERS.dev]),
  },
  {
    endpoint: 'GET /rest/api/3/project/{projectIdOrKey}/roledetails', wrapped: true, schema: ({ cloud }) => z.array(cloud.ProjectRoleDetailsSchema),
    // Needs project administration (Atlassian's docs): the PM asks which roles they hold.
    request: () => req({ user: USERS.pm }, 'GET', '/rest/api/3/project/SHOP/roledetails?currentMember=true'),
    check: (b) => assert.ok(b.some((r: any) => r.name === 'Administrators') && !b.some((r: any) => r.name === 'Clients' || r.name === 'Developers')),
  },
  {
    endpoint: 'GET /rest/api/3/mypermissions', wrapped: true, schema: ({ cloud }) => cloud.PermissionsSchema,
    request: () => req({ user: USERS.client }, 'GET', '/rest/api/3/mypermissions?projectKey=SHOP&permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER'),
    check: (b) => {
      assert.equal(b.permissions.BROWSE_PROJECTS.havePermission, true);
      assert.equal(b.permissions.EDIT_ISSUES.havePermission, false);
      assert.equal(b.permissions.ADMINISTER.havePermission, false);
      assert.equal(b.permissions.ADMINISTER.type, 'GLOBAL');
    },
  },
  {
    endpoint: 'GET /rest/api/3/project/{projectKeyOrId}/permissionscheme', wrapped: true, schema: ({ cloud }) => cloud.PermissionSchemeSchema,
    // Administer Projects or Jira: the PM administers SHOP. Without expand, Jira answers no grants.
    request: () => req(pm, 'GET', '/rest/api/3/project/SHOP/permissionscheme'),
    check: (b) => { assert.equal(b.id, 10000); assert.equal(b.permissions, undefined); assert.equal(b.self, `${sandbox.url}/rest/api/3/permissionscheme/10000`); },
  },
  {
    endpoint: 'GET /rest/api/3/permissionscheme/{schemeId}', wrapped: true, schema: ({ cloud }) => cloud.PermissionSchemeSchema,
    request: () => req({ user: USERS.dev }, 'GET', '/rest/api/3/permissionscheme/10000?expand=permissions'),
    check: (b) => {
      const holders = (permission: string) => b.permissions.filter((g: any) => g.permission === permission).map((g: any) => g.holder);
      assert.deepEqual(holders('EDIT_ISSUES').map((h: any) => h.value).sort(), [ROLE.administrators, ROLE.developers, ROLE.approvers].map(String).sort());
      assert.ok(holders('BROWSE_PROJECTS').some((h: any) => h.type === 'projectRole' && h.parameter === String(ROLE.clients)));
      assert.ok(b.permissions.every((g: any) => Number.isInteger(g.id) && g.self.startsWith(`${sandbox.url}/rest/api/3/permissionscheme/10000/permission/`)));
    },
  },
  {
    endpoint: 'GET /rest/api/3/project/{projectKeyOrId}/issuesecuritylevelscheme', wrapped: true, schema: ({ cloud }) => cloud.SecuritySchemeSchema,
    request: () => req(app, 'GET', '/rest/api/3/project/SHOP/issuesecuritylevelscheme'),
    check: (b) => { assert.equal(b.id, 10200); assert.equal(b.defaultSecurityLevelId, undefined); assert.deepEqual(b.levels.map((l: any) => [l.id, l.name]), [['10300', 'Internal'], ['10301', 'Client-facing']]); },
  },
  {
    endpoint: 'GET /rest/api/3/project/{projectKeyOrId}/securitylevel', wrapped: true, schema: ({ cloud }) => cloud.ProjectIssueSecurityLevelsSchema,
    // Set Issue Security is the developers' (see before()), and they are members of both levels.
    request: () => req({ user: USERS.dev }, 'GET', '/rest/api/3/project/SHOP/securitylevel'),
    check: (b) => { assert.deepEqual(b.levels.map((l: any) => l.name), ['Internal', 'Client-facing']); assert.equal(b.levels[0].issueSecuritySchemeId, '10200'); assert.equal(b.levels[0].isDefault, false); },
  },
  {
    endpoint: 'GET /rest/api/3/issuesecurityschemes/level/member', wrapped: true, schema: ({ cloud }) => cloud.PageSecurityLevelMemberSchema,
    request: () => req(app, 'GET', '/rest/api/3/issuesecurityschemes/level/member?schemeId=10200&maxResults=2'),
    check: (b) => {
      assert.equal(b.total, 4);
      assert.equal(b.isLast, false);
      assert.deepEqual(b.values.map((m: any) => [m.issueSecurityLevelId, m.holder.type, m.holder.value]), [['10300', 'projectRole', String(ROLE.administrators)], ['10300', 'projectRole', String(ROLE.developers)]]);
    },
  },
  {
    endpoint: 'GET /rest/api/3/permissions', wrapped: true, schema: ({ cloud }) => cloud.PermissionsSchema,
    request: () => req(pm, 'GET', '/rest/api/3/permissions'),
    check: (b) => { assert.equal(b.permissions.TRANSITION_ISSUES.type, 'PROJECT'); assert.equal(b.permissions.ADMINISTER.type, 'GLOBAL'); },
  },
  {
    endpoint: 'GET /rest/api/3/field', wrapped: true, schema: ({ cloud }) => z.array(cloud.FieldDetailsSchema),
    request: () => req(pm, 'GET', '/rest/api/3/field'),
    check: (b) => {
      assert.ok(b.some((f: any) => f.id === 'summary' && f.custom === false));
      assert.ok(b.some((f: any) => f.id === STORY_POINTS_FIELD && f.custom === true));
      const forge = b.find((f: any) => f.name === 'Client assignee');
      assert.ok(forge, 'the Forge custom field from the manifest is registered');
      assert.equal(forge.schema.custom, 'ari:cloud:ecosystem::extension/11111111-2222-4333-8444-555555555555/00000000-0000-4000-8000-00000000e0e0/static/client-assignee');
      assert.match(forge.id, /^customfield_\d+$/);
    },
  },
  {
    endpoint: 'GET /rest/api/3/issuetype', wrapped: true, schema: ({ cloud }) => z.array(cloud.IssueTypeDetailsSchema),
    request: () => req(pm, 'GET', '/rest/api/3/issuetype'),
    check: (b) => assert.deepEqual(b.map((t: any) => t.name), ['Story', 'Task', 'Epic', 'Sub-task']),
  },
  {
    endpoint: 'GET /rest/api/3/issuetype/{id}', wrapped: true, schema: ({ cloud }) => cloud.IssueTypeDetailsSchema,
    request: () => req(pm, 'GET', '/rest/api/3/issuetype/10004'),
    check: (b) => { assert.equal(b.subtask, true); assert.equal(b.hierarchyLevel, -1); },
  },
  {
    endpoint: 'GET /rest/api/3/issuetype/project', wrapped: false, schema: ({ cloud }) => z.array(cloud.IssueTypeDetailsSchema),
    request: () => req({ user: USERS.dev }, 'GET', '/rest/api/3/issuetype/project?projectId=10001'),
    check: (b) => assert.deepEqual(b.map((t: any) => t.name), ['Task']),
  },
  {
    endpoint: 'POST /rest/api/3/issuetype', wrapped: true, schema: ({ cloud }) => cloud.IssueTypeDetailsSchema, status: 201,
    request: () => req(app, 'POST', '/rest/api/3/issuetype', { name: 'Change request', description: 'A client change', type: 'standard' }),
    check: (b) => { assert.equal(b.name, 'Change request'); assert.equal(b.hierarchyLevel, 0); assert.equal(b.subtask, false); },
  },
  {
    endpoint: 'GET /rest/api/3/issuetypescheme/project', wrapped: true, schema: ({ cloud }) => cloud.PageIssueTypeSchemeProjectsSchema,
    request: () => req(app, 'GET', '/rest/api/3/issuetypescheme/project?projectId=10000'),
    check: (b) => { assert.deepEqual(b.values[0].projectIds, ['10000']); assert.equal(b.values[0].issueTypeScheme.id, '10000'); },
  },
  {
    endpoint: 'GET /rest/api/3/status', wrapped: true, schema: ({ cloud }) => z.array(cloud.StatusDetailsSchema),
    request: () => req(pm, 'GET', '/rest/api/3/status'),
    check: (b) => assert.deepEqual(b.find((s: any) => s.id === STATUS.done).statusCategory, { self: `${sandbox.url}/rest/api/3/statuscategory/3`, id: 3, key: 'done', colorName: 'green', name: 'Done' }),
  },
  {
    endpoint: 'GET /rest/api/3/status/{idOrName}', wrapped: true, schema: ({ cloud }) => cloud.StatusDetailsSchema,
    request: () => req(pm, 'GET', '/rest/api/3/status/In%20Review'),
    check: (b) => { assert.equal(b.id, STATUS.inReview); assert.equal(b.statusCategory.key, 'indeterminate'); },
  },
  {
    endpoint: 'GET /rest/api/3/statuscategory', wrapped: true, schema: ({ cloud }) => z.array(cloud.StatusCategorySchema),
    request: () => req(pm, 'GET', '/rest/api/3/statuscategory'),
    check: (b) => assert.deepEqual(b.map((c: any) => c.key), ['new', 'indeterminate', 'done']),
  },
  {
    endpoint: 'POST /rest/api/3/statuses', wrapped: true, schema: ({ cloud }) => z.array(cloud.JiraStatusSchema),
    request: () => req(app, 'POST', '/rest/api/3/statuses', { scope: { type: 'GLOBAL' }, statuses: [{ name: 'Assessed', statusCategory: 'IN_PROGRESS', description: 'Impact known' }] }),
    check: (b) => { assert.equal(b[0].name, 'Assessed'); assert.equal(b[0].statusCategory, 'IN_PROGRESS'); minted.statusId = b[0].id; },
  },
  {
    endpoint: 'GET /rest/api/3/statuses', wrapped: true, schema: ({ cloud }) => z.array(cloud.JiraStatusSchema),
    request: () => req(pm, 'GET', `/rest/api/3/statuses?id=${minted.statusId}&id=${STATUS.todo}`),
    check: (b) => assert.deepEqual(b.map((s: any) => s.name).sort(), ['Assessed', 'To Do']),
  },
  {
    endpoint: 'GET /rest/api/3/statuses/search', wrapped: true, schema: ({ cloud }) => cloud.PageOfStatusesSchema,
    request: () => req(app, 'GET', '/rest/api/3/statuses/search?statusCategory=IN_PROGRESS&maxResults=2'),
    check: (b) => { assert.equal(b.total, 3); assert.equal(b.isLast, false); assert.equal(b.values.length, 2); },
  },
  {
    endpoint: 'POST /rest/api/3/workflows/create/validation', wrapped: true, schema: ({ cloud }) => cloud.WorkflowValidationErrorListSchema,
    request: () => req(app, 'POST', '/rest/api/3/workflows/create/validation', { payload: { scope: { type: 'GLOBAL' }, statuses: [], workflows: [{ name: 'Software workflow', statuses: [], transitions: [] }] } }),
    check: (b) => assert.ok(b.errors.some((e: any) => e.code === 'WORKFLOW_NAME_NOT_UNIQUE' && e.level === 'ERROR')),
  },
  {
    endpoint: 'POST /rest/api/3/workflows/create', wrapped: true, schema: ({ cloud }) => cloud.WorkflowCreateResponseSchema,
    request: () => req(app, 'POST', '/rest/api/3/workflows/create', changeWorkflowPayload()),
    check: (b) => {
      const wf = b.workflows[0];
      minted.workflowName = wf.name;
      assert.equal(wf.name, 'Change request workflow');
      const approve = wf.transitions.find((t: any) => t.name === 'Approve');
      assert.equal(approve.validators[0].ruleKey, 'forge:expression-validator');
      assert.match(approve.validators[0].parameters.key, /\/static\/approval-validator$/);
      assert.equal(b.statuses.find((s: any) => s.name === 'Requested').statusCategory, 'TODO');
    },
  },
  {
    endpoint: 'POST /rest/api/3/workflows', wrapped: true, schema: ({ cloud }) => cloud.WorkflowReadResponseSchema,
    request: () => req(app, 'POST', '/rest/api/3/workflows', { workflowNames: ['Software workflow'] }),
    check: (b) => {
      const wf = b.workflows[0];
      assert.equal(wf.transitions.find((t: any) => t.type === 'INITIAL').toStatusReference, STATUS.todo);
      assert.equal(wf.transitions.find((t: any) => t.id === TRANSITION.done).type, 'GLOBAL');
      assert.equal(b.statuses.length, 4);
    },
  },
  {
    endpoint: 'GET /rest/api/3/workflows/search', wrapped: true, schema: ({ cloud }) => cloud.WorkflowSearchResponseSchema,
    request: () => req(app, 'GET', '/rest/api/3/workflows/search?queryString=workflow&maxResults=2'),
    check: (b) => { assert.equal(b.total, 3); assert.equal(b.values.length, 2); assert.equal(b.isLast, false); },
  },
  {
    endpoint: 'GET /rest/api/3/workflowscheme/project', wrapped: true, schema: ({ cloud }) => cloud.ContainerOfWorkflowSchemeAssociationsSchema,
    request: () => req(app, 'GET', '/rest/api/3/workflowscheme/project?projectId=10000'),
    check: (b) => { assert.deepEqual(b.values[0].projectIds, ['10000']); assert.equal(b.values[0].workflowScheme.issueTypeMappings['10001'], 'Software workflow'); },
  },
  {
    endpoint: 'PUT /rest/api/3/workflowscheme/{id}/issuetype/{issueType}', wrapped: true, schema: ({ cloud }) => cloud.WorkflowSchemeSchema,
    request: () => req(app, 'PUT', '/rest/api/3/workflowscheme/10000/issuetype/10004', { issueType: '10004', workflow: 'Software workflow', updateDraftIfNeeded: true }),
    check: (b) => assert.equal(b.issueTypeMappings['10004'], 'Software workflow'),
  },
  {
    endpoint: 'GET /rest/api/3/workflowscheme/{id}', wrapped: true, schema: ({ cloud }) => cloud.WorkflowSchemeSchema,
    request: () => req(app, 'GET', '/rest/api/3/workflowscheme/10001'),
    check: (b) => { assert.equal(b.id, 10001); assert.equal(b.defaultWorkflow, 'Simple workflow'); },
  },
  {
    endpoint: 'POST /rest/api/3/workflowscheme/read', wrapped: true, schema: ({ cloud }) => z.array(cloud.WorkflowSchemeReadResponseSchema),
    request: () => req(app, 'POST', '/rest/api/3/workflowscheme/read', { projectIds: ['10001'] }),
    check: (b) => assert.deepEqual(b[0].workflowsForIssueTypes.map((w: any) => [w.workflow.name, w.issueTypeIds]), [['Simple workflow', ['10002']]]),
  },
  {
    endpoint: 'GET /rest/api/3/priority', wrapped: false, schema: ({ cloud }) => z.array(cloud.PrioritySchema),
    request: () => req(pm, 'GET', '/rest/api/3/priority'),
    check: (b) => { assert.deepEqual(b.map((p: any) => p.name), ['Highest', 'High', 'Medium', 'Low']); assert.equal(b[2].isDefault, true); },
  },
  {
    endpoint: 'GET /rest/api/3/priority/search', wrapped: true, schema: ({ cloud }) => cloud.PagePrioritySchema,
    request: () => req(pm, 'GET', '/rest/api/3/priority/search?maxResults=3'),
    check: (b) => { assert.equal(b.total, 4); assert.equal(b.isLast, false); },
  },
  {
    endpoint: 'GET /rest/api/3/priority/{id}', wrapped: true, schema: ({ cloud }) => cloud.PrioritySchema,
    request: () => req(pm, 'GET', '/rest/api/3/priority/1'),
    check: (b) => assert.equal(b.name, 'Highest'),
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}', wrapped: true, schema: ({ cloud }) => cloud.IssueSchema,
    request: () => req(pm, 'GET', '/rest/api/3/issue/SHOP-1?expand=changelog,names,renderedFields&properties=liaison-flags'),
    check: (b, raw) => {
      assert.equal(raw.key, 'SHOP-1');
      assert.equal(raw.fields.status.name, 'In Progress');
      assert.deepEqual(raw.fields.status.statusCategory.key, 'indeterminate');
      assert.equal(raw.fields.reporter.accountId, USERS.pm);
      assert.match(raw.fields.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
      assert.deepEqual(raw.fields.customfield_10020.map((s: any) => [s.id, s.state]), [[1, 'closed'], [2, 'active']]);
      assert.equal(raw.fields.issuelinks[0].inwardIssue.key, 'SHOP-2');
      assert.equal(raw.fields.issuelinks[0].type.inward, 'is blocked by');
      assert.equal(raw.fields.comment.total, 2, 'the Developers-only comment is hidden from a non-Developer');
      assert.equal(raw.changelog.total, 1);
      assert.equal(raw.names.summary, 'Summary');
      assert.equal(raw.renderedFields.description, '<p>Description of SHOP-1</p>');
      assert.deepEqual(raw.properties['liaison-flags'].categories, ['scope-creep']);
      assert.equal(b.id, '10001');
    },
  },
  {
    endpoint: 'POST /rest/api/3/issue', wrapped: true, schema: ({ cloud }) => cloud.CreatedIssueSchema, status: 201,
    request: () => req({ user: USERS.dev }, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'SHOP' }, issuetype: { name: 'Task' }, summary: 'Add PayPal', labels: ['payments'], [STORY_POINTS_FIELD]: 5, customfield_10020: 2 },
    }),
    check: (b) => { assert.equal(b.key, 'SHOP-13'); assert.equal(b.self, `${sandbox.url}/rest/api/3/issue/${b.id}`); minted.issueKey = b.key; },
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/changelog', wrapped: true, schema: ({ cloud }) => cloud.PageChangelogSchema,
    request: () => req(pm, 'GET', '/rest/api/3/issue/SHOP-1/changelog?maxResults=10'),
    check: (b) => { assert.equal(b.total, 1); assert.equal(b.isLast, true); assert.equal(b.values[0].items[0].toString, 'In Progress'); },
  },
  {
    endpoint: 'POST /rest/api/3/changelog/bulkfetch', wrapped: true, schema: ({ cloud }) => cloud.BulkChangelogResponseSchema,
    request: () => req(pm, 'POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: ['SHOP-1', 'SHOP-2'], fieldIds: ['status'] }),
    check: (b) => { assert.equal(b.issueChangeLogs.length, 1); assert.equal(b.issueChangeLogs[0].issueId, '10001'); assert.equal(b.nextPageToken, undefined); },
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/transitions', wrapped: true, schema: ({ cloud }) => cloud.TransitionsSchema,
    request: () => req(pm, 'GET', '/rest/api/3/issue/SHOP-1/transitions'),
    check: (b) => {
      assert.deepEqual(b.transitions.map((t: any) => t.id), [TRANSITION.review, TRANSITION.done]);
      assert.equal(b.transitions[0].to.statusCategory.key, 'indeterminate');
      assert.equal(b.transitions[1].isGlobal, true);
    },
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/properties', wrapped: true, schema: ({ cloud }) => cloud.PropertyKeysSchema,
    request: () => req(pm, 'GET', '/rest/api/3/issue/SHOP-1/properties'),
    check: (b) => assert.deepEqual(b.keys.map((k: any) => k.key), ['liaison-flags']),
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', wrapped: true, schema: ({ cloud }) => cloud.EntityPropertySchema,
    request: () => req(pm, 'GET', '/rest/api/3/issue/SHOP-1/properties/liaison-flags'),
    check: (b) => { assert.equal(b.key, 'liaison-flags'); assert.equal(b.value.open, 1); },
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/comment', wrapped: true, schema: ({ cloud }) => cloud.PageOfCommentsSchema,
    request: () => req({ user: USERS.client }, 'GET', '/rest/api/3/issue/SHOP-1/comment?maxResults=1&startAt=1'),
    check: (b) => { assert.equal(b.total, 2, 'the Developers-only comment is hidden from the client'); assert.equal(b.comments[0].id, '102'); },
  },
  {
    endpoint: 'POST /rest/api/3/issue/{issueIdOrKey}/comment', wrapped: true, schema: ({ cloud }) => cloud.CommentSchema, status: 201,
    request: () => req({ user: USERS.dev }, 'POST', '/rest/api/3/issue/SHOP-1/comment', { body: adf('Shipped to staging'), visibility: { type: 'role', value: 'Developers' } }),
    check: (b) => { assert.equal(b.author.accountId, USERS.dev); assert.equal(b.visibility.value, 'Developers'); minted.commentId = b.id; },
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/comment/{id}', wrapped: true, schema: ({ cloud }) => cloud.CommentSchema,
    request: () => req({ user: USERS.dev }, 'GET', `/rest/api/3/issue/SHOP-1/comment/${minted.commentId}`),
    check: (b) => assert.equal(b.body.content[0].content[0].text, 'Shipped to staging'),
  },
  {
    endpoint: 'PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}', wrapped: true, schema: ({ cloud }) => cloud.CommentSchema,
    request: () => req({ user: USERS.dev }, 'PUT', `/rest/api/3/issue/SHOP-1/comment/${minted.commentId}`, { body: adf('Shipped to production') }),
    check: (b) => { assert.equal(b.body.content[0].content[0].text, 'Shipped to production'); assert.equal(b.visibility.value, 'Developers'); },
  },
  {
    endpoint: 'GET /rest/api/3/issueLinkType', wrapped: true, schema: ({ cloud }) => cloud.IssueLinkTypesSchema,
    request: () => req(pm, 'GET', '/rest/api/3/issueLinkType'),
    check: (b) => assert.deepEqual(b.issueLinkTypes.map((t: any) => [t.name, t.outward]), [['Blocks', 'blocks']]),
  },
  {
    endpoint: 'GET /rest/api/3/issueLinkType/{issueLinkTypeId}', wrapped: true, schema: ({ cloud }) => cloud.IssueLinkTypeSchema,
    request: () => req(pm, 'GET', '/rest/api/3/issueLinkType/10000'),
    check: (b) => assert.equal(b.inward, 'is blocked by'),
  },
  {
    endpoint: 'GET /rest/api/3/issueLink/{linkId}', wrapped: true, schema: ({ cloud }) => cloud.IssueLinkSchema,
    request: () => req(pm, 'GET', '/rest/api/3/issueLink/400'),
    check: (b) => { assert.equal(b.inwardIssue.key, 'SHOP-2'); assert.equal(b.outwardIssue.key, 'SHOP-1'); },
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/worklog', wrapped: true, schema: ({ cloud }) => cloud.PageOfWorklogsSchema,
    request: () => req(pm, 'GET', `/rest/api/3/issue/SHOP-1/worklog?startedAfter=${Date.parse('2026-10-05T00:00:00Z')}`),
    check: (b) => { assert.equal(b.total, 1); assert.equal(b.worklogs[0].timeSpent, '1h 30m'); assert.equal(b.worklogs[0].issueId, '10001'); },
  },
  {
    endpoint: 'POST /rest/api/3/issue/{issueIdOrKey}/worklog', wrapped: true, schema: ({ cloud }) => cloud.WorklogSchema, status: 201,
    request: () => req({ user: USERS.dev }, 'POST', '/rest/api/3/issue/SHOP-1/worklog', { timeSpent: '1d 2h', started: '2026-11-20T09:00:00.000+0000' }),
    check: (b, raw) => { assert.equal(b.timeSpentSeconds, 10 * 3600); assert.equal(raw.started, '2026-11-20T09:00:00.000+0000'); minted.worklogId = b.id; },
  },
  {
    endpoint: 'GET /rest/api/3/issue/{issueIdOrKey}/worklog/{id}', wrapped: true, schema: ({ cloud }) => cloud.WorklogSchema,
    request: () => req(pm, 'GET', `/rest/api/3/issue/SHOP-1/worklog/${minted.worklogId}`),
    check: (b) => assert.equal(b.timeSpent, '1d 2h'),
  },
  {
    endpoint: 'PUT /rest/api/3/issue/{issueIdOrKey}/worklog/{id}', wrapped: true, schema: ({ cloud }) => cloud.WorklogSchema,
    request: () => req({ user: USERS.dev }, 'PUT', `/rest/api/3/issue/SHOP-1/worklog/${minted.worklogId}`, { timeSpentSeconds: 7200 }),
    check: (b) => assert.equal(b.timeSpent, '2h'),
  },
  {
    endpoint: 'GET /rest/api/3/worklog/updated', wrapped: true, schema: ({ cloud }) => cloud.ChangedWorklogsSchema,
    request: () => req(pm, 'GET', `/rest/api/3/worklog/updated?since=${Date.parse('2026-10-01T00:00:00Z')}`),
    check: (b) => { assert.equal(b.lastPage, true); assert.deepEqual(b.values.map((v: any) => v.worklogId).sort(), [200, 201, Number(minted.worklogId)].sort()); },
  },
  {
    endpoint: 'POST /rest/api/3/worklog/list', wrapped: true, schema: ({ cloud }) => z.array(cloud.WorklogSchema),
    request: () => req(pm, 'POST', '/rest/api/3/worklog/list', { ids: [200, 202] }),
    check: (b) => assert.deepEqual(b.map((w: any) => w.id), ['200'], 'the OPS worklog is hidden from a user who cannot browse OPS'),
  },
  {
    endpoint: 'POST /rest/api/3/search/jql', wrapped: true, schema: ({ cloud }) => cloud.SearchAndReconcileResultsSchema,
    request: () => req(pm, 'POST', '/rest/api/3/search/jql', { jql: 'project = SHOP ORDER BY key ASC', fields: ['summary', 'status', STORY_POINTS_FIELD], maxResults: 5, properties: ['liaison-flags'] }),
    check: (b) => {
      assert.equal(b.issues.length, 5);
      assert.equal(b.isLast, false);
      assert.equal(typeof b.nextPageToken, 'string');
      assert.equal(b.issues[0].fields.summary, 'SHOP issue 1');
      assert.deepEqual(Object.keys(b.issues[0].fields).sort(), ['customfield_10016', 'status', 'summary']);
    },
  },
  {
    endpoint: 'GET /rest/api/3/search/jql', wrapped: true, schema: ({ cloud }) => cloud.SearchAndReconcileResultsSchema,
    request: () => req(pm, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SHOP')}&maxResults=100`),
    check: (b) => { assert.equal(b.isLast, true); assert.equal(b.issues.length, 13); assert.deepEqual(Object.keys(b.issues[0]), ['id']); },
  },
  {
    endpoint: 'POST /rest/api/3/search/approximate-count', wrapped: true, schema: ({ cloud }) => cloud.JQLCountResultsSchema,
    request: () => req({ user: USERS.dev }, 'POST', '/rest/api/3/search/approximate-count', { jql: 'project in (SHOP, OPS)' }),
    check: (b) => assert.equal(b.count, 13 + 4),
  },
  {
    endpoint: 'GET /rest/agile/1.0/board', wrapped: true, schema: ({ agile }) => agile.PageBoardSchema,
    request: () => req(pm, 'GET', '/rest/agile/1.0/board?projectKeyOrId=SHOP&type=scrum'),
    check: (b) => { assert.equal(b.total, 1); assert.equal(b.values[0].location.projectKey, 'SHOP'); },
  },
  {
    endpoint: 'GET /rest/agile/1.0/board/{boardId}', wrapped: true, schema: ({ agile }) => agile.BoardSchema,
    request: () => req(pm, 'GET', '/rest/agile/1.0/board/1'),
    check: (b) => { assert.equal(b.type, 'scrum'); assert.equal(b.location.projectId, 10000); },
  },
  {
    endpoint: 'GET /rest/agile/1.0/board/{boardId}/sprint', wrapped: true, schema: ({ agile }) => agile.GetAllSprintsSchema,
    request: () => req(pm, 'GET', '/rest/agile/1.0/board/1/sprint?state=active,closed'),
    check: (b) => assert.deepEqual(b.values.map((s: any) => [s.id, s.state]), [[1, 'closed'], [2, 'active']]),
  },
  {
    endpoint: 'GET /rest/agile/1.0/sprint/{sprintId}', wrapped: true, schema: ({ agile }) => agile.SprintSchema,
    request: () => req(pm, 'GET', '/rest/agile/1.0/sprint/2'),
    check: (b, raw) => { assert.equal(raw.goal, 'Payments'); assert.equal(raw.originBoardId, 1); assert.ok(b.startDate instanceof Date); },
  },
  {
    endpoint: 'GET /rest/software/1.0/sprint/{sprintId}/issue', wrapped: true, schema: ({ agile }) => agile.SoftwareIssueResultsSchema,
    request: () => req(pm, 'GET', '/rest/software/1.0/sprint/2/issue?maxResults=3&fields=summary'),
    check: (b) => { assert.equal(b.issues.length, 3); assert.equal(b.isLast, false); assert.ok(b.nextPageToken); },
  },
  {
    endpoint: 'GET /rest/software/1.0/board/{boardId}/issue', wrapped: true, schema: ({ agile }) => agile.SoftwareIssueResultsSchema,
    request: () => req(pm, 'GET', '/rest/software/1.0/board/1/issue?maxResults=100&fields=summary'),
    check: (b) => { assert.equal(b.issues.length, 13); assert.equal(b.isLast, true); },
  },
  {
    endpoint: 'GET /rest/agile/1.0/issue/{issueIdOrKey}', wrapped: true, schema: ({ agile }) => agile.IssueSchema,
    request: () => req(pm, 'GET', '/rest/agile/1.0/issue/SHOP-1'),
    check: (_b, raw) => { assert.equal(raw.fields.sprint.id, 2); assert.deepEqual(raw.fields.closedSprints.map((s: any) => s.id), [1]); },
  },
];

/** Provisions "Change request workflow" with a Forge validator and post function on Approve. */
function changeWorkflowPayload() {
  const ari = (key: string) => `ari:cloud:ecosystem::extension/11111111-2222-4333-8444-555555555555/00000000-0000-4000-8000-00000000e0e0/static/${key}`;
  return {
    scope: { type: 'GLOBAL' },
    statuses: [
      { statusReference: 'req', name: 'Requested', statusCategory: 'TODO' },
      { statusReference: 'assessed', id: minted.statusId },
      { statusReference: 'done', id: STATUS.done },
    ],
    workflows: [{
      name: 'Change request workflow',
      description: 'Log, assess, decide',
      statuses: [{ statusReference: 'req', properties: {} }, { statusReference: 'assessed', properties: {} }, { statusReference: 'done', properties: {} }],
      transitions: [
        { id: '1', type: 'INITIAL', name: 'Create', toStatusReference: 'req', links: [] },
        { type: 'DIRECTED', name: 'Assess', toStatusReference: 'assessed', links: [{ fromStatusReference: 'req' }] },
        {
          type: 'DIRECTED', name: 'Approve', toStatusReference: 'done', links: [{ fromStatusReference: 'assessed' }],
          validators: [{ ruleKey: 'forge:expression-validator', parameters: { key: ari('approval-validator'), config: '' } }],
          actions: [{ ruleKey: 'forge:workflow-post-function', parameters: { key: ari('approval-post-function') } }, { ruleKey: 'system:update-issue-status', parameters: {} }],
        },
      ],
    }],
  };
}

describe('sandbox responses parse with jira.js schemas', () => {
  beforeAll(async () => {
    cloud = await importEsm<Cloud>(JIRA_JS_CLOUD);
    agile = await importEsm<Agile>(JIRA_JS_AGILE);
    dir = mkdtempSync(join(tmpdir(), 'sandbox-contract-'));
    const manifestPath = join(dir, 'manifest.yml');
    writeFileSync(manifestPath, FORGE_MANIFEST);
    sandbox = await startSandbox({ site: buildTestSite(), manifestPath });
    // Issue security for the scheme rows: an internal level and a client-facing one (no issue uses them).
    const shop = sandbox.site.projects.find((p) => p.key === 'SHOP')!;
    shop.permissions.SET_ISSUE_SECURITY = [ROLE.developers];
    shop.issueSecurity = {
      id: 10200, name: 'SHOP security', description: 'Internal work',
      levels: [
        { id: '10300', name: 'Internal', description: 'Agency only', roleIds: [ROLE.administrators, ROLE.developers] },
        { id: '10301', name: 'Client-facing', description: 'Agency and client', roleIds: [ROLE.developers, ROLE.clients] },
      ],
    };
  });
  afterAll(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const c of cases) {
    test(c.endpoint, async () => {
      const res = await c.request();
      assert.equal(res.status, c.status ?? 200, `${c.endpoint} answered ${res.status}: ${JSON.stringify(res.body)}`);
      const parsed = c.schema({ cloud, agile }).parse(res.body);
      c.check(parsed, res.body);
    });
  }

  test('coverage: every endpoint in the table is distinct and counted', () => {
    const endpoints = new Set(cases.map((c) => c.endpoint));
    assert.equal(endpoints.size, cases.length, 'no endpoint is listed twice');
    const wrapped = cases.filter((c) => c.wrapped).length;
    console.log(`# contract: ${cases.length} sandbox endpoints parsed with jira.js 6 schemas (${wrapped} wrapped by jira.js itself, ${cases.length - wrapped} checked against the Jira model they return)`);
    assert.ok(cases.length >= 60);
  });

  test('the site the table ran against still holds what it wrote', () => {
    const issue = sandbox.site.issues.find((i) => i.key === minted.issueKey);
    assert.ok(issue);
    assert.equal(issue.reporter, USERS.dev);
    assert.deepEqual(issue.sprintIds, [2]);
    assert.equal(sandbox.site.users.some((u) => u.accountId === APP_ACCOUNT_ID), true);
  });
});

/**
 * The local host's manifest loader: module types, resolver functions, handlers, resources and
 * storage entities, read the way Forge reads manifest.yml.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { formatWithExpression } from '../../local/host/jiraExpression';
import { loadManifest, parseHandler, ManifestError } from '../../local/host/manifest';

const FULL = `
app:
  id: ari:cloud:ecosystem::app/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee
  runtime: { name: nodejs22.x }
  storage:
    entities:
      - name: report
        attributes:
          projectKey: { type: string }
          generatedAt: { type: integer }
        indexes:
          - projectKey
          - name: by-project-time
            partition: [projectKey]
            range: [generatedAt]
modules:
  jira:projectPage:
    - key: proj
      title: Liaison
      resource: project-page
      resolver: { function: resolver }
      pages:
        - { title: Settings, route: settings }
      sections:
        - header: Reports
          pages:
            - { title: Weekly, route: reports/weekly }
  jira:issuePanel:
    - key: panel
      title: Client asks
      icon: https://example.com/icon.svg
      resource: issue-panel
      resolver: { function: resolver }
  jira:adminPage:
    - { key: admin, title: { i18n: admin.title }, resource: admin-page, resolver: { function: resolver }, useAsConfig: true }
  jira:customField:
    - key: client-assignee
      name: Client assignee
      description: Who on the client side owes an answer
      type: object
      formatter: { expression: "value.client" }
      schema:
        properties:
          client: { type: string, searchAlias: clientAssignee }
          due: { type: string, searchAlias: clientDue }
      edit: { resource: field-edit }
      resolver: { function: resolver }
  jira:workflowValidator:
    - { key: cr-validator, name: Change request rules, description: d, function: validate-cr }
    - { key: expr-validator, name: Assigned, description: d, expression: "issue.assignee != null", errorMessage: Assign it }
  jira:workflowPostFunction:
    - { key: cr-post, name: Tell client, description: d, function: post-cr }
  trigger:
    - key: issue-events
      function: on-issue
      events: [avi:jira:created:issue, avi:jira:updated:issue]
      filter: { ignoreSelf: true }
    - key: comment-events
      function: on-issue
      events:
        - eventType: avi:jira:created:comment
          filter: { expression: "event.comment != null" }
  scheduledTrigger:
    - { key: weekly, function: weekly-job, interval: week }
  consumer:
    - { key: report-consumer, queue: reports, function: report-worker }
    - { key: legacy-consumer, queue: legacy, resolver: { function: resolver, method: on-legacy } }
  function:
    - { key: resolver, handler: index.handler }
    - { key: validate-cr, handler: events/workflow.validate }
    - { key: post-cr, handler: index.postCr }
    - { key: on-issue, handler: index.onIssue }
    - { key: weekly-job, handler: index.weekly }
    - { key: report-worker, handler: index.reportWorker, timeoutSeconds: 900 }
resources:
  - { key: project-page, path: static/project-page/build }
  - { key: issue-panel, path: static/issue-panel/build }
permissions:
  scopes: [read:jira-work, storage:app]
`;

test('every module type the host runs gets a typed view', () => {
  const m = loadManifest('/app/manifest.yml', FULL);
  assert.equal(m.appId, 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  assert.equal(m.appAri, 'ari:cloud:ecosystem::app/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
  assert.equal(m.root, '/app');
  assert.deepEqual(m.scopes, ['read:jira-work', 'storage:app']);
  assert.deepEqual(m.functions['validate-cr'], { key: 'validate-cr', handler: 'events/workflow.validate', file: 'events/workflow', exportName: 'validate' });
  assert.equal(m.functions['report-worker'].timeoutSeconds, 900);
  assert.deepEqual(m.resources, { 'project-page': 'static/project-page/build', 'issue-panel': 'static/issue-panel/build' });

  const [page] = m.projectPages;
  assert.equal(page.resolverFunction, 'resolver');
  assert.deepEqual(page.pages, [{ title: 'Settings', route: 'settings' }, { title: 'Weekly', route: 'reports/weekly', section: 'Reports' }]);
  assert.equal(m.issuePanels[0].icon, 'https://example.com/icon.svg');
  assert.equal(m.adminPages[0].title, 'admin.title');
  assert.equal(m.adminPages[0].useAsConfig, true);

  const [field] = m.customFields;
  assert.equal(field.fieldType, 'object');
  assert.equal(field.editResource, 'field-edit');
  assert.equal(field.formatterExpression, 'value.client');
  assert.deepEqual(field.searchAliases, { clientAssignee: { property: 'client', type: 'string' }, clientDue: { property: 'due', type: 'string' } });

  assert.deepEqual(m.workflowValidators.map((v) => [v.key, v.function, v.expression]), [['cr-validator', 'validate-cr', undefined], ['expr-validator', undefined, 'issue.assignee != null']]);
  assert.equal(m.workflowPostFunctions[0].function, 'post-cr');
  assert.deepEqual(m.triggers[0].events, [
    { eventType: 'avi:jira:created:issue', filter: { ignoreSelf: true } },
    { eventType: 'avi:jira:updated:issue', filter: { ignoreSelf: true } },
  ]);
  assert.deepEqual(m.triggers[1].events, [{ eventType: 'avi:jira:created:comment', filter: { expression: 'event.comment != null' } }]);
  assert.deepEqual(m.scheduledTriggers.map((t) => [t.key, t.function, t.interval]), [['weekly', 'weekly-job', 'week']]);
  assert.deepEqual(m.consumers.map((c) => [c.queue, c.function, c.method]), [['reports', 'report-worker', undefined], ['legacy', 'resolver', 'on-legacy']]);
  assert.deepEqual(m.entities, [
    {
      name: 'report',
      attributes: { projectKey: 'string', generatedAt: 'integer' },
      indexes: [
        { name: 'projectKey', partition: [], range: ['projectKey'] },
        { name: 'by-project-time', partition: ['projectKey'], range: ['generatedAt'] },
      ],
    },
  ]);
  assert.equal(m.moduleByKey('weekly')?.type, 'scheduledTrigger');
  assert.equal(m.uiModule('panel')?.type, 'jira:issuePanel');
  assert.equal(m.uiModule('client-assignee')?.type, 'jira:customField');
  assert.equal(m.uiModule('weekly'), undefined);
});

test('mistakes Forge would reject are reported with the module at fault', () => {
  const withModules = (modules: string) => `app:\n  id: ari:cloud:ecosystem::app/x\nmodules:\n${modules}`;
  assert.throws(() => loadManifest('m.yml', withModules('  jira:globalPage:\n    - { key: g, title: G, resource: r, resolver: { function: missing } }\n')), /module 'g' refers to function 'missing'/);
  assert.throws(() => loadManifest('m.yml', withModules('  function:\n    - { key: a, handler: index.a }\n  trigger:\n    - { key: a, function: a, events: [x] }\n')), /module key 'a' is used twice/);
  assert.throws(() => loadManifest('m.yml', withModules('  function:\n    - { key: a, handler: nodot }\n')), ManifestError);
  assert.throws(() => loadManifest('m.yml', 'modules: {}\n'), /app.id is missing/);
  assert.throws(
    () => loadManifest('m.yml', 'app:\n  id: ari:cloud:ecosystem::app/x\n  storage:\n    entities:\n      - name: e\n        attributes: { a: { type: string } }\n        indexes: [{ name: i, range: [b] }]\n'),
    /undeclared attribute 'b'/,
  );
  assert.deepEqual(parseHandler('resolvers/report.run'), { file: 'resolvers/report', exportName: 'run' });
});

test('the repository manifest loads', () => {
  const m = loadManifest('manifest.yml');
  assert.ok(m.appAri.startsWith('ari:cloud:ecosystem::app/'));
  for (const page of [...m.projectPages, ...m.globalPages, ...m.adminPages, ...m.issuePanels]) {
    assert.ok(page.resource && m.resources[page.resource], `${page.key} has a declared resource`);
    assert.ok(page.resolverFunction && m.functions[page.resolverFunction], `${page.key} has a declared resolver function`);
  }
});

test("the repository's Client assignee formatter is read from view.formatter, and scopes from the map form", () => {
  const m = loadManifest('manifest.yml');
  const field = m.customFields.find((f) => f.key === 'client-assignee');
  assert.match(field?.formatter?.expression ?? '', /^value == null \? '' :/);
  // The issue view runs the field's Custom UI view; search and lists read the formatter: the state and the due day, no name.
  assert.deepEqual([field?.viewResource, field?.viewExperiences], ['client-assignee-field', ['issue-view']]);
  const format = (value: unknown) => formatWithExpression(field!.formatter!.expression, { value });
  const texts = (['waiting', 'question', 'answered', 'accepted', 'withdrawn'] as const).map((state) => format({ client: 'acc-1', state, due: '2026-12-10', round: 2 }));
  assert.deepEqual(texts, ['Waiting on client', 'Waiting on team', 'Answered', 'Accepted', 'Withdrawn'].map((label) => ({ ok: true, text: `${label} · due 2026-12-10` })));
  assert.deepEqual(format(null), { ok: true, text: '' });
  assert.ok(m.scopes.includes('read:jira-work') && m.scopes.includes('storage:app'));
});

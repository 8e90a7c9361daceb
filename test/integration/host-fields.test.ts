/**
 * Forge custom fields in the shell's issue view: an `object` field declared read-only with a
 * formatter expression and search aliases, set by the app through Jira's app field value API,
 * shows the formatter's text (not JSON) and no Edit button; a formatter that fails shows the raw
 * value and the reason; users cannot set the read-only field through the shell.
 */
import { describe, test, beforeAll, afterAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS } from '../../local/demo/site';
import { startTestHost, type TestHost } from '../../local/host/testing';
import { startShellServer, USER_COOKIE, type ShellServer } from '../../local/host/server';
import type { SandboxIssue } from '../../local/jira/model';

const FORMATTER = "value.state == 'waiting' ? `Waiting on client: ${value.ask} (due ${value.due})` : `${value.state.toUpperCase()}: ${value.ask}`";

const MANIFEST = `
app:
  id: ari:cloud:ecosystem::app/7a1b2c3d-0000-4000-8000-000000000003
  runtime: { name: nodejs22.x }
modules:
  jira:customField:
    - key: client-assignee
      name: Client assignee
      description: The ask a client person owes
      type: object
      readOnly: true
      formatter:
        expression: "${FORMATTER.replace(/"/g, '\\"')}"
      schema:
        type: object
        properties:
          client: { type: string, searchAlias: client }
          state: { type: string, searchAlias: state }
          due: { type: string, searchAlias: due }
      edit: { resource: field-ui }
    - key: broken-format
      name: Broken format
      description: A formatter that reads a property of null
      type: object
      view:
        formatter: { expression: "value.missing.name" }
      edit: { resource: field-ui }
    - key: viewed-field
      name: Viewed field
      description: A Custom UI view on the issue view, the formatter elsewhere
      type: object
      readOnly: true
      view:
        resource: field-ui
        experience: [issue-view]
        formatter: { expression: "'formatted ' + value.state" }
    - key: portal-only-view
      name: Portal only view
      description: A view resource that opts into the portal only
      type: object
      view:
        resource: field-ui
        experience: [portal-view]
        formatter: { expression: "'formatted ' + value.state" }
resources:
  - key: field-ui
    path: field-ui/build
`;

let host: TestHost;
let shell: ShellServer;
let issue: SandboxIssue;
let otherIssue: SandboxIssue;

const ask = { client: DEMO_USERS.clientPo, ask: 'Confirm the address provider', due: '2026-11-28', state: 'waiting', askedAt: '2026-11-19T10:00:00.000Z', askedBy: DEMO_USERS.pm, round: 1 };

/** PUT /rest/api/3/app/field/{fieldIdOrKey}/value on the sandbox, as the app or as a user. */
async function setFieldValue(fieldKey: string, issueId: string, value: unknown, as: 'app' | string = 'app') {
  const res = await fetch(`${host.sandbox.url}/rest/api/3/app/field/${encodeURIComponent(fieldKey)}/value`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: as === 'app' ? 'Bearer forge-app' : `Bearer forge-user:${as}` },
    body: JSON.stringify({ updates: [{ issueIds: [Number(issueId)], value }] }),
  });
  return res.status;
}

async function issueView(key: string, accountId = DEMO_USERS.pm) {
  const res = await fetch(`${shell.url}/browse/${key}`, { headers: { cookie: `${USER_COOKIE}=${encodeURIComponent(accountId)}` } });
  assert.equal(res.status, 200);
  return res.text();
}

/** The `<dd>` of a details row, by its field name. */
function detailsRow(html: string, fieldName: string): string {
  const m = new RegExp(`<dt>${fieldName}</dt><dd>(.*?)</dd>`, 's').exec(html);
  assert.ok(m, `the issue view has a '${fieldName}' row`);
  return m[1];
}

function editButtonModules(html: string): string[] {
  return [...html.matchAll(/data-edit-field="([^"]*)"/g)].map((m) => JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).moduleKey);
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-host-fields-'));
  writeFileSync(join(dir, 'manifest.yml'), MANIFEST);
  mkdirSync(join(dir, 'field-ui', 'build'), { recursive: true });
  writeFileSync(join(dir, 'field-ui', 'build', 'index.html'), '<!doctype html><html><body><script src="./app.js"></script></body></html>');
  host = await startTestHost({ manifestPath: join(dir, 'manifest.yml'), modules: {} });
  shell = await startShellServer({ app: host.app, port: 0, defaultAccountId: DEMO_USERS.pm });
  const shop = host.sandbox.site.projects.find((p) => p.key === 'SHOP')!;
  [issue, otherIssue] = host.sandbox.site.issues.filter((i) => i.projectId === shop.id);
});

afterAll(async () => {
  await shell?.close();
  await host?.close();
});

describe('the manifest loader', () => {
  test('exposes readOnly, the formatter and the schema of custom fields', () => {
    const [field, broken] = host.app.manifest.customFields;
    assert.equal(field.key, 'client-assignee');
    assert.equal(field.readOnly, true);
    assert.deepEqual(field.formatter, { expression: FORMATTER });
    assert.equal(field.formatterExpression, FORMATTER);
    assert.deepEqual(Object.keys((field.schema as { properties: object }).properties), ['client', 'state', 'due']);
    assert.deepEqual(field.searchAliases.state, { property: 'state', type: 'string' });
    assert.equal(broken.readOnly, false);
    assert.equal(broken.formatter?.expression, 'value.missing.name', 'view.formatter is read too');
  });
});

describe('the issue view', () => {
  test('shows the formatted value of a field the app set, and no Edit button for a read-only field', async () => {
    assert.equal(await setFieldValue('client-assignee', issue.id, ask, DEMO_USERS.pm), 403, 'only the app sets its field this way');
    assert.equal(await setFieldValue('client-assignee', issue.id, ask), 204);
    const html = await issueView(issue.key);
    const row = detailsRow(html, 'Client assignee');
    assert.match(row, /<div class="field-value formatted">Waiting on client: Confirm the address provider \(due 2026-11-28\)<\/div>/);
    assert.doesNotMatch(row, /"askedBy"|<pre>/, 'not the raw JSON');
    assert.deepEqual(editButtonModules(html), ['broken-format'], 'the read-only field has no Edit button; the editable one has');
  });

  test('evaluates the formatter for each value (the other branch of the ternary)', async () => {
    assert.equal(await setFieldValue('client-assignee', issue.id, { ...ask, state: 'answered', answer: 'Provider B' }), 204);
    const row = detailsRow(await issueView(issue.key), 'Client assignee');
    assert.match(row, />ANSWERED: Confirm the address provider</);
  });

  test('escapes what the formatter returns', async () => {
    assert.equal(await setFieldValue('client-assignee', issue.id, { ...ask, ask: '<b>Approve</b> & sign' }), 204);
    const row = detailsRow(await issueView(issue.key), 'Client assignee');
    assert.match(row, />Waiting on client: &lt;b&gt;Approve&lt;\/b&gt; &amp; sign \(due 2026-11-28\)</);
  });

  test('an empty field shows None without running the formatter', async () => {
    const row = detailsRow(await issueView(otherIssue.key), 'Client assignee');
    assert.match(row, /None/);
    assert.doesNotMatch(row, /Unable to render/);
  });

  test('a formatter that fails shows "unable to render", the reason and the raw value', async () => {
    assert.equal(await setFieldValue('broken-format', issue.id, { note: 'kept as is' }), 204);
    const row = detailsRow(await issueView(issue.key), 'Broken format');
    assert.match(row, /Unable to render this value\./);
    assert.match(row, /Type null does not have any properties \(reading &#39;name&#39;\)/);
    assert.match(row, /<pre>\{\n {2}&quot;note&quot;: &quot;kept as is&quot;\n\}<\/pre>/);
  });
});

/** The frame spec of the Custom UI frame in a details row (its data-liaison-frame attribute). */
function frameSpec(row: string): { kind: string; resource: string; context: { extension: Record<string, unknown> } } | null {
  const m = /data-liaison-frame="([^"]*)"/.exec(row);
  return m ? JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) : null;
}

describe("a field's view resource on the issue view", () => {
  test("runs in a frame with the extension context Forge gives a custom field's view", async () => {
    const value = { state: 'waiting', due: '2026-12-10' };
    assert.equal(await setFieldValue('viewed-field', issue.id, value), 204);
    const row = detailsRow(await issueView(issue.key), 'Viewed field');
    const spec = frameSpec(row);
    assert.ok(spec, 'the view resource is framed');
    assert.equal(spec.kind, 'field-view');
    assert.equal(spec.resource, 'field-ui');
    const field = host.sandbox.site.fields.find((f) => f.forge?.moduleKey === 'viewed-field')!;
    const { location, ...extension } = spec.context.extension;
    assert.match(String(location), new RegExp(`/browse/${issue.key}$`));
    assert.deepEqual(extension, {
      type: 'jira:customField', entryPoint: 'view', fieldValue: value, fieldId: field.id, fieldType: field.schema?.custom,
      issue: { id: issue.id, key: issue.key, type: host.sandbox.site.issueTypes.find((t) => t.id === issue.issueTypeId)?.name, typeId: issue.issueTypeId },
      project: { id: issue.projectId, key: 'SHOP', type: 'software' },
      renderContext: 'issue-view', experience: 'issue-view',
    });
    assert.doesNotMatch(row, /formatted waiting/, 'the formatter is for the places without the view');
  });

  test('an empty field gets its view too, with fieldValue null (the field view draws its own empty state)', async () => {
    const spec = frameSpec(detailsRow(await issueView(otherIssue.key), 'Viewed field'));
    assert.equal(spec?.context.extension.fieldValue, null);
  });

  test('a view resource that does not opt into the issue view is not run there: the formatter shows the value', async () => {
    assert.equal(await setFieldValue('portal-only-view', issue.id, { state: 'answered' }), 204);
    const row = detailsRow(await issueView(issue.key), 'Portal only view');
    assert.equal(frameSpec(row), null);
    assert.match(row, /<div class="field-value formatted">formatted answered<\/div>/);
  });
});

describe('editing through the shell', () => {
  test('a user cannot set a read-only field; an editable one is set', async () => {
    const post = (fieldKey: string, value: unknown) => {
      const fieldId = host.sandbox.site.fields.find((f) => f.forge?.moduleKey === fieldKey)!.id;
      return fetch(`${shell.url}/api/issue-field`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${USER_COOKIE}=${encodeURIComponent(DEMO_USERS.pm)}` },
        body: JSON.stringify({ issueKey: otherIssue.key, fieldId, value }),
      });
    };
    const refused = await post('client-assignee', ask);
    assert.equal(refused.status, 400);
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /Field 'Client assignee' is read-only/);
    const clientField = host.sandbox.site.fields.find((f) => f.forge?.moduleKey === 'client-assignee')!.id;
    assert.equal(host.sandbox.site.issues.find((i) => i.key === otherIssue.key)!.customFields[clientField], undefined, 'nothing was written');

    const accepted = await post('broken-format', { note: 'by the PM' });
    assert.equal(accepted.status, 204);
    const brokenField = host.sandbox.site.fields.find((f) => f.forge?.moduleKey === 'broken-format')!.id;
    assert.deepEqual(host.sandbox.site.issues.find((i) => i.key === otherIssue.key)!.customFields[brokenField], { note: 'by the PM' });
  });
});

/**
 * manifest.yml against Forge's own validator (offline), plus the links it cannot check:
 * every function handler is exported by src/, every resource has its Custom UI app.
 */
import { describe, test, beforeAll } from '@jest/globals';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const forgeManifest = require('@forge/manifest') as {
  validate(full: boolean, path: string): Promise<{ success: boolean; errors?: Array<{ message: string; level: string; line?: number }> }>;
};

interface Manifest {
  modules: Record<string, Array<Record<string, unknown>>>;
  resources: Array<{ key: string; path: string }>;
  permissions: { scopes: Record<string, { allowImpersonation?: boolean }> };
  app: { id: string; runtime: { name: string }; storage?: { entities: Array<{ name: string; attributes: Record<string, { type: string }>; indexes?: unknown[] }> } };
}

const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;

/** Runs Forge's validator from a directory (it resolves resource and handler paths relative to the cwd). */
async function validateIn(dir: string) {
  const previous = process.cwd();
  process.chdir(dir);
  try {
    return await forgeManifest.validate(false, 'manifest.yml');
  } finally {
    process.chdir(previous);
  }
}

/** ajv's errors for manifest.yml against Forge's own schema, as Forge's SchemaValidator compiles it. */
function rawSchemaErrors(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SchemaValidator } = require('@forge/manifest') as { SchemaValidator: new (schema: unknown) => { validateSchema: ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params: unknown }> | null } } };
  // The schema file is not in the package's exports: read it where the package keeps it.
  const validator = new SchemaValidator(JSON.parse(readFileSync(join(ROOT, 'node_modules', '@forge', 'manifest', 'out', 'schema', 'manifest-schema.json'), 'utf8')));
  validator.validateSchema(parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')));
  return JSON.stringify((validator.validateSchema.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}

beforeAll(() => {
  // Resources point at built bundles: build them if this test runs on its own.
  const missing = manifest.resources.filter((r) => !existsSync(join(ROOT, r.path, 'index.html')));
  if (missing.length > 0) execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-static.ts'], { cwd: ROOT, stdio: 'inherit' });
});

describe('manifest.yml', () => {
  test("passes Forge's validator with no errors", async () => {
    const result = await validateIn(ROOT);
    assert.deepEqual(result.errors ?? [], []);
    // Forge's schema step drops some of ajv's errors from what it lists (a 'required' inside a oneOf,
    // an if/then), and every later step then fails without a word: show ajv's own errors then.
    assert.equal(result.success, true, result.success ? '' : `Forge's validator failed without listing why; the schema says: ${rawSchemaErrors()}`);
  });

  test('every function handler is a function exported by src/', async () => {
    const functions = manifest.modules.function ?? [];
    assert.ok(functions.length > 0, 'no functions declared');
    for (const fn of functions) {
      const [file, exportName] = String(fn.handler).split('.');
      const mod = (await import(join(ROOT, 'src', file))) as Record<string, unknown>;
      const exported = mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName];
      assert.equal(typeof exported, 'function', `${fn.key}: src/${file} exports no function ${exportName}`);
    }
  });

  test('every resource is a static/<name> Custom UI app built to static/<name>/build', () => {
    for (const resource of manifest.resources) {
      assert.equal(resource.path, `static/${resource.key}/build`);
      assert.ok(existsSync(join(ROOT, 'static', resource.key, 'index.html')), `static/${resource.key}/index.html`);
      assert.ok(existsSync(join(ROOT, 'static', resource.key, 'src', 'index.tsx')), `static/${resource.key}/src/index.tsx`);
    }
  });

  test('every UI module names a declared resource and resolver function', () => {
    const resources = new Set(manifest.resources.map((r) => r.key));
    const functions = new Set((manifest.modules.function ?? []).map((f) => f.key));
    // UI modules are those with a Custom UI resource (custom fields and entity properties have none).
    const uiModules = Object.entries(manifest.modules).filter(([type, modules]) => type.startsWith('jira:') && modules.some((m) => 'resource' in m));
    for (const type of ['jira:adminPage', 'jira:globalPage', 'jira:issuePanel', 'jira:projectPage']) assert.ok(uiModules.some(([t]) => t === type), type);
    for (const [, modules] of uiModules) {
      for (const module of modules) {
        assert.ok(resources.has(String(module.resource)), `${module.key} uses undeclared resource ${module.resource}`);
        assert.ok(functions.has(String((module.resolver as { function: string }).function)), `${module.key} has no resolver function`);
      }
    }
    const projectPage = manifest.modules['jira:projectPage'][0];
    const pages = projectPage.pages as Array<{ title: string; route: string }>;
    assert.deepEqual(pages.find((p) => p.route === 'asks'), { title: 'Client asks', route: 'asks' });
    assert.deepEqual(pages.find((p) => p.route === 'settings'), { title: 'Settings', route: 'settings' });
    const panel = manifest.modules['jira:issuePanel'].find((m) => m.key === 'client-ask-panel');
    assert.deepEqual(panel && { title: panel.title, resource: panel.resource }, { title: 'Client ask', resource: 'client-ask-panel' });
    assert.equal(manifest.modules['jira:adminPage'][0].useAsConfig, true);
  });

  test('the app id is the placeholder, the runtime is Node 22, the scopes are the minimal set', () => {
    assert.equal(manifest.app.id, 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000');
    assert.equal(manifest.app.runtime.name, 'nodejs22.x');
    // read:jira-user: role actors' groups (/user/groups) and people's names (/user/bulk), read as the app.
    // write:jira-work: Liaison's issue properties and notifications; write:app-data:jira: the Client assignee value;
    // the jira-software and read:project:jira scopes: boards and sprints for the delay attribution;
    // manage:jira-configuration: change request provisioning reads issue types, statuses, workflows and schemes (issue 4);
    // write:confluence-content, read:space:confluence, write:page:confluence: reports published as Confluence pages (issue 6).
    assert.deepEqual(Object.keys(manifest.permissions.scopes).sort(), [
      'manage:jira-configuration',
      'read:board-scope:jira-software', 'read:jira-user', 'read:jira-work', 'read:project:jira', 'read:space:confluence', 'read:sprint:jira-software',
      'storage:app', 'write:app-data:jira', 'write:confluence-content', 'write:jira-work', 'write:page:confluence',
    ]);
    // Offline user impersonation (the report-jobs consumer reads as the requester) for the read scopes that reading uses, and no others.
    const impersonating = Object.entries(manifest.permissions.scopes).filter(([, v]) => v?.allowImpersonation === true).map(([k]) => k).sort();
    assert.deepEqual(impersonating, ['read:board-scope:jira-software', 'read:jira-user', 'read:jira-work', 'read:project:jira', 'read:sprint:jira-software']);
  });

  test('the Client assignee field: an app-only object field holding only client, state, due and round, with search aliases for client, state and due', () => {
    const field = manifest.modules['jira:customField'].find((m) => m.key === 'client-assignee') as Record<string, any> | undefined;
    assert.ok(field);
    assert.deepEqual([field.name, field.type, field.readOnly], ['Client assignee', 'object', true]);
    // The shape the reference documents for type object (view.formatter.expression), not a top-level formatter.
    assert.equal(field.formatter, undefined);
    // The issue view shows it through its Custom UI view (a declared resource); elsewhere Jira uses the formatter.
    assert.deepEqual([field.view.resource, field.view.experience], ['client-assignee-field', ['issue-view']]);
    assert.ok(manifest.resources.some((r) => r.key === field.view.resource));
    // The field is readable by anyone who can browse the issue, and its changelog keeps every value: no ask text, answer or question.
    assert.doesNotMatch(field.view.formatter.expression, /value\.(ask|answer|infoRequest)/);
    assert.deepEqual(Object.keys(field.schema.properties).sort(), ['client', 'due', 'round', 'state']);
    const properties = field.schema.properties as Record<string, { type: string; searchType?: string; searchAlias?: string }>;
    // JSON schema types; searchType makes Jira index client as a user and due as a date (Forge's documented override).
    assert.deepEqual(properties.client, { type: 'string', searchType: 'user', searchAlias: 'client' });
    assert.deepEqual(properties.due, { type: 'string', searchType: 'date', searchAlias: 'due' });
    assert.deepEqual({ ...properties.state, enum: undefined }, { type: 'string', searchAlias: 'state', enum: undefined });
    assert.deepEqual(field.schema.required, ['client', 'due', 'state', 'round']);
  });

  test('the client-ask entity: the ask record, indexed by project, by project and state, and by client and state', () => {
    const asks = manifest.app.storage?.entities.find((e) => e.name === 'client-ask');
    assert.ok(asks);
    assert.deepEqual(Object.keys(asks.attributes).sort(), ['client', 'document', 'due', 'issueKey', 'projectKey', 'round', 'state', 'updatedAt', 'version']);
    assert.deepEqual(asks.indexes, [
      { name: 'by-project', partition: ['projectKey'], range: ['updatedAt'] },
      { name: 'by-project-state', partition: ['projectKey', 'state'], range: ['due'] },
      { name: 'by-client-state', partition: ['client', 'state'], range: ['due'] },
    ]);
  });

  test('what a real site needs: team-managed workflows, Confluence as an optional app, the v2 web trigger URL', () => {
    const modules = manifest.modules as Record<string, Array<Record<string, any>>>;
    for (const type of ['jira:workflowValidator', 'jira:workflowPostFunction']) {
      for (const rule of modules[type]) assert.deepEqual([...rule.projectTypes].sort(), ['company-managed', 'team-managed'], `${type} ${rule.key}`);
    }
    assert.deepEqual((manifest.app as Record<string, unknown>).compatibility, { jira: { required: true }, confluence: { required: false } });
    const share = modules.webtrigger.find((w) => w.key === 'report-share');
    assert.equal(share?.urlFormat, 'v2');
  });

  test('the audit entity is indexed by project and time', () => {
    const audit = manifest.app.storage?.entities.find((e) => e.name === 'audit');
    assert.ok(audit);
    assert.deepEqual(Object.keys(audit.attributes).sort(), ['action', 'actor', 'at', 'detail', 'projectKey', 'target']);
    assert.deepEqual(audit.indexes, [{ name: 'by-project-time', partition: ['projectKey'], range: ['at'] }]);
  });
});

describe('a broken manifest fails validation', () => {
  test('a handler pointing at a missing file is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-manifest-'));
    try {
      cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
      for (const resource of manifest.resources) cpSync(join(ROOT, resource.path), join(dir, resource.path), { recursive: true });
      copyFileSync(join(ROOT, 'manifest.yml'), join(dir, 'manifest.yml'));
      const text = readFileSync(join(dir, 'manifest.yml'), 'utf8');
      assert.ok(text.includes('handler: index.handler'));
      writeFileSync(join(dir, 'manifest.yml'), text.replace('handler: index.handler', 'handler: nothere.handler'));
      const result = await validateIn(dir);
      assert.equal(result.success, false);
      assert.ok((result.errors ?? []).some((e) => e.level === 'error' && /cannot find associated file with name 'nothere/.test(e.message)), JSON.stringify(result.errors));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the same copy with the right handler passes (the copy itself is sound)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-manifest-'));
    try {
      cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
      for (const resource of manifest.resources) cpSync(join(ROOT, resource.path), join(dir, resource.path), { recursive: true });
      copyFileSync(join(ROOT, 'manifest.yml'), join(dir, 'manifest.yml'));
      const result = await validateIn(dir);
      assert.deepEqual(result.errors ?? [], []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('red flags modules', () => {
  test('the liaison-flags property is indexed: client-visible open count, highest severity, categories, and an opaque total, with search aliases', () => {
    const index = manifest.modules['jira:entityProperty'].find((m) => m.propertyKey === 'liaison-flags');
    assert.ok(index);
    assert.equal(index.entityType, 'issue');
    assert.deepEqual(index.values, [
      { path: 'open', type: 'number', searchAlias: 'flagsOpen' },
      { path: 'maxSeverity', type: 'number', searchAlias: 'flagSeverity' },
      { path: 'categories', type: 'string', searchAlias: 'flagCategory' },
      { path: 'total', type: 'number', searchAlias: 'flagsTotal' },
    ]);
  });

  test('the rules run on issue created/updated (not on the app\'s own changes) and daily, each function exported', () => {
    const trigger = manifest.modules.trigger.find((m) => m.key === 'flag-rules-on-issue-change');
    assert.deepEqual(trigger && { events: trigger.events, filter: trigger.filter }, { events: ['avi:jira:created:issue', 'avi:jira:updated:issue'], filter: { ignoreSelf: true } });
    const daily = manifest.modules.scheduledTrigger.find((m) => m.key === 'flag-rules-daily');
    assert.equal(daily?.interval, 'day');
    const handlers = Object.fromEntries((manifest.modules.function ?? []).map((f) => [f.key, f.handler]));
    assert.equal(handlers[String(trigger?.function)], 'index.onIssueChangedForFlags');
    assert.equal(handlers[String(daily?.function)], 'index.runDailyFlagRules');
  });

  test('the issue panel, the Red flags page and the dashboard gadget with its configuration screen', () => {
    const panel = manifest.modules['jira:issuePanel'].find((m) => m.key === 'red-flags-panel');
    assert.deepEqual(panel && { title: panel.title, resource: panel.resource }, { title: 'Red flags', resource: 'red-flags-panel' });
    const pages = manifest.modules['jira:projectPage'][0].pages as Array<{ title: string; route: string }>;
    assert.deepEqual(pages.find((p) => p.route === 'flags'), { title: 'Red flags', route: 'flags' });
    const gadget = manifest.modules['jira:dashboardGadget'].find((m) => m.key === 'liaison-flags-gadget');
    assert.ok(gadget);
    assert.equal(gadget.title, 'Liaison: red flags and overdue asks');
    assert.equal(gadget.resource, 'flags-gadget');
    assert.deepEqual(gadget.edit, { resource: 'flags-gadget' });
  });
});

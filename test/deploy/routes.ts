/**
 * Every product REST call the app makes, read from the source with TypeScript's parser: the
 * `route` tagged templates of src/ (through JiraClient's get/post/put/request and the Confluence
 * writer's request) and the browser `requestJira` calls of static/. Each with its method, its path
 * template (`{}` for each substitution, no query) and where it is.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Jira's REST OpenAPI description, beside the clone as CI lays it out (/work/shared beside /work/main). */
export const JIRA_OPENAPI = resolve(__dirname, '..', '..', '..', 'shared', 'specs', 'jira-platform-openapi.json');

export interface ProductCall {
  product: 'jira' | 'confluence';
  method: string;
  /** `/rest/api/3/issue/{}/notify`: each substitution is `{}`, the query string is left off. */
  path: string;
  where: string;
}

/** Calls whose method could not be read (a new way of calling a route): the test fails on them. */
export interface UnreadCall {
  where: string;
  text: string;
}

const METHOD_NAMES: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', delete: 'DELETE', patch: 'PATCH' };

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'build') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

function templatePath(node: ts.Expression): string | undefined {
  let text: string;
  if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) text = node.text;
  else if (ts.isTemplateExpression(node)) text = node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  else return undefined;
  return text.split('?')[0];
}

function stringArg(node: ts.Expression | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** The method of the call a route is passed to: `x.get(route…)`, `x.request('DELETE', route…)`, `request('POST', route…)`. */
function methodOf(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (!name) return undefined;
  if (METHOD_NAMES[name]) return METHOD_NAMES[name];
  if (name === 'request') return stringArg(call.arguments[0])?.toUpperCase();
  return undefined;
}

/** `requestJira(path, { method })` from @forge/bridge: GET unless the init names a method. */
function bridgeMethod(init: ts.Expression | undefined): string | undefined {
  if (!init) return 'GET';
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  const method = init.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === 'method');
  return method ? stringArg(method.initializer)?.toUpperCase() : 'GET';
}

/** The files under `dir` (relative to root) that import `module`. */
export function filesImporting(root: string, dir: string, module: string): string[] {
  const quoted = new RegExp(`from ['"]${module.replace(/[.*+?^$()|[\]\\/]/g, '\\$&')}['"]`);
  return sourceFiles(join(root, dir)).filter((file) => quoted.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
}

export function productCalls(root: string): { calls: ProductCall[]; unread: UnreadCall[] } {
  const calls: ProductCall[] = [];
  const unread: UnreadCall[] = [];
  const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'static'))];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const where = (node: ts.Node) => `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const add = (node: ts.Node, method: string | undefined, path: string | undefined) => {
      if (!method || !path) unread.push({ where: where(node), text: node.getText().slice(0, 160) });
      else calls.push({ product: path.startsWith('/wiki/') ? 'confluence' : 'jira', method, path, where: where(node) });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'route') {
        let up: ts.Node = node.parent;
        while (up && !ts.isCallExpression(up) && (ts.isParenthesizedExpression(up) || ts.isAsExpression(up))) up = up.parent;
        add(node, up && ts.isCallExpression(up) ? methodOf(up) : undefined, templatePath(node.template));
      } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^request(Jira|Confluence)$/.test(node.expression.text) && node.arguments.length > 0) {
        // The browser bridge's product fetch (static/): the path is a plain string or template.
        if (file.includes(`${join(root, 'static')}`)) add(node, bridgeMethod(node.arguments[1]), templatePath(node.arguments[0]));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { calls, unread };
}

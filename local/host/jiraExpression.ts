/**
 * A local evaluator for the part of the Jira expression language that Forge custom field
 * formatters use (developer.atlassian.com/cloud/jira/platform/jira-expressions): Jira evaluates
 * `formatter.expression` over the field's `value` to show an `object` field as text; the shell
 * does the same. A tokenizer, a recursive-descent parser and a tree-walking interpreter; no eval.
 *
 * Supported: string (both quotes), number, boolean and null literals; template literals with
 * `${}`; list `[..]` and map `{k: v}` literals; static, computed and optional (`?.`) member access;
 * `+ - * / %`, `== != < <= > >=`, `&& || !`, `?:`, parentheses; arrow functions for list methods;
 * `let x = ...;` declarations and an optional `return`; context variables (`value`, `fieldId`, ...).
 * Methods: String length, toLowerCase, toUpperCase, trim, includes, startsWith, endsWith, indexOf,
 * lastIndexOf, slice, substring, split, replace, replaceAll, repeat, padStart, padEnd; List length,
 * map, filter, some, every, reduce, flatMap, flatten, includes, indexOf, join, slice, concat;
 * Map get. Anything else (`new`, `typeof`, `if`, `try`, regular expressions, other methods) is
 * refused with an error rather than guessed at.
 *
 * Semantics follow Jira's where documented: reading a property of null fails ("Type null does not
 * have any properties") unless `?.` is used; `==` compares by value (lists and maps too); `<`
 * compares two numbers or two strings only ("Can't compare Number to String."); expressions are
 * limited to 1,000 characters. Where Jira's docs are silent the JavaScript behaviour is used:
 * truthiness (null, false, 0 and '' are false), `&&`/`||` yield an operand, a missing map key or
 * list index reads as null, and values in templates and concatenation print as JavaScript prints
 * them (lists and maps as JSON).
 */

export type JiraExpressionErrorKind = 'syntax' | 'type' | 'evaluation' | 'other';

export class JiraExpressionError extends Error {
  constructor(
    readonly kind: JiraExpressionErrorKind,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'JiraExpressionError';
  }
}

/** Jira's limit on an expression's length. */
export const MAX_EXPRESSION_LENGTH = 1000;
/** Bounds so a formatter cannot hang or exhaust the host. */
const MAX_STEPS = 100_000;
const MAX_STRING_LENGTH = 100_000;

// ---- tokens --------------------------------------------------------------------------------------

type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'tpl'; quasis: string[]; parts: Token[][]; pos: number }
  | { t: 'id'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'eof'; pos: number };

const OPERATORS = ['=>', '==', '!=', '<=', '>=', '&&', '||', '.', '[', ']', '(', ')', '{', '}', ',', ':', '?', ';', '+', '-', '*', '/', '%', '<', '>', '!', '='];
/** JavaScript operators this evaluator does not have: named in the error rather than misread. */
const UNSUPPORTED_OPERATORS = ['===', '!==', '??', '**', '++', '--', '+=', '-=', '*=', '/='];

function unsupportedOperatorAt(src: string, i: number): string | undefined {
  const long = UNSUPPORTED_OPERATORS.find((op) => src.startsWith(op, i));
  if (long) return long;
  const c = src[i];
  if ((c === '&' || c === '|') && src[i + 1] !== c) return c;
  return c === '^' || c === '~' ? c : undefined;
}
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function lineColumn(src: string, pos: number): { line: number; column: number } {
  const before = src.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}

function syntaxError(src: string, pos: number, message: string): JiraExpressionError {
  const { line, column } = lineColumn(src, pos);
  return new JiraExpressionError('syntax', `Syntax error at line ${line}, column ${column}: ${message}`, line, column);
}

/** Reads an escape after a backslash at `i`; returns the text and the index after it. */
function readEscape(src: string, i: number): [string, number] {
  const c = src[i + 1];
  if (c === undefined) throw syntaxError(src, i, 'unfinished escape sequence.');
  if (c === 'u') {
    const braced = src[i + 2] === '{';
    const hex = braced ? /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(i + 2)) : /^[0-9a-fA-F]{4}/.exec(src.slice(i + 2));
    if (!hex) throw syntaxError(src, i, 'invalid \\u escape.');
    const code = parseInt(braced ? hex[1] : hex[0], 16);
    if (code > 0x10ffff) throw syntaxError(src, i, 'invalid \\u escape.');
    return [String.fromCodePoint(code), i + 2 + hex[0].length];
  }
  return [ESCAPES[c] ?? c, i + 2];
}

/**
 * Tokenizes from `start`. Inside a template's `${`, stops at the `}` that closes it and returns
 * its position, so nested templates and braces in map literals are handled by the same code.
 */
function tokenize(src: string, start: number, inTemplate: boolean): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let depth = 0;
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (inTemplate && c === '}' && depth === 0) {
      tokens.push({ t: 'eof', pos: i });
      return { tokens, end: i };
    }
    if (/[0-9]/.test(c)) {
      const m = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i))!;
      if (/^[A-Za-z_$0-9]/.test(src.slice(i + m[0].length))) throw syntaxError(src, i, `invalid number '${src.slice(i, i + m[0].length + 1)}'.`);
      tokens.push({ t: 'num', v: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))!;
      tokens.push({ t: 'id', v: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let text = '';
      let j = i + 1;
      for (;;) {
        const d = src[j];
        if (d === undefined || d === '\n') throw syntaxError(src, i, 'unterminated string.');
        if (d === c) break;
        if (d === '\\') {
          const [s, next] = readEscape(src, j);
          text += s;
          j = next;
        } else {
          text += d;
          j++;
        }
      }
      tokens.push({ t: 'str', v: text, pos: i });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const quasis: string[] = [];
      const parts: Token[][] = [];
      let text = '';
      let j = i + 1;
      for (;;) {
        const d = src[j];
        if (d === undefined) throw syntaxError(src, i, 'unterminated template literal.');
        if (d === '`') break;
        if (d === '\\') {
          const [s, next] = readEscape(src, j);
          text += s;
          j = next;
        } else if (d === '$' && src[j + 1] === '{') {
          const inner = tokenize(src, j + 2, true);
          if (inner.tokens.length === 1) throw syntaxError(src, j, 'empty ${} in template literal.');
          quasis.push(text);
          parts.push(inner.tokens);
          text = '';
          j = inner.end + 1;
        } else {
          text += d;
          j++;
        }
      }
      quasis.push(text);
      tokens.push({ t: 'tpl', quasis, parts, pos: i });
      i = j + 1;
      continue;
    }
    const unsupported = unsupportedOperatorAt(src, i);
    if (unsupported) throw syntaxError(src, i, `'${unsupported}' is not supported.`);
    if (c === '?' && src[i + 1] === '.' && !/[0-9]/.test(src[i + 2] ?? '')) {
      tokens.push({ t: 'op', v: '?.', pos: i });
      i += 2;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw syntaxError(src, i, `unexpected character '${c}'.`);
    if (op === '{') depth++;
    if (op === '}') depth--;
    tokens.push({ t: 'op', v: op, pos: i });
    i += op.length;
  }
  if (inTemplate) throw syntaxError(src, start, "'}' expected to close '${' in template literal.");
  tokens.push({ t: 'eof', pos: src.length });
  return { tokens, end: src.length };
}

// ---- syntax tree ---------------------------------------------------------------------------------

type Link =
  | { k: 'member'; name: string; optional: boolean; pos: number }
  | { k: 'index'; index: Node; optional: boolean; pos: number }
  | { k: 'call'; args: Node[]; optional: boolean; pos: number };

type Node =
  | { k: 'literal'; value: null | boolean | number | string }
  | { k: 'template'; quasis: string[]; parts: Node[] }
  | { k: 'variable'; name: string; pos: number }
  | { k: 'list'; items: Node[] }
  | { k: 'map'; entries: [string, Node][] }
  | { k: 'arrow'; params: string[]; body: Node }
  | { k: 'unary'; op: '!' | '-'; arg: Node; pos: number }
  | { k: 'binary'; op: string; left: Node; right: Node; pos: number }
  | { k: 'logical'; op: '&&' | '||'; left: Node; right: Node }
  | { k: 'conditional'; test: Node; then: Node; otherwise: Node }
  | { k: 'chain'; base: Node; links: Link[] }
  | { k: 'let'; name: string; init: Node; body: Node };

const LITERAL_WORDS: Record<string, null | boolean> = { true: true, false: false, null: null };
/** Jira expression words this evaluator does not implement: refused by name, not misparsed. */
const UNSUPPORTED_WORDS = new Set(['new', 'typeof', 'if', 'else', 'try', 'catch', 'function', 'var', 'const', 'this', 'in', 'instanceof', 'void', 'delete']);
const RESERVED = new Set(['let', 'return', ...Object.keys(LITERAL_WORDS), ...UNSUPPORTED_WORDS]);

function describe(tok: Token): string {
  switch (tok.t) {
    case 'eof': return 'end of expression';
    case 'num': return `number ${tok.v}`;
    case 'str': return 'string';
    case 'tpl': return 'template literal';
    default: return `'${tok.v}'`;
  }
}

class Parser {
  private i = 0;
  constructor(private readonly src: string, private readonly toks: Token[]) {}

  private peek(ahead = 0): Token {
    return this.toks[Math.min(this.i + ahead, this.toks.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (this.i < this.toks.length - 1) this.i++;
    return t;
  }
  private isOp(v: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.t === 'op' && t.v === v;
  }
  private isWord(v: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.t === 'id' && t.v === v;
  }
  private fail(tok: Token, expected: string): never {
    throw syntaxError(this.src, tok.pos, `${expected} expected, ${describe(tok)} encountered.`);
  }
  private expectOp(v: string): Token {
    if (!this.isOp(v)) this.fail(this.peek(), `'${v}'`);
    return this.next();
  }
  private identifier(what: string): string {
    const t = this.peek();
    if (t.t !== 'id') this.fail(t, what);
    if (RESERVED.has(t.v)) throw syntaxError(this.src, t.pos, `'${t.v}' cannot be used as a name.`);
    this.next();
    return t.v;
  }

  /** program := (('let')? name '=' expression ';')* ('return')? expression ';'? */
  program(): Node {
    const decls: { name: string; init: Node }[] = [];
    for (;;) {
      const isLet = this.isWord('let');
      const head = this.peek();
      if (!isLet && !(head.t === 'id' && !RESERVED.has(head.v) && this.isOp('=', 1))) break;
      if (isLet) this.next();
      const name = this.identifier('a variable name');
      this.expectOp('=');
      const init = this.expression();
      this.expectOp(';');
      decls.push({ name, init });
    }
    if (this.isWord('return')) this.next();
    let body = this.expression();
    if (this.isOp(';')) this.next();
    if (this.peek().t !== 'eof') this.fail(this.peek(), 'end of expression');
    for (const d of decls.reverse()) body = { k: 'let', name: d.name, init: d.init, body };
    return body;
  }

  /** A whole expression inside a template's `${}` (its own token list). */
  embedded(): Node {
    const node = this.expression();
    if (this.peek().t !== 'eof') this.fail(this.peek(), "'}'");
    return node;
  }

  expression(): Node {
    const arrowParams = this.arrowParams();
    if (arrowParams) {
      this.expectOp('=>');
      return { k: 'arrow', params: arrowParams, body: this.expression() };
    }
    const test = this.logicalOr();
    if (!this.isOp('?')) return test;
    this.next();
    const then = this.expression();
    this.expectOp(':');
    return { k: 'conditional', test, then, otherwise: this.expression() };
  }

  /** `x =>` or `(a, b) =>`: the parameter names, consuming them; otherwise null, consuming nothing. */
  private arrowParams(): string[] | null {
    const t = this.peek();
    if (t.t === 'id' && this.isOp('=>', 1)) return [this.identifier('a parameter name')];
    if (!this.isOp('(')) return null;
    let j = 1;
    const names: string[] = [];
    if (!this.isOp(')', j)) {
      for (;;) {
        const p = this.peek(j);
        if (p.t !== 'id') return null;
        names.push(p.v);
        j++;
        if (this.isOp(')', j)) break;
        if (!this.isOp(',', j)) return null;
        j++;
      }
    }
    if (!this.isOp('=>', j + 1)) return null;
    this.next();
    const params = names.map(() => {
      const name = this.identifier('a parameter name');
      if (this.isOp(',')) this.next();
      return name;
    });
    this.expectOp(')');
    if (new Set(params).size !== params.length) throw syntaxError(this.src, t.pos, 'duplicate parameter name.');
    return params;
  }

  private logicalOr(): Node {
    let left = this.logicalAnd();
    while (this.isOp('||')) {
      this.next();
      left = { k: 'logical', op: '||', left, right: this.logicalAnd() };
    }
    return left;
  }
  private logicalAnd(): Node {
    let left = this.equality();
    while (this.isOp('&&')) {
      this.next();
      left = { k: 'logical', op: '&&', left, right: this.equality() };
    }
    return left;
  }
  private binaryLevel(ops: string[], operand: () => Node): Node {
    let left = operand();
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || !ops.includes(t.v)) return left;
      this.next();
      left = { k: 'binary', op: t.v, left, right: operand(), pos: t.pos };
    }
  }
  private equality(): Node {
    return this.binaryLevel(['==', '!='], () => this.relational());
  }
  private relational(): Node {
    return this.binaryLevel(['<', '<=', '>', '>='], () => this.additive());
  }
  private additive(): Node {
    return this.binaryLevel(['+', '-'], () => this.multiplicative());
  }
  private multiplicative(): Node {
    return this.binaryLevel(['*', '/', '%'], () => this.unary());
  }
  private unary(): Node {
    const t = this.peek();
    if (t.t === 'op' && (t.v === '!' || t.v === '-')) {
      this.next();
      return { k: 'unary', op: t.v, arg: this.unary(), pos: t.pos };
    }
    return this.postfix();
  }

  private postfix(): Node {
    const base = this.primary();
    const links: Link[] = [];
    for (;;) {
      const t = this.peek();
      if (this.isOp('.')) {
        this.next();
        links.push({ k: 'member', name: this.propertyName(), optional: false, pos: t.pos });
      } else if (this.isOp('?.')) {
        this.next();
        if (this.isOp('[')) links.push({ k: 'index', index: this.bracketed(), optional: true, pos: t.pos });
        else if (this.isOp('(')) links.push({ k: 'call', args: this.args(), optional: true, pos: t.pos });
        else links.push({ k: 'member', name: this.propertyName(), optional: true, pos: t.pos });
      } else if (this.isOp('[')) {
        links.push({ k: 'index', index: this.bracketed(), optional: false, pos: t.pos });
      } else if (this.isOp('(')) {
        links.push({ k: 'call', args: this.args(), optional: false, pos: t.pos });
      } else {
        return links.length ? { k: 'chain', base, links } : base;
      }
    }
  }
  private propertyName(): string {
    const t = this.peek();
    if (t.t !== 'id') this.fail(t, 'a property name');
    this.next();
    return t.v;
  }
  private bracketed(): Node {
    this.expectOp('[');
    const index = this.expression();
    this.expectOp(']');
    return index;
  }
  private args(): Node[] {
    this.expectOp('(');
    const args: Node[] = [];
    while (!this.isOp(')')) {
      args.push(this.expression());
      if (!this.isOp(')')) this.expectOp(',');
    }
    this.next();
    return args;
  }

  private primary(): Node {
    const t = this.peek();
    switch (t.t) {
      case 'num':
      case 'str':
        this.next();
        return { k: 'literal', value: t.v };
      case 'tpl':
        this.next();
        return { k: 'template', quasis: t.quasis, parts: t.parts.map((toks) => new Parser(this.src, toks).embedded()) };
      case 'id':
        if (t.v in LITERAL_WORDS) {
          this.next();
          return { k: 'literal', value: LITERAL_WORDS[t.v] };
        }
        if (UNSUPPORTED_WORDS.has(t.v)) throw syntaxError(this.src, t.pos, `'${t.v}' is not supported by the local Jira expression evaluator.`);
        return { k: 'variable', name: this.identifier('an expression'), pos: t.pos };
      case 'op':
        if (t.v === '(') {
          this.next();
          const inner = this.expression();
          this.expectOp(')');
          return inner;
        }
        if (t.v === '[') {
          this.next();
          const items: Node[] = [];
          while (!this.isOp(']')) {
            items.push(this.expression());
            if (!this.isOp(']')) this.expectOp(',');
          }
          this.next();
          return { k: 'list', items };
        }
        if (t.v === '{') {
          this.next();
          const entries: [string, Node][] = [];
          while (!this.isOp('}')) {
            const key = this.peek();
            if (key.t !== 'id' && key.t !== 'str' && key.t !== 'num') this.fail(key, 'a key');
            this.next();
            this.expectOp(':');
            entries.push([String(key.v), this.expression()]);
            if (!this.isOp('}')) this.expectOp(',');
          }
          this.next();
          return { k: 'map', entries };
        }
        return this.fail(t, 'an expression');
      default:
        return this.fail(t, 'an expression');
    }
  }
}

// ---- values --------------------------------------------------------------------------------------

class Scope {
  constructor(private readonly vars: ReadonlyMap<string, unknown>, private readonly parent?: Scope) {}
  has(name: string): boolean {
    return this.vars.has(name) || (this.parent?.has(name) ?? false);
  }
  get(name: string): unknown {
    return this.vars.has(name) ? this.vars.get(name) : this.parent?.get(name);
  }
  child(vars: Map<string, unknown>): Scope {
    return new Scope(vars, this);
  }
}

class Closure {
  constructor(readonly params: string[], readonly body: Node, readonly scope: Scope) {}
}

/**
 * A Jira entity in the context (Issue, Project, User) of which the local host knows only some
 * properties: reading another property fails clearly instead of reading as null.
 */
export class JiraEntity {
  constructor(readonly typeName: string, readonly props: Readonly<Record<string, unknown>>) {}
}

type MapValue = Record<string, unknown>;

function isMap(v: unknown): v is MapValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Closure) && !(v instanceof JiraEntity);
}

/** Jira's name for a value's type, as its error messages use. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'Number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'List';
  if (v instanceof Closure) return 'Function';
  if (v instanceof JiraEntity) return v.typeName;
  if (typeof v === 'object') return 'Map';
  throw new JiraExpressionError('type', `A ${typeof v} cannot be used in a Jira expression.`);
}

function truthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '' || Number.isNaN(v));
}

function plain(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof JiraEntity) return v.props;
  if (v instanceof Closure) return '<function>';
  return v;
}

/** How a value prints in a template literal or string concatenation. */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Closure) return '<function>';
  return JSON.stringify(v, (_k, x) => plain(x));
}

function deepEqual(a: unknown, b: unknown): boolean {
  a = a ?? null;
  b = b ?? null;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof JiraEntity && b instanceof JiraEntity) return a.typeName === b.typeName && deepEqual(a.props, b.props);
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

// ---- interpreter ---------------------------------------------------------------------------------

class Interpreter {
  private steps = 0;
  constructor(private readonly src: string) {}

  private error(kind: JiraExpressionErrorKind, pos: number | undefined, message: string): JiraExpressionError {
    if (pos === undefined) return new JiraExpressionError(kind, message);
    const { line, column } = lineColumn(this.src, pos);
    return new JiraExpressionError(kind, `${message} (line ${line}, column ${column})`, line, column);
  }

  eval(node: Node, scope: Scope): unknown {
    if (++this.steps > MAX_STEPS) throw this.error('other', undefined, `The expression took more than ${MAX_STEPS} steps.`);
    switch (node.k) {
      case 'literal':
        return node.value;
      case 'template': {
        let out = node.quasis[0];
        node.parts.forEach((p, i) => (out += toText(this.eval(p, scope)) + node.quasis[i + 1]));
        return out;
      }
      case 'variable':
        if (!scope.has(node.name)) throw this.error('evaluation', node.pos, `Unknown variable '${node.name}'.`);
        return scope.get(node.name) ?? null;
      case 'list':
        return node.items.map((n) => this.eval(n, scope));
      case 'map': {
        const out: MapValue = {};
        for (const [key, n] of node.entries) Object.defineProperty(out, key, { value: this.eval(n, scope), enumerable: true, writable: true, configurable: true });
        return out;
      }
      case 'arrow':
        return new Closure(node.params, node.body, scope);
      case 'unary': {
        const v = this.eval(node.arg, scope);
        if (node.op === '!') return !truthy(v);
        if (typeof v !== 'number') throw this.error('type', node.pos, `Can't negate ${typeName(v)}.`);
        return -v;
      }
      case 'logical': {
        const left = this.eval(node.left, scope);
        if (node.op === '&&') return truthy(left) ? this.eval(node.right, scope) : left;
        return truthy(left) ? left : this.eval(node.right, scope);
      }
      case 'conditional':
        return truthy(this.eval(node.test, scope)) ? this.eval(node.then, scope) : this.eval(node.otherwise, scope);
      case 'binary':
        return this.binary(node.op, this.eval(node.left, scope), this.eval(node.right, scope), node.pos);
      case 'chain':
        return this.chain(node, scope);
      case 'let':
        // The body sees the variable; the initializer does not (so nothing can recurse).
        return this.eval(node.body, scope.child(new Map([[node.name, this.eval(node.init, scope)]])));
    }
  }

  private binary(op: string, a: unknown, b: unknown, pos: number): unknown {
    switch (op) {
      case '==':
        return deepEqual(a, b);
      case '!=':
        return !deepEqual(a, b);
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
        if (!comparable) throw this.error('type', pos, `Can't compare ${typeName(a)} to ${typeName(b)}.`);
        const [x, y] = [a as number | string, b as number | string];
        return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
      }
      case '+':
        if (typeof a === 'number' && typeof b === 'number') return a + b;
        if (typeof a === 'string' || typeof b === 'string') {
          const other = typeof a === 'string' ? b : a;
          if (other instanceof Closure) throw this.error('type', pos, "Can't add Function to String.");
          return this.checkLength(toText(a) + toText(b), pos);
        }
        throw this.error('type', pos, `Can't add ${typeName(b)} to ${typeName(a)}.`);
      default: {
        if (typeof a !== 'number' || typeof b !== 'number') throw this.error('type', pos, `Operator '${op}' needs two numbers, not ${typeName(a)} and ${typeName(b)}.`);
        return op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
      }
    }
  }

  private checkLength(s: string, pos: number): string {
    if (s.length > MAX_STRING_LENGTH) throw this.error('other', pos, `The expression built a string longer than ${MAX_STRING_LENGTH} characters.`);
    return s;
  }

  /** Member reads, index reads and calls, left to right; `?.` on null ends the whole chain with null. */
  private chain(node: Extract<Node, { k: 'chain' }>, scope: Scope): unknown {
    let current = this.eval(node.base, scope);
    const links = node.links;
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      if (link.optional && (current === null || current === undefined)) return null;
      const nextLink = links[i + 1];
      if (link.k === 'member' && nextLink?.k === 'call') {
        current = this.callMethod(current, link.name, nextLink.args.map((a) => this.eval(a, scope)), link.pos);
        i++;
      } else if (link.k === 'member') {
        current = this.member(current, link.name, link.pos);
      } else if (link.k === 'index') {
        current = this.index(current, this.eval(link.index, scope), link.pos);
      } else {
        if (!(current instanceof Closure)) throw this.error('type', link.pos, `${typeName(current)} is not a function.`);
        current = this.invoke(current, link.args.map((a) => this.eval(a, scope)), link.pos, 'The function');
      }
    }
    return current;
  }

  private member(obj: unknown, name: string, pos: number): unknown {
    if (obj === null || obj === undefined) throw this.error('evaluation', pos, `Type null does not have any properties (reading '${name}').`);
    if ((typeof obj === 'string' || Array.isArray(obj)) && name === 'length') return obj.length;
    if (obj instanceof JiraEntity) {
      if (Object.hasOwn(obj.props, name)) return obj.props[name] ?? null;
      throw this.error('evaluation', pos, `${obj.typeName}.${name} is not available in the local host (it provides ${Object.keys(obj.props).join(', ') || 'nothing'}).`);
    }
    if (isMap(obj)) return Object.hasOwn(obj, name) ? (obj[name] ?? null) : null;
    if (STRING_METHODS.has(name) || LIST_METHODS.has(name) || name === 'get') throw this.error('type', pos, `Method '${name}' must be called.`);
    throw this.error('type', pos, `Type ${typeName(obj)} does not have a property '${name}'.`);
  }

  private index(obj: unknown, key: unknown, pos: number): unknown {
    if (obj === null || obj === undefined) throw this.error('evaluation', pos, 'Type null does not have any properties (indexing).');
    if (Array.isArray(obj) || typeof obj === 'string') {
      if (typeof key !== 'number' || !Number.isInteger(key)) throw this.error('type', pos, `A ${typeName(obj)} index must be a whole Number, not ${typeName(key)}.`);
      return key >= 0 && key < obj.length ? (obj[key] ?? null) : null;
    }
    if (typeof key !== 'string' && typeof key !== 'number') throw this.error('type', pos, `A property name must be a String, not ${typeName(key)}.`);
    return this.member(obj, String(key), pos);
  }

  private invoke(fn: unknown, args: unknown[], pos: number, what: string): unknown {
    if (!(fn instanceof Closure)) throw this.error('type', pos, `${what} needs a function (x => ...), not ${typeName(fn)}.`);
    if (fn.params.length !== args.length) throw this.error('type', pos, `${what} calls a function with ${args.length} argument${args.length === 1 ? '' : 's'}, but it takes ${fn.params.length}.`);
    return this.eval(fn.body, fn.scope.child(new Map(fn.params.map((p, i) => [p, args[i]]))));
  }

  private callMethod(obj: unknown, name: string, args: unknown[], pos: number): unknown {
    if (obj === null || obj === undefined) throw this.error('evaluation', pos, `Type null does not have any properties (calling '${name}').`);
    if (typeof obj === 'string') return this.stringMethod(obj, name, args, pos);
    if (Array.isArray(obj)) return this.listMethod(obj, name, args, pos);
    if (isMap(obj)) {
      if (Object.hasOwn(obj, name) && obj[name] instanceof Closure) return this.invoke(obj[name], args, pos, `'${name}'`);
      if (name === 'get') {
        this.arity(name, args, 1, 1, pos);
        return this.index(obj, args[0], pos);
      }
    }
    if (obj instanceof JiraEntity && Object.hasOwn(obj.props, name)) return this.invoke(obj.props[name], args, pos, `'${name}'`);
    throw this.error('type', pos, `Type ${typeName(obj)} has no method '${name}'.`);
  }

  private arity(name: string, args: unknown[], min: number, max: number, pos: number): void {
    if (args.length < min || args.length > max) {
      const wanted = min === max ? `${min}` : `${min} to ${max}`;
      throw this.error('type', pos, `'${name}' takes ${wanted} argument${max === 1 ? '' : 's'}, not ${args.length}.`);
    }
  }
  private str(name: string, v: unknown, pos: number): string {
    if (typeof v !== 'string') throw this.error('type', pos, `'${name}' needs a String argument, not ${typeName(v)}.`);
    return v;
  }
  private int(name: string, v: unknown, pos: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw this.error('type', pos, `'${name}' needs a whole Number argument, not ${typeName(v)}.`);
    return v;
  }

  private stringMethod(s: string, name: string, args: unknown[], pos: number): unknown {
    if (!STRING_METHODS.has(name)) throw this.error('type', pos, `Type String has no method '${name}'.`);
    const [minArgs, maxArgs] = STRING_METHODS.get(name)!;
    this.arity(name, args, minArgs, maxArgs, pos);
    const a0 = args[0];
    switch (name) {
      case 'toLowerCase': return s.toLowerCase();
      case 'toUpperCase': return s.toUpperCase();
      case 'trim': return s.trim();
      case 'includes': return s.includes(this.str(name, a0, pos));
      case 'startsWith': return s.startsWith(this.str(name, a0, pos));
      case 'endsWith': return s.endsWith(this.str(name, a0, pos));
      case 'indexOf': return s.indexOf(this.str(name, a0, pos));
      case 'lastIndexOf': return s.lastIndexOf(this.str(name, a0, pos));
      case 'slice':
        return args.length === 1 ? s.slice(this.int(name, a0, pos)) : s.slice(this.int(name, a0, pos), this.int(name, args[1], pos));
      case 'substring':
        return args.length === 1 ? s.substring(this.int(name, a0, pos)) : s.substring(this.int(name, a0, pos), this.int(name, args[1], pos));
      case 'split': return s.split(this.str(name, a0, pos));
      case 'replace': {
        const find = this.str(name, a0, pos);
        const at = s.indexOf(find);
        return at < 0 ? s : s.slice(0, at) + this.str(name, args[1], pos) + s.slice(at + find.length);
      }
      case 'replaceAll': {
        const find = this.str(name, a0, pos);
        if (find === '') throw this.error('evaluation', pos, "'replaceAll' needs a non-empty String to find.");
        return this.checkLength(s.split(find).join(this.str(name, args[1], pos)), pos);
      }
      case 'repeat': {
        const n = Math.floor(this.num(name, a0, pos));
        if (n < 0) throw this.error('evaluation', pos, "'repeat' count must not be negative.");
        if (s.length * n > MAX_STRING_LENGTH) throw this.error('other', pos, `The expression built a string longer than ${MAX_STRING_LENGTH} characters.`);
        return s.repeat(n);
      }
      case 'padStart':
      case 'padEnd': {
        const n = Math.floor(this.num(name, a0, pos));
        if (n > MAX_STRING_LENGTH) throw this.error('other', pos, `The expression built a string longer than ${MAX_STRING_LENGTH} characters.`);
        const fill = args.length > 1 ? this.str(name, args[1], pos) : ' ';
        return name === 'padStart' ? s.padStart(n, fill) : s.padEnd(n, fill);
      }
      default:
        throw this.error('type', pos, `Type String has no method '${name}'.`);
    }
  }
  private num(name: string, v: unknown, pos: number): number {
    if (typeof v !== 'number' || Number.isNaN(v)) throw this.error('type', pos, `'${name}' needs a Number argument, not ${typeName(v)}.`);
    return v;
  }

  private listMethod(list: unknown[], name: string, args: unknown[], pos: number): unknown {
    if (!LIST_METHODS.has(name)) throw this.error('type', pos, `Type List has no method '${name}'.`);
    const [minArgs, maxArgs] = LIST_METHODS.get(name)!;
    this.arity(name, args, minArgs, maxArgs, pos);
    const fn = args[0];
    const each = (x: unknown) => this.invoke(fn, [x], pos, `'${name}'`);
    switch (name) {
      case 'map': return list.map(each);
      case 'filter': return list.filter((x) => truthy(each(x)));
      case 'some': return list.some((x) => truthy(each(x)));
      case 'every': return list.every((x) => truthy(each(x)));
      case 'flatMap': return list.flatMap((x) => {
        const r = each(x);
        return Array.isArray(r) ? r : [r];
      });
      case 'reduce': {
        if (args.length === 1 && list.length === 0) throw this.error('evaluation', pos, "'reduce' of an empty List needs an initial value.");
        let acc = args.length === 2 ? args[1] : list[0];
        for (const x of args.length === 2 ? list : list.slice(1)) acc = this.invoke(fn, [acc, x], pos, "'reduce'");
        return acc;
      }
      case 'flatten': return list.flatMap((x) => (Array.isArray(x) ? x : [x]));
      case 'includes': return list.some((x) => deepEqual(x, args[0]));
      case 'indexOf': return list.findIndex((x) => deepEqual(x, args[0]));
      case 'join': return this.checkLength(list.map(toText).join(args.length ? this.str(name, args[0], pos) : ','), pos);
      case 'slice':
        return args.length === 1 ? list.slice(this.int(name, args[0], pos)) : list.slice(this.int(name, args[0], pos), this.int(name, args[1], pos));
      case 'concat':
        if (!Array.isArray(args[0])) throw this.error('type', pos, `'concat' needs a List argument, not ${typeName(args[0])}.`);
        return list.concat(args[0]);
      default:
        throw this.error('type', pos, `Type List has no method '${name}'.`);
    }
  }
}

/** Method name -> [min, max] arguments. */
const STRING_METHODS = new Map<string, [number, number]>([
  ['toLowerCase', [0, 0]], ['toUpperCase', [0, 0]], ['trim', [0, 0]],
  ['includes', [1, 1]], ['startsWith', [1, 1]], ['endsWith', [1, 1]], ['indexOf', [1, 1]], ['lastIndexOf', [1, 1]],
  ['slice', [1, 2]], ['substring', [1, 2]], ['split', [1, 1]], ['replace', [2, 2]], ['replaceAll', [2, 2]],
  ['repeat', [1, 1]], ['padStart', [1, 2]], ['padEnd', [1, 2]],
]);
const LIST_METHODS = new Map<string, [number, number]>([
  ['map', [1, 1]], ['filter', [1, 1]], ['some', [1, 1]], ['every', [1, 1]], ['flatMap', [1, 1]], ['reduce', [1, 2]],
  ['flatten', [0, 0]], ['includes', [1, 1]], ['indexOf', [1, 1]], ['join', [0, 1]], ['slice', [1, 2]], ['concat', [1, 1]],
]);

// ---- API ----------------------------------------------------------------------------------------

export interface CompiledExpression {
  source: string;
  /** Evaluates with these context variables (plain JSON data, or JiraEntity for issue/project/user). */
  evaluate(variables: Record<string, unknown>): unknown;
}

/** Parses an expression; throws JiraExpressionError (kind `syntax`, or `other` when too long). */
export function compileJiraExpression(source: string): CompiledExpression {
  if (typeof source !== 'string') throw new JiraExpressionError('other', 'A Jira expression must be a string.');
  if (source.length > MAX_EXPRESSION_LENGTH) throw new JiraExpressionError('other', `Jira expression is too long (${source.length}), limit: ${MAX_EXPRESSION_LENGTH} characters`);
  const { tokens } = tokenize(source, 0, false);
  if (tokens.length === 1) throw syntaxError(source, 0, 'an expression expected, end of expression encountered.');
  const tree = new Parser(source, tokens).program();
  return {
    source,
    evaluate(variables) {
      const scope = new Scope(new Map(Object.entries(variables).map(([k, v]) => [k, v === undefined ? null : v])));
      const result = new Interpreter(source).eval(tree, scope);
      if (result instanceof Closure) throw new JiraExpressionError('type', 'The expression evaluates to a function, not a value.');
      return plain(result);
    },
  };
}

export function evaluateJiraExpression(source: string, variables: Record<string, unknown>): unknown {
  return compileJiraExpression(source).evaluate(variables);
}

export type FormatResult = { ok: true; text: string } | { ok: false; error: JiraExpressionError };

/**
 * Runs a custom field's `formatter.expression`, which must return a String (Forge's rule for
 * formatters). Never throws: an error comes back for the caller to show, as Jira shows a field it
 * cannot render instead of failing the page.
 */
export function formatWithExpression(source: string, variables: Record<string, unknown>): FormatResult {
  try {
    const result = evaluateJiraExpression(source, variables);
    if (typeof result !== 'string') return { ok: false, error: new JiraExpressionError('type', `The formatter must return a String, but returned ${typeName(result)}.`) };
    return { ok: true, text: result };
  } catch (e) {
    if (e instanceof JiraExpressionError) return { ok: false, error: e };
    // A RangeError from very deep nesting, for instance: still the expression's fault.
    return { ok: false, error: new JiraExpressionError('other', `The expression could not be evaluated: ${(e as Error)?.message ?? String(e)}`) };
  }
}

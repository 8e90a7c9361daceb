/** The Jira expression parser: tokens to a syntax tree, by recursive descent. */
import { syntaxError } from './errors';
import type { Token } from './tokens';

type Link =
  | { k: 'member'; name: string; optional: boolean; pos: number }
  | { k: 'index'; index: Node; optional: boolean; pos: number }
  | { k: 'call'; args: Node[]; optional: boolean; pos: number };

export type Node =
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

export class Parser {
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

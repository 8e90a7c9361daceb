/** The Jira expression interpreter: walks the syntax tree within step and string-length bounds. */
import { JiraExpressionError, lineColumn, type JiraExpressionErrorKind } from './errors';
import type { Node } from './parser';
import { Closure, deepEqual, isMap, JiraEntity, toText, truthy, typeName, type MapValue, type Scope } from './values';

/** Bounds so a formatter cannot hang or exhaust the host. */
const MAX_STEPS = 100_000;
const MAX_STRING_LENGTH = 100_000;

export class Interpreter {
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

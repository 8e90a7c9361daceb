/** The Jira expression tokenizer: source text to tokens (numbers, strings, template literals, names, operators). */
import { syntaxError } from './errors';

export type Token =
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
export function tokenize(src: string, start: number, inTemplate: boolean): { tokens: Token[]; end: number } {
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

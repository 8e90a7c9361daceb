/**
 * Parses JQL with Atlassian's own grammar (@atlassianlabs/jql-ast over the ANTLR parser in
 * @atlassianlabs/jql-parser) and turns the parser's first syntax error into the sentence Jira
 * answers with ("Error in the JQL Query: ..."). The parser recovers from errors and still builds a
 * tree; we never evaluate such a tree.
 */
import { JastBuilder, JQLSyntaxError, type Query } from '@atlassianlabs/jql-ast';
import { JqlError, jqlMessages } from './errors';
import { toOperand } from './operands';

const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";
const VALID_ESCAPES = "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.";

/** Words of the JQL grammar itself: Jira asks for quotes when one appears where a name or value belongs. */
const GRAMMAR_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'was', 'changed', 'empty', 'null', 'order', 'by', 'asc', 'desc', 'from', 'to', 'on', 'before', 'after', 'during']);

/** The parsed query; `where` is absent for an empty query or one that only orders. */
export function parseJql(jql: string): Query {
  if (typeof jql !== 'string') throw new JqlError('The JQL query must be a string.');
  const jast = new JastBuilder().build(jql);
  const [first] = jast.errors;
  if (first) throw new JqlError(first instanceof JQLSyntaxError ? describeSyntaxError(first, jql) : `Error in the JQL Query: ${first.message}`);
  if (!jast.query) throw new JqlError('Error in the JQL Query: the query could not be parsed.');
  return jast.query;
}

function describeSyntaxError(error: JQLSyntaxError, jql: string): string {
  const atEnd = error.start >= jql.length;
  const token = atEnd ? '' : jql.slice(error.start, Math.max(error.stop, error.start + 1));
  const where = `(line ${error.line}, character ${error.charPositionInLine + 1})`;
  const expecting = error.message.replace(/^.*?expecting\s*/s, '');
  const expects = (...names: string[]) => names.every((n) => expecting.includes(n));

  const quote = token[0];
  if (quote === '"' || quote === "'") {
    const rest = jql.slice(error.start);
    const illegal = /^(["'])((?:[^"'\\]|\\["'tnr\\ ]|\\u[0-9a-fA-F]{4})*)(\\[^"'tnr\\ u]|\\u[^"]{0,4})/.exec(rest);
    if (illegal) return `Error in the JQL Query: '${illegal[3].slice(0, 2)}' is an illegal JQL escape sequence. ${VALID_ESCAPES} ${where}`;
    if (token.length === 1 || !token.endsWith(quote) || token.endsWith(`\\${quote}`)) {
      return `Error in the JQL Query: The quoted string '${unquote(token)}' has not been completed. ${where}`;
    }
  }
  const misplaced = describeMisplacedOperand(jql, error.start, token, expecting);
  if (misplaced) return misplaced;
  if (error.message.startsWith("missing ')'") || expecting === "')'" || (expects("')'", "','") && !expects('EMPTY'))) {
    return atEnd ? "Error in the JQL Query: Expecting ')' before the end of the query." : `Error in the JQL Query: Expecting ')' but got '${token}'. ${where}`;
  }
  if (expects("'='", 'IN', 'IS')) {
    return atEnd
      ? `Error in the JQL Query: Expecting operator before the end of the query. ${VALID_OPERATORS}`
      : `Error in the JQL Query: Expecting operator but got '${token}'. ${VALID_OPERATORS} ${where}`;
  }
  if (expecting === 'EMPTY') {
    return atEnd ? "Error in the JQL Query: Expecting 'EMPTY' before the end of the query." : `Error in the JQL Query: Expecting 'EMPTY' but got '${token}'. ${where}`;
  }
  if (expects('STRING') && !expects('CUSTOMFIELD')) {
    if (atEnd) return 'Error in JQL Query: Expecting either a value, list or function before the end of the query.';
    if (GRAMMAR_WORDS.has(token.toLowerCase())) return reservedWord(token, where);
    return `Error in JQL Query: Expecting either a value, list or function but got '${token}'. You must surround '${token}' in quotation marks to use it as a value. ${where}`;
  }
  if (expects('CUSTOMFIELD')) {
    if (atEnd) return 'Error in the JQL Query: Expecting a field name at the end of the query.';
    if (GRAMMAR_WORDS.has(token.toLowerCase())) return reservedWord(token, where);
    return `Error in the JQL Query: Expecting a field name but got '${token}'. ${where}`;
  }
  if (expects('<EOF>', 'ORDER')) return `Error in the JQL Query: Expecting either 'OR' or 'AND' but got '${token}'. ${where}`;
  const missing = /^missing (\S+) at /.exec(error.message);
  if (missing) {
    const what = missing[1].startsWith("'") ? missing[1] : `'${missing[1]}'`;
    return atEnd ? `Error in the JQL Query: Expecting ${what} before the end of the query.` : `Error in the JQL Query: Expecting ${what} but got '${token}'. ${where}`;
  }
  if (expecting === 'BY') {
    return atEnd ? "Error in the JQL Query: Expecting 'BY' before the end of the query." : `Error in the JQL Query: Expecting 'BY' but got '${token}'. ${where}`;
  }
  if (expecting.startsWith('<EOF>') || expecting.startsWith('{<EOF>')) {
    return `Error in the JQL Query: Expecting either ',' or the end of the query but got '${token}'. ${where}`;
  }
  return `Error in the JQL Query: ${error.message}. ${where}`;
}

const FIELD = String.raw`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s"'(),=!<>~]+)`;
const VALUE = String.raw`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s"'(),]+)`;

/**
 * Operands this grammar rejects but Jira's parser accepts and its validators refuse: a single
 * value after IN, a list after another operator, EMPTY after a comparison. Answered with the
 * validator's sentence, the operand printed as Jira prints it.
 */
function describeMisplacedOperand(jql: string, start: number, token: string, expecting: string): string | null {
  const before = jql.slice(0, start);
  if (expecting === "'('") {
    const m = new RegExp(`${FIELD}\\s+((?:not\\s+)?in)\\s+${VALUE}\\s*$`, 'i').exec(before);
    if (!m) return null;
    const value = operandDisplay(m[3]);
    return value === null ? null : jqlMessages.nonListNotSupported(m[2].toLowerCase().replace(/\s+/, ' '), value, unquoteField(m[1]));
  }
  const m = new RegExp(`${FIELD}\\s*(!=|>=|<=|=|>|<|!~|~)\\s*$`).exec(before);
  if (!m) return null;
  if (token === '(') {
    const close = jql.indexOf(')', start);
    const list = close === -1 ? null : operandDisplay(jql.slice(start, close + 1));
    return list === null ? null : jqlMessages.listNotSupported(m[2], list, unquoteField(m[1]));
  }
  if (/^(empty|null)$/i.test(token) && /^[<>]/.test(m[2])) return jqlMessages.emptyOperandNotSupported(m[2], unquoteField(m[1]));
  return null;
}

/** How Jira prints an operand written as `text` (parsed with the grammar itself), or null if it does not parse. */
function operandDisplay(text: string): string | null {
  const jast = new JastBuilder().build(`x in (${text.replace(/^\(|\)$/g, '')})`);
  const where = jast.query && jast.query.where;
  if (jast.errors.length || !where || where.clauseType !== 'terminal' || !where.operand || where.operand.operandType !== 'list') return null;
  const items = where.operand.values.map((v) => toOperand(v).display);
  return text.startsWith('(') ? `(${items.join(', ')})` : items.join(', ');
}

function unquoteField(field: string): string {
  return /^["']/.test(field) ? field.slice(1, -1).replace(/\\(.)/g, '$1') : field;
}

function reservedWord(token: string, where: string): string {
  return `Error in the JQL Query: '${token}' is a reserved JQL word. You must surround it in quotation marks to use it in a query. ${where}`;
}

function unquote(token: string): string {
  const body = token.slice(1);
  return body.endsWith(token[0]) && !body.endsWith(`\\${token[0]}`) ? body.slice(0, -1) : body;
}

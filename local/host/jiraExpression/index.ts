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
import { JiraExpressionError, syntaxError } from './errors';
import { Interpreter } from './interpreter';
import { Parser } from './parser';
import { tokenize } from './tokens';
import { Closure, plain, Scope, typeName } from './values';

export { JiraExpressionError, type JiraExpressionErrorKind } from './errors';
export { JiraEntity, toText, typeName } from './values';

/** Jira's limit on an expression's length. */
export const MAX_EXPRESSION_LENGTH = 1000;

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

/**
 * The Jira sandbox's JQL engine. Queries are parsed with Atlassian's own grammar
 * (@atlassianlabs/jql-ast) and compiled once into a predicate and a comparator that the search
 * endpoints run over the site's issues. What the sandbox cannot evaluate (unknown fields or
 * functions, unsupported operators, values naming nothing, syntax errors) throws JqlError with
 * Jira's message: never a silent "match all". Dates are compared in the site's time zone, UTC.
 * The caller's permissions are not applied here beyond name resolution (projects and issues the
 * caller cannot browse do not exist for them); the search endpoint filters results.
 */
import type { SandboxIssue } from '../model';
import { compileWhere } from './compile';
import { CompileContext, type JqlEnv } from './context';
import { compileOrder } from './order';
import { parseJql } from './syntax';

export { JqlError } from './errors';
export type { JqlEnv } from './context';

export interface CompiledJql {
  /** Whether the issue satisfies the query's WHERE part. */
  matches(issue: SandboxIssue): boolean;
  /** ORDER BY as a comparator (no ORDER BY: issue key descending, as Jira). */
  compare(a: SandboxIssue, b: SandboxIssue): number;
  /** False when the query has no search restriction (empty, or only ORDER BY). */
  bounded: boolean;
}

export function compileJql(jql: string, env: JqlEnv): CompiledJql {
  const query = parseJql(jql);
  const cx = new CompileContext(env, jql);
  const matches = query.where ? compileWhere(query.where, cx) : () => true;
  const compare = compileOrder(query.orderBy, cx);
  return { matches, compare, bounded: !!query.where };
}

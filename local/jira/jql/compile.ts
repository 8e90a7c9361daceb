/**
 * Turns the WHERE part of a parsed query into one predicate over issues. Each clause is
 * validated the way Jira validates it (field, then operator, then operand shape and values)
 * before anything is evaluated. NOT is pushed down to the clauses by De Morgan's laws with the
 * operators flipped, as Jira does, so `NOT assignee = x` leaves out unassigned issues just as
 * `assignee != x` does.
 */
import type { Clause, TerminalClause } from '@atlassianlabs/jql-ast';
import type { CompileContext } from './context';
import { JqlError, jqlMessages } from './errors';
import { searcherFor } from './fields';
import { COMPARISON_OPERATORS, EVALUATED_OPERATORS, NEGATED, itemsOf, toOperand, type Operator } from './operands';
import type { Predicate } from './searchers';

/** Fields whose history Jira searches (WAS, CHANGED); the sandbox keeps no searchable history. */
const HISTORY_FIELDS = new Set(['assignee', 'fixversion', 'priority', 'reporter', 'resolution', 'status']);

export function compileWhere(clause: Clause, cx: CompileContext): Predicate {
  return compileClause(clause, false, cx);
}

function compileClause(clause: Clause, negated: boolean, cx: CompileContext): Predicate {
  switch (clause.clauseType) {
    case 'not':
      return compileClause(clause.clause, !negated, cx);
    case 'terminal':
      return compileTerminal(clause, negated, cx);
    case 'compound': {
      const parts = clause.clauses.map((c) => compileClause(c, negated, cx));
      const all = (clause.operator.value === 'and') !== negated;
      if (parts.length === 2) {
        const [a, b] = parts;
        return all ? (issue) => a(issue) && b(issue) : (issue) => a(issue) || b(issue);
      }
      if (all) return (issue) => {
        for (const p of parts) if (!p(issue)) return false;
        return true;
      };
      return (issue) => {
        for (const p of parts) if (p(issue)) return true;
        return false;
      };
    }
  }
}

function compileTerminal(clause: TerminalClause, negated: boolean, cx: CompileContext): Predicate {
  const searcher = searcherFor(clause.field, cx);
  const name = searcher.name;
  const written = clause.operator ? clause.operator.value : undefined;
  if (!written) throw new JqlError(`Error in the JQL Query: Expecting operator for the field '${name}'.`);
  if (!EVALUATED_OPERATORS.has(written)) {
    const tracked = HISTORY_FIELDS.has(clause.field.value.toLowerCase());
    throw new JqlError(tracked ? jqlMessages.historyOperator(written, name) : jqlMessages.unsupportedOperator(written, name));
  }
  if (clause.predicates.length) throw new JqlError(jqlMessages.predicatesNotSupported(name));
  const op = written as Operator;
  if (!clause.operand) throw new JqlError('Error in JQL Query: Expecting either a value, list or function before the end of the query.');
  const operand = toOperand(clause.operand);

  // Jira checks the operand's shape against the operator before the field's own operators.
  const listOperator = op === 'in' || op === 'not in';
  if (listOperator && operand.kind !== 'list' && operand.kind !== 'function') {
    throw new JqlError(jqlMessages.nonListNotSupported(op, operand.display, name));
  }
  if (!listOperator && operand.kind === 'list') throw new JqlError(jqlMessages.listNotSupported(op, operand.display, name));
  if (!searcher.operators.has(op)) throw new JqlError(jqlMessages.unsupportedOperator(op, name));
  const namesEmpty = op === 'is' || op === 'is not' || itemsOf(operand).some((item) => item.kind === 'empty');
  if (namesEmpty && !searcher.emptyable) throw new JqlError(jqlMessages.emptyNotSupported(name));
  if (namesEmpty && COMPARISON_OPERATORS.has(op)) throw new JqlError(jqlMessages.emptyOperandNotSupported(op, name));

  return searcher.predicate(negated ? NEGATED[op] : op, operand);
}

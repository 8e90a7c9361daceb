/**
 * The right-hand side of a clause, reduced from the AST to what evaluation needs: plain values,
 * EMPTY, function calls and lists, each with the form Jira prints in its messages.
 */
import type { Operand as AstOperand } from '@atlassianlabs/jql-ast';

export type Operand =
  | { kind: 'value'; value: string; display: string }
  | { kind: 'empty'; display: string }
  | { kind: 'function'; name: string; args: string[]; display: string }
  | { kind: 'list'; items: Operand[]; display: string };

export type SingleOperand = Exclude<Operand, { kind: 'list' }>;

/** Clause operators the sandbox evaluates (Jira's display spelling: lower case). */
export type Operator = '=' | '!=' | 'in' | 'not in' | '~' | '!~' | 'is' | 'is not' | '>' | '>=' | '<' | '<=';

export const EVALUATED_OPERATORS: ReadonlySet<string> = new Set<Operator>(['=', '!=', 'in', 'not in', '~', '!~', 'is', 'is not', '>', '>=', '<', '<=']);

/** The operator a NOT in front of the clause turns it into (Jira's DeMorgansVisitor does the same). */
export const NEGATED: Readonly<Record<Operator, Operator>> = {
  '=': '!=', '!=': '=', in: 'not in', 'not in': 'in', '~': '!~', '!~': '~',
  is: 'is not', 'is not': 'is', '>': '<=', '>=': '<', '<': '>=', '<=': '>',
};

/** Operators that hold when the field's value is NOT among the operand's: they never match an empty field. */
export const NEGATIVE_OPERATORS: ReadonlySet<Operator> = new Set<Operator>(['!=', 'not in', '!~', 'is not']);

export const COMPARISON_OPERATORS: ReadonlySet<Operator> = new Set<Operator>(['>', '>=', '<', '<=']);

/**
 * How Jira prints an operand in its messages: strings in double quotes, whole numbers written
 * without quotes as numbers, functions with their arguments, lists in parentheses.
 */
function display(node: AstOperand): string {
  switch (node.operandType) {
    case 'value':
      return /^-?\d+$/.test(node.text) ? node.text : `"${node.value}"`;
    case 'keyword':
      return 'EMPTY';
    case 'function':
      return `${node.function.value}(${node.arguments.map((a) => a.value).join(', ')})`;
    case 'list':
      return `(${node.values.map(display).join(', ')})`;
  }
}

export function toOperand(node: AstOperand): Operand {
  switch (node.operandType) {
    case 'value':
      return { kind: 'value', value: node.value, display: display(node) };
    case 'keyword':
      return { kind: 'empty', display: display(node) };
    case 'function':
      return { kind: 'function', name: node.function.value, args: node.arguments.map((a) => a.value), display: display(node) };
    case 'list':
      return { kind: 'list', items: node.values.map(toOperand), display: display(node) };
  }
}

/** The operand's single items: a list's items, or the operand itself. */
export function itemsOf(operand: Operand): SingleOperand[] {
  return operand.kind === 'list' ? operand.items.flatMap(itemsOf) : [operand];
}

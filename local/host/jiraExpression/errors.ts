/** The error every stage of the local Jira expression evaluator throws, with where in the source it points. */

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

export function lineColumn(src: string, pos: number): { line: number; column: number } {
  const before = src.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}

export function syntaxError(src: string, pos: number, message: string): JiraExpressionError {
  const { line, column } = lineColumn(src, pos);
  return new JiraExpressionError('syntax', `Syntax error at line ${line}, column ${column}: ${message}`, line, column);
}

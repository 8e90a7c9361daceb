/**
 * JQL errors and the sentences Jira answers with. Each message follows Jira's own wording
 * (collected from Atlassian's REST reference examples and Jira's validators) so that a client
 * built against the sandbox sees what it would see against Jira Cloud.
 */

/** A query Jira would refuse: the search answers 400 `{ errorMessages, errors: {} }`. */
export class JqlError extends Error {
  readonly errorMessages: string[];

  constructor(errorMessages: string | string[]) {
    const list = Array.isArray(errorMessages) ? errorMessages : [errorMessages];
    super(list.join(' '));
    this.name = 'JqlError';
    this.errorMessages = list;
  }
}

export const VALID_DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

/** Jira's validation sentences, by what went wrong. `field` is the clause name as the query wrote it. */
export const jqlMessages = {
  unknownField: (field: string) => `Field '${field}' does not exist or you do not have permission to view it.`,
  unsupportedOperator: (operator: string, field: string) => `The operator '${operator}' is not supported by the '${field}' field.`,
  historyOperator: (operator: string, field: string) =>
    `The operator '${operator}' is not supported by the '${field}' field in the Jira sandbox: it does not search issue history.`,
  noValue: (value: string, field: string) => `The value '${value}' does not exist for the field '${field}'.`,
  noValueWithId: (id: string, field: string) => `A value with ID '${id}' does not exist for the field '${field}'.`,
  noIssue: (key: string, field: string) => `An issue with key '${key}' does not exist for field '${field}'.`,
  invalidIssueKey: (key: string, field: string) => `The issue key '${key}' for field '${field}' is invalid.`,
  invalidDate: (value: string, field: string) => `Date value '${value}' for field '${field}' is invalid. ${VALID_DATE_FORMATS}`,
  listNotSupported: (operator: string, literal: string, field: string) =>
    `Operator '${operator}' does not support the list value '${literal}' for field '${field}'.`,
  nonListNotSupported: (operator: string, literal: string, field: string) =>
    `Operator '${operator}' does not support the non-list value '${literal}' for field '${field}'.`,
  emptyNotSupported: (field: string) => `The field '${field}' does not support searching for EMPTY values.`,
  emptyOperandNotSupported: (operator: string, field: string) => `The operator '${operator}' does not support searching for EMPTY values for the field '${field}'.`,
  emptyText: (field: string) => `The field '${field}' does not support searching for an empty string.`,
  unknownFunction: (name: string) => `Unable to find JQL function '${name}()'.`,
  functionInvalidForField: (name: string, field: string) => `A value provided by the function '${name}' is invalid for the field '${field}'.`,
  functionArgCount: (name: string, expected: number, received: number) =>
    `Function '${name}' expected '${expected}' arguments but received '${received}'.`,
  functionArgRange: (name: string, min: number, max: number, received: number) =>
    `Function '${name}' expected between '${min}' and '${max}' arguments but received '${received}'.`,
  badIncrement: (name: string) => `Duration for function '${name}' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier.`,
  notSortable: (field: string) => `Not able to sort using field '${field}'.`,
  predicatesNotSupported: (field: string) => `The field '${field}' does not support history predicates in the Jira sandbox.`,
};

/**
 * A searcher is what a JQL field name resolves to: the operators it takes, how an operator and
 * operand become a predicate over issues, and (when sortable) its ORDER BY value. This file holds
 * the generic kinds (value fields, text fields) and the operand resolvers fields share (users,
 * dates, numbers); fields.ts and properties.ts wire them to the site's fields.
 *
 * Jira semantics kept here: `!=`, `NOT IN`, `!~` and `IS NOT` never match an issue whose field is
 * empty; `=`/`IN` with EMPTY (or `IS EMPTY`) match issues whose field is empty; a multi-valued
 * field (labels, sprints) matches `=` when any of its values does and `!=` when none does.
 */
import { APP_ACCOUNT_ID, type SandboxIssue } from '../model';
import type { CompileContext } from './context';
import { dateFunctionMs, dateValueMs, isDateFunction, toDay, toMinute } from './dates';
import { JqlError, jqlMessages } from './errors';
import { COMPARISON_OPERATORS, NEGATIVE_OPERATORS, itemsOf, type Operand, type Operator, type SingleOperand } from './operands';
import { compileTextQuery, type Words } from './text';

export type Predicate = (issue: SandboxIssue) => boolean;
export type SortValue = string | number | null;

export interface Searcher {
  /** The field's name as the query wrote it (Jira quotes it so in messages). */
  name: string;
  operators: ReadonlySet<Operator>;
  /** Whether the field can be empty, i.e. accepts IS [NOT] EMPTY and EMPTY operands. */
  emptyable: boolean;
  /** The predicate for an operator the field accepts and an operand of the right shape. */
  predicate(op: Operator, operand: Operand): Predicate;
  /** ORDER BY value (null: empty, sorted after every value in ascending order); absent when not sortable. */
  sortValue?: (issue: SandboxIssue) => SortValue;
  /** ORDER BY as a direct comparison, for fields cheaper to compare than to turn into a value (issue keys). */
  sortCompare?: (a: SandboxIssue, b: SandboxIssue) => number;
  /** Direction of `ORDER BY field` without ASC/DESC (Jira: dates and priority descend). */
  defaultDescending?: boolean;
}

export type ValueItem = Extract<SingleOperand, { kind: 'value' }>;
export type FunctionItem = Extract<SingleOperand, { kind: 'function' }>;
export type ResolvableItem = ValueItem | FunctionItem;

export const EQUALITY = ['=', '!=', 'in', 'not in'] as const;
export const EMPTINESS = ['is', 'is not'] as const;
export const ORDERING = ['>', '>=', '<', '<='] as const;
export const TEXT = ['~', '!~'] as const;

/** Every function the sandbox evaluates somewhere; any other name is unknown to it. */
const KNOWN_FUNCTIONS = new Set([
  'now', 'startofday', 'endofday', 'startofweek', 'endofweek', 'startofmonth', 'endofmonth', 'startofyear', 'endofyear',
  'currentuser', 'opensprints', 'closedsprints', 'futuresprints', 'standardissuetypes', 'subtaskissuetypes',
]);

/** The error for a function a field cannot take: Jira distinguishes unknown functions from misplaced ones. */
export function rejectFunction(item: FunctionItem, field: string): never {
  if (KNOWN_FUNCTIONS.has(item.name.toLowerCase())) throw new JqlError(jqlMessages.functionInvalidForField(item.name, field));
  throw new JqlError(jqlMessages.unknownFunction(item.name));
}

export function expectNoArgs(item: FunctionItem): void {
  if (item.args.length !== 0) throw new JqlError(jqlMessages.functionArgCount(item.name, 0, item.args.length));
}

/** Whether a comparison result (a - b) satisfies an ordering operator. */
export const ORDER_TESTS: Readonly<Record<string, (c: number) => boolean>> = {
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
};

export interface ValueFieldSpec<T extends string | number> {
  name: string;
  operators: readonly Operator[];
  emptyable?: boolean;
  /** A single-valued field's value (null when empty). */
  single?: (issue: SandboxIssue) => T | null;
  /** A multi-valued field's values (empty array when empty). */
  multi?: (issue: SandboxIssue) => readonly T[];
  /** The values an operand item names; 'EMPTY' when it names "no value" (e.g. resolution = Unresolved). */
  resolve: (item: ResolvableItem) => readonly T[] | 'EMPTY';
  /** Order of values, for > >= < <=. */
  compare?: (a: T, b: T) => number;
  sortValue?: (issue: SandboxIssue) => SortValue;
  defaultDescending?: boolean;
}

export const compareNumbers = (a: number, b: number): number => a - b;
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A field whose values are compared for equality (ids, names, numbers, dates) and optionally ordered. */
export function valueSearcher<T extends string | number>(spec: ValueFieldSpec<T>): Searcher {
  const { single, multi } = spec;
  if (!single === !multi) throw new Error(`valueSearcher '${spec.name}': give exactly one of single / multi`);
  return {
    name: spec.name,
    operators: new Set(spec.operators),
    emptyable: spec.emptyable ?? true,
    sortValue: spec.sortValue,
    defaultDescending: spec.defaultDescending,
    predicate(op, operand) {
      const accepted = new Set<T>();
      let matchEmpty = op === 'is' || op === 'is not';
      if (!matchEmpty) {
        for (const item of itemsOf(operand)) {
          if (item.kind === 'empty') {
            matchEmpty = true;
            continue;
          }
          const values = spec.resolve(item);
          if (values === 'EMPTY') matchEmpty = true;
          else for (const v of values) accepted.add(v);
        }
      }
      if (COMPARISON_OPERATORS.has(op)) {
        const compare = spec.compare;
        if (!compare) throw new JqlError(jqlMessages.unsupportedOperator(op, spec.name));
        const [bound] = accepted;
        if (bound === undefined) return () => false;
        const test = ORDER_TESTS[op];
        if (single) return (issue) => {
          const v = single(issue);
          return v !== null && test(compare(v, bound));
        };
        return (issue) => multi!(issue).some((v) => test(compare(v, bound)));
      }
      const negative = NEGATIVE_OPERATORS.has(op);
      if (single) {
        if (negative) return (issue) => {
          const v = single(issue);
          return v !== null && !accepted.has(v);
        };
        return (issue) => {
          const v = single(issue);
          return v === null ? matchEmpty : accepted.has(v);
        };
      }
      const values = multi!;
      if (negative) return (issue) => {
        const vs = values(issue);
        return vs.length > 0 && !vs.some((v) => accepted.has(v));
      };
      return (issue) => {
        const vs = values(issue);
        return vs.length === 0 ? matchEmpty : vs.some((v) => accepted.has(v));
      };
    },
  };
}

export interface TextFieldSpec {
  name: string;
  operators: readonly Operator[];
  emptyable?: boolean;
  /** The analysed texts the field searches (one per part: summary, description, each comment...). */
  texts: (issue: SandboxIssue) => Words[];
  sortValue?: (issue: SandboxIssue) => SortValue;
}

/** A full-text field searched with ~ and !~ (and IS [NOT] EMPTY where the field can be empty). */
export function textSearcher(spec: TextFieldSpec): Searcher {
  const isEmpty = (issue: SandboxIssue): boolean => spec.texts(issue).every((w) => w.raw.length === 0);
  return {
    name: spec.name,
    operators: new Set(spec.operators),
    emptyable: spec.emptyable ?? false,
    sortValue: spec.sortValue,
    predicate(op, operand) {
      if (op === 'is') return isEmpty;
      if (op === 'is not') return (issue) => !isEmpty(issue);
      if (operand.kind === 'function') rejectFunction(operand, spec.name);
      if (operand.kind !== 'value') throw new JqlError(jqlMessages.emptyNotSupported(spec.name));
      if (operand.value.trim() === '') throw new JqlError(jqlMessages.emptyText(spec.name));
      const query = compileTextQuery(operand.value);
      if (!query) return () => false;
      if (op === '~') return (issue) => query.matches(spec.texts(issue));
      return (issue) => !isEmpty(issue) && !query.matches(spec.texts(issue));
    },
  };
}

/** Resolves user operands: currentUser(), an account id, an email address or a display name. */
export function userResolver(cx: CompileContext, field: string): (item: ResolvableItem) => string[] {
  return (item) => {
    if (item.kind === 'function') {
      if (item.name.toLowerCase() !== 'currentuser') rejectFunction(item, field);
      expectNoArgs(item);
      return cx.currentUser === null ? [] : [cx.currentUser];
    }
    const value = item.value;
    if (cx.userById().has(value) || value === APP_ACCOUNT_ID) return [value];
    const byEmail = cx.usersByEmail().get(value.toLowerCase());
    if (byEmail) return byEmail.map((u) => u.accountId);
    const byName = cx.usersByName().get(value.toLowerCase());
    if (byName) return byName.map((u) => u.accountId);
    throw new JqlError(jqlMessages.noValue(value, field));
  };
}

/** Resolves date operands to minute-precision UTC ms (date-times) or day numbers (`dateOnly`). */
export function dateResolver(cx: CompileContext, field: string, dateOnly: boolean): (item: ResolvableItem) => number[] {
  const round = dateOnly ? toDay : toMinute;
  return (item) => {
    if (item.kind === 'function') {
      if (!isDateFunction(item.name)) rejectFunction(item, field);
      return [round(dateFunctionMs(item.name, item.args, cx.now))];
    }
    return [round(dateValueMs(item.value, cx.now, field))];
  };
}

/** Resolves number operands; a value that is not a number names nothing. */
export function numberResolver(field: string): (item: ResolvableItem) => number[] {
  return (item) => {
    if (item.kind === 'function') rejectFunction(item, field);
    const n = Number(item.value);
    if (item.value.trim() === '' || !Number.isFinite(n)) throw new JqlError(jqlMessages.noValue(item.value, field));
    return [n];
  };
}

/** Resolves operands naming things by id or name (case-insensitive), Jira's "does not exist" otherwise. */
export function idOrNameResolver<T>(opts: {
  field: string;
  byName: (lowerName: string) => T[] | undefined;
  byId: (id: string) => T | undefined;
  idOf: (thing: T) => string;
  visible?: (thing: T) => boolean;
  functions?: Record<string, (item: FunctionItem) => string[]>;
}): (item: ResolvableItem) => string[] {
  const visible = opts.visible ?? (() => true);
  return (item) => {
    if (item.kind === 'function') {
      const fn = opts.functions?.[item.name.toLowerCase()];
      if (!fn) rejectFunction(item, opts.field);
      return fn(item);
    }
    const named = (opts.byName(item.value.toLowerCase()) ?? []).filter(visible);
    if (named.length) return named.map(opts.idOf);
    const byId = opts.byId(item.value.trim());
    if (byId && visible(byId)) return [opts.idOf(byId)];
    if (/^\d+$/.test(item.value.trim())) throw new JqlError(jqlMessages.noValueWithId(item.value.trim(), opts.field));
    throw new JqlError(jqlMessages.noValue(item.value, opts.field));
  };
}

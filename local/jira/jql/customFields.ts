/**
 * Fields the site defines rather than Jira: custom fields (by name or `cf[id]`), Forge custom
 * fields and their search aliases, and indexed issue entity properties
 * (`issue.property[key].path` and the `searchAlias`es a `jira:entityProperty` module declares).
 *
 * A property path with no index declaration is still searchable: its type is inferred from the
 * stored value and the operand (number, date, else string), so tests and sites that were not
 * installed from manifest.yml can search properties too. Array values match when any element does.
 */
import { SPRINT_FIELD, type FieldDef, type SandboxIssue } from '../model';
import type { CompileContext } from './context';
import { dateDay, dateFunctionMs, isDateFunction, parseAbsoluteDate, parsePeriod, timestampMs, toMinute } from './dates';
import { COMPARISON_OPERATORS, NEGATIVE_OPERATORS, itemsOf, type Operator } from './operands';
import {
  EMPTINESS, EQUALITY, ORDERING, TEXT,
  ORDER_TESTS, compareNumbers, compareStrings, dateResolver, expectNoArgs, numberResolver, rejectFunction, textSearcher, userResolver, valueSearcher,
  type ResolvableItem, type Searcher, type SortValue,
} from './searchers';
import { sprintSearcher } from './systemFields';
import { wordsOfString } from './text';

/** How a path's values are searched: entity property index types, plus `day` for date-only custom fields. */
export type ValueType = 'number' | 'string' | 'text' | 'user' | 'datetime' | 'day' | 'inferred';

const own = (value: unknown, step: string): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, step);

/** The scalar values at `path` under `root`; arrays on the way are searched element by element. */
export function valuesAt(root: unknown, path: readonly string[]): unknown[] {
  let level: unknown[] = [root];
  for (const step of path) {
    const next: unknown[] = [];
    for (const v of level) {
      if (Array.isArray(v)) {
        for (const e of v) if (own(e, step)) next.push(e[step]);
      } else if (own(v, step)) {
        next.push(v[step]);
      }
    }
    level = next;
  }
  const leaves: unknown[] = [];
  for (const v of level) {
    if (Array.isArray(v)) leaves.push(...v.filter((e) => e !== null && e !== undefined && typeof e !== 'object'));
    else if (v !== null && v !== undefined && typeof v !== 'object') leaves.push(v);
  }
  return leaves;
}

/** Every string and number anywhere inside a value (an object custom field's searchable content). */
function allScalars(value: unknown, out: string[] = []): string[] {
  if (value === null || value === undefined) return out;
  if (typeof value === 'object') {
    for (const v of Array.isArray(value) ? value : Object.values(value)) allScalars(v, out);
  } else {
    out.push(String(value));
  }
  return out;
}

function leafMs(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? toMinute(v) : null;
  if (typeof v !== 'string') return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v) ? dateDay(v) * 86_400_000 : timestampMs(v);
  return Number.isNaN(day) ? null : toMinute(day);
}

function leafDay(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const day = dateDay(v);
  return Number.isNaN(day) ? null : day;
}

function leafNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

const firstOrNull = <T>(values: T[]): T | null => (values.length ? values[0] : null);

/** A searcher over the values at a path: entity properties, search aliases, Forge object fields' properties. */
export function pathSearcher(cx: CompileContext, name: string, leaves: (issue: SandboxIssue) => unknown[], type: ValueType): Searcher {
  switch (type) {
    case 'number':
      return valueSearcher<number>({
        name, operators: [...EQUALITY, ...EMPTINESS, ...ORDERING],
        multi: (i) => leaves(i).map(leafNumber).filter((n): n is number => n !== null),
        resolve: numberResolver(name), compare: compareNumbers,
        sortValue: (i) => firstOrNull(leaves(i).map(leafNumber).filter((n): n is number => n !== null)),
      });
    case 'string':
      return valueSearcher<string>({
        name, operators: [...EQUALITY, ...EMPTINESS, ...ORDERING],
        multi: (i) => leaves(i).map((v) => String(v).toLowerCase()),
        resolve: (item) => {
          if (item.kind === 'function') rejectFunction(item, name);
          return [item.value.toLowerCase()];
        },
        compare: compareStrings,
        sortValue: (i) => firstOrNull(leaves(i).map((v) => String(v).toLowerCase())),
      });
    case 'text':
      return textSearcher({
        name, operators: [...TEXT, ...EMPTINESS], emptyable: true,
        texts: (i) => leaves(i).map((v) => wordsOfString(String(v))),
        sortValue: (i) => firstOrNull(leaves(i).map((v) => String(v).toLowerCase())),
      });
    case 'user':
      return valueSearcher<string>({
        name, operators: [...EQUALITY, ...EMPTINESS],
        multi: (i) => leaves(i).filter((v): v is string => typeof v === 'string'),
        resolve: userResolver(cx, name),
        sortValue: (i) => firstOrNull(leaves(i).map((v) => (cx.userById().get(String(v))?.displayName ?? String(v)).toLowerCase())),
      });
    case 'datetime':
    case 'day': {
      const read = type === 'day' ? leafDay : leafMs;
      const values = (i: SandboxIssue) => leaves(i).map(read).filter((n): n is number => n !== null);
      return valueSearcher<number>({
        name, operators: [...EQUALITY, ...EMPTINESS, ...ORDERING],
        multi: values, resolve: dateResolver(cx, name, type === 'day'), compare: compareNumbers,
        sortValue: (i) => firstOrNull(values(i)), defaultDescending: true,
      });
    }
    case 'inferred':
      return inferredSearcher(cx, name, leaves);
  }
}

/** An operand value seen every way an undeclared property value might be compared with it. */
interface Probe { text: string; num: number | null; ms: number | null }

function probeOf(cx: CompileContext, item: ResolvableItem, name: string): Probe {
  if (item.kind === 'function') {
    const fn = item.name.toLowerCase();
    if (fn === 'currentuser') {
      expectNoArgs(item);
      return { text: (cx.currentUser ?? '\u0000no caller').toLowerCase(), num: null, ms: null };
    }
    if (!isDateFunction(fn)) rejectFunction(item, name);
    const ms = toMinute(dateFunctionMs(item.name, item.args, cx.now));
    return { text: new Date(ms).toISOString().toLowerCase(), num: null, ms };
  }
  const raw = item.value;
  const absolute = parseAbsoluteDate(raw);
  const period = absolute === null ? parsePeriod(raw) : null;
  const ms = absolute !== null ? absolute : period !== null ? cx.now.getTime() + period : null;
  return { text: raw.toLowerCase(), num: leafNumber(raw), ms: ms === null ? null : toMinute(ms) };
}

/** Compares a stored value with a probe: numbers as numbers, dates as dates, anything else as text. */
function compareLeaf(leaf: unknown, probe: Probe): number | null {
  if (typeof leaf === 'number') return probe.num === null ? null : leaf - probe.num;
  if (typeof leaf === 'boolean') return compareStrings(String(leaf), probe.text);
  if (typeof leaf !== 'string') return null;
  if (probe.ms !== null) {
    const ms = leafMs(leaf);
    if (ms !== null) return ms - probe.ms;
  }
  if (probe.num !== null) {
    const n = leafNumber(leaf);
    if (n !== null) return n - probe.num;
  }
  return compareStrings(leaf.toLowerCase(), probe.text);
}

function inferredSearcher(cx: CompileContext, name: string, leaves: (issue: SandboxIssue) => unknown[]): Searcher {
  const text = textSearcher({ name, operators: [...TEXT], emptyable: true, texts: (i) => leaves(i).map((v) => wordsOfString(String(v))) });
  return {
    name,
    operators: new Set<Operator>([...EQUALITY, ...EMPTINESS, ...ORDERING, ...TEXT]),
    emptyable: true,
    sortValue: (i): SortValue => {
      const [first] = leaves(i);
      return first === undefined ? null : typeof first === 'number' ? first : String(first).toLowerCase();
    },
    predicate(op, operand) {
      if (op === '~' || op === '!~') return text.predicate(op, operand);
      let matchEmpty = op === 'is' || op === 'is not';
      const probes: Probe[] = [];
      if (!matchEmpty) {
        for (const item of itemsOf(operand)) {
          if (item.kind === 'empty') matchEmpty = true;
          else probes.push(probeOf(cx, item, name));
        }
      }
      if (COMPARISON_OPERATORS.has(op)) {
        const [bound] = probes;
        const test = ORDER_TESTS[op];
        return (issue) => leaves(issue).some((leaf) => {
          const c = compareLeaf(leaf, bound);
          return c !== null && test(c);
        });
      }
      const equal = (leaf: unknown) => probes.some((p) => compareLeaf(leaf, p) === 0);
      if (NEGATIVE_OPERATORS.has(op)) return (issue) => {
        const ls = leaves(issue);
        return ls.length > 0 && !ls.some(equal);
      };
      return (issue) => {
        const ls = leaves(issue);
        return ls.length === 0 ? matchEmpty : ls.some(equal);
      };
    },
  };
}

/** Types a Forge custom field (or one of its object properties) is searched as. */
function forgeValueType(type: string): ValueType {
  switch (type) {
    case 'number': return 'number';
    case 'user': return 'user';
    case 'date': return 'day';
    case 'datetime': return 'datetime';
    case 'text': return 'text';
    default: return 'string';
  }
}

/** Types of `jira:entityProperty` index values (Jira indexes `date` values as date-times). */
function indexValueType(type: string): ValueType {
  switch (type) {
    case 'number': return 'number';
    case 'text': return 'text';
    case 'user': return 'user';
    case 'date': return 'datetime';
    default: return 'string';
  }
}

const customValue = (field: FieldDef) => (issue: SandboxIssue): unknown => issue.customFields[field.id];

/** The searcher behind a custom field's name or cf[id]. */
export function customFieldSearcher(cx: CompileContext, field: FieldDef, name: string): Searcher {
  const schema = field.schema ?? { type: 'any' };
  if (field.id === SPRINT_FIELD || schema.custom === 'com.pyxis.greenhopper.jira:gh-sprint') return sprintSearcher(cx, name);
  const value = customValue(field);
  const scalars = (issue: SandboxIssue): unknown[] => valuesAt(value(issue), []);
  if (field.forge) {
    if (field.forge.type === 'object') return objectSearcher(name, value);
    return pathSearcher(cx, name, scalars, forgeValueType(field.forge.type));
  }
  switch (schema.type) {
    case 'number': return pathSearcher(cx, name, scalars, 'number');
    case 'string': return pathSearcher(cx, name, scalars, 'text');
    case 'date': return pathSearcher(cx, name, scalars, 'day');
    case 'datetime': return pathSearcher(cx, name, scalars, 'datetime');
    case 'user': return pathSearcher(cx, name, (i) => valuesAt(value(i), ['accountId']).concat(scalars(i)), 'user');
    case 'option': return pathSearcher(cx, name, (i) => valuesAt(value(i), ['value']), 'string');
    case 'array':
      if (schema.items === 'string') return pathSearcher(cx, name, scalars, 'string');
      if (schema.items === 'option') return pathSearcher(cx, name, (i) => valuesAt(value(i), ['value']), 'string');
      if (schema.items === 'user') return pathSearcher(cx, name, (i) => valuesAt(value(i), ['accountId']), 'user');
      return objectSearcher(name, value);
    default:
      return objectSearcher(name, value);
  }
}

/** An object-valued field: text anywhere in its content (~), or whether it is set. */
function objectSearcher(name: string, value: (issue: SandboxIssue) => unknown): Searcher {
  return textSearcher({ name, operators: [...TEXT, ...EMPTINESS], emptyable: true, texts: (i) => allScalars(value(i)).map(wordsOfString) });
}

/** `issue.property[key].path`: typed by a matching index declaration, inferred otherwise. */
export function propertySearcher(cx: CompileContext, name: string, propertyKey: string, path: string[]): Searcher {
  const declared = cx.site.entityPropertyIndexes
    ?.find((ix) => ix.entityType === 'issue' && ix.propertyKey === propertyKey)
    ?.values.find((v) => v.path === path.join('.'));
  const leaves = (issue: SandboxIssue) => valuesAt(issue.properties[propertyKey], path);
  return pathSearcher(cx, name, leaves, declared ? indexValueType(declared.type) : 'inferred');
}

interface AliasTarget { kind: 'property'; propertyKey: string; path: string[]; type: ValueType }
interface ForgeAliasTarget { kind: 'forge'; field: FieldDef; path: string[]; type: ValueType }

/** The site's custom fields and search aliases by lower-case clause name, built once per query. */
export interface FieldCatalog {
  customByName: Map<string, FieldDef[]>;
  customById: Map<number, FieldDef>;
  /** Several targets when same-named fields declare the alias (one app's environments side by side). */
  aliases: Map<string, Array<AliasTarget | ForgeAliasTarget>>;
  /** Custom fields holding plain text, searched by `text ~`. */
  textFieldIds: string[];
}

export function buildCatalog(cx: CompileContext): FieldCatalog {
  const customByName = new Map<string, FieldDef[]>();
  const customById = new Map<number, FieldDef>();
  const aliases = new Map<string, Array<AliasTarget | ForgeAliasTarget>>();
  const addAlias = (key: string, target: AliasTarget | ForgeAliasTarget) => aliases.set(key, [...(aliases.get(key) ?? []), target]);
  const textFieldIds: string[] = [];
  for (const field of cx.site.fields) {
    if (!field.custom) continue;
    const numericId = Number(field.id.replace(/^customfield_/, ''));
    if (Number.isInteger(numericId)) customById.set(numericId, field);
    for (const clause of new Set([field.name, ...field.clauseNames])) {
      if (/^cf\[\d+\]$/i.test(clause)) continue;
      const key = clause.toLowerCase();
      customByName.set(key, [...(customByName.get(key) ?? []), field]);
    }
    if (field.schema?.type === 'string' || field.forge?.type === 'string') textFieldIds.push(field.id);
    for (const [alias, target] of Object.entries(field.forge?.searchAliases ?? {})) {
      const resolved: ForgeAliasTarget = { kind: 'forge', field, path: target.path.split('.').filter(Boolean), type: forgeValueType(target.type) };
      addAlias(alias.toLowerCase(), resolved);
      addAlias(`${field.name}.${alias}`.toLowerCase(), resolved);
    }
  }
  for (const index of cx.site.entityPropertyIndexes ?? []) {
    if (index.entityType !== 'issue') continue;
    for (const v of index.values) {
      if (!v.searchAlias) continue;
      addAlias(v.searchAlias.toLowerCase(), { kind: 'property', propertyKey: index.propertyKey, path: v.path.split('.').filter(Boolean), type: indexValueType(v.type) });
    }
  }
  return { customByName, customById, aliases, textFieldIds };
}

export function aliasSearcher(cx: CompileContext, target: AliasTarget | ForgeAliasTarget, name: string): Searcher {
  if (target.kind === 'property') {
    return pathSearcher(cx, name, (i) => valuesAt(i.properties[target.propertyKey], target.path), target.type);
  }
  return pathSearcher(cx, name, (i) => valuesAt(i.customFields[target.field.id], target.path), target.type);
}

/** Several custom fields sharing a name: the clause holds when it holds for any of them (as on Jira). */
export function anyOf(name: string, searchers: Searcher[]): Searcher {
  if (searchers.length === 1) return searchers[0];
  const operators = new Set([...searchers[0].operators].filter((op) => searchers.every((s) => s.operators.has(op))));
  return {
    name,
    operators,
    emptyable: searchers.every((s) => s.emptyable),
    sortValue: searchers[0].sortValue,
    defaultDescending: searchers[0].defaultDescending,
    predicate(op, operand) {
      const predicates = searchers.map((s) => s.predicate(op, operand));
      return (issue) => predicates.some((p) => p(issue));
    },
  };
}

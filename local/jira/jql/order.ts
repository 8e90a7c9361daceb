/**
 * ORDER BY: a comparator over issues. Without ORDER BY, Jira sorts by issue key descending
 * (its SearchSortUtil's default sort); with one, the sandbox still breaks ties by key descending
 * so paging is stable. A field without ASC/DESC sorts in its own default direction (dates and
 * priority descending, everything else ascending). Empty values sort after every value when
 * ascending and before when descending, as Jira's sorters do.
 */
import type { OrderBy } from '@atlassianlabs/jql-ast';
import type { SandboxIssue } from '../model';
import type { CompileContext } from './context';
import { JqlError, jqlMessages } from './errors';
import { fieldLabel, findSearcher } from './fields';
import type { SortValue } from './searchers';
import { compareByKey } from './systemFields';

export type Comparator = (a: SandboxIssue, b: SandboxIssue) => number;

type SortKey =
  | { kind: 'value'; value: (issue: SandboxIssue) => SortValue; descending: boolean; slot: number }
  | { kind: 'compare'; compare: Comparator; descending: boolean };

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compileOrder(orderBy: OrderBy | void, cx: CompileContext): Comparator {
  const keys: SortKey[] = [];
  let slots = 0;
  for (const entry of orderBy ? orderBy.fields : []) {
    const searcher = findSearcher(entry.field, cx);
    if (!searcher || !searcher.sortValue) throw new JqlError(jqlMessages.notSortable(fieldLabel(entry.field, cx)));
    const direction = entry.direction ? entry.direction.value.toUpperCase() : null;
    const descending = direction === null ? !!searcher.defaultDescending : direction === 'DESC';
    keys.push(searcher.sortCompare
      ? { kind: 'compare', compare: searcher.sortCompare, descending }
      : { kind: 'value', value: searcher.sortValue, descending, slot: slots++ });
  }
  keys.push({ kind: 'compare', compare: compareByKey, descending: true });

  if (slots === 0) {
    return (a, b) => {
      for (const key of keys) {
        const c = (key as Extract<SortKey, { kind: 'compare' }>).compare(a, b);
        if (c !== 0) return key.descending ? -c : c;
      }
      return 0;
    };
  }
  // Field values are computed once per issue per query, not once per comparison.
  const memo = new Map<SandboxIssue, SortValue[]>();
  const valuesOf = (issue: SandboxIssue): SortValue[] => {
    let values = memo.get(issue);
    if (!values) {
      values = new Array<SortValue>(slots);
      for (const key of keys) if (key.kind === 'value') values[key.slot] = key.value(issue);
      memo.set(issue, values);
    }
    return values;
  };
  return (a, b) => {
    if (a === b) return 0;
    const va = valuesOf(a);
    const vb = valuesOf(b);
    for (const key of keys) {
      const c = key.kind === 'value' ? compareValues(va[key.slot], vb[key.slot]) : key.compare(a, b);
      if (c !== 0) return key.descending ? -c : c;
    }
    return 0;
  };
}

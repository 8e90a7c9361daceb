/**
 * Jira's system fields as JQL sees them over the sandbox model (local/jira/model.ts): their
 * clause names, operators, how operand values name things (case-insensitive names, ids, keys),
 * and their ORDER BY values. Custom fields, entity properties and search aliases live in
 * customFields.ts.
 */
import type { SandboxIssue, StatusCategoryKey } from '../model';
import type { CompileContext } from './context';
import { dateDay, timestampMs, toMinute } from './dates';
import { JqlError, jqlMessages } from './errors';
import { COMPARISON_OPERATORS, itemsOf } from './operands';
import {
  EMPTINESS, EQUALITY, ORDERING, TEXT,
  ORDER_TESTS, compareNumbers, dateResolver, expectNoArgs, idOrNameResolver, rejectFunction, textSearcher, userResolver, valueSearcher,
  type FunctionItem, type ResolvableItem, type Searcher,
} from './searchers';
import { wordsOfDoc, wordsOfString, type Words } from './text';

/** The one resolution the sandbox sets when an issue enters a done status (as rest/transitions.ts does). */
const RESOLUTION_DONE = { id: '10000', name: 'Done' };

/** Jira's status category ids and names by key. */
const STATUS_CATEGORIES: Array<{ key: StatusCategoryKey; id: string; name: string }> = [
  { key: 'new', id: '2', name: 'To Do' },
  { key: 'indeterminate', id: '4', name: 'In Progress' },
  { key: 'done', id: '3', name: 'Done' },
];

const ISSUE_KEY = /^([A-Z][A-Z0-9_]*)-(\d+)$/i;

/** Sortable form of an issue key: project key, then the number (so SHOP-10 sorts after SHOP-9). */
export function keySortValue(key: string): string {
  const dash = key.lastIndexOf('-');
  return `${key.slice(0, dash).toUpperCase()}\u0000${key.slice(dash + 1).padStart(12, '0')}`;
}

/**
 * Orders issue keys as keySortValue does, without building strings: project key character by
 * character (a shorter key first when one is a prefix of the other), then the number.
 */
const upper = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c);

export function compareIssueKeys(a: string, b: string): number {
  const da = a.lastIndexOf('-');
  const db = b.lastIndexOf('-');
  const n = Math.min(da, db);
  for (let i = 0; i < n; i++) {
    const diff = upper(a.charCodeAt(i)) - upper(b.charCodeAt(i));
    if (diff !== 0) return diff;
  }
  if (da !== db) return da - db;
  const digits = a.length - da - (b.length - db);
  if (digits !== 0) return digits;
  for (let i = da + 1; i < a.length; i++) {
    const diff = a.charCodeAt(i) - b.charCodeAt(i + db - da);
    if (diff !== 0) return diff;
  }
  return 0;
}

export const compareByKey = (a: SandboxIssue, b: SandboxIssue): number => compareIssueKeys(a.key, b.key);

const keyNumber = (issue: SandboxIssue): number => Number(issue.key.slice(issue.key.lastIndexOf('-') + 1));

function minuteOf(value: string | null): number | null {
  if (!value) return null;
  const ms = timestampMs(value);
  return Number.isNaN(ms) ? null : toMinute(ms);
}

function exactMsOf(value: string | null): number | null {
  if (!value) return null;
  const ms = timestampMs(value);
  return Number.isNaN(ms) ? null : ms;
}

function dayOf(value: string | null): number | null {
  if (!value) return null;
  const day = dateDay(value);
  return Number.isNaN(day) ? null : day;
}

/** Resolves issue keys or ids to issue ids; the issue's project must be one the caller may see. */
function issueResolver(cx: CompileContext, field: string): (item: ResolvableItem) => string[] {
  return (item) => {
    if (item.kind === 'function') rejectFunction(item, field);
    const value = item.value.trim();
    if (/^\d+$/.test(value)) {
      const issue = cx.issueById().get(value);
      if (issue && visibleIssue(cx, issue)) return [issue.id];
      throw new JqlError(jqlMessages.noValueWithId(value, field));
    }
    if (!ISSUE_KEY.test(value)) throw new JqlError(jqlMessages.invalidIssueKey(item.value, field));
    const issue = cx.issueByKey().get(value.toUpperCase());
    if (issue && visibleIssue(cx, issue)) return [issue.id];
    throw new JqlError(jqlMessages.noIssue(item.value, field));
  };
}

function visibleIssue(cx: CompileContext, issue: SandboxIssue): boolean {
  const project = cx.projectById().get(issue.projectId);
  return !!project && cx.canSeeProject(project);
}

/** key / issuekey / id / issue: equality on the issue, ordering by number within a project. */
function issueKeySearcher(cx: CompileContext, name: string): Searcher {
  const equality = valueSearcher<string>({
    name,
    operators: [...EQUALITY, ...ORDERING],
    emptyable: false,
    single: (issue) => issue.id,
    resolve: issueResolver(cx, name),
    sortValue: (issue) => keySortValue(issue.key),
  });
  equality.sortCompare = compareByKey;
  return {
    ...equality,
    predicate(op, operand) {
      if (!COMPARISON_OPERATORS.has(op)) return equality.predicate(op, operand);
      const [item] = itemsOf(operand);
      if (item.kind === 'function') rejectFunction(item, name);
      if (item.kind !== 'value') throw new JqlError(jqlMessages.emptyOperandNotSupported(op, name));
      const value = item.value.trim();
      const test = ORDER_TESTS[op];
      if (/^\d+$/.test(value)) {
        const bound = Number(value);
        return (issue) => test(Number(issue.id) - bound);
      }
      const m = ISSUE_KEY.exec(value);
      if (!m) throw new JqlError(jqlMessages.invalidIssueKey(item.value, name));
      const project = (cx.projectsByKey().get(m[1].toLowerCase()) ?? []).find(cx.canSeeProject);
      if (!project) throw new JqlError(jqlMessages.noIssue(item.value, name));
      const bound = Number(m[2]);
      return (issue) => issue.projectId === project.id && test(keyNumber(issue) - bound);
    },
  };
}

function sprintSearcher(cx: CompileContext, name: string): Searcher {
  const boardProject = new Map(cx.site.boards.map((b) => [b.id, b.projectId]));
  const visible = (sprint: { boardId: number }): boolean => {
    const project = cx.projectById().get(boardProject.get(sprint.boardId) ?? '');
    return !project || cx.canSeeProject(project);
  };
  const inState = (state: 'active' | 'closed' | 'future') => (item: FunctionItem): string[] => {
    expectNoArgs(item);
    return cx.site.sprints.filter((s) => s.state === state && visible(s)).map((s) => String(s.id));
  };
  const resolveIds = idOrNameResolver({
    field: name,
    byName: (n) => cx.sprintsByName().get(n),
    byId: (id) => cx.sprintById().get(Number(id)),
    idOf: (s) => String(s.id),
    visible,
    functions: { opensprints: inState('active'), closedsprints: inState('closed'), futuresprints: inState('future') },
  });
  return valueSearcher<number>({
    name,
    operators: [...EQUALITY, ...EMPTINESS],
    multi: (issue) => issue.sprintIds,
    resolve: (item) => resolveIds(item).map(Number),
    sortValue: (issue) => (issue.sprintIds.length ? issue.sprintIds[issue.sprintIds.length - 1] : null),
  });
}

function dateTimeSearcher(cx: CompileContext, name: string, get: (issue: SandboxIssue) => string | null): Searcher {
  return valueSearcher<number>({
    name,
    operators: [...EQUALITY, ...EMPTINESS, ...ORDERING],
    single: (issue) => minuteOf(get(issue)),
    resolve: dateResolver(cx, name, false),
    compare: compareNumbers,
    sortValue: (issue) => exactMsOf(get(issue)),
    defaultDescending: true,
  });
}

function userSearcher(cx: CompileContext, name: string, get: (issue: SandboxIssue) => string | null): Searcher {
  return valueSearcher<string>({
    name,
    operators: [...EQUALITY, ...EMPTINESS],
    single: get,
    resolve: userResolver(cx, name),
    sortValue: (issue) => {
      const id = get(issue);
      return id === null ? null : (cx.userById().get(id)?.displayName ?? id).toLowerCase();
    },
  });
}

/** Words of every text the `text` master field searches: summary, description, comments, text custom fields. */
export function allTextWords(issue: SandboxIssue, textFieldIds: readonly string[]): Words[] {
  const words = [wordsOfString(issue.summary), wordsOfDoc(issue.description)];
  for (const c of issue.comments) words.push(wordsOfDoc(c.body));
  for (const id of textFieldIds) {
    const v = issue.customFields[id];
    if (typeof v === 'string') words.push(wordsOfString(v));
  }
  return words;
}

type SystemField = (cx: CompileContext, name: string, textFieldIds: readonly string[]) => Searcher;

const project: SystemField = (cx, name) => valueSearcher<string>({
  name,
  operators: [...EQUALITY, ...EMPTINESS],
  single: (issue) => issue.projectId,
  resolve: idOrNameResolver({
    field: name,
    byName: (n) => [...(cx.projectsByKey().get(n) ?? []), ...(cx.projectsByName().get(n) ?? [])],
    byId: (id) => cx.projectById().get(id),
    idOf: (p) => p.id,
    visible: cx.canSeeProject,
  }),
  sortValue: (issue) => cx.projectById().get(issue.projectId)?.name.toLowerCase() ?? null,
});

const issueType: SystemField = (cx, name) => valueSearcher<string>({
  name,
  operators: [...EQUALITY, ...EMPTINESS],
  single: (issue) => issue.issueTypeId,
  resolve: idOrNameResolver({
    field: name,
    byName: (n) => cx.issueTypesByName().get(n),
    byId: (id) => cx.site.issueTypes.find((t) => t.id === id),
    idOf: (t) => t.id,
    functions: {
      standardissuetypes: (item) => (expectNoArgs(item), cx.site.issueTypes.filter((t) => !t.subtask).map((t) => t.id)),
      subtaskissuetypes: (item) => (expectNoArgs(item), cx.site.issueTypes.filter((t) => t.subtask).map((t) => t.id)),
    },
  }),
  sortValue: (issue) => cx.issueTypeOrder().get(issue.issueTypeId) ?? null,
});

const status: SystemField = (cx, name) => valueSearcher<string>({
  name,
  operators: [...EQUALITY],
  emptyable: false,
  single: (issue) => issue.statusId,
  resolve: idOrNameResolver({
    field: name,
    byName: (n) => cx.statusesByName().get(n),
    byId: (id) => cx.site.statuses.find((s) => s.id === id),
    idOf: (s) => s.id,
  }),
  sortValue: (issue) => cx.statusOrder().get(issue.statusId) ?? null,
});

const statusCategory: SystemField = (cx, name) => valueSearcher<string>({
  name,
  operators: [...EQUALITY],
  emptyable: false,
  single: (issue) => cx.statusCategoryById().get(issue.statusId) ?? null,
  resolve: (item) => {
    if (item.kind === 'function') rejectFunction(item, name);
    const v = item.value.trim().toLowerCase();
    const category = STATUS_CATEGORIES.find((c) => c.key === v || c.id === v || c.name.toLowerCase() === v);
    if (!category) throw new JqlError(jqlMessages.noValue(item.value, name));
    return [category.key];
  },
});

const priority: SystemField = (cx, name) => {
  const ids = idOrNameResolver({
    field: name,
    byName: (n) => cx.prioritiesByName().get(n),
    byId: (id) => cx.site.priorities.find((p) => p.id === id),
    idOf: (p) => p.id,
  });
  return valueSearcher<number>({
    name,
    operators: [...EQUALITY, ...EMPTINESS, ...ORDERING],
    single: (issue) => cx.priorityRank().get(issue.priorityId) ?? null,
    resolve: (item) => ids(item).map((id) => cx.priorityRank().get(id)!),
    compare: compareNumbers,
    sortValue: (issue) => cx.priorityRank().get(issue.priorityId) ?? null,
    defaultDescending: true,
  });
};

const resolution: SystemField = (_cx, name) => valueSearcher<string>({
  name,
  operators: [...EQUALITY, ...EMPTINESS],
  single: (issue) => (issue.resolutiondate ? RESOLUTION_DONE.id : null),
  resolve: (item) => {
    if (item.kind === 'function') rejectFunction(item, name);
    const v = item.value.trim().toLowerCase();
    if (v === 'unresolved') return 'EMPTY';
    if (v === RESOLUTION_DONE.name.toLowerCase() || v === RESOLUTION_DONE.id) return [RESOLUTION_DONE.id];
    throw new JqlError(/^\d+$/.test(v) ? jqlMessages.noValueWithId(item.value, name) : jqlMessages.noValue(item.value, name));
  },
  sortValue: (issue) => (issue.resolutiondate ? RESOLUTION_DONE.name.toLowerCase() : null),
});

const labels: SystemField = (_cx, name) => valueSearcher<string>({
  name,
  operators: [...EQUALITY, ...EMPTINESS],
  multi: (issue) => issue.labels.map((l) => l.toLowerCase()),
  resolve: (item) => {
    if (item.kind === 'function') rejectFunction(item, name);
    return [item.value.toLowerCase()];
  },
  sortValue: (issue) => (issue.labels.length ? [...issue.labels].map((l) => l.toLowerCase()).sort().join(' ') : null),
});

const parent: SystemField = (cx, name) => valueSearcher<string>({
  name,
  operators: [...EQUALITY],
  emptyable: false,
  single: (issue) => issue.parentId,
  resolve: issueResolver(cx, name),
  sortValue: (issue) => {
    const key = issue.parentId === null ? undefined : cx.issueKeyById().get(issue.parentId);
    return key ? keySortValue(key) : null;
  },
});

const due: SystemField = (cx, name) => valueSearcher<number>({
  name,
  operators: [...EQUALITY, ...EMPTINESS, ...ORDERING],
  single: (issue) => dayOf(issue.duedate),
  resolve: dateResolver(cx, name, true),
  compare: compareNumbers,
  sortValue: (issue) => dayOf(issue.duedate),
  defaultDescending: true,
});

/** System fields by lower-case JQL clause name. */
export const SYSTEM_FIELDS: Readonly<Record<string, SystemField>> = {
  project,
  key: issueKeySearcher,
  issuekey: issueKeySearcher,
  issue: issueKeySearcher,
  id: issueKeySearcher,
  issuetype: issueType,
  type: issueType,
  status,
  statuscategory: statusCategory,
  priority,
  resolution,
  assignee: (cx, name) => userSearcher(cx, name, (i) => i.assignee),
  reporter: (cx, name) => userSearcher(cx, name, (i) => i.reporter),
  creator: (cx, name) => userSearcher(cx, name, (i) => i.creator),
  created: (cx, name) => dateTimeSearcher(cx, name, (i) => i.created),
  createddate: (cx, name) => dateTimeSearcher(cx, name, (i) => i.created),
  updated: (cx, name) => dateTimeSearcher(cx, name, (i) => i.updated),
  updateddate: (cx, name) => dateTimeSearcher(cx, name, (i) => i.updated),
  resolved: (cx, name) => dateTimeSearcher(cx, name, (i) => i.resolutiondate),
  resolutiondate: (cx, name) => dateTimeSearcher(cx, name, (i) => i.resolutiondate),
  duedate: due,
  due,
  labels,
  sprint: sprintSearcher,
  parent,
  summary: (_cx, name) => textSearcher({
    name, operators: [...TEXT], texts: (i) => [wordsOfString(i.summary)], sortValue: (i) => i.summary.toLowerCase(),
  }),
  description: (_cx, name) => textSearcher({ name, operators: [...TEXT, ...EMPTINESS], emptyable: true, texts: (i) => [wordsOfDoc(i.description)] }),
  comment: (_cx, name) => textSearcher({ name, operators: [...TEXT], texts: (i) => i.comments.map((c) => wordsOfDoc(c.body)) }),
  text: (_cx, name, textFieldIds) => textSearcher({ name, operators: ['~'], texts: (i) => allTextWords(i, textFieldIds) }),
};

export { sprintSearcher };

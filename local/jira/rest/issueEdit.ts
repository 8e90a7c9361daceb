/**
 * Applying `fields` and `update` input to an issue (create, edit, transition screens): validates
 * every value first, answering Jira's 400 `errors` map, then applies them all and returns the
 * changelog items Jira would record.
 */
import { SPRINT_FIELD, type ChangelogItem, type FieldDef, type SandboxIssue, type SandboxProject } from '../model';
import { canBrowseIssue, findIssue, findUser, forgetChildIndex, hasPermission } from './access';
import { findField } from './fields';
import { adfText, isAdfDoc } from './format';
import { JiraError, isRecord, type RequestContext } from './http';
import { issueSprints } from './issueJson';
import { jiraItem } from './mutate';

export interface IssueInput {
  fields?: unknown;
  update?: unknown;
}

/** A validated change waiting to be applied. */
type PendingChange = () => ChangelogItem[];

const cannotSet = (id: string): string => `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Fields only the create call itself handles. */
const CREATE_ONLY = new Set(['project', 'issuetype']);
const READ_ONLY = new Set(['status', 'statusCategory', 'resolution', 'resolutiondate', 'created', 'updated', 'creator', 'statuscategorychangedate', 'subtasks', 'issuelinks', 'comment', 'worklog', 'timespent', 'timetracking', 'issuekey']);

/**
 * Validates and applies `fields` + `update` to `issue`. `mode` decides which fields may be set.
 * Throws a JiraError (400, `errors` by field) and changes nothing when any value is invalid.
 */
export function applyIssueInput(ctx: RequestContext, issue: SandboxIssue, project: SandboxProject, input: IssueInput, mode: 'create' | 'edit' | 'transition'): ChangelogItem[] {
  const errors: Record<string, string> = {};
  const pending: PendingChange[] = [];
  if (input.fields !== undefined && !isRecord(input.fields)) throw new JiraError(400, ["'fields' must be an object."]);
  if (input.update !== undefined && !isRecord(input.update)) throw new JiraError(400, ["'update' must be an object."]);
  const fields = (input.fields ?? {}) as Record<string, unknown>;
  const update = (input.update ?? {}) as Record<string, unknown>;

  for (const [name, value] of Object.entries(fields)) {
    if (mode === 'create' && CREATE_ONLY.has(name)) continue;
    if (name in update) { errors[name] = `Field '${name}' cannot be set in both 'fields' and 'update'.`; continue; }
    const change = setField(ctx, issue, project, name, value, mode, errors);
    if (change) pending.push(change);
  }

  for (const [name, ops] of Object.entries(update)) {
    if (!Array.isArray(ops)) { errors[name] = `Operations for '${name}' must be a list.`; continue; }
    if (name === 'labels') {
      const change = updateLabels(issue, ops, errors);
      if (change) pending.push(change);
      continue;
    }
    for (const op of ops) {
      if (!isRecord(op) || Object.keys(op).length !== 1) { errors[name] = `Each operation on '${name}' must have exactly one verb.`; break; }
      const [verb, value] = Object.entries(op)[0];
      if (verb !== 'set') { errors[name] = `The operation '${verb}' is not supported for field '${name}'.`; break; }
      const change = setField(ctx, issue, project, name, value, mode, errors);
      if (change) pending.push(change);
    }
  }

  if (Object.keys(errors).length > 0) throw new JiraError(400, [], errors);
  return pending.flatMap((apply) => apply());
}

function setField(ctx: RequestContext, issue: SandboxIssue, project: SandboxProject, name: string, value: unknown, mode: 'create' | 'edit' | 'transition', errors: Record<string, string>): PendingChange | null {
  const field = findField(ctx.site, name);
  if (!field || READ_ONLY.has(field.id) || (mode !== 'create' && field.id === 'project')) {
    errors[name] = cannotSet(name);
    return null;
  }
  const fail = (message: string): null => { errors[field.id] = message; return null; };
  switch (field.id) {
    case 'summary': {
      if (typeof value !== 'string' || value.trim() === '') return fail('You must specify a summary of the issue.');
      if (value.length > 255) return fail('Summary must be less than 255 characters.');
      if (value.includes('\n')) return fail('The summary is invalid because it contains newline characters.');
      const before = issue.summary;
      return () => { issue.summary = value; return before === value ? [] : [jiraItem('summary', null, before, null, value)]; };
    }
    case 'description': {
      if (value !== null && !isAdfDoc(value)) return fail('Operation value must be an Atlassian Document (see the Atlassian Document Format).');
      const before = issue.description;
      return () => {
        issue.description = value as SandboxIssue['description'];
        const [a, b] = [before ? adfText(before) : null, value ? adfText(value) : null];
        return JSON.stringify(before) === JSON.stringify(value) ? [] : [jiraItem('description', null, a, null, b)];
      };
    }
    case 'assignee': {
      const accountId = userInput(value);
      if (accountId === undefined) return fail("Specify the assignee as an object with an 'accountId' (or null to unassign).");
      if (mode !== 'create' && !hasPermission(project, ctx.user, 'ASSIGN_ISSUES')) return fail(cannotSet('assignee'));
      if (accountId !== null) {
        const user = findUser(ctx.site, accountId);
        if (!user || !hasPermission(project, user, 'ASSIGNABLE_USER')) return fail(`User '${accountId}' cannot be assigned issues.`);
      }
      const before = issue.assignee;
      return () => { issue.assignee = accountId; return before === accountId ? [] : [userItem(ctx, 'assignee', before, accountId)]; };
    }
    case 'reporter': {
      const accountId = userInput(value);
      if (!accountId) return fail('Reporter is required.');
      if (!findUser(ctx.site, accountId)) return fail(`Specified reporter '${accountId}' does not exist.`);
      const before = issue.reporter;
      return () => { issue.reporter = accountId; return before === accountId ? [] : [userItem(ctx, 'reporter', before, accountId)]; };
    }
    case 'priority': {
      const ref = refInput(value);
      const priority = ref && ctx.site.priorities.find((p) => p.id === ref.id || p.name === ref.name);
      if (!priority) return fail('Specify the Priority (id or name) in the string format');
      const before = ctx.site.priorities.find((p) => p.id === issue.priorityId);
      return () => {
        issue.priorityId = priority.id;
        return before?.id === priority.id ? [] : [jiraItem('priority', before?.id ?? null, before?.name ?? null, priority.id, priority.name)];
      };
    }
    case 'labels': {
      if (!Array.isArray(value) || !value.every((l) => typeof l === 'string')) return fail('Labels must be a list of strings.');
      const bad = (value as string[]).find((l) => /\s/.test(l) || l.length === 0 || l.length > 255);
      if (bad !== undefined) return fail(`The label '${bad}' contains spaces which is invalid.`);
      const next = [...new Set(value as string[])];
      return () => labelsChange(issue, next);
    }
    case 'duedate': {
      if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
        return fail("Error parsing date string: " + String(value) + ". Use the format 'yyyy-MM-dd'.");
      }
      const before = issue.duedate;
      return () => { issue.duedate = value as string | null; return before === value ? [] : [jiraItem('duedate', before, before, value as string | null, value as string | null)]; };
    }
    case 'parent': {
      const ref = value === null ? null : refInput(value);
      if (value !== null && !ref) return fail("Specify the parent as an object with 'id' or 'key'.");
      let parent: SandboxIssue | undefined;
      if (ref) {
        parent = findIssue(ctx.site, ref.id ?? ref.key ?? '');
        if (!parent || !canBrowseIssue(ctx.site, ctx.user, parent)) return fail('Could not find issue by id or key.');
        if (parent.id === issue.id) return fail('An issue cannot be its own parent.');
      }
      const before = issue.parentId ? findIssue(ctx.site, issue.parentId) : undefined;
      return () => {
        issue.parentId = parent?.id ?? null;
        forgetChildIndex(ctx.site);
        return before?.id === parent?.id ? [] : [{ field: 'IssueParentAssociation', fieldtype: 'jira', from: before?.id ?? null, fromString: before?.key ?? null, to: parent?.id ?? null, toString: parent?.key ?? null }];
      };
    }
    case 'issuetype': {
      const ref = refInput(value);
      const type = ref && ctx.site.issueTypes.find((t) => t.id === ref.id || t.name === ref.name);
      if (!type || !project.issueTypeIds.includes(type.id)) return fail('The issue type selected is invalid.');
      if (project.workflowByIssueType[type.id] !== project.workflowByIssueType[issue.issueTypeId]) {
        return fail('The issue type cannot be changed to one with a different workflow; move the issue instead.');
      }
      const before = ctx.site.issueTypes.find((t) => t.id === issue.issueTypeId);
      return () => { issue.issueTypeId = type.id; return before?.id === type.id ? [] : [jiraItem('issuetype', before?.id ?? null, before?.name ?? null, type.id, type.name)]; };
    }
    case SPRINT_FIELD: return setSprint(ctx, issue, project, field, value, fail);
    default: return setCustomField(issue, field, value, fail);
  }
}

function setSprint(ctx: RequestContext, issue: SandboxIssue, project: SandboxProject, field: FieldDef, value: unknown, fail: (m: string) => null): PendingChange | null {
  const id = value === null ? null : typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
  if (id === undefined) return fail('Number value expected as the Sprint id.');
  if (id !== null) {
    const sprint = ctx.site.sprints.find((s) => s.id === id);
    if (!sprint) return fail(`Sprint with id ${id} does not exist.`);
    if (sprint.state === 'closed') return fail('Issue can be assigned only to active or future sprints.');
    const board = ctx.site.boards.find((b) => b.id === sprint.boardId);
    if (board && board.projectId !== project.id && !hasPermission(project, ctx.user, 'MANAGE_SPRINTS_PERMISSION')) return fail(`Sprint with id ${id} does not exist.`);
  }
  const before = issueSprints(ctx.site, issue);
  return () => {
    // The Sprint field keeps the closed sprints the issue was in; the open one is replaced.
    const kept = before.filter((s) => s.state === 'closed').map((s) => s.id);
    issue.sprintIds = id === null ? kept : [...kept, id];
    const after = issueSprints(ctx.site, issue);
    const ids = (list: typeof before): string => list.map((s) => s.id).join(', ');
    const names = (list: typeof before): string => list.map((s) => s.name).join(', ');
    if (ids(before) === ids(after)) return [];
    return [{ field: field.name, fieldtype: 'custom', fieldId: field.id, from: ids(before) || null, fromString: names(before) || null, to: ids(after) || null, toString: names(after) || null }];
  };
}

function setCustomField(issue: SandboxIssue, field: FieldDef, value: unknown, fail: (m: string) => null): PendingChange | null {
  if (!field.custom) return fail(cannotSet(field.id));
  if (field.forge?.readOnly) return fail(cannotSet(field.id));
  const error = customValueError(field, value);
  if (error) return fail(error);
  const before = issue.customFields[field.id] ?? null;
  return () => {
    if (value === null) delete issue.customFields[field.id];
    else issue.customFields[field.id] = value;
    if (JSON.stringify(before) === JSON.stringify(value)) return [];
    return [{ field: field.name, fieldtype: 'custom', fieldId: field.id, from: null, fromString: displayValue(before), to: null, toString: displayValue(value) }];
  };
}

/** Checks a custom field value against the field's type (Forge field types and common Jira ones). */
export function customValueError(field: FieldDef, value: unknown): string | null {
  if (value === null) return null;
  const type = field.forge?.type ?? field.schema?.type;
  switch (type) {
    case 'number': return typeof value === 'number' && Number.isFinite(value) ? null : `Field '${field.name}' expects a number.`;
    case 'string': return typeof value === 'string' ? (value.length > 255 ? `Field '${field.name}' must be less than 255 characters.` : null) : `Field '${field.name}' expects a string.`;
    case 'date': return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : `Field '${field.name}' expects a date (yyyy-MM-dd).`;
    case 'datetime': return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : `Field '${field.name}' expects a date-time.`;
    case 'user': return isRecord(value) && typeof value.accountId === 'string' ? null : `Field '${field.name}' expects a user ({ accountId }).`;
    case 'object': return isRecord(value) ? (JSON.stringify(value).length > 32768 ? `Field '${field.name}' value is too large.` : null) : `Field '${field.name}' expects an object.`;
    default: return null;
  }
}

function displayValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function updateLabels(issue: SandboxIssue, ops: unknown[], errors: Record<string, string>): PendingChange | null {
  let next = [...issue.labels];
  for (const op of ops) {
    if (!isRecord(op) || Object.keys(op).length !== 1) { errors.labels = 'Each labels operation must have exactly one verb.'; return null; }
    const [verb, value] = Object.entries(op)[0];
    if (verb === 'set') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) { errors.labels = 'Labels must be a list of strings.'; return null; }
      next = [...new Set(value as string[])];
    } else if (verb === 'add' || verb === 'remove') {
      if (typeof value !== 'string') { errors.labels = `The '${verb}' operation takes one label.`; return null; }
      if (verb === 'add' && !next.includes(value)) next.push(value);
      if (verb === 'remove') next = next.filter((l) => l !== value);
    } else {
      errors.labels = `The operation '${verb}' is not supported for field 'labels'.`;
      return null;
    }
  }
  const bad = next.find((l) => /\s/.test(l) || l.length === 0);
  if (bad !== undefined) { errors.labels = `The label '${bad}' contains spaces which is invalid.`; return null; }
  return () => labelsChange(issue, next);
}

function labelsChange(issue: SandboxIssue, next: string[]): ChangelogItem[] {
  const before = issue.labels;
  issue.labels = next;
  if (before.join(' ') === next.join(' ')) return [];
  return [{ field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: before.join(' ') || null, to: null, toString: next.join(' ') || null }];
}

function userItem(ctx: RequestContext, field: string, from: string | null, to: string | null): ChangelogItem {
  const name = (id: string | null): string | null => (id ? findUser(ctx.site, id)?.displayName ?? id : null);
  return jiraItem(field, from, name(from), to, name(to));
}

/** `{ accountId }` -> id, `null` -> null, anything else -> undefined (invalid). */
function userInput(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (isRecord(value) && typeof value.accountId === 'string') return value.accountId;
  if (isRecord(value) && value.accountId === null) return null;
  return undefined;
}

/** `{ id }` / `{ key }` / `{ name }` references. */
export function refInput(value: unknown): { id?: string; key?: string; name?: string } | null {
  if (!isRecord(value)) return null;
  const out: { id?: string; key?: string; name?: string } = {};
  if (typeof value.id === 'string' || typeof value.id === 'number') out.id = String(value.id);
  if (typeof value.key === 'string') out.key = value.key;
  if (typeof value.name === 'string') out.name = value.name;
  return out.id || out.key || out.name ? out : null;
}

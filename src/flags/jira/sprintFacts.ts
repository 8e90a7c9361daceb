/**
 * What the scope-creep rule needs about a project's active sprints: each sprint's issues with
 * their rule facts and recent history (one paged JQL search per sprint: `sprint = <id>`, with
 * `expand=changelog`), and from them how much work was committed at the start and how much joined
 * later. Active sprints come from Jira Software's agile API: the project's boards
 * (GET /rest/agile/1.0/board?projectKeyOrId=) and each board's active sprints.
 * Scopes: read:board-scope:jira-software, read:project:jira, read:sprint:jira-software, read:jira-work.
 */
import type { SprintFacts } from '../domain/flagRules';
import { mapWithConcurrency } from '../../platform/jira/concurrency';
import { searchFlagIssues, type FlagFieldIds, type FlagIssue } from './flagIssues';
import type { JiraClient } from '../../platform/jira/jiraClient';
import { boardSprints } from '../../platform/jira/sprints';

/** Boards per project and active sprints per board looked at (a board has one or a few active sprints). */
export const ACTIVE_SPRINT_LIMITS = { boards: 10, sprintsPerBoard: 10, issuesPerSprint: 500 } as const;

export interface ActiveSprint {
  id: number;
  name: string;
  /** ISO instant the sprint started. */
  startDate: string;
}

/** The project's active, started sprints (deduplicated: a sprint can show on several boards). */
export async function activeSprints(jira: JiraClient, projectKey: string): Promise<{ sprints: ActiveSprint[]; truncated: boolean }> {
  const found = await boardSprints(jira, projectKey, 'active', {
    boards: ACTIVE_SPRINT_LIMITS.boards,
    sprintPageSize: ACTIVE_SPRINT_LIMITS.sprintsPerBoard,
    sprintsPerBoard: ACTIVE_SPRINT_LIMITS.sprintsPerBoard,
  });
  const byId = new Map<number, ActiveSprint>();
  for (const sprint of found.sprints) {
    if (typeof sprint.id !== 'number' || sprint.state !== 'active' || !sprint.startDate || byId.has(sprint.id)) continue;
    byId.set(sprint.id, { id: sprint.id, name: sprint.name ?? `Sprint ${sprint.id}`, startDate: sprint.startDate });
  }
  return { sprints: [...byId.values()], truncated: found.truncated };
}

/** Sprint ids in a changelog value of the Sprint field (`"12, 14"`). */
function sprintIdsIn(value: string | null | undefined): number[] {
  if (!value) return [];
  return value
    .split(/[,\s]+/)
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
}

/**
 * Whether the issue joined the sprint after it started: created after the start (it cannot have
 * been committed), or a change of its Sprint field after the start put the sprint in.
 */
export function joinedAfterStart(issue: FlagIssue, sprint: ActiveSprint, sprintFieldId: string | null): boolean {
  const start = Date.parse(sprint.startDate);
  if (issue.created && Date.parse(issue.created) > start) return true;
  for (const history of issue.changelog ?? []) {
    if (!(Date.parse(history.created) > start)) continue;
    for (const item of history.items) {
      const isSprintField = (sprintFieldId !== null && item.fieldId === sprintFieldId) || item.field === 'Sprint';
      if (isSprintField && sprintIdsIn(item.to).includes(sprint.id) && !sprintIdsIn(item.from).includes(sprint.id)) return true;
    }
  }
  return false;
}

/**
 * The sprint's commitment and what joined it later, counted over the issues in it now. Work that
 * was committed and then taken out of the sprint is no longer found by `sprint = <id>`, so the
 * commitment is the issues still in it that were there at the start (Jira's sprint report would
 * count the removed ones too, from every issue's full history).
 */
export function sprintFactsOf(sprint: ActiveSprint, issues: readonly FlagIssue[], sprintFieldId: string | null): SprintFacts {
  const added = issues.filter((issue) => joinedAfterStart(issue, sprint, sprintFieldId)).map((issue) => issue.issueKey);
  return {
    id: sprint.id,
    name: sprint.name,
    startDate: sprint.startDate,
    committedAtStart: issues.length - added.length,
    addedAfterStart: added.length,
    addedAfterStartKeys: added,
  };
}

export interface SprintScope {
  facts: SprintFacts;
  /** The sprint's issues with their rule facts and flags (so the caller need not read them again). */
  issues: FlagIssue[];
  truncated: boolean;
}

/**
 * Each active sprint of the project with its facts and issues. `counted` says which of a sprint's
 * issues count as its work (the scope-creep rule's kinds: flagRules.RULE_APPLIES_TO); all by default.
 */
export async function activeSprintScopes(jira: JiraClient, projectKey: string, ids: FlagFieldIds, counted: (issue: FlagIssue) => boolean = () => true): Promise<{ scopes: SprintScope[]; truncated: boolean }> {
  const active = await activeSprints(jira, projectKey);
  const scopes = await mapWithConcurrency(active.sprints, 2, async (sprint): Promise<SprintScope> => {
    const found = await searchFlagIssues(jira, { jql: `sprint = ${sprint.id} ORDER BY key ASC`, ids, maxIssues: ACTIVE_SPRINT_LIMITS.issuesPerSprint, changelog: true });
    return { facts: sprintFactsOf(sprint, found.issues.filter(counted), ids.sprintFieldId), issues: found.issues, truncated: found.truncated };
  });
  return { scopes, truncated: active.truncated || scopes.some((scope) => scope.truncated) };
}

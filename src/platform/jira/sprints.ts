/**
 * A project's sprints from Jira Software's agile API, bounded: the project's boards
 * (GET /rest/agile/1.0/board?projectKeyOrId=), then each board's started sprints
 * (GET /board/{id}/sprint?state=active,closed), offset paged, deduplicated (a sprint can show on
 * several boards). Scopes: read:board-scope:jira-software, read:project:jira, read:sprint:jira-software.
 */
import { route } from '@forge/api';
import { mapWithConcurrency } from './concurrency';
import type { JiraClient } from './jiraClient';
import { collectOffsetPages } from './paging';

/**
 * Boards looked at per project, and sprints per board. Jira lists a board's sprints oldest first,
 * so a bound that cut a long-lived board short would drop its recent sprints, the ones that
 * matter: 2,000 holds 75 years of two-week sprints (40 pages of 50). At 200, a board past its
 * eighth year lost its current sprints (found by test/bench/report.ts, 50k site). The asks page and
 * the report gatherer (reportFacts.ts) both read within these.
 */
export const SPRINT_LIMITS = { boards: 5, sprintsPerBoard: 2000 } as const;

export interface SprintInfo {
  id: number;
  name: string;
  state: 'active' | 'closed' | 'future';
  /** ISO instants, when Jira has them. */
  startDate?: string;
  endDate?: string;
  completeDate?: string;
}

interface JiraBoard {
  id: number;
}

/** A sprint as the agile API answers it. */
export interface JiraSprint {
  id: number;
  name?: string;
  state?: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
}

export interface ProjectSprints {
  sprints: SprintInfo[];
  /** True when a bound cut the list short. */
  truncated: boolean;
}

/**
 * The sprints in `state` (the agile API's filter: `active`, `active,closed`, …) of the project's
 * boards, board by board, within `limits`. A sprint on several boards is listed once per board.
 */
export async function boardSprints(
  jira: JiraClient,
  projectKey: string,
  state: string,
  limits: { boards: number; sprintPageSize: number; sprintsPerBoard: number },
): Promise<{ sprints: JiraSprint[]; truncated: boolean }> {
  const boards = await collectOffsetPages<JiraBoard>(
    (startAt, maxResults) => jira.get(route`/rest/agile/1.0/board?projectKeyOrId=${projectKey}&startAt=${startAt}&maxResults=${maxResults}`),
    { pageSize: limits.boards, maxItems: limits.boards },
  );
  const perBoard = await mapWithConcurrency(boards.items, 3, (board) =>
    collectOffsetPages<JiraSprint>(
      (startAt, maxResults) => jira.get(route`/rest/agile/1.0/board/${board.id}/sprint?state=${state}&startAt=${startAt}&maxResults=${maxResults}`),
      { pageSize: limits.sprintPageSize, maxItems: limits.sprintsPerBoard },
    ),
  );
  return { sprints: perBoard.flatMap((page) => page.items), truncated: boards.truncated || perBoard.some((page) => page.truncated) };
}

/** The agile API's sprints as SprintInfo, each once (a sprint shows on every board it is on); an unknown state reads as closed. */
export function distinctSprints(found: readonly JiraSprint[]): SprintInfo[] {
  const byId = new Map<number, SprintInfo>();
  for (const s of found) {
    if (typeof s.id !== 'number' || byId.has(s.id)) continue;
    const state = s.state === 'active' || s.state === 'closed' || s.state === 'future' ? s.state : 'closed';
    byId.set(s.id, {
      id: s.id,
      name: s.name ?? `Sprint ${s.id}`,
      state,
      ...(s.startDate ? { startDate: s.startDate } : {}),
      ...(s.endDate ? { endDate: s.endDate } : {}),
      ...(s.completeDate ? { completeDate: s.completeDate } : {}),
    });
  }
  return [...byId.values()];
}

export async function projectSprints(jira: JiraClient, projectKey: string): Promise<ProjectSprints> {
  const found = await boardSprints(jira, projectKey, 'active,closed', { boards: SPRINT_LIMITS.boards, sprintPageSize: 50, sprintsPerBoard: SPRINT_LIMITS.sprintsPerBoard });
  return { sprints: distinctSprints(found.sprints), truncated: found.truncated };
}

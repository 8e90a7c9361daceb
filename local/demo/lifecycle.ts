/**
 * Plans what happened to an issue over time — when it joined sprints, when it moved through the
 * workflow and by whom — from where it ends up (its sprints and final status). The plans feed
 * IssueDraft; the issue builder turns them into changelogs.
 */
import type { AccountId } from '../jira/model';
import { DAY_MS, HOUR_MS, MINUTE_MS, workInstants, workMinutesBetween } from './calendar';
import { newDraft, type IssueDraft, type SprintMove, type StatusMove, type WorkPlan } from './issueBuilder';
import type { SeededRandom } from './random';
import type { SprintWindow } from './sprints';
import { ISSUE_TYPE_IDS, type Progress } from './siteConfig';

export interface Lifecycle {
  initialSprintIds: number[];
  sprintMoves: SprintMove[];
  statusMoves: StatusMove[];
  /** When work started (first move to In Progress); null if it never did. */
  startedAt: number | null;
  /** When work stopped: Done, the last move to In Review, or today for work still in progress. */
  stoppedAt: number | null;
}

export interface LifecycleInput {
  rng: SeededRandom;
  created: number;
  /** The sprints the issue has been in, in order; more than one when carried over. Empty: backlog or kanban. */
  visits: SprintWindow[];
  /** Joined its first sprint after the sprint started, at this instant (instead of at planning). */
  addedAt?: number;
  /** Created straight into its first sprint (the create screen sets Sprint: no changelog entry). */
  createdInSprint?: boolean;
  final: Progress;
  /** Goes through In Review on the way to Done. */
  review: boolean;
  /** The review sends it back to In Progress once. */
  rework?: boolean;
  assignee: AccountId;
  reviewer: AccountId;
  /** Who runs sprint planning (adds and carries issues over). */
  planner: AccountId;
  todayStartMs: number;
}

/** Working instants in a window, or null when the window has no room for them. */
export function tryWorkInstants(rng: SeededRandom, count: number, fromMs: number, toMs: number): number[] | null {
  if (count === 0) return [];
  if (toMs <= fromMs || workMinutesBetween(fromMs, toMs) < count) return null;
  return workInstants(rng, count, fromMs, toMs);
}

/**
 * When an issue was created and, if it joined its first sprint after the sprint started, when it
 * was added. Planned issues are written up in the three weeks before their sprint's planning
 * (a future sprint's in the week before that); bugs and late additions arrive early in a started
 * sprint — in the active sprint early enough to be worked on before today. Null when the
 * windows leave no working time.
 */
export function planCreation(rng: SeededRandom, opts: {
  visits: SprintWindow[];
  /** Joined its first sprint after the sprint started (a bug found in it, a late addition). */
  joinedMidSprint: boolean;
  /** Also written up only then (rather than waiting in the backlog before). */
  raisedMidSprint: boolean;
  /** Not created before this (the project's kick-off, the epic's creation). */
  earliestMs: number;
  todayStartMs: number;
}): { created: number; addedAt?: number } | null {
  const { visits, earliestMs, todayStartMs } = opts;
  const one = (from: number, to: number): number | null => tryWorkInstants(rng, 1, from, to)?.[0] ?? null;
  const first = visits[0];
  if (!first) {
    const created = one(earliestMs, todayStartMs - 2 * DAY_MS);
    return created === null ? null : { created };
  }
  if (opts.joinedMidSprint) {
    if (first.sprint.state === 'future') throw new Error(`Sprint '${first.sprint.name}' has not started: nothing joins it mid-sprint`);
    const windowEnd = first.sprint.state === 'active' ? first.startMs + 2 * DAY_MS : first.startMs + 6 * DAY_MS;
    const addedAt = one(Math.max(first.startMs + DAY_MS, earliestMs + MINUTE_MS), windowEnd);
    if (addedAt === null) return null;
    const created = opts.raisedMidSprint
      ? one(Math.max(first.startMs, addedAt - DAY_MS, earliestMs), addedAt)
      : one(earliestMs, Math.min(first.startMs - 2 * HOUR_MS, addedAt));
    return created === null ? null : { created, addedAt };
  }
  const latest = first.sprint.state === 'future' ? todayStartMs - 8 * DAY_MS : first.startMs - 2 * HOUR_MS;
  const created = one(Math.max(earliestMs, latest - 21 * DAY_MS), latest);
  return created === null ? null : { created };
}

function stepsTo(final: Progress, review: boolean, rework: boolean): Progress[] {
  switch (final) {
    case 'todo': return [];
    case 'progress': return rework ? ['progress', 'review', 'progress'] : ['progress'];
    case 'review': return rework ? ['progress', 'review', 'progress', 'review'] : ['progress', 'review'];
    case 'done':
      if (!review) return ['progress', 'done'];
      return rework ? ['progress', 'review', 'progress', 'review', 'done'] : ['progress', 'review', 'done'];
  }
}

export function planLifecycle(input: LifecycleInput): Lifecycle {
  const { rng, visits, final, created, todayStartMs } = input;
  const sprintMoves: SprintMove[] = [];
  let initialSprintIds: number[] = [];
  let addAt = created;
  for (let i = 0; i < visits.length - 1; i++) {
    if (visits[i].sprint.state !== 'closed') throw new Error(`Only closed sprints carry issues over; '${visits[i].sprint.name}' is ${visits[i].sprint.state}`);
  }
  const last = visits[visits.length - 1];
  if (last?.sprint.state === 'closed' && final !== 'done') throw new Error(`An issue left in closed sprint '${last.sprint.name}' must be done, not ${final}`);
  if (last?.sprint.state === 'future' && final !== 'todo') throw new Error(`An issue in future sprint '${last.sprint.name}' cannot be ${final}`);

  if (visits.length > 0) {
    const first = visits[0];
    if (input.createdInSprint) {
      initialSprintIds = [first.sprint.id];
    } else {
      if (input.addedAt !== undefined) {
        if (input.addedAt < created) throw new Error('An issue cannot join a sprint before it is created');
        addAt = input.addedAt;
      } else {
        // Sprint planning: the hour before the sprint starts; a future sprint is being filled this past week.
        const future = first.sprint.state === 'future';
        const planFrom = future ? todayStartMs - 7 * DAY_MS : first.startMs - 60 * MINUTE_MS;
        const planTo = future ? todayStartMs : first.startMs;
        const planned = tryWorkInstants(rng, 1, Math.max(created + MINUTE_MS, planFrom), planTo);
        if (!planned) throw new Error(`Issue created ${new Date(created).toISOString()} is too late to be planned into '${first.sprint.name}'`);
        addAt = planned[0];
      }
      sprintMoves.push({ at: addAt, by: input.planner, sprintIds: [first.sprint.id] });
    }
    for (let i = 1; i < visits.length; i++) {
      const completed = visits[i - 1].completeMs as number;
      sprintMoves.push({ at: completed, by: input.planner, sprintIds: visits.slice(0, i + 1).map((v) => v.sprint.id) });
    }
  }

  const steps = stepsTo(final, input.review, input.rework ?? false);
  if (steps.length === 0) return { initialSprintIds, sprintMoves, statusMoves: [], startedAt: null, stoppedAt: null };

  let times: number[] | null;
  if (visits.length === 0) {
    times = tryWorkInstants(rng, steps.length, created + MINUTE_MS, todayStartMs);
  } else if (visits.length === 1) {
    times = tryWorkInstants(rng, steps.length, Math.max(addAt + MINUTE_MS, visits[0].startMs), visits[0].workEndMs);
  } else {
    // Carried over: started in the first sprint, finished (or still going) in the last.
    const started = tryWorkInstants(rng, 1, Math.max(addAt + MINUTE_MS, visits[0].startMs), visits[0].workEndMs);
    const rest = started && tryWorkInstants(rng, steps.length - 1, Math.max(started[0] + MINUTE_MS, last.startMs), last.workEndMs);
    times = started && rest ? [...started, ...rest] : null;
  }
  if (!times) throw new Error(`No working time left to move an issue created ${new Date(created).toISOString()} to ${final}`);

  const statusMoves: StatusMove[] = steps.map((to, i) => {
    const from = i === 0 ? 'todo' : steps[i - 1];
    const byReviewer = from === 'review'; // the reviewer passes or sends back
    return { at: times[i], by: byReviewer ? input.reviewer : input.assignee, to };
  });
  const startedAt = statusMoves[0].at;
  const stoppedAt = final === 'progress' ? (last ? last.workEndMs : todayStartMs) : statusMoves[statusMoves.length - 1].at;
  return { initialSprintIds, sprintMoves, statusMoves, startedAt, stoppedAt };
}

/**
 * An epic's moves, following its children: In Progress when the first child starts, Done after
 * the last child is done (if all are). Moves that would fall on or after today are left out.
 */
export function planParentStatus(rng: SeededRandom, opts: {
  created: number; by: AccountId; todayStartMs: number; children: Lifecycle[]; childrenFinal: Progress[];
}): StatusMove[] {
  const starts = opts.children.map((c) => c.startedAt).filter((t): t is number => t !== null);
  if (starts.length === 0) return [];
  const firstStart = Math.min(...starts);
  const startWindowEnd = Math.min(firstStart + DAY_MS, opts.todayStartMs);
  const started = tryWorkInstants(rng, 1, Math.max(firstStart, opts.created + MINUTE_MS), startWindowEnd);
  if (!started) return [];
  const moves: StatusMove[] = [{ at: started[0], by: opts.by, to: 'progress' }];
  const allDone = opts.childrenFinal.length > 0 && opts.childrenFinal.every((f) => f === 'done');
  if (allDone) {
    const lastDone = Math.max(...opts.children.map((c) => c.stoppedAt ?? 0));
    const done = tryWorkInstants(rng, 1, Math.max(lastDone, started[0]) + MINUTE_MS, Math.min(lastDone + 2 * DAY_MS, opts.todayStartMs));
    if (done) moves.push({ at: done[0], by: opts.by, to: 'done' });
  }
  return moves;
}

/** A sub-task's status follows its parent's: finished before the parent is, started after it is. */
export function subtaskFinal(parentFinal: Progress, index: number): Progress {
  if (parentFinal === 'done' || parentFinal === 'review') return 'done';
  if (parentFinal === 'progress') return (['done', 'progress', 'todo'] as const)[index % 3];
  return 'todo';
}

/** The sprints an issue was in at an instant, from its draft. */
export function sprintIdsAt(draft: IssueDraft, atMs: number): number[] {
  let ids = draft.initialSprintIds;
  for (const move of draft.sprintMoves) if (move.at <= atMs) ids = move.sprintIds;
  return [...ids];
}

/** A sub-task's sprint history: the parent's at its creation, then the parent's later moves. */
export function inheritSprints(parent: IssueDraft, created: number): { initialSprintIds: number[]; sprintMoves: SprintMove[] } {
  return {
    initialSprintIds: sprintIdsAt(parent, created),
    sprintMoves: parent.sprintMoves.filter((m) => m.at > created).map((m) => ({ ...m, sprintIds: [...m.sprintIds] })),
  };
}

/** Sub-task moves inside the parent's working window: To Do → In Progress (→ Done). */
export function planSubtaskMoves(rng: SeededRandom, final: Progress, assignee: AccountId, fromMs: number, toMs: number): StatusMove[] {
  const steps: Progress[] = final === 'done' ? ['progress', 'done'] : final === 'progress' ? ['progress'] : [];
  if (steps.length === 0) return [];
  const times = tryWorkInstants(rng, steps.length, fromMs, toMs) ?? steps.map((_, i) => fromMs + i * MINUTE_MS);
  return steps.map((to, i) => ({ at: times[i], by: assignee, to }));
}

/**
 * Time logged for work done between two instants: `hoursPerPoint` per story point (an unestimated
 * issue counts as one point), in worklogs of about half a day. The work ledger drops what does not
 * fit into the person's days.
 */
export function workPlanFor(author: AccountId, fromMs: number, toMs: number, points: number | undefined, notes?: readonly string[], hoursPerPoint = 5): WorkPlan {
  const hours = Math.max(1, (points ?? 1) * hoursPerPoint);
  return { author, fromMs, toMs, hours, entries: Math.min(16, Math.max(1, Math.ceil(hours / 4))), notes };
}

/**
 * A sub-task of a planned issue: created shortly before its parent's work starts, in the parent's
 * sprints, worked on (by `owner`) inside the parent's working window and finished before the parent is.
 */
export function draftSubtask(rng: SeededRandom, opts: {
  parent: IssueDraft; parentLifecycle: Lifecycle; parentFinal: Progress; index: number;
  owner: AccountId; summary: string; labels: string[]; todayStartMs: number; notes?: readonly string[];
}): IssueDraft {
  const { parent, parentLifecycle, owner, todayStartMs } = opts;
  const final = subtaskFinal(opts.parentFinal, opts.index);
  const startsAt = parentLifecycle.startedAt;
  const created = (startsAt !== null
    ? tryWorkInstants(rng, 1, Math.max(parent.created + MINUTE_MS, startsAt - 3 * DAY_MS), startsAt)
    : tryWorkInstants(rng, 1, parent.created + MINUTE_MS, todayStartMs))?.[0] ?? parent.created + MINUTE_MS;
  const sprints = inheritSprints(parent, created);
  const windowFrom = Math.max(created + MINUTE_MS, startsAt ?? created);
  const windowTo = parentLifecycle.stoppedAt ?? todayStartMs;
  const statusMoves = planSubtaskMoves(rng, final, owner, windowFrom, windowTo);
  const draft = newDraft({
    projectKey: parent.projectKey, issueTypeId: ISSUE_TYPE_IDS.subtask, summary: opts.summary, reporter: owner, created,
    assignee: owner, priorityId: parent.priorityId, labels: [...opts.labels],
    initialSprintIds: sprints.initialSprintIds, sprintMoves: sprints.sprintMoves, statusMoves, parent,
  });
  if (statusMoves.length > 0) {
    const stop = final === 'done' ? statusMoves[statusMoves.length - 1].at : windowTo;
    draft.work.push(workPlanFor(owner, statusMoves[0].at, stop, 1, opts.notes));
  }
  return draft;
}

/**
 * Two-week scrum sprints laid out back in time from "today": closed ones, the active one (which
 * always contains today) and one planned future sprint. Sprints start on a Monday at 10:00 after
 * planning and end on the second Friday at 16:00; closing happens after the review.
 */
import type { SprintDef } from '../jira/model';
import { at, dayStartMs, jiraDateTime, mondayOnOrBefore, weekdayOf } from './calendar';
import type { SeededRandom } from './random';

export interface SprintWindow {
  sprint: SprintDef;
  startMs: number;
  endMs: number;
  /** When the sprint was completed (closed sprints only). */
  completeMs: number | null;
  /** Until when work in the sprint can have happened: its completion, or today's start for the active sprint. */
  workEndMs: number;
}

export interface SprintTimeline {
  closed: SprintWindow[];
  active: SprintWindow;
  future: SprintWindow;
  /** All of them, oldest first. */
  all: SprintWindow[];
}

const SPRINT_DAYS = 14;

/**
 * The Monday the active sprint started: this week's when today is Thursday or later, else last
 * week's — so the active sprint has always run for a few working days before today.
 */
export function activeSprintStartDay(todayDay: number): number {
  const monday = mondayOnOrBefore(todayDay);
  const weekday = weekdayOf(todayDay);
  const daysIntoWeek = (weekday + 6) % 7;
  return daysIntoWeek >= 3 ? monday : monday - 7;
}

export function buildSprintTimeline(opts: {
  rng: SeededRandom;
  boardId: number;
  firstSprintId: number;
  closedCount: number;
  todayDay: number;
  name: (ordinal: number) => string;
  goal?: (ordinal: number) => string | undefined;
}): SprintTimeline {
  if (!Number.isInteger(opts.closedCount) || opts.closedCount < 0) throw new Error(`closedCount must be a whole number ≥ 0, got ${opts.closedCount}`);
  const todayStartMs = dayStartMs(opts.todayDay);
  const activeMonday = activeSprintStartDay(opts.todayDay);
  const total = opts.closedCount + 2;
  const all: SprintWindow[] = [];
  for (let index = 0; index < total; index++) {
    const ordinal = index + 1;
    const monday = activeMonday + (index - opts.closedCount) * SPRINT_DAYS;
    const state: SprintDef['state'] = index < opts.closedCount ? 'closed' : index === opts.closedCount ? 'active' : 'future';
    const startMs = at(monday, 10);
    const endMs = at(monday + 11, 16);
    const completeMs = state === 'closed' ? at(monday + 11, 16, opts.rng.int(5, 45)) : null;
    const sprint: SprintDef = {
      id: opts.firstSprintId + index,
      boardId: opts.boardId,
      name: opts.name(ordinal),
      state,
      startDate: jiraDateTime(startMs),
      endDate: jiraDateTime(endMs),
    };
    if (completeMs !== null) sprint.completeDate = jiraDateTime(completeMs);
    const goal = opts.goal?.(ordinal);
    if (goal) sprint.goal = goal;
    const workEndMs = state === 'closed' ? (completeMs as number) : state === 'active' ? todayStartMs : startMs;
    all.push({ sprint, startMs, endMs, completeMs, workEndMs });
  }
  return { closed: all.slice(0, opts.closedCount), active: all[opts.closedCount], future: all[opts.closedCount + 1], all };
}

/**
 * The small shapes every part of the report model shares (model.ts, planModel.ts): an issue named
 * by key, a capped list and a low–high range. Type-only, like model.ts.
 */
export interface IssueRef {
  key: string;
  summary: string;
  points?: number;
}

/** A list capped to a few items; `total` is always the exact count and `jql` finds them all in Jira. */
export interface BoundedList<T> {
  items: T[];
  total: number;
  jql?: string;
}

export interface Range {
  low: number;
  high: number;
}

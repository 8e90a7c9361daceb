/**
 * Jira's offset paging (`startAt`, `maxResults` -> `{ values, isLast, total }`), bounded: the
 * caller says how many items it can use, and learns whether more existed.
 */

export interface OffsetPage<T> {
  values: T[];
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
}

export interface Collected<T> {
  items: T[];
  /** True when Jira had more than `maxItems`. */
  truncated: boolean;
}

export async function collectOffsetPages<T>(
  fetchPage: (startAt: number, maxResults: number) => Promise<OffsetPage<T>>,
  opts: { pageSize: number; maxItems: number },
): Promise<Collected<T>> {
  const items: T[] = [];
  let startAt = 0;
  // The page count is bounded by maxItems / pageSize (+1 to learn whether more exist).
  const maxPages = Math.ceil(opts.maxItems / opts.pageSize) + 1;
  for (let page = 0; page < maxPages; page += 1) {
    const size = Math.min(opts.pageSize, opts.maxItems + 1 - items.length);
    const answer = await fetchPage(startAt, size);
    const values = Array.isArray(answer.values) ? answer.values : [];
    items.push(...values);
    if (items.length > opts.maxItems) return { items: items.slice(0, opts.maxItems), truncated: true };
    const reachedEnd =
      answer.isLast === true || values.length === 0 || (typeof answer.total === 'number' && startAt + values.length >= answer.total);
    if (reachedEnd) return { items, truncated: false };
    startAt += values.length;
  }
  return { items: items.slice(0, opts.maxItems), truncated: true };
}

/**
 * Reading a Forge KVS entity index page by page, bounded: what every store's "list up to N" does.
 */
import type { ListResult, Result } from '@forge/kvs';

/** The part of a KVS entity query (`kvs.entity(…).query().index(…)`) a paged read uses. */
interface EntityQuery<T> {
  limit(limit: number): EntityQuery<T>;
  cursor(cursor: string): EntityQuery<T>;
  getMany(): Promise<ListResult<T>>;
}

/**
 * The results of `query()` that `keep` accepts (default: all), in the index's order, up to `max`;
 * `truncated` when the index holds more. Pages ask for at most 100 (the store's limit) and no more
 * than one past what is still wanted (that one says whether more exist); at most max/100 + 1 pages,
 * so `keep` may pass over a few records (a scope's defaults record), not most of the index.
 */
export async function collectIndexPages<T>(query: () => EntityQuery<T>, max: number, keep: (result: Result<T>) => boolean = () => true): Promise<{ results: Result<T>[]; truncated: boolean }> {
  const results: Result<T>[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < Math.ceil(max / 100) + 1; page += 1) {
    let request = query().limit(Math.min(100, max - results.length + 1));
    if (cursor) request = request.cursor(cursor);
    const answer = await request.getMany();
    for (const result of answer.results) {
      if (!keep(result)) continue;
      if (results.length >= max) return { results, truncated: true };
      results.push(result);
    }
    if (!answer.nextCursor) return { results, truncated: false };
    cursor = answer.nextCursor;
  }
  return { results, truncated: true };
}

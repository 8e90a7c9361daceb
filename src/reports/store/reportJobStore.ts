/**
 * Report jobs: a report too large for one resolver call is gathered by a queue consumer in
 * chunks (src/reports/events/reportJob.ts). Between chunks, what it has gathered lives here:
 * - `report-job:<id>`: the job record (who asked, for what, status, progress, the small cursor);
 * - `report-job:<id>:part:<n>`: the gathered lists, each part well under the KVS value limit
 *   (240 KiB). A list that only grew since the last chunk gets parts for its new items alone (the
 *   big ones — issues, worklogs — only grow, so writes stay linear in the project's size however
 *   many chunks there are); a list that shrank (a work queue) is written again whole;
 * - `report-job:<id>:result`: the finished model (bounded by the report builder).
 * Keys use ':' (KVS keys may not contain '/').
 */
import kvs from '@forge/kvs';
import { byteSize } from '../domain/bound';

export const JOB_PREFIX = 'report-job:';
/** Parts are cut at this many bytes of JSON (the value limit is 240 KiB; room for the envelope). */
export const PART_BYTES = 200 * 1024;
/** A cursor (everything but the growing lists) must stay this small: it travels in the job record. */
export const MAX_CURSOR_BYTES = 64 * 1024;
/** Every key of a job expires a day after its last write: a job abandoned half-way cleans itself up. */
const KEEP = { ttl: { value: 1, unit: 'DAYS' as const } };

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobProgress {
  /** Jira pages read so far. */
  pagesDone: number;
  /** Pages the reading is expected to take (from Jira's approximate counts; may grow as it learns). */
  pagesEstimated: number;
  /** What it is reading now, for people ("issues", "worklogs", "building the report"). */
  phase: string;
}

export interface ReportJob<Request = unknown> {
  id: string;
  projectKey: string;
  /** accountId of the person who started it; only they (with their role still held) read its status and result. */
  requestedBy: string;
  requestedAt: string;
  /** What the person asked for (the resolver's validated input) and which resolver answers with the result. */
  kind: string;
  request: Request;
  status: JobStatus;
  progress: JobProgress;
  /** Consumer invocations run so far. */
  chunks: number;
  updatedAt: string;
  /** The reading's state without its lists (those are in parts). */
  cursor?: unknown;
  /** Each list's stored item count and the parts holding it, in order; `parts` counts every part written. */
  stored?: StoredLists;
  /** Where the finished answer is (`report-job:<id>:result`), and a short summary of it. */
  result?: { summary: Record<string, unknown> };
  error?: { code: string; message: string };
}

export interface StoredLists {
  lists: Record<string, { count: number; parts: number[] }>;
  parts: number;
}

export const jobKey = (id: string): string => `${JOB_PREFIX}${id}`;
const partKey = (id: string, n: number): string => `${JOB_PREFIX}${id}:part:${n}`;
const resultKey = (id: string): string => `${JOB_PREFIX}${id}:result`;

export async function readJob<R = unknown>(id: string): Promise<ReportJob<R> | undefined> {
  const job = (await kvs.get(jobKey(id))) as ReportJob<R> | undefined;
  return job && job.id === id ? job : undefined;
}

export async function writeJob(job: ReportJob): Promise<void> {
  await kvs.set(jobKey(job.id), { ...job, updatedAt: new Date().toISOString() }, KEEP);
}

/** One stored part: items appended to the named list. */
interface Part {
  list: string;
  items: unknown[];
}

/** Splits items into parts of at most PART_BYTES of JSON (an item larger than that is a bug in the rows). */
export function cutParts(list: string, items: readonly unknown[]): Part[] {
  const parts: Part[] = [];
  let current: unknown[] = [];
  let size = 0;
  for (const item of items) {
    const itemBytes = byteSize(item) + 1;
    if (itemBytes > PART_BYTES) throw new Error(`A gathered ${list} row is ${itemBytes} bytes, more than a stored part may hold`);
    if (size + itemBytes > PART_BYTES && current.length > 0) {
      parts.push({ list, items: current });
      current = [];
      size = 0;
    }
    current.push(item);
    size += itemBytes;
  }
  if (current.length > 0) parts.push({ list, items: current });
  return parts;
}

/**
 * Splits a reading state into its lists (top-level arrays) and the rest (the cursor), writes what
 * changed in the lists as parts, and answers the job's new `cursor` and `stored`. A list that grew
 * is taken to keep its earlier items as they were (the reading appends); one that shrank is rewritten.
 */
export async function saveState(job: ReportJob, state: Record<string, unknown>): Promise<{ cursor: Record<string, unknown>; stored: StoredLists; dropped: number[] }> {
  const before: StoredLists = job.stored ?? { lists: {}, parts: 0 };
  const cursor: Record<string, unknown> = {};
  const lists: StoredLists['lists'] = {};
  const writes: { n: number; part: Part }[] = [];
  const dropped: number[] = [];
  let next = before.parts;
  for (const [name, value] of Object.entries(state)) {
    if (!Array.isArray(value)) {
      cursor[name] = value;
      continue;
    }
    const old = before.lists[name] ?? { count: 0, parts: [] };
    const grew = value.length >= old.count;
    const kept = grew ? old.parts : [];
    if (!grew) dropped.push(...old.parts);
    const fresh = cutParts(name, value.slice(grew ? old.count : 0)).map((part) => ({ n: next++, part }));
    writes.push(...fresh);
    lists[name] = { count: value.length, parts: [...kept, ...fresh.map((w) => w.n)] };
  }
  for (const [name, old] of Object.entries(before.lists)) if (!lists[name]) dropped.push(...old.parts);
  if (byteSize(cursor) > MAX_CURSOR_BYTES) throw new Error(`The report reading's cursor is ${Math.round(byteSize(cursor) / 1024)} KiB; keep growing data in lists`);
  // Parts first, then (by the caller) the record that names them: a chunk cut off between the two
  // leaves parts nobody names, under numbers the next chunk writes again.
  for (const { n, part } of writes) await kvs.set(partKey(job.id, n), part, KEEP);
  return { cursor, stored: { lists, parts: next }, dropped };
}

/** The reading state as saved: the cursor with its lists put back together, in order. */
export async function loadState(job: ReportJob): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = { ...((job.cursor as Record<string, unknown> | undefined) ?? {}) };
  for (const [name, { count, parts }] of Object.entries(job.stored?.lists ?? {})) {
    const items: unknown[] = [];
    for (const n of parts) {
      const part = (await kvs.get(partKey(job.id, n))) as Part | undefined;
      if (!part || part.list !== name || !Array.isArray(part.items)) throw new Error(`Part ${n} (${name}) of report job ${job.id} is missing`);
      items.push(...part.items);
    }
    if (items.length !== count) throw new Error(`Report job ${job.id} has ${items.length} of ${count} ${name} stored`);
    state[name] = items;
  }
  return state;
}

/** Deletes parts no list names any more. */
export async function deletePartNumbers(id: string, numbers: readonly number[]): Promise<void> {
  for (const n of numbers) await kvs.delete(partKey(id, n));
}

/** Drops every gathered part (once the report is built, or when the job fails). */
export async function deleteParts(job: ReportJob): Promise<void> {
  const named = Object.values(job.stored?.lists ?? {}).flatMap((l) => l.parts);
  await deletePartNumbers(job.id, named);
}

export async function saveResult(id: string, value: unknown): Promise<void> {
  await kvs.set(resultKey(id), value, KEEP);
}

export async function readResult<T>(id: string): Promise<T | undefined> {
  return (await kvs.get(resultKey(id))) as T | undefined;
}

/**
 * The in-process stand-in for Forge's async events service. `@forge/events` `Queue.push()` posts
 * `{ queueName, jobId, payload: PushEvent[], ... }` to `/webhook/queue/publish/...` (through
 * `__forge_fetch__` with `remote: 'stargate'`); the runtime hands it to `publish()`, which answers
 * 201 and delivers each event (after its `delayInSeconds`) to the consumer the app host registered.
 * A consumer that returns `InvocationError` (`{ _retry: true, retryOptions }`) or throws is retried,
 * with `retryContext`, up to MAX_RETRIES times, as Forge does. `getStats`/`cancel` answer the job APIs.
 * For tests: `deliveries` records what each delivery came to, `beforeDelivery` runs just before one
 * (to change the world at an exact point), and `failPublishes` makes the next N pushes fail as an
 * unavailable service would.
 */
import { randomUUID } from 'node:crypto';

export interface AsyncEvent {
  body: Record<string, unknown>;
  delayInSeconds?: number;
  concurrency?: { key: string; limit: number };
  queueName: string;
  jobId: string;
  eventId: string;
  retryContext?: { retryCount: number; retryReason: string; retryData?: unknown };
}

/** Runs one event through the app; resolves to the consumer's return value. */
export type QueueDelivery = (event: AsyncEvent) => Promise<unknown>;

interface Job {
  queueName: string;
  success: number;
  inProgress: number;
  failed: number;
  cancelled: boolean;
}

export const MAX_RETRIES = 4;
/** Deliveries remembered (newest kept): enough for any test, bounded for a long-running shell. */
const DELIVERY_LOG_LIMIT = 1_000;

/** What one delivery came to: the consumer answered (`ok`), asked for a retry, or threw. */
export interface DeliveryRecord {
  queueName: string;
  eventId: string;
  body: Record<string, unknown>;
  /** 0 for the first delivery, then 1, 2, … (retryContext.retryCount). */
  retryCount: number;
  outcome: 'ok' | 'retry' | 'threw';
  /** The consumer's return value (for `ok` and `retry`). */
  result?: unknown;
}

export class ForgeQueue {
  private delivery: QueueDelivery | null = null;
  private jobs = new Map<string, Job>();
  private waiting: AsyncEvent[] = [];
  private pending = new Set<Promise<void>>();
  private timers = new Set<NodeJS.Timeout>();
  /** Multiplies every delay (events' delayInSeconds, retryAfter); tests set 0. */
  delayScale = 1;
  /** Errors from consumers, newest last (the shell and tests read them). */
  readonly errors: { queueName: string; eventId: string; message: string }[] = [];
  /** Every delivery's outcome, oldest first (at most DELIVERY_LOG_LIMIT). */
  readonly deliveries: DeliveryRecord[] = [];
  /** Runs just before each delivery (tests: inject a fault at an exact chunk). */
  beforeDelivery: ((event: AsyncEvent) => void | Promise<void>) | null = null;
  /** The next N push requests answer 503, as the events service does when unavailable. */
  failPublishes = 0;

  /** Sets who runs events; events published before that are delivered now. */
  setDelivery(delivery: QueueDelivery | null): void {
    this.delivery = delivery;
    if (delivery) {
      const queued = this.waiting.splice(0);
      queued.forEach((e) => this.schedule(e, 0));
    }
  }

  /** Accepts a push request as `@forge/events` sends it; returns HTTP status and body. */
  publish(request: unknown): { status: number; body: unknown } {
    const req = request as { queueName?: unknown; jobId?: unknown; payload?: unknown };
    if (typeof req?.queueName !== 'string' || !/^[a-zA-Z0-9-_]+$/.test(req.queueName) || !Array.isArray(req.payload) || req.payload.length === 0) {
      return { status: 400, body: { message: 'Invalid push request: queueName and a non-empty payload are required' } };
    }
    if (this.failPublishes > 0) {
      this.failPublishes -= 1;
      return { status: 503, body: { message: 'The events service is unavailable; try again' } };
    }
    const jobId = typeof req.jobId === 'string' ? req.jobId : randomUUID();
    const job: Job = { queueName: req.queueName, success: 0, inProgress: req.payload.length, failed: 0, cancelled: false };
    this.jobs.set(jobId, job);
    for (const pushed of req.payload as AsyncEvent[]) {
      const event: AsyncEvent = { ...pushed, queueName: req.queueName, jobId, eventId: randomUUID() };
      this.schedule(event, (pushed.delayInSeconds ?? 0) * 1000);
    }
    return { status: 201, body: { jobId } };
  }

  getStats(request: unknown): { status: number; body?: unknown } {
    const job = this.jobs.get(String((request as { jobId?: unknown })?.jobId));
    if (!job) return { status: 404, body: { message: 'Job does not exist' } };
    return { status: 200, body: { success: job.success, inProgress: job.inProgress, failed: job.failed } };
  }

  cancel(request: unknown): { status: number; body?: unknown } {
    const job = this.jobs.get(String((request as { jobId?: unknown })?.jobId));
    if (!job) return { status: 404, body: { message: 'Job does not exist' } };
    job.cancelled = true;
    return { status: 204 };
  }

  /** Resolves when no event is waiting or running (a delivery may enqueue more; they are awaited too). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Drops timers (on shutdown). */
  close(): void {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }

  private schedule(event: AsyncEvent, delayMs: number): void {
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    this.pending.add(done);
    const finish = () => {
      this.pending.delete(done);
      release();
    };
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.run(event).finally(finish);
    }, Math.max(0, delayMs * this.delayScale));
    this.timers.add(timer);
  }

  private async run(event: AsyncEvent): Promise<void> {
    const job = this.jobs.get(event.jobId);
    if (job?.cancelled) {
      job.inProgress--;
      return;
    }
    if (!this.delivery) {
      this.waiting.push(event);
      return;
    }
    let retry: { retryAfter: number; retryReason: string; retryData?: unknown } | null = null;
    const attempts = event.retryContext?.retryCount ?? 0;
    const record: DeliveryRecord = { queueName: event.queueName, eventId: event.eventId, body: event.body, retryCount: attempts, outcome: 'ok' };
    try {
      await this.beforeDelivery?.(event);
      const result = (await this.delivery(event)) as { _retry?: boolean; retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } } | undefined;
      record.result = result;
      if (result && typeof result === 'object' && result._retry === true) {
        record.outcome = 'retry';
        retry = { retryAfter: result.retryOptions?.retryAfter ?? 1, retryReason: result.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST', retryData: result.retryOptions?.retryData };
      }
    } catch (e) {
      record.outcome = 'threw';
      this.errors.push({ queueName: event.queueName, eventId: event.eventId, message: (e as Error)?.message ?? String(e) });
      retry = { retryAfter: 1, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' };
    }
    this.deliveries.push(record);
    if (this.deliveries.length > DELIVERY_LOG_LIMIT) this.deliveries.splice(0, this.deliveries.length - DELIVERY_LOG_LIMIT);
    if (retry && attempts < MAX_RETRIES) {
      this.schedule({ ...event, retryContext: { retryCount: attempts + 1, retryReason: retry.retryReason, retryData: retry.retryData } }, retry.retryAfter * 1000);
      return;
    }
    if (job) {
      job.inProgress--;
      if (retry) job.failed++;
      else job.success++;
    }
  }
}

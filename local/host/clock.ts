/**
 * The local host's clock: the process's `Date`, which the app (`new Date()` in resolvers, triggers
 * and stores) and the Jira sandbox (created / updated times, changelog) read, set to another "now"
 * for a while. The demo's story plays what people did days ago at the time they did it, so every
 * rule runs as it would have then (an ask's due date is refused when it is in the past of the
 * clock, not of the calendar). Timers (`setTimeout`) keep real time; only the reading moves.
 */

const RealDate = Date;
let offsetMs = 0;

/** `Date` whose "now" (no-argument constructor, `Date()`, `Date.now()`) is the real time plus the clock's offset. */
function shiftedDate(): DateConstructor {
  function ClockDate(this: unknown, ...args: unknown[]): Date | string {
    // Called without `new`, Date answers the current time as a string.
    if (!new.target) return new RealDate(RealDate.now() + offsetMs).toString();
    if (args.length === 0) return Reflect.construct(RealDate, [RealDate.now() + offsetMs], new.target) as Date;
    return Reflect.construct(RealDate, args, new.target) as Date;
  }
  Object.setPrototypeOf(ClockDate, RealDate);
  ClockDate.prototype = RealDate.prototype;
  Object.defineProperty(ClockDate, 'now', { value: () => RealDate.now() + offsetMs, writable: true, configurable: true });
  // Dates made before the clock was installed (RealDate instances) are still Dates.
  Object.defineProperty(ClockDate, Symbol.hasInstance, { value: (v: unknown) => v instanceof RealDate });
  return ClockDate as unknown as DateConstructor;
}

let installed: DateConstructor | null = null;

/** Installs the settable clock as the global `Date` (once; until `resetClock`). */
function install(): void {
  if (installed && globalThis.Date === installed) return;
  installed = shiftedDate();
  globalThis.Date = installed;
}

/** Sets "now" to `at` (it then runs on from there in real time). */
export function setClock(at: Date | number): void {
  install();
  offsetMs = (typeof at === 'number' ? at : at.getTime()) - RealDate.now();
}

/** The real time again, and the real `Date` back. */
export function resetClock(): void {
  offsetMs = 0;
  if (installed && globalThis.Date === installed) globalThis.Date = RealDate;
  installed = null;
}

/** What the clock reads now (ms). */
export function clockNow(): number {
  return RealDate.now() + offsetMs;
}

/** The real time (ms), whatever the clock says. */
export function realNow(): number {
  return RealDate.now();
}

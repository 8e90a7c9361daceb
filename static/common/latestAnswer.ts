/**
 * Which answer a screen may still show when reads and writes of one thing overlap. Resolver
 * answers arrive in any order (a slow Jira call, a busy host), so an older read arriving last
 * would replace newer state: the link or message just made vanishes, a filter shows the previous
 * filter's rows. Only the latest read started may show its answer, and only until a later write's
 * answer was shown; a write's answer (what the server holds after the write) beats every read
 * started before it arrived.
 */
import { useState } from 'react';

/** One read or write in flight. */
export interface Turn {
  /** When its answer has arrived: whether it may be shown. If it may, it is the one shown from now on. */
  claim(): boolean;
}

export class LatestAnswer {
  /** Counts reads started and write answers shown, in the order they happened. */
  private clock = 0;
  private latestRead = 0;
  /** The clock of the answer on screen. */
  private shown = 0;
  private latestWriteShown = 0;

  read(): Turn {
    const turn = ++this.clock;
    this.latestRead = turn;
    return {
      claim: () => {
        if (turn !== this.latestRead || turn < this.shown) return false;
        this.shown = turn;
        return true;
      },
    };
  }

  write(): Turn {
    const started = ++this.clock;
    return {
      claim: () => {
        // Two writes at once: the one started later holds the other's effect, or was refused.
        if (started < this.latestWriteShown) return false;
        this.latestWriteShown = started;
        this.shown = ++this.clock;
        return true;
      },
    };
  }
}

/** A LatestAnswer for the life of a component: one per thing it reads (a list, a view). */
export function useLatestAnswer(): LatestAnswer {
  const [latest] = useState(() => new LatestAnswer());
  return latest;
}

/**
 * For the concurrency tests: Forge storage answers over the network, a few milliseconds a call,
 * while the local KVS answers at once — so two invocations would never overlap between reading a
 * record and writing it. `storageLatency` gives every storage call a random delay (seeded, so runs
 * repeat), opening the same window a deployed app has.
 */
import type { TestHost } from '../../local/host/testing';
import { refused, type Answer } from './support';

type Fetch = (path: string, init?: { method?: string; body?: unknown }) => Promise<Response>;

/** Delays every storage call by 1..maxMs ms; answers a function that removes the delay. */
export function storageLatency(host: TestHost, maxMs = 12, seed = 7): () => void {
  const kvs = host.kvs as unknown as { fetch: Fetch };
  const original = kvs.fetch;
  let state = seed;
  const next = () => {
    // A small LCG: deterministic, spread enough for interleaving.
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return 1 + (state % maxMs);
  };
  kvs.fetch = async (path, init) => {
    await new Promise((resolve) => setTimeout(resolve, next()));
    return original.call(kvs, path, init);
  };
  return () => {
    kvs.fetch = original;
  };
}

/** Splits answers into OK and CONFLICT; any other answer fails the test. */
export function outcomes(answers: Answer[]): { landed: number[]; conflicted: number[] } {
  const landed: number[] = [];
  const conflicted: number[] = [];
  answers.forEach((answer, i) => {
    if (answer.ok) landed.push(i);
    else {
      refused(answer, 'CONFLICT');
      conflicted.push(i);
    }
  });
  return { landed, conflicted };
}

/**
 * A small seeded pseudo-random generator (mulberry32) so the demo and generated sites are
 * identical for the same inputs. Never use Math.random in site building.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`SeededRandom needs a finite seed, got ${seed}`);
    this.state = Math.trunc(seed) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    if (max < min) throw new Error(`SeededRandom.int: empty range [${min}, ${max}]`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('SeededRandom.pick: no items to pick from');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by relative weight: `weighted([['a', 3], ['b', 1]])` gives 'a' three times as often. */
  weighted<T>(options: ReadonlyArray<readonly [T, number]>): T {
    const total = options.reduce((sum, [, w]) => sum + w, 0);
    if (!(total > 0)) throw new Error('SeededRandom.weighted: weights must add up to more than 0');
    let roll = this.next() * total;
    for (const [value, weight] of options) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return options[options.length - 1][0];
  }

  /** `count` sorted values uniform in [min, max). */
  sortedUniform(count: number, min: number, max: number): number[] {
    const values: number[] = [];
    for (let i = 0; i < count; i++) values.push(min + this.next() * (max - min));
    return values.sort((a, b) => a - b);
  }
}

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same inputs on
 * every machine, so a failing run can be replayed from its printed seed.
 */
export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** A pick where each item has a weight (for operations some of which should be rarer). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return items[items.length - 1][0];
  }
}

/** A seed from the environment (decimal or 0x hex), or a fresh one. */
export function seedFrom(env: string | undefined): number {
  if (env !== undefined && env.trim() !== '') {
    const n = Number(env.trim());
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`MICROVM_LINT_FUZZ_SEED must be an integer 0..4294967295, got "${env}"`);
    return n;
  }
  return (Date.now() ^ (process.pid << 16) ^ Math.floor(Math.random() * 0xffffffff)) >>> 0;
}

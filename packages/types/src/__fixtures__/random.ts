/**
 * The tests' one seeded pseudo-random generator (mulberry32), shared by every package's tests: a
 * failing run replays from its seed, and the same seed gives the same sequence everywhere.
 * It lives in the lowest package because it depends on nothing.
 */

/** A generator of floats in [0, 1) from `seed`. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws built on `seeded(seed)`: integers, picks, bytes and text, all from the one sequence. */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One of `items` (which must not be empty). */
  pick<T>(items: readonly T[]): T;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
  /** `n` characters drawn from `alphabet`. */
  text(n: number, alphabet: string): string;
}

/** A `Prng` over `seeded(seed)`. */
export function prng(seed: number): Prng {
  const next = seeded(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(0, 255));
  const text = (n: number, alphabet: string): string =>
    Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join('');
  return { next, int, pick, bytes, text };
}

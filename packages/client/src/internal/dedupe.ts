/**
 * Keys seen within a time window: each is remembered for `ttl` milliseconds after it was first
 * seen, and never forgotten sooner. At most `capacity` keys are held; when that many are still
 * inside the window, a new key is not recorded and `check` answers `'full'` (the caller refuses
 * it, so that nothing it must remember is ever evicted). A Map keeps insertion order, so the
 * oldest keys come first for expiry.
 */
export class SeenKeys {
  readonly #seen = new Map<string, number>();
  readonly #ttl: number;
  readonly #capacity: number;
  readonly #now: () => number;

  constructor(ttl: number, capacity: number, now: () => number) {
    this.#ttl = ttl;
    this.#capacity = capacity;
    this.#now = now;
  }

  /** `'seen'` if `key` was seen within the window, `'new'` (and recorded), or `'full'`. */
  check(key: string): 'seen' | 'new' | 'full' {
    const now = this.#now();
    for (const [oldest, at] of this.#seen) {
      if (now - at < this.#ttl) break;
      this.#seen.delete(oldest);
    }
    if (this.#seen.has(key)) return 'seen';
    if (this.#seen.size >= this.#capacity) return 'full';
    this.#seen.set(key, now);
    return 'new';
  }
}

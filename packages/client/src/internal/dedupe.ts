/**
 * Keys seen within a time window, bounded in size: remembers at most `capacity` keys and forgets
 * each `ttl` milliseconds after it was first seen. A Map keeps insertion order, so the oldest keys
 * come first both for expiry and for eviction.
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

  /** True if `key` was seen within the window; records it otherwise. */
  check(key: string): boolean {
    const now = this.#now();
    for (const [oldest, at] of this.#seen) {
      if (now - at < this.#ttl) break;
      this.#seen.delete(oldest);
    }
    if (this.#seen.has(key)) return true;
    if (this.#seen.size >= this.#capacity) {
      const oldest = this.#seen.keys().next();
      if (oldest.done !== true) this.#seen.delete(oldest.value);
    }
    this.#seen.set(key, now);
    return false;
  }
}

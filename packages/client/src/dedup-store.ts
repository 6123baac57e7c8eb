/**
 * Where `KfConsumer` remembers which messages were handled, so that each `msgid` reaches the handler
 * once even when a page is pulled again (after a crash before its cursor was saved, or a failed
 * pull). Entries live `ttl` milliseconds (default 3 days, the `sync_msg` retention).
 *
 * Async and shaped for a shared store: in Redis, `has` is `EXISTS key` and `setIfAbsent` is
 * `SET key 1 NX PX ttl` (returning whether it was set). Keys look like `<open_kfid>:<msgid>`;
 * prefix them in your implementation if one store serves several corps or environments.
 */
export interface DedupStore {
  /** Whether `key` was recorded and has not expired. */
  has(key: string): Promise<boolean>;
  /** Records `key` for `ttl` milliseconds unless it is there already; `true` when it was added. */
  setIfAbsent(key: string, ttl: number): Promise<boolean>;
  /**
   * Optional: `has` for many keys in one round trip (Redis `MGET`), in their order. The consumer
   * asks it once per page, so a shared store costs a round trip per page, not per message.
   */
  hasMany?(keys: readonly string[]): Promise<boolean[]>;
}

/** The default {@link DedupStore}: keys in this process's memory, forgotten after their TTL. */
export class InMemoryDedupStore implements DedupStore {
  readonly #expiry = new Map<string, number>();
  readonly #now: () => number;

  /** `now` is the clock in epoch milliseconds; default `Date.now`. */
  constructor(options: { readonly now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Whether `key` was recorded and has not expired. */
  async has(key: string): Promise<boolean> {
    const expiresAt = this.#expiry.get(key);
    return expiresAt !== undefined && expiresAt > this.#now();
  }

  /** Records `key` for `ttl` milliseconds unless present; `true` when it was added. */
  async setIfAbsent(key: string, ttl: number): Promise<boolean> {
    const now = this.#now();
    this.#sweep(now);
    const expiresAt = this.#expiry.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    // Re-insert so that the map stays ordered by insertion, which is expiry order for one TTL.
    this.#expiry.delete(key);
    this.#expiry.set(key, now + ttl);
    return true;
  }

  /** Drops expired keys from the oldest on, so memory stays bounded by the TTL's worth of messages. */
  #sweep(now: number): void {
    for (const [key, expiresAt] of this.#expiry) {
      if (expiresAt > now) break;
      this.#expiry.delete(key);
    }
  }
}

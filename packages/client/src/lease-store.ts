/**
 * A callback `Token` left for the replica that holds an account's lease, with the time it arrived
 * (epoch ms), so that the holder uses it while it is fresh.
 */
export interface KfLeftToken {
  readonly value: string;
  readonly receivedAt: number;
}

/** A lease granted by {@link LeaseStore.acquire}. */
export interface KfLeaseGrant {
  /**
   * The fencing token: it grows with every grant of the account's lease, so that a write made
   * under an older grant (a holder that stalled past its TTL) can be refused by the cursor store.
   */
  readonly fence: number;
  /** The newest `Token` a replica without the lease left for the holder, if any. */
  readonly token?: KfLeftToken;
}

/** What {@link LeaseStore.release} did. */
export interface KfLeaseRelease {
  /**
   * `true` when another replica left a "pull again" mark since the lease was granted: the mark is
   * taken with the release, and the caller pulls once more (acquiring the lease anew).
   */
  readonly again: boolean;
  /** The `Token` left with the mark, if any. */
  readonly token?: KfLeftToken;
}

/**
 * The per-account lease (租约) that lets several replicas of one bot share accounts: only the holder
 * of an account's lease pulls `sync_msg` for it. A replica that gets a notification while another
 * holds the lease leaves the `Token` and a "pull again" mark instead of pulling; the holder takes
 * the mark when it is done and pulls once more. A holder that dies loses the lease after `ttl`.
 *
 * `acquire` (take the lease, or leave the mark) and `release` (release and take the mark) must
 * each be atomic, so that a mark is never left between a holder's last look and its release. The
 * `@kf/redis` package implements it on Redis; {@link InMemoryLeaseStore} is the default.
 */
export interface LeaseStore {
  /**
   * Grants the lease on `open_kfid` to `owner` for `ttl` ms when nobody holds it. Otherwise leaves
   * a "pull again" mark (with `token`, if given) for the holder and resolves `undefined`.
   */
  acquire(
    open_kfid: string,
    owner: string,
    ttl: number,
    token?: KfLeftToken,
  ): Promise<KfLeaseGrant | undefined>;
  /** Extends the grant `fence` by `ttl` ms; `false` when it was lost (expired and taken, or released). */
  renew(open_kfid: string, fence: number, ttl: number): Promise<boolean>;
  /** Ends the grant `fence` and takes the "pull again" mark waiting for it, if any. */
  release(open_kfid: string, fence: number): Promise<KfLeaseRelease>;
}

interface Held {
  readonly fence: number;
  expiresAt: number;
}

/**
 * The default {@link LeaseStore}: leases in this process's memory. One consumer per process never
 * competes with itself (its pulls of an account never overlap), so it always gets the lease and
 * behaves as a consumer without a lease; several consumers of one process given the same instance
 * share accounts like replicas would.
 */
export class InMemoryLeaseStore implements LeaseStore {
  readonly #held = new Map<string, Held>();
  readonly #fences = new Map<string, number>();
  readonly #marks = new Map<string, { token: KfLeftToken | undefined }>();
  readonly #now: () => number;

  /** `now` is the clock in epoch milliseconds; default `Date.now`. */
  constructor(options: { readonly now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Grants the lease, or leaves the mark and resolves `undefined`. */
  async acquire(
    open_kfid: string,
    _owner: string,
    ttl: number,
    token?: KfLeftToken,
  ): Promise<KfLeaseGrant | undefined> {
    const held = this.#live(open_kfid);
    if (held !== undefined) {
      const mark = this.#marks.get(open_kfid);
      this.#marks.set(open_kfid, { token: newer(mark?.token, token) });
      return undefined;
    }
    const fence = (this.#fences.get(open_kfid) ?? 0) + 1;
    this.#fences.set(open_kfid, fence);
    this.#held.set(open_kfid, { fence, expiresAt: this.#now() + ttl });
    // A mark left for a holder that died is this grant's to honour: the pull about to start covers it.
    const left = newer(this.#marks.get(open_kfid)?.token, token);
    this.#marks.delete(open_kfid);
    return left === undefined ? { fence } : { fence, token: left };
  }

  /** Extends the grant; `false` when it was lost. */
  async renew(open_kfid: string, fence: number, ttl: number): Promise<boolean> {
    const held = this.#live(open_kfid);
    if (held === undefined) {
      // Expired but nobody took it since: the grant is still the newest, so it may be renewed.
      if (this.#fences.get(open_kfid) !== fence) return false;
      this.#held.set(open_kfid, { fence, expiresAt: this.#now() + ttl });
      return true;
    }
    if (held.fence !== fence) return false;
    held.expiresAt = this.#now() + ttl;
    return true;
  }

  /** Releases the grant and takes a waiting mark. */
  async release(open_kfid: string, fence: number): Promise<KfLeaseRelease> {
    const held = this.#live(open_kfid);
    if (held !== undefined && held.fence !== fence) return { again: false };
    this.#held.delete(open_kfid);
    const mark = this.#marks.get(open_kfid);
    if (mark === undefined) return { again: false };
    this.#marks.delete(open_kfid);
    return mark.token === undefined ? { again: true } : { again: true, token: mark.token };
  }

  /** Whether the grant `fence` is the current one of `open_kfid` (for a fenced cursor write). */
  holds(open_kfid: string, fence: number): boolean {
    return this.#live(open_kfid)?.fence === fence;
  }

  #live(open_kfid: string): Held | undefined {
    const held = this.#held.get(open_kfid);
    if (held === undefined) return undefined;
    if (held.expiresAt > this.#now()) return held;
    this.#held.delete(open_kfid);
    return undefined;
  }
}

function newer(a: KfLeftToken | undefined, b: KfLeftToken | undefined): KfLeftToken | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.receivedAt >= a.receivedAt ? b : a;
}

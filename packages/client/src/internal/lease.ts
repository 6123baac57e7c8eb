import type { CursorStore } from '../cursor-store.js';
import { KfConsumerError } from '../errors.js';
import type { KfLeaseGrant, KfLeftToken, LeaseStore } from '../lease-store.js';
import type { Log } from './log.js';

/** What an {@link AccountLease} needs. */
export interface AccountLeaseInit {
  readonly open_kfid: string;
  readonly store: LeaseStore;
  /** This consumer's id in the lease (random per process). */
  readonly owner: string;
  readonly ttl: number;
  readonly log: Log;
}

/**
 * One account's lease as its pump uses it: taken before a pull, renewed in the background while the
 * pull runs (every third of the TTL, on a timer of its own so that a slow handler keeps it too), and
 * given back after; the cursor is written under the grant's fence.
 *
 * Kept out of the pump so that the pump calls it in four places: {@link acquire},
 * {@link assertHeld}, {@link saveCursor} and {@link release}.
 */
export class AccountLease {
  readonly #init: AccountLeaseInit;
  #grant: KfLeaseGrant | undefined;
  #renewer: ReturnType<typeof setInterval> | undefined;
  #lost = false;

  constructor(init: AccountLeaseInit) {
    this.#init = init;
  }

  /**
   * Takes the lease for one pull; `undefined` when another replica holds it (the `token` and a
   * "pull again" mark were left for it). Store failures become `KfConsumerError('lease_store')`.
   */
  async acquire(token: KfLeftToken | undefined): Promise<KfLeaseGrant | undefined> {
    const { open_kfid, store, owner, ttl } = this.#init;
    const grant = await this.#call(() => store.acquire(open_kfid, owner, ttl, token));
    if (grant === undefined) {
      this.#init.log.debug(`another replica holds the lease of ${open_kfid}; left it a pull-again mark`);
      return undefined;
    }
    this.#grant = grant;
    this.#lost = false;
    this.#renewer = setInterval(() => this.#renew(grant.fence), Math.max(1, Math.floor(ttl / 3)));
    this.#renewer.unref?.();
    return grant;
  }

  /** Throws `KfConsumerError('lease_lost')` once a renewal found the lease taken by another replica. */
  assertHeld(): void {
    if (this.#lost) throw this.#lostError();
  }

  /** Saves the cursor under the grant's fence; a refused write throws `KfConsumerError('lease_lost')`. */
  async saveCursor(cursorStore: CursorStore, cursor: string): Promise<void> {
    const grant = this.#grant;
    const { open_kfid } = this.#init;
    if (grant === undefined || cursorStore.setFenced === undefined) {
      await cursorStore.set(open_kfid, cursor);
      return;
    }
    if (!(await cursorStore.setFenced(open_kfid, cursor, grant.fence))) {
      this.#lost = true;
      throw this.#lostError();
    }
  }

  /**
   * Gives the lease back after a pull; `true` when a "pull again" mark was waiting (the caller
   * pulls again). The mark's Token goes to `onToken`.
   */
  async release(onToken: (token: KfLeftToken) => void): Promise<boolean> {
    const grant = this.#grant;
    this.#grant = undefined;
    clearInterval(this.#renewer);
    this.#renewer = undefined;
    if (grant === undefined || this.#lost) return false;
    const { open_kfid, store } = this.#init;
    const result = await this.#call(() => store.release(open_kfid, grant.fence));
    if (result.token !== undefined) onToken(result.token);
    return result.again;
  }

  #renew(fence: number): void {
    const { open_kfid, store, ttl, log } = this.#init;
    store.renew(open_kfid, fence, ttl).then(
      (held) => {
        if (held || this.#grant?.fence !== fence) return;
        this.#lost = true;
        log.warn(`the lease of ${open_kfid} was lost during a pull; the pull stops`);
      },
      () => {
        // The store is unreachable: the fenced cursor write decides whether this pull counts.
        log.warn(`renewing the lease of ${open_kfid} failed`);
      },
    );
  }

  #lostError(): KfConsumerError {
    const { open_kfid } = this.#init;
    return new KfConsumerError({
      reason: 'lease_lost',
      message: `the lease of ${open_kfid} passed to another replica during the pull; it goes on from the saved cursor`,
      open_kfid,
    });
  }

  async #call<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      throw new KfConsumerError({
        reason: 'lease_store',
        message: `the lease store failed for ${this.#init.open_kfid}`,
        open_kfid: this.#init.open_kfid,
        cause,
      });
    }
  }
}

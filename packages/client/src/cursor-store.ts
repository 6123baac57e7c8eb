import type { LeaseStore } from './lease-store.js';

/**
 * Where `KfConsumer` keeps each account's `sync_msg` cursor (the last saved `next_cursor`), so that
 * a restart resumes where the last fully handled page ended. Async, so a shared store (Redis, a
 * database row per account) can implement it: `get` → `GET`, `set` → `SET`.
 *
 * The key is the `open_kfid`; prefix it in your implementation if one store serves several corps
 * or environments.
 */
export interface CursorStore {
  /** The saved cursor of the account, or `undefined` before its first saved page. */
  get(open_kfid: string): Promise<string | undefined>;
  /** Saves the cursor of the account, replacing the previous one. */
  set(open_kfid: string, cursor: string): Promise<void>;
  /**
   * Optional, for a store shared by replicas under a {@link LeaseStore}: saves the cursor only while
   * the lease grant `fence` is the account's current one, atomically with that check, and resolves
   * whether it did. A replica that stalled past its lease (a GC pause, a partition) then cannot
   * write its cursor over the newer one of the replica that took over. Without it, `set` is used.
   */
  setFenced?(open_kfid: string, cursor: string, fence: number): Promise<boolean>;
}

/** The default {@link CursorStore}: a map in this process's memory (lost on restart). */
export class InMemoryCursorStore implements CursorStore {
  readonly #cursors = new Map<string, string>();

  /** The saved cursor of the account, or `undefined`. */
  async get(open_kfid: string): Promise<string | undefined> {
    return this.#cursors.get(open_kfid);
  }

  /** Saves the cursor of the account. */
  async set(open_kfid: string, cursor: string): Promise<void> {
    this.#cursors.set(open_kfid, cursor);
  }
}

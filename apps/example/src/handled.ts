/** The msgids were not all handled in time. */
export class NotHandledError extends Error {
  override readonly name = 'NotHandledError';
  /** The msgids still waiting. */
  readonly missing: readonly string[];

  constructor(missing: readonly string[], timeoutMs: number) {
    super(
      `the bot did not handle ${missing.length} message(s) within ${timeoutMs} ms (msgid ${missing.join(', ')}): ` +
        'is the callback URL reachable, and did the pull succeed?',
    );
    this.missing = missing;
  }
}

interface Waiter {
  readonly pending: Set<string>;
  readonly resolve: () => void;
}

/**
 * Which messages the bot has handled, so a script or a test can wait for "everything the platform
 * has sent so far is done" without polling: the service reports each msgid (its `onHandled`), and
 * {@link HandledMessages.waitFor} resolves the moment the last awaited one arrives.
 */
export class HandledMessages {
  readonly #seen = new Set<string>();
  readonly #waiters = new Set<Waiter>();

  /** Records a handled message and wakes whoever waited for it. */
  add(msgid: string): void {
    this.#seen.add(msgid);
    for (const waiter of this.#waiters) {
      waiter.pending.delete(msgid);
      if (waiter.pending.size === 0) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Whether the message was handled. */
  has(msgid: string): boolean {
    return this.#seen.has(msgid);
  }

  /**
   * Resolves once every msgid in `msgids` was handled; rejects with {@link NotHandledError} naming
   * the missing ones after `timeoutMs`.
   */
  waitFor(msgids: Iterable<string>, timeoutMs: number): Promise<void> {
    const pending = new Set([...msgids].filter((msgid) => !this.#seen.has(msgid)));
    if (pending.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new NotHandledError([...pending], timeoutMs));
      }, timeoutMs);
      const waiter: Waiter = {
        pending,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.#waiters.add(waiter);
    });
  }
}

import type { DedupStore } from '../dedup-store.js';

/**
 * The handled-msgid marks of one account's pulls, batched per page: one look-up for the whole page
 * before its messages are handed over (`hasMany` when the store has it), and each mark sent as soon
 * as its handler returned without waiting for the answer, so a shared store costs a few round trips
 * per page rather than two per message. `flush` waits for the marks before the page's cursor is saved.
 *
 * A mark the store failed to record is remembered here (`#unmarked`) and written again before the
 * next page: a message handled by this process is never handed over again by it because the store
 * was down when it was done.
 */
export class HandledMarks {
  readonly #store: DedupStore;
  readonly #ttl: number;
  /** The current page's answer of the store, per key. */
  #known = new Map<string, boolean>();
  readonly #unmarked = new Set<string>();
  #inflight: Promise<void>[] = [];
  #failure: { readonly error: unknown } | undefined;

  constructor(store: DedupStore, ttl: number) {
    this.#store = store;
    this.#ttl = ttl;
  }

  /** Looks up the keys of a page (and writes the marks the store missed before); throws its failure. */
  async prefetch(keys: readonly string[]): Promise<void> {
    for (const key of [...this.#unmarked]) {
      await this.#store.setIfAbsent(key, this.#ttl);
      this.#unmarked.delete(key);
    }
    const unique = [...new Set(keys)];
    const found =
      this.#store.hasMany !== undefined
        ? await this.#store.hasMany(unique)
        : await Promise.all(unique.map((key) => this.#store.has(key)));
    this.#known = new Map(unique.map((key, i) => [key, found[i] === true]));
  }

  /** Whether `key` was handled: by the store's answer for this page, or by this process. */
  handled(key: string): boolean {
    return this.#known.get(key) === true || this.#unmarked.has(key);
  }

  /** Records `key` as handled; the store's answer is awaited by {@link flush}. */
  mark(key: string): void {
    this.#known.set(key, true);
    this.#inflight.push(
      this.#store.setIfAbsent(key, this.#ttl).then(
        () => {},
        (error: unknown) => {
          this.#unmarked.add(key);
          this.#failure ??= { error };
        },
      ),
    );
  }

  /** Waits for the marks sent so far; throws the first failure among them. */
  async flush(): Promise<void> {
    const inflight = this.#inflight;
    this.#inflight = [];
    await Promise.all(inflight);
    const failure = this.#failure;
    this.#failure = undefined;
    if (failure !== undefined) throw failure.error;
  }
}

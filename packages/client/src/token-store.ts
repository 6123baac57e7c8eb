/** An access token as a {@link TokenStore} keeps it. */
export interface KfStoredToken {
  /** The token (at most 512 bytes). */
  readonly accessToken: string;
  /** When the platform said it expires, in epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * Where access tokens are cached, so that many processes can share one token (the platform rate
 * limits `gettoken`). Every method is async so a shared store (Redis, a database) can implement it:
 * `set` may use `expiresAt` as the entry's TTL; `delete` is called when the platform refused the
 * token, after the client checked that the stored token is the refused one.
 *
 * The key is derived from the corp id and a hash of the secret; it never contains the secret.
 */
export interface TokenStore {
  /** The token stored under `key`, or `undefined`. */
  get(key: string): Promise<KfStoredToken | undefined>;
  /** Stores `token` under `key`, replacing any previous one. */
  set(key: string, token: KfStoredToken): Promise<void>;
  /** Removes the token stored under `key`. */
  delete(key: string): Promise<void>;
  /**
   * Optional, for a store shared by several processes: takes the refresh lock of `key` for `ttl`
   * ms and resolves its release function, or `undefined` while another process holds it. The
   * holder calls `gettoken` and stores the token; the others wait for it in the store, so N
   * processes with a cold cache make one `gettoken` between them (the platform rate limits it).
   */
  lock?(key: string, ttl: number): Promise<(() => Promise<void>) | undefined>;
}

/** The default {@link TokenStore}: a map in this process's memory. */
export class InMemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, KfStoredToken>();

  /** The token stored under `key`, or `undefined`. */
  async get(key: string): Promise<KfStoredToken | undefined> {
    return this.#tokens.get(key);
  }

  /** Stores `token` under `key`. */
  async set(key: string, token: KfStoredToken): Promise<void> {
    this.#tokens.set(key, token);
  }

  /** Removes the token stored under `key`. */
  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }
}

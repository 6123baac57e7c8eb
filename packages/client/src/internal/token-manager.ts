import { createHash } from 'node:crypto';
import { KfAbortError, KfConfigurationError, KfTokenStoreError } from '../errors.js';
import type { KfStoredToken, TokenStore } from '../token-store.js';
import type { Log } from './log.js';

/** What gettoken answered. */
export interface FetchedToken {
  readonly access_token: string;
  readonly expires_in: number;
}

/** What a {@link TokenManager} needs: the credentials, the store, the clock and the gettoken call. */
export interface TokenManagerInit {
  readonly corpId: string;
  readonly secret: string;
  readonly store: TokenStore;
  readonly now: () => number;
  readonly refreshMargin: number;
  readonly configErrorCooldown: number;
  readonly fetchToken: () => Promise<FetchedToken>;
  readonly log: Log;
}

/** How many recently used tokens are remembered for redaction. */
const REMEMBERED_TOKENS = 8;

/**
 * Access tokens per (corpId, secret): cached in the store (and in this process, so a shared store
 * is read only when the token is missing, stale or refused), refreshed `refreshMargin` before they
 * expire, fetched by one request however many calls wait for it (single flight).
 */
export class TokenManager {
  /** The store key: the corp id and a hash of the secret, so the secret is never written anywhere. */
  readonly key: string;
  readonly #init: TokenManagerInit;
  #inflight: Promise<string> | undefined;
  /** This process's copy, so that a shared store is read only when the token changes. */
  #local: KfStoredToken | undefined;
  #configFailure: { readonly error: KfConfigurationError; readonly until: number } | undefined;
  readonly #seen: string[] = [];

  constructor(init: TokenManagerInit) {
    this.#init = init;
    const digest = createHash('sha256').update(init.secret).digest('hex').slice(0, 16);
    this.key = `kf:access_token:${init.corpId}:${digest}`;
  }

  /** Tokens this manager has handed out recently, for redaction. */
  get recentTokens(): readonly string[] {
    return this.#seen;
  }

  /**
   * A valid token: from the store while it is fresh, otherwise from gettoken. Concurrent callers
   * share one gettoken. `signal` lets one caller stop waiting without cancelling the others' fetch.
   */
  async get(endpoint: string, signal?: AbortSignal): Promise<string> {
    const failure = this.#configFailure;
    if (failure !== undefined) {
      if (this.#init.now() < failure.until) throw failure.error;
      this.#configFailure = undefined;
    }
    if (this.#local !== undefined && this.#isFresh(this.#local)) return this.#local.accessToken;
    const stored = await this.#storeCall('get', () => this.#init.store.get(this.key));
    if (stored !== undefined && this.#isFresh(stored)) {
      this.#local = stored;
      this.#remember(stored.accessToken);
      return stored.accessToken;
    }
    this.#inflight ??= this.#refresh().finally(() => {
      this.#inflight = undefined;
    });
    return waitFor(this.#inflight, endpoint, signal);
  }

  /** Drops `token` after the platform refused it, unless another process already replaced it. */
  async invalidate(token: string): Promise<void> {
    if (this.#local?.accessToken === token) this.#local = undefined;
    const stored = await this.#storeCall('get', () => this.#init.store.get(this.key));
    if (stored?.accessToken === token)
      await this.#storeCall('delete', () => this.#init.store.delete(this.key));
  }

  async #refresh(): Promise<string> {
    let fetched: FetchedToken;
    try {
      fetched = await this.#init.fetchToken();
    } catch (error) {
      if (error instanceof KfConfigurationError) {
        this.#configFailure = { error, until: this.#init.now() + this.#init.configErrorCooldown };
      }
      throw error;
    }
    this.#remember(fetched.access_token);
    const token: KfStoredToken = {
      accessToken: fetched.access_token,
      expiresAt: this.#init.now() + fetched.expires_in * 1000,
    };
    this.#local = token;
    await this.#storeCall('set', () => this.#init.store.set(this.key, token));
    this.#init.log.info('fetched a new access token', {
      corpId: this.#init.corpId,
      expiresIn: fetched.expires_in,
    });
    return fetched.access_token;
  }

  #isFresh(token: KfStoredToken): boolean {
    return this.#init.now() < token.expiresAt - this.#init.refreshMargin;
  }

  #remember(token: string): void {
    if (this.#seen.includes(token)) return;
    this.#seen.push(token);
    if (this.#seen.length > REMEMBERED_TOKENS) this.#seen.shift();
  }

  async #storeCall<T>(operation: 'get' | 'set' | 'delete', run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw new KfTokenStoreError(operation, error);
    }
  }
}

/** `promise`, unless `signal` fires first (then `KfAbortError`; the promise runs on for others). */
function waitFor<T>(promise: Promise<T>, endpoint: string, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new KfAbortError(endpoint));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new KfAbortError(endpoint));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

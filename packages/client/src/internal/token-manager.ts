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
  /** Waits between looks into a shared store while another process refreshes. */
  readonly sleep: (ms: number) => Promise<void>;
}

/** How long another process may hold the refresh lock (a gettoken with its retries) before it is taken over. */
const LOCK_TTL = 10_000;
/** First wait of a process that finds the refresh lock taken; doubled up to {@link MAX_LOCK_POLL}. */
const FIRST_LOCK_POLL = 20;
const MAX_LOCK_POLL = 500;

/** How many recently used tokens are remembered for redaction. */
const REMEMBERED_TOKENS = 8;

/** This process's copy of the token and when to stop using it. */
interface LocalToken {
  readonly token: KfStoredToken;
  /** Epoch ms from which the token is no longer fresh (refreshed before use). */
  readonly refreshAt: number;
}

/**
 * Access tokens per (corpId, secret): cached in the store (and in this process, so a shared store
 * is read only when the token is missing, stale or refused), refreshed `refreshMargin` before they
 * expire, fetched by one request however many calls wait for it (single flight).
 *
 * A token fetched with a lifetime shorter than twice the margin (gettoken may answer the current
 * token with its remaining lifetime) is refreshed after half that lifetime instead, so that it is
 * used at all rather than fetched again by every call.
 */
export class TokenManager {
  /** The store key: the corp id and a hash of the secret, so the secret is never written anywhere. */
  readonly key: string;
  readonly #init: TokenManagerInit;
  #inflight: Promise<string> | undefined;
  /** How many refreshes have started; a caller compares it across its store read. */
  #generation = 0;
  /** The latest refresh, kept after it settled so that a caller whose store read overlapped it joins it. */
  #latest: Promise<string> | undefined;
  /** This process's copy, so that a shared store is read only when the token changes. */
  #local: LocalToken | undefined;
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
   * The cached token when it is fresh, synchronously, or `undefined` when {@link get} would have to
   * wait (store read or refresh). Throws the remembered configuration error during its cooldown,
   * like `get`. Lets the common case skip the per-call deadline machinery.
   */
  peek(): string | undefined {
    this.#checkConfigFailure();
    return this.#freshLocal();
  }

  /**
   * A valid token: from the store while it is fresh, otherwise from gettoken. Concurrent callers
   * share one gettoken. `signal` lets one caller stop waiting without cancelling the others' fetch.
   */
  async get(endpoint: string, signal?: AbortSignal): Promise<string> {
    this.#checkConfigFailure();
    const local = this.#freshLocal();
    if (local !== undefined) return local;
    if (signal?.aborted) throw new KfAbortError({ endpoint });
    const generation = this.#generation;
    // A slow shared store must not hold a caller past its own deadline either.
    const stored = await waitFor(
      this.#storeCall('get', () => this.#init.store.get(this.key)),
      endpoint,
      signal,
    );
    // The read may have overlapped a refresh: its result beats what the store said before it.
    const refreshed = this.#freshLocal();
    if (refreshed !== undefined) return refreshed;
    if (this.#generation !== generation && this.#latest !== undefined) {
      return waitFor(this.#latest, endpoint, signal);
    }
    this.#checkConfigFailure();
    if (stored !== undefined && this.#init.now() < stored.expiresAt - this.#init.refreshMargin) {
      this.#local = { token: stored, refreshAt: stored.expiresAt - this.#init.refreshMargin };
      this.#remember(stored.accessToken);
      return stored.accessToken;
    }
    if (this.#inflight === undefined) {
      this.#generation += 1;
      const stale = stored?.accessToken;
      const refresh = this.#refreshShared(stale).finally(() => {
        if (this.#inflight === refresh) this.#inflight = undefined;
      });
      this.#inflight = refresh;
      this.#latest = refresh;
      // A joiner may come only after it settled; the starter's await below handles its rejection.
      refresh.catch(() => {});
    }
    return waitFor(this.#inflight, endpoint, signal);
  }

  #checkConfigFailure(): void {
    const failure = this.#configFailure;
    if (failure === undefined) return;
    if (this.#init.now() < failure.until) throw failure.error;
    this.#configFailure = undefined;
  }

  #freshLocal(): string | undefined {
    const local = this.#local;
    return local !== undefined && this.#init.now() < local.refreshAt ? local.token.accessToken : undefined;
  }

  /** Drops `token` after the platform refused it, unless another process already replaced it. */
  async invalidate(token: string): Promise<void> {
    if (this.#local?.token.accessToken === token) this.#local = undefined;
    const stored = await this.#storeCall('get', () => this.#init.store.get(this.key));
    if (stored?.accessToken === token)
      await this.#storeCall('delete', () => this.#init.store.delete(this.key));
  }

  /**
   * A refresh coordinated with other processes through the store's lock, when it has one: the
   * lock holder fetches; the others look into the store until a token other than `stale` (the
   * one found stale or refused) appears. Bounded: past the lock's TTL a waiter fetches itself.
   */
  async #refreshShared(stale: string | undefined): Promise<string> {
    const store = this.#init.store;
    const lock = store.lock?.bind(store);
    if (lock === undefined) return this.#refresh();
    let waited = 0;
    for (let poll = FIRST_LOCK_POLL; waited < LOCK_TTL; poll = Math.min(poll * 2, MAX_LOCK_POLL)) {
      const release = await this.#storeCall('lock', () => lock(this.key, LOCK_TTL));
      if (release !== undefined) {
        try {
          // Another process may have stored a token between this one's look and its lock.
          return (
            this.#adoptStored(await this.#storeCall('get', () => store.get(this.key)), stale) ??
            (await this.#refresh())
          );
        } finally {
          // A failed release only delays the next refresh until the lock's TTL.
          await release().catch(() => this.#init.log.warn('releasing the token refresh lock failed'));
        }
      }
      await this.#init.sleep(poll);
      waited += poll;
      const adopted = this.#adoptStored(await this.#storeCall('get', () => store.get(this.key)), stale);
      if (adopted !== undefined) return adopted;
    }
    this.#init.log.warn('the token refresh lock was held too long by another process; fetching a token here');
    return this.#refresh();
  }

  /** Takes a token another process stored: a fresh one, or a new one (not `stale`) still valid. */
  #adoptStored(stored: KfStoredToken | undefined, stale: string | undefined): string | undefined {
    if (stored === undefined) return undefined;
    const now = this.#init.now();
    const fresh = now < stored.expiresAt - this.#init.refreshMargin;
    if (!fresh && (stored.accessToken === stale || now >= stored.expiresAt)) return undefined;
    const margin = Math.min(this.#init.refreshMargin, (stored.expiresAt - now) / 2);
    this.#local = { token: stored, refreshAt: stored.expiresAt - margin };
    this.#remember(stored.accessToken);
    return stored.accessToken;
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
    const now = this.#init.now();
    const lifetime = Math.max(0, fetched.expires_in * 1000);
    const token: KfStoredToken = { accessToken: fetched.access_token, expiresAt: now + lifetime };
    // The margin keeps a call from starting with a token about to expire; with a short lifetime
    // it would also keep the token from ever being used, and every call would ask gettoken.
    const margin = Math.min(this.#init.refreshMargin, lifetime / 2);
    this.#local = { token, refreshAt: token.expiresAt - margin };
    await this.#storeCall('set', () => this.#init.store.set(this.key, token));
    this.#init.log.info('fetched a new access token', {
      corpId: this.#init.corpId,
      expiresIn: fetched.expires_in,
    });
    return fetched.access_token;
  }

  #remember(token: string): void {
    if (this.#seen.includes(token)) return;
    this.#seen.push(token);
    if (this.#seen.length > REMEMBERED_TOKENS) this.#seen.shift();
  }

  async #storeCall<T>(operation: 'get' | 'set' | 'delete' | 'lock', run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      // Redacted with the secret and the recent tokens: a store's error may quote the token.
      throw new KfTokenStoreError({ operation, cause: error, secrets: [this.#init.secret, ...this.#seen] });
    }
  }
}

/** `promise`, unless `signal` fires first (then `KfAbortError`; the promise runs on for others). */
function waitFor<T>(promise: Promise<T>, endpoint: string, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(new KfAbortError({ endpoint }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new KfAbortError({ endpoint }));
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

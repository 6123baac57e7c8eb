import type { KfHooks } from './hooks.js';
import type { KfLogger, KfLogLevel } from './logger.js';
import type { TokenStore } from './token-store.js';

/**
 * What to do when a success response does not match its `@kf/types` schema:
 * - `'warn'` (default): log a warning and return the body as received. A harmless platform change
 *   (a new enum value, a field turned from number to string) must never break a production call.
 * - `'throw'`: throw `KfResponseValidationError` (for tests and staging).
 * - `'off'`: do not check.
 *
 * The envelope is not a schema detail: a 2xx body without an integer `errcode` (a string of
 * digits such as `"95001"` counts as that code) throws `KfResponseValidationError` in `'warn'`
 * and `'throw'`, and a non-2xx one `KfConnectionError` in every mode. `sendMsg`,
 * `sendMsgOnEvent` and gettoken are checked in every mode, `'off'` included, and a send's success
 * must carry its `msgid`.
 *
 * `sync_msg` items are parsed by `parseKfMsg` in every mode: one odd message becomes a
 * `KfUnknownMsg`, never a failed page.
 */
export type KfValidationMode = 'throw' | 'warn' | 'off';

/** Options of `new KfClient(...)`. Unknown or invalid options throw `KfInvalidOptionsError`. */
export interface KfClientOptions {
  /** 企业ID (corpid). */
  readonly corpId: string;
  /** The secret of the self-built app added to 「微信客服 - 可调用接口的应用」 (corpsecret). */
  readonly secret: string;
  /** Default `https://qyapi.weixin.qq.com`. Point it at a mock or a forward proxy. */
  readonly baseURL?: string;
  /** The `fetch` to use; default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Where access tokens are cached; default an {@link InMemoryTokenStore} of this client. */
  readonly tokenStore?: TokenStore;
  /**
   * Retries of a failed attempt (−1, network error, timeout, HTTP 5xx) on endpoints where a retry
   * cannot do harm; default 2, 0 turns retries off. At most 10.
   */
  readonly maxRetries?: number;
  /** Per-attempt timeout in milliseconds; default 30 000. */
  readonly timeout?: number;
  /**
   * Most bytes a JSON response may have, counted after decompression while it arrives; default
   * 8 MiB (8 388 608), at least 1 024. A larger body is abandoned unread with
   * `KfResponseTooLargeError` (never retried). `media.get` is bounded by the platform's own limit
   * instead (`MEDIA_GET_MAX_RANGE_BYTES`, 20 MB, or the asked range).
   */
  readonly maxResponseBytes?: number;
  /** Where to log; default nowhere. */
  readonly logger?: KfLogger;
  /** Lowest level passed to `logger`; default `'warn'`. */
  readonly logLevel?: KfLogLevel | 'off';
  /** Response validation mode; default `'warn'`. */
  readonly validateResponses?: KfValidationMode;
  /** Observability callbacks for every attempt. */
  readonly hooks?: KfHooks;
  /**
   * Refresh a cached access token this many milliseconds before it expires; default 300 000
   * (5 minutes), so that a call never starts with a token about to expire.
   */
  readonly tokenRefreshMargin?: number;
  /**
   * After gettoken reported a configuration error (wrong secret or corp id), fail calls at once
   * with the same error for this many milliseconds instead of asking again; default 60 000.
   * Repeated wrong secrets from one IP get that IP blocked for an hour.
   */
  readonly configErrorCooldown?: number;
  /** Clock in epoch milliseconds; default `Date.now`. For tests. */
  readonly now?: () => number;
  /** Waits between retries; default a timer that the call's signal cancels. For tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Random number in [0, 1) for backoff jitter; default `Math.random`. For tests. */
  readonly random?: () => number;
}

/**
 * The last argument of every call. Each option overrides the client's for this call only.
 */
export interface KfCallOptions {
  /** Per-attempt timeout in milliseconds. */
  readonly timeout?: number;
  /** Aborts the call (and any wait between retries) with `KfAbortError`. */
  readonly signal?: AbortSignal;
  /**
   * Retries for this call (0–10). It changes how often a retryable failure is retried, never
   * which calls are retried: endpoints that create something stay unretried after an ambiguous
   * failure unless {@link KfCallOptions.retryUnsafe} is also set.
   */
  readonly maxRetries?: number;
  /**
   * Also retry an ambiguous failure (network error, timeout, HTTP 5xx, −1) of a call that is not
   * safe to replay: `account.add`, `knowledge.addGroup`, `knowledge.addIntent`,
   * `serviceState.trans` and generic `kf.request` calls not declared idempotent. Default `false`:
   * a lost response may hide a success, and the replay may then create a second account, group
   * or Q&A (or be refused, for `serviceState.trans`, as an illegal transition, 95016). Set it
   * only when a duplicate is harmless or you de-duplicate yourself.
   *
   * Deletes (`account.del`, `knowledge.delGroup`, `knowledge.delIntent`) are retried without it,
   * as deleting twice leaves the same state. But when the first attempt's answer was lost after it
   * succeeded, the retry is answered "does not exist" (95004 for an account, 40058 or similar for
   * a knowledge group or Q&A) and that error is thrown as is: the client cannot tell "you already
   * deleted it" from "it never existed". Treat that code as success after an ambiguous failure
   * if that is what your application means.
   */
  readonly retryUnsafe?: boolean;
}

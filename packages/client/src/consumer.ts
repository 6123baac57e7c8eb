import type { KfCallbackEvent, KfMsg, SyncMsgRequest, SyncMsgResponse } from '@kf/types';
import type { KfCallbackContext } from './callback.js';
import type { CursorStore } from './cursor-store.js';
import type { DedupStore } from './dedup-store.js';
import { type KfConsumerError, type KfError, KfInvalidArgumentError } from './errors.js';
import { type ResolvedConsumerOptions, resolveConsumerOptions } from './internal/consumer-options.js';
import { Log } from './internal/log.js';
import { MessagePump } from './internal/pump.js';
import type { LeaseStore } from './lease-store.js';
import type { KfLogger, KfLogLevel } from './logger.js';

/** What the message handler gets besides the message. */
export interface KfConsumerContext {
  /** The kf account (客服账号) the message was pulled from. */
  readonly open_kfid: string;
  /** 1 on the first delivery of this message in this pull, 2… when redelivered after a failure. */
  readonly attempt: number;
}

/** Your code: called once per new message or event. A throw or rejection means "not handled". */
export type KfMessageHandler = (msg: KfMsg, context: KfConsumerContext) => void | Promise<void>;

/** What the consumer needs from a client: `sync_msg`. A `KfClient` is one. */
export interface KfSyncMsgSource {
  /** `POST /kf/sync_msg`, one page. */
  syncMsg(request: SyncMsgRequest): Promise<SyncMsgResponse>;
}

/** Options of {@link KfConsumer}. Unknown or invalid options throw `KfInvalidOptionsError`. */
export interface KfConsumerOptions {
  /** Called for each new message; see {@link KfMessageHandler}. */
  readonly handler: KfMessageHandler;
  /**
   * Accounts pulled at `start()` and on each poll. Others are added when a notification for
   * them arrives (or a `kf_account_auth_change` adds them).
   */
  readonly accounts?: readonly string[];
  /** Where cursors are saved; default an {@link InMemoryCursorStore} (a restart starts over). */
  readonly cursorStore?: CursorStore;
  /** Which msgids were handled; default an {@link InMemoryDedupStore}. */
  readonly dedupStore?: DedupStore;
  /** How long a handled msgid is remembered, in ms; default 259 200 000 (3 days, the retention). */
  readonly dedupTtl?: number;
  /**
   * The per-account lease that lets several replicas share accounts (only the holder pulls);
   * default an {@link InMemoryLeaseStore} (one process: always granted, as without a lease). With
   * several replicas, give every replica the same shared store (e.g. `@kf/redis`).
   */
  readonly leaseStore?: LeaseStore;
  /** How long a lease lasts unless renewed, in ms (renewed every third of it while pulling); default 30 000. */
  readonly leaseTtl?: number;
  /**
   * On an account's first pull in this process with no saved cursor, read every page without
   * handling it and save the last cursor: only messages arriving afterwards reach the handler.
   * Default `false` (the first pull hands over the last 3 days).
   */
  readonly skipHistory?: boolean;
  /** Calls of the handler per message and pull before giving up on it; default 3. */
  readonly maxAttempts?: number;
  /** Wait before the 2nd call of a failing handler, in ms, doubled for each further call; default 1000. */
  readonly redeliveryDelay?: number;
  /**
   * Called with a message the handler failed on `maxAttempts` times, before the consumer moves
   * on (the msgid is then marked handled and the cursor can advance). Park it somewhere. If it
   * throws, the message is kept: the pull fails and the message is delivered again on the next
   * pull. Without it, the failure goes to `onError` and the message is skipped.
   */
  readonly onDeadLetter?: (
    msg: KfMsg,
    error: KfConsumerError,
    context: KfConsumerContext,
  ) => void | Promise<void>;
  /**
   * Every failed pull (the `sync_msg` error as the client threw it, or a `KfConsumerError` for a
   * store or `onDeadLetter`); default: logged at `error`. The pull is retried on its own.
   */
  readonly onError?: (error: KfError, context: { readonly open_kfid: string }) => void;
  /**
   * Also pull every known account this often, in ms; default never (pull on notifications only).
   * Pulls without a callback Token are strictly rate limited by the platform: keep it ≥ 60 000.
   */
  readonly pollInterval?: number;
  /** After a failed pull, pull again after this long, in ms, doubled per failure; default 1000. */
  readonly retryDelay?: number;
  /** Longest wait between failed pulls, in ms; default 300 000. */
  readonly maxRetryDelay?: number;
  /** After 45009 / 45033, pull no sooner than this, in ms, doubled per repeat; default 60 000. */
  readonly rateLimitDelay?: number;
  /** Longest rate-limit pause, in ms; default 3 600 000. */
  readonly maxRateLimitDelay?: number;
  /** How long a callback Token is used after it arrived, in ms; default 600 000 (10 minutes). */
  readonly tokenTtl?: number;
  /** `limit` of each `sync_msg` call (1–1000); default the platform's (1000). */
  readonly limit?: number;
  /** `voice_format` of each `sync_msg` call: 0 AMR (default), 1 SILK. */
  readonly voice_format?: 0 | 1;
  /** Where to log; default nowhere. */
  readonly logger?: KfLogger;
  /** Lowest level passed to `logger`; default `'warn'`. */
  readonly logLevel?: KfLogLevel | 'off';
  /** Clock in epoch milliseconds; default `Date.now`. For tests. */
  readonly now?: () => number;
  /** Waits for redeliveries, retries and polls; default an unref'd timer the signal cancels. For tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Source of jitter for the retry and redelivery waits (a number in [0, 1)): each wait is
   * shortened by up to 25 % so that many consumers failing together do not retry in lockstep.
   * Default: no jitter (the waits are exactly `retryDelay`, 2 × `retryDelay`, ...); pass
   * `Math.random` to spread them. Rate-limit pauses are never shortened.
   */
  readonly random?: () => number;
}

/**
 * The message consumer (callback → `sync_msg` → your handler): one message pump per kf account.
 *
 * A notification (`kf_msg_or_event`, through {@link KfConsumer.onEvent} or
 * {@link KfConsumer.notify}), `start()` or a poll triggers a pull of that account. Pulls of one
 * account never overlap: triggers during a pull cause exactly one more pull after it. A pull
 * reads every page from the saved cursor while `has_more` (empty pages included), hands each
 * message whose msgid is not in the dedup store to the handler, marks it handled, and saves the
 * page's `next_cursor` once every message of the page is done.
 *
 * Delivery is at least once, de-duplicated by msgid: a message reaches the handler again only if
 * the process dies after the handler returned and before its msgid was recorded.
 *
 * @example
 * ```ts
 * const consumer = new KfConsumer(kf, { handler: async (msg, { open_kfid }) => reply(msg) });
 * const callback = createCallbackHandler({ token, encodingAESKey, corpId, onEvent: consumer.onEvent });
 * consumer.start();
 * ```
 */
export class KfConsumer {
  /**
   * The callback handler's `onEvent`: `kf_msg_or_event` triggers a pull of `OpenKfId` with its
   * `Token`; `kf_account_auth_change` adds and removes accounts; other events are ignored.
   * Bound, so `onEvent: consumer.onEvent` works.
   */
  readonly onEvent: (event: KfCallbackEvent, context?: KfCallbackContext) => void;
  readonly #client: KfSyncMsgSource;
  readonly #o: ResolvedConsumerOptions;
  readonly #log: Log;
  readonly #pumps = new Map<string, MessagePump>();
  /** This consumer's id in the account leases: unique per process and start-up. */
  readonly #owner = globalThis.crypto.randomUUID();
  #started = false;
  #poll: AbortController | undefined;

  /** Checks `options` at once; nothing is pulled before `start()`. */
  constructor(client: KfSyncMsgSource, options: KfConsumerOptions) {
    this.#o = resolveConsumerOptions(options);
    this.#client = client;
    // Messages never carry a Token; fields named `token` are redacted by Log anyway.
    this.#log = new Log(this.#o.logger, this.#o.logLevel, () => []);
    for (const open_kfid of this.#o.accounts) this.#pump(open_kfid);
    this.onEvent = (event, context) => this.#onEvent(event, context);
  }

  /** The accounts this consumer knows. */
  get accounts(): string[] {
    return [...this.#pumps.keys()];
  }

  /** Starts pulling: every known account once now, then on notifications (and polls). */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    for (const pump of this.#pumps.values()) {
      pump.resume();
      pump.trigger();
    }
    if (this.#o.pollInterval !== undefined) this.#startPolling(this.#o.pollInterval);
  }

  /**
   * Stops: no new pull starts, scheduled retries and polls are cancelled, and the returned
   * promise resolves once each in-flight page is handled and its cursor saved. `start()` again
   * resumes from the saved cursors.
   */
  async stop(): Promise<void> {
    this.#started = false;
    this.#poll?.abort();
    this.#poll = undefined;
    await Promise.all([...this.#pumps.values()].map((pump) => pump.stop()));
  }

  /**
   * New messages wait for `open_kfid`: pull it (after the running pull, if one runs). `token` is
   * the callback's `Token`, used while fresh; `receivedAt` (epoch ms) defaults to now. Before
   * `start()` the account and Token are remembered and pulled at `start()`. Throws
   * `KfInvalidOptionsError` for an empty `open_kfid`.
   */
  notify(open_kfid: string, token?: string, receivedAt?: number): void {
    if (typeof open_kfid !== 'string' || open_kfid === '') {
      throw new KfInvalidArgumentError({
        issues: [{ path: ['open_kfid'], message: 'must be a non-empty string' }],
        subject: 'notify arguments',
      });
    }
    const pump = this.#pump(open_kfid);
    if (token !== undefined && token !== '') pump.setToken(token, receivedAt ?? this.#o.now());
    pump.trigger();
  }

  /** Resolves when no pull is running on any account (scheduled retries do not count). */
  async idle(): Promise<void> {
    while ([...this.#pumps.values()].some((pump) => pump.busy)) {
      await Promise.all([...this.#pumps.values()].map((pump) => pump.idle()));
    }
  }

  #onEvent(event: KfCallbackEvent, context: KfCallbackContext | undefined): void {
    const receivedAt = context?.receivedAt ?? this.#o.now();
    if (event.Event === 'kf_msg_or_event') {
      this.notify(event.OpenKfId, event.Token, receivedAt);
    } else if (event.Event === 'kf_account_auth_change') {
      for (const open_kfid of event.AuthAddOpenKfId) this.notify(open_kfid);
      for (const open_kfid of event.AuthDelOpenKfId) this.#remove(open_kfid);
    } else {
      this.#log.debug('callback event ignored by the consumer', { event: event.Event });
    }
  }

  #pump(open_kfid: string): MessagePump {
    const existing = this.#pumps.get(open_kfid);
    if (existing !== undefined) return existing;
    const pump = new MessagePump({
      open_kfid,
      syncMsg: (request) => this.#client.syncMsg(request),
      options: this.#o,
      log: this.#log,
      report: (error, account) => this.#report(error, account),
      owner: this.#owner,
    });
    if (this.#started) pump.resume();
    this.#pumps.set(open_kfid, pump);
    return pump;
  }

  #remove(open_kfid: string): void {
    const pump = this.#pumps.get(open_kfid);
    if (pump === undefined) return;
    this.#pumps.delete(open_kfid);
    // stop() never rejects: the pump reports its own failures.
    void pump.stop();
  }

  #startPolling(interval: number): void {
    const poll = new AbortController();
    this.#poll = poll;
    const loop = (): void => {
      this.#o.sleep(interval, poll.signal).then(
        () => {
          if (poll.signal.aborted) return;
          for (const pump of this.#pumps.values()) pump.trigger();
          loop();
        },
        () => {
          // Cancelled by stop().
        },
      );
    };
    loop();
  }

  #report(error: KfError, open_kfid: string): void {
    const onError = this.#o.onError;
    if (onError === undefined) {
      this.#log.error(error.message, { open_kfid, error: error.name });
      return;
    }
    try {
      onError(error, { open_kfid });
    } catch (thrown) {
      this.#log.error('the consumer onError hook threw', {
        open_kfid,
        error: thrown instanceof Error ? thrown.name : typeof thrown,
      });
    }
  }
}

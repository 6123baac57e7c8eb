/**
 * The public types of {@link KfConsumer}'s options, apart from the class, so that the option
 * checks (`internal/consumer-options.ts`) and the pump read them without importing the consumer
 * (which imports them: a cycle).
 */
import type { KfMsg, SyncMsgRequest, SyncMsgResponse } from '@kf/types';
import type { CursorStore, InMemoryCursorStore } from './cursor-store.js';
import type { DedupStore, InMemoryDedupStore } from './dedup-store.js';
import type { KfConsumerError, KfError } from './errors.js';
import type { InMemoryLeaseStore, LeaseStore } from './lease-store.js';
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
  /**
   * `voice_format` of each `sync_msg` call: 0 AMR (default), 1 SILK.
   *
   * Spelt as on the wire on purpose, among camelCase options: like `limit`, it is not an option the
   * consumer interprets but a `sync_msg` request field copied into every call as it is, and the
   * style guide keeps wire names as the platform spells them so that a reader of the official
   * docs finds it. Options the consumer itself acts on are camelCase.
   */
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

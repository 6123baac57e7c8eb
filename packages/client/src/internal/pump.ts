import type { KfMsg, SyncMsgRequest, SyncMsgResponse } from '@kf/types';
import { KfErrorCode } from '@kf/types/errors';
import {
  isKfError,
  KfApiError,
  KfConsumerError,
  type KfConsumerFailure,
  type KfError,
  KfRateLimitError,
} from '../errors.js';
import { backoffDelay } from './backoff.js';
import type { ResolvedConsumerOptions } from './consumer-options.js';
import { HandledMarks } from './handled.js';
import { AccountLease } from './lease.js';
import type { Log } from './log.js';
import { cursorPages } from './paginate.js';

/** `sync_msg`'s errcode for a callback Token it no longer accepts (不合法的msgtoken). */
const STALE_TOKEN_ERRCODE = KfErrorCode.InvalidMsgToken;

/** What a pump needs from the consumer. */
export interface PumpDeps {
  readonly open_kfid: string;
  readonly syncMsg: (request: SyncMsgRequest) => Promise<SyncMsgResponse>;
  readonly options: ResolvedConsumerOptions;
  readonly log: Log;
  /** Reports a failure to `onError` (or the log); never throws. */
  readonly report: (error: KfError, open_kfid: string) => void;
  /** This consumer's id in the account leases. */
  readonly owner: string;
}

/**
 * The message pump of one account: pulls `sync_msg` page by page from the stored cursor, hands
 * each new message to the handler, and saves the cursor after each fully handled page.
 *
 * Pulls never overlap: a trigger during a pull sets `pending`, and the running loop pulls exactly
 * once more when it is done, however many triggers came in.
 */
export class MessagePump {
  readonly open_kfid: string;
  readonly #deps: PumpDeps;
  readonly #o: ResolvedConsumerOptions;
  #running: Promise<void> | undefined;
  #pending = false;
  #stopped = true;
  #token: { readonly value: string; readonly receivedAt: number } | undefined;
  #timer: AbortController | undefined;
  #timerDue = 0;
  /** No pull before this time (after a rate limit), unless `#blockedWithoutToken` and a Token came. */
  #blockedUntil = 0;
  #blockedWithoutToken = false;
  #lastPullUsedToken = false;
  #failures = 0;
  #rateLimits = 0;
  #pulledOnce = false;
  readonly #lease: AccountLease;
  readonly #marks: HandledMarks;

  constructor(deps: PumpDeps) {
    this.open_kfid = deps.open_kfid;
    this.#deps = deps;
    this.#o = deps.options;
    const o = deps.options;
    this.#lease = new AccountLease({
      open_kfid: deps.open_kfid,
      store: o.leaseStore,
      owner: deps.owner,
      ttl: o.leaseTtl,
      log: deps.log,
    });
    this.#marks = new HandledMarks(o.dedupStore, o.dedupTtl);
  }

  /** Whether a pull is running. */
  get busy(): boolean {
    return this.#running !== undefined;
  }

  /** Keeps a callback Token for the next pulls, while it is fresh. */
  setToken(value: string, receivedAt: number): void {
    if (this.#token === undefined || receivedAt >= this.#token.receivedAt)
      this.#token = { value, receivedAt };
  }

  /** Lets triggers pull again (after construction or `stop()`). */
  resume(): void {
    this.#stopped = false;
  }

  /** Asks for a pull: now, after the running one, or when a rate-limit pause ends. */
  trigger(): void {
    if (this.#stopped) return;
    if (this.#running !== undefined) {
      this.#pending = true;
      return;
    }
    const wait = this.#blockedFor();
    if (wait > 0) {
      this.#schedule(wait);
      return;
    }
    this.#running = this.#run();
  }

  /** Resolves when no pull is running (scheduled retries do not count). */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running;
  }

  /** Stops triggering, cancels scheduled pulls, and waits for the in-flight page to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#pending = false;
    this.#cancelTimer();
    await this.idle();
  }

  async #run(): Promise<void> {
    try {
      for (;;) {
        this.#pending = false;
        this.#cancelTimer();
        await this.#pullOnce();
        if (!this.#pending || this.#stopped) return;
        const wait = this.#blockedFor();
        if (wait > 0) {
          this.#pending = false;
          this.#schedule(wait);
          return;
        }
      }
    } finally {
      // Synchronously with the decision above, so a trigger arriving now starts a new run.
      this.#running = undefined;
    }
  }

  /** Milliseconds left of a rate-limit pause; a fresh Token ends a pause caused without one. */
  #blockedFor(): number {
    const left = this.#blockedUntil - this.#o.now();
    if (left <= 0) return 0;
    if (this.#blockedWithoutToken && this.#freshToken() !== undefined) {
      this.#blockedUntil = 0;
      return 0;
    }
    return left;
  }

  /** One pull (all pages); never throws: a failure is reported and a retry is scheduled. */
  async #pullOnce(): Promise<void> {
    try {
      // Only the replica holding the account's lease pulls; the others leave it a pull-again mark.
      const token = this.#freshToken() === undefined ? undefined : this.#token;
      if ((await this.#lease.acquire(token)) === undefined) return;
      await this.#releaseAfter(this.#walk());
      this.#failures = 0;
      this.#rateLimits = 0;
    } catch (caught) {
      const error = isKfError(caught)
        ? caught
        : new KfConsumerError({
            reason: 'pull',
            message: `pulling ${this.open_kfid} failed`,
            open_kfid: this.open_kfid,
            cause: caught,
          });
      this.#deps.report(error, this.open_kfid);
      if (error instanceof KfRateLimitError) {
        // 45009 blocks for its whole window (a minute or more): asking again sooner prolongs it.
        this.#rateLimits += 1;
        // No jitter here: a pause shorter than asked would prolong the block.
        const delay = backoffDelay(
          this.#rateLimits,
          () => 0,
          this.#o.rateLimitDelay,
          this.#o.maxRateLimitDelay,
        );
        this.#blockedUntil = this.#o.now() + delay;
        this.#blockedWithoutToken = !this.#lastPullUsedToken;
        this.#deps.log.warn(`sync_msg of ${this.open_kfid} is rate limited; next pull in ${delay} ms`);
        this.#schedule(delay);
      } else {
        // The messages wait on the platform, but no new notification may come for them: retry.
        this.#failures += 1;
        const delay = backoffDelay(this.#failures, this.#o.random, this.#o.retryDelay, this.#o.maxRetryDelay);
        this.#deps.log.warn(`pulling ${this.open_kfid} failed (${error.name}); next pull in ${delay} ms`);
        this.#schedule(delay);
      }
    }
  }

  /** Waits for the pull, then gives the lease back; a pull-again mark left meanwhile means one more pull. */
  async #releaseAfter(pull: Promise<void>): Promise<void> {
    const outcome = await pull.then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    try {
      if (await this.#lease.release((left) => this.setToken(left.value, left.receivedAt)))
        this.#pending = true;
    } catch (error) {
      if (outcome === undefined) throw error;
      // The pull's own failure is the one reported; the lease runs out after its TTL.
      this.#deps.log.warn(`releasing the lease of ${this.open_kfid} failed too`);
    }
    if (outcome !== undefined) throw outcome.error;
  }

  /**
   * Follows `has_more` from the stored cursor with the shared pager (which stops a walk whose
   * cursor does not advance); saves each page's cursor once the page is handled.
   */
  async #walk(): Promise<void> {
    const o = this.#o;
    let cursor = await this.#store('cursor_store', () => o.cursorStore.get(this.open_kfid));
    // Only the first pull of this process on an account with no saved cursor skips: later pulls
    // without a cursor (the platform gave none) must not drop what arrived since.
    const skipping = o.skipHistory && cursor === undefined && !this.#pulledOnce;
    for await (const page of cursorPages('syncMsg', cursor, (at) => this.#fetch(at))) {
      if (!skipping) {
        const keys = page.msg_list.flatMap((msg) => keyOf(this.open_kfid, msg) ?? []);
        await this.#store('dedup_store', () => this.#marks.prefetch(keys));
        for (const msg of page.msg_list) {
          this.#lease.assertHeld();
          await this.#deliver(msg);
        }
        await this.#store('dedup_store', () => this.#marks.flush());
      }
      this.#pulledOnce = true;
      const next =
        typeof page.next_cursor === 'string' && page.next_cursor !== '' ? page.next_cursor : undefined;
      if (next !== undefined && next !== cursor) {
        const saved = next;
        await this.#store('cursor_store', () => this.#lease.saveCursor(o.cursorStore, saved));
        cursor = next;
      }
      // Before the next page is asked for: stop() lets the in-flight page finish, nothing more.
      if (this.#stopped) return;
    }
  }

  /** One page; a Token refused with 95007 is dropped and the page asked for again without it. */
  async #fetch(cursor: string | undefined): Promise<SyncMsgResponse> {
    const o = this.#o;
    for (;;) {
      const token = this.#freshToken();
      this.#lastPullUsedToken = token !== undefined;
      const request: SyncMsgRequest = {
        open_kfid: this.open_kfid,
        ...(cursor === undefined ? {} : { cursor }),
        ...(token === undefined ? {} : { token }),
        ...(o.limit === undefined ? {} : { limit: o.limit }),
        ...(o.voice_format === undefined ? {} : { voice_format: o.voice_format }),
      };
      try {
        return await this.#deps.syncMsg(request);
      } catch (error) {
        if (token !== undefined && error instanceof KfApiError && error.errcode === STALE_TOKEN_ERRCODE) {
          this.#deps.log.info(
            `sync_msg refused the callback Token of ${this.open_kfid} (95007); pulling without it`,
          );
          if (this.#token?.value === token) this.#token = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  /** The callback Token while it is fresh; a stale one is dropped. */
  #freshToken(): string | undefined {
    const token = this.#token;
    if (token === undefined) return undefined;
    if (this.#o.now() - token.receivedAt < this.#o.tokenTtl) return token.value;
    this.#token = undefined;
    return undefined;
  }

  /** Hands one message to the handler, at most `maxAttempts` times, then to `onDeadLetter`. */
  async #deliver(msg: KfMsg): Promise<void> {
    const o = this.#o;
    const open_kfid = this.open_kfid;
    const msgid = typeof msg.msgid === 'string' && msg.msgid !== '' ? msg.msgid : undefined;
    const key = keyOf(open_kfid, msg);
    if (key !== undefined && this.#marks.handled(key)) {
      this.#deps.log.debug(`message ${msgid} of ${open_kfid} was handled before; skipped`);
      return;
    }
    let failure: { readonly error: unknown } | undefined;
    for (let attempt = 1; attempt <= o.maxAttempts; attempt += 1) {
      try {
        await o.handler(msg, { open_kfid, attempt });
        failure = undefined;
        break;
      } catch (error) {
        failure = { error };
        this.#deps.log.warn(`the handler failed for message ${msgid ?? '(no msgid)'} of ${open_kfid}`, {
          attempt,
          maxAttempts: o.maxAttempts,
          error: error instanceof Error ? error.name : typeof error,
        });
        if (attempt < o.maxAttempts)
          await o.sleep(backoffDelay(attempt, o.random, o.redeliveryDelay, Number.MAX_SAFE_INTEGER));
      }
    }
    if (failure !== undefined) {
      const error = new KfConsumerError({
        reason: 'handler',
        message: `the handler failed ${o.maxAttempts} times for a ${msg.msgtype} message of ${open_kfid}; giving up on it`,
        open_kfid,
        msgid,
        attempts: o.maxAttempts,
        cause: failure.error,
      });
      if (o.onDeadLetter === undefined) {
        this.#deps.report(error, open_kfid);
      } else {
        try {
          await o.onDeadLetter(msg, error, { open_kfid, attempt: o.maxAttempts });
        } catch (cause) {
          // The message is neither handled nor parked: keep it (no dedupe mark, no cursor save).
          throw new KfConsumerError({
            reason: 'dead_letter',
            message: `onDeadLetter failed for a message of ${open_kfid}; it will be delivered again`,
            open_kfid,
            msgid,
            attempts: o.maxAttempts,
            cause,
          });
        }
      }
    }
    if (key !== undefined) this.#marks.mark(key);
  }

  /** Runs a store call, turning its failure into a `KfConsumerError`. */
  async #store<T>(reason: KfConsumerFailure, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (cause) {
      if (cause instanceof KfConsumerError) throw cause;
      const which = reason === 'cursor_store' ? 'cursor store' : 'dedup store';
      throw new KfConsumerError({
        reason,
        message: `the ${which} failed for ${this.open_kfid}`,
        open_kfid: this.open_kfid,
        cause,
      });
    }
  }

  /** Pulls again in `delay` ms, unless a pull is already scheduled sooner. */
  #schedule(delay: number): void {
    if (this.#stopped) return;
    const due = this.#o.now() + delay;
    if (this.#timer !== undefined && this.#timerDue <= due) return;
    this.#cancelTimer();
    const timer = new AbortController();
    this.#timer = timer;
    this.#timerDue = due;
    this.#o.sleep(delay, timer.signal).then(
      () => {
        if (this.#timer !== timer) return;
        this.#timer = undefined;
        this.trigger();
      },
      () => {
        // Cancelled by a pull that started earlier, or by stop(): nothing is waiting on it.
      },
    );
  }

  #cancelTimer(): void {
    this.#timer?.abort();
    this.#timer = undefined;
  }
}

/** The dedup key of a message, `<open_kfid>:<msgid>`; `undefined` for one without a msgid. */
function keyOf(open_kfid: string, msg: KfMsg): string | undefined {
  return typeof msg.msgid === 'string' && msg.msgid !== '' ? `${open_kfid}:${msg.msgid}` : undefined;
}

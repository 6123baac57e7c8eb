import type { KfCallbackEvent } from '@kf/types';
import type { KfCallbackContext } from './callback.js';
import type { KfConsumerOptions, KfSyncMsgSource } from './consumer-options.js';
import { type KfError, KfInvalidArgumentError } from './errors.js';
import { type ResolvedConsumerOptions, resolveConsumerOptions } from './internal/consumer-options.js';
import { Log } from './internal/log.js';
import { MessagePump } from './internal/pump.js';

export type {
  KfConsumerContext,
  KfConsumerOptions,
  KfMessageHandler,
  KfSyncMsgSource,
} from './consumer-options.js';

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
   * `KfInvalidArgumentError` for an empty `open_kfid`.
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

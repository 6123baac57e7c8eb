import type { KfMsg, SyncMsgRequest, SyncMsgResponse } from '@kf/types';
import type { KfSyncMsgSource } from '../consumer.js';
import type { CursorStore } from '../cursor-store.js';

// The chaos and concurrency suites import the one seeded generator from here, with the consumer helpers.
export { seeded } from '../../../types/src/__fixtures__/random.js';

/** A promise and the functions that settle it. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (reason: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback and I/O callback run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface Wait {
  readonly due: number;
  readonly ms: number;
  readonly resolve: () => void;
}

/**
 * A clock and a `sleep` that only move when the test says so. Every requested wait is recorded in
 * `requested` (ms), so backoff schedules can be asserted exactly.
 */
export class ManualTime {
  #now: number;
  #waits: Wait[] = [];
  readonly requested: number[] = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      this.requested.push(ms);
      const wait: Wait = { due: this.#now + ms, ms, resolve };
      this.#waits.push(wait);
      signal?.addEventListener(
        'abort',
        () => {
          this.#waits = this.#waits.filter((w) => w !== wait);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** Waits that have not fired yet. */
  get pending(): number {
    return this.#waits.length;
  }

  /** Moves the clock by `ms`, firing due waits in order. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await flush();
      const next = [...this.#waits].sort((a, b) => a.due - b.due)[0];
      if (next === undefined || next.due > target) break;
      this.#waits = this.#waits.filter((w) => w !== next);
      this.#now = Math.max(this.#now, next.due);
      next.resolve();
    }
    this.#now = target;
    await flush();
  }
}

/** A text message as `sync_msg` returns it. */
export function textMsg(msgid: string, open_kfid = 'wk-a'): KfMsg {
  return {
    msgid,
    open_kfid,
    external_userid: 'wm-1',
    send_time: 1_700_000_000,
    origin: 3,
    msgtype: 'text',
    text: { content: `hello ${msgid}` },
  };
}

/** A page as the platform answers it. */
export function page(msgs: readonly KfMsg[], next_cursor: string, has_more: 0 | 1): SyncMsgResponse {
  return { errcode: 0, errmsg: 'ok', next_cursor, has_more, msg_list: [...msgs] };
}

/**
 * A scripted `sync_msg`: `answer` decides each call; every request is recorded, and so is the
 * largest number of calls in flight at once.
 */
export class FakeSource implements KfSyncMsgSource {
  readonly requests: SyncMsgRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly #answer: (request: SyncMsgRequest, index: number) => SyncMsgResponse | Promise<SyncMsgResponse>;

  constructor(
    answer: (request: SyncMsgRequest, index: number) => SyncMsgResponse | Promise<SyncMsgResponse>,
  ) {
    this.#answer = answer;
  }

  async syncMsg(request: SyncMsgRequest): Promise<SyncMsgResponse> {
    const index = this.requests.length;
    this.requests.push(request);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.#answer(request, index);
    } finally {
      this.inFlight -= 1;
    }
  }
}

/**
 * A fixed log of messages served `size` per page; the cursor is the index of the next message.
 * `after` lets a test append messages later.
 */
export function logSource(log: KfMsg[], size: number): FakeSource {
  return new FakeSource((request) => {
    const from = request.cursor === undefined ? 0 : Number(request.cursor);
    const msgs = log.slice(from, from + size);
    const next = from + msgs.length;
    return page(msgs, String(next), next < log.length ? 1 : 0);
  });
}

/** A cursor store that records every `set` in `events`, next to the handler's entries. */
export function recordingCursorStore(
  events: string[],
): CursorStore & { readonly saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    async get(open_kfid) {
      return saved.get(open_kfid);
    },
    async set(open_kfid, cursor) {
      events.push(`save ${cursor}`);
      saved.set(open_kfid, cursor);
    },
  };
}

import type { KfServiceState } from '@kf/types';
import type { KfMockCallbackConfig, KfMockCallbackDelivery } from '../../callbacks.js';
import type { KfMock } from '../../create-kf-mock.js';
import type {
  KfMockAccount,
  KfMockCall,
  KfMockCustomer,
  KfMockHeldCall,
  KfMockSentMessage,
  KfMockSessionEntry,
} from '../../world-view.js';

/** Everything a tool needs to draw the world at once: the first event of the stream, and after a reset. */
export interface KfMockWorldSnapshot {
  readonly clock: { readonly now: number; readonly iso: string };
  readonly accounts: readonly KfMockAccount[];
  readonly customers: readonly KfMockCustomer[];
  readonly sessions: readonly KfMockSessionEntry[];
  /** Each account's log as `sync_msg` serves it, by `open_kfid`. */
  readonly messages: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  readonly sent: readonly KfMockSentMessage[];
  readonly calls: readonly KfMockCall[];
  readonly deliveries: readonly KfMockCallbackDelivery[];
  /** The callback configuration without its secrets (`null` when callbacks are off). */
  readonly callback: { readonly url: string } | null;
  /** The calls waiting on a `hold` fault. */
  readonly held: readonly KfMockHeldCall[];
}

/**
 * One event of `GET /__kf_mock/events`: what changed in the world since the previous event. A
 * `snapshot` comes first (and again after a reset); the others are increments on top of it.
 */
export type KfMockWorldEvent =
  | { readonly type: 'snapshot'; readonly reason: 'connected' | 'reset'; readonly world: KfMockWorldSnapshot }
  /** A new entry of an account's log: a customer's or servicer's message, or an event. */
  | { readonly type: 'log'; readonly open_kfid: string; readonly message: Readonly<Record<string, unknown>> }
  /** The app sent a message (`send_msg` or `send_msg_on_event`). */
  | { readonly type: 'sent'; readonly sent: KfMockSentMessage }
  /** A session began or its state, servicer or rejection changed; `from` is the previous state. */
  | {
      readonly type: 'session';
      readonly session: KfMockSessionEntry;
      readonly from: KfServiceState | null;
    }
  /** The mock answered an API call. */
  | { readonly type: 'call'; readonly call: KfMockCall }
  /** A callback delivery began, or got an attempt or its outcome. */
  | { readonly type: 'delivery'; readonly delivery: KfMockCallbackDelivery }
  /** The mock time moved by something other than the wall clock (an advance, a set, a delay fault). */
  | { readonly type: 'clock'; readonly now: number; readonly iso: string }
  | { readonly type: 'accounts'; readonly accounts: readonly KfMockAccount[] }
  | { readonly type: 'customers'; readonly customers: readonly KfMockCustomer[] }
  | { readonly type: 'callback'; readonly callback: { readonly url: string } | null }
  /** A call began or stopped waiting on a `hold` fault: the calls held now. */
  | { readonly type: 'held'; readonly held: readonly KfMockHeldCall[] };

type Listener = (event: KfMockWorldEvent) => void;

/** How often the world is compared while someone listens (ms of real time). */
const TICK_MS = 150;
/** A clock that moved less than this beyond real time is the wall clock running, not an advance. */
const CLOCK_SLACK_MS = 1000;

const sessionKey = (session: KfMockSessionEntry): string =>
  `${session.open_kfid}\u0000${session.external_userid}`;

function snapshotOf(mock: KfMock): KfMockWorldSnapshot {
  const accounts = mock.world.accounts();
  const config: KfMockCallbackConfig | undefined = mock.callbacks.config();
  const now = mock.clock.now();
  return {
    clock: { now, iso: new Date(now).toISOString() },
    accounts,
    customers: mock.world.customers(),
    sessions: mock.world.sessions(),
    messages: Object.fromEntries(
      accounts.map((account) => [account.open_kfid, mock.world.messages(account.open_kfid)]),
    ),
    sent: mock.world.sent(),
    calls: mock.world.calls(),
    deliveries: mock.callbacks.deliveries(),
    callback: config === undefined ? null : { url: config.url },
    held: mock.world.held(),
  };
}

/**
 * Watches one mock for `GET /__kf_mock/events`. The world has no change feed of its own (and needs
 * none: tests read it directly), so while someone listens the watcher compares the world with
 * what it last saw, a few times a second, and turns the differences into events. Comparing keeps
 * the rules' code free of console concerns and sees every change, whatever made it: an API call,
 * a control request, a step run in-process, a callback answered in the background, or time.
 */
export class WorldWatcher {
  readonly #mock: KfMock;
  readonly #listeners = new Set<Listener>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #seen: KfMockWorldSnapshot | undefined;
  #seenMsgids = new Map<string, Set<string>>();
  #seenSessions = new Map<string, KfMockSessionEntry>();
  #seenDeliveries = new Map<number, string>();
  /** Real time when `#seen.clock` was read, to tell an advance from the wall clock running. */
  #seenAt = 0;
  #resetPending = false;

  constructor(mock: KfMock) {
    this.#mock = mock;
  }

  /** Adds a listener: it gets a `snapshot` at once, then every change. Returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    if (this.#seen !== undefined) this.tick();
    else this.#baseline(snapshotOf(this.#mock));
    const seen = this.#seen;
    if (seen !== undefined) listener({ type: 'snapshot', reason: 'connected', world: seen });
    this.#listeners.add(listener);
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.tick(), TICK_MS);
      // A listener left open must not keep a process (a test run, the CLI after SIGINT) alive.
      this.#timer.unref?.();
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) {
        clearInterval(this.#timer);
        this.#timer = undefined;
        this.#seen = undefined;
      }
    };
  }

  /** The world was reset: the next comparison sends a fresh snapshot instead of differences. */
  noteReset(): void {
    this.#resetPending = true;
  }

  /** Compares the world with what was last seen and tells the listeners what changed. */
  tick(): void {
    const before = this.#seen;
    if (before === undefined || this.#listeners.size === 0) return;
    const now = snapshotOf(this.#mock);
    if (this.#resetPending || this.#shrank(before, now)) {
      this.#baseline(now);
      this.#emit({ type: 'snapshot', reason: 'reset', world: now });
      return;
    }
    const events: KfMockWorldEvent[] = [];
    const realNow = Date.now();
    const expected = before.clock.now + (realNow - this.#seenAt);
    if (now.clock.now !== before.clock.now && Math.abs(now.clock.now - expected) > CLOCK_SLACK_MS) {
      events.push({ type: 'clock', ...now.clock });
    }
    if (JSON.stringify(now.accounts) !== JSON.stringify(before.accounts)) {
      events.push({ type: 'accounts', accounts: now.accounts });
    }
    if (JSON.stringify(now.customers) !== JSON.stringify(before.customers)) {
      events.push({ type: 'customers', customers: now.customers });
    }
    if (JSON.stringify(now.callback) !== JSON.stringify(before.callback)) {
      events.push({ type: 'callback', callback: now.callback });
    }
    if (JSON.stringify(now.held) !== JSON.stringify(before.held)) {
      events.push({ type: 'held', held: now.held });
    }
    for (const [open_kfid, messages] of Object.entries(now.messages)) {
      let seen = this.#seenMsgids.get(open_kfid);
      if (seen === undefined) {
        seen = new Set();
        this.#seenMsgids.set(open_kfid, seen);
      }
      for (const message of messages) {
        const msgid = String(message.msgid);
        if (seen.has(msgid)) continue;
        seen.add(msgid);
        events.push({ type: 'log', open_kfid, message });
      }
    }
    for (const sent of now.sent.slice(before.sent.length)) events.push({ type: 'sent', sent });
    for (const session of now.sessions) {
      const key = sessionKey(session);
      const previous = this.#seenSessions.get(key);
      if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(session)) continue;
      this.#seenSessions.set(key, session);
      events.push({ type: 'session', session, from: previous?.service_state ?? null });
    }
    for (const call of this.#newCalls(before.calls, now.calls)) events.push({ type: 'call', call });
    for (const delivery of now.deliveries) {
      const json = JSON.stringify(delivery);
      if (this.#seenDeliveries.get(delivery.id) === json) continue;
      this.#seenDeliveries.set(delivery.id, json);
      events.push({ type: 'delivery', delivery });
    }
    this.#seen = now;
    this.#seenAt = realNow;
    for (const event of events) this.#emit(event);
  }

  /** A list that only grows got shorter: the world was reset in-process (`mock.reset()`). */
  #shrank(before: KfMockWorldSnapshot, now: KfMockWorldSnapshot): boolean {
    return (
      now.customers.length < before.customers.length ||
      now.sent.length < before.sent.length ||
      now.deliveries.length < before.deliveries.length ||
      now.sessions.length < before.sessions.length
    );
  }

  /** The calls after those seen; the call log is a ring buffer, so a full one is matched by its tail. */
  #newCalls(before: readonly KfMockCall[], now: readonly KfMockCall[]): readonly KfMockCall[] {
    if (now.length > before.length) return now.slice(before.length);
    const last = before.at(-1);
    if (last === undefined || JSON.stringify(now.at(-1)) === JSON.stringify(last)) return [];
    const json = JSON.stringify(last);
    for (let i = now.length - 1; i >= 0; i--) {
      if (JSON.stringify(now[i]) === json) return now.slice(i + 1);
    }
    return now;
  }

  #baseline(snapshot: KfMockWorldSnapshot): void {
    this.#resetPending = false; // a reset before this snapshot is already in it
    this.#seen = snapshot;
    this.#seenAt = Date.now();
    this.#seenMsgids = new Map(
      Object.entries(snapshot.messages).map(([open_kfid, messages]) => [
        open_kfid,
        new Set(messages.map((message) => String(message.msgid))),
      ]),
    );
    this.#seenSessions = new Map(snapshot.sessions.map((session) => [sessionKey(session), session]));
    this.#seenDeliveries = new Map(
      snapshot.deliveries.map((delivery) => [delivery.id, JSON.stringify(delivery)]),
    );
  }

  #emit(event: KfMockWorldEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

const watchers = new WeakMap<KfMock, WorldWatcher>();

/** The one watcher of `mock`, shared by every listener. */
export function watcherOf(mock: KfMock): WorldWatcher {
  let watcher = watchers.get(mock);
  if (watcher === undefined) {
    watcher = new WorldWatcher(mock);
    watchers.set(mock, watcher);
  }
  return watcher;
}

import { randomUUID } from 'node:crypto';
import type {
  CursorStore,
  DedupStore,
  KfLeaseGrant,
  KfLeaseRelease,
  KfLeftToken,
  KfStoredToken,
  LeaseStore,
  TokenStore,
} from '@kf/client';
import { type KfRedisClient, type RedisCommands, toRedisCommands } from './adapter.js';
import { ACQUIRE, RELEASE, RENEW, SET_CURSOR_FENCED, SET_MANY_NX, UNLOCK } from './scripts.js';

const DAY = 24 * 60 * 60 * 1000;
/** Default key prefix. */
export const DEFAULT_PREFIX = 'kf';
/** Default lease TTL, the consumer's own default. */
export const DEFAULT_LEASE_TTL = 30_000;
/**
 * A cursor outlives the platform's 3-day retention: past it, every message still on the platform
 * has a handled mark, so a forgotten cursor costs a re-read, never a duplicate.
 */
export const DEFAULT_CURSOR_TTL = 7 * DAY;
/** A pull-again mark matters while its callback Token does (10 minutes); polls cover the rest. */
export const DEFAULT_MARK_TTL = 10 * 60 * 1000;
/** The fence counter must outlive any stalled holder by far, so fences never repeat. */
const FENCE_TTL = 30 * DAY;

/** Options of {@link redisStores}. */
export interface KfRedisStoresOptions {
  /** The corp id (企业ID): part of every key, so one Redis serves several corps. */
  readonly corpId: string;
  /** First part of every key (an environment, an app); default `kf`. */
  readonly prefix?: string;
  /** The consumer's `leaseTtl`, in ms; default 30 000 (also passed on by {@link redisStores}). */
  readonly leaseTtl?: number;
  /** How long a cursor is kept after its last write, in ms; default 7 days. */
  readonly cursorTtl?: number;
  /** How long a pull-again mark waits for a holder, in ms; default 10 minutes. */
  readonly markTtl?: number;
}

/** The keys of one account: one hash tag, so they share a Redis Cluster slot. */
export class AccountKeys {
  readonly #base: string;

  constructor(prefix: string, corpId: string, open_kfid: string) {
    this.#base = `${prefix}:{${corpId}:${open_kfid}}`;
  }

  get cursor(): string {
    return `${this.#base}:cursor`;
  }
  get lease(): string {
    return `${this.#base}:lease`;
  }
  get fence(): string {
    return `${this.#base}:fence`;
  }
  get mark(): string {
    return `${this.#base}:again`;
  }
  handled(msgid: string): string {
    return `${this.#base}:handled:${msgid}`;
  }
}

interface Resolved {
  readonly redis: RedisCommands;
  readonly prefix: string;
  readonly corpId: string;
  readonly leaseTtl: number;
  readonly cursorTtl: number;
  readonly markTtl: number;
}

function resolve(client: KfRedisClient, options: KfRedisStoresOptions): Resolved {
  if (typeof options.corpId !== 'string' || options.corpId === '') {
    throw new TypeError('@kf/redis: corpId must be a non-empty string');
  }
  return {
    redis: toRedisCommands(client),
    prefix: options.prefix ?? DEFAULT_PREFIX,
    corpId: options.corpId,
    leaseTtl: options.leaseTtl ?? DEFAULT_LEASE_TTL,
    cursorTtl: options.cursorTtl ?? DEFAULT_CURSOR_TTL,
    markTtl: options.markTtl ?? DEFAULT_MARK_TTL,
  };
}

const keysOf = (r: Resolved, open_kfid: string) => new AccountKeys(r.prefix, r.corpId, open_kfid);

/** The consumer's cursors in Redis, written under the account's lease (fenced). */
export class RedisCursorStore implements CursorStore {
  readonly #r: Resolved;

  constructor(client: KfRedisClient, options: KfRedisStoresOptions) {
    this.#r = resolve(client, options);
  }

  /** The saved cursor of the account, or `undefined`. */
  async get(open_kfid: string): Promise<string | undefined> {
    const value = await this.#r.redis.send(['GET', keysOf(this.#r, open_kfid).cursor]);
    return typeof value === 'string' ? value : undefined;
  }

  /** Saves the cursor without a fence (a consumer with a lease uses {@link setFenced}). */
  async set(open_kfid: string, cursor: string): Promise<void> {
    await this.#r.redis.send([
      'SET',
      keysOf(this.#r, open_kfid).cursor,
      cursor,
      'PX',
      String(this.#r.cursorTtl),
    ]);
  }

  /** Saves the cursor only while `fence` is the account's current lease grant; whether it did. */
  async setFenced(open_kfid: string, cursor: string, fence: number): Promise<boolean> {
    const k = keysOf(this.#r, open_kfid);
    const done = await SET_CURSOR_FENCED.run(
      this.#r.redis,
      [k.lease, k.fence, k.cursor],
      [String(fence), cursor, String(this.#r.cursorTtl), String(this.#r.leaseTtl)],
    );
    return done === 1;
  }
}

/** One mark waiting for the next batch of {@link RedisDedupStore.setIfAbsent}. */
interface PendingMark {
  readonly key: string;
  readonly resolve: (added: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/** Most keys in one batched `SET NX` script (a page of `sync_msg` holds at most 1,000 messages). */
const MAX_BATCH = 1_000;

/**
 * The consumer's handled msgids in Redis: one key per message (`SET NX PX`, TTL the consumer's
 * `dedupTtl`, 3 days by default), looked up a page at a time with one `MGET`.
 *
 * Marks asked for in the same turn of the event loop go to Redis together: one script per account
 * and TTL instead of one `SET` each. A handler that waits for anything (a `send_msg`, a database)
 * ends its turn, so its mark leaves alone and at once, as before; handlers that return without
 * waiting (a page of messages a bot ignores) share a round trip, which is what keeps a drain on
 * Redis within half the speed of one in memory (benchmark 9).
 */
export class RedisDedupStore implements DedupStore {
  readonly #r: Resolved;
  /** Marks of this turn, per `<ttl>|<open_kfid>` (one Cluster slot and one TTL per script). */
  #pending = new Map<string, PendingMark[]>();

  constructor(client: KfRedisClient, options: KfRedisStoresOptions) {
    this.#r = resolve(client, options);
  }

  /** Whether `key` (`<open_kfid>:<msgid>`) was recorded. */
  async has(key: string): Promise<boolean> {
    return (await this.#r.redis.send(['EXISTS', this.#key(key)])) === 1;
  }

  /** The `has` of each key, in one `MGET` (the keys of one account share a slot). */
  async hasMany(keys: readonly string[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    const values = await this.#r.redis.send(['MGET', ...keys.map((key) => this.#key(key))]);
    if (!Array.isArray(values)) throw new TypeError('MGET answered something other than a list');
    return values.map((value) => value !== null && value !== undefined);
  }

  /** Records `key` for `ttl` ms unless present; `true` when it was added. */
  setIfAbsent(key: string, ttl: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const batch = `${ttl}|${accountOf(key)}`;
      const marks = this.#pending.get(batch);
      const mark = { key: this.#key(key), resolve, reject };
      if (marks !== undefined) {
        marks.push(mark);
        return;
      }
      if (this.#pending.size === 0) setImmediate(() => this.#send());
      this.#pending.set(batch, [mark]);
    });
  }

  /** Sends this turn's marks: a plain `SET NX PX` for a lone mark, one script for several. */
  #send(): void {
    const pending = this.#pending;
    this.#pending = new Map();
    for (const [batch, marks] of pending) {
      const ttl = batch.slice(0, batch.indexOf('|'));
      for (let at = 0; at < marks.length; at += MAX_BATCH) {
        const chunk = marks.slice(at, at + MAX_BATCH);
        const sent =
          chunk.length === 1
            ? this.#r.redis
                .send(['SET', chunk[0]?.key ?? '', '1', 'NX', 'PX', ttl])
                .then((reply) => [reply === 'OK'])
            : SET_MANY_NX.run(
                this.#r.redis,
                chunk.map((mark) => mark.key),
                [ttl],
              ).then((reply) => {
                if (!Array.isArray(reply)) throw new TypeError('SET NX answered something other than a list');
                return reply.map((added) => added === 1);
              });
        sent.then(
          (added) => {
            chunk.forEach((mark, i) => {
              mark.resolve(added[i] === true);
            });
          },
          (error: unknown) => {
            for (const mark of chunk) mark.reject(error);
          },
        );
      }
    }
  }

  /** The consumer's keys are `<open_kfid>:<msgid>`; the account part goes into the hash tag. */
  #key(key: string): string {
    const at = key.indexOf(':');
    const open_kfid = at < 0 ? key : key.slice(0, at);
    return keysOf(this.#r, open_kfid).handled(at < 0 ? '' : key.slice(at + 1));
  }
}

/** The account part of a consumer key `<open_kfid>:<msgid>`. */
function accountOf(key: string): string {
  const at = key.indexOf(':');
  return at < 0 ? key : key.slice(0, at);
}

/** The per-account lease in Redis: a key holding the grant's fence, with a TTL. */
export class RedisLeaseStore implements LeaseStore {
  readonly #r: Resolved;

  constructor(client: KfRedisClient, options: KfRedisStoresOptions) {
    this.#r = resolve(client, options);
  }

  /** Grants the lease or leaves the pull-again mark (with the newer Token), atomically. */
  async acquire(
    open_kfid: string,
    _owner: string,
    ttl: number,
    token?: KfLeftToken,
  ): Promise<KfLeaseGrant | undefined> {
    const k = keysOf(this.#r, open_kfid);
    const mark = token === undefined ? '1' : `${Math.max(0, Math.floor(token.receivedAt))}|${token.value}`;
    const reply = await ACQUIRE.run(
      this.#r.redis,
      [k.lease, k.fence, k.mark],
      [String(ttl), mark, String(FENCE_TTL), String(this.#r.markTtl)],
    );
    if (!Array.isArray(reply)) return undefined;
    const fence = Number(reply[0]);
    const left = parseMark(reply[1]);
    return left === undefined ? { fence } : { fence, token: left };
  }

  /** Extends the grant; `false` when it was lost. */
  async renew(open_kfid: string, fence: number, ttl: number): Promise<boolean> {
    const k = keysOf(this.#r, open_kfid);
    return (await RENEW.run(this.#r.redis, [k.lease, k.fence], [String(fence), String(ttl)])) === 1;
  }

  /** Releases the grant and takes the pull-again mark, atomically. */
  async release(open_kfid: string, fence: number): Promise<KfLeaseRelease> {
    const k = keysOf(this.#r, open_kfid);
    const reply = await RELEASE.run(this.#r.redis, [k.lease, k.mark], [String(fence)]);
    if (!Array.isArray(reply) || reply[0] !== 1) return { again: false };
    const left = parseMark(reply[1]);
    return left === undefined ? { again: true } : { again: true, token: left };
  }
}

function parseMark(value: unknown): KfLeftToken | undefined {
  if (typeof value !== 'string') return undefined;
  const bar = value.indexOf('|');
  if (bar < 0) return undefined;
  return { receivedAt: Number(value.slice(0, bar)), value: value.slice(bar + 1) };
}

/** Options of {@link RedisTokenStore}. */
export interface KfRedisTokenStoreOptions {
  /** First part of every key; default `kf`. */
  readonly prefix?: string;
  /** Clock in epoch ms, for the entries' TTL; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Access tokens in Redis, shared by every replica: one key per (corp id, secret hash), with the
 * token's own lifetime as its TTL, and a refresh lock so that replicas with a cold cache make one
 * `gettoken` between them. The client's key already holds the corp id (never the secret).
 */
export class RedisTokenStore implements TokenStore {
  readonly #redis: RedisCommands;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(client: KfRedisClient, options: KfRedisTokenStoreOptions = {}) {
    this.#redis = toRedisCommands(client);
    this.#prefix = options.prefix ?? DEFAULT_PREFIX;
    this.#now = options.now ?? Date.now;
  }

  /** The token stored under `key`, or `undefined`. */
  async get(key: string): Promise<KfStoredToken | undefined> {
    const value = await this.#redis.send(['GET', this.#key(key)]);
    if (typeof value !== 'string') return undefined;
    const bar = value.indexOf('|');
    const expiresAt = Number(value.slice(0, bar));
    if (bar < 0 || !Number.isFinite(expiresAt)) return undefined;
    return { expiresAt, accessToken: value.slice(bar + 1) };
  }

  /** Stores the token until it expires. */
  async set(key: string, token: KfStoredToken): Promise<void> {
    const ttl = Math.floor(token.expiresAt - this.#now());
    if (ttl <= 0) {
      await this.delete(key);
      return;
    }
    await this.#redis.send([
      'SET',
      this.#key(key),
      `${token.expiresAt}|${token.accessToken}`,
      'PX',
      String(ttl),
    ]);
  }

  /** Removes the token. */
  async delete(key: string): Promise<void> {
    await this.#redis.send(['DEL', this.#key(key)]);
  }

  /** Takes the refresh lock for `ttl` ms (`SET NX PX`); its release deletes it only if still ours. */
  async lock(key: string, ttl: number): Promise<(() => Promise<void>) | undefined> {
    const lock = `${this.#prefix}:{${key}}:lock`;
    const owner = randomUUID();
    const reply = await this.#redis.send(['SET', lock, owner, 'NX', 'PX', String(ttl)]);
    if (reply !== 'OK') return undefined;
    return async () => {
      await UNLOCK.run(this.#redis, [lock], [owner]);
    };
  }

  #key(key: string): string {
    return `${this.#prefix}:{${key}}:token`;
  }
}

/** What {@link redisStores} returns: spread it into `KfConsumer`'s options. */
export interface KfRedisConsumerStores {
  readonly cursorStore: RedisCursorStore;
  readonly dedupStore: RedisDedupStore;
  readonly leaseStore: RedisLeaseStore;
  readonly leaseTtl: number;
}

/**
 * The consumer's stores on one Redis client, sharing the key layout that fences cursor writes
 * with the lease: `new KfConsumer(kf, { handler, ...redisStores(redis, { corpId }) })`.
 */
export function redisStores(client: KfRedisClient, options: KfRedisStoresOptions): KfRedisConsumerStores {
  return {
    cursorStore: new RedisCursorStore(client, options),
    dedupStore: new RedisDedupStore(client, options),
    leaseStore: new RedisLeaseStore(client, options),
    leaseTtl: options.leaseTtl ?? DEFAULT_LEASE_TTL,
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENTS, cleanUp, keySlot, redisUrl, type TestClient, testPrefix } from './__fixtures__/redis.js';
import { KfRedisError, type RedisCommands, toRedisCommands } from './adapter.js';
import {
  AccountKeys,
  DEFAULT_CURSOR_TTL,
  RedisCursorStore,
  RedisDedupStore,
  RedisLeaseStore,
  RedisTokenStore,
  redisStores,
} from './stores.js';

const CORP = 'wwcorp0001';
const A = 'wkAAAA';
const B = 'wkBBBB';
const DAY = 24 * 60 * 60 * 1000;

describe('keySlot (the test helper)', () => {
  it('computes the slots Redis Cluster documents', () => {
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('123456789')).toBe(12739);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
  });
});

describe('the keys of one account', () => {
  it('carry the prefix and the corp id, and share one Cluster slot', () => {
    const k = new AccountKeys('app', CORP, A);
    const keys = [k.cursor, k.lease, k.fence, k.mark, k.handled('msg1'), k.handled('msg2')];
    for (const key of keys) expect(key.startsWith(`app:{${CORP}:${A}}:`)).toBe(true);
    expect(new Set(keys.map(keySlot)).size).toBe(1);
    // Another account's keys are spread on their own slot.
    expect(keySlot(new AccountKeys('app', CORP, B).lease)).not.toBe(keySlot(k.lease));
  });
});

describe.skipIf(redisUrl === undefined).each(CLIENTS)('@kf/redis stores on $kind', ({ connect }) => {
  const prefix = testPrefix();
  let tc: TestClient;
  let redis: RedisCommands;
  const stores = () => redisStores(tc.client, { corpId: CORP, prefix, leaseTtl: 5_000 });
  const keys = (open_kfid = A) => new AccountKeys(prefix, CORP, open_kfid);
  const pttl = async (key: string) => Number(await redis.send(['PTTL', key]));

  beforeAll(async () => {
    tc = await connect(redisUrl ?? '');
    redis = toRedisCommands(tc.client);
  });
  afterAll(async () => {
    await cleanUp((args) => redis.send(args), prefix);
    await tc.close();
  });

  describe('cursors', () => {
    it('round-trip with the cursor TTL, per account', async () => {
      const { cursorStore } = stores();
      expect(await cursorStore.get('wkNEW')).toBeUndefined();
      await cursorStore.set('wkC1', 'c-1');
      await cursorStore.set('wkC2', 'c-2');
      expect(await cursorStore.get('wkC1')).toBe('c-1');
      expect(await cursorStore.get('wkC2')).toBe('c-2');
      const ttl = await pttl(keys('wkC1').cursor);
      expect(ttl).toBeGreaterThan(DEFAULT_CURSOR_TTL - 60_000);
      expect(ttl).toBeLessThanOrEqual(DEFAULT_CURSOR_TTL);
    });

    it('refuse a stale holder: a write under an old fence after the lease passed on', async () => {
      const { cursorStore, leaseStore } = stores();
      const first = await leaseStore.acquire('wkF', 'one', 5_000);
      expect(first).toBeDefined();
      expect(await cursorStore.setFenced('wkF', 'c-10', first?.fence ?? 0)).toBe(true);
      // The holder stalls; its lease expires and another replica takes it.
      await redis.send(['DEL', keys('wkF').lease]);
      const second = await leaseStore.acquire('wkF', 'two', 5_000);
      expect(second?.fence).toBe((first?.fence ?? 0) + 1);
      expect(await cursorStore.setFenced('wkF', 'c-20', second?.fence ?? 0)).toBe(true);
      // The stale holder wakes up: neither its cursor write nor its renewal goes through.
      expect(await cursorStore.setFenced('wkF', 'c-15', first?.fence ?? 0)).toBe(false);
      expect(await leaseStore.renew('wkF', first?.fence ?? 0, 5_000)).toBe(false);
      expect(await cursorStore.get('wkF')).toBe('c-20');
      // Also after the new holder released: a released lease is not the stale one's again.
      await leaseStore.release('wkF', second?.fence ?? 0);
      expect(await cursorStore.setFenced('wkF', 'c-15', first?.fence ?? 0)).toBe(false);
      expect(await cursorStore.get('wkF')).toBe('c-20');
    });

    it('let a holder whose lease expired unclaimed write and renew (nobody took over)', async () => {
      const { cursorStore, leaseStore } = stores();
      const grant = await leaseStore.acquire('wkX', 'one', 5_000);
      await redis.send(['DEL', keys('wkX').lease]);
      expect(await cursorStore.setFenced('wkX', 'c-1', grant?.fence ?? 0)).toBe(true);
      expect(await redis.send(['GET', keys('wkX').lease])).toBe(String(grant?.fence));
      expect(await leaseStore.renew('wkX', grant?.fence ?? 0, 5_000)).toBe(true);
    });
  });

  describe('handled msgids', () => {
    it('are set once with the consumer TTL and looked up a page at a time', async () => {
      const { dedupStore } = stores();
      expect(await dedupStore.setIfAbsent(`${A}:m1`, 3 * DAY)).toBe(true);
      expect(await dedupStore.setIfAbsent(`${A}:m1`, 3 * DAY)).toBe(false);
      expect(await dedupStore.setIfAbsent(`${A}:m3`, 3 * DAY)).toBe(true);
      expect(await dedupStore.has(`${A}:m1`)).toBe(true);
      expect(await dedupStore.has(`${A}:m2`)).toBe(false);
      expect(await dedupStore.hasMany([`${A}:m1`, `${A}:m2`, `${A}:m3`])).toEqual([true, false, true]);
      expect(await dedupStore.hasMany([])).toEqual([]);
      // Another account's msgid is another key.
      expect(await dedupStore.has(`${B}:m1`)).toBe(false);
      const ttl = await pttl(keys().handled('m1'));
      expect(ttl).toBeGreaterThan(3 * DAY - 60_000);
      expect(ttl).toBeLessThanOrEqual(3 * DAY);
    });

    it('asked for in one turn, go to Redis in one script per account (a lone mark in one SET)', async () => {
      const sent: string[] = [];
      const counted = {
        send: (args: readonly string[]) => {
          sent.push(args[0] ?? '');
          return redis.send(args);
        },
      };
      const dedupStore = new RedisDedupStore(counted, { corpId: CORP, prefix });
      // The script is loaded once (EVALSHA, then EVAL on NOSCRIPT); the count starts after.
      expect(await Promise.all([`${A}:w1`, `${A}:w2`].map((k) => dedupStore.setIfAbsent(k, DAY)))).toEqual([
        true,
        true,
      ]);
      sent.length = 0;
      const page = Array.from({ length: 50 }, (_, i) => `${A}:p${i}`);
      const added = await Promise.all([
        ...page.map((key) => dedupStore.setIfAbsent(key, 3 * DAY)),
        dedupStore.setIfAbsent(`${A}:p0`, 3 * DAY),
        dedupStore.setIfAbsent(`${A}:w1`, 3 * DAY),
        dedupStore.setIfAbsent(`${B}:p0`, 3 * DAY),
      ]);
      expect(added).toEqual([...page.map(() => true), false, false, true]);
      expect(sent).toEqual(['EVALSHA', 'SET']);
      expect(await dedupStore.hasMany([...page, `${A}:p50`])).toEqual([...page.map(() => true), false]);
      for (const key of [keys().handled('p0'), keys().handled('p49'), keys(B).handled('p0')]) {
        expect(await pttl(key)).toBeGreaterThan(3 * DAY - 60_000);
      }
      // A later turn is a batch of its own; a mark with another TTL, too.
      sent.length = 0;
      expect(await dedupStore.setIfAbsent(`${A}:later`, 3 * DAY)).toBe(true);
      expect(
        await Promise.all([
          dedupStore.setIfAbsent(`${A}:t1`, DAY),
          dedupStore.setIfAbsent(`${A}:t2`, 2 * DAY),
        ]),
      ).toEqual([true, true]);
      expect(sent).toEqual(['SET', 'SET', 'SET']);
      expect(await pttl(keys().handled('t1'))).toBeLessThanOrEqual(DAY);
      expect(await pttl(keys().handled('t2'))).toBeGreaterThan(DAY);
    });

    it('fail together when their batch fails, and are not recorded', async () => {
      const failing = {
        send: async (args: readonly string[]) => {
          if (args[0] === 'EVALSHA' || args[0] === 'EVAL') throw new Error('connection lost');
          return redis.send(args);
        },
      };
      const dedupStore = new RedisDedupStore(failing, { corpId: CORP, prefix });
      const results = await Promise.allSettled(
        [`${A}:f1`, `${A}:f2`].map((k) => dedupStore.setIfAbsent(k, DAY)),
      );
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(await dedupStore.hasMany([`${A}:f1`, `${A}:f2`])).toEqual([false, false]);
    });

    it('expire after their TTL', async () => {
      const { dedupStore } = stores();
      expect(await dedupStore.setIfAbsent(`${A}:short`, 20)).toBe(true);
      // Bounded: Redis expires the key within a few ms of its TTL.
      for (let i = 0; i < 200 && (await dedupStore.has(`${A}:short`)); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(await dedupStore.has(`${A}:short`)).toBe(false);
      expect(await dedupStore.setIfAbsent(`${A}:short`, 1_000)).toBe(true);
    });
  });

  describe('the lease', () => {
    it('is granted to one replica; another leaves its Token and a pull-again mark for it', async () => {
      const { leaseStore } = stores();
      const grant = await leaseStore.acquire('wkL', 'one', 5_000);
      expect(grant).toEqual({ fence: expect.any(Number) });
      const ttl = await pttl(keys('wkL').lease);
      expect(ttl).toBeGreaterThan(4_000);
      expect(ttl).toBeLessThanOrEqual(5_000);
      expect(
        await leaseStore.acquire('wkL', 'two', 5_000, { value: 'TOKEN-OLD', receivedAt: 1_000 }),
      ).toBeUndefined();
      expect(
        await leaseStore.acquire('wkL', 'two', 5_000, { value: 'TOKEN-NEW', receivedAt: 2_000 }),
      ).toBeUndefined();
      // An older Token or none never replaces the newer one.
      expect(
        await leaseStore.acquire('wkL', 'three', 5_000, { value: 'TOKEN-OLDER', receivedAt: 500 }),
      ).toBeUndefined();
      expect(await leaseStore.acquire('wkL', 'three', 5_000)).toBeUndefined();
      const markTtl = await pttl(keys('wkL').mark);
      expect(markTtl).toBeGreaterThan(9 * 60_000);
      expect(await leaseStore.release('wkL', grant?.fence ?? 0)).toEqual({
        again: true,
        token: { value: 'TOKEN-NEW', receivedAt: 2_000 },
      });
      // The mark is taken once; the lease is free.
      const next = await leaseStore.acquire('wkL', 'two', 5_000);
      expect(next?.fence).toBe((grant?.fence ?? 0) + 1);
      expect(next?.token).toBeUndefined();
      expect(await leaseStore.release('wkL', next?.fence ?? 0)).toEqual({ again: false });
    });

    it('is renewed by its holder only, and the fence counter has a TTL', async () => {
      const { leaseStore } = stores();
      const grant = await leaseStore.acquire('wkR', 'one', 1_000);
      expect(await leaseStore.renew('wkR', grant?.fence ?? 0, 5_000)).toBe(true);
      expect(await pttl(keys('wkR').lease)).toBeGreaterThan(4_000);
      expect(await leaseStore.renew('wkR', (grant?.fence ?? 0) + 7, 5_000)).toBe(false);
      expect(await pttl(keys('wkR').fence)).toBeGreaterThan(DAY);
    });

    it('expires when its holder dies, and a mark left for the dead holder goes to the next one', async () => {
      const { leaseStore } = stores();
      const dead = await leaseStore.acquire('wkD', 'dead', 30);
      expect(dead).toBeDefined();
      expect(await leaseStore.acquire('wkD', 'alive', 5_000, { value: 'T1', receivedAt: 5 })).toBeUndefined();
      let taken = await leaseStore.acquire('wkD', 'alive', 5_000, { value: 'T2', receivedAt: 6 });
      for (let i = 0; i < 200 && taken === undefined; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        taken = await leaseStore.acquire('wkD', 'alive', 5_000, { value: 'T2', receivedAt: 6 });
      }
      expect(taken).toEqual({ fence: (dead?.fence ?? 0) + 1, token: { value: 'T2', receivedAt: 6 } });
      // The dead holder's release (had it come back) neither frees the new grant nor takes its mark.
      expect(await leaseStore.acquire('wkD', 'third', 5_000)).toBeUndefined();
      expect(await leaseStore.release('wkD', dead?.fence ?? 0)).toEqual({ again: false });
      expect(await leaseStore.release('wkD', taken?.fence ?? 0)).toEqual({ again: true });
    });
  });

  describe('tokens', () => {
    it('round-trip with the token lifetime as TTL, and an expired one is not kept', async () => {
      const now = 1_000_000;
      const store = new RedisTokenStore(tc.client, { prefix, now: () => now });
      const key = `kf:access_token:${CORP}:abc`;
      expect(await store.get(key)).toBeUndefined();
      await store.set(key, { accessToken: 'ACCESS|TOKEN', expiresAt: now + 7_200_000 });
      expect(await store.get(key)).toEqual({ accessToken: 'ACCESS|TOKEN', expiresAt: now + 7_200_000 });
      const ttl = await pttl(`${prefix}:{${key}}:token`);
      expect(ttl).toBeGreaterThan(7_100_000);
      expect(ttl).toBeLessThanOrEqual(7_200_000);
      await store.set(key, { accessToken: 'OLD', expiresAt: now - 1 });
      expect(await store.get(key)).toBeUndefined();
      await store.set(key, { accessToken: 'T', expiresAt: now + 10_000 });
      await store.delete(key);
      expect(await store.get(key)).toBeUndefined();
    });

    it('lock: one holder at a time; a release after expiry never frees the next holder', async () => {
      const store = new RedisTokenStore(tc.client, { prefix });
      const key = `kf:access_token:${CORP}:lock`;
      const release = await store.lock(key, 5_000);
      expect(release).toBeTypeOf('function');
      expect(await store.lock(key, 5_000)).toBeUndefined();
      await release?.();
      const short = await store.lock(key, 20);
      expect(short).toBeTypeOf('function');
      let next = await store.lock(key, 5_000);
      for (let i = 0; i < 200 && next === undefined; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        next = await store.lock(key, 5_000);
      }
      expect(next).toBeTypeOf('function');
      await short?.();
      expect(await store.lock(key, 5_000)).toBeUndefined();
      await next?.();
      expect(await store.lock(key, 5_000)).toBeTypeOf('function');
    });
  });

  it('reloads a script the server forgot (SCRIPT FLUSH)', async () => {
    const { leaseStore } = stores();
    await redis.send(['SCRIPT', 'FLUSH']);
    const grant = await leaseStore.acquire('wkS', 'one', 5_000);
    expect(grant?.fence).toBe(1);
  });
});

describe('the adapter', () => {
  it('turns a failing command into KfRedisError without its arguments', async () => {
    const failing = {
      send: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { args: ['SECRET-TOKEN'] });
      },
    };
    const store = new RedisTokenStore(failing);
    const error = await store.set('k', { accessToken: 'SECRET-TOKEN', expiresAt: Date.now() + 60_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KfRedisError);
    expect(error).toMatchObject({
      command: 'SET',
      message: 'redis SET failed: connect ECONNREFUSED 127.0.0.1:6379',
    });
    // The root's toJSON: name, message and the declared fields, never `cause`.
    expect((error as KfRedisError).toJSON()).toEqual({
      name: 'KfRedisError',
      message: 'redis SET failed: connect ECONNREFUSED 127.0.0.1:6379',
      command: 'SET',
    });
    expect(JSON.stringify(error)).not.toContain('SECRET-TOKEN');
    expect(JSON.stringify((error as KfRedisError).cause)).not.toContain('SECRET-TOKEN');
  });

  it('refuses something that is not a Redis client', () => {
    expect(() => new RedisCursorStore({} as never, { corpId: CORP })).toThrow(TypeError);
    expect(() => new RedisDedupStore({ send: async () => null }, { corpId: '' })).toThrow(/corpId/);
    expect(() => new RedisLeaseStore({ send: async () => null }, { corpId: CORP })).not.toThrow();
  });
});

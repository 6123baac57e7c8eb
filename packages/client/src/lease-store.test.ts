import type { KfMsg, SyncMsgResponse } from '@kf/types';
import { describe, expect, it } from 'vitest';
import { KfConsumer } from './consumer.js';
import { KfConsumerError, type KfError } from './errors.js';
import { InMemoryLeaseStore, type LeaseStore } from './lease-store.js';

const A = 'wkA';
const text = (msgid: string) =>
  ({ msgid, msgtype: 'text', origin: 3, text: { content: msgid } }) as unknown as KfMsg;
const page = (msgs: KfMsg[], next_cursor: string): SyncMsgResponse =>
  ({ errcode: 0, errmsg: 'ok', next_cursor, has_more: 0, msg_list: msgs }) as SyncMsgResponse;
const never = () => new Promise<void>(() => {});

describe('InMemoryLeaseStore', () => {
  it('grants one holder; another leaves the newest Token and a mark, taken once on release', async () => {
    const store = new InMemoryLeaseStore();
    const grant = await store.acquire(A, 'one', 1_000);
    expect(grant).toEqual({ fence: 1 });
    expect(await store.acquire(A, 'two', 1_000, { value: 'T2', receivedAt: 2 })).toBeUndefined();
    expect(await store.acquire(A, 'two', 1_000, { value: 'T1', receivedAt: 1 })).toBeUndefined();
    expect(await store.release(A, 1)).toEqual({ again: true, token: { value: 'T2', receivedAt: 2 } });
    expect(await store.acquire(A, 'two', 1_000)).toEqual({ fence: 2 });
    expect(await store.release(A, 2)).toEqual({ again: false });
  });

  it('expires after its TTL; a stale holder can neither renew nor release the new grant', async () => {
    let now = 0;
    const store = new InMemoryLeaseStore({ now: () => now });
    await store.acquire(A, 'one', 1_000);
    now = 999;
    expect(await store.acquire(A, 'two', 1_000)).toBeUndefined();
    now = 1_000;
    expect(await store.acquire(A, 'two', 1_000, { value: 'T', receivedAt: 5 })).toEqual({
      fence: 2,
      token: { value: 'T', receivedAt: 5 },
    });
    expect(await store.renew(A, 1, 1_000)).toBe(false);
    expect(await store.release(A, 1)).toEqual({ again: false });
    expect(store.holds(A, 2)).toBe(true);
    // Expired and nobody took it since: the holder may renew.
    now = 5_000;
    expect(await store.renew(A, 2, 1_000)).toBe(true);
    expect(store.holds(A, 2)).toBe(true);
  });
});

describe('the consumer under a lease', () => {
  it('does not pull an account whose lease another replica holds', async () => {
    const store = new InMemoryLeaseStore();
    await store.acquire(A, 'other replica', 60_000);
    let pulls = 0;
    const consumer = new KfConsumer(
      {
        syncMsg: async () => {
          pulls += 1;
          return page([text('m1')], 'c1');
        },
      },
      { handler: () => {}, leaseStore: store, sleep: never },
    );
    consumer.start();
    consumer.notify(A, 'TOKEN');
    await consumer.idle();
    expect(pulls).toBe(0);
    // The holder finds the mark with the Token when it releases.
    expect(await store.release(A, 1)).toEqual({
      again: true,
      token: { value: 'TOKEN', receivedAt: expect.any(Number) },
    });
  });

  it('reports lease_lost and saves no cursor when its fenced cursor write is refused', async () => {
    const errors: KfError[] = [];
    const saved: string[] = [];
    const handled: string[] = [];
    const consumer = new KfConsumer(
      { syncMsg: async () => page([text('m1')], 'c1') },
      {
        handler: (msg) => {
          handled.push(String(msg.msgid));
        },
        cursorStore: {
          get: async () => undefined,
          set: async (_, cursor) => {
            saved.push(cursor);
          },
          setFenced: async () => false,
        },
        accounts: [A],
        onError: (error) => errors.push(error),
        sleep: never,
      },
    );
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual(['m1']);
    expect(saved).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(KfConsumerError);
    expect(errors[0]).toMatchObject({ reason: 'lease_lost', open_kfid: A });
  });

  it('reports a failing lease store as lease_store and hands nothing over', async () => {
    const errors: KfError[] = [];
    const handled: string[] = [];
    const failing: LeaseStore = {
      acquire: async () => {
        throw new Error('redis down');
      },
      renew: async () => true,
      release: async () => ({ again: false }),
    };
    const consumer = new KfConsumer(
      { syncMsg: async () => page([text('m1')], 'c1') },
      {
        handler: (msg) => void handled.push(String(msg.msgid)),
        leaseStore: failing,
        onError: (e) => errors.push(e),
        sleep: never,
      },
    );
    consumer.start();
    consumer.notify(A);
    await consumer.idle();
    expect(handled).toEqual([]);
    expect(errors[0]).toMatchObject({ reason: 'lease_store', open_kfid: A });
  });
});

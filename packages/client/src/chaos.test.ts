/**
 * Chaos run: a consumer drains a busy `@kf/mock` (three accounts, customers writing all the time)
 * while faults are injected — -1 bursts, 45009, token revocation, 42001 (a token expiring in
 * flight), dropped connections, lost answers, latency, a failing gettoken — and the "process" is
 * killed and restarted mid-page (in a handler, before a pull, after a page arrived) several times,
 * with the same cursor and dedup stores, as a shared store would keep them. Every message is
 * handled, none twice (by msgid), in the platform's order.
 *
 * Deterministic: a seeded PRNG picks every fault, crash point and message; time is the mock clock,
 * and every `sleep` (the client's retry backoff, the consumer's retry and rate-limit pauses, the
 * mock's latency) moves that clock instead of waiting. No assertion is about time.
 */
import { createKfMock, type KfMock, type KfMockMessageContent } from '@kf/mock';
import type { KfMsg, SyncMsgRequest } from '@kf/types';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countBy, FAULT_KINDS, type FaultKind, injectFault } from './__fixtures__/chaos.js';
import {
  type Deferred,
  deferred,
  FakeSource,
  ManualTime,
  page,
  seeded,
  textMsg,
} from './__fixtures__/consumer.js';
import { KfClient } from './client.js';
import { KfConsumer } from './consumer.js';
import { InMemoryCursorStore } from './cursor-store.js';
import { InMemoryDedupStore } from './dedup-store.js';
import { isKfError, type KfError, KfResponseValidationError } from './errors.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const SEED = 0x6b660007;
const TOKEN_TTL_SECONDS = 400;
const TOTAL = 600;
const RESTARTS = 8;
const FAULTS = 60;
/** Bounds of the driver loop: a lost message would otherwise spin forever. */
const MAX_STEPS = 1_000;

const never = <T>(): Promise<T> => new Promise<T>(() => {});

/** Produces one message or event of a random type in a random account. */
function producer(mock: KfMock, accounts: readonly string[], random: () => number) {
  const customers = Array.from({ length: 6 }, (_, i) => mock.scenario.createCustomer({ nickname: `c${i}` }));
  const image = mock.scenario.createMedia({ type: 'image' });
  const recent: { open_kfid: string; external_userid: string; msgid: string }[] = [];
  const customerMsgids: string[] = [];
  const produce = (): string => {
    const open_kfid = accounts[Math.floor(random() * accounts.length)] ?? '';
    const external_userid = customers[Math.floor(random() * customers.length)] ?? '';
    const kind = Math.floor(random() * 8);
    const send = (message: KfMockMessageContent) => {
      const msgid = mock.scenario.customerSends({ open_kfid, external_userid, message });
      recent.push({ open_kfid, external_userid, msgid });
      customerMsgids.push(msgid);
    };
    if (kind === 0) send({ msgtype: 'image', image: { media_id: image } });
    else if (kind === 1) {
      send({ msgtype: 'location', location: { latitude: 23.1, longitude: 113.3, name: 'A', address: 'B' } });
    } else if (kind === 2) {
      send({
        msgtype: 'link',
        link: { title: 't', desc: 'd', url: 'https://e.example', pic_url: 'https://e.example/p' },
      });
    } else if (kind === 3) send({ msgtype: 'business_card', business_card: { userid: 'zhangsan' } });
    else if (
      kind === 4 &&
      mock.scenario.enterSession({ external_userid, open_kfid, scene: 's' }) !== undefined
    ) {
      // an enter_session event
    } else if (kind === 5 && recent.length > 0) {
      const last = recent.pop();
      if (last !== undefined) mock.scenario.customerRecalls(last);
    } else send({ msgtype: 'text', text: { content: `你好 ${Math.floor(random() * 1e6)}` } });
    return open_kfid;
  };
  return { produce, customerMsgids };
}

describe('chaos: the consumer drains a faulty, busy mock across crashes', () => {
  it('handles every message exactly once despite faults and 8 restarts mid-page', {
    timeout: 120_000,
  }, async () => {
    const random = seeded(SEED);
    const mock = createKfMock({
      seed: 'chaos',
      // A fixed start: the seed must replay the same run, whatever the time of day.
      startTime: Date.UTC(2024, 0, 1),
      tokenTtlSeconds: TOKEN_TTL_SECONDS,
      maxCallRecords: 1_000_000,
      behaviour: { syncMsgEmptyPageBeforeData: true },
      sleep: async () => {},
    });
    server.resetHandlers(...mock.handlers);
    // Every wait moves the mock clock by its length and resolves at once.
    let slept = 0;
    const sleep = async (ms: number): Promise<void> => {
      slept += ms;
      mock.clock.advance(ms);
    };
    const kf = new KfClient({
      ...mock.credentials,
      validateResponses: 'throw',
      now: mock.clock.now,
      sleep,
      random,
    });
    const accounts = ['售后', '咨询', '投诉'].map((name) => mock.scenario.createAccount({ name }));
    const { produce, customerMsgids } = producer(mock, accounts, random);
    const produced = () => accounts.reduce((n, a) => n + mock.world.messages(a).length, 0);
    const notifyAll = (consumer: KfConsumer, only?: string) => {
      for (const open_kfid of only === undefined ? accounts : [only]) {
        const token = mock.world.latestCallbackToken(open_kfid);
        if (token !== undefined) consumer.notify(open_kfid, token);
      }
    };

    // Shared by every incarnation of the "process", as Redis would be.
    const cursorStore = new InMemoryCursorStore();
    const dedupStore = new InMemoryDedupStore({ now: mock.clock.now });
    const handled = new Map<string, KfMsg[]>(accounts.map((a) => [a, []]));
    const errors: KfError[] = [];
    const faults: FaultKind[] = [];
    const crashes: string[] = [];
    let failedHandlers = 0;
    const inject = () => {
      if (faults.length >= FAULTS) return;
      const kind = FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)] ?? 'systemBusy';
      faults.push(kind);
      injectFault(mock, kind, random, TOKEN_TTL_SECONDS * 1000);
    };

    /** One process: it dies at its crash point and does nothing afterwards. */
    const incarnation = () => {
      const life: { dead: boolean; crashed: Deferred<void> } = { dead: false, crashed: deferred() };
      const planned = crashes.length < RESTARTS;
      // Half of the crashes inside a handler (mid-page), the others around a pull.
      const where =
        (['handler', 'after-page', 'handler', 'before-pull'] as const)[crashes.length % 4] ?? 'handler';
      const crashAt = 1 + Math.floor(random() * (where === 'handler' ? 40 : 4));
      let handlerCalls = 0;
      let pulls = 0;
      const die = () => {
        life.dead = true;
        crashes.push(where);
        life.crashed.resolve();
      };
      const source = {
        syncMsg: async (request: SyncMsgRequest) => {
          if (life.dead) return never<never>();
          pulls += 1;
          if (planned && where === 'before-pull' && pulls === crashAt) {
            die();
            return never<never>();
          }
          const page = await kf.syncMsg(request);
          if (life.dead) return never<never>();
          if (planned && where === 'after-page' && pulls >= crashAt && page.msg_list.length > 0) {
            // The page arrived but the process dies before handling it.
            die();
            return never<never>();
          }
          return page;
        },
      };
      const consumer: KfConsumer = new KfConsumer(source, {
        accounts,
        cursorStore,
        dedupStore,
        limit: 1 + Math.floor(random() * 20),
        maxAttempts: 10,
        now: mock.clock.now,
        sleep,
        onError: (error) => errors.push(error),
        handler: async (msg, { open_kfid }) => {
          if (life.dead) return never();
          handlerCalls += 1;
          if (planned && where === 'handler' && handlerCalls === crashAt) {
            // The process dies while the handler runs (mid-page): its work is not committed.
            die();
            return never();
          }
          await Promise.resolve();
          if (life.dead) return never();
          if (random() < 0.03) {
            failedHandlers += 1;
            throw new Error('transient handler failure');
          }
          if (random() < 0.15) inject();
          if (produced() < TOTAL && random() < 0.2) {
            // A customer writes while the page is handled: a notification arrives mid-pull.
            notifyAll(consumer, produce());
          }
          handled.get(open_kfid)?.push(msg);
        },
      });
      consumer.start();
      return { consumer, life };
    };

    let current = incarnation();
    let steps = 0;
    for (; steps < MAX_STEPS; steps += 1) {
      // Customers keep writing until TOTAL, and beyond it (a few at a time) until every planned
      // crash has happened.
      if (produced() < TOTAL || crashes.length < RESTARTS) {
        const batch = Math.max(1, Math.min(TOTAL - produced(), 1 + Math.floor(random() * 30)));
        for (let i = 0; i < batch; i += 1) produce();
        if (random() < 0.5) inject();
      }
      notifyAll(current.consumer);
      const outcome = await Promise.race([
        current.consumer.idle().then(() => 'idle' as const),
        current.life.crashed.promise.then(() => 'crash' as const),
      ]);
      if (outcome === 'crash') {
        current = incarnation(); // same stores, new process
        continue;
      }
      // Handled at least as many as logged (a duplicate must end the loop too, and fail below).
      const drained = accounts.every((a) => (handled.get(a)?.length ?? 0) >= mock.world.messages(a).length);
      if (produced() >= TOTAL && crashes.length >= RESTARTS && drained) break;
    }
    await current.consumer.stop();

    const all = [...handled.values()].flat();
    const ids = all.map((m) => String(m.msgid));
    const counts = countBy(ids, (id) => id);
    const duplicates = Object.values(counts).filter((n) => n > 1).length;
    const logged = accounts.flatMap((a) => mock.world.messages(a).map((m) => String(m.msgid)));
    const losses = logged.filter((id) => counts[id] === undefined).length;
    const calls = mock.world.calls();
    const observed = {
      '-1': calls.filter((c) => c.errcode === -1).length,
      '45009': calls.filter((c) => c.errcode === 45009).length,
      '40014': calls.filter((c) => c.errcode === 40014).length,
      '42001': calls.filter((c) => c.errcode === 42001).length,
      '95007': calls.filter((c) => c.errcode === 95007).length,
      dropped: calls.filter((c) => c.errcode === null).length,
      lost: calls.filter((c) => c.lost === true).length,
      gettoken: calls.filter((c) => c.endpoint === 'getToken').length,
      syncMsg: calls.filter((c) => c.endpoint === 'syncMsg').length,
    };
    console.log(
      `chaos (seed 0x${SEED.toString(16)}): ${logged.length} messages (${customerMsgids.length} from customers) in ${accounts.length} accounts; ` +
        `handled ${ids.length}; losses ${losses}; duplicates ${duplicates}; restarts ${crashes.length} ${JSON.stringify(countBy(crashes, (c) => c))}; ` +
        `faults injected ${faults.length} ${JSON.stringify(countBy(faults, (f) => f))}; ` +
        `answered by the mock ${JSON.stringify(observed)}; pull errors reported ${errors.length} ${JSON.stringify(countBy(errors, (e) => e.name))}; ` +
        `transient handler failures ${failedHandlers}; driver steps ${steps}; mock time slept ${Math.round(slept / 1000)} s`,
    );

    expect(steps).toBeLessThan(MAX_STEPS);
    expect(logged.length).toBeGreaterThanOrEqual(TOTAL);
    expect(crashes).toHaveLength(RESTARTS);
    expect(losses).toBe(0);
    expect(duplicates).toBe(0);
    // Per account, exactly the platform's log, in its order.
    for (const open_kfid of accounts) {
      expect(handled.get(open_kfid)?.map((m) => String(m.msgid))).toEqual(
        mock.world.messages(open_kfid).map((m) => String(m.msgid)),
      );
    }
    for (const msgid of customerMsgids) expect(counts[msgid]).toBe(1);
    expect(new Set(all.map((m) => m.msgtype))).toEqual(
      new Set(['text', 'image', 'location', 'link', 'business_card', 'event']),
    );
    // Every kind of fault was injected and actually answered by the mock.
    expect(new Set(faults)).toEqual(new Set(FAULT_KINDS));
    expect(observed['-1']).toBeGreaterThan(0);
    expect(observed['45009']).toBeGreaterThan(0);
    expect(observed['40014']).toBeGreaterThan(0);
    expect(observed['42001']).toBeGreaterThan(0);
    expect(observed.dropped).toBeGreaterThan(0);
    expect(observed.lost).toBeGreaterThan(0);
    // Whatever failed a pull was reported as a typed error (and the consumer pulled again).
    for (const error of errors) expect(isKfError(error)).toBe(true);
  });
});

describe('chaos: a platform whose cursor never advances', () => {
  /** A consumer of one account on a scripted sync_msg, on a manual clock. */
  function stuckConsumer(next: (cursor: string | undefined) => string) {
    const time = new ManualTime();
    const errors: KfError[] = [];
    const handled: string[] = [];
    // Bounded, so that a pump without the guard fails the assertions instead of spinning forever.
    const source = new FakeSource((request, index) =>
      page([textMsg(`m${index}`, 'wk-a')], next(request.cursor), index < 50 ? 1 : 0),
    );
    const consumer = new KfConsumer(source, {
      handler: (msg) => {
        handled.push(msg.msgid ?? '?');
      },
      accounts: ['wk-a'],
      now: time.now,
      sleep: time.sleep,
      onError: (error) => errors.push(error),
    });
    return { consumer, source, time, errors, handled };
  }

  it.each([
    ['the same next_cursor (A → A)', (cursor: string | undefined) => cursor ?? 'A', 2],
    ['a 2-cycle (A → B → A)', (cursor: string | undefined) => (cursor === 'A' ? 'B' : 'A'), 3],
  ])(
    'stops a pull on %s, reports it to onError and backs off like a failed pull',
    async (_name, next, pages) => {
      const { consumer, source, time, errors, handled } = stuckConsumer(next);
      consumer.start();
      await consumer.idle();
      // One walk: each cursor asked for once, then the repeat is refused instead of asked for.
      expect(source.requests).toHaveLength(pages);
      expect(handled).toHaveLength(pages);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(KfResponseValidationError);
      expect(errors[0]?.message).toMatch(/next_cursor did not advance/);
      // The next pull waits like any failed pull's retry, doubling while it keeps failing.
      expect(time.requested).toEqual([1_000]);
      await time.advance(999);
      expect(source.requests).toHaveLength(pages);
      await time.advance(1);
      await consumer.idle();
      expect(errors).toHaveLength(2);
      expect(time.requested).toEqual([1_000, 2_000]);
      await consumer.stop();
    },
  );
});

import { createKfMock, type KfMock, type KfMockMessageContent, MINUTE } from '@kf/mock';
import type { KfMsg, SyncMsgRequest } from '@kf/types';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deferred, deferred, ManualTime, seeded } from './__fixtures__/consumer.js';
import { KfClient } from './client.js';
import { KfConsumer, type KfConsumerOptions } from './consumer.js';
import { InMemoryCursorStore } from './cursor-store.js';
import { InMemoryDedupStore } from './dedup-store.js';
import { type KfError, KfPlatformBusyError, KfRateLimitError } from './errors.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** A fresh mock behind MSW and a client of it whose retries do not wait. */
function useMock(options: Parameters<typeof createKfMock>[0] = {}) {
  // A fixed start unless a test picks one: the same times on every run.
  const mock = createKfMock({ startTime: Date.UTC(2024, 0, 1), ...options });
  server.resetHandlers(...mock.handlers);
  const kf = new KfClient({
    ...mock.credentials,
    validateResponses: 'throw',
    now: mock.clock.now,
    sleep: async () => {},
  });
  const open_kfid = mock.scenario.createAccount({ name: '售后' });
  const customer = mock.scenario.createCustomer({ nickname: '张三' });
  const say = (content: string) =>
    mock.scenario.customerSends({
      open_kfid,
      external_userid: customer,
      message: { msgtype: 'text', text: { content } },
    });
  return { mock, kf, open_kfid, customer, say };
}

const token = (mock: KfMock, open_kfid: string): string => {
  const value = mock.world.latestCallbackToken(open_kfid);
  if (value === undefined) throw new Error('the mock issued no callback Token yet');
  return value;
};

const logIds = (mock: KfMock, open_kfid: string) =>
  mock.world.messages(open_kfid).map((m) => String(m.msgid));

/** Produces one message of a random type: five message types and two events. */
function producer(mock: KfMock, open_kfid: string, random: () => number) {
  const customers = Array.from({ length: 4 }, (_, i) => mock.scenario.createCustomer({ nickname: `c${i}` }));
  const image = mock.scenario.createMedia({ type: 'image' });
  const sent: { external_userid: string; msgid: string }[] = [];
  return () => {
    const external_userid = customers[Math.floor(random() * customers.length)] ?? '';
    const kind = Math.floor(random() * 7);
    const send = (message: KfMockMessageContent) => {
      sent.push({
        external_userid,
        msgid: mock.scenario.customerSends({ open_kfid, external_userid, message }),
      });
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
    else if (kind === 4) mock.scenario.enterSession({ external_userid, open_kfid, scene: 's' });
    else if (kind === 5 && sent.length > 0) {
      const last = sent.pop();
      if (last !== undefined) mock.scenario.customerRecalls({ open_kfid, ...last });
    } else send({ msgtype: 'text', text: { content: `hello ${random()}` } });
  };
}

const never = <T>(): Promise<T> => new Promise<T>(() => {});

describe('KfConsumer against @kf/mock', () => {
  it('loses no message and handles none twice across six crashes at seeded random points (mid-page, in a handler or a pull)', {
    timeout: 30_000,
  }, async () => {
    const random = seeded(20_261_125);
    const { mock, kf, open_kfid } = useMock({
      seed: 'consumer-crash',
      behaviour: { syncMsgEmptyPageBeforeData: true },
    });
    const produce = producer(mock, open_kfid, random);
    const TOTAL = 300;
    const produced = () => mock.world.messages(open_kfid).length;
    // Shared by every incarnation of the "process", as Redis would be.
    const cursorStore = new InMemoryCursorStore();
    const seen = new InMemoryDedupStore({ now: mock.clock.now });
    // Counts messages skipped because a run before a crash handled them in an unsaved page.
    let skipped = 0;
    const dedupStore = {
      has: async (key: string) => {
        const found = await seen.has(key);
        if (found) skipped += 1;
        return found;
      },
      setIfAbsent: (key: string, ttl: number) => seen.setIfAbsent(key, ttl),
    };
    const handled: KfMsg[] = [];
    const failedOnce = new Set<string>();
    const errors: KfError[] = [];
    let crashesLeft = 6;

    /** One process: it dies at its crash point and never does anything again. */
    const incarnation = () => {
      const life: { dead: boolean; crashed: Deferred<void> } = { dead: false, crashed: deferred() };
      const crashIn = crashesLeft > 0 ? (random() < 0.7 ? 'handler' : 'pull') : 'never';
      const crashAt = 1 + Math.floor(random() * 40);
      let handlerCalls = 0;
      let pulls = 0;
      const die = () => {
        life.dead = true;
        crashesLeft -= 1;
        life.crashed.resolve();
      };
      const source = {
        syncMsg: (request: SyncMsgRequest) => {
          if (life.dead) return never<never>();
          pulls += 1;
          if (crashIn === 'pull' && pulls === crashAt) {
            die();
            return never<never>();
          }
          return kf.syncMsg(request);
        },
      };
      const options: KfConsumerOptions = {
        cursorStore,
        dedupStore,
        limit: 7,
        maxAttempts: 5,
        now: mock.clock.now,
        sleep: async () => {},
        onError: (error) => errors.push(error),
        handler: async (msg) => {
          if (life.dead) return never();
          handlerCalls += 1;
          if (crashIn === 'handler' && handlerCalls === crashAt) {
            // The process dies while the handler runs: its work is not committed.
            die();
            return never();
          }
          await Promise.resolve();
          const msgid = msg.msgid ?? '';
          if (random() < 0.05 && !failedOnce.has(msgid)) {
            failedOnce.add(msgid);
            throw new Error('transient handler failure');
          }
          if (produced() < TOTAL && random() < 0.1) {
            // A customer writes while the page is being handled: a notification arrives mid-pull.
            produce();
            consumer.notify(open_kfid, token(mock, open_kfid));
          }
          handled.push(msg);
        },
      };
      const consumer = new KfConsumer(source, options);
      consumer.start();
      return { consumer, life };
    };

    let current = incarnation();
    let restarts = 0;
    for (;;) {
      if (produced() < TOTAL) {
        const batch = Math.min(TOTAL - produced(), 1 + Math.floor(random() * 40));
        for (let i = 0; i < batch; i += 1) produce();
      }
      current.consumer.notify(open_kfid, token(mock, open_kfid));
      const outcome = await Promise.race([
        current.consumer.idle().then(() => 'idle' as const),
        current.life.crashed.promise.then(() => 'crash' as const),
      ]);
      if (outcome === 'crash') {
        restarts += 1;
        current = incarnation(); // same stores, new process
        continue;
      }
      if (produced() >= TOTAL) break;
    }

    const expected = logIds(mock, open_kfid);
    expect(expected.length).toBeGreaterThanOrEqual(TOTAL);
    expect(restarts).toBe(6);
    expect(handled.map((m) => m.msgid)).toEqual(expected);
    expect(new Set(handled.map((m) => m.msgtype))).toEqual(
      new Set(['text', 'image', 'location', 'link', 'business_card', 'event']),
    );
    expect(new Set(handled.flatMap((m) => (m.msgtype === 'event' ? [m.event.event_type] : [])))).toEqual(
      new Set(['enter_session', 'user_recall_msg']),
    );
    expect(failedOnce.size).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('follows the empty pages the platform may send before data', async () => {
    const { mock, kf, open_kfid, say } = useMock({ behaviour: { syncMsgEmptyPageBeforeData: true } });
    const calls: number[] = [];
    const handled: string[] = [];
    const source = {
      syncMsg: async (request: SyncMsgRequest) => {
        const page = await kf.syncMsg(request);
        calls.push(page.msg_list.length);
        return page;
      },
    };
    const consumer = new KfConsumer(source, { handler: (m) => void handled.push(m.msgid ?? '') });
    consumer.start();
    for (let i = 0; i < 3; i += 1) say(`m${i}`);
    consumer.notify(open_kfid, token(mock, open_kfid));
    await consumer.idle();
    expect(calls).toEqual([0, 3]);
    expect(handled).toEqual(logIds(mock, open_kfid));
  });

  it('skips history on first run, then hands over only new messages', async () => {
    const { mock, kf, open_kfid, say } = useMock();
    for (let i = 0; i < 5; i += 1) say(`old ${i}`);
    const cursorStore = new InMemoryCursorStore();
    const handled: string[] = [];
    const consumer = kf.consumer({
      handler: (m) => void handled.push(m.msgtype === 'text' ? m.text.content : m.msgtype),
      skipHistory: true,
      cursorStore,
      limit: 2,
    });
    consumer.notify(open_kfid, token(mock, open_kfid));
    consumer.start();
    await consumer.idle();
    expect(handled).toEqual([]);
    expect(await cursorStore.get(open_kfid)).toEqual(expect.any(String));
    say('new');
    consumer.notify(open_kfid, token(mock, open_kfid));
    await consumer.idle();
    expect(handled).toEqual(['new']);
  });

  it('pulls without the Token after the platform refuses it (95007)', async () => {
    const { mock, kf, open_kfid, say } = useMock();
    say('hi');
    const handled: string[] = [];
    const errors: KfError[] = [];
    const consumer = kf.consumer({
      handler: (m) => void handled.push(m.msgid ?? ''),
      onError: (e) => errors.push(e),
    });
    consumer.notify(open_kfid, 'ENC_NOT_A_TOKEN_THE_MOCK_ISSUED');
    consumer.start();
    await consumer.idle();
    expect(
      mock.world
        .calls()
        .filter((c) => c.endpoint === 'syncMsg')
        .map((c) => c.errcode),
    ).toEqual([95007, 0]);
    expect(handled).toEqual(logIds(mock, open_kfid));
    expect(errors).toEqual([]);
  });

  it('drops an expired Token itself instead of sending it (10 minutes)', async () => {
    const { mock, kf, open_kfid, say } = useMock();
    say('hi');
    const consumer = kf.consumer({ handler: () => {}, now: mock.clock.now });
    consumer.notify(open_kfid, token(mock, open_kfid));
    mock.clock.advance(10 * MINUTE);
    consumer.start();
    await consumer.idle();
    // Without a Token the mock counts the call against the strict limit but answers it: no 95007.
    expect(
      mock.world
        .calls()
        .filter((c) => c.endpoint === 'syncMsg')
        .map((c) => c.errcode),
    ).toEqual([0]);
  });

  it('backs off after 45009 and pulls once the pause is over', async () => {
    const { mock, kf, open_kfid, say } = useMock();
    say('hi');
    const time = new ManualTime();
    const errors: KfError[] = [];
    const handled: string[] = [];
    const consumer = kf.consumer({
      handler: (m) => void handled.push(m.msgid ?? ''),
      onError: (e) => errors.push(e),
      now: time.now,
      sleep: time.sleep,
    });
    mock.scenario.rateLimit('syncMsg');
    consumer.notify(open_kfid, token(mock, open_kfid));
    consumer.start();
    await consumer.idle();
    expect(errors.map((e) => e.constructor)).toEqual([KfRateLimitError]);
    consumer.notify(open_kfid, token(mock, open_kfid));
    await consumer.idle();
    expect(handled).toEqual([]);
    await time.advance(60_000);
    await consumer.idle();
    expect(handled).toEqual(logIds(mock, open_kfid));
    expect(mock.world.calls().filter((c) => c.endpoint === 'syncMsg')).toHaveLength(2);
  });

  it('lets the client retry −1 and dropped connections, and schedules a pull when the client gives up', async () => {
    const { mock, kf, open_kfid, say } = useMock();
    say('hi');
    const time = new ManualTime();
    const errors: KfError[] = [];
    const handled: string[] = [];
    const consumer = kf.consumer({
      handler: (m) => void handled.push(m.msgid ?? ''),
      onError: (e) => errors.push(e),
      now: time.now,
      sleep: time.sleep,
    });
    // The client's two retries absorb two failures; the third reaches the consumer.
    mock.scenario.systemBusy('syncMsg', { times: 2 });
    mock.scenario.dropNext('syncMsg');
    consumer.notify(open_kfid, token(mock, open_kfid));
    consumer.start();
    await consumer.idle();
    expect(errors.map((e) => e.name)).toEqual(['KfConnectionError']);
    expect(handled).toEqual([]);
    await time.advance(1_000);
    await consumer.idle();
    expect(handled).toEqual(logIds(mock, open_kfid));
    mock.scenario.systemBusy('syncMsg', { times: 3 });
    say('again');
    consumer.notify(open_kfid, token(mock, open_kfid));
    await consumer.idle();
    expect(errors[1]).toBeInstanceOf(KfPlatformBusyError);
  });

  it('survives revoked access tokens: the client refreshes and replays, the handler sees nothing of it', async () => {
    const { mock, kf, open_kfid, say } = useMock();
    say('one');
    const errors: KfError[] = [];
    const handled: string[] = [];
    const consumer = kf.consumer({
      handler: (m) => void handled.push(m.msgid ?? ''),
      onError: (e) => errors.push(e),
    });
    consumer.start();
    consumer.notify(open_kfid, token(mock, open_kfid));
    await consumer.idle();
    mock.scenario.revokeTokens();
    say('two');
    consumer.notify(open_kfid, token(mock, open_kfid));
    await consumer.idle();
    expect(handled).toEqual(logIds(mock, open_kfid));
    expect(errors).toEqual([]);
    expect(
      mock.world
        .calls()
        .filter((c) => c.endpoint === 'syncMsg')
        .map((c) => c.errcode),
    ).toContain(40014);
  });
});

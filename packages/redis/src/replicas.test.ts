/**
 * Replicas in one process: consumers and clients sharing the Redis stores against the standalone
 * mock on loopback. Pulls are driven by notifications only (the consumers' `sleep` never resolves,
 * so no retry or poll fires on its own): every step is explicit and nothing depends on timing.
 */
import { KfClient, KfConsumer, KfConsumerError, type KfError } from '@kf/client';
import { type KfMockServer, start } from '@kf/mock/server';
import type { KfMsg } from '@kf/types';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENTS, cleanUp, redisUrl, type TestClient, testPrefix } from './__fixtures__/redis.js';
import { KfRedisError, type RedisCommands, toRedisCommands } from './adapter.js';
import { RedisTokenStore, redisStores } from './stores.js';

const never = () => new Promise<void>(() => {});

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe.skipIf(redisUrl === undefined).each(CLIENTS)('replicas on $kind', ({ connect }) => {
  let tc: TestClient;
  let redis: RedisCommands;
  let server: KfMockServer;
  let prefix: string;
  let open_kfid: string;
  let customer: string;

  beforeAll(async () => {
    tc = await connect(redisUrl ?? '');
    redis = toRedisCommands(tc.client);
  });
  afterAll(async () => {
    await tc.close();
  });
  beforeEach(async () => {
    prefix = testPrefix();
    server = await start({ seed: 'replicas' });
    open_kfid = server.mock.scenario.createAccount({ name: 'support' });
    customer = server.mock.scenario.createCustomer({ nickname: 'c' });
  });
  afterEach(async () => {
    await server.close();
    await cleanUp((args) => redis.send(args), prefix);
  });

  const client = (tokenClient = tc.client) =>
    new KfClient({
      ...server.mock.credentials,
      baseURL: server.url,
      tokenStore: new RedisTokenStore(tokenClient, { prefix }),
    });
  const says = (text: string) =>
    server.mock.scenario.customerSends({
      open_kfid,
      external_userid: customer,
      message: { msgtype: 'text', text: { content: text } },
    });
  const token = () => server.mock.world.latestCallbackToken(open_kfid);
  const gettokens = () => server.mock.world.calls().filter((c) => c.endpoint === 'getToken').length;

  it('hands each message to one replica once; a notification to the other makes the holder pull again', async () => {
    const handled: { replica: string; msgid: string }[] = [];
    const errors: KfError[] = [];
    let block: ReturnType<typeof deferred> | undefined;
    let entered = deferred();
    const replica = (name: string) =>
      new KfConsumer(client(), {
        ...redisStores(tc.client, { corpId: server.mock.credentials.corpId, prefix }),
        sleep: never,
        onError: (error) => errors.push(error),
        handler: async (msg: KfMsg) => {
          handled.push({ replica: name, msgid: String(msg.msgid) });
          entered.resolve();
          if (block !== undefined) await block.promise;
        },
      });
    const one = replica('one');
    const two = replica('two');
    one.start();
    two.start();

    // 'one' pulls and is held inside its handler, so it holds the lease.
    block = deferred();
    const first = says('hello');
    one.notify(open_kfid, token());
    await entered.promise;
    // A second message; its notification reaches 'two', which must not pull.
    const second = says('are you there?');
    two.notify(open_kfid, token());
    await two.idle();
    expect(handled).toEqual([{ replica: 'one', msgid: first }]);
    // 'one' finishes, takes the mark and pulls once more.
    entered = deferred();
    block.resolve();
    block = undefined;
    await entered.promise;
    await one.idle();
    expect(handled).toEqual([
      { replica: 'one', msgid: first },
      { replica: 'one', msgid: second },
    ]);
    // Now that the lease is free, either replica pulls; nothing is handed over again.
    const third = says('thanks');
    two.notify(open_kfid, token());
    await two.idle();
    one.notify(open_kfid, token());
    await one.idle();
    expect(handled.map((h) => h.msgid)).toEqual([first, second, third]);
    expect(handled[2]?.replica).toBe('two');
    expect(errors).toEqual([]);
    await Promise.all([one.stop(), two.stop()]);
  });

  it('makes one gettoken between five cold clients, and one more after a 40014 seen by all', async () => {
    const clients = Array.from({ length: 5 }, () => client());
    const tokens = await Promise.all(clients.map((kf) => kf.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(gettokens()).toBe(1);
    server.mock.scenario.revokeTokens();
    await Promise.all(clients.map((kf) => kf.account.list({})));
    expect(gettokens()).toBe(2);
    const after = await Promise.all(clients.map((kf) => kf.getAccessToken()));
    expect(new Set(after).size).toBe(1);
    expect(after[0]).not.toBe(tokens[0]);
    // A client started later reads the shared token instead of asking gettoken.
    await client().account.list({});
    expect(gettokens()).toBe(2);
  });

  it('Redis down: a typed error to onError, nothing handled twice, nothing marked that was not', async () => {
    let down: (args: readonly string[]) => boolean = () => false;
    const flaky: RedisCommands = {
      send: (args) =>
        down(args) ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) : redis.send(args),
    };
    const handled: string[] = [];
    const errors: KfError[] = [];
    const consumer = new KfConsumer(client(), {
      ...redisStores(flaky, { corpId: server.mock.credentials.corpId, prefix }),
      sleep: never,
      onError: (error) => errors.push(error),
      handler: (msg) => {
        handled.push(String(msg.msgid));
      },
    });
    consumer.start();
    const stores = redisStores(tc.client, { corpId: server.mock.credentials.corpId, prefix });

    // Redis is down from the start: the lease cannot be taken, nothing is pulled or handled.
    down = () => true;
    const m1 = says('one');
    consumer.notify(open_kfid, token());
    await consumer.idle();
    expect(handled).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(KfConsumerError);
    expect(errors[0]).toMatchObject({ reason: 'lease_store', open_kfid });
    expect(errors[0]?.cause).toBeInstanceOf(KfRedisError);

    // Redis fails only the handled marks: the messages are handled, the marks are not written,
    // the page's cursor is not saved and the error is reported.
    // (Marks of one turn travel together in a script: the fault is on whatever command writes them.)
    down = (args) => args[0] !== 'MGET' && args[0] !== 'EXISTS' && args.some((a) => a.includes(':handled:'));
    const m2 = says('two');
    consumer.notify(open_kfid, token());
    await consumer.idle();
    expect(handled).toEqual([m1, m2]);
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatchObject({ reason: 'dedup_store' });
    expect(await stores.dedupStore.hasMany([`${open_kfid}:${m1}`, `${open_kfid}:${m2}`])).toEqual([
      false,
      false,
    ]);
    expect(await stores.cursorStore.get(open_kfid)).toBeUndefined();

    // Redis is back: the page is pulled again, m1 and m2 are not handed over again, their marks
    // are written, and the cursor moves on.
    down = () => false;
    const m3 = says('three');
    consumer.notify(open_kfid, token());
    await consumer.idle();
    expect(handled).toEqual([m1, m2, m3]);
    expect(errors).toHaveLength(2);
    expect(await stores.dedupStore.hasMany([m1, m2, m3].map((m) => `${open_kfid}:${m}`))).toEqual([
      true,
      true,
      true,
    ]);
    expect(await stores.cursorStore.get(open_kfid)).toEqual(expect.any(String));
    await consumer.stop();
  });
});

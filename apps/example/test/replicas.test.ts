import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KfMockServer } from '@kf/mock/server';
import { start } from '@kf/mock/server';
import { SendMsgContent } from '@kf/types';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockBotConfig } from '../src/config.js';
import { FAQ, MenuId } from '../src/faq.js';
import type { BotServer } from '../src/server.js';
import { startBotServer } from '../src/server.js';

// "Running several replicas" of the README, for real: two bot services with `KF_REDIS_URL` behind a
// round-robin balancer that the standalone mock's callbacks go through, over loopback HTTP, on the
// machine's Redis. Each customer message must be answered once, whichever replica got its callback.
const REDIS_URL = process.env.KF_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'kfExampleReplicas';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const HOURS = FAQ.find((entry) => entry.id === MenuId.OpeningHours);
const CUSTOMERS = 4;
const MESSAGES_EACH = 4;

async function redisAnswers(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const redisUp = await redisAnswers();
if (!redisUp) {
  if (process.env.KF_REQUIRE_REDIS === '1')
    throw new Error(`KF_REQUIRE_REDIS=1 but no Redis answers at ${REDIS_URL}`);
  console.warn(
    `[kf-example] replicas test skipped: no Redis at ${REDIS_URL} (set KF_REDIS_URL or start redis-server)`,
  );
}

/** A load balancer in front of the replicas: each request goes to the next one, in turn. */
async function roundRobin(
  ports: () => readonly number[],
): Promise<{ server: Server; url: string; hits: number[] }> {
  const hits: number[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    const targets = ports();
    const index = next++ % targets.length;
    hits[index] = (hits[index] ?? 0) + 1;
    const upstream = request(
      { host: '127.0.0.1', port: targets[index], method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/callback`, hits };
}

describe.skipIf(!redisUp)('two replicas of the bot on Redis (KF_REDIS_URL)', () => {
  const prefix = `kf-test-example:${randomUUID()}`;
  const handledBy = new Map<string, number[]>();
  let kfMock: KfMockServer;
  let replicas: BotServer[] = [];
  let balancer: Awaited<ReturnType<typeof roundRobin>>;

  beforeAll(async () => {
    kfMock = await start({
      seed: 'kf-example-replicas',
      setup: {
        accounts: [{ name: 'Acme support', servicers: ['zhangsan'] }],
        customers: Array.from({ length: CUSTOMERS }, (_, i) => ({ nickname: `Customer ${i + 1}` })),
      },
    });
    const { mock } = kfMock;
    replicas = await Promise.all(
      [0, 1].map((replica) =>
        startBotServer({
          config: mockBotConfig(
            kfMock,
            { token: TOKEN, encodingAESKey: AES_KEY },
            { redisUrl: REDIS_URL, redisPrefix: prefix },
          ),
          now: mock.clock.now,
          onHandled: (msg) => {
            if (msg.msgid === undefined) return;
            handledBy.set(msg.msgid, [...(handledBy.get(msg.msgid) ?? []), replica]);
          },
        }),
      ),
    );
    balancer = await roundRobin(() => replicas.map((replica) => replica.port));
    mock.callbacks.configure({ url: balancer.url, token: TOKEN, encodingAESKey: AES_KEY });
  }, 30_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    balancer?.server.close();
    await kfMock?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('answers every customer message once, whichever replica the callback reached', async () => {
    const { mock } = kfMock;
    const [account] = kfMock.setup.accounts;
    const open_kfid = account?.open_kfid ?? '';
    for (let round = 0; round < MESSAGES_EACH; round++) {
      for (const customer of kfMock.setup.customers) {
        mock.scenario.customerSends({
          open_kfid,
          external_userid: customer.external_userid,
          message: { msgtype: 'text', text: { content: 'Opening hours', menu_id: MenuId.OpeningHours } },
        });
      }
    }
    await mock.callbacks.flush();
    const msgids = mock.world
      .messages(open_kfid)
      .flatMap((item) => (typeof item.msgid === 'string' ? [item.msgid] : []));
    expect(msgids).toHaveLength(CUSTOMERS * MESSAGES_EACH);
    await expect.poll(() => msgids.filter((msgid) => !handledBy.has(msgid)), { timeout: 20_000 }).toEqual([]);
    await Promise.all(replicas.map((replica) => replica.idle()));

    // Once each: no msgid handed to two replicas (or twice to one), one answer per message.
    expect([...handledBy.values()].filter((replicasOf) => replicasOf.length !== 1)).toEqual([]);
    for (const customer of kfMock.setup.customers) {
      const answers = mock.world.sent({ external_userid: customer.external_userid }).map((sent) => {
        const content = SendMsgContent.parse(sent.content);
        return content.msgtype === 'text' ? content.text.content : content.msgtype;
      });
      expect(answers).toEqual(Array.from({ length: MESSAGES_EACH }, () => HOURS?.answer));
    }
    // The balancer spread the callbacks over both; the token was fetched once between them.
    expect(balancer.hits.filter((count) => count > 0)).toHaveLength(2);
    expect(mock.world.calls().filter((call) => call.endpoint === 'getToken')).toHaveLength(1);
  });
});

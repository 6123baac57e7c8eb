/**
 * One process of benchmark 9 (`node redis-child.js <json>`): a consumer draining accounts of the
 * standalone mock with in-memory stores (`memory`) or with @kf/redis on ioredis (`redis`). It warms
 * up (token in hand, imports loaded), says `ready` over IPC, waits for `go`, notifies every account,
 * and when no pull runs sends `{ ms, handled, msgids }` back (msgids only with `report: true`).
 */
import { performance } from 'node:perf_hooks';
import { KfClient, type KfError } from '@kf/client';
import { RedisTokenStore, redisStores } from '@kf/redis';
import { Redis } from 'ioredis';

interface ChildConfig {
  readonly stores: 'memory' | 'redis';
  readonly url: string;
  readonly corpId: string;
  readonly secret: string;
  readonly accounts: readonly { readonly open_kfid: string; readonly token: string }[];
  readonly redisUrl: string;
  readonly prefix: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const redis = config.stores === 'redis' ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
const kf = new KfClient({
  corpId: config.corpId,
  secret: config.secret,
  baseURL: config.url,
  ...(redis === undefined ? {} : { tokenStore: new RedisTokenStore(redis, { prefix: config.prefix }) }),
});
await kf.getAccessToken();
let handled = 0;
let failure: KfError | undefined;
const consumer = kf.consumer({
  ...(redis === undefined ? {} : redisStores(redis, { corpId: config.corpId, prefix: config.prefix })),
  limit: 1000,
  handler: () => {
    handled += 1;
  },
  onError: (error) => {
    failure = error;
  },
});
consumer.start();
await consumer.idle();
process.send?.('ready');
process.once('message', async () => {
  const started = performance.now();
  for (const { open_kfid, token } of config.accounts) consumer.notify(open_kfid, token);
  await consumer.idle();
  const ms = performance.now() - started;
  await consumer.stop();
  redis?.disconnect();
  process.send?.({ ms, handled, failure: failure?.message });
  process.disconnect();
});

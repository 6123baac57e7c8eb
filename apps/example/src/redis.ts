import { type KfRedisConsumerStores, RedisTokenStore, redisStores } from '@kf/redis';
import { Redis } from 'ioredis';

/** The stores several replicas of the bot share, and how to let go of Redis. */
export interface SharedStores {
  readonly tokenStore: RedisTokenStore;
  /** Spread into the consumer's options; `pollInterval` picks up the accounts of a replica that died. */
  readonly consumer: KfRedisConsumerStores & { readonly pollInterval: number };
  close(): Promise<void>;
}

/**
 * Connects to Redis and builds the shared stores. `maxRetriesPerRequest: 1` makes an outage show up
 * as an error at once (the consumer reports it and retries the pull) instead of queueing commands.
 */
export async function sharedStores(url: string, corpId: string, prefix = 'kf'): Promise<SharedStores> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  return {
    tokenStore: new RedisTokenStore(redis, { prefix }),
    // A minute: pulls without a callback Token are strictly rate limited by the platform.
    consumer: { ...redisStores(redis, { corpId, prefix }), pollInterval: 60_000 },
    close: async () => {
      await redis.quit();
    },
  };
}

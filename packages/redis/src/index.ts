/**
 * `@kf/redis`: Redis stores for `@kf/client`, so that several replicas of one WeCom Customer Service
 * (微信客服) bot behave as one — shared access tokens with a refresh lock, `sync_msg` cursors written
 * under a per-account lease, handled msgids, and the lease itself. Works with ioredis and
 * node-redis (`redis`).
 *
 * @packageDocumentation
 */
export {
  type IoRedisLike,
  type KfRedisClient,
  KfRedisError,
  type NodeRedisLike,
  type RedisCommands,
  toRedisCommands,
} from './adapter.js';
export {
  AccountKeys,
  DEFAULT_CURSOR_TTL,
  DEFAULT_LEASE_TTL,
  DEFAULT_MARK_TTL,
  DEFAULT_PREFIX,
  type KfRedisConsumerStores,
  type KfRedisStoresOptions,
  type KfRedisTokenStoreOptions,
  RedisCursorStore,
  RedisDedupStore,
  RedisLeaseStore,
  RedisTokenStore,
  redisStores,
} from './stores.js';

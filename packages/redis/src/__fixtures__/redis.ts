import { randomUUID } from 'node:crypto';
import { Redis as IORedis } from 'ioredis';
import { createClient } from 'redis';
import { inject } from 'vitest';
import type { KfRedisClient } from '../adapter.js';

/** The Redis URL of this run, or `undefined` when there is none (the suites are skipped). */
export const redisUrl = inject('redisUrl');

/** A connected client of either kind, and how to close it. */
export interface TestClient {
  readonly client: KfRedisClient;
  readonly close: () => Promise<void>;
}

/** Both clients the package supports, for `describe.each`. */
export const CLIENTS = [
  {
    kind: 'ioredis',
    connect: async (url: string): Promise<TestClient> => {
      const client = new IORedis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
      await client.connect();
      return { client, close: async () => void client.disconnect() };
    },
  },
  {
    kind: 'redis',
    connect: async (url: string): Promise<TestClient> => {
      const client = createClient({ url, disableOfflineQueue: true });
      await client.connect();
      return { client, close: async () => void (await client.quit()) };
    },
  },
] as const;

/** A key prefix of its own for one test run, so runs never see each other's keys. */
export function testPrefix(): string {
  return `kf-test:${randomUUID()}`;
}

/** Deletes every key under `prefix` (SCAN, so it never blocks the server). */
export async function cleanUp(send: (args: string[]) => Promise<unknown>, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const reply = (await send(['SCAN', cursor, 'MATCH', `${prefix}*`, 'COUNT', '1000'])) as [
      string,
      string[],
    ];
    cursor = reply[0];
    if (reply[1].length > 0) await send(['DEL', ...reply[1]]);
  } while (cursor !== '0');
}

/** CRC16/XMODEM of the hash tag, as Redis Cluster computes a key's slot. */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  let tagged = key;
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) tagged = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of Buffer.from(tagged)) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i += 1) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

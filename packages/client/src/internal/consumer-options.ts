import { KF_LIFETIMES_MS } from '@kf/types';
import * as z from 'zod';
import type { KfConsumerOptions, KfMessageHandler } from '../consumer-options.js';
import { type CursorStore, InMemoryCursorStore } from '../cursor-store.js';
import { type DedupStore, InMemoryDedupStore } from '../dedup-store.js';
import { InMemoryLeaseStore, type LeaseStore } from '../lease-store.js';
import type { KfLogger, KfLogLevel } from '../logger.js';
import { fn, hasMethods, logger, logLevel, millis, parseOptions } from './option-schema.js';
import { abortableSleep } from './sleep.js';

/** 3 days: how long `sync_msg` keeps messages, so a msgid can never come back after that. */
export const DEFAULT_DEDUP_TTL = KF_LIFETIMES_MS.messageRetention;
/** 10 minutes: how long the callback `Token` is accepted by `sync_msg`. */
export const DEFAULT_TOKEN_TTL = KF_LIFETIMES_MS.callbackToken;
/** 30 seconds: long enough to ride out a slow page, short enough that a dead replica's accounts move on soon. */
export const DEFAULT_LEASE_TTL = 30_000;

const ConsumerOptionsSchema = z.strictObject({
  handler: fn<KfMessageHandler>(),
  accounts: z.array(z.string().min(1, { message: 'an open_kfid must not be empty' })).optional(),
  cursorStore: hasMethods<CursorStore>('a CursorStore', ['get', 'set']).optional(),
  dedupStore: hasMethods<DedupStore>('a DedupStore', ['has', 'setIfAbsent']).optional(),
  dedupTtl: millis().optional(),
  leaseStore: hasMethods<LeaseStore>('a LeaseStore', ['acquire', 'renew', 'release']).optional(),
  leaseTtl: millis(100).optional(),
  skipHistory: z.boolean().optional(),
  maxAttempts: z.number().int().min(1).max(100).optional(),
  redeliveryDelay: millis(0).optional(),
  onDeadLetter: fn<NonNullable<KfConsumerOptions['onDeadLetter']>>().optional(),
  onError: fn<NonNullable<KfConsumerOptions['onError']>>().optional(),
  pollInterval: millis().optional(),
  retryDelay: millis().optional(),
  maxRetryDelay: millis().optional(),
  rateLimitDelay: millis().optional(),
  maxRateLimitDelay: millis().optional(),
  tokenTtl: millis().optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  voice_format: z.union([z.literal(0), z.literal(1)]).optional(),
  logger: logger().optional(),
  logLevel: logLevel().optional(),
  now: fn<() => number>().optional(),
  sleep: fn<(ms: number, signal?: AbortSignal) => Promise<void>>().optional(),
  random: fn<() => number>().optional(),
});

/** The consumer's options with every default filled in. */
export interface ResolvedConsumerOptions {
  readonly handler: KfMessageHandler;
  readonly accounts: readonly string[];
  readonly cursorStore: CursorStore;
  readonly dedupStore: DedupStore;
  readonly dedupTtl: number;
  readonly leaseStore: LeaseStore;
  readonly leaseTtl: number;
  readonly skipHistory: boolean;
  readonly maxAttempts: number;
  readonly redeliveryDelay: number;
  readonly onDeadLetter: KfConsumerOptions['onDeadLetter'];
  readonly onError: KfConsumerOptions['onError'];
  readonly pollInterval: number | undefined;
  readonly retryDelay: number;
  readonly maxRetryDelay: number;
  readonly rateLimitDelay: number;
  readonly maxRateLimitDelay: number;
  readonly tokenTtl: number;
  readonly limit: number | undefined;
  readonly voice_format: 0 | 1 | undefined;
  readonly logger: KfLogger | undefined;
  readonly logLevel: KfLogLevel | 'off';
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

/** Checks the consumer's options and fills in the defaults; throws `KfInvalidOptionsError`. */
export function resolveConsumerOptions(options: KfConsumerOptions): ResolvedConsumerOptions {
  const o = parseOptions(ConsumerOptionsSchema, options, 'consumer options');
  const now = o.now ?? Date.now;
  return {
    handler: o.handler,
    accounts: [...new Set(o.accounts ?? [])],
    cursorStore: o.cursorStore ?? new InMemoryCursorStore(),
    dedupStore: o.dedupStore ?? new InMemoryDedupStore({ now }),
    dedupTtl: o.dedupTtl ?? DEFAULT_DEDUP_TTL,
    leaseStore: o.leaseStore ?? new InMemoryLeaseStore({ now }),
    leaseTtl: o.leaseTtl ?? DEFAULT_LEASE_TTL,
    skipHistory: o.skipHistory ?? false,
    maxAttempts: o.maxAttempts ?? 3,
    redeliveryDelay: o.redeliveryDelay ?? 1_000,
    onDeadLetter: o.onDeadLetter,
    onError: o.onError,
    pollInterval: o.pollInterval,
    retryDelay: o.retryDelay ?? 1_000,
    maxRetryDelay: o.maxRetryDelay ?? 300_000,
    rateLimitDelay: o.rateLimitDelay ?? 60_000,
    maxRateLimitDelay: o.maxRateLimitDelay ?? 3_600_000,
    tokenTtl: o.tokenTtl ?? DEFAULT_TOKEN_TTL,
    limit: o.limit,
    voice_format: o.voice_format,
    logger: o.logger,
    logLevel: o.logLevel ?? 'warn',
    now,
    sleep: o.sleep ?? ((ms: number, signal?: AbortSignal) => abortableSleep(ms, signal, { unref: true })),
    // No jitter unless asked for: the documented delays (1 s, 2 s, 4 s, ...) stay exact.
    random: o.random ?? (() => 0),
  };
}

import * as z from 'zod';
import type { KfHooks } from '../hooks.js';
import type { KfLogger, KfLogLevel } from '../logger.js';
import type { KfCallOptions, KfClientOptions, KfValidationMode } from '../options.js';
import { InMemoryTokenStore, type TokenStore } from '../token-store.js';
import { fn, hasMethods, logger, logLevel, millis, parseOptions } from './option-schema.js';
import { abortableSleep } from './sleep.js';

const nonEmpty = (name: string) =>
  z.string({ message: `${name} must be a string` }).refine((v) => v.trim().length > 0, {
    message: `${name} must not be empty`,
  });

const retries = z.number().int().min(0).max(10);

const ClientOptionsSchema = z.strictObject({
  corpId: nonEmpty('corpId'),
  secret: nonEmpty('secret'),
  baseURL: z
    .string()
    .refine((v) => /^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(v), {
      message: 'baseURL must be an http(s) URL without query or fragment',
    })
    .optional(),
  fetch: fn<typeof fetch>('a fetch function').optional(),
  tokenStore: hasMethods<TokenStore>('a TokenStore', ['get', 'set', 'delete']).optional(),
  maxRetries: retries.optional(),
  timeout: millis().optional(),
  logger: logger().optional(),
  logLevel: logLevel().optional(),
  validateResponses: z.enum(['throw', 'warn', 'off']).optional(),
  hooks: z
    .strictObject({
      onRequest: fn<NonNullable<KfHooks['onRequest']>>('a function').optional(),
      onResponse: fn<NonNullable<KfHooks['onResponse']>>('a function').optional(),
    })
    .optional(),
  tokenRefreshMargin: z.number().int().min(0).optional(),
  configErrorCooldown: z.number().int().min(0).optional(),
  now: fn<() => number>('a function').optional(),
  sleep: fn<(ms: number, signal?: AbortSignal) => Promise<void>>('a function').optional(),
  random: fn<() => number>('a function').optional(),
  maxResponseBytes: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 31 - 1)
    .optional(),
});

const CallOptionsSchema = z.strictObject({
  timeout: millis().optional(),
  signal: z
    .custom<AbortSignal>((v) => v instanceof AbortSignal, { message: 'must be an AbortSignal' })
    .optional(),
  maxRetries: retries.optional(),
  retryUnsafe: z.boolean().optional(),
});

/** The client's options with every default filled in. */
export interface ResolvedOptions {
  readonly corpId: string;
  readonly secret: string;
  readonly baseURL: string;
  readonly fetch: typeof fetch;
  readonly tokenStore: TokenStore;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly logger: KfLogger | undefined;
  readonly logLevel: KfLogLevel | 'off';
  readonly validateResponses: KfValidationMode;
  readonly hooks: KfHooks;
  readonly tokenRefreshMargin: number;
  readonly configErrorCooldown: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly maxResponseBytes: number;
}

/**
 * 8 MiB: the most a JSON response may cost. The largest answer of the API, a `sync_msg` page of
 * 1 000 messages, stays well under it (about 4.5 MB with every text at its 2 048-byte limit and
 * escaped); a larger body is not an answer of the platform.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** The default host of the platform. */
export const DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';

/** Checks `new KfClient(options)` and fills in the defaults; throws `KfInvalidOptionsError`. */
export function resolveOptions(options: KfClientOptions): ResolvedOptions {
  const o = parseOptions(ClientOptionsSchema, options);
  return {
    corpId: o.corpId,
    secret: o.secret,
    baseURL: (o.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
    fetch: o.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    tokenStore: o.tokenStore ?? new InMemoryTokenStore(),
    maxRetries: o.maxRetries ?? 2,
    timeout: o.timeout ?? 30_000,
    logger: o.logger,
    logLevel: o.logLevel ?? 'warn',
    validateResponses: o.validateResponses ?? 'warn',
    hooks: options.hooks ?? {},
    tokenRefreshMargin: o.tokenRefreshMargin ?? 300_000,
    configErrorCooldown: o.configErrorCooldown ?? 60_000,
    now: o.now ?? Date.now,
    sleep: o.sleep ?? abortableSleep,
    random: o.random ?? Math.random,
    maxResponseBytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
}

/** Checks the per-call options; throws `KfInvalidOptionsError`. */
export function checkCallOptions(options: KfCallOptions | undefined): KfCallOptions {
  if (options === undefined) return {};
  // The caller's own object is kept (not zod's copy): its `signal` is passed on as it is.
  parseOptions(CallOptionsSchema, options, 'call options');
  return options;
}

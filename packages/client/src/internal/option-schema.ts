/**
 * The pieces every options schema of the client is built from (client, call, consumer and
 * callback handler options), and the one way a failed check becomes a `KfInvalidOptionsError`.
 * One place, so that "a duration", "a logger" and "a function" mean the same in every options
 * object, and every message reads alike.
 */
import * as z from 'zod';
import { KfInvalidOptionsError } from '../errors.js';
import type { KfLogger } from '../logger.js';

/** The longest delay `setTimeout` honours (2³¹ − 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** A function option (a hook, a clock, a handler). */
export const fn = <T>(what = 'a function') =>
  z.custom<T>((value) => typeof value === 'function', { message: `must be ${what}` });

/** An object option that must have these methods (a store, a logger). */
export const hasMethods = <T>(what: string, methods: readonly string[]) =>
  z.custom<T>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((m) => typeof (value as Record<string, unknown>)[m] === 'function'),
    { message: `must be ${what} with methods ${methods.join(', ')}` },
  );

/** A `logger` option. */
export const logger = () => hasMethods<KfLogger>('a logger', ['debug', 'info', 'warn', 'error']);

/** A `logLevel` option. */
export const logLevel = () => z.enum(['debug', 'info', 'warn', 'error', 'off']);

/** A duration in milliseconds a timer can wait: an integer from `min` (default 1) to {@link MAX_TIMER_MS}. */
export const millis = (min = 1) => z.number().int().min(min).max(MAX_TIMER_MS);

/**
 * `options` checked against `schema`; otherwise a `KfInvalidOptionsError` naming `subject`.
 * zod's messages name the expected type, never the received value, so no secret leaks here.
 */
export function parseOptions<T>(schema: z.ZodType<T>, options: unknown, subject?: string): T {
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  throw new KfInvalidOptionsError(subject === undefined ? { issues } : { issues, subject });
}

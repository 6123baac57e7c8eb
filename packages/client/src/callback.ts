import { createHash } from 'node:crypto';
import { DEFAULT_MAX_XML_BYTES, KfCallbackCrypto, KfCryptoError, KfCryptoErrorCode } from '@kf/crypto';
import { KF_LIFETIMES_MS, KfCallbackEvent } from '@kf/types';
import * as z from 'zod';
import { KfCallbackError, type KfCallbackFailure } from './errors.js';
import { SeenKeys } from './internal/dedupe.js';
import { Log } from './internal/log.js';
import { fn, logger, logLevel, parseOptions } from './internal/option-schema.js';
import { readAtMost } from './internal/read-body.js';
import type { KfLogger, KfLogLevel } from './logger.js';

/** What the event handler gets besides the event. */
export interface KfCallbackContext {
  /** When the notification arrived (epoch milliseconds). */
  readonly receivedAt: number;
}

/** Options of {@link createCallbackHandler}. Unknown or invalid options throw `KfInvalidOptionsError`. */
export interface KfCallbackHandlerOptions {
  /** The callback Token configured with the URL (used only for signatures). */
  readonly token: string;
  /** The callback EncodingAESKey: 43 characters. */
  readonly encodingAESKey: string;
  /**
   * The ReceiveId every message must carry: the corpid for a self-built app. `null` skips the
   * check (third-party suites, where it varies).
   */
  readonly corpId: string | null;
  /**
   * Called once per new notification: for `kf_msg_or_event`, pull with
   * `kf.syncMsgPages({ open_kfid: event.OpenKfId, token: event.Token, cursor })`. When it runs is
   * set by `dispatch` (default: right after the answer is produced). A throw or rejection is
   * reported to `onError` as `KfCallbackError` (reason `'handler'`, status 0); the answer stays
   * `200 success`.
   */
  readonly onEvent: (event: KfCallbackEvent, context: KfCallbackContext) => void | Promise<void>;
  /**
   * When `onEvent` runs; default `'after-response'`.
   *
   * - `'after-response'`: the handler answers `200 success` at once and starts `onEvent` in a
   *   microtask right after (not a timer, so it also runs under fake timers). WeCom waits at most
   *   5 seconds for the answer and resends otherwise, so the pull must not hold it up. Keep the
   *   synchronous part of `onEvent` short; the pull it starts is asynchronous. In serverless
   *   runtimes that may stop work once the response is returned (Cloudflare Workers, Vercel,
   *   Next.js route handlers), also pass `waitUntil`.
   * - `'before-response'`: the handler awaits `onEvent` and answers after it settled — for a
   *   runtime without `waitUntil` that freezes after the response. `onEvent` must then finish
   *   well within WeCom's 5 seconds (a resend that arrives meanwhile is answered as a duplicate).
   */
  readonly dispatch?: 'after-response' | 'before-response';
  /**
   * The runtime's "keep running until this settles" hook, given each notification's dispatch
   * promise (which never rejects: failures go to `onError`): `waitUntil` from `@vercel/functions`,
   * `after` from `next/server`. For Cloudflare Workers, whose `ctx` differs per request, pass it
   * per call instead: `handler(request, ctx)`. Default: none (Node keeps running anyway).
   */
  readonly waitUntil?: (promise: Promise<void>) => void;
  /**
   * Every refused request (including {@link toNodeListener}'s 500 for a body a framework already
   * consumed) and every failed `onEvent`; default: logged at `warn` (refusals) or `error` (a
   * failed `onEvent`, a 500).
   */
  readonly onError?: (error: KfCallbackError) => void;
  /**
   * How far the signed `timestamp` may be from this server's clock, in seconds; default 300. A
   * captured request replayed later is refused (403) once it is older; within the tolerance, a
   * replay is suppressed by the de-duplication (see `dedupTtl`).
   */
  readonly timestampTolerance?: number;
  /**
   * How long an identical notification is suppressed, in milliseconds; default 600 000 (the
   * 10 minutes a `Token` lives), or `2 × timestampTolerance` when that is longer. WeCom resends a
   * notification it got no timely 200 for.
   *
   * It is also the replay protection: a notification passes the timestamp check during
   * `2 × timestampTolerance` (its timestamp may be up to the tolerance behind or ahead of this
   * server's clock), and a captured copy replayed in that span is only refused while it is still
   * remembered. So it must be at least `2 × timestampTolerance × 1000`; a shorter window
   * (including 0) throws `KfInvalidOptionsError`. Named like `KfConsumer`'s `dedupTtl`, which
   * remembers handled msgids the same way.
   */
  readonly dedupTtl?: number;
  /** @deprecated Use `dedupTtl` (the consumer's name); `dedupeWindow` is still read until the next minor release. */
  readonly dedupeWindow?: number;
  /**
   * Largest accepted body in bytes; default 65 536 ({@link DEFAULT_CALLBACK_MAX_BODY_BYTES}; larger:
   * 413). {@link toNodeListener} reads no more than this either, unless given its own bound.
   */
  readonly maxBodyBytes?: number;
  /** Where to log; default nowhere. Secrets are never logged. */
  readonly logger?: KfLogger;
  /** Lowest level passed to `logger`; default `'warn'`. */
  readonly logLevel?: KfLogLevel | 'off';
  /**
   * Clock in epoch milliseconds that `timestamp` is checked against; default `Date.now`. For tests:
   * `@kf/mock`'s clock starts at the current time, so the default accepts its callbacks; once a test
   * moves the mock's clock, pass `now: () => mock.clock.now()`.
   */
  readonly now?: () => number;
}

/**
 * A framework-neutral callback endpoint: a Web `Request` in, a `Response` out. Never rejects.
 *
 * The optional second argument carries the runtime's per-request `waitUntil`, so Cloudflare
 * Workers' `ExecutionContext` fits as is: `fetch: (request, env, ctx) => handler(request, ctx)`.
 * It takes precedence over the `waitUntil` option.
 */
export interface KfCallbackHandler {
  (request: Request, runtime?: { readonly waitUntil?: (promise: Promise<void>) => void }): Promise<Response>;
  /**
   * Resolves once every `onEvent` started so far (and any started while waiting) has settled,
   * failures included (they went to `onError`). For tests (`await handler(request); await
   * handler.idle()` — no timers involved) and for a graceful shutdown.
   */
  idle(): Promise<void>;
}

/**
 * Where {@link toNodeListener} reports a refusal it makes itself (a body a framework already
 * consumed), so that it reaches the handler's own `onError` or logger. Not exported publicly.
 *
 * @internal
 */
export const callbackReporter: unique symbol = Symbol.for('@kf/client/callback-reporter');

/**
 * Where {@link toNodeListener} finds the handler's `maxBodyBytes`, so that one callback route has
 * one body limit: the listener stops reading where the handler would refuse anyway.
 *
 * @internal
 */
export const callbackBodyLimit: unique symbol = Symbol.for('@kf/client/callback-body-limit');

/**
 * 64 KiB, `@kf/crypto`'s bound on a callback XML body: real callbacks are a few hundred bytes. The
 * default body limit of the callback route, in the handler and in {@link toNodeListener} alike.
 */
export const DEFAULT_CALLBACK_MAX_BODY_BYTES: number = DEFAULT_MAX_XML_BYTES;

/** Default `timestampTolerance`, seconds. */
const DEFAULT_TOLERANCE_S = 300;
/** Default `dedupTtl`, milliseconds: the 10 minutes a callback `Token` lives. */
const DEFAULT_DEDUPE_MS = KF_LIFETIMES_MS.callbackToken;

const OptionsSchema = z
  .strictObject({
    token: z.string().min(1, { message: 'token must not be empty' }),
    encodingAESKey: z
      .string()
      .regex(/^[a-zA-Z0-9]{43}$/, { message: 'encodingAESKey must be 43 letters or digits' }),
    corpId: z.string().nullable(),
    onEvent: fn<KfCallbackHandlerOptions['onEvent']>(),
    onError: fn<NonNullable<KfCallbackHandlerOptions['onError']>>().optional(),
    dispatch: z.enum(['after-response', 'before-response']).optional(),
    waitUntil: fn<NonNullable<KfCallbackHandlerOptions['waitUntil']>>().optional(),
    timestampTolerance: z.number().int().positive().optional(),
    dedupTtl: z.number().int().min(0).optional(),
    dedupeWindow: z.number().int().min(0).optional(),
    maxBodyBytes: z.number().int().positive().optional(),
    logger: logger().optional(),
    logLevel: logLevel().optional(),
    now: fn<() => number>().optional(),
  })
  .superRefine((o, ctx) => {
    // A replay is refused only by the timestamp check or by being remembered: see `dedupTtl`.
    const tolerance = o.timestampTolerance ?? DEFAULT_TOLERANCE_S;
    // The deprecated name is read when the new one is absent; the message names the one given.
    const [name, ttl] =
      o.dedupTtl === undefined && o.dedupeWindow !== undefined
        ? ['dedupeWindow', o.dedupeWindow]
        : ['dedupTtl', o.dedupTtl];
    if (ttl !== undefined && ttl < 2 * tolerance * 1000) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message:
          `${name} (${ttl} ms) must be at least 2 × timestampTolerance ` +
          `(${2 * tolerance * 1000} ms): a notification passes the timestamp check for that long, ` +
          'and a replayed copy is refused only while it is remembered',
      });
    }
  });

const NOTIFY_PARAMS = ['msg_signature', 'timestamp', 'nonce'] as const;
const VERIFY_PARAMS = [...NOTIFY_PARAMS, 'echostr'] as const;

/**
 * At most this many notifications are remembered for de-duplication (about 12 MB): 166 a second
 * for the whole default 10-minute window. None is forgotten before its window ends, whatever
 * the rate, because a replay inside the window must never be delivered; beyond this many, a new
 * notification is answered 503 (WeCom resends it later) rather than making room by forgetting.
 */
export const DEDUPE_CAPACITY = 100_000;

/** What each crypto failure answers. */
function failureOf(error: KfCryptoError): { reason: KfCallbackFailure; status: number } {
  switch (error.errcode) {
    case KfCryptoErrorCode.ValidateSignatureError:
      return { reason: 'signature', status: 403 };
    case KfCryptoErrorCode.ValidateCorpidError:
      return { reason: 'receive_id', status: 403 };
    case KfCryptoErrorCode.ParseXmlError:
      return { reason: 'body', status: 400 };
    default:
      return { reason: 'decrypt', status: 400 };
  }
}

/**
 * The callback URL's handler (回调): GET answers the URL verification with exactly the decrypted
 * `echostr`; POST checks the signature (constant time), the timestamp tolerance and the
 * ReceiveId, decrypts and parses the notification into a typed `KfCallbackEvent`, answers 200
 * `success` at once, and then hands the event to `onEvent` — once per notification within the
 * de-duplication window (see `dispatch` for when, and `waitUntil` for serverless runtimes). Bad
 * input gets 400/403/405/413 and a `KfCallbackError` to `onError`; the returned promise never
 * rejects. `handler.idle()` waits for the `onEvent` calls in flight.
 *
 * Mount it with any framework that speaks `Request`/`Response` (Hono, Next.js route handlers,
 * Bun, Deno; Cloudflare Workers with `handler(request, ctx)`), or with {@link toNodeListener} for
 * `node:http`, Express and Fastify (which answers 500 when a framework already consumed the body).
 *
 * @throws KfInvalidOptionsError for invalid options, including a `dedupTtl` shorter than
 * `2 × timestampTolerance`, which would let a captured notification be replayed.
 */
export function createCallbackHandler(options: KfCallbackHandlerOptions): KfCallbackHandler {
  parseOptions(OptionsSchema, options, 'callback handler options');
  const now = options.now ?? Date.now;
  const tolerance = (options.timestampTolerance ?? DEFAULT_TOLERANCE_S) * 1000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_CALLBACK_MAX_BODY_BYTES;
  const crypto = new KfCallbackCrypto({
    token: options.token,
    encodingAESKey: options.encodingAESKey,
    receiveId: options.corpId,
    maxBodyBytes,
  });
  const log = new Log(options.logger, options.logLevel ?? 'warn', () => [
    options.token,
    options.encodingAESKey,
  ]);
  const dedupTtl = options.dedupTtl ?? options.dedupeWindow ?? Math.max(DEFAULT_DEDUPE_MS, 2 * tolerance);
  // +1: SeenKeys forgets a key once `ttl` has passed, while the timestamp check still accepts a
  // skew of exactly `tolerance`; the window is inclusive so that boundary instant is covered too.
  const seen = new SeenKeys(dedupTtl + 1, DEDUPE_CAPACITY, now);
  const dispatchMode = options.dispatch ?? 'after-response';
  /** `onEvent` runs in flight; each promise never rejects. */
  const inflight = new Set<Promise<void>>();

  const report = (error: KfCallbackError) => {
    if (options.onError === undefined) {
      // A failed onEvent or a 500 (a misconfigured route) is this server's fault: an error.
      const level = error.reason === 'handler' || error.status >= 500 ? 'error' : 'warn';
      log[level](error.message, { reason: error.reason, status: error.status });
      return;
    }
    try {
      options.onError(error);
    } catch (hookError) {
      log.error('the callback onError hook threw', {
        error: hookError instanceof Error ? hookError.message : String(hookError),
      });
    }
  };

  const refuse = (reason: KfCallbackFailure, status: number, message: string, cause?: unknown): Response => {
    report(
      new KfCallbackError({ reason, status, message: `callback refused (${status}): ${message}`, cause }),
    );
    return new Response(reason === 'method' ? 'method not allowed' : 'bad request', {
      status,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        ...(reason === 'method' ? { allow: 'GET, POST' } : {}),
      },
    });
  };

  const checkTimestamp = (query: URLSearchParams): string | undefined => {
    const timestamp = query.get('timestamp');
    if (timestamp === null || !/^\d{1,12}$/.test(timestamp))
      return 'timestamp is missing or not unix seconds';
    const skew = Math.abs(now() - Number(timestamp) * 1000);
    return skew > tolerance
      ? `timestamp is ${Math.round(skew / 1000)} s away from this server's clock`
      : undefined;
  };

  const handleGet = (query: URLSearchParams): Response => {
    const echo = crypto.verifyUrl(query);
    const stale = checkTimestamp(query);
    if (stale !== undefined) return refuse('timestamp', 403, stale);
    // Exactly the plaintext: no quotes, no BOM, no newline (doc 91144).
    return new Response(echo, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  };

  /** Runs `onEvent` from a microtask; the promise settles when it did and never rejects. */
  const dispatch = (event: KfCallbackEvent, context: KfCallbackContext): Promise<void> => {
    const run: Promise<void> = Promise.resolve()
      .then(() => options.onEvent(event, context))
      .then(
        () => undefined,
        (error: unknown) =>
          report(
            new KfCallbackError({
              reason: 'handler',
              status: 0,
              message: 'the callback onEvent handler failed',
              cause: error,
            }),
          ),
      )
      .finally(() => inflight.delete(run));
    inflight.add(run);
    return run;
  };

  const handlePost = async (
    request: Request,
    query: URLSearchParams,
    runtime: Runtime | undefined,
  ): Promise<Response> => {
    const length = Number(request.headers.get('content-length') ?? '0');
    if (length > maxBodyBytes) return refuse('body', 413, `the body is larger than ${maxBodyBytes} bytes`);
    const body = await readAtMost(request.body, maxBodyBytes);
    if (body === null) return refuse('body', 413, `the body is larger than ${maxBodyBytes} bytes`);
    const decrypted = crypto.decryptCallback(query, body);
    const stale = checkTimestamp(query);
    if (stale !== undefined) return refuse('timestamp', 403, stale);
    const event = KfCallbackEvent.safeParse(decrypted.fields);
    if (!event.success) {
      const where = event.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
      return refuse('event', 400, `the decrypted notification is not a valid callback (${where})`);
    }
    const key = createHash('sha256').update(decrypted.xml).digest('hex');
    const seenBefore = seen.check(key);
    if (seenBefore === 'seen') {
      log.debug('duplicate callback notification suppressed');
      return ok();
    }
    if (seenBefore === 'full') {
      return refuse(
        'overload',
        503,
        `${DEDUPE_CAPACITY} notifications are already remembered for de-duplication; WeCom will resend this one`,
      );
    }
    const run = dispatch(event.data, { receivedAt: now() });
    // Handed over synchronously, while the runtime still counts this request as running.
    try {
      if (runtime?.waitUntil !== undefined) runtime.waitUntil(run);
      else options.waitUntil?.(run);
    } catch (error) {
      report(
        new KfCallbackError({
          reason: 'handler',
          status: 0,
          message: 'waitUntil threw; onEvent runs but may be cut short',
          cause: error,
        }),
      );
    }
    // By default answer first: WeCom waits at most 5 seconds and resends otherwise.
    if (dispatchMode === 'before-response') await run;
    return ok();
  };

  const handle = async (request: Request, runtime?: Runtime): Promise<Response> => {
    try {
      if (request.method !== 'GET' && request.method !== 'POST') {
        return refuse('method', 405, `method ${request.method} is not GET or POST`);
      }
      const query = new URL(request.url).searchParams;
      const required = request.method === 'GET' ? VERIFY_PARAMS : NOTIFY_PARAMS;
      const missing = required.find((name) => !query.has(name));
      if (missing !== undefined) return refuse('query', 400, `the query has no ${missing}`);
      return request.method === 'GET' ? handleGet(query) : await handlePost(request, query, runtime);
    } catch (error) {
      if (error instanceof KfCryptoError) {
        const { reason, status } = failureOf(error);
        return refuse(reason, status, error.message, error);
      }
      return refuse('body', 400, 'the request could not be read', error);
    }
  };

  const idle = async (): Promise<void> => {
    while (inflight.size > 0) await Promise.all(inflight);
  };

  return Object.assign(handle, { idle, [callbackReporter]: report, [callbackBodyLimit]: maxBodyBytes });
}

/** The per-request runtime hooks: the second argument of a {@link KfCallbackHandler}. */
type Runtime = { readonly waitUntil?: (promise: Promise<void>) => void };

function ok(): Response {
  return new Response('success', { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

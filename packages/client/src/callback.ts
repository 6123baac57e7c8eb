import { createHash } from 'node:crypto';
import { KfCallbackCrypto, KfCryptoError, KfCryptoErrorCode } from '@kf/crypto';
import { KfCallbackEvent } from '@kf/types';
import * as z from 'zod';
import { KfCallbackError, type KfCallbackFailure, KfInvalidOptionsError } from './errors.js';
import { SeenKeys } from './internal/dedupe.js';
import { Log } from './internal/log.js';
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
   * Called once per new notification, after the HTTP answer is sent: for `kf_msg_or_event`, pull
   * with `kf.syncMsgPages({ open_kfid: event.OpenKfId, token: event.Token, cursor })`. A throw or
   * rejection is reported to `onError` as `KfCallbackError` (reason `'handler'`).
   */
  readonly onEvent: (event: KfCallbackEvent, context: KfCallbackContext) => void | Promise<void>;
  /** Every refused request and every failed `onEvent`; default: logged at `warn` / `error`. */
  readonly onError?: (error: KfCallbackError) => void;
  /**
   * How far the signed `timestamp` may be from this server's clock, in seconds; default 300. A
   * captured request replayed later is refused (403) once it is older.
   */
  readonly timestampTolerance?: number;
  /**
   * How long an identical notification is suppressed, in milliseconds; default 600 000 (the
   * 10 minutes a `Token` lives). WeCom resends a notification it got no timely 200 for.
   */
  readonly dedupeWindow?: number;
  /** Largest accepted body in bytes; default 65 536 (larger: 413). */
  readonly maxBodyBytes?: number;
  /** Where to log; default nowhere. Secrets are never logged. */
  readonly logger?: KfLogger;
  /** Lowest level passed to `logger`; default `'warn'`. */
  readonly logLevel?: KfLogLevel | 'off';
  /** Clock in epoch milliseconds; default `Date.now`. For tests. */
  readonly now?: () => number;
}

/** A framework-neutral callback endpoint: a Web `Request` in, a `Response` out. Never rejects. */
export type KfCallbackHandler = (request: Request) => Promise<Response>;

const fn = <T>() => z.custom<T>((v) => typeof v === 'function', { message: 'must be a function' });

const OptionsSchema = z.strictObject({
  token: z.string().min(1, { message: 'token must not be empty' }),
  encodingAESKey: z
    .string()
    .regex(/^[a-zA-Z0-9]{43}$/, { message: 'encodingAESKey must be 43 letters or digits' }),
  corpId: z.string().nullable(),
  onEvent: fn<KfCallbackHandlerOptions['onEvent']>(),
  onError: fn<NonNullable<KfCallbackHandlerOptions['onError']>>().optional(),
  timestampTolerance: z.number().int().positive().optional(),
  dedupeWindow: z.number().int().min(0).optional(),
  maxBodyBytes: z.number().int().positive().optional(),
  logger: z
    .custom<KfLogger>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        ['debug', 'info', 'warn', 'error'].every(
          (m) => typeof (v as Record<string, unknown>)[m] === 'function',
        ),
      { message: 'must be a logger with debug, info, warn and error' },
    )
    .optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'off']).optional(),
  now: fn<() => number>().optional(),
});

const NOTIFY_PARAMS = ['msg_signature', 'timestamp', 'nonce'] as const;
const VERIFY_PARAMS = [...NOTIFY_PARAMS, 'echostr'] as const;

/** At most this many notifications are remembered for de-duplication. */
const DEDUPE_CAPACITY = 10_000;

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
 * de-duplication window. Bad input gets 400/403/405/413 and a `KfCallbackError` to `onError`;
 * the returned promise never rejects.
 *
 * Mount it with any framework that speaks `Request`/`Response` (Hono, Next.js route handlers,
 * Bun, Deno), or with {@link toNodeListener} for `node:http`, Express and Fastify.
 */
export function createCallbackHandler(options: KfCallbackHandlerOptions): KfCallbackHandler {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new KfInvalidOptionsError(
      parsed.error.issues.map((i) => ({ path: i.path, message: i.message })),
      'callback handler options',
    );
  }
  const now = options.now ?? Date.now;
  const tolerance = (options.timestampTolerance ?? 300) * 1000;
  const maxBodyBytes = options.maxBodyBytes ?? 65_536;
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
  const seen = new SeenKeys(options.dedupeWindow ?? 600_000, DEDUPE_CAPACITY, now);

  const report = (error: KfCallbackError) => {
    if (options.onError === undefined) {
      const level = error.reason === 'handler' ? 'error' : 'warn';
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
    report(new KfCallbackError(reason, status, `callback refused (${status}): ${message}`, { cause }));
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

  const handlePost = async (request: Request, query: URLSearchParams): Promise<Response> => {
    const length = Number(request.headers.get('content-length') ?? '0');
    if (length > maxBodyBytes) return refuse('body', 413, `the body is larger than ${maxBodyBytes} bytes`);
    const body = await readBody(request, maxBodyBytes);
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
    if (seen.check(key)) {
      log.debug('duplicate callback notification suppressed');
      return ok();
    }
    const context = { receivedAt: now() };
    // Answer first: WeCom waits at most 5 seconds and resends otherwise; the pull happens after.
    setTimeout(() => {
      Promise.resolve()
        .then(() => options.onEvent(event.data, context))
        .catch((error: unknown) =>
          report(new KfCallbackError('handler', 0, 'the callback onEvent handler failed', { cause: error })),
        );
    }, 0);
    return ok();
  };

  return async (request) => {
    try {
      if (request.method !== 'GET' && request.method !== 'POST') {
        return refuse('method', 405, `method ${request.method} is not GET or POST`);
      }
      const query = new URL(request.url).searchParams;
      const required = request.method === 'GET' ? VERIFY_PARAMS : NOTIFY_PARAMS;
      const missing = required.find((name) => !query.has(name));
      if (missing !== undefined) return refuse('query', 400, `the query has no ${missing}`);
      return request.method === 'GET' ? handleGet(query) : await handlePost(request, query);
    } catch (error) {
      if (error instanceof KfCryptoError) {
        const { reason, status } = failureOf(error);
        return refuse(reason, status, error.message, error);
      }
      return refuse('body', 400, 'the request could not be read', error);
    }
  };
}

/** The body, or `null` as soon as it exceeds `maxBytes` (the rest is cancelled, never buffered). */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function ok(): Response {
  return new Response('success', { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

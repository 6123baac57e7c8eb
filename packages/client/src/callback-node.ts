import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  callbackBodyLimit,
  callbackReporter,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  type KfCallbackHandler,
} from './callback.js';
import { KfCallbackError } from './errors.js';

/** A `node:http` request, possibly with a body a framework already read (Express, Fastify). */
type NodeRequest = IncomingMessage & { readonly body?: unknown; readonly rawBody?: unknown };

/** Options of {@link toNodeListener}. */
export interface KfNodeListenerOptions {
  /**
   * Larger uploads get 413 without being buffered; default the handler's own `maxBodyBytes`
   * (64 KiB unless set), so the route has one limit, or 64 KiB for a handler of your own.
   */
  readonly maxBodyBytes?: number;
  /**
   * Longest wait for the whole body, in milliseconds; default 5 000 (WeCom itself waits 5 s for
   * the answer, so a slower body is not WeCom's). A body still incomplete then gets 408 and the
   * connection is closed: a client trickling bytes cannot hold the server's connections.
   */
  readonly bodyTimeout?: number;
}

/** Default {@link KfNodeListenerOptions.bodyTimeout}, ms. */
const DEFAULT_BODY_TIMEOUT_MS = 5_000;

/** What reading the request body came to. */
type BodyResult =
  | { readonly kind: 'body'; readonly bytes: Uint8Array }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'spent'; readonly error: KfCallbackError };

/** How to mount the route so that the exact bytes reach the handler. */
const MOUNTING =
  'mount the callback route before any body parser, or give it a raw or text one that keeps the ' +
  "exact bytes on req.body or req.rawBody (Express: express.text({ type: '*/*' }); Fastify: a " +
  'string content-type parser, then pass request.body along with request.raw)';

/**
 * Adapts a {@link KfCallbackHandler} to `node:http`'s `(req, res)`; never rejects and never hangs.
 *
 * The signature covers the exact bytes WeCom sent, so the handler needs the raw body:
 *
 * - `node:http`: `http.createServer(listener)`; the body is read from the stream.
 * - Express: `app.all('/kf/callback', listener)` registered before `express.json()` and other
 *   body parsers, or with a text parser of its own for every media type:
 *   `app.all('/kf/callback', express.text({ type: () => true }), listener)` (the same as
 *   `type: '*' + '/*'`). A string or Buffer on `req.body` is used as the body (so is
 *   `req.rawBody`, as set by a `verify` callback or a raw-body plugin); an Express 4 parser that
 *   did not match leaves `{}` and the unread stream, which is then read.
 * - Fastify: Fastify reads the body before the route runs, so keep it as a string in the
 *   route's own plugin scope and pass it along:
 *   ```ts
 *   app.register(async (scope) => {
 *     scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
 *     scope.all('/kf/callback', async (request, reply) => {
 *       reply.hijack(); // the listener writes the answer itself
 *       await listener(Object.assign(request.raw, { body: request.body }), reply.raw);
 *     });
 *   });
 *   ```
 *
 * When the stream was already consumed and no string or Buffer body is left (a parser turned it
 * into an object, or read it and dropped it), the signature cannot be checked: the listener
 * answers **500** with a `KfCallbackError` (reason `'body'`, status 500) that says how to mount
 * the route, reported to the handler's `onError` (or its logger). Other unreadable requests
 * (aborted uploads, a bad URL) get 400; uploads over `maxBodyBytes` get 413 unread, and a body
 * not complete within `bodyTimeout` gets 408; both are reported to the handler's `onError`.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: KfNodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const own = handler as {
    readonly [callbackReporter]?: (error: KfCallbackError) => void;
    readonly [callbackBodyLimit]?: number;
  };
  const maxBodyBytes = options.maxBodyBytes ?? own[callbackBodyLimit] ?? DEFAULT_CALLBACK_MAX_BODY_BYTES;
  const bodyTimeout = options.bodyTimeout ?? DEFAULT_BODY_TIMEOUT_MS;
  const report = own[callbackReporter];
  return async (req, res) => {
    let response: Response;
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const method = req.method ?? 'GET';
      const read =
        method === 'POST' ? await readBody(req as NodeRequest, maxBodyBytes, bodyTimeout) : undefined;
      if (read?.kind === 'too_large' || read?.kind === 'timeout') {
        // Stop reading an oversized or trickled upload instead of holding it: WeCom's callbacks
        // are small and sent at once. Reported like every other refusal.
        const status = read.kind === 'too_large' ? 413 : 408;
        report?.(
          new KfCallbackError({
            reason: 'body',
            status,
            message:
              read.kind === 'too_large'
                ? `callback refused (413): the body is larger than ${maxBodyBytes} bytes`
                : `callback refused (408): the body did not arrive within ${bodyTimeout} ms`,
          }),
        );
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end(status === 413 ? 'payload too large' : 'request timeout');
        return;
      }
      if (read?.kind === 'spent') {
        report?.(read.error);
        response = new Response(read.error.message, {
          status: read.error.status,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
      } else if (read?.kind === 'aborted') {
        response = new Response('bad request', { status: 400 });
      } else {
        const headers = new Headers();
        const type = req.headers['content-type'];
        if (typeof type === 'string') headers.set('content-type', type);
        response = await handler(
          new Request(url, { method, headers, ...(read === undefined ? {} : { body: read.bytes }) }),
        );
      }
    } catch {
      // The handler itself never throws; this is an unreadable request (stream error, bad URL).
      response = new Response('bad request', { status: 400 });
    }
    const text = await response.text();
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(text);
  };
}

/**
 * The raw body: a string or Buffer a framework left on `req.rawBody` / `req.body`, else the
 * stream. Settles in every case — a stream that already ended, was destroyed, or closes before
 * its end never fires `data`/`end` again, and waiting for them would hang until WeCom gives up.
 */
function readBody(req: NodeRequest, maxBytes: number, timeoutMs: number): Promise<BodyResult> {
  for (const candidate of [req.rawBody, req.body]) {
    if (typeof candidate === 'string') {
      return Promise.resolve({ kind: 'body', bytes: new TextEncoder().encode(candidate) });
    }
    if (candidate instanceof Uint8Array) return Promise.resolve({ kind: 'body', bytes: candidate });
  }
  if (req.readableEnded) return Promise.resolve({ kind: 'spent', error: spentError(req.body) });
  if (req.destroyed || req.readableAborted) return Promise.resolve({ kind: 'aborted' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      cleanup();
      req.pause();
      resolve({ kind: 'timeout' });
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.byteLength;
      if (size > maxBytes) {
        // Stop buffering but leave the socket alone, so the 413 can still be written.
        cleanup();
        req.pause();
        resolve({ kind: 'too_large' });
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      cleanup();
      resolve({ kind: 'body', bytes: Buffer.concat(chunks) });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // 'close' before 'end': the client went away mid-upload without an 'error'.
    const onClose = () => {
      cleanup();
      resolve({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** The 500 for a body stream something else consumed, saying why and how to mount the route. */
function spentError(body: unknown): KfCallbackError {
  const what =
    typeof body === 'object' && body !== null
      ? 'a body parser already turned the request body into an object, and the signature covers ' +
        'the exact bytes WeCom sent, so it cannot be checked on a re-serialised body'
      : 'the request body stream was already read by something else, and no string or Buffer ' +
        'body was left on req.body or req.rawBody';
  return new KfCallbackError({
    reason: 'body',
    status: 500,
    message: `callback refused (500): ${what}; ${MOUNTING}`,
  });
}

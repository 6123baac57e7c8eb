import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KfCallbackHandler } from './callback.js';

/** A `node:http` request, possibly with a body a framework already read (Express, Fastify). */
type NodeRequest = IncomingMessage & { readonly body?: unknown; readonly rawBody?: unknown };

/** Options of {@link toNodeListener}. */
export interface KfNodeListenerOptions {
  /** Larger uploads get 413 without being buffered; default 1 048 576 (1 MiB). */
  readonly maxBodyBytes?: number;
}

/**
 * Adapts a {@link KfCallbackHandler} to `node:http`'s `(req, res)`: `http.createServer(listener)`,
 * `app.all('/kf/callback', listener)` in Express, or `(request, reply) => listener(request.raw,
 * reply.raw)` in Fastify. The raw body is read from the stream; when a body parser already
 * consumed it, a string or Buffer `req.rawBody` / `req.body` is used instead (a parsed object is
 * not: the signature covers the exact bytes, so mount the route before JSON/XML parsers or give
 * it a text parser). Never rejects.
 */
export function toNodeListener(
  handler: KfCallbackHandler,
  options: KfNodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  return async (req, res) => {
    let response: Response;
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const method = req.method ?? 'GET';
      const body = method === 'POST' ? await readBody(req as NodeRequest, maxBodyBytes) : undefined;
      if (body === null) {
        // Stop reading an oversized upload instead of buffering it: WeCom's callbacks are small.
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end('payload too large');
        return;
      }
      const headers = new Headers();
      const type = req.headers['content-type'];
      if (typeof type === 'string') headers.set('content-type', type);
      response = await handler(
        new Request(url, { method, headers, ...(body === undefined ? {} : { body }) }),
      );
    } catch {
      // The handler itself never throws; this is an unreadable request (aborted upload, bad URL).
      response = new Response('bad request', { status: 400 });
    }
    const text = await response.text();
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(text);
  };
}

/** The raw body, or `null` when it is larger than `maxBytes`. */
function readBody(req: NodeRequest, maxBytes: number): Promise<Uint8Array | null> {
  for (const candidate of [req.rawBody, req.body]) {
    if (typeof candidate === 'string') return Promise.resolve(new TextEncoder().encode(candidate));
    if (candidate instanceof Uint8Array) return Promise.resolve(candidate);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.byteLength;
      if (size > maxBytes) {
        // Stop buffering but leave the socket alone, so the 413 can still be written.
        cleanup();
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

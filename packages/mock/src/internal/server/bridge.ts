import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BodyBound, bodyBoundOf } from './body-bound.js';

/** Headers that describe one hop, not the request; `fetch`'s `Request` sets its own. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'expect',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);

/**
 * Reads the body, at most `maxBytes`: `undefined` as soon as it is known to be larger (from
 * `Content-Length`, or while reading), and the request is paused so nothing more is read.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.pause();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error('the client closed the connection before the body ended'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * The path and query of a request target: origin-form as is, absolute-form (what HTTP proxies
 * send, `GET http://host/cgi-bin/gettoken?…`) reduced to its path and query; `undefined` for
 * anything else (`*`, authority-form).
 */
export function targetPath(target: string | undefined): string | undefined {
  const value = target ?? '/';
  if (value.startsWith('/')) return value;
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    const url = new URL(value);
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/** A request turned into a Fetch `Request`, or the answer given instead, at once. */
export type Bridged = { readonly request: Request } | { readonly refused: Response };

/**
 * Turns a node:http request into a Fetch `Request` on `origin` (the mock's base URL), whatever
 * Host the client used, so the MSW handlers match it. The body is read only up to its route's
 * bound ({@link bodyBoundOf}); a larger one, or a request target that is no path, is refused.
 */
export async function toFetchRequest(
  req: IncomingMessage,
  origin: string,
  signal?: AbortSignal,
): Promise<Bridged> {
  const path = targetPath(req.url);
  if (path === undefined) {
    return {
      refused: Response.json(
        { errcode: 400, errmsg: 'kf-mock takes a request target that is a path (or an absolute URL)' },
        { status: 400 },
      ),
    };
  }
  const url = new URL(`${origin}${path}`);
  const bound: BodyBound = bodyBoundOf(url);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    const value = req.rawHeaders[i + 1] ?? '';
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, value);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req, bound.maxBytes);
  if (body === undefined && method !== 'GET' && method !== 'HEAD') return { refused: bound.refuse() };
  return {
    request: new Request(url, {
      method,
      headers,
      ...(signal === undefined ? {} : { signal }),
      ...(body === undefined ? {} : { body: new Uint8Array(body) }),
    }),
  };
}

/** Writes a Fetch `Response` to node:http, streaming the body with backpressure. */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'transfer-encoding' && name !== 'connection') res.appendHeader(name, value);
  }
  if (response.body === null) {
    res.end();
    return;
  }
  for await (const chunk of response.body) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
      if (res.destroyed) return;
    }
  }
  res.end();
}

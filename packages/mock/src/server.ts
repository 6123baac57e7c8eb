/**
 * `@kf/mock/server`: the mock as a standalone HTTP server for apps in any language, with the
 * control API under `/__kf_mock`. Node only.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import type { KfMock } from './create-kf-mock.js';
import { createKfMock } from './create-kf-mock.js';
import { KfMockError } from './errors.js';
import { answerConsole, isConsolePath } from './internal/console/assets.js';
import { watcherOf } from './internal/console/watch.js';
import { handleControl, isControlPath } from './internal/control/handler.js';
import { applySetup } from './internal/control/setup.js';
import { CLIENT_IP_HEADER } from './internal/pipeline.js';
import { toFetchRequest, writeResponse } from './internal/server/bridge.js';
import type { KfMockOptions } from './options.js';
import type { KfMockSetup, KfMockSetupResult } from './setup.js';

export type { KfMockWorldEvent, KfMockWorldSnapshot } from './internal/console/watch.js';
export type { KfMockSetup, KfMockSetupResult } from './setup.js';

/** Options of {@link start}: where to listen, a starting world, and every `createKfMock` option. */
export interface KfMockServerOptions extends Omit<KfMockOptions, 'baseURL' | 'baseUrl'> {
  /** TCP port; default 0 (one chosen by the OS, see {@link KfMockServer.port}). */
  readonly port?: number;
  /** Interface to listen on; default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Accounts, servicers, customers and callback configuration to create at start. */
  readonly setup?: KfMockSetup;
}

/** A running standalone mock. */
export interface KfMockServer {
  /** Base URL of the API, e.g. `http://127.0.0.1:51234`; the API is at `${url}/cgi-bin/...`. */
  readonly url: string;
  /** The port listened on. */
  readonly port: number;
  /** The mock behind the server: drive it in-process as well. */
  readonly mock: KfMock;
  /** What `setup` created (empty lists without one). */
  readonly setup: KfMockSetupResult;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

function hostInUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** How long a refused upload's connection stays open for its answer to be read. */
const REFUSED_LINGER_MS = 2_000;

/**
 * The path part of a handler's path when it is a plain one (an optional `http(s)://host:port`
 * origin, then a path without wildcards, parameters or pattern characters); `undefined` for any
 * other handler (a RegExp, `*`, `:id`…), which is then a candidate for every request.
 */
function plainPathOf(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  const parts = /^(https?:\/\/[A-Za-z0-9.-]+(?::\d+)?)?(\/[^*:?()+{}#\\]*)$/i.exec(path);
  return parts?.[2];
}

/** A request path or a handler's path as MSW compares them: letters in any case, a trailing `/` optional. */
function routeKey(pathname: string): string {
  return pathname.toLowerCase().replace(/\/+$/, '');
}

/**
 * The handlers that could answer `pathname`, in their order. MSW's `getResponse` tries every
 * handler in turn, and each try parses the request's URL, compiles the handler's path and parses
 * the request's cookies: with the mock's forty-odd handlers that was a fifth of the server's time.
 * Every handler MSW could match is kept (a plain path matches when it equals the request's path up
 * to letter case and a trailing slash; any other handler is always kept), and MSW still does the
 * matching, so the answer is the one `getResponse` gives with all the handlers.
 */
const candidates = new WeakMap<readonly HttpHandler[], Map<string, HttpHandler[]>>();

function handlersFor(handlers: readonly HttpHandler[], pathname: string): HttpHandler[] {
  let byKey = candidates.get(handlers);
  if (byKey === undefined) {
    byKey = new Map();
    candidates.set(handlers, byKey);
  }
  const key = routeKey(pathname);
  let list = byKey.get(key);
  if (list === undefined) {
    list = handlers.filter((handler) => {
      const path = plainPathOf(handler.info.path);
      return path === undefined || routeKey(path) === key;
    });
    // Bounded: request paths are chosen by clients, so the table is reset rather than grown.
    if (byKey.size >= 256) byKey.clear();
    byKey.set(key, list);
  }
  return list;
}

async function answer(mock: KfMock, url: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Aborted when the client goes away before the answer is complete, which ends a long-lived
  // answer (the `/events` stream). Not after a complete answer: nothing listens then, and an
  // abort (a DOMException and its listeners, per request) was a tenth of the server's time.
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  // The request carries the signal from the start: building it again with one cost a second
  // Request (and a hand-over of the body stream) per request.
  const bridged = await toFetchRequest(req, mock.credentials.baseURL, gone.signal);
  if ('refused' in bridged) {
    // The rest of the body is never read: the answer goes out at once and the connection closes
    // (after a short linger, so the client can read the answer before its upload is cut).
    await writeResponse(res, bridged.refused);
    req.socket.end();
    setTimeout(() => req.socket.destroy(), REFUSED_LINGER_MS).unref();
    return;
  }
  const { request } = bridged;
  // The platform's errmsg names the caller's address (`from ip: ...`); a client cannot choose it.
  request.headers.set(CLIENT_IP_HEADER, req.socket.remoteAddress ?? '');
  const pathname = new URL(request.url).pathname;
  const response = isControlPath(pathname)
    ? await handleControl(mock, url, request)
    : isConsolePath(pathname)
      ? await answerConsole(request)
      : ((await getResponse(handlersFor(mock.handlers, pathname), request)) ??
        Response.json({ errcode: 404, errmsg: `kf-mock has no endpoint ${pathname}` }, { status: 404 }));
  // Each request changes the world at most one step: comparing after each one shows every step.
  watcherOf(mock).tick();
  if (response.type === 'error') {
    // A dropped-connection fault: the client sees the socket close without an answer.
    req.socket.destroy();
    return;
  }
  await writeResponse(res, response);
}

/**
 * Starts the mock as an HTTP server: the kf API at `http://127.0.0.1:PORT/cgi-bin/...` (the same
 * MSW handlers, run through `getResponse`), the control API at `/__kf_mock/...`.
 *
 * @example
 * ```ts
 * const server = await start({ port: 0, seed: 'my-tests' });
 * // point any client at server.url with server.mock.credentials
 * await server.close();
 * ```
 * @throws {@link KfMockError} when the port cannot be listened on or the options or setup are invalid.
 */
export async function start(options: KfMockServerOptions = {}): Promise<KfMockServer> {
  const { port = 0, host = '127.0.0.1', setup, ...mockOptions } = options;
  let mock: KfMock | undefined;
  let url = '';
  const server = createServer((req, res) => {
    if (mock === undefined) {
      res.writeHead(503).end();
      return;
    }
    answer(mock, url, req, res).catch((error: unknown) => {
      options.logger?.error('@kf/mock server failed to answer', { error });
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'internal_error', message: 'the mock failed to answer' } }));
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new KfMockError(`cannot listen on ${host}:${port}: ${cause.message}`, { cause })),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${hostInUrl(host)}:${address.port}`;
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  try {
    mock = createKfMock({
      fetch: (request) => fetch(request),
      ...mockOptions,
      baseURL: url,
    });
    const created = setup === undefined ? { accounts: [], customers: [] } : applySetup(mock, setup);
    return { url, port: address.port, mock, setup: created, close };
  } catch (error) {
    await close();
    throw error;
  }
}

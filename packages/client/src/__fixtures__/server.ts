import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KfClient } from '../client.js';
import type { KfClientOptions } from '../options.js';

/** A request as the loopback server saw it. */
export interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** The body parsed as JSON, when it is. */
  readonly json: unknown;
}

/** What a route answers: a JSON body, or full control over the response. */
export type Reply =
  | Record<string, unknown>
  | ((res: ServerResponse) => void | Promise<void>)
  | { readonly hang: true }
  | { readonly destroy: true };

export type Route = (request: Seen, index: number) => Reply | Promise<Reply>;

export interface TestServer {
  readonly url: string;
  readonly seen: Seen[];
  /** Requests to one path. */
  on(path: string): Seen[];
  close(): Promise<void>;
}

export const SECRET = 'sekret-do-not-leak-0123456789';
export const CORP_ID = 'ww-test-corp';
export const TOKEN = 'ACCESS_TOKEN_AAAAAAAAAAAAAAAAAAAA';
export const TOKEN_2 = 'ACCESS_TOKEN_BBBBBBBBBBBBBBBBBBBB';

/**
 * A `node:http` server on a free loopback port. `routes` maps a path to its answers; `gettoken`
 * answers `TOKEN` unless a route replaces it. Each path keeps its own call counter.
 */
export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const seen: Seen[] = [];
  const counters = new Map<string, number>();
  const sockets = new Set<import('node:net').Socket>();
  const allRoutes: Record<string, Route> = {
    '/cgi-bin/gettoken': () => ({ errcode: 0, errmsg: 'ok', access_token: TOKEN, expires_in: 7200 }),
    ...routes,
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://localhost');
    let json: unknown;
    try {
      json = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      json = undefined;
    }
    const request: Seen = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      json,
    };
    seen.push(request);
    const route = allRoutes[url.pathname];
    if (route === undefined) {
      res.writeHead(404).end('no route');
      return;
    }
    const index = counters.get(url.pathname) ?? 0;
    counters.set(url.pathname, index + 1);
    const reply = await route(request, index);
    if (typeof reply === 'function') {
      await reply(res);
    } else if ('hang' in reply) {
      // Never answer: the client's timeout must fire.
    } else if ('destroy' in reply) {
      req.socket.destroy();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    on: (path) => seen.filter((s) => s.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A controllable clock and the waits the client asked for. */
export interface TestRuntime {
  time: number;
  readonly sleeps: number[];
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
}

export function testRuntime(start = 1_700_000_000_000): TestRuntime {
  const runtime: TestRuntime = {
    time: start,
    sleeps: [],
    now: () => runtime.time,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      runtime.sleeps.push(ms);
      runtime.time += ms;
    },
    random: () => 0.5,
  };
  return runtime;
}

/** A client against `server` with an injected clock, instant sleeps and fixed jitter. */
export function clientFor(
  server: TestServer,
  overrides: Partial<KfClientOptions> = {},
  runtime: TestRuntime = testRuntime(),
): KfClient {
  return new KfClient({
    corpId: CORP_ID,
    secret: SECRET,
    baseURL: server.url,
    now: runtime.now,
    sleep: runtime.sleep,
    random: runtime.random,
    ...overrides,
  });
}

export const ok = (fields: Record<string, unknown> = {}) => ({ errcode: 0, errmsg: 'ok', ...fields });
export const fail = (errcode: number, errmsg = `error ${errcode}`) => ({ errcode, errmsg });

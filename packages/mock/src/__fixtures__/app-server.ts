import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A request the fake app received. */
export interface Received {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** Decides the answer to one request; `'hang'` never answers (a timeout for the sender). */
export type Responder = (request: Received, index: number) => { status: number; body?: string } | 'hang';

/** A loopback HTTP server standing in for the app that receives callbacks. */
export interface AppServer {
  readonly url: string;
  readonly received: Received[];
  respond(responder: Responder): void;
  close(): Promise<void>;
}

/** Starts the fake app on a port from the OS; it answers 200 with an empty body by default. */
export async function startAppServer(): Promise<AppServer> {
  let responder: Responder = () => ({ status: 200 });
  const received: Received[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const request: Received = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'http://127.0.0.1'),
      headers: req.headers,
      body,
    };
    received.push(request);
    const answer = responder(request, received.length - 1);
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kf/callback`,
    received,
    respond(next) {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One fake app for a test file, started before its tests and closed after them; before each test
 * it forgets what it received and answers 200 again.
 */
export function useAppServer(): AppServer {
  let server: AppServer | undefined;
  const current = (): AppServer => {
    if (server === undefined) throw new Error('the app server exists inside tests only');
    return server;
  };
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    current().received.length = 0;
    current().respond(() => ({ status: 200 }));
  });
  return {
    get url() {
      return current().url;
    },
    get received() {
      return current().received;
    },
    respond: (responder) => current().respond(responder),
    close: () => current().close(),
  };
}

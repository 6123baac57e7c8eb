import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCallbackXml } from '@kf/crypto';
import type { KfCallbackEvent } from '@kf/types';
import { describe, expect, it } from 'vitest';
import { AES_KEY, CORP, HANDLER_OPTIONS, NOW, platform, TOKEN } from './__fixtures__/callback.js';
import {
  createCallbackHandler,
  DEFAULT_CALLBACK_MAX_BODY_BYTES,
  type KfCallbackHandler,
} from './callback.js';
import { toNodeListener } from './callback-node.js';
import { KfCallbackError } from './errors.js';
import * as mainEntry from './index.js';
import * as nodeEntry from './node.js';

/** A signed notification: the query string and the exact XML body WeCom would POST. */
function notification(token: string): { search: string; body: string } {
  const xml = buildCallbackXml({
    ToUserName: CORP,
    CreateTime: '1348831860',
    MsgType: 'event',
    Event: 'kf_msg_or_event',
    Token: token,
    OpenKfId: 'wkxxxxxxx',
  });
  const { body, query } = platform.encryptCallback(xml, { timestamp: String(NOW / 1000), nonce: 'n1' });
  return { search: `?${new URLSearchParams({ ...query })}`, body };
}

interface Setup {
  readonly handler: KfCallbackHandler;
  readonly events: KfCallbackEvent[];
  readonly errors: KfCallbackError[];
}

function setup(extra: { readonly maxBodyBytes?: number } = {}): Setup {
  const events: KfCallbackEvent[] = [];
  const errors: KfCallbackError[] = [];
  const handler = createCallbackHandler({
    ...extra,
    ...HANDLER_OPTIONS,
    onEvent: (event) => {
      events.push(event);
    },
    onError: (error) => errors.push(error),
  });
  return { handler, events, errors };
}

/**
 * A loopback server whose `before` plays the framework: it may consume the body stream and leave
 * something on `req.body` before the listener runs. Every listener call is kept, to be awaited.
 */
async function serve(
  listener: ReturnType<typeof toNodeListener>,
  before: (req: IncomingMessage) => Promise<void>,
) {
  const calls: Promise<void>[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    calls.push(before(req).then(() => listener(req, res)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads the whole stream the way body-parser does, so that `req.readableEnded` is true after. */
async function consume(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  expect(req.readableEnded).toBe(true);
  return Buffer.concat(chunks);
}

describe('toNodeListener with a body a framework already read', () => {
  it('answers 500 with a KfCallbackError saying how to mount the route, instead of hanging, when a parser left an object', async () => {
    const s = setup();
    const server = await serve(toNodeListener(s.handler), async (req) => {
      // As express.json({ type: '*/*' }) or an XML parser would leave it.
      await consume(req);
      Object.assign(req, { body: { xml: { Encrypt: 'x' } } });
    });
    try {
      const { search, body } = notification('PARSED');
      const response = await fetch(`${server.base}/kf/callback${search}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body,
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toMatch(/already turned the request body into an object/);
      expect(text).toContain("express.text({ type: '*/*' })");
      await Promise.all(server.calls);
      expect(s.errors).toHaveLength(1);
      expect(s.errors[0]).toBeInstanceOf(KfCallbackError);
      expect(s.errors[0]).toMatchObject({ reason: 'body', status: 500 });
      expect(s.errors[0]?.message).toContain('Fastify');
      expect(s.errors[0]?.message).not.toContain(TOKEN);
      expect(s.errors[0]?.message).not.toContain(AES_KEY);
      await s.handler.idle();
      expect(s.events).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('answers 500 instead of hanging when the stream was read and nothing was left on req.body', async () => {
    const s = setup();
    const server = await serve(toNodeListener(s.handler), async (req) => {
      await consume(req);
    });
    try {
      const { search, body } = notification('DROPPED');
      const response = await fetch(`${server.base}/kf/callback${search}`, { method: 'POST', body });
      expect(response.status).toBe(500);
      expect(await response.text()).toMatch(/already read by something else/);
      await Promise.all(server.calls);
      expect(s.errors.map((e) => [e.reason, e.status])).toEqual([['body', 500]]);
      await s.handler.idle();
      expect(s.events).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("logs that 500 at error level through the handler's logger when there is no onError", async () => {
    const lines: string[] = [];
    const log = (level: string) => (message: string) => lines.push(`${level} ${message}`);
    const handler = createCallbackHandler({
      ...HANDLER_OPTIONS,
      onEvent: () => {},
      logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    });
    const server = await serve(toNodeListener(handler), async (req) => {
      await consume(req);
    });
    try {
      const { search, body } = notification('LOGGED');
      const response = await fetch(`${server.base}/kf/callback${search}`, { method: 'POST', body });
      expect(response.status).toBe(500);
      await Promise.all(server.calls);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error callback refused \(500\): the request body stream was already read/);
    } finally {
      await server.close();
    }
  });

  it('uses a Buffer on req.body (express.raw) and a raw body next to a parsed one (req.rawBody)', async () => {
    const s = setup();
    let mode: 'raw' | 'verify' = 'raw';
    const server = await serve(toNodeListener(s.handler), async (req) => {
      const bytes = await consume(req);
      if (mode === 'raw') Object.assign(req, { body: bytes });
      else Object.assign(req, { body: { parsed: true }, rawBody: bytes });
    });
    try {
      for (const [m, token] of [
        ['raw', 'RAW_BUFFER'],
        ['verify', 'RAW_BODY'],
      ] as const) {
        mode = m;
        const { search, body } = notification(token);
        const response = await fetch(`${server.base}/kf/callback${search}`, { method: 'POST', body });
        expect(response.status).toBe(200);
      }
      await Promise.all(server.calls);
      await s.handler.idle();
      expect(s.events.map((e) => (e.Event === 'kf_msg_or_event' ? e.Token : e.Event))).toEqual([
        'RAW_BUFFER',
        'RAW_BODY',
      ]);
      expect(s.errors).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("reads the stream when a parser that did not match left {} on req.body (Express 4's json())", async () => {
    const s = setup();
    const server = await serve(toNodeListener(s.handler), async (req) => {
      Object.assign(req, { body: {} });
    });
    try {
      const { search, body } = notification('UNPARSED');
      const response = await fetch(`${server.base}/kf/callback${search}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body,
      });
      expect(response.status).toBe(200);
      await s.handler.idle();
      expect(s.events).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('settles for a request destroyed before the listener ran', async () => {
    const s = setup();
    let destroyed: () => void = () => {};
    const gone = new Promise<void>((resolve) => {
      destroyed = resolve;
    });
    const server = await serve(toNodeListener(s.handler), async (req) => {
      req.destroy();
      await new Promise((resolve) => req.once('close', resolve));
      destroyed();
    });
    try {
      const { search, body } = notification('GONE');
      const answered = new Promise<string>((resolve) => {
        const req = httpRequest(`${server.base}/kf/callback${search}`, { method: 'POST' }, (res) => {
          res.resume();
          resolve(String(res.statusCode));
        });
        req.on('error', () => resolve('connection closed'));
        req.end(body);
      });
      await gone;
      expect(await answered).toBe('connection closed');
      // The listener itself finished: nothing left waiting for events that can no longer come.
      await Promise.all(server.calls);
      expect(s.errors).toEqual([]);
      expect(s.events).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('one body limit for the callback route', () => {
  /** POSTs `size` bytes through `listener`; the status (or a closed connection) and the refusals. */
  async function post(listener: ReturnType<typeof toNodeListener>, size: number) {
    const server = await serve(listener, async () => {});
    try {
      const status = await fetch(`${server.base}/kf/callback${notification('T').search}`, {
        method: 'POST',
        body: new Uint8Array(size).fill(60),
      }).then(
        (r) => r.status,
        () => 'connection closed',
      );
      await Promise.all(server.calls);
      return status;
    } finally {
      await server.close();
    }
  }

  it("stops reading at the handler's maxBodyBytes, not at a bound of its own", async () => {
    const { handler, errors } = setup({ maxBodyBytes: 1_000 });
    expect([413, 'connection closed']).toContain(await post(toNodeListener(handler), 1_001));
    expect(errors.map((e) => e.message)).toEqual([
      'callback refused (413): the body is larger than 1000 bytes',
    ]);
  });

  it('defaults to DEFAULT_CALLBACK_MAX_BODY_BYTES (64 KiB) in both layers, and an own bound still wins', async () => {
    expect(DEFAULT_CALLBACK_MAX_BODY_BYTES).toBe(65_536);
    const { handler, errors } = setup();
    await post(toNodeListener(handler), DEFAULT_CALLBACK_MAX_BODY_BYTES + 1);
    expect(errors.map((e) => e.message)).toEqual([
      'callback refused (413): the body is larger than 65536 bytes',
    ]);
    errors.length = 0;
    await post(toNodeListener(handler, { maxBodyBytes: 10 }), 11);
    expect(errors.map((e) => e.message)).toEqual([
      'callback refused (413): the body is larger than 10 bytes',
    ]);
  });
});

describe('where toNodeListener is exported', () => {
  it('is the Node-only entry @kf/client/node, and the deprecated main-entry export is the same function', () => {
    expect(nodeEntry.toNodeListener).toBe(toNodeListener);
    expect(mainEntry.toNodeListener).toBe(nodeEntry.toNodeListener);
  });
});

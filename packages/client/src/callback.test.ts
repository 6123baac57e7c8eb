import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCallbackXml, KfCallbackCrypto } from '@kf/crypto';
import type { KfCallbackEvent } from '@kf/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AES_KEY, CORP, HANDLER_OPTIONS, NOW, platform, TOKEN, URL_BASE } from './__fixtures__/callback.js';
import { createCallbackHandler, type KfCallbackHandler, type KfCallbackHandlerOptions } from './callback.js';
import { toNodeListener } from './callback-node.js';
import { KfCallbackError, KfInvalidOptionsError } from './errors.js';

const kfMsg = (token = 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR', openKfId = 'wkxxxxxxx') =>
  buildCallbackXml({
    ToUserName: CORP,
    CreateTime: '1348831860',
    MsgType: 'event',
    Event: 'kf_msg_or_event',
    Token: token,
    OpenKfId: openKfId,
  });

function post(xml: string, options: { timestamp?: string; crypto?: KfCallbackCrypto } = {}): Request {
  const { body, query } = (options.crypto ?? platform).encryptCallback(xml, {
    timestamp: options.timestamp ?? String(NOW / 1000),
    nonce: 'nonce123',
  });
  const url = new URL(URL_BASE);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return new Request(url, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
}

interface Harness {
  readonly handler: KfCallbackHandler;
  readonly events: KfCallbackEvent[];
  readonly errors: KfCallbackError[];
  /** Resolves after the next onEvent call. */
  nextEvent(): Promise<KfCallbackEvent>;
}

function harness(overrides: Partial<KfCallbackHandlerOptions> = {}): Harness {
  const events: KfCallbackEvent[] = [];
  const errors: KfCallbackError[] = [];
  let waiters: ((e: KfCallbackEvent) => void)[] = [];
  const handler = createCallbackHandler({
    ...HANDLER_OPTIONS,
    onEvent: (event) => {
      events.push(event);
      for (const w of waiters) w(event);
      waiters = [];
    },
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return {
    handler,
    events,
    errors,
    nextEvent: () => new Promise((resolve) => waiters.push(resolve)),
  };
}

/**
 * Asserts that nothing was delivered — after letting any dispatch the handler started run, so
 * that a wrongly delivered request is seen (checked right after the answer, it would not be yet).
 */
async function expectNoEvent(h: Harness): Promise<void> {
  await h.handler.idle();
  expect(h.events).toEqual([]);
}

describe('createCallbackHandler', () => {
  it('answers URL verification with exactly the decrypted echostr', async () => {
    const { handler } = harness();
    const query = platform.encryptEchostr('1616140317555161061', {
      timestamp: String(NOW / 1000),
      nonce: 'n1',
    });
    const url = new URL(URL_BASE);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const response = await handler(new Request(url));
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes)).toBe('1616140317555161061');
    expect(bytes[0]).not.toBe(0xef); // no BOM
  });

  it('refuses URL verification with a wrong signature (403) or a stale timestamp (403)', async () => {
    const h = harness();
    const verify = async (query: Record<string, string>) => {
      const url = new URL(URL_BASE);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      return h.handler(new Request(url));
    };
    const good = platform.encryptEchostr('123', { timestamp: String(NOW / 1000), nonce: 'n1' });
    expect((await verify({ ...good, msg_signature: '0'.repeat(40) })).status).toBe(403);
    const stale = platform.encryptEchostr('123', { timestamp: String(NOW / 1000 - 3600), nonce: 'n1' });
    expect((await verify({ ...stale })).status).toBe(403);
    const { echostr: _omitted, ...withoutEchostr } = good;
    expect((await verify(withoutEchostr)).status).toBe(400);
    expect(h.errors.map((e) => e.reason)).toEqual(['signature', 'timestamp', 'query']);
    await expectNoEvent(h);
  });

  it('decrypts a kf_msg_or_event notification, answers 200 at once and then calls onEvent', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = harness({ onEvent: () => gate });
    const response = await h.handler(post(kfMsg()));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('success');
    release();
    const seen = harness();
    const next = seen.nextEvent();
    await seen.handler(post(kfMsg()));
    const event = await next;
    expect(event).toEqual({
      ToUserName: CORP,
      CreateTime: 1348831860,
      MsgType: 'event',
      Event: 'kf_msg_or_event',
      Token: 'ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR',
      OpenKfId: 'wkxxxxxxx',
    });
  });

  it('parses kf_account_auth_change and unknown events', async () => {
    const h = harness();
    let next = h.nextEvent();
    await h.handler(
      post(
        buildCallbackXml({
          ToUserName: CORP,
          FromUserName: 'sys',
          CreateTime: '1348831860',
          MsgType: 'event',
          Event: 'kf_account_auth_change',
          AuthAddOpenKfId: ['wk1', 'wk2'],
          AuthDelOpenKfId: 'wk3',
        }),
      ),
    );
    expect(await next).toMatchObject({
      Event: 'kf_account_auth_change',
      AuthAddOpenKfId: ['wk1', 'wk2'],
      AuthDelOpenKfId: ['wk3'],
    });
    next = h.nextEvent();
    await h.handler(post(buildCallbackXml({ ToUserName: CORP, MsgType: 'event', Event: 'change_contact' })));
    expect(await next).toMatchObject({ Event: 'unknown', raw: { Event: 'change_contact' } });
  });

  it('suppresses a duplicate notification but still answers 200', async () => {
    const h = harness();
    const first = h.nextEvent();
    expect((await h.handler(post(kfMsg('T1')))).status).toBe(200);
    await first;
    expect((await h.handler(post(kfMsg('T1')))).status).toBe(200);
    await h.handler.idle();
    expect(h.events).toHaveLength(1);
    const third = h.nextEvent();
    expect((await h.handler(post(kfMsg('T2')))).status).toBe(200);
    await third;
    expect(h.events.map((e) => (e.Event === 'kf_msg_or_event' ? e.Token : e.Event))).toEqual(['T1', 'T2']);
  });

  it.each([
    ['dedupTtl', { dedupTtl: 2000 }],
    ['the deprecated dedupeWindow', { dedupeWindow: 2000 }],
  ])('delivers the same notification again after the de-duplication window (%s)', async (_label, ttl) => {
    let now = NOW;
    const h = harness({ now: () => now, ...ttl, timestampTolerance: 1 });
    await h.handler(post(kfMsg('T1')));
    now += 2000;
    await h.handler(post(kfMsg('T1'), { timestamp: String(now / 1000) }));
    await h.handler.idle();
    expect(h.events).toHaveLength(1);
    now += 1000;
    await h.handler(post(kfMsg('T1'), { timestamp: String(now / 1000) }));
    await h.handler.idle();
    expect(h.events).toHaveLength(2);
  });

  it('suppresses a replay for as long as its timestamp passes (dedupeWindow ≥ 2 × tolerance)', async () => {
    // Signed 300 s ahead of this clock (the most the tolerance allows), then replayed when the
    // same timestamp is 300 s behind: 600 s later, exactly the default dedupeWindow.
    let now = NOW;
    const h = harness({ now: () => now });
    const ahead = String(NOW / 1000 + 300);
    const captured = await post(kfMsg('REPLAYED'), { timestamp: ahead }).text();
    const replay = () => {
      const original = post(kfMsg('REPLAYED'), { timestamp: ahead });
      return new Request(original.url, { method: 'POST', body: captured });
    };
    expect((await h.handler(replay())).status).toBe(200);
    now += 600_000;
    expect((await h.handler(replay())).status).toBe(200);
    now += 1;
    expect((await h.handler(replay())).status).toBe(403);
    await h.handler.idle();
    expect(h.events).toHaveLength(1);
  });

  it('remembers notifications for 2 × a longer timestampTolerance by default', async () => {
    let now = NOW;
    const h = harness({ now: () => now, timestampTolerance: 900 });
    const request = () => post(kfMsg('LONG'), { timestamp: String(NOW / 1000 + 900) });
    await h.handler(request());
    now += 1_800_000;
    expect((await h.handler(request())).status).toBe(200);
    await h.handler.idle();
    expect(h.events).toHaveLength(1);
  });

  it('refuses a wrong signature with 403 and a typed error, without calling onEvent', async () => {
    const h = harness();
    const forger = new KfCallbackCrypto({ token: 'OtherToken', encodingAESKey: AES_KEY, receiveId: CORP });
    const response = await h.handler(post(kfMsg(), { crypto: forger }));
    expect(response.status).toBe(403);
    expect(h.errors[0]).toBeInstanceOf(KfCallbackError);
    expect(h.errors[0]).toMatchObject({ reason: 'signature', status: 403 });
    await expectNoEvent(h);
  });

  it('refuses a stale timestamp (replay) with 403', async () => {
    const h = harness({ timestampTolerance: 300 });
    const response = await h.handler(post(kfMsg(), { timestamp: String(NOW / 1000 - 301) }));
    expect(response.status).toBe(403);
    expect(h.errors[0]).toMatchObject({ reason: 'timestamp' });
    await expectNoEvent(h);
  });

  it('refuses a message for another corp (ReceiveId) with 403', async () => {
    const h = harness({ corpId: 'ww-other' });
    const response = await h.handler(post(kfMsg()));
    expect(response.status).toBe(403);
    expect(h.errors[0]).toMatchObject({ reason: 'receive_id' });
    await expectNoEvent(h);
  });

  it.each([
    ['a missing signature', (u: URL) => u.searchParams.delete('msg_signature'), 'query'],
    ['a missing nonce', (u: URL) => u.searchParams.delete('nonce'), 'query'],
  ])('answers 400 for %s', async (_label, mutate, reason) => {
    const h = harness();
    const original = post(kfMsg());
    const url = new URL(original.url);
    mutate(url);
    const response = await h.handler(new Request(url, { method: 'POST', body: await original.text() }));
    expect(response.status).toBe(400);
    expect(h.errors[0]?.reason).toBe(reason);
    await expectNoEvent(h);
  });

  it('answers 400 for a body that is not the XML envelope', async () => {
    const h = harness();
    const original = post(kfMsg());
    const response = await h.handler(new Request(original.url, { method: 'POST', body: '{"not":"xml"}' }));
    expect(response.status).toBe(400);
    expect(h.errors[0]?.reason).toBe('body');
    await expectNoEvent(h);
  });

  it('answers 400 for a known event with malformed fields', async () => {
    const h = harness();
    const xml = buildCallbackXml({
      ToUserName: CORP,
      CreateTime: 'yesterday',
      MsgType: 'event',
      Event: 'kf_msg_or_event',
    });
    const response = await h.handler(post(xml));
    expect(response.status).toBe(400);
    expect(h.errors[0]?.reason).toBe('event');
    expect(h.errors[0]?.message).not.toContain(TOKEN);
    await expectNoEvent(h);
  });

  it('answers 413 for an oversized body and 405 for other methods', async () => {
    const h = harness({ maxBodyBytes: 100 });
    const original = post(kfMsg());
    expect(
      (await h.handler(new Request(original.url, { method: 'POST', body: 'x'.repeat(101) }))).status,
    ).toBe(413);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64));
      },
    });
    const streamed = new Request(original.url, {
      method: 'POST',
      body: endless,
      duplex: 'half',
    } as RequestInit);
    expect((await h.handler(streamed)).status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(4);
    const put = await h.handler(new Request(original.url, { method: 'PUT', body: 'x' }));
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect(h.errors.map((e) => e.reason)).toEqual(['body', 'body', 'method']);
    await expectNoEvent(h);
  });

  it('reports a failing onEvent as KfCallbackError without an unhandled rejection', async () => {
    const failures: KfCallbackError[] = [];
    let resolveReported: () => void = () => {};
    const reported = new Promise<void>((resolve) => {
      resolveReported = resolve;
    });
    const handler = createCallbackHandler({
      ...HANDLER_OPTIONS,
      onEvent: async () => {
        throw new Error('database down');
      },
      onError: (error) => {
        failures.push(error);
        resolveReported();
      },
    });
    expect((await handler(post(kfMsg()))).status).toBe(200);
    await reported;
    expect(failures[0]).toMatchObject({ reason: 'handler', status: 0 });
    expect(failures[0]?.cause).toMatchObject({ message: 'database down' });
  });

  it('never logs the callback token or the AES key', async () => {
    const lines: string[] = [];
    const log = (m: string, f?: Record<string, unknown>) => lines.push(m + JSON.stringify(f ?? {}));
    const handler = createCallbackHandler({
      ...HANDLER_OPTIONS,
      onEvent: () => {},
      logger: { debug: log, info: log, warn: log, error: log },
      logLevel: 'debug',
    });
    const h = { handler };
    const forger = new KfCallbackCrypto({ token: 'OtherToken', encodingAESKey: AES_KEY, receiveId: CORP });
    await h.handler(post(kfMsg(), { crypto: forger }));
    await h.handler(post(kfMsg(), { timestamp: '1' }));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(AES_KEY);
    }
  });

  it('validates its options', () => {
    const base = { token: TOKEN, encodingAESKey: AES_KEY, corpId: CORP, onEvent: () => {} };
    expect(() => createCallbackHandler({ ...base, encodingAESKey: 'short' })).toThrow(KfInvalidOptionsError);
    expect(() => createCallbackHandler({ ...base, extra: 1 } as KfCallbackHandlerOptions)).toThrow(/extra/);
    expect(() => createCallbackHandler({ ...base, encodingAESKey: 'short' })).not.toThrow(new RegExp(TOKEN));
    expect(() =>
      createCallbackHandler({ ...base, dispatch: 'later' } as unknown as KfCallbackHandlerOptions),
    ).toThrow(/dispatch/);
    expect(() =>
      createCallbackHandler({ ...base, waitUntil: 1 } as unknown as KfCallbackHandlerOptions),
    ).toThrow(/waitUntil/);
  });

  it.each([
    ['dedupeWindow 0', { dedupeWindow: 0 }],
    ['a window shorter than 2 × the default tolerance', { dedupeWindow: 599_999 }],
    ['a tolerance longer than half the window', { dedupeWindow: 600_000, timestampTolerance: 301 }],
  ])('refuses options that open a replay window: %s', (_label, extra) => {
    const base = { token: TOKEN, encodingAESKey: AES_KEY, corpId: CORP, onEvent: () => {} };
    let thrown: unknown;
    try {
      createCallbackHandler({ ...base, ...extra });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KfInvalidOptionsError);
    expect(String((thrown as Error).message)).toMatch(
      /dedupeWindow .* must be at least 2 × timestampTolerance/,
    );
  });

  it("reads dedupTtl (the consumer's name) like the deprecated dedupeWindow, the new name winning", () => {
    const base = { token: TOKEN, encodingAESKey: AES_KEY, corpId: CORP, onEvent: () => {} };
    expect(() => createCallbackHandler({ ...base, dedupTtl: 599_999 })).toThrow(
      /dedupTtl \(599999 ms\) must be at least 2 × timestampTolerance/,
    );
    expect(() => createCallbackHandler({ ...base, dedupTtl: 0 })).toThrow(KfInvalidOptionsError);
    // Both given: dedupTtl is the one used, so a valid one passes despite a short deprecated one.
    expect(createCallbackHandler({ ...base, dedupTtl: 600_000, dedupeWindow: 1 })).toBeTypeOf('function');
  });

  it('accepts a window of exactly 2 × the tolerance, and a longer tolerance with the default window', () => {
    const base = { token: TOKEN, encodingAESKey: AES_KEY, corpId: CORP, onEvent: () => {} };
    expect(createCallbackHandler({ ...base, dedupeWindow: 600_000 })).toBeTypeOf('function');
    expect(createCallbackHandler({ ...base, dedupTtl: 600_000 })).toBeTypeOf('function');
    expect(createCallbackHandler({ ...base, dedupeWindow: 2000, timestampTolerance: 1 })).toBeTypeOf(
      'function',
    );
    expect(createCallbackHandler({ ...base, timestampTolerance: 3600 })).toBeTypeOf('function');
  });
});

describe('createCallbackHandler dispatch', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers without waiting for onEvent and runs it without any timer (works under fake timers)', async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const h = harness({
      onEvent: async (event) => {
        order.push(`event ${event.Event === 'kf_msg_or_event' ? event.Token : event.Event}`);
        await gate;
        order.push('event done');
      },
    });
    const response = await h.handler(post(kfMsg('FAKE_T')));
    order.push(`answered ${response.status}`);
    release();
    await h.handler.idle();
    expect(order).toEqual(['event FAKE_T', 'answered 200', 'event done']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hands each dispatch to the waitUntil option; the promise settles after onEvent and never rejects', async () => {
    const handed: Promise<void>[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    const h = harness({
      waitUntil: (promise) => handed.push(promise),
      onEvent: async () => {
        await gate;
        finished = true;
        throw new Error('after the gate');
      },
    });
    expect((await h.handler(post(kfMsg('W1')))).status).toBe(200);
    expect(handed).toHaveLength(1);
    expect(finished).toBe(false);
    release();
    await expect(handed[0]).resolves.toBeUndefined();
    expect(finished).toBe(true);
    expect(h.errors.map((e) => e.reason)).toEqual(['handler']);
    // Refused and duplicate requests start nothing to wait for.
    await h.handler(post(kfMsg('W1')));
    await h.handler(post(kfMsg('W2'), { timestamp: '1' }));
    expect(handed).toHaveLength(1);
  });

  it("prefers the per-request runtime's waitUntil (Cloudflare's ctx) over the option", async () => {
    const fromOption: Promise<void>[] = [];
    const h = harness({ waitUntil: (promise) => fromOption.push(promise) });
    const ctx = {
      handed: [] as Promise<void>[],
      waitUntil(promise: Promise<void>) {
        // A method, called on its object: Workers' waitUntil throws when detached.
        this.handed.push(promise);
      },
    };
    expect((await h.handler(post(kfMsg('CTX')), ctx)).status).toBe(200);
    expect(ctx.handed).toHaveLength(1);
    expect(fromOption).toHaveLength(0);
    await ctx.handed[0];
    expect(h.events).toHaveLength(1);
  });

  it('reports a throwing waitUntil and still delivers', async () => {
    const h = harness({
      waitUntil: () => {
        throw new Error('Illegal invocation');
      },
    });
    expect((await h.handler(post(kfMsg('THROWS')))).status).toBe(200);
    await h.handler.idle();
    expect(h.events).toHaveLength(1);
    expect(h.errors[0]).toMatchObject({ reason: 'handler', status: 0 });
  });

  it("answers only after onEvent settled with dispatch: 'before-response'", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const order: string[] = [];
    const h = harness({
      dispatch: 'before-response',
      onEvent: async () => {
        order.push('event started');
        started();
        await gate;
        order.push('event done');
        throw new Error('still answered 200');
      },
    });
    const answered = h.handler(post(kfMsg('BEFORE'))).then((response) => {
      order.push(`answered ${response.status}`);
    });
    await running;
    // Every pending microtask and I/O callback runs before this: an early answer would show.
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['event started']);
    release();
    await answered;
    expect(order).toEqual(['event started', 'event done', 'answered 200']);
    expect(h.errors.map((e) => e.reason)).toEqual(['handler']);
  });

  it('idle() waits for every onEvent in flight', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let done = 0;
    const h = harness({
      onEvent: async () => {
        await gate;
        done++;
      },
    });
    await h.handler(post(kfMsg('I1')));
    await h.handler(post(kfMsg('I2')));
    let idle = false;
    const waiting = h.handler.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(done).toBe(2);
  });
});

describe('toNodeListener', () => {
  async function serve(listener: ReturnType<typeof toNodeListener>) {
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      base: `http://127.0.0.1:${port}`,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  it('serves verification and notifications over node:http', async () => {
    const h = harness();
    const { base, close } = await serve(toNodeListener(h.handler));
    try {
      const query = platform.encryptEchostr('echo-42', { timestamp: String(NOW / 1000), nonce: 'n' });
      const verify = await fetch(`${base}/cb?${new URLSearchParams({ ...query })}`);
      expect(await verify.text()).toBe('echo-42');
      const request = post(kfMsg('NODE_T'));
      const next = h.nextEvent();
      const response = await fetch(`${base}/cb${new URL(request.url).search}`, {
        method: 'POST',
        body: await request.text(),
      });
      expect(response.status).toBe(200);
      expect(await next).toMatchObject({ Token: 'NODE_T' });
    } finally {
      await close();
    }
  });

  it('uses a body a framework already read as a string', async () => {
    const h = harness();
    const request = post(kfMsg('PARSED_T'));
    const text = await request.text();
    const listener = toNodeListener(h.handler);
    const server = createServer((req, res) => {
      // As express.text() would leave it: the stream consumed, the text on req.body.
      req.resume();
      req.on('end', () => void listener(Object.assign(req, { body: text }), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const next = h.nextEvent();
      const response = await fetch(`http://127.0.0.1:${port}/cb${new URL(request.url).search}`, {
        method: 'POST',
        body: 'ignored',
      });
      expect(response.status).toBe(200);
      expect(await next).toMatchObject({ Token: 'PARSED_T' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('answers 413 to an oversized upload without buffering it', async () => {
    const h = harness();
    const { base, close } = await serve(toNodeListener(h.handler, { maxBodyBytes: 1000 }));
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${base}/cb?msg_signature=a&timestamp=1&nonce=n`,
          { method: 'POST' },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(Buffer.alloc(5000, 1));
      });
      expect(status).toBe(413);
      await expectNoEvent(h);
    } finally {
      await close();
    }
  });
});

import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runChild } from '../../mock/src/__fixtures__/child.js';
import {
  CORP_ID,
  clientFor,
  fail,
  ok,
  SECRET,
  startServer,
  type TestServer,
  TOKEN,
  testRuntime,
} from './__fixtures__/server.js';
import { KfClient } from './client.js';
import {
  KfAbortError,
  KfBusinessRuleError,
  KfConnectionError,
  KfInvalidOptionsError,
  KfInvalidRequestError,
  KfRedirectError,
  KfResponseTooLargeError,
  KfResponseValidationError,
  KfTimeoutError,
} from './errors.js';

let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

const GETTOKEN = '/cgi-bin/gettoken';
const LIST = '/cgi-bin/kf/account/list';
const DEL = '/cgi-bin/kf/account/del';
const SEND = '/cgi-bin/kf/send_msg';
const text = { touser: 'wm1', open_kfid: 'wk1', msgtype: 'text', text: { content: 'hi' } } as const;

const json =
  (status: number, body: unknown) =>
  (res: ServerResponse): void =>
    void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

const tokenResponse = () =>
  new Response(JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: TOKEN, expires_in: 7200 }));

describe('an envelope without a numeric errcode', () => {
  it('is a retried KfConnectionError with a non-2xx status (a gateway JSON page), in every mode', async () => {
    server = await startServer({
      [LIST]: (_r, i) =>
        i === 0 ? json(502, { message: 'upstream unavailable' }) : ok({ account_list: [] }),
    });
    await expect(clientFor(server, { validateResponses: 'off' }).account.list()).resolves.toMatchObject({
      account_list: [],
    });
    expect(server.on(LIST)).toHaveLength(2);
  });

  it('gives up with KfConnectionError when every answer is a non-2xx page without errcode', async () => {
    server = await startServer({ [LIST]: () => json(503, { message: 'upstream unavailable' }) });
    const error = await clientFor(server, { maxRetries: 1 })
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfConnectionError);
    expect((error as KfConnectionError).message).toMatch(/HTTP 503 without an errcode/);
    expect(server.on(LIST)).toHaveLength(2);
  });

  it.each(['throw', 'warn'] as const)(
    "is a KfResponseValidationError with a 2xx status in '%s' mode, not a success",
    async (mode) => {
      server = await startServer({ [LIST]: () => ({ message: 'upstream unavailable' }) });
      const error = await clientFor(server, { validateResponses: mode })
        .account.list()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KfResponseValidationError);
      expect((error as KfResponseValidationError).issues[0]?.path).toEqual(['errcode']);
      expect(server.on(LIST)).toHaveLength(1);
    },
  );

  it("is returned as is with a 2xx status in 'off' mode", async () => {
    server = await startServer({ [LIST]: () => ({ account_list: [] }) });
    await expect(clientFor(server, { validateResponses: 'off' }).account.list()).resolves.toEqual({
      account_list: [],
    });
  });

  it("fails sendMsg in 'off' mode too, without a retry that could deliver twice", async () => {
    server = await startServer({ [SEND]: () => ({ message: 'accepted?' }) });
    const error = await clientFor(server, { validateResponses: 'off' })
      .sendMsg(text)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseValidationError);
    expect(server.on(SEND)).toHaveLength(1);
  });

  it("fails a sendMsg / sendMsgOnEvent success without msgid in 'off' mode", async () => {
    server = await startServer({
      [SEND]: () => ok(),
      '/cgi-bin/kf/send_msg_on_event': () => ok(),
    });
    const kf = clientFor(server, { validateResponses: 'off' });
    const error = await kf.sendMsg(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseValidationError);
    expect((error as KfResponseValidationError).issues[0]?.path).toEqual(['msgid']);
    await expect(
      kf.sendMsgOnEvent({ code: 'c', msgtype: 'text', text: { content: 'welcome' } }),
    ).rejects.toBeInstanceOf(KfResponseValidationError);
    expect(server.on(SEND)).toHaveLength(1);
  });

  it('takes a quoted integer errcode ("95001") as that code', async () => {
    server = await startServer({ [LIST]: () => ({ errcode: '95001', errmsg: 'send quota exceeded' }) });
    const error = await clientFor(server)
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfBusinessRuleError);
    expect((error as KfBusinessRuleError).errcode).toBe(95001);
  });

  it('retries gettoken after a gateway page without errcode, whatever the mode', async () => {
    server = await startServer({
      [GETTOKEN]: (_r, i) =>
        i === 0
          ? json(502, { message: 'upstream unavailable' })
          : ok({ access_token: TOKEN, expires_in: 7200 }),
    });
    await expect(clientFor(server, { validateResponses: 'off' }).getAccessToken()).resolves.toBe(TOKEN);
    expect(server.on(GETTOKEN)).toHaveLength(2);
  });
});

describe('foreign errors are never kept as cause', () => {
  it('redacts every link of a depth-3 cause chain and drops own properties (axios-style request.url)', async () => {
    const kf = new KfClient({
      corpId: CORP_ID,
      secret: SECRET,
      baseURL: 'http://127.0.0.1:9',
      maxRetries: 0,
      fetch: async (input) => {
        const url = String(input);
        if (url.includes('/gettoken')) return tokenResponse();
        const inner = new Error(`connect ECONNREFUSED for ${url}`);
        const middle = new Error('socket failed', { cause: inner });
        const outer = Object.assign(new Error('request failed', { cause: middle }), {
          request: { url, headers: { authorization: `Bearer ${TOKEN}` } },
          config: { params: { access_token: TOKEN } },
        });
        throw outer;
      },
    });
    const error = (await kf.account.list().catch((e: unknown) => e)) as KfConnectionError;
    expect(error).toBeInstanceOf(KfConnectionError);
    expect(error.cause).not.toBeInstanceOf(Error);
    expect(error.cause).toEqual({
      name: 'Error',
      message: 'request failed',
      cause: {
        name: 'Error',
        message: 'socket failed',
        cause: { name: 'Error', message: expect.stringContaining('access_token=[REDACTED]') },
      },
    });
    expect(error.message).toContain('access_token=[REDACTED]');
    for (const text of [error.message, JSON.stringify(error.cause), inspect(error, { depth: 20 })]) {
      expect(text).not.toContain(TOKEN);
    }
  });

  it('stops a cyclic cause chain at a bounded depth', async () => {
    const kf = new KfClient({
      corpId: CORP_ID,
      secret: SECRET,
      baseURL: 'http://127.0.0.1:9',
      maxRetries: 0,
      fetch: async (input) => {
        if (String(input).includes('/gettoken')) return tokenResponse();
        const error: Error & { cause?: unknown } = new Error('loop');
        error.cause = error;
        throw error;
      },
    });
    const error = (await kf.account.list().catch((e: unknown) => e)) as KfConnectionError;
    let depth = 0;
    for (
      let link = error.cause as { cause?: unknown } | undefined;
      link !== undefined && depth < 50;
      depth += 1
    ) {
      link = link.cause as { cause?: unknown } | undefined;
    }
    expect(depth).toBe(5);
  });
});

describe('requests fetch cannot build', () => {
  it('rejects kf.request GET with a body up front, without any request', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => tokenResponse());
    const kf = new KfClient({ corpId: CORP_ID, secret: SECRET, fetch });
    const error = await kf
      .request({ method: 'GET', path: '/cgi-bin/kf/new_api', body: { a: 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfInvalidOptionsError);
    expect((error as KfInvalidOptionsError).issues[0]?.path).toEqual(['body']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('does not retry a TypeError that fetch throws synchronously before any I/O', async () => {
    const calls: string[] = [];
    const runtime = testRuntime();
    const kf = new KfClient({
      corpId: CORP_ID,
      secret: SECRET,
      maxRetries: 3,
      now: runtime.now,
      sleep: runtime.sleep,
      fetch: (input) => {
        const url = String(input);
        calls.push(url);
        if (url.includes('/gettoken')) return Promise.resolve(tokenResponse());
        throw new TypeError(`Invalid header value for ${url}`);
      },
    });
    const error = await kf.account.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfInvalidOptionsError);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(calls.filter((url) => url.includes('/account/list'))).toHaveLength(1);
    expect(runtime.sleeps).toEqual([]);
  });
});

describe("a call's timeout and signal bound its wait for the access token", () => {
  function gatedTokenClient() {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const calls: string[] = [];
    const kf = new KfClient({
      corpId: CORP_ID,
      secret: SECRET,
      timeout: 60_000,
      fetch: async (input) => {
        const url = String(input);
        calls.push(url);
        if (url.includes('/gettoken')) {
          await gate;
          return tokenResponse();
        }
        return new Response(JSON.stringify({ errcode: 0, errmsg: 'ok', account_list: [] }));
      },
    });
    return { kf, calls, release };
  }

  it('times out after the call timeout while the shared gettoken goes on for the others', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { kf, calls, release } = gatedTokenClient();
    const hasty = kf.account.list({}, { timeout: 1_000 }).catch((e: unknown) => e);
    const patient = kf.account.list();
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await hasty;
    expect(error).toBeInstanceOf(KfTimeoutError);
    expect((error as KfTimeoutError).timeout).toBe(1_000);
    expect(calls.filter((url) => url.includes('/account/list'))).toHaveLength(0);
    release();
    await expect(patient).resolves.toMatchObject({ account_list: [] });
    expect(calls.filter((url) => url.includes('/gettoken'))).toHaveLength(1);
  });

  it("stops waiting when the call's signal aborts", async () => {
    const { kf, calls, release } = gatedTokenClient();
    const controller = new AbortController();
    const aborted = kf.account.list({}, { signal: controller.signal }).catch((e: unknown) => e);
    const patient = kf.account.list();
    await Promise.resolve();
    controller.abort(new Error('user went away'));
    const error = await aborted;
    expect(error).toBeInstanceOf(KfAbortError);
    release();
    await expect(patient).resolves.toMatchObject({ account_list: [] });
    expect(calls.filter((url) => url.includes('/gettoken'))).toHaveLength(1);
    expect(calls.filter((url) => url.includes('/account/list'))).toHaveLength(1);
  });
});

describe('deletes after an ambiguous failure', () => {
  it('are retried, and a retry answered "does not exist" (95004) is thrown as is, as documented', async () => {
    server = await startServer({
      [DEL]: (_r, i) => (i === 0 ? fail(-1) : fail(95004, 'open_kfid not exist')),
    });
    const error = await clientFor(server)
      .account.del({ open_kfid: 'wk1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfInvalidRequestError);
    expect((error as KfInvalidRequestError).errcode).toBe(95004);
    expect(server.on(DEL)).toHaveLength(2);
  });
});

describe('retryUnsafe', () => {
  it('must be a boolean', async () => {
    const kf = new KfClient({ corpId: CORP_ID, secret: SECRET, fetch: async () => tokenResponse() });
    const error = await kf.account
      .list({}, { retryUnsafe: 'yes' as unknown as boolean })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfInvalidOptionsError);
    expect((error as KfInvalidOptionsError).issues[0]?.path).toEqual(['retryUnsafe']);
  });

  it('also lets a generic POST not declared idempotent be retried', async () => {
    server = await startServer({ '/cgi-bin/kf/new_api': (_r, i) => (i === 0 ? fail(-1) : ok({ done: 1 })) });
    const kf = clientFor(server);
    await expect(
      kf.request({ method: 'POST', path: '/cgi-bin/kf/new_api' }, { retryUnsafe: true }),
    ).resolves.toMatchObject({ done: 1 });
    expect(server.on('/cgi-bin/kf/new_api')).toHaveLength(2);
  });
});

describe('bounded responses', () => {
  const huge = (bytes: number) => () => (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"errcode":0,"errmsg":"ok","account_list":[${' '.repeat(bytes)}]}`);
  };

  it('refuses a JSON body over maxResponseBytes with KfResponseTooLargeError, without a retry', async () => {
    server = await startServer({ [LIST]: huge(4096) });
    const error = await clientFor(server, { maxResponseBytes: 2048 })
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseTooLargeError);
    expect(error).toMatchObject({ endpoint: 'account.list', limit: 2048 });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(server.on(LIST)).toHaveLength(1);
    // The same body under the bound is read as usual.
    await expect(clientFor(server, { maxResponseBytes: 8192 }).account.list()).resolves.toMatchObject({
      account_list: [],
    });
  });

  it('checks maxResponseBytes as an option (an integer of at least 1 024)', () => {
    for (const maxResponseBytes of [0, 100, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => new KfClient({ corpId: CORP_ID, secret: SECRET, maxResponseBytes })).toThrow(
        KfInvalidOptionsError,
      );
    }
  });

  it('counts a compressed body after decompression (a small gzip of a large body is refused)', async () => {
    const { gzipSync } = await import('node:zlib');
    const packed = gzipSync(`{"errcode":0,"errmsg":"ok","account_list":[${' '.repeat(1 << 20)}]}`);
    expect(packed.byteLength).toBeLessThan(4096);
    server = await startServer({
      [LIST]: () => (res: ServerResponse) =>
        void res
          .writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
          .end(packed),
    });
    const error = await clientFor(server, { maxResponseBytes: 64 * 1024 })
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseTooLargeError);
    expect(server.on(LIST)).toHaveLength(1);
  });

  it('bounds a ranged media/get by the asked range', async () => {
    server = await startServer({
      '/cgi-bin/media/get': () => (res: ServerResponse) =>
        void res
          .writeHead(206, {
            'content-type': 'image/jpeg',
            'content-disposition': 'attachment; filename="a.jpg"',
            'content-range': 'bytes 0-9/100',
          })
          .end(Buffer.alloc(100)),
    });
    const error = await clientFor(server)
      .media.get({ media_id: 'm' }, { range: { start: 0, end: 9 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseTooLargeError);
    expect(error).toMatchObject({ endpoint: 'media.get', limit: 10 });
  });

  describe('memory, measured in a child process (256 MiB offered each time)', () => {
    type Outcome = { scenario: string; outcome: string; hits: number; offeredMb: number; grewMb: number };
    let outcomes: Outcome[] = [];
    beforeAll(async () => {
      outcomes = await runChild<Outcome[]>(new URL('./__fixtures__/memory-child.ts', import.meta.url), [
        '256',
        'endless-json',
        'declared-json',
        'gzip-bomb',
        'endless-media',
        'endless-media-stream',
      ]);
    }, 30_000);

    it.each([
      ['endless-json', 'a JSON body that goes on'],
      ['declared-json', 'a JSON body announced larger than the bound'],
      ['gzip-bomb', 'a gzip bomb (256 MiB unpacked)'],
      ['endless-media', 'a media/get file read whole'],
      ['endless-media-stream', 'a media/get file read as a stream'],
    ])('%s: %s is refused once, and the client grew less than 128 MB', (scenario) => {
      const outcome = outcomes.find((o) => o.scenario === scenario);
      expect(outcome).toMatchObject({ outcome: 'KfResponseTooLargeError', hits: 1, offeredMb: 256 });
      expect(outcome?.grewMb).toBeLessThan(128);
    });
  });
});

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308])(
    'refuses a %i with KfRedirectError and never contacts the Location',
    async (status) => {
      const other = await startServer({ [SEND]: () => ok({ msgid: 'elsewhere' }) });
      try {
        server = await startServer({
          [SEND]: () => (res: ServerResponse) =>
            void res.writeHead(status, { location: `${other.url}${SEND}?access_token=${TOKEN}` }).end(),
        });
        const error = await clientFor(server)
          .sendMsg(text)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(KfRedirectError);
        expect(error).toMatchObject({ status, endpoint: 'sendMsg' });
        expect(JSON.stringify(error)).not.toContain(TOKEN);
        expect((error as Error).message).not.toContain(other.url);
        expect(server.on(SEND)).toHaveLength(1);
        expect(other.seen).toHaveLength(0);
      } finally {
        await other.close();
      }
    },
  );
});

describe('what an error carries from the wire', () => {
  it('cuts a huge errmsg to a bounded length', async () => {
    server = await startServer({ [LIST]: () => fail(40058, `bad ${'x'.repeat(5_000_000)}`) });
    const error = await clientFor(server)
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfInvalidRequestError);
    expect((error as KfInvalidRequestError).errmsg.length).toBeLessThan(1200);
    expect((error as Error).message.length).toBeLessThan(2500);
    expect((error as KfInvalidRequestError).errmsg).toMatch(/^bad x+… \(5000004 characters, cut\)$/);
  });

  it('still redacts a credential near the cut', async () => {
    server = await startServer({
      [LIST]: () => fail(40058, `${'x'.repeat(1000)} ${SECRET} ${'y'.repeat(5000)}`),
    });
    const error = await clientFor(server)
      .account.list()
      .catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain(SECRET.slice(0, 10));
    expect((error as Error).message).not.toContain(SECRET.slice(0, 10));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  clientFor,
  fail,
  ok,
  SECRET,
  startServer,
  type TestServer,
  TOKEN,
  testRuntime,
} from './__fixtures__/server.js';
import {
  KfAbortError,
  KfApiError,
  KfConnectionError,
  KfPlatformBusyError,
  KfRateLimitError,
  KfResponseValidationError,
  KfTimeoutError,
} from './errors.js';
import type { KfRequestEvent, KfResponseEvent } from './hooks.js';
import type { KfLogger } from './logger.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const LIST = '/cgi-bin/kf/account/list';
const ADD = '/cgi-bin/kf/account/add';
const SYNC = '/cgi-bin/kf/sync_msg';

function recordingLogger(): KfLogger & { lines: { level: string; message: string; fields?: unknown }[] } {
  const lines: { level: string; message: string; fields?: unknown }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('retries', () => {
  it('retries −1 with exponential backoff and jitter, then succeeds', async () => {
    server = await startServer({
      [LIST]: (_r, i) => (i < 2 ? fail(-1, 'system busy') : ok({ account_list: [] })),
    });
    const runtime = testRuntime();
    const kf = clientFor(server, {}, { ...runtime, random: () => 1 });
    await expect(kf.account.list()).resolves.toMatchObject({ errcode: 0 });
    expect(server.on(LIST)).toHaveLength(3);
    // 500 ms then 1000 ms, each shortened by 25 % at random = 1.
    expect(runtime.sleeps).toEqual([375, 750]);
  });

  it('gives up after maxRetries (default 2) with the platform-busy error', async () => {
    server = await startServer({ [LIST]: () => fail(-1, 'system busy') });
    const runtime = testRuntime();
    const error = await clientFor(server, {}, runtime)
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfPlatformBusyError);
    expect(server.on(LIST)).toHaveLength(3);
    expect(runtime.sleeps).toEqual([438, 875]);
  });

  it('does not retry when maxRetries is 0, and a per-call maxRetries overrides the client', async () => {
    server = await startServer({ [LIST]: () => fail(-1) });
    const kf = clientFor(server, { maxRetries: 0 });
    await expect(kf.account.list()).rejects.toBeInstanceOf(KfPlatformBusyError);
    expect(server.on(LIST)).toHaveLength(1);
    await expect(kf.account.list({}, { maxRetries: 1 })).rejects.toBeInstanceOf(KfPlatformBusyError);
    expect(server.on(LIST)).toHaveLength(3);
  });

  it('retries a dropped connection', async () => {
    server = await startServer({
      [LIST]: (_r, i) => (i === 0 ? { destroy: true } : ok({ account_list: [] })),
    });
    await expect(clientFor(server).account.list()).resolves.toMatchObject({ account_list: [] });
    expect(server.on(LIST)).toHaveLength(2);
  });

  it('surfaces a network failure as KfConnectionError with a redacted URL', async () => {
    server = await startServer({ [LIST]: () => ({ destroy: true }) });
    const error = await clientFor(server, { maxRetries: 1 })
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfConnectionError);
    const connection = error as KfConnectionError;
    expect(connection.url).toMatch(/access_token=\[REDACTED\]$/);
    expect(JSON.stringify(connection)).not.toContain(TOKEN);
    expect(connection.message).not.toContain(TOKEN);
    expect(server.on(LIST)).toHaveLength(2);
  });

  it('retries an HTTP 502 gateway page', async () => {
    server = await startServer({
      [LIST]: (_r, i) =>
        i === 0 ? (res) => void res.writeHead(502).end('<html>bad gateway</html>') : ok({ account_list: [] }),
    });
    await expect(clientFor(server).account.list()).resolves.toMatchObject({ account_list: [] });
  });

  it('times out each attempt and retries, then throws KfTimeoutError', async () => {
    server = await startServer({ [LIST]: () => ({ hang: true }) });
    // Long enough that each attempt reaches the server before it is abandoned, even on a busy machine.
    const error = await clientFor(server, { timeout: 500, maxRetries: 1 })
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfTimeoutError);
    expect(error).toBeInstanceOf(KfConnectionError);
    expect((error as KfTimeoutError).timeout).toBe(500);
    expect(server.on(LIST)).toHaveLength(2);
  });

  it('honours a per-call timeout', async () => {
    server = await startServer({ [LIST]: (_r, i) => (i === 0 ? { hang: true } : ok({ account_list: [] })) });
    const kf = clientFor(server, { timeout: 60_000 });
    // The retry must answer within the per-attempt timeout too: leave room for a busy machine.
    await expect(kf.account.list({}, { timeout: 1_000 })).resolves.toMatchObject({ errcode: 0 });
    expect(server.on(LIST)).toHaveLength(2);
  });

  it('aborts with KfAbortError and never retries an abort', async () => {
    const controller = new AbortController();
    server = await startServer({
      [LIST]: () => {
        // Abort once the request is in flight; the server never answers.
        controller.abort();
        return { hang: true };
      },
    });
    const kf = clientFor(server);
    await expect(kf.account.list({}, { signal: controller.signal })).rejects.toBeInstanceOf(KfAbortError);
    expect(server.on(LIST)).toHaveLength(1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    server = await startServer({});
    await expect(clientFor(server).account.list({}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      KfAbortError,
    );
    expect(server.seen).toHaveLength(0);
  });

  it('aborts during the backoff wait', async () => {
    server = await startServer({ [LIST]: () => fail(-1) });
    const controller = new AbortController();
    const runtime = testRuntime();
    const kf = clientFor(server, {
      sleep: async (_ms, signal) => {
        controller.abort();
        if (signal?.aborted) throw signal.reason;
      },
      now: runtime.now,
    });
    await expect(kf.account.list({}, { signal: controller.signal })).rejects.toBeInstanceOf(KfAbortError);
    expect(server.on(LIST)).toHaveLength(1);
  });

  it.each([45009, 45033])('surfaces rate limit %i at once as a retryable KfRateLimitError', async (code) => {
    server = await startServer({ [LIST]: () => fail(code, 'api freq out of limit') });
    const runtime = testRuntime();
    const error = await clientFor(server, { maxRetries: 5 }, runtime)
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfRateLimitError);
    expect((error as KfRateLimitError).retryable).toBe(true);
    expect(server.on(LIST)).toHaveLength(1);
    expect(runtime.sleeps).toEqual([]);
  });

  it('does not retry an ambiguous failure of a creating endpoint, even with maxRetries, unless retryUnsafe is set', async () => {
    server = await startServer({ [ADD]: (_r, i) => (i < 3 ? fail(-1) : ok({ open_kfid: 'wk1' })) });
    const kf = clientFor(server);
    const add = { name: 'n', media_id: 'm' };
    await expect(kf.account.add(add)).rejects.toBeInstanceOf(KfPlatformBusyError);
    expect(server.on(ADD)).toHaveLength(1);
    await expect(kf.account.add(add, { maxRetries: 5 })).rejects.toBeInstanceOf(KfPlatformBusyError);
    expect(server.on(ADD)).toHaveLength(2);
    await expect(kf.account.add(add, { retryUnsafe: true })).resolves.toMatchObject({ open_kfid: 'wk1' });
    expect(server.on(ADD)).toHaveLength(4);
  });

  it('never retries other API errors', async () => {
    server = await startServer({ [LIST]: () => fail(40058, 'invalid parameter') });
    await expect(clientFor(server).account.list()).rejects.toMatchObject({ errcode: 40058 });
    expect(server.on(LIST)).toHaveLength(1);
  });
});

describe('response validation', () => {
  const odd = () => ok({ account_list: 'not a list', extra: 1 });

  it("'warn' (default) logs the mismatch and returns the body as received", async () => {
    server = await startServer({ [LIST]: odd });
    const logger = recordingLogger();
    const body = await clientFor(server, { logger }).account.list();
    expect(body).toMatchObject({ account_list: 'not a list', extra: 1 });
    const warning = logger.lines.find((l) => l.level === 'warn');
    expect(warning?.message).toMatch(
      /account\.list returned a response that does not match its schema: account_list/,
    );
  });

  it("'throw' throws KfResponseValidationError with the issues", async () => {
    server = await startServer({ [LIST]: odd });
    const error = await clientFor(server, { validateResponses: 'throw' })
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfResponseValidationError);
    expect((error as KfResponseValidationError).issues[0]?.path).toEqual(['account_list']);
  });

  it("'off' returns the body without checking or logging", async () => {
    server = await startServer({ [LIST]: odd });
    const logger = recordingLogger();
    const body = await clientFor(server, { validateResponses: 'off', logger }).account.list();
    expect(body).toMatchObject({ account_list: 'not a list' });
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('keeps unknown fields of a valid response', async () => {
    server = await startServer({ [LIST]: () => ok({ account_list: [], new_field: 'x' }) });
    expect(await clientFor(server, { validateResponses: 'throw' }).account.list()).toMatchObject({
      new_field: 'x',
    });
  });

  it.each(['throw', 'warn', 'off'] as const)(
    "parses sync_msg items with parseKfMsg in '%s' mode: an odd item becomes unknown, the page survives",
    async (mode) => {
      server = await startServer({
        [SYNC]: () =>
          ok({
            next_cursor: 'c1',
            has_more: 0,
            msg_list: [
              {
                msgid: 'm1',
                open_kfid: 'wk',
                external_userid: 'wm',
                send_time: 1,
                origin: 3,
                msgtype: 'text',
                text: { content: 'hi' },
              },
              { msgid: 'm2', msgtype: 'hologram', hologram: {} },
              42,
            ],
          }),
      });
      const page = await clientFor(server, { validateResponses: mode }).syncMsg({ open_kfid: 'wk' });
      expect(page.msg_list.map((m) => m.msgtype)).toEqual(['text', 'unknown', 'unknown']);
      expect(page.msg_list[1]).toMatchObject({ msgid: 'm2', raw: { msgtype: 'hologram' } });
      expect(page.msg_list[0]).toMatchObject({ text: { content: 'hi' } });
    },
  );

  it('turns a non-JSON success body into KfResponseValidationError, not retried', async () => {
    server = await startServer({ [LIST]: () => (res) => void res.writeHead(200).end('hello') });
    await expect(clientFor(server).account.list()).rejects.toBeInstanceOf(KfResponseValidationError);
    expect(server.on(LIST)).toHaveLength(1);
  });
});

describe('hooks and logging', () => {
  it('reports every attempt with endpoint, attempt, duration, status and errcode', async () => {
    server = await startServer({ [LIST]: (_r, i) => (i === 0 ? fail(-1) : ok({ account_list: [] })) });
    const requests: KfRequestEvent[] = [];
    const responses: KfResponseEvent[] = [];
    const runtime = testRuntime();
    const kf = clientFor(
      server,
      { hooks: { onRequest: (e) => requests.push(e), onResponse: (e) => responses.push(e) } },
      runtime,
    );
    await kf.account.list();
    expect(requests.map((e) => [e.endpoint, e.attempt])).toEqual([
      ['getToken', 1],
      ['account.list', 1],
      ['account.list', 2],
    ]);
    expect(responses.map((e) => [e.endpoint, e.attempt, e.status, e.errcode, e.error?.name])).toEqual([
      ['getToken', 1, 200, 0, undefined],
      ['account.list', 1, 200, -1, 'KfPlatformBusyError'],
      ['account.list', 2, 200, 0, undefined],
    ]);
    expect(responses.every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0)).toBe(true);
    const all = JSON.stringify([requests, responses]);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(SECRET);
    expect(requests[0]?.url).toContain('corpsecret=[REDACTED]');
  });

  it('a throwing hook does not change the outcome and is logged', async () => {
    server = await startServer({ [LIST]: () => ok({ account_list: [] }) });
    const logger = recordingLogger();
    const kf = clientFor(server, {
      logger,
      hooks: {
        onRequest: () => {
          throw new Error('hook bug');
        },
      },
    });
    await expect(kf.account.list()).resolves.toMatchObject({ errcode: 0 });
    expect(logger.lines.some((l) => l.level === 'warn' && /onRequest hook threw/.test(l.message))).toBe(true);
  });

  it('logs at the chosen level and never logs a token or the secret', async () => {
    server = await startServer({
      [LIST]: (_r, i) =>
        i === 0 ? fail(40014, `invalid access_token ${TOKEN}, hint: [h1]`) : ok({ account_list: [] }),
    });
    const logger = recordingLogger();
    await clientFor(server, { logger, logLevel: 'debug' }).account.list();
    expect(logger.lines.map((l) => l.level)).toContain('debug');
    expect(logger.lines.some((l) => /refreshing once/.test(l.message))).toBe(true);
    const all = JSON.stringify(logger.lines);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(SECRET);
  });

  it('filters out lines below logLevel', async () => {
    server = await startServer({ [LIST]: () => ok({ account_list: [] }) });
    const logger = recordingLogger();
    await clientFor(server, { logger, logLevel: 'warn' }).account.list();
    expect(logger.lines).toEqual([]);
  });
});

describe('redaction', () => {
  it('removes the access token from a platform errmsg and from the kept URL', async () => {
    server = await startServer({ [LIST]: () => fail(40058, `bad request for token ${TOKEN}, hint: [x1]`) });
    const error = (await clientFor(server)
      .account.list()
      .catch((e: unknown) => e)) as KfApiError;
    expect(error).toBeInstanceOf(KfApiError);
    expect(error.errmsg).toBe('bad request for token [REDACTED], hint: [x1]');
    expect(error.hint).toBe('x1');
    expect(error.url).toMatch(/access_token=\[REDACTED\]/);
    for (const text of [error.message, JSON.stringify(error), error.stack ?? ''])
      expect(text).not.toContain(TOKEN);
  });
});

describe('redaction of transport errors', () => {
  it('redacts a custom fetch error that quotes the URL, and does not keep it as cause', async () => {
    server = await startServer({});
    const kf = clientFor(server, {
      maxRetries: 0,
      fetch: async (input) => {
        const url = String(input);
        if (url.includes('/gettoken')) {
          return new Response(
            JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: TOKEN, expires_in: 7200 }),
          );
        }
        throw new Error(`could not reach ${url}`);
      },
    });
    const error = (await kf.account.list().catch((e: unknown) => e)) as KfConnectionError;
    expect(error).toBeInstanceOf(KfConnectionError);
    expect(error.message).toContain('access_token=[REDACTED]');
    expect(error.message).not.toContain(TOKEN);
    expect(error.cause).toEqual({ name: 'Error', message: expect.stringContaining('[REDACTED]') });
    expect(JSON.stringify(error.cause)).not.toContain(TOKEN);
  });
});

describe('kf.request (generic)', () => {
  it('calls an endpoint the client does not know, with the token and the JSON body', async () => {
    server = await startServer({ '/cgi-bin/kf/new_api': (req) => ok({ echo: req.json }) });
    const body = await clientFor(server).request({
      method: 'POST',
      path: '/cgi-bin/kf/new_api',
      body: { a: 1 },
    });
    expect(body).toMatchObject({ errcode: 0, echo: { a: 1 } });
    expect(server.on('/cgi-bin/kf/new_api')[0]?.query.get('access_token')).toBe(TOKEN);
  });

  it('validates and types the response with a given schema', async () => {
    server = await startServer({ '/cgi-bin/kf/new_api': () => ok({ count: 'three' }) });
    const schema = z.looseObject({ errcode: z.number(), count: z.number() });
    await expect(
      clientFor(server, { validateResponses: 'throw' }).request({
        method: 'GET',
        path: '/cgi-bin/kf/new_api',
        query: { x: 1 },
        schema,
      }),
    ).rejects.toBeInstanceOf(KfResponseValidationError);
    expect(server.on('/cgi-bin/kf/new_api')[0]?.query.get('x')).toBe('1');
  });

  it('retries a GET but not a POST unless declared idempotent', async () => {
    server = await startServer({ '/cgi-bin/kf/new_api': () => fail(-1) });
    const kf = clientFor(server);
    await expect(kf.request({ method: 'POST', path: '/cgi-bin/kf/new_api' })).rejects.toBeInstanceOf(
      KfPlatformBusyError,
    );
    expect(server.on('/cgi-bin/kf/new_api')).toHaveLength(1);
    await expect(
      kf.request({ method: 'POST', path: '/cgi-bin/kf/new_api', idempotent: true }),
    ).rejects.toBeInstanceOf(KfPlatformBusyError);
    expect(server.on('/cgi-bin/kf/new_api')).toHaveLength(4);
    await expect(kf.request({ method: 'GET', path: '/cgi-bin/kf/new_api' })).rejects.toBeInstanceOf(
      KfPlatformBusyError,
    );
    expect(server.on('/cgi-bin/kf/new_api')).toHaveLength(7);
  });

  it('rejects a bad path or a caller-supplied access_token', async () => {
    server = await startServer({});
    const kf = clientFor(server);
    await expect(kf.request({ method: 'GET', path: 'cgi-bin/x' })).rejects.toThrow(/path/);
    await expect(kf.request({ method: 'GET', path: '/x?y=1' })).rejects.toThrow(/path/);
    await expect(kf.request({ method: 'GET', path: '/x', query: { access_token: 'a' } })).rejects.toThrow(
      /access_token/,
    );
    expect(server.seen).toHaveLength(0);
  });
});

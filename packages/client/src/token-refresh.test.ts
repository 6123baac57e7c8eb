import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clientFor,
  fail,
  ok,
  startServer,
  type TestServer,
  TOKEN,
  testRuntime,
} from './__fixtures__/server.js';
import { KfPlatformBusyError, KfTokenStoreError } from './errors.js';
import { InMemoryTokenStore, type KfStoredToken, type TokenStore } from './token-store.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const GETTOKEN = '/cgi-bin/gettoken';

/** A store whose reads answer (with what the store held when they started) only when released. */
function slowStore(): TokenStore & { readonly reads: (() => void)[] } {
  const inner = new InMemoryTokenStore();
  const reads: (() => void)[] = [];
  return {
    reads,
    get: (key) => {
      const snapshot = inner.get(key);
      return new Promise<KfStoredToken | undefined>((resolve) => {
        reads.push(() => resolve(snapshot));
      });
    },
    set: (key, token) => inner.set(key, token),
    delete: (key) => inner.delete(key),
  };
}

describe('a token whose lifetime is shorter than the refresh margin', () => {
  it('is used rather than fetched again by every call (gettoken answers the remaining lifetime)', async () => {
    const runtime = testRuntime();
    const expiry = runtime.time + 7_200_000;
    server = await startServer({
      [GETTOKEN]: () => ok({ access_token: TOKEN, expires_in: Math.round((expiry - runtime.time) / 1000) }),
    });
    const kf = clientFor(server, { tokenRefreshMargin: 300_000 }, runtime);
    await kf.getAccessToken();
    expect(server.on(GETTOKEN)).toHaveLength(1);
    runtime.time = expiry - 240_000; // 4 minutes left: inside the 5-minute margin
    for (let i = 0; i < 5; i += 1) expect(await kf.getAccessToken()).toBe(TOKEN);
    expect(server.on(GETTOKEN).length - 1).toBeLessThanOrEqual(1);
    // Half the remaining lifetime later it is refreshed again, still before it expires.
    runtime.time += 121_000;
    await kf.getAccessToken();
    expect(server.on(GETTOKEN)).toHaveLength(3);
  });
});

describe('a slow shared TokenStore', () => {
  it('does not start a second refresh for a caller whose store read overlapped a completed one', async () => {
    server = await startServer({});
    const store = slowStore();
    const kf = clientFor(server, { tokenStore: store });
    const first = kf.getAccessToken();
    const second = kf.getAccessToken();
    expect(store.reads).toHaveLength(2);
    store.reads[1]?.(); // the second caller's read answers first: it refreshes
    await expect(second).resolves.toBe(TOKEN);
    store.reads[0]?.(); // the first caller's read is stale: the store was empty when it began
    await expect(first).resolves.toBe(TOKEN);
    expect(server.on(GETTOKEN)).toHaveLength(1);
  });

  it('lets an overlapping caller share a refresh that failed instead of asking gettoken again', async () => {
    server = await startServer({ [GETTOKEN]: () => fail(-1, 'system busy') });
    const store = slowStore();
    const kf = clientFor(server, { tokenStore: store, maxRetries: 0 });
    const first = kf.getAccessToken().catch((e: unknown) => e);
    const second = kf.getAccessToken().catch((e: unknown) => e);
    store.reads[1]?.();
    expect(await second).toBeInstanceOf(KfPlatformBusyError);
    store.reads[0]?.();
    expect(await first).toBeInstanceOf(KfPlatformBusyError);
    expect(server.on(GETTOKEN)).toHaveLength(1);
  });
});

describe('a failing TokenStore', () => {
  it('never keeps the store error object: no token from its message, cause chain or own properties', async () => {
    server = await startServer({});
    const inner = new InMemoryTokenStore();
    const store: TokenStore = {
      get: (key) => inner.get(key),
      delete: (key) => inner.delete(key),
      set: async (key, token) => {
        // ioredis-style: a ReplyError with the command and its arguments, two causes deep.
        const root = new Error(`write of ${token.accessToken} refused`);
        const middle = new Error('cluster down', { cause: root });
        throw Object.assign(new Error('ReplyError: READONLY', { cause: middle }), {
          name: 'ReplyError',
          command: { name: 'set', args: [key, JSON.stringify(token)] },
        });
      },
    };
    const error = await clientFor(server, { tokenStore: store })
      .getAccessToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfTokenStoreError);
    const failure = error as KfTokenStoreError;
    expect(failure.operation).toBe('set');
    expect(failure.cause).toEqual({
      name: 'ReplyError',
      message: 'ReplyError: READONLY',
      cause: {
        name: 'Error',
        message: 'cluster down',
        cause: { name: 'Error', message: 'write of [REDACTED] refused' },
      },
    });
    for (const text of [failure.message, JSON.stringify(failure), inspect(failure, { depth: 20 })]) {
      expect(text).not.toContain(TOKEN);
    }
  });
});

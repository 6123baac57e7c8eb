import { afterEach, describe, expect, it } from 'vitest';
import {
  CORP_ID,
  clientFor,
  fail,
  ok,
  SECRET,
  type Seen,
  startServer,
  type TestServer,
  TOKEN,
  TOKEN_2,
  testRuntime,
} from './__fixtures__/server.js';
import { KfClient } from './client.js';
import { KfAbortError, KfAuthenticationError, KfConfigurationError, KfTokenStoreError } from './errors.js';
import { InMemoryTokenStore, type KfStoredToken, type TokenStore } from './token-store.js';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

const GETTOKEN = '/cgi-bin/gettoken';
const LIST = '/cgi-bin/kf/account/list';
const tokenOf = (s: Seen) => s.query.get('access_token');

/** An in-memory store that remembers the last key written (the key hashes the secret). */
function keyedStore(): TokenStore & { lastKey: string } {
  const inner = new InMemoryTokenStore();
  const store = {
    lastKey: '',
    get: (key: string) => inner.get(key),
    set: (key: string, token: KfStoredToken) => {
      store.lastKey = key;
      return inner.set(key, token);
    },
    delete: (key: string) => inner.delete(key),
  };
  return store;
}

describe('access tokens', () => {
  it('1000 concurrent calls with a cold cache cause exactly one gettoken', async () => {
    server = await startServer({ [LIST]: () => ok({ account_list: [] }) });
    const kf = clientFor(server);
    const results = await Promise.all(Array.from({ length: 1000 }, () => kf.getAccessToken()));
    expect(new Set(results)).toEqual(new Set([TOKEN]));
    expect(server.on(GETTOKEN)).toHaveLength(1);
    expect(server.on(GETTOKEN)[0]?.query.get('corpid')).toBe(CORP_ID);
    expect(server.on(GETTOKEN)[0]?.query.get('corpsecret')).toBe(SECRET);
  });

  it('concurrent API calls share one gettoken and all send the token in the query', async () => {
    server = await startServer({ [LIST]: () => ok({ account_list: [] }) });
    const kf = clientFor(server);
    await Promise.all(Array.from({ length: 50 }, () => kf.account.list()));
    expect(server.on(GETTOKEN)).toHaveLength(1);
    expect(server.on(LIST).map(tokenOf)).toEqual(Array(50).fill(TOKEN));
  });

  it('reuses the cached token until the refresh margin before expiry, then fetches a new one', async () => {
    let issued = 0;
    server = await startServer({
      [GETTOKEN]: () => ok({ access_token: issued++ === 0 ? TOKEN : TOKEN_2, expires_in: 7200 }),
    });
    const runtime = testRuntime();
    const kf = clientFor(server, { tokenRefreshMargin: 300_000 }, runtime);
    expect(await kf.getAccessToken()).toBe(TOKEN);
    runtime.time += (7200 - 301) * 1000;
    expect(await kf.getAccessToken()).toBe(TOKEN);
    expect(server.on(GETTOKEN)).toHaveLength(1);
    runtime.time += 2000; // now inside the 5-minute margin, before the real expiry
    expect(await kf.getAccessToken()).toBe(TOKEN_2);
    expect(server.on(GETTOKEN)).toHaveLength(2);
  });

  it.each([40014, 42001])(
    'on %i drops the token, fetches a new one and replays once, outside the retry budget',
    async (code) => {
      let issued = 0;
      server = await startServer({
        [GETTOKEN]: () => ok({ access_token: issued++ === 0 ? TOKEN : TOKEN_2, expires_in: 7200 }),
        [LIST]: (req) => (tokenOf(req) === TOKEN ? fail(code) : ok({ account_list: [] })),
      });
      const kf = clientFor(server, { maxRetries: 0 });
      await expect(kf.account.list()).resolves.toMatchObject({ account_list: [] });
      expect(server.on(LIST).map(tokenOf)).toEqual([TOKEN, TOKEN_2]);
      expect(server.on(GETTOKEN)).toHaveLength(2);
    },
  );

  it('replays only once: a second refused token surfaces as KfAuthenticationError', async () => {
    server = await startServer({ [LIST]: () => fail(40014, 'invalid access_token') });
    const kf = clientFor(server);
    const error = await kf.account.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfAuthenticationError);
    expect((error as KfAuthenticationError).errcode).toBe(40014);
    expect(server.on(LIST)).toHaveLength(2);
  });

  it('does not retry a configuration error, names the credential and never prints the secret', async () => {
    server = await startServer({ [GETTOKEN]: () => fail(40001, `invalid credential, corpsecret ${SECRET}`) });
    const kf = clientFor(server, { maxRetries: 5 });
    const error = await kf.account.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfConfigurationError);
    const config = error as KfConfigurationError;
    expect(config.credential).toBe('secret');
    expect(config.message).toMatch(/configured secret/);
    for (const text of [
      config.message,
      config.errmsg,
      JSON.stringify(config),
      String(config.url),
      config.stack,
    ]) {
      expect(text).not.toContain(SECRET);
    }
    expect(config.url).toContain('corpsecret=[REDACTED]');
    expect(server.on(GETTOKEN)).toHaveLength(1);
    expect(server.on(LIST)).toHaveLength(0);
  });

  it('after a configuration error, fails at once for the cooldown instead of asking gettoken again', async () => {
    server = await startServer({ [GETTOKEN]: () => fail(40013, 'invalid corpid') });
    const runtime = testRuntime();
    const kf = clientFor(server, { configErrorCooldown: 60_000 }, runtime);
    await expect(kf.getAccessToken()).rejects.toMatchObject({ credential: 'corpId' });
    await expect(kf.account.list()).rejects.toBeInstanceOf(KfConfigurationError);
    expect(server.on(GETTOKEN)).toHaveLength(1);
    runtime.time += 60_001;
    await expect(kf.getAccessToken()).rejects.toBeInstanceOf(KfConfigurationError);
    expect(server.on(GETTOKEN)).toHaveLength(2);
  });

  it('shares one token between clients through a shared TokenStore, keyed without the secret', async () => {
    server = await startServer({});
    const keys: string[] = [];
    const inner = new InMemoryTokenStore();
    const store: TokenStore = {
      get: (key) => inner.get(key),
      set: (key, token) => {
        keys.push(key);
        return inner.set(key, token);
      },
      delete: (key) => inner.delete(key),
    };
    const a = clientFor(server, { tokenStore: store });
    const b = clientFor(server, { tokenStore: store });
    expect(await a.getAccessToken()).toBe(TOKEN);
    expect(await b.getAccessToken()).toBe(TOKEN);
    expect(server.on(GETTOKEN)).toHaveLength(1);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toContain(CORP_ID);
    expect(keys[0]).not.toContain(SECRET);
    const other = clientFor(server, { tokenStore: store, secret: 'another-secret-value' });
    await other.getAccessToken();
    expect(server.on(GETTOKEN)).toHaveLength(2);
  });

  it('stores the expiry the platform gave', async () => {
    server = await startServer({ [GETTOKEN]: () => ok({ access_token: TOKEN, expires_in: 3600 }) });
    const runtime = testRuntime(1_000_000);
    const written: KfStoredToken[] = [];
    const inner = new InMemoryTokenStore();
    const store: TokenStore = {
      get: (key) => inner.get(key),
      set: (key, token) => {
        written.push(token);
        return inner.set(key, token);
      },
      delete: (key) => inner.delete(key),
    };
    await clientFor(server, { tokenStore: store }, runtime).getAccessToken();
    expect(written).toEqual([{ accessToken: TOKEN, expiresAt: 1_000_000 + 3_600_000 }]);
  });

  it('after a refused token, picks up the token another process stored instead of fetching', async () => {
    server = await startServer({
      [LIST]: (req) => (tokenOf(req) === TOKEN ? fail(42001) : ok({ account_list: [] })),
    });
    const store = keyedStore();
    const kf = clientFor(server, { tokenStore: store });
    await kf.getAccessToken();
    // Another process refreshed meanwhile: the shared store now holds TOKEN_2.
    await store.set(store.lastKey, { accessToken: TOKEN_2, expiresAt: Number.MAX_SAFE_INTEGER });
    await kf.account.list();
    expect(server.on(LIST).map(tokenOf)).toEqual([TOKEN, TOKEN_2]);
    expect(server.on(GETTOKEN)).toHaveLength(1);
    expect((await store.get(store.lastKey))?.accessToken).toBe(TOKEN_2);
  });

  it('reads a shared store only when its own copy is missing or stale', async () => {
    server = await startServer({ [LIST]: () => ok({ account_list: [] }) });
    const inner = new InMemoryTokenStore();
    let reads = 0;
    const store: TokenStore = {
      get: (key) => {
        reads += 1;
        return inner.get(key);
      },
      set: (key, token) => inner.set(key, token),
      delete: (key) => inner.delete(key),
    };
    const kf = clientFor(server, { tokenStore: store });
    for (let i = 0; i < 5; i += 1) await kf.account.list();
    expect(reads).toBe(1);
  });

  it('wraps a failing store in KfTokenStoreError', async () => {
    server = await startServer({});
    const store: TokenStore = {
      get: async () => {
        throw new Error('redis down');
      },
      set: async () => {},
      delete: async () => {},
    };
    const error = await clientFor(server, { tokenStore: store })
      .account.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KfTokenStoreError);
    expect((error as KfTokenStoreError).operation).toBe('get');
    expect(((error as KfTokenStoreError).cause as Error).message).toBe('redis down');
  });

  it('lets one waiter abort without cancelling the shared fetch for the others', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    server = await startServer({
      [GETTOKEN]: async () => {
        await gate;
        return ok({ access_token: TOKEN, expires_in: 7200 });
      },
    });
    const kf = clientFor(server);
    const controller = new AbortController();
    const aborted = kf.getAccessToken({ signal: controller.signal });
    const patient = kf.getAccessToken();
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(KfAbortError);
    release();
    await expect(patient).resolves.toBe(TOKEN);
    expect(server.on(GETTOKEN)).toHaveLength(1);
  });

  it('works with the default fetch and the default store', async () => {
    server = await startServer({ [LIST]: () => ok({ account_list: [] }) });
    const kf = new KfClient({ corpId: CORP_ID, secret: SECRET, baseURL: server.url });
    await kf.account.list();
    await kf.account.list();
    expect(server.on(GETTOKEN)).toHaveLength(1);
  });
});

import { setupServer } from 'msw/node';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { json } from './__fixtures__/harness.js';
import { createKfMock } from './create-kf-mock.js';
import { KfMockError } from './errors.js';
import { DEFAULT_BEHAVIOUR } from './options.js';

const server = setupServer();
server.listen({ onUnhandledRequest: 'error' });
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function listAccounts(baseUrl: string, corpId: string, corpSecret: string): Promise<unknown> {
  const token = await json(
    await fetch(`${baseUrl}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`),
  );
  const init = { method: 'POST', body: '{}' };
  const url = `${baseUrl}/cgi-bin/kf/account/list?access_token=${String(token.access_token)}`;
  return (await json(await fetch(url, init))).account_list;
}

describe('createKfMock', () => {
  it('intercepts https://qyapi.weixin.qq.com by default', async () => {
    const mock = createKfMock();
    server.use(...mock.handlers);
    mock.scenario.createAccount({ name: '默认' });
    const { corpId, secret: corpSecret, baseURL: baseUrl } = mock.credentials;
    expect(baseUrl).toBe('https://qyapi.weixin.qq.com');
    expect(await listAccounts(baseUrl, corpId, corpSecret)).toHaveLength(1);
  });

  it('gives credentials in the exact shape of KfClientOptions (corpId, secret, baseURL), nothing more', () => {
    // `new KfClient(mock.credentials)` rejects unknown keys; @kf/client is no dependency of the
    // mock, so the client's own tests check the call itself.
    const mock = createKfMock({ baseUrl: 'https://c.test/', corpId: 'wwc', corpSecret: 'sc' });
    expect(Object.keys(mock.credentials).sort()).toEqual(['baseURL', 'corpId', 'secret']);
    expect(mock.credentials).toEqual({ corpId: 'wwc', secret: 'sc', baseURL: 'https://c.test' });
  });

  it('lets two mocks with different base URLs and credentials coexist', async () => {
    const a = createKfMock({ baseUrl: 'https://a.test/', corpId: 'wwa', corpSecret: 'sa' });
    const b = createKfMock({ baseUrl: 'https://b.test', corpId: 'wwb', corpSecret: 'sb' });
    server.use(...a.handlers, ...b.handlers);
    a.scenario.createAccount({ name: 'A1' });
    a.scenario.createAccount({ name: 'A2' });
    b.scenario.createAccount({ name: 'B1' });
    expect(a.credentials.baseURL).toBe('https://a.test');
    expect(await listAccounts('https://a.test', 'wwa', 'sa')).toHaveLength(2);
    expect(await listAccounts('https://b.test', 'wwb', 'sb')).toHaveLength(1);
  });

  it('gives identical ids for identical runs with the same seed', () => {
    const run = (seed: string) => {
      const mock = createKfMock({ seed });
      const open_kfid = mock.scenario.createAccount();
      const external_userid = mock.scenario.createCustomer();
      const msgid = mock.scenario.customerSends({
        open_kfid,
        external_userid,
        message: { msgtype: 'text', text: { content: 'hi' } },
      });
      return [open_kfid, external_userid, msgid];
    };
    expect(run('s1')).toEqual(run('s1'));
    expect(run('s1')).not.toEqual(run('s2'));
  });

  it('forgets everything and re-seeds ids on reset, while time goes on', () => {
    const mock = createKfMock({ startTime: Date.UTC(2024, 0, 1) });
    const first = mock.scenario.createAccount();
    mock.clock.advance(1000);
    mock.reset();
    expect(mock.world.accounts()).toEqual([]);
    expect(mock.scenario.createAccount()).toBe(first);
    expect(mock.clock.now()).toBe(Date.UTC(2024, 0, 1) + 1000);
  });

  it('starts the clock at the current time, in whole seconds, when given no start', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 4, 6, 7, 8, 9, 999), toFake: ['Date'] });
    try {
      expect(createKfMock().clock.now()).toBe(Date.UTC(2026, 4, 6, 7, 8, 9));
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts the clock at startTime', () => {
    expect(createKfMock({ startTime: new Date('2025-06-01T00:00:00Z') }).clock.now()).toBe(
      Date.UTC(2025, 5, 1),
    );
  });

  it("reads baseURL and secret (the client's names), and still the deprecated baseUrl and corpSecret", () => {
    const current = createKfMock({ baseURL: 'https://n.test/', corpId: 'wwn', secret: 'sn' });
    const deprecated = createKfMock({ baseUrl: 'https://n.test/', corpId: 'wwn', corpSecret: 'sn' });
    expect(current.credentials).toEqual({ corpId: 'wwn', secret: 'sn', baseURL: 'https://n.test' });
    expect(deprecated.credentials).toEqual(current.credentials);
    // The new name wins when both are given.
    expect(createKfMock({ baseURL: 'https://a.test', baseUrl: 'https://b.test' }).credentials.baseURL).toBe(
      'https://a.test',
    );
  });

  it('exposes the behaviour choices with their defaults', () => {
    const mock = createKfMock({ behaviour: { sendWindowErrcode: 95018 } });
    expect(mock.behaviour).toEqual({ ...DEFAULT_BEHAVIOUR, sendWindowErrcode: 95018 });
  });

  it.each([
    [{ baseUrl: 'not a url' }, /baseUrl/],
    [{ baseURL: 'not a url' }, /baseURL/],
    [{ secret: '' }, /secret/],
    [{ corpId: '' }, /corpId/],
    [{ tokenTtlSeconds: 0 }, /tokenTtlSeconds/],
    [{ behaviour: { syncMsgWithoutToken: { maxCalls: 0, windowSeconds: 60 } } }, /maxCalls/],
  ])('rejects unusable options %o with a KfMockError', (options, message) => {
    expect(() => createKfMock(options)).toThrow(KfMockError);
    expect(() => createKfMock(options)).toThrow(message);
  });
});

describe('clock', () => {
  it('refuses to go backwards', () => {
    const mock = createKfMock();
    expect(() => mock.clock.advance(-1)).toThrow(KfMockError);
    expect(() => mock.clock.set(0)).toThrow(KfMockError);
  });

  it('accepts an injected clock', () => {
    let now = 5_000_000;
    const mock = createKfMock({ clock: { now: () => now, advance: (ms) => (now += ms), set: () => {} } });
    mock.clock.advance(10);
    expect(mock.clock.now()).toBe(5_000_010);
  });
});

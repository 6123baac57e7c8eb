import { KfCallbackCrypto } from '@kf/crypto';
import { KfMsgOrEventCallback } from '@kf/types';
import * as wecom from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { startAppServer, useAppServer } from './__fixtures__/app-server.js';
import { text, useKfMock } from './__fixtures__/harness.js';
import type { KfMockCallbackNotification } from './callbacks.js';
import { KfMockCallbackError } from './callbacks.js';
import { MINUTE, SECOND } from './clock.js';
import { createKfMock } from './create-kf-mock.js';

const TOKEN = 'kfMockToken123';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const api = useKfMock();
const app = useAppServer();

const conversation = () => api.conversation();

describe('HTTP callbacks', () => {
  it('POSTs a signed, encrypted kf_msg_or_event that @wecom/crypto and @kf/crypto decrypt', async () => {
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('在吗') });
    expect(app.received).toHaveLength(0); // delivery never blocks the step that produced the message
    await api.mock.callbacks.flush();

    expect(app.received).toHaveLength(1);
    const [post] = app.received;
    if (post === undefined) throw new Error('no POST');
    expect(post.method).toBe('POST');
    expect(post.url.pathname).toBe('/kf/callback');
    const { msg_signature, timestamp, nonce } = Object.fromEntries(post.url.searchParams);
    expect(timestamp).toBe(String(Math.floor(api.mock.clock.now() / 1000)));
    const encrypt = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(post.body)?.[1] ?? '';
    expect(post.body).toContain(`<ToUserName><![CDATA[${api.mock.credentials.corpId}]]></ToUserName>`);
    expect(wecom.getSignature(TOKEN, timestamp ?? '', nonce ?? '', encrypt)).toBe(msg_signature);
    const theirs = wecom.decrypt(KEY, encrypt);
    expect(theirs.id).toBe(api.mock.credentials.corpId);
    const token = api.mock.world.latestCallbackToken(ids.open_kfid);
    expect(theirs.message).toContain(`<Token><![CDATA[${token}]]></Token>`);

    const ours = new KfCallbackCrypto({
      token: TOKEN,
      encodingAESKey: KEY,
      receiveId: api.mock.credentials.corpId,
    });
    const { fields } = ours.decryptCallback(post.url.searchParams, post.body);
    expect(KfMsgOrEventCallback.parse(fields)).toEqual({
      ToUserName: api.mock.credentials.corpId,
      CreateTime: Math.floor(api.mock.clock.now() / 1000),
      MsgType: 'event',
      Event: 'kf_msg_or_event',
      Token: token,
      OpenKfId: ids.open_kfid,
    });
    expect(api.mock.callbacks.deliveries()).toEqual([
      expect.objectContaining({ id: 1, via: 'http', outcome: 'delivered', attempts: [{ status: 200 }] }),
    ]);
  });

  it('gives each notification a Token that sync_msg accepts for 10 minutes', async () => {
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    const ids = conversation();
    api.mock.scenario.customerSends({ ...ids, message: text('一') });
    await api.mock.callbacks.flush();
    const ours = new KfCallbackCrypto({ token: TOKEN, encodingAESKey: KEY, receiveId: null });
    const post = app.received[0];
    if (post === undefined) throw new Error('no POST');
    const token = String(ours.decryptCallback(post.url.searchParams, post.body).fields.Token);
    api.mock.clock.advance(10 * MINUTE - SECOND);
    const page = await api.call('syncMsg', { token, open_kfid: ids.open_kfid });
    expect(page.errcode).toBe(0);
    expect(page.msg_list).toEqual([expect.objectContaining({ msgtype: 'text', text: { content: '一' } })]);
    api.mock.clock.advance(2 * SECOND);
    expect((await api.call('syncMsg', { token, open_kfid: ids.open_kfid })).errcode).toBe(95007);
  });

  it('sends one notification per new message or event, in order', async () => {
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    const ids = conversation();
    api.mock.scenario.enterSession(ids);
    api.mock.scenario.customerSends({ ...ids, message: text('a') });
    api.mock.scenario.customerSends({ ...ids, message: text('b') });
    await api.mock.callbacks.flush();
    const ours = new KfCallbackCrypto({ token: TOKEN, encodingAESKey: KEY, receiveId: null });
    const tokens = app.received.map(
      (post) => ours.decryptCallback(post.url.searchParams, post.body).fields.Token,
    );
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(3);
    expect(api.mock.callbacks.deliveries().map((delivery) => delivery.notification.Token)).toEqual(tokens);
  });

  it('retries a POST answered with 500 and succeeds on the 4th attempt (3 retries)', async () => {
    app.respond((_request, index) => ({ status: index < 3 ? 500 : 200 }));
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    api.mock.scenario.customerSends({ ...conversation(), message: text('x') });
    await api.mock.callbacks.flush();
    expect(app.received).toHaveLength(4);
    expect(new Set(app.received.map((post) => post.url.search)).size).toBe(1); // the same request again
    const [delivery] = api.mock.callbacks.deliveries();
    expect(delivery?.outcome).toBe('delivered');
    expect(delivery?.attempts).toEqual([
      { status: 500, error: 'HTTP 500' },
      { status: 500, error: 'HTTP 500' },
      { status: 500, error: 'HTTP 500' },
      { status: 200 },
    ]);
  });

  it('gives up after 3 retries and treats any status but 200 as a failure', async () => {
    app.respond(() => ({ status: 204 }));
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    api.mock.scenario.customerSends({ ...conversation(), message: text('x') });
    await api.mock.callbacks.flush();
    expect(app.received).toHaveLength(4);
    expect(api.mock.callbacks.deliveries()[0]).toMatchObject({ outcome: 'failed' });
  });

  it('retries when the app does not answer within the timeout', async () => {
    app.respond((_request, index) => (index === 0 ? 'hang' : { status: 200 }));
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY, timeoutMs: 400 });
    api.mock.scenario.customerSends({ ...conversation(), message: text('x') });
    await api.mock.callbacks.flush();
    expect(api.mock.callbacks.deliveries()[0]?.attempts).toEqual([
      { status: null, error: 'no answer within 400 ms' },
      { status: 200 },
    ]);
  });

  it('waits retryDelayMs between attempts through the sleep option', async () => {
    const waits: number[] = [];
    const mock = api.recreate({ sleep: async (ms) => void waits.push(ms) });
    app.respond((_request, index) => ({ status: index === 0 ? 502 : 200 }));
    mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY, retryDelayMs: 1500 });
    const open_kfid = mock.scenario.createAccount();
    mock.scenario.customerSends({
      open_kfid,
      external_userid: mock.scenario.createCustomer(),
      message: text('x'),
    });
    await mock.callbacks.flush();
    expect(waits).toEqual([1500]);
    expect(app.received).toHaveLength(2);
  });

  it('records a connection error as an attempt without status', async () => {
    const closed = await startAppServer();
    await closed.close();
    api.mock.callbacks.configure({ url: closed.url, token: TOKEN, encodingAESKey: KEY, retries: 0 });
    api.mock.scenario.customerSends({ ...conversation(), message: text('x') });
    await api.mock.callbacks.flush();
    const [delivery] = api.mock.callbacks.deliveries();
    expect(delivery?.outcome).toBe('failed');
    expect(delivery?.attempts[0]?.status).toBeNull();
    expect(delivery?.attempts[0]?.error).toMatch(/fetch failed/);
  });

  it('produces the same encrypted bodies for the same seed', async () => {
    const bodies: string[] = [];
    for (let run = 0; run < 2; run++) {
      const mock = api.recreate({ callback: { url: app.url, token: TOKEN, encodingAESKey: KEY } });
      const open_kfid = mock.scenario.createAccount();
      mock.scenario.customerSends({
        open_kfid,
        external_userid: mock.scenario.createCustomer(),
        message: text('x'),
      });
      await mock.callbacks.flush();
    }
    for (const post of app.received) bodies.push(`${post.url.search} ${post.body}`);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toBe(bodies[1]);
  });

  it('keeps the ids of the world unchanged whether callbacks are configured or not', () => {
    const plain = createKfMock();
    const pushing = createKfMock({
      callback: { url: app.url, token: TOKEN, encodingAESKey: KEY },
      onCallback: () => {},
    });
    for (const mock of [plain, pushing]) {
      const open_kfid = mock.scenario.createAccount();
      mock.scenario.customerSends({
        open_kfid,
        external_userid: mock.scenario.createCustomer(),
        message: text('x'),
      });
    }
    expect(pushing.world.accounts()).toEqual(plain.world.accounts());
    expect(pushing.world.messages(pushing.world.accounts()[0]?.open_kfid ?? '')).toEqual(
      plain.world.messages(plain.world.accounts()[0]?.open_kfid ?? ''),
    );
    return pushing.callbacks.flush();
  });

  it('records a notification it cannot encrypt as failed, without failing the step', async () => {
    const mock = createKfMock({
      corpId: 'ww\u0001',
      callback: { url: app.url, token: TOKEN, encodingAESKey: KEY },
    });
    const open_kfid = mock.scenario.createAccount();
    const external_userid = mock.scenario.createCustomer();
    expect(mock.scenario.customerSends({ open_kfid, external_userid, message: text('x') })).toEqual(
      expect.any(String),
    );
    await mock.callbacks.flush();
    expect(mock.callbacks.deliveries()).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        attempts: [{ status: null, error: expect.stringMatching(/ToUserName/) }],
      }),
    ]);
    expect(app.received).toHaveLength(0);
  });

  it('rejects a configuration that cannot work, with a typed error', () => {
    const configure = api.mock.callbacks.configure;
    expect(() => configure({ url: 'ftp://x', token: TOKEN, encodingAESKey: KEY })).toThrow(
      KfMockCallbackError,
    );
    expect(() => configure({ url: app.url, token: TOKEN, encodingAESKey: 'short' })).toThrow(
      /encodingAESKey/,
    );
    expect(() => configure({ url: app.url, token: '', encodingAESKey: KEY })).toThrow(KfMockCallbackError);
    expect(() => configure({ url: app.url, token: TOKEN, encodingAESKey: KEY, retries: -1 })).toThrow(
      /retries/,
    );
    expect(api.mock.callbacks.config()).toBeUndefined();
    configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    expect(api.mock.callbacks.config()).toEqual({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    configure(null);
    expect(api.mock.callbacks.config()).toBeUndefined();
  });

  it('keeps the configuration across reset() but forgets the delivery records', async () => {
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    api.mock.scenario.customerSends({ ...conversation(), message: text('x') });
    await api.mock.callbacks.flush();
    api.mock.reset();
    expect(api.mock.callbacks.deliveries()).toEqual([]);
    api.mock.scenario.customerSends({ ...conversation(), message: text('y') });
    await api.mock.callbacks.flush();
    expect(api.mock.callbacks.deliveries()).toEqual([
      expect.objectContaining({ id: 1, outcome: 'delivered' }),
    ]);
  });
});

describe('in-process callbacks', () => {
  it('gives every notification to onCallback listeners, after the step returns', async () => {
    const seen: KfMockCallbackNotification[] = [];
    const mock = createKfMock({ onCallback: (notification) => void seen.push(notification) });
    const open_kfid = mock.scenario.createAccount();
    const external_userid = mock.scenario.createCustomer();
    mock.scenario.customerSends({ open_kfid, external_userid, message: text('hi') });
    expect(seen).toHaveLength(0);
    await mock.callbacks.flush();
    expect(seen).toEqual([
      {
        ToUserName: mock.credentials.corpId,
        CreateTime: Math.floor(mock.clock.now() / 1000),
        MsgType: 'event',
        Event: 'kf_msg_or_event',
        Token: mock.world.latestCallbackToken(open_kfid),
        OpenKfId: open_kfid,
      },
    ]);
  });

  it('records a listener that throws as a failed delivery, and stops after unsubscribing', async () => {
    const mock = createKfMock();
    const off = mock.callbacks.onCallback(() => {
      throw new Error('app down');
    });
    const open_kfid = mock.scenario.createAccount();
    const external_userid = mock.scenario.createCustomer();
    mock.scenario.customerSends({ open_kfid, external_userid, message: text('hi') });
    await mock.callbacks.flush();
    off();
    mock.scenario.customerSends({ open_kfid, external_userid, message: text('again') });
    await mock.callbacks.flush();
    expect(mock.callbacks.deliveries()).toEqual([
      expect.objectContaining({
        via: 'function',
        outcome: 'failed',
        attempts: [{ status: null, error: 'app down' }],
      }),
    ]);
  });

  it('flush() also waits for deliveries started by a listener while flushing', async () => {
    const mock = createKfMock();
    const open_kfid = mock.scenario.createAccount();
    const external_userid = mock.scenario.createCustomer();
    mock.callbacks.onCallback(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (mock.callbacks.deliveries().length === 1) {
        mock.scenario.customerSends({ open_kfid, external_userid, message: text('second') });
      }
    });
    mock.scenario.customerSends({ open_kfid, external_userid, message: text('first') });
    await mock.callbacks.flush();
    expect(mock.callbacks.deliveries().map((delivery) => [delivery.id, delivery.outcome])).toEqual([
      [1, 'delivered'],
      [2, 'delivered'],
    ]);
  });
});

describe('URL verification', () => {
  it('resolves when the app echoes the decrypted echostr', async () => {
    const ours = new KfCallbackCrypto({
      token: TOKEN,
      encodingAESKey: KEY,
      receiveId: api.mock.credentials.corpId,
    });
    app.respond((request) => ({ status: 200, body: ours.verifyUrl(request.url.searchParams) }));
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    const result = await api.mock.callbacks.verifyUrl();
    expect(app.received).toHaveLength(1);
    expect(app.received[0]?.method).toBe('GET');
    const echostr = app.received[0]?.url.searchParams.get('echostr') ?? '';
    expect(wecom.decrypt(KEY, echostr).message).toBe(result.echo);
    expect(result.echo).toMatch(/^\d{19}$/);
  });

  it('rejects when the app answers something else, another status, or nothing in time', async () => {
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY });
    app.respond((request) => ({ status: 200, body: `${request.url.searchParams.get('echostr')}` }));
    await expect(api.mock.callbacks.verifyUrl()).rejects.toThrow(/instead of the decrypted echostr/);
    app.respond(() => ({ status: 403, body: `forbidden ${'x'.repeat(500)}` }));
    const refused = await api.mock.callbacks.verifyUrl().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(KfMockCallbackError);
    expect(refused).toMatchObject({ status: 403, body: `forbidden ${'x'.repeat(190)}` });
    const { message } = refused as KfMockCallbackError;
    expect(message).toMatch(/^the app answered the URL verification with HTTP 403 "forbidden x+", not 200/);
    expect(message).toContain("signed at 1704067200 (2024-01-01T00:00:00.000Z, the mock's clock)");
    expect(message).toContain('now: () => mock.clock.now()');
    expect(message.length).toBeLessThan(700);
    expect((refused as KfMockCallbackError).toJSON()).toMatchObject({
      status: 403,
      body: expect.any(String),
    });
    app.respond(() => 'hang');
    api.mock.callbacks.configure({ url: app.url, token: TOKEN, encodingAESKey: KEY, verifyTimeoutMs: 50 });
    await expect(api.mock.callbacks.verifyUrl()).rejects.toThrow(/no answer within 50 ms/);
    await expect(api.mock.callbacks.verifyUrl()).rejects.toBeInstanceOf(KfMockCallbackError);
  });

  it('rejects when no callback URL is configured', async () => {
    await expect(api.mock.callbacks.verifyUrl()).rejects.toThrow(/no callback URL is configured/);
  });
});

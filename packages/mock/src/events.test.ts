import { afterEach, describe, expect, it } from 'vitest';
import { sseReader } from './__fixtures__/sse.js';
import type { KfMockServer, KfMockWorldEvent } from './server.js';
import { start } from './server.js';

let server: KfMockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function world() {
  server = await start({
    // The assertions name clock times: a fixed start (the default is the current time).
    startTime: Date.UTC(2024, 0, 1),
    setup: { accounts: [{ name: 'Acme', servicers: ['zhangsan'] }], customers: [{ nickname: 'Alice' }] },
  });
  const open_kfid = server.setup.accounts[0]?.open_kfid ?? '';
  const external_userid = server.setup.customers[0]?.external_userid ?? '';
  const post = (path: string, body: unknown = {}) =>
    fetch(`${server?.url}/__kf_mock${path}`, { method: 'POST', body: JSON.stringify(body) });
  const response = await fetch(`${server.url}/__kf_mock/events`);
  return {
    server,
    open_kfid,
    external_userid,
    post,
    response,
    events: sseReader(response.body as ReadableStream),
  };
}

describe('GET /__kf_mock/events', () => {
  it('starts with a snapshot of the world', async () => {
    const { response, events, open_kfid } = await world();
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const first = (await events.next()) as KfMockWorldEvent;
    expect(first).toMatchObject({ type: 'snapshot', reason: 'connected' });
    if (first.type !== 'snapshot') return;
    expect(first.world.accounts.map((a) => a.open_kfid)).toEqual([open_kfid]);
    expect(first.world.customers.map((c) => c.nickname)).toEqual(['Alice']);
    expect(first.world.callback).toBeNull();
  });
});

describe('the events after the snapshot', () => {
  it('tells log entries, session changes, calls and the clock as they happen', async () => {
    const { events, post, open_kfid, external_userid, server } = await world();
    await events.next();
    await post('/customer/enter-session', {
      open_kfid,
      external_userid,
      scene: 'shop',
      scene_param: 'order-1',
    });
    const entered = await events.until<KfMockWorldEvent>((e) => e.type === 'log');
    expect(entered).toMatchObject({
      type: 'log',
      open_kfid,
      message: {
        msgtype: 'event',
        event: { event_type: 'enter_session', scene: 'shop', scene_param: 'order-1' },
      },
    });
    expect(await events.until<KfMockWorldEvent>((e) => e.type === 'session')).toMatchObject({
      from: null,
      session: { open_kfid, external_userid, service_state: 4 },
    });
    await post('/customer/send', {
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: '人工' } },
    });
    const session = await events.until<KfMockWorldEvent>((e) => e.type === 'session');
    expect(session).toMatchObject({
      type: 'session',
      from: 4,
      session: { open_kfid, external_userid, service_state: 0 },
    });

    // An API call through the kf API itself: a call event with its errcode.
    const { corpId, secret } = server.mock.credentials;
    await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=wrong`);
    const call = await events.until<KfMockWorldEvent>((e) => e.type === 'call');
    expect(call).toMatchObject({ type: 'call', call: { endpoint: 'getToken', errcode: 40001 } });
    expect(secret).not.toBe('wrong');

    await post('/servicer/take-from-pool', { open_kfid, external_userid, servicer_userid: 'zhangsan' }).then(
      (r) => expect(r.status).toBe(400),
    );
    await post('/clock/advance', { ms: 48 * 3_600_000 + 60_000 });
    const clock = await events.until<KfMockWorldEvent>((e) => e.type === 'clock');
    expect(clock).toMatchObject({ type: 'clock', iso: '2024-01-03T00:01:00.000Z' });
    const ended = await events.until<KfMockWorldEvent>((e) => e.type === 'session');
    expect(ended).toMatchObject({ from: 0, session: { service_state: 4 } });
  });

  it('tells when a call is held and when it goes on', async () => {
    const { events, post, server } = await world();
    const first = (await events.next()) as KfMockWorldEvent;
    expect(first).toMatchObject({ type: 'snapshot', world: { held: [] } });
    await post('/faults', { kind: 'hold', endpoint: 'getToken' });
    const { corpId, secret } = server.mock.credentials;
    const token = fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${secret}`);
    expect(await events.until<KfMockWorldEvent>((e) => e.type === 'held')).toEqual({
      type: 'held',
      held: [{ id: 1, endpoint: 'getToken', method: 'GET', at: Date.UTC(2024, 0, 1), maxMs: 20_000 }],
    });
    await post('/held/release', { id: 1 });
    expect(await events.until<KfMockWorldEvent>((e) => e.type === 'held')).toEqual({
      type: 'held',
      held: [],
    });
    expect((await token).status).toBe(200);
    expect(await events.until<KfMockWorldEvent>((e) => e.type === 'call')).toMatchObject({
      call: { endpoint: 'getToken', errcode: 0 },
    });
  });

  it('sends a fresh snapshot after a reset', async () => {
    const { events, post } = await world();
    await events.next();
    await post('/customers', { nickname: 'Bob' });
    expect(await events.until<KfMockWorldEvent>((e) => e.type === 'customers')).toMatchObject({
      customers: [{ nickname: 'Alice' }, { nickname: 'Bob' }],
    });
    await post('/reset');
    const snapshot = await events.until<KfMockWorldEvent>((e) => e.type === 'snapshot');
    expect(snapshot).toMatchObject({ reason: 'reset', world: { accounts: [], customers: [], sent: [] } });
  });

  it('ends the stream when the server closes', async () => {
    const { events, server: running } = await world();
    await events.next();
    await running.close();
    server = undefined;
    await expect(events.next()).rejects.toThrow();
  });
});

describe('GET /__kf_mock/sessions and /endpoints', () => {
  it('lists every session with its state, and the endpoint names faults take', async () => {
    const { post, open_kfid, external_userid, server: running } = await world();
    await post('/customer/send', {
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: 'hi' } },
    });
    const { sessions } = (await (await fetch(`${running.url}/__kf_mock/sessions`)).json()) as {
      sessions: unknown[];
    };
    expect(sessions).toEqual([
      {
        open_kfid,
        external_userid,
        service_state: 0,
        last_customer_msg_at: expect.any(Number),
        sent_since_customer_msg: 0,
        rejected: false,
      },
    ]);
    const { endpoints } = (await (await fetch(`${running.url}/__kf_mock/endpoints`)).json()) as {
      endpoints: { name: string; path: string }[];
    };
    expect(endpoints).toContainEqual({ name: 'sendMsg', path: '/cgi-bin/kf/send_msg' });
  });
});

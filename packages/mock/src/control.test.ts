import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { KfCallbackCrypto } from '@kf/crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppServer } from './__fixtures__/app-server.js';
import { startAppServer } from './__fixtures__/app-server.js';
import { createWallClock, HOUR } from './clock.js';
import { CONTROL_ROUTES } from './internal/control/routes.js';
import type { KfMockServer } from './server.js';
import { start } from './server.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
let server: KfMockServer;
let app: AppServer;
beforeAll(async () => {
  server = await start();
  app = await startAppServer();
});
afterAll(async () => {
  await server.close();
  await app.close();
});
beforeEach(async () => {
  server.mock.callbacks.configure(null);
  await control('POST', '/reset');
});

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

async function control(method: string, path: string, body?: unknown): Promise<Answer> {
  const init: RequestInit = { method };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(`${server.url}/__kf_mock${path}`, init);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

async function ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await control(method, path, body);
  if (answer.status !== 200)
    throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const text = (content: string) => ({ msgtype: 'text', text: { content } });

describe('control API', () => {
  it('lists its routes, the credentials and the clock', async () => {
    const body = await ok('GET', '');
    expect(body.url).toBe(server.url);
    expect(body.credentials).toEqual(server.mock.credentials);
    expect(body.clock).toEqual({
      now: server.mock.clock.now(),
      iso: new Date(server.mock.clock.now()).toISOString(),
    });
    expect(body.routes).toHaveLength(CONTROL_ROUTES.length);
    expect(body.routes).toContainEqual({
      method: 'POST',
      path: '/__kf_mock/customer/send',
      summary: expect.any(String),
    });
  });

  it('is documented route by route, with a curl example each, in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const route of CONTROL_ROUTES) {
      const path = `/__kf_mock${route.path}`;
      expect(readme, `${route.method} ${path}`).toContain(`| \`${route.method} ${path}\``);
      const curl =
        route.method === 'GET'
          ? `curl -s "$KF/__kf_mock${route.path}`
          : `curl -s -X ${route.method} "$KF${path}`;
      expect(readme, `curl for ${route.method} ${path}`).toContain(curl);
    }
  });

  it('drives a whole conversation: accounts, customers, servicers, sent messages', async () => {
    const { open_kfid } = await ok('POST', '/accounts', { name: '售后' });
    await ok('POST', '/members', { userid: 'lisi', departments: [7] });
    await ok('POST', '/departments', { department_id: 8 });
    await ok('POST', '/servicers', { open_kfid, userid: 'zhangsan' });
    await ok('POST', '/servicers', { open_kfid, userid: 'lisi' });
    const { external_userid } = await ok('POST', '/customers', { nickname: '张三' });
    const ids = { open_kfid: String(open_kfid), external_userid: String(external_userid) };
    const entered = await ok('POST', '/customer/enter-session', {
      ...ids,
      scene: 'shop',
      scene_param: 'order-1',
    });
    expect(entered).toMatchObject({ entered: true, welcome_code: expect.any(String) });
    expect(await ok('POST', '/customer/enter-session', { ...ids, scene_param: 'no-scene' })).toEqual({
      entered: false,
    });
    const { msgid } = await ok('POST', '/customer/send', { ...ids, message: text('在吗') });
    await ok('POST', '/customer/recall', { ...ids, msgid });
    await ok('POST', '/customer/send', { ...ids, message: text('还在吗') });
    await ok('POST', '/faults', { kind: 'rate-limit', endpoint: '*' }); // cleared before it applies
    await ok('DELETE', '/faults');
    const trans = await fetch(`${server.url}/cgi-bin/kf/service_state/trans?access_token=${await token()}`, {
      method: 'POST',
      body: JSON.stringify({ ...ids, service_state: 2 }),
    });
    expect(((await trans.json()) as { errcode: number }).errcode).toBe(0);
    expect(await ok('POST', '/servicer/take-from-pool', { ...ids, servicer_userid: 'zhangsan' })).toEqual({
      msg_code: expect.any(String),
    });
    await ok('POST', '/servicer/transfer', { ...ids, servicer_userid: 'lisi' });
    const reply = await ok('POST', '/servicer/reply', {
      ...ids,
      servicer_userid: 'lisi',
      message: text('您好'),
    });
    await ok('POST', '/servicer/recall', { ...ids, servicer_userid: 'lisi', msgid: reply.msgid });
    await ok('POST', '/servicer/reject-customer', { ...ids, servicer_userid: 'lisi', reject: true });
    await ok('POST', '/customer/survey-sent', ids);
    await ok('POST', '/customer/survey-answer', { ...ids, answer: 'satisfied' });
    const noSurvey = await control('POST', '/customer/survey-answer', { ...ids, answer: 'middling' });
    expect([noSurvey.status, (noSurvey.body.error as { type: string }).type]).toEqual([
      400,
      'scenario_error',
    ]);
    expect(await ok('GET', `/session?${new URLSearchParams(ids)}`)).toMatchObject({
      service_state: 3,
      servicer_userid: 'lisi',
      rejected: true,
    });
    expect(await ok('POST', '/servicer/end', ids)).toEqual({ msg_code: expect.any(String) });
    await ok('POST', '/servicer/status', { userid: 'lisi', status: 'suspended' });
    const { messages } = await ok('GET', `/messages?open_kfid=${open_kfid}`);
    const events = (messages as { event?: { event_type: string } }[])
      .map((m) => m.event?.event_type)
      .filter(Boolean);
    expect(events).toEqual([
      'enter_session',
      'user_recall_msg',
      'session_status_change',
      'session_status_change',
      'servicer_recall_msg',
      'reject_customer_msg_switch_change',
      'session_status_change',
      'servicer_status_change',
    ]);
    expect((await ok('GET', '/accounts')).accounts).toEqual([
      expect.objectContaining({ open_kfid, name: '售后', servicer_userids: ['zhangsan', 'lisi'] }),
    ]);
    expect((await ok('GET', '/customers')).customers).toEqual([
      expect.objectContaining({ external_userid, nickname: '张三' }),
    ]);
    const { token: callbackToken } = await ok('GET', `/callback-token?open_kfid=${open_kfid}`);
    expect(callbackToken).toBe(server.mock.world.latestCallbackToken(String(open_kfid)));
    expect((await ok('GET', '/calls')).calls).toEqual([
      expect.objectContaining({ endpoint: 'getToken', errcode: 0 }),
      expect.objectContaining({ endpoint: 'serviceState.trans', errcode: 0 }),
    ]);
  });

  it('reads what the app sent, per customer', async () => {
    const { accounts, customers } = await ok('POST', '/setup', { accounts: [{}], customers: [{}, {}] });
    const open_kfid = (accounts as { open_kfid: string }[])[0]?.open_kfid ?? '';
    const [a, b] = (customers as { external_userid: string }[]).map((customer) => customer.external_userid);
    for (const external_userid of [a, b])
      await ok('POST', '/customer/send', { open_kfid, external_userid, message: text('hi') });
    const access = await token();
    for (const [touser, content] of [
      [a, 'to a'],
      [b, 'to b'],
      [a, 'to a again'],
    ]) {
      await fetch(`${server.url}/cgi-bin/kf/send_msg?access_token=${access}`, {
        method: 'POST',
        body: JSON.stringify({ touser, open_kfid, msgtype: 'text', text: { content } }),
      });
    }
    const { sent } = await ok('GET', `/sent?external_userid=${a}`);
    expect((sent as { content: unknown }[]).map((message) => message.content)).toEqual([
      text('to a'),
      text('to a again'),
    ]);
    expect(((await ok('GET', '/sent')).sent as unknown[]).length).toBe(3);
  });

  it.each([
    ['/clock/advance', { ms: 1e300 }],
    ['/clock/advance', { ms: 8.64e15 }],
    ['/clock/set', { time: 1e300 }],
    ['/faults', { kind: 'delay', endpoint: 'account.list', ms: 1e300 }],
  ])('answers 400 to %s %o and changes nothing', async (path, body) => {
    const before = server.mock.clock.now();
    const answer = await control('POST', path, body);
    expect(answer.status).toBe(400);
    expect(server.mock.clock.now()).toBe(before);
    expect(await ok('GET', '/clock')).toEqual({ now: before, iso: new Date(before).toISOString() });
    // A token issued now is a valid token, and the API answers with it.
    const access = await token();
    const listed = await fetch(`${server.url}/cgi-bin/kf/account/list?access_token=${access}`, {
      method: 'POST',
      body: '{}',
    }).then((r) => r.json() as Promise<{ errcode: number }>);
    expect(listed.errcode).toBe(0);
  });

  it('moves the clock and injects faults', async () => {
    const start = server.mock.clock.now();
    expect(await ok('POST', '/clock/advance', { ms: HOUR })).toEqual({
      now: start + HOUR,
      iso: new Date(start + HOUR).toISOString(),
    });
    const next = new Date(start + 2 * HOUR).toISOString();
    expect((await ok('POST', '/clock/set', { time: next })).iso).toBe(next);
    expect(await control('POST', '/clock/set', { time: start })).toMatchObject({
      status: 400,
      body: { error: { type: 'scenario_error', message: expect.stringMatching(/backwards/) } },
    });
    expect((await ok('GET', '/clock')).now).toBe(start + 2 * HOUR);

    const access = await token();
    const list = () =>
      fetch(`${server.url}/cgi-bin/kf/account/list?access_token=${access}`, {
        method: 'POST',
        body: '{}',
      }).then((r) => r.json() as Promise<{ errcode: number }>);
    await ok('POST', '/faults', { kind: 'fail', endpoint: 'account.list', errcode: 95999, times: 2 });
    await ok('POST', '/faults', { kind: 'system-busy', endpoint: '*' });
    expect([(await list()).errcode, (await list()).errcode, (await list()).errcode]).toEqual([
      95999, 95999, -1,
    ]);
    await ok('POST', '/faults', { kind: 'rate-limit', endpoint: 'account.list' });
    expect((await list()).errcode).toBe(45009);
    await ok('POST', '/faults', { kind: 'delay', endpoint: 'account.list', ms: HOUR });
    expect((await list()).errcode).toBe(0);
    expect(server.mock.clock.now()).toBe(start + 3 * HOUR);
    await ok('POST', '/faults', { kind: 'drop', endpoint: 'account.list' });
    await expect(list()).rejects.toThrow(TypeError);
    await ok('POST', '/tokens/revoke');
    expect((await list()).errcode).toBe(40014);
    expect(await control('POST', '/faults', { kind: 'fail', endpoint: 'account.list' })).toMatchObject({
      status: 400,
      body: { error: { message: 'a fail fault needs errcode' } },
    });
    expect(await control('POST', '/faults', { kind: 'drop', endpoint: 'account.nope' })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/endpoint: unknown endpoint name/) } },
    });
  });

  it('holds a send in flight until released: the window closes meanwhile and the replay meets 95002', async () => {
    const { open_kfid } = await ok('POST', '/accounts', { name: 'Acme' });
    const { external_userid } = await ok('POST', '/customers', { nickname: 'Alice' });
    await ok('POST', '/customer/send', { open_kfid, external_userid, message: text('hello') });
    const send = (access: string) =>
      fetch(`${server.url}/cgi-bin/kf/send_msg?access_token=${access}`, {
        method: 'POST',
        body: JSON.stringify({
          touser: external_userid,
          open_kfid,
          msgtype: 'text',
          text: { content: 'hi' },
        }),
      }).then((r) => r.json() as Promise<{ errcode: number }>);

    await ok('POST', '/faults', { kind: 'hold', endpoint: 'sendMsg', ms: 60_000 });
    const arrivedAt = server.mock.clock.now();
    const held = send(await token());
    let listed = await ok('GET', '/held');
    for (let turn = 0; turn < 1000 && (listed.held as unknown[]).length === 0; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      listed = await ok('GET', '/held');
    }
    expect(listed).toEqual({
      held: [{ id: 1, endpoint: 'sendMsg', method: 'POST', at: arrivedAt, maxMs: 60_000 }],
    });
    await ok('POST', '/clock/advance', { ms: 48 * HOUR + 60_000 });
    expect(await ok('POST', '/held/release', { id: 2 })).toEqual({ released: 0 });
    expect(await ok('POST', '/held/release', { id: 1 })).toEqual({ released: 1 });
    // Its token expired in flight; the replay with a fresh one finds the window closed.
    expect((await held).errcode).toBe(40014);
    expect((await send(await token())).errcode).toBe(95002);
    expect(await ok('GET', '/held')).toEqual({ held: [] });
    expect(await ok('POST', '/held/release')).toEqual({ released: 0 });
    expect(await ok('GET', '/sent')).toEqual({ sent: [] });

    expect(
      await control('POST', '/faults', { kind: 'hold', endpoint: 'sendMsg', ms: 600_001 }),
    ).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/maxMs/) } } });
    expect(await control('POST', '/held/release', { id: 0 })).toMatchObject({ status: 400 });
  });

  it('forgets a held call whose client went away', async () => {
    await ok('POST', '/faults', { kind: 'hold', endpoint: 'account.list' });
    const gone = new AbortController();
    const listed = fetch(`${server.url}/cgi-bin/kf/account/list?access_token=${await token()}`, {
      method: 'POST',
      body: '{}',
      signal: gone.signal,
    });
    const heldNow = async () => ((await ok('GET', '/held')).held as unknown[]).length;
    for (let turn = 0; turn < 1000 && (await heldNow()) === 0; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await heldNow()).toBe(1);
    gone.abort();
    await expect(listed).rejects.toThrow();
    for (let turn = 0; turn < 1000 && (await heldNow()) === 1; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await ok('GET', '/held')).toEqual({ held: [] });
  });

  it('stores and reads media', async () => {
    const { media_id } = await ok('POST', '/media', {
      type: 'file',
      base64: Buffer.from([1, 2, 3, 250]).toString('base64'),
      filename: 'a.bin',
    });
    expect(await ok('GET', `/media?media_id=${media_id}`)).toMatchObject({
      media_id,
      type: 'file',
      filename: 'a.bin',
      base64: 'AQID+g==',
    });
    expect(await control('GET', '/media?media_id=nope')).toMatchObject({
      status: 404,
      body: { error: { type: 'not_found' } },
    });
    await ok('POST', '/upgrade-service', { userid_list: ['zhangsan'] });
    await ok('POST', '/wechat-channels-binding', { bound: true });
    const corp = await fetch(`${server.url}/cgi-bin/kf/get_corp_qualification?access_token=${await token()}`);
    expect(await corp.json()).toMatchObject({ errcode: 0, wechat_channels_binding: true });
  });

  it('configures callbacks, runs the URL verification and reports deliveries', async () => {
    const config = { url: app.url, token: 'tok', encodingAESKey: KEY };
    expect(await ok('GET', '/callbacks')).toEqual({ config: null });
    await ok('PUT', '/callbacks', config);
    expect(await ok('GET', '/callbacks')).toEqual({ config });
    const ours = new KfCallbackCrypto({
      token: 'tok',
      encodingAESKey: KEY,
      receiveId: server.mock.credentials.corpId,
    });
    app.respond((request) => ({
      status: 200,
      body: request.method === 'GET' ? ours.verifyUrl(request.url.searchParams) : '',
    }));
    expect(await ok('POST', '/callbacks/verify')).toMatchObject({
      verified: true,
      echo: expect.stringMatching(/^\d{19}$/),
    });
    app.respond(() => ({ status: 500 }));
    expect(await control('POST', '/callbacks/verify')).toMatchObject({
      status: 422,
      body: { error: { type: 'callback_verification_failed', message: expect.stringMatching(/HTTP 500/) } },
    });
    app.respond(() => ({ status: 200 }));
    const { accounts, customers } = await ok('POST', '/setup', { accounts: [{}], customers: [{}] });
    const open_kfid = (accounts as { open_kfid: string }[])[0]?.open_kfid;
    const external_userid = (customers as { external_userid: string }[])[0]?.external_userid;
    await ok('POST', '/customer/send', { open_kfid, external_userid, message: text('x') });
    const { deliveries } = await ok('POST', '/callbacks/flush');
    expect(deliveries).toEqual([
      expect.objectContaining({ via: 'http', outcome: 'delivered', attempts: [{ status: 200 }] }),
    ]);
    expect((await ok('GET', '/callbacks/deliveries')).deliveries).toEqual(deliveries);
    await ok('DELETE', '/callbacks');
    expect(await ok('GET', '/callbacks')).toEqual({ config: null });
    expect(await control('PUT', '/callbacks', { ...config, encodingAESKey: 'bad' })).toMatchObject({
      status: 400,
    });
  });

  it('answers errors as JSON: 404, 405, bad JSON, unknown fields, refused steps', async () => {
    expect(await control('GET', '/nope')).toMatchObject({
      status: 404,
      body: { error: { type: 'not_found' } },
    });
    const wrongMethod = await control('GET', '/customer/send');
    expect(wrongMethod).toMatchObject({ status: 405, body: { error: { type: 'method_not_allowed' } } });
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(await control('POST', '/accounts', '{oops')).toMatchObject({
      status: 400,
      body: { error: { message: 'the body is not valid JSON' } },
    });
    expect(await control('POST', '/accounts', { nmae: 'x' })).toMatchObject({
      status: 400,
      body: { error: { type: 'bad_request', message: expect.stringMatching(/Unrecognized key/) } },
    });
    expect(
      await control('POST', '/customer/send', {
        open_kfid: 'wknope',
        external_userid: 'wmnope',
        message: text('x'),
      }),
    ).toMatchObject({
      status: 400,
      body: { error: { type: 'scenario_error', message: expect.any(String) } },
    });
    expect(await control('GET', '/session')).toMatchObject({
      status: 400,
      body: { error: { message: 'the query needs open_kfid' } },
    });
    expect(
      await control(
        'GET',
        `/session?${new URLSearchParams({ open_kfid: 'wkNope', external_userid: 'wmNope' })}`,
      ),
    ).toEqual({
      status: 404,
      body: { error: { type: 'not_found', message: 'world.session: no account wkNope' } },
      headers: expect.any(Headers),
    });
  });

  it("runs the README's clock/set example on the CLI's wall clock", async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const prefix = 'curl -s -X POST "$KF/__kf_mock/clock/set" -d ';
    const line = readme.split('\n').find((l) => l.startsWith(prefix));
    expect(line).toBeDefined();
    // The shell expands the body exactly as it would for curl; the request itself is made here.
    const payload = execFileSync('sh', ['-c', `printf %s ${line?.slice(prefix.length)}`], {
      encoding: 'utf8',
    });
    const wall = await start({ clock: createWallClock() });
    try {
      const before = wall.mock.clock.now();
      const response = await fetch(`${wall.url}/__kf_mock/clock/set`, { method: 'POST', body: payload });
      expect(response.status).toBe(200);
      expect(wall.mock.clock.now()).toBeGreaterThan(before);
    } finally {
      await wall.close();
    }
  });

  it('reset forgets the world', async () => {
    await ok('POST', '/accounts', {});
    await ok('POST', '/reset');
    expect(await ok('GET', '/accounts')).toEqual({ accounts: [] });
  });
});

async function token(): Promise<string> {
  const { corpId, secret: corpSecret } = server.mock.credentials;
  const response = await fetch(`${server.url}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`);
  return String(((await response.json()) as { access_token: string }).access_token);
}

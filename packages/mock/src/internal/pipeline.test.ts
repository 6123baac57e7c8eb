import { describe, expect, it, vi } from 'vitest';
import { json, useKfMock } from '../__fixtures__/harness.js';

const sleep = vi.fn(async (_ms: number) => {});
const api = useKfMock(() => ({ sleep }));

async function post(path: string, body: string): Promise<Record<string, unknown>> {
  const token = await api.token();
  const response = await api.raw(`${path}?access_token=${token}`, { method: 'POST', body });
  expect(response.status).toBe(200);
  return json(response);
}

describe('request parsing', () => {
  it('answers 40058 for a body that is not JSON', async () => {
    expect((await post('/cgi-bin/kf/account/add', '{"name":')).errcode).toBe(40058);
  });

  it('answers 40058 for a JSON body that is not an object', async () => {
    expect((await post('/cgi-bin/kf/account/add', '[1,2]')).errcode).toBe(40058);
  });

  it('answers 40058 for a field of the wrong type', async () => {
    const open_kfid = api.mock.scenario.createAccount();
    const body = await post(
      '/cgi-bin/kf/service_state/get',
      JSON.stringify({ open_kfid, external_userid: 42 }),
    );
    expect(body.errcode).toBe(40058);
    expect(body.errmsg).toContain('external_userid');
  });

  it('ignores a field the endpoint does not know and records a warning on the call', async () => {
    const body = await post('/cgi-bin/kf/account/list', JSON.stringify({ offset: 0, limt: 10 }));
    expect(body.errcode).toBe(0);
    expect(api.mock.world.calls().at(-1)).toMatchObject({
      endpoint: 'account.list',
      errcode: 0,
      warnings: ['ignored unknown field "limt"'],
    });
  });

  it('answers 40058 for a field the endpoint does not know with strictRequests', async () => {
    api.recreate({ sleep, strictRequests: true });
    const body = await post('/cgi-bin/kf/account/list', JSON.stringify({ offset: 0, limt: 10 }));
    expect(body.errcode).toBe(40058);
    expect(api.mock.world.calls().at(-1)?.warnings).toBeUndefined();
  });

  it('answers 40063 for a missing required field', async () => {
    expect((await post('/cgi-bin/kf/service_state/get', JSON.stringify({ open_kfid: 'wk1' }))).errcode).toBe(
      40063,
    );
  });

  it('answers with the errcode the schema attaches (95000 for an empty open_kfid)', async () => {
    const body = await post('/cgi-bin/kf/account/del', JSON.stringify({ open_kfid: '' }));
    expect(body.errcode).toBe(95000);
  });
});

describe('HTTP methods', () => {
  it('answers 40063 when a POST endpoint is called with GET (the body is not read)', async () => {
    const token = await api.token();
    const response = await api.raw(`/cgi-bin/kf/account/add?access_token=${token}`);
    expect((await json(response)).errcode).toBe(40063);
  });

  it('accepts account/list with GET and no body, as older SDKs call it', async () => {
    api.mock.scenario.createAccount({ name: '售后' });
    const token = await api.token();
    const body = await json(await api.raw(`/cgi-bin/kf/account/list?access_token=${token}`));
    expect(body.errcode).toBe(0);
    expect(body.account_list).toHaveLength(1);
  });

  it('reads offset and limit from the query of a GET account/list, with a warning', async () => {
    for (const name of ['a', 'b', 'c']) api.mock.scenario.createAccount({ name });
    const token = await api.token();
    const body = await json(await api.raw(`/cgi-bin/kf/account/list?access_token=${token}&offset=1&limit=1`));
    expect(body.errcode).toBe(0);
    expect((body.account_list as { name: string }[]).map((account) => account.name)).toEqual(['b']);
    expect(api.mock.world.calls().at(-1)?.warnings).toEqual([
      'GET on a POST endpoint: "offset", "limit" read from the query',
    ]);
  });

  it('still refuses a GET query value outside the documented range (limit 1–100)', async () => {
    const token = await api.token();
    const body = await json(await api.raw(`/cgi-bin/kf/account/list?access_token=${token}&limit=101`));
    expect(body.errcode).toBe(40058);
  });

  it('ignores the query of a GET account/list with strictRequests', async () => {
    api.recreate({ sleep, strictRequests: true });
    for (const name of ['a', 'b', 'c']) api.mock.scenario.createAccount({ name });
    const token = await api.token();
    const body = await json(await api.raw(`/cgi-bin/kf/account/list?access_token=${token}&offset=1&limit=1`));
    expect(body.account_list).toHaveLength(3);
  });

  it('accepts account/list with POST and an empty body', async () => {
    const body = await post('/cgi-bin/kf/account/list', '');
    expect(body).toMatchObject({ errcode: 0, account_list: [] });
  });
});

describe('fault injection', () => {
  it('fails the next N calls of an endpoint with the given errcode, then recovers', async () => {
    api.mock.scenario.failNext('account.list', 48002, { times: 2 });
    expect((await api.call('account.list')).errcode).toBe(48002);
    expect((await api.call('account.list')).errcode).toBe(48002);
    expect((await api.call('account.list')).errcode).toBe(0);
  });

  it('leaves other endpoints alone', async () => {
    api.mock.scenario.failNext('account.add', 48002);
    expect((await api.call('account.list')).errcode).toBe(0);
  });

  it('bursts -1 on every endpoint with "*"', async () => {
    const token = await api.token();
    api.mock.scenario.systemBusy('*', { times: 3 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await api.call('account.list', {}, { token })).errcode);
    expect(codes).toEqual([-1, -1, -1, 0]);
  });

  it('answers 45009 for rate-limit faults', async () => {
    api.mock.scenario.rateLimit('account.list');
    expect((await api.call('account.list')).errcode).toBe(45009);
  });

  it('drops the connection so fetch rejects', async () => {
    const token = await api.token();
    api.mock.scenario.dropNext('account.list');
    await expect(api.call('account.list', {}, { token })).rejects.toThrow(TypeError);
    expect((await api.call('account.list', {}, { token })).errcode).toBe(0);
    const calls = api.mock.world.calls().map((call) => [call.endpoint, call.errcode]);
    expect(calls).toEqual([
      ['getToken', 0],
      ['account.list', null],
      ['account.list', 0],
    ]);
  });

  it('moves the mock clock during a delayed call, so a token can expire in flight', async () => {
    const token = await api.token();
    api.mock.scenario.delayNext('account.list', 7200 * 1000);
    const before = api.mock.clock.now();
    expect((await api.call('account.list', {}, { token })).errcode).toBe(42001);
    expect(api.mock.clock.now() - before).toBe(7200 * 1000);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('waits through the sleep option for real-time latency', async () => {
    await api.token();
    api.mock.scenario.delayNext('account.list', 5000, { realTime: true });
    expect((await api.call('account.list')).errcode).toBe(0);
    expect(sleep).toHaveBeenCalledWith(5000);
  });

  it('forgets pending faults on clearFaults', async () => {
    api.mock.scenario.systemBusy('*', { times: 5 });
    api.mock.scenario.clearFaults();
    expect((await api.call('account.list')).errcode).toBe(0);
  });

  it('rejects faults for an endpoint that does not exist', () => {
    expect(() => api.mock.scenario.failNext('nope' as 'account.list', 1)).toThrow(/unknown endpoint/);
  });
});

describe('world.calls()', () => {
  it('keeps the latest maxCallRecords calls, oldest first (a ring buffer)', async () => {
    const mock = api.recreate({ sleep, maxCallRecords: 3 });
    const token = await api.token();
    for (let i = 0; i < 5; i++) await api.call('account.list', { offset: i }, { token });
    await api.call('account.add', {}, { token });
    expect(mock.world.calls().map((c) => [c.endpoint, c.errcode])).toEqual([
      ['account.list', 0],
      ['account.list', 0],
      ['account.add', 40063],
    ]);
  });

  it('refuses a maxCallRecords that is not a positive integer', () => {
    expect(() => api.recreate({ maxCallRecords: 0 })).toThrow(/maxCallRecords/);
  });
});

import { describe, expect, it } from 'vitest';
import { json, useKfMock } from '../__fixtures__/harness.js';
import { SECOND } from '../clock.js';

const api = useKfMock({ corpId: 'wwcorp', corpSecret: 'secret', tokenTtlSeconds: 7200 });

describe('gettoken', () => {
  it('issues a token with expires_in 7200 for the configured corp and secret', async () => {
    const response = await api.raw('/cgi-bin/gettoken?corpid=wwcorp&corpsecret=secret');
    const body = await json(response);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(body.access_token).toMatch(/^[A-Za-z0-9]{64}$/);
  });

  it('returns the same token while it is valid, with the remaining lifetime', async () => {
    const first = await api.token();
    api.mock.clock.advance(100 * SECOND);
    const body = await json(await api.raw('/cgi-bin/gettoken?corpid=wwcorp&corpsecret=secret'));
    expect(body.access_token).toBe(first);
    expect(body.expires_in).toBe(7100);
  });

  it.each([
    ['wrong corp', 'corpid=other&corpsecret=secret', 40013],
    ['wrong secret', 'corpid=wwcorp&corpsecret=nope', 40001],
    ['missing corpid', 'corpsecret=secret', 41002],
    ['empty corpid', 'corpid=&corpsecret=secret', 41002],
    ['missing secret', 'corpid=wwcorp', 41004],
  ])('answers %s with %i', async (_, query, errcode) => {
    const body = await json(await api.raw(`/cgi-bin/gettoken?${query}`));
    expect(body.errcode).toBe(errcode);
    expect(body.access_token).toBeUndefined();
  });
});

describe('access tokens on API calls', () => {
  it('answers 41001 without access_token', async () => {
    expect((await api.call('account.list', {}, { token: null })).errcode).toBe(41001);
  });

  it('answers 41001 for an empty access_token', async () => {
    expect((await api.call('account.list', {}, { token: '' })).errcode).toBe(41001);
  });

  it('answers 40014 for a token the mock never issued', async () => {
    expect((await api.call('account.list', {}, { token: 'forged' })).errcode).toBe(40014);
  });

  it('accepts a token one second before expiry and answers 42001 at expiry', async () => {
    const token = await api.token();
    api.mock.clock.advance(7199 * SECOND);
    expect((await api.call('account.list', {}, { token })).errcode).toBe(0);
    api.mock.clock.advance(SECOND);
    expect((await api.call('account.list', {}, { token })).errcode).toBe(42001);
  });

  it('issues a new token after expiry', async () => {
    const first = await api.token();
    api.mock.clock.advance(7200 * SECOND);
    const second = await api.token();
    expect(second).not.toBe(first);
    expect((await api.call('account.list', {}, { token: second })).errcode).toBe(0);
  });

  it('answers 40014 for revoked tokens until a new one is fetched', async () => {
    const first = await api.token();
    api.mock.scenario.revokeTokens();
    expect((await api.call('account.list', {}, { token: first })).errcode).toBe(40014);
    const second = await api.token();
    expect(second).not.toBe(first);
    expect((await api.call('account.list', {}, { token: second })).errcode).toBe(0);
  });

  it('answers errmsg in the platform format: text, digit hint, caller ip, error-code link', async () => {
    const body = await api.call('account.list', {}, { token: 'forged' });
    expect(body.errmsg).toMatch(
      /^invalid access_token, hint: \[\d{25}\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40014$/,
    );
  });

  it("uses the platform's own text where it is known (95018), the mock's explanation otherwise", async () => {
    const open_kfid = api.mock.scenario.createAccount();
    api.mock.scenario.addServicer(open_kfid, 'zhangsan');
    const external_userid = api.mock.scenario.createCustomer();
    api.mock.scenario.customerSends({
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: 'q' } },
    });
    await api.call('serviceState.trans', { open_kfid, external_userid, service_state: 2 });
    const refused = await api.call('sendMsg', {
      touser: external_userid,
      open_kfid,
      msgtype: 'text',
      text: { content: 'a' },
    });
    expect([refused.errcode, refused.errmsg.split(',')[0]]).toEqual([
      95018,
      'send msg session status invalid',
    ]);
    const missing = await api.call('serviceState.get', { open_kfid });
    expect(missing.errmsg).toMatch(/^external_userid: .*, hint: \[\d{25}\], from ip: /);
  });
});

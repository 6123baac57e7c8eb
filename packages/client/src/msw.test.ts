import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KfClient } from './client.js';
import { KfBusinessRuleError } from './errors.js';

const BASE = 'https://qyapi.weixin.qq.com';
let gettokenCalls = 0;

const server = setupServer(
  http.get(`${BASE}/cgi-bin/gettoken`, () => {
    gettokenCalls += 1;
    return HttpResponse.json({
      errcode: 0,
      errmsg: 'ok',
      access_token: 'MSW_TOKEN_0000000',
      expires_in: 7200,
    });
  }),
  http.post(`${BASE}/cgi-bin/kf/sync_msg`, () =>
    HttpResponse.json({
      errcode: 0,
      errmsg: 'ok',
      next_cursor: 'c1',
      has_more: 0,
      msg_list: [
        {
          msgid: 'm1',
          open_kfid: 'wk1',
          external_userid: 'wm1',
          send_time: 1_700_000_000,
          origin: 3,
          msgtype: 'text',
          text: { content: 'hello' },
        },
      ],
    }),
  ),
  http.post(`${BASE}/cgi-bin/kf/send_msg`, async ({ request }) => {
    const url = new URL(request.url);
    if (url.searchParams.get('access_token') !== 'MSW_TOKEN_0000000') {
      return HttpResponse.json({ errcode: 40014, errmsg: 'invalid access_token' });
    }
    const body = (await request.json()) as { touser: string; msgid: string };
    if (body.touser === 'wm-quota')
      return HttpResponse.json({ errcode: 95001, errmsg: 'send quota exceeded' });
    return HttpResponse.json({ errcode: 0, errmsg: 'ok', msgid: body.msgid });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('against MSW handlers on the default host and the global fetch', () => {
  it('pulls messages and replies, fetching the token once', async () => {
    const kf = new KfClient({ corpId: 'ww1', secret: 'msw-secret-value', validateResponses: 'throw' });
    const page = await kf.syncMsg({ open_kfid: 'wk1' });
    const [first] = page.msg_list;
    expect(first?.msgtype).toBe('text');
    if (first?.msgtype !== 'text') throw new Error('expected a text message');
    expect(first.text.content).toBe('hello');
    const sent = await kf.sendMsg({
      touser: first.external_userid,
      open_kfid: 'wk1',
      msgtype: 'text',
      text: { content: 'hi' },
    });
    expect(sent.msgid).toMatch(/^[0-9a-f]{32}$/);
    expect(gettokenCalls).toBe(1);
  });

  it('surfaces a business rule as KfBusinessRuleError', async () => {
    const kf = new KfClient({ corpId: 'ww1', secret: 'msw-secret-value' });
    await expect(
      kf.sendMsg({ touser: 'wm-quota', open_kfid: 'wk1', msgtype: 'text', text: { content: 'hi' } }),
    ).rejects.toSatisfy(
      (e) => e instanceof KfBusinessRuleError && e.errcode === 95001 && e.endpoint === 'sendMsg',
    );
  });
});

import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKfMock, HOUR, KfMockError } from './index.js';

// The README's quick start, verbatim apart from the assertions.
const mock = createKfMock();
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen());
afterAll(() => server.close());

it('runs the README quick start through the public entry point', async () => {
  const open_kfid = mock.scenario.createAccount({ name: '售后' });
  const external_userid = mock.scenario.createCustomer();
  mock.scenario.customerSends({
    open_kfid,
    external_userid,
    message: { msgtype: 'text', text: { content: '在吗' } },
  });

  const { corpId, secret: corpSecret, baseURL: baseUrl } = mock.credentials;
  const auth = await fetch(`${baseUrl}/cgi-bin/gettoken?corpid=${corpId}&corpsecret=${corpSecret}`);
  const { access_token } = (await auth.json()) as { access_token: string };
  const sync = await fetch(`${baseUrl}/cgi-bin/kf/sync_msg?access_token=${access_token}`, {
    method: 'POST',
    body: JSON.stringify({ open_kfid, token: mock.world.latestCallbackToken(open_kfid) }),
  });
  const page = (await sync.json()) as { msg_list: { text?: { content: string } }[] };
  expect(page.msg_list.map((m) => m.text?.content)).toEqual(['在吗']);

  await fetch(`${baseUrl}/cgi-bin/kf/send_msg?access_token=${access_token}`, {
    method: 'POST',
    body: JSON.stringify({ touser: external_userid, open_kfid, msgtype: 'text', text: { content: '在的' } }),
  });
  expect(mock.world.sent({ external_userid }).map((m) => m.content)).toEqual([
    { msgtype: 'text', text: { content: '在的' } },
  ]);

  mock.clock.advance(49 * HOUR);
  expect(mock.world.session(open_kfid, external_userid).service_state).toBe(4);
  expect(() => mock.scenario.servicerEnds({ open_kfid, external_userid })).toThrow(KfMockError);
});

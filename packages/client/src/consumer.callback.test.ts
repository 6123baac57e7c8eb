import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCallbackXml, KfCallbackCrypto } from '@kf/crypto';
import { createKfMock } from '@kf/mock';
import type { SyncMsgRequest } from '@kf/types';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AES_KEY, TOKEN as CALLBACK_TOKEN } from './__fixtures__/callback.js';
import { deferred } from './__fixtures__/consumer.js';
import { createCallbackHandler } from './callback.js';
import { toNodeListener } from './callback-node.js';
import { KfClient } from './client.js';
import { KfConsumer } from './consumer.js';

// The API is the mock through MSW; the callback goes over real loopback HTTP, which MSW lets through.
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());

describe('callback → consumer → handler over loopback HTTP', () => {
  it('an encrypted kf_msg_or_event POSTed to the callback URL gets the new messages to the handler, pulled with its Token', async () => {
    const mock = createKfMock({ seed: 'consumer-callback' });
    msw.resetHandlers(...mock.handlers);
    const { corpId } = mock.credentials;
    const kf = new KfClient({ ...mock.credentials, now: mock.clock.now });
    const open_kfid = mock.scenario.createAccount({ name: '售后' });
    const external_userid = mock.scenario.createCustomer({ nickname: '张三' });
    const say = (content: string) =>
      mock.scenario.customerSends({
        open_kfid,
        external_userid,
        message: { msgtype: 'text', text: { content } },
      });

    const requests: SyncMsgRequest[] = [];
    const handled: string[] = [];
    let expected = 0;
    let reached = deferred();
    const consumer = new KfConsumer(
      {
        syncMsg: (request) => {
          requests.push(request);
          return kf.syncMsg(request);
        },
      },
      {
        now: mock.clock.now,
        handler: (msg) => {
          handled.push(msg.msgtype === 'text' ? msg.text.content : msg.msgtype);
          if (handled.length === expected) reached.resolve();
        },
      },
    );
    const callback = createCallbackHandler({
      token: CALLBACK_TOKEN,
      encodingAESKey: AES_KEY,
      corpId,
      now: mock.clock.now,
      onEvent: consumer.onEvent, // the one-line wiring
    });
    const server = createServer(toNodeListener(callback));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kf/callback`;
    consumer.start();

    const platform = new KfCallbackCrypto({
      token: CALLBACK_TOKEN,
      encodingAESKey: AES_KEY,
      receiveId: corpId,
    });
    const notify = async (): Promise<{ status: number; text: string; token: string }> => {
      const token = mock.world.latestCallbackToken(open_kfid) ?? '';
      const seconds = String(Math.floor(mock.clock.now() / 1000));
      const xml = buildCallbackXml({
        ToUserName: corpId,
        CreateTime: seconds,
        MsgType: 'event',
        Event: 'kf_msg_or_event',
        Token: token,
        OpenKfId: open_kfid,
      });
      const { body, query } = platform.encryptCallback(xml, { timestamp: seconds, nonce: 'n0nce' });
      const response = await fetch(`${url}?${new URLSearchParams({ ...query })}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body,
      });
      return { status: response.status, text: await response.text(), token };
    };

    try {
      say('在吗');
      say('订单 123');
      expected = 2;
      const first = await notify();
      expect(first).toMatchObject({ status: 200, text: 'success' });
      await reached.promise;
      await consumer.idle();
      expect(handled).toEqual(['在吗', '订单 123']);
      expect(requests).toEqual([{ open_kfid, token: first.token }]);

      say('还在吗');
      expected = 3;
      reached = deferred();
      const second = await notify();
      expect(second.status).toBe(200);
      await reached.promise;
      await consumer.idle();
      expect(handled).toEqual(['在吗', '订单 123', '还在吗']);
      expect(requests[1]).toMatchObject({ open_kfid, token: second.token, cursor: expect.any(String) });
      expect(
        mock.world
          .calls()
          .filter((c) => c.endpoint === 'syncMsg')
          .map((c) => c.errcode),
      ).toEqual([0, 0]);
    } finally {
      await consumer.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createKfMock, HOUR, type KfMock, KfMockCallbackError } from '@kf/mock';
import type { KfCallbackEvent } from '@kf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { AES_KEY, TOKEN } from './__fixtures__/callback.js';
import { createCallbackHandler, type KfCallbackHandlerOptions } from './callback.js';
import { toNodeListener } from './callback-node.js';
import type { KfCallbackError } from './errors.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

/**
 * The set-up a consuming team writes first: an in-process mock calling back a real handler served
 * on loopback, each on its default clock unless `now` is given.
 */
async function connect(mock: KfMock, extra: Pick<KfCallbackHandlerOptions, 'now'> = {}) {
  const events: KfCallbackEvent[] = [];
  const errors: KfCallbackError[] = [];
  const handler = createCallbackHandler({
    token: TOKEN,
    encodingAESKey: AES_KEY,
    corpId: mock.credentials.corpId,
    onEvent: (event) => void events.push(event),
    onError: (error) => void errors.push(error),
    ...extra,
  });
  const listening = createServer(toNodeListener(handler));
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const { port } = listening.address() as AddressInfo;
  mock.callbacks.configure({
    url: `http://127.0.0.1:${port}/kf/callback`,
    token: TOKEN,
    encodingAESKey: AES_KEY,
  });
  return { handler, events, errors };
}

describe('an in-process @kf/mock calling back createCallbackHandler', () => {
  it('passes URL verification and delivers notifications out of the box', async () => {
    const mock = createKfMock({ seed: 'out-of-the-box' });
    const { handler, events, errors } = await connect(mock);
    await expect(mock.callbacks.verifyUrl()).resolves.toMatchObject({
      echo: expect.stringMatching(/^\d{19}$/),
    });

    const open_kfid = mock.scenario.createAccount({ name: '售后' });
    const external_userid = mock.scenario.createCustomer({ nickname: '张三' });
    mock.scenario.customerSends({
      open_kfid,
      external_userid,
      message: { msgtype: 'text', text: { content: '在吗' } },
    });
    await mock.callbacks.flush();
    await handler.idle();

    expect(errors).toEqual([]);
    expect(mock.callbacks.deliveries().map((d) => d.outcome)).toEqual(['delivered']);
    expect(events).toEqual([
      expect.objectContaining({
        Event: 'kf_msg_or_event',
        OpenKfId: open_kfid,
        Token: mock.world.latestCallbackToken(open_kfid),
      }),
    ]);
  });

  it('needs the mock clock as the handler `now` once a test moves it, and says so when it is missing', async () => {
    const ahead = createKfMock({ seed: 'clock-moved' });
    ahead.clock.advance(48 * HOUR);
    const plain = await connect(ahead);
    const refused = await ahead.callbacks.verifyUrl().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(KfMockCallbackError);
    expect(refused).toMatchObject({ status: 403, message: expect.stringMatching(/mock\.clock\.now\(\)/) });
    expect(plain.errors.map((e) => e.reason)).toEqual(['timestamp']);

    await new Promise<void>((resolve) => server?.close(() => resolve()));
    const mock = createKfMock({ seed: 'clock-moved' });
    mock.clock.advance(48 * HOUR);
    const withNow = await connect(mock, { now: () => mock.clock.now() });
    await expect(mock.callbacks.verifyUrl()).resolves.toMatchObject({ echo: expect.any(String) });
    expect(withNow.errors).toEqual([]);
  });
});

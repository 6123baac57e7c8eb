import { describe, expectTypeOf, it } from 'vitest';
import type {
  KfMock,
  KfMockCallbackConfig,
  KfMockCallbackDelivery,
  KfMockCallbackNotification,
  KfMockUrlVerification,
} from './index.js';
import { createKfMock, type KfMockCallbackError, type KfMockError } from './index.js';
import type { KfMockServer, KfMockServerOptions, KfMockSetup } from './server.js';
import { start } from './server.js';

describe('callback and server types', () => {
  it('types the callbacks API', () => {
    const mock = createKfMock({
      onCallback: (notification) => expectTypeOf(notification.Token).toEqualTypeOf<string>(),
    });
    expectTypeOf(mock.callbacks.verifyUrl()).resolves.toEqualTypeOf<KfMockUrlVerification>();
    expectTypeOf(mock.callbacks.deliveries()).toEqualTypeOf<KfMockCallbackDelivery[]>();
    expectTypeOf(mock.callbacks.config()).toEqualTypeOf<KfMockCallbackConfig | undefined>();
    expectTypeOf<KfMockCallbackNotification['Event']>().toEqualTypeOf<'kf_msg_or_event'>();
    expectTypeOf<KfMockCallbackError>().toExtend<KfMockError>();
    // @ts-expect-error: the EncodingAESKey is required
    mock.callbacks.configure({ url: 'http://127.0.0.1', token: 't' });
  });

  it('starts a server from createKfMock options without baseUrl', () => {
    expectTypeOf(start).returns.resolves.toEqualTypeOf<KfMockServer>();
    expectTypeOf<KfMockServer['mock']>().toEqualTypeOf<KfMock>();
    expectTypeOf<KfMockServerOptions['setup']>().toEqualTypeOf<KfMockSetup | undefined>();
    // @ts-expect-error: the base URL is the server's own
    start({ baseUrl: 'http://x' });
  });
});

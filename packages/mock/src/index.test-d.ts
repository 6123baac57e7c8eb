import type { HttpHandler } from 'msw';
import { describe, expectTypeOf, it } from 'vitest';
import type { KfMockBehaviour, KfMockCredentials, KfMockSession } from './index.js';
import { createKfMock } from './index.js';

describe('public types', () => {
  it('gives MSW handlers and credentials', () => {
    const mock = createKfMock();
    expectTypeOf(mock.handlers).toEqualTypeOf<readonly HttpHandler[]>();
    expectTypeOf(mock.credentials).toEqualTypeOf<KfMockCredentials>();
    expectTypeOf(mock.world.session('wk', 'wm')).toEqualTypeOf<KfMockSession>();
  });

  it('types credentials as the options of KfClient: corpId, secret, baseURL', () => {
    expectTypeOf<KfMockCredentials>().toEqualTypeOf<{
      readonly corpId: string;
      readonly secret: string;
      readonly baseURL: string;
    }>();
  });

  it('restricts the errcode choices to the documented alternatives', () => {
    expectTypeOf<KfMockBehaviour['sendWindowErrcode']>().toEqualTypeOf<95002 | 95018 | 95031>();
    expectTypeOf<KfMockBehaviour['endedSessionTransErrcode']>().toEqualTypeOf<95013 | 95016>();
  });

  it('names fault endpoints as KfEndpoints does', () => {
    const mock = createKfMock();
    expectTypeOf(mock.scenario.failNext)
      .parameter(0)
      .toEqualTypeOf<Parameters<typeof mock.scenario.systemBusy>[0]>();
    // @ts-expect-error: not an endpoint name
    mock.scenario.failNext('send_msg', 95001);
  });
});

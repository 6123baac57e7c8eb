import { describe, expectTypeOf, it } from 'vitest';
import type { KfEndpointName, KfEndpointRequest, KfEndpointResponse } from './endpoints.js';

describe('endpoint helper types', () => {
  it('derive request and response types from the table', () => {
    expectTypeOf<KfEndpointRequest<'account.del'>>().toEqualTypeOf<{ open_kfid: string }>();
    expectTypeOf<KfEndpointResponse<'account.add'>['open_kfid']>().toEqualTypeOf<string>();
    expectTypeOf<KfEndpointResponse<'media.get'>>().toBeNever();
    expectTypeOf<KfEndpointRequest<'sendMsg'>['touser']>().toEqualTypeOf<string>();
    expectTypeOf<
      Extract<KfEndpointRequest<'sendMsg'>, { msgtype: 'text' }>['text']['content']
    >().toEqualTypeOf<string>();
    expectTypeOf<'serviceState.trans'>().toExtend<KfEndpointName>();
    expectTypeOf<'service_state.trans'>().not.toExtend<KfEndpointName>();
  });
});

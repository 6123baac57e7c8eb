import { describe, expectTypeOf, it } from 'vitest';
import {
  type KfAccountAuthChangeCallback,
  KfCallbackEvent,
  type KfCallbackEventName,
  type KfMsgOrEventCallback,
} from './callback.js';

describe('callback types', () => {
  it('narrows on Event', () => {
    const c = KfCallbackEvent.parse({});
    switch (c.Event) {
      case 'kf_msg_or_event':
        expectTypeOf(c.OpenKfId).toEqualTypeOf<string>();
        expectTypeOf(c.CreateTime).toEqualTypeOf<number>();
        break;
      case 'kf_account_auth_change':
        expectTypeOf(c.AuthAddOpenKfId).toEqualTypeOf<string[]>();
        break;
      case 'unknown':
        expectTypeOf(c.raw).toEqualTypeOf<Record<string, unknown>>();
        break;
      default:
        expectTypeOf(c).toBeNever();
    }
  });

  it('coerces and normalises in the output types', () => {
    expectTypeOf<KfCallbackEvent['Event']>().toEqualTypeOf<KfCallbackEventName | 'unknown'>();
    expectTypeOf<KfMsgOrEventCallback['CreateTime']>().toEqualTypeOf<number>();
    expectTypeOf<KfAccountAuthChangeCallback['AuthDelOpenKfId']>().toEqualTypeOf<string[]>();
    expectTypeOf<KfAccountAuthChangeCallback['FromUserName']>().toEqualTypeOf<string | undefined>();
  });
});

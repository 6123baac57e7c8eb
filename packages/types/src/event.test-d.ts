import { describe, expectTypeOf, it } from 'vitest';
import type { KfWechatChannels } from './common.js';
import {
  type KfEnterSessionEvent,
  KfEvent,
  type KfEventType,
  type KfServicerStatusChangeEvent,
  type KfUnknownEvent,
} from './event.js';

describe('KfEvent types', () => {
  it('narrows on event_type', () => {
    const e = KfEvent.parse({});
    switch (e.event_type) {
      case 'enter_session':
        expectTypeOf(e.welcome_code).toEqualTypeOf<string | undefined>();
        expectTypeOf(e.wechat_channels).toEqualTypeOf<KfWechatChannels | undefined>();
        expectTypeOf(e.external_userid).toEqualTypeOf<string>();
        break;
      case 'msg_send_fail':
        expectTypeOf(e.fail_type).toEqualTypeOf<number>();
        expectTypeOf(e.fail_msgid).toEqualTypeOf<string>();
        break;
      case 'servicer_status_change':
        expectTypeOf(e.status).toEqualTypeOf<number>();
        expectTypeOf(e.stop_type).toEqualTypeOf<number | undefined>();
        break;
      case 'session_status_change':
        expectTypeOf(e.msg_code).toEqualTypeOf<string | undefined>();
        break;
      case 'user_recall_msg':
      case 'servicer_recall_msg':
        expectTypeOf(e.recall_msgid).toEqualTypeOf<string>();
        break;
      case 'reject_customer_msg_switch_change':
        expectTypeOf(e.reject_switch).toEqualTypeOf<number>();
        break;
      case 'unknown':
        expectTypeOf(e.raw).toEqualTypeOf<Record<string, unknown>>();
        expectTypeOf(e.open_kfid).toEqualTypeOf<string | undefined>();
        break;
      default:
        expectTypeOf(e).toBeNever();
    }
  });

  it('discriminates on the known types plus the unknown literal', () => {
    expectTypeOf<KfEvent['event_type']>().toEqualTypeOf<KfEventType | 'unknown'>();
    expectTypeOf<KfUnknownEvent['event_type']>().toEqualTypeOf<'unknown'>();
    expectTypeOf<KfEnterSessionEvent['scene']>().toEqualTypeOf<string | undefined>();
  });

  it('does not declare a customer on servicer_status_change', () => {
    // Known fields only (no index signature): reading it is a compile error, not an `unknown`.
    expectTypeOf<KfServicerStatusChangeEvent>().not.toHaveProperty('external_userid');
  });
});

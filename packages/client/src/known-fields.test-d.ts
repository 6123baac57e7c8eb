import type { AccountListResponse, KfMsg, KfMsgOrEventCallback, SyncMsgResponse } from '@kf/types';
import { describe, expectTypeOf, it } from 'vitest';
import { createCallbackHandler } from './callback.js';
import { KfClient } from './client.js';

/*
 * Responses, received messages and callback events reach a user of @kf/client with their known
 * fields only (no index signature): a misspelt field is a compile error. Each `@ts-expect-error`
 * is such a typo; should an index signature come back, the line compiles and the directive fails.
 */

describe('what the client returns lists its known fields only', () => {
  it('refuses a misspelt field of a response', async () => {
    const kf = new KfClient({ corpId: 'ww', secret: 's' });
    const page = await kf.account.list();
    expectTypeOf(page).toEqualTypeOf<AccountListResponse>();
    expectTypeOf(page.account_list[0]?.open_kfid).toEqualTypeOf<string | undefined>();
    // @ts-expect-error: the field is `account_list`
    page.acount_list;
    const state = await kf.serviceState.get({ open_kfid: 'wk', external_userid: 'wm' });
    // @ts-expect-error: the field is `service_state`
    state.servicestate;
  });

  it('refuses a misspelt field of a pulled message, payload included', async () => {
    const kf = new KfClient({ corpId: 'ww', secret: 's' });
    for await (const page of kf.syncMsgPages({ open_kfid: 'wk' })) {
      expectTypeOf(page).toEqualTypeOf<SyncMsgResponse>();
      // @ts-expect-error: the field is `next_cursor`
      page.next_curosr;
      for (const msg of page.msg_list) {
        expectTypeOf(msg).toEqualTypeOf<KfMsg>();
        if (msg.msgtype === 'text') {
          // @ts-expect-error: the field is `content`
          msg.text.contnet;
        }
      }
    }
  });

  it('refuses a misspelt field in a consumer handler and a callback event', () => {
    const kf = new KfClient({ corpId: 'ww', secret: 's' });
    kf.consumer({
      handler: (msg) => {
        if (msg.msgtype === 'event' && msg.event.event_type === 'enter_session') {
          expectTypeOf(msg.event.welcome_code).toEqualTypeOf<string | undefined>();
          // @ts-expect-error: the field is `welcome_code`
          msg.event.welcom_code;
        }
      },
    });
    createCallbackHandler({
      token: 't',
      encodingAESKey: 'k'.repeat(43),
      corpId: 'ww',
      onEvent: (event) => {
        if (event.Event === 'kf_msg_or_event') {
          expectTypeOf(event).toEqualTypeOf<KfMsgOrEventCallback>();
          // @ts-expect-error: the field is `OpenKfId`
          event.OpenKfid;
        }
      },
    });
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { SendMsgOnEventRequest, SendMsgRequest, SyncMsgRequest, SyncMsgResponse } from './message.js';
import type { KfMsg } from './received-message.js';
import type { KfSendMsgType, SendMsgContent, SendMsgOnEventContent } from './send-message.js';

describe('message endpoint types', () => {
  it('types sync_msg', () => {
    expectTypeOf<SyncMsgResponse['msg_list']>().toEqualTypeOf<KfMsg[]>();
    expectTypeOf<SyncMsgResponse['has_more']>().toEqualTypeOf<number>();
    expectTypeOf<SyncMsgResponse['next_cursor']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<SyncMsgRequest['open_kfid']>().toEqualTypeOf<string>();
    expectTypeOf<SyncMsgRequest['voice_format']>().toEqualTypeOf<0 | 1 | undefined>();
    expectTypeOf<SyncMsgRequest['limit']>().toEqualTypeOf<number | undefined>();
  });

  it('requires the payload object of the chosen msgtype in SendMsgRequest', () => {
    expectTypeOf<{
      touser: string;
      open_kfid: string;
      msgtype: 'text';
      text: { content: string };
    }>().toExtend<SendMsgRequest>();
    expectTypeOf<{ touser: string; open_kfid: string; msgtype: 'text' }>().not.toExtend<SendMsgRequest>();
    expectTypeOf<{
      touser: string;
      open_kfid: string;
      msgtype: 'text';
      image: { media_id: string };
    }>().not.toExtend<SendMsgRequest>();
    expectTypeOf<{
      open_kfid: string;
      msgtype: 'text';
      text: { content: string };
    }>().not.toExtend<SendMsgRequest>();
  });

  it('narrows SendMsgRequest on msgtype', () => {
    expectTypeOf<SendMsgRequest['msgtype']>().toEqualTypeOf<KfSendMsgType>();
    expectTypeOf<
      Extract<SendMsgRequest, { msgtype: 'location' }>['location']['latitude']
    >().toEqualTypeOf<number>();
    expectTypeOf<Extract<SendMsgRequest, { msgtype: 'text' }>['msgid']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<
      Extract<SendMsgContent, { msgtype: 'msgmenu' }>['msgmenu']['list'][number]['type']
    >().toEqualTypeOf<'click' | 'view' | 'miniprogram' | 'text'>();
  });

  it('allows only text and msgmenu on send_msg_on_event', () => {
    expectTypeOf<SendMsgOnEventRequest['msgtype']>().toEqualTypeOf<'text' | 'msgmenu'>();
    expectTypeOf<SendMsgOnEventContent['msgtype']>().toEqualTypeOf<'text' | 'msgmenu'>();
    expectTypeOf<{
      code: string;
      msgtype: 'image';
      image: { media_id: string };
    }>().not.toExtend<SendMsgOnEventRequest>();
    expectTypeOf<{
      code: string;
      msgtype: 'text';
      text: { content: string };
    }>().toExtend<SendMsgOnEventRequest>();
  });
});

describe('request input types', () => {
  it('stay precise through the msgtype gate, so callers building a request are checked', () => {
    expectTypeOf<z.input<typeof SendMsgRequest>>().not.toBeUnknown();
    expectTypeOf<z.input<typeof SendMsgRequest>['touser']>().toEqualTypeOf<string>();
    expectTypeOf<
      Extract<z.input<typeof SendMsgOnEventRequest>, { msgtype: 'text' }>['text']
    >().toEqualTypeOf<{
      content: string;
    }>();
    expectTypeOf<number>().not.toExtend<z.input<typeof SendMsgRequest>>();
    expectTypeOf<{ touser: string; open_kfid: string; msgtype: 'text' }>().not.toExtend<
      z.input<typeof SendMsgRequest>
    >();
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { KfWechatChannels } from './common.js';
import type { KfEvent } from './event.js';
import {
  type KfChannelsShopProductMsg,
  type KfMenuItem,
  type KfMergedMsgItem,
  KfMsg,
  type KfMsgContent,
  type KfMsgType,
  type KfTextMsg,
  type KfUnknownMenuItem,
  type KfUnknownMsg,
  parseKfMsg,
  parseMergedMsgContent,
} from './received-message.js';
import type { KfMenuItemType } from './send-message.js';

describe('KfMsg types', () => {
  it('narrows on msgtype', () => {
    const m = KfMsg.parse({});
    switch (m.msgtype) {
      case 'text':
        expectTypeOf(m.text.content).toEqualTypeOf<string>();
        expectTypeOf(m.open_kfid).toEqualTypeOf<string>();
        expectTypeOf(m.external_userid).toEqualTypeOf<string>();
        expectTypeOf(m.servicer_userid).toEqualTypeOf<string | undefined>();
        break;
      case 'image':
        expectTypeOf(m.image.media_id).toEqualTypeOf<string>();
        break;
      case 'location':
        expectTypeOf(m.location.latitude).toEqualTypeOf<number>();
        expectTypeOf(m.location.name).toEqualTypeOf<string | undefined>();
        break;
      case 'msgmenu': {
        const item = m.msgmenu.list?.[0];
        if (item?.type === 'click') expectTypeOf(item.click.id).toEqualTypeOf<string | undefined>();
        if (item?.type === 'view') expectTypeOf(item.view.url).toEqualTypeOf<string>();
        break;
      }
      case 'merged_msg':
        expectTypeOf(m.merged_msg.item).toEqualTypeOf<KfMergedMsgItem[]>();
        break;
      case 'event':
        expectTypeOf(m.event).toEqualTypeOf<KfEvent>();
        expectTypeOf(m.msgid).toEqualTypeOf<string>();
        expectTypeOf(m.send_time).toEqualTypeOf<number>();
        break;
      case 'unknown':
        expectTypeOf(m.raw).toEqualTypeOf<unknown>();
        expectTypeOf(m.issues).toEqualTypeOf<z.core.$ZodIssue[] | undefined>();
        expectTypeOf(m.msgid).toEqualTypeOf<string | undefined>();
        break;
      case 'voice':
      case 'video':
      case 'file':
      case 'link':
      case 'business_card':
      case 'miniprogram':
      case 'channels_shop_product':
      case 'channels_shop_order':
      case 'channels':
        break;
      default:
        expectTypeOf(m).toBeNever();
    }
  });

  it('has the known msgtypes plus the unknown literal as discriminator', () => {
    expectTypeOf<KfMsg['msgtype']>().toEqualTypeOf<KfMsgType | 'unknown'>();
    expectTypeOf<KfUnknownMsg['msgtype']>().toEqualTypeOf<'unknown'>();
  });

  it('types the optional payload fields', () => {
    expectTypeOf<KfTextMsg['text']['menu_id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<KfChannelsShopProductMsg['channels_shop_product']['sales_price']>().toEqualTypeOf<
      string | number | undefined
    >();
    expectTypeOf<KfChannelsShopProductMsg['channels_shop_product']['head_img']>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<KfChannelsShopProductMsg['channels_shop_product']['head_image']>().toEqualTypeOf<
      string | undefined
    >();
    expectTypeOf<KfMergedMsgItem['msg_content']>().toEqualTypeOf<string>();
    expectTypeOf<KfChannelsShopProductMsg['channels_shop_product']['product_id']>().toEqualTypeOf<
      string | number
    >();
  });

  it('has the known menu item types plus the unknown literal as discriminator', () => {
    expectTypeOf<KfMenuItem['type']>().toEqualTypeOf<KfMenuItemType | 'unknown'>();
    expectTypeOf<Extract<KfMenuItem, { type: 'unknown' }>>().toEqualTypeOf<KfUnknownMenuItem>();
    expectTypeOf<KfUnknownMenuItem['raw']>().toEqualTypeOf<unknown>();
    expectTypeOf<KfWechatChannels['scene']>().toEqualTypeOf<number | undefined>();
  });

  it('types the helpers', () => {
    expectTypeOf(parseKfMsg).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(parseKfMsg).returns.toEqualTypeOf<KfMsg>();
    expectTypeOf(parseMergedMsgContent).returns.toEqualTypeOf<KfMsgContent>();
    expectTypeOf<KfMsgContent['msgtype']>().toEqualTypeOf<KfMsgType | 'unknown'>();
  });
});
